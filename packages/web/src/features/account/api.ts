/** Hooks of "My account": password, two-factor sign-in. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, data } from '../../api/client';
import { ME_KEY } from '../auth/api';

function useRefreshMe() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ME_KEY });
}

export function useChangePassword() {
  const refresh = useRefreshMe();
  return useMutation({
    mutationFn: async (body: { currentPassword: string; newPassword: string }) => data(api.POST('/api/v1/auth/password', { body })),
    onSuccess: refresh,
  });
}

export function useTotpSetup() {
  return useMutation({ mutationFn: async () => data(api.POST('/api/v1/auth/totp/setup')) });
}

export function useTotpConfirm() {
  const refresh = useRefreshMe();
  return useMutation({
    mutationFn: async (code: string) => data(api.POST('/api/v1/auth/totp/confirm', { body: { code } })),
    onSuccess: refresh,
  });
}

export function useTotpDisable() {
  const refresh = useRefreshMe();
  return useMutation({
    mutationFn: async (password: string) => data(api.POST('/api/v1/auth/totp/disable', { body: { password } })),
    onSuccess: refresh,
  });
}
