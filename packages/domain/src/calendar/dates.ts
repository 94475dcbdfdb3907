/**
 * Plain `YYYY-MM-DD` dates as integer day numbers (days since 1970-01-01).
 *
 * Why not `Date`: a `Date` is an instant, and parsing/formatting it depends on the process
 * time zone; a calendar day in Vietnam is not an instant. Integer day numbers make day
 * arithmetic exact and fast and never touch the clock or `TZ`.
 */

/** Weekday numbers as in `Date#getUTCDay`: 0 = Sunday … 6 = Saturday. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12; // March = 0, so the leap day is the last day of the "year"
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Inverse of {@link daysFromCivil}: `[year, month, day]`. */
export function civilFromDays(dayNumber: number): [number, number, number] {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [month <= 2 ? yoe + era * 400 + 1 : yoe + era * 400, month, day];
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Number of days in a Gregorian month (1–12). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return MONTH_DAYS[month - 1] ?? 0;
}

/** Value of the decimal digit at `i`, or -1 — hand-rolled because this runs for every date parsed. */
function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

/** Day number of a valid `YYYY-MM-DD` (years 0001–9999), or NaN. */
function parseIsoDate(s: string): number {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return NaN;
  const y0 = digit(s, 0);
  const y1 = digit(s, 1);
  const y2 = digit(s, 2);
  const y3 = digit(s, 3);
  const m0 = digit(s, 5);
  const m1 = digit(s, 6);
  const d0 = digit(s, 8);
  const d1 = digit(s, 9);
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) < 0) return NaN;
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
  return daysFromCivil(year, month, day);
}

/** True for a well-formed, existing `YYYY-MM-DD` date (years 0001–9999). */
export function isIsoDate(value: string): boolean {
  return typeof value === 'string' && !Number.isNaN(parseIsoDate(value));
}

/**
 * Day number of a `YYYY-MM-DD` string.
 * @throws RangeError if the string is not an existing calendar date — silently rolling
 *   2025-02-30 over to March would hide bad input behind a plausible deadline.
 */
export function toDayNumber(date: string): number {
  const d = typeof date === 'string' ? parseIsoDate(date) : NaN;
  if (Number.isNaN(d)) throw new RangeError(`Ngày không hợp lệ (cần dạng YYYY-MM-DD): ${JSON.stringify(date)}`);
  return d;
}

/** `YYYY-MM-DD` of a day number. */
export function fromDayNumber(dayNumber: number): string {
  const [y, m, d] = civilFromDays(dayNumber);
  return formatIsoDate(y, m, d);
}

/** Formats year, month (1–12) and day as `YYYY-MM-DD`. */
export function formatIsoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/** Weekday of a day number (1970-01-01 was a Thursday). */
export function weekdayOfDayNumber(dayNumber: number): Weekday {
  return ((((dayNumber + 4) % 7) + 7) % 7) as Weekday;
}

/** Weekday (0 = Sunday … 6 = Saturday) of a `YYYY-MM-DD` date. */
export function weekdayOf(date: string): Weekday {
  return weekdayOfDayNumber(toDayNumber(date));
}

/** True for Saturday and Sunday, the weekly rest days of state agencies. */
export function isWeekendDayNumber(dayNumber: number): boolean {
  const w = weekdayOfDayNumber(dayNumber);
  return w === 0 || w === 6;
}

/** Calendar-day arithmetic on `YYYY-MM-DD` strings. */
export function addCalendarDays(date: string, days: number): string {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Year of a `YYYY-MM-DD` string (validated). */
export function yearOf(date: string): number {
  toDayNumber(date);
  return Number(date.slice(0, 4));
}
