/**
 * Reporting periods (Nghị định 09/2019/NĐ-CP: monthly, quarterly, half-yearly and yearly reports):
 * `2026-Q3`, `2026-07`, `2026-H1`, `2026`, each turned into its first and last day and the words a
 * report title uses ("Quý III năm 2026").
 */
import { daysInMonth } from '../calendar/dates';

export interface PeriodRange {
  from: string;
  to: string;
  /** "quý III năm 2026", "tháng 7 năm 2026", "6 tháng đầu năm 2026", "năm 2026", "từ 01/7/2026 đến 15/8/2026". */
  label: string;
}

const ROMAN = ['I', 'II', 'III', 'IV'] as const;
export const REPORT_PERIOD_PATTERN = /^(\d{4})(?:-(Q[1-4]|H[12]|0[1-9]|1[0-2]))?$/;

const pad = (n: number) => String(n).padStart(2, '0');
const dmy = (date: string) => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${pad(d)}/${m < 3 ? pad(m) : m}/${y}`;
};

/** The range of a named period, or null when the text is not one. */
export function reportPeriodRange(period: string): PeriodRange | null {
  const m = REPORT_PERIOD_PATTERN.exec(period);
  if (!m) return null;
  const year = Number(m[1]);
  const part = m[2];
  const lastDay = (month: number) => `${year}-${pad(month)}-${pad(daysInMonth(year, month))}`;
  if (!part) return { from: `${year}-01-01`, to: `${year}-12-31`, label: `năm ${year}` };
  if (part.startsWith('Q')) {
    const q = Number(part.slice(1));
    const first = (q - 1) * 3 + 1;
    return { from: `${year}-${pad(first)}-01`, to: lastDay(first + 2), label: `quý ${ROMAN[q - 1]!} năm ${year}` };
  }
  if (part.startsWith('H')) {
    return part === 'H1'
      ? { from: `${year}-01-01`, to: `${year}-06-30`, label: `6 tháng đầu năm ${year}` }
      : { from: `${year}-07-01`, to: `${year}-12-31`, label: `6 tháng cuối năm ${year}` };
  }
  const month = Number(part);
  return { from: `${year}-${part}-01`, to: lastDay(month), label: `tháng ${month} năm ${year}` };
}

/** The words for an arbitrary range. */
export function rangeLabel(from: string, to: string): string {
  return `từ ngày ${dmy(from)} đến ngày ${dmy(to)}`;
}

/** The quarter containing a day, as a period name (`2026-Q4`). */
export function quarterOf(date: string): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return `${y}-Q${Math.floor((m - 1) / 3) + 1}`;
}
