/**
 * The job scheduler of one server instance: claims due jobs from the shared `jobs` table, runs
 * their handlers, and records the outcome.
 *
 * Claiming is one statement — `UPDATE jobs SET status='running', locked_by=<me> … WHERE id IN
 * (SELECT id … WHERE status='queued' AND run_at <= now ORDER BY run_at LIMIT n FOR UPDATE SKIP
 * LOCKED) RETURNING *` — so on PostgreSQL concurrent instances take disjoint rows without
 * waiting on each other; on SQLite the single writer makes the same statement exclusive.
 * A claimed job carries a lease (`locked_until`) that the instance renews while the handler runs;
 * a job whose lease ran out (its instance crashed) goes back to the queue — or to `dead` when its
 * attempts are used up. Failures are retried with exponential backoff; `stop()` waits for
 * running handlers.
 */
import crypto from 'node:crypto';
import os from 'node:os';
import { sql } from 'kysely';
import type { AppContext } from '../context';
import { forUpdateSkipLocked } from '../db/dialect';
import type { Database } from '../db/schema';
import {
  enqueueNextOccurrence,
  handlerFor,
  handlerOptions,
  PermanentJobError,
  recurringDefinitions,
  recurringFor,
  resolveRule,
  nextOccurrence,
  occurrenceKey,
  RetryJobLater,
  type JobContext,
  type JobLogger,
} from './jobs';

type JobRow = Database['jobs'];

export interface SchedulerOptions {
  /** Names this instance in `locked_by` (default: host name + pid + random). */
  instanceId?: string;
  /** Idle wait between polls (default: config JOB_POLL_MS). */
  pollMs?: number;
  /** Handlers running at once (default: config JOB_CONCURRENCY). */
  concurrency?: number;
  /** Lease of a claimed job; renewed every third of it while the handler runs (default 5 min). */
  lockMs?: number;
  /** How often expired leases are looked for (default 30 s). */
  recoverEveryMs?: number;
  /** The clock (tests move it). */
  now?: () => Date;
  log?: JobLogger;
  /** Jitter of retry delays as a fraction (default 0.2: up to 20 % later). */
  retryJitter?: number;
}

const silentLog: JobLogger = { info: () => {}, warn: () => {}, error: () => {} };

function errorText(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`.slice(0, 2000);
  return String(err).slice(0, 2000);
}

/** Claims and runs jobs for one server instance; see the module comment. */
export class Scheduler {
  readonly instanceId: string;
  private readonly pollMs: number;
  private readonly concurrency: number;
  private readonly lockMs: number;
  private readonly recoverEveryMs: number;
  private readonly clock: () => Date;
  private readonly log: JobLogger;
  private readonly jitter: number;
  private readonly running = new Map<string, Promise<void>>();
  private loopDone: Promise<void> | null = null;
  private stopping = false;
  private wake: (() => void) | null = null;
  private lastRecovery = 0;
  private heartbeatTimer: NodeJS.Timeout | null = null;
  /** Jobs this instance finished, by outcome (for logs and tests). */
  readonly stats = { done: 0, retried: 0, failed: 0, dead: 0, deferred: 0 };

  constructor(
    private readonly app: AppContext,
    opts: SchedulerOptions = {},
  ) {
    this.instanceId = opts.instanceId ?? `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;
    this.pollMs = opts.pollMs ?? app.config.jobPollMs;
    this.concurrency = opts.concurrency ?? app.config.jobConcurrency;
    this.lockMs = opts.lockMs ?? 5 * 60_000;
    this.recoverEveryMs = opts.recoverEveryMs ?? 30_000;
    this.clock = opts.now ?? (() => new Date());
    this.log = opts.log ?? silentLog;
    this.jitter = opts.retryJitter ?? 0.2;
  }

  private get db() {
    return this.app.db;
  }

  private nowIso(offsetMs = 0): string {
    return new Date(this.clock().getTime() + offsetMs).toISOString();
  }

  /** Enqueues the next occurrence of every recurring schedule, then polls until `stop()`. */
  async start(): Promise<void> {
    if (this.loopDone) return;
    this.stopping = false;
    await this.ensureRecurring();
    // Leases are renewed on their own timer, so long handlers keep them even while every slot is busy.
    this.heartbeatTimer = setInterval(
      () => {
        this.heartbeat().catch((err: unknown) => this.log.error({ err }, 'could not renew job leases'));
      },
      Math.max(1000, Math.floor(this.lockMs / 3)),
    );
    this.heartbeatTimer.unref();
    this.loopDone = this.loop();
  }

  /** Stops claiming, then waits for the handlers that are running (at most `timeoutMs`). */
  async stop(timeoutMs = 8_000): Promise<void> {
    this.stopping = true;
    this.wake?.();
    const renew = this.heartbeatTimer;
    const all = Promise.allSettled([this.loopDone ?? Promise.resolve(), ...this.running.values()]);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
      timer.unref();
    });
    const r = await Promise.race([all, timeout]);
    clearTimeout(timer);
    if (r === 'timeout')
      this.log.warn(
        { running: [...this.running.keys()] },
        'scheduler stopped with jobs still running; their leases will expire and another instance will retry them',
      );
    if (renew) clearInterval(renew);
    this.heartbeatTimer = null;
    this.loopDone = null;
  }

  /**
   * Makes sure the next occurrence of each recurring schedule is queued, and drops queued future
   * occurrences that no longer match the rule (e.g. after DIGEST_HOUR changed).
   */
  async ensureRecurring(): Promise<void> {
    const now = this.clock();
    for (const def of recurringDefinitions()) {
      const next = nextOccurrence(resolveRule(def, this.app.config), now);
      await this.db
        .deleteFrom('jobs')
        .where('type', '=', def.type)
        .where('status', '=', 'queued')
        .where('dedupe_key', 'like', `recurring:${def.type}:%`)
        .where('dedupe_key', '!=', occurrenceKey(def.type, next))
        .where('run_at', '>', now.toISOString())
        .execute();
      await enqueueNextOccurrence(this.db, def, this.app.config, now);
    }
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      try {
        // Claim when at least half the slots are free, so one statement takes several jobs.
        if (this.running.size > this.concurrency / 2) {
          await Promise.race(this.running.values());
          continue;
        }
        const claimed = await this.claimAndStart(this.concurrency - this.running.size);
        if (claimed === 0) await this.idle();
      } catch (err) {
        this.log.error({ err }, 'job scheduler poll failed');
        await this.idle();
      }
    }
  }

  /** Waits `pollMs`, or less when a handler finishes or `stop()` is called. */
  private idle(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        if (this.wake === done) this.wake = null;
        resolve();
      };
      const timer = setTimeout(done, this.pollMs);
      this.wake = done;
    });
  }

  /**
   * One round, for tests and the CLI: recovers expired leases, claims what is due (up to the
   * concurrency), runs it and waits for it. Returns how many jobs ran.
   */
  async runOnce(): Promise<number> {
    await this.recoverExpired();
    const rows = await this.claim(this.concurrency);
    await Promise.all(rows.map((r) => this.execute(r)));
    return rows.length;
  }

  /** Rounds until nothing is due (at most `maxRounds`); returns how many jobs ran. */
  async runUntilIdle(maxRounds = 1000): Promise<number> {
    let total = 0;
    for (let i = 0; i < maxRounds; i++) {
      const n = await this.runOnce();
      if (n === 0) break;
      total += n;
    }
    return total;
  }

  private async claimAndStart(max: number): Promise<number> {
    const t = this.clock().getTime();
    if (t - this.lastRecovery >= this.recoverEveryMs) {
      this.lastRecovery = t;
      await this.recoverExpired();
    }
    const rows = await this.claim(max);
    for (const row of rows) {
      const p = this.execute(row)
        .catch((err: unknown) =>
          this.log.error({ jobId: row.id, err }, 'job outcome could not be recorded; its lease will expire and it will be retried'),
        )
        .finally(() => {
          this.running.delete(row.id);
          this.wake?.();
        });
      this.running.set(row.id, p);
    }
    return rows.length;
  }

  /** Takes up to `limit` due jobs for this instance, atomically (see the module comment). */
  async claim(limit: number): Promise<JobRow[]> {
    if (limit <= 0) return [];
    const now = this.nowIso();
    const db = this.db;
    return db
      .updateTable('jobs')
      .set({
        status: 'running',
        locked_by: this.instanceId,
        locked_until: this.nowIso(this.lockMs),
        attempts: sql<number>`attempts + 1`,
        started_at: now,
      })
      .where('id', 'in', (eb) =>
        forUpdateSkipLocked(
          db,
          eb
            .selectFrom('jobs')
            .select('id')
            .where('status', '=', 'queued')
            .where('run_at', '<=', now)
            .orderBy('run_at')
            .orderBy('id')
            .limit(limit),
        ),
      )
      .where('status', '=', 'queued')
      .returningAll()
      .execute();
  }

  /**
   * Running jobs whose lease expired belong to an instance that stopped without finishing them:
   * back to the queue, or `dead` when that was their last attempt. Returns how many.
   */
  async recoverExpired(): Promise<number> {
    const now = this.nowIso();
    // Jobs this instance is running are alive whatever their lease says (e.g. after a long event-loop stall).
    const mine = [...this.running.keys()];
    const expired = (status: 'queued' | 'dead') =>
      this.db
        .updateTable('jobs')
        .set({
          status,
          ...(status === 'dead' ? { finished_at: now } : { run_at: now }),
          last_error: sql<string>`'lease of ' || coalesce(locked_by, '?') || ' expired (instance stopped while running it)'`,
          locked_by: null,
          locked_until: null,
        })
        .where('status', '=', 'running')
        .where('locked_until', '<', now)
        .where((eb) => (status === 'dead' ? eb('attempts', '>=', eb.ref('max_attempts')) : eb('attempts', '<', eb.ref('max_attempts'))))
        .$if(mine.length > 0, (qb) => qb.where('id', 'not in', mine))
        .executeTakeFirst();
    const n = Number((await expired('dead')).numUpdatedRows) + Number((await expired('queued')).numUpdatedRows);
    if (n > 0) this.log.warn({ count: n }, 'recovered jobs whose lease expired');
    return n;
  }

  /** Renews the lease of the jobs this instance is running. */
  async heartbeat(): Promise<void> {
    if (this.running.size === 0) return;
    await this.db
      .updateTable('jobs')
      .set({ locked_until: this.nowIso(this.lockMs) })
      .where('id', 'in', [...this.running.keys()])
      .where('locked_by', '=', this.instanceId)
      .where('status', '=', 'running')
      .execute();
  }

  private retryDelay(type: string, attempt: number): number {
    const o = handlerOptions(type);
    const base = Math.min(o.backoffBaseMs * 2 ** (attempt - 1), o.backoffMaxMs);
    return Math.round(base * (1 + Math.random() * this.jitter));
  }

  private async execute(row: JobRow): Promise<void> {
    const registered = handlerFor(row.type);
    const retryAt = row.attempts < row.max_attempts ? this.nowIso(this.retryDelay(row.type, row.attempts)) : null;
    let doneInHandler = false;
    const ctx: JobContext = {
      app: this.app,
      job: {
        id: row.id,
        type: row.type,
        attempt: row.attempts,
        maxAttempts: row.max_attempts,
        runAt: row.run_at,
        dedupeKey: row.dedupe_key,
        retryAt,
      },
      instanceId: this.instanceId,
      log: this.log,
      now: this.clock,
      markDone: async (trx) => {
        const r = await trx
          .updateTable('jobs')
          .set({ status: 'done', finished_at: this.nowIso(), locked_by: null, locked_until: null })
          .where('id', '=', row.id)
          .where('locked_by', '=', this.instanceId)
          .where('status', '=', 'running')
          .executeTakeFirst();
        // Lease lost to another instance: abort the handler's transaction rather than commit its effects twice.
        if (Number(r.numUpdatedRows) !== 1) throw new Error(`job ${row.id} is no longer held by ${this.instanceId}`);
        doneInHandler = true;
      },
    };
    try {
      const def = recurringFor(row.type);
      // The next occurrence is queued before this one runs, so a failing run never ends the schedule.
      if (def) {
        const after = new Date(Math.max(this.clock().getTime(), new Date(row.run_at).getTime()));
        await enqueueNextOccurrence(this.db, def, this.app.config, after);
      }
      if (!registered) throw new Error(`no handler registered for job type ${row.type}`);
      await registered.handler(JSON.parse(row.payload) as never, ctx);
    } catch (err) {
      await this.recordFailure(row, err, retryAt);
      return;
    }
    if (!doneInHandler) await this.finish(row, { status: 'done' });
    this.stats.done++;
  }

  private async finish(row: JobRow, set: Partial<Pick<JobRow, 'status' | 'last_error' | 'run_at' | 'attempts'>>): Promise<void> {
    const terminal = set.status === 'done' || set.status === 'failed' || set.status === 'dead';
    const r = await this.db
      .updateTable('jobs')
      .set({ ...set, locked_by: null, locked_until: null, ...(terminal ? { finished_at: this.nowIso() } : {}) })
      .where('id', '=', row.id)
      // Only while the lease is still ours: after an expiry another instance may own the job.
      .where('locked_by', '=', this.instanceId)
      .where('status', '=', 'running')
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1)
      this.log.warn({ jobId: row.id, type: row.type }, 'job lease was lost before its outcome was recorded');
  }

  private async recordFailure(row: JobRow, err: unknown, retryAt: string | null): Promise<void> {
    const message = errorText(err);
    try {
      if (err instanceof RetryJobLater) {
        // Not a failure: give the attempt back.
        await this.finish(row, {
          status: 'queued',
          run_at: this.nowIso(err.delayMs),
          attempts: Math.max(0, row.attempts - 1),
          last_error: message,
        });
        this.stats.deferred++;
      } else if (err instanceof PermanentJobError) {
        await this.finish(row, { status: 'failed', last_error: message });
        this.stats.failed++;
        this.log.error({ jobId: row.id, type: row.type, error: message }, 'job failed permanently');
      } else if (retryAt === null) {
        await this.finish(row, { status: 'dead', last_error: message });
        this.stats.dead++;
        this.log.error({ jobId: row.id, type: row.type, attempts: row.attempts, error: message }, 'job dead after its last attempt');
      } else {
        await this.finish(row, { status: 'queued', run_at: retryAt, last_error: message });
        this.stats.retried++;
        this.log.warn({ jobId: row.id, type: row.type, attempt: row.attempts, retryAt, error: message }, 'job failed; will retry');
      }
    } catch (e) {
      // The lease will expire and recovery will requeue it.
      this.log.error({ jobId: row.id, err: e }, 'could not record a job failure');
    }
  }
}
