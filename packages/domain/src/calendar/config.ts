/**
 * Per-year holiday schedules as announced by the Government, and their validation.
 *
 * The Labour Code fixes which days are holidays (Bộ luật Lao động 2019, Điều 112) but the
 * exact Tết break, the day next to 2/9 and any swapped days are announced each year, so
 * they are data an administrator can edit, not code. A year without an entry gets computed
 * defaults (see `rules.ts`).
 */
import { isIsoDate, toDayNumber, weekdayOfDayNumber } from './dates';
import { LUNAR_MAX_YEAR, LUNAR_MIN_YEAR } from './lunar';

/** A named calendar day. */
export interface CalendarDay {
  /** `YYYY-MM-DD`. */
  date: string;
  /** Vietnamese name shown to users, e.g. "Giỗ Tổ Hùng Vương". */
  name: string;
}

/** The announced Tết Nguyên đán break. */
export interface TetSchedule {
  /** First day off, `YYYY-MM-DD`. */
  start: string;
  /** Consecutive calendar days off from `start`, weekends included (e.g. 9 for 14/02–22/02/2026). */
  days: number;
}

/** Announced overrides for one calendar year. Every field is optional. */
export interface CalendarConfig {
  year: number;
  /**
   * The Tết break. When set it is authoritative: every day of it is a day off and no
   * compensatory day is derived for Tết (the announcement already includes them).
   * Default: last day of the lunar year + mùng 1–4 Tết, with nghỉ bù for weekend days.
   */
  tet?: TetSchedule;
  /** The day next to Quốc khánh: `YYYY-09-01` or `YYYY-09-03`. Default: see `defaultNationalDayExtra`. */
  nationalDayExtra?: string;
  /** Further days off (e.g. a newly legislated holiday, an exceptional day of mourning or celebration). */
  extraHolidays?: CalendarDay[];
  /** Weekend days that are worked (làm bù), usually a Saturday paying back a swapped rest day. */
  swappedWorkingDays?: CalendarDay[];
  /** Weekdays made rest days by a swap (nghỉ hoán đổi). */
  swappedRestDays?: CalendarDay[];
  /**
   * Whether a fixed holiday falling on a weekend gets a compensatory day (nghỉ bù) on the next
   * working day, as Điều 111–112 require. Default true; set false only if the announcement
   * places the compensation elsewhere (then list it in `extraHolidays`).
   */
  autoCompensation?: boolean;
  /** Where the schedule comes from (e.g. "Công văn 12729/VPCP-KGVX ngày 25/12/2025"). Informational. */
  source?: string;
}

/** Longest Tết break we accept; guards against a typo such as 90 for 9. */
export const MAX_TET_DAYS = 16;

/** Calendar years the working-day calendar can handle (needs the lunar year before and after). */
export const CALENDAR_MIN_YEAR = LUNAR_MIN_YEAR + 1;
export const CALENDAR_MAX_YEAR = LUNAR_MAX_YEAR - 1;

function checkDays(
  problems: string[],
  where: string,
  year: number,
  list: readonly CalendarDay[] | undefined,
  mustBeWeekend: boolean | undefined,
): void {
  if (list === undefined) return;
  const seen = new Set<string>();
  for (const item of list) {
    if (!isIsoDate(item.date)) {
      problems.push(`${where}: ngày không hợp lệ ${JSON.stringify(item.date)}`);
      continue;
    }
    if (Math.abs(Number(item.date.slice(0, 4)) - year) > 1) {
      problems.push(`${where}: ${item.date} không thuộc năm ${year} hoặc năm liền kề`);
    }
    if (typeof item.name !== 'string' || item.name.trim() === '') {
      problems.push(`${where}: ${item.date} thiếu tên`);
    }
    if (seen.has(item.date)) problems.push(`${where}: ${item.date} bị lặp`);
    seen.add(item.date);
    if (mustBeWeekend !== undefined) {
      const w = weekdayOfDayNumber(toDayNumber(item.date));
      const weekend = w === 0 || w === 6;
      if (mustBeWeekend && !weekend) problems.push(`${where}: ${item.date} không phải thứ Bảy hay Chủ nhật`);
      if (!mustBeWeekend && weekend) problems.push(`${where}: ${item.date} là ngày nghỉ cuối tuần`);
    }
  }
}

/**
 * Problems in a set of per-year overrides, in Vietnamese, for the admin API; empty if valid.
 * `buildCalendar` refuses a config with problems.
 */
export function validateCalendarConfig(configs: readonly CalendarConfig[]): string[] {
  const problems: string[] = [];
  const years = new Set<number>();
  for (const c of configs) {
    const where = `Năm ${String(c.year)}`;
    if (!Number.isInteger(c.year) || c.year < CALENDAR_MIN_YEAR || c.year > CALENDAR_MAX_YEAR) {
      problems.push(`${where}: năm phải từ ${CALENDAR_MIN_YEAR} đến ${CALENDAR_MAX_YEAR}`);
      continue;
    }
    if (years.has(c.year)) problems.push(`${where}: khai báo trùng năm`);
    years.add(c.year);
    if (c.tet !== undefined) {
      if (!isIsoDate(c.tet.start) || Number(c.tet.start.slice(0, 4)) !== c.year) {
        problems.push(`${where}: ngày bắt đầu nghỉ Tết không hợp lệ ${JSON.stringify(c.tet.start)}`);
      }
      if (!Number.isInteger(c.tet.days) || c.tet.days < 1 || c.tet.days > MAX_TET_DAYS) {
        problems.push(`${where}: số ngày nghỉ Tết phải từ 1 đến ${MAX_TET_DAYS}`);
      }
    }
    if (c.nationalDayExtra !== undefined && c.nationalDayExtra !== `${c.year}-09-01` && c.nationalDayExtra !== `${c.year}-09-03`) {
      problems.push(`${where}: ngày nghỉ liền kề Quốc khánh phải là 01/9 hoặc 03/9`);
    }
    checkDays(problems, `${where}, ngày nghỉ thêm`, c.year, c.extraHolidays, undefined);
    checkDays(problems, `${where}, ngày làm bù`, c.year, c.swappedWorkingDays, true);
    checkDays(problems, `${where}, ngày nghỉ hoán đổi`, c.year, c.swappedRestDays, false);
  }
  return problems;
}

/**
 * Schedules announced for cán bộ, công chức, viên chức (Monday–Friday agencies).
 * Fixed holidays and their nghỉ bù that follow directly from the law (e.g. Giỗ Tổ 2026 on
 * Sunday 26/04 → Monday 27/04) are computed, not listed here.
 */
export const DEFAULT_CALENDAR_CONFIG: readonly CalendarConfig[] = [
  {
    year: 2024,
    // verify: from memory (Thông báo of Bộ LĐTBXH, Tết Giáp Thìn: thứ Năm 08/02 → hết thứ Tư 14/02/2024,
    // i.e. 29 tháng Chạp → mùng 5); not confirmed against a stored copy of the announcement.
    tet: { start: '2024-02-08', days: 7 },
    // Quốc khánh: thứ Bảy 31/08 → hết thứ Ba 03/09/2024.
    nationalDayExtra: '2024-09-03',
    // Công văn 2450/VPCP-KGVX ngày 12/4/2024: nghỉ 27/04 → 01/05, làm bù thứ Bảy 04/05.
    swappedRestDays: [{ date: '2024-04-29', name: 'Nghỉ hoán đổi dịp 30/4 – 1/5 (làm bù thứ Bảy 04/05/2024)' }],
    swappedWorkingDays: [{ date: '2024-05-04', name: 'Làm bù cho thứ Hai 29/04/2024' }],
    source: 'Công văn 2450/VPCP-KGVX ngày 12/4/2024; thông báo nghỉ Tết, Quốc khánh 2024',
  },
  {
    year: 2025,
    // verify: Tết Ất Tỵ: thứ Bảy 25/01 → hết Chủ nhật 02/02/2025 (9 days, no swap); from memory,
    // not confirmed against a stored copy of the announcement.
    tet: { start: '2025-01-25', days: 9 },
    // Quốc khánh: thứ Bảy 30/08 → hết thứ Ba 02/09/2025.
    nationalDayExtra: '2025-09-01',
    // 30/4 – 1/5: nghỉ 30/04 → 04/05, hoán đổi thứ Sáu 02/05 sang thứ Bảy 26/04.
    swappedRestDays: [{ date: '2025-05-02', name: 'Nghỉ hoán đổi dịp 30/4 – 1/5 (làm bù thứ Bảy 26/04/2025)' }],
    swappedWorkingDays: [{ date: '2025-04-26', name: 'Làm bù cho thứ Sáu 02/05/2025' }],
    source: 'Thông báo nghỉ Tết Ất Tỵ, 30/4 – 1/5 và Quốc khánh 2025',
  },
  {
    year: 2026,
    // Tết Bính Ngọ: thứ Bảy 14/02 (27 tháng Chạp) → hết Chủ nhật 22/02/2026 (mùng 6), 9 days.
    tet: { start: '2026-02-14', days: 9 },
    // verify: the day next to Quốc khánh 2026 (2/9 is a Wednesday) had not been announced when this
    // was written; the computed default (03/09) applies until it is.
    // Tết Dương lịch: 01/01 → 04/01/2026, hoán đổi thứ Sáu 02/01 sang thứ Bảy 10/01.
    swappedRestDays: [{ date: '2026-01-02', name: 'Nghỉ hoán đổi dịp Tết Dương lịch (làm bù thứ Bảy 10/01/2026)' }],
    swappedWorkingDays: [{ date: '2026-01-10', name: 'Làm bù cho thứ Sáu 02/01/2026' }],
    source: 'Công văn 12729/VPCP-KGVX ngày 25/12/2025; thông báo nghỉ Tết Bính Ngọ 2026',
  },
];
