import { describe, expect, it } from 'vitest';
import { buildCalendar } from '../src/calendar';
import {
  TASK_ACTIONS,
  TASK_RULES,
  TASK_SIDES,
  TASK_STATUSES,
  addCalendarMonths,
  allowedTaskActions,
  decideTaskAction,
  describeEvent,
  effectiveDueDate,
  isNotUpdated,
  notUpdatedThreshold,
  outcomeClass,
  overdueWorkingDays,
  reasonRequired,
  recurrenceDeadline,
  recurrencePeriodLabel,
  resolveDeadline,
  shouldCreateNextInstance,
  vietnamDate,
  type TaskAction,
  type TaskFacts,
  type TaskSide,
  type TaskStatus,
} from '../src/tasks';

const facts = (status: TaskStatus, extra: Partial<TaskFacts> = {}): TaskFacts => ({
  status,
  hasDeadline: true,
  pendingExtension: false,
  ...extra,
});

describe('task state machine', () => {
  // The expected table, written out independently of TASK_RULES: action → side → statuses it may act from.
  const EXPECTED: Record<TaskAction, Partial<Record<TaskSide, TaskStatus[]>>> = {
    accept: { lead: ['assigned'] },
    report_progress: { lead: ['accepted', 'in_progress'], coordinator: ['accepted', 'in_progress'] },
    report_completion: { lead: ['accepted', 'in_progress'] },
    accept_completion: { assigner: ['completion_reported'] },
    send_back: { assigner: ['completion_reported'] },
    return: { lead: ['assigned', 'accepted', 'in_progress'] },
    transfer: { lead: ['assigned', 'accepted', 'in_progress'], assigner: ['assigned', 'accepted', 'in_progress', 'returned'] },
    forward: { lead: ['assigned', 'accepted', 'in_progress'] },
    request_extension: { lead: ['accepted', 'in_progress'] },
    approve_extension: { assigner: ['accepted', 'in_progress'] },
    refuse_extension: { assigner: ['accepted', 'in_progress'] },
    change_deadline: { assigner: ['assigned', 'accepted', 'in_progress', 'completion_reported', 'returned'] },
    remind: {
      assigner: ['assigned', 'accepted', 'in_progress'],
      reminder: ['assigned', 'accepted', 'in_progress'],
      escalation: ['assigned', 'accepted', 'in_progress'],
    },
    cancel: { assigner: ['assigned', 'accepted', 'in_progress', 'completion_reported', 'returned'] },
    edit: { assigner: ['assigned', 'accepted', 'in_progress', 'completion_reported', 'returned'] },
    comment: Object.fromEntries(TASK_SIDES.map((s) => [s, [...TASK_STATUSES]])),
  };

  it('allows exactly the expected (action, side, status) combinations', () => {
    for (const action of TASK_ACTIONS) {
      for (const side of TASK_SIDES) {
        for (const status of TASK_STATUSES) {
          // Extension decisions need a pending request; give one so only side and status matter here.
          const f = facts(status, { pendingExtension: action === 'approve_extension' || action === 'refuse_extension' });
          const d = decideTaskAction(action, f, [side]);
          const expected = EXPECTED[action][side]?.includes(status) ?? false;
          expect({ action, side, status, ok: d.ok }).toEqual({ action, side, status, ok: expected });
        }
      }
    }
  });

  it('says why: wrong side (403) versus not now (409)', () => {
    const notSide = decideTaskAction('accept_completion', facts('completion_reported'), ['lead']);
    expect(notSide).toMatchObject({ ok: false, code: 'side' });
    const notNow = decideTaskAction('accept', facts('done'), ['lead']);
    expect(notNow).toMatchObject({ ok: false, code: 'status' });
    if (!notNow.ok) expect(notNow.message).toContain('hoàn thành');
  });

  it('moves the task to the right status', () => {
    const to = (a: TaskAction, s: TaskStatus, side: TaskSide) => {
      const d = decideTaskAction(a, facts(s, { pendingExtension: true }), [side]);
      return d.ok ? d.to : null;
    };
    expect(to('accept', 'assigned', 'lead')).toBe('accepted');
    expect(to('report_progress', 'accepted', 'lead')).toBe('in_progress');
    expect(to('report_progress', 'accepted', 'coordinator')).toBe('accepted');
    expect(to('report_completion', 'in_progress', 'lead')).toBe('completion_reported');
    expect(to('accept_completion', 'completion_reported', 'assigner')).toBe('done');
    expect(to('send_back', 'completion_reported', 'assigner')).toBe('in_progress');
    expect(to('return', 'accepted', 'lead')).toBe('returned');
    expect(to('transfer', 'returned', 'assigner')).toBe('assigned');
    expect(to('transfer', 'in_progress', 'lead')).toBe('assigned');
    expect(to('forward', 'assigned', 'lead')).toBe('accepted');
    expect(to('forward', 'in_progress', 'lead')).toBe('in_progress');
    expect(to('cancel', 'returned', 'assigner')).toBe('cancelled');
  });

  it('extension rules: needs a deadline and no pending request to ask; a pending one to decide', () => {
    expect(decideTaskAction('request_extension', facts('in_progress', { hasDeadline: false }), ['lead'])).toMatchObject({
      ok: false,
      code: 'condition',
    });
    expect(decideTaskAction('request_extension', facts('in_progress', { pendingExtension: true }), ['lead'])).toMatchObject({
      ok: false,
      code: 'condition',
    });
    expect(decideTaskAction('approve_extension', facts('in_progress'), ['assigner'])).toMatchObject({ ok: false, code: 'condition' });
    expect(decideTaskAction('approve_extension', facts('in_progress', { pendingExtension: true }), ['assigner']).ok).toBe(true);
  });

  it('lists the allowed actions of combined sides, in a stable order', () => {
    expect(allowedTaskActions(facts('assigned'), ['lead'])).toEqual(['accept', 'return', 'transfer', 'forward', 'comment']);
    expect(allowedTaskActions(facts('completion_reported'), ['assigner'])).toEqual([
      'accept_completion',
      'send_back',
      'change_deadline',
      'cancel',
      'edit',
      'comment',
    ]);
    expect(allowedTaskActions(facts('done'), ['assigner', 'lead'])).toEqual(['comment']);
    expect(allowedTaskActions(facts('in_progress'), [])).toEqual([]);
    expect(allowedTaskActions(facts('in_progress'), new Set<TaskSide>(['reminder']))).toEqual(['remind', 'comment']);
  });

  it('requires a reason for return, transfer, send back, cancel, extension requests and refusals, deadline changes', () => {
    const withReason = TASK_ACTIONS.filter(reasonRequired);
    expect(withReason.sort()).toEqual(
      ['cancel', 'change_deadline', 'refuse_extension', 'request_extension', 'return', 'send_back', 'transfer'].sort(),
    );
    expect(TASK_RULES.filter((r) => r.action === 'transfer').every((r) => r.reason)).toBe(true);
  });
});

describe('deadlines', () => {
  it('"N working days" counts from the assignment day, skipping weekends and Tết', () => {
    expect(resolveDeadline({ workingDays: 5 }, '2026-03-09')).toBe('2026-03-16');
    // Assigned Thursday 12/02/2026, Tết break 14–22/02: five working days end on Thursday 26/02.
    expect(resolveDeadline({ workingDays: 5 }, '2026-02-12')).toBe('2026-02-26');
    expect(resolveDeadline({ date: '2026-04-30' }, '2026-04-01')).toBe('2026-04-30');
    expect(() => resolveDeadline({ workingDays: 0 }, '2026-03-09')).toThrow(RangeError);
  });

  it('a deadline on a holiday or weekend ends on the next working day (BLDS Điều 148)', () => {
    expect(effectiveDueDate('2026-04-30')).toBe('2026-05-04'); // 30/4 and 1/5 holidays, then the weekend
    expect(effectiveDueDate('2026-03-14')).toBe('2026-03-16'); // Saturday
    expect(effectiveDueDate('2026-03-13')).toBe('2026-03-13'); // a plain Friday
  });

  it('uses the calendar it is given (an extra holiday moves the due day)', () => {
    const cal = buildCalendar([{ year: 2026, extraHolidays: [{ date: '2026-03-13', name: 'Ngày nghỉ đặc biệt (thử)' }] }]);
    expect(effectiveDueDate('2026-03-13', cal)).toBe('2026-03-16');
  });

  it('the day in Vietnam of an instant is UTC+7', () => {
    expect(vietnamDate('2026-03-13T16:59:59.000Z')).toBe('2026-03-13');
    expect(vietnamDate('2026-03-13T17:00:00.000Z')).toBe('2026-03-14');
  });

  it('adds months clamping to the end of shorter months', () => {
    expect(addCalendarMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addCalendarMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addCalendarMonths('2026-11-20', 3)).toBe('2027-02-20');
    expect(addCalendarMonths('2026-03-15', -3)).toBe('2025-12-15');
  });
});

describe('official outcome classes', () => {
  // Deadline Thursday 30/4/2026 (holiday): the task may still be finished on Monday 4/5.
  const due = effectiveDueDate('2026-04-30');

  it('done on the due day is on time, the day after is late', () => {
    expect(outcomeClass({ status: 'done', dueDate: due, completedOn: '2026-05-04' }, '2026-06-01')).toBe('done_on_time');
    expect(outcomeClass({ status: 'done', dueDate: due, completedOn: '2026-05-05' }, '2026-06-01')).toBe('done_late');
    expect(outcomeClass({ status: 'done', dueDate: '2026-03-13', completedOn: '2026-03-13' }, '2026-06-01')).toBe('done_on_time');
  });

  it('open on the due day is within the deadline, the day after is overdue', () => {
    expect(outcomeClass({ status: 'in_progress', dueDate: due, completedOn: null }, '2026-05-04')).toBe('open_in_time');
    expect(outcomeClass({ status: 'in_progress', dueDate: due, completedOn: null }, '2026-05-05')).toBe('open_overdue');
    // On the holiday itself (the nominal deadline) it is not yet overdue.
    expect(outcomeClass({ status: 'assigned', dueDate: due, completedOn: null }, '2026-05-01')).toBe('open_in_time');
  });

  it('completion reported but not yet accepted still counts as not done', () => {
    expect(outcomeClass({ status: 'completion_reported', dueDate: '2026-03-13', completedOn: null }, '2026-03-16')).toBe('open_overdue');
    expect(outcomeClass({ status: 'returned', dueDate: '2026-03-13', completedOn: null }, '2026-03-13')).toBe('open_in_time');
  });

  it('tasks without a deadline are never late; cancelled tasks have no class', () => {
    expect(outcomeClass({ status: 'in_progress', dueDate: null, completedOn: null }, '2030-01-01')).toBe('open_in_time');
    expect(outcomeClass({ status: 'done', dueDate: null, completedOn: '2030-01-01' }, '2030-01-01')).toBe('done_on_time');
    expect(outcomeClass({ status: 'cancelled', dueDate: '2026-03-13', completedOn: null }, '2026-06-01')).toBeNull();
  });

  it('counts overdue working days', () => {
    expect(overdueWorkingDays({ status: 'in_progress', dueDate: '2026-03-13', completedOn: null }, '2026-03-16')).toBe(1);
    expect(overdueWorkingDays({ status: 'in_progress', dueDate: '2026-03-13', completedOn: null }, '2026-03-14')).toBe(0);
    expect(overdueWorkingDays({ status: 'done', dueDate: '2026-03-13', completedOn: '2026-03-20' }, '2026-03-20')).toBe(0);
  });
});

describe('"chưa cập nhật"', () => {
  it('is N working days without a progress report, for accepted or in-progress tasks', () => {
    // Friday 13/3/2026, N = 1: threshold Thursday 12/3.
    expect(notUpdatedThreshold('2026-03-13', 1)).toBe('2026-03-12');
    expect(isNotUpdated({ status: 'in_progress', lastProgressOn: '2026-03-12' }, '2026-03-13', 1)).toBe(false);
    expect(isNotUpdated({ status: 'in_progress', lastProgressOn: '2026-03-11' }, '2026-03-13', 1)).toBe(true);
    // N = 5 across a weekend: threshold Friday 6/3 for Friday 13/3.
    expect(notUpdatedThreshold('2026-03-13', 5)).toBe('2026-03-06');
    expect(isNotUpdated({ status: 'accepted', lastProgressOn: '2026-03-06' }, '2026-03-13', 5)).toBe(false);
    expect(isNotUpdated({ status: 'accepted', lastProgressOn: '2026-03-05' }, '2026-03-13', 5)).toBe(true);
  });

  it('does not apply to tasks waiting for acceptance, review, or closed', () => {
    for (const status of ['assigned', 'completion_reported', 'done', 'cancelled', 'returned'] as const) {
      expect(isNotUpdated({ status, lastProgressOn: '2020-01-01' }, '2026-03-13', 5)).toBe(false);
    }
  });

  it('skips Tết when counting', () => {
    // 10 working days before Monday 2/3/2026 reach back over the Tết break (14–22/2) to Monday 9/2.
    expect(notUpdatedThreshold('2026-03-02', 10)).toBe('2026-02-09');
  });
});

describe('recurring tasks', () => {
  it('instance deadlines and period labels', () => {
    expect(recurrenceDeadline('2026-01-20', 'monthly', 0)).toBe('2026-01-20');
    expect(recurrenceDeadline('2026-01-31', 'monthly', 1)).toBe('2026-02-28');
    expect(recurrenceDeadline('2026-03-25', 'quarterly', 3)).toBe('2026-12-25');
    expect(recurrenceDeadline('2026-12-15', 'yearly', 2)).toBe('2028-12-15');
    expect(recurrencePeriodLabel('2026-11-20', 'monthly')).toBe('tháng 11/2026');
    expect(recurrencePeriodLabel('2026-11-20', 'quarterly')).toBe('quý IV/2026');
    expect(recurrencePeriodLabel('2026-02-20', 'quarterly')).toBe('quý I/2026');
    expect(recurrencePeriodLabel('2026-11-20', 'yearly')).toBe('năm 2026');
  });

  it('creates the next instance when the previous is done or its period has ended, never past the end', () => {
    const base = { firstDeadline: '2026-01-20', recurrence: 'monthly' as const, nextIndex: 1, until: null };
    expect(shouldCreateNextInstance({ ...base, today: '2026-01-10', previousDone: false })).toBe(false);
    expect(shouldCreateNextInstance({ ...base, today: '2026-01-10', previousDone: true })).toBe(true);
    expect(shouldCreateNextInstance({ ...base, today: '2026-01-21', previousDone: false })).toBe(true);
    expect(shouldCreateNextInstance({ ...base, today: '2026-01-21', previousDone: true, until: '2026-02-01' })).toBe(false);
  });
});

describe('event descriptions', () => {
  it('reads like a timeline line in Vietnamese', () => {
    const lead = { orgId: 'o1', orgName: 'Phòng Công nghệ thông tin', personId: null, personName: null };
    const e = (type: Parameters<typeof describeEvent>[0]['type'], data: Record<string, unknown>) =>
      describeEvent({
        id: 'e',
        type,
        at: '2026-03-09T02:00:00.000Z',
        on: '2026-03-09',
        actorPersonId: 'p',
        actorName: 'Nguyễn Thanh Bình',
        reason: null,
        data,
      });
    expect(e('created', { lead, deadline: '2026-03-16', dueDate: '2026-03-16', source: 'document' })).toBe(
      'Nguyễn Thanh Bình giao nhiệm vụ cho Phòng Công nghệ thông tin, hạn 16/03/2026',
    );
    expect(e('reminded', { kind: 'overdue', count: 4, overdue: true, message: null })).toBe('Hệ thống đôn đốc lần 4 (tự động, quá hạn)');
    expect(e('transferred', { from: lead, to: { ...lead, orgName: 'Văn phòng Sở' }, side: 'lead' })).toContain('sang Văn phòng Sở');
  });
});
