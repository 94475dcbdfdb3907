/** Labels, colours and small badges of tasks, documents and signals, in the UI language. */
import {
  DOCUMENT_STATUS_LABELS,
  DOCUMENT_TYPE_INFO,
  NOTIFICATION_KIND_LABELS,
  OUTCOME_LABELS,
  SIGNAL_LABELS,
  TASK_ACTION_LABELS,
  TASK_EVENT_LABELS,
  TASK_PRIORITY_LABELS,
  TASK_STATUS_LABELS,
  type DocumentStatus,
  type DocumentType,
  type NotificationKind,
  type OutcomeClass,
  type SignalCode,
  type TaskAction,
  type TaskEventType,
  type TaskPriority,
  type TaskStatus,
} from '@kycuong/domain';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

export function useWorkLabels() {
  const { i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  return {
    lang,
    status: (s: TaskStatus) => TASK_STATUS_LABELS[s][lang],
    outcome: (o: OutcomeClass) => OUTCOME_LABELS[o][lang],
    action: (a: TaskAction) => TASK_ACTION_LABELS[a][lang],
    event: (e: TaskEventType) => TASK_EVENT_LABELS[e][lang],
    priority: (p: TaskPriority) => TASK_PRIORITY_LABELS[p][lang],
    signal: (c: SignalCode) => SIGNAL_LABELS[c][lang],
    docType: (t: DocumentType) => DOCUMENT_TYPE_INFO[t][lang],
    docStatus: (s: DocumentStatus) => DOCUMENT_STATUS_LABELS[s][lang],
    notificationKind: (k: NotificationKind) => NOTIFICATION_KIND_LABELS[k][lang],
  } as const;
}

export const OUTCOME_COLORS: Record<OutcomeClass, string> = {
  done_on_time: 'green',
  done_late: 'orange',
  open_in_time: 'blue',
  open_overdue: 'red',
};

export const STATUS_COLORS: Record<TaskStatus, string> = {
  assigned: 'gold',
  accepted: 'cyan',
  in_progress: 'blue',
  completion_reported: 'purple',
  done: 'green',
  returned: 'volcano',
  cancelled: 'default',
};

export const SEVERITY_COLORS = { info: 'blue', warning: 'orange', high: 'red' } as const;

/** `YYYY-MM-DD` → `DD/MM/YYYY` (Vietnamese order), or a dash. */
export function dmy(date: string | null | undefined): string {
  if (!date) return '—';
  const [y, m, d] = date.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

/** An ISO instant → `DD/MM/YYYY HH:mm` in the browser's time zone. */
export function dmyTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getDate())}/${p(d.getMonth() + 1)}/${d.getFullYear()} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

const WEEKDAYS = {
  vi: ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
};

export function weekday(date: string, lang: 'vi' | 'en'): string {
  const [y, m, d] = date.split('-').map(Number);
  return WEEKDAYS[lang][new Date(Date.UTC(y!, m! - 1, d)).getUTCDay()]!;
}

export function OutcomeTag({ outcome }: { outcome: OutcomeClass | null }) {
  const l = useWorkLabels();
  if (!outcome) return null;
  return (
    <Tag color={OUTCOME_COLORS[outcome]} data-testid="outcome">
      {l.outcome(outcome)}
    </Tag>
  );
}

export function StatusTag({ status }: { status: TaskStatus }) {
  const l = useWorkLabels();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="status">
      {l.status(status)}
    </Tag>
  );
}
