/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-assignment -- untyped JSON answers, each checked by an assertion */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Agent, type TestContext } from './support/harness';

describe('orgs', () => {
  let t: TestContext;
  let dept: { id: string; path: string };
  let cell: { id: string; path: string };
  let other: { id: string; path: string };
  let admin: Agent;
  let cellLeader: Agent;

  beforeAll(async () => {
    t = await createTestContext();
    dept = await t.newOrg({ kind: 'dang_uy_co_so', name: 'Đảng ủy Sở' });
    cell = await t.newOrg({ parent: dept, kind: 'chi_bo', name: 'Chi bộ Văn phòng' });
    other = await t.newOrg({ parent: dept, kind: 'chi_bo', name: 'Chi bộ Phòng Bưu chính' });
    admin = await t.login(await t.newUser({ person: null, roles: [{ role: 'system_admin', org: null }] }));
    cellLeader = await t.login(
      await t.newUser({
        org: cell,
        roles: [
          { role: 'leader', org: cell },
          { role: 'unit_admin', org: cell },
        ],
      }),
    );
  });
  afterAll(() => t.close());

  it('401 without a session', async () => {
    const res = await t.anon().get('/api/v1/orgs');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthenticated');
  });

  it('lists the roots of the caller scope', async () => {
    const res = await cellLeader.get('/api/v1/orgs');
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((o: { id: string }) => o.id)).toEqual([cell.id]);
  });

  it('searches without diacritics', async () => {
    const res = await admin.get('/api/v1/orgs?q=buu%20chinh');
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((o: { name: string }) => o.name)).toEqual(['Chi bộ Phòng Bưu chính']);
  });

  it('answers 404 for an org outside the scope, as for a missing one', async () => {
    expect((await cellLeader.get(`/api/v1/orgs/${other.id}`)).statusCode).toBe(404);
    expect((await cellLeader.get(`/api/v1/orgs/${dept.id}`)).statusCode).toBe(404);
    expect((await cellLeader.get(`/api/v1/orgs/00000000-0000-7000-8000-000000000000`)).statusCode).toBe(404);
    expect((await cellLeader.get(`/api/v1/orgs/${cell.id}`)).statusCode).toBe(200);
  });

  it('400 names the field and writes nothing', async () => {
    const before = await t.ctx.db
      .selectFrom('orgs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const res = await admin.post('/api/v1/orgs', { parentId: dept.id, kind: 'nope', code: 'X 1', name: 'A' });
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.fields.map((f: { path: string }) => f.path);
    expect(fields).toEqual(expect.arrayContaining(['kind', 'code', 'name']));
    const after = await t.ctx.db
      .selectFrom('orgs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('creates, renames with a version check, and moves a subtree', async () => {
    const created = await admin.post('/api/v1/orgs', { parentId: other.id, kind: 'to_cong_doan', code: 'TCD-01', name: 'Tổ công đoàn 1' });
    expect(created.statusCode).toBe(200);
    const org = created.json();
    const renamed = await admin.patch(`/api/v1/orgs/${org.id}`, { version: org.version, name: 'Tổ công đoàn số 1' });
    expect(renamed.statusCode).toBe(200);
    const stale = await admin.patch(`/api/v1/orgs/${org.id}`, { version: org.version, name: 'Cũ' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('version_conflict');
    const moved = await admin.post(`/api/v1/orgs/${org.id}/move`, { version: renamed.json().version, newParentId: cell.id });
    expect(moved.statusCode).toBe(200);
    const children = await cellLeader.get(`/api/v1/orgs?parentId=${cell.id}`);
    expect(children.json().items.map((o: { id: string }) => o.id)).toEqual([org.id]);
    const cycle = await admin.post(`/api/v1/orgs/${dept.id}/move`, { version: 1, newParentId: org.id });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().error.fields[0].path).toBe('newParentId');
  });
});
