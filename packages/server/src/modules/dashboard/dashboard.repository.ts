import { OPEN_STATUSES, WORKING_STATUSES } from '@kycuong/domain';
import { sql, type Kysely } from 'kysely';
import { subtreeOf } from '../../db/dialect';
import type { Database } from '../../db/schema';

/** One aggregate row: a child unit (by path prefix), a month bucket, inside the period or not. */
export interface TaskAggregateRow {
  unit: string;
  bucket: number;
  in_period: number;
  total: number;
  done_on_time: number;
  done_late: number;
  open_overdue: number;
  not_updated: number;
  reminders: number;
  reminded: number;
  escalated: number;
}

export interface TaskAggregateInput {
  orgPath: string;
  from: string;
  to: string;
  /** First days of the 12 trend months, oldest first (bucket i = month i; −1 before the first). */
  monthStarts: readonly string[];
  today: string;
  notUpdatedBefore: string;
}

const lit = (v: string) => sql.lit(v);
const list = (vs: readonly string[]) => sql.join(vs.map((v) => sql.lit(v)));

/**
 * SQL of the dashboard. Each figure is one aggregate over an indexed range: tasks by the lead
 * org's path (covering index `tasks_dashboard_idx`), cases and evaluations by the org path.
 * Values are literals, not parameters, so PostgreSQL matches the GROUP BY expressions to the
 * selected ones (and they are dates and codes the server made, never user text).
 */
export class DashboardRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** The child unit a task belongs to: the first path segment below the chosen org (or the org itself). */
  private unitExpr(orgPath: string) {
    // A path segment is 32 hex digits and '/'.
    return sql<string>`substr(${sql.ref('t.lead_org_path')}, 1, ${sql.lit(orgPath.length + 33)})`;
  }

  /**
   * Tasks of the subtree due between the earlier of the period start and the trend start and the
   * period end, counted per child unit, trend month and "inside the period": one pass.
   */
  async taskAggregate(i: TaskAggregateInput): Promise<TaskAggregateRow[]> {
    const unit = this.unitExpr(i.orgPath);
    const scanFrom = i.from < i.monthStarts[0]! ? i.from : i.monthStarts[0]!;
    const bucket = sql<number>`case ${sql.join(
      [...i.monthStarts]
        .map((m, k) => ({ m, k }))
        .reverse()
        .map(({ m, k }) => sql`when t.due_date >= ${lit(m)} then ${sql.lit(k)}`),
      sql` `,
    )} else -1 end`;
    const inPeriod = sql<number>`case when t.due_date >= ${lit(i.from)} then 1 else 0 end`;
    const open = list(OPEN_STATUSES);
    const working = list(WORKING_STATUSES);
    const rows = await this.db
      .selectFrom('tasks as t')
      .select([
        unit.as('unit'),
        bucket.as('bucket'),
        inPeriod.as('in_period'),
        sql<number>`count(*)`.as('total'),
        sql<number>`sum(case when t.status = 'done' and t.completed_on <= t.due_date then 1 else 0 end)`.as('done_on_time'),
        sql<number>`sum(case when t.status = 'done' and t.completed_on > t.due_date then 1 else 0 end)`.as('done_late'),
        sql<number>`sum(case when t.status in (${open}) and t.due_date < ${lit(i.today)} then 1 else 0 end)`.as('open_overdue'),
        sql<number>`sum(case when t.status in (${working}) and t.last_progress_on < ${lit(i.notUpdatedBefore)} then 1 else 0 end)`.as(
          'not_updated',
        ),
        sql<number>`sum(t.reminder_count)`.as('reminders'),
        sql<number>`sum(case when t.reminder_count > 0 then 1 else 0 end)`.as('reminded'),
        sql<number>`sum(case when t.escalated_at is not null then 1 else 0 end)`.as('escalated'),
      ])
      .where(subtreeOf('t.lead_org_path', i.orgPath))
      .where('t.due_date', '>=', scanFrom)
      .where('t.due_date', '<=', i.to)
      .where('t.status', '!=', 'cancelled')
      .groupBy([unit, bucket, inPeriod])
      .execute();
    return rows.map((r) => ({
      unit: r.unit,
      bucket: Number(r.bucket),
      in_period: Number(r.in_period),
      total: Number(r.total),
      done_on_time: Number(r.done_on_time ?? 0),
      done_late: Number(r.done_late ?? 0),
      open_overdue: Number(r.open_overdue ?? 0),
      not_updated: Number(r.not_updated ?? 0),
      reminders: Number(r.reminders ?? 0),
      reminded: Number(r.reminded ?? 0),
      escalated: Number(r.escalated ?? 0),
    }));
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
