import crypto from 'node:crypto';
import { PRIVILEGED_ROLES, allowedActions, type Me } from '@kycuong/domain';
import type { AppContext } from '../../context';
import { nowIso } from '../../db/dialect';
import type { Actor } from '../../platform/access';
import { loadSnapshot } from '../../platform/audit';
import { AppError, errors } from '../../platform/errors';
import { burnPasswordCheck, hashPassword, newTotpSecret, totpUri, verifyPassword, verifyTotp } from '../../platform/passwords';
import { DEFAULT_SECURITY, SECURITY_SETTINGS_KEY, SettingsRepository, type SecuritySettingsValue } from '../settings/settings.repository';
import { AuthRepository } from './auth.repository';

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
const token = () => crypto.randomBytes(32).toString('base64url');

/** Sign-in, sessions, password and two-factor management. */
export class AuthService {
  private readonly repo: AuthRepository;
  private readonly settings: SettingsRepository;

  constructor(private readonly ctx: AppContext) {
    this.repo = new AuthRepository(ctx.db);
    this.settings = new SettingsRepository(ctx.db);
  }

  /** Checks credentials (with lockout) and opens a session; answers the raw session token. */
  async login(
    input: { username: string; password: string; totp?: string | undefined },
    userAgent: string | null,
  ): Promise<{ sessionToken: string; actor: Actor }> {
    const { config } = this.ctx;
    const user = await this.repo.findUserByUsername(input.username.toLowerCase());
    if (!user || !(user.active === true || user.active === 1)) {
      await burnPasswordCheck(input.password);
      throw new AppError('invalid_credentials', 401);
    }
    const now = new Date();
    if (user.locked_until && user.locked_until > now.toISOString()) {
      const minutes = Math.max(1, Math.ceil((Date.parse(user.locked_until) - now.getTime()) / 60000));
      throw new AppError('account_locked', 423, { minutes });
    }
    const fail = async (code: 'invalid_credentials' | 'totp_invalid') => {
      const failures = user.failed_logins + 1;
      const lock = failures >= config.loginMaxFailures;
      await this.repo.recordFailure(
        user.id,
        lock ? 0 : failures,
        lock ? new Date(now.getTime() + config.loginLockMinutes * 60000).toISOString() : null,
      );
      if (lock) throw new AppError('account_locked', 423, { minutes: config.loginLockMinutes });
      throw new AppError(code, 401);
    };
    if (!(await verifyPassword(user.password_hash, input.password))) return fail('invalid_credentials');
    if (user.totp_enabled === true || user.totp_enabled === 1) {
      if (!input.totp) throw new AppError('totp_required', 401);
      if (!user.totp_secret || !(await verifyTotp(user.totp_secret, input.totp))) return fail('totp_invalid');
    }
    await this.repo.recordSuccess(user.id, now.toISOString());
    const raw = token();
    const id = sha256(raw);
    await this.repo.createSession({
      id,
      userId: user.id,
      csrfToken: token(),
      now: now.toISOString(),
      expiresAt: this.expiry(now),
      userAgent: userAgent?.slice(0, 300) ?? null,
    });
    const actor = await this.actorFromToken(raw);
    if (!actor) throw errors.unauthenticated();
    return { sessionToken: raw, actor };
  }

  private expiry(from: Date): string {
    return new Date(from.getTime() + this.ctx.config.sessionTtlHours * 3600_000).toISOString();
  }

  /** Resolves a session cookie into an actor (sliding expiry, refreshed at most every 5 minutes). */
  async actorFromToken(raw: string): Promise<Actor | null> {
    const now = new Date();
    const s = await this.repo.findSession(sha256(raw), now.toISOString());
    if (!s) return null;
    if (now.getTime() - Date.parse(s.lastSeenAt) > 5 * 60_000) {
      await this.repo.touchSession(s.sessionId, now.toISOString(), this.expiry(now));
    }
    const grants = await this.repo.grantsOf(s.userId, s.personId);
    const security = await this.security();
    const privileged = grants.some((g) => PRIVILEGED_ROLES.includes(g.role));
    return {
      userId: s.userId,
      username: s.username,
      displayName: s.fullName ?? s.username,
      personId: s.personId,
      locale: s.locale === 'en' ? 'en' : 'vi',
      grants,
      sessionId: s.sessionId,
      csrfToken: s.csrfToken,
      totpEnabled: s.totpEnabled,
      mustChangePassword: s.mustChangePassword,
      totpSetupRequired: security.requireTotpForPrivileged && privileged && !s.totpEnabled,
    };
  }

  private async security(): Promise<SecuritySettingsValue> {
    return (await this.settings.get(SECURITY_SETTINGS_KEY, DEFAULT_SECURITY)).value;
  }

  async logout(actor: Actor): Promise<void> {
    await this.repo.deleteSession(actor.sessionId);
  }

  /** The signed-in user as the web app needs it: identity, grants, allowed actions, CSRF token. */
  async me(actor: Actor): Promise<Me> {
    const grants = await this.repo.grantsWithOrgs(actor.userId);
    return {
      user: {
        id: actor.userId,
        username: actor.username,
        displayName: actor.displayName,
        personId: actor.personId,
        locale: actor.locale,
        totpEnabled: actor.totpEnabled,
        mustChangePassword: actor.mustChangePassword,
      },
      grants: grants.map((g) => ({ id: g.id, role: g.role as Me['grants'][number]['role'], orgId: g.orgId, orgName: g.orgName ?? null })),
      actions: allowedActions(actor.grants),
      csrfToken: actor.csrfToken,
      totpSetupRequired: actor.totpSetupRequired,
    };
  }

  async changePassword(actor: Actor, currentPassword: string, newPassword: string): Promise<void> {
    const user = await this.repo.findUser(actor.userId);
    if (!user || !(await verifyPassword(user.password_hash, currentPassword))) {
      throw errors.invalidField(
        'currentPassword',
        actor.locale === 'en' ? 'Current password is wrong' : 'Mật khẩu hiện tại không đúng',
        'wrong_password',
      );
    }
    const password_hash = await hashPassword(newPassword);
    await this.updateUser(actor, 'user.password_change', { password_hash, must_change_password: false });
    // Other sessions of this account end: a changed password must lock out whoever knew the old one.
    await this.repo.deleteUserSessions(actor.userId, actor.sessionId);
  }

  async setLocale(actor: Actor, locale: 'vi' | 'en'): Promise<void> {
    await this.repo.setLocale(actor.userId, locale);
  }

  /** Starts two-factor set-up: stores a pending secret (not yet enabled) and returns it. */
  async totpSetup(actor: Actor): Promise<{ secret: string; otpauthUrl: string }> {
    const user = await this.repo.findUser(actor.userId);
    if (!user) throw errors.unauthenticated();
    if (user.totp_enabled === true || user.totp_enabled === 1) throw errors.conflict('2FA');
    const secret = newTotpSecret();
    await this.updateUser(actor, 'user.totp_setup', { totp_secret: secret });
    return { secret, otpauthUrl: totpUri(secret, actor.username) };
  }

  async totpConfirm(actor: Actor, code: string): Promise<void> {
    const user = await this.repo.findUser(actor.userId);
    if (!user?.totp_secret || !(await verifyTotp(user.totp_secret, code))) {
      throw errors.invalidField('code', actor.locale === 'en' ? 'Wrong code' : 'Mã không đúng', 'totp_invalid');
    }
    await this.updateUser(actor, 'user.totp_enable', { totp_enabled: true });
  }

  async totpDisable(actor: Actor, password: string): Promise<void> {
    const user = await this.repo.findUser(actor.userId);
    if (!user || !(await verifyPassword(user.password_hash, password))) {
      throw errors.invalidField('password', actor.locale === 'en' ? 'Wrong password' : 'Mật khẩu không đúng', 'wrong_password');
    }
    const security = await this.security();
    if (security.requireTotpForPrivileged && actor.grants.some((g) => PRIVILEGED_ROLES.includes(g.role))) {
      throw new AppError('totp_setup_required', 403);
    }
    await this.updateUser(actor, 'user.totp_disable', { totp_enabled: false, totp_secret: null });
  }

  private async updateUser(
    actor: Actor,
    action: string,
    patch: { password_hash?: string; must_change_password?: boolean; totp_secret?: string | null; totp_enabled?: boolean },
  ) {
    await this.ctx.db.transaction().execute(async (trx) => {
      const before = await loadSnapshot(trx, 'user', actor.userId);
      await new AuthRepository(trx).updateCredentials(actor.userId, patch, nowIso());
      await this.ctx.audit.record(trx, { actorUserId: actor.userId, action, entityType: 'user', entityId: actor.userId, before });
    });
  }
}
