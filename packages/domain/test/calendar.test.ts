import { describe, it, expect } from 'vitest';
import {
  addWorkingDays,
  buildCalendar,
  civilCodeDeadline,
  countWorkingDays,
  DEFAULT_CALENDAR,
  DEFAULT_CALENDAR_CONFIG,
  deadlineFromDays,
  defaultNationalDayExtra,
  isWorkingDay,
  nextWorkingDay,
  previousWorkingDay,
  validateCalendarConfig,
  addCalendarDays,
} from '../src/calendar';
import type { CalendarConfig } from '../src/calendar';

/** Expected values below come from the published schedules and a wall calendar, not from the code. */
const offDates = (year: number): string[] => DEFAULT_CALENDAR.nonWorkingDays(year).map((d) => d.date);

describe('weekends', () => {
  it('Saturday and Sunday are not working days, Monday–Friday are', () => {
    expect(isWorkingDay('2026-03-07')).toBe(false); // Saturday
    expect(isWorkingDay('2026-03-08')).toBe(false); // Sunday
    expect(isWorkingDay('2026-03-09')).toBe(true); // Monday
    expect(isWorkingDay('2026-03-13')).toBe(true); // Friday
  });

  it('1 working day after a Friday is the next Monday; the first day is not counted', () => {
    expect(addWorkingDays('2026-03-06', 1)).toBe('2026-03-09');
    expect(addWorkingDays('2026-03-07', 1)).toBe('2026-03-09'); // from a Saturday
    expect(addWorkingDays('2026-03-09', 5)).toBe('2026-03-16');
    expect(addWorkingDays('2026-03-09', 0)).toBe('2026-03-09');
    expect(addWorkingDays('2026-03-08', 0)).toBe('2026-03-08'); // 0 leaves even a Sunday as is
  });

  it('goes backwards for "N working days before the deadline"', () => {
    expect(addWorkingDays('2026-03-09', -1)).toBe('2026-03-06'); // Monday − 1 = Friday
    expect(addWorkingDays('2026-03-16', -5)).toBe('2026-03-09');
    expect(previousWorkingDay('2026-03-09')).toBe('2026-03-06');
    expect(nextWorkingDay('2026-03-06')).toBe('2026-03-09');
    expect(nextWorkingDay('2026-03-10')).toBe('2026-03-11'); // strictly after
  });
});

describe('Tết Nguyên đán', () => {
  it('2026 (Bính Ngọ): off thứ Bảy 14/02 → hết Chủ nhật 22/02', () => {
    expect(isWorkingDay('2026-02-13')).toBe(true); // Friday 26 tháng Chạp
    for (const d of ['14', '15', '16', '17', '18', '19', '20', '21', '22']) {
      expect(isWorkingDay(`2026-02-${d}`), d).toBe(false);
    }
    expect(isWorkingDay('2026-02-23')).toBe(true);
    expect(addWorkingDays('2026-02-13', 1)).toBe('2026-02-23');
  });

  it('adding 5 working days across Tết 2026', () => {
    // Thursday 12/02: Fri 13/02 is day 1, then Mon 23 (2), 24 (3), 25 (4), 26 (5).
    expect(addWorkingDays('2026-02-12', 5)).toBe('2026-02-26');
    expect(deadlineFromDays('2026-02-12', 5)).toBe('2026-02-26');
    expect(addWorkingDays('2026-02-26', -5)).toBe('2026-02-12');
    expect(countWorkingDays('2026-02-12', '2026-02-26')).toBe(5);
  });

  it('2025 (Ất Tỵ): off thứ Bảy 25/01 → hết Chủ nhật 02/02, no swap', () => {
    expect(isWorkingDay('2025-01-24')).toBe(true);
    expect(addWorkingDays('2025-01-24', 1)).toBe('2025-02-03');
    expect(countWorkingDays('2025-01-24', '2025-02-03')).toBe(1);
  });

  it('2024 (Giáp Thìn): off thứ Năm 08/02 → hết thứ Tư 14/02', () => {
    expect(addWorkingDays('2024-02-07', 1)).toBe('2024-02-15');
  });

  it('a year without an announcement: last day of the lunar year + mùng 1–4, nghỉ bù for weekend days', () => {
    // Tết 2027 = Saturday 06/02: 05/02 (30 Tết) … 09/02 (mùng 4); Sat 06 and Sun 07 → bù Wed 10, Thu 11.
    const tet2027 = DEFAULT_CALENDAR.holidays(2027).filter((h) => h.date.startsWith('2027-02'));
    expect(tet2027.map((h) => h.date)).toEqual([
      '2027-02-05',
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
      '2027-02-09',
      '2027-02-10',
      '2027-02-11',
    ]);
    expect(tet2027[5]?.name).toBe('Nghỉ bù Tết Nguyên đán');
    expect(addWorkingDays('2027-02-04', 1)).toBe('2027-02-12');
  });
});

describe('Quốc khánh 2/9 and the adjacent day', () => {
  it('2025: thứ Bảy 30/08 → hết thứ Ba 02/09', () => {
    expect(isWorkingDay('2025-09-01')).toBe(false);
    expect(isWorkingDay('2025-09-02')).toBe(false);
    expect(addWorkingDays('2025-08-29', 1)).toBe('2025-09-03');
  });

  it('2024: thứ Bảy 31/08 → hết thứ Ba 03/09', () => {
    expect(isWorkingDay('2024-09-02')).toBe(false);
    expect(isWorkingDay('2024-09-03')).toBe(false);
    expect(addWorkingDays('2024-08-30', 1)).toBe('2024-09-04');
  });

  it('the default rule reproduces the announced years 2021–2025', () => {
    expect(defaultNationalDayExtra(2021)).toBe('2021-09-03'); // 2/9 Thursday → Friday
    expect(defaultNationalDayExtra(2022)).toBe('2022-09-01'); // Friday → Thursday
    expect(defaultNationalDayExtra(2023)).toBe('2023-09-01'); // Saturday → Friday
    expect(defaultNationalDayExtra(2024)).toBe('2024-09-03'); // Monday → Tuesday
    expect(defaultNationalDayExtra(2025)).toBe('2025-09-01'); // Tuesday → Monday
  });

  it('2023 (2/9 on Saturday): 01/09 off and 2/9 compensated on Monday 04/09', () => {
    expect(offDates(2023).filter((d) => d >= '2023-08-31' && d <= '2023-09-05')).toEqual([
      '2023-09-01',
      '2023-09-02',
      '2023-09-03',
      '2023-09-04',
    ]);
    expect(DEFAULT_CALENDAR.holidays(2023)).toContainEqual({
      date: '2023-09-04',
      name: 'Nghỉ bù Quốc khánh',
    });
  });

  it('an announced adjacent day overrides the default', () => {
    const cal = buildCalendar([{ year: 2026, nationalDayExtra: '2026-09-01' }]);
    expect(cal.isWorkingDay('2026-09-01')).toBe(false);
    expect(cal.isWorkingDay('2026-09-03')).toBe(true);
    expect(DEFAULT_CALENDAR.isWorkingDay('2026-09-03')).toBe(false);
  });
});

describe('30/4 – 1/5', () => {
  it('2025: off 30/04 → 04/05, thứ Sáu 02/05 swapped with thứ Bảy 26/04', () => {
    expect(isWorkingDay('2025-04-26')).toBe(true); // làm bù
    expect(isWorkingDay('2025-04-30')).toBe(false);
    expect(isWorkingDay('2025-05-01')).toBe(false);
    expect(isWorkingDay('2025-05-02')).toBe(false);
    expect(addWorkingDays('2025-04-25', 1)).toBe('2025-04-26');
    expect(addWorkingDays('2025-04-29', 1)).toBe('2025-05-05');
    expect(DEFAULT_CALENDAR.swappedWorkingDays(2025).map((d) => d.date)).toEqual(['2025-04-26']);
    expect(DEFAULT_CALENDAR.swappedRestDays(2025).map((d) => d.date)).toEqual(['2025-05-02']);
  });

  it('2024: off thứ Bảy 27/04 → thứ Tư 01/05, làm bù thứ Bảy 04/05', () => {
    expect(isWorkingDay('2024-04-29')).toBe(false);
    expect(isWorkingDay('2024-05-04')).toBe(true);
    expect(addWorkingDays('2024-04-26', 1)).toBe('2024-05-02');
    expect(addWorkingDays('2024-05-03', 1)).toBe('2024-05-04');
  });

  it('2022 (no announcement needed): 30/4 Saturday and 1/5 Sunday → nghỉ bù Monday 2/5 and Tuesday 3/5', () => {
    expect(offDates(2022).filter((d) => d >= '2022-04-29' && d <= '2022-05-05')).toEqual([
      '2022-04-30',
      '2022-05-01',
      '2022-05-02',
      '2022-05-03',
    ]);
  });

  it('2023: Giỗ Tổ on Saturday 29/4 and 30/4 on Sunday stack their nghỉ bù after 1/5 (off 29/4 → 3/5)', () => {
    expect(offDates(2023).filter((d) => d >= '2023-04-27' && d <= '2023-05-05')).toEqual([
      '2023-04-29',
      '2023-04-30',
      '2023-05-01',
      '2023-05-02',
      '2023-05-03',
    ]);
  });
});

describe('nghỉ bù (compensatory day)', () => {
  it('Giỗ Tổ 2026 on Sunday 26/04 → Monday 27/04 off', () => {
    expect(isWorkingDay('2026-04-27')).toBe(false);
    expect(addWorkingDays('2026-04-24', 1)).toBe('2026-04-28');
    const april = DEFAULT_CALENDAR.nonWorkingDays(2026).filter((d) => d.date.startsWith('2026-04-2'));
    expect(april).toContainEqual({
      date: '2026-04-26',
      name: 'Giỗ Tổ Hùng Vương',
      kind: 'holiday',
    });
    expect(april).toContainEqual({
      date: '2026-04-27',
      name: 'Nghỉ bù Giỗ Tổ Hùng Vương',
      kind: 'holiday',
    });
    expect(april).toContainEqual({ date: '2026-04-25', name: 'Thứ Bảy', kind: 'weekend' });
  });

  it('Tết Dương lịch 2023 on Sunday → Monday 02/01/2023 off', () => {
    expect(isWorkingDay('2023-01-02')).toBe(false);
    expect(addWorkingDays('2022-12-30', 1)).toBe('2023-01-03');
  });

  it('can be turned off for a year whose announcement places it elsewhere', () => {
    const cal = buildCalendar([
      {
        year: 2026,
        autoCompensation: false,
        extraHolidays: [{ date: '2026-04-29', name: 'Nghỉ bù Giỗ Tổ Hùng Vương' }],
      },
    ]);
    expect(cal.isWorkingDay('2026-04-27')).toBe(true);
    expect(cal.isWorkingDay('2026-04-29')).toBe(false);
  });
});

describe('swapped working Saturday (Tết Dương lịch 2026)', () => {
  it('thứ Sáu 02/01 is off and thứ Bảy 10/01 is worked', () => {
    expect(isWorkingDay('2026-01-01')).toBe(false);
    expect(isWorkingDay('2026-01-02')).toBe(false);
    expect(isWorkingDay('2026-01-10')).toBe(true);
    expect(addWorkingDays('2025-12-31', 1)).toBe('2026-01-05');
    expect(addWorkingDays('2026-01-09', 1)).toBe('2026-01-10');
    expect(addWorkingDays('2026-01-12', -1)).toBe('2026-01-10');
    expect(countWorkingDays('2025-12-31', '2026-01-05')).toBe(1);
    const jan = DEFAULT_CALENDAR.nonWorkingDays(2026).filter((d) => d.date <= '2026-01-11');
    expect(jan.map((d) => [d.date, d.kind])).toEqual([
      ['2026-01-01', 'holiday'],
      ['2026-01-02', 'swapped_rest'],
      ['2026-01-03', 'weekend'],
      ['2026-01-04', 'weekend'],
      ['2026-01-11', 'weekend'],
    ]);
  });

  it('lists swapped days for the API', () => {
    expect(DEFAULT_CALENDAR.swappedWorkingDays(2026)).toEqual([{ date: '2026-01-10', name: 'Làm bù cho thứ Sáu 02/01/2026' }]);
    expect(DEFAULT_CALENDAR.swappedRestDays(2026).map((d) => d.date)).toEqual(['2026-01-02']);
  });
});

describe('year listings', () => {
  it('2026 has 115 non-working days and 250 working days', () => {
    // 104 weekend days − 1 worked Saturday + weekday holidays: 01/01, 02/01 (swap), 16–20/02,
    // 27/04 (bù), 30/04, 01/05, 02/09, 03/09 = 12.
    expect(DEFAULT_CALENDAR.nonWorkingDays(2026)).toHaveLength(115);
    expect(countWorkingDays('2025-12-31', '2026-12-31')).toBe(250);
  });

  it('holidays(2026) names every holiday in Vietnamese, by date', () => {
    const h = DEFAULT_CALENDAR.holidays(2026);
    expect(h.map((d) => d.date)).toEqual([...h.map((d) => d.date)].sort());
    expect(new Set(h.map((d) => d.name))).toEqual(
      new Set([
        'Tết Dương lịch',
        'Tết Nguyên đán',
        'Giỗ Tổ Hùng Vương',
        'Nghỉ bù Giỗ Tổ Hùng Vương',
        'Ngày Chiến thắng',
        'Ngày Quốc tế Lao động',
        'Quốc khánh',
        'Quốc khánh (ngày nghỉ liền kề)',
      ]),
    );
    expect(h.filter((d) => d.name === 'Tết Nguyên đán')).toHaveLength(9);
  });

  it('returns copies, so callers cannot corrupt the cache', () => {
    const h = DEFAULT_CALENDAR.holidays(2026);
    const first = h[0];
    if (first) first.date = '1999-01-01';
    expect(DEFAULT_CALENDAR.holidays(2026)[0]?.date).toBe('2026-01-01');
  });
});

describe('countWorkingDays', () => {
  it('counts working days after `from` up to and including `to`', () => {
    expect(countWorkingDays('2026-03-06', '2026-03-09')).toBe(1);
    expect(countWorkingDays('2026-03-09', '2026-03-09')).toBe(0);
    expect(countWorkingDays('2026-03-07', '2026-03-08')).toBe(0);
    expect(Object.is(countWorkingDays('2026-03-08', '2026-03-07'), 0)).toBe(true); // not -0
  });

  it('is antisymmetric and inverts addWorkingDays, also across years', () => {
    const starts = ['2023-12-29', '2024-04-26', '2025-01-24', '2025-12-31', '2026-02-13', '2026-04-24'];
    for (const from of starts) {
      expect(isWorkingDay(from)).toBe(true);
      for (const n of [0, 1, 2, 5, 10, 22, 61, 250, 400]) {
        const ahead = addWorkingDays(from, n);
        const back = addWorkingDays(from, -n);
        expect(countWorkingDays(from, ahead), `${from} +${n}`).toBe(n);
        expect(countWorkingDays(ahead, from)).toBe(0 - n);
        expect(countWorkingDays(from, back), `${from} -${n}`).toBe(0 - n);
        expect(addWorkingDays(ahead, -n)).toBe(from);
      }
    }
  });

  it('agrees with a plain day-by-day count', () => {
    let manual = 0;
    for (let d = '2023-06-01'; d < '2027-06-30';) {
      d = addCalendarDays(d, 1);
      if (isWorkingDay(d)) manual++;
    }
    expect(countWorkingDays('2023-06-01', '2027-06-30')).toBe(manual);
    expect(countWorkingDays('2027-06-30', '2023-06-01')).toBe(-manual);
  });
});

describe('civilCodeDeadline (Bộ luật Dân sự 2015, Điều 147–148)', () => {
  it('does not count the first day', () => {
    expect(civilCodeDeadline('2026-03-01', 10)).toBe('2026-03-11');
  });

  it('moves a deadline that ends on a Sunday to Monday', () => {
    expect(civilCodeDeadline('2026-03-01', 14)).toBe('2026-03-16');
  });

  it('moves a deadline that ends on a holiday past the holiday and its nghỉ bù', () => {
    expect(civilCodeDeadline('2026-04-12', 14)).toBe('2026-04-28'); // 26/04 Giỗ Tổ (Sunday), 27/04 bù
    expect(civilCodeDeadline('2026-01-20', 30)).toBe('2026-02-23'); // 19/02 is inside Tết
  });
});

describe('configuration', () => {
  it('the shipped default config is valid and covers 2024–2026', () => {
    expect(validateCalendarConfig(DEFAULT_CALENDAR_CONFIG)).toEqual([]);
    expect(DEFAULT_CALENDAR_CONFIG.map((c) => c.year)).toEqual([2024, 2025, 2026]);
  });

  it('reports problems in Vietnamese and buildCalendar refuses them', () => {
    const bad: CalendarConfig[] = [
      { year: 2026, swappedWorkingDays: [{ date: '2026-01-09', name: 'thứ Sáu' }] },
      { year: 2026 },
      { year: 2027, nationalDayExtra: '2027-09-05', tet: { start: '2027-02-30', days: 90 } },
      { year: 2028, swappedRestDays: [{ date: '2028-01-08', name: '' }] },
    ];
    const problems = validateCalendarConfig(bad);
    expect(problems).toHaveLength(7);
    expect(problems.join('\n')).toContain('không phải thứ Bảy hay Chủ nhật');
    expect(() => buildCalendar(bad)).toThrow(RangeError);
  });

  it('uses a passed calendar instead of the default', () => {
    const cal = buildCalendar([{ year: 2026, extraHolidays: [{ date: '2026-11-24', name: 'Ngày Văn hóa Việt Nam' }] }]);
    expect(isWorkingDay('2026-11-24', cal)).toBe(false);
    expect(isWorkingDay('2026-11-24')).toBe(true);
    expect(addWorkingDays('2026-11-23', 1, cal)).toBe('2026-11-25');
    // Without the 2026 announcement, Tết 2026 falls back to the default 16/02 (29 Tết) – 20/02.
    expect(cal.isWorkingDay('2026-02-13')).toBe(true);
    expect(cal.isWorkingDay('2026-02-16')).toBe(false);
    expect(cal.isWorkingDay('2026-02-23')).toBe(true);
  });

  it('is not affected by later edits of the config object', () => {
    const config: CalendarConfig[] = [{ year: 2030, extraHolidays: [{ date: '2030-06-03', name: 'Nghỉ' }] }];
    const cal = buildCalendar(config);
    const first = config[0]?.extraHolidays?.[0];
    if (first) first.date = '2030-06-04';
    expect(cal.isWorkingDay('2030-06-03')).toBe(false);
    expect(cal.isWorkingDay('2030-06-04')).toBe(true);
  });
});

describe('input validation', () => {
  it('rejects malformed and non-existent dates', () => {
    expect(() => isWorkingDay('2026-02-30')).toThrow(RangeError);
    expect(() => isWorkingDay('2026-2-3')).toThrow(RangeError);
    expect(() => addWorkingDays('26-02-03', 1)).toThrow(RangeError);
    expect(() => countWorkingDays('2026-02-03', '2026-02-03T00:00:00Z')).toThrow(RangeError);
  });

  it('rejects a fractional number of days and years out of range', () => {
    expect(() => addWorkingDays('2026-02-03', 1.5)).toThrow(RangeError);
    expect(() => civilCodeDeadline('2026-02-03', -1)).toThrow(RangeError);
    expect(() => DEFAULT_CALENDAR.holidays(1000)).toThrow(RangeError);
  });
});
