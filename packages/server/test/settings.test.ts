import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, errorOf, type Agent, type TestContext } from './support/harness';

type Security = { requireTotpForPrivileged: boolean; version: number };

describe('security settings', () => {
  let t: TestContext;
  let admin: Agent;
  let unitAdmin: Agent;

  beforeAll(async () => {
    t = await createTestContext();
    const cell = await t.newOrg({ kind: 'chi_bo', name: 'Chi bộ Cài đặt' });
    admin = await t.login(await t.newUser({ person: null, roles: [{ role: 'system_admin', org: null }] }));
    unitAdmin = await t.login(await t.newUser({ org: cell, roles: [{ role: 'unit_admin', org: cell }] }));
  });
  afterAll(() => t.close());

  it('answers the default policy before anything is stored', async () => {
    const res = await admin.get('/api/v1/settings/security');
    expect(res.statusCode).toBe(200);
    expect(res.json<Security>()).toEqual({ requireTotpForPrivileged: false, version: 0 });
  });

  it('stores a change with a version check, audited', async () => {
    const first = await admin.put('/api/v1/settings/security', { requireTotpForPrivileged: false, version: 0 });
    expect(first.statusCode).toBe(200);
    expect(first.json<Security>()).toEqual({ requireTotpForPrivileged: false, version: 1 });
    // A second "first write" (version 0) and a stale version both conflict.
    for (const version of [0, 5]) {
      const res = await admin.put('/api/v1/settings/security', { requireTotpForPrivileged: true, version });
      expect(res.statusCode, `version ${version}`).toBe(409);
      expect(errorOf(res).code).toBe('version_conflict');
    }
    expect((await admin.get('/api/v1/settings/security')).json<Security>()).toEqual({ requireTotpForPrivileged: false, version: 1 });
    const records = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'entity_type', 'entity_id', 'after'])
      .where('entity_type', '=', 'setting')
      .execute();
    expect(records).toEqual([
      {
        action: 'settings.security',
        entity_type: 'setting',
        entity_id: 'security',
        after: expect.stringContaining('"value":"{\\"requireTotpForPrivileged\\":false}"') as unknown,
      },
    ]);
    expect(await t.ctx.audit.verify(t.ctx.db)).toEqual([]);
  });

  it('is hidden from everyone but the system administrator (404), and needs a session (401)', async () => {
    const before = await t.fingerprint();
    expect((await unitAdmin.get('/api/v1/settings/security')).statusCode).toBe(404);
    expect((await unitAdmin.put('/api/v1/settings/security', { requireTotpForPrivileged: true, version: 1 })).statusCode).toBe(404);
    expect((await t.anon().get('/api/v1/settings/security')).statusCode).toBe(401);
    expect(
      (await t.app.inject({ method: 'PUT', url: '/api/v1/settings/security', payload: { requireTotpForPrivileged: true, version: 1 } }))
        .statusCode,
    ).toBe(401);
    expect(await t.fingerprint()).toEqual(before);
  });
});
