/**
 * The dashboard of any subtree and period (issue 5): the numbers of the tasks, signals,
 * dissemination, cases and evaluations, a ranking of child units and a 12-month trend.
 */
import { z } from 'zod';
import { OUTCOME_CLASSES } from '../tasks/outcome';
import { SIGNAL_CODES } from '../signals/thresholds';
import { RATING_LEVELS } from '../evaluation/levels';
import { Id, IsoDate } from './common';

export const DashboardQuery = z.object({
  /** The subtree (default: the top of the caller's reach). */
  orgId: Id.optional(),
  /** The period on the tasks' due day (default: the current quarter). */
  from: IsoDate.optional(),
  to: IsoDate.optional(),
});

const Count = z.number().int();

export const TaskFigures = z.object({
  /** Tasks whose due day falls in the period (cancelled ones left out). */
  total: Count,
  byOutcome: z.object(Object.fromEntries(OUTCOME_CLASSES.map((c) => [c, Count])) as Record<(typeof OUTCOME_CLASSES)[number], typeof Count>),
  /** done on time / (done + open overdue); null when none is decided yet. */
  onTimeRate: z.number().nullable(),
  overdue: Count,
  notUpdated: Count,
  /** Reminders (đôn đốc) sent on these tasks, and how many tasks were reminded. */
  reminders: Count,
  remindedTasks: Count,
  escalated: Count,
});

export const DashboardUnitRow = z.object({
  orgId: Id,
  orgName: z.string(),
  /** The chosen org's own tasks (led by it directly, not by a child). */
  own: z.boolean(),
  total: Count,
  doneOnTime: Count,
  doneLate: Count,
  openOverdue: Count,
  notUpdated: Count,
  onTimeRate: z.number().nullable(),
  signals: Count,
});

export const DashboardTrendPoint = z.object({
  month: z.string(),
  total: Count,
  doneOnTime: Count,
  doneLate: Count,
  openInTime: Count,
  openOverdue: Count,
  onTimeRate: z.number().nullable(),
});

export const Dashboard = z.object({
  org: z.object({ id: Id, name: z.string() }),
  from: IsoDate,
  to: IsoDate,
  today: IsoDate,
  tasks: TaskFigures,
  signals: z.array(z.object({ code: z.enum(SIGNAL_CODES), label: z.string(), tasks: Count })),
  /** Null when the caller may not read it or the capability is absent. */
  /**
   * Dissemination (quán triệt) of the documents whose conferences were held up to the period's end:
   * people expected in the subtree and those who acknowledged (attended and confirmed, or caught up).
   */
  dissemination: z
    .object({
      expected: Count,
      reached: Count,
      rate: z.number().nullable(),
      documents: z.array(
        z.object({
          documentId: Id,
          number: z.string().nullable(),
          title: z.string(),
          expected: Count,
          reached: Count,
          rate: z.number().nullable(),
        }),
      ),
    })
    .nullable(),
  cases: z.object({ total: Count, byGroup: z.array(z.object({ code: z.string(), title: z.string(), count: Count })) }).nullable(),
  evaluations: z
    .object({
      period: z.string(),
      byLevel: z.object(Object.fromEntries(RATING_LEVELS.map((l) => [l, Count])) as Record<(typeof RATING_LEVELS)[number], typeof Count>),
      approved: Count,
      pending: Count,
    })
    .nullable(),
  units: z.array(DashboardUnitRow),
  trend: z.array(DashboardTrendPoint),
});
export type Dashboard = z.infer<typeof Dashboard>;
