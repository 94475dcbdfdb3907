import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notify, sendDailyDigest, type NotifyInput } from '../src/modules/notifications/notifications.service';
import { localDate, nextOccurrence } from '../src/platform/jobs';
import { Scheduler } from '../src/platform/scheduler';
import type { Notification, NotificationPreferences } from '@kycuong/domain';
import type { LightMyRequestResponse } from 'fastify';
import { createTestContext, type Agent, type TestContext } from './support/harness';

type Page = { items: Notification[]; total: number; page: number; pageSize: number };
type ErrorBody = { error: { code: string; fields: { path: string }[] } };
const fieldsOf = (res: LightMyRequestResponse) => res.json<ErrorBody>().error.fields.map((f) => f.path);

describe('notifications', () => {
  let t: TestContext;
  let lan: { id: string; personId: string };
  let minh: { id: string; personId: string };
  let noEmail: { id: string };
  let lanAgent: Agent;
  let minhAgent: Agent;
  let techAdmin: Agent;

  const send = (input: Partial<NotifyInput> & Pick<NotifyInput, 'personIds'>) =>
    t.ctx.db.transaction().execute((trx) =>
      notify(
        trx,
        {
          kind: 'task.assigned',
          title: 'Giao nhiệm vụ: Báo cáo sơ kết Chỉ thị 24-CT/TU',
          body: 'Hạn: 26/02/2026',
          link: '/tasks/1',
          ...input,
        },
        { publicUrl: 'https://kycuong.example.vn' },
      ),
    );
  const mailsTo = (email: string) =>
    t.ctx.db.selectFrom('mail_outbox').selectAll().where('to_address', '=', email).orderBy('created_at').execute();
  const unread = async (agent: Agent) => (await agent.get('/api/v1/notifications/unread-count')).json<{ count: number }>().count;

  beforeAll(async () => {
    t = await createTestContext();
    const org = await t.newOrg({ name: 'Văn phòng Sở' });
    const pLan = await t.newPerson({ org, fullName: 'Nguyễn Thị Lan', email: 'lan.nt@example.vn' });
    const pMinh = await t.newPerson({ org, fullName: 'Lê Văn Minh', email: 'minh.lv@example.vn' });
    noEmail = await t.newPerson({ org, fullName: 'Phạm Thu Hà' });
    const uLan = await t.newUser({ person: pLan });
    const uMinh = await t.newUser({ person: pMinh });
    lan = { id: uLan.id, personId: pLan.id };
    minh = { id: uMinh.id, personId: pMinh.id };
    lanAgent = await t.login(uLan);
    minhAgent = await t.login(uMinh);
    techAdmin = await t.login(await t.newUser({ person: null, roles: [{ role: 'system_admin', org: null }] }));
  });
  afterAll(() => t.close());

  it('401 without a session', async () => {
    for (const url of ['/api/v1/notifications', '/api/v1/notifications/unread-count', '/api/v1/notifications/preferences']) {
      expect((await t.anon().get(url)).statusCode).toBe(401);
    }
  });

  it('notify writes one inbox row per person and queues e-mails for those with an address', async () => {
    const r = await send({ personIds: [lan.personId, minh.personId, lan.personId, noEmail.id], dedupeKey: 'assign:1' });
    expect(r).toEqual({ notified: 3, emailed: 2 });
    const [mail] = await mailsTo('lan.nt@example.vn');
    expect(mail).toMatchObject({ subject: '[Kỷ Cương] Giao nhiệm vụ: Báo cáo sơ kết Chỉ thị 24-CT/TU', status: 'queued' });
    expect(mail!.text_body).toContain('Xem chi tiết: https://kycuong.example.vn/tasks/1');
    // Same dedupe key: nobody gets it twice, by inbox or by mail.
    expect(await send({ personIds: [lan.personId, minh.personId], dedupeKey: 'assign:1' })).toEqual({ notified: 0, emailed: 0 });
    expect(await mailsTo('lan.nt@example.vn')).toHaveLength(1);
    // Inbox only when asked.
    expect(await send({ personIds: [lan.personId], email: false, title: 'Chỉ trong hộp thư' })).toEqual({ notified: 1, emailed: 0 });
  });

  it('a notification in a transaction that rolls back leaves no inbox row and no mail', async () => {
    const before = await unread(lanAgent);
    const mailsBefore = (await mailsTo('lan.nt@example.vn')).length;
    await expect(
      t.ctx.db.transaction().execute(async (trx) => {
        await notify(trx, { personIds: [lan.personId], kind: 'task.overdue', title: 'Quá hạn', body: '…' });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await unread(lanAgent)).toBe(before);
    expect(await mailsTo('lan.nt@example.vn')).toHaveLength(mailsBefore);
  });

  it('lists only the caller’s own notifications, newest first, with unread filter and paging', async () => {
    const res = await lanAgent.get('/api/v1/notifications');
    expect(res.statusCode).toBe(200);
    const body = res.json<Page>();
    expect(body.total).toBe(2);
    expect(body.items.map((n) => n.title)).toEqual(['Chỉ trong hộp thư', 'Giao nhiệm vụ: Báo cáo sơ kết Chỉ thị 24-CT/TU']);
    expect(body.items[1]).toMatchObject({ kind: 'task.assigned', link: '/tasks/1', readAt: null });
    const minhs = (await minhAgent.get('/api/v1/notifications')).json<Page>();
    expect(minhs.total).toBe(1);
    const page2 = (await lanAgent.get('/api/v1/notifications?page=2&pageSize=1')).json<Page>();
    expect(page2).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(page2.items.map((n) => n.title)).toEqual(['Giao nhiệm vụ: Báo cáo sơ kết Chỉ thị 24-CT/TU']);
    // An account without a person has an empty inbox.
    expect((await techAdmin.get('/api/v1/notifications')).json<Page>()).toMatchObject({ items: [], total: 0 });
  });

  it('marks one read (own only: another person’s id answers 404), then all', async () => {
    const minhsId = (await minhAgent.get('/api/v1/notifications')).json<Page>().items[0]!.id;
    const lansId = (await lanAgent.get('/api/v1/notifications')).json<Page>().items[0]!.id;
    expect((await lanAgent.post(`/api/v1/notifications/${minhsId}/read`)).statusCode).toBe(404);
    expect((await lanAgent.post('/api/v1/notifications/00000000-0000-7000-8000-000000000000/read')).statusCode).toBe(404);
    expect((await techAdmin.post(`/api/v1/notifications/${minhsId}/read`)).statusCode).toBe(404);
    expect(await unread(minhAgent)).toBe(1);

    expect(await unread(lanAgent)).toBe(2);
    const read = await lanAgent.post(`/api/v1/notifications/${lansId}/read`);
    expect(read.statusCode).toBe(200);
    expect(read.json<Notification>().readAt).not.toBeNull();
    expect(await unread(lanAgent)).toBe(1);
    const again = await lanAgent.post(`/api/v1/notifications/${lansId}/read`);
    expect(again.json<Notification>().readAt).toBe(read.json<Notification>().readAt);
    const unreadOnly = (await lanAgent.get('/api/v1/notifications?unread=true')).json<Page>();
    expect(unreadOnly.items.map((n) => n.id)).not.toContain(lansId);
    expect(unreadOnly.total).toBe(1);

    const all = await lanAgent.post('/api/v1/notifications/read-all');
    expect(all.json<{ count: number }>()).toEqual({ count: 1 });
    expect(await unread(lanAgent)).toBe(0);
    expect(await unread(minhAgent)).toBe(1);
  });

  it('400 names the parameter', async () => {
    const res = await lanAgent.get('/api/v1/notifications?page=0&unread=maybe');
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res)).toEqual(expect.arrayContaining(['page', 'unread']));
    const bad = await lanAgent.post('/api/v1/notifications/not-an-id/read');
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad)[0]).toBe('id');
  });

  it('preferences: defaults, versioned update (409 when stale), 400 naming fields, audited', async () => {
    const get = await lanAgent.get('/api/v1/notifications/preferences');
    expect(get.statusCode).toBe(200);
    expect(get.json<NotificationPreferences>()).toMatchObject({ emailEnabled: true, digestEnabled: true, version: 0 });
    expect(get.json<NotificationPreferences>().emailByKind['task.reminder']).toBe(true);

    const bad = await lanAgent.put('/api/v1/notifications/preferences', {
      version: 'x',
      emailEnabled: 'yes',
      emailByKind: { 'task.unknown': false },
    });
    expect(bad.statusCode).toBe(400);
    const paths = fieldsOf(bad);
    expect(paths).toEqual(expect.arrayContaining(['version', 'emailEnabled', 'digestEnabled']));
    expect(paths.some((p) => p.startsWith('emailByKind'))).toBe(true);
    expect((await lanAgent.get('/api/v1/notifications/preferences')).json<NotificationPreferences>().version).toBe(0);

    const put = await lanAgent.put('/api/v1/notifications/preferences', {
      version: 0,
      emailEnabled: true,
      digestEnabled: false,
      emailByKind: { 'task.reminder': false },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json<NotificationPreferences>()).toMatchObject({ emailEnabled: true, digestEnabled: false, version: 1 });
    expect(put.json<NotificationPreferences>().emailByKind).toMatchObject({ 'task.reminder': false, 'task.assigned': true });
    const stale = await lanAgent.put('/api/v1/notifications/preferences', { version: 0, emailEnabled: false, digestEnabled: false });
    expect(stale.statusCode).toBe(409);
    expect(stale.json<ErrorBody>().error.code).toBe('version_conflict');
    // Another user's preferences are untouched.
    expect((await minhAgent.get('/api/v1/notifications/preferences')).json<NotificationPreferences>().version).toBe(0);

    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_type', '=', 'notification_preferences')
      .where('entity_id', '=', lan.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['notification_preferences.update']);
    expect(await t.ctx.audit.verify(t.ctx.db)).toEqual([]);
  });

  it('e-mails follow the preferences: a kind switched off, then all e-mail off', async () => {
    const before = (await mailsTo('lan.nt@example.vn')).length;
    expect(await send({ personIds: [lan.personId], kind: 'task.reminder', title: 'Đôn đốc lần 1' })).toEqual({ notified: 1, emailed: 0 });
    expect(await send({ personIds: [lan.personId], kind: 'task.assigned', title: 'Giao việc mới' })).toEqual({ notified: 1, emailed: 1 });
    const v = (await lanAgent.get('/api/v1/notifications/preferences')).json<NotificationPreferences>().version;
    expect(
      (await lanAgent.put('/api/v1/notifications/preferences', { version: v, emailEnabled: false, digestEnabled: false })).statusCode,
    ).toBe(200);
    expect(await send({ personIds: [lan.personId], kind: 'task.assigned', title: 'Giao việc nữa' })).toEqual({ notified: 1, emailed: 0 });
    expect(await mailsTo('lan.nt@example.vn')).toHaveLength(before + 1);
  });

  it('the daily digest: one e-mail per person and day listing unread notifications, only where the digest is on', async () => {
    await send({ personIds: [minh.personId], kind: 'task.overdue', title: 'Nhiệm vụ quá hạn: Kế hoạch 31-KH/ĐU', link: '/tasks/2' });
    const first = await sendDailyDigest(t.ctx, '2026-03-10');
    // Minh has unread notifications and the digest on; Lan switched it off; Hà has no address.
    expect(first.queued).toBe(1);
    const digests = (await mailsTo('minh.lv@example.vn')).filter((m) => m.dedupe_key?.startsWith('digest:'));
    expect(digests).toHaveLength(1);
    expect(digests[0]!.subject).toBe('[Kỷ Cương] Tổng hợp ngày 10/03/2026: 2 thông báo chưa đọc');
    expect(digests[0]!.text_body).toContain('• [Quá hạn] Nhiệm vụ quá hạn: Kế hoạch 31-KH/ĐU');
    expect(digests[0]!.text_body).toContain('• [Được giao nhiệm vụ] Giao nhiệm vụ: Báo cáo sơ kết Chỉ thị 24-CT/TU');
    expect((await sendDailyDigest(t.ctx, '2026-03-10')).queued).toBe(0);
    expect((await sendDailyDigest(t.ctx, '2026-03-11')).queued).toBe(1);
    // Once everything is read there is nothing to summarise.
    await minhAgent.post('/api/v1/notifications/read-all');
    expect((await sendDailyDigest(t.ctx, '2026-03-12')).queued).toBe(0);
  });

  it('the digest runs as a recurring job at DIGEST_HOUR (Vietnam time)', async () => {
    await send({ personIds: [minh.personId], kind: 'task.due_today', title: 'Đến hạn hôm nay' });
    await new Scheduler(t.ctx, { instanceId: 'setup' }).ensureRecurring();
    const at = nextOccurrence({ dailyAt: `${String(t.config.digestHour).padStart(2, '0')}:00` }, new Date());
    const job = await t.ctx.db
      .selectFrom('jobs')
      .selectAll()
      .where('type', '=', 'notifications.digest')
      .where('status', '=', 'queued')
      .executeTakeFirstOrThrow();
    expect(job.run_at).toBe(at.toISOString());
    const s = new Scheduler(t.ctx, { instanceId: 'digest', now: () => new Date(at.getTime() + 1000) });
    await s.runUntilIdle();
    expect((await t.ctx.db.selectFrom('jobs').select('status').where('id', '=', job.id).executeTakeFirstOrThrow()).status).toBe('done');
    const key = `digest:${minh.personId}:${localDate(at)}`;
    const mail = await t.ctx.db.selectFrom('mail_outbox').selectAll().where('dedupe_key', '=', key).executeTakeFirst();
    expect(mail?.subject).toMatch(/^\[Kỷ Cương\] Tổng hợp ngày \d{2}\/\d{2}\/\d{4}: 1 thông báo chưa đọc$/);
  });
});
