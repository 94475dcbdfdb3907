/**
 * Pure detectors of shirking signals over one task's history. Each returns who the signal is
 * about (a unit and/or a person), how serious it is, a Vietnamese explanation naming the events and
 * dates it rests on, and those events as evidence. The server runs them after every event of a
 * task (in the same transaction) and once a day for the signals that depend on the date, and
 * stores the result so per-unit and per-person counts are plain SQL.
 */
import { DEFAULT_CALENDAR, type Calendar } from '../calendar';
import { eventData, holderName, viDate, type HolderRef, type TaskEventFacts } from '../tasks/events';
import { WORKING_STATUSES, type TaskStatus } from '../tasks/model';
import { effectiveDueDate, notUpdatedThreshold } from '../tasks/outcome';
import { DEFAULT_SIGNAL_THRESHOLDS, type SignalCode, type SignalSeverity, type SignalThresholds } from './thresholds';

export interface SignalEvidence {
  eventId: string;
  on: string;
  type: TaskEventFacts['type'];
}

export interface DetectedSignal {
  code: SignalCode;
  severity: SignalSeverity;
  /** The unit the signal is about (null when only a person is concerned). */
  orgId: string | null;
  /** The person the signal is about, when known. */
  personId: string | null;
  /** Name shown for the subject ("Phòng Công nghệ thông tin" or "Nguyễn Văn A (Phòng …)"). */
  subject: string;
  /** Day of the latest evidence, or for a signal about the passing of time the first day its threshold was passed. */
  detectedOn: string;
  explanation: string;
  evidence: SignalEvidence[];
}

export interface SignalTaskFacts {
  status: TaskStatus;
  /** Current deadline as assigned (effective due day is derived with the calendar). */
  deadline: string | null;
  lead: HolderRef;
  assigner: HolderRef;
  lastProgressOn: string;
}

export interface SignalInput {
  task: SignalTaskFacts;
  /** The task's events, oldest first. */
  events: readonly TaskEventFacts[];
  today: string;
  thresholds?: SignalThresholds;
  calendar?: Calendar;
}

const ev = (e: TaskEventFacts): SignalEvidence => ({ eventId: e.id, on: e.on, type: e.type });
const lastOn = (events: readonly TaskEventFacts[]) => events.reduce((m, e) => (e.on > m ? e.on : m), events[0]?.on ?? '');
const subjectOf = (h: HolderRef) => ({ orgId: h.orgId, personId: h.personId, subject: holderName(h) });

/**
 * The holder as the one who acted: a unit-led task's action is attributed to the unit and to the
 * person who took it (the head or deputy), so per-person counts see it too.
 */
function actingHolder(h: HolderRef, e: TaskEventFacts | null): HolderRef {
  return h.personId || !e?.actorPersonId ? h : { ...h, personId: e.actorPersonId, personName: e.actorName };
}

/** One step of the lead passing from one holder to another. */
interface Handover {
  from: HolderRef;
  to: HolderRef;
  event: TaskEventFacts;
  /** The return event that made the assigner reassign, when the handover followed a return. */
  returnEvent: TaskEventFacts | null;
  /** Who pushed the task away: the holder (lead-side transfer or a return) or null when the assigner moved it. */
  pusher: HolderRef | null;
}

function handovers(events: readonly TaskEventFacts[]): { first: HolderRef | null; steps: Handover[] } {
  let first: HolderRef | null = null;
  let pendingReturn: TaskEventFacts | null = null;
  const steps: Handover[] = [];
  for (const e of events) {
    if (e.type === 'created') first = eventData(e, 'created').lead;
    else if (e.type === 'returned') pendingReturn = e;
    else if (e.type === 'transferred') {
      const d = eventData(e, 'transferred');
      const pusher = d.side === 'lead' ? actingHolder(d.from, e) : pendingReturn ? actingHolder(d.from, pendingReturn) : null;
      steps.push({ from: d.from, to: d.to, event: e, returnEvent: d.side === 'assigner' ? pendingReturn : null, pusher });
      pendingReturn = null;
    }
  }
  return { first, steps };
}

function describeStep(s: Handover): string {
  const how = s.returnEvent
    ? `${s.from.orgName} trả lại ngày ${viDate(s.returnEvent.on)}, người giao chuyển ngày ${viDate(s.event.on)}`
    : `${s.event.actorName ?? 'không rõ người chuyển'} chuyển ngày ${viDate(s.event.on)}`;
  return `${s.from.orgName} → ${s.to.orgName} (${how})`;
}

/** Subjects of a set of handovers: each distinct pusher, or the assigner when nobody on the lead side pushed. */
function pushers(steps: readonly Handover[], assigner: HolderRef): HolderRef[] {
  const out = new Map<string, HolderRef>();
  for (const s of steps) if (s.pusher) out.set(`${s.pusher.orgId}|${s.pusher.personId ?? ''}`, s.pusher);
  return out.size > 0 ? [...out.values()] : [assigner];
}

function stepEvidence(steps: readonly Handover[]): SignalEvidence[] {
  return steps.flatMap((s) => (s.returnEvent ? [ev(s.returnEvent), ev(s.event)] : [ev(s.event)]));
}

/** A → B → A: the lead came back to a unit it had left, in two consecutive handovers. */
export function detectBounce(input: SignalInput): DetectedSignal[] {
  const { steps } = handovers(input.events);
  const bounces: Handover[][] = [];
  for (let i = 1; i < steps.length; i++) {
    const a = steps[i - 1]!;
    const b = steps[i]!;
    if (a.from.orgId === b.to.orgId && a.to.orgId === b.from.orgId && a.from.orgId !== a.to.orgId) bounces.push([a, b]);
  }
  if (bounces.length === 0) return [];
  const involved = bounces.flat();
  const evidence = stepEvidence(involved);
  const story = bounces.map((pair) => pair.map(describeStep).join('; ')).join(' | ');
  return pushers(involved, input.task.assigner).map((p) => ({
    code: 'bounce',
    severity: 'high',
    ...subjectOf(p),
    detectedOn: lastOn(input.events.filter((e) => evidence.some((x) => x.eventId === e.id))),
    explanation: `Nhiệm vụ bị chuyển qua lại giữa các đơn vị ${bounces.length} lần: ${story}.`,
    evidence,
  }));
}

/** Each return to the assigner (trả lại), attributed to the unit or person who returned it. */
export function detectReturns(input: SignalInput): DetectedSignal[] {
  return input.events
    .filter((e) => e.type === 'returned')
    .map((e) => {
      const from = actingHolder(eventData(e, 'returned').from, e);
      return {
        code: 'returned' as const,
        severity: 'info' as const,
        ...subjectOf(from),
        detectedOn: e.on,
        explanation: `${holderName(from)} trả lại nhiệm vụ cho người giao ngày ${viDate(e.on)}${e.reason ? `. Lý do: ${e.reason}` : ''}.`,
        evidence: [ev(e)],
      };
    });
}

/** More transfers than the threshold before the task settled. */
export function detectTransferChain(input: SignalInput): DetectedSignal[] {
  const t = input.thresholds ?? DEFAULT_SIGNAL_THRESHOLDS;
  const { first, steps } = handovers(input.events);
  if (steps.length <= t.transferChainMax) return [];
  const chain = [first?.orgName ?? steps[0]!.from.orgName, ...steps.map((s) => s.to.orgName)].join(' → ');
  const evidence = stepEvidence(steps);
  return pushers(steps, input.task.assigner).map((p) => ({
    code: 'transfer_chain',
    severity: 'warning',
    ...subjectOf(p),
    detectedOn: steps[steps.length - 1]!.event.on,
    explanation: `Nhiệm vụ đã bị chuyển ${steps.length} lần (ngưỡng: quá ${t.transferChainMax} lần): ${chain}. Các lần chuyển: ${steps.map((s) => viDate(s.event.on)).join(', ')}.`,
    evidence,
  }));
}

/** Acceptance more than N working days after receiving the task, or no acceptance yet after N. */
export function detectSlowAcceptance(input: SignalInput): DetectedSignal[] {
  const t = input.thresholds ?? DEFAULT_SIGNAL_THRESHOLDS;
  const cal = input.calendar ?? DEFAULT_CALENDAR;
  const out: DetectedSignal[] = [];
  let holder: HolderRef | null = null;
  let received: TaskEventFacts | null = null;
  for (const e of input.events) {
    if (e.type === 'created') {
      holder = eventData(e, 'created').lead;
      received = e;
    } else if (e.type === 'transferred') {
      holder = eventData(e, 'transferred').to;
      received = e;
    } else if (e.type === 'accepted' && received && holder) {
      const days = cal.countWorkingDays(received.on, e.on);
      if (days > t.slowAcceptanceDays) {
        out.push({
          code: 'slow_acceptance',
          severity: 'warning',
          ...subjectOf(actingHolder(holder, e)),
          detectedOn: e.on,
          explanation: `${holderName(holder)} nhận nhiệm vụ ngày ${viDate(received.on)} nhưng đến ngày ${viDate(e.on)} mới tiếp nhận — ${days} ngày làm việc (ngưỡng: ${t.slowAcceptanceDays}).`,
          evidence: [ev(received), ev(e)],
        });
      }
      received = null;
    }
  }
  if (input.task.status === 'assigned' && received && holder) {
    const days = cal.countWorkingDays(received.on, input.today);
    if (days > t.slowAcceptanceDays) {
      out.push({
        code: 'slow_acceptance',
        severity: 'warning',
        ...subjectOf(holder),
        // The first day the delay passed the threshold: stable from day to day, so the daily refresh rewrites nothing.
        detectedOn: cal.addWorkingDays(received.on, t.slowAcceptanceDays + 1),
        explanation: `${holderName(holder)} nhận nhiệm vụ ngày ${viDate(received.on)}, đến ngày ${viDate(input.today)} vẫn chưa tiếp nhận — ${days} ngày làm việc (ngưỡng: ${t.slowAcceptanceDays}).`,
        evidence: [ev(received)],
      });
    }
  }
  return out;
}

/** Holder (lead) at the time of each event. */
function holderAt(events: readonly TaskEventFacts[]): Map<string, HolderRef> {
  const m = new Map<string, HolderRef>();
  let h: HolderRef | null = null;
  for (const e of events) {
    if (e.type === 'created') h = eventData(e, 'created').lead;
    else if (e.type === 'transferred') h = eventData(e, 'transferred').to;
    if (h) m.set(e.id, h);
  }
  return m;
}

/** Requester of an extension: the person who asked, in the lead unit of the time. */
function requester(e: TaskEventFacts, h: HolderRef | undefined, fallback: HolderRef): HolderRef {
  const base = h ?? fallback;
  return e.actorPersonId ? { orgId: base.orgId, orgName: base.orgName, personId: e.actorPersonId, personName: e.actorName } : base;
}

/** Two or more extension requests on one task. */
export function detectRepeatedExtensions(input: SignalInput): DetectedSignal[] {
  const t = input.thresholds ?? DEFAULT_SIGNAL_THRESHOLDS;
  const requests = input.events.filter((e) => e.type === 'extension_requested');
  if (requests.length < t.extensionRepeatMin) return [];
  const holders = holderAt(input.events);
  const last = requests[requests.length - 1]!;
  const who = requester(last, holders.get(last.id), input.task.lead);
  const list = requests.map((e) => `${viDate(e.on)} (xin đến ${viDate(eventData(e, 'extension_requested').newDeadline)})`).join(', ');
  return [
    {
      code: 'extension_repeated',
      severity: requests.length > t.extensionRepeatMin ? 'high' : 'warning',
      orgId: who.orgId,
      personId: who.personId,
      subject: holderName(who),
      detectedOn: last.on,
      explanation: `Đã xin gia hạn ${requests.length} lần (ngưỡng: ${t.extensionRepeatMin}): ${list}.`,
      evidence: requests.map(ev),
    },
  ];
}

/** Extension requests sent with N working days or fewer left, or after the deadline. */
export function detectLastMinuteExtensions(input: SignalInput): DetectedSignal[] {
  const t = input.thresholds ?? DEFAULT_SIGNAL_THRESHOLDS;
  const cal = input.calendar ?? DEFAULT_CALENDAR;
  const holders = holderAt(input.events);
  const late: { e: TaskEventFacts; left: number; due: string }[] = [];
  for (const e of input.events) {
    if (e.type !== 'extension_requested') continue;
    const current = eventData(e, 'extension_requested').currentDeadline;
    if (!current) continue;
    const due = effectiveDueDate(current, cal);
    const left = cal.countWorkingDays(e.on, due);
    if (left <= t.extensionLastMinuteDays) late.push({ e, left, due });
  }
  if (late.length === 0) return [];
  const last = late[late.length - 1]!;
  const who = requester(last.e, holders.get(last.e.id), input.task.lead);
  const parts = late.map(({ e, left, due }) =>
    left < 0
      ? `ngày ${viDate(e.on)}, khi đã quá hạn ${viDate(due)} ${-left} ngày làm việc`
      : left === 0
        ? `ngày ${viDate(e.on)}, đúng ngày hết hạn`
        : `ngày ${viDate(e.on)}, chỉ còn ${left} ngày làm việc đến hạn ${viDate(due)}`,
  );
  return [
    {
      code: 'extension_last_minute',
      severity: late.some((l) => l.left < 0) ? 'high' : 'warning',
      orgId: who.orgId,
      personId: who.personId,
      subject: holderName(who),
      detectedOn: last.e.on,
      explanation: `Xin gia hạn sát hạn (ngưỡng: còn ${t.extensionLastMinuteDays} ngày làm việc trở xuống): ${parts.join('; ')}.`,
      evidence: late.map((l) => ev(l.e)),
    },
  ];
}

/** Overdue although reminded at least N times (counting every reminder, at least one while overdue). */
export function detectOverdueAfterReminders(input: SignalInput): DetectedSignal[] {
  const t = input.thresholds ?? DEFAULT_SIGNAL_THRESHOLDS;
  const reminders = input.events.filter((e) => e.type === 'reminded');
  const overdue = reminders.filter((e) => eventData(e, 'reminded').overdue);
  if (reminders.length < t.overdueReminderMin || overdue.length === 0) return [];
  const escalation = input.events.find((e) => e.type === 'escalated');
  const holders = holderAt(input.events);
  const lastOverdue = overdue[overdue.length - 1]!;
  const who = holders.get(lastOverdue.id) ?? input.task.lead;
  const esc = escalation ? eventData(escalation, 'escalated') : null;
  return [
    {
      code: 'overdue_after_reminders',
      severity: escalation ? 'high' : 'warning',
      ...subjectOf(who),
      detectedOn: (escalation ?? lastOverdue).on,
      explanation:
        `Nhiệm vụ quá hạn dù đã được đôn đốc ${reminders.length} lần (ngưỡng: ${t.overdueReminderMin}), trong đó ${overdue.length} lần khi đã quá hạn: ` +
        `${reminders.map((e) => viDate(e.on)).join(', ')}.` +
        (esc ? ` Đã báo cáo ${esc.toPersonName ?? 'cấp trên'} ngày ${viDate(escalation!.on)}.` : ''),
      evidence: [...reminders.map(ev), ...(escalation ? [ev(escalation)] : [])],
    },
  ];
}

/** Each forward from the head of the lead unit to one of its deputies. */
export function detectHeadToDeputy(input: SignalInput): DetectedSignal[] {
  const holders = holderAt(input.events);
  return input.events
    .filter((e) => e.type === 'forwarded' && eventData(e, 'forwarded').fromHead && eventData(e, 'forwarded').toDeputy)
    .map((e) => {
      const d = eventData(e, 'forwarded');
      const unit = holders.get(e.id) ?? input.task.lead;
      return {
        code: 'head_to_deputy' as const,
        severity: 'info' as const,
        orgId: unit.orgId,
        personId: e.actorPersonId,
        subject: `${e.actorName ?? 'Người đứng đầu'} (${unit.orgName})`,
        detectedOn: e.on,
        explanation: `${e.actorName ?? 'Người đứng đầu'}, người đứng đầu ${unit.orgName}, giao tiếp nhiệm vụ cho cấp phó ${d.to.personName ?? d.to.orgName} ngày ${viDate(e.on)}. Một lần là bình thường; lặp lại thường xuyên là dấu hiệu cần xem xét.`,
        evidence: [ev(e)],
      };
    });
}

/** "Chưa cập nhật": accepted or in progress, and no progress report for N working days. */
export function detectNotUpdated(input: SignalInput): DetectedSignal[] {
  const t = input.thresholds ?? DEFAULT_SIGNAL_THRESHOLDS;
  const cal = input.calendar ?? DEFAULT_CALENDAR;
  if (!WORKING_STATUSES.includes(input.task.status)) return [];
  const threshold = notUpdatedThreshold(input.today, t.notUpdatedDays, cal);
  if (input.task.lastProgressOn >= threshold) return [];
  const days = cal.countWorkingDays(input.task.lastProgressOn, input.today);
  const lastActivity = [...input.events]
    .reverse()
    .find((e) => ['progress', 'accepted', 'sent_back', 'transferred', 'created'].includes(e.type));
  return [
    {
      code: 'not_updated',
      severity: days > 2 * t.notUpdatedDays ? 'high' : 'warning',
      ...subjectOf(input.task.lead),
      // The first day the task counted as not updated (stable, see slow acceptance).
      detectedOn: cal.addWorkingDays(input.task.lastProgressOn, t.notUpdatedDays + 1),
      explanation: `Lần cập nhật gần nhất ngày ${viDate(input.task.lastProgressOn)}; đã ${days} ngày làm việc chưa cập nhật tiến độ (ngưỡng: ${t.notUpdatedDays}).`,
      evidence: lastActivity ? [ev(lastActivity)] : [],
    },
  ];
}

export const DETECTORS: Readonly<Record<SignalCode, (input: SignalInput) => DetectedSignal[]>> = {
  bounce: detectBounce,
  returned: detectReturns,
  transfer_chain: detectTransferChain,
  slow_acceptance: detectSlowAcceptance,
  extension_repeated: detectRepeatedExtensions,
  extension_last_minute: detectLastMinuteExtensions,
  overdue_after_reminders: detectOverdueAfterReminders,
  head_to_deputy: detectHeadToDeputy,
  not_updated: detectNotUpdated,
};

/** Every signal of a task, in the order of the codes. */
export function detectSignals(input: SignalInput): DetectedSignal[] {
  return Object.values(DETECTORS).flatMap((d) => d(input));
}

export interface AggregateCounts {
  /** Tasks received (led) in the period. */
  received: number;
  /** Returns to the assigner in the period. */
  returned: number;
  /** Forwards from a head to a deputy in the period. */
  headToDeputy: number;
}

/** Flags that only make sense over many tasks: a high return rate, and repeated hand-offs to deputies. */
export function aggregateFlags(
  c: AggregateCounts,
  thresholds: SignalThresholds = DEFAULT_SIGNAL_THRESHOLDS,
): { code: SignalCode; explanation: string }[] {
  const out: { code: SignalCode; explanation: string }[] = [];
  if (c.received >= thresholds.returnRateMinTasks && c.received > 0 && c.returned / c.received >= thresholds.returnRateMin) {
    const pct = Math.round((100 * c.returned) / c.received);
    out.push({
      code: 'returned',
      explanation: `Trả lại ${c.returned}/${c.received} nhiệm vụ được giao (${pct}%; ngưỡng ${Math.round(thresholds.returnRateMin * 100)}% khi nhận từ ${thresholds.returnRateMinTasks} nhiệm vụ).`,
    });
  }
  if (c.headToDeputy >= thresholds.headToDeputyMin) {
    out.push({
      code: 'head_to_deputy',
      explanation: `Người đứng đầu giao tiếp cho cấp phó ${c.headToDeputy} lần trong kỳ (ngưỡng: ${thresholds.headToDeputyMin}).`,
    });
  }
  return out;
}
