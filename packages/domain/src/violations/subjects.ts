/**
 * Which regime category a subject falls under on each track: an org is a Party organisation; a
 * person is a full or probationary Party member on the Party track and a cadre, civil servant or
 * public employee on the State track — one person may be on both tracks, each with its own regime.
 */
import type { PersonCategory } from '../contracts/people';
import type { DisciplineTrack, RegimeCategory } from './sanctions';

const PARTY_ORDER: readonly PersonCategory[] = ['party_full', 'party_probation'];
// A person listed under several State categories is judged under the strictest employment status.
const STATE_ORDER: readonly PersonCategory[] = ['cadre', 'civil_servant', 'public_employee'];

/** The person's category on a track, or undefined when the person is not on that track. */
export function personCategoryOnTrack(categories: readonly PersonCategory[], track: DisciplineTrack): RegimeCategory | undefined {
  const order = track === 'party' ? PARTY_ORDER : STATE_ORDER;
  return order.find((c) => categories.includes(c)) as RegimeCategory | undefined;
}

/** The tracks a person is on (Party and/or State). */
export function tracksOfPerson(categories: readonly PersonCategory[]): DisciplineTrack[] {
  const out: DisciplineTrack[] = [];
  if (personCategoryOnTrack(categories, 'party')) out.push('party');
  if (personCategoryOnTrack(categories, 'state')) out.push('state');
  return out;
}

/** Whether a category may be named for a person on a track (it must be one of theirs and on that track). */
export function categoryFitsPerson(categories: readonly PersonCategory[], track: DisciplineTrack, category: RegimeCategory): boolean {
  const order = track === 'party' ? PARTY_ORDER : STATE_ORDER;
  return (order as readonly string[]).includes(category) && categories.includes(category as PersonCategory);
}
