import type { JobView, OutboxMail } from '@kycuong/domain';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueue, registerHandler } from '../src/platform/jobs';
import { queueMail } from '../src/platform/mail';
import { Scheduler } from '../src/platform/scheduler';
import { createTestContext, type Agent, type TestContext } from './support/harness';

type Page<T> = { items: T[]; total: number };
const fieldsOf = (res: LightMyRequestResponse) => res.json<{ error: { fields: { path: string }[] } }>().error.fields.map((f) => f.path);

describe('background jobs and the mail outbox, for administrators', () => {
  let t: TestContext;
  let admin: Agent;
  let unitAdmin: Agent;
  let deadId: string;

  beforeAll(async () => {
    t = await createTestContext();
    const org = await t.newOrg();
    admin = await t.login(await t.newUser({ person: null, roles: [{ role: 'system_admin', org: null }] }));
    unitAdmin = await t.login(await t.newUser({ org, roles: [{ role: 'unit_admin', org }] }));
    registerHandler('test.admin.broken', async () => {
      throw new Error('Không kết nối được máy chủ báo cáo');
    });
    deadId = (await enqueue(t.ctx.db, { type: 'test.admin.broken', payload: { secret: 'không hiển thị' }, maxAttempts: 1 })).id;
    await queueMail(t.ctx.db, { to: 'vanthu@example.vn', subject: 'Thư chờ SMTP', text: '…' });
    // No SMTP configured in tests: the mail job is deferred, the broken job dies on its only attempt.
    await new Scheduler(t.ctx, { instanceId: 'admin-view' }).runUntilIdle();
  });
  afterAll(() => t.close());

  it('401 without a session, 404 for anyone but a system administrator', async () => {
    for (const url of ['/api/v1/jobs', '/api/v1/jobs/summary', '/api/v1/mail-outbox']) {
      expect((await t.anon().get(url)).statusCode).toBe(401);
      expect((await unitAdmin.get(url)).statusCode).toBe(404);
    }
  });

  it('a dead job stays visible with its last error, without its payload', async () => {
    const res = await admin.get('/api/v1/jobs?status=dead');
    expect(res.statusCode).toBe(200);
    const page = res.json<Page<JobView>>();
    expect(page.items.map((j) => j.id)).toEqual([deadId]);
    expect(page.items[0]).toMatchObject({
      type: 'test.admin.broken',
      status: 'dead',
      attempts: 1,
      maxAttempts: 1,
      lastError: 'Error: Không kết nối được máy chủ báo cáo',
    });
    expect(res.body).not.toContain('không hiển thị');
    const byType = (await admin.get('/api/v1/jobs?type=mail.send')).json<Page<JobView>>();
    expect(byType.items.map((j) => [j.type, j.status])).toEqual([['mail.send', 'queued']]);
    const summary = (await admin.get('/api/v1/jobs/summary')).json<{ items: { type: string; status: string; count: number }[] }>();
    expect(summary.items).toEqual(
      expect.arrayContaining([
        { type: 'test.admin.broken', status: 'dead', count: 1 },
        { type: 'mail.send', status: 'queued', count: 1 },
      ]),
    );
  });

  it('the outbox shows mails waiting for SMTP', async () => {
    const page = (await admin.get('/api/v1/mail-outbox?status=queued')).json<Page<OutboxMail>>();
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ to: 'vanthu@example.vn', subject: 'Thư chờ SMTP', status: 'queued', attempts: 0, sentAt: null });
    expect((await admin.get('/api/v1/mail-outbox?status=sent')).json<Page<OutboxMail>>().total).toBe(0);
  });

  it('400 names the parameter', async () => {
    const res = await admin.get('/api/v1/jobs?status=lost&page=0');
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res)).toEqual(expect.arrayContaining(['status', 'page']));
    expect(fieldsOf(await admin.get('/api/v1/mail-outbox?status=bounced'))).toEqual(['status']);
  });
});
