/** TanStack Query hooks of evaluation: unit lists, one rating with its breakdown, history and the steps. */
import type { ProposalBody, SelfAssessmentBody, z } from '@kycuong/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, data } from '../../api/client';

export const evaluationKeys = {
  all: ['evaluations'] as const,
  list: (orgId: string, period: string, track: string) => ['evaluations', 'list', orgId, period, track] as const,
  detail: (id: string) => ['evaluations', 'detail', id] as const,
  history: (personId?: string) => ['evaluations', 'history', personId ?? 'me'] as const,
};

export function useUnitEvaluations(orgId: string | undefined, period: string, track: 'state' | 'party') {
  return useQuery({
    queryKey: evaluationKeys.list(orgId ?? '', period, track),
    queryFn: async () => data(api.GET('/api/v1/evaluations', { params: { query: { orgId: orgId!, period, track } } })),
    enabled: !!orgId && !!period,
  });
}

export function useEvaluation(id: string | undefined) {
  return useQuery({
    queryKey: evaluationKeys.detail(id ?? ''),
    queryFn: async () => data(api.GET('/api/v1/evaluations/{id}', { params: { path: { id: id! } } })),
    enabled: !!id,
  });
}

export function useEvaluationHistory(personId?: string) {
  return useQuery({
    queryKey: evaluationKeys.history(personId),
    queryFn: async () => data(api.GET('/api/v1/evaluations/history', { params: { query: personId ? { personId } : {} } })),
  });
}

function useInvalidate() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: evaluationKeys.all });
}

export function useOpenCycle() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: async (body: { orgId: string; period: string; track: 'state' | 'party' }) =>
      data(api.POST('/api/v1/evaluations/cycle', { body: { ...body, quotaGroup: 'chung' } })),
    onSuccess: invalidate,
  });
}

export function useSelfAssess(id: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: async (body: z.infer<typeof SelfAssessmentBody>) =>
      data(api.POST('/api/v1/evaluations/{id}/self-assessment', { params: { path: { id } }, body })),
    onSuccess: invalidate,
  });
}

export function usePropose(id: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: async (body: z.input<typeof ProposalBody>) =>
      data(api.POST('/api/v1/evaluations/{id}/proposal', { params: { path: { id } }, body: { taskAdjustments: [], ...body } })),
    onSuccess: invalidate,
  });
}

export function useApprove() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: async ({ id, version }: { id: string; version: number }) =>
      data(api.POST('/api/v1/evaluations/{id}/approval', { params: { path: { id } }, body: { version } })),
    onSuccess: invalidate,
  });
}
