import { describe, expect, it } from 'vitest';
import {
  CAMPAIGN_STATUSES,
  acceptsEntries,
  acceptsReversals,
  canTransition,
  entryProblems,
  formatDong,
  formatRate,
  ledgerTotals,
  nextStatuses,
  participationRate,
  progressToward,
  reconcile,
  reversalOf,
  reversalProblem,
  settlementProblem,
  parseTypedAmount,
  type LedgerEntry,
} from '../src/campaigns';
import { CampaignBatch, CampaignCreate } from '../src/contracts/campaigns';

const P1 = 'p1';
const P2 = 'p2';
const UNIT_A = 'A';
const UNIT_B = 'B';

function entry(id: string, over: Partial<LedgerEntry> = {}): LedgerEntry {
  return {
    id,
    kind: 'contribution',
    amount: 500_000,
    personId: P1,
    orgId: UNIT_A,
    method: 'cash',
    date: '2023-09-15',
    reversesEntryId: null,
    ...over,
  };
}

describe('campaign status machine', () => {
  it('only moves forward, one step at a time', () => {
    expect(canTransition('draft', 'open')).toBe(true);
    expect(canTransition('open', 'closed')).toBe(true);
    expect(canTransition('closed', 'settled')).toBe(true);
    const allowed = new Set(['draft>open', 'open>closed', 'closed>settled']);
    for (const from of CAMPAIGN_STATUSES) {
      for (const to of CAMPAIGN_STATUSES) expect(canTransition(from, to)).toBe(allowed.has(`${from}>${to}`));
    }
    expect(nextStatuses('settled')).toEqual([]);
  });

  it('takes entries only while open, reversals until settled', () => {
    expect(CAMPAIGN_STATUSES.filter(acceptsEntries)).toEqual(['open']);
    expect(CAMPAIGN_STATUSES.filter(acceptsReversals)).toEqual(['open', 'closed']);
  });

  it('settles a money campaign only when the handovers equal what was collected', () => {
    expect(settlementProblem({ status: 'open', kind: 'money', collected: 10, handedOver: 10 })).toEqual({ code: 'not_closed' });
    expect(settlementProblem({ status: 'closed', kind: 'money', collected: 1_500_000, handedOver: 1_000_000 })).toEqual({
      code: 'handover_mismatch',
      collected: 1_500_000,
      handedOver: 1_000_000,
    });
    expect(settlementProblem({ status: 'closed', kind: 'money', collected: 1_500_000, handedOver: 1_500_000 })).toBeNull();
    expect(settlementProblem({ status: 'closed', kind: 'movement', collected: 0, handedOver: 0 })).toBeNull();
  });
});

describe('ledger', () => {
  it('sums entries, and a reversal restores the total it corrected', () => {
    const a = entry('a', { amount: 500_000 });
    const b = entry('b', { amount: 200_000, personId: P2, orgId: UNIT_B, method: 'transfer', date: '2023-09-16' });
    const wrong = entry('c', { amount: 5_000_000, personId: P2, orgId: UNIT_B }); // typed one zero too many
    const before = ledgerTotals([a, b]).contributed;
    expect(before).toBe(700_000);
    expect(ledgerTotals([a, b, wrong]).contributed).toBe(5_700_000);
    const fix = reversalOf(wrong, 'r', '2023-09-17');
    expect(fix).toMatchObject({ kind: 'reversal', amount: -5_000_000, reversesEntryId: 'c', personId: P2, orgId: UNIT_B, method: 'cash' });
    const ledger = [a, b, wrong, fix];
    const totals = ledgerTotals(ledger);
    expect(totals.contributed).toBe(before);
    expect(totals.byOrg.get(UNIT_B)).toBe(200_000);
    expect(totals.byMethod).toEqual({ cash: 500_000, transfer: 200_000 });
    // The day of the reversal carries the correction, so the days still add up to the total.
    expect(totals.byDay).toEqual([
      { date: '2023-09-15', amount: 5_500_000 },
      { date: '2023-09-16', amount: 200_000 },
      { date: '2023-09-17', amount: -5_000_000 },
    ]);
    expect(totals.byDay.reduce((s, d) => s + d.amount, 0)).toBe(totals.contributed);
    const rec = reconcile(ledger);
    expect(rec).toEqual({ ok: true, ledgerTotal: 700_000, standingTotal: 700_000, problems: [] });
  });

  it('counts contributors by their standing contributions', () => {
    const a = entry('a');
    const b = entry('b', { personId: P2 });
    expect(ledgerTotals([a, b]).contributors).toBe(2);
    expect(ledgerTotals([a, b, reversalOf(b, 'r', '2023-09-16')]).contributors).toBe(1);
    // A pledge does not make a contributor.
    expect(ledgerTotals([entry('p', { kind: 'pledge', personId: P2 })]).contributors).toBe(0);
  });

  it('keeps pledges apart from contributions, reversals included', () => {
    const pledge = entry('p', { kind: 'pledge', amount: 300_000, method: null });
    const contribution = entry('c', { amount: 300_000 });
    const t = ledgerTotals([pledge, contribution, reversalOf(pledge, 'r', '2023-09-16')]);
    expect(t.pledged).toBe(0);
    expect(t.contributed).toBe(300_000);
  });

  it('cannot reverse an entry twice, nor a reversal', () => {
    const a = entry('a');
    expect(reversalProblem(a, [a])).toBeNull();
    const r = reversalOf(a, 'r', '2023-09-16');
    expect(reversalProblem(a, [a, r])).toBe('already_reversed');
    expect(reversalProblem(r, [a, r])).toBe('is_reversal');
    expect(() => reversalOf(r, 'r2', '2023-09-16')).toThrow();
  });

  it('reports a ledger that does not reconcile', () => {
    const a = entry('a');
    const r1 = reversalOf(a, 'r1', '2023-09-16');
    const r2 = reversalOf(a, 'r2', '2023-09-16');
    expect(reconcile([a, r1, r2]).problems).toContain('entry a: reversed more than once');
    const partial = { ...reversalOf(a, 'r3', '2023-09-16'), amount: -100_000 };
    const rec = reconcile([a, partial]);
    expect(rec.ok).toBe(false);
    expect(rec.problems[0]).toMatch(/does not cancel/);
    expect(reconcile([{ ...r1, reversesEntryId: 'missing' }]).problems).toEqual(['reversal r1: reversed entry not found']);
  });

  it('validates new entries by campaign kind', () => {
    expect(entryProblems('money', { kind: 'contribution', amount: 500_000, method: 'cash', reference: null })).toEqual([]);
    expect(entryProblems('money', { kind: 'contribution', amount: 0, method: 'cash', reference: null })).toEqual([
      { field: 'amount', problem: 'not_positive' },
    ]);
    expect(entryProblems('money', { kind: 'contribution', amount: 1.5, method: 'cash', reference: null })).toEqual([
      { field: 'amount', problem: 'not_integer' },
    ]);
    expect(entryProblems('money', { kind: 'contribution', amount: 100, method: null, reference: null })).toEqual([
      { field: 'method', problem: 'method_required' },
    ]);
    expect(entryProblems('money', { kind: 'contribution', amount: 100, method: 'transfer', reference: ' ' })).toEqual([
      { field: 'reference', problem: 'reference_required' },
    ]);
    expect(entryProblems('money', { kind: 'pledge', amount: 100, method: null, reference: null })).toEqual([]);
    expect(entryProblems('movement', { kind: 'contribution', amount: 0, method: null, reference: null })).toEqual([]);
    expect(entryProblems('movement', { kind: 'pledge', amount: 0, method: null, reference: null })).toEqual([
      { field: 'kind', problem: 'pledge_in_movement' },
    ]);
  });
});

describe('participation', () => {
  it('is contributors over members, and undefined for an empty unit', () => {
    expect(participationRate(2, 3)).toBeCloseTo(2 / 3);
    expect(participationRate(0, 12)).toBe(0);
    expect(participationRate(12, 12)).toBe(1);
    expect(participationRate(0, 0)).toBeNull();
    expect(() => participationRate(-1, 3)).toThrow(RangeError);
    expect(formatRate(2 / 3)).toBe('66,7%');
    expect(formatRate(null)).toBe('—');
  });

  it('measures progress toward a target', () => {
    expect(progressToward(50_000_000, 100_000_000)).toBe(0.5);
    expect(progressToward(120, 100)).toBe(1.2);
    expect(progressToward(10, null)).toBeNull();
    expect(formatDong(1_500_000)).toBe('1.500.000');
  });
});

describe('campaign contracts', () => {
  it('rejects float amounts and an end before the start', () => {
    const base = {
      orgId: '0190a0b0-0000-7000-8000-000000000001',
      kind: 'money',
      title: 'Ủng hộ đồng bào',
      purpose: 'x',
      beneficiary: 'Các gia đình',
      startDate: '2023-09-13',
    };
    const bad = CampaignCreate.safeParse({ ...base, targetAmount: 1000.5 });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path.join('.'))).toEqual(['targetAmount']);
    const early = CampaignCreate.safeParse({ ...base, endDate: '2023-09-01' });
    expect(early.error!.issues.map((i) => i.path.join('.'))).toEqual(['endDate']);
    expect(CampaignCreate.safeParse({ ...base, endDate: '2023-09-30', targetAmount: 100_000_000 }).success).toBe(true);
  });

  it('takes at most 500 rows in a batch', () => {
    const row = { personId: '0190a0b0-0000-7000-8000-000000000001', amount: 100_000, method: 'cash', date: '2023-09-15' };
    expect(CampaignBatch.safeParse({ rows: Array(500).fill(row) }).success).toBe(true);
    expect(CampaignBatch.safeParse({ rows: Array(501).fill(row) }).success).toBe(false);
    expect(CampaignBatch.safeParse({ rows: [] }).success).toBe(false);
  });
});

describe('typed amounts', () => {
  it('reads separators and shorthands, and refuses what is not an amount', () => {
    const cases: [string, number | null][] = [
      ['500000', 500_000],
      ['500.000', 500_000],
      ['500 000', 500_000],
      ['1,500,000', 1_500_000],
      ['500k', 500_000],
      ['500 K', 500_000],
      ['200 nghìn', 200_000],
      ['1,5tr', 1_500_000],
      ['1.5tr', 1_500_000],
      ['2,25 triệu', 2_250_000],
      ['3m', 3_000_000],
      ['', null],
      ['abc', null],
      ['-500', null],
      ['200.000500k', null],
      ['1.234k', null],
      ['99999999999999999999', null],
    ];
    for (const [text, expected] of cases) expect(parseTypedAmount(text), text).toBe(expected);
  });
});
