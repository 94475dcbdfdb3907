/**
 * TanStack Query hooks of tasks: the three lists, the detail with its timeline and allowed
 * actions, every workflow action, pickers, file uploads, the working-day preview and the
 * shirking signals of a unit.
 */
import type { DeadlineSpec, FileInfo, OutcomeClass, SignalCode, TaskCreate, TaskDetail, TaskStatus, TaskUpdate, z } from '@kycuong/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiUrl, data } from '../../api/client';

export type TaskView = 'mine' | 'assigned' | 'unit';
export type TaskSort = 'deadline' | '-deadline' | 'created' | '-created' | 'priority' | '-updated';

/** The list query, named exactly as the API's TaskListQuery (and the page URL). */
export interface TaskFilters {
  view: TaskView;
  orgId?: string | undefined;
  outcome?: OutcomeClass | undefined;
  status?: TaskStatus | undefined;
  q?: string | undefined;
  documentId?: string | undefined;
  groupId?: string | undefined;
  leadPersonId?: string | undefined;
  deadlineFrom?: string | undefined;
  deadlineTo?: string | undefined;
  signal?: SignalCode | undefined;
  notUpdated?: 'true' | undefined;
  escalated?: 'true' | undefined;
  sort?: TaskSort | undefined;
  page: number;
  pageSize: number;
}

export type Deadline = z.infer<typeof DeadlineSpec>;

export const taskKeys = {
  all: ['tasks'] as const,
  list: (f: TaskFilters) => ['tasks', 'list', f] as const,
  detail: (id: string) => ['tasks', 'detail', id] as const,
  candidates: (id: string, purpose: string, q: string) => ['tasks', 'candidates', id, purpose, q] as const,
};

/** Drops undefined and empty values so the query string carries only what is set. */
export function defined<T extends object>(o: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}

export function useTasks(f: TaskFilters, enabled = true) {
  return useQuery({
    queryKey: taskKeys.list(f),
    queryFn: async () => data(api.GET('/api/v1/tasks', { params: { query: defined(f) } })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useTask(id: string | undefined) {
  return useQuery({
    queryKey: taskKeys.detail(id ?? ''),
    queryFn: async () => data(api.GET('/api/v1/tasks/{id}', { params: { path: { id: id! } } })),
    enabled: !!id,
  });
}

export function useCreateTask() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: z.input<typeof TaskCreate>) => data(api.POST('/api/v1/tasks', { body: body as TaskCreate })),
    onSuccess: async (t) => {
      qc.setQueryData(taskKeys.detail(t.id), t);
      await qc.invalidateQueries({ queryKey: taskKeys.all });
    },
  });
}

/**
 * Every workflow action of a task, by the name of its route. Each answers the task as the caller
 * now sees it, which replaces the cached detail.
 */
export type TaskRoute =
  | 'accept'
  | 'progress'
  | 'complete'
  | 'accept-completion'
  | 'send-back'
  | 'return'
  | 'transfer'
  | 'forward'
  | 'extension-request'
  | 'extension-approve'
  | 'extension-refuse'
  | 'deadline'
  | 'remind'
  | 'cancel'
  | 'comments';

async function postAction(id: string, route: TaskRoute, body: Record<string, unknown>): Promise<TaskDetail> {
  const params = { path: { id } };
  // The bodies are checked by the forms and by the server; each route's type is one of these.
  switch (route) {
    case 'accept':
      return data(api.POST('/api/v1/tasks/{id}/accept', { params, body: body as never }));
    case 'progress':
      return data(api.POST('/api/v1/tasks/{id}/progress', { params, body: body as never }));
    case 'complete':
      return data(api.POST('/api/v1/tasks/{id}/complete', { params, body: body as never }));
    case 'accept-completion':
      return data(api.POST('/api/v1/tasks/{id}/accept-completion', { params, body: body as never }));
    case 'send-back':
      return data(api.POST('/api/v1/tasks/{id}/send-back', { params, body: body as never }));
    case 'return':
      return data(api.POST('/api/v1/tasks/{id}/return', { params, body: body as never }));
    case 'transfer':
      return data(api.POST('/api/v1/tasks/{id}/transfer', { params, body: body as never }));
    case 'forward':
      return data(api.POST('/api/v1/tasks/{id}/forward', { params, body: body as never }));
    case 'extension-request':
      return data(api.POST('/api/v1/tasks/{id}/extension-request', { params, body: body as never }));
    case 'extension-approve':
      return data(api.POST('/api/v1/tasks/{id}/extension-approve', { params, body: body as never }));
    case 'extension-refuse':
      return data(api.POST('/api/v1/tasks/{id}/extension-refuse', { params, body: body as never }));
    case 'deadline':
      return data(api.POST('/api/v1/tasks/{id}/deadline', { params, body: body as never }));
    case 'remind':
      return data(api.POST('/api/v1/tasks/{id}/remind', { params, body: body as never }));
    case 'cancel':
      return data(api.POST('/api/v1/tasks/{id}/cancel', { params, body: body as never }));
    case 'comments':
      return data(api.POST('/api/v1/tasks/{id}/comments', { params, body: body as never }));
  }
}

export function useTaskAction(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ route, body }: { route: TaskRoute; body: Record<string, unknown> }) => postAction(id, route, body),
    onSuccess: async (t) => {
      qc.setQueryData(taskKeys.detail(t.id), t);
      await qc.invalidateQueries({ queryKey: taskKeys.all, predicate: (q) => q.queryKey[1] !== 'detail' || q.queryKey[2] !== t.id });
    },
  });
}

/** Edits a task's title, description, priority or weight (the assigner; PATCH with the version). */
export function useUpdateTask(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: z.input<typeof TaskUpdate>) => data(api.PATCH('/api/v1/tasks/{id}', { params: { path: { id } }, body })),
    onSuccess: async (t) => {
      qc.setQueryData(taskKeys.detail(t.id), t);
      await qc.invalidateQueries({ queryKey: taskKeys.all, predicate: (q) => q.queryKey[1] !== 'detail' || q.queryKey[2] !== t.id });
    },
  });
}

export function useCandidates(id: string, purpose: 'forward' | 'transfer' | 'coordinator', q: string, enabled = true) {
  return useQuery({
    queryKey: taskKeys.candidates(id, purpose, q),
    queryFn: async () =>
      data(api.GET('/api/v1/tasks/{id}/candidates', { params: { path: { id }, query: defined({ purpose, q: q || undefined }) } })),
    enabled,
    placeholderData: keepPreviousData,
  });
}

/** Uploads one file (multipart); attach it to a task or document by its id. */
export async function uploadFile(file: File): Promise<FileInfo> {
  const form = new FormData();
  form.append('file', file);
  // Multipart: the browser sets the boundary; the body is sent as is.
  return data(api.POST('/api/v1/files', { body: form as never, bodySerializer: (b: unknown) => b as FormData }));
}

export const taskFileUrl = (taskId: string, fileId: string) => apiUrl(`/api/v1/tasks/${taskId}/files/${fileId}`);

/** The date N working days after `from` (first day not counted), as the server's calendar says. */
export function useAddWorkingDays(from: string, days: number | null | undefined) {
  return useQuery({
    queryKey: ['calendar', 'add-working-days', from, days],
    queryFn: async () => data(api.GET('/api/v1/calendar/add-working-days', { params: { query: { from, days: days! } } })),
    enabled: typeof days === 'number' && Number.isInteger(days) && days >= 1,
    staleTime: 5 * 60_000,
  });
}

export interface SignalFilters {
  orgId?: string | undefined;
  code?: SignalCode | undefined;
  from?: string | undefined;
  to?: string | undefined;
  page: number;
  pageSize: number;
}

export function useSignalAggregate(q: { orgId?: string | undefined; from?: string | undefined; to?: string | undefined }) {
  return useQuery({
    queryKey: ['signals', 'aggregate', q],
    queryFn: async () => data(api.GET('/api/v1/signals', { params: { query: defined({ ...q, groupBy: 'org' as const, limit: 100 }) } })),
    placeholderData: keepPreviousData,
  });
}

export function useSignalTasks(f: SignalFilters) {
  return useQuery({
    queryKey: ['signals', 'tasks', f],
    queryFn: async () => data(api.GET('/api/v1/signals/tasks', { params: { query: defined(f) } })),
    placeholderData: keepPreviousData,
  });
}
