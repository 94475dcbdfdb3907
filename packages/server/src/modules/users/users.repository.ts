import type { Scope } from '@kycuong/domain';
import { sql, type Kysely } from 'kysely';
import { matchesFolded } from '../../db/dialect';
import type { Database, UserRow } from '../../db/schema';
import { scopePredicate } from '../../platform/access';

/** SQL for accounts and role grants. */
export class UsersRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Accounts whose person belongs to the scope; technical accounts only for a system-wide scope. */
  async list(opts: { scope: Scope; foldedQuery?: string | undefined; limit: number; offset: number }) {
    let q = this.db
      .selectFrom('users as u')
      .leftJoin('people as p', 'p.id', 'u.person_id')
      .select([
        'u.id',
        'u.username',
        'u.person_id',
        'u.active',
        'u.totp_enabled',
        'u.locked_until',
        'u.last_login_at',
        'u.version',
        'p.full_name',
        'p.sort_key',
      ]);
    if (!opts.scope.all) {
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('memberships as m')
            .innerJoin('orgs as o', 'o.id', 'm.org_id')
            .select(sql.lit(1).as('one'))
            .whereRef('m.person_id', '=', 'u.person_id')
            .where(scopePredicate(opts.scope, 'o.path')),
        ),
      );
    }
    if (opts.foldedQuery) {
      const term = opts.foldedQuery;
      q = q.where((eb) =>
        eb.or([matchesFolded(this.db, 'people', 'p', term), eb('u.username', 'like', `%${term.replace(/[\\%_]/g, '')}%`)]),
      );
    }
    const countQ = q.clearSelect().select((eb) => eb.fn.countAll<number>().as('n'));
    const [rows, count] = await Promise.all([
      q.orderBy('p.sort_key').orderBy('u.username').limit(opts.limit).offset(opts.offset).execute(),
      countQ.executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  }

  findById(id: string): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Paths of the orgs the user's person belongs to (the account's place in the tree). */
  async orgPathsOfUser(userId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('users as u')
      .innerJoin('memberships as m', 'm.person_id', 'u.person_id')
      .innerJoin('orgs as o', 'o.id', 'm.org_id')
      .select('o.path')
      .where('u.id', '=', userId)
      .execute();
    return rows.map((r) => r.path);
  }

  grantsOf(userIds: string[]) {
    if (userIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('role_grants as g')
      .leftJoin('orgs as o', 'o.id', 'g.org_id')
      .select(['g.id', 'g.user_id', 'g.role', 'g.org_id', 'o.name as org_name', 'o.path as org_path'])
      .where('g.user_id', 'in', userIds)
      .orderBy('g.created_at')
      .execute();
  }

  findGrant(id: string) {
    return this.db
      .selectFrom('role_grants as g')
      .leftJoin('orgs as o', 'o.id', 'g.org_id')
      .select(['g.id', 'g.user_id', 'g.role', 'g.org_id', 'o.path as org_path'])
      .where('g.id', '=', id)
      .executeTakeFirst();
  }

  async insertUser(row: UserRow): Promise<void> {
    await this.db.insertInto('users').values(row).execute();
  }

  async updateUser(id: string, version: number, patch: Partial<Omit<UserRow, 'id' | 'version'>>): Promise<boolean> {
    const r = await this.db
      .updateTable('users')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async insertGrant(row: { id: string; user_id: string; role: string; org_id: string | null; created_at: string }): Promise<void> {
    await this.db.insertInto('role_grants').values(row).execute();
  }

  async deleteGrant(id: string): Promise<void> {
    await this.db.deleteFrom('role_grants').where('id', '=', id).execute();
  }

  /** Whether a grant with the same role and org exists (null org compared as null). */
  async grantExists(userId: string, role: string, orgId: string | null): Promise<boolean> {
    let q = this.db.selectFrom('role_grants').select('id').where('user_id', '=', userId).where('role', '=', role);
    q = orgId === null ? q.where('org_id', 'is', null) : q.where('org_id', '=', orgId);
    return !!(await q.executeTakeFirst());
  }

  async deleteSessions(userId: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('user_id', '=', userId).execute();
  }

  async clearLock(userId: string): Promise<void> {
    await this.db.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', userId).execute();
  }
}
