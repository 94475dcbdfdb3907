import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Me, User } from '@kycuong/domain';
import { currentTotp, verifyTotp } from '../src/platform/passwords';
import { Agent, PASSWORD, createTestContext, errorOf, fieldPaths, nextTestIp, type TestContext, type TestUser } from './support/harness';

const LOGIN = '/api/v1/auth/login';
const NEW_PASSWORD = 'Mat-khau-moi-2024';

type Res = LightMyRequestResponse;

type Settings = { requireTotpForPrivileged: boolean; version: number };
type TotpSetup = { secret: string; otpauthUrl: string };

const errorCode = (res: Res): string => errorOf(res).code;
const me = (res: Res): Me => res.json<Me>();

function sessionCookie(res: Res): string {
  const raw = res.headers['set-cookie'];
  const first = Array.isArray(raw) ? raw[0] : raw;
  if (!first) throw new Error(`no cookie in ${res.statusCode} ${res.body}`);
  return first;
}

/** A code that is not accepted now (the server accepts the current step and one either side). */
async function wrongTotp(secret: string): Promise<string> {
  let n = Number(await currentTotp(secret));
  for (;;) {
    n = (n + 1) % 1_000_000;
    const code = String(n).padStart(6, '0');
    if (!(await verifyTotp(secret, code))) return code;
  }
}

describe('sign-in, sessions, CSRF, password and two-factor', () => {
  let t: TestContext;
  let cell: { id: string; path: string };
  let admin: Agent;

  const login = (payload: unknown, opts: Partial<InjectOptions> = {}) =>
    t.app.inject({ method: 'POST', url: LOGIN, payload: payload as InjectOptions['payload'], remoteAddress: nextTestIp(), ...opts });
  const agentOf = (res: Res) => {
    expect(res.statusCode, res.body).toBe(200);
    return new Agent(t.app, sessionCookie(res).split(';')[0]!, me(res).csrfToken);
  };

  beforeAll(async () => {
    t = await createTestContext();
    const dept = await t.newOrg({ kind: 'dang_uy_co_so', name: 'Đảng ủy Sở' });
    cell = await t.newOrg({ parent: dept, kind: 'chi_bo', name: 'Chi bộ Văn phòng' });
    admin = await t.login(await t.newUser({ person: null, roles: [{ role: 'system_admin', org: null }] }));
  });
  afterAll(() => t.close());

  describe('login', () => {
    let leader: TestUser;
    beforeAll(async () => {
      leader = await t.newUser({ org: cell, roles: [{ role: 'leader', org: cell }] });
    });

    it('200 sets an HttpOnly, SameSite session cookie (not Secure over plain HTTP) and answers the user, actions and CSRF token', async () => {
      const res = await login({ username: leader.username, password: PASSWORD });
      expect(res.statusCode).toBe(200);
      const cookie = sessionCookie(res);
      expect(cookie).toMatch(/^kc_session=[^;]{20,}/);
      expect(cookie).toMatch(/;\s*HttpOnly/i);
      expect(cookie).toMatch(/;\s*SameSite=Lax/i);
      expect(cookie).toMatch(/;\s*Path=\//i);
      expect(cookie).not.toMatch(/;\s*Secure/i);
      const body = me(res);
      expect(body.user).toMatchObject({
        id: leader.id,
        username: leader.username,
        personId: leader.personId,
        totpEnabled: false,
        mustChangePassword: false,
      });
      expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{32,}$/);
      expect(body.actions).toEqual(expect.arrayContaining(['org.read', 'person.read', 'audit.read', 'data.export']));
      for (const a of ['org.manage', 'person.manage', 'user.manage', 'data.import', 'system.configure'])
        expect(body.actions).not.toContain(a);
      expect(body.grants.map(({ role, orgId, orgName }) => ({ role, orgId, orgName }))).toEqual([
        { role: 'leader', orgId: cell.id, orgName: 'Chi bộ Văn phòng' },
      ]);
      expect(body.totpSetupRequired).toBe(false);
      // The database keeps only a hash of the session token: a leaked table does not open sessions.
      const token = cookie.split(';')[0]!.slice('kc_session='.length);
      const stored = await t.ctx.db.selectFrom('sessions').select('id').where('user_id', '=', leader.id).execute();
      expect(stored.length).toBeGreaterThan(0);
      expect(stored.map((s) => s.id)).not.toContain(token);
    });

    it('accepts the username in any case', async () => {
      expect((await login({ username: leader.username.toUpperCase(), password: PASSWORD })).statusCode).toBe(200);
    });

    it('401 invalid_credentials for a wrong password and for an unknown user alike, without a cookie', async () => {
      const wrong = await login({ username: leader.username, password: 'sai-mat-khau-1' });
      const unknown = await login({ username: 'khong-ton-tai', password: PASSWORD });
      for (const res of [wrong, unknown]) {
        expect(res.statusCode).toBe(401);
        expect(errorCode(res)).toBe('invalid_credentials');
        expect(res.headers['set-cookie']).toBeUndefined();
      }
      expect(errorOf(unknown).message).toBe(errorOf(wrong).message);
    });

    it('400 names the missing field; malformed JSON is a 400 too', async () => {
      const noUser = await login({ password: PASSWORD });
      expect(noUser.statusCode).toBe(400);
      expect(errorCode(noUser)).toBe('validation_failed');
      expect(fieldPaths(noUser)).toEqual(['username']);
      const noPassword = await login({ username: leader.username });
      expect(fieldPaths(noPassword)).toEqual(['password']);
      const badCode = await login({ username: leader.username, password: PASSWORD, totp: '12ab' });
      expect(badCode.statusCode).toBe(400);
      expect(fieldPaths(badCode)).toEqual(['totp']);
      const broken = await login('{"username": "x", ', { headers: { 'content-type': 'application/json' } });
      expect(broken.statusCode).toBe(400);
      expect(errorCode(broken)).toBe('validation_failed');
    });

    it('works while the browser still holds a session cookie that is restricted or lacks the CSRF header', async () => {
      const other = await t.newUser({ org: cell });
      const restricted = await t.newUser({ org: cell });
      const reset = await admin.post(`/api/v1/users/${restricted.id}/reset-password`, { newPassword: NEW_PASSWORD });
      expect(reset.statusCode).toBe(200);
      const held = agentOf(await login({ username: restricted.username, password: NEW_PASSWORD }));
      // Signing in as someone else from the same browser: the old cookie is sent, no CSRF header.
      const res = await login({ username: other.username, password: PASSWORD }, { headers: { cookie: held.cookie } });
      expect(res.statusCode, res.body).toBe(200);
      expect(me(res).user.id).toBe(other.id);
    });

    it('the session cookie gets Secure when KYCUONG_SECURE_COOKIES=1', async () => {
      const secure = await createTestContext({ KYCUONG_SECURE_COOKIES: '1' });
      try {
        const u = await secure.newUser({ person: null, roles: [{ role: 'system_admin', org: null }] });
        const res = await secure.app.inject({
          method: 'POST',
          url: LOGIN,
          payload: { username: u.username, password: PASSWORD },
          remoteAddress: nextTestIp(),
        });
        expect(res.statusCode).toBe(200);
        const cookie = sessionCookie(res);
        expect(cookie).toMatch(/;\s*Secure/i);
        expect(cookie).toMatch(/;\s*HttpOnly/i);
        expect(res.headers['strict-transport-security']).toBeDefined();
      } finally {
        await secure.close();
      }
    });
  });

  describe('lockout and rate limit', () => {
    it('locks the account after LOGIN_MAX_FAILURES failures; even the right password is refused while locked; an admin reset unlocks', async () => {
      const u = await t.newUser({ org: cell });
      expect(t.config.loginMaxFailures).toBe(5);
      for (let i = 1; i < 5; i++) {
        const res = await login({ username: u.username, password: `sai-mat-khau-${i}` });
        expect(res.statusCode).toBe(401);
        expect(errorCode(res)).toBe('invalid_credentials');
      }
      const fifth = await login({ username: u.username, password: 'sai-mat-khau-5' });
      expect(fifth.statusCode).toBe(423);
      expect(errorCode(fifth)).toBe('account_locked');
      expect(errorOf(fifth).message).toContain(`${t.config.loginLockMinutes} phút`);
      const right = await login({ username: u.username, password: PASSWORD });
      expect(right.statusCode).toBe(423);
      expect(errorCode(right)).toBe('account_locked');
      expect(right.headers['set-cookie']).toBeUndefined();
      const shown = await admin.get(`/api/v1/users/${u.id}`);
      expect(shown.json<User>().lockedUntil).toEqual(expect.any(String));

      const reset = await admin.post(`/api/v1/users/${u.id}/reset-password`, { newPassword: NEW_PASSWORD });
      expect(reset.statusCode).toBe(200);
      expect(reset.json<User>().lockedUntil).toBeNull();
      const after = await login({ username: u.username, password: NEW_PASSWORD });
      expect(after.statusCode).toBe(200);
      expect(me(after).user.mustChangePassword).toBe(true);
    });

    it('a successful sign-in clears the failure count', async () => {
      const u = await t.newUser({ org: cell });
      for (let i = 0; i < 4; i++) expect((await login({ username: u.username, password: 'sai-mat-khau-x' })).statusCode).toBe(401);
      expect((await login({ username: u.username, password: PASSWORD })).statusCode).toBe(200);
      for (let i = 0; i < 4; i++) expect((await login({ username: u.username, password: 'sai-mat-khau-y' })).statusCode).toBe(401);
      expect((await login({ username: u.username, password: PASSWORD })).statusCode).toBe(200);
    });

    it('limits sign-in attempts per client address (429 rate_limited), other addresses unaffected', async () => {
      const ip = '203.0.113.7';
      // Empty bodies still count and cost no password hashing.
      for (let i = 0; i < 20; i++) expect((await login({}, { remoteAddress: ip })).statusCode).toBe(400);
      const limited = await login({}, { remoteAddress: ip });
      expect(limited.statusCode).toBe(429);
      expect(errorCode(limited)).toBe('rate_limited');
      expect((await login({}, { remoteAddress: '203.0.113.8' })).statusCode).toBe(400);
    });

    it('an inactive account cannot sign in, and deactivating it ends its sessions', async () => {
      const u = await t.newUser({ org: cell });
      const session = await t.login(u);
      expect((await session.get('/api/v1/auth/me')).statusCode).toBe(200);
      const current = (await admin.get(`/api/v1/users/${u.id}`)).json<User>();
      const off = await admin.patch(`/api/v1/users/${u.id}`, { version: current.version, active: false });
      expect(off.statusCode).toBe(200);
      expect(off.json<User>().active).toBe(false);
      expect((await session.get('/api/v1/auth/me')).statusCode).toBe(401);
      const res = await login({ username: u.username, password: PASSWORD });
      expect(res.statusCode).toBe(401);
      expect(errorCode(res)).toBe('invalid_credentials');
    });
  });

  describe('sessions and CSRF', () => {
    it('/auth/me answers 401 without a cookie or with an unknown one', async () => {
      const none = await t.anon().get('/api/v1/auth/me');
      expect(none.statusCode).toBe(401);
      expect(errorCode(none)).toBe('unauthenticated');
      const forged = await t.app.inject({
        method: 'GET',
        url: '/api/v1/auth/me',
        headers: { cookie: 'kc_session=abcdefabcdefabcdefabcdefabcdef' },
      });
      expect(forged.statusCode).toBe(401);
    });

    it('logout ends the session and clears the cookie', async () => {
      const u = await t.newUser({ org: cell });
      const a = await t.login(u);
      const b = await t.login(u);
      const out = await a.post('/api/v1/auth/logout');
      expect(out.statusCode).toBe(200);
      expect(out.json<{ ok: boolean }>()).toEqual({ ok: true });
      expect(sessionCookie(out)).toMatch(/^kc_session=;.*Max-Age=0/i);
      expect((await a.get('/api/v1/auth/me')).statusCode).toBe(401);
      expect((await a.get('/api/v1/orgs')).statusCode).toBe(401);
      // Only that session: the user's other sign-in goes on.
      expect((await b.get('/api/v1/auth/me')).statusCode).toBe(200);
    });

    it('every state-changing request needs the CSRF token of its own session; without it nothing is written', async () => {
      const other = await t.login(await t.newUser({ person: null, roles: [{ role: 'system_admin', org: null }] }));
      const before = await t.fingerprint();
      const body = { parentId: cell.id, kind: 'to_cong_doan', code: 'CSRF-1', name: 'Tổ kiểm thử CSRF' };
      const attempts: Res[] = [
        await admin.request({ method: 'POST', url: '/api/v1/orgs', payload: body, headers: { 'x-csrf-token': '' } }),
        await t.app.inject({ method: 'POST', url: '/api/v1/orgs', payload: body, headers: { cookie: admin.cookie } }),
        await admin.request({ method: 'POST', url: '/api/v1/orgs', payload: body, headers: { 'x-csrf-token': 'x'.repeat(43) } }),
        await admin.request({ method: 'POST', url: '/api/v1/orgs', payload: body, headers: { 'x-csrf-token': other.csrf } }),
        await admin.request({
          method: 'PATCH',
          url: `/api/v1/orgs/${cell.id}`,
          payload: { version: 1, name: 'Đổi tên' },
          headers: { 'x-csrf-token': 'nope' },
        }),
        await admin.request({
          method: 'PUT',
          url: '/api/v1/settings/security',
          payload: { requireTotpForPrivileged: true, version: 0 },
          headers: { 'x-csrf-token': 'nope' },
        }),
        await admin.request({
          method: 'DELETE',
          url: '/api/v1/memberships/00000000-0000-7000-8000-000000000000',
          headers: { 'x-csrf-token': 'nope' },
        }),
        await admin.request({ method: 'POST', url: '/api/v1/auth/logout', headers: { 'x-csrf-token': 'nope' } }),
      ];
      for (const res of attempts) {
        expect(res.statusCode, res.body).toBe(403);
        expect(errorCode(res)).toBe('csrf_invalid');
      }
      expect(await t.fingerprint()).toEqual(before);
      // The logout without a token did not end the session; with the token the request goes through.
      expect((await admin.get('/api/v1/auth/me')).statusCode).toBe(200);
      expect((await admin.post('/api/v1/orgs', body)).statusCode).toBe(200);
    });
  });

  describe('password', () => {
    it('change: wrong current → 400 currentPassword; weak new → 400 newPassword; success ends the other sessions', async () => {
      const u = await t.newUser({ org: cell });
      const s1 = await t.login(u);
      const s2 = await t.login(u);
      const before = await t.fingerprint();
      const wrong = await s1.post('/api/v1/auth/password', { currentPassword: 'sai-mat-khau-1', newPassword: NEW_PASSWORD });
      expect(wrong.statusCode).toBe(400);
      expect(fieldPaths(wrong)).toEqual(['currentPassword']);
      for (const weak of ['ngan-1', 'khong-co-chu-so', '1234567890123']) {
        const res = await s1.post('/api/v1/auth/password', { currentPassword: PASSWORD, newPassword: weak });
        expect(res.statusCode, weak).toBe(400);
        expect(fieldPaths(res)).toEqual(['newPassword']);
      }
      const missing = await s1.post('/api/v1/auth/password', { newPassword: NEW_PASSWORD });
      expect(fieldPaths(missing)).toEqual(['currentPassword']);
      expect(await t.fingerprint()).toEqual(before);

      const ok = await s1.post('/api/v1/auth/password', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
      expect(ok.statusCode).toBe(200);
      expect((await s1.get('/api/v1/auth/me')).statusCode).toBe(200);
      expect((await s2.get('/api/v1/auth/me')).statusCode).toBe(401);
      expect((await login({ username: u.username, password: PASSWORD })).statusCode).toBe(401);
      expect((await login({ username: u.username, password: NEW_PASSWORD })).statusCode).toBe(200);
      // Audited, with the hash only as a fingerprint.
      const rec = await t.ctx.db
        .selectFrom('audit_log')
        .selectAll()
        .where('entity_id', '=', u.id)
        .where('action', '=', 'user.password_change')
        .executeTakeFirstOrThrow();
      expect(rec.actor_user_id).toBe(u.id);
      expect(rec.after).toMatch(/"password_hash":"sha256:[0-9a-f]{16}"/);
      expect(rec.after).not.toContain('$argon2');
    });

    it('after an admin reset, every endpoint but me/logout/preferences/password answers 403 password_change_required until the password is changed', async () => {
      const u = await t.newUser({ org: cell, roles: [{ role: 'leader', org: cell }] });
      const old = await t.login(u);
      const reset = await admin.post(`/api/v1/users/${u.id}/reset-password`, { newPassword: 'Tam-thoi-2024' });
      expect(reset.statusCode).toBe(200);
      expect((await old.get('/api/v1/auth/me')).statusCode).toBe(401);
      expect((await login({ username: u.username, password: PASSWORD })).statusCode).toBe(401);

      const res = await login({ username: u.username, password: 'Tam-thoi-2024' });
      expect(me(res).user.mustChangePassword).toBe(true);
      const s = agentOf(res);
      const open = ['/api/v1/auth/me', '/api/v1/auth/logout', '/api/v1/auth/preferences', '/api/v1/auth/password', '/api/v1/auth/login'];
      const doc = t.app.swagger() as { paths: Record<string, Record<string, { security?: unknown[] }>> };
      let checked = 0;
      for (const [path, ops] of Object.entries(doc.paths)) {
        if (!path.startsWith('/api/v1/') || open.includes(path)) continue;
        const url = path.replace(/\{[^}]+\}/g, '00000000-0000-7000-8000-000000000000');
        for (const [method, op] of Object.entries(ops)) {
          // Public pages (security: []) are open to anyone, restricted or not.
          if (Array.isArray(op.security) && op.security.length === 0) continue;
          const r = await s.request({ method: method.toUpperCase(), url });
          expect(r.statusCode, `${method.toUpperCase()} ${path}`).toBe(403);
          expect(errorCode(r), `${method.toUpperCase()} ${path}`).toBe('password_change_required');
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(20);
      expect((await s.get('/api/v1/auth/me')).statusCode).toBe(200);
      expect((await s.put('/api/v1/auth/preferences', { locale: 'en' })).statusCode).toBe(200);

      const changed = await s.post('/api/v1/auth/password', { currentPassword: 'Tam-thoi-2024', newPassword: NEW_PASSWORD });
      expect(changed.statusCode).toBe(200);
      const after = me(await s.get('/api/v1/auth/me'));
      expect(after.user.mustChangePassword).toBe(false);
      expect(after.user.locale).toBe('en');
      expect((await s.get('/api/v1/orgs')).statusCode).toBe(200);
    });

    it('a decomposed (NFD) Vietnamese password matches its composed form', async () => {
      const person = await t.newPerson({ org: cell });
      const composed = 'Mật-khẩu-Việt-2023';
      const created = await admin.post('/api/v1/users', {
        username: 'nguoi.viet',
        personId: person.id,
        password: composed.normalize('NFD'),
      });
      expect(created.statusCode, created.body).toBe(200);
      expect(composed.normalize('NFD')).not.toBe(composed);
      expect((await login({ username: 'nguoi.viet', password: composed })).statusCode).toBe(200);
      expect((await login({ username: 'nguoi.viet', password: composed.normalize('NFD') })).statusCode).toBe(200);
      expect((await login({ username: 'nguoi.viet', password: 'Mat-khau-Viet-2023' })).statusCode).toBe(401);
    });
  });

  describe('two-factor sign-in', () => {
    let u: TestUser;
    let secret: string;

    it('setup, then confirm with a current code, turns it on', async () => {
      u = await t.newUser({ org: cell, roles: [{ role: 'leader', org: cell }] });
      const s = await t.login(u);
      const setup = await s.post('/api/v1/auth/totp/setup');
      expect(setup.statusCode).toBe(200);
      secret = setup.json<TotpSetup>().secret;
      expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
      expect(setup.json<TotpSetup>().otpauthUrl).toMatch(/^otpauth:\/\/totp\/.*secret=/);
      expect(me(await s.get('/api/v1/auth/me')).user.totpEnabled).toBe(false);

      const bad = await s.post('/api/v1/auth/totp/confirm', { code: await wrongTotp(secret) });
      expect(bad.statusCode).toBe(400);
      expect(fieldPaths(bad)).toEqual(['code']);
      const malformed = await s.post('/api/v1/auth/totp/confirm', { code: '12' });
      expect(fieldPaths(malformed)).toEqual(['code']);

      const ok = await s.post('/api/v1/auth/totp/confirm', { code: await currentTotp(secret) });
      expect(ok.statusCode).toBe(200);
      expect(me(await s.get('/api/v1/auth/me')).user.totpEnabled).toBe(true);
      const again = await s.post('/api/v1/auth/totp/setup');
      expect(again.statusCode).toBe(409);
      // The secret never reaches the audit log in clear.
      const leaked = await t.ctx.db.selectFrom('audit_log').select('id').where('after', 'like', `%${secret}%`).execute();
      expect(leaked).toEqual([]);
    });

    it('sign-in then needs the code: none → 401 totp_required, wrong → 401 totp_invalid, right → 200', async () => {
      const none = await login({ username: u.username, password: PASSWORD });
      expect(none.statusCode).toBe(401);
      expect(errorCode(none)).toBe('totp_required');
      expect(none.headers['set-cookie']).toBeUndefined();
      const wrong = await login({ username: u.username, password: PASSWORD, totp: await wrongTotp(secret) });
      expect(wrong.statusCode).toBe(401);
      expect(errorCode(wrong)).toBe('totp_invalid');
      // A right code does not rescue a wrong password.
      const badPassword = await login({ username: u.username, password: 'sai-mat-khau-1', totp: await currentTotp(secret) });
      expect(errorCode(badPassword)).toBe('invalid_credentials');
      const right = await login({ username: u.username, password: PASSWORD, totp: await currentTotp(secret) });
      expect(right.statusCode).toBe(200);
      expect(me(right).user.totpEnabled).toBe(true);
    });

    it('disabling needs the password', async () => {
      const s = agentOf(await login({ username: u.username, password: PASSWORD, totp: await currentTotp(secret) }));
      const wrong = await s.post('/api/v1/auth/totp/disable', { password: 'sai-mat-khau-1' });
      expect(wrong.statusCode).toBe(400);
      expect(fieldPaths(wrong)).toEqual(['password']);
      const ok = await s.post('/api/v1/auth/totp/disable', { password: PASSWORD });
      expect(ok.statusCode).toBe(200);
      expect((await login({ username: u.username, password: PASSWORD })).statusCode).toBe(200);
    });

    it('an admin can make it mandatory for privileged roles; plain members are unaffected', async () => {
      const leader = await t.newUser({ org: cell, roles: [{ role: 'leader', org: cell }] });
      const member = await t.newUser({ org: cell });
      const leaderSession = await t.login(leader);

      expect((await leaderSession.put('/api/v1/settings/security', { requireTotpForPrivileged: true, version: 0 })).statusCode).toBe(404);
      const current = await admin.get('/api/v1/settings/security');
      expect(current.json<Settings>()).toEqual({ requireTotpForPrivileged: false, version: 0 });
      const on = await admin.put('/api/v1/settings/security', { requireTotpForPrivileged: true, version: 0 });
      expect(on.statusCode).toBe(200);
      expect(on.json<Settings>()).toEqual({ requireTotpForPrivileged: true, version: 1 });
      // The leader's existing session and a new one are both held to the set-up.
      for (const s of [leaderSession, await t.login(leader)]) {
        expect(me(await s.get('/api/v1/auth/me')).totpSetupRequired).toBe(true);
        const orgs = await s.get('/api/v1/orgs');
        expect(orgs.statusCode).toBe(403);
        expect(errorCode(orgs)).toBe('totp_setup_required');
      }
      const m = await t.login(member);
      expect(me(await m.get('/api/v1/auth/me')).totpSetupRequired).toBe(false);
      expect((await m.get('/api/v1/orgs')).statusCode).toBe(200);

      // Setting it up is allowed, and lifts the restriction.
      const setup = await leaderSession.post('/api/v1/auth/totp/setup');
      expect(setup.statusCode).toBe(200);
      const leaderSecret = setup.json<TotpSetup>().secret;
      expect((await leaderSession.post('/api/v1/auth/totp/confirm', { code: await currentTotp(leaderSecret) })).statusCode).toBe(200);
      expect((await leaderSession.get('/api/v1/orgs')).statusCode).toBe(200);
      // While mandatory, it cannot be turned off again.
      const off = await leaderSession.post('/api/v1/auth/totp/disable', { password: PASSWORD });
      expect(off.statusCode).toBe(403);
      expect(errorCode(off)).toBe('totp_setup_required');

      // The administrator is privileged too: set it up, then lift the policy.
      expect((await admin.get('/api/v1/orgs')).statusCode).toBe(403);
      const adminSetup = await admin.post('/api/v1/auth/totp/setup');
      expect(
        (await admin.post('/api/v1/auth/totp/confirm', { code: await currentTotp(adminSetup.json<TotpSetup>().secret) })).statusCode,
      ).toBe(200);
      const stale = await admin.put('/api/v1/settings/security', { requireTotpForPrivileged: false, version: 0 });
      expect(stale.statusCode).toBe(409);
      expect(errorCode(stale)).toBe('version_conflict');
      const lifted = await admin.put('/api/v1/settings/security', { requireTotpForPrivileged: false, version: 1 });
      expect(lifted.statusCode).toBe(200);
      expect(lifted.json<Settings>()).toEqual({ requireTotpForPrivileged: false, version: 2 });
      expect(await t.ctx.audit.verify(t.ctx.db)).toEqual([]);
    });
  });
});
