/**
 * The task workflow as one declarative table: for each action, which side may take it, from
 * which statuses, into which status, and whether a reason is mandatory. The server checks every
 * request against it and computes the caller's `allowedActions` from the same table, so the web
 * app shows exactly what the server will accept.
 *
 * Sides of a task (computed by the server from the actor and the task):
 * - `assigner`: the assigner person, or anyone holding `task.assign` over the assigner org;
 * - `lead`: the lead person, or for a unit lead its head or deputies (or a `leader` granted on it);
 * - `coordinator`: a coordinating person, or the head/deputies of a coordinating unit;
 * - `reminder`: holds `task.remind` over the assigner org (monitoring officers of the office);
 * - `escalation`: the person the overdue task was escalated to.
 */
import { OPEN_STATUSES, TASK_ACTIONS, TASK_STATUSES, type TaskAction, type TaskStatus } from './model';

export const TASK_SIDES = ['assigner', 'lead', 'coordinator', 'reminder', 'escalation'] as const;
export type TaskSide = (typeof TASK_SIDES)[number];

/** What the rules need to know about a task. */
export interface TaskFacts {
  status: TaskStatus;
  hasDeadline: boolean;
  /** An extension request waits for the assigner's decision. */
  pendingExtension: boolean;
}

export interface TransitionRule {
  action: TaskAction;
  sides: readonly TaskSide[];
  from: readonly TaskStatus[];
  /** New status; absent = unchanged. */
  to?: TaskStatus | ((from: TaskStatus) => TaskStatus);
  /** A reason (lý do) must be given. */
  reason?: boolean;
  /** Further condition on the task, with the Vietnamese explanation when it fails. */
  when?: { test: (f: TaskFacts) => boolean; message: string };
}

const WORKING: TaskStatus[] = ['accepted', 'in_progress'];
const HELD_BY_LEAD: TaskStatus[] = ['assigned', 'accepted', 'in_progress'];
const OPEN = OPEN_STATUSES;
const ALL = TASK_STATUSES;
const PARTICIPANTS: TaskSide[] = ['assigner', 'lead', 'coordinator', 'reminder', 'escalation'];
const hasPending = { test: (f: TaskFacts) => f.pendingExtension, message: 'Không có đề nghị gia hạn đang chờ xử lý' };

export const TASK_RULES: readonly TransitionRule[] = [
  { action: 'accept', sides: ['lead'], from: ['assigned'], to: 'accepted' },
  { action: 'report_progress', sides: ['lead'], from: WORKING, to: 'in_progress' },
  // Coordinators report on their part; the task's status stays the lead's business.
  { action: 'report_progress', sides: ['coordinator'], from: WORKING },
  { action: 'report_completion', sides: ['lead'], from: WORKING, to: 'completion_reported' },
  { action: 'accept_completion', sides: ['assigner'], from: ['completion_reported'], to: 'done' },
  { action: 'send_back', sides: ['assigner'], from: ['completion_reported'], to: 'in_progress', reason: true },
  { action: 'return', sides: ['lead'], from: HELD_BY_LEAD, to: 'returned', reason: true },
  { action: 'transfer', sides: ['lead'], from: HELD_BY_LEAD, to: 'assigned', reason: true },
  // The assigner reassigns: to another unit, or back to the one that returned it.
  { action: 'transfer', sides: ['assigner'], from: [...HELD_BY_LEAD, 'returned'], to: 'assigned', reason: true },
  // Forwarding implies taking the task on: an unaccepted task becomes accepted.
  { action: 'forward', sides: ['lead'], from: HELD_BY_LEAD, to: (s) => (s === 'assigned' ? 'accepted' : s) },
  {
    action: 'request_extension',
    sides: ['lead'],
    from: WORKING,
    reason: true,
    when: { test: (f) => f.hasDeadline && !f.pendingExtension, message: 'Nhiệm vụ không có hạn hoặc đã có đề nghị gia hạn đang chờ' },
  },
  { action: 'approve_extension', sides: ['assigner'], from: WORKING, when: hasPending },
  { action: 'refuse_extension', sides: ['assigner'], from: WORKING, reason: true, when: hasPending },
  { action: 'change_deadline', sides: ['assigner'], from: OPEN, reason: true },
  { action: 'remind', sides: ['assigner', 'reminder', 'escalation'], from: HELD_BY_LEAD },
  { action: 'cancel', sides: ['assigner'], from: OPEN, to: 'cancelled', reason: true },
  { action: 'edit', sides: ['assigner'], from: OPEN },
  { action: 'comment', sides: PARTICIPANTS, from: ALL },
];

export type Decision =
  | { ok: true; to: TaskStatus; rule: TransitionRule }
  /** `side`: the caller is on no side that may ever take this action (403); `status`/`condition`: not now (409). */
  | { ok: false; code: 'side' | 'status' | 'condition'; message: string };

const STATUS_VI: Record<TaskStatus, string> = {
  assigned: 'chờ tiếp nhận',
  accepted: 'đã tiếp nhận',
  in_progress: 'đang thực hiện',
  completion_reported: 'đã báo cáo hoàn thành',
  done: 'hoàn thành',
  returned: 'bị trả lại',
  cancelled: 'đã hủy',
};

/** Whether `sides` may take `action` on a task in this state, and the resulting status. */
export function decideTaskAction(action: TaskAction, facts: TaskFacts, sides: ReadonlySet<TaskSide> | readonly TaskSide[]): Decision {
  const has = (s: TaskSide) => (sides instanceof Set ? sides.has(s) : (sides as readonly TaskSide[]).includes(s));
  const mine = TASK_RULES.filter((r) => r.action === action && r.sides.some(has));
  if (mine.length === 0) return { ok: false, code: 'side', message: 'Bạn không có quyền thực hiện thao tác này đối với nhiệm vụ' };
  const byStatus = mine.filter((r) => r.from.includes(facts.status));
  if (byStatus.length === 0) return { ok: false, code: 'status', message: `Không thể thực hiện khi nhiệm vụ ${STATUS_VI[facts.status]}` };
  const passing = byStatus.find((r) => !r.when || r.when.test(facts));
  if (!passing) return { ok: false, code: 'condition', message: byStatus[0]!.when!.message };
  const to = passing.to === undefined ? facts.status : typeof passing.to === 'function' ? passing.to(facts.status) : passing.to;
  return { ok: true, to, rule: passing };
}

/** Every action the sides may take now, in the order of {@link TASK_ACTIONS}. */
export function allowedTaskActions(facts: TaskFacts, sides: ReadonlySet<TaskSide> | readonly TaskSide[]): TaskAction[] {
  return TASK_ACTIONS.filter((a) => decideTaskAction(a, facts, sides).ok);
}

/** Actions that require a reason whoever takes them. */
export function reasonRequired(action: TaskAction): boolean {
  return TASK_RULES.some((r) => r.action === action && r.reason === true);
}
