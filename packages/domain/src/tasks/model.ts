/**
 * The vocabulary of tasks (nhiệm vụ): statuses of the workflow, actions, priorities, recurrence,
 * the kinds of events in a task's history, and their Vietnamese/English labels.
 */

/**
 * Workflow statuses. `returned` = trả lại (the lead gave the task back to the assigner, who must
 * reassign or cancel it). Transfers (chuyển) and forwarding (giao tiếp) are events, not statuses:
 * a transferred task is `assigned` again, to its new lead.
 */
export const TASK_STATUSES = ['assigned', 'accepted', 'in_progress', 'completion_reported', 'done', 'returned', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** Statuses in which the task is still to be done (count for "chưa hoàn thành"). */
export const OPEN_STATUSES: readonly TaskStatus[] = ['assigned', 'accepted', 'in_progress', 'completion_reported', 'returned'];
/** Statuses in which the lead is expected to be working and to report progress. */
export const WORKING_STATUSES: readonly TaskStatus[] = ['accepted', 'in_progress'];

export function isOpenStatus(s: TaskStatus): boolean {
  return OPEN_STATUSES.includes(s);
}

export const TASK_ACTIONS = [
  'accept',
  'report_progress',
  'report_completion',
  'accept_completion',
  'send_back',
  'return',
  'transfer',
  'forward',
  'request_extension',
  'approve_extension',
  'refuse_extension',
  'change_deadline',
  'remind',
  'cancel',
  'edit',
  'comment',
] as const;
export type TaskAction = (typeof TASK_ACTIONS)[number];

export const TASK_PRIORITIES = ['normal', 'high', 'urgent'] as const;
export type TaskPriority = (typeof TASK_PRIORITIES)[number];

export const RECURRENCES = ['none', 'monthly', 'quarterly', 'yearly'] as const;
export type Recurrence = (typeof RECURRENCES)[number];

/** Where a task comes from: a document (and task group), the cascade of a directive, forwarding, or ad hoc. */
export const TASK_SOURCES = ['document', 'cascade', 'forward', 'meeting', 'ad_hoc', 'recurring'] as const;
export type TaskSource = (typeof TASK_SOURCES)[number];

export const TASK_EVENT_TYPES = [
  'created',
  'accepted',
  'progress',
  'coordinator_progress',
  'completion_reported',
  'completion_accepted',
  'sent_back',
  'returned',
  'transferred',
  'forwarded',
  'extension_requested',
  'extension_approved',
  'extension_refused',
  'deadline_changed',
  'reminded',
  'escalated',
  'cancelled',
  'edited',
  'comment',
  'child_completed',
] as const;
export type TaskEventType = (typeof TASK_EVENT_TYPES)[number];

/** Kinds of reminder (đôn đốc): automatic before the deadline, on the day, when overdue; or manual. */
export const REMINDER_KINDS = ['before', 'due', 'overdue', 'manual'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

type Label = { vi: string; en: string };

export const TASK_STATUS_LABELS: Readonly<Record<TaskStatus, Label>> = {
  assigned: { vi: 'Chờ tiếp nhận', en: 'Awaiting acceptance' },
  accepted: { vi: 'Đã tiếp nhận', en: 'Accepted' },
  in_progress: { vi: 'Đang thực hiện', en: 'In progress' },
  completion_reported: { vi: 'Đã báo cáo hoàn thành', en: 'Completion reported' },
  done: { vi: 'Hoàn thành', en: 'Done' },
  returned: { vi: 'Bị trả lại người giao', en: 'Returned to assigner' },
  cancelled: { vi: 'Đã hủy', en: 'Cancelled' },
};

export const TASK_ACTION_LABELS: Readonly<Record<TaskAction, Label>> = {
  accept: { vi: 'Tiếp nhận', en: 'Accept' },
  report_progress: { vi: 'Cập nhật tiến độ', en: 'Report progress' },
  report_completion: { vi: 'Báo cáo hoàn thành', en: 'Report completion' },
  accept_completion: { vi: 'Nghiệm thu, xác nhận hoàn thành', en: 'Accept completion' },
  send_back: { vi: 'Yêu cầu làm lại', en: 'Send back' },
  return: { vi: 'Trả lại người giao', en: 'Return to assigner' },
  transfer: { vi: 'Chuyển đơn vị khác', en: 'Transfer' },
  forward: { vi: 'Giao tiếp cho cấp dưới', en: 'Forward down' },
  request_extension: { vi: 'Xin gia hạn', en: 'Request extension' },
  approve_extension: { vi: 'Đồng ý gia hạn', en: 'Approve extension' },
  refuse_extension: { vi: 'Không đồng ý gia hạn', en: 'Refuse extension' },
  change_deadline: { vi: 'Điều chỉnh hạn', en: 'Change deadline' },
  remind: { vi: 'Đôn đốc', en: 'Remind' },
  cancel: { vi: 'Hủy nhiệm vụ', en: 'Cancel' },
  edit: { vi: 'Sửa thông tin', en: 'Edit' },
  comment: { vi: 'Trao đổi', en: 'Comment' },
};

export const TASK_PRIORITY_LABELS: Readonly<Record<TaskPriority, Label>> = {
  normal: { vi: 'Bình thường', en: 'Normal' },
  high: { vi: 'Quan trọng', en: 'High' },
  urgent: { vi: 'Khẩn', en: 'Urgent' },
};

export const RECURRENCE_LABELS: Readonly<Record<Recurrence, Label>> = {
  none: { vi: 'Không lặp lại', en: 'One-off' },
  monthly: { vi: 'Hằng tháng', en: 'Monthly' },
  quarterly: { vi: 'Hằng quý', en: 'Quarterly' },
  yearly: { vi: 'Hằng năm', en: 'Yearly' },
};

export const TASK_EVENT_LABELS: Readonly<Record<TaskEventType, Label>> = {
  created: { vi: 'Giao nhiệm vụ', en: 'Assigned' },
  accepted: { vi: 'Tiếp nhận', en: 'Accepted' },
  progress: { vi: 'Cập nhật tiến độ', en: 'Progress' },
  coordinator_progress: { vi: 'Đơn vị phối hợp cập nhật', en: 'Coordinator progress' },
  completion_reported: { vi: 'Báo cáo hoàn thành', en: 'Completion reported' },
  completion_accepted: { vi: 'Xác nhận hoàn thành', en: 'Completion accepted' },
  sent_back: { vi: 'Yêu cầu làm lại', en: 'Sent back' },
  returned: { vi: 'Trả lại người giao', en: 'Returned to assigner' },
  transferred: { vi: 'Chuyển đơn vị', en: 'Transferred' },
  forwarded: { vi: 'Giao tiếp cho cấp dưới', en: 'Forwarded' },
  extension_requested: { vi: 'Xin gia hạn', en: 'Extension requested' },
  extension_approved: { vi: 'Đồng ý gia hạn', en: 'Extension approved' },
  extension_refused: { vi: 'Không đồng ý gia hạn', en: 'Extension refused' },
  deadline_changed: { vi: 'Điều chỉnh hạn', en: 'Deadline changed' },
  reminded: { vi: 'Đôn đốc', en: 'Reminded' },
  escalated: { vi: 'Báo cáo cấp trên', en: 'Escalated' },
  cancelled: { vi: 'Hủy nhiệm vụ', en: 'Cancelled' },
  edited: { vi: 'Sửa thông tin', en: 'Edited' },
  comment: { vi: 'Trao đổi', en: 'Comment' },
  child_completed: { vi: 'Nhiệm vụ giao tiếp đã hoàn thành', en: 'Forwarded task completed' },
};
