import { OPEN_STATUSES, WORKING_STATUSES } from '@kycuong/domain';
import { sql, type Kysely } from 'kysely';
import { subtreeOf } from '../../db/dialect';
import type { Database } from '../../db/schema';

/** Counts of the period's tasks led by one org (by its path). */
export interface TaskAggregateRow {
  path: string;
  total: number;
  done_on_time: number;
  done_late: number;
  open_overdue: number;
  not_updated: number;
  reminders: number;
  reminded: number;
  escalated: number;
}

/** Counts of one trend month. */
export interface TrendRow {
  k: number;
  total: number;
  done_on_time: number;
  done_late: number;
  open_overdue: number;
}

export interface TaskAggregateInput {
  orgPath: string;
  from: string;
  to: string;
  today: string;
  notUpdatedBefore: string;
}

const lit = (v: string) => sql.lit(v);
const list = (vs: readonly string[]) => sql.join(vs.map((v) => sql.lit(v)));
const n = (v: unknown) => Number(v ?? 0);

/**
 * SQL of the dashboard. Each figure is an aggregate over an indexed range: tasks by the lead
 * org's path and due day (covering index `tasks_dashboard_idx`), cases and evaluations by the org
 * path. Values are literals, not parameters (dates and codes the server made, never user text), so
 * PostgreSQL matches the GROUP BY expressions to the selected ones.
 *
 * Measured on SQLite (200,000 tasks, the city root): grouping by an expression of the path (the
 * child unit) makes SQLite sort every row; grouping by the path itself follows the index order and
 * streams, so the period is counted per lead org and summed to child units in the service.
 */
export class DashboardRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private counts() {
    const open = list(OPEN_STATUSES);
    return {
      total: sql<number>`count(*)`,
      onTime: sql<number>`sum(case when t.status = 'done' and t.completed_on <= t.due_date then 1 else 0 end)`,
      late: sql<number>`sum(case when t.status = 'done' and t.completed_on > t.due_date then 1 else 0 end)`,
      overdue: (today: string) => sql<number>`sum(case when t.status in (${open}) and t.due_date < ${lit(today)} then 1 else 0 end)`,
    };
  }

  /** The period's tasks of the subtree (due in the period, not cancelled), counted per lead org path: one streaming pass. */
  async periodByPath(i: TaskAggregateInput): Promise<TaskAggregateRow[]> {
    const c = this.counts();
    const working = list(WORKING_STATUSES);
    const rows = await this.db
      .selectFrom('tasks as t')
      .select([
        't.lead_org_path as path',
        c.total.as('total'),
        c.onTime.as('done_on_time'),
        c.late.as('done_late'),
        c.overdue(i.today).as('open_overdue'),
        sql<number>`sum(case when t.status in (${working}) and t.last_progress_on < ${lit(i.notUpdatedBefore)} then 1 else 0 end)`.as(
          'not_updated',
        ),
        sql<number>`sum(t.reminder_count)`.as('reminders'),
        sql<number>`sum(case when t.reminder_count > 0 then 1 else 0 end)`.as('reminded'),
        sql<number>`sum(case when t.escalated_at is not null then 1 else 0 end)`.as('escalated'),
      ])
      .where(subtreeOf('t.lead_org_path', i.orgPath))
      .where('t.due_date', '>=', i.from)
      .where('t.due_date', '<=', i.to)
      .where('t.status', '!=', 'cancelled')
      .groupBy('t.lead_org_path')
      .execute();
    return rows.map((r) => ({
      path: r.path,
      total: n(r.total),
      done_on_time: n(r.done_on_time),
      done_late: n(r.done_late),
      open_overdue: n(r.open_overdue),
      not_updated: n(r.not_updated),
      reminders: n(r.reminders),
      reminded: n(r.reminded),
      escalated: n(r.escalated),
    }));
  }

  /**
   * Outcome counts of the subtree's tasks per trend month (first days given, oldest first; the last
   * month ends at `to`), in one pass grouped by the month's index.
   */
  async trend(orgPath: string, monthStarts: readonly string[], to: string, today: string): Promise<TrendRow[]> {
    const c = this.counts();
    const bucket = sql<number>`case ${sql.join(
      [...monthStarts]
        .map((m, k) => ({ m, k }))
        .reverse()
        .map(({ m, k }) => sql`when t.due_date >= ${lit(m)} then ${sql.lit(k)}`),
      sql` `,
    )} end`;
    const rows = await this.db
      .selectFrom('tasks as t')
      .select([
        bucket.as('k'),
        c.total.as('total'),
        c.onTime.as('done_on_time'),
        c.late.as('done_late'),
        c.overdue(today).as('open_overdue'),
      ])
      .where(subtreeOf('t.lead_org_path', orgPath))
      .where('t.due_date', '>=', monthStarts[0]!)
      .where('t.due_date', '<=', to)
      .where('t.status', '!=', 'cancelled')
      .groupBy(bucket)
      .execute();
    return rows.map((r) => ({
      k: n(r.k),
      total: n(r.total),
      done_on_time: n(r.done_on_time),
      done_late: n(r.done_late),
      open_overdue: n(r.open_overdue),
    }));
  }

  /** The child unit a task belongs to: the first path segment below the chosen org (or the org itself). */
  private unitExpr(orgPath: string) {
    // A path segment is 32 hex digits and '/'.
    return sql<string>`substr(${sql.ref('t.lead_org_path')}, 1, ${sql.lit(orgPath.length + 33)})`;
  }

  /** Tasks of the period carrying each shirking signal, per child unit (as the task list's `signal` filter counts them). */
  async signalAggregate(orgPath: string, from: string, to: string) {
    const unit = this.unitExpr(orgPath);
    const rows = await this.db
      .selectFrom('tasks as t')
      .innerJoin('task_signals as s', 's.task_id', 't.id')
      .select([unit.as('unit'), 's.code', sql<number>`count(distinct t.id)`.as('n')])
      .where(subtreeOf('t.lead_org_path', orgPath))
      .where('t.due_date', '>=', from)
      .where('t.due_date', '<=', to)
      .where('t.status', '!=', 'cancelled')
      .groupBy([unit, 's.code'])
      .execute();
    return rows.map((r) => ({ unit: r.unit, code: r.code, n: Number(r.n) }));
  }

  /** Cases of the subtree received in the period, by catalogue group (a case in two groups counts in each). */
  async casesByGroup(orgPath: string, from: string, to: string) {
    const base = this.db
      .selectFrom('cases as c')
      .innerJoin('orgs as o', 'o.id', 'c.org_id')
      .where(subtreeOf('o.path', orgPath))
      .where('c.received_date', '>=', from)
      .where('c.received_date', '<=', to);
    const [total, groups] = await Promise.all([
      base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
      base
        .innerJoin('case_items as ci', 'ci.case_id', 'c.id')
        .select(['ci.group_code', sql<number>`count(distinct c.id)`.as('n')])
        .groupBy('ci.group_code')
        .execute(),
    ]);
    return { total: Number(total.n), groups: groups.map((g) => ({ code: g.group_code, n: Number(g.n) })) };
  }

  /**
   * Dissemination coverage in the subtree per document, over conferences held up to `to`: people
   * expected and people who acknowledged (a person expected at two conferences of one document counts once).
   */
  async disseminationByDocument(orgPath: string, to: string) {
    const rows = await this.db
      .selectFrom('dissemination_expected as e')
      .innerJoin('conferences as c', 'c.id', 'e.conference_id')
      .innerJoin('documents as d', 'd.id', 'e.document_id')
      .select([
        'e.document_id',
        'd.number_text',
        'd.title',
        sql<number>`count(distinct e.person_id)`.as('expected'),
        sql<number>`count(distinct case when e.acknowledged_at is not null then e.person_id end)`.as('reached'),
      ])
      .where(subtreeOf('e.org_path', orgPath))
      .where('c.held_on', '<=', to)
      .groupBy(['e.document_id', 'd.number_text', 'd.title'])
      .execute();
    return rows.map((r) => ({
      documentId: r.document_id,
      number: r.number_text,
      title: r.title,
      expected: Number(r.expected),
      reached: Number(r.reached),
    }));
  }

  /** Evaluations of the subtree for a period (State track), by level and status. */
  async evaluationLevels(orgPath: string, periodKey: string) {
    const rows = await this.db
      .selectFrom('evaluations as e')
      .innerJoin('orgs as o', 'o.id', 'e.org_id')
      .select(['e.level', 'e.status', sql<number>`count(*)`.as('n')])
      .where(subtreeOf('o.path', orgPath))
      .where('e.period_key', '=', periodKey)
      .where('e.track', '=', 'state')
      .groupBy(['e.level', 'e.status'])
      .execute();
    return rows.map((r) => ({ level: r.level, status: r.status, n: Number(r.n) }));
  }

  orgsByPaths(paths: readonly string[]) {
    if (paths.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('orgs')
      .select(['id', 'name', 'path', 'sort_order'])
      .where('path', 'in', [...paths])
      .execute();
  }

  /** The path of a person's primary unit. */
  async primaryOrgPath(personId: string): Promise<string | undefined> {
    const r = await this.db
      .selectFrom('memberships as m')
      .innerJoin('orgs as o', 'o.id', 'm.org_id')
      .select('o.path')
      .where('m.person_id', '=', personId)
      .where('m.is_primary', '=', true)
      .executeTakeFirst();
    return r?.path;
  }

  org(id: string) {
    return this.db.selectFrom('orgs').select(['id', 'name', 'path']).where('id', '=', id).executeTakeFirst();
  }
}
