/** TanStack Query hooks of union campaigns: list, detail with totals, ledger, entry, receipts, public page. */
import type { CampaignBatchRow, CampaignCreate, CampaignStatus, CampaignUpdate, EntryKind, z } from '@kycuong/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiUrl, data } from '../../api/client';

export interface CampaignFilters {
  status?: CampaignStatus | undefined;
  kind?: 'money' | 'movement' | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

export const campaignKeys = {
  all: ['campaigns'] as const,
  list: (f: CampaignFilters) => ['campaigns', 'list', f] as const,
  detail: (id: string, unitParentId?: string) => ['campaigns', 'detail', id, unitParentId ?? ''] as const,
  entries: (id: string, q: object) => ['campaigns', 'entries', id, q] as const,
  members: (id: string) => ['campaigns', 'members', id] as const,
  mine: (page: number) => ['campaigns', 'mine', page] as const,
  public: (id: string) => ['public-campaign', id] as const,
};

export function useCampaigns(f: CampaignFilters) {
  return useQuery({
    queryKey: campaignKeys.list(f),
    queryFn: async () =>
      data(
        api.GET('/api/v1/campaigns', {
          params: {
            query: {
              page: f.page,
              pageSize: f.pageSize,
              ...(f.status ? { status: f.status } : {}),
              ...(f.kind ? { kind: f.kind } : {}),
              ...(f.q ? { q: f.q } : {}),
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useCampaign(id: string | undefined, unitParentId?: string) {
  return useQuery({
    queryKey: campaignKeys.detail(id ?? '', unitParentId),
    queryFn: async () =>
      data(api.GET('/api/v1/campaigns/{id}', { params: { path: { id: id! }, query: unitParentId ? { unitParentId } : {} } })),
    enabled: !!id,
    placeholderData: keepPreviousData,
  });
}

export function useCampaignEntries(id: string, q: { page: number; pageSize: number; kind?: EntryKind | undefined; mine?: boolean }) {
  return useQuery({
    queryKey: campaignKeys.entries(id, q),
    queryFn: async () =>
      data(
        api.GET('/api/v1/campaigns/{id}/entries', {
          params: {
            path: { id },
            query: {
              page: q.page,
              pageSize: q.pageSize,
              ...(q.kind ? { kind: q.kind } : {}),
              ...(q.mine ? { mine: 'true' as const } : {}),
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** Every member the caller may record for (a tổ has tens of members; 1000 covers a whole union). */
export function useCampaignMembers(id: string, enabled: boolean) {
  return useQuery({
    queryKey: campaignKeys.members(id),
    queryFn: async () => data(api.GET('/api/v1/campaigns/{id}/members', { params: { path: { id }, query: { page: 1, pageSize: 1000 } } })),
    enabled,
  });
}

export function useMyEntries(page: number, pageSize = 20) {
  return useQuery({
    queryKey: campaignKeys.mine(page),
    queryFn: async () => data(api.GET('/api/v1/campaigns/my-entries', { params: { query: { page, pageSize } } })),
    placeholderData: keepPreviousData,
  });
}

export function usePublicCampaign(id: string | undefined) {
  return useQuery({
    queryKey: campaignKeys.public(id ?? ''),
    queryFn: async () => data(api.GET('/api/v1/public/campaigns/{id}', { params: { path: { id: id! } } })),
    enabled: !!id,
  });
}

/** Invalidates everything cached about campaigns after a change. */
function useInvalidate() {
  const qc = useQueryClient();
  return async () => {
    await qc.invalidateQueries({ queryKey: campaignKeys.all });
    await qc.invalidateQueries({ queryKey: ['public-campaign'] });
  };
}

export function useCreateCampaign() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: async (body: z.input<typeof CampaignCreate>) => data(api.POST('/api/v1/campaigns', { body })),
    onSuccess: invalidate,
  });
}

export function useUpdateCampaign() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: async ({ id, ...body }: z.input<typeof CampaignUpdate> & { id: string }) =>
      data(api.PATCH('/api/v1/campaigns/{id}', { params: { path: { id } }, body })),
    onSuccess: invalidate,
  });
}

export function useTransition() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: async ({ id, status, version }: { id: string; status: CampaignStatus; version: number }) =>
      data(api.POST('/api/v1/campaigns/{id}/status', { params: { path: { id } }, body: { status, version } })),
    onSuccess: invalidate,
  });
}

export function useRecordBatch() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: async ({ id, rows }: { id: string; rows: z.input<typeof CampaignBatchRow>[] }) =>
      data(api.POST('/api/v1/campaigns/{id}/contributions/batch', { params: { path: { id } }, body: { rows } })),
    onSuccess: invalidate,
  });
}

export function usePledge() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: async ({ id, amount }: { id: string; amount: number }) =>
      data(api.POST('/api/v1/campaigns/{id}/pledges', { params: { path: { id } }, body: { amount } })),
    onSuccess: invalidate,
  });
}

export function useReverse() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: async ({ id, entryId, reason }: { id: string; entryId: string; reason: string }) =>
      data(api.POST('/api/v1/campaigns/{id}/entries/{entryId}/reverse', { params: { path: { id, entryId } }, body: { reason } })),
    onSuccess: invalidate,
  });
}

export function useConfirm() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: async ({ id, entryId }: { id: string; entryId: string }) =>
      data(api.POST('/api/v1/campaigns/{id}/entries/{entryId}/confirm', { params: { path: { id, entryId } } })),
    onSuccess: invalidate,
  });
}

export function useAddHandover() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: async ({ id, ...body }: { id: string; amount: number; date: string; recipient: string; note?: string | null }) =>
      data(api.POST('/api/v1/campaigns/{id}/handovers', { params: { path: { id } }, body })),
    onSuccess: invalidate,
  });
}

export function useUploadHandoverFile() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: async ({ id, handoverId, file }: { id: string; handoverId: string; file: File }) => {
      const form = new FormData();
      form.append('file', file);
      // Multipart: the browser sets the boundary; the body is sent as is.
      return data(
        api.POST('/api/v1/campaigns/{id}/handovers/{handoverId}/files', {
          params: { path: { id, handoverId } },
          body: form as never,
          bodySerializer: (b: unknown) => b as FormData,
        }),
      );
    },
    onSuccess: invalidate,
  });
}

export const receiptUrl = (campaignId: string, entryId: string) =>
  apiUrl(`/api/v1/campaigns/${campaignId}/contributions/${entryId}/receipt.pdf`);
export const exportUrl = (campaignId: string) => apiUrl(`/api/v1/campaigns/${campaignId}/export.xlsx`);
export const handoverFileUrl = (campaignId: string, handoverId: string, fileId: string) =>
  apiUrl(`/api/v1/campaigns/${campaignId}/handovers/${handoverId}/files/${fileId}`);
export const publicPath = (campaignId: string) => `/cong-khai/van-dong/${campaignId}`;
