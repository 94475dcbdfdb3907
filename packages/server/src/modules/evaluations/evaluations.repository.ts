import type { Scope } from '@kycuong/domain';
import { sql, type Kysely } from 'kysely';
import { subtreeOf } from '../../db/dialect';
import type { Database, EvaluationsTable } from '../../db/schema';
import { scopePredicate } from '../../platform/access';

export interface EvaluationView extends EvaluationsTable {
  person_name: string;
  org_name: string;
  org_path: string;
}

/** The facts of one task that the NĐ 335/2025 score reads. */
export interface ScoredTaskRow {
  id: string;
  title: string;
  lead_person_id: string | null;
  weight: number;
  status: string;
  quality_accepted: boolean | number | null;
  delay_count: number;
  due_date: string | null;
  completed_on: string | null;
}

/** SQL for evaluations and the tasks, members and sanctions behind them. */
export class EvaluationRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private base() {
    return this.db
      .selectFrom('evaluations as e')
      .innerJoin('people as p', 'p.id', 'e.person_id')
      .innerJoin('orgs as o', 'o.id', 'e.org_id')
      .selectAll('e')
      .select(['p.full_name as person_name', 'o.name as org_name', 'o.path as org_path']);
  }

  findById(id: string): Promise<EvaluationView | undefined> {
    return this.base().where('e.id', '=', id).executeTakeFirst();
  }

  /** Evaluations of one unit (its direct members) for a period and track, by name. */
  ofOrg(orgId: string, periodKey: string, track: string): Promise<EvaluationView[]> {
    return this.base()
      .where('e.org_id', '=', orgId)
      .where('e.period_key', '=', periodKey)
      .where('e.track', '=', track)
      .orderBy('p.sort_key')
      .execute();
  }

  /** Levels of everyone evaluated under a subtree for a period and track (subordinates of a manager). */
  levelsUnder(orgPath: string, periodKey: string, track: string) {
    return this.db
      .selectFrom('evaluations as e')
      .innerJoin('orgs as o', 'o.id', 'e.org_id')
      .innerJoin('people as p', 'p.id', 'e.person_id')
      .select(['e.id', 'e.person_id', 'p.full_name as person_name', 'e.level', 'e.is_manager', 'e.org_id'])
      .where(subtreeOf('o.path', orgPath))
      .where('e.period_key', '=', periodKey)
      .where('e.track', '=', track)
      .execute();
  }

  /** Stored levels of a quota group (same unit, period, track and group). */
  quotaGroupLevels(orgId: string, periodKey: string, track: string, group: string) {
    return this.db
      .selectFrom('evaluations')
      .select(['id', 'level'])
      .where('org_id', '=', orgId)
      .where('period_key', '=', periodKey)
      .where('track', '=', track)
      .where('quota_group', '=', group)
      .execute();
  }

  /** A person's evaluations the reader may see (all of them for the person themself), newest period first. */
  history(personId: string, scope: Scope | null) {
    let q = this.base().where('e.person_id', '=', personId);
    if (scope) q = q.where(scopePredicate(scope, 'o.path'));
    return q.orderBy('e.period_from', 'desc').orderBy('e.track').execute();
  }

  /** Approved yearly levels of a person (for the Quy định 41-QĐ/TW flag). */
  yearlyLevels(personId: string) {
    return this.db
      .selectFrom('evaluations')
      .select(['year', 'level'])
      .where('person_id', '=', personId)
      .where('period_kind', '=', 'year')
      .where('status', '=', 'approved')
      .execute();
  }

  /** People with a membership directly in the unit (active), with their head/deputy role there. */
  membersOf(orgId: string) {
    return this.db
      .selectFrom('memberships as m')
      .innerJoin('people as p', 'p.id', 'm.person_id')
      .select(['p.id as person_id', 'p.full_name', 'p.sort_key', 'm.is_head', 'm.is_deputy'])
      .where('m.org_id', '=', orgId)
      .where('p.active', '=', true)
      .orderBy('p.sort_key')
      .execute();
  }

  /**
   * The period's tasks led personally by these people: not cancelled, due in the period, or
   * without a deadline and completed in it (the same population as the dashboard).
   */
  tasksOfPeople(personIds: readonly string[], from: string, to: string): Promise<ScoredTaskRow[]> {
    if (personIds.length === 0) return Promise.resolve([]);
    return this.scoredTasks()
      .where('t.lead_person_id', 'in', [...personIds])
      .where((eb) =>
        eb.or([
          eb.and([eb('t.due_date', '>=', from), eb('t.due_date', '<=', to)]),
          eb.and([eb('t.due_date', 'is', null), eb('t.completed_on', '>=', from), eb('t.completed_on', '<=', to)]),
        ]),
      )
      .orderBy('t.due_date')
      .orderBy('t.id')
      .execute();
  }

  /** The period's tasks led by a unit's subtree (a manager's unit part). */
  tasksOfUnit(orgPath: string, from: string, to: string): Promise<ScoredTaskRow[]> {
    return this.scoredTasks()
      .where(subtreeOf('t.lead_org_path', orgPath))
      .where('t.due_date', '>=', from)
      .where('t.due_date', '<=', to)
      .execute();
  }

  /** The columns of a task that scoring reads, cancelled tasks left out. */
  private scoredTasks() {
    return this.db
      .selectFrom('tasks as t')
      .select([
        't.id',
        't.title',
        't.lead_person_id',
        't.weight',
        't.status',
        't.quality_accepted',
        't.delay_count',
        't.due_date',
        't.completed_on',
      ])
      .where('t.status', '!=', 'cancelled');
  }

  /** Discipline decisions of these people in a date range (both tracks). */
  sanctionsOf(personIds: readonly string[], from: string, to: string) {
    if (personIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('discipline_records')
      .select(['subject_person_id', 'track', 'form', 'rank', 'decision_date'])
      .where('subject_person_id', 'in', [...personIds])
      .where('decision_date', '>=', from)
      .where('decision_date', '<=', to)
      .orderBy('decision_date')
      .execute();
  }

  async insert(row: EvaluationsTable): Promise<void> {
    await this.db.insertInto('evaluations').values(row).execute();
  }

  /** Updates an evaluation if its version matches; answers whether it did. */
  async update(id: string, version: number, patch: Partial<Omit<EvaluationsTable, 'id' | 'version'>>): Promise<boolean> {
    const r = await this.db
      .updateTable('evaluations')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  org(id: string) {
    return this.db.selectFrom('orgs').select(['id', 'name', 'path']).where('id', '=', id).executeTakeFirst();
  }

  person(id: string) {
    return this.db.selectFrom('people').select(['id', 'full_name']).where('id', '=', id).executeTakeFirst();
  }

  /** Whether a person has a membership inside the scope. */
  async personInScope(personId: string, scope: Scope): Promise<boolean> {
    const r = await this.db
      .selectFrom('memberships as m')
      .innerJoin('orgs as o', 'o.id', 'm.org_id')
      .select(sql.lit(1).as('one'))
      .where('m.person_id', '=', personId)
      .where(scopePredicate(scope, 'o.path'))
      .limit(1)
      .executeTakeFirst();
    return !!r;
  }
}
