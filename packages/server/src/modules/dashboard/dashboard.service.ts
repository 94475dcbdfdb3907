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
import { DashboardRepository, type DayRange, type TaskCountRow } from './dashboard.repository';

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

/** The last day of a day's month. */
function monthEnd(day: string): string {
  const d = new Date(`${addCalendarMonths(`${day.slice(0, 7)}-01`, 1)}T00:00:00Z`);
  d.setUTCDate(0);
  return d.toISOString().slice(0, 10);
}

/**
 * A day range as the whole months inside it (read from the counters) and the part months at its
 * edges (counted directly).
 */
export function splitByMonths(from: string, to: string): { months: { from: string; to: string } | null; edges: DayRange[] } {
  const firstWhole = from.endsWith('-01') ? from.slice(0, 7) : addCalendarMonths(`${from.slice(0, 7)}-01`, 1).slice(0, 7);
  const lastWhole = monthEnd(to) === to ? to.slice(0, 7) : addCalendarMonths(`${to.slice(0, 7)}-01`, -1).slice(0, 7);
  if (firstWhole > lastWhole) return { months: null, edges: [{ from, to }] };
  const edges: DayRange[] = [];
  if (firstWhole !== from.slice(0, 7)) edges.push({ from, to: monthEnd(from) });
  if (lastWhole !== to.slice(0, 7)) edges.push({ from: `${to.slice(0, 7)}-01`, to });
  return { months: { from: firstWhole, to: lastWhole }, edges };
}

interface Counts {
  total: number;
  doneOnTime: number;
  doneLate: number;
  openOverdue: number;
  notUpdated: number;
  reminders: number;
  reminded: number;
  escalated: number;
}
const zero = (): Counts => ({
  total: 0,
  doneOnTime: 0,
  doneLate: 0,
  openOverdue: 0,
  notUpdated: 0,
  reminders: 0,
  reminded: 0,
  escalated: 0,
});

function add(to: Counts, r: TaskCountRow, sign = 1): void {
  to.total += sign * r.total;
  to.doneOnTime += sign * r.done_on_time;
  to.doneLate += sign * r.done_late;
  to.reminders += sign * r.reminders;
  to.reminded += sign * r.reminded;
  to.escalated += sign * r.escalated;
}

/**
 * The period's figures for the org (`path`) and for each child unit, the org's own tasks (led by
 * the org itself) as the difference: counters of whole months per subtree, part months and open
 * tasks per lead org summed to the unit they lie in.
 */
async function periodCounts(
  repo: DashboardRepository,
  org: { id: string; path: string },
  from: string,
  to: string,
  today: string,
  notUpdatedBefore: string,
) {
  const split = splitByMonths(from, to);
  const [counters, edges, open, signalCounters, signalEdges] = await Promise.all([
    split.months ? repo.countersByUnit(org, split.months.from, split.months.to) : Promise.resolve([]),
    Promise.all(split.edges.map((e) => repo.directByPath(org.path, e))),
    repo.openByPath(org.path, { from, to }, today, notUpdatedBefore),
    split.months ? repo.signalCountersByUnit(org, split.months.from, split.months.to) : Promise.resolve([]),
    Promise.all(split.edges.map((e) => repo.signalsByPath(org.path, e))),
  ]);
  const units = new Map<string, Counts>();
  const unit = (p: string) => units.get(p) ?? units.set(p, zero()).get(p)!;
  const total = zero();
  // Subtree counters: the org's row is the total; a child's row is the child's unit; the org's own
  // tasks are what the children's rows leave of the total.
  for (const r of counters) {
    if (r.path === org.path) {
      add(total, r);
      add(unit(org.path), r);
    } else {
      add(unit(r.path), r);
      add(unit(org.path), r, -1);
    }
  }
  for (const r of edges.flat()) {
    add(total, r);
    add(unit(unitOf(r.path, org.path)), r);
  }
  for (const r of open) {
    const u = unit(unitOf(r.path, org.path));
    u.openOverdue += r.overdue;
    u.notUpdated += r.not_updated;
    total.openOverdue += r.overdue;
    total.notUpdated += r.not_updated;
  }
  const signals = new Map<string, Map<string, number>>();
  const bump = (p: string, code: string, k: number) => {
    const m = signals.get(p) ?? signals.set(p, new Map()).get(p)!;
    m.set(code, (m.get(code) ?? 0) + k);
  };
  for (const r of signalCounters) {
    if (r.path === org.path) {
      bump('', r.code, r.n);
      bump(org.path, r.code, r.n);
    } else {
      bump(r.path, r.code, r.n);
      bump(org.path, r.code, -r.n);
    }
  }
  for (const r of signalEdges.flat()) {
    bump('', r.code, r.n);
    bump(unitOf(r.path, org.path), r.code, r.n);
  }
  const signalsOf = (p: string) => [...(signals.get(p) ?? new Map<string, number>()).values()].reduce((a, b) => a + b, 0);
  return {
    total,
    units,
    byCode: signals.get('') ?? new Map<string, number>(),
    signalsOf,
    signalPaths: [...signals.keys()].filter((p) => p),
  };
}

/** Outcome counts of the org's subtree for each trend month (first days, oldest first; the last month ends at `to`). */
async function trendCounts(repo: DashboardRepository, orgPath: string, monthStarts: readonly string[], to: string, today: string) {
  const first = monthStarts[0]!;
  const split = splitByMonths(first, to);
  const [counters, edges, overdue] = await Promise.all([
    split.months ? repo.countersByMonth(orgPath, split.months.from, split.months.to) : Promise.resolve([]),
    Promise.all(split.edges.map((e) => repo.directByPath(orgPath, e))),
    repo.overdueByMonth(orgPath, { from: first, to }, today),
  ]);
  const byMonth = new Map<string, Counts>();
  const month = (m: string) => byMonth.get(m) ?? byMonth.set(m, zero()).get(m)!;
  for (const r of counters) add(month(r.month), r);
  split.edges.forEach((e, i) => {
    for (const r of edges[i]!) add(month(e.from.slice(0, 7)), r);
  });
  for (const r of overdue) month(r.month).openOverdue += r.n;
  return byMonth;
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
  const [period, trendByMonth, cases, evals, wording, dissemination] = await Promise.all([
    periodCounts(repo, org!, from, to, today, notUpdatedBefore),
    trendCounts(repo, org!.path, monthStarts, to, today),
    canCases ? repo.casesByGroup(org!.path, from, to) : Promise.resolve(null),
    canEvaluations ? repo.evaluationLevels(org!.path, evalPeriod) : Promise.resolve(null),
    canCases ? new CaseRepository(db).currentWording() : Promise.resolve([]),
    repo.disseminationByDocument(org!.path, to),
  ]);

  const s = period.total;
  const openInTime = s.total - s.doneOnTime - s.doneLate - s.openOverdue;

  // Ranking of child units (and the org's own tasks) by on-time rate, then signals.
  const unitPaths = [...new Set([...period.units].filter(([, u]) => u.total > 0).map(([p]) => p))];
  for (const p of period.signalPaths) if (period.signalsOf(p) > 0 && !unitPaths.includes(p)) unitPaths.push(p);
  const orgs = await repo.orgsByPaths(unitPaths);
  const orgOf = new Map(orgs.map((o) => [o.path, o]));
  const units = unitPaths
    .filter((p) => orgOf.has(p))
    .map((p) => {
      const u = period.units.get(p) ?? zero();
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
        signals: period.signalsOf(p),
      };
    })
    .sort(
      (a, b) =>
        (b.onTimeRate ?? -1) - (a.onTimeRate ?? -1) ||
        a.signals - b.signals ||
        b.total - a.total ||
        a.orgName.localeCompare(b.orgName, 'vi'),
    );

  const trend = monthStarts.map((m) => {
    const t = trendByMonth.get(m.slice(0, 7)) ?? zero();
    return {
      month: m.slice(0, 7),
      total: t.total,
      doneOnTime: t.doneOnTime,
      doneLate: t.doneLate,
      openInTime: t.total - t.doneOnTime - t.doneLate - t.openOverdue,
      openOverdue: t.openOverdue,
      onTimeRate: rate(t.doneOnTime, t.doneOnTime + t.doneLate + t.openOverdue),
    };
  });

  const byCode = new Map([...period.byCode].filter(([, k]) => k > 0));
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
