/**
 * Vietnamese working-day calendar: lunar conversion, statutory holidays (Bộ luật Lao động
 * 2019, Điều 112), announced swaps, and deadline arithmetic. Pure: no I/O, no clock, no TZ.
 */
export { lunarToSolar, solarToLunar, tetNguyenDan, gioToHungVuong, LUNAR_MIN_YEAR, LUNAR_MAX_YEAR } from './lunar';
export type { LunarDateParts } from './lunar';
export { DEFAULT_CALENDAR_CONFIG, validateCalendarConfig, CALENDAR_MIN_YEAR, CALENDAR_MAX_YEAR, MAX_TET_DAYS } from './config';
export type { CalendarConfig, CalendarDay, TetSchedule } from './config';
export { defaultNationalDayExtra } from './rules';
export { addCalendarDays } from './dates';
export {
  buildCalendar,
  DEFAULT_CALENDAR,
  isWorkingDay,
  addWorkingDays,
  countWorkingDays,
  deadlineFromDays,
  civilCodeDeadline,
  nextWorkingDay,
  previousWorkingDay,
} from './calendar';
export type { Calendar, NonWorkingDay, NonWorkingKind } from './calendar';
