/**
 * TanStack Query hooks of dissemination (quán triệt): conferences with live attendance, the
 * check-in QR token, self check-in, my acknowledgements with the quiz, and coverage per unit.
 */
import type { ConferenceCreate, ConferenceUpdate, z } from '@kycuong/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, data } from '../../api/client';

export type AttendeeFilter = 'all' | 'attended' | 'absent' | 'acknowledged' | 'missing';

export const disseminationKeys = {
  all: ['dissemination'] as const,
  list: (q: object) => ['dissemination', 'conferences', q] as const,
  detail: (id: string) => ['dissemination', 'conference', id] as const,
  attendees: (id: string, q: object) => ['dissemination', 'conference', id, 'attendees', q] as const,
  token: (id: string) => ['dissemination', 'conference', id, 'token'] as const,
  mine: (status: string) => ['dissemination', 'mine', status] as const,
  coverage: (documentId: string, orgId: string | undefined) => ['dissemination', 'coverage', documentId, orgId ?? ''] as const,
  missing: (documentId: string, orgId: string | undefined, page: number) =>
    ['dissemination', 'missing', documentId, orgId ?? '', page] as const,
  documents: (q: string) => ['dissemination', 'documents', q] as const,
};

/** How often the conference page refreshes attendance while the conference is open. */
export const LIVE_REFRESH_MS = 5000;

export function useConferences(q: { documentId?: string | undefined; page: number; pageSize: number }) {
  return useQuery({
    queryKey: disseminationKeys.list(q),
    queryFn: async () => data(api.GET('/api/v1/conferences', { params: { query: q } })),
    placeholderData: keepPreviousData,
  });
}

export function useConference(id: string, live = false) {
  return useQuery({
    queryKey: disseminationKeys.detail(id),
    queryFn: async () => data(api.GET('/api/v1/conferences/{id}', { params: { path: { id } } })),
    refetchInterval: live ? LIVE_REFRESH_MS : false,
  });
}

export function useAttendees(
  id: string,
  q: { status: AttendeeFilter; q?: string | undefined; page: number; pageSize: number },
  live: boolean,
  enabled = true,
) {
  return useQuery({
    queryKey: disseminationKeys.attendees(id, q),
    queryFn: async () => data(api.GET('/api/v1/conferences/{id}/attendees', { params: { path: { id }, query: q } })),
    placeholderData: keepPreviousData,
    refetchInterval: live ? LIVE_REFRESH_MS : false,
    enabled,
  });
}

/** The signed QR token, fetched again every 10 minutes (it lives 30). */
export function useCheckinToken(id: string, enabled: boolean) {
  return useQuery({
    queryKey: disseminationKeys.token(id),
    queryFn: async () => data(api.GET('/api/v1/conferences/{id}/checkin-token', { params: { path: { id } } })),
    refetchInterval: 10 * 60_000,
    enabled,
  });
}

function useInvalidateAll() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: disseminationKeys.all });
}

export function useCreateConference() {
  const invalidate = useInvalidateAll();
  return useMutation({
    mutationFn: async (body: z.input<typeof ConferenceCreate>) => data(api.POST('/api/v1/conferences', { body })),
    onSuccess: invalidate,
  });
}

export function useUpdateConference(id: string) {
  const invalidate = useInvalidateAll();
  return useMutation({
    mutationFn: async (body: z.input<typeof ConferenceUpdate>) =>
      data(api.PATCH('/api/v1/conferences/{id}', { params: { path: { id } }, body })),
    onSuccess: invalidate,
  });
}

export function useCloseConference(id: string) {
  const invalidate = useInvalidateAll();
  return useMutation({
    mutationFn: async (version: number) =>
      data(api.POST('/api/v1/conferences/{id}/close', { params: { path: { id } }, body: { version } })),
    onSuccess: invalidate,
  });
}

export function useCheckIn(id: string) {
  const invalidate = useInvalidateAll();
  return useMutation({
    mutationFn: async (personId: string) =>
      data(api.POST('/api/v1/conferences/{id}/attendees/{personId}/check-in', { params: { path: { id, personId } } })),
    onSuccess: invalidate,
  });
}

export function useAddAttendee(id: string) {
  const invalidate = useInvalidateAll();
  return useMutation({
    mutationFn: async (personId: string) =>
      data(api.POST('/api/v1/conferences/{id}/attendees', { params: { path: { id } }, body: { personId } })),
    onSuccess: invalidate,
  });
}

export function useRemoveAttendee(id: string) {
  const invalidate = useInvalidateAll();
  return useMutation({
    mutationFn: async (personId: string) =>
      data(api.DELETE('/api/v1/conferences/{id}/attendees/{personId}', { params: { path: { id, personId } } })),
    onSuccess: invalidate,
  });
}

export function useSelfCheckIn() {
  const invalidate = useInvalidateAll();
  return useMutation({
    mutationFn: async (token: string) => data(api.POST('/api/v1/conferences/check-in', { body: { token } })),
    onSuccess: invalidate,
  });
}

export function useMyAcknowledgements(status: 'pending' | 'done' | 'all') {
  return useQuery({
    queryKey: disseminationKeys.mine(status),
    queryFn: async () => data(api.GET('/api/v1/me/acknowledgements', { params: { query: { status, page: 1, pageSize: 50 } } })),
  });
}

export function useAcknowledge(id: string) {
  const invalidate = useInvalidateAll();
  return useMutation({
    mutationFn: async () => data(api.POST('/api/v1/conferences/{id}/acknowledge', { params: { path: { id } }, body: { confirm: true } })),
    onSuccess: invalidate,
  });
}

export function useQuizAttempt(id: string) {
  const invalidate = useInvalidateAll();
  return useMutation({
    mutationFn: async (answers: (number | null)[]) =>
      data(api.POST('/api/v1/conferences/{id}/quiz-attempts', { params: { path: { id } }, body: { answers } })),
    onSuccess: invalidate,
  });
}

export function useCoverage(documentId: string | undefined, orgId: string | undefined) {
  return useQuery({
    queryKey: disseminationKeys.coverage(documentId ?? '', orgId),
    queryFn: async () =>
      data(api.GET('/api/v1/documents/{id}/coverage', { params: { path: { id: documentId! }, query: orgId ? { orgId } : {} } })),
    enabled: !!documentId,
    placeholderData: keepPreviousData,
  });
}

export function useMissing(documentId: string | undefined, orgId: string | undefined, page: number) {
  return useQuery({
    queryKey: disseminationKeys.missing(documentId ?? '', orgId, page),
    queryFn: async () =>
      data(
        api.GET('/api/v1/documents/{id}/coverage/missing', {
          params: { path: { id: documentId! }, query: { ...(orgId ? { orgId } : {}), page, pageSize: 20 } },
        }),
      ),
    enabled: !!documentId,
    placeholderData: keepPreviousData,
  });
}

/** Documents to disseminate (a search box over the registry the user can read). */
export function useDocumentOptions(q: string) {
  return useQuery({
    queryKey: disseminationKeys.documents(q),
    queryFn: async () =>
      data(api.GET('/api/v1/documents', { params: { query: { q: q || undefined, page: 1, pageSize: 20, sort: '-issuedOn' } } })),
    placeholderData: keepPreviousData,
  });
}

/** People to add by hand (accent-insensitive search of the directory). */
export function usePeopleOptions(q: string) {
  return useQuery({
    queryKey: ['dissemination', 'people', q],
    queryFn: async () => data(api.GET('/api/v1/people', { params: { query: { q, page: 1, pageSize: 20 } } })),
    enabled: q.length >= 2,
  });
}
