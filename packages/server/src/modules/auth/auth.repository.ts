import type { Role, ScopedGrant } from '@kycuong/domain';
import type { Kysely } from 'kysely';
import { bool } from '../../db/dialect';
import type { Database, UserRow } from '../../db/schema';

/** SQL for accounts, sessions and the grants that make up an actor. */
export class AuthRepository {
  constructor(private readonly db: Kysely<Database>) {}

  findUserByUsername(username: string): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  }

  findUser(id: string): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async recordFailure(userId: string, failures: number, lockedUntil: string | null): Promise<void> {
    await this.db.updateTable('users').set({ failed_logins: failures, locked_until: lockedUntil }).where('id', '=', userId).execute();
  }

  async recordSuccess(userId: string, at: string): Promise<void> {
    await this.db.updateTable('users').set({ failed_logins: 0, locked_until: null, last_login_at: at }).where('id', '=', userId).execute();
  }

  async createSession(s: {
    id: string;
    userId: string;
    csrfToken: string;
    now: string;
    expiresAt: string;
    userAgent: string | null;
  }): Promise<void> {
    await this.db
      .insertInto('sessions')
      .values({
        id: s.id,
        user_id: s.userId,
        csrf_token: s.csrfToken,
        created_at: s.now,
        expires_at: s.expiresAt,
        last_seen_at: s.now,
        user_agent: s.userAgent,
      })
      .execute();
  }

  /** The session with its user, if not expired and the user is active. */
  async findSession(id: string, now: string) {
    const row = await this.db
      .selectFrom('sessions as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .leftJoin('people as p', 'p.id', 'u.person_id')
      .select([
        's.id as sessionId',
        's.csrf_token as csrfToken',
        's.last_seen_at as lastSeenAt',
        'u.id as userId',
        'u.username',
        'u.person_id as personId',
        'u.locale',
        'u.active',
        'u.totp_enabled as totpEnabled',
        'u.must_change_password as mustChangePassword',
        'p.full_name as fullName',
      ])
      .where('s.id', '=', id)
      .where('s.expires_at', '>', now)
      .executeTakeFirst();
    if (!row || !bool(row.active)) return undefined;
    return { ...row, totpEnabled: bool(row.totpEnabled), mustChangePassword: bool(row.mustChangePassword) };
  }

  async touchSession(id: string, now: string, expiresAt: string): Promise<void> {
    await this.db.updateTable('sessions').set({ last_seen_at: now, expires_at: expiresAt }).where('id', '=', id).execute();
  }

  async deleteSession(id: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id', '=', id).execute();
  }

  /** Ends every session of a user, optionally keeping one (after a password change). */
  async deleteUserSessions(userId: string, exceptId?: string): Promise<void> {
    let q = this.db.deleteFrom('sessions').where('user_id', '=', userId);
    if (exceptId) q = q.where('id', '!=', exceptId);
    await q.execute();
  }

  async deleteExpiredSessions(now: string): Promise<number> {
    const r = await this.db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  /**
   * Explicit grants (with the org's path; null for system-wide) and the implied member role on
   * every org the user's person belongs to, in one round trip.
   */
  async grantsOf(userId: string, personId: string | null): Promise<ScopedGrant[]> {
    const explicit = this.db
      .selectFrom('role_grants as g')
      .leftJoin('orgs as o', 'o.id', 'g.org_id')
      .select(['g.role as role', 'o.path as orgPath'])
      .where('g.user_id', '=', userId);
    const rows = personId
      ? await explicit
          .unionAll(
            this.db
              .selectFrom('memberships as m')
              .innerJoin('orgs as o', 'o.id', 'm.org_id')
              .select([(eb) => eb.val('member').as('role'), 'o.path as orgPath'])
              .where('m.person_id', '=', personId),
          )
          .execute()
      : await explicit.execute();
    return rows.map((r) => ({ role: r.role as Role, orgPath: r.orgPath ?? null }));
  }

  async grantsWithOrgs(userId: string) {
    return this.db
      .selectFrom('role_grants as g')
      .leftJoin('orgs as o', 'o.id', 'g.org_id')
      .select(['g.id', 'g.role', 'g.org_id as orgId', 'o.name as orgName'])
      .where('g.user_id', '=', userId)
      .orderBy('g.created_at')
      .execute();
  }

  /** Changes password or two-factor columns; the caller audits it in the same transaction. */
  async updateCredentials(
    userId: string,
    patch: { password_hash?: string; must_change_password?: boolean; totp_secret?: string | null; totp_enabled?: boolean },
    now: string,
  ): Promise<void> {
    await this.db
      .updateTable('users')
      .set((eb) => ({ ...patch, updated_at: now, version: eb('version', '+', 1) }))
      .where('id', '=', userId)
      .execute();
  }

  async setLocale(userId: string, locale: string): Promise<void> {
    await this.db.updateTable('users').set({ locale }).where('id', '=', userId).execute();
  }
}
