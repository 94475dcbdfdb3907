import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nowIso } from '../src/db/dialect';
import { AuditLog } from '../src/platform/audit';
import { createTestContext, type Agent, type TestContext } from './support/harness';

interface Entry {
  id: string;
  seq: number;
  at: string;
  actorUserId: string | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string;
  orgId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}
type AuditList = { items: Entry[]; total: number; page: number; pageSize: number };

describe('audit log viewer', () => {
  let t: TestContext;
  let admin: Agent;
  let adminUsername: string;
  let adminId: string;
  let dept: { id: string };
  let cell: { id: string };
  let cellTeam: { id: string };
  let other: { id: string };
  let chibo: Agent;

  beforeAll(async () => {
    t = await createTestContext();
    dept = await t.newOrg({ kind: 'dang_uy_co_so', name: 'Đảng ủy Sở' });
    cell = await t.newOrg({ parent: dept, kind: 'chi_bo', name: 'Chi bộ Văn phòng' });
    cellTeam = await t.newOrg({ parent: cell, kind: 'khac', name: 'Tổ đảng 1' });
    other = await t.newOrg({ parent: dept, kind: 'chi_bo', name: 'Chi bộ Khác' });
    const a = await t.newUser({ person: null, roles: [{ role: 'system_admin', org: null }] });
    adminUsername = a.username;
    adminId = a.id;
    admin = await t.login(a);
    chibo = await t.login(
      await t.newUser({
        org: cell,
        roles: [
          { role: 'leader', org: cell },
          { role: 'unit_admin', org: cell },
        ],
      }),
    );
    // Changes by people through the API, in both chi bộ, and a system-wide one.
    expect((await admin.post('/api/v1/people', { fullName: 'Ngô Văn Khác', membership: { orgId: other.id } })).statusCode).toBe(200);
    expect((await chibo.post('/api/v1/people', { fullName: 'Lê Thị Trong', membership: { orgId: cellTeam.id } })).statusCode).toBe(200);
    expect((await admin.patch(`/api/v1/orgs/${cell.id}`, { version: 1, shortName: 'CB VP' })).statusCode).toBe(200);
    expect((await admin.put('/api/v1/settings/security', { requireTotpForPrivileged: false, version: 0 })).statusCode).toBe(200);
  });
  afterAll(() => t.close());

  const list = async (agent: Agent, query = '') => {
    const res = await agent.get(`/api/v1/audit?pageSize=200${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<AuditList>();
  };

  it('shows a system administrator every record, newest first, with who, what and before/after', async () => {
    const all = await list(admin);
    const total = await t.count('audit_log');
    expect(all.total).toBe(total);
    expect(all.items.map((i) => i.seq)).toEqual([...all.items.map((i) => i.seq)].sort((a, b) => b - a));
    const rename = all.items.find((i) => i.action === 'org.update' && i.entityId === cell.id)!;
    expect(rename).toMatchObject({ actorUserId: adminId, actorName: adminUsername, entityType: 'org', orgId: cell.id });
    expect(rename.before).toMatchObject({ short_name: null, version: 1 });
    expect(rename.after).toMatchObject({ short_name: 'CB VP', version: 2 });
    // Changes made by the system itself (test factories) have no actor.
    const created = all.items.find((i) => i.action === 'org.create' && i.entityId === dept.id)!;
    expect(created).toMatchObject({ actorUserId: null, actorName: 'Hệ thống', before: null });
    expect(all.items.some((i) => i.entityType === 'setting')).toBe(true);
  });

  it('filters by entity, action, actor and dates, and pages', async () => {
    const org = await list(admin, `&entityType=org&entityId=${cell.id}`);
    expect(org.items.map((i) => i.action)).toEqual(['org.update', 'org.create']);
    expect((await list(admin, '&action=person.create')).items.every((i) => i.action === 'person.create')).toBe(true);
    const mine = await list(admin, `&actorUserId=${adminId}`);
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((i) => i.actorUserId === adminId)).toBe(true);

    const today = nowIso().slice(0, 10);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const all = await list(admin);
    expect((await list(admin, `&from=${today}&to=${today}`)).total).toBe(all.total);
    expect((await list(admin, `&to=${yesterday}`)).total).toBe(0);
    expect((await list(admin, `&from=${tomorrow}`)).total).toBe(0);

    const p1 = (await admin.get('/api/v1/audit?pageSize=3&page=1')).json<AuditList>();
    const p2 = (await admin.get('/api/v1/audit?pageSize=3&page=2')).json<AuditList>();
    expect(p1.total).toBe(all.total);
    expect([...p1.items, ...p2.items].map((i) => i.id)).toEqual(all.items.slice(0, 6).map((i) => i.id));
  });

  it('shows a chi bộ user only records of the chi bộ subtree, never records without an org', async () => {
    const mine = await list(chibo);
    expect(mine.items.length).toBeGreaterThan(0);
    expect(new Set(mine.items.map((i) => i.orgId))).toEqual(new Set([cell.id, cellTeam.id]));
    expect(mine.items.some((i) => i.action === 'person.create')).toBe(true);
    // Accounts and settings carry no org: for a system-wide reader only.
    expect(mine.items.some((i) => i.entityType === 'user' || i.entityType === 'setting')).toBe(false);
    // Filters cannot widen the scope.
    expect((await list(chibo, `&entityId=${other.id}`)).total).toBe(0);
    expect((await list(chibo, '&entityType=setting')).total).toBe(0);
    const sameFilterAdmin = await list(admin, '&action=person.create');
    const sameFilterChibo = await list(chibo, '&action=person.create');
    expect(sameFilterChibo.total).toBeLessThan(sameFilterAdmin.total);
  });

  it('404 for a user without audit rights, 401 without a session', async () => {
    const member = await t.login(await t.newUser({ org: cell }));
    expect((await member.get('/api/v1/audit')).statusCode).toBe(404);
    expect((await t.anon().get('/api/v1/audit')).statusCode).toBe(401);
  });
});

describe('verify-audit detects direct edits of the database', () => {
  let t: TestContext;
  let orgId: string;
  let personId: string;
  let userId: string;
  const verify = () => t.ctx.audit.verify(t.ctx.db);

  beforeAll(async () => {
    // With an HMAC key, as a production deployment may configure.
    t = await createTestContext({ AUDIT_HMAC_KEY: 'khoa-bi-mat-cua-nhat-ky-kiem-toan' });
    const org = await t.newOrg({ kind: 'chi_bo', name: 'Chi bộ Toàn vẹn' });
    orgId = org.id;
    const person = await t.newPerson({ org, fullName: 'Trịnh Văn Vẹn' });
    personId = person.id;
    const user = await t.newUser({ person, roles: [{ role: 'leader', org }] });
    userId = user.id;
    const admin = await t.login(await t.newUser({ person: null, roles: [{ role: 'system_admin', org: null }] }));
    expect((await admin.patch(`/api/v1/orgs/${orgId}`, { version: 1, name: 'Chi bộ Toàn Vẹn' })).statusCode).toBe(200);
    expect((await admin.put('/api/v1/settings/security', { requireTotpForPrivileged: false, version: 0 })).statusCode).toBe(200);
  });
  afterAll(() => t.close());

  it('is clean after normal changes', async () => {
    expect(await verify()).toEqual([]);
  });

  it('reports an audit record whose content was edited, and is clean once restored', async () => {
    const rec = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', orgId)
      .where('action', '=', 'org.update')
      .executeTakeFirstOrThrow();
    await t.ctx.db.updateTable('audit_log').set({ actor_user_id: null }).where('id', '=', rec.id).execute();
    const problems = await verify();
    expect(problems).toContain(`audit_log #${Number(rec.seq)}: content does not match its hash (altered or forged)`);
    await t.ctx.db.updateTable('audit_log').set({ actor_user_id: rec.actor_user_id }).where('id', '=', rec.id).execute();
    expect(await verify()).toEqual([]);
  });

  it('reports a record whose hash was recomputed without the key', async () => {
    // The chain is keyed: a verifier without the key (like a forger) finds every record wrong.
    const problems = await new AuditLog(undefined).verify(t.ctx.db);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatch(/^audit_log #1: content does not match/);
  });

  it('reports an audited row edited directly (org name, a password hash), and ignores login counters', async () => {
    const org = await t.ctx.db.selectFrom('orgs').selectAll().where('id', '=', orgId).executeTakeFirstOrThrow();
    await t.ctx.db.updateTable('orgs').set({ name: 'Tên bị sửa trộm' }).where('id', '=', orgId).execute();
    expect(await verify()).toEqual([`orgs ${orgId}: row differs from its last audit record (edited directly)`]);
    await t.ctx.db.updateTable('orgs').set({ name: org.name }).where('id', '=', orgId).execute();

    const user = await t.ctx.db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
    await t.ctx.db.updateTable('users').set({ password_hash: '$argon2id$v=19$m=19456,t=2,p=1$forged' }).where('id', '=', userId).execute();
    expect(await verify()).toEqual([`users ${userId}: row differs from its last audit record (edited directly)`]);
    await t.ctx.db.updateTable('users').set({ password_hash: user.password_hash }).where('id', '=', userId).execute();

    await t.ctx.db.updateTable('users').set({ failed_logins: 3, last_login_at: nowIso() }).where('id', '=', userId).execute();
    expect(await verify()).toEqual([]);
  });

  it('reports a deleted audit record, and is clean once it is put back', async () => {
    const rec = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', personId)
      .where('action', '=', 'person.create')
      .executeTakeFirstOrThrow();
    await t.ctx.db.deleteFrom('audit_log').where('id', '=', rec.id).execute();
    const problems = await verify();
    expect(problems).toContain(`audit_log: record #${Number(rec.seq)} is missing (next is #${Number(rec.seq) + 1})`);
    await t.ctx.db.insertInto('audit_log').values(rec).execute();
    expect(await verify()).toEqual([]);
  });

  it('reports rows inserted directly: a person, and a grant of system administration', async () => {
    const now = nowIso();
    await t.ctx.db
      .insertInto('people')
      .values({
        id: '01900000-0000-7000-8000-00000000abcd',
        full_name: 'Người Ma',
        sort_key: 'x',
        search_text: 'nguoi ma',
        email: null,
        phone: null,
        position: null,
        birth_date: null,
        gender: null,
        categories: '[]',
        active: true,
        version: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await t.ctx.db
      .insertInto('role_grants')
      .values({ id: '01900000-0000-7000-8000-00000000beef', user_id: userId, role: 'system_admin', org_id: null, created_at: now })
      .execute();
    const problems = await verify();
    expect(problems).toEqual(
      expect.arrayContaining([
        'people 01900000-0000-7000-8000-00000000abcd: row has no audit record (inserted directly)',
        'role_grants 01900000-0000-7000-8000-00000000beef: row has no audit record (inserted directly)',
      ]),
    );
    await t.ctx.db.deleteFrom('role_grants').where('id', '=', '01900000-0000-7000-8000-00000000beef').execute();
    await t.ctx.db.deleteFrom('people').where('id', '=', '01900000-0000-7000-8000-00000000abcd').execute();
    expect(await verify()).toEqual([]);
  });

  it('reports an audited row deleted directly', async () => {
    const grant = await t.ctx.db.selectFrom('role_grants').selectAll().where('user_id', '=', userId).executeTakeFirstOrThrow();
    await t.ctx.db.deleteFrom('role_grants').where('id', '=', grant.id).execute();
    expect(await verify()).toEqual([`role_grants ${grant.id}: row was deleted without an audit record`]);
    await t.ctx.db.insertInto('role_grants').values(grant).execute();
    expect(await verify()).toEqual([]);
  });

  it('reports the last record removed (the chain head no longer matches), even with nothing else touched', async () => {
    const last = await t.ctx.db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    await t.ctx.db.deleteFrom('audit_log').where('id', '=', last.id).execute();
    const problems = await verify();
    expect(problems).toContain('audit_head: does not match the last record (records removed from the end?)');
    await t.ctx.db.insertInto('audit_log').values(last).execute();
    expect(await verify()).toEqual([]);
  });
});
