import { SAMPLE_CATALOGUE_NOTICE, type Catalogue } from '@kycuong/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, errorOf, fieldPaths, type Agent, type TestContext } from './support/harness';
import { newDirective, sampleGroups } from './support/violations-fixtures';

const groups = sampleGroups();

describe('catalogues', () => {
  let t: TestContext;
  let admin: Agent;
  let inspector: Agent;
  let member: Agent;
  let catalogue: Catalogue;
  let documentId: string;

  beforeAll(async () => {
    t = await createTestContext();
    const dept = await t.newOrg({ kind: 'dang_uy_co_so', name: 'Đảng ủy Sở Danh Mục' });
    admin = await t.login(await t.newUser({ person: null, roles: [{ role: 'system_admin', org: null }] }));
    inspector = await t.login(await t.newUser({ org: dept, roles: [{ role: 'inspector', org: dept }] }));
    member = await t.login(await t.newUser({ org: dept }));
    documentId = await newDirective(t, admin, dept);
  });
  afterAll(() => t.close());

  it('401 without a session on every endpoint', async () => {
    const anon = t.anon();
    expect((await anon.get('/api/v1/catalogues')).statusCode).toBe(401);
    expect((await anon.get('/api/v1/catalogues/00000000-0000-7000-8000-000000000000')).statusCode).toBe(401);
    expect((await anon.post('/api/v1/catalogues', { documentId: '24-CT/TU', title: 'Danh mục', groups })).statusCode).toBe(401);
    expect((await anon.put('/api/v1/catalogues/00000000-0000-7000-8000-000000000000', { version: 1, groups })).statusCode).toBe(401);
  });

  it('creates the labelled 24-CT/TU sample with 12 + 9 + 4 coded items', async () => {
    const res = await admin.post('/api/v1/catalogues', { documentId, title: 'Danh mục biểu hiện 24-CT/TU', isSample: true, groups });
    expect(res.statusCode, res.body).toBe(200);
    catalogue = res.json();
    expect(catalogue.sampleNotice).toBe(SAMPLE_CATALOGUE_NOTICE);
    expect(catalogue.version).toBe(1);
    expect(catalogue.groups.map((g) => [g.code, g.items.length])).toEqual([
      ['KL', 12],
      ['NT', 9],
      ['BV', 4],
    ]);
    expect(catalogue.groups[1]!.items[2]!.code).toBe('NT-03');
  });

  it('lists by document for readers, 404 for those without catalogue access', async () => {
    const res = await inspector.get(`/api/v1/catalogues?documentId=${encodeURIComponent(documentId)}`);
    expect(res.statusCode).toBe(200);
    expect(res.json<{ items: Catalogue[] }>().items.map((c) => c.id)).toEqual([catalogue.id]);
    expect((await inspector.get('/api/v1/catalogues?documentId=KHAC')).json<{ items: unknown[] }>().items).toEqual([]);
    expect((await member.get('/api/v1/catalogues')).statusCode).toBe(404);
    expect((await member.get(`/api/v1/catalogues/${catalogue.id}`)).statusCode).toBe(404);
    expect((await inspector.get('/api/v1/catalogues/00000000-0000-7000-8000-000000000000')).statusCode).toBe(404);
  });

  it('400 names the field and writes nothing', async () => {
    const before = await t.fingerprint();
    const bad = structuredClone(groups);
    bad[0]!.items[1]!.code = 'KL-01';
    const res = await admin.post('/api/v1/catalogues', { documentId, title: 'Trùng mã', groups: bad });
    expect(res.statusCode).toBe(400);
    expect(fieldPaths(res)).toEqual(['groups.0.items.1.code']);
    const schema = await admin.post('/api/v1/catalogues', { title: 'x', groups: [] });
    expect(schema.statusCode).toBe(400);
    expect(fieldPaths(schema)).toEqual(expect.arrayContaining(['documentId', 'title', 'groups']));
    const tables = await t.ctx.db.introspection.getTables();
    if (tables.some((x) => x.name === 'documents')) {
      const unknown = await admin.post('/api/v1/catalogues', {
        documentId: '00000000-0000-7000-8000-000000000000',
        title: 'Không có văn bản',
        groups,
      });
      expect(unknown.statusCode).toBe(400);
      expect(fieldPaths(unknown)).toEqual(['documentId']);
    }
    expect(await t.fingerprint()).toEqual(before);
  });

  it('an inspector may read but not edit (403)', async () => {
    expect((await inspector.put(`/api/v1/catalogues/${catalogue.id}`, { version: 1, groups })).statusCode).toBe(403);
    expect((await inspector.post('/api/v1/catalogues', { documentId, title: 'Danh mục X', groups })).statusCode).toBe(403);
  });

  it('each edit makes a new version; older versions keep their wording; a stale version answers 409', async () => {
    const edited = structuredClone(groups);
    edited[0]!.items[1]!.title = 'Đi muộn, về sớm, bỏ vị trí công tác không có lý do';
    edited[0]!.items.push({ code: 'KL-13', title: 'Biểu hiện bổ sung thử nghiệm' });
    const res = await admin.put(`/api/v1/catalogues/${catalogue.id}`, {
      version: 1,
      note: 'Cập nhật theo văn bản chính thức',
      isSample: false,
      groups: edited,
    });
    expect(res.statusCode, res.body).toBe(200);
    const v2: Catalogue = res.json();
    expect(v2.version).toBe(2);
    expect(v2.sampleNotice).toBeNull();
    expect(v2.groups[0]!.items[1]!.title).toBe('Đi muộn, về sớm, bỏ vị trí công tác không có lý do');
    expect(v2.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(v2.versions[0]!.note).toContain('thêm KL-13');
    expect(v2.versions[0]!.note).toContain('sửa lời KL-02');

    const v1 = (await inspector.get(`/api/v1/catalogues/${catalogue.id}?version=1`)).json<Catalogue>();
    expect(v1.version).toBe(1);
    expect(v1.currentVersion).toBe(2);
    expect(v1.groups[0]!.items[1]!.title).toBe(groups[0]!.items[1]!.title);
    expect(v1.groups[0]!.items).toHaveLength(12);
    expect((await inspector.get(`/api/v1/catalogues/${catalogue.id}?version=3`)).statusCode).toBe(404);

    const stale = await admin.put(`/api/v1/catalogues/${catalogue.id}`, { version: 1, groups });
    expect(stale.statusCode).toBe(409);
    expect(errorOf(stale).code).toBe('version_conflict');
  });

  it('a code never moves to another group, even after it was retired', async () => {
    const moved = structuredClone(groups);
    moved[0]!.items = moved[0]!.items.filter((i) => i.code !== 'KL-13');
    moved[1]!.items.push({ code: 'KL-13', title: 'Chuyển nhóm' });
    const res = await admin.put(`/api/v1/catalogues/${catalogue.id}`, { version: 2, groups: moved });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).fields!.map((f) => [f.path, f.code])).toEqual([
      ['groups.1.items.9.code', 'wrong_group'],
      ['groups.1.items.9.code', 'code_moved'],
    ]);
  });

  it('keeps the audit chain intact', async () => {
    expect(await t.ctx.audit.verify(t.ctx.db)).toEqual([]);
  });
});
