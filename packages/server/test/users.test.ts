import type { User } from '@kycuong/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentTotp } from '../src/platform/passwords';
import { PASSWORD, createTestContext, errorOf, fieldPaths, nextTestIp, type Agent, type TestContext } from './support/harness';

type UserList = { items: User[]; total: number; page: number; pageSize: number };

describe('accounts and role grants', () => {
  let t: TestContext;
  let admin: Agent;
  let adminId: string;
  let dept: { id: string; path: string };
  let cell: { id: string; path: string };
  let other: { id: string; path: string };
  let unitAdmin: Agent;

  const signIn = (username: string, password: string, totp?: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username, password, ...(totp ? { totp } : {}) },
      remoteAddress: nextTestIp(),
    });

  beforeAll(async () => {
    t = await createTestContext();
    dept = await t.newOrg({ kind: 'dang_uy_co_so', name: 'Đảng ủy Sở' });
    cell = await t.newOrg({ parent: dept, kind: 'chi_bo', name: 'Chi bộ Văn phòng' });
    other = await t.newOrg({ parent: dept, kind: 'chi_bo', name: 'Chi bộ Bưu chính' });
    const a = await t.newUser({ person: null, roles: [{ role: 'system_admin', org: null }] });
    adminId = a.id;
    admin = await t.login(a);
    unitAdmin = await t.login(await t.newUser({ org: cell, roles: [{ role: 'unit_admin', org: cell }] }));
  });
  afterAll(() => t.close());

  it('creates an account for a person (must change the password at first sign-in) and shows it', async () => {
    const person = await t.newPerson({ org: cell, fullName: 'Nguyễn Văn Tài Khoản' });
    const res = await admin.post('/api/v1/users', { username: 'nguyenvan.tk', personId: person.id, password: PASSWORD });
    expect(res.statusCode).toBe(200);
    const u = res.json<User>();
    expect(u).toMatchObject({
      username: 'nguyenvan.tk',
      personId: person.id,
      displayName: 'Nguyễn Văn Tài Khoản',
      active: true,
      totpEnabled: false,
      lockedUntil: null,
      lastLoginAt: null,
      grants: [],
      version: 1,
    });
    expect((await admin.get(`/api/v1/users/${u.id}`)).json<User>()).toEqual(u);
    const first = await signIn('nguyenvan.tk', PASSWORD);
    expect(first.json<{ user: { mustChangePassword: boolean } }>().user.mustChangePassword).toBe(true);
    const row = await t.ctx.db.selectFrom('audit_log').select(['action', 'after']).where('entity_id', '=', u.id).executeTakeFirstOrThrow();
    expect(row.action).toBe('user.create');
    expect(row.after).not.toContain('$argon2');
  });

  it('refuses a taken username (409 naming username) and a second account for the same person (409 naming personId)', async () => {
    const person = await t.newPerson({ org: cell });
    const u = await t.newUser({ person });
    const another = await t.newPerson({ org: cell });
    const before = await t.fingerprint();
    const sameName = await admin.post('/api/v1/users', {
      username: u.username,
      personId: another.id,
      password: PASSWORD,
    });
    expect(sameName.statusCode, sameName.body).toBe(409);
    expect(fieldPaths(sameName)).toEqual(['username']);
    const samePerson = await admin.post('/api/v1/users', { username: 'tai.khoan.hai', personId: person.id, password: PASSWORD });
    expect(samePerson.statusCode).toBe(409);
    expect(fieldPaths(samePerson)).toEqual(['personId']);
    expect(await t.fingerprint()).toEqual(before);
  });

  it('a unit admin creates accounts only for people of the unit, never technical ones', async () => {
    const inCell = await t.newPerson({ org: cell });
    const inOther = await t.newPerson({ org: other });
    expect((await unitAdmin.post('/api/v1/users', { username: 'trong.don.vi', personId: inCell.id, password: PASSWORD })).statusCode).toBe(
      200,
    );
    expect((await unitAdmin.post('/api/v1/users', { username: 'ngoai.don.vi', personId: inOther.id, password: PASSWORD })).statusCode).toBe(
      404,
    );
    const technical = await unitAdmin.post('/api/v1/users', { username: 'ky.thuat', personId: null, password: PASSWORD });
    expect(technical.statusCode).toBe(400);
    expect(fieldPaths(technical)).toEqual(['personId']);
    expect((await admin.post('/api/v1/users', { username: 'ky.thuat', personId: null, password: PASSWORD })).statusCode).toBe(200);
  });

  it('lists accounts in scope, searchable without diacritics, paginated; 404 for those without user.manage', async () => {
    await t.newUser({ person: await t.newPerson({ org: cell, fullName: 'Đặng Thị Tìm Kiếm' }), username: 'dang.tk' });
    const found = await unitAdmin.get('/api/v1/users?q=dang%20thi%20tim');
    expect(found.statusCode).toBe(200);
    expect(found.json<UserList>().items.map((u) => u.username)).toEqual(['dang.tk']);
    expect((await unitAdmin.get('/api/v1/users?q=dang.tk')).json<UserList>().items.map((u) => u.username)).toEqual(['dang.tk']);

    const all = (await unitAdmin.get('/api/v1/users?pageSize=200')).json<UserList>();
    const page1 = (await unitAdmin.get('/api/v1/users?pageSize=2&page=1')).json<UserList>();
    const page2 = (await unitAdmin.get('/api/v1/users?pageSize=2&page=2')).json<UserList>();
    expect(page1.total).toBe(all.total);
    expect([...page1.items, ...page2.items].map((u) => u.id)).toEqual(all.items.slice(0, 4).map((u) => u.id));
    expect(all.items.map((u) => u.id)).not.toContain(adminId);
    expect((await admin.get(`/api/v1/users?orgId=${other.id}`)).statusCode).toBe(200);

    const leader = await t.login(await t.newUser({ org: cell, roles: [{ role: 'leader', org: cell }] }));
    expect((await leader.get('/api/v1/users')).statusCode).toBe(404);
    expect((await t.anon().get('/api/v1/users')).statusCode).toBe(401);
  });

  it('locks and unlocks with a version check; nobody locks themselves', async () => {
    const u = await t.newUser({ org: cell });
    const locked = await unitAdmin.patch(`/api/v1/users/${u.id}`, { version: 1, active: false });
    expect(locked.statusCode).toBe(200);
    expect(locked.json<User>()).toMatchObject({ active: false, version: 2 });
    const stale = await unitAdmin.patch(`/api/v1/users/${u.id}`, { version: 1, active: true });
    expect(stale.statusCode).toBe(409);
    expect(errorOf(stale).code).toBe('version_conflict');
    expect((await unitAdmin.patch(`/api/v1/users/${u.id}`, { version: 2, active: true })).json<User>().active).toBe(true);
    expect((await signIn(u.username, PASSWORD)).statusCode).toBe(200);
    const self = await admin.patch(`/api/v1/users/${adminId}`, {
      version: (await admin.get(`/api/v1/users/${adminId}`)).json<User>().version,
      active: false,
    });
    expect(self.statusCode).toBe(400);
    expect(fieldPaths(self)).toEqual(['active']);
  });

  it('resets the password (temporary, must be changed) and two-factor of an account of the unit', async () => {
    const u = await t.newUser({ org: cell });
    const s = await t.login(u);
    const setup = await s.post('/api/v1/auth/totp/setup');
    const secret = setup.json<{ secret: string }>().secret;
    expect((await s.post('/api/v1/auth/totp/confirm', { code: await currentTotp(secret) })).statusCode).toBe(200);
    expect((await unitAdmin.get(`/api/v1/users/${u.id}`)).json<User>().totpEnabled).toBe(true);

    const off = await unitAdmin.post(`/api/v1/users/${u.id}/reset-totp`);
    expect(off.statusCode).toBe(200);
    expect(off.json<User>().totpEnabled).toBe(false);
    expect((await s.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await signIn(u.username, PASSWORD)).statusCode).toBe(200);

    const reset = await unitAdmin.post(`/api/v1/users/${u.id}/reset-password`, { newPassword: 'Tam-thoi-2024' });
    expect(reset.statusCode).toBe(200);
    expect((await signIn(u.username, PASSWORD)).statusCode).toBe(401);
    const temp = await signIn(u.username, 'Tam-thoi-2024');
    expect(temp.json<{ user: { mustChangePassword: boolean } }>().user.mustChangePassword).toBe(true);
    const actions = (await t.ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', u.id).orderBy('seq').execute()).map(
      (r) => r.action,
    );
    expect(actions).toEqual(['user.create', 'user.totp_setup', 'user.totp_enable', 'user.totp_reset', 'user.password_reset']);
  });

  describe('grants', () => {
    it('grants and revokes a role on a subtree; the role takes effect at once', async () => {
      const u = await t.newUser({ org: cell });
      const s = await t.login(u);
      expect((await s.get('/api/v1/audit')).statusCode).toBe(404);
      const granted = await unitAdmin.post(`/api/v1/users/${u.id}/grants`, { role: 'leader', orgId: cell.id });
      expect(granted.statusCode).toBe(200);
      const grant = granted.json<User>().grants[0]!;
      expect(grant).toMatchObject({ role: 'leader', orgId: cell.id, orgName: 'Chi bộ Văn phòng' });
      expect((await s.get('/api/v1/audit')).statusCode).toBe(200);

      const dup = await unitAdmin.post(`/api/v1/users/${u.id}/grants`, { role: 'leader', orgId: cell.id });
      expect(dup.statusCode).toBe(409);
      expect(fieldPaths(dup)).toEqual(['role']);

      const revoked = await unitAdmin.delete(`/api/v1/grants/${grant.id}`);
      expect(revoked.statusCode).toBe(200);
      expect(revoked.json<User>().grants).toEqual([]);
      expect((await s.get('/api/v1/audit')).statusCode).toBe(404);
      expect((await unitAdmin.delete(`/api/v1/grants/${grant.id}`)).statusCode).toBe(404);
      const actions = (
        await t.ctx.db.selectFrom('audit_log').select(['action', 'org_id']).where('entity_id', '=', grant.id).orderBy('seq').execute()
      ).map((r) => [r.action, r.org_id]);
      expect(actions).toEqual([
        ['grant.create', cell.id],
        ['grant.delete', cell.id],
      ]);
    });

    it('a unit admin cannot grant system administration (403) nor a role outside the unit (404)', async () => {
      const u = await t.newUser({ org: cell });
      const before = await t.fingerprint();
      const sysWide = await unitAdmin.post(`/api/v1/users/${u.id}/grants`, { role: 'system_admin', orgId: null });
      expect(sysWide.statusCode).toBe(403);
      expect(errorOf(sysWide).code).toBe('forbidden');
      expect((await unitAdmin.post(`/api/v1/users/${u.id}/grants`, { role: 'system_admin', orgId: cell.id })).statusCode).toBe(403);
      expect((await unitAdmin.post(`/api/v1/users/${u.id}/grants`, { role: 'unit_admin', orgId: other.id })).statusCode).toBe(404);
      expect((await unitAdmin.post(`/api/v1/users/${u.id}/grants`, { role: 'leader', orgId: dept.id })).statusCode).toBe(404);
      expect(await t.fingerprint()).toEqual(before);
    });

    it('only system administration is granted without an org (400 naming orgId otherwise)', async () => {
      const u = await t.newUser({ org: cell });
      const noOrg = await admin.post(`/api/v1/users/${u.id}/grants`, { role: 'leader', orgId: null });
      expect(noOrg.statusCode).toBe(400);
      expect(fieldPaths(noOrg)).toEqual(['orgId']);
      const sys = await admin.post(`/api/v1/users/${u.id}/grants`, { role: 'system_admin', orgId: null });
      expect(sys.statusCode).toBe(200);
      expect(sys.json<User>().grants).toMatchObject([{ role: 'system_admin', orgId: null, orgName: null }]);
      const again = await admin.post(`/api/v1/users/${u.id}/grants`, { role: 'system_admin', orgId: null });
      expect(again.statusCode).toBe(409);
      // Now a system administrator: the unit admin sees the account but may not hand it over.
      expect((await unitAdmin.get(`/api/v1/users/${u.id}`)).statusCode).toBe(200);
      expect((await unitAdmin.post(`/api/v1/users/${u.id}/reset-password`, { newPassword: 'Chiem-quyen-2024' })).statusCode).toBe(403);
      expect((await unitAdmin.delete(`/api/v1/grants/${sys.json<User>().grants[0]!.id}`)).statusCode).toBe(403);
      expect(await t.ctx.audit.verify(t.ctx.db)).toEqual([]);
    });
  });
});
