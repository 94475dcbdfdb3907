import { SUBJECT_VISIBLE_STATUSES, type Scope } from '@kycuong/domain';
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import { subtreeOf } from '../../db/dialect';
import type { Database } from '../../db/schema';
import { scopePredicate } from '../../platform/access';

export type CaseRow = NonNullable<Awaited<ReturnType<CaseRepository['findById']>>>;

type CaseEb = ExpressionBuilder<Database & { c: Database['cases']; o: Database['orgs'] }, 'c' | 'o'>;

/** Filters of the case list and statistics. */
export interface CaseFilters {
  orgPath?: string | undefined;
  item?: string | undefined;
  group?: string | undefined;
  source?: string | undefined;
  status?: string | undefined;
  personId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** Who is reading: the inspection scope, and the person (for cases they were added to or are the subject of). */
export interface CaseReader {
  scope: Scope;
  personId: string | null;
}

const SUBJECT_VISIBLE = [...SUBJECT_VISIBLE_STATUSES];

/** SQL for violation cases: lists scoped in the query, details, steps, readers and statistics. */
export class CaseRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private base() {
    return this.db
      .selectFrom('cases as c')
      .innerJoin('orgs as o', 'o.id', 'c.org_id')
      .leftJoin('people as sp', 'sp.id', 'c.subject_person_id')
      .selectAll('c')
      .select(['o.path as org_path', 'o.name as org_name', 'o.code as org_code', 'o.kind as org_kind', 'sp.full_name as subject_name']);
  }

  findById(id: string) {
    return this.base().where('c.id', '=', id).executeTakeFirst();
  }

  /**
   * Who may read: inspection roles over the case's org, people added to the case, and the subject
   * once the case is concluded — but never the subject before that, whatever their roles.
   */
  private visible(eb: CaseEb, reader: CaseReader): Expression<SqlBool> {
    const inScope = scopePredicate(reader.scope, 'o.path');
    if (!reader.personId) return inScope;
    const me = reader.personId;
    return eb.and([
      eb.or([
        inScope,
        eb.exists(
          eb
            .selectFrom('case_members as cm')
            .select(sql.lit(1).as('one'))
            .whereRef('cm.case_id', '=', 'c.id')
            .where('cm.person_id', '=', me),
        ),
        eb.and([eb('c.subject_person_id', '=', me), eb('c.status', 'in', SUBJECT_VISIBLE)]),
      ]),
      eb.or([eb('c.subject_person_id', 'is', null), eb('c.subject_person_id', '!=', me), eb('c.status', 'in', SUBJECT_VISIBLE)]),
    ]);
  }

  private filtered(reader: CaseReader, f: CaseFilters) {
    let q = this.db
      .selectFrom('cases as c')
      .innerJoin('orgs as o', 'o.id', 'c.org_id')
      .where((eb) => this.visible(eb as unknown as CaseEb, reader));
    if (f.orgPath) q = q.where(subtreeOf('o.path', f.orgPath));
    if (f.source) q = q.where('c.source', '=', f.source);
    if (f.status) q = q.where('c.status', '=', f.status);
    if (f.personId) q = q.where('c.subject_person_id', '=', f.personId);
    if (f.from) q = q.where('c.received_date', '>=', f.from);
    if (f.to) q = q.where('c.received_date', '<=', f.to);
    if (f.item) {
      const code = f.item;
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('case_items as fi')
            .select(sql.lit(1).as('one'))
            .whereRef('fi.case_id', '=', 'c.id')
            .where('fi.item_code', '=', code),
        ),
      );
    }
    if (f.group) {
      const code = f.group;
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('case_items as fg')
            .select(sql.lit(1).as('one'))
            .whereRef('fg.case_id', '=', 'c.id')
            .where('fg.group_code', '=', code),
        ),
      );
    }
    return q;
  }

  async list(reader: CaseReader, f: CaseFilters, limit: number, offset: number) {
    const q = this.filtered(reader, f);
    const [rows, count] = await Promise.all([
      q
        .leftJoin('people as sp', 'sp.id', 'c.subject_person_id')
        .selectAll('c')
        .select(['o.path as org_path', 'o.name as org_name', 'o.code as org_code', 'o.kind as org_kind', 'sp.full_name as subject_name'])
        .orderBy('c.received_date', 'desc')
        .orderBy('c.id', 'desc')
        .limit(limit)
        .offset(offset)
        .execute(),
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  }

  /** Categories (JSON) of people, for the regimes that apply to case subjects. */
  categoriesOf(personIds: readonly string[]) {
    if (personIds.length === 0) return Promise.resolve([]);
    return this.db.selectFrom('people').select(['id', 'categories']).where('id', 'in', personIds).execute();
  }

  /** Whether a person was added to the case's readers. */
  async isMember(caseId: string, personId: string): Promise<boolean> {
    const r = await this.db
      .selectFrom('case_members')
      .select('id')
      .where('case_id', '=', caseId)
      .where('person_id', '=', personId)
      .executeTakeFirst();
    return r !== undefined;
  }

  /** Tagged items with the wording of the version each was tagged with. */
  itemsOf(caseIds: readonly string[]) {
    if (caseIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('case_items as ci')
      .innerJoin('catalogue_items as i', 'i.id', 'ci.item_id')
      .leftJoin('catalogue_groups as g', (j) =>
        j.onRef('g.catalogue_version_id', '=', 'i.catalogue_version_id').onRef('g.code', '=', 'ci.group_code'),
      )
      .select([
        'ci.case_id',
        'ci.catalogue_id',
        'ci.catalogue_version',
        'ci.item_code',
        'ci.group_code',
        'i.title as item_title',
        'g.title as group_title',
        'i.sort_order',
      ])
      .where('ci.case_id', 'in', caseIds)
      .orderBy('i.sort_order')
      .execute();
  }

  stepsOf(caseId: string) {
    return this.db
      .selectFrom('case_steps as s')
      .leftJoin('users as u', 'u.id', 's.actor_user_id')
      .leftJoin('people as p', 'p.id', 'u.person_id')
      .selectAll('s')
      .select(['u.username', 'p.full_name as actor_name'])
      .where('s.case_id', '=', caseId)
      .orderBy('s.created_at')
      .orderBy('s.id')
      .execute();
  }

  lastStepDate(caseId: string) {
    return this.db
      .selectFrom('case_steps')
      .select((eb) => eb.fn.max('step_date').as('d'))
      .where('case_id', '=', caseId)
      .executeTakeFirst();
  }

  membersOf(caseId: string) {
    return this.db
      .selectFrom('case_members as m')
      .innerJoin('people as p', 'p.id', 'm.person_id')
      .select(['m.person_id', 'p.full_name'])
      .where('m.case_id', '=', caseId)
      .orderBy('p.sort_key')
      .execute();
  }

  tasksOf(caseId: string) {
    return this.db.selectFrom('case_tasks').select(['task_id']).where('case_id', '=', caseId).orderBy('created_at').orderBy('id').execute();
  }

  /** Violation dates of the subject's other cases concluded as violations (they restart the limitation). */
  async otherViolationDates(caseId: string, subject: { personId: string | null; orgId: string }): Promise<string[]> {
    let q = this.db
      .selectFrom('cases')
      .select('violation_date')
      .where('id', '!=', caseId)
      .where('outcome', '=', 'violation')
      .where('violation_date', 'is not', null);
    q = subject.personId
      ? q.where('subject_person_id', '=', subject.personId)
      : q.where('subject_kind', '=', 'org').where('org_id', '=', subject.orgId);
    return (await q.execute()).map((r) => r.violation_date!);
  }

  async insertCase(row: Database['cases']): Promise<void> {
    await this.db.insertInto('cases').values(row).execute();
  }

  async insertItems(rows: Database['case_items'][]): Promise<void> {
    if (rows.length) await this.db.insertInto('case_items').values(rows).execute();
  }

  async insertTasks(rows: Database['case_tasks'][]): Promise<void> {
    if (rows.length) await this.db.insertInto('case_tasks').values(rows).execute();
  }

  async insertStep(row: Database['case_steps']): Promise<void> {
    await this.db.insertInto('case_steps').values(row).execute();
  }

  async insertMember(row: Database['case_members']): Promise<void> {
    await this.db.insertInto('case_members').values(row).execute();
  }

  /** Updates a case if its version still matches (and bumps it); false on a concurrent change. */
  async update(id: string, version: number, patch: Partial<Omit<Database['cases'], 'id' | 'version'>>): Promise<boolean> {
    const r = await this.db
      .updateTable('cases')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Cases in which a person is asked to explain: as the subject, or as head of the subject org. */
  explanationRequestsFor(personId: string) {
    return this.db
      .selectFrom('cases as c')
      .select([
        'c.id',
        'c.title',
        'c.explanation_requested_date',
        'c.explanation_due_date',
        'c.explanation_note',
        'c.explanation_submitted_at',
      ])
      .where('c.explanation_requested_date', 'is not', null)
      .where((eb) =>
        eb.or([
          eb('c.subject_person_id', '=', personId),
          eb.and([
            eb('c.subject_kind', '=', 'org'),
            eb(
              'c.org_id',
              'in',
              eb.selectFrom('memberships as m').select('m.org_id').where('m.person_id', '=', personId).where('m.is_head', '=', true),
            ),
          ]),
        ]),
      )
      .orderBy('c.explanation_due_date', 'desc')
      .limit(100)
      .execute();
  }

  /** Heads of an org (who answer for an org subject). */
  async headsOf(orgId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('memberships')
      .select('person_id')
      .where('org_id', '=', orgId)
      .where('is_head', '=', true)
      .execute();
    return rows.map((r) => r.person_id);
  }

  // ----- statistics -----------------------------------------------------------------------------

  /**
   * Counts for the statistics chart, all aggregated in SQL: the unit of a case is the child of
   * the root org on its path (the first `prefixLength` characters of the org path), or the one of
   * several roots (the reader's scopes) it lies under.
   */
  async stats(reader: CaseReader, f: CaseFilters, outcome: 'violation' | 'any', units: { prefixLength: number } | { roots: string[] }) {
    const base = () => {
      const q = this.filtered({ scope: reader.scope, personId: null }, f);
      return outcome === 'violation'
        ? q.where('c.outcome', '=', 'violation')
        : q.where((eb) => eb.or([eb('c.outcome', 'is', null), eb('c.outcome', '!=', 'no_violation')]));
    };
    // Literal values (not parameters): PostgreSQL matches the GROUP BY expression to the selected one.
    const unit =
      'prefixLength' in units
        ? sql<string>`substr(${sql.ref('o.path')}, 1, ${sql.lit(units.prefixLength)})`
        : sql<string>`case ${sql.join(
            units.roots.map((r) => sql`when ${sql.ref('o.path')} like ${sql.lit(`${r}%`)} then ${sql.lit(r)}`),
            sql` `,
          )} end`;
    const distinctCases = sql<number>`count(distinct ${sql.ref('c.id')})`;
    const [total, byStatus, byGroup, byItem, byUnit, byUnitGroup] = await Promise.all([
      base()
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
      base()
        .select(['c.status', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy('c.status')
        .execute(),
      base()
        .innerJoin('case_items as ci', 'ci.case_id', 'c.id')
        .select(['ci.group_code', distinctCases.as('n')])
        .groupBy('ci.group_code')
        .execute(),
      base()
        .innerJoin('case_items as ci', 'ci.case_id', 'c.id')
        .select(['ci.item_code', 'ci.group_code', distinctCases.as('n')])
        .groupBy(['ci.item_code', 'ci.group_code'])
        .execute(),
      base()
        .select([unit.as('unit'), (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy(unit)
        .execute(),
      base()
        .innerJoin('case_items as ci', 'ci.case_id', 'c.id')
        .select([unit.as('unit'), 'ci.group_code', distinctCases.as('n')])
        .groupBy([unit, 'ci.group_code'])
        .execute(),
    ]);
    return { total: Number(total.n), byStatus, byGroup, byItem, byUnit, byUnitGroup };
  }

  orgsByPaths(paths: readonly string[]) {
    if (paths.length === 0) return Promise.resolve([]);
    return this.db.selectFrom('orgs').select(['id', 'name', 'path', 'sort_order']).where('path', 'in', paths).execute();
  }

  /** Current wording of item and group codes across catalogues (for statistics labels). */
  currentWording() {
    return this.db
      .selectFrom('catalogues as k')
      .innerJoin('catalogue_versions as v', (j) => j.onRef('v.catalogue_id', '=', 'k.id').onRef('v.version', '=', 'k.current_version'))
      .innerJoin('catalogue_items as i', 'i.catalogue_version_id', 'v.id')
      .innerJoin('catalogue_groups as g', (j) => j.onRef('g.catalogue_version_id', '=', 'v.id').onRef('g.code', '=', 'i.group_code'))
      .select(['i.code', 'i.title', 'i.group_code', 'g.title as group_title', 'i.sort_order', 'g.sort_order as group_order'])
      .execute();
  }

  // ----- publication ----------------------------------------------------------------------------

  findOrgByCode(code: string) {
    return this.db.selectFrom('orgs').select(['id', 'name', 'code', 'path', 'active']).where('code', '=', code).executeTakeFirst();
  }

  /** Published, handled citizen reports under an org's subtree, newest first. */
  async published(orgPath: string, statuses: readonly string[], limit: number, offset: number) {
    const q = this.db
      .selectFrom('cases as c')
      .innerJoin('orgs as o', 'o.id', 'c.org_id')
      .where(subtreeOf('o.path', orgPath))
      .where('c.published', '=', true)
      .where('c.source', '=', 'citizen_report')
      .where('c.status', 'in', [...statuses]);
    const [rows, count] = await Promise.all([
      q
        .leftJoin('people as sp', 'sp.id', 'c.subject_person_id')
        .select([
          'c.id',
          'c.outcome',
          'c.received_date',
          'c.concluded_date',
          'c.publish_fields',
          'c.publish_summary',
          'c.subject_kind',
          'o.name as org_name',
          'sp.full_name as subject_name',
        ])
        .orderBy('c.concluded_date', 'desc')
        .orderBy('c.id', 'desc')
        .limit(limit)
        .offset(offset)
        .execute(),
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  }

  sanctionsOfCases(caseIds: readonly string[]) {
    if (caseIds.length === 0) return Promise.resolve([]);
    return this.db.selectFrom('discipline_records').select(['case_id', 'track', 'form']).where('case_id', 'in', caseIds).execute();
  }
}
