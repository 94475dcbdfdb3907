/**
 * The figures of a report, aggregated in SQL over one org's subtree (never row by row, so a
 * city-wide report stays a handful of grouped scans at 2,000,000 tasks).
 *
 * Counting rules follow the dashboard's (issue 5): tasks whose effective due day falls in the
 * period, cancelled ones left out, classed by the official outcome classes on the day the figures
 * are taken; the on-time rate is done-on-time over everything already decided (done, or open and
 * overdue). Child units are grouped by the prefix of the lead org's materialised path, so the
 * grouping is a computed key of the scan rather than a join per child.
 */
import {
  CASE_STATUSES,
  CASE_STATUS_LABELS,
  OPEN_STATUSES,
  OUTCOME_CLASSES,
  SIGNAL_CODES,
  SIGNAL_LABELS,
  WORKING_STATUSES,
  type CaseStatus,
  type OutcomeClass,
  type SignalCode,
} from '@kycuong/domain';
import { sql, type Kysely } from 'kysely';
import { subtreeOf } from '../../db/dialect';
import type { Database } from '../../db/schema';

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

export interface UnitFigures extends TaskCounts {
  orgId: string;
  orgName: string;
  /** The report's org itself (tasks it leads directly). */
  own: boolean;
  signals: number;
}

export interface ReportFigures {
  /** The day outcomes are classed on (today, in Vietnam). */
  asOf: string;
  tasks: TaskCounts;
  units: UnitFigures[];
  signals: { code: SignalCode; label: string; tasks: number }[];
  /** Null when the person who asked for the report may not read cases there. */
  cases: { total: number; violations: number; byStatus: { status: CaseStatus; label: string; count: number }[] } | null;
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
  today: string;
  /** Last progress before this day makes a working task "chưa cập nhật". */
  notUpdatedBefore: string;
  includeCases: boolean;
}

const n = (v: unknown) => Number(v ?? 0);
const rate = (onTime: number, late: number, overdue: number) => {
  const decided = onTime + late + overdue;
  return decided === 0 ? null : onTime / decided;
};

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

function counts(r: SumRow | undefined): TaskCounts {
  const byOutcome = {
    done_on_time: n(r?.done_on_time),
    done_late: n(r?.done_late),
    open_in_time: n(r?.open_in_time),
    open_overdue: n(r?.open_overdue),
  };
  return {
    total: n(r?.total),
    byOutcome,
    onTimeRate: rate(byOutcome.done_on_time, byOutcome.done_late, byOutcome.open_overdue),
    notUpdated: n(r?.not_updated),
    reminders: n(r?.reminders),
    remindedTasks: n(r?.reminded),
    escalated: n(r?.escalated),
  };
}

function addCounts(a: TaskCounts, b: TaskCounts): TaskCounts {
  const byOutcome = Object.fromEntries(OUTCOME_CLASSES.map((c) => [c, a.byOutcome[c] + b.byOutcome[c]])) as Record<OutcomeClass, number>;
  return {
    total: a.total + b.total,
    byOutcome,
    onTimeRate: rate(byOutcome.done_on_time, byOutcome.done_late, byOutcome.open_overdue),
    notUpdated: a.notUpdated + b.notUpdated,
    reminders: a.reminders + b.reminders,
    remindedTasks: a.remindedTasks + b.remindedTasks,
    escalated: a.escalated + b.escalated,
  };
}

/** Aggregates every figure of a report; see the module comment for the counting rules. */
export async function loadFigures(db: Kysely<Database>, f: FiguresInput): Promise<ReportFigures> {
  const { org, from, to, today, notUpdatedBefore } = f;
  const keyLen = org.path.length + 33; // parent path + 32 hex digits + '/'
  // Grouped by column position: PostgreSQL does not see two bound parameters as the same expression.
  const inTree = subtreeOf('t.lead_org_path', org.path);
  const inPeriod = sql`t.due_date >= ${from} and t.due_date <= ${to} and t.status <> 'cancelled'`;
  const sums = outcomeSums(today, notUpdatedBefore);

  const byUnit = await sql<SumRow & { unit_path: string }>`
    select substr(t.lead_org_path, 1, ${keyLen}) as unit_path, ${sums}
    from tasks t where ${inTree} and ${inPeriod}
    group by 1`.execute(db);

  const signalRows = await sql<{ code: string; unit_path: string; tasks: unknown }>`
    select s.code as code, substr(o.path, 1, ${keyLen}) as unit_path, count(distinct s.task_id) as tasks
    from task_signals s join orgs o on o.id = s.org_id
    where ${subtreeOf('o.path', org.path)} and s.detected_on >= ${from} and s.detected_on <= ${to}
    group by 1, 2`.execute(db);

  // Names of the child units that appear (plus every direct child, so a unit with nothing due shows as 0).
  const children = await db
    .selectFrom('orgs')
    .select(['id', 'name', 'path', 'sort_order'])
    .where('parent_id', '=', org.id)
    .where('active', '=', true)
    .orderBy('sort_order')
    .orderBy('name')
    .execute();
  const unitRows = new Map(byUnit.rows.map((r) => [r.unit_path, counts(r)]));
  const signalsByUnit = new Map<string, number>();
  const signalsByCode = new Map<string, number>();
  for (const r of signalRows.rows) {
    signalsByUnit.set(r.unit_path, (signalsByUnit.get(r.unit_path) ?? 0) + n(r.tasks));
    signalsByCode.set(r.code, (signalsByCode.get(r.code) ?? 0) + n(r.tasks));
  }
  const units: UnitFigures[] = [];
  const ownCounts = unitRows.get(org.path);
  if (ownCounts && ownCounts.total > 0) {
    units.push({ orgId: org.id, orgName: org.name, own: true, ...ownCounts, signals: signalsByUnit.get(org.path) ?? 0 });
  }
  let total = ownCounts ?? counts(undefined);
  for (const c of children) {
    const k = unitRows.get(c.path) ?? counts(undefined);
    if (c.path !== org.path) total = addCounts(total, k);
    units.push({ orgId: c.id, orgName: c.name, own: false, ...k, signals: signalsByUnit.get(c.path) ?? 0 });
  }
  // Inactive children that still lead tasks of the period are counted in the total, not listed.
  for (const [p, k] of unitRows) if (p !== org.path && !children.some((c) => c.path === p)) total = addCounts(total, k);

  let cases: ReportFigures['cases'] = null;
  if (f.includeCases) {
    const rows = await sql<{ status: string; outcome: string | null; n: unknown }>`
      select c.status as status, c.outcome as outcome, count(*) as n
      from cases c join orgs o on o.id = c.org_id
      where ${subtreeOf('o.path', org.path)} and c.received_date >= ${from} and c.received_date <= ${to}
      group by c.status, c.outcome`.execute(db);
    const byStatus = new Map<string, number>();
    let violations = 0;
    for (const r of rows.rows) {
      byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + n(r.n));
      if (r.outcome === 'violation') violations += n(r.n);
    }
    cases = {
      total: [...byStatus.values()].reduce((a, b) => a + b, 0),
      violations,
      byStatus: CASE_STATUSES.map((s) => ({ status: s, label: CASE_STATUS_LABELS[s].vi, count: byStatus.get(s) ?? 0 })),
    };
  }

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
          const c = counts(r);
          return { group: r.grp ?? 'Nhiệm vụ khác', total: c.total, byOutcome: c.byOutcome };
        });

  const overdue = await sql<{ title: string; org_name: string; due_date: string; reminder_count: unknown; escalated_at: string | null }>`
    select t.title as title, o.name as org_name, t.due_date as due_date, t.reminder_count as reminder_count, t.escalated_at as escalated_at
    from tasks t join orgs o on o.id = t.lead_org_id
    where ${inTree} and ${inPeriod} and t.status in (${sql.join([...OPEN_STATUSES].map((s) => sql`${s}`))}) and t.due_date < ${today}
    order by t.due_date, t.id
    limit 50`.execute(db);

  return {
    asOf: today,
    tasks: total,
    units,
    signals: SIGNAL_CODES.map((code) => ({ code, label: SIGNAL_LABELS[code].vi, tasks: signalsByCode.get(code) ?? 0 })).filter(
      (s) => s.tasks > 0,
    ),
    cases,
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
