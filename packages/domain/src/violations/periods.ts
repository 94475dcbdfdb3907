/**
 * Time limits of a case (DOMAIN §4): the statutory deadline to decide (counted from detection,
 * extendable once) and the limitation period (thời hiệu, counted from the violation, restarting
 * when a new violation is committed within it). The numbers come from the regime reference data;
 * this module only does the arithmetic. Dates are `YYYY-MM-DD`.
 */
import { civilCodeDeadline, DEFAULT_CALENDAR, type Calendar } from '../calendar/calendar';
import { daysInMonth, formatIsoDate, toDayNumber } from '../calendar/dates';
import type { SanctionRegime, Severity } from './sanctions';

/**
 * The same day `months` months later; when that month is shorter (31 → 30, 29/02 → 28/02) the
 * last day of the month, as the Civil Code counts periods in months and years.
 */
export function addMonthsClamped(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  return formatIsoDate(year, month, Math.min(d, daysInMonth(year, month)));
}

export function addYearsClamped(date: string, years: number): string {
  return addMonthsClamped(date, years * 12);
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return toDayNumber(to) - toDayNumber(from);
}

export interface DecisionDeadline {
  /** Start of the count: the day the violation was detected (the case received). */
  from: string;
  days: number;
  dueDate: string;
  extended: boolean;
  /** What the due date becomes with an extension (null when the regime allows none). */
  extendedDueDate: string | null;
  source: string;
}

/**
 * The deadline to decide a case under a regime that sets one: `decisionDays` calendar days from
 * detection (first day not counted, a deadline falling on a rest day moves to the next working
 * day — Bộ luật Dân sự Điều 147–148), or `extendedDecisionDays` once extended. Null when the
 * regime sets no deadline (the Party track).
 */
export function decisionDeadline(
  regime: SanctionRegime,
  detectedOn: string,
  extended: boolean,
  cal: Calendar = DEFAULT_CALENDAR,
): DecisionDeadline | null {
  if (regime.decisionDays === null) return null;
  const extendedDueDate = regime.extendedDecisionDays !== null ? civilCodeDeadline(detectedOn, regime.extendedDecisionDays, cal) : null;
  const useExtended = extended && regime.extendedDecisionDays !== null;
  const days = useExtended ? regime.extendedDecisionDays! : regime.decisionDays;
  return {
    from: detectedOn,
    days,
    dueDate: useExtended ? extendedDueDate! : civilCodeDeadline(detectedOn, regime.decisionDays, cal),
    extended: useExtended,
    extendedDueDate,
    source: regime.source,
  };
}

export interface LimitationPeriod {
  severity: Severity;
  /** Null years = no limitation (e.g. khai trừ-level violations on the Party track). */
  years: number | null;
  /** The day the count starts: the violation, or the latest new violation that restarted it. */
  countedFrom: string;
  restarted: boolean;
  /** Last day on which discipline may still be imposed; null when there is no limitation. */
  expiresOn: string | null;
  source: string;
}

/**
 * The limitation period of a violation of a given severity under a regime. `laterViolations`
 * are the dates of other violations by the same subject: one committed within the running period
 * restarts the count from its own date (and may in turn be restarted by the next one).
 */
export function limitationPeriod(
  regime: SanctionRegime,
  severity: Severity,
  violationDate: string,
  laterViolations: readonly string[] = [],
): LimitationPeriod {
  const years = regime.limitationYears[severity];
  let from = violationDate;
  let restarted = false;
  if (years !== null) {
    for (const d of [...laterViolations].sort()) {
      if (d <= from) continue;
      if (d > addYearsClamped(from, years)) break;
      from = d;
      restarted = true;
    }
  }
  return {
    severity,
    years,
    countedFrom: from,
    restarted,
    expiresOn: years === null ? null : addYearsClamped(from, years),
    source: regime.source,
  };
}
