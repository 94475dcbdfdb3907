/**
 * Recurring tasks (monthly, quarterly, yearly reports): a series whose instance k is due k
 * periods after the first deadline. The next instance is created when the current one is done,
 * or when its period ends (whichever comes first), so a late monthly report never stops the next
 * month's from being assigned.
 */
import { addCalendarDays } from '../calendar/dates';
import { addCalendarMonths } from './outcome';
import type { Recurrence } from './model';

const STEP: Record<Exclude<Recurrence, 'none'>, number> = { monthly: 1, quarterly: 3, yearly: 12 };

/** Deadline of instance `index` (0 = the first) of a series. */
export function recurrenceDeadline(firstDeadline: string, recurrence: Exclude<Recurrence, 'none'>, index: number): string {
  return addCalendarMonths(firstDeadline, STEP[recurrence] * index);
}

/** The day instance `index` (≥ 1) is due to be created at the latest: the day after the previous deadline. */
export function recurrenceOpensOn(firstDeadline: string, recurrence: Exclude<Recurrence, 'none'>, index: number): string {
  return addCalendarDays(recurrenceDeadline(firstDeadline, recurrence, index - 1), 1);
}

const ROMAN = ['I', 'II', 'III', 'IV'];

/** The reporting period of an instance, from its deadline: "tháng 11/2026", "quý IV/2026", "năm 2026". */
export function recurrencePeriodLabel(deadline: string, recurrence: Exclude<Recurrence, 'none'>): string {
  const year = deadline.slice(0, 4);
  const month = Number(deadline.slice(5, 7));
  switch (recurrence) {
    case 'monthly':
      return `tháng ${String(month).padStart(2, '0')}/${year}`;
    case 'quarterly':
      return `quý ${ROMAN[Math.floor((month - 1) / 3)]!}/${year}`;
    case 'yearly':
      return `năm ${year}`;
  }
}

/**
 * Whether instance `nextIndex` should exist on `today`: its period has opened, or the previous
 * one is done; and it does not fall after the series' end date.
 */
export function shouldCreateNextInstance(opts: {
  firstDeadline: string;
  recurrence: Exclude<Recurrence, 'none'>;
  nextIndex: number;
  today: string;
  previousDone: boolean;
  until: string | null;
}): boolean {
  const deadline = recurrenceDeadline(opts.firstDeadline, opts.recurrence, opts.nextIndex);
  if (opts.until !== null && deadline > opts.until) return false;
  return opts.previousDone || opts.today >= recurrenceOpensOn(opts.firstDeadline, opts.recurrence, opts.nextIndex);
}
