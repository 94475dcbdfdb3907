import { OPEN_STATUSES, WORKING_STATUSES, type OutcomeClass } from '@kycuong/domain';
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import { forUpdate, matchesFolded, subtreeOf } from '../../db/dialect';
import type { Database, TaskEventsTable, TaskParticipantsTable, TasksTable, TaskSignalsTable } from '../../db/schema';

export interface TaskView extends TasksTable {
  assigner_org_name: string;
  assigner_org_path: string;
  assigner_person_name: string | null;
  lead_org_name: string;
  lead_org_path: string;
  lead_person_name: string | null;
  document_number: string | null;
  document_type: string | null;
  document_title: string | null;
  group_code: string | null;
  group_title: string | null;
  escalated_to_person_name: string | null;
  escalated_to_org_name: string | null;
  parent_title: string | null;
}

export interface ParticipantView extends TaskParticipantsTable {
  org_name: string;
  org_path: string;
  person_name: string | null;
}

type TaskEb = ExpressionBuilder<Database & { t: TasksTable }, 't'>;

/** The filters of a task list, already resolved to ids, dates and paths by the service. */
export interface TaskListFilter {
  /** View restriction (mine / assigned / unit), which also guarantees visibility. */
  view:
    { kind: 'mine'; personId: string; unitOrgIds: string[] } | { kind: 'assigned'; personId: string } | { kind: 'unit'; orgPath: string };
  today: string;
  notUpdatedBefore: string;
  outcome?: OutcomeClass | undefined;
  status?: string | undefined;
  foldedQuery?: string | undefined;
  documentId?: string | undefined;
  groupId?: string | undefined;
  leadPersonId?: string | undefined;
  deadlineFrom?: string | undefined;
  deadlineTo?: string | undefined;
  signal?: string | undefined;
  notUpdated?: boolean | undefined;
  escalated?: boolean | undefined;
  sort: string;
}

/** Counting stops here: a list over a city-wide subtree answers "10,000+" instead of scanning millions. */
export const COUNT_CAP = 10_000;

/** Sort orders an index can deliver (tasks_due_order_idx, tasks_created_idx). */
const ORDER_INDEXED: ReadonlySet<string> = new Set(['deadline', 'created', '-created']);

/** SQL for tasks, their participants, events, files, signals and reminders. */
export class TaskRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Tasks with the names they are shown with. Each name is a scalar subquery on a primary key
   * rather than a join: with ten joined tables PostgreSQL spent ~20 ms planning every read of a
   * page or a task (execution ~1 ms) on the city data; as subqueries planning takes ~0.4 ms. SQLite
   * runs both forms as the same primary-key lookups.
   */
  private base() {
    const lookup = <A extends Exclude<keyof TaskView, number | symbol>>(
      table: Exclude<keyof Database, number | symbol>,
      column: string,
      key: keyof TasksTable,
      alias: A,
    ) => sql<TaskView[A]>`(select x.${sql.ref(column)} from ${sql.table(table)} as x where x.id = ${sql.ref(`t.${key}`)})`.as<A>(alias);
    return this.db
      .selectFrom('tasks as t')
      .selectAll('t')
      .select([
        lookup('orgs', 'name', 'assigner_org_id', 'assigner_org_name'),
        lookup('orgs', 'path', 'assigner_org_id', 'assigner_org_path'),
        lookup('people', 'full_name', 'assigner_person_id', 'assigner_person_name'),
        lookup('orgs', 'name', 'lead_org_id', 'lead_org_name'),
        lookup('people', 'full_name', 'lead_person_id', 'lead_person_name'),
        lookup('documents', 'number_text', 'document_id', 'document_number'),
        lookup('documents', 'type', 'document_id', 'document_type'),
        lookup('documents', 'title', 'document_id', 'document_title'),
        lookup('document_task_groups', 'code', 'group_id', 'group_code'),
        lookup('document_task_groups', 'title', 'group_id', 'group_title'),
        lookup('people', 'full_name', 'escalated_to_person_id', 'escalated_to_person_name'),
        lookup('orgs', 'name', 'escalated_to_org_id', 'escalated_to_org_name'),
        lookup('tasks', 'title', 'parent_id', 'parent_title'),
      ]);
  }

  findById(id: string): Promise<TaskView | undefined> {
    return this.base().where('t.id', '=', id).executeTakeFirst();
  }

  async byIds(ids: readonly string[]): Promise<TaskView[]> {
    if (ids.length === 0) return [];
    return this.base()
      .where('t.id', 'in', [...ids])
      .execute();
  }

  /** Locks the task row for the rest of the transaction (PostgreSQL; SQLite serialises writers). */
  async lock(id: string): Promise<void> {
    await forUpdate(this.db, this.db.selectFrom('tasks').select('id').where('id', '=', id)).executeTakeFirst();
  }

  /**
   * `walkOrder`: the subtree is known to hold more than {@link COUNT_CAP} matches, so its test is
   * written in a form no index serves (`substr(path) = prefix`) and the planner walks the index of
   * the requested order instead, stopping after one page — rather than reading every task of a
   * department or of the city through the path index and sorting them all.
   */
  private filterPredicate(eb: TaskEb, f: TaskListFilter, walkOrder = false): Expression<SqlBool> {
    const parts: Expression<SqlBool>[] = [];
    const v = f.view;
    if (v.kind === 'assigned') parts.push(eb('t.assigner_person_id', '=', v.personId));
    else if (v.kind === 'unit')
      parts.push(
        walkOrder ? sql<SqlBool>`substr(t.lead_org_path, 1, ${v.orgPath.length}) = ${v.orgPath}` : subtreeOf('t.lead_org_path', v.orgPath),
      );
    else {
      // One indexed lookup per way of being involved, unioned: the planner never has to OR them.
      let ids = eb.selectFrom('tasks as m1').select('m1.id as id').where('m1.lead_person_id', '=', v.personId);
      ids = ids.unionAll(eb.selectFrom('task_participants as m2').select('m2.task_id as id').where('m2.person_id', '=', v.personId));
      if (v.unitOrgIds.length) {
        ids = ids
          .unionAll(
            eb
              .selectFrom('tasks as m3')
              .select('m3.id as id')
              .where('m3.lead_org_id', 'in', v.unitOrgIds)
              .where('m3.lead_person_id', 'is', null),
          )
          .unionAll(
            eb
              .selectFrom('task_participants as m4')
              .select('m4.task_id as id')
              .where('m4.org_id', 'in', v.unitOrgIds)
              .where('m4.person_id', 'is', null),
          );
      }
      parts.push(eb('t.id', 'in', ids));
    }
    const open = [...OPEN_STATUSES];
    // In a person's own lists (mine, assigned) the view is the selective part: the status is
    // written as an expression no index serves, so SQLite does not read every open task of the
    // city through tasks_status_due_idx and test each against the person's few hundred.
    const status: Expression<string> = v.kind === 'unit' ? sql.ref<string>('t.status') : sql<string>`(t.status || '')`;
    // "Done" is tested as `completed_on is not null` (set only together with status done, which is
    // final): an equality on status led SQLite to read every done task of the city through
    // tasks_status_due_idx instead of the view's own index.
    switch (f.outcome) {
      case 'done_on_time':
        parts.push(
          eb.and([
            eb('t.completed_on', 'is not', null),
            eb.or([eb('t.due_date', 'is', null), eb('t.completed_on', '<=', eb.ref('t.due_date'))]),
          ]),
        );
        break;
      case 'done_late':
        parts.push(eb('t.completed_on', '>', eb.ref('t.due_date')));
        break;
      case 'open_in_time':
        parts.push(eb.and([eb(status, 'in', open), eb.or([eb('t.due_date', 'is', null), eb('t.due_date', '>=', f.today)])]));
        break;
      case 'open_overdue':
        parts.push(eb.and([eb(status, 'in', open), eb('t.due_date', '<', f.today)]));
        break;
      case undefined:
        break;
    }
    if (f.status) parts.push(eb(status, '=', f.status));
    if (f.foldedQuery) parts.push(matchesFolded(this.db, 'tasks', 't', f.foldedQuery));
    if (f.documentId) parts.push(eb('t.document_id', '=', f.documentId));
    if (f.groupId) parts.push(eb('t.group_id', '=', f.groupId));
    if (f.leadPersonId) parts.push(eb('t.lead_person_id', '=', f.leadPersonId));
    if (f.deadlineFrom) parts.push(eb('t.due_date', '>=', f.deadlineFrom));
    if (f.deadlineTo) parts.push(eb('t.due_date', '<=', f.deadlineTo));
    if (f.signal) {
      const code = f.signal;
      parts.push(
        eb.exists(
          eb.selectFrom('task_signals as s').select(sql.lit(1).as('one')).whereRef('s.task_id', '=', 't.id').where('s.code', '=', code),
        ),
      );
    }
    if (f.notUpdated !== undefined) {
      const stale = eb.and([eb(status, 'in', [...WORKING_STATUSES]), eb('t.last_progress_on', '<', f.notUpdatedBefore)]);
      parts.push(f.notUpdated ? stale : eb.not(stale));
    }
    if (f.escalated !== undefined) parts.push(f.escalated ? eb('t.escalated_at', 'is not', null) : eb('t.escalated_at', 'is', null));
    return eb.and(parts);
  }

  /** One page of ids in the requested order, and the (capped) total. */
  async listIds(f: TaskListFilter, limit: number, offset: number): Promise<{ ids: string[]; total: number; capped: boolean }> {
    const q = this.db.selectFrom('tasks as t').where((eb) => this.filterPredicate(eb as unknown as TaskEb, f));
    const capped = this.db
      .selectFrom(
        q
          .select(sql.lit(1).as('one'))
          .limit(COUNT_CAP + 1)
          .as('c'),
      )
      .select((eb) => eb.fn.countAll<number>().as('n'));
    // A unit list is counted first: the count decides how the page is read (see filterPredicate).
    // When the subtree counters already show more than the cap, the count is not run at all.
    const counted =
      f.view.kind === 'unit'
        ? (await this.countedBeyondCap(f.view.orgPath, f))
          ? COUNT_CAP + 1
          : Number((await capped.executeTakeFirstOrThrow()).n)
        : null;
    const walk = counted !== null && counted > COUNT_CAP && ORDER_INDEXED.has(f.sort);
    const direct = (
      walk ? this.db.selectFrom('tasks as t').where((eb) => this.filterPredicate(eb as unknown as TaskEb, f, true)) : q
    ).select('t.id');
    // A unit list with at most COUNT_CAP matches (just counted) sorts them: they are read in a
    // subquery the planner cannot merge with the order, so it fetches them by the filters' best
    // index. Unfenced, PostgreSQL walked the due-day index through a large subtree and tested each
    // task (the largest sở's overdue tasks: 22,000 rows fetched, 134 ms, instead of 2,500 by the
    // open-task index and a sort, 5 ms). Not with a single status: tasks_status_order_idx gives
    // that order and carries the path, so walking it is the better plan (1 ms against 15).
    let page =
      counted !== null && counted <= COUNT_CAP && !f.status
        ? (this.db
            .selectFrom(
              q
                .select(['t.id', 't.due_date', 't.created_at', 't.priority', 't.updated_at'])
                .limit(COUNT_CAP + 1)
                .as('t'),
            )
            .select('t.id') as unknown as typeof direct)
        : direct;
    switch (f.sort) {
      case '-deadline':
        page = page.orderBy(sql`t.due_date desc nulls last`).orderBy('t.id', 'desc');
        break;
      case 'created':
        page = page.orderBy('t.created_at').orderBy('t.id');
        break;
      case '-created':
        page = page.orderBy('t.created_at', 'desc').orderBy('t.id', 'desc');
        break;
      case 'priority':
        page = page
          .orderBy(sql`case t.priority when 'urgent' then 0 when 'high' then 1 else 2 end`)
          .orderBy(sql`t.due_date asc nulls last`)
          .orderBy('t.id');
        break;
      case '-updated':
        page = page.orderBy('t.updated_at', 'desc').orderBy('t.id', 'desc');
        break;
      default:
        // "Due day ascending, nulls last", in the form tasks_due_order_idx is built on.
        page = page.orderBy(sql`coalesce(t.due_date, '9999-12-31')`).orderBy('t.id');
    }
    if (counted === null && offset + limit <= COUNT_CAP) {
      // A person's own lists (mine, assigned): the page query already sorts every match, so one
      // query returns all of them (up to the cap) in order — the page is cut here and the length is
      // the total. Saves the count, which read every match a second time (a specialist with 2,000
      // tasks: 3 ms on SQLite, 15–20 ms on PostgreSQL).
      const all = await page.limit(COUNT_CAP + 1).execute();
      return {
        ids: all.slice(offset, offset + limit).map((r) => r.id),
        total: Math.min(all.length, COUNT_CAP),
        capped: all.length > COUNT_CAP,
      };
    }
    const [rows, n] = await Promise.all([
      page.limit(limit).offset(offset).execute(),
      counted ?? capped.executeTakeFirstOrThrow().then((c) => Number(c.n)),
    ]);
    return { ids: rows.map((r) => r.id), total: Math.min(n, COUNT_CAP), capped: n > COUNT_CAP };
  }

  /**
   * Whether a unit list certainly holds more than {@link COUNT_CAP} tasks, from the subtree
   * counters (`task_rollup`, one row per due month) instead of counting 10,001 index entries on
   * every request (1.5 ms on SQLite, 4–6 ms on PostgreSQL for the city). The counters hold tasks
   * with a due day that are not cancelled, and "done late" / "done on time" among them — each a
   * subset of what the list matches with no other filter (or with that outcome), so a sum above the
   * cap is a proof; below it the list is counted as before.
   */
  private async countedBeyondCap(orgPath: string, f: TaskListFilter): Promise<boolean> {
    const measure =
      f.outcome === undefined ? 'total' : f.outcome === 'done_late' ? 'done_late' : f.outcome === 'done_on_time' ? 'done_on_time' : null;
    const otherFilters =
      f.status ??
      f.foldedQuery ??
      f.documentId ??
      f.groupId ??
      f.leadPersonId ??
      f.deadlineFrom ??
      f.deadlineTo ??
      f.signal ??
      f.notUpdated ??
      f.escalated;
    if (measure === null || otherFilters !== undefined) return false;
    const r = await this.db
      .selectFrom('task_rollup')
      .select((eb) => eb.fn.sum<number>(measure).as('n'))
      .where('org_path', '=', orgPath)
      .executeTakeFirst();
    return Number(r?.n ?? 0) > COUNT_CAP;
  }

  async signalCodes(taskIds: readonly string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    if (taskIds.length === 0) return out;
    const rows = await this.db
      .selectFrom('task_signals')
      .select(['task_id', 'code'])
      .distinct()
      .where('task_id', 'in', [...taskIds])
      .orderBy('code')
      .execute();
    for (const r of rows) out.set(r.task_id, [...(out.get(r.task_id) ?? []), r.code]);
    return out;
  }

  async insert(row: TasksTable): Promise<void> {
    await this.db.insertInto('tasks').values(row).execute();
  }

  /** Updates a task if its version matches; answers whether it did. */
  async update(id: string, version: number, patch: Partial<Omit<TasksTable, 'id' | 'version'>>): Promise<boolean> {
    const r = await this.db
      .updateTable('tasks')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  // ---- participants ----

  participants(taskId: string): Promise<ParticipantView[]> {
    return this.db
      .selectFrom('task_participants as tp')
      .innerJoin('orgs as o', 'o.id', 'tp.org_id')
      .leftJoin('people as p', 'p.id', 'tp.person_id')
      .selectAll('tp')
      .select(['o.name as org_name', 'o.path as org_path', 'p.full_name as person_name'])
      .where('tp.task_id', '=', taskId)
      .orderBy('tp.position')
      .execute();
  }

  async replaceParticipants(taskId: string, rows: TaskParticipantsTable[]): Promise<void> {
    await this.db.deleteFrom('task_participants').where('task_id', '=', taskId).execute();
    if (rows.length) await this.db.insertInto('task_participants').values(rows).execute();
  }

  // ---- events and files ----

  events(taskId: string): Promise<TaskEventsTable[]> {
    return this.db.selectFrom('task_events').selectAll().where('task_id', '=', taskId).orderBy('seq').execute();
  }

  /** Whether a person ever acted on the task (a unit that transferred or returned it keeps following it). */
  async hasActed(taskId: string, personId: string): Promise<boolean> {
    const r = await this.db
      .selectFrom('task_events')
      .select('id')
      .where('task_id', '=', taskId)
      .where('actor_person_id', '=', personId)
      .limit(1)
      .executeTakeFirst();
    return !!r;
  }

  async nextSeq(taskId: string): Promise<number> {
    const r = await this.db
      .selectFrom('task_events')
      .select((eb) => eb.fn.max('seq').as('m'))
      .where('task_id', '=', taskId)
      .executeTakeFirst();
    return Number(r?.m ?? 0) + 1;
  }

  async insertEvent(row: TaskEventsTable, fileIds: readonly string[]): Promise<void> {
    await this.db.insertInto('task_events').values(row).execute();
    if (fileIds.length) {
      await this.db
        .insertInto('task_event_files')
        .values([...new Set(fileIds)].map((file_id) => ({ event_id: row.id, task_id: row.task_id, file_id })))
        .execute();
    }
  }

  eventFiles(taskId: string) {
    return this.db
      .selectFrom('task_event_files as ef')
      .innerJoin('files as f', 'f.id', 'ef.file_id')
      .selectAll('f')
      .select('ef.event_id')
      .where('ef.task_id', '=', taskId)
      .execute();
  }

  async taskHasFile(taskId: string, fileId: string): Promise<boolean> {
    return !!(await this.db
      .selectFrom('task_event_files')
      .select('file_id')
      .where('task_id', '=', taskId)
      .where('file_id', '=', fileId)
      .executeTakeFirst());
  }

  async fileIdsOfTask(taskId: string): Promise<Set<string>> {
    const rows = await this.db.selectFrom('task_event_files').select('file_id').where('task_id', '=', taskId).execute();
    return new Set(rows.map((r) => r.file_id));
  }

  // ---- children ----

  children(taskId: string) {
    return this.db
      .selectFrom('tasks as t')
      .innerJoin('orgs as lo', 'lo.id', 't.lead_org_id')
      .leftJoin('people as lp', 'lp.id', 't.lead_person_id')
      .select([
        't.id',
        't.title',
        't.status',
        't.due_date',
        't.completed_on',
        't.lead_org_id',
        't.lead_person_id',
        'lo.name as lead_org_name',
        'lp.full_name as lead_person_name',
      ])
      .where('t.parent_id', '=', taskId)
      .orderBy('t.created_at')
      .execute();
  }

  // ---- signals ----

  signals(taskId: string): Promise<TaskSignalsTable[]> {
    return this.db.selectFrom('task_signals').selectAll().where('task_id', '=', taskId).execute();
  }

  async deleteSignals(ids: readonly string[]): Promise<void> {
    if (ids.length)
      await this.db
        .deleteFrom('task_signals')
        .where('id', 'in', [...ids])
        .execute();
  }

  async insertSignals(rows: TaskSignalsTable[]): Promise<void> {
    if (rows.length) await this.db.insertInto('task_signals').values(rows).execute();
  }

  // ---- reminders ----

  /** Records one automatic reminder; false when that (task, kind, day) was already reminded. */
  async claimReminder(taskId: string, kind: string, onDate: string, now: string): Promise<boolean> {
    const r = await this.db
      .insertInto('task_reminders')
      .values({ task_id: taskId, kind, on_date: onDate, created_at: now })
      .onConflict((oc) => oc.columns(['task_id', 'kind', 'on_date']).doNothing())
      .returning('task_id')
      .executeTakeFirst();
    return r !== undefined;
  }

  // ---- people and orgs around a task ----

  /** Orgs where a person is head or deputy (they act for those units' tasks). */
  async unitRolesOf(personId: string) {
    return this.db
      .selectFrom('memberships as m')
      .innerJoin('orgs as o', 'o.id', 'm.org_id')
      .select(['m.org_id', 'm.is_head', 'm.is_deputy', 'm.is_primary', 'o.path'])
      .where('m.person_id', '=', personId)
      .execute();
  }

  /** Heads and deputies of an org (the people acting for a unit lead). */
  async unitLeaders(orgId: string): Promise<{ person_id: string; is_head: boolean | number; is_deputy: boolean | number }[]> {
    return this.db
      .selectFrom('memberships as m')
      .innerJoin('people as p', 'p.id', 'm.person_id')
      .select(['m.person_id', 'm.is_head', 'm.is_deputy'])
      .where('m.org_id', '=', orgId)
      .where('p.active', '=', true)
      .where((eb) => eb.or([eb('m.is_head', '=', true), eb('m.is_deputy', '=', true)]))
      .execute();
  }

  membership(personId: string, orgId: string) {
    return this.db.selectFrom('memberships').selectAll().where('person_id', '=', personId).where('org_id', '=', orgId).executeTakeFirst();
  }

  /** Whether the person has a membership in the org or anywhere under it. */
  async isMemberUnder(personId: string, orgPath: string): Promise<boolean> {
    const r = await this.db
      .selectFrom('memberships as m')
      .innerJoin('orgs as o', 'o.id', 'm.org_id')
      .select('m.id')
      .where('m.person_id', '=', personId)
      .where(subtreeOf('o.path', orgPath))
      .limit(1)
      .executeTakeFirst();
    return !!r;
  }

  person(id: string) {
    return this.db.selectFrom('people').select(['id', 'full_name', 'active']).where('id', '=', id).executeTakeFirst();
  }

  org(id: string) {
    return this.db
      .selectFrom('orgs')
      .select(['id', 'name', 'path', 'kind', 'code', 'active', 'parent_id'])
      .where('id', '=', id)
      .executeTakeFirst();
  }

  /** The first active head found at the org or above it, walking up the tree. */
  async headAtOrAbove(orgId: string | null): Promise<{ personId: string; personName: string; orgId: string; orgName: string } | null> {
    let current = orgId;
    for (let guard = 0; current && guard < 64; guard++) {
      const org = await this.org(current);
      if (!org) return null;
      const head = await this.db
        .selectFrom('memberships as m')
        .innerJoin('people as p', 'p.id', 'm.person_id')
        .select(['p.id', 'p.full_name'])
        .where('m.org_id', '=', org.id)
        .where('m.is_head', '=', true)
        .where('p.active', '=', true)
        .orderBy('p.sort_key')
        .limit(1)
        .executeTakeFirst();
      if (head) return { personId: head.id, personName: head.full_name, orgId: org.id, orgName: org.name };
      current = org.parent_id;
    }
    return null;
  }

  /** Sub-units and people of a subtree, for the forward/transfer pickers. */
  async candidates(path: string, foldedQuery: string | undefined, exceptOrgId: string | null, limit: number) {
    let orgs = this.db
      .selectFrom('orgs as o')
      .select(['o.id', 'o.name', 'o.kind', 'o.depth'])
      .where(subtreeOf('o.path', path))
      .where('o.active', '=', true);
    if (exceptOrgId) orgs = orgs.where('o.id', '!=', exceptOrgId);
    if (foldedQuery) orgs = orgs.where(matchesFolded(this.db, 'orgs', 'o', foldedQuery));
    let people = this.db
      .selectFrom('memberships as m')
      .innerJoin('orgs as o', 'o.id', 'm.org_id')
      .innerJoin('people as p', 'p.id', 'm.person_id')
      .select(['p.id', 'p.full_name', 'p.sort_key', 'm.org_id', 'o.name as org_name', 'm.title', 'm.is_head', 'm.is_deputy'])
      .where(subtreeOf('o.path', path))
      .where('p.active', '=', true)
      .where('o.active', '=', true);
    if (foldedQuery) people = people.where(matchesFolded(this.db, 'people', 'p', foldedQuery));
    const [o, p] = await Promise.all([
      orgs.orderBy('o.depth').orderBy('o.sort_order').orderBy('o.name').limit(limit).execute(),
      people.orderBy('o.path').orderBy('m.is_head', 'desc').orderBy('m.is_deputy', 'desc').orderBy('p.sort_key').limit(limit).execute(),
    ]);
    return { orgs: o, people: p };
  }

  // ---- sweep candidates ----

  /** Open tasks held by their lead whose due day is `dueDate` (for "before" and "due" reminders). */
  dueOn(dueDate: string, afterId: string | null, limit: number) {
    let q = this.db
      .selectFrom('tasks')
      .select(['id'])
      .where('status', 'in', ['assigned', 'accepted', 'in_progress'])
      .where('due_date', '=', dueDate);
    if (afterId) q = q.where('id', '>', afterId);
    return q.orderBy('id').limit(limit).execute();
  }

  /** Overdue tasks not reminded since `remindedBefore` (an instant). */
  overdueToRemind(today: string, remindedBefore: string, afterId: string | null, limit: number) {
    let q = this.db
      .selectFrom('tasks')
      .select(['id'])
      .where('status', 'in', ['assigned', 'accepted', 'in_progress'])
      .where('due_date', '<', today)
      .where((eb) => eb.or([eb('last_reminded_at', 'is', null), eb('last_reminded_at', '<', remindedBefore)]));
    if (afterId) q = q.where('id', '>', afterId);
    return q.orderBy('id').limit(limit).execute();
  }

  /** Overdue, reminded more than `after` times and not yet escalated. */
  toEscalate(today: string, after: number, limit: number) {
    return this.db
      .selectFrom('tasks')
      .select(['id'])
      .where('status', 'in', ['assigned', 'accepted', 'in_progress'])
      .where('due_date', '<', today)
      .where('reminder_count', '>', after)
      .where('escalated_at', 'is', null)
      .orderBy('id')
      .limit(limit)
      .execute();
  }

  /** The latest instance of every recurring series. */
  async latestInstances(afterSeries: string | null, limit: number) {
    let q = this.db
      .selectFrom('tasks')
      .select(['series_id', (eb) => eb.fn.max('series_index').as('idx')])
      .where('series_id', 'is not', null)
      .groupBy('series_id');
    if (afterSeries) q = q.having('series_id', '>', afterSeries);
    const rows = await q.orderBy('series_id').limit(limit).execute();
    return rows.map((r) => ({ seriesId: r.series_id!, index: Number(r.idx) }));
  }

  async latestIndex(seriesId: string): Promise<number | null> {
    const r = await this.db
      .selectFrom('tasks')
      .select((eb) => eb.fn.max('series_index').as('m'))
      .where('series_id', '=', seriesId)
      .executeTakeFirst();
    return r?.m === null || r?.m === undefined ? null : Number(r.m);
  }

  instance(seriesId: string, index: number) {
    return this.db.selectFrom('tasks').selectAll().where('series_id', '=', seriesId).where('series_index', '=', index).executeTakeFirst();
  }

  /** Tasks whose date-dependent signals may have appeared since they were last computed. */
  timeSignalCandidates(acceptBefore: string, progressBefore: string, afterId: string | null, limit: number) {
    let q = this.db
      .selectFrom('tasks as t')
      .select('t.id')
      .where((eb) =>
        eb.or([
          eb.and([
            eb('t.status', '=', 'assigned'),
            eb('t.lead_since_on', '<', acceptBefore),
            eb.not(
              eb.exists(
                eb
                  .selectFrom('task_signals as s')
                  .select(sql.lit(1).as('one'))
                  .whereRef('s.task_id', '=', 't.id')
                  .where('s.code', '=', 'slow_acceptance')
                  .whereRef('s.detected_on', '>', 't.lead_since_on'),
              ),
            ),
          ]),
          eb.and([
            eb('t.status', 'in', [...WORKING_STATUSES]),
            eb('t.last_progress_on', '<', progressBefore),
            eb.not(
              eb.exists(
                eb
                  .selectFrom('task_signals as s')
                  .select(sql.lit(1).as('one'))
                  .whereRef('s.task_id', '=', 't.id')
                  .where('s.code', '=', 'not_updated'),
              ),
            ),
          ]),
        ]),
      );
    if (afterId) q = q.where('t.id', '>', afterId);
    return q.orderBy('t.id').limit(limit).execute();
  }
}
