/**
 * The Party-member rating (Quy định 124-QĐ/TW): the member's self-assessment, then the chi bộ's
 * appraisal on the same four levels. There is no point score; the level is entered by the leader
 * of the chi bộ. Rule chosen where DOMAIN §5 is silent (to verify against the original text): a
 * member disciplined on the Party track (any form) by a decision of the year is rated "không hoàn
 * thành" whatever level is proposed. The "xuất sắc" quota is the same as for civil servants
 * (see quota.ts), counted within the chi bộ.
 */
import type { RatingLevel } from './levels';

export interface PartyRatingResult {
  level: RatingLevel;
  automatic: 'party_sanction_in_year' | null;
}

/** The Party-track level after the automatic rule. */
export function partyRating(proposed: RatingLevel, partySanctionInYear: boolean): PartyRatingResult {
  if (partySanctionInYear) return { level: 'khong_hoan_thanh', automatic: 'party_sanction_in_year' };
  return { level: proposed, automatic: null };
}
