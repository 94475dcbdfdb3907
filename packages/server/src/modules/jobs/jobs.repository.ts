import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/** Read-only SQL over the job table and the mail outbox, for administrators. */
export class JobAdminRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async jobs(opts: { status?: Database['jobs']['status'] | undefined; type?: string | undefined; limit: number; offset: number }) {
    let q = this.db.selectFrom('jobs');
    if (opts.status) q = q.where('status', '=', opts.status);
    if (opts.type) q = q.where('type', '=', opts.type);
    const [rows, count] = await Promise.all([
      q
        .select([
          'id',
          'type',
          'status',
          'attempts',
          'max_attempts',
          'run_at',
          'last_error',
          'locked_by',
          'locked_until',
          'dedupe_key',
          'created_at',
          'finished_at',
        ])
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(opts.limit)
        .offset(opts.offset)
        .execute(),
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  }

  async summary() {
    const rows = await this.db
      .selectFrom('jobs')
      .select((eb) => ['type', 'status', eb.fn.countAll<number>().as('n')])
      .groupBy(['type', 'status'])
      .orderBy('type')
      .orderBy('status')
      .execute();
    return rows.map((r) => ({ type: r.type, status: r.status, count: Number(r.n) }));
  }

  async outbox(opts: { status?: Database['mail_outbox']['status'] | undefined; limit: number; offset: number }) {
    let q = this.db.selectFrom('mail_outbox');
    if (opts.status) q = q.where('status', '=', opts.status);
    const [rows, count] = await Promise.all([
      q
        .select(['id', 'to_address', 'subject', 'status', 'attempts', 'next_attempt_at', 'last_error', 'sent_at', 'created_at'])
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(opts.limit)
        .offset(opts.offset)
        .execute(),
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  }
}
