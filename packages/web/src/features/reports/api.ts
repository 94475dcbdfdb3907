/** TanStack Query hooks of the reports page. */
import type { ReportCreate, ReportDraftRequest } from '@kycuong/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, data } from '../../api/client';

export function useReportDraft() {
  return useMutation({
    mutationFn: async (body: ReportDraftRequest) => data(api.POST('/api/v1/reports/draft', { body })),
  });
}

export function useCreateReport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: ReportCreate) => data(api.POST('/api/v1/reports', { body })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['reports'] }),
  });
}

/** One report; polls every second while it is queued or rendering. */
export function useReport(id: string | null) {
  const qc = useQueryClient();
  return useQuery({
    queryKey: ['reports', 'one', id],
    enabled: !!id,
    queryFn: async () => {
      const r = await data(api.GET('/api/v1/reports/{id}', { params: { path: { id: id! } } }));
      if (r.status === 'done' || r.status === 'failed') void qc.invalidateQueries({ queryKey: ['reports', 'list'] });
      return r;
    },
    refetchInterval: (q) => (q.state.data && (q.state.data.status === 'done' || q.state.data.status === 'failed') ? false : 1000),
  });
}

export function useReports(orgId: string | undefined, page: number) {
  return useQuery({
    queryKey: ['reports', 'list', orgId, page],
    queryFn: async () => data(api.GET('/api/v1/reports', { params: { query: { ...(orgId ? { orgId } : {}), page, pageSize: 10 } } })),
    placeholderData: keepPreviousData,
  });
}
