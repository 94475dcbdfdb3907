/**
 * Evaluation periods: a month (`2026-09`), a quarter (`2026-Q3`) or a year (`2026`). NĐ 335/2025
 * measures civil servants monthly or quarterly; the yearly rating (and the Party track) uses the
 * year.
 */
import { daysInMonth, formatIsoDate, fromDayNumber, toDayNumber } from '../calendar/dates';

export const PERIOD_KINDS = ['month', 'quarter', 'year'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface EvaluationPeriod {
  /** Canonical key: `2026`, `2026-Q3` or `2026-09`. */
  key: string;
  kind: PeriodKind;
  year: number;
  /** First and last day, inclusive. */
  from: string;
  to: string;
}

export const PERIOD_PATTERN = /^(\d{4})(?:-(?:Q([1-4])|(0[1-9]|1[0-2])))?$/;

/** Parses a period key; null when it is not one. */
export function parsePeriod(key: string): EvaluationPeriod | null {
  const m = PERIOD_PATTERN.exec(key.trim());
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 2000 || year > 2100) return null;
  if (m[2]) {
    const q = Number(m[2]);
    const first = (q - 1) * 3 + 1;
    return {
      key: `${year}-Q${q}`,
      kind: 'quarter',
      year,
      from: formatIsoDate(year, first, 1),
      to: formatIsoDate(year, first + 2, daysInMonth(year, first + 2)),
    };
  }
  if (m[3]) {
    const month = Number(m[3]);
    return {
      key: `${year}-${m[3]}`,
      kind: 'month',
      year,
      from: formatIsoDate(year, month, 1),
      to: formatIsoDate(year, month, daysInMonth(year, month)),
    };
  }
  return { key: String(year), kind: 'year', year, from: `${year}-01-01`, to: `${year}-12-31` };
}

/** The period of a kind containing a day. */
export function periodContaining(date: string, kind: PeriodKind): EvaluationPeriod {
  const year = date.slice(0, 4);
  const month = Number(date.slice(5, 7));
  const key = kind === 'year' ? year : kind === 'quarter' ? `${year}-Q${Math.floor((month - 1) / 3) + 1}` : date.slice(0, 7);
  return parsePeriod(key)!;
}

/** The period of the same kind just before this one. */
export function previousPeriod(p: EvaluationPeriod): EvaluationPeriod {
  return periodContaining(fromDayNumber(toDayNumber(p.from) - 1), p.kind);
}
