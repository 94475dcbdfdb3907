import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database, NotificationPreferencesTable, NotificationsTable } from '../../db/schema';

export type NotificationRow = Selectable<NotificationsTable>;
export type PreferencesRow = Selectable<NotificationPreferencesTable>;

/** Who a notification reaches: the person, their e-mail and (if they have an account) their preferences. */
export interface RecipientRow {
  person_id: string;
  email: string | null;
  active: boolean | number;
  user_id: string | null;
  user_active: boolean | number | null;
  email_enabled: boolean | number | null;
  digest_enabled: boolean | number | null;
  email_by_kind: string | null;
}

/** SQL of the inbox and notification preferences; every inbox query is restricted to one person. */
export class NotificationRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async list(
    personId: string,
    opts: { unread: boolean; limit: number; offset: number },
  ): Promise<{ rows: NotificationRow[]; total: number }> {
    let q = this.db.selectFrom('notifications').where('person_id', '=', personId);
    if (opts.unread) q = q.where('read_at', 'is', null);
    const [rows, count] = await Promise.all([
      q.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(opts.limit).offset(opts.offset).execute(),
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  }

  async unreadCount(personId: string): Promise<number> {
    const r = await this.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('person_id', '=', personId)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  findOwn(personId: string, id: string): Promise<NotificationRow | undefined> {
    return this.db.selectFrom('notifications').selectAll().where('id', '=', id).where('person_id', '=', personId).executeTakeFirst();
  }

  async markRead(personId: string, id: string, now: string): Promise<void> {
    await this.db
      .updateTable('notifications')
      .set({ read_at: now })
      .where('id', '=', id)
      .where('person_id', '=', personId)
      .where('read_at', 'is', null)
      .execute();
  }

  async markAllRead(personId: string, now: string): Promise<number> {
    const r = await this.db
      .updateTable('notifications')
      .set({ read_at: now })
      .where('person_id', '=', personId)
      .where('read_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  getPreferences(userId: string): Promise<PreferencesRow | undefined> {
    return this.db.selectFrom('notification_preferences').selectAll().where('user_id', '=', userId).executeTakeFirst();
  }

  /** Writes preferences if `expectedVersion` still holds (0: none saved yet); false on a concurrent change. */
  async putPreferences(
    userId: string,
    expectedVersion: number,
    values: Pick<PreferencesRow, 'email_enabled' | 'digest_enabled' | 'email_by_kind'>,
    now: string,
  ): Promise<boolean> {
    if (expectedVersion === 0) {
      const r = await this.db
        .insertInto('notification_preferences')
        .values({ user_id: userId, ...values, version: 1, updated_at: now })
        .onConflict((oc) => oc.column('user_id').doNothing())
        .returning('user_id')
        .executeTakeFirst();
      return r !== undefined;
    }
    const r = await this.db
      .updateTable('notification_preferences')
      .set({ ...values, version: expectedVersion + 1, updated_at: now })
      .where('user_id', '=', userId)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** People with their e-mail and, through their account, their preferences. */
  recipients(personIds: readonly string[]): Promise<RecipientRow[]> {
    if (personIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('people as p')
      .leftJoin('users as u', 'u.person_id', 'p.id')
      .leftJoin('notification_preferences as np', 'np.user_id', 'u.id')
      .select([
        'p.id as person_id',
        'p.email',
        'p.active',
        'u.id as user_id',
        'u.active as user_active',
        'np.email_enabled',
        'np.digest_enabled',
        'np.email_by_kind',
      ])
      .where('p.id', 'in', personIds)
      .execute();
  }

  /** Inserts inbox rows; a row whose dedupe key exists is skipped. Returns the rows written. */
  async insert(rows: Insertable<NotificationsTable>[]): Promise<{ id: string; person_id: string }[]> {
    if (rows.length === 0) return [];
    return this.db
      .insertInto('notifications')
      .values(rows)
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .returning(['id', 'person_id'])
      .execute();
  }

  /** People with unread notifications, after `afterPersonId` in id order (keyset pages for the digest). */
  async unreadByPerson(afterPersonId: string, limit: number): Promise<{ person_id: string; unread: number }[]> {
    const rows = await this.db
      .selectFrom('notifications')
      .select((eb) => ['person_id', eb.fn.countAll<number>().as('unread')])
      .where('read_at', 'is', null)
      .where('person_id', '>', afterPersonId)
      .groupBy('person_id')
      .orderBy('person_id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ person_id: r.person_id, unread: Number(r.unread) }));
  }

  latestUnread(personId: string, limit: number): Promise<NotificationRow[]> {
    return this.db
      .selectFrom('notifications')
      .selectAll()
      .where('person_id', '=', personId)
      .where('read_at', 'is', null)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
  }
}
