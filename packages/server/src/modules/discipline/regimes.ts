/**
 * Sanction regimes as reference data: the built-in defaults of `@kycuong/domain` until a system
 * administrator saves a replacement list (stored, versioned and audited as a setting). Sanctions
 * keep the id of the regime they were decided under, so a later edit never rewrites history.
 */
import { DEFAULT_SANCTION_REGIMES, isEmptyScope, validateRegimes, type SanctionRegime } from '@kycuong/domain';
import type { Kysely } from 'kysely';
import type { AppContext } from '../../context';
import { nowIso } from '../../db/dialect';
import type { Database } from '../../db/schema';
import { scopeOf, type Actor } from '../../platform/access';
import { loadSnapshot } from '../../platform/audit';
import { errors } from '../../platform/errors';
import { SettingsRepository } from '../settings/settings.repository';
import { ruleIssues } from '../catalogues/catalogues.service';

export const REGIMES_SETTING_KEY = 'discipline.regimes';

/** The regimes in force (stored list or defaults) with the setting's version (0 = defaults). */
export async function loadRegimes(db: Kysely<Database>): Promise<{ regimes: SanctionRegime[]; version: number; isDefault: boolean }> {
  const s = await new SettingsRepository(db).get<SanctionRegime[] | null>(REGIMES_SETTING_KEY, null);
  if (!s.value) return { regimes: [...DEFAULT_SANCTION_REGIMES], version: 0, isDefault: true };
  return { regimes: s.value, version: s.version, isDefault: false };
}

/** Replaces the regime list after checking it; the version guards against a concurrent edit. */
export async function saveRegimes(ctx: AppContext, actor: Actor, regimes: SanctionRegime[], version: number) {
  // Hidden entirely from those who configure nothing; visible but refused to unit-level configurators.
  if (isEmptyScope(scopeOf(actor, 'system.configure'))) throw errors.notFound();
  if (!scopeOf(actor, 'system.configure').all) throw errors.forbidden();
  const issues = validateRegimes(regimes);
  if (issues.length) throw ruleIssues(issues);
  await ctx.db.transaction().execute(async (trx) => {
    const before = await loadSnapshot(trx, 'setting', REGIMES_SETTING_KEY);
    if (!(await new SettingsRepository(trx).put(REGIMES_SETTING_KEY, regimes, version, nowIso()))) throw errors.versionConflict();
    await ctx.audit.record(trx, {
      actorUserId: actor.userId,
      action: 'discipline.regimes',
      entityType: 'setting',
      entityId: REGIMES_SETTING_KEY,
      before,
    });
  });
  return loadRegimes(ctx.db);
}
