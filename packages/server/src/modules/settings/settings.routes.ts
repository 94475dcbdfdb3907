import { ErrorResponse, SecuritySettings, SecuritySettingsUpdate } from '@kycuong/domain';
import type { AppContext } from '../../context';
import { nowIso } from '../../db/dialect';
import { assertAnywhere, scopeOf } from '../../platform/access';
import { loadSnapshot } from '../../platform/audit';
import { errors } from '../../platform/errors';
import { actorOf, type Api } from '../../platform/http';
import { DEFAULT_SECURITY, SECURITY_SETTINGS_KEY, SettingsRepository, type SecuritySettingsValue } from './settings.repository';

/** System settings: for now the two-factor policy for privileged roles. */
export async function settingsRoutes(app: Api, { ctx }: { ctx: AppContext }) {
  const errs = { 400: ErrorResponse, 401: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
  app.get(
    '/settings/security',
    { schema: { tags: ['settings'], summary: 'Chính sách bảo mật', response: { 200: SecuritySettings, ...errs } } },
    async (req) => {
      assertAnywhere(actorOf(req), 'system.configure');
      const s = await new SettingsRepository(ctx.db).get<SecuritySettingsValue>(SECURITY_SETTINGS_KEY, DEFAULT_SECURITY);
      return { ...s.value, version: s.version };
    },
  );
  app.put(
    '/settings/security',
    {
      schema: {
        tags: ['settings'],
        summary: 'Bắt buộc xác thực hai lớp cho vai trò đặc quyền',
        body: SecuritySettingsUpdate,
        response: { 200: SecuritySettings, ...errs },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      if (!scopeOf(actor, 'system.configure').all) throw errors.notFound();
      const value: SecuritySettingsValue = { requireTotpForPrivileged: req.body.requireTotpForPrivileged };
      await ctx.db.transaction().execute(async (trx) => {
        const before = await loadSnapshot(trx, 'setting', SECURITY_SETTINGS_KEY);
        if (!(await new SettingsRepository(trx).put(SECURITY_SETTINGS_KEY, value, req.body.version, nowIso())))
          throw errors.versionConflict();
        await ctx.audit.record(trx, {
          actorUserId: actor.userId,
          action: 'settings.security',
          entityType: 'setting',
          entityId: SECURITY_SETTINGS_KEY,
          before,
        });
      });
      const s = await new SettingsRepository(ctx.db).get<SecuritySettingsValue>(SECURITY_SETTINGS_KEY, DEFAULT_SECURITY);
      return { ...s.value, version: s.version };
    },
  );
}
