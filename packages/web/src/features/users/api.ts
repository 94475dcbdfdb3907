/** TanStack Query hooks of accounts and role grants. */
import type { GrantCreate, User, z } from '@kycuong/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, data } from '../../api/client';

export const userKeys = {
  all: ['users'] as const,
  list: (q: string, page: number, pageSize: number) => ['users', 'list', q, page, pageSize] as const,
  detail: (id: string) => ['users', 'detail', id] as const,
};

export function useUsers(q: string, page: number, pageSize: number, enabled = true) {
  return useQuery({
    queryKey: userKeys.list(q, page, pageSize),
    queryFn: async () => data(api.GET('/api/v1/users', { params: { query: { ...(q ? { q } : {}), page, pageSize } } })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useUser(id: string | undefined) {
  return useQuery({
    queryKey: userKeys.detail(id ?? ''),
    queryFn: async () => data(api.GET('/api/v1/users/{id}', { params: { path: { id: id! } } })),
    enabled: !!id,
  });
}

function useUserMutation<V>(fn: (v: V) => Promise<User>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async (user) => {
      qc.setQueryData(userKeys.detail(user.id), user);
      await qc.invalidateQueries({ queryKey: ['users', 'list'] });
      // People show their account name.
      await qc.invalidateQueries({ queryKey: ['people'] });
    },
  });
}

export function useCreateUser() {
  return useUserMutation(async (body: { username: string; personId: string | null; password: string }) =>
    data(api.POST('/api/v1/users', { body })),
  );
}

export function useSetUserActive() {
  return useUserMutation(async ({ id, version, active }: { id: string; version: number; active: boolean }) =>
    data(api.PATCH('/api/v1/users/{id}', { params: { path: { id } }, body: { version, active } })),
  );
}

export function useResetPassword() {
  return useUserMutation(async ({ id, newPassword }: { id: string; newPassword: string }) =>
    data(api.POST('/api/v1/users/{id}/reset-password', { params: { path: { id } }, body: { newPassword } })),
  );
}

export function useResetTotp() {
  return useUserMutation(async (id: string) => data(api.POST('/api/v1/users/{id}/reset-totp', { params: { path: { id } } })));
}

export function useAddGrant() {
  return useUserMutation(async ({ userId, ...body }: z.infer<typeof GrantCreate> & { userId: string }) =>
    data(api.POST('/api/v1/users/{id}/grants', { params: { path: { id: userId } }, body })),
  );
}

export function useRemoveGrant() {
  return useUserMutation(async (grantId: string) => data(api.DELETE('/api/v1/grants/{id}', { params: { path: { id: grantId } } })));
}
