import {
  SIGNAL_CODES,
  SIGNAL_DISCLAIMER,
  SIGNAL_LABELS,
  aggregateFlags,
  isEmptyScope,
  type SignalAggregateQuery,
  type SignalCode,
  type SignalSeverity,
  type SignalTaskQuery,
  type SignalThresholdsUpdate,
  type TaskEventType,
  type TaskStatus,
  type z,
} from '@kycuong/domain';
import type { AppContext } from '../../context';
import { nowIso } from '../../db/dialect';
import { canIn, scopeOf, type Actor } from '../../platform/access';
import { loadSnapshot } from '../../platform/audit';
import { errors } from '../../platform/errors';
import { SettingsRepository } from '../settings/settings.repository';
import { SIGNAL_THRESHOLDS_KEY, loadSignalThresholds } from '../tasks/tasks.settings';
import { SignalRepository } from './signals.repository';

/**
 * Shirking signals over many tasks: counts per unit or person (stored by the task module on every
 * event and by the daily sweep), the drill-down to the tasks behind a number, and the thresholds.
 * Read with `signal.read`, scoped in SQL to the reader's subtrees.
 */
export class SignalService {
  constructor(private readonly ctx: AppContext) {}

  private repo() {
    return new SignalRepository(this.ctx.db);
  }

  private disclaimer(actor: Actor) {
    return actor.locale === 'en' ? SIGNAL_DISCLAIMER.en : SIGNAL_DISCLAIMER.vi;
  }

  /** Resolves the org and person filters inside the reader's scope (404 outside it). */
  private async filter(
    actor: Actor,
    q: { orgId?: string | undefined; personId?: string | undefined; from?: string | undefined; to?: string | undefined },
  ) {
    const scope = scopeOf(actor, 'signal.read');
    if (isEmptyScope(scope)) throw errors.notFound();
    let orgPath: string | undefined;
    if (q.orgId) {
      const org = await this.ctx.db.selectFrom('orgs').select(['path']).where('id', '=', q.orgId).executeTakeFirst();
      if (!org || !canIn(actor, 'signal.read', org.path)) throw errors.notFound();
      orgPath = org.path;
    }
    if (q.personId && !(await this.repo().personInScope(q.personId, scope))) throw errors.notFound();
    if (q.from && q.to && q.from > q.to)
      throw errors.invalidField('to', actor.locale === 'en' ? 'Must not be before from' : 'Ngày kết thúc phải sau ngày bắt đầu', 'range');
    return { scope, orgPath, personId: q.personId, from: q.from, to: q.to };
  }

  async aggregate(actor: Actor, q: z.infer<typeof SignalAggregateQuery>) {
    const f = await this.filter(actor, q);
    const thresholds = (await loadSignalThresholds(this.ctx.db)).value;
    const counts = await this.repo().counts(f, q.groupBy);
    const rows = new Map<
      string,
      { key: string; orgName: string | null; personName: string | null; counts: Record<string, number>; total: number }
    >();
    for (const c of counts) {
      const r = rows.get(c.key) ?? { key: c.key, orgName: c.orgName, personName: c.personName, counts: {}, total: 0 };
      r.counts[c.code] = (r.counts[c.code] ?? 0) + c.n;
      r.total += c.n;
      rows.set(c.key, r);
    }
    const top = [...rows.values()].sort((a, b) => b.total - a.total || (a.key < b.key ? -1 : 1)).slice(0, q.limit);
    const received = await this.repo().received(
      top.map((r) => r.key),
      q.groupBy,
      q.from,
      q.to,
    );
    return {
      from: q.from ?? null,
      to: q.to ?? null,
      disclaimer: this.disclaimer(actor),
      rows: top.map((r) => {
        const rec = received.get(r.key) ?? 0;
        const returned = r.counts.returned ?? 0;
        return {
          orgId: q.groupBy === 'org' ? r.key : null,
          orgName: r.orgName,
          personId: q.groupBy === 'person' ? r.key : null,
          personName: r.personName,
          counts: Object.fromEntries(SIGNAL_CODES.map((c) => [c, r.counts[c] ?? 0])),
          total: r.total,
          received: rec,
          returned,
          returnRate: rec > 0 ? Math.round((1000 * returned) / rec) / 1000 : null,
          flags: aggregateFlags({ received: rec, returned, headToDeputy: r.counts.head_to_deputy ?? 0 }, thresholds),
        };
      }),
    };
  }

  async tasks(actor: Actor, q: z.infer<typeof SignalTaskQuery>) {
    const f = await this.filter(actor, q);
    const { rows, total } = await this.repo().list({ ...f, code: q.code }, q.pageSize, (q.page - 1) * q.pageSize);
    return {
      items: rows.map((r) => ({
        taskId: r.task_id,
        taskTitle: r.task_title,
        taskStatus: r.task_status as TaskStatus,
        code: r.code as SignalCode,
        label: SIGNAL_LABELS[r.code as SignalCode]?.vi ?? r.code,
        severity: r.severity as SignalSeverity,
        orgId: r.org_id,
        orgName: r.org_name,
        personId: r.person_id,
        personName: r.person_name,
        subject: r.subject,
        detectedOn: r.detected_on,
        explanation: r.explanation,
        evidence: JSON.parse(r.evidence) as { eventId: string; on: string; type: TaskEventType }[],
      })),
      total,
      page: q.page,
      pageSize: q.pageSize,
      disclaimer: this.disclaimer(actor),
    };
  }

  async thresholds(actor: Actor) {
    if (isEmptyScope(scopeOf(actor, 'signal.read')) && isEmptyScope(scopeOf(actor, 'system.configure'))) throw errors.notFound();
    const s = await loadSignalThresholds(this.ctx.db);
    return { ...s.value, version: s.version };
  }

  async putThresholds(actor: Actor, input: z.infer<typeof SignalThresholdsUpdate>) {
    if (!scopeOf(actor, 'system.configure').all) throw errors.notFound();
    const { version, ...value } = input;
    await this.ctx.db.transaction().execute(async (trx) => {
      const before = await loadSnapshot(trx, 'setting', SIGNAL_THRESHOLDS_KEY);
      if (!(await new SettingsRepository(trx).put(SIGNAL_THRESHOLDS_KEY, value, version, nowIso()))) throw errors.versionConflict();
      await this.ctx.audit.record(trx, {
        actorUserId: actor.userId,
        action: 'settings.signal_thresholds',
        entityType: 'setting',
        entityId: SIGNAL_THRESHOLDS_KEY,
        before,
      });
    });
    return this.thresholds(actor);
  }
}
