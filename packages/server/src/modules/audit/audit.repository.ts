import type { Scope } from '@kycuong/domain';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { scopePredicate } from '../../platform/access';

/** Reads of the audit log, scoped by the org each record concerns. */
export class AuditRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async list(opts: {
    scope: Scope;
    entityType?: string | undefined;
    entityId?: string | undefined;
    action?: string | undefined;
    actorUserId?: string | undefined;
    from?: string | undefined;
    to?: string | undefined;
    limit: number;
    offset: number;
  }) {
    let q = this.db
      .selectFrom('audit_log as a')
      .leftJoin('orgs as o', 'o.id', 'a.org_id')
      .leftJoin('users as u', 'u.id', 'a.actor_user_id')
      .leftJoin('people as p', 'p.id', 'u.person_id');
    // Records without an org (accounts, settings) are only for a system-wide scope.
    if (!opts.scope.all) q = q.where(scopePredicate(opts.scope, 'o.path'));
    if (opts.entityType) q = q.where('a.entity_type', '=', opts.entityType);
    if (opts.entityId) q = q.where('a.entity_id', '=', opts.entityId);
    if (opts.action) q = q.where('a.action', '=', opts.action);
    if (opts.actorUserId) q = q.where('a.actor_user_id', '=', opts.actorUserId);
    if (opts.from) q = q.where('a.at', '>=', `${opts.from}T00:00:00.000Z`);
    if (opts.to) q = q.where('a.at', '<', nextDay(opts.to));
    const [rows, count] = await Promise.all([
      q
        .select([
          'a.id',
          'a.seq',
          'a.at',
          'a.actor_user_id',
          'a.action',
          'a.entity_type',
          'a.entity_id',
          'a.org_id',
          'a.before',
          'a.after',
          'p.full_name',
          'u.username',
        ])
        .orderBy('a.seq', 'desc')
        .limit(opts.limit)
        .offset(opts.offset)
        .execute(),
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  }
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString();
}
