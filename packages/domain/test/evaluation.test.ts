import { describe, expect, it } from 'vitest';
import {
  checkExcellentQuota,
  computeScore,
  levelForScore,
  nextEvaluationStatus,
  parsePeriod,
  partyRating,
  periodContaining,
  previousPeriod,
  reprimandedTwiceInTerm,
  sanctionCountsForYear,
  scoreTask,
  taskPart,
  termOf,
  twoYearsNotCompleted,
  type ScoredTaskInput,
} from '../src/evaluation';

/** A task done on time, quality accepted, no delay, no error — weight 1 unless told. */
const task = (over: Partial<ScoredTaskInput> = {}): ScoredTaskInput => ({
  taskId: over.taskId ?? 't',
  title: 'Nhiệm vụ',
  weight: 1,
  done: true,
  qualityAccepted: true,
  delays: 0,
  completedLate: false,
  lateObjective: false,
  majorErrors: 0,
  objectiveErrors: 0,
  ...over,
});

const noManager = { manualTaskPercent: null, manager: null, sanctionedInYear: false } as const;

describe('NĐ 335/2025 task items of one task', () => {
  it('a clean task scores 1 on every item with no deduction', () => {
    const l = scoreTask(task());
    expect([l.quantity, l.quality, l.timeliness]).toEqual([1, 1, 1]);
    expect(l.deductions).toEqual([]);
  });

  it('each major error costs 25% of the quality item', () => {
    // 2 errors → 1 − 2 × 0.25 = 0.5; timeliness untouched.
    const l = scoreTask(task({ majorErrors: 2 }));
    expect(l.quality).toBe(0.5);
    expect(l.timeliness).toBe(1);
    expect(l.deductions).toEqual([{ item: 'quality', reason: 'major_error', count: 2, share: 0.5 }]);
  });

  it('an error with an objective, confirmed cause is not deducted', () => {
    // 3 errors, 2 objective → 1 counted → 1 − 0.25 = 0.75.
    expect(scoreTask(task({ majorErrors: 3, objectiveErrors: 2 })).quality).toBe(0.75);
  });

  it('each delay costs 25% of the timeliness item, and a late completion counts as one more', () => {
    // 1 extension counted as delay + completed late → 2 × 0.25 → 0.5.
    const l = scoreTask(task({ delays: 1, completedLate: true }));
    expect(l.timeliness).toBe(0.5);
    expect(l.deductions.map((d) => d.reason)).toEqual(['delay', 'late_completion']);
    // The same lateness confirmed as objective: only the extension → 0.75.
    expect(scoreTask(task({ delays: 1, completedLate: true, lateObjective: true })).timeliness).toBe(0.75);
  });

  it('deductions never go below zero', () => {
    // 5 delays × 25% = 125% → 0, not −0.25.
    expect(scoreTask(task({ delays: 5 })).timeliness).toBe(0);
    expect(scoreTask(task({ majorErrors: 6 })).quality).toBe(0);
  });

  it('a task not done scores 0 on all three items; quality "not meeting requirements" scores 0 on quality', () => {
    const open = scoreTask(task({ done: false }));
    expect([open.quantity, open.quality, open.timeliness]).toEqual([0, 0, 0]);
    const rejected = scoreTask(task({ qualityAccepted: false }));
    expect([rejected.quantity, rejected.quality, rejected.timeliness]).toEqual([1, 0, 1]);
  });
});

describe('NĐ 335/2025 score of a period', () => {
  it('weights every item by the conversion weight (hệ số quy đổi)', () => {
    // T1 weight 2, clean:                 q=1 l=1 t=1
    // T2 weight 1, done, 1 delay:         q=1 l=1 t=0.75
    // T3 weight 1, not done:              q=0 l=0 t=0
    // Σw = 4
    // a = (2·1 + 1·1 + 1·0) / 4 = 75%
    // b = (2·1 + 1·1 + 1·0) / 4 = 75%
    // c = (2·1 + 1·0.75 + 0) / 4 = 2.75 / 4 = 68.75%
    // mean = (75 + 75 + 68.75) / 3 = 72.916…%; task points = 70 × 0.72916… = 51.0416… → 51.04
    const part = taskPart([task({ taskId: 'a', weight: 2 }), task({ taskId: 'b', delays: 1 }), task({ taskId: 'c', done: false })]);
    expect(part.totalWeight).toBe(4);
    expect(part.quantityPercent).toBe(75);
    expect(part.qualityPercent).toBe(75);
    expect(part.timelinessPercent).toBe(68.75);
    // General points 27 → total 51.04 + 27 = 78.04 → tốt.
    const s = computeScore({ own: part, generalPoints: 27, ...noManager });
    expect(s.taskPoints).toBe(51.04);
    expect(s.total).toBe(78.04);
    expect(s.level).toBe('tot');
  });

  it('a clean period with full general points is 100 and xuất sắc', () => {
    const s = computeScore({ own: taskPart([task(), task({ taskId: 'b' })]), generalPoints: 30, ...noManager });
    expect(s.taskPoints).toBe(70);
    expect(s.total).toBe(100);
    expect(s.level).toBe('xuat_sac');
  });

  it('one major error per task across the board', () => {
    // Two tasks of weight 1, each with 1 major error: a = 100, b = 75, c = 100
    // mean = 275 / 3 = 91.666…; points = 70 × 0.91666… = 64.1666… → 64.17; + 25 general = 89.17 → tốt (not ≥ 90).
    const s = computeScore({
      own: taskPart([task({ majorErrors: 1 }), task({ taskId: 'b', majorErrors: 1 })]),
      generalPoints: 25,
      ...noManager,
    });
    expect(s.taskPoints).toBe(64.17);
    expect(s.total).toBe(89.17);
    expect(s.level).toBe('tot');
  });

  it('bands: 90 xuất sắc, 70 tốt, 50 hoàn thành, below 50 không hoàn thành', () => {
    expect(levelForScore(90)).toBe('xuat_sac');
    expect(levelForScore(89.99)).toBe('tot');
    expect(levelForScore(70)).toBe('tot');
    expect(levelForScore(69.99)).toBe('hoan_thanh');
    expect(levelForScore(50)).toBe('hoan_thanh');
    expect(levelForScore(49.99)).toBe('khong_hoan_thanh');
  });

  it('no total before the leader enters the general points; no task points without tasks or a manual percentage', () => {
    const part = taskPart([task()]);
    expect(computeScore({ own: part, generalPoints: null, ...noManager }).total).toBeNull();
    const empty = computeScore({ own: taskPart([]), generalPoints: 30, ...noManager });
    expect(empty.taskPoints).toBeNull();
    expect(empty.level).toBeNull();
    // With no task, the leader's manual 80% → 70 × 0.8 = 56 + 30 = 86 → tốt.
    const manual = computeScore({ own: taskPart([]), generalPoints: 30, manualTaskPercent: 80, manager: null, sanctionedInYear: false });
    expect(manual.total).toBe(86);
  });

  it('automatic "không hoàn thành" for a State-track sanction of khiển trách or above in the year, whatever the score', () => {
    const s = computeScore({ own: taskPart([task()]), generalPoints: 30, manualTaskPercent: null, manager: null, sanctionedInYear: true });
    expect(s.total).toBe(100);
    expect(s.bandLevel).toBe('xuat_sac');
    expect(s.level).toBe('khong_hoan_thanh');
    expect(s.automatic).toBe('sanction_in_year');
    expect(sanctionCountsForYear({ track: 'state', rank: 1 })).toBe(true); // khiển trách
    expect(sanctionCountsForYear({ track: 'state', rank: 3 })).toBe(true); // cách chức
    expect(sanctionCountsForYear({ track: 'party', rank: 2 })).toBe(false); // Party track: not a public-duty sanction
  });
});

describe('managers: scored on their unit, capped at 50% when a subordinate is "không hoàn thành"', () => {
  // Own: one clean task → 100%.
  // Unit: 2 tasks of weight 1, one done clean, one done with 1 delay:
  //   a = 100, b = 100, c = (1 + 0.75) / 2 = 87.5 → unit = 287.5 / 3 = 95.8333…%
  const own = taskPart([task()]);
  const unit = taskPart([task({ taskId: 'u1' }), task({ taskId: 'u2', delays: 1 })]);

  it('blends own and unit halves', () => {
    // points = 70 × (100/2 + 95.8333/2) / 100 = 70 × 0.979166… = 68.5416… → 68.54; + 28 → 96.54 xuất sắc.
    const s = computeScore({
      own,
      generalPoints: 28,
      manualTaskPercent: null,
      manager: { unit, subordinateNotCompleted: false },
      sanctionedInYear: false,
    });
    expect(s.unitPercent).toBeCloseTo(95.8333, 3);
    expect(s.unitCapped).toBe(false);
    expect(s.taskPoints).toBe(68.54);
    expect(s.total).toBe(96.54);
    expect(s.level).toBe('xuat_sac');
  });

  it('caps the unit part at 50% when a subordinate is rated "không hoàn thành"', () => {
    // unit 95.83 → capped to 50: points = 70 × (50 + 25) / 100 = 52.5; + 28 → 80.5 tốt.
    const s = computeScore({
      own,
      generalPoints: 28,
      manualTaskPercent: null,
      manager: { unit, subordinateNotCompleted: true },
      sanctionedInYear: false,
    });
    expect(s.unitPercent).toBe(50);
    expect(s.unitCapped).toBe(true);
    expect(s.taskPoints).toBe(52.5);
    expect(s.total).toBe(80.5);
    expect(s.level).toBe('tot');
  });

  it('the cap never raises a unit already below 50%', () => {
    // Unit of one task not done: 0% stays 0 → points = 70 × (100/2 + 0) / 100 = 35.
    const s = computeScore({
      own,
      generalPoints: 30,
      manualTaskPercent: null,
      manager: { unit: taskPart([task({ done: false })]), subordinateNotCompleted: true },
      sanctionedInYear: false,
    });
    expect(s.unitPercent).toBe(0);
    expect(s.unitCapped).toBe(false);
    expect(s.taskPoints).toBe(35);
  });
});

describe('the "xuất sắc" quota: at most 20% of those rated "tốt" in the group', () => {
  it('10 rated tốt allow 2 xuất sắc; a third exceeds', () => {
    const tot = Array<'tot'>(10).fill('tot');
    expect(checkExcellentQuota([...tot, 'xuat_sac', 'xuat_sac'])).toEqual({ excellent: 2, good: 10, allowed: 2, exceeded: false });
    expect(checkExcellentQuota([...tot, 'xuat_sac', 'xuat_sac', 'xuat_sac']).exceeded).toBe(true);
  });

  it('a fraction of a person does not count (9 tốt → 1.8 → 1), and 4 tốt allow none', () => {
    expect(checkExcellentQuota([...Array<'tot'>(9).fill('tot'), 'xuat_sac', 'xuat_sac'])).toMatchObject({ allowed: 1, exceeded: true });
    expect(checkExcellentQuota(['tot', 'tot', 'tot', 'tot', 'xuat_sac'])).toMatchObject({ allowed: 0, exceeded: true });
  });

  it('ignores other levels and people not rated yet', () => {
    expect(checkExcellentQuota(['hoan_thanh', 'khong_hoan_thanh', null, 'tot', 'tot', 'tot', 'tot', 'tot'])).toEqual({
      excellent: 0,
      good: 5,
      allowed: 1,
      exceeded: false,
    });
  });
});

describe('Party-member rating (Quy định 124-QĐ/TW)', () => {
  it('keeps the chi bộ level unless the member was disciplined on the Party track in the year', () => {
    expect(partyRating('tot', false)).toEqual({ level: 'tot', automatic: null });
    expect(partyRating('xuat_sac', true)).toEqual({ level: 'khong_hoan_thanh', automatic: 'party_sanction_in_year' });
  });
});

describe('Quy định 41-QĐ/TW flags', () => {
  it('two consecutive years "không hoàn thành"', () => {
    expect(
      twoYearsNotCompleted([
        { year: 2024, level: 'khong_hoan_thanh' },
        { year: 2025, level: 'hoan_thanh' },
        { year: 2026, level: 'khong_hoan_thanh' },
      ]),
    ).toBeNull();
    expect(
      twoYearsNotCompleted([
        { year: 2025, level: 'khong_hoan_thanh' },
        { year: 2026, level: 'khong_hoan_thanh' },
      ]),
    ).toEqual({ code: 'two_years_not_completed', evidence: ['2025', '2026'] });
  });

  it('terms of five years from 1 October 2020', () => {
    expect(termOf('2025-09-30')).toEqual({ start: '2020-10-01', end: '2025-10-01' });
    expect(termOf('2025-10-01')).toEqual({ start: '2025-10-01', end: '2030-10-01' });
    expect(termOf('2019-12-31')).toEqual({ start: '2015-10-01', end: '2020-10-01' });
  });

  it('reprimanded twice within one term, not across two terms', () => {
    const across = [
      { form: 'khien_trach', decisionDate: '2025-03-01' },
      { form: 'khien_trach', decisionDate: '2026-03-01' },
    ];
    // 2025-03-01 lies in the 2020–2025 term, 2026-03-01 in the 2025–2030 term.
    expect(reprimandedTwiceInTerm(across, '2026-06-30')).toBeNull();
    const within = [
      { form: 'khien_trach', decisionDate: '2025-11-10' },
      { form: 'canh_cao', decisionDate: '2026-01-05' },
      { form: 'khien_trach', decisionDate: '2026-05-20' },
    ];
    expect(reprimandedTwiceInTerm(within, '2026-06-30')).toEqual({
      code: 'reprimanded_twice_in_term',
      evidence: ['2025-11-10', '2026-05-20'],
    });
    // A cảnh cáo is not a reprimand: one khiển trách only before 2026-05-20.
    expect(reprimandedTwiceInTerm(within, '2026-05-19')).toBeNull();
  });
});

describe('periods and steps', () => {
  it('parses years, quarters and months', () => {
    expect(parsePeriod('2026-Q3')).toEqual({ key: '2026-Q3', kind: 'quarter', year: 2026, from: '2026-07-01', to: '2026-09-30' });
    expect(parsePeriod('2028-02')).toEqual({ key: '2028-02', kind: 'month', year: 2028, from: '2028-02-01', to: '2028-02-29' });
    expect(parsePeriod('2026')).toMatchObject({ kind: 'year', from: '2026-01-01', to: '2026-12-31' });
    expect(parsePeriod('2026-Q5')).toBeNull();
    expect(parsePeriod('2026-13')).toBeNull();
    expect(periodContaining('2026-11-28', 'quarter').key).toBe('2026-Q4');
    expect(previousPeriod(parsePeriod('2026-Q1')!).key).toBe('2025-Q4');
    expect(previousPeriod(parsePeriod('2026-01')!).key).toBe('2025-12');
  });

  it('self-assessment → proposal → approval; approved ratings are final', () => {
    expect(nextEvaluationStatus('open', 'self_assess')).toBe('self_assessed');
    expect(nextEvaluationStatus('self_assessed', 'propose')).toBe('proposed');
    expect(nextEvaluationStatus('proposed', 'self_assess')).toBeNull();
    expect(nextEvaluationStatus('open', 'approve')).toBeNull();
    expect(nextEvaluationStatus('proposed', 'approve')).toBe('approved');
    for (const step of ['self_assess', 'propose', 'approve'] as const) expect(nextEvaluationStatus('approved', step)).toBeNull();
  });
});
