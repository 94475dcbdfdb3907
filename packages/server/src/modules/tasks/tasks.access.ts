/**
 * Who the actor is on a task (the sides of the domain state machine) and whether the task is
 * visible at all. Visible: anyone on a side, anyone who may read tasks (`task.read`) over the
 * assigner org, the lead org or a coordinating org — and (checked by the service) anyone who once
 * acted on it, so a unit that transferred or returned a task can still follow what became of it.
 */
import type { TaskSide } from '@kycuong/domain';
import { bool } from '../../db/dialect';
import { canIn, type Actor } from '../../platform/access';
import type { ParticipantView, TaskRepository, TaskView } from './tasks.repository';

/** The units where the actor is head or deputy, and their primary unit. */
export interface ActorUnits {
  /** Org ids where the actor is head or deputy (acts for unit-led tasks there). */
  leading: Set<string>;
  heads: Set<string>;
  deputies: Set<string>;
  primaryOrgId: string | null;
}

export async function actorUnits(repo: TaskRepository, actor: Actor): Promise<ActorUnits> {
  const out: ActorUnits = { leading: new Set(), heads: new Set(), deputies: new Set(), primaryOrgId: null };
  if (!actor.personId) return out;
  for (const m of await repo.unitRolesOf(actor.personId)) {
    if (bool(m.is_head)) out.heads.add(m.org_id);
    if (bool(m.is_deputy)) out.deputies.add(m.org_id);
    if (bool(m.is_head) || bool(m.is_deputy)) out.leading.add(m.org_id);
    if (bool(m.is_primary)) out.primaryOrgId = m.org_id;
  }
  return out;
}

/** Whether the actor acts for a unit: head or deputy of it, or granted `leader` exactly on it. */
export function actsForUnit(actor: Actor, units: ActorUnits, orgId: string, orgPath: string): boolean {
  return units.leading.has(orgId) || actor.grants.some((g) => g.role === 'leader' && g.orgPath === orgPath);
}

export function sidesOf(actor: Actor, units: ActorUnits, t: TaskView, participants: readonly ParticipantView[]): Set<TaskSide> {
  const sides = new Set<TaskSide>();
  const me = actor.personId;
  if ((me && t.assigner_person_id === me) || canIn(actor, 'task.assign', t.assigner_org_path)) sides.add('assigner');
  if (t.lead_person_id ? me === t.lead_person_id : actsForUnit(actor, units, t.lead_org_id, t.lead_org_path)) sides.add('lead');
  if (participants.some((p) => (p.person_id ? p.person_id === me : actsForUnit(actor, units, p.org_id, p.org_path))))
    sides.add('coordinator');
  if (canIn(actor, 'task.remind', t.assigner_org_path)) sides.add('reminder');
  if (me && t.escalated_to_person_id === me) sides.add('escalation');
  return sides;
}

export function canSee(actor: Actor, sides: ReadonlySet<TaskSide>, t: TaskView, participants: readonly ParticipantView[]): boolean {
  if (sides.size > 0) return true;
  if (canIn(actor, 'task.read', t.assigner_org_path) || canIn(actor, 'task.read', t.lead_org_path)) return true;
  return participants.some((p) => canIn(actor, 'task.read', p.org_path));
}
