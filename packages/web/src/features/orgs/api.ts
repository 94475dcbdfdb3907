/** TanStack Query hooks of the org tree. */
import type { Org, OrgCreate, OrgUpdate, OrgWithAncestors, z } from '@kycuong/domain';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, data } from '../../api/client';

export type OrgDetail = z.infer<typeof OrgWithAncestors>;

export const orgKeys = {
  all: ['orgs'] as const,
  children: (parentId: string | null, includeInactive: boolean) => ['orgs', 'children', parentId, includeInactive] as const,
  search: (q: string, includeInactive: boolean) => ['orgs', 'search', q, includeInactive] as const,
  detail: (id: string) => ['orgs', 'detail', id] as const,
};

async function listChildren(parentId: string | null, includeInactive: boolean): Promise<Org[]> {
  const page = await data(
    api.GET('/api/v1/orgs', {
      params: { query: { ...(parentId ? { parentId } : {}), includeInactive: includeInactive ? 'true' : 'false', pageSize: 1000 } },
    }),
  );
  return page.items;
}

/** Children of an org (or the top-most orgs the user may see), through the query cache. */
export function fetchOrgChildren(qc: QueryClient, parentId: string | null, includeInactive = false): Promise<Org[]> {
  return qc.fetchQuery({
    queryKey: orgKeys.children(parentId, includeInactive),
    queryFn: () => listChildren(parentId, includeInactive),
    staleTime: 30_000,
  });
}

export function useOrgRoots(includeInactive = false) {
  return useQuery({ queryKey: orgKeys.children(null, includeInactive), queryFn: () => listChildren(null, includeInactive) });
}

/** Accent-insensitive search over the whole visible tree (first 50 matches). */
export function useOrgSearch(q: string, includeInactive = false) {
  const term = q.trim();
  return useQuery({
    queryKey: orgKeys.search(term, includeInactive),
    queryFn: async () =>
      data(api.GET('/api/v1/orgs', { params: { query: { q: term, includeInactive: includeInactive ? 'true' : 'false', pageSize: 50 } } })),
    enabled: term.length > 0,
  });
}

export function useOrg(id: string | undefined) {
  return useQuery({
    queryKey: orgKeys.detail(id ?? ''),
    queryFn: async () => data(api.GET('/api/v1/orgs/{id}', { params: { path: { id: id! } } })),
    enabled: !!id,
  });
}

function useOrgMutation<V>(fn: (v: V) => Promise<OrgDetail>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async (org) => {
      qc.setQueryData(orgKeys.detail(org.id), org);
      await qc.invalidateQueries({ queryKey: orgKeys.all });
    },
  });
}

export function useCreateOrg() {
  return useOrgMutation(async (body: z.input<typeof OrgCreate>) => data(api.POST('/api/v1/orgs', { body: body as OrgCreate })));
}

export function useUpdateOrg() {
  return useOrgMutation(async ({ id, ...body }: OrgUpdate & { id: string }) =>
    data(api.PATCH('/api/v1/orgs/{id}', { params: { path: { id } }, body })),
  );
}

export function useMoveOrg() {
  return useOrgMutation(async ({ id, newParentId, version }: { id: string; newParentId: string; version: number }) =>
    data(api.POST('/api/v1/orgs/{id}/move', { params: { path: { id } }, body: { newParentId, version } })),
  );
}
