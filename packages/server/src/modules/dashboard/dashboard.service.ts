import {
  OUTCOME_CLASSES,
  RATING_LEVELS,
  SIGNAL_CODES,
  SIGNAL_LABELS,
  addCalendarMonths,
  notUpdatedThreshold,
  periodContaining,
  vietnamDate,
  type Dashboard,
  type DashboardQuery,
  type RatingLevel,
  type SignalCode,
  type z,
} from '@kycuong/domain';
import type { Kysely } from 'kysely';
import type { AppContext } from '../../context';
import type { Database } from '../../db/schema';
import { assertInScope, canIn, scopeOf, type Actor } from '../../platform/access';
import { errors } from '../../platform/errors';
import { loadCalendar } from '../calendar/calendar.service';
import { CaseRepository } from '../cases/cases.repository';
import { loadSignalThresholds } from '../tasks/tasks.settings';
import { DashboardRepository, type TaskAggregateRow } from './dashboard.repository';

/** The child unit (path) an org path lies in below `root`, or the root itself. */
const unitOf = (path: string, root: string) => path.slice(0, root.length + 33);

type Query = z.infer<typeof DashboardQuery>;

const rate = (onTime: number, decided: number) => (decided > 0 ? onTime / decided : null);

/** The evaluation period the dashboard's dates name exactly (a month, quarter or year), else the quarter of `to`. */
export function evaluationPeriodOf(from: string, to: string): string {
  for (const kind of ['year', 'quarter', 'month'] as const) {
    const p = periodContaining(from, kind);
    if (p.from === from && p.to === to) return p.key;
  }
  return periodContaining(to, 'quarter').key;
}

function sumRows(rows: readonly Omit<TaskAggregateRow, 'path'>[]) {
  const s = { total: 0, doneOnTime: 0, doneLate: 0, openOverdue: 0, notUpdated: 0, reminders: 0, reminded: 0, escalated: 0 };
  for (const r of rows) {
    s.total += r.total;
    s.doneOnTime += r.done_on_time;
    s.doneLate += r.done_late;
    s.openOverdue += r.open_overdue;
    s.notUpdated += r.not_updated;
    s.reminders += r.reminders;
    s.reminded += r.reminded;
    s.escalated += r.escalated;
  }
  return s;
}

/**
 * The dashboard of a subtree and period: every figure aggregated in SQL over the org path range
 * (one pass over the period's tasks by lead org for the figures and the ranking, one range aggregate per trend month; one for signals;
 * one each for cases and evaluations when the caller may read them; one for dissemination). Tasks are those whose due
 * day falls in the period, cancelled ones left out — exactly what the task list answers for
 * `view=unit&orgId=…&deadlineFrom=…&deadlineTo=…`, so every number drills down to its list.
 *
 * Called by the route and by the report renderer; `today` may be fixed for reproducible reports.
 */
export async function dashboardFor(db: Kysely<Database>, actor: Actor, q: Query, opts: { now?: Date } = {}): Promise<Dashboard> {
  const repo = new DashboardRepository(db);
  const today = vietnamDate(opts.now ?? new Date());
  const scope = scopeOf(actor, 'task.read');
  let org: { id: string; name: string; path: string } | undefined;
  if (q.orgId) {
    org = await repo.org(q.orgId);
    assertInScope(actor, 'task.read', org?.path);
  } else {
    // The caller's own (primary) unit's top within reach, else the first root or granted subtree.
    const primary = actor.personId ? await repo.primaryOrgPath(actor.personId) : undefined;
    const home = primary ? (scope.all ? undefined : scope.paths.find((p) => primary.startsWith(p))) : undefined;
    if (home) {
      org = (await repo.orgsByPaths([home]))[0];
    } else if (scope.all) {
      org = await db
        .selectFrom('orgs')
        .select(['id', 'name', 'path'])
        .where('parent_id', 'is', null)
        .orderBy('sort_order')
        .orderBy('name')
        .executeTakeFirst();
    } else if (scope.paths.length) {
      org = (await repo.orgsByPaths([scope.paths[0]!]))[0];
    }
    if (!org) throw errors.notFound();
  }
  const quarter = periodContaining(today, 'quarter');
  const from = q.from ?? (q.to ? periodContaining(q.to, 'quarter').from : quarter.from);
  const to = q.to ?? (q.from ? periodContaining(q.from, 'quarter').to : quarter.to);
  if (from > to) throw errors.invalidField('from', actor.locale === 'en' ? 'Start after end' : 'Ngày bắt đầu sau ngày kết thúc');
  const monthStarts = Array.from({ length: 12 }, (_, k) => addCalendarMonths(`${to.slice(0, 7)}-01`, k - 11));
  const [cal, thresholds] = await Promise.all([loadCalendar(db), loadSignalThresholds(db)]);
  const notUpdatedBefore = notUpdatedThreshold(today, thresholds.value.notUpdatedDays, cal);

  const canCases = canIn(actor, 'case.read', org!.path);
  const canEvaluations = canIn(actor, 'evaluation.read', org!.path);
  const evalPeriod = evaluationPeriodOf(from, to);
  const [period, trendRows, signals, cases, evals, wording, dissemination] = await Promise.all([
    repo.periodByPath({ orgPath: org!.path, from, to, today, notUpdatedBefore }),
    repo.trend(org!.path, monthStarts, to, today),
    repo.signalAggregate(org!.path, from, to),
    canCases ? repo.casesByGroup(org!.path, from, to) : Promise.resolve(null),
    canEvaluations ? repo.evaluationLevels(org!.path, evalPeriod) : Promise.resolve(null),
    canCases ? new CaseRepository(db).currentWording() : Promise.resolve([]),
    repo.disseminationByDocument(org!.path, to),
  ]);

  const s = sumRows(period);
  const openInTime = s.total - s.doneOnTime - s.doneLate - s.openOverdue;

  // Ranking of child units (and the org's own tasks) by on-time rate, then signals.
  const unitPaths = [...new Set([...period.map((r) => unitOf(r.path, org!.path)), ...signals.map((r) => r.unit)])];
  const orgs = await repo.orgsByPaths(unitPaths);
  const orgOf = new Map(orgs.map((o) => [o.path, o]));
  const units = unitPaths
    .filter((p) => orgOf.has(p))
    .map((p) => {
      const u = sumRows(period.filter((r) => unitOf(r.path, org!.path) === p));
      const o = orgOf.get(p)!;
      return {
        orgId: o.id,
        orgName: o.name,
        own: p === org!.path,
        total: u.total,
        doneOnTime: u.doneOnTime,
        doneLate: u.doneLate,
        openOverdue: u.openOverdue,
        notUpdated: u.notUpdated,
        onTimeRate: rate(u.doneOnTime, u.doneOnTime + u.doneLate + u.openOverdue),
        signals: signals.filter((x) => x.unit === p).reduce((n, x) => n + x.n, 0),
      };
    })
    .sort(
      (a, b) =>
        (b.onTimeRate ?? -1) - (a.onTimeRate ?? -1) ||
        a.signals - b.signals ||
        b.total - a.total ||
        a.orgName.localeCompare(b.orgName, 'vi'),
    );

  const trend = monthStarts.map((m, k) => {
    const t = trendRows.find((r) => r.k === k) ?? { total: 0, done_on_time: 0, done_late: 0, open_overdue: 0 };
    return {
      month: m.slice(0, 7),
      total: t.total,
      doneOnTime: t.done_on_time,
      doneLate: t.done_late,
      openInTime: t.total - t.done_on_time - t.done_late - t.open_overdue,
      openOverdue: t.open_overdue,
      onTimeRate: rate(t.done_on_time, t.done_on_time + t.done_late + t.open_overdue),
    };
  });

  const byCode = new Map<string, number>();
  for (const r of signals) byCode.set(r.code, (byCode.get(r.code) ?? 0) + r.n);
  const groupTitle = new Map(wording.map((w) => [w.group_code, { title: w.group_title, order: w.group_order }]));

  const byLevel = Object.fromEntries(RATING_LEVELS.map((l) => [l, 0])) as Record<RatingLevel, number>;
  let approved = 0;
  let pending = 0;
  for (const r of evals ?? []) {
    if (r.status === 'approved') {
      approved += r.n;
      if (r.level) byLevel[r.level as RatingLevel] += r.n;
    } else pending += r.n;
  }

  return {
    org: { id: org!.id, name: org!.name },
    from,
    to,
    today,
    tasks: {
      total: s.total,
      byOutcome: {
        done_on_time: s.doneOnTime,
        done_late: s.doneLate,
        open_in_time: openInTime,
        open_overdue: s.openOverdue,
      } satisfies Record<(typeof OUTCOME_CLASSES)[number], number>,
      onTimeRate: rate(s.doneOnTime, s.doneOnTime + s.doneLate + s.openOverdue),
      overdue: s.openOverdue,
      notUpdated: s.notUpdated,
      reminders: s.reminders,
      remindedTasks: s.reminded,
      escalated: s.escalated,
    },
    signals: SIGNAL_CODES.filter((c) => byCode.has(c)).map((c: SignalCode) => ({
      code: c,
      label: SIGNAL_LABELS[c][actor.locale],
      tasks: byCode.get(c)!,
    })),
    dissemination: dissemination.length
      ? {
          expected: dissemination.reduce((n, x) => n + x.expected, 0),
          reached: dissemination.reduce((n, x) => n + x.reached, 0),
          rate: rate(
            dissemination.reduce((n, x) => n + x.reached, 0),
            dissemination.reduce((n, x) => n + x.expected, 0),
          ),
          documents: dissemination
            .map((x) => ({ ...x, rate: rate(x.reached, x.expected) }))
            .sort((a, b) => (a.number ?? a.title).localeCompare(b.number ?? b.title, 'vi')),
        }
      : null,
    cases: cases
      ? {
          total: cases.total,
          byGroup: cases.groups
            .map((g) => ({ code: g.code, title: groupTitle.get(g.code)?.title ?? g.code, count: g.n }))
            .sort((a, b) => (groupTitle.get(a.code)?.order ?? 99) - (groupTitle.get(b.code)?.order ?? 99) || a.code.localeCompare(b.code)),
        }
      : null,
    evaluations: evals ? { period: evalPeriod, byLevel, approved, pending } : null,
    units,
    trend,
  };
}

/** The dashboard capability (the route's service). */
export class DashboardService {
  constructor(private readonly ctx: AppContext) {}

  get(actor: Actor, q: Query): Promise<Dashboard> {
    return dashboardFor(this.ctx.db, actor, q);
  }
}
