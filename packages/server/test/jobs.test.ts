import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  enqueue,
  localDate,
  nextOccurrence,
  occurrenceKey,
  PermanentJobError,
  registerHandler,
  registerRecurring,
  RetryJobLater,
} from '../src/platform/jobs';
import { Scheduler } from '../src/platform/scheduler';
import { createTestContext, type TestContext } from './support/harness';

const HOUR = 3_600_000;

/** A clock the test moves by hand, starting a second after the real now (so fresh jobs are due). */
function testClock() {
  let t = Date.now() + 1000;
  return {
    now: () => new Date(t),
    advance: (ms: number) => {
      t += ms;
    },
  };
}

describe('job scheduler', () => {
  let t: TestContext;
  const calls: Record<string, unknown[]> = {};
  const record = (type: string) => async (payload: unknown) => {
    (calls[type] ??= []).push(payload);
  };

  beforeAll(async () => {
    t = await createTestContext();
    registerHandler('test.ok', record('test.ok'));
    registerHandler(
      'test.flaky',
      async () => {
        throw new Error('SMTP tạm thời không trả lời');
      },
      { backoffBaseMs: 60_000, backoffMaxMs: 10 * 60_000 },
    );
    registerHandler('test.permanent', async () => {
      throw new PermanentJobError('người nhận không tồn tại');
    });
    registerHandler('test.later', async () => {
      throw new RetryJobLater('chưa đến lúc', 5 * 60_000);
    });
  });
  afterAll(() => t.close());

  const job = (id: string) => t.ctx.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('a job enqueued in a transaction that rolls back does not exist', async () => {
    const before = await t.ctx.db.selectFrom('jobs').select('id').where('type', '=', 'test.ok').execute();
    await expect(
      t.ctx.db.transaction().execute(async (trx) => {
        await enqueue(trx, { type: 'test.ok', payload: { n: 'rolled back' }, dedupeKey: 'rollback-1' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const after = await t.ctx.db.selectFrom('jobs').select('id').where('type', '=', 'test.ok').execute();
    expect(after.length).toBe(before.length);
    // The key was never taken, so the committed retry of the change gets its job.
    const again = await t.ctx.db
      .transaction()
      .execute((trx) => enqueue(trx, { type: 'test.ok', payload: { n: 'committed' }, dedupeKey: 'rollback-1' }));
    expect(again.created).toBe(true);
  });

  it('a repeated dedupe key is a no-op returning the existing job', async () => {
    const a = await enqueue(t.ctx.db, { type: 'test.ok', payload: { n: 1 }, dedupeKey: 'dedupe-x' });
    const b = await enqueue(t.ctx.db, { type: 'test.ok', payload: { n: 2 }, dedupeKey: 'dedupe-x' });
    expect(a.created).toBe(true);
    expect(b).toEqual({ id: a.id, created: false });
    const rows = await t.ctx.db.selectFrom('jobs').selectAll().where('dedupe_key', '=', 'dedupe-x').execute();
    expect(rows.map((r) => JSON.parse(r.payload) as unknown)).toEqual([{ n: 1 }]);
  });

  it('runs a due job once and marks it done; a future job waits for its time', async () => {
    const clock = testClock();
    const s = new Scheduler(t.ctx, { instanceId: 'run-once', now: clock.now, concurrency: 10 });
    await s.runUntilIdle(); // earlier tests' jobs
    calls['test.ok'] = [];
    const due = await enqueue(t.ctx.db, { type: 'test.ok', payload: { n: 'due' } });
    const later = await enqueue(t.ctx.db, { type: 'test.ok', payload: { n: 'later' }, runAt: new Date(clock.now().getTime() + 2 * HOUR) });
    expect(await s.runUntilIdle()).toBe(1);
    expect(calls['test.ok']).toEqual([{ n: 'due' }]);
    const done = await job(due.id);
    expect(done).toMatchObject({ status: 'done', attempts: 1, locked_by: null, locked_until: null });
    expect(done.finished_at).not.toBeNull();
    expect((await job(later.id)).status).toBe('queued');
    expect(await s.runUntilIdle()).toBe(0);
    clock.advance(2 * HOUR);
    expect(await s.runUntilIdle()).toBe(1);
    expect(calls['test.ok']).toEqual([{ n: 'due' }, { n: 'later' }]);
    expect((await job(later.id)).status).toBe('done');
  });

  it('retries a failing job with exponential backoff, then marks it dead keeping the last error', async () => {
    const clock = testClock();
    const s = new Scheduler(t.ctx, { instanceId: 'retry', now: clock.now, retryJitter: 0 });
    const { id } = await enqueue(t.ctx.db, { type: 'test.flaky', payload: {}, maxAttempts: 4 });
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      expect(await s.runOnce()).toBe(1);
      const row = await job(id);
      expect(row).toMatchObject({ status: 'queued', attempts: attempt, last_error: 'Error: SMTP tạm thời không trả lời' });
      delays.push(new Date(row.run_at).getTime() - clock.now().getTime());
      // Not due again before its backoff.
      expect(await s.runOnce()).toBe(0);
      clock.advance(delays[delays.length - 1]!);
    }
    // 1 min, 2 min, 4 min: doubling from the handler's base (no jitter here).
    expect(delays).toEqual([60_000, 120_000, 240_000]);
    expect(await s.runOnce()).toBe(1);
    const dead = await job(id);
    expect(dead).toMatchObject({ status: 'dead', attempts: 4, last_error: 'Error: SMTP tạm thời không trả lời' });
    expect(dead.finished_at).not.toBeNull();
    clock.advance(24 * HOUR);
    expect(await s.runOnce()).toBe(0);
  });

  it('caps the backoff at the handler maximum', async () => {
    const clock = testClock();
    const s = new Scheduler(t.ctx, { instanceId: 'cap', now: clock.now, retryJitter: 0 });
    const { id } = await enqueue(t.ctx.db, { type: 'test.flaky', payload: {}, maxAttempts: 10 });
    let last = 0;
    for (let i = 0; i < 6; i++) {
      await s.runOnce();
      last = new Date((await job(id)).run_at).getTime() - clock.now().getTime();
      clock.advance(last);
    }
    expect(last).toBe(10 * 60_000);
  });

  it('a permanent error fails the job at once; "retry later" does not use up an attempt', async () => {
    const clock = testClock();
    const s = new Scheduler(t.ctx, { instanceId: 'kinds', now: clock.now });
    const p = await enqueue(t.ctx.db, { type: 'test.permanent', payload: {} });
    const l = await enqueue(t.ctx.db, { type: 'test.later', payload: {}, maxAttempts: 1 });
    await s.runOnce();
    expect(await job(p.id)).toMatchObject({ status: 'failed', attempts: 1, last_error: 'PermanentJobError: người nhận không tồn tại' });
    for (let i = 0; i < 3; i++) {
      const row = await job(l.id);
      expect(row).toMatchObject({ status: 'queued', attempts: 0 });
      expect(new Date(row.run_at).getTime()).toBeGreaterThanOrEqual(clock.now().getTime() + 5 * 60_000 - 1);
      clock.advance(5 * 60_000);
      await s.runOnce();
    }
  });

  it('a job type without a handler is retried, not lost', async () => {
    const clock = testClock();
    const s = new Scheduler(t.ctx, { instanceId: 'unknown', now: clock.now });
    const { id } = await enqueue(t.ctx.db, { type: 'test.not-registered-yet', payload: { keep: true } });
    await s.runOnce();
    expect(await job(id)).toMatchObject({
      status: 'queued',
      attempts: 1,
      last_error: 'Error: no handler registered for job type test.not-registered-yet',
    });
    registerHandler('test.not-registered-yet', record('test.not-registered-yet'));
    clock.advance(HOUR);
    await s.runOnce();
    expect((await job(id)).status).toBe('done');
    expect(calls['test.not-registered-yet']).toEqual([{ keep: true }]);
  });

  it('recovers a job whose instance crashed (lease expired), and never takes one whose lease is live', async () => {
    const clock = testClock();
    const a = new Scheduler(t.ctx, { instanceId: 'A', now: clock.now, lockMs: 60_000 });
    const b = new Scheduler(t.ctx, { instanceId: 'B', now: clock.now, lockMs: 60_000 });
    await b.runUntilIdle();
    calls['test.ok'] = [];
    const { id } = await enqueue(t.ctx.db, { type: 'test.ok', payload: { n: 'crash' }, maxAttempts: 2 });
    // A claims it and "crashes" before running it.
    expect((await a.claim(10)).map((r) => r.id)).toEqual([id]);
    expect(await job(id)).toMatchObject({ status: 'running', locked_by: 'A', attempts: 1 });
    // Lease still live: B neither recovers nor runs it.
    expect(await b.runOnce()).toBe(0);
    expect(await job(id)).toMatchObject({ status: 'running', locked_by: 'A' });
    clock.advance(61_000);
    expect(await b.runOnce()).toBe(1);
    expect(await job(id)).toMatchObject({ status: 'done', attempts: 2 });
    expect(calls['test.ok']).toEqual([{ n: 'crash' }]);

    // Crashed again on its last attempt: dead, with the reason.
    const last = await enqueue(t.ctx.db, { type: 'test.ok', payload: { n: 'crash twice' }, maxAttempts: 1 });
    await a.claim(10);
    clock.advance(61_000);
    expect(await b.recoverExpired()).toBe(1);
    expect(await job(last.id)).toMatchObject({ status: 'dead', last_error: 'lease of A expired (instance stopped while running it)' });
  });

  it('a recurring schedule is enqueued once per occurrence however many instances start or run it', async () => {
    // 08:00 in Hà Nội on 10/03/2026 = 01:00 UTC; the next 07:00 there is 11/03 00:00 UTC.
    expect(nextOccurrence({ dailyAt: '07:00', timeZone: 'Asia/Ho_Chi_Minh' }, new Date('2026-03-10T01:00:00Z')).toISOString()).toBe(
      '2026-03-11T00:00:00.000Z',
    );
    expect(nextOccurrence({ dailyAt: '07:00' }, new Date('2026-03-09T23:59:59Z')).toISOString()).toBe('2026-03-10T00:00:00.000Z');
    expect(nextOccurrence({ everyMinutes: 15 }, new Date('2026-03-10T01:07:00Z')).toISOString()).toBe('2026-03-10T01:15:00.000Z');
    expect(localDate(new Date('2026-03-10T17:30:00Z'))).toBe('2026-03-11');

    registerHandler('test.sweep', record('test.sweep'));
    registerRecurring({ type: 'test.sweep', rule: { dailyAt: '07:00', timeZone: 'Asia/Ho_Chi_Minh' }, payload: { sweep: true } });
    const clock = testClock();
    const a = new Scheduler(t.ctx, { instanceId: 'A', now: clock.now });
    const b = new Scheduler(t.ctx, { instanceId: 'B', now: clock.now });
    await Promise.all([a.ensureRecurring(), b.ensureRecurring(), a.ensureRecurring()]);
    const queued = () => t.ctx.db.selectFrom('jobs').selectAll().where('type', '=', 'test.sweep').orderBy('run_at').execute();
    let rows = await queued();
    expect(rows).toHaveLength(1);
    const first = new Date(rows[0]!.run_at);
    expect(rows[0]!.dedupe_key).toBe(occurrenceKey('test.sweep', first));
    expect(first.getTime()).toBe(nextOccurrence({ dailyAt: '07:00' }, clock.now()).getTime());

    // Its time comes: both instances poll; it runs once and the next day's occurrence is queued once.
    clock.advance(first.getTime() - clock.now().getTime() + 1000);
    calls['test.sweep'] = [];
    await Promise.all([a.runUntilIdle(), b.runUntilIdle()]);
    await Promise.all([a.ensureRecurring(), b.ensureRecurring()]);
    expect(calls['test.sweep']).toEqual([{ sweep: true }]);
    rows = await queued();
    expect(rows.map((r) => r.status)).toEqual(['done', 'queued']);
    expect(new Date(rows[1]!.run_at).getTime() - first.getTime()).toBe(24 * HOUR);
  });

  it('a long-running job keeps renewing its lease, so no other instance takes it over', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    registerHandler('test.long', async () => {
      started();
      await gate;
    });
    const clock = testClock();
    const { id } = await enqueue(t.ctx.db, { type: 'test.long', payload: {} });
    // Lease 3 s, renewed every second of real time against the test clock.
    const a = new Scheduler(t.ctx, { instanceId: 'long-A', pollMs: 20, lockMs: 3000, now: clock.now });
    const b = new Scheduler(t.ctx, { instanceId: 'long-B', lockMs: 3000, now: clock.now });
    await a.start();
    await running;
    const firstLease = (await job(id)).locked_until!;
    // Far past the first lease: only a renewal can save the job from B's recovery.
    clock.advance(HOUR);
    const deadline = Date.now() + 20_000;
    while ((await job(id)).locked_until === firstLease && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(new Date((await job(id)).locked_until!).getTime()).toBeGreaterThan(new Date(firstLease).getTime() + HOUR - 1);
    expect(await b.recoverExpired()).toBe(0);
    expect(await job(id)).toMatchObject({ status: 'running', locked_by: 'long-A' });
    release();
    await a.stop();
    expect(await job(id)).toMatchObject({ status: 'done', attempts: 1 });
  });

  it('stop() waits for the handlers that are running', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    registerHandler('test.slow', async () => {
      started();
      await gate;
    });
    const { id } = await enqueue(t.ctx.db, { type: 'test.slow', payload: {} });
    const s = new Scheduler(t.ctx, { instanceId: 'stopper', pollMs: 20 });
    await s.start();
    await running;
    let stopped = false;
    const stopping = s.stop().then(() => (stopped = true));
    // The handler is still blocked on the gate, so stop() cannot have finished.
    await new Promise((r) => setImmediate(r));
    expect(stopped).toBe(false);
    expect((await job(id)).status).toBe('running');
    release();
    await stopping;
    expect((await job(id)).status).toBe('done');
  });
});
