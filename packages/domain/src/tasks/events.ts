/**
 * The data each kind of task event carries, and its one-line Vietnamese description for the
 * timeline. Events keep the names of units and people as they were at the time, so a task's
 * history (and the signals computed from it) reads the same after a unit is renamed.
 */
import type { ReminderKind, TaskEventType } from './model';

/** Who holds the lead of a task: a unit, or a person in a unit. */
export interface HolderRef {
  orgId: string;
  orgName: string;
  personId: string | null;
  personName: string | null;
}

export interface TaskEventDataMap {
  created: { lead: HolderRef; deadline: string | null; dueDate: string | null; source: string };
  accepted: Record<string, never>;
  progress: { percent: number; text: string; fileIds: string[] };
  coordinator_progress: { percent: number | null; text: string; fileIds: string[]; orgId: string | null; orgName: string | null };
  completion_reported: { text: string; fileIds: string[] };
  completion_accepted: { qualityAccepted: boolean; comment: string | null; completedOn: string };
  sent_back: Record<string, never>;
  returned: { from: HolderRef };
  transferred: { from: HolderRef; to: HolderRef; side: 'lead' | 'assigner' };
  forwarded: { childTaskId: string; to: HolderRef; fromHead: boolean; toDeputy: boolean };
  extension_requested: { newDeadline: string; currentDeadline: string | null };
  extension_approved: { newDeadline: string; previousDeadline: string | null; countsAsDelay: boolean };
  extension_refused: { requestedDeadline: string };
  deadline_changed: { newDeadline: string | null; previousDeadline: string | null };
  reminded: { kind: ReminderKind; count: number; overdue: boolean; message: string | null };
  escalated: {
    toPersonId: string | null;
    toPersonName: string | null;
    toOrgId: string | null;
    toOrgName: string | null;
    reminderCount: number;
  };
  cancelled: Record<string, never>;
  edited: { fields: string[] };
  comment: { text: string; mentions: string[]; fileIds: string[] };
  child_completed: { childTaskId: string; title: string };
}

export type TaskEventData<T extends TaskEventType> = TaskEventDataMap[T];

/** An event as the pure rules see it. */
export interface TaskEventFacts {
  id: string;
  type: TaskEventType;
  /** Instant (ISO-8601 UTC). */
  at: string;
  /** Calendar day in Vietnam of `at`. */
  on: string;
  actorPersonId: string | null;
  actorName: string | null;
  reason: string | null;
  data: Record<string, unknown>;
}

/** Reads an event's data with its declared shape (data is written by the server from these types). */
export function eventData<T extends TaskEventType>(e: TaskEventFacts, _type: T): TaskEventDataMap[T] {
  return e.data as TaskEventDataMap[T];
}

/** "Phòng Công nghệ thông tin" or "Nguyễn Văn A (Phòng Công nghệ thông tin)". */
export function holderName(h: HolderRef): string {
  return h.personName ? `${h.personName} (${h.orgName})` : h.orgName;
}

/** `dd/mm/yyyy` of a `YYYY-MM-DD` date. */
export function viDate(date: string | null | undefined): string {
  if (!date) return 'không có hạn';
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

const REMINDER_VI: Record<ReminderKind, string> = {
  before: 'tự động, trước hạn',
  due: 'tự động, đến hạn',
  overdue: 'tự động, quá hạn',
  manual: 'trực tiếp',
};

/** One line for the timeline, in Vietnamese. The reason, if any, is shown by the caller beside it. */
export function describeEvent(e: TaskEventFacts): string {
  const who = e.actorName ?? 'Hệ thống';
  switch (e.type) {
    case 'created': {
      const d = eventData(e, 'created');
      return `${who} giao nhiệm vụ cho ${holderName(d.lead)}, hạn ${viDate(d.deadline)}`;
    }
    case 'accepted':
      return `${who} tiếp nhận nhiệm vụ`;
    case 'progress': {
      const d = eventData(e, 'progress');
      return `${who} cập nhật tiến độ ${d.percent}%`;
    }
    case 'coordinator_progress': {
      const d = eventData(e, 'coordinator_progress');
      return `${who}${d.orgName ? ` (${d.orgName})` : ''} cập nhật phần phối hợp${d.percent !== null ? ` ${d.percent}%` : ''}`;
    }
    case 'completion_reported':
      return `${who} báo cáo hoàn thành`;
    case 'completion_accepted': {
      const d = eventData(e, 'completion_accepted');
      return `${who} xác nhận hoàn thành ngày ${viDate(d.completedOn)} — chất lượng ${d.qualityAccepted ? 'đạt yêu cầu' : 'chưa đạt yêu cầu'}`;
    }
    case 'sent_back':
      return `${who} yêu cầu làm lại`;
    case 'returned': {
      const d = eventData(e, 'returned');
      return `${who} trả lại nhiệm vụ cho người giao (${holderName(d.from)})`;
    }
    case 'transferred': {
      const d = eventData(e, 'transferred');
      return `${who} chuyển nhiệm vụ từ ${holderName(d.from)} sang ${holderName(d.to)}`;
    }
    case 'forwarded': {
      const d = eventData(e, 'forwarded');
      return `${who} giao tiếp cho ${holderName(d.to)}`;
    }
    case 'extension_requested': {
      const d = eventData(e, 'extension_requested');
      return `${who} xin gia hạn từ ${viDate(d.currentDeadline)} đến ${viDate(d.newDeadline)}`;
    }
    case 'extension_approved': {
      const d = eventData(e, 'extension_approved');
      return `${who} đồng ý gia hạn đến ${viDate(d.newDeadline)}${d.countsAsDelay ? '' : ' (nguyên nhân khách quan, không tính chậm)'}`;
    }
    case 'extension_refused': {
      const d = eventData(e, 'extension_refused');
      return `${who} không đồng ý gia hạn đến ${viDate(d.requestedDeadline)}`;
    }
    case 'deadline_changed': {
      const d = eventData(e, 'deadline_changed');
      return `${who} điều chỉnh hạn từ ${viDate(d.previousDeadline)} thành ${viDate(d.newDeadline)}`;
    }
    case 'reminded': {
      const d = eventData(e, 'reminded');
      return `${d.kind === 'manual' ? who : 'Hệ thống'} đôn đốc lần ${d.count} (${REMINDER_VI[d.kind]})`;
    }
    case 'escalated': {
      const d = eventData(e, 'escalated');
      return d.toPersonName
        ? `Quá hạn sau ${d.reminderCount} lần đôn đốc — báo cáo ${d.toPersonName}${d.toOrgName ? ` (${d.toOrgName})` : ''}`
        : `Quá hạn sau ${d.reminderCount} lần đôn đốc — không tìm thấy người đứng đầu cấp trên để báo cáo`;
    }
    case 'cancelled':
      return `${who} hủy nhiệm vụ`;
    case 'edited': {
      const d = eventData(e, 'edited');
      return `${who} sửa thông tin nhiệm vụ (${d.fields.join(', ')})`;
    }
    case 'comment':
      return `${who}: ${eventData(e, 'comment').text}`;
    case 'child_completed':
      return `Nhiệm vụ giao tiếp "${eventData(e, 'child_completed').title}" đã hoàn thành`;
  }
}
