import type { JobListQuery, JobView, OutboxListQuery, OutboxMail, z } from '@kycuong/domain';
import type { AppContext } from '../../context';
import { scopeOf, type Actor } from '../../platform/access';
import { errors } from '../../platform/errors';
import { JobAdminRepository } from './jobs.repository';

/** What the background machinery is doing: jobs (dead and failed ones are kept) and the mail outbox. */
export class JobAdminService {
  constructor(private readonly ctx: AppContext) {}

  private repo() {
    // System-wide administrators only; to everyone else the feature does not exist.
    return new JobAdminRepository(this.ctx.db);
  }

  private assertAdmin(actor: Actor): void {
    if (!scopeOf(actor, 'system.configure').all) throw errors.notFound();
  }

  async list(actor: Actor, q: z.infer<typeof JobListQuery>) {
    this.assertAdmin(actor);
    const { rows, total } = await this.repo().jobs({
      status: q.status,
      type: q.type,
      limit: q.pageSize,
      offset: (q.page - 1) * q.pageSize,
    });
    const items: JobView[] = rows.map((r) => ({
      id: r.id,
      type: r.type,
      status: r.status,
      attempts: r.attempts,
      maxAttempts: r.max_attempts,
      runAt: r.run_at,
      lastError: r.last_error,
      lockedBy: r.locked_by,
      lockedUntil: r.locked_until,
      dedupeKey: r.dedupe_key,
      createdAt: r.created_at,
      finishedAt: r.finished_at,
    }));
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  async summary(actor: Actor) {
    this.assertAdmin(actor);
    return { items: await this.repo().summary() };
  }

  async outbox(actor: Actor, q: z.infer<typeof OutboxListQuery>) {
    this.assertAdmin(actor);
    const { rows, total } = await this.repo().outbox({ status: q.status, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
    const items: OutboxMail[] = rows.map((r) => ({
      id: r.id,
      to: r.to_address,
      subject: r.subject,
      status: r.status,
      attempts: r.attempts,
      nextAttemptAt: r.next_attempt_at,
      lastError: r.last_error,
      sentAt: r.sent_at,
      createdAt: r.created_at,
    }));
    return { items, total, page: q.page, pageSize: q.pageSize };
  }
}
