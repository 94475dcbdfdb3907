/**
 * The "xuất sắc" quota (DOMAIN §5, NĐ 335/2025 and Quy định 124-QĐ/TW): within one agency and one
 * group of people with similar duties, those rated "xuất sắc" may be at most 20% of those rated
 * "tốt". Following DOMAIN literally, the base is the number rated exactly "tốt" (people rated
 * "xuất sắc" are not added to it), and a fraction of a person does not count: 20% of 9 = 1.8 → 1.
 */
import type { RatingLevel } from './levels';

export const EXCELLENT_QUOTA_SHARE = 0.2;

export interface QuotaCheck {
  excellent: number;
  good: number;
  /** Largest number of "xuất sắc" the group may have. */
  allowed: number;
  exceeded: boolean;
}

/** Counts a group's levels (null = not rated yet, ignored) against the quota. */
export function checkExcellentQuota(levels: readonly (RatingLevel | null)[]): QuotaCheck {
  const excellent = levels.filter((l) => l === 'xuat_sac').length;
  const good = levels.filter((l) => l === 'tot').length;
  // Integer arithmetic: 20% of n is n / 5 (avoids 0.2 × 10 = 1.9999… style surprises).
  const allowed = Math.floor(good / 5);
  return { excellent, good, allowed, exceeded: excellent > allowed };
}
