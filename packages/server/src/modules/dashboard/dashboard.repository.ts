import { OPEN_STATUSES, WORKING_STATUSES } from '@kycuong/domain';
import { sql, type Kysely } from 'kysely';
import { subtreeOf } from '../../db/dialect';
import type { Database, TaskRollupTable } from '../../db/schema';

/** Counts of tasks that do not depend on today (the counters' measures), for a subtree (counters) or a lead org (direct counts). */
export type TaskCountRow = Omit<TaskRollupTable, 'org_path' | 'month'> & { path: string };

/** Open tasks of one lead org that are overdue or not updated. */
export interface OpenRow {
  path: string;
  overdue: number;
  not_updated: number;
}

export interface SignalRow {
  path: string;
  code: string;
  n: number;
}

/** A due-day range; `months` is the same range as whole months (`YYYY-MM`) when it is made of whole months. */
export interface DayRange {
  from: string;
  to: string;
}

const lit = (v: string) => sql.lit(v);
const list = (vs: readonly string[]) => sql.join(vs.map((v) => sql.lit(v)));
const n = (v: unknown) => Number(v ?? 0);

/**
 * "In the subtree" for counts over a few days (the part months of a period): the path prefix as an
 * expression, which no index serves, so both databases read the day range of `tasks_due_day_idx`
 * (a few thousand tasks a day at city scale) instead of every task of a large subtree by its path.
 */
const inSubtreeByDay = (orgPath: string) => sql<boolean>`substr(${sql.ref('t.lead_org_path')}, 1, ${sql.lit(orgPath.length)}) = ${orgPath}`;

const countRow = (r: Record<string, unknown> & { path: string }): TaskCountRow => ({
  path: r.path,
  total: n(r.total),
  done_on_time: n(r.done_on_time),
  done_late: n(r.done_late),
  reminders: n(r.reminders),
  reminded: n(r.reminded),
  escalated: n(r.escalated),
});

/**
 * SQL of the dashboard. What does not depend on today comes from the subtree counters kept by
 * triggers (`task_rollup`, `task_signal_rollup`, migration 091): one row per month for the org and
 * one per child unit, whatever the subtree's size. Days at the edges of a period that does not
 * start or end on a month boundary are counted directly from the tasks of that part month (index
 * `tasks_dashboard_idx`). Overdue and "chưa cập nhật" depend on today: they are counted over the
 * subtree's open tasks only (`tasks_open_idx`), a small share of all tasks. Cases and evaluations
 * are aggregates over the org path. Values are literals, not parameters (dates and codes the server
 * made, never user text), so PostgreSQL matches the GROUP BY expressions to the selected ones.
 */
export class DashboardRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private sums(prefix: string) {
    const c = (col: string) => sql<number>`sum(${sql.ref(`${prefix}.${col}`)})`;
    return [
      c('total').as('total'),
      c('done_on_time').as('done_on_time'),
      c('done_late').as('done_late'),
      c('reminders').as('reminders'),
      c('reminded').as('reminded'),
      c('escalated').as('escalated'),
    ];
  }

  /** Counter sums over whole months (`YYYY-MM`, inclusive) for the org's subtree and each child's subtree. */
  async countersByUnit(org: { id: string; path: string }, fromMonth: string, toMonth: string): Promise<TaskCountRow[]> {
    const [own, children] = await Promise.all([
      this.db
        .selectFrom('task_rollup as r')
        .select(['r.org_path as path', ...this.sums('r')])
        .where('r.org_path', '=', org.path)
        .where('r.month', '>=', fromMonth)
        .where('r.month', '<=', toMonth)
        .groupBy('r.org_path')
        .execute(),
      this.db
        .selectFrom('orgs as o')
        .crossJoin('task_rollup as r')
        // A cross join keeps the children (by parent) as the outer loop, each child's counter row
        // then read by its key: SQLite, without statistics, otherwise read every counter row of
        // the document or period and looked each org up (29 ms instead of 0.1 ms at city scale).
        .whereRef('r.org_path', '=', 'o.path')
        .select(['r.org_path as path', ...this.sums('r')])
        .where('o.parent_id', '=', org.id)
        .where('r.month', '>=', fromMonth)
        .where('r.month', '<=', toMonth)
        .groupBy('r.org_path')
        .execute(),
    ]);
    return [...own, ...children].map(countRow);
  }

  /** The org's subtree counters per month (`YYYY-MM`, inclusive). */
  async countersByMonth(orgPath: string, fromMonth: string, toMonth: string): Promise<(TaskCountRow & { month: string })[]> {
    const rows = await this.db
      .selectFrom('task_rollup as r')
      .select(['r.org_path as path', 'r.month', 'r.total', 'r.done_on_time', 'r.done_late', 'r.reminders', 'r.reminded', 'r.escalated'])
      .where('r.org_path', '=', orgPath)
      .where('r.month', '>=', fromMonth)
      .where('r.month', '<=', toMonth)
      .execute();
    return rows.map((r) => ({ ...countRow(r), month: r.month }));
  }

  /** The same counts as the counters, directly from the tasks due in a day range, per lead org path. */
  async directByPath(orgPath: string, range: DayRange): Promise<TaskCountRow[]> {
    const rows = await this.db
      .selectFrom('tasks as t')
      .select([
        't.lead_org_path as path',
        sql<number>`count(*)`.as('total'),
        sql<number>`sum(case when t.status = 'done' and t.completed_on <= t.due_date then 1 else 0 end)`.as('done_on_time'),
        sql<number>`sum(case when t.status = 'done' and t.completed_on > t.due_date then 1 else 0 end)`.as('done_late'),
        sql<number>`sum(t.reminder_count)`.as('reminders'),
        sql<number>`sum(case when t.reminder_count > 0 then 1 else 0 end)`.as('reminded'),
        sql<number>`sum(case when t.escalated_at is not null then 1 else 0 end)`.as('escalated'),
      ])
      .where(inSubtreeByDay(orgPath))
      .where('t.due_date', '>=', range.from)
      .where('t.due_date', '<=', range.to)
      .where('t.status', '!=', 'cancelled')
      .groupBy('t.lead_org_path')
      .execute();
    return rows.map((r) => countRow(r));
  }

  /** Open tasks of the subtree due in the range, per lead org path: overdue (due before today) and not updated. */
  async openByPath(orgPath: string, range: DayRange, today: string, notUpdatedBefore: string): Promise<OpenRow[]> {
    const working = list(WORKING_STATUSES);
    const rows = await this.db
      .selectFrom('tasks as t')
      .select([
        't.lead_org_path as path',
        sql<number>`sum(case when t.due_date < ${lit(today)} then 1 else 0 end)`.as('overdue'),
        sql<number>`sum(case when t.status in (${working}) and t.last_progress_on < ${lit(notUpdatedBefore)} then 1 else 0 end)`.as(
          'not_updated',
        ),
      ])
      .where('t.status', 'in', [...OPEN_STATUSES])
      .where(subtreeOf('t.lead_org_path', orgPath))
      .where('t.due_date', '>=', range.from)
      .where('t.due_date', '<=', range.to)
      .groupBy('t.lead_org_path')
      .execute();
    return rows.map((r) => ({ path: r.path, overdue: n(r.overdue), not_updated: n(r.not_updated) }));
  }

  /** Open tasks of the subtree due in the range and before today, per due month (`YYYY-MM`). */
  async overdueByMonth(orgPath: string, range: DayRange, today: string): Promise<{ month: string; n: number }[]> {
    const rows = await this.db
      .selectFrom('tasks as t')
      .select(['t.due_date as due', sql<number>`count(*)`.as('n')])
      .where('t.status', 'in', [...OPEN_STATUSES])
      .where(subtreeOf('t.lead_org_path', orgPath))
      .where('t.due_date', '>=', range.from)
      .where('t.due_date', '<=', range.to)
      .where('t.due_date', '<', today)
      .groupBy('t.due_date')
      .execute();
    const byMonth = new Map<string, number>();
    for (const r of rows) {
      const m = String(r.due).slice(0, 7);
      byMonth.set(m, (byMonth.get(m) ?? 0) + n(r.n));
    }
    return [...byMonth].map(([m, k]) => ({ month: m, n: k }));
  }

  /** Signal counters over whole months for the org's subtree and each child's subtree. */
  async signalCountersByUnit(org: { id: string; path: string }, fromMonth: string, toMonth: string): Promise<SignalRow[]> {
    const [own, children] = await Promise.all([
      this.db
        .selectFrom('task_signal_rollup as r')
        .select(['r.org_path as path', 'r.code', sql<number>`sum(r.tasks)`.as('n')])
        .where('r.org_path', '=', org.path)
        .where('r.month', '>=', fromMonth)
        .where('r.month', '<=', toMonth)
        .groupBy(['r.org_path', 'r.code'])
        .execute(),
      this.db
        .selectFrom('orgs as o')
        .crossJoin('task_signal_rollup as r')
        // A cross join keeps the children (by parent) as the outer loop, each child's counter row
        // then read by its key: SQLite, without statistics, otherwise read every counter row of
        // the document or period and looked each org up (29 ms instead of 0.1 ms at city scale).
        .whereRef('r.org_path', '=', 'o.path')
        .select(['r.org_path as path', 'r.code', sql<number>`sum(r.tasks)`.as('n')])
        .where('o.parent_id', '=', org.id)
        .where('r.month', '>=', fromMonth)
        .where('r.month', '<=', toMonth)
        .groupBy(['r.org_path', 'r.code'])
        .execute(),
    ]);
    return [...own, ...children].map((r) => ({ path: r.path, code: r.code, n: n(r.n) }));
  }

  /** Tasks due in the range carrying each shirking signal, per lead org path (as the task list's `signal` filter counts them). */
  async signalsByPath(orgPath: string, range: DayRange): Promise<SignalRow[]> {
    const rows = await this.db
      .selectFrom('tasks as t')
      .innerJoin('task_signals as s', 's.task_id', 't.id')
      .select(['t.lead_org_path as path', 's.code', sql<number>`count(distinct t.id)`.as('n')])
      .where(inSubtreeByDay(orgPath))
      .where('t.due_date', '>=', range.from)
      .where('t.due_date', '<=', range.to)
      .where('t.status', '!=', 'cancelled')
      .groupBy(['t.lead_org_path', 's.code'])
      .execute();
    return rows.map((r) => ({ path: r.path, code: r.code, n: Number(r.n) }));
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
   * Dissemination coverage in the subtree per document disseminated by `to` (a conference of it
   * held by then): people expected and people who acknowledged, from the coverage counters
   * (`dissemination_rollup`, one row per document for the org's subtree; a person expected at two
   * conferences of one document counts once).
   */
  async disseminationByDocument(orgPath: string, to: string) {
    const rows = await this.db
      .selectFrom('dissemination_rollup as r')
      .innerJoin('documents as d', 'd.id', 'r.document_id')
      .select(['r.document_id', 'd.number_text', 'd.title', 'r.expected', 'r.acknowledged'])
      .where('r.org_path', '=', orgPath)
      .where('r.expected', '>', 0)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('conferences as c')
            .select(sql.lit(1).as('one'))
            .whereRef('c.document_id', '=', 'r.document_id')
            .where('c.held_on', '<=', to),
        ),
      )
      .execute();
    return rows.map((r) => ({
      documentId: r.document_id,
      number: r.number_text,
      title: r.title,
      expected: Number(r.expected),
      reached: Number(r.acknowledged),
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
