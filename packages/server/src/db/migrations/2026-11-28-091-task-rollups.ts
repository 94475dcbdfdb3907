import { sql, type Kysely, type RawBuilder } from 'kysely';
import { columnTypes } from './_column-types';
import {
  backfillCounters,
  createCounterTriggers,
  createPlpgsqlTriggerFunction,
  dropCounterTriggers,
  ensurePathDepths,
  type SubtreeCounters,
} from './_subtree-counters';

/**
 * Subtree counters of tasks for the dashboard (issue 5: the city root's dashboard over 2,000,000
 * tasks answered in 6–7 s because every figure was an aggregate over the subtree's tasks).
 *
 * `task_rollup` holds, for every org and every month of due dates, the counts of the tasks due that
 * month led anywhere in the org's subtree (the org's own row and one row per ancestor): total (not
 * cancelled), done on time, done late, reminders sent, tasks reminded, tasks escalated.
 * `task_signal_rollup` holds, in the same way, how many such tasks carry each shirking signal.
 * A dashboard then reads one row per month for the org and one per child unit, whatever the
 * subtree's size. What depends on today (overdue, "chưa cập nhật") is counted from the open tasks,
 * a small share of all tasks, through `tasks_open_idx`.
 *
 * Triggers keep the counters in the writing transaction on both databases, so no code path (task
 * service, scheduler, imports, the org-move trigger that rewrites `lead_org_path`) can leave them
 * stale. Path segments are fixed-length (`/` + 32 hex digits), so an org path's ancestors are its
 * prefixes of length 1 + 33·n; SQLite triggers cannot use a recursive CTE, so the depths come from
 * the small table `kc_path_depths` (1..64 levels).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  await ensurePathDepths(db);

  await db.schema
    .createTable('task_rollup')
    .addColumn('org_path', t.binaryText, (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('done_on_time', 'integer', (c) => c.notNull())
    .addColumn('done_late', 'integer', (c) => c.notNull())
    .addColumn('reminders', 'integer', (c) => c.notNull())
    .addColumn('reminded', 'integer', (c) => c.notNull())
    .addColumn('escalated', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('task_rollup_pk', ['org_path', 'month'])
    .execute();
  await db.schema
    .createTable('task_signal_rollup')
    .addColumn('org_path', t.binaryText, (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('tasks', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('task_signal_rollup_pk', ['org_path', 'month', 'code'])
    .execute();
  // Open tasks of a subtree by due day: overdue and "chưa cập nhật" counts and the open-task lists.
  await db.schema.createIndex('tasks_open_idx').on('tasks').columns(['status', 'lead_org_path', 'due_date', 'last_progress_on']).execute();

  const month = (alias: string) => (t.pg ? `to_char(${alias}.due_date, 'YYYY-MM')` : `substr(${alias}.due_date, 1, 7)`);
  const counted = (alias: string) =>
    `${alias}.due_date is not null and ${alias}.status <> 'cancelled' and ${alias}.lead_org_path is not null`;
  const bit = (cond: string) => `case when ${cond} then 1 else 0 end`;
  const counters: SubtreeCounters = {
    table: 'task_rollup',
    source: 'tasks',
    pathColumn: 'lead_org_path',
    keys: [{ name: 'month', expr: month }],
    measures: [
      { name: 'total', expr: () => '1' },
      { name: 'done_on_time', expr: (a) => bit(`${a}.status = 'done' and ${a}.completed_on <= ${a}.due_date`) },
      { name: 'done_late', expr: (a) => bit(`${a}.status = 'done' and ${a}.completed_on > ${a}.due_date`) },
      { name: 'reminders', expr: (a) => `${a}.reminder_count` },
      { name: 'reminded', expr: (a) => bit(`${a}.reminder_count > 0`) },
      { name: 'escalated', expr: (a) => bit(`${a}.escalated_at is not null`) },
    ],
    counts: (a) => `${a}.due_date is not null and ${a}.status <> 'cancelled'`,
    watched: ['status', 'due_date', 'completed_on', 'lead_org_path', 'reminder_count', 'escalated_at'],
    name: 'tasks_rollup',
  };
  await createCounterTriggers(db, counters);

  // Signals: a task counts once per code it carries, under its lead org and due month.
  /** One row per ancestor and distinct signal code of the task, signed. */
  const signalRows = (a: string, sign: '' | '-') => `
    select substr(${a}.lead_org_path, 1, 1 + 33 * d.n) as org_path, ${month(a)} as month, s.code, ${sign}1 as tasks
    from kc_path_depths d, (select distinct code from task_signals where task_id = ${a}.id) s
    where ${counted(a)} and 1 + 33 * d.n <= length(${a}.lead_org_path)`;
  const upsertSignal = (select: string) => `
    insert into task_signal_rollup (org_path, month, code, tasks)
    select org_path, month, code, sum(tasks) from (${select}) x where true group by org_path, month, code order by org_path, month, code
    on conflict (org_path, month, code) do update set tasks = task_signal_rollup.tasks + excluded.tasks`;
  /** The task's signals move when its lead org, due month or cancelled state changes. */
  const placed = ['status', 'due_date', 'lead_org_path'];
  const moveSignals = upsertSignal(`${signalRows('old', '-')} union all ${signalRows('new', '')}`);

  if (t.pg) {
    await createPlpgsqlTriggerFunction(db, 'kc_task_signal_move', moveSignals);
    await sql
      .raw(
        `create trigger tasks_signal_rollup_update after update of ${placed.join(', ')} on tasks for each row
         when (${placed.map((c) => `old.${c} is distinct from new.${c}`).join(' or ')}) execute function kc_task_signal_move();`,
      )
      .execute(db);
    // PostgreSQL runs row triggers after the whole statement, when a row's siblings of the same
    // code are already inserted or deleted: signals are counted per statement, from its transition
    // table — a (task, code) pair counts when the statement made it appear or disappear.
    const pairRows = (pairs: string, sign: '' | '-') => `
      select substr(t.lead_org_path, 1, 1 + 33 * d.n) as org_path, ${month('t')} as month, x.code, ${sign}1 as tasks
      from (${pairs}) x join tasks t on t.id = x.task_id, kc_path_depths d
      where ${counted('t')} and 1 + 33 * d.n <= length(t.lead_org_path)`;
    await createPlpgsqlTriggerFunction(
      db,
      'kc_task_signal_rollup_insert',
      upsertSignal(
        pairRows(
          `select distinct n.task_id, n.code from new_rows n where not exists (select 1 from task_signals s
               where s.task_id = n.task_id and s.code = n.code and s.id not in (select id from new_rows))`,
          '',
        ),
      ),
    );
    await createPlpgsqlTriggerFunction(
      db,
      'kc_task_signal_rollup_delete',
      upsertSignal(
        pairRows(
          `select distinct o.task_id, o.code from old_rows o where not exists (select 1 from task_signals s
               where s.task_id = o.task_id and s.code = o.code)`,
          '-',
        ),
      ),
    );
    await sql
      .raw(
        `create trigger task_signals_rollup_insert after insert on task_signals referencing new table as new_rows
         for each statement execute function kc_task_signal_rollup_insert();
       create trigger task_signals_rollup_delete after delete on task_signals referencing old table as old_rows
         for each statement execute function kc_task_signal_rollup_delete();`,
      )
      .execute(db);
  } else {
    // SQLite runs row triggers as each row is written: a row counts when it is its task's only row of the code.
    const signalRowChange = (a: 'new' | 'old', sign: '' | '-') => `
      select substr(t.lead_org_path, 1, 1 + 33 * d.n) as org_path, ${month('t')} as month, ${a}.code as code, ${sign}1 as tasks
      from tasks t, kc_path_depths d
      where t.id = ${a}.task_id and ${counted('t')} and 1 + 33 * d.n <= length(t.lead_org_path)
        and not exists (select 1 from task_signals o where o.task_id = ${a}.task_id and o.code = ${a}.code and o.id <> ${a}.id)`;
    const trigger = async (name: string, when: string, body: string) =>
      sql.raw(`create trigger ${name} ${when} begin ${body}; end`).execute(db);
    await trigger(
      'tasks_signal_rollup_update',
      `after update of ${placed.join(', ')} on tasks for each row when ${placed.map((c) => `old.${c} is not new.${c}`).join(' or ')}`,
      moveSignals,
    );
    await trigger('task_signals_rollup_insert', 'after insert on task_signals for each row', upsertSignal(signalRowChange('new', '')));
    await trigger('task_signals_rollup_delete', 'after delete on task_signals for each row', upsertSignal(signalRowChange('old', '-')));
  }

  await backfillCounters(db, counters);
  // Existing signals: distinct (task, code) pairs per lead org and month, then summed to each ancestor.
  const m = sql.raw(month('t'));
  await sql`create temporary table kc_signal_leaf as
    select t.lead_org_path as org_path, ${m} as month, s.code, count(*) as tasks
    from (select distinct task_id, code from task_signals) s
    join tasks t on t.id = s.task_id
    where t.due_date is not null and t.status <> 'cancelled' and t.lead_org_path is not null
    group by t.lead_org_path, ${m}, s.code`.execute(db);
  await sql`insert into task_signal_rollup (org_path, month, code, tasks)
    select substr(l.org_path, 1, 1 + 33 * d.n), l.month, l.code, sum(l.tasks)
    from kc_signal_leaf l join kc_path_depths d on 1 + 33 * d.n <= length(l.org_path)
    group by substr(l.org_path, 1, 1 + 33 * d.n), l.month, l.code`.execute(db);
  await sql`drop table kc_signal_leaf`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  const on = (table: string): RawBuilder<unknown> => (t.pg ? sql.raw(` on ${table}`) : sql``);
  await dropCounterTriggers(db, { name: 'tasks_rollup', source: 'tasks' });
  await sql`drop trigger if exists tasks_signal_rollup_update${on('tasks')}`.execute(db);
  for (const name of ['task_signals_rollup_insert', 'task_signals_rollup_delete'])
    await sql`drop trigger if exists ${sql.raw(name)}${on('task_signals')}`.execute(db);
  if (t.pg)
    for (const f of ['kc_task_signal_move', 'kc_task_signal_rollup_insert', 'kc_task_signal_rollup_delete'])
      await sql`drop function if exists ${sql.raw(f)}()`.execute(db);
  await db.schema.dropIndex('tasks_open_idx').execute();
  await db.schema.dropTable('task_signal_rollup').execute();
  await db.schema.dropTable('task_rollup').execute();
  await db.schema.dropTable('kc_path_depths').execute();
}
