import { z } from 'zod';
import { Id, PageQuery, QueryBool, paged } from './common';

/**
 * What a notification is about. The list is closed so preferences can be set per kind; add a
 * kind here (with its labels) before using it in `notify`.
 */
export const NOTIFICATION_KINDS = [
  'task.assigned',
  'task.accepted',
  'task.forwarded',
  'task.progress',
  'task.completion_reported',
  'task.approved',
  'task.sent_back',
  'task.returned',
  'task.transferred',
  'task.extension_requested',
  'task.extension_decided',
  'task.cancelled',
  'task.due_soon',
  'task.due_today',
  'task.overdue',
  'task.reminder',
  'task.escalated',
  'task.comment',
  'task.mention',
  'document.issued',
  'document.response_due',
  'signal.raised',
  'system',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export const NotificationKindSchema = z.enum(NOTIFICATION_KINDS);

export const NOTIFICATION_KIND_LABELS: Readonly<Record<NotificationKind, { vi: string; en: string }>> = {
  'task.assigned': { vi: 'Được giao nhiệm vụ', en: 'Task assigned' },
  'task.accepted': { vi: 'Nhiệm vụ được tiếp nhận', en: 'Task accepted' },
  'task.forwarded': { vi: 'Nhiệm vụ được giao tiếp', en: 'Task forwarded' },
  'task.progress': { vi: 'Cập nhật tiến độ', en: 'Progress update' },
  'task.completion_reported': { vi: 'Báo cáo hoàn thành', en: 'Completion reported' },
  'task.approved': { vi: 'Kết quả được chấp nhận', en: 'Result accepted' },
  'task.sent_back': { vi: 'Kết quả bị trả lại để làm tiếp', en: 'Result sent back' },
  'task.returned': { vi: 'Nhiệm vụ bị trả lại người giao', en: 'Task returned to assigner' },
  'task.transferred': { vi: 'Nhiệm vụ được chuyển đơn vị', en: 'Task transferred' },
  'task.extension_requested': { vi: 'Đề nghị gia hạn', en: 'Extension requested' },
  'task.extension_decided': { vi: 'Kết quả đề nghị gia hạn', en: 'Extension decided' },
  'task.cancelled': { vi: 'Nhiệm vụ bị hủy', en: 'Task cancelled' },
  'task.due_soon': { vi: 'Sắp đến hạn', en: 'Due soon' },
  'task.due_today': { vi: 'Đến hạn hôm nay', en: 'Due today' },
  'task.overdue': { vi: 'Quá hạn', en: 'Overdue' },
  'task.reminder': { vi: 'Đôn đốc', en: 'Reminder' },
  'task.escalated': { vi: 'Nhiệm vụ được báo cáo lên cấp trên', en: 'Task escalated' },
  'task.comment': { vi: 'Ý kiến mới', en: 'New comment' },
  'task.mention': { vi: 'Được nhắc tên', en: 'Mentioned' },
  'document.issued': { vi: 'Văn bản mới ban hành', en: 'Document issued' },
  'document.response_due': { vi: 'Văn bản cần xây dựng kế hoạch / báo cáo', en: 'Document awaits a response' },
  'signal.raised': { vi: 'Dấu hiệu cần lưu ý', en: 'Signal raised' },
  system: { vi: 'Thông báo hệ thống', en: 'System notice' },
};

export const Notification = z.object({
  id: Id,
  kind: NotificationKindSchema,
  title: z.string(),
  body: z.string(),
  /** In-app path to open (e.g. `/tasks/…`), or null. */
  link: z.string().nullable(),
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof Notification>;

export const NotificationListQuery = PageQuery.extend({
  /** true: only unread ones. */
  unread: QueryBool.optional(),
});
export const NotificationList = paged(Notification);

export const UnreadCount = z.object({ count: z.number().int() });
export const ReadAllResult = z.object({ count: z.number().int() });

/** E-mail switch per kind; a kind missing from a stored preference is on. */
export const EmailByKind = z.record(NotificationKindSchema, z.boolean());

export const NotificationPreferences = z.object({
  /** Master switch for immediate e-mails. */
  emailEnabled: z.boolean(),
  /** One e-mail a day summarising unread notifications. */
  digestEnabled: z.boolean(),
  emailByKind: EmailByKind,
  /** 0 while the user has never saved preferences (the defaults apply). */
  version: z.number().int().min(0),
});
export type NotificationPreferences = z.infer<typeof NotificationPreferences>;

export const NotificationPreferencesUpdate = z.object({
  /** The version read (0 when never saved); a stale one answers 409. */
  version: z.number().int().min(0),
  emailEnabled: z.boolean(),
  digestEnabled: z.boolean(),
  /** Only the kinds to change; others keep their value. */
  emailByKind: z.partialRecord(NotificationKindSchema, z.boolean()).optional(),
});
export type NotificationPreferencesUpdate = z.infer<typeof NotificationPreferencesUpdate>;
