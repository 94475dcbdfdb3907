/**
 * Participation and progress figures shown on the campaign page and the public page.
 */

/**
 * Share of a unit's members who contributed, from 0 to 1; null when the unit has no members
 * (a rate of an empty unit means nothing, and showing 0% would blame it). Contributors are
 * counted among the unit's people, so the rate cannot exceed 1 unless data is inconsistent —
 * which is then shown rather than hidden.
 */
export function participationRate(contributors: number, members: number): number | null {
  if (!Number.isInteger(contributors) || contributors < 0) throw new RangeError(`Bad contributor count ${contributors}`);
  if (!Number.isInteger(members) || members < 0) throw new RangeError(`Bad member count ${members}`);
  if (members === 0) return null;
  return contributors / members;
}

/** Progress toward a target (amount or participant count), from 0; null without a target. */
export function progressToward(current: number, target: number | null | undefined): number | null {
  if (target === null || target === undefined || target <= 0) return null;
  return Math.max(0, current) / target;
}

/** A rate as a Vietnamese-style percentage with one decimal ("66,7%"), or "—". */
export function formatRate(rate: number | null, locale: 'vi' | 'en' = 'vi'): string {
  if (rate === null) return '—';
  return `${new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1 }).format(rate * 100)}%`;
}

/** Whole đồng with thousand separators as written on Vietnamese receipts ("1.500.000"). */
export function formatDong(amount: number): string {
  return new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 }).format(amount);
}
