import {
  foldForSearch,
  type User,
  type UserListQuery,
  type z,
  type GrantCreate,
  type UserCreate,
  type UserUpdate,
  GRANTABLE_ROLES,
} from '@kycuong/domain';
import type { AppContext } from '../../context';
import { bool, isUniqueViolation, nowIso } from '../../db/dialect';
import { assertAnywhere, assertInScope, canIn, scopeOf, type Actor } from '../../platform/access';
import { loadSnapshot } from '../../platform/audit';
import { AppError, errors } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { hashPassword } from '../../platform/passwords';
import { OrgRepository } from '../orgs/orgs.repository';
import { PeopleRepository } from '../people/people.repository';
import { UsersRepository } from './users.repository';

type GrantRole = (typeof GRANTABLE_ROLES)[number];

/**
 * Whether the actor may see a grant: system-wide grants name no org; a grant on an org is shown
 * only to readers of that org, so an account shared with another unit does not reveal that unit.
 */
function grantVisible(actor: Actor, g: { org_path: string | null }): boolean {
  return g.org_path === null || canIn(actor, 'org.read', g.org_path);
}

/** Accounts and role grants, managed by unit and system administrators within their scope. */
export class UserService {
  constructor(private readonly ctx: AppContext) {}

  private repo(db = this.ctx.db) {
    return new UsersRepository(db);
  }

  async list(actor: Actor, q: z.infer<typeof UserListQuery>) {
    assertAnywhere(actor, 'user.manage');
    let scope = scopeOf(actor, 'user.manage');
    if (q.orgId) {
      const org = await new OrgRepository(this.ctx.db).findById(q.orgId);
      assertInScope(actor, 'user.manage', org?.path);
      scope = { all: false, paths: [org!.path] };
    }
    const { rows, total } = await this.repo().list({
      scope,
      foldedQuery: q.q ? foldForSearch(q.q) : undefined,
      limit: q.pageSize,
      offset: (q.page - 1) * q.pageSize,
    });
    const grants = await this.repo().grantsOf(rows.map((r) => r.id));
    const items: User[] = rows.map((r) => ({
      id: r.id,
      username: r.username,
      personId: r.person_id,
      displayName: r.full_name ?? r.username,
      active: bool(r.active),
      totpEnabled: bool(r.totp_enabled),
      lockedUntil: r.locked_until && r.locked_until > nowIso() ? r.locked_until : null,
      lastLoginAt: r.last_login_at,
      grants: grants
        .filter((g) => g.user_id === r.id && grantVisible(actor, g))
        .map((g) => ({ id: g.id, role: g.role as GrantRole, orgId: g.org_id, orgName: g.org_name ?? null })),
      version: r.version,
    }));
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  /** The account if the actor manages it (its person is in the user.manage scope), else 404. */
  private async managed(actor: Actor, userId: string) {
    const user = await this.repo().findById(userId);
    if (!user) throw errors.notFound();
    const scope = scopeOf(actor, 'user.manage');
    if (!scope.all) {
      const paths = await this.repo().orgPathsOfUser(userId);
      if (!paths.some((p) => canIn(actor, 'user.manage', p))) throw errors.notFound();
    }
    return user;
  }

  /**
   * For changes that hand the account to someone else or shut it (password, two-factor, activation):
   * the whole account must lie in the actor's scope — every membership and every grant — or a unit
   * administrator could take over an account that reaches beyond the unit (403: it is visible).
   */
  private async assertWhollyManaged(actor: Actor, userId: string): Promise<void> {
    if (scopeOf(actor, 'user.manage').all) return;
    const paths = await this.repo().orgPathsOfUser(userId);
    const grants = await this.repo().grantsOf([userId]);
    const outside =
      paths.some((p) => !canIn(actor, 'user.manage', p)) ||
      grants.some((g) => g.org_path === null || !canIn(actor, 'user.manage', g.org_path));
    if (outside) throw errors.forbidden();
  }

  async get(actor: Actor, userId: string): Promise<User> {
    const user = await this.managed(actor, userId);
    const person = user.person_id ? await new PeopleRepository(this.ctx.db).findById(user.person_id) : undefined;
    const grants = await this.repo().grantsOf([userId]);
    return {
      id: user.id,
      username: user.username,
      personId: user.person_id,
      displayName: person?.full_name ?? user.username,
      active: bool(user.active),
      totpEnabled: bool(user.totp_enabled),
      lockedUntil: user.locked_until && user.locked_until > nowIso() ? user.locked_until : null,
      lastLoginAt: user.last_login_at,
      grants: grants
        .filter((g) => grantVisible(actor, g))
        .map((g) => ({ id: g.id, role: g.role as GrantRole, orgId: g.org_id, orgName: g.org_name ?? null })),
      version: user.version,
    };
  }

  async create(actor: Actor, input: z.infer<typeof UserCreate>, opts: { isDemo?: boolean; mustChangePassword?: boolean } = {}) {
    assertAnywhere(actor, 'user.manage');
    if (input.personId) {
      const memberships = await new PeopleRepository(this.ctx.db).membershipsOf(input.personId);
      if (!memberships.some((m) => canIn(actor, 'person.read', m.org_path))) throw errors.notFound();
      if (!memberships.some((m) => canIn(actor, 'user.manage', m.org_path))) throw errors.forbidden();
    } else if (!scopeOf(actor, 'user.manage').all) {
      throw errors.invalidField(
        'personId',
        actor.locale === 'en' ? 'An account must belong to a person' : 'Tài khoản phải gắn với một cán bộ',
        'required',
      );
    }
    const id = newId();
    const now = nowIso();
    const password_hash = await hashPassword(input.password);
    await this.ctx.db.transaction().execute(async (trx) => {
      try {
        await this.repo(trx).insertUser({
          id,
          person_id: input.personId,
          username: input.username.toLowerCase(),
          password_hash,
          totp_secret: null,
          totp_enabled: false,
          failed_logins: 0,
          locked_until: null,
          must_change_password: opts.mustChangePassword ?? !opts.isDemo,
          locale: 'vi',
          active: true,
          is_demo: opts.isDemo ?? false,
          last_login_at: null,
          version: 1,
          created_at: now,
          updated_at: now,
        });
      } catch (err) {
        if (isUniqueViolation(err)) {
          throw new AppError('conflict', 409, { detail: 'username' }, [
            {
              path: input.personId && err instanceof Error && /person/.test(err.message) ? 'personId' : 'username',
              message: actor.locale === 'en' ? 'Already taken' : 'Tên đăng nhập đã tồn tại hoặc cán bộ đã có tài khoản',
              code: 'duplicate',
            },
          ]);
        }
        throw err;
      }
      await this.ctx.audit.record(trx, {
        actorUserId: actor.userId,
        action: 'user.create',
        entityType: 'user',
        entityId: id,
        before: null,
      });
    });
    return this.get(actor, id);
  }

  async update(actor: Actor, userId: string, input: z.infer<typeof UserUpdate>) {
    await this.managed(actor, userId);
    await this.assertWhollyManaged(actor, userId);
    if (userId === actor.userId && input.active === false) {
      throw errors.invalidField(
        'active',
        actor.locale === 'en' ? 'You cannot deactivate yourself' : 'Không thể tự khóa tài khoản của mình',
        'self',
      );
    }
    await this.ctx.db.transaction().execute(async (trx) => {
      const before = await loadSnapshot(trx, 'user', userId);
      const ok = await this.repo(trx).updateUser(userId, input.version, {
        ...(input.active !== undefined ? { active: input.active } : {}),
        updated_at: nowIso(),
      });
      if (!ok) throw errors.versionConflict();
      if (input.active === false) await this.repo(trx).deleteSessions(userId);
      await this.ctx.audit.record(trx, {
        actorUserId: actor.userId,
        action: input.active === false ? 'user.deactivate' : 'user.update',
        entityType: 'user',
        entityId: userId,
        before,
      });
    });
    return this.get(actor, userId);
  }

  /** Sets a temporary password that must be changed at next sign-in; ends the user's sessions. */
  async resetPassword(actor: Actor, userId: string, newPassword: string) {
    const user = await this.managed(actor, userId);
    await this.assertWhollyManaged(actor, userId);
    const password_hash = await hashPassword(newPassword);
    await this.ctx.db.transaction().execute(async (trx) => {
      const before = await loadSnapshot(trx, 'user', userId);
      await this.repo(trx).updateUser(userId, user.version, {
        password_hash,
        must_change_password: userId !== actor.userId,
        updated_at: nowIso(),
      });
      await this.repo(trx).clearLock(userId);
      await this.repo(trx).deleteSessions(userId);
      await this.ctx.audit.record(trx, {
        actorUserId: actor.userId,
        action: 'user.password_reset',
        entityType: 'user',
        entityId: userId,
        before,
      });
    });
    return this.get(actor, userId);
  }

  /** Turns off two-factor sign-in for a user who lost their phone. */
  async resetTotp(actor: Actor, userId: string) {
    const user = await this.managed(actor, userId);
    await this.assertWhollyManaged(actor, userId);
    await this.ctx.db.transaction().execute(async (trx) => {
      const before = await loadSnapshot(trx, 'user', userId);
      await this.repo(trx).updateUser(userId, user.version, { totp_enabled: false, totp_secret: null, updated_at: nowIso() });
      await this.repo(trx).deleteSessions(userId);
      await this.ctx.audit.record(trx, {
        actorUserId: actor.userId,
        action: 'user.totp_reset',
        entityType: 'user',
        entityId: userId,
        before,
      });
    });
    return this.get(actor, userId);
  }

  /** Grants a role on an org subtree the actor manages (system-wide only by a system administrator). */
  async addGrant(actor: Actor, userId: string, input: z.infer<typeof GrantCreate>) {
    await this.managed(actor, userId);
    const scope = scopeOf(actor, 'user.manage');
    let orgPath: string | null = null;
    if (input.orgId === null) {
      if (input.role !== 'system_admin')
        throw errors.invalidField(
          'orgId',
          actor.locale === 'en' ? 'Choose the org the role applies to' : 'Chọn đơn vị áp dụng vai trò',
          'required',
        );
      if (!scope.all) throw errors.forbidden();
    } else {
      const org = await new OrgRepository(this.ctx.db).findById(input.orgId);
      assertInScope(actor, 'org.read', org?.path);
      if (!canIn(actor, 'user.manage', org!.path)) throw errors.forbidden();
      orgPath = org!.path;
      // Nobody hands out more than they hold: system_admin is granted only by a system administrator.
      if (input.role === 'system_admin' && !scope.all) throw errors.forbidden();
    }
    if (await this.repo().grantExists(userId, input.role, input.orgId)) {
      throw new AppError('conflict', 409, { detail: actor.locale === 'en' ? 'role already granted' : 'vai trò đã được cấp' }, [
        { path: 'role', message: 'Vai trò đã được cấp', code: 'duplicate' },
      ]);
    }
    const id = newId();
    await this.ctx.db.transaction().execute(async (trx) => {
      await this.repo(trx).insertGrant({ id, user_id: userId, role: input.role, org_id: input.orgId, created_at: nowIso() });
      await this.ctx.audit.record(trx, {
        actorUserId: actor.userId,
        action: 'grant.create',
        entityType: 'role_grant',
        entityId: id,
        orgId: input.orgId,
        before: null,
      });
    });
    void orgPath;
    return this.get(actor, userId);
  }

  async removeGrant(actor: Actor, grantId: string) {
    const grant = await this.repo().findGrant(grantId);
    if (!grant) throw errors.notFound();
    await this.managed(actor, grant.user_id);
    // A grant on an org the actor cannot read is not shown to them: missing, as far as they know.
    if (!grantVisible(actor, grant)) throw errors.notFound();
    if (grant.org_path ? !canIn(actor, 'user.manage', grant.org_path) : !scopeOf(actor, 'user.manage').all) throw errors.forbidden();
    await this.ctx.db.transaction().execute(async (trx) => {
      const before = await loadSnapshot(trx, 'role_grant', grantId);
      await this.repo(trx).deleteGrant(grantId);
      await this.ctx.audit.record(trx, {
        actorUserId: actor.userId,
        action: 'grant.delete',
        entityType: 'role_grant',
        entityId: grantId,
        orgId: grant.org_id,
        before,
      });
    });
    return this.get(actor, grant.user_id);
  }
}
