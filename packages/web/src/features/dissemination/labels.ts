/** Vietnamese labels and small formatters of the dissemination pages. */
import { ACK_METHOD_LABELS, CONFERENCE_FORMAT_LABELS, type AckMethod, type ConferenceFormat } from '@kycuong/domain';

/** `YYYY-MM-DD` → `dd/mm/yyyy`. */
export const dmy = (d: string | null | undefined) => (d ? `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}` : '—');

/** An ISO instant as `HH:mm dd/mm/yyyy` in Vietnam time. */
export function timeDmy(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat('vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    hour: '2-digit',
    minute: '2-digit',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(new Date(iso));
}

export const formatLabel = (f: ConferenceFormat) => CONFERENCE_FORMAT_LABELS[f].vi;
export const ackLabel = (m: AckMethod | null) => (m ? ACK_METHOD_LABELS[m].vi : '—');

/** "12/15 (80%)", or a dash when nobody is expected. */
export function ratio(part: number, whole: number): string {
  if (whole === 0) return '—';
  return `${part}/${whole} (${Math.round((part * 1000) / whole) / 10}%)`;
}

export const percentColor = (p: number | null) => (p === null ? undefined : p >= 100 ? '#389e0d' : p >= 80 ? '#1677ff' : '#d4380d');
