/**
 * Vietnamese lunar calendar (âm lịch, UTC+7) ↔ `YYYY-MM-DD`.
 *
 * Backed by `@dqcai/vn-lunar`, whose tables follow Hồ Ngọc Đức's Vietnamese calendar
 * (UTC+7 since 1968, UTC+8 before), so it gets right the years where Vietnam and China
 * differ (Tết 1985, 2007, 2030). Chinese-calendar libraries are wrong for Vietnam.
 * The library does not validate its input (30/12 of a 29-day month silently becomes Tết,
 * a `leap` flag on a non-leap month is ignored), hence the round-trip checks here.
 */
import { getLunarDate, getSolarDate } from '@dqcai/vn-lunar';
import { formatIsoDate, toDayNumber } from './dates';

/** A date of the Vietnamese lunar calendar. `year` is the year in which its month 1 begins. */
export interface LunarDateParts {
  day: number;
  month: number;
  year: number;
  /** True inside a leap month (tháng nhuận), e.g. the second month 6 of 2025. */
  leap: boolean;
}

/** Lunar years the tables cover (the library's documented range). */
export const LUNAR_MIN_YEAR = 1200;
export const LUNAR_MAX_YEAR = 2199;

function isInt(n: number, min: number, max: number): boolean {
  return Number.isInteger(n) && n >= min && n <= max;
}

function lunarOfSolar(year: number, month: number, day: number): LunarDateParts | undefined {
  try {
    const l = getLunarDate(day, month, year);
    return l.day > 0 ? { day: l.day, month: l.month, year: l.year, leap: l.leap } : undefined;
  } catch {
    // The library throws (instead of returning its "zero" date) just outside its range.
    return undefined;
  }
}

/**
 * Solar `YYYY-MM-DD` of a Vietnamese lunar date.
 * @example lunarToSolar(1, 1, 2026) === '2026-02-17' // Tết Bính Ngọ
 * @example lunarToSolar(10, 3, 2025) === '2025-04-07' // Giỗ Tổ Hùng Vương
 * @throws RangeError if that lunar date does not exist (30th of a 29-day month, a leap month
 *   the year does not have) or lies outside lunar years 1200–2199.
 */
export function lunarToSolar(day: number, month: number, year: number, leap = false): string {
  const label = `${day}/${month}${leap ? ' nhuận' : ''}/${year} âm lịch`;
  if (!isInt(day, 1, 30) || !isInt(month, 1, 12) || !isInt(year, LUNAR_MIN_YEAR, LUNAR_MAX_YEAR)) {
    throw new RangeError(`Ngày âm lịch không hợp lệ: ${label}`);
  }
  const s = getSolarDate(day, month, year, leap);
  const back = s.jd > 0 ? lunarOfSolar(s.year, s.month, s.day) : undefined;
  if (!back || back.day !== day || back.month !== month || back.year !== year || back.leap !== leap) {
    throw new RangeError(`Ngày âm lịch không tồn tại: ${label}`);
  }
  return formatIsoDate(s.year, s.month, s.day);
}

/**
 * Vietnamese lunar date of a solar `YYYY-MM-DD`.
 * @example solarToLunar('2025-01-28') // { day: 29, month: 12, year: 2024, leap: false } — no "30 Tết" that year
 * @throws RangeError for an invalid date or one outside the tables (about 1200–2199).
 */
export function solarToLunar(date: string): LunarDateParts {
  toDayNumber(date); // validates
  const lunar = lunarOfSolar(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
  if (!lunar) throw new RangeError(`Ngày ngoài phạm vi lịch âm: ${date}`);
  return lunar;
}

/** Solar date of Tết Nguyên đán (mùng 1 tháng Giêng) of a lunar year. */
export function tetNguyenDan(year: number): string {
  return lunarToSolar(1, 1, year);
}

/** Solar date of Giỗ Tổ Hùng Vương (10/3 âm lịch) in a year. */
export function gioToHungVuong(year: number): string {
  return lunarToSolar(10, 3, year);
}
