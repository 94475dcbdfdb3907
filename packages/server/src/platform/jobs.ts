/**
 * Durable jobs: the `jobs` table and the registry of what each job type does.
 *
 * A job is written with `enqueue` inside the caller's transaction, so it exists exactly when the
 * change that asked for it committed. The `Scheduler` (scheduler.ts) claims due jobs, runs the
 * registered handler, and retries failures with exponential backoff; everything lives in the
 * database, so jobs survive restarts and several instances share one table.
 *
 * Delivery is at-least-once: a handler can run again after a crash between its work and the
 * "done" mark, so handlers make their effects idempotent (dedupe keys on what they write, or a
 * status transition checked in one statement, as the mail outbox does).
 */
import type { Kysely } from 'kysely';
import type { Config } from '../config';
import type { AppContext } from '../context';
import { nowIso } from '../db/dialect';
import type { Database } from '../db/schema';
import { newId } from './ids';

export type JobStatus = Database['jobs']['status'];

export interface EnqueueInput<P = unknown> {
  type: string;
  /** JSON-serialisable. */
  payload: P;
  /** When it becomes due (default: now). */
  runAt?: Date | string;
  /** At most one job ever exists per key: a second enqueue with the same key is a no-op. */
  dedupeKey?: string;
  /** Default: the handler's `maxAttempts`, else 5. */
  maxAttempts?: number;
}

export interface EnqueueResult {
  id: string;
  /** False when a job with the same dedupe key already existed. */
  created: boolean;
}

/** What a handler learns about the job it runs. */
export interface JobInfo {
  id: string;
  type: string;
  /** This attempt's number, from 1. */
  attempt: number;
  maxAttempts: number;
  runAt: string;
  dedupeKey: string | null;
  /** When a failure of this attempt will be retried, or null when it is the last attempt. */
  retryAt: string | null;
}

export interface JobLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface JobContext {
  /** Database, audit writer and configuration of the instance running the job. */
  app: AppContext;
  job: JobInfo;
  instanceId: string;
  log: JobLogger;
  /** The scheduler's clock (tests move it). */
  now(): Date;
  /**
   * Marks the job done inside the handler's own transaction, so its database effects and the
   * "done" mark commit together: a crash before the commit leaves neither, a crash after leaves
   * both, and the job never runs twice for effects that live in the database. Optional — without
   * it the scheduler marks the job done after the handler returns.
   */
  markDone(trx: Kysely<Database>): Promise<void>;
}

export type JobHandler<P = unknown> = (payload: P, ctx: JobContext) => Promise<void>;

export interface HandlerOptions {
  /** Default attempts for jobs of this type (5). */
  maxAttempts?: number;
  /** First retry delay; doubles with each attempt (default 30 s). */
  backoffBaseMs?: number;
  /** Longest retry delay (default 1 h). */
  backoffMaxMs?: number;
}

interface RegisteredHandler {
  handler: JobHandler<never>;
  options: Required<HandlerOptions>;
}

const DEFAULT_HANDLER_OPTIONS: Required<HandlerOptions> = { maxAttempts: 5, backoffBaseMs: 30_000, backoffMaxMs: 3_600_000 };

const handlers = new Map<string, RegisteredHandler>();

/**
 * Says what jobs of `type` do. Call at module load (like `registerAuditedEntity`); registering a
 * type twice replaces the handler (module reloads in tests).
 */
export function registerHandler<P>(type: string, handler: JobHandler<P>, options: HandlerOptions = {}): void {
  handlers.set(type, { handler, options: { ...DEFAULT_HANDLER_OPTIONS, ...options } });
}

export function handlerFor(type: string): RegisteredHandler | undefined {
  return handlers.get(type);
}

/** Options of a type, or the defaults when nothing is registered (yet) for it. */
export function handlerOptions(type: string): Required<HandlerOptions> {
  return handlers.get(type)?.options ?? DEFAULT_HANDLER_OPTIONS;
}

/** A failure that retrying cannot fix: the job is marked `failed` at once. */
export class PermanentJobError extends Error {
  override readonly name = 'PermanentJobError';
}

/**
 * "Not now": the job goes back to the queue for `delayMs` without using up an attempt (e.g. no
 * SMTP server configured yet, or another instance is busy with the same mail).
 */
export class RetryJobLater extends Error {
  override readonly name = 'RetryJobLater';
  constructor(
    message: string,
    readonly delayMs: number,
  ) {
    super(message);
  }
}

const toIso = (d: Date | string | undefined): string =>
  d === undefined ? nowIso() : typeof d === 'string' ? new Date(d).toISOString() : d.toISOString();

/**
 * Queues a job. Pass the transaction of the change that needs it: the job then exists if and
 * only if that change commits. With a `dedupeKey` already used, nothing is written and the
 * existing job's id is returned.
 */
export async function enqueue<P>(db: Kysely<Database>, input: EnqueueInput<P>): Promise<EnqueueResult> {
  const id = newId();
  const maxAttempts = input.maxAttempts ?? handlerOptions(input.type).maxAttempts;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new RangeError(`maxAttempts must be a positive integer: ${maxAttempts}`);
  const inserted = await db
    .insertInto('jobs')
    .values({
      id,
      type: input.type,
      payload: JSON.stringify(input.payload ?? null),
      run_at: toIso(input.runAt),
      status: 'queued',
      attempts: 0,
      max_attempts: maxAttempts,
      last_error: null,
      locked_by: null,
      locked_until: null,
      dedupe_key: input.dedupeKey ?? null,
      created_at: nowIso(),
      started_at: null,
      finished_at: null,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return { id: inserted.id, created: true };
  const existing = await db
    .selectFrom('jobs')
    .select('id')
    .where('dedupe_key', '=', input.dedupeKey ?? null)
    .executeTakeFirstOrThrow();
  return { id: existing.id, created: false };
}

/**
 * Queues many jobs in one statement per 500 (same rules as `enqueue`: in the caller's transaction,
 * a used dedupe key is skipped). Returns how many were created.
 */
export async function enqueueMany<P>(db: Kysely<Database>, inputs: readonly EnqueueInput<P>[]): Promise<number> {
  let created = 0;
  const now = nowIso();
  for (let i = 0; i < inputs.length; i += 500) {
    const rows = inputs.slice(i, i + 500).map((input) => {
      const maxAttempts = input.maxAttempts ?? handlerOptions(input.type).maxAttempts;
      if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new RangeError(`maxAttempts must be a positive integer: ${maxAttempts}`);
      return {
        id: newId(),
        type: input.type,
        payload: JSON.stringify(input.payload ?? null),
        run_at: input.runAt === undefined ? now : toIso(input.runAt),
        status: 'queued' as const,
        attempts: 0,
        max_attempts: maxAttempts,
        last_error: null,
        locked_by: null,
        locked_until: null,
        dedupe_key: input.dedupeKey ?? null,
        created_at: now,
        started_at: null,
        finished_at: null,
      };
    });
    const inserted = await db
      .insertInto('jobs')
      .values(rows)
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .returning('id')
      .execute();
    created += inserted.length;
  }
  return created;
}

// ---------------------------------------------------------------------------------------------
// Recurring schedules

/** Every day at a wall-clock time of a time zone, or every N minutes (aligned to the epoch). */
export type RecurrenceRule = { dailyAt: string; timeZone?: string } | { everyMinutes: number };

export interface RecurringDefinition<P = unknown> {
  /** The job type (a handler must be registered for it); one schedule per type. */
  type: string;
  /** The rule, or a function of the configuration (e.g. the digest hour). */
  rule: RecurrenceRule | ((config: Config) => RecurrenceRule);
  payload?: P;
  maxAttempts?: number;
}

const recurring = new Map<string, RecurringDefinition>();

/**
 * Runs jobs of `type` on a schedule. Each occurrence is a job whose dedupe key names the type
 * and the instant, so every instance may (and does) enqueue the next occurrence and only one
 * row results. The scheduler enqueues the next occurrence when it starts and whenever an
 * occurrence runs; an occurrence missed while no instance ran still runs once at the next start.
 */
export function registerRecurring<P>(def: RecurringDefinition<P>): void {
  recurring.set(def.type, def);
}

export function recurringDefinitions(): RecurringDefinition[] {
  return [...recurring.values()];
}

export function recurringFor(type: string): RecurringDefinition | undefined {
  return recurring.get(type);
}

/** The dedupe key of one occurrence. */
export function occurrenceKey(type: string, at: Date): string {
  return `recurring:${type}:${at.toISOString()}`;
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** Offset of `timeZone` from UTC at `instant`, in minutes (+420 for Asia/Ho_Chi_Minh). */
function zoneOffsetMinutes(instant: Date, timeZone: string): number {
  let f = offsetFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    offsetFormatters.set(timeZone, f);
  }
  const name = f.formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  if (!m) return 0;
  const sign = m[1] === '-' ? -1 : 1;
  return sign * (Number(m[2]) * 60 + Number(m[3] ?? 0));
}

/** The calendar date (`YYYY-MM-DD`) of an instant in a time zone. */
export function localDate(instant: Date, timeZone = 'Asia/Ho_Chi_Minh'): string {
  const shifted = new Date(instant.getTime() + zoneOffsetMinutes(instant, timeZone) * 60_000);
  return shifted.toISOString().slice(0, 10);
}

/** The first occurrence of `rule` strictly after `after`. */
export function nextOccurrence(rule: RecurrenceRule, after: Date): Date {
  if ('everyMinutes' in rule) {
    if (!Number.isInteger(rule.everyMinutes) || rule.everyMinutes < 1) throw new RangeError(`everyMinutes must be a positive integer`);
    const period = rule.everyMinutes * 60_000;
    return new Date((Math.floor(after.getTime() / period) + 1) * period);
  }
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(rule.dailyAt);
  if (!m) throw new RangeError(`dailyAt must be HH:MM: ${rule.dailyAt}`);
  const tz = rule.timeZone ?? 'Asia/Ho_Chi_Minh';
  const [h, min] = [Number(m[1]), Number(m[2])];
  let day = localDate(after, tz);
  for (let i = 0; i < 3; i++) {
    const [y, mo, d] = day.split('-').map(Number) as [number, number, number];
    const guess = Date.UTC(y, mo - 1, d, h, min);
    // Wall-clock time → instant: subtract the zone's offset at (about) that instant.
    const at = new Date(guess - zoneOffsetMinutes(new Date(guess), tz) * 60_000);
    if (at.getTime() > after.getTime()) return at;
    day = new Date(Date.UTC(y, mo - 1, d + 1)).toISOString().slice(0, 10);
  }
  throw new Error(`no occurrence of ${rule.dailyAt} found after ${after.toISOString()}`);
}

export function resolveRule(def: RecurringDefinition, config: Config): RecurrenceRule {
  return typeof def.rule === 'function' ? def.rule(config) : def.rule;
}

/** Enqueues the occurrence of a recurring type that follows `after` (idempotent across instances). */
export async function enqueueNextOccurrence(
  db: Kysely<Database>,
  def: RecurringDefinition,
  config: Config,
  after: Date,
): Promise<EnqueueResult & { runAt: Date }> {
  const runAt = nextOccurrence(resolveRule(def, config), after);
  const r = await enqueue(db, {
    type: def.type,
    payload: def.payload ?? {},
    runAt,
    dedupeKey: occurrenceKey(def.type, runAt),
    ...(def.maxAttempts ? { maxAttempts: def.maxAttempts } : {}),
  });
  return { ...r, runAt };
}
