/**
 * The NĐ 335/2025/NĐ-CP score of a civil servant for a month or a quarter (DOMAIN §5): 30 points of
 * general criteria entered by the leader and 70 points of task results computed from the period's
 * tasks, each weighted by its conversion weight (hệ số quy đổi).
 *
 * Where DOMAIN §5 is silent, the rules chosen here (and shown to the person in the breakdown):
 * - Quantity a = Σ w·done / Σ w — the share of the assigned (converted) work that is done.
 * - Quality b = Σ w·quality / Σ w over the same assigned work (as the decree compares with the work
 *   assigned): a done task whose result was accepted as meeting requirements scores 1, minus 25%
 *   per major error (errors whose cause was objective and confirmed are not deducted), never below
 *   0; a task not done, or done with quality "not meeting requirements", scores 0.
 * - Timeliness c = Σ w·timeliness / Σ w: a done task scores 1 minus 25% per delay — each
 *   extension counted as a delay by the tasks module (objective, confirmed causes are not counted
 *   there) plus one when it was completed after its due day, unless that lateness was confirmed
 *   as objective — never below 0; a task not done scores 0.
 * - The task percentage is the mean (a + b + c) / 3 and the task part is 70 × that / 100.
 * - A manager's task part is 70 × (own / 2 + unit / 2) / 100, where unit is the same percentage
 *   computed over the tasks of the unit they manage; when any subordinate is rated "không hoàn
 *   thành" in the period, the unit percentage is capped at 50.
 * - With no task assigned in the period the leader enters the task percentage by hand.
 * - Points are rounded to two decimals only at the end; the level follows the bands, and is
 *   "không hoàn thành" whatever the score when a khiển trách or heavier State-track sanction
 *   (a public-duty violation) was decided in the calendar year of the period.
 */
import { levelForScore, type RatingLevel } from './levels';

export const GENERAL_POINTS_MAX = 30;
export const TASK_POINTS_MAX = 70;
/** Share of an item's points lost per major error or per delay. */
export const DEDUCTION_PER_ERROR = 0.25;
/** Cap on a manager's unit percentage when a subordinate is rated "không hoàn thành". */
export const UNIT_CAP_PERCENT = 50;

/** What the score needs to know of one task of the period. */
export interface ScoredTaskInput {
  taskId: string;
  title: string;
  /** Conversion weight (hệ số quy đổi), > 0. */
  weight: number;
  done: boolean;
  /** Quality judged at acceptance: true meets requirements, false does not, null not judged (counts as meeting). */
  qualityAccepted: boolean | null;
  /** Delays counted by the tasks module (extensions without a confirmed objective cause). */
  delays: number;
  /** Completed after its due day. */
  completedLate: boolean;
  /** The leader confirmed the late completion had an objective cause. */
  lateObjective: boolean;
  /** Major errors recorded by the leader. */
  majorErrors: number;
  /** Of which with an objective, confirmed cause (not deducted). */
  objectiveErrors: number;
}

export interface Deduction {
  item: 'quality' | 'timeliness';
  reason: 'major_error' | 'delay' | 'late_completion';
  count: number;
  /** Share of the item's points lost (0.25 per count, at most the whole item). */
  share: number;
}

export interface ScoredTaskLine {
  taskId: string;
  title: string;
  weight: number;
  done: boolean;
  /** Each item's share in [0, 1] before weighting. */
  quantity: number;
  quality: number;
  timeliness: number;
  deductions: Deduction[];
}

export interface TaskPart {
  lines: ScoredTaskLine[];
  totalWeight: number;
  /** Percentages 0–100 (unrounded); null with no task. */
  quantityPercent: number | null;
  qualityPercent: number | null;
  timelinessPercent: number | null;
  /** (a + b + c) / 3; null with no task. */
  percent: number | null;
}

const clamp01 = (x: number) => Math.max(0, Math.min(1, x));
const nonNeg = (n: number) => Math.max(0, Math.floor(n));

/** One task's three items and the deductions behind them. */
export function scoreTask(t: ScoredTaskInput): ScoredTaskLine {
  const deductions: Deduction[] = [];
  let quality = 0;
  let timeliness = 0;
  if (t.done) {
    const errors = nonNeg(t.majorErrors - t.objectiveErrors);
    const qualityBase = t.qualityAccepted === false ? 0 : 1;
    if (qualityBase > 0 && errors > 0)
      deductions.push({ item: 'quality', reason: 'major_error', count: errors, share: Math.min(1, errors * DEDUCTION_PER_ERROR) });
    quality = clamp01(qualityBase - errors * DEDUCTION_PER_ERROR);
    const delays = nonNeg(t.delays);
    const late = t.completedLate && !t.lateObjective ? 1 : 0;
    if (delays > 0)
      deductions.push({ item: 'timeliness', reason: 'delay', count: delays, share: Math.min(1, delays * DEDUCTION_PER_ERROR) });
    if (late > 0) deductions.push({ item: 'timeliness', reason: 'late_completion', count: 1, share: DEDUCTION_PER_ERROR });
    timeliness = clamp01(1 - (delays + late) * DEDUCTION_PER_ERROR);
  }
  return { taskId: t.taskId, title: t.title, weight: t.weight, done: t.done, quantity: t.done ? 1 : 0, quality, timeliness, deductions };
}

/** The task percentages of a set of tasks, weighted by their conversion weights. */
export function taskPart(tasks: readonly ScoredTaskInput[]): TaskPart {
  const lines = tasks.filter((t) => t.weight > 0).map(scoreTask);
  const totalWeight = lines.reduce((s, l) => s + l.weight, 0);
  if (totalWeight <= 0)
    return { lines, totalWeight: 0, quantityPercent: null, qualityPercent: null, timelinessPercent: null, percent: null };
  const pct = (pick: (l: ScoredTaskLine) => number) => (100 * lines.reduce((s, l) => s + l.weight * pick(l), 0)) / totalWeight;
  const a = pct((l) => l.quantity);
  const b = pct((l) => l.quality);
  const c = pct((l) => l.timeliness);
  return { lines, totalWeight, quantityPercent: a, qualityPercent: b, timelinessPercent: c, percent: (a + b + c) / 3 };
}

export interface ScoreInput {
  /** The person's own task part. */
  own: TaskPart;
  /** Entered by the leader when the person had no task in the period (0–100). */
  manualTaskPercent: number | null;
  /** For a manager: the task part of the unit they manage, and whether a subordinate is "không hoàn thành". */
  manager: { unit: TaskPart; subordinateNotCompleted: boolean } | null;
  /** General criteria (0–30), entered by the leader; null before the proposal. */
  generalPoints: number | null;
  /** A khiển trách or heavier State-track sanction decided in the year. */
  sanctionedInYear: boolean;
}

export interface ScoreResult {
  ownPercent: number | null;
  unitPercent: number | null;
  /** Whether the 50% cap lowered the unit percentage. */
  unitCapped: boolean;
  /** Points out of 70, rounded to two decimals; null when neither tasks nor a manual percentage exist. */
  taskPoints: number | null;
  generalPoints: number | null;
  /** Out of 100; null until both parts are known. */
  total: number | null;
  /** Level by the bands, before the automatic rule. */
  bandLevel: RatingLevel | null;
  /** Level after the automatic rule (sanction in the year). */
  level: RatingLevel | null;
  /** Why the level is not the band's. */
  automatic: 'sanction_in_year' | null;
}

export const round2 = (x: number) => Math.round((x + Number.EPSILON) * 100) / 100;

/** The 100-point score and level of NĐ 335/2025 (see the module comment for every rule). */
export function computeScore(input: ScoreInput): ScoreResult {
  const ownPercent = input.own.percent ?? input.manualTaskPercent;
  let unitPercent: number | null = null;
  let unitCapped = false;
  if (input.manager) {
    unitPercent = input.manager.unit.percent;
    if (unitPercent !== null && input.manager.subordinateNotCompleted && unitPercent > UNIT_CAP_PERCENT) {
      unitPercent = UNIT_CAP_PERCENT;
      unitCapped = true;
    }
  }
  let taskPoints: number | null = null;
  if (ownPercent !== null) {
    // A manager whose unit has no task in the period is scored on their own work alone.
    const blended = input.manager && unitPercent !== null ? ownPercent / 2 + unitPercent / 2 : ownPercent;
    taskPoints = round2((TASK_POINTS_MAX * blended) / 100);
  }
  const general = input.generalPoints === null ? null : Math.max(0, Math.min(GENERAL_POINTS_MAX, input.generalPoints));
  const total = taskPoints === null || general === null ? null : round2(taskPoints + general);
  const bandLevel = total === null ? null : levelForScore(total);
  const automatic = input.sanctionedInYear ? ('sanction_in_year' as const) : null;
  const level = automatic ? 'khong_hoan_thanh' : bandLevel;
  return { ownPercent, unitPercent, unitCapped, taskPoints, generalPoints: general, total, bandLevel, level, automatic };
}

/** Whether a sanction counts for the automatic rule: State track (public duty), khiển trách (rank 1) or heavier. */
export function sanctionCountsForYear(s: { track: 'party' | 'state'; rank: number }): boolean {
  return s.track === 'state' && s.rank >= 1;
}
