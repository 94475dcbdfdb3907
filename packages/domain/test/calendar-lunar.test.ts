import { describe, it, expect } from 'vitest';
import { gioToHungVuong, lunarToSolar, solarToLunar, tetNguyenDan } from '../src/calendar';
import { fromDayNumber, toDayNumber } from '../src/calendar/dates';
import * as hnd from './support/ho-ngoc-duc-amlich';

/**
 * Tết Nguyên đán (mùng 1 tháng Giêng) in Vietnam, typed from published calendars — not from
 * the library under test. 2030 is 02-02 in Vietnam (China: 02-03).
 */
const TET_VIETNAM: Record<number, string> = {
  2000: '2000-02-05',
  2001: '2001-01-24',
  2002: '2002-02-12',
  2003: '2003-02-01',
  2004: '2004-01-22',
  2005: '2005-02-09',
  2006: '2006-01-29',
  2007: '2007-02-17',
  2008: '2008-02-07',
  2009: '2009-01-26',
  2010: '2010-02-14',
  2011: '2011-02-03',
  2012: '2012-01-23',
  2013: '2013-02-10',
  2014: '2014-01-31',
  2015: '2015-02-19',
  2016: '2016-02-08',
  2017: '2017-01-28',
  2018: '2018-02-16',
  2019: '2019-02-05',
  2020: '2020-01-25',
  2021: '2021-02-12',
  2022: '2022-02-01',
  2023: '2023-01-22',
  2024: '2024-02-10',
  2025: '2025-01-29',
  2026: '2026-02-17',
  2027: '2027-02-06',
  2028: '2028-01-26',
  2029: '2029-02-13',
  2030: '2030-02-02',
  2031: '2031-01-23',
  2032: '2032-02-11',
  2033: '2033-01-31',
  2034: '2034-02-19',
  2035: '2035-02-08',
  2036: '2036-01-28',
  2037: '2037-02-15',
  2038: '2038-02-04',
  2039: '2039-01-24',
  2040: '2040-02-12',
};
const YEARS = Object.keys(TET_VIETNAM).map(Number);

describe('Tết Nguyên đán 2000–2040', () => {
  it('the literal table covers 41 years', () => {
    expect(YEARS).toHaveLength(41);
    expect(YEARS[0]).toBe(2000);
    expect(YEARS[40]).toBe(2040);
  });

  it.each(YEARS)('Hồ Ngọc Đức algorithm (UTC+7) agrees with the table for %i', (year) => {
    expect(hnd.lunarToIso(1, 1, year, 7)).toBe(TET_VIETNAM[year]);
  });

  it.each(YEARS)('lunarToSolar(1, 1, %i) matches the table', (year) => {
    expect(lunarToSolar(1, 1, year)).toBe(TET_VIETNAM[year]);
    expect(tetNguyenDan(year)).toBe(TET_VIETNAM[year]);
  });

  it('follows Vietnam (UTC+7), not China (UTC+8), where they differ', () => {
    // 1985: Vietnam 21/01, China 20/02 (a month apart: different leap-month placement).
    expect(hnd.lunarToIso(1, 1, 1985, 7)).toBe('1985-01-21');
    expect(hnd.lunarToIso(1, 1, 1985, 8)).toBe('1985-02-20');
    expect(lunarToSolar(1, 1, 1985)).toBe('1985-01-21');
    // 2007: the new moon fell just before midnight UTC+7 (after midnight UTC+8).
    expect(hnd.lunarToIso(1, 1, 2007, 8)).toBe('2007-02-18');
    expect(lunarToSolar(1, 1, 2007)).toBe('2007-02-17');
    // 2030: likewise.
    expect(hnd.lunarToIso(1, 1, 2030, 8)).toBe('2030-02-03');
    expect(lunarToSolar(1, 1, 2030)).toBe('2030-02-02');
  });
});

describe('Giỗ Tổ Hùng Vương (10/3 âm lịch)', () => {
  it.each([
    [2024, '2024-04-18'],
    [2025, '2025-04-07'],
    [2026, '2026-04-26'],
  ])('%i → %s', (year, date) => {
    expect(gioToHungVuong(year)).toBe(date);
    expect(lunarToSolar(10, 3, year)).toBe(date);
    expect(hnd.lunarToIso(10, 3, year, 7)).toBe(date);
  });
});

describe('lunarToSolar / solarToLunar', () => {
  it('agrees with the Hồ Ngọc Đức algorithm on every day 1968–2050', () => {
    // Vietnam has used UTC+7 for its calendar since 1968; before that (UTC+8) and after ~2050
    // (where the algorithm's simplified astronomy drifts) the library's tables legitimately differ.
    let checked = 0;
    for (let d = toDayNumber('1968-01-01'); d <= toDayNumber('2050-12-31'); d++) {
      const date = fromDayNumber(d);
      const [y, m, day] = [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
      const [ld, lm, ly, leap] = hnd.convertSolar2Lunar(day, m, y, 7);
      const expected = { day: ld, month: lm, year: ly, leap: leap === 1 };
      const actual = solarToLunar(date);
      if (
        actual.day !== expected.day ||
        actual.month !== expected.month ||
        actual.year !== expected.year ||
        actual.leap !== expected.leap
      ) {
        expect({ date, ...actual }).toEqual({ date, ...expected });
      }
      if (actual.day === 1 || actual.day === 15) {
        expect(lunarToSolar(actual.day, actual.month, actual.year, actual.leap)).toBe(date);
      }
      checked++;
    }
    expect(checked).toBe(30316);
  });

  it('handles a leap month (tháng 6 nhuận 2025)', () => {
    expect(hnd.lunarToIso(1, 6, 2025, 7, true)).toBe('2025-07-25');
    expect(lunarToSolar(1, 6, 2025, true)).toBe('2025-07-25');
    expect(lunarToSolar(1, 6, 2025)).toBe('2025-06-25');
    expect(solarToLunar('2025-07-25')).toEqual({ day: 1, month: 6, year: 2025, leap: true });
  });

  it('knows the lunar year of days before Tết', () => {
    // 2025 had no 30 Tết: 28/01/2025 is 29 tháng Chạp of the year that began in 2024.
    expect(solarToLunar('2025-01-28')).toEqual({ day: 29, month: 12, year: 2024, leap: false });
    expect(solarToLunar('2024-02-09')).toEqual({ day: 30, month: 12, year: 2023, leap: false });
  });

  it('rejects lunar dates that do not exist instead of rolling them over', () => {
    // The library alone maps 30/12/2024 (a 29-day month) to Tết 2025.
    expect(() => lunarToSolar(30, 12, 2024)).toThrow(RangeError);
    expect(() => lunarToSolar(1, 5, 2025, true)).toThrow(RangeError); // 2025's leap month is 6
    expect(() => lunarToSolar(0, 1, 2025)).toThrow(RangeError);
    expect(() => lunarToSolar(1, 13, 2025)).toThrow(RangeError);
    expect(() => lunarToSolar(1.5, 1, 2025)).toThrow(RangeError);
    expect(() => lunarToSolar(1, 1, 1199)).toThrow(RangeError);
    expect(() => lunarToSolar(1, 1, 2200)).toThrow(RangeError);
    expect(() => solarToLunar('2025-02-29')).toThrow(RangeError);
    expect(() => solarToLunar('1100-01-01')).toThrow(RangeError);
  });
});
