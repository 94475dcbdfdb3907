/** TanStack Query hooks of the signed-in user's inbox and notification preferences. */
import type { NotificationPreferencesUpdate } from '@kycuong/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, data } from '../../api/client';

export const inboxKeys = {
  all: ['notifications'] as const,
  list: (unread: boolean, page: number) => ['notifications', 'list', unread, page] as const,
  unread: ['notifications', 'unread-count'] as const,
  preferences: ['notifications', 'preferences'] as const,
};

export function useNotifications(unread: boolean, page: number) {
  return useQuery({
    queryKey: inboxKeys.list(unread, page),
    queryFn: async () =>
      data(api.GET('/api/v1/notifications', { params: { query: { page, pageSize: 20, ...(unread ? { unread: 'true' as const } : {}) } } })),
    placeholderData: keepPreviousData,
  });
}

/** The unread count of the header bell; refreshed every minute while the app is open. */
export function useUnreadCount() {
  return useQuery({
    queryKey: inboxKeys.unread,
    queryFn: async () => data(api.GET('/api/v1/notifications/unread-count')),
    refetchInterval: 60_000,
  });
}

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => data(api.POST('/api/v1/notifications/{id}/read', { params: { path: { id } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: inboxKeys.all }),
  });
}

export function useMarkAllRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async () => data(api.POST('/api/v1/notifications/read-all')),
    onSuccess: () => qc.invalidateQueries({ queryKey: inboxKeys.all }),
  });
}

export function usePreferences() {
  return useQuery({ queryKey: inboxKeys.preferences, queryFn: async () => data(api.GET('/api/v1/notifications/preferences')) });
}

export function useSavePreferences() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: NotificationPreferencesUpdate) => data(api.PUT('/api/v1/notifications/preferences', { body })),
    onSuccess: (p) => qc.setQueryData(inboxKeys.preferences, p),
  });
}

/** In-app path of a notification link: the server names tasks and documents by their API paths. */
export function appPath(link: string | null): string | null {
  if (!link) return null;
  let path = link;
  try {
    const u = new URL(link, window.location.origin);
    if (u.origin !== window.location.origin) return null;
    path = u.pathname + u.search;
  } catch {
    return null;
  }
  return path.replace(/^\/tasks\//, '/cong-viec/').replace(/^\/documents\//, '/van-ban/');
}
