/**
 * Demo evaluations (NĐ 335/2025): the last completed quarter rated and approved for every division
 * of the department — self-assessment, the Director's proposal (general points; for people without
 * a task of their own in the quarter, the task percentage entered by hand), the "xuất sắc" quota
 * respected by lowering the extra ones, approval — and the current quarter opened, with some
 * self-assessments and proposals under way. Written through the evaluation service, so every step
 * has its audit record.
 */
import { periodContaining, previousPeriod, vietnamDate, type ScopedGrant } from '@kycuong/domain';
import type { AppContext } from '../context';
import { systemActor, SYSTEM_USER_ID, type Actor } from '../platform/access';
import { AuthRepository } from '../modules/auth/auth.repository';
import { EvaluationService } from '../modules/evaluations/evaluations.service';

export interface SeedEvaluationsInput {
  orgIds: Record<string, string>;
  personIds: Record<string, string>;
}

/** The divisions rated (the department's units in the demo tree). */
const DIVISIONS = ['vp', 'tt', 'khtc', 'bcvt', 'cntt', 'ttbc', 'ttcntt'];

/** A stable number in [0, 1) from a text (the same demo every time). */
function unit(text: string): number {
  let h = 2166136261;
  for (const c of text) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return ((h >>> 0) % 10000) / 10000;
}

export async function seedEvaluations(
  ctx: AppContext,
  { orgIds, personIds }: SeedEvaluationsInput,
  opts: { today?: string; log?: (msg: string) => void } = {},
): Promise<void> {
  const today = opts.today ?? vietnamDate(new Date());
  const current = periodContaining(today, 'quarter');
  const last = previousPeriod(current);
  const service = new EvaluationService(ctx);
  const user = await ctx.db.selectFrom('users').select(['id', 'username']).where('username', '=', 'bithu').executeTakeFirstOrThrow();
  const grants: ScopedGrant[] = await new AuthRepository(ctx.db).grantsOf(user.id, personIds.bithu!);
  const director: Actor = {
    ...systemActor(),
    userId: user.id,
    username: user.username,
    displayName: 'Nguyễn Thanh Bình',
    personId: personIds.bithu!,
    grants,
  };
  /** A person acting on their own rating (most demo people have no account: named, no user id). */
  const self = (personId: string, name: string): Actor => ({
    ...systemActor(),
    userId: SYSTEM_USER_ID,
    username: name,
    displayName: name,
    personId,
    grants: [],
  });

  let approved = 0;
  for (const key of DIVISIONS) {
    const orgId = orgIds[key]!;
    await service.openCycle(director, { orgId, period: last.key, track: 'state', quotaGroup: 'chung' });
    let list = await service.list(director, { orgId, period: last.key, track: 'state' });
    for (const e of list.items) {
      const r = unit(`${e.personId}:${last.key}`);
      let d = await service.selfAssess(self(e.personId, e.personName), e.id, {
        version: e.version,
        level: r > 0.8 ? 'xuat_sac' : 'tot',
        text: 'Hoàn thành các nhiệm vụ được giao trong quý; chấp hành nghiêm kỷ luật, kỷ cương hành chính.',
      });
      // General points 24–30; without own tasks a hand-entered task percentage of 72–100%.
      const general = 24 + Math.round(r * 12) / 2;
      d = await service.propose(director, e.id, {
        version: d.version,
        generalPoints: Math.min(30, general),
        manualTaskPercent: d.tasks.length === 0 ? 72 + Math.round(r * 28) : null,
        taskAdjustments: [],
        note: null,
      });
    }
    // The quota: keep the best-scored "xuất sắc" within 20% of those rated "tốt", lower the others.
    list = await service.list(director, { orgId, period: last.key, track: 'state' });
    const q = list.quota[0];
    if (q?.exceeded) {
      const extra = list.items
        .filter((i) => i.level === 'xuat_sac')
        .sort((a, b) => (b.score.total ?? 0) - (a.score.total ?? 0))
        .slice(q.allowed);
      for (const e of extra) {
        await service.propose(director, e.id, {
          version: e.version,
          generalPoints: e.score.generalPoints,
          manualTaskPercent: (await service.get(director, e.id)).manualTaskPercent,
          level: 'tot',
          taskAdjustments: [],
          note: 'Hạ mức để bảo đảm tỷ lệ "xuất sắc" không quá 20% số hoàn thành tốt',
        });
      }
      list = await service.list(director, { orgId, period: last.key, track: 'state' });
    }
    for (const e of list.items) {
      await service.approve(director, e.id, { version: e.version });
      approved++;
    }
    // The current quarter: opened, half of the people have assessed themselves.
    await service.openCycle(director, { orgId, period: current.key, track: 'state', quotaGroup: 'chung' });
    const now = await service.list(director, { orgId, period: current.key, track: 'state' });
    for (const e of now.items.filter((_, i) => i % 2 === 0)) {
      await service.selfAssess(self(e.personId, e.personName), e.id, {
        version: e.version,
        level: 'tot',
        text: 'Đang thực hiện các nhiệm vụ của quý theo kế hoạch.',
      });
    }
  }
  opts.log?.(`demo: ratings of ${last.key} approved for ${approved} people; ${current.key} opened`);
}
