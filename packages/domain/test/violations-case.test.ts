import { describe, expect, it } from 'vitest';
import { availableActions, caseWarnings, nextStatus, type CaseState, type WarningInput } from '../src/violations/case';
import { SAMPLE_CATALOGUE_24_CT_TU, catalogueChanges, validateCatalogue } from '../src/violations/catalogue';
import { decisionDeadline, limitationPeriod } from '../src/violations/periods';
import { DEFAULT_SANCTION_REGIMES, regimeFor } from '../src/violations/sanctions';

const state = (s: Partial<CaseState>): CaseState => ({
  status: 'received',
  outcome: null,
  extendable: false,
  explanationOpen: false,
  ...s,
});

describe('case workflow', () => {
  it('moves received → verifying → concluded → sanction decided → closed', () => {
    expect(nextStatus(state({}), 'start_verification')).toBe('verifying');
    expect(nextStatus(state({ status: 'verifying' }), 'conclude')).toBe('concluded');
    expect(nextStatus(state({ status: 'concluded', outcome: 'violation' }), 'decide_sanction')).toBe('sanction_decided');
    expect(nextStatus(state({ status: 'sanction_decided', outcome: 'violation' }), 'close')).toBe('closed');
  });

  it('refuses steps out of order', () => {
    expect(nextStatus(state({}), 'conclude')).toBeNull();
    expect(nextStatus(state({}), 'decide_sanction')).toBeNull();
    expect(nextStatus(state({ status: 'concluded', outcome: 'no_violation' }), 'decide_sanction')).toBeNull();
    expect(nextStatus(state({ status: 'closed', outcome: 'violation' }), 'close')).toBeNull();
    expect(nextStatus(state({ status: 'verifying' }), 'start_verification')).toBeNull();
  });

  it('closes a case concluded without a violation directly', () => {
    expect(availableActions(state({ status: 'concluded', outcome: 'no_violation' }))).toEqual(['close']);
  });

  it('offers the extension only where a deadline can be extended, and one explanation request at a time', () => {
    expect(availableActions(state({ status: 'verifying', extendable: true }))).toEqual([
      'request_explanation',
      'extend_deadline',
      'conclude',
    ]);
    expect(availableActions(state({ status: 'verifying', explanationOpen: true }))).toEqual(['conclude']);
    expect(availableActions(state({ status: 'concluded', outcome: 'violation', extendable: true }))).toEqual([
      'extend_deadline',
      'decide_sanction',
      'close',
    ]);
  });
});

describe('case warnings', () => {
  const cs = regimeFor(DEFAULT_SANCTION_REGIMES, 'civil_servant', '2026-01-01')!;
  const base = (w: Partial<WarningInput>): WarningInput => ({
    today: '2026-05-20',
    status: 'verifying',
    outcome: null,
    severity: null,
    deadline: decisionDeadline(cs, '2026-03-02', false),
    limitations: [],
    explanation: null,
    running: [],
    ...w,
  });

  it('warns before and after the deadline to decide, with the extension offered', () => {
    const soon = caseWarnings(base({}));
    expect(soon.map((w) => w.code)).toEqual(['decision_due_soon']);
    expect(soon[0]!.dueDate).toBe('2026-06-01');
    const late = caseWarnings(base({ today: '2026-06-02' }));
    expect(late.map((w) => w.code)).toEqual(['decision_overdue']);
    expect(late[0]!.message).toContain('30/07/2026');
    expect(caseWarnings(base({ today: '2026-04-01' }))).toEqual([]);
    // Decided cases no longer warn.
    expect(caseWarnings(base({ today: '2026-06-02', status: 'sanction_decided', outcome: 'violation' }))).toEqual([]);
    expect(caseWarnings(base({ today: '2026-06-02', status: 'concluded', outcome: 'no_violation' }))).toEqual([]);
  });

  it('warns about the limitation period per track', () => {
    const period = limitationPeriod(cs, 'minor', '2024-06-10');
    const w = caseWarnings(base({ today: '2026-06-12', deadline: null, limitations: [{ track: 'state', period }] }));
    expect(w.map((x) => x.code)).toEqual(['limitation_expired']);
    expect(w[0]!.track).toBe('state');
    expect(w[0]!.dueDate).toBe('2026-06-10');
    const soon = caseWarnings(base({ today: '2026-05-01', deadline: null, limitations: [{ track: 'state', period }] }));
    expect(soon.map((x) => x.code)).toEqual(['limitation_due_soon']);
  });

  it('reports a pending and an overdue explanation, and a running sanction', () => {
    expect(caseWarnings(base({ deadline: null, explanation: { dueDate: '2026-05-25', submitted: false } })).map((w) => w.code)).toEqual([
      'explanation_pending',
    ]);
    expect(caseWarnings(base({ deadline: null, explanation: { dueDate: '2026-05-19', submitted: false } })).map((w) => w.code)).toEqual([
      'explanation_overdue',
    ]);
    expect(caseWarnings(base({ deadline: null, explanation: { dueDate: '2026-05-19', submitted: true } }))).toEqual([]);
    const r = caseWarnings(
      base({ deadline: null, running: [{ track: 'state', form: 'khien_trach', effectiveUntil: '2026-09-01', minimumForm: 'canh_cao' }] }),
    );
    expect(r.map((w) => w.code)).toEqual(['running_sanction']);
    expect(r[0]!.message).toContain('Cảnh cáo');
  });
});

describe('catalogue', () => {
  it('ships the 24-CT/TU sample with 12 + 9 + 4 items and valid codes', () => {
    expect(SAMPLE_CATALOGUE_24_CT_TU.map((g) => [g.code, g.items.length])).toEqual([
      ['KL', 12],
      ['NT', 9],
      ['BV', 4],
    ]);
    expect(SAMPLE_CATALOGUE_24_CT_TU[1]!.items[2]).toEqual({
      code: 'NT-03',
      title: 'Đùn đẩy công việc lên cấp trên hoặc sang cơ quan, đơn vị, cá nhân khác',
    });
    expect(validateCatalogue(SAMPLE_CATALOGUE_24_CT_TU)).toEqual([]);
  });

  it('names the field of a bad code, a duplicate, and a code moved to another group', () => {
    const history = new Map([['KL-01', 'KL']]);
    const issues = validateCatalogue(
      [
        {
          code: 'KL',
          title: 'Kỷ luật',
          items: [
            { code: 'KL-1', title: 'x x x' },
            { code: 'KL-02', title: 'a' },
            { code: 'KL-02', title: 'b' },
          ],
        },
        { code: 'NT', title: 'Né tránh', items: [{ code: 'KL-01', title: 'moved' }] },
      ],
      history,
    );
    expect(issues.map((i) => [i.path, i.code])).toEqual([
      ['groups.0.items.0.code', 'invalid_format'],
      ['groups.0.items.2.code', 'duplicate'],
      ['groups.1.items.0.code', 'wrong_group'],
      ['groups.1.items.0.code', 'code_moved'],
    ]);
  });

  it('lists added, removed and reworded items between versions', () => {
    const next = SAMPLE_CATALOGUE_24_CT_TU.map((g) =>
      g.code === 'KL'
        ? {
            ...g,
            items: [
              ...g.items.slice(1).map((it) => (it.code === 'KL-02' ? { ...it, title: 'Đi muộn, về sớm' } : it)),
              { code: 'KL-13', title: 'Mới' },
            ],
          }
        : g,
    );
    expect(catalogueChanges(SAMPLE_CATALOGUE_24_CT_TU, next)).toEqual({ added: ['KL-13'], removed: ['KL-01'], reworded: ['KL-02'] });
  });
});
