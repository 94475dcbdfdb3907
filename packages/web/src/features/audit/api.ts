/** TanStack Query hook of the audit log. */
import type { AuditEntry, z } from '@kycuong/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, data } from '../../api/client';

export type AuditRecord = z.infer<typeof AuditEntry>;

export interface AuditFilters {
  entityType?: string;
  entityId?: string;
  action?: string;
  actorUserId?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export function useAudit(f: AuditFilters) {
  return useQuery({
    queryKey: ['audit', f],
    queryFn: async () => {
      const query: Record<string, string | number> = { page: f.page, pageSize: f.pageSize };
      for (const k of ['entityType', 'entityId', 'action', 'actorUserId', 'from', 'to'] as const) if (f[k]) query[k] = f[k];
      return data(api.GET('/api/v1/audit', { params: { query } }));
    },
    placeholderData: keepPreviousData,
  });
}

/** The keys whose value differs between the before and after snapshots. */
export function changedKeys(before: unknown, after: unknown): string[] {
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
  return keys.filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]));
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
