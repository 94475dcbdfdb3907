/**
 * Must show (issue 3): two server instances on one PostgreSQL process 1,000 due reminders, and
 * each reminder e-mail arrives exactly once. Two database pools and two schedulers with their own
 * instance ids share one database and deliver 1,000 queued reminder e-mails (outbox rows with
 * their send jobs, as the reminder sweep queues them) to a real SMTP server at the same time.
 */
import { sql } from 'kysely';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AppContext } from '../src/context';
import { openDatabase, type DbHandle } from '../src/db/dialect';
import { AuditLog } from '../src/platform/audit';
import { closeMailTransports, queueMails } from '../src/platform/mail';
import { Scheduler } from '../src/platform/scheduler';
import { createTestContext, dialectName, type TestContext } from './support/harness';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink';

const REMINDERS = 1000;

const headerText = (m: ParsedMail, name: string): string => {
  const v = m.headers.get(name);
  return typeof v === 'string' ? v : '';
};
const PEOPLE = 25;

describe.runIf(dialectName === 'postgres')('two instances on one PostgreSQL', () => {
  let t: TestContext;
  let sink: SmtpSink;
  let first: DbHandle;
  let second: DbHandle;
  let people: { id: string; email: string }[];

  beforeAll(async () => {
    t = await createTestContext();
    sink = await startSmtpSink({ headersOnly: true });
    // Two connection pools to the same database, one per "server instance".
    const { rows } = await sql<{ db: string }>`select current_database() as db`.execute(t.ctx.db);
    const url = new URL(inject('pgUrl'));
    url.pathname = `/${rows[0]!.db}`;
    first = openDatabase({ databaseUrl: url.toString(), pgPoolSize: 10 });
    second = openDatabase({ databaseUrl: url.toString(), pgPoolSize: 10 });
    const org = await t.newOrg({ name: 'Phòng Quản lý Bưu chính' });
    people = [];
    for (let i = 0; i < PEOPLE; i++) {
      const email = `canbo${i}@sotttt.hanoi.gov.vn`;
      const p = await t.newPerson({ org, email, fullName: `Trần Thị Hà ${i}` });
      people.push({ id: p.id, email });
    }
  });
  afterAll(async () => {
    closeMailTransports();
    await sink.close();
    await first?.close();
    await second?.close();
    await t?.close();
  });

  it('each of 1,000 reminder e-mails arrives exactly once', async () => {
    const started = Date.now();
    // The reminder sweep's output: 1,000 reminder e-mails queued with their send jobs, in one transaction.
    await t.ctx.db.transaction().execute((trx) =>
      queueMails(
        trx,
        Array.from({ length: REMINDERS }, (_, i) => {
          const n = i + 1;
          return {
            to: people[n % PEOPLE]!.email,
            subject: `[Kỷ Cương] Đôn đốc nhiệm vụ số ${n}: báo cáo thực hiện Kế hoạch 31-KH/ĐU`,
            text: `Nhiệm vụ số ${n} sắp đến hạn; đề nghị đồng chí cập nhật tiến độ.`,
            dedupeKey: `reminder:${n}`,
          };
        }),
      ),
    );
    const config = { ...t.ctx.config, smtp: { url: sink.url }, mailFrom: 'Kỷ Cương <no-reply@kycuong.test>' };
    const appA: AppContext = { db: first.db, dialect: first.dialect, handle: first, audit: new AuditLog(config.auditHmacKey), config };
    // The same SMTP server written the other way, so instance B gets its own connection pool, as a separate process would.
    const configB = { ...config, smtp: { host: '127.0.0.1', port: sink.port, secure: false, user: undefined, pass: undefined } };
    const appB: AppContext = {
      db: second.db,
      dialect: second.dialect,
      handle: second,
      audit: new AuditLog(config.auditHmacKey),
      config: configB,
    };
    const a = new Scheduler(appA, { instanceId: 'instance-A', pollMs: 25, concurrency: 10 });
    const b = new Scheduler(appB, { instanceId: 'instance-B', pollMs: 25, concurrency: 10 });
    await Promise.all([a.start(), b.start()]);

    // Wait until no mail job is left to run (a generous guard, not a speed assertion).
    const pending = async () => {
      const r = await t.ctx.db
        .selectFrom('jobs')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('type', '=', 'mail.send')
        .where('status', 'in', ['queued', 'running'])
        .executeTakeFirstOrThrow();
      return Number(r.n);
    };
    const deadline = Date.now() + 150_000;
    while ((await pending()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await Promise.all([a.stop(), b.stop()]);

    const jobs = await t.ctx.db
      .selectFrom('jobs')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('type', '=', 'mail.send')
      .groupBy('status')
      .execute();
    expect(jobs.map((j) => ({ status: j.status, n: Number(j.n) }))).toEqual([{ status: 'done', n: REMINDERS }]);

    // The SMTP server got every reminder exactly once: 1,000 messages, 1,000 distinct Message-IDs,
    // each reminder's dedupe key once, each to its person.
    expect(sink.messages).toHaveLength(REMINDERS);
    expect(new Set(sink.messages.map((m) => m.messageId)).size).toBe(REMINDERS);
    const keys = sink.messages.map((m) => headerText(m, 'x-kycuong-dedupe-key'));
    expect(keys.sort()).toEqual(Array.from({ length: REMINDERS }, (_, i) => `reminder:${i + 1}`).sort());
    for (const m of sink.messages) {
      const n = Number(/số (\d+):/.exec(m.subject ?? '')?.[1]);
      expect(headerText(m, 'x-kycuong-dedupe-key')).toBe(`reminder:${n}`);
      expect(m.to && !Array.isArray(m.to) ? m.to.value[0]?.address : undefined).toBe(people[n % PEOPLE]!.email);
    }
    const outbox = await t.ctx.db.selectFrom('mail_outbox').select(['status', 'attempts']).execute();
    expect(outbox).toHaveLength(REMINDERS);
    expect(outbox.every((o) => o.status === 'sent' && o.attempts === 1)).toBe(true);

    // Both instances did part of the work (the claim lets them share it, it does not serialise them).
    const byInstance = { A: a.stats.done, B: b.stats.done };
    console.log(
      `[two instances] ${REMINDERS} mails in ${Date.now() - started} ms — sent by instance A: ${byInstance.A}, by instance B: ${byInstance.B}`,
    );
    expect(byInstance.A).toBeGreaterThan(0);
    expect(byInstance.B).toBeGreaterThan(0);
    expect(byInstance.A + byInstance.B).toBe(REMINDERS);
  }, 240_000);
});
