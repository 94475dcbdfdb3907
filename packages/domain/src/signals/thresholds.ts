/**
 * Shirking signals (dấu hiệu né tránh, đùn đẩy): codes, labels, severities and the thresholds an
 * administrator tunes. A signal is evidence for a human to look at, never a verdict.
 */

export const SIGNAL_CODES = [
  'bounce',
  'returned',
  'transfer_chain',
  'slow_acceptance',
  'extension_repeated',
  'extension_last_minute',
  'overdue_after_reminders',
  'head_to_deputy',
  'not_updated',
] as const;
export type SignalCode = (typeof SIGNAL_CODES)[number];

/** Signals that depend on the date as well as on events; refreshed daily by the sweep. */
export const TIME_SIGNAL_CODES: readonly SignalCode[] = ['slow_acceptance', 'not_updated'];

export const SIGNAL_SEVERITIES = ['info', 'warning', 'high'] as const;
export type SignalSeverity = (typeof SIGNAL_SEVERITIES)[number];

/** Shown wherever signals are: they are indications to examine, not findings. */
export const SIGNAL_DISCLAIMER = {
  vi: 'Đây là dấu hiệu tự động rút ra từ lịch sử xử lý nhiệm vụ để người có thẩm quyền xem xét; không phải kết luận vi phạm. Cần xác minh nguyên nhân (kể cả nguyên nhân khách quan) trước khi đánh giá.',
  en: 'Automatic indications drawn from task histories for a responsible person to examine; not a finding of misconduct. Verify the causes (including objective ones) before any judgement.',
} as const;

export const SIGNAL_LABELS: Readonly<Record<SignalCode, { vi: string; en: string; description: string }>> = {
  bounce: {
    vi: 'Đùn đẩy qua lại giữa các đơn vị',
    en: 'Bounced between units',
    description: 'Nhiệm vụ bị chuyển từ đơn vị A sang B rồi lại về A.',
  },
  returned: {
    vi: 'Trả lại người giao',
    en: 'Returned to assigner',
    description: 'Đơn vị/cá nhân chủ trì trả lại nhiệm vụ; tỷ lệ trả lại cao của một đơn vị là dấu hiệu cần xem xét.',
  },
  transfer_chain: {
    vi: 'Chuyển qua nhiều đơn vị',
    en: 'Long transfer chain',
    description: 'Nhiệm vụ bị chuyển nhiều lần hơn ngưỡng cho phép trước khi có đơn vị nhận.',
  },
  slow_acceptance: {
    vi: 'Chậm tiếp nhận',
    en: 'Slow acceptance',
    description: 'Tiếp nhận nhiệm vụ sau quá số ngày làm việc quy định, hoặc vẫn chưa tiếp nhận.',
  },
  extension_repeated: {
    vi: 'Xin gia hạn nhiều lần',
    en: 'Repeated extension requests',
    description: 'Số lần xin gia hạn cho cùng một nhiệm vụ đạt ngưỡng.',
  },
  extension_last_minute: {
    vi: 'Xin gia hạn sát hạn',
    en: 'Last-minute extension request',
    description: 'Đề nghị gia hạn gửi khi chỉ còn ít ngày làm việc trước hạn, hoặc khi đã quá hạn.',
  },
  overdue_after_reminders: {
    vi: 'Quá hạn dù đã được đôn đốc',
    en: 'Overdue after reminders',
    description: 'Nhiệm vụ quá hạn sau nhiều lần đôn đốc.',
  },
  head_to_deputy: {
    vi: 'Người đứng đầu giao lại cho cấp phó',
    en: 'Head hands work to deputies',
    description: 'Người đứng đầu đơn vị giao tiếp nhiệm vụ được giao cho đơn vị sang cấp phó; lặp lại nhiều lần là dấu hiệu cần xem xét.',
  },
  not_updated: {
    vi: 'Chưa cập nhật tiến độ',
    en: 'Not updated',
    description: 'Không cập nhật tiến độ trong số ngày làm việc quy định.',
  },
};

export interface SignalThresholds {
  /** A transfer chain is long when the task was transferred more than this many times. */
  transferChainMax: number;
  /** Acceptance later than this many working days after receiving the task. */
  slowAcceptanceDays: number;
  /** This many extension requests on one task or more. */
  extensionRepeatMin: number;
  /** An extension request sent with this many working days or fewer left before the deadline. */
  extensionLastMinuteDays: number;
  /** Overdue with at least this many reminders. */
  overdueReminderMin: number;
  /** Aggregate: a head forwarding to deputies at least this many times in the period is flagged. */
  headToDeputyMin: number;
  /** Aggregate: a return-to-assigner rate at or above this share is flagged… */
  returnRateMin: number;
  /** …when the unit or person received at least this many tasks in the period. */
  returnRateMinTasks: number;
  /** "Chưa cập nhật": no progress report for this many working days. */
  notUpdatedDays: number;
}

export const DEFAULT_SIGNAL_THRESHOLDS: Readonly<SignalThresholds> = {
  transferChainMax: 2,
  slowAcceptanceDays: 3,
  extensionRepeatMin: 2,
  extensionLastMinuteDays: 2,
  overdueReminderMin: 3,
  headToDeputyMin: 3,
  returnRateMin: 0.3,
  returnRateMinTasks: 5,
  notUpdatedDays: 10,
};
