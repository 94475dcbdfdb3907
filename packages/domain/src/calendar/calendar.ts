/**
 * The working-day calendar of state agencies (Monday–Friday, minus holidays and swapped
 * rest days, plus swapped working Saturdays) and deadline arithmetic on it.
 *
 * Built once from a config (the server passes the admin-edited one) and queried millions of
 * times, so each year is computed lazily once into a flag array plus prefix sums: a lookup is
 * an array read, counting across years is O(years).
 */
import { DEFAULT_CALENDAR_CONFIG, validateCalendarConfig, CALENDAR_MAX_YEAR, CALENDAR_MIN_YEAR } from './config';
import type { CalendarConfig, CalendarDay } from './config';
import { civilFromDays, daysFromCivil, fromDayNumber, toDayNumber, weekdayOfDayNumber } from './dates';
import { yearPlan } from './rules';
import type { DayEntry } from './rules';

/** Why a day is not worked. */
export type NonWorkingKind = 'weekend' | 'holiday' | 'swapped_rest';

/** A day on which state agencies do not work. */
export interface NonWorkingDay extends CalendarDay {
  kind: NonWorkingKind;
}

/** Working-day queries over one holiday configuration. Dates are `YYYY-MM-DD` strings. */
export interface Calendar {
  /** The per-year overrides this calendar was built from. */
  readonly config: readonly CalendarConfig[];
  /** True if agencies work on `date` (a weekday that is no holiday or swapped rest day, or a swapped working Saturday). */
  isWorkingDay(date: string): boolean;
  /**
   * The date `n` working days after `from` (before it if `n` < 0). The first day is not
   * counted: +1 from a Friday is the next Monday, −1 from a Monday is the previous Friday.
   * `n` = 0 returns `from` unchanged, even if it is not a working day.
   */
  addWorkingDays(from: string, n: number): string;
  /**
   * Working days after `from` up to and including `to`; negative (−count of working days after
   * `to` up to and including `from`) if `to` is earlier. Antisymmetric: count(a, b) = −count(b, a).
   */
  countWorkingDays(from: string, to: string): number;
  /** First working day strictly after `date`. */
  nextWorkingDay(date: string): string;
  /** Last working day strictly before `date`. */
  previousWorkingDay(date: string): string;
  /** Deadline of a period of `periodDays` calendar days from `start` — see {@link civilCodeDeadline}. */
  civilCodeDeadline(start: string, periodDays: number): string;
  /** Every non-working day of a calendar year (weekends included), by date. */
  nonWorkingDays(year: number): NonWorkingDay[];
  /** Holidays of a calendar year, including those on weekends and compensatory days (nghỉ bù), by date. */
  holidays(year: number): CalendarDay[];
  /** Weekend days that are worked in a calendar year (làm bù), by date. */
  swappedWorkingDays(year: number): CalendarDay[];
  /** Weekdays made rest days by a swap in a calendar year (nghỉ hoán đổi), by date. */
  swappedRestDays(year: number): CalendarDay[];
}

interface YearData {
  year: number;
  /** Day number of 1 January. */
  start: number;
  /** Day number of 31 December. */
  end: number;
  /** 1 = working day, indexed by day of year (0-based). */
  working: Uint8Array;
  /** cumulative[i] = working days among the first i days of the year. */
  cumulative: Int32Array;
  holidays: CalendarDay[];
  swappedRest: CalendarDay[];
  swappedWork: CalendarDay[];
  /** Holiday or swapped-rest name of non-working weekdays and weekend holidays. */
  offNames: Map<number, { name: string; kind: 'holiday' | 'swapped_rest' }>;
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < CALENDAR_MIN_YEAR || year > CALENDAR_MAX_YEAR) {
    throw new RangeError(`Năm ngoài phạm vi lịch làm việc (${CALENDAR_MIN_YEAR}–${CALENDAR_MAX_YEAR}): ${year}`);
  }
}

function checkInteger(n: number, what: string): void {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what} phải là số nguyên: ${n}`);
}

/** Groups entries of one kind by date; a date with several reasons gets their names joined. */
function namedDays(entries: readonly DayEntry[]): CalendarDay[] {
  const byDay = new Map<number, string[]>();
  for (const e of entries) {
    const names = byDay.get(e.dayNumber);
    if (names === undefined) byDay.set(e.dayNumber, [e.name]);
    else if (!names.includes(e.name)) names.push(e.name);
  }
  return [...byDay.entries()].sort((a, b) => a[0] - b[0]).map(([d, names]) => ({ date: fromDayNumber(d), name: names.join('; ') }));
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

const copyDays = (days: readonly CalendarDay[]): CalendarDay[] => days.map((d) => ({ ...d }));

class WorkingCalendar implements Calendar {
  readonly config: readonly CalendarConfig[];
  private readonly byYear: Map<number, CalendarConfig>;
  private readonly plans = new Map<number, DayEntry[]>();
  private readonly years = new Map<number, YearData>();

  constructor(config: readonly CalendarConfig[]) {
    const problems = validateCalendarConfig(config);
    if (problems.length > 0) throw new RangeError(`Cấu hình lịch không hợp lệ:\n${problems.join('\n')}`);
    // A frozen private copy: later edits to the caller's objects must not change years not yet cached.
    this.config = deepFreeze(config.map((c) => structuredClone(c)));
    this.byYear = new Map(this.config.map((c) => [c.year, c]));
  }

  private plan(year: number): DayEntry[] {
    let p = this.plans.get(year);
    if (p === undefined) {
      p = yearPlan(year, this.byYear.get(year));
      this.plans.set(year, p);
    }
    return p;
  }

  private yearData(year: number): YearData {
    const cached = this.years.get(year);
    if (cached !== undefined) return cached;
    checkYear(year);
    const start = daysFromCivil(year, 1, 1);
    const end = daysFromCivil(year + 1, 1, 1) - 1;
    // A neighbouring year's announcement may place a day in this year (e.g. a swap for 1/1).
    const entries = [...this.plan(year - 1), ...this.plan(year), ...this.plan(year + 1)].filter(
      (e) => e.dayNumber >= start && e.dayNumber <= end,
    );
    const working = new Uint8Array(end - start + 1);
    for (let d = start; d <= end; d++) {
      const w = weekdayOfDayNumber(d);
      working[d - start] = w === 0 || w === 6 ? 0 : 1;
    }
    // A working swap applies first so that a holiday on the same day (a config mistake) still wins.
    for (const e of entries) if (e.kind === 'swapped_work') working[e.dayNumber - start] = 1;
    const offNames = new Map<number, { name: string; kind: 'holiday' | 'swapped_rest' }>();
    const holidays = namedDays(entries.filter((e) => e.kind === 'holiday'));
    const swappedRest = namedDays(entries.filter((e) => e.kind === 'swapped_rest'));
    for (const d of swappedRest) offNames.set(toDayNumber(d.date), { name: d.name, kind: 'swapped_rest' });
    for (const d of holidays) offNames.set(toDayNumber(d.date), { name: d.name, kind: 'holiday' });
    for (const d of offNames.keys()) working[d - start] = 0;
    const cumulative = new Int32Array(working.length + 1);
    for (let i = 0; i < working.length; i++) cumulative[i + 1] = (cumulative[i] ?? 0) + (working[i] ?? 0);
    const data: YearData = {
      year,
      start,
      end,
      working,
      cumulative,
      holidays,
      swappedRest,
      swappedWork: namedDays(entries.filter((e) => e.kind === 'swapped_work')),
      offNames,
    };
    this.years.set(year, data);
    return data;
  }

  private yearOfDayNumber(dayNumber: number): YearData {
    return this.yearData(civilFromDays(dayNumber)[0]);
  }

  isWorkingDay(date: string): boolean {
    const d = toDayNumber(date);
    const y = this.yearData(Number(date.slice(0, 4)));
    return y.working[d - y.start] === 1;
  }

  /** Steps day by day from `dayNumber` until `n` working days are passed (sign of n = direction). */
  private walk(dayNumber: number, n: number): number {
    const step = n < 0 ? -1 : 1;
    let remaining = Math.abs(n);
    let d = dayNumber;
    let y = this.yearOfDayNumber(d);
    while (remaining > 0) {
      d += step;
      if (d > y.end || d < y.start) y = this.yearData(y.year + step);
      if (y.working[d - y.start] === 1) remaining--;
    }
    return d;
  }

  addWorkingDays(from: string, n: number): string {
    checkInteger(n, 'Số ngày làm việc');
    const d = toDayNumber(from);
    return n === 0 ? from : fromDayNumber(this.walk(d, n));
  }

  /** Working days in (yearStart − 1, dayNumber], i.e. from 1 January up to and including the day. */
  private workingUpTo(y: YearData, dayNumber: number): number {
    return y.cumulative[dayNumber - y.start + 1] ?? 0;
  }

  countWorkingDays(from: string, to: string): number {
    const a = toDayNumber(from);
    const b = toDayNumber(to);
    if (b < a) {
      const back = this.countWorkingDays(to, from);
      return back === 0 ? 0 : -back; // never -0: it would fail strict equality checks downstream
    }
    const ya = this.yearOfDayNumber(a);
    const yb = this.yearOfDayNumber(b);
    let total = this.workingUpTo(yb, b) - this.workingUpTo(ya, a);
    for (let year = ya.year; year < yb.year; year++) {
      const y = this.yearData(year);
      total += y.cumulative[y.working.length] ?? 0;
    }
    return total;
  }

  nextWorkingDay(date: string): string {
    return fromDayNumber(this.walk(toDayNumber(date), 1));
  }

  previousWorkingDay(date: string): string {
    return fromDayNumber(this.walk(toDayNumber(date), -1));
  }

  civilCodeDeadline(start: string, periodDays: number): string {
    checkInteger(periodDays, 'Số ngày của thời hạn');
    if (periodDays < 0) throw new RangeError(`Thời hạn không được âm: ${periodDays}`);
    const last = fromDayNumber(toDayNumber(start) + periodDays);
    return this.isWorkingDay(last) ? last : this.nextWorkingDay(last);
  }

  nonWorkingDays(year: number): NonWorkingDay[] {
    const y = this.yearData(year);
    const out: NonWorkingDay[] = [];
    for (let d = y.start; d <= y.end; d++) {
      if (y.working[d - y.start] === 1) continue;
      const named = y.offNames.get(d);
      if (named !== undefined) out.push({ date: fromDayNumber(d), name: named.name, kind: named.kind });
      else
        out.push({
          date: fromDayNumber(d),
          name: weekdayOfDayNumber(d) === 0 ? 'Chủ nhật' : 'Thứ Bảy',
          kind: 'weekend',
        });
    }
    return out;
  }

  holidays(year: number): CalendarDay[] {
    return copyDays(this.yearData(year).holidays);
  }

  swappedWorkingDays(year: number): CalendarDay[] {
    return copyDays(this.yearData(year).swappedWork);
  }

  swappedRestDays(year: number): CalendarDay[] {
    return copyDays(this.yearData(year).swappedRest);
  }
}

/**
 * A calendar from per-year overrides (default: {@link DEFAULT_CALENDAR_CONFIG}); years without
 * an override get the computed defaults. Years are computed lazily and cached in the returned
 * object, so build it once per config and reuse it.
 * @throws RangeError listing the problems if the config is invalid (see `validateCalendarConfig`).
 */
export function buildCalendar(config: readonly CalendarConfig[] = DEFAULT_CALENDAR_CONFIG): Calendar {
  return new WorkingCalendar(config);
}

/** The calendar of {@link DEFAULT_CALENDAR_CONFIG}, used when no calendar is passed. */
export const DEFAULT_CALENDAR: Calendar = buildCalendar();

/** True if state agencies work on `date` (`YYYY-MM-DD`). */
export function isWorkingDay(date: string, cal: Calendar = DEFAULT_CALENDAR): boolean {
  return cal.isWorkingDay(date);
}

/**
 * `n` working days after `from` (before it if `n` < 0), the first day not counted:
 * `addWorkingDays('2026-02-13', 1)` is `'2026-02-23'`, the Monday after Tết Bính Ngọ.
 */
export function addWorkingDays(from: string, n: number, cal: Calendar = DEFAULT_CALENDAR): string {
  return cal.addWorkingDays(from, n);
}

/** Working days after `from` up to and including `to`; negative if `to` < `from`. */
export function countWorkingDays(from: string, to: string, cal: Calendar = DEFAULT_CALENDAR): number {
  return cal.countWorkingDays(from, to);
}

/** Deadline of a task due "trong N ngày làm việc" from its assignment date (= {@link addWorkingDays}). */
export function deadlineFromDays(assignedDate: string, n: number, cal: Calendar = DEFAULT_CALENDAR): string {
  return cal.addWorkingDays(assignedDate, n);
}

/**
 * Last day of a period of `periodDays` calendar days under Bộ luật Dân sự 2015, Điều 147–148:
 * the day of the starting event is not counted, the period ends at the end of its last day,
 * and if that day is a weekend or holiday it ends at the end of the next working day.
 * "Working day" follows this calendar (swapped days included), as agencies apply it.
 */
export function civilCodeDeadline(start: string, periodDays: number, cal: Calendar = DEFAULT_CALENDAR): string {
  return cal.civilCodeDeadline(start, periodDays);
}

/** First working day strictly after `date`. */
export function nextWorkingDay(date: string, cal: Calendar = DEFAULT_CALENDAR): string {
  return cal.nextWorkingDay(date);
}

/** Last working day strictly before `date`. */
export function previousWorkingDay(date: string, cal: Calendar = DEFAULT_CALENDAR): string {
  return cal.previousWorkingDay(date);
}
