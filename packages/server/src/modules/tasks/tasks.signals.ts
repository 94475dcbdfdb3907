/**
 * Runs the domain's signal detectors over one task's history and stores the result, inside the
 * caller's transaction. Stored rows are diffed rather than rewritten, so recomputing a task whose
 * signals did not change writes nothing.
 */
import {
  detectSignals,
  type Calendar,
  type DetectedSignal,
  type HolderRef,
  type SignalThresholds,
  type TaskEventFacts,
  type TaskEventType,
  type TaskStatus,
} from '@kycuong/domain';
import type { TaskEventsTable } from '../../db/schema';
import { newId } from '../../platform/ids';
import type { TaskRepository, TaskView } from './tasks.repository';

export function eventFacts(e: TaskEventsTable): TaskEventFacts {
  return {
    id: e.id,
    type: e.type as TaskEventType,
    at: e.at,
    on: e.on_date,
    actorPersonId: e.actor_person_id,
    actorName: e.actor_name,
    reason: e.reason,
    data: JSON.parse(e.data) as Record<string, unknown>,
  };
}

export function leadOf(t: TaskView): HolderRef {
  return { orgId: t.lead_org_id, orgName: t.lead_org_name, personId: t.lead_person_id, personName: t.lead_person_name };
}

export function assignerOf(t: TaskView): HolderRef {
  return { orgId: t.assigner_org_id, orgName: t.assigner_org_name, personId: t.assigner_person_id, personName: t.assigner_person_name };
}

export function detectTaskSignals(
  t: TaskView,
  events: readonly TaskEventsTable[],
  today: string,
  thresholds: SignalThresholds,
  calendar: Calendar,
): DetectedSignal[] {
  return detectSignals({
    task: {
      status: t.status as TaskStatus,
      deadline: t.deadline,
      lead: leadOf(t),
      assigner: assignerOf(t),
      lastProgressOn: t.last_progress_on,
    },
    events: events.map(eventFacts),
    today,
    thresholds,
    calendar,
  });
}

const keyOf = (s: { code: string; org_id: string | null; person_id: string | null; detected_on: string }) =>
  `${s.code}|${s.org_id ?? ''}|${s.person_id ?? ''}|${s.detected_on}`;

/** Recomputes and stores the signals of a task; answers how many rows changed. */
export async function refreshTaskSignals(
  repo: TaskRepository,
  taskId: string,
  today: string,
  thresholds: SignalThresholds,
  calendar: Calendar,
): Promise<number> {
  const t = await repo.findById(taskId);
  if (!t) return 0;
  const detected = detectTaskSignals(t, await repo.events(taskId), today, thresholds, calendar);
  const fresh = detected.map((s) => ({
    id: newId(),
    task_id: taskId,
    code: s.code,
    severity: s.severity,
    org_id: s.orgId,
    person_id: s.personId,
    subject: s.subject,
    detected_on: s.detectedOn,
    explanation: s.explanation,
    evidence: JSON.stringify(s.evidence),
  }));
  const stored = await repo.signals(taskId);
  const freshKeys = new Map(fresh.map((f) => [keyOf(f), f]));
  const storedKeys = new Set(stored.map(keyOf));
  const remove = stored.filter((s) => !freshKeys.has(keyOf(s))).map((s) => s.id);
  const add = fresh.filter((f) => !storedKeys.has(keyOf(f)));
  // A detector may yield the same key twice (two evidence sets on one day): keep one row per key.
  const unique = [...new Map(add.map((a) => [keyOf(a), a])).values()];
  await repo.deleteSignals(remove);
  await repo.insertSignals(unique);
  return remove.length + unique.length;
}
