import type { PersonCategory, Scope } from '@kycuong/domain';
import { sql, type Kysely } from 'kysely';
import { containsFolded, subtreeOf } from '../../db/dialect';
import type { ConferencesTable, Database, DisseminationExpectedTable, DisseminationQuizAttemptsTable } from '../../db/schema';
import { scopePredicate } from '../../platform/access';

export interface ConferenceView extends ConferencesTable {
  org_name: string;
  org_path: string;
  document_number: string | null;
  document_title: string;
}

export interface CountsRow {
  expected: number;
  attended: number;
  acknowledged: number;
}

/** Attendance filters of the check-in list. */
export type AttendeeFilter = 'all' | 'attended' | 'absent' | 'acknowledged' | 'missing';

const num = (v: unknown) => Number(v ?? 0);

/**
 * SQL of dissemination: conferences (lists scoped in SQL by the organising unit's path), the
 * expected attendees with attendance and acknowledgement, quiz attempts, and coverage as one
 * aggregate over a document's expected rows in an org path range.
 */
export class DisseminationRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private base() {
    return this.db
      .selectFrom('conferences as c')
      .innerJoin('orgs as o', 'o.id', 'c.org_id')
      .innerJoin('documents as d', 'd.id', 'c.document_id')
      .selectAll('c')
      .select(['o.name as org_name', 'o.path as org_path', 'd.number_text as document_number', 'd.title as document_title']);
  }

  findConference(id: string): Promise<ConferenceView | undefined> {
    return this.base().where('c.id', '=', id).executeTakeFirst();
  }

  async listConferences(opts: {
    scope: Scope;
    /** Also the conferences this person is expected at, wherever they are. */
    personId: string | null;
    documentId?: string | undefined;
    orgPath?: string | undefined;
    limit: number;
    offset: number;
  }): Promise<{ rows: ConferenceView[]; total: number }> {
    const personId = opts.personId;
    let q = this.base().where((eb) =>
      personId
        ? eb.or([
            scopePredicate(opts.scope, 'o.path'),
            eb.exists(
              eb
                .selectFrom('dissemination_expected as e')
                .select('e.id')
                .whereRef('e.conference_id', '=', 'c.id')
                .where('e.person_id', '=', personId),
            ),
          ])
        : scopePredicate(opts.scope, 'o.path'),
    );
    if (opts.documentId) q = q.where('c.document_id', '=', opts.documentId);
    if (opts.orgPath) q = q.where(subtreeOf('o.path', opts.orgPath));
    const countQ = q
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const [rows, count] = await Promise.all([
      q.orderBy('c.held_on', 'desc').orderBy('c.id', 'desc').limit(opts.limit).offset(opts.offset).execute(),
      countQ,
    ]);
    return { rows, total: num(count.n) };
  }

  /** Expected, attended and acknowledged people of each conference. */
  async countsOf(conferenceIds: readonly string[]): Promise<Map<string, CountsRow>> {
    const out = new Map<string, CountsRow>();
    if (conferenceIds.length === 0) return out;
    const rows = await this.db
      .selectFrom('dissemination_expected as e')
      .where('e.conference_id', 'in', [...conferenceIds])
      .groupBy('e.conference_id')
      .select((eb) => [
        'e.conference_id',
        eb.fn.countAll<number>().as('expected'),
        eb.fn.count<number>('e.attended_at').as('attended'),
        eb.fn.count<number>('e.acknowledged_at').as('acknowledged'),
      ])
      .execute();
    for (const r of rows)
      out.set(r.conference_id, { expected: num(r.expected), attended: num(r.attended), acknowledged: num(r.acknowledged) });
    return out;
  }

  async catchUpTaskCount(conferenceId: string): Promise<number> {
    const r = await this.db
      .selectFrom('dissemination_expected')
      .where('conference_id', '=', conferenceId)
      .where('catch_up_task_id', 'is not', null)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return num(r.n);
  }

  async insertConference(row: ConferencesTable): Promise<void> {
    await this.db.insertInto('conferences').values(row).execute();
  }

  async updateConference(id: string, version: number, patch: Partial<Omit<ConferencesTable, 'id' | 'version'>>): Promise<boolean> {
    const r = await this.db
      .updateTable('conferences')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  files(conferenceId: string) {
    return this.db
      .selectFrom('conference_files as cf')
      .innerJoin('files as f', 'f.id', 'cf.file_id')
      .selectAll('f')
      .select(['cf.kind'])
      .where('cf.conference_id', '=', conferenceId)
      .orderBy('cf.kind')
      .orderBy('cf.position')
      .execute();
  }

  async replaceFiles(conferenceId: string, kind: string, fileIds: readonly string[]): Promise<void> {
    await this.db.deleteFrom('conference_files').where('conference_id', '=', conferenceId).where('kind', '=', kind).execute();
    if (fileIds.length)
      await this.db
        .insertInto('conference_files')
        .values(fileIds.map((file_id, position) => ({ conference_id: conferenceId, file_id, kind, position })))
        .execute();
  }

  /** Files of the conference or of its document (the text being disseminated). */
  async fileOf(conferenceId: string, documentId: string, fileId: string): Promise<boolean> {
    const a = await this.db
      .selectFrom('conference_files')
      .select('file_id')
      .where('conference_id', '=', conferenceId)
      .where('file_id', '=', fileId)
      .executeTakeFirst();
    if (a) return true;
    const b = await this.db
      .selectFrom('document_files')
      .select('file_id')
      .where('document_id', '=', documentId)
      .where('file_id', '=', fileId)
      .executeTakeFirst();
    return !!b;
  }

  documentFiles(documentId: string) {
    return this.db
      .selectFrom('document_files as df')
      .innerJoin('files as f', 'f.id', 'df.file_id')
      .selectAll('f')
      .where('df.document_id', '=', documentId)
      .orderBy('df.position')
      .execute();
  }

  /** Files attached to any conference (not attachable elsewhere, as for documents and tasks). */
  async linkedFiles(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('conference_files')
      .select('file_id')
      .where('file_id', 'in', [...ids])
      .execute();
    return new Set(rows.map((r) => r.file_id));
  }

  /**
   * People expected from memberships of the subtree, filtered by category: one row per person,
   * through their deepest membership there (the party cell rather than the committee above it).
   */
  async candidates(orgPath: string, categories: readonly PersonCategory[]) {
    let q = this.db
      .selectFrom('memberships as m')
      .innerJoin('orgs as o', 'o.id', 'm.org_id')
      .innerJoin('people as p', 'p.id', 'm.person_id')
      .select(['m.person_id', 'm.org_id', 'o.path', 'o.depth', 'm.is_primary'])
      .where(subtreeOf('o.path', orgPath))
      .where('p.active', '=', true)
      .where('o.active', '=', true);
    if (categories.length)
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('person_categories as pc')
            .select('pc.person_id')
            .whereRef('pc.person_id', '=', 'm.person_id')
            .where('pc.category', 'in', [...categories]),
        ),
      );
    const rows = await q.execute();
    const best = new Map<string, { person_id: string; org_id: string; path: string; depth: number; primary: boolean }>();
    for (const r of rows) {
      const cur = best.get(r.person_id);
      const primary = r.is_primary === true || r.is_primary === 1;
      if (!cur || r.depth > cur.depth || (r.depth === cur.depth && primary && !cur.primary))
        best.set(r.person_id, { person_id: r.person_id, org_id: r.org_id, path: r.path, depth: r.depth, primary });
    }
    return [...best.values()];
  }

  /** A person's membership under a path (deepest first), to add them by hand. */
  async membershipUnder(personId: string, orgPath: string) {
    return this.db
      .selectFrom('memberships as m')
      .innerJoin('orgs as o', 'o.id', 'm.org_id')
      .select(['m.org_id', 'o.path'])
      .where('m.person_id', '=', personId)
      .where(subtreeOf('o.path', orgPath))
      .orderBy('o.depth', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  async insertExpected(rows: DisseminationExpectedTable[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 200)
      await this.db
        .insertInto('dissemination_expected')
        .values(rows.slice(i, i + 200))
        .execute();
  }

  expectedRow(conferenceId: string, personId: string) {
    return this.db
      .selectFrom('dissemination_expected')
      .selectAll()
      .where('conference_id', '=', conferenceId)
      .where('person_id', '=', personId)
      .executeTakeFirst();
  }

  /** What a person's other rows of the document already say (attendance, acknowledgement), if any. */
  priorRow(documentId: string, personId: string) {
    return this.db
      .selectFrom('dissemination_expected')
      .select(['acknowledged_at', 'ack_method', 'doc_attended_at'])
      .where('document_id', '=', documentId)
      .where('person_id', '=', personId)
      .orderBy('counted', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  /** Deletes a row; when it was the counted one, another row of the person and document takes its place. */
  async deleteExpected(row: { id: string; document_id: string; person_id: string; counted: boolean | number }): Promise<void> {
    await this.db.deleteFrom('dissemination_expected').where('id', '=', row.id).execute();
    if (!row.counted) return;
    const next = await this.db
      .selectFrom('dissemination_expected')
      .select('id')
      .where('document_id', '=', row.document_id)
      .where('person_id', '=', row.person_id)
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
    if (next) await this.db.updateTable('dissemination_expected').set({ counted: true }).where('id', '=', next.id).execute();
  }

  /** Marks the person as having attended a conference of the document, on all their rows of it. */
  async markDocumentAttended(documentId: string, personId: string, at: string): Promise<void> {
    await this.db
      .updateTable('dissemination_expected')
      .set({ doc_attended_at: at })
      .where('document_id', '=', documentId)
      .where('person_id', '=', personId)
      .where('doc_attended_at', 'is', null)
      .execute();
  }

  async updateExpected(id: string, patch: Partial<Omit<DisseminationExpectedTable, 'id'>>): Promise<void> {
    await this.db.updateTable('dissemination_expected').set(patch).where('id', '=', id).execute();
  }

  /** Rows of the document and person not yet acknowledged (acknowledging is per document). */
  unacknowledgedRows(documentId: string, personId: string) {
    return this.db
      .selectFrom('dissemination_expected')
      .selectAll()
      .where('document_id', '=', documentId)
      .where('person_id', '=', personId)
      .where('acknowledged_at', 'is', null)
      .execute();
  }

  async attendees(conferenceId: string, filter: AttendeeFilter, foldedQuery: string | undefined, limit: number, offset: number) {
    let q = this.db
      .selectFrom('dissemination_expected as e')
      .innerJoin('people as p', 'p.id', 'e.person_id')
      .innerJoin('orgs as o', 'o.id', 'e.org_id')
      .where('e.conference_id', '=', conferenceId);
    if (filter === 'attended') q = q.where('e.attended_at', 'is not', null);
    if (filter === 'absent') q = q.where('e.attended_at', 'is', null);
    if (filter === 'acknowledged') q = q.where('e.acknowledged_at', 'is not', null);
    if (filter === 'missing') q = q.where('e.acknowledged_at', 'is', null);
    if (foldedQuery) q = q.where(containsFolded('p.search_text', foldedQuery));
    const [rows, count] = await Promise.all([
      q
        .selectAll('e')
        .select(['p.full_name', 'o.name as org_name'])
        .orderBy('o.path')
        .orderBy('p.sort_key')
        .orderBy('e.id')
        .limit(limit)
        .offset(offset)
        .execute(),
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: num(count.n) };
  }

  /** Absentees who have neither acknowledged nor been given a catch-up task yet. */
  absenteesWithoutTask(conferenceId: string) {
    return this.db
      .selectFrom('dissemination_expected')
      .selectAll()
      .where('conference_id', '=', conferenceId)
      .where('attended_at', 'is', null)
      .where('acknowledged_at', 'is', null)
      .where('catch_up_task_id', 'is', null)
      .orderBy('id')
      .execute();
  }

  /** Open conferences held before a day (the daily sweep closes them). */
  async openBefore(day: string, limit: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('conferences')
      .select('id')
      .where('status', '=', 'scheduled')
      .where('held_on', '<', day)
      .orderBy('held_on')
      .limit(limit)
      .execute();
    return rows.map((r) => r.id);
  }

  async insertAttempt(row: DisseminationQuizAttemptsTable): Promise<void> {
    await this.db.insertInto('dissemination_quiz_attempts').values(row).execute();
  }

  async attemptCount(conferenceId: string, personId: string): Promise<number> {
    const r = await this.db
      .selectFrom('dissemination_quiz_attempts')
      .where('conference_id', '=', conferenceId)
      .where('person_id', '=', personId)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return num(r.n);
  }

  /** Whether anyone has attempted the conference's quiz (its questions are then frozen). */
  async hasAttempts(conferenceId: string): Promise<boolean> {
    const r = await this.db
      .selectFrom('dissemination_quiz_attempts')
      .where('conference_id', '=', conferenceId)
      .select('id')
      .limit(1)
      .executeTakeFirst();
    return !!r;
  }

  /** The person's expected rows with conference, document and catch-up deadline. */
  async mine(personId: string, status: 'pending' | 'done' | 'all', limit: number, offset: number) {
    let q = this.db
      .selectFrom('dissemination_expected as e')
      .innerJoin('conferences as c', 'c.id', 'e.conference_id')
      .innerJoin('orgs as o', 'o.id', 'c.org_id')
      .innerJoin('documents as d', 'd.id', 'c.document_id')
      .leftJoin('tasks as t', 't.id', 'e.catch_up_task_id')
      .where('e.person_id', '=', personId);
    if (status === 'pending') q = q.where('e.acknowledged_at', 'is', null);
    if (status === 'done') q = q.where('e.acknowledged_at', 'is not', null);
    const [rows, count] = await Promise.all([
      q
        .select([
          'e.conference_id',
          'e.attended_at',
          'e.acknowledged_at',
          'e.ack_method',
          'e.catch_up_task_id',
          'c.title',
          'c.held_on',
          'c.quiz',
          'o.name as org_name',
          'd.id as document_id',
          'd.number_text',
          'd.title as document_title',
          'd.summary',
          't.deadline as catch_up_deadline',
        ])
        .select((eb) =>
          eb
            .selectFrom('dissemination_quiz_attempts as a')
            .select(eb.fn.countAll<number>().as('n'))
            .whereRef('a.conference_id', '=', 'e.conference_id')
            .whereRef('a.person_id', '=', 'e.person_id')
            .as('attempts'),
        )
        .orderBy(sql`case when e.acknowledged_at is null then 0 else 1 end`)
        .orderBy('c.held_on', 'desc')
        .orderBy('e.id')
        .limit(limit)
        .offset(offset)
        .execute(),
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows: rows.map((r) => ({ ...r, attempts: num(r.attempts) })), total: num(count.n) };
  }

  /**
   * Coverage of a document in a subtree, per child unit, from the coverage counters kept by
   * triggers (`dissemination_rollup`, migration 092): the org's row is the subtree's total, each
   * child's row its unit, and the people expected through the org itself are what the children
   * leave of the total — a handful of rows whatever the subtree's size.
   */
  async coverage(documentId: string, org: { id: string; path: string }) {
    const [total, children] = await Promise.all([
      this.db
        .selectFrom('dissemination_rollup as r')
        .select(['r.org_path', 'r.expected', 'r.attended', 'r.acknowledged'])
        .where('r.document_id', '=', documentId)
        .where('r.org_path', '=', org.path)
        .executeTakeFirst(),
      this.db
        .selectFrom('orgs as o')
        .crossJoin('dissemination_rollup as r')
        // A cross join keeps the children (by parent) as the outer loop, each child's counter row
        // then read by its key: SQLite, without statistics, otherwise read every counter row of
        // the document or period and looked each org up (29 ms instead of 0.1 ms at city scale).
        .whereRef('r.org_path', '=', 'o.path')
        .select(['r.org_path', 'r.expected', 'r.attended', 'r.acknowledged'])
        .where('o.parent_id', '=', org.id)
        .where('r.document_id', '=', documentId)
        .execute(),
    ]);
    const counts = (r: { expected: unknown; attended: unknown; acknowledged: unknown } | undefined) => ({
      expected: num(r?.expected),
      attended: num(r?.attended),
      acknowledged: num(r?.acknowledged),
    });
    const totals = counts(total);
    const perUnit = children.map((r) => ({ unitPath: r.org_path, ...counts(r) }));
    const own = perUnit.reduce(
      (a, r) => ({ expected: a.expected - r.expected, attended: a.attended - r.attended, acknowledged: a.acknowledged - r.acknowledged }),
      totals,
    );
    return { perUnit: [...perUnit, { unitPath: org.path, ...own }], totals };
  }

  /** Direct children of an org with whether they have children themselves. */
  children(orgId: string) {
    return this.db
      .selectFrom('orgs as o')
      .select(['o.id', 'o.name', 'o.kind', 'o.path'])
      .select((eb) =>
        eb.selectFrom('orgs as c').select(eb.fn.countAll<number>().as('n')).whereRef('c.parent_id', '=', 'o.id').as('child_count'),
      )
      .where('o.parent_id', '=', orgId)
      .where('o.active', '=', true)
      .orderBy('o.sort_order')
      .orderBy('o.name')
      .execute();
  }

  /**
   * People of the subtree who have not acknowledged the document: one row per person (their first
   * row in the subtree), as the coverage counters count them.
   */
  async missing(documentId: string, orgPath: string, limit: number, offset: number) {
    const q = this.db
      .selectFrom('dissemination_expected as e')
      .where('e.document_id', '=', documentId)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('dissemination_expected as f')
              .select(sql.lit(1).as('one'))
              .whereRef('f.person_id', '=', 'e.person_id')
              .whereRef('f.document_id', '=', 'e.document_id')
              .whereRef('f.id', '<', 'e.id')
              .where(subtreeOf('f.org_path', orgPath)),
          ),
        ),
      )
      .where(subtreeOf('e.org_path', orgPath))
      .where('e.acknowledged_at', 'is', null);
    const [rows, count] = await Promise.all([
      q
        .innerJoin('people as p', 'p.id', 'e.person_id')
        .innerJoin('orgs as o', 'o.id', 'e.org_id')
        .select((eb) => [
          'e.person_id',
          'e.org_id',
          'e.doc_attended_at',
          'p.full_name',
          'o.name as org_name',
          // The open catch-up task of any of the person's conferences of the document.
          eb
            .selectFrom('dissemination_expected as x')
            .select((x) => x.fn.max('x.catch_up_task_id').as('t'))
            .whereRef('x.document_id', '=', 'e.document_id')
            .whereRef('x.person_id', '=', 'e.person_id')
            .as('catch_up_task_id'),
        ])
        .orderBy('e.org_path')
        .orderBy('p.sort_key')
        .orderBy('e.person_id')
        .limit(limit)
        .offset(offset)
        .execute(),
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: num(count.n) };
  }

  org(id: string) {
    return this.db.selectFrom('orgs').select(['id', 'name', 'path', 'parent_id', 'depth']).where('id', '=', id).executeTakeFirst();
  }

  orgByPath(path: string) {
    return this.db.selectFrom('orgs').select(['id', 'name', 'path', 'parent_id', 'depth']).where('path', '=', path).executeTakeFirst();
  }

  document(id: string) {
    return this.db
      .selectFrom('documents as d')
      .innerJoin('orgs as o', 'o.id', 'd.issuing_org_id')
      .select(['d.id', 'd.number_text', 'd.title', 'd.summary', 'd.status', 'o.path as issuing_org_path'])
      .where('d.id', '=', id)
      .executeTakeFirst();
  }

  person(id: string) {
    return this.db.selectFrom('people').select(['id', 'full_name']).where('id', '=', id).executeTakeFirst();
  }
}
