/**
 * The figures of a report, aggregated in SQL over one org's subtree (never row by row, so a
 * city-wide report stays a handful of grouped scans at 2,000,000 tasks).
 *
 * The task, unit, signal, case, dissemination and rating figures are the dashboard's own
 * (`dashboardFor`), so a report and the dashboard of the same org and period always agree: tasks
 * whose effective due day falls in the period, cancelled ones left out, classed on the day the
 * figures are taken; the on-time rate is done-on-time over everything decided. What only a report
 * needs — the documents implementing 24-CT/TU, its task groups, the overdue list — is aggregated
 * here with the same rules.
 */
import { OPEN_STATUSES, WORKING_STATUSES, type OutcomeClass, type RatingLevel, type SignalCode } from '@kycuong/domain';
import { sql, type Kysely } from 'kysely';
import { subtreeOf } from '../../db/dialect';
import type { Database } from '../../db/schema';
import type { Actor } from '../../platform/access';
import { dashboardFor } from '../dashboard/dashboard.service';

export interface TaskCounts {
  total: number;
  byOutcome: Record<OutcomeClass, number>;
  /** done on time / (done + open overdue); null when nothing is decided yet. */
  onTimeRate: number | null;
  notUpdated: number;
  reminders: number;
  remindedTasks: number;
  escalated: number;
}

export interface UnitFigures {
  orgId: string;
  orgName: string;
  /** The report's org itself (tasks it leads directly). */
  own: boolean;
  total: number;
  byOutcome: Record<OutcomeClass, number>;
  onTimeRate: number | null;
  notUpdated: number;
  signals: number;
}

export interface ReportFigures {
  /** The day outcomes are classed on (today, in Vietnam). */
  asOf: string;
  tasks: TaskCounts;
  /** Child units (and the org's own tasks), ranked as the dashboard ranks them. */
  units: UnitFigures[];
  signals: { code: SignalCode; label: string; tasks: number }[];
  /** Null when the person who asked for the report may not read cases there. */
  cases: { total: number; byGroup: { code: string; title: string; count: number }[] } | null;
  /** Dissemination (quán triệt) coverage of the subtree; null when there is nothing to disseminate. */
  dissemination: { expected: number; reached: number; rate: number | null } | null;
  /** Ratings of the period; null when the requester may not read them or the period is not a rating period. */
  evaluations: { period: string; byLevel: Record<RatingLevel, number>; approved: number; pending: number } | null;
  /** Documents of the org's subtree that implement Directive 24-CT/TU (directly or through a plan). */
  implementing: { number: string | null; title: string; issuedOn: string | null; orgName: string }[];
  /** Task groups of the directive's implementation chain: tasks of the subtree linked to those documents. */
  directiveGroups: { group: string; total: number; byOutcome: Record<OutcomeClass, number> }[];
  /** Open overdue tasks of the subtree, oldest due day first (at most 50). */
  overdueTasks: { title: string; leadOrg: string; dueDate: string; reminders: number; escalated: boolean }[];
}

export interface FiguresInput {
  org: { id: string; path: string; name: string };
  from: string;
  to: string;
  /** The instant the figures are taken (today in Vietnam is derived from it). */
  now: Date;
  /** Whose reach the figures respect (case and rating figures only where they may read them). */
  actor: Actor;
}

const n = (v: unknown) => Number(v ?? 0);

/** Outcome sums of the `tasks t` rows in a grouped select (one definition for every grouping). */
function outcomeSums(today: string, notUpdatedBefore: string) {
  const open = sql.join([...OPEN_STATUSES].map((s) => sql`${s}`));
  const working = sql.join([...WORKING_STATUSES].map((s) => sql`${s}`));
  return sql`count(*) as total,
    sum(case when t.status = 'done' and (t.completed_on is null or t.completed_on <= t.due_date) then 1 else 0 end) as done_on_time,
    sum(case when t.status = 'done' and t.completed_on > t.due_date then 1 else 0 end) as done_late,
    sum(case when t.status in (${open}) and t.due_date >= ${today} then 1 else 0 end) as open_in_time,
    sum(case when t.status in (${open}) and t.due_date < ${today} then 1 else 0 end) as open_overdue,
    sum(case when t.status in (${working}) and t.last_progress_on < ${notUpdatedBefore} then 1 else 0 end) as not_updated,
    sum(t.reminder_count) as reminders,
    sum(case when t.reminder_count > 0 then 1 else 0 end) as reminded,
    sum(case when t.escalated_at is not null then 1 else 0 end) as escalated`;
}

interface SumRow {
  total: unknown;
  done_on_time: unknown;
  done_late: unknown;
  open_in_time: unknown;
  open_overdue: unknown;
  not_updated: unknown;
  reminders: unknown;
  reminded: unknown;
  escalated: unknown;
}

function byOutcomeOf(r: SumRow): Record<OutcomeClass, number> {
  return {
    done_on_time: n(r.done_on_time),
    done_late: n(r.done_late),
    open_in_time: n(r.open_in_time),
    open_overdue: n(r.open_overdue),
  };
}

/** Aggregates every figure of a report; see the module comment for the counting rules. */
export async function loadFigures(db: Kysely<Database>, f: FiguresInput): Promise<ReportFigures> {
  const { org, from, to } = f;
  const d = await dashboardFor(db, f.actor, { orgId: org.id, from, to }, { now: f.now });
  const today = d.today;
  const inTree = subtreeOf('t.lead_org_path', org.path);
  const inPeriod = sql`t.due_date >= ${from} and t.due_date <= ${to} and t.status <> 'cancelled'`;
  // "Chưa cập nhật" has no part in the groups below; any threshold will do for the shared sums.
  const sums = outcomeSums(today, today);

  // The directive and the documents implementing it, two levels down (directive → plan → letter).
  const directiveIds = await db.selectFrom('documents').select('id').where('number_text', '=', '24-CT/TU').execute();
  let family = directiveIds.map((d) => d.id);
  let frontier = family;
  for (let level = 0; level < 2 && frontier.length > 0; level++) {
    const next = await db.selectFrom('documents').select('id').where('implements_id', 'in', frontier).execute();
    frontier = next.map((d) => d.id).filter((id) => !family.includes(id));
    family = [...family, ...frontier];
  }
  const implementing =
    family.length === 0
      ? []
      : (
          await db
            .selectFrom('documents as d')
            .innerJoin('orgs as o', 'o.id', 'd.issuing_org_id')
            .select(['d.number_text', 'd.title', 'd.issued_on', 'o.name as org_name'])
            .where('d.id', 'in', family)
            .where('d.implements_id', 'is not', null)
            .where(subtreeOf('o.path', org.path))
            .where('d.status', '<>', 'draft')
            .orderBy('d.issued_on')
            .execute()
        ).map((d) => ({ number: d.number_text, title: d.title, issuedOn: d.issued_on, orgName: d.org_name }));

  const directiveGroups =
    family.length === 0
      ? []
      : (
          await sql<SumRow & { grp: string | null }>`
            select g.title as grp, ${sums}
            from tasks t left join document_task_groups g on g.id = t.group_id
            where ${inTree} and ${inPeriod} and t.document_id in (${sql.join(family.map((id) => sql`${id}`))})
            group by g.title order by g.title`.execute(db)
        ).rows.map((r) => {
          return { group: r.grp ?? 'Nhiệm vụ khác', total: n(r.total), byOutcome: byOutcomeOf(r) };
        });

  const overdue = await sql<{ title: string; org_name: string; due_date: string; reminder_count: unknown; escalated_at: string | null }>`
    select t.title as title, o.name as org_name, t.due_date as due_date, t.reminder_count as reminder_count, t.escalated_at as escalated_at
    from tasks t join orgs o on o.id = t.lead_org_id
    where ${inTree} and ${inPeriod} and t.status in (${sql.join([...OPEN_STATUSES].map((s) => sql`${s}`))}) and t.due_date < ${today}
    order by t.due_date, t.id
    limit 50`.execute(db);

  return {
    asOf: today,
    tasks: {
      total: d.tasks.total,
      byOutcome: d.tasks.byOutcome,
      onTimeRate: d.tasks.onTimeRate,
      notUpdated: d.tasks.notUpdated,
      reminders: d.tasks.reminders,
      remindedTasks: d.tasks.remindedTasks,
      escalated: d.tasks.escalated,
    },
    units: d.units.map((u) => ({
      orgId: u.orgId,
      orgName: u.orgName,
      own: u.own,
      total: u.total,
      byOutcome: {
        done_on_time: u.doneOnTime,
        done_late: u.doneLate,
        open_in_time: u.total - u.doneOnTime - u.doneLate - u.openOverdue,
        open_overdue: u.openOverdue,
      },
      onTimeRate: u.onTimeRate,
      notUpdated: u.notUpdated,
      signals: u.signals,
    })),
    signals: d.signals.filter((s) => s.tasks > 0).map((s) => ({ code: s.code, label: s.label, tasks: s.tasks })),
    cases: d.cases
      ? { total: d.cases.total, byGroup: d.cases.byGroup.map((g) => ({ code: g.code, title: g.title, count: g.count })) }
      : null,
    dissemination:
      d.dissemination && d.dissemination.expected > 0
        ? { expected: d.dissemination.expected, reached: d.dissemination.reached, rate: d.dissemination.rate }
        : null,
    evaluations: d.evaluations,
    implementing,
    directiveGroups,
    overdueTasks: overdue.rows.map((r) => ({
      title: r.title,
      leadOrg: r.org_name,
      dueDate: String(r.due_date).slice(0, 10),
      reminders: n(r.reminder_count),
      escalated: r.escalated_at !== null,
    })),
  };
}
