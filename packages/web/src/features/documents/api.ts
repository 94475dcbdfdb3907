/** TanStack Query hooks of directing documents: list, detail, create/edit, issue, task groups, numbers. */
import type {
  DocumentCreate,
  DocumentDetail,
  DocumentIssue,
  DocumentStatus,
  DocumentType,
  DocumentUpdate,
  TaskGroupCreate,
  z,
} from '@kycuong/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiUrl, data } from '../../api/client';
import { defined } from '../tasks/api';

export interface DocumentFilters {
  q?: string | undefined;
  type?: DocumentType | undefined;
  status?: DocumentStatus | undefined;
  issuingOrgId?: string | undefined;
  implementsId?: string | undefined;
  page: number;
  pageSize: number;
}

export const documentKeys = {
  all: ['documents'] as const,
  list: (f: DocumentFilters) => ['documents', 'list', f] as const,
  detail: (id: string) => ['documents', 'detail', id] as const,
};

export function useDocuments(f: DocumentFilters, enabled = true) {
  return useQuery({
    queryKey: documentKeys.list(f),
    queryFn: async () => data(api.GET('/api/v1/documents', { params: { query: defined(f) } })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useDocument(id: string | undefined) {
  return useQuery({
    queryKey: documentKeys.detail(id ?? ''),
    queryFn: async () => data(api.GET('/api/v1/documents/{id}', { params: { path: { id: id! } } })),
    enabled: !!id,
  });
}

function useDocumentMutation<V>(fn: (v: V) => Promise<DocumentDetail>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async (d) => {
      qc.setQueryData(documentKeys.detail(d.id), d);
      await qc.invalidateQueries({ queryKey: documentKeys.all, predicate: (q) => q.queryKey[1] !== 'detail' });
    },
  });
}

export function useCreateDocument() {
  return useDocumentMutation(async (body: z.input<typeof DocumentCreate>) =>
    data(api.POST('/api/v1/documents', { body: body as DocumentCreate })),
  );
}

export function useUpdateDocument(id: string) {
  return useDocumentMutation(async (body: DocumentUpdate) => data(api.PATCH('/api/v1/documents/{id}', { params: { path: { id } }, body })));
}

export function useIssueDocument(id: string) {
  return useDocumentMutation(async (body: z.input<typeof DocumentIssue>) =>
    data(api.POST('/api/v1/documents/{id}/issue', { params: { path: { id } }, body: body as DocumentIssue })),
  );
}

export function useAddGroup(id: string) {
  return useDocumentMutation(async (body: z.input<typeof TaskGroupCreate>) =>
    data(api.POST('/api/v1/documents/{id}/groups', { params: { path: { id } }, body })),
  );
}

/** The next official number of an issuing org for a type (and date), with its series. */
export function useNextNumber(q: { orgId?: string | undefined; type?: DocumentType | undefined; date?: string | undefined }) {
  return useQuery({
    queryKey: ['documents', 'next-number', q],
    queryFn: async () =>
      data(
        api.GET('/api/v1/documents/next-number', { params: { query: { orgId: q.orgId!, type: q.type!, ...defined({ date: q.date }) } } }),
      ),
    enabled: !!q.orgId && !!q.type,
    retry: false,
  });
}

export const documentFileUrl = (documentId: string, fileId: string) => apiUrl(`/api/v1/documents/${documentId}/files/${fileId}`);
