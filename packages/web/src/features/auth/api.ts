/** Session hooks: the signed-in user (or null), sign-in and sign-out. */
import type { Me } from '@kycuong/domain';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { ApiError, api, data, setCsrfToken } from '../../api/client';
import { applyLocale } from '../../i18n';

export const ME_KEY = ['auth', 'me'] as const;

async function adopt(me: Me): Promise<Me> {
  setCsrfToken(me.csrfToken);
  await applyLocale(me.user.locale);
  return me;
}

/** The signed-in user, or null when there is no valid session. */
export function useMe() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: async (): Promise<Me | null> => {
      try {
        return await adopt(await data(api.GET('/api/v1/auth/me')));
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) {
          setCsrfToken(null);
          return null;
        }
        throw err;
      }
    },
    staleTime: 5 * 60_000,
    retry: false,
  });
}

/** The signed-in user inside the authenticated layout (which renders only once it is known). */
export function useCurrentUser(): Me {
  const { data: me } = useMe();
  if (!me) throw new Error('useCurrentUser outside the signed-in layout');
  return me;
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: { username: string; password: string; totp?: string }) =>
      adopt(await data(api.POST('/api/v1/auth/login', { body }))),
    onSuccess: (me) => {
      signedOut = false;
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
      qc.setQueryData(ME_KEY, me);
    },
  });
}

/** Forgets everything cached for the previous user. */
export function clearSession(qc: QueryClient): void {
  setCsrfToken(null);
  qc.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
  qc.setQueryData(ME_KEY, null);
}

// Set by a deliberate sign-out, cleared by the next sign-in: the layout then sends the user to
// the sign-in page without a link back to the page they left (an expired session keeps one).
let signedOut = false;

/** Whether the user signed out on purpose since the last sign-in. */
export function signedOutDeliberately(): boolean {
  return signedOut;
}

/** Signs out; the signed-in layout then shows the sign-in page. */
export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      await data(api.POST('/api/v1/auth/logout'));
    },
    // Even if the server call fails (session already gone) the browser forgets the user.
    onSettled: () => {
      signedOut = true;
      clearSession(qc);
    },
  });
}
