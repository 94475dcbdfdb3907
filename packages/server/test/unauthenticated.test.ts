/**
 * Every endpoint of docs/openapi.json answers 401 without a valid session — before its input is
 * validated, so a malformed request teaches an anonymous caller nothing — unless it is public
 * (`security: []` in its schema, or sign-in itself).
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPENAPI_FILE } from '../src/cli/commands';
import { createTestContext, errorOf, type TestContext } from './support/harness';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
interface OpenApiDoc {
  paths: Record<string, Record<string, { security?: unknown[] }>>;
}

const doc = JSON.parse(fs.readFileSync(OPENAPI_FILE, 'utf8')) as OpenApiDoc;
const endpoints = Object.entries(doc.paths)
  .filter(([path]) => path.startsWith('/api/v1/'))
  .flatMap(([path, ops]) =>
    Object.entries(ops)
      .filter(([m]) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
      .map(([m, op]) => ({
        endpoint: `${m.toUpperCase()} ${path}`,
        method: m.toUpperCase() as Method,
        url: path.replace(/\{[^}]+\}/g, (p) =>
          p === '{year}' ? '2024' : p === '{orgCode}' ? 'KHONG-CO' : '00000000-0000-7000-8000-000000000000',
        ),
        isPublic: (Array.isArray(op.security) && op.security.length === 0) || path === '/api/v1/auth/login',
      })),
  );

describe('without a session', () => {
  let t: TestContext;
  let expiredCookie: string;

  beforeAll(async () => {
    t = await createTestContext();
    const u = await t.newUser({ person: null, roles: [{ role: 'system_admin', org: null }] });
    const agent = await t.login(u);
    await t.ctx.db.updateTable('sessions').set({ expires_at: '2000-01-01T00:00:00.000Z' }).where('user_id', '=', u.id).execute();
    expiredCookie = agent.cookie;
  });
  afterAll(() => t.close());

  it('documents public endpoints as such (sign-in and the public pages only)', () => {
    for (const e of endpoints.filter((x) => x.isPublic))
      expect(e.endpoint).toMatch(/^(POST \/api\/v1\/auth\/login|GET \/api\/v1\/public\/)/);
  });

  it.each(endpoints.filter((e) => !e.isPublic))('$endpoint answers 401', async ({ endpoint, method, url }) => {
    const before = await t.fingerprint();
    // A body that would not validate: authentication must be checked first.
    const payload = method === 'GET' || method === 'DELETE' ? undefined : { malformed: true };
    for (const cookie of [undefined, 'kc_session=forged-token-forged-token', expiredCookie]) {
      const res = await t.app.inject({ method, url, ...(payload ? { payload } : {}), headers: cookie ? { cookie } : {} });
      expect(res.statusCode, `${endpoint} with cookie ${cookie ?? 'none'}: ${res.body}`).toBe(401);
      expect(errorOf(res).code).toBe('unauthenticated');
    }
    expect(await t.fingerprint()).toEqual(before);
  });

  it.each(endpoints.filter((e) => e.isPublic))('$endpoint is open to anyone', async ({ method, url }) => {
    const res = await t.app.inject({ method, url, ...(method === 'POST' ? { payload: {} } : {}) });
    expect(res.statusCode).not.toBe(401);
    expect(res.statusCode).toBeLessThan(500);
  });
});
