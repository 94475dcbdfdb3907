import { z } from 'zod';
import { CALENDAR_MAX_YEAR, CALENDAR_MIN_YEAR, MAX_TET_DAYS } from '../calendar';
import { IsoDate } from './common';

export const CalendarYearParams = z.object({
  year: z.coerce.number().int().min(CALENDAR_MIN_YEAR).max(CALENDAR_MAX_YEAR),
});

export const CalendarDayItem = z.object({ date: IsoDate, name: z.string() });

/** A year's days off other than ordinary weekends, and its worked weekend days. */
export const CalendarYear = z.object({
  year: z.number().int(),
  /** Holidays (also those on a weekend), compensatory days and swapped rest days, by date. */
  nonWorkingDays: z.array(CalendarDayItem.extend({ kind: z.enum(['holiday', 'swapped_rest']) })),
  /** Weekend days that are worked (làm bù), by date. */
  swappedWorkingDays: z.array(CalendarDayItem),
});
export type CalendarYear = z.infer<typeof CalendarYear>;

export const AddWorkingDaysQuery = z.object({
  from: IsoDate,
  /** Working days to add (negative: go back); the first day is not counted. */
  days: z.coerce.number().int().min(-3660).max(3660),
});
export const AddWorkingDaysResult = z.object({ date: IsoDate });

const NamedDay = z.object({ date: IsoDate, name: z.string().trim().min(1).max(200) });

/** The announced schedule of one year, as an administrator edits it. */
export const CalendarConfigFields = z.object({
  /** The announced Tết break; null: computed (last day of the lunar year + mùng 1–4, with nghỉ bù). */
  tet: z.object({ start: IsoDate, days: z.number().int().min(1).max(MAX_TET_DAYS) }).nullable(),
  /** The day next to Quốc khánh (YYYY-09-01 or YYYY-09-03); null: computed. */
  nationalDayExtra: IsoDate.nullable(),
  extraHolidays: z.array(NamedDay).max(60),
  /** Weekend days that are worked (làm bù). */
  swappedWorkingDays: z.array(NamedDay).max(60),
  /** Weekdays made rest days by a swap (nghỉ hoán đổi). */
  swappedRestDays: z.array(NamedDay).max(60),
  /** Whether a fixed holiday on a weekend gets a compensatory day on the next working day. */
  autoCompensation: z.boolean(),
  /** Where the schedule comes from (the announcement). */
  source: z.string().trim().max(500).nullable(),
});

export const CalendarConfigView = CalendarConfigFields.extend({
  year: z.number().int(),
  /** True when nothing is stored for the year: the values shown are the built-in defaults. */
  isDefault: z.boolean(),
  /** 0 when nothing is stored yet; send it back with the update. */
  version: z.number().int().min(0),
  updatedAt: z.string().nullable(),
});
export type CalendarConfigView = z.infer<typeof CalendarConfigView>;

export const CalendarConfigUpdate = CalendarConfigFields.extend({
  version: z.number().int().min(0),
  tet: CalendarConfigFields.shape.tet.default(null),
  nationalDayExtra: CalendarConfigFields.shape.nationalDayExtra.default(null),
  extraHolidays: CalendarConfigFields.shape.extraHolidays.default([]),
  swappedWorkingDays: CalendarConfigFields.shape.swappedWorkingDays.default([]),
  swappedRestDays: CalendarConfigFields.shape.swappedRestDays.default([]),
  autoCompensation: z.boolean().default(true),
  source: CalendarConfigFields.shape.source.default(null),
});
export type CalendarConfigUpdate = z.infer<typeof CalendarConfigUpdate>;
