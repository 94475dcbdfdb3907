/**
 * Quy định 41-QĐ/TW grounds for dismissal the evaluation raises as flags (never as decisions):
 * rated "không hoàn thành nhiệm vụ" two years running, and reprimanded (khiển trách) twice within
 * one term.
 *
 * Rules chosen where DOMAIN is silent: a year counts as "không hoàn thành" when the person's
 * approved yearly rating on either track is; the term is the Party congress term of Hà Nội,
 * five years starting on 1 October of 2020, 2025, 2030… (anchor and length are parameters), and
 * reprimands of either track count.
 */
import type { RatingLevel } from './levels';

export const FLAG_CODES = ['two_years_not_completed', 'reprimanded_twice_in_term'] as const;
export type FlagCode = (typeof FLAG_CODES)[number];

export const FLAG_LABELS: Readonly<Record<FlagCode, { vi: string; en: string }>> = {
  two_years_not_completed: {
    vi: 'Hai năm liên tiếp không hoàn thành nhiệm vụ (Quy định 41-QĐ/TW)',
    en: 'Not completed two years running (Regulation 41-QĐ/TW)',
  },
  reprimanded_twice_in_term: {
    vi: 'Bị khiển trách hai lần trong một nhiệm kỳ (Quy định 41-QĐ/TW)',
    en: 'Reprimanded twice in one term (Regulation 41-QĐ/TW)',
  },
};

export interface Flag {
  code: FlagCode;
  /** Years or decision dates behind the flag. */
  evidence: string[];
}

/** The years (latest pair first) in which a person was "không hoàn thành" in two consecutive years. */
export function twoYearsNotCompleted(yearly: readonly { year: number; level: RatingLevel }[]): Flag | null {
  const failed = new Set(yearly.filter((y) => y.level === 'khong_hoan_thanh').map((y) => y.year));
  const years = [...failed].sort((a, b) => b - a);
  for (const y of years) if (failed.has(y - 1)) return { code: 'two_years_not_completed', evidence: [String(y - 1), String(y)] };
  return null;
}

export interface TermRule {
  /** First day of a known term, `YYYY-MM-DD`. */
  anchor: string;
  years: number;
}

export const DEFAULT_TERM: TermRule = { anchor: '2020-10-01', years: 5 };

/** The term [start, end) containing a day. */
export function termOf(date: string, rule: TermRule = DEFAULT_TERM): { start: string; end: string } {
  const anchorYear = Number(rule.anchor.slice(0, 4));
  const mmdd = rule.anchor.slice(4);
  let k = Math.floor((Number(date.slice(0, 4)) - anchorYear) / rule.years);
  if (`${anchorYear + k * rule.years}${mmdd}` > date) k -= 1;
  const startYear = anchorYear + k * rule.years;
  return { start: `${startYear}${mmdd}`, end: `${startYear + rule.years}${mmdd}` };
}

/** Two or more khiển trách decisions within the term that contains `onDate`. */
export function reprimandedTwiceInTerm(
  sanctions: readonly { form: string; decisionDate: string }[],
  onDate: string,
  rule: TermRule = DEFAULT_TERM,
): Flag | null {
  const { start, end } = termOf(onDate, rule);
  const dates = sanctions
    .filter((s) => s.form === 'khien_trach' && s.decisionDate >= start && s.decisionDate < end && s.decisionDate <= onDate)
    .map((s) => s.decisionDate)
    .sort();
  return dates.length >= 2 ? { code: 'reprimanded_twice_in_term', evidence: dates } : null;
}
