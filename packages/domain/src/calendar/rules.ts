/**
 * The statutory holidays of one year and their compensatory days, from the law plus that
 * year's announced overrides.
 *
 * Bộ luật Lao động 2019, Điều 112 khoản 1: Tết Dương lịch (01/01), Tết Âm lịch (05 ngày),
 * Ngày Chiến thắng (30/4), Ngày Quốc tế lao động (01/5), Quốc khánh (02/9 và 01 ngày liền kề
 * trước hoặc sau), Giỗ Tổ Hùng Vương (10/3 âm lịch). Khoản 3: the Prime Minister sets the
 * actual Tết and Quốc khánh days. Điều 111 khoản 3: a holiday falling on the weekly rest
 * day is compensated on the next working day (nghỉ bù).
 */
import type { CalendarConfig } from './config';
import { daysFromCivil, isWeekendDayNumber, toDayNumber, weekdayOfDayNumber } from './dates';
import { lunarToSolar } from './lunar';

/** What a listed day is. */
export type DayEntryKind = 'holiday' | 'swapped_rest' | 'swapped_work';

/** One named day of a year's plan. */
export interface DayEntry {
  dayNumber: number;
  name: string;
  kind: DayEntryKind;
}

export const NAMES = {
  newYear: 'Tết Dương lịch',
  tet: 'Tết Nguyên đán',
  gioTo: 'Giỗ Tổ Hùng Vương',
  victory: 'Ngày Chiến thắng',
  labour: 'Ngày Quốc tế Lao động',
  nationalDay: 'Quốc khánh',
  nationalDayExtra: 'Quốc khánh (ngày nghỉ liền kề)',
} as const;

/** Length of the Tết holiday in the Labour Code. */
export const TET_STATUTORY_DAYS = 5;

/**
 * The day next to Quốc khánh when none is announced. It follows what the Government chose
 * under the 2019 code: the weekday that joins 2/9 to a weekend, so the break is longest —
 * Tuesday → 01/9 (Monday; 2025), Friday → 01/9 (Thursday; 2022), Saturday → 01/9 (Friday;
 * 2023, 2/9 itself compensated on Monday 4/9), Monday → 03/9 (2024), Thursday → 03/9
 * (Friday; 2021), Sunday → 03/9 (Monday, 2/9 compensated on Tuesday). Wednesday joins no
 * weekend either way; we take 03/9.
 */
export function defaultNationalDayExtra(year: number): string {
  const w = weekdayOfDayNumber(daysFromCivil(year, 9, 2));
  return w === 2 || w === 5 || w === 6 ? `${year}-09-01` : `${year}-09-03`;
}

/**
 * Default Tết when none is announced: the last day of the lunar year (29 or 30 tháng Chạp)
 * and mùng 1–4 Tết — the split most announcements use (one day before, four after).
 */
export function defaultTetDays(year: number): number[] {
  const firstDay = toDayNumber(lunarToSolar(1, 1, year));
  const days: number[] = [];
  for (let i = -1; i < TET_STATUTORY_DAYS - 1; i++) days.push(firstDay + i);
  return days;
}

interface Statutory {
  dayNumber: number;
  name: string;
  /** False for days inside an announced Tết break, which already accounts for weekends. */
  compensable: boolean;
}

function statutoryHolidays(year: number, config: CalendarConfig | undefined): Statutory[] {
  const fixed = (month: number, day: number, name: string): Statutory => ({
    dayNumber: daysFromCivil(year, month, day),
    name,
    compensable: true,
  });
  const list: Statutory[] = [
    fixed(1, 1, NAMES.newYear),
    { dayNumber: toDayNumber(lunarToSolar(10, 3, year)), name: NAMES.gioTo, compensable: true },
    fixed(4, 30, NAMES.victory),
    fixed(5, 1, NAMES.labour),
    fixed(9, 2, NAMES.nationalDay),
    {
      dayNumber: toDayNumber(config?.nationalDayExtra ?? defaultNationalDayExtra(year)),
      name: NAMES.nationalDayExtra,
      compensable: true,
    },
  ];
  if (config?.tet) {
    const start = toDayNumber(config.tet.start);
    for (let i = 0; i < config.tet.days; i++) list.push({ dayNumber: start + i, name: NAMES.tet, compensable: false });
  } else {
    for (const d of defaultTetDays(year)) list.push({ dayNumber: d, name: NAMES.tet, compensable: true });
  }
  return list.sort((a, b) => a.dayNumber - b.dayNumber);
}

/**
 * All named days decided for `year` (entries may spill into a neighbouring year, e.g. a swap
 * announced with Tết Dương lịch). Deterministic and pure; callers cache it.
 */
export function yearPlan(year: number, config: CalendarConfig | undefined): DayEntry[] {
  const entries: DayEntry[] = [];
  // Days already off for a reason other than the weekend: a compensatory day must avoid them.
  const off = new Set<number>();
  const add = (dayNumber: number, name: string, kind: DayEntryKind): void => {
    entries.push({ dayNumber, name, kind });
    if (kind !== 'swapped_work') off.add(dayNumber);
  };

  for (const d of config?.extraHolidays ?? []) add(toDayNumber(d.date), d.name, 'holiday');
  for (const d of config?.swappedRestDays ?? []) add(toDayNumber(d.date), d.name, 'swapped_rest');
  for (const d of config?.swappedWorkingDays ?? []) add(toDayNumber(d.date), d.name, 'swapped_work');

  const statutory = statutoryHolidays(year, config);
  // Each statutory day is one paid day off: if it lands on a weekend, or on a day that is off
  // anyway (another holiday, a declared swap), it is taken on the next weekday not yet off —
  // so 30/4 on Saturday and 1/5 on Sunday give Monday 2/5 and Tuesday 3/5 (as in 2022).
  const needsCompensation: Statutory[] = [];
  for (const h of statutory) {
    const clash = isWeekendDayNumber(h.dayNumber) || off.has(h.dayNumber);
    if (clash && h.compensable) needsCompensation.push(h);
    add(h.dayNumber, h.name, 'holiday');
  }
  if (config?.autoCompensation !== false) {
    for (const h of needsCompensation) {
      let d = h.dayNumber + 1;
      while (isWeekendDayNumber(d) || off.has(d)) d++;
      add(d, `Nghỉ bù ${h.name}`, 'holiday');
    }
  }
  return entries;
}
