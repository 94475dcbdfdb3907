/**
 * Deadlines and the official outcome classes of a task (DOMAIN §6, QĐ 42/2014/QĐ-TTg):
 * hoàn thành đúng hạn / hoàn thành quá hạn / chưa hoàn thành trong hạn / chưa hoàn thành quá hạn,
 * plus the flag "chưa cập nhật" (no progress report for N working days).
 *
 * A deadline ends at 24:00 of its day; a deadline falling on a rest day ends at the end of the next
 * working day (Bộ luật Dân sự 2015, Điều 148). The server stores that effective day (`dueDate`) so
 * every class below is a plain SQL comparison; the functions here are the reference.
 */
import { daysInMonth, formatIsoDate } from '../calendar/dates';
import { DEFAULT_CALENDAR, type Calendar } from '../calendar';
import { WORKING_STATUSES, isOpenStatus, type TaskStatus } from './model';

export const OUTCOME_CLASSES = ['done_on_time', 'done_late', 'open_in_time', 'open_overdue'] as const;
export type OutcomeClass = (typeof OUTCOME_CLASSES)[number];

export const OUTCOME_LABELS: Readonly<Record<OutcomeClass, { vi: string; en: string }>> = {
  done_on_time: { vi: 'Hoàn thành đúng hạn', en: 'Done on time' },
  done_late: { vi: 'Hoàn thành quá hạn', en: 'Done late' },
  open_in_time: { vi: 'Chưa hoàn thành, trong hạn', en: 'Open, within deadline' },
  open_overdue: { vi: 'Chưa hoàn thành, quá hạn', en: 'Open, overdue' },
};

const VN_OFFSET_MS = 7 * 3600 * 1000;

/** The calendar day in Vietnam (UTC+7, no daylight saving) of an instant. */
export function vietnamDate(instant: Date | string): string {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`Thời điểm không hợp lệ: ${String(instant)}`);
  return new Date(ms + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** The last day a deadline really allows: the day itself, or the next working day if it is a rest day. */
export function effectiveDueDate(deadline: string, cal: Calendar = DEFAULT_CALENDAR): string {
  return cal.isWorkingDay(deadline) ? deadline : cal.nextWorkingDay(deadline);
}

export type DeadlineInput = { date: string } | { workingDays: number };

/** A deadline given as a date, or as "N ngày làm việc" counted from the assignment day (first day not counted). */
export function resolveDeadline(input: DeadlineInput, assignedOn: string, cal: Calendar = DEFAULT_CALENDAR): string {
  if ('date' in input) return input.date;
  if (!Number.isInteger(input.workingDays) || input.workingDays < 1)
    throw new RangeError(`Số ngày làm việc phải là số nguyên dương: ${input.workingDays}`);
  return cal.addWorkingDays(assignedOn, input.workingDays);
}

export interface OutcomeFacts {
  status: TaskStatus;
  /** Effective due day (see {@link effectiveDueDate}); null for tasks without a deadline. */
  dueDate: string | null;
  /** Day the accepted completion was reported; null unless done. */
  completedOn: string | null;
}

/** The official outcome class on `today`; null for a cancelled task (it is not counted). */
export function outcomeClass(t: OutcomeFacts, today: string): OutcomeClass | null {
  if (t.status === 'cancelled') return null;
  if (t.status === 'done') {
    if (t.dueDate === null || t.completedOn === null) return 'done_on_time';
    return t.completedOn <= t.dueDate ? 'done_on_time' : 'done_late';
  }
  return t.dueDate !== null && today > t.dueDate ? 'open_overdue' : 'open_in_time';
}

/** Working days a task is overdue on `today` (0 when not overdue or done). */
export function overdueWorkingDays(t: OutcomeFacts, today: string, cal: Calendar = DEFAULT_CALENDAR): number {
  if (!isOpenStatus(t.status) || t.dueDate === null || today <= t.dueDate) return 0;
  return cal.countWorkingDays(t.dueDate, today);
}

/**
 * The day before which a last progress report makes a task "chưa cập nhật" on `today`: N working
 * days before today. A task last updated on that day or later is up to date. Example (N = 1): on
 * a Friday the threshold is Thursday — a task last updated on Wednesday has let a whole working day
 * (Thursday) pass without a report.
 */
export function notUpdatedThreshold(today: string, days: number, cal: Calendar = DEFAULT_CALENDAR): string {
  return cal.addWorkingDays(today, -Math.max(1, Math.floor(days)));
}

/** "Chưa cập nhật": an accepted or in-progress task whose last progress report is older than the threshold. */
export function isNotUpdated(
  t: { status: TaskStatus; lastProgressOn: string },
  today: string,
  days: number,
  cal: Calendar = DEFAULT_CALENDAR,
): boolean {
  return WORKING_STATUSES.includes(t.status) && t.lastProgressOn < notUpdatedThreshold(today, days, cal);
}

/** The date `months` months after `date`, clamped to the end of a shorter month (31/1 + 1 → 28/2 or 29/2). */
export function addCalendarMonths(date: string, months: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  const year = y + Math.floor(m / 12);
  const month = (((m % 12) + 12) % 12) + 1;
  const day = Math.min(Number(date.slice(8, 10)), daysInMonth(year, month));
  return formatIsoDate(year, month, day);
}
