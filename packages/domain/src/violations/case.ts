/**
 * The case state machine (received → verifying → concluded → sanction decided → closed) and the
 * warnings a case shows: the decision deadline, the limitation period, a pending explanation and
 * a sanction still running. Pure: the caller passes today's date and the computed periods.
 */
import type { DisciplineTrack, SanctionForm, Severity } from './sanctions';
import { SANCTION_FORM_LABELS, TRACK_LABELS } from './sanctions';
import { daysBetween, type DecisionDeadline, type LimitationPeriod } from './periods';

export const CASE_STATUSES = ['received', 'verifying', 'concluded', 'sanction_decided', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_STATUS_LABELS: Readonly<Record<CaseStatus, { vi: string; en: string }>> = {
  received: { vi: 'Tiếp nhận', en: 'Received' },
  verifying: { vi: 'Đang xác minh', en: 'Verifying' },
  concluded: { vi: 'Đã kết luận', en: 'Concluded' },
  sanction_decided: { vi: 'Đã quyết định kỷ luật', en: 'Sanction decided' },
  closed: { vi: 'Đã kết thúc', en: 'Closed' },
};

export const CASE_SOURCES = ['inspection', 'supervision', 'self_detected', 'citizen_report', 'staff_report', 'shirking_signals'] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];

export const CASE_SOURCE_LABELS: Readonly<Record<CaseSource, { vi: string; en: string }>> = {
  inspection: { vi: 'Kiểm tra', en: 'Inspection' },
  supervision: { vi: 'Giám sát', en: 'Supervision' },
  self_detected: { vi: 'Tự phát hiện', en: 'Self-detected' },
  citizen_report: { vi: 'Phản ánh của người dân', en: "Citizen's report" },
  staff_report: { vi: 'Phản ánh của cán bộ', en: "Staff member's report" },
  shirking_signals: { vi: 'Tín hiệu né tránh, đùn đẩy', en: 'Shirking signals' },
};

export const CASE_OUTCOMES = ['violation', 'no_violation'] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];

export const CASE_ACTIONS = [
  'start_verification',
  'request_explanation',
  'extend_deadline',
  'conclude',
  'decide_sanction',
  'close',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

export const CASE_ACTION_LABELS: Readonly<Record<CaseAction, { vi: string; en: string }>> = {
  start_verification: { vi: 'Xác minh', en: 'Start verification' },
  request_explanation: { vi: 'Yêu cầu giải trình', en: 'Request an explanation' },
  extend_deadline: { vi: 'Kéo dài thời hạn xử lý', en: 'Extend the deadline' },
  conclude: { vi: 'Kết luận', en: 'Conclude' },
  decide_sanction: { vi: 'Quyết định kỷ luật', en: 'Decide the sanction' },
  close: { vi: 'Kết thúc vụ việc', en: 'Close' },
};

/** Statuses from which the subject may read their own case. */
export const SUBJECT_VISIBLE_STATUSES: readonly CaseStatus[] = ['concluded', 'sanction_decided', 'closed'];

/** What the state machine needs to know about a case. */
export interface CaseState {
  status: CaseStatus;
  outcome: CaseOutcome | null;
  /** A statutory deadline applies and may still be extended. */
  extendable: boolean;
  /** An explanation was requested and is neither submitted nor past its due date. */
  explanationOpen: boolean;
}

/** The status an action leads to, or null when the action is not allowed from this state. */
export function nextStatus(state: CaseState, action: CaseAction): CaseStatus | null {
  const { status } = state;
  switch (action) {
    case 'start_verification':
      return status === 'received' ? 'verifying' : null;
    case 'request_explanation':
      return (status === 'received' || status === 'verifying') && !state.explanationOpen ? status : null;
    case 'extend_deadline':
      return state.extendable &&
        (status === 'received' || status === 'verifying' || (status === 'concluded' && state.outcome === 'violation'))
        ? status
        : null;
    case 'conclude':
      return status === 'verifying' ? 'concluded' : null;
    case 'decide_sanction':
      return status === 'concluded' && state.outcome === 'violation' ? 'sanction_decided' : null;
    case 'close':
      return status === 'concluded' || status === 'sanction_decided' ? 'closed' : null;
  }
}

/** The workflow actions possible from a state (the caller adds its own permission check). */
export function availableActions(state: CaseState): CaseAction[] {
  return CASE_ACTIONS.filter((a) => nextStatus(state, a) !== null);
}

export const WARNING_CODES = [
  'decision_overdue',
  'decision_due_soon',
  'limitation_expired',
  'limitation_due_soon',
  'explanation_pending',
  'explanation_overdue',
  'running_sanction',
] as const;
export type WarningCode = (typeof WARNING_CODES)[number];

export interface CaseWarning {
  code: WarningCode;
  message: string;
  dueDate: string | null;
  track?: DisciplineTrack;
}

/** How far ahead a deadline starts to warn (calendar days). */
export const WARNING_WINDOWS = { decisionDays: 15, limitationDays: 60 } as const;

export interface WarningInput {
  today: string;
  status: CaseStatus;
  outcome: CaseOutcome | null;
  /** Known severity; when null the limitation shown is the shortest one (ít nghiêm trọng). */
  severity: Severity | null;
  deadline: DecisionDeadline | null;
  limitations: { track: DisciplineTrack; period: LimitationPeriod }[];
  explanation: { dueDate: string; submitted: boolean } | null;
  running: { track: DisciplineTrack; form: SanctionForm; effectiveUntil: string | null; minimumForm: SanctionForm | undefined }[];
  locale?: 'vi' | 'en';
}

const fmt = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;

/** The warnings of a case on a given day, most urgent first. */
export function caseWarnings(w: WarningInput): CaseWarning[] {
  const en = w.locale === 'en';
  const out: CaseWarning[] = [];
  const undecided = w.status === 'received' || w.status === 'verifying' || (w.status === 'concluded' && w.outcome === 'violation');
  if (w.deadline && undecided) {
    const left = daysBetween(w.today, w.deadline.dueDate);
    const ext = !w.deadline.extended && w.deadline.extendedDueDate;
    if (left < 0) {
      out.push({
        code: 'decision_overdue',
        dueDate: w.deadline.dueDate,
        message: en
          ? `The ${w.deadline.days}-day deadline to decide passed on ${fmt(w.deadline.dueDate)}${ext ? ` (extendable to ${fmt(ext)})` : ''}`
          : `Đã quá thời hạn xử lý kỷ luật ${w.deadline.days} ngày (hạn ${fmt(w.deadline.dueDate)})${ext ? `; có thể kéo dài đến ${fmt(ext)}` : ''}`,
      });
    } else if (left <= WARNING_WINDOWS.decisionDays) {
      out.push({
        code: 'decision_due_soon',
        dueDate: w.deadline.dueDate,
        message: en
          ? `${left} day(s) left to decide (deadline ${fmt(w.deadline.dueDate)})`
          : `Còn ${left} ngày đến hạn xử lý kỷ luật (${fmt(w.deadline.dueDate)})`,
      });
    }
  }
  if (undecided) {
    for (const { track, period } of w.limitations) {
      if (period.expiresOn === null) continue;
      const left = daysBetween(w.today, period.expiresOn);
      const assumed = w.severity === null ? (en ? ' if minor' : ' nếu ở mức ít nghiêm trọng') : '';
      const trackName = en ? TRACK_LABELS[track].en : TRACK_LABELS[track].vi.toLowerCase();
      if (left < 0) {
        out.push({
          code: 'limitation_expired',
          track,
          dueDate: period.expiresOn,
          message: en
            ? `Limitation period for ${trackName} expired on ${fmt(period.expiresOn)}${assumed}`
            : `Đã hết thời hiệu ${trackName} (${period.years} năm, hết ngày ${fmt(period.expiresOn)})${assumed}`,
        });
      } else if (left <= WARNING_WINDOWS.limitationDays) {
        out.push({
          code: 'limitation_due_soon',
          track,
          dueDate: period.expiresOn,
          message: en
            ? `Limitation period for ${trackName} ends on ${fmt(period.expiresOn)}${assumed}`
            : `Thời hiệu ${trackName} sắp hết: ${fmt(period.expiresOn)}${assumed}`,
        });
      }
    }
  }
  if (w.explanation && !w.explanation.submitted && (w.status === 'received' || w.status === 'verifying')) {
    const late = w.today > w.explanation.dueDate;
    out.push({
      code: late ? 'explanation_overdue' : 'explanation_pending',
      dueDate: w.explanation.dueDate,
      message: late
        ? en
          ? `No explanation received by ${fmt(w.explanation.dueDate)}`
          : `Hết hạn giải trình (${fmt(w.explanation.dueDate)}) mà chưa nhận được giải trình`
        : en
          ? `Waiting for the subject's explanation until ${fmt(w.explanation.dueDate)}`
          : `Đang chờ giải trình đến ngày ${fmt(w.explanation.dueDate)}`,
    });
  }
  if (undecided) {
    for (const r of w.running) {
      const form = SANCTION_FORM_LABELS[r.form];
      const min = r.minimumForm ? SANCTION_FORM_LABELS[r.minimumForm] : undefined;
      out.push({
        code: 'running_sanction',
        track: r.track,
        dueDate: r.effectiveUntil,
        message: en
          ? `The subject is serving "${form.en}" until ${r.effectiveUntil ? fmt(r.effectiveUntil) : '—'}; a new violation takes at least "${min?.en ?? form.en}"`
          : `Đối tượng đang chấp hành kỷ luật "${form.vi}" đến ${r.effectiveUntil ? fmt(r.effectiveUntil) : '—'}; vi phạm mới áp dụng hình thức nặng hơn một mức (ít nhất "${min?.vi ?? form.vi}")`,
      });
    }
  }
  const order: Record<WarningCode, number> = {
    decision_overdue: 0,
    limitation_expired: 1,
    explanation_overdue: 2,
    decision_due_soon: 3,
    limitation_due_soon: 4,
    running_sanction: 5,
    explanation_pending: 6,
  };
  return out.sort((a, b) => order[a.code] - order[b.code]);
}

/** Explanation deadlines: default and maximum working days given to the subject. */
export const EXPLANATION_WORKING_DAYS = { default: 5, max: 30 } as const;
