import {
  SANCTION_FORM_LABELS,
  type DisciplineRecord,
  type DisciplineTrack,
  type RegimeCategory,
  type SanctionForm,
  type Severity,
} from '@kycuong/domain';
import type { Kysely } from 'kysely';
import type { AppContext } from '../../context';
import type { Database } from '../../db/schema';
import { canIn, type Actor } from '../../platform/access';
import { registerAuditedEntity } from '../../platform/audit';
import { errors } from '../../platform/errors';
import { localDate } from '../../platform/jobs';
import { PeopleRepository } from '../people/people.repository';
import { DisciplineRepository, type DisciplineRow } from './discipline.repository';

registerAuditedEntity('discipline_record', { table: 'discipline_records', booleans: [] });

/** Today in Hanoi, as dates of records are compared. */
export const today = () => localDate(new Date());

export function toDisciplineRecord(r: DisciplineRow, on: string = today(), locale: 'vi' | 'en' = 'vi'): DisciplineRecord {
  const form = r.form as SanctionForm;
  return {
    id: r.id,
    track: r.track as DisciplineTrack,
    form,
    formLabel: SANCTION_FORM_LABELS[form]?.[locale] ?? r.form,
    severity: r.severity as Severity,
    rank: r.rank,
    regimeId: r.regime_id,
    category: r.category as RegimeCategory,
    decisionDate: r.decision_date,
    decisionNumber: r.decision_number,
    effectiveUntil: r.effective_until,
    running: r.decision_date <= on && r.effective_until !== null && on <= r.effective_until,
    caseId: r.case_id,
  };
}

/**
 * Sanctions decided for a person within a calendar year, both tracks, for the evaluation
 * capability (a khiển trách or heavier sanction in the year means "không hoàn thành nhiệm vụ").
 * No access check: the caller is a service that has already authorised its own request.
 */
export async function sanctionsInYear(db: Kysely<Database>, personId: string, year: number): Promise<DisciplineRecord[]> {
  const rows = await new DisciplineRepository(db).inYear(personId, year);
  return rows.map((r) => toDisciplineRecord(r));
}

/** A person's discipline tracks (Party and State kept apart). */
export class DisciplineService {
  constructor(private readonly ctx: AppContext) {}

  /** Visible to the person themself and to inspection roles over one of their units; others 404. */
  async ofPerson(actor: Actor, personId: string) {
    const people = new PeopleRepository(this.ctx.db);
    const person = await people.findById(personId);
    if (!person) throw errors.notFound();
    if (actor.personId !== personId) {
      const memberships = await people.membershipsOf(personId);
      if (!memberships.some((m) => canIn(actor, 'case.read', m.org_path))) throw errors.notFound();
    }
    const on = today();
    const records = (await new DisciplineRepository(this.ctx.db).ofPerson(personId)).map((r) => toDisciplineRecord(r, on, actor.locale));
    return {
      personId,
      fullName: person.full_name,
      party: records.filter((r) => r.track === 'party'),
      state: records.filter((r) => r.track === 'state'),
    };
  }
}
