import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

export type DisciplineRow = Database['discipline_records'];

/** SQL for discipline records: the sanctions on a person's (or a Party organisation's) tracks. */
export class DisciplineRepository {
  constructor(private readonly db: Kysely<Database>) {}

  ofPerson(personId: string) {
    return this.db
      .selectFrom('discipline_records')
      .selectAll()
      .where('subject_person_id', '=', personId)
      .orderBy('decision_date', 'desc')
      .orderBy('id', 'desc')
      .execute();
  }

  ofOrg(orgId: string) {
    return this.db
      .selectFrom('discipline_records')
      .selectAll()
      .where('subject_org_id', '=', orgId)
      .orderBy('decision_date', 'desc')
      .orderBy('id', 'desc')
      .execute();
  }

  ofCase(caseId: string) {
    return this.db.selectFrom('discipline_records').selectAll().where('case_id', '=', caseId).orderBy('track').execute();
  }

  /** Records of a person decided within a calendar year (dates compare as text). */
  inYear(personId: string, year: number) {
    return this.db
      .selectFrom('discipline_records')
      .selectAll()
      .where('subject_person_id', '=', personId)
      .where('decision_date', '>=', `${year}-01-01`)
      .where('decision_date', '<=', `${year}-12-31`)
      .orderBy('decision_date')
      .execute();
  }

  async insert(row: DisciplineRow): Promise<void> {
    await this.db.insertInto('discipline_records').values(row).execute();
  }
}
