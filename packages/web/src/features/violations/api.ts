/**
 * TanStack Query hooks of the violations capability: catalogues, cases and their workflow,
 * statistics, explanation requests, discipline tracks and the public page of handled reports.
 */
import type {
  CaseCreate,
  CaseDetail,
  CasePublicationUpdate,
  CaseSource,
  CaseStatus,
  CaseTransition,
  CatalogueCreate,
  CatalogueUpdate,
  z,
} from '@kycuong/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, data } from '../../api/client';

export interface CaseFilters {
  orgId?: string | undefined;
  item?: string | undefined;
  group?: string | undefined;
  source?: CaseSource | undefined;
  status?: CaseStatus | undefined;
  from?: string | undefined;
  to?: string | undefined;
  page: number;
  pageSize: number;
}

export const violationKeys = {
  catalogues: ['catalogues'] as const,
  catalogue: (id: string, version?: number) => ['catalogues', id, version ?? 'current'] as const,
  cases: ['cases'] as const,
  list: (f: CaseFilters) => ['cases', 'list', f] as const,
  detail: (id: string) => ['cases', 'detail', id] as const,
  stats: (q: object) => ['cases', 'stats', q] as const,
  explanations: ['cases', 'explanation-requests'] as const,
  discipline: (personId: string) => ['discipline', personId] as const,
  regimes: ['discipline', 'regimes'] as const,
  public: (orgCode: string, page: number) => ['public-handled-cases', orgCode, page] as const,
};

/** Drops undefined and empty values so the query string carries only what is set. */
function defined<T extends object>(o: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}

export function useCatalogues(enabled = true) {
  return useQuery({
    queryKey: violationKeys.catalogues,
    queryFn: async () => data(api.GET('/api/v1/catalogues', { params: { query: {} } })),
    enabled,
  });
}

export function useCatalogue(id: string | undefined, version?: number) {
  return useQuery({
    queryKey: violationKeys.catalogue(id ?? '', version),
    queryFn: async () => data(api.GET('/api/v1/catalogues/{id}', { params: { path: { id: id! }, query: version ? { version } : {} } })),
    enabled: !!id,
    placeholderData: keepPreviousData,
  });
}

export function useCreateCatalogue() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: z.input<typeof CatalogueCreate>) => data(api.POST('/api/v1/catalogues', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: violationKeys.catalogues }),
  });
}

export function useSaveCatalogue(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: z.input<typeof CatalogueUpdate>) =>
      data(api.PUT('/api/v1/catalogues/{id}', { params: { path: { id } }, body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: violationKeys.catalogues }),
  });
}

/** Directive documents to hang a catalogue on (the documents registry). */
export function useDirectives(q: string) {
  return useQuery({
    queryKey: ['documents', 'directives', q],
    queryFn: async () => data(api.GET('/api/v1/documents', { params: { query: defined({ q: q || undefined, page: 1, pageSize: 20 }) } })),
    placeholderData: keepPreviousData,
  });
}

export function useCases(f: CaseFilters) {
  return useQuery({
    queryKey: violationKeys.list(f),
    queryFn: async () => data(api.GET('/api/v1/cases', { params: { query: defined(f) } })),
    placeholderData: keepPreviousData,
  });
}

export function useCase(id: string | undefined) {
  return useQuery({
    queryKey: violationKeys.detail(id ?? ''),
    queryFn: async () => data(api.GET('/api/v1/cases/{id}', { params: { path: { id: id! } } })),
    enabled: !!id,
  });
}

function useCaseMutation<V>(fn: (v: V) => Promise<CaseDetail>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async (c) => {
      qc.setQueryData(violationKeys.detail(c.id), c);
      await qc.invalidateQueries({ queryKey: violationKeys.cases });
    },
  });
}

export function useCreateCase() {
  return useCaseMutation(async (body: z.input<typeof CaseCreate>) => data(api.POST('/api/v1/cases', { body })));
}

export function useTransition(id: string) {
  return useCaseMutation(async (body: z.input<typeof CaseTransition>) =>
    data(api.POST('/api/v1/cases/{id}/transition', { params: { path: { id } }, body })),
  );
}

export function useAddCaseMember(id: string) {
  return useCaseMutation(async (personId: string) =>
    data(api.POST('/api/v1/cases/{id}/members', { params: { path: { id } }, body: { personId } })),
  );
}

export function usePublication(id: string) {
  return useCaseMutation(async (body: z.input<typeof CasePublicationUpdate>) =>
    data(api.PUT('/api/v1/cases/{id}/publication', { params: { path: { id } }, body })),
  );
}

export function useCaseStats(q: {
  orgId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  outcome: 'violation' | 'any';
}) {
  return useQuery({
    queryKey: violationKeys.stats(q),
    queryFn: async () => data(api.GET('/api/v1/cases/stats', { params: { query: defined(q) } })),
    placeholderData: keepPreviousData,
  });
}

export function useExplanationRequests() {
  return useQuery({
    queryKey: violationKeys.explanations,
    queryFn: async () => data(api.GET('/api/v1/cases/explanation-requests')),
  });
}

export function useSubmitExplanation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (v: { caseId: string; text: string }) =>
      data(api.POST('/api/v1/cases/{id}/explanation', { params: { path: { id: v.caseId } }, body: { text: v.text } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: violationKeys.explanations }),
  });
}

export function usePersonDiscipline(personId: string | undefined) {
  return useQuery({
    queryKey: violationKeys.discipline(personId ?? ''),
    queryFn: async () => data(api.GET('/api/v1/people/{id}/discipline', { params: { path: { id: personId! } } })),
    enabled: !!personId,
    retry: false,
  });
}

export function useRegimes() {
  return useQuery({
    queryKey: violationKeys.regimes,
    queryFn: async () => data(api.GET('/api/v1/discipline/regimes')),
    staleTime: 5 * 60_000,
  });
}

export function usePublicHandledCases(orgCode: string | undefined, page: number) {
  return useQuery({
    queryKey: violationKeys.public(orgCode ?? '', page),
    queryFn: async () =>
      data(
        api.GET('/api/v1/public/orgs/{orgCode}/handled-cases', {
          params: { path: { orgCode: orgCode! }, query: { page, pageSize: 20 } },
        }),
      ),
    enabled: !!orgCode,
    retry: false,
    placeholderData: keepPreviousData,
  });
}
