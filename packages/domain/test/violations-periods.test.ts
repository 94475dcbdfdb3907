import { describe, expect, it } from 'vitest';
import { addMonthsClamped, addYearsClamped, decisionDeadline, limitationPeriod } from '../src/violations/periods';
import { DEFAULT_SANCTION_REGIMES, regimeFor } from '../src/violations/sanctions';

const civilServant = regimeFor(DEFAULT_SANCTION_REGIMES, 'civil_servant', '2026-01-01')!;
const partyFull = regimeFor(DEFAULT_SANCTION_REGIMES, 'party_full', '2026-01-01')!;
const partyOrg = regimeFor(DEFAULT_SANCTION_REGIMES, 'party_org', '2026-01-01')!;

describe('year and month arithmetic', () => {
  it('clamps to the end of a shorter month', () => {
    expect(addYearsClamped('2020-02-29', 5)).toBe('2025-02-28');
    expect(addYearsClamped('2024-02-29', 4)).toBe('2028-02-29');
    expect(addMonthsClamped('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonthsClamped('2025-11-15', 18)).toBe('2027-05-15');
  });
});

describe('statutory deadline to decide (90 days, 150 with an extension)', () => {
  it('counts 90 calendar days from detection, the first day not counted', () => {
    // 2026-03-02 + 90 days = 2026-05-31, a Sunday → the next working day, Monday 2026-06-01.
    const d = decisionDeadline(civilServant, '2026-03-02', false)!;
    expect(d.days).toBe(90);
    expect(d.dueDate).toBe('2026-06-01');
    expect(d.extended).toBe(false);
    // 2026-03-02 + 150 days = 2026-07-30, a Thursday.
    expect(d.extendedDueDate).toBe('2026-07-30');
  });

  it('becomes 150 days once extended', () => {
    const d = decisionDeadline(civilServant, '2026-03-02', true)!;
    expect(d.days).toBe(150);
    expect(d.dueDate).toBe('2026-07-30');
    expect(d.extended).toBe(true);
  });

  it('moves a deadline that falls in the Tết holiday to the next working day', () => {
    // 2025-11-19 + 90 days = 2026-02-17, Tết Bính Ngọ (holiday until 2026-02-20) → 2026-02-23.
    expect(decisionDeadline(civilServant, '2025-11-19', false)!.dueDate).toBe('2026-02-23');
  });

  it('is absent where the regime sets no deadline (Party track)', () => {
    expect(decisionDeadline(partyFull, '2026-03-02', false)).toBeNull();
  });
});

describe('limitation period (thời hiệu)', () => {
  it('Party: 5 years for khiển trách-level, 10 for cảnh cáo/cách chức-level, none for khai trừ-level', () => {
    expect(limitationPeriod(partyFull, 'minor', '2021-04-10').expiresOn).toBe('2026-04-10');
    expect(limitationPeriod(partyFull, 'serious', '2021-04-10').expiresOn).toBe('2031-04-10');
    const none = limitationPeriod(partyFull, 'very_serious', '2021-04-10');
    expect(none.years).toBeNull();
    expect(none.expiresOn).toBeNull();
    expect(limitationPeriod(partyOrg, 'very_serious', '2021-04-10').expiresOn).toBeNull();
  });

  it('State: 2 years for khiển trách-level, 5 otherwise (reference data, to verify)', () => {
    expect(limitationPeriod(civilServant, 'minor', '2024-06-01').expiresOn).toBe('2026-06-01');
    expect(limitationPeriod(civilServant, 'very_serious', '2024-06-01').expiresOn).toBe('2029-06-01');
  });

  it('a new violation within the period restarts the clock, repeatedly; one after it has run out does not', () => {
    const once = limitationPeriod(partyFull, 'minor', '2018-01-15', ['2022-03-01']);
    expect(once.restarted).toBe(true);
    expect(once.countedFrom).toBe('2022-03-01');
    expect(once.expiresOn).toBe('2027-03-01');

    const chained = limitationPeriod(partyFull, 'minor', '2015-01-15', ['2024-01-01', '2019-06-01']);
    expect(chained.countedFrom).toBe('2024-01-01');
    expect(chained.expiresOn).toBe('2029-01-01');

    const late = limitationPeriod(civilServant, 'minor', '2020-01-10', ['2022-01-11', '2023-05-05']);
    expect(late.restarted).toBe(false);
    expect(late.expiresOn).toBe('2022-01-10');

    // Violations before the one in question do not restart it.
    expect(limitationPeriod(civilServant, 'minor', '2024-06-01', ['2024-01-01']).countedFrom).toBe('2024-06-01');
  });

  it('no limitation is never restarted into one', () => {
    const p = limitationPeriod(partyFull, 'extremely_serious', '2010-01-01', ['2012-01-01']);
    expect(p.expiresOn).toBeNull();
    expect(p.restarted).toBe(false);
  });
});
