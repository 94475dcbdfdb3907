/** TanStack Query hooks of people and memberships. */
import type { MembershipInput, PersonCategory, PersonCreate, PersonDetail, PersonUpdate, z } from '@kycuong/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, data } from '../../api/client';

export type PersonWithMemberships = z.infer<typeof PersonDetail>;

export interface PeopleQuery {
  q?: string;
  orgId?: string;
  direct?: boolean;
  category?: PersonCategory;
  includeInactive?: boolean;
  page?: number;
  pageSize?: number;
}

export const peopleKeys = {
  all: ['people'] as const,
  list: (q: PeopleQuery) => ['people', 'list', q] as const,
  detail: (id: string) => ['people', 'detail', id] as const,
};

export function usePeople(query: PeopleQuery, enabled = true) {
  return useQuery({
    queryKey: peopleKeys.list(query),
    queryFn: async () =>
      data(
        api.GET('/api/v1/people', {
          params: {
            query: {
              ...(query.q ? { q: query.q } : {}),
              ...(query.orgId ? { orgId: query.orgId } : {}),
              ...(query.direct ? { direct: 'true' as const } : {}),
              ...(query.category ? { category: query.category } : {}),
              ...(query.includeInactive ? { includeInactive: 'true' as const } : {}),
              page: query.page ?? 1,
              pageSize: query.pageSize ?? 20,
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function usePerson(id: string | undefined) {
  return useQuery({
    queryKey: peopleKeys.detail(id ?? ''),
    queryFn: async () => data(api.GET('/api/v1/people/{id}', { params: { path: { id: id! } } })),
    enabled: !!id,
  });
}

function usePersonMutation<V>(fn: (v: V) => Promise<PersonWithMemberships>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async (person) => {
      qc.setQueryData(peopleKeys.detail(person.id), person);
      await qc.invalidateQueries({ queryKey: ['people', 'list'] });
    },
  });
}

export function useCreatePerson() {
  return usePersonMutation(async (body: z.input<typeof PersonCreate>) => data(api.POST('/api/v1/people', { body: body as PersonCreate })));
}

export function useUpdatePerson() {
  return usePersonMutation(async ({ id, ...body }: PersonUpdate & { id: string }) =>
    data(api.PATCH('/api/v1/people/{id}', { params: { path: { id } }, body })),
  );
}

export function useAddMembership() {
  return usePersonMutation(async ({ personId, ...body }: z.input<typeof MembershipInput> & { personId: string }) =>
    data(api.POST('/api/v1/people/{id}/memberships', { params: { path: { id: personId } }, body: body as MembershipInput })),
  );
}

export function useUpdateMembership() {
  return usePersonMutation(
    async ({
      id,
      ...body
    }: {
      id: string;
      version: number;
      title?: string | null;
      isHead?: boolean;
      isDeputy?: boolean;
      isPrimary?: boolean;
    }) => data(api.PATCH('/api/v1/memberships/{id}', { params: { path: { id } }, body })),
  );
}

export function useRemoveMembership() {
  return usePersonMutation(async (id: string) => data(api.DELETE('/api/v1/memberships/{id}', { params: { path: { id } } })));
}
