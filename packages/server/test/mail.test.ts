import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../src/context';
import { enqueue, type JobLogger } from '../src/platform/jobs';
import { closeMailTransports, MAIL_SEND_JOB, queueMail } from '../src/platform/mail';
import { Scheduler } from '../src/platform/scheduler';
import { createTestContext, type TestContext } from './support/harness';
import { freePort, startSmtpSink, type SmtpSink } from './support/smtp-sink';

const SUBJECT = 'Đôn đốc lần 2: Báo cáo kết quả thực hiện Chỉ thị 24-CT/TU về kỷ cương, kỷ luật';
const BODY =
  'Kính gửi đồng chí Nguyễn Thị Hường,\nĐề nghị Phòng Quản lý Bưu chính cập nhật tiến độ trước ngày 26/02/2026.\nTrân trọng — Văn phòng Đảng ủy Sở.';

describe('mail outbox over SMTP', () => {
  let t: TestContext;
  let sink: SmtpSink;
  let app: AppContext;

  beforeAll(async () => {
    t = await createTestContext();
    sink = await startSmtpSink({ refuse: /^khong-ton-tai@/ });
    app = { ...t.ctx, config: { ...t.ctx.config, smtp: { url: sink.url }, mailFrom: 'Kỷ Cương <no-reply@kycuong.test>' } };
  });
  afterAll(async () => {
    closeMailTransports();
    await sink.close();
    await t.close();
  });

  const outbox = (id: string) => t.ctx.db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const jobOf = (outboxId: string) =>
    t.ctx.db.selectFrom('jobs').selectAll().where('dedupe_key', '=', `mail:${outboxId}`).executeTakeFirstOrThrow();
  const received = (id: string) => sink.messages.filter((m) => m.messageId === `<${id}@kycuong.test>`);

  it('a mail queued in a transaction that rolls back leaves no outbox row and no job', async () => {
    const before = await t.ctx.db.selectFrom('mail_outbox').select('id').execute();
    const jobsBefore = await t.ctx.db.selectFrom('jobs').select('id').where('type', '=', MAIL_SEND_JOB).execute();
    await expect(
      t.ctx.db.transaction().execute(async (trx) => {
        await queueMail(trx, { to: 'a@example.vn', subject: SUBJECT, text: BODY });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await t.ctx.db.selectFrom('mail_outbox').select('id').execute()).toHaveLength(before.length);
    expect(await t.ctx.db.selectFrom('jobs').select('id').where('type', '=', MAIL_SEND_JOB).execute()).toHaveLength(jobsBefore.length);
  });

  it('delivers a Vietnamese subject and body intact, once, and records it as sent', async () => {
    const { id } = await t.ctx.db
      .transaction()
      .execute((trx) =>
        queueMail(trx, { to: 'huong.nt@sotttt.hanoi.gov.vn', subject: SUBJECT, text: BODY, html: `<p>${BODY.replace(/\n/g, '<br>')}</p>` }),
      );
    expect(await outbox(id)).toMatchObject({ status: 'queued', attempts: 0 });
    const s = new Scheduler(app, { instanceId: 'mail-1' });
    await s.runUntilIdle();
    const got = received(id);
    expect(got).toHaveLength(1);
    expect(got[0]!.subject).toBe(SUBJECT);
    expect(got[0]!.text?.trimEnd()).toBe(BODY);
    expect(got[0]!.html).toContain('Phòng Quản lý Bưu chính');
    expect(got[0]!.from?.value[0]).toMatchObject({ name: 'Kỷ Cương', address: 'no-reply@kycuong.test' });
    expect(got[0]!.headers.get('x-kycuong-outbox-id')).toBe(id);
    const row = await outbox(id);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, message_id: `<${id}@kycuong.test>`, last_error: null, locked_until: null });
    expect(row.sent_at).not.toBeNull();
    expect((await jobOf(id)).status).toBe('done');
    // A stray second send job for the same row finds it sent and sends nothing.
    await enqueue(t.ctx.db, { type: MAIL_SEND_JOB, payload: { outboxId: id } });
    await s.runUntilIdle();
    expect(received(id)).toHaveLength(1);
  });

  it('a repeated dedupe key queues nothing more', async () => {
    const a = await queueMail(t.ctx.db, {
      to: 'a@example.vn',
      subject: 'Tổng hợp ngày 26/02/2026',
      text: 'x',
      dedupeKey: 'digest:p1:2026-02-26',
    });
    const b = await queueMail(t.ctx.db, {
      to: 'a@example.vn',
      subject: 'Tổng hợp ngày 26/02/2026',
      text: 'y',
      dedupeKey: 'digest:p1:2026-02-26',
    });
    expect(b).toEqual({ id: a.id, created: false });
    await new Scheduler(app, { instanceId: 'mail-2' }).runUntilIdle();
    expect(received(a.id)).toHaveLength(1);
    expect(received(a.id)[0]!.text?.trim()).toBe('x');
  });

  it('with the SMTP server down the mail is retried with backoff and delivered once it is back', async () => {
    const port = await freePort();
    const downApp: AppContext = {
      ...app,
      config: { ...app.config, smtp: { host: '127.0.0.1', port, secure: false, user: undefined, pass: undefined } },
    };
    let now = Date.now() + 1000;
    const s = new Scheduler(downApp, { instanceId: 'mail-down', now: () => new Date(now), retryJitter: 0 });
    const { id } = await queueMail(t.ctx.db, {
      to: 'vanthu@example.vn',
      subject: 'Nhắc việc: hạn báo cáo quý I',
      text: 'Còn 2 ngày làm việc.',
    });
    await s.runUntilIdle();
    let row = await outbox(id);
    expect(row).toMatchObject({ status: 'queued', attempts: 1 });
    expect(row.last_error).toMatch(/ECONNREFUSED|connect/i);
    let job = await jobOf(id);
    expect(job).toMatchObject({ status: 'queued', attempts: 1 });
    expect(new Date(job.run_at).getTime()).toBe(now + 30_000);
    expect(row.next_attempt_at).toBe(job.run_at);
    // Still down at the first retry: the delay doubles.
    now += 30_000;
    await s.runUntilIdle();
    job = await jobOf(id);
    expect(job).toMatchObject({ status: 'queued', attempts: 2 });
    expect(new Date(job.run_at).getTime()).toBe(now + 60_000);
    // The server comes back on that port.
    const back = await startSmtpSink({ port });
    try {
      now += 60_000;
      await s.runUntilIdle();
      row = await outbox(id);
      expect(row).toMatchObject({ status: 'sent', attempts: 3 });
      expect(back.messages.map((m) => m.subject)).toEqual(['Nhắc việc: hạn báo cáo quý I']);
      expect((await jobOf(id)).status).toBe('done');
    } finally {
      closeMailTransports();
      await back.close();
    }
  });

  it('without SMTP configured the mail stays queued, uses no attempt, and says so in the log', async () => {
    const warnings: string[] = [];
    const log: JobLogger = { info: () => {}, error: () => {}, warn: (_o, msg) => warnings.push(msg ?? '') };
    const noSmtp: AppContext = { ...t.ctx, config: { ...t.ctx.config, smtp: null } };
    const { id } = await queueMail(t.ctx.db, { to: 'a@example.vn', subject: 'Chờ SMTP', text: '…' });
    await new Scheduler(noSmtp, { instanceId: 'no-smtp', log }).runUntilIdle();
    expect(await outbox(id)).toMatchObject({ status: 'queued', attempts: 0 });
    const job = await jobOf(id);
    expect(job).toMatchObject({ status: 'queued', attempts: 0 });
    expect(new Date(job.run_at).getTime()).toBeGreaterThan(Date.now() + 5 * 60_000);
    expect(warnings.some((w) => w.includes('SMTP') && w.includes('mail_outbox'))).toBe(true);
  });

  it('a recipient the server refuses for good fails at once, visibly, without retries', async () => {
    const { id } = await queueMail(t.ctx.db, { to: 'khong-ton-tai@example.vn', subject: 'Thư lỗi', text: '…' });
    await new Scheduler(app, { instanceId: 'mail-refused' }).runUntilIdle();
    const row = await outbox(id);
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row.last_error).toMatch(/550|No such user|rejected/i);
    expect(await jobOf(id)).toMatchObject({ status: 'failed' });
    expect(sink.refused).toContain('khong-ton-tai@example.vn');
  });

  it('refuses an address that is not one', async () => {
    await expect(queueMail(t.ctx.db, { to: 'không phải địa chỉ', subject: 's', text: 't' })).rejects.toThrow(RangeError);
  });
});
