import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SIGNAL_THRESHOLDS,
  SIGNAL_CODES,
  SIGNAL_DISCLAIMER,
  SIGNAL_LABELS,
  aggregateFlags,
  detectBounce,
  detectHeadToDeputy,
  detectLastMinuteExtensions,
  detectNotUpdated,
  detectOverdueAfterReminders,
  detectRepeatedExtensions,
  detectReturns,
  detectSignals,
  detectSlowAcceptance,
  detectTransferChain,
  type SignalInput,
} from '../src/signals';
import type { HolderRef, TaskEventFacts, TaskEventType } from '../src/tasks';

const unit = (id: string, name: string): HolderRef => ({ orgId: id, orgName: name, personId: null, personName: null });
const A = unit('org-a', 'Phòng Bưu chính - Viễn thông');
const B = unit('org-b', 'Phòng Công nghệ thông tin');
const C = unit('org-c', 'Văn phòng Sở');
const ASSIGNER: HolderRef = { orgId: 'org-so', orgName: 'Sở Thông tin và Truyền thông', personId: 'p-gd', personName: 'Nguyễn Thanh Bình' };

/** A small history builder: events get sequential ids and the given days. */
function history() {
  const events: TaskEventFacts[] = [];
  const add = (
    type: TaskEventType,
    on: string,
    data: Record<string, unknown> = {},
    actor: { id: string; name: string } | null = null,
    reason: string | null = null,
  ) => {
    events.push({
      id: `e${events.length + 1}`,
      type,
      on,
      at: `${on}T03:00:00.000Z`,
      actorPersonId: actor?.id ?? null,
      actorName: actor?.name ?? null,
      reason,
      data,
    });
    return h;
  };
  const h = {
    events,
    created: (on: string, lead: HolderRef, deadline: string | null = '2026-04-10') =>
      add('created', on, { lead, deadline, dueDate: deadline, source: 'ad_hoc' }, { id: 'p-gd', name: 'Nguyễn Thanh Bình' }),
    transfer: (
      on: string,
      from: HolderRef,
      to: HolderRef,
      side: 'lead' | 'assigner',
      actor = { id: `p-${from.orgId}`, name: `Trưởng ${from.orgName}` },
    ) => add('transferred', on, { from, to, side }, actor, 'Không thuộc chức năng của đơn vị'),
    returned: (on: string, from: HolderRef) =>
      add('returned', on, { from }, { id: `p-${from.orgId}`, name: `Trưởng ${from.orgName}` }, 'Đề nghị giao đơn vị khác'),
    accepted: (on: string) => add('accepted', on, {}, { id: 'p-x', name: 'Người nhận' }),
    progress: (on: string) => add('progress', on, { percent: 50, text: 'Đang làm', fileIds: [] }, { id: 'p-x', name: 'Người nhận' }),
    extension: (on: string, current: string, next: string) =>
      add(
        'extension_requested',
        on,
        { newDeadline: next, currentDeadline: current },
        { id: 'p-cv', name: 'Đặng Quang Huy' },
        'Chờ số liệu',
      ),
    reminded: (on: string, count: number, overdue: boolean) =>
      add('reminded', on, { kind: overdue ? 'overdue' : 'before', count, overdue, message: null }),
    escalated: (on: string) =>
      add('escalated', on, { toPersonId: 'p-gd', toPersonName: 'Nguyễn Thanh Bình', toOrgId: 'org-so', toOrgName: 'Sở', reminderCount: 4 }),
    forwarded: (on: string, to: HolderRef, fromHead: boolean, toDeputy: boolean) =>
      add('forwarded', on, { childTaskId: 'child', to, fromHead, toDeputy }, { id: 'p-head', name: 'Trần Văn Trưởng' }),
  };
  return h;
}

const input = (events: TaskEventFacts[], over: Partial<SignalInput['task']> = {}, today = '2026-04-20'): SignalInput => ({
  task: { status: 'in_progress', deadline: '2026-04-10', lead: A, assigner: ASSIGNER, lastProgressOn: '2026-04-15', ...over },
  events,
  today,
});

describe('bounce (A → B → A)', () => {
  it('finds a task passed back and forth between two units, naming both transfers and dates', () => {
    const h = history().created('2026-03-02', A).transfer('2026-03-03', A, B, 'lead').transfer('2026-03-05', B, A, 'lead');
    const s = detectBounce(input(h.events));
    expect(s.map((x) => x.orgId).sort()).toEqual(['org-a', 'org-b']);
    expect(s[0]!.code).toBe('bounce');
    expect(s[0]!.severity).toBe('high');
    expect(s[0]!.evidence.map((e) => e.eventId)).toEqual(['e2', 'e3']);
    expect(s[0]!.explanation).toContain('Phòng Bưu chính - Viễn thông → Phòng Công nghệ thông tin');
    expect(s[0]!.explanation).toContain('03/03/2026');
    expect(s[0]!.explanation).toContain('05/03/2026');
    expect(s[0]!.detectedOn).toBe('2026-03-05');
  });

  it('counts a return followed by the assigner sending it back as the returning unit pushing it', () => {
    const h = history()
      .created('2026-03-02', A)
      .transfer('2026-03-03', A, B, 'lead')
      .returned('2026-03-04', B)
      .transfer('2026-03-06', B, A, 'assigner', { id: 'p-gd', name: 'Nguyễn Thanh Bình' });
    const s = detectBounce(input(h.events));
    expect(s.map((x) => x.orgId).sort()).toEqual(['org-a', 'org-b']);
    expect(s[0]!.evidence.map((e) => e.eventId)).toEqual(['e2', 'e3', 'e4']);
    expect(s[0]!.explanation).toContain('trả lại ngày 04/03/2026');
  });

  it('does not fire for a chain that never comes back, or when the assigner alone moves it', () => {
    const chain = history().created('2026-03-02', A).transfer('2026-03-03', A, B, 'lead').transfer('2026-03-04', B, C, 'lead');
    expect(detectBounce(input(chain.events))).toEqual([]);
    const shuffled = history().created('2026-03-02', A).transfer('2026-03-03', A, B, 'assigner').transfer('2026-03-04', B, A, 'assigner');
    const s = detectBounce(input(shuffled.events));
    // Still shown (the task did bounce) but attributed to the assigner, not to the units.
    expect(s.map((x) => x.orgId)).toEqual(['org-so']);
  });
});

describe('returns and transfer chains', () => {
  it('each return is attributed to who returned it, with the reason', () => {
    const h = history().created('2026-03-02', A).returned('2026-03-03', A);
    const [s] = detectReturns(input(h.events));
    expect(s).toMatchObject({ code: 'returned', orgId: 'org-a', detectedOn: '2026-03-03' });
    expect(s!.explanation).toContain('Lý do: Đề nghị giao đơn vị khác');
  });

  it('flags more transfers than the threshold, listing the chain', () => {
    const h = history().created('2026-03-02', A).transfer('2026-03-03', A, B, 'lead').transfer('2026-03-04', B, C, 'lead');
    expect(detectTransferChain(input(h.events))).toEqual([]); // 2 transfers: at the threshold, not over it
    h.transfer('2026-03-05', C, A, 'lead');
    const s = detectTransferChain(input(h.events));
    expect(s).toHaveLength(3);
    expect(s[0]!.explanation).toContain('3 lần');
    expect(s[0]!.explanation).toContain(
      'Phòng Bưu chính - Viễn thông → Phòng Công nghệ thông tin → Văn phòng Sở → Phòng Bưu chính - Viễn thông',
    );
    const strict = detectTransferChain({ ...input(h.events), thresholds: { ...DEFAULT_SIGNAL_THRESHOLDS, transferChainMax: 5 } });
    expect(strict).toEqual([]);
  });
});

describe('slow acceptance', () => {
  it('flags acceptance after more than N working days, counting from receipt', () => {
    // Received Friday 6/3, accepted Thursday 12/3: 4 working days (9, 10, 11, 12) > 3.
    const h = history().created('2026-03-06', A).accepted('2026-03-12');
    const [s] = detectSlowAcceptance(input(h.events));
    expect(s).toMatchObject({ code: 'slow_acceptance', orgId: 'org-a' });
    expect(s!.explanation).toContain('4 ngày làm việc');
    // Accepted Wednesday 11/3: 3 working days — at the threshold, fine.
    expect(detectSlowAcceptance(input(history().created('2026-03-06', A).accepted('2026-03-11').events))).toEqual([]);
  });

  it('restarts the clock at each transfer and flags a task still not accepted', () => {
    const h = history().created('2026-03-02', A).transfer('2026-03-03', A, B, 'lead');
    const pending = detectSlowAcceptance(input(h.events, { status: 'assigned', lead: B }, '2026-03-09'));
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({ orgId: 'org-b', detectedOn: '2026-03-09' });
    expect(pending[0]!.explanation).toContain('vẫn chưa tiếp nhận');
    expect(detectSlowAcceptance(input(h.events, { status: 'assigned', lead: B }, '2026-03-06'))).toEqual([]);
    // Stored once: the day it became slow, not the day it was looked at.
    expect(detectSlowAcceptance(input(h.events, { status: 'assigned', lead: B }, '2026-03-20'))[0]!.detectedOn).toBe('2026-03-09');
  });

  it('does not count Tết as delay', () => {
    // Received Thursday 12/2/2026, accepted Tuesday 24/2: 13 (Fri), 23, 24 = 3 working days.
    expect(detectSlowAcceptance(input(history().created('2026-02-12', A).accepted('2026-02-24').events))).toEqual([]);
  });
});

describe('extension requests', () => {
  it('flags repeated requests (≥ 2) with their dates', () => {
    const h = history().created('2026-03-02', A).accepted('2026-03-02').extension('2026-03-20', '2026-04-10', '2026-04-24');
    expect(detectRepeatedExtensions(input(h.events))).toEqual([]);
    h.extension('2026-04-20', '2026-04-24', '2026-05-08');
    const [s] = detectRepeatedExtensions(input(h.events));
    expect(s).toMatchObject({ code: 'extension_repeated', orgId: 'org-a', personId: 'p-cv', severity: 'warning' });
    expect(s!.explanation).toContain('2 lần');
    expect(s!.explanation).toContain('20/03/2026 (xin đến 24/04/2026)');
    expect(s!.evidence).toHaveLength(2);
  });

  it('flags requests sent with N working days or fewer left, or after the deadline', () => {
    const early = history().created('2026-03-02', A).extension('2026-03-20', '2026-04-10', '2026-04-24');
    expect(detectLastMinuteExtensions(input(early.events))).toEqual([]);
    // 8/4 → deadline Friday 10/4: 2 working days left (9, 10) ≤ 2.
    const late = history().created('2026-03-02', A).extension('2026-04-08', '2026-04-10', '2026-04-24');
    const [s] = detectLastMinuteExtensions(input(late.events));
    expect(s!.explanation).toContain('chỉ còn 2 ngày làm việc đến hạn 10/04/2026');
    expect(s!.severity).toBe('warning');
    const after = history().created('2026-03-02', A).extension('2026-04-14', '2026-04-10', '2026-04-24');
    const [t] = detectLastMinuteExtensions(input(after.events));
    expect(t!.explanation).toContain('khi đã quá hạn 10/04/2026 2 ngày làm việc');
    expect(t!.severity).toBe('high');
  });

  it('measures against the effective due day when the deadline is a holiday', () => {
    // Deadline 30/4/2026 (holiday) really ends Monday 4/5; asking on 24/4 leaves 27 (nghỉ bù Giỗ Tổ) off: 28, 29, 4/5 = 3 days.
    const h = history().created('2026-03-02', A).extension('2026-04-24', '2026-04-30', '2026-05-15');
    expect(detectLastMinuteExtensions(input(h.events))).toEqual([]);
  });
});

describe('overdue after reminders', () => {
  it('needs N reminders with at least one while overdue, and says whether it was escalated', () => {
    const h = history().created('2026-03-02', A).reminded('2026-04-07', 1, false).reminded('2026-04-10', 2, false);
    expect(detectOverdueAfterReminders(input(h.events))).toEqual([]);
    h.reminded('2026-04-14', 3, true);
    const [s] = detectOverdueAfterReminders(input(h.events));
    expect(s).toMatchObject({ code: 'overdue_after_reminders', severity: 'warning', orgId: 'org-a' });
    expect(s!.explanation).toContain('3 lần');
    h.reminded('2026-04-16', 4, true).escalated('2026-04-16');
    const [t] = detectOverdueAfterReminders(input(h.events));
    expect(t!.severity).toBe('high');
    expect(t!.explanation).toContain('Đã báo cáo Nguyễn Thanh Bình ngày 16/04/2026');
    expect(t!.evidence.map((e) => e.type)).toEqual(['reminded', 'reminded', 'reminded', 'reminded', 'escalated']);
  });

  it('does not fire when reminders all came before the deadline', () => {
    const h = history()
      .created('2026-03-02', A)
      .reminded('2026-04-01', 1, false)
      .reminded('2026-04-07', 2, false)
      .reminded('2026-04-10', 3, false);
    expect(detectOverdueAfterReminders(input(h.events))).toEqual([]);
  });
});

describe('head handing work to deputies', () => {
  it('flags each forward from the head to a deputy, not to specialists or by a deputy', () => {
    const deputy: HolderRef = { ...A, personId: 'p-dep', personName: 'Lê Thị Phó' };
    const h = history()
      .created('2026-03-02', A)
      .forwarded('2026-03-03', deputy, true, true)
      .forwarded('2026-03-04', { ...A, personId: 'p-cv', personName: 'Chuyên viên' }, true, false)
      .forwarded('2026-03-05', deputy, false, true);
    const s = detectHeadToDeputy(input(h.events));
    expect(s).toHaveLength(1);
    expect(s[0]).toMatchObject({ personId: 'p-head', orgId: 'org-a', detectedOn: '2026-03-03' });
    expect(s[0]!.explanation).toContain('cấp phó Lê Thị Phó');
  });
});

describe('not updated', () => {
  it('flags an in-progress task without a progress report for N working days', () => {
    const h = history().created('2026-03-02', A).accepted('2026-03-02').progress('2026-03-05');
    expect(detectNotUpdated(input(h.events, { lastProgressOn: '2026-03-05' }, '2026-03-19'))).toEqual([]); // 10 working days exactly
    const [s] = detectNotUpdated(input(h.events, { lastProgressOn: '2026-03-05' }, '2026-03-20'));
    expect(s).toMatchObject({ code: 'not_updated', orgId: 'org-a', detectedOn: '2026-03-20' });
    expect(s!.explanation).toContain('05/03/2026');
    expect(s!.explanation).toContain('11 ngày làm việc');
    expect(s!.evidence.map((e) => e.eventId)).toEqual(['e3']);
    expect(detectNotUpdated(input(h.events, { status: 'completion_reported', lastProgressOn: '2026-03-05' }, '2026-04-20'))).toEqual([]);
  });
});

describe('all detectors together', () => {
  it('a clean history has no signal', () => {
    const h = history().created('2026-03-02', A).accepted('2026-03-03').progress('2026-03-10');
    expect(detectSignals(input(h.events, { lastProgressOn: '2026-03-10' }, '2026-03-12'))).toEqual([]);
  });

  it('every code has a label, and the disclaimer says it is not a verdict', () => {
    for (const c of SIGNAL_CODES) expect(SIGNAL_LABELS[c].vi.length).toBeGreaterThan(3);
    expect(SIGNAL_DISCLAIMER.vi).toContain('không phải kết luận vi phạm');
  });

  it('aggregate flags: return rate above the threshold with enough tasks, repeated hand-offs to deputies', () => {
    expect(aggregateFlags({ received: 10, returned: 3, headToDeputy: 0 }).map((f) => f.code)).toEqual(['returned']);
    expect(aggregateFlags({ received: 10, returned: 2, headToDeputy: 0 })).toEqual([]);
    expect(aggregateFlags({ received: 4, returned: 4, headToDeputy: 0 })).toEqual([]); // too few tasks to judge a rate
    const [f] = aggregateFlags({ received: 0, returned: 0, headToDeputy: 3 });
    expect(f).toMatchObject({ code: 'head_to_deputy' });
    expect(f!.explanation).toContain('3 lần');
  });
});
