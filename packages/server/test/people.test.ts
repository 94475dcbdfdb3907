import type { Person, PersonDetail, z } from '@kycuong/domain';
import { splitVietnameseName } from '@kycuong/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, errorOf, fieldPaths, type Agent, type TestContext } from './support/harness';

type Detail = z.infer<typeof PersonDetail>;
type List = { items: Person[]; total: number; page: number; pageSize: number };

const givenFirst = (n: string) => {
  const { family, middle, given } = splitVietnameseName(n);
  return [given, middle, family].filter(Boolean).join(' ');
};

describe('people and memberships', () => {
  let t: TestContext;
  let admin: Agent;
  let dept: { id: string; path: string };
  let cell: { id: string; path: string };
  let division: { id: string; path: string };
  let names: { id: string; path: string };

  beforeAll(async () => {
    t = await createTestContext();
    dept = await t.newOrg({ kind: 'dang_uy_co_so', name: 'Đảng ủy Sở' });
    cell = await t.newOrg({ parent: dept, kind: 'chi_bo', name: 'Chi bộ Văn phòng' });
    division = await t.newOrg({ parent: dept, kind: 'phong', name: 'Phòng Công nghệ thông tin' });
    names = await t.newOrg({ parent: dept, kind: 'phong', name: 'Phòng Tên Người' });
    admin = await t.login(await t.newUser({ person: null, roles: [{ role: 'system_admin', org: null }] }));
  });
  afterAll(() => t.close());

  const create = async (body: Record<string, unknown>) => {
    const res = await admin.post('/api/v1/people', body);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Detail>();
  };

  describe('directory', () => {
    it('orders names the Vietnamese way: given name first, letters then tones, as Intl.Collator("vi")', async () => {
      const input = [
        'Nguyễn Thị Bình',
        'Trần Văn An',
        'Lê Thị Ánh',
        'Lê Thị Anh',
        'Phạm Văn Ăn',
        'Đỗ Văn Ân',
        'Hoàng Anh',
        'Vũ Thị Ạnh',
        'Bùi Văn Đức',
        'Bùi Văn Dũng',
        'Ngô Thị Ơn',
        'Ngô Thị Ôn',
        'Đặng Văn Ưng',
        'Đinh Văn Ung',
        'Lý Thị Yến',
        'Trịnh An',
        // A name whose words begin another's sorts first.
        'Nguyễn Hà Anh',
        'Hà Anh',
      ];
      for (const fullName of input) await create({ fullName, membership: { orgId: names.id } });
      const res = await admin.get(`/api/v1/people?orgId=${names.id}&pageSize=200`);
      expect(res.statusCode).toBe(200);
      const got = res.json<List>().items.map((p) => p.fullName);
      const collator = new Intl.Collator('vi');
      expect(got).toEqual([...input].sort((a, b) => collator.compare(givenFirst(a), givenFirst(b))));
      // The examples of the issue, spelled out.
      expect(got.indexOf('Trần Văn An')).toBeLessThan(got.indexOf('Nguyễn Thị Bình'));
      expect(got.indexOf('Lê Thị Anh')).toBeLessThan(got.indexOf('Lê Thị Ánh'));
      expect(got.indexOf('Lê Thị Ánh')).toBeLessThan(got.indexOf('Phạm Văn Ăn'));

      // Pages follow the same order without gaps or repeats.
      const pages: string[] = [];
      for (let page = 1; page <= 7; page++) {
        const p = (await admin.get(`/api/v1/people?orgId=${names.id}&pageSize=3&page=${page}`)).json<List>();
        expect(p.total).toBe(input.length);
        pages.push(...p.items.map((i) => i.fullName));
      }
      expect(pages).toEqual(got);
    });

    it('searches without diacritics, in names, positions, emails and phones', async () => {
      const huy = await create({
        fullName: 'Đặng Quang Huy',
        position: 'Chuyên viên quán triệt nghị quyết',
        email: 'huy.dq@hanoi.gov.vn',
        phone: '0912 345 678',
        membership: { orgId: division.id },
      });
      const search = async (q: string) =>
        (await admin.get(`/api/v1/people?q=${encodeURIComponent(q)}&orgId=${division.id}`)).json<List>().items.map((p) => p.id);
      for (const q of ['dang', 'DANG', 'Đặng', 'đặng quang', 'quan triet', 'QUÁN TRIỆT', 'huy.dq@', '0912 345', 'huy'])
        expect(await search(q), q).toEqual([huy.id]);
      for (const q of ['dung', '%', '_', 'quan  trietx']) expect(await search(q), q).toEqual([]);
    });

    it('finds a renamed person by the new name only (the substring index follows edits)', async () => {
      const p = await create({ fullName: 'Lương Thế Vinh', membership: { orgId: division.id } });
      const search = async (q: string) =>
        (await admin.get(`/api/v1/people?q=${encodeURIComponent(q)}&orgId=${division.id}`)).json<List>().items.map((x) => x.id);
      expect(await search('the vinh')).toEqual([p.id]);
      const renamed = await admin.patch(`/api/v1/people/${p.id}`, { version: p.version, fullName: 'Lương Thị Hạnh' });
      expect(renamed.statusCode).toBe(200);
      expect(await search('the vinh')).toEqual([]);
      expect(await search('thi hanh')).toEqual([p.id]);
      // A quote in the term is a literal character, not search syntax.
      expect(await search('"hanh')).toEqual([]);
    });

    it('filters by org subtree or direct members, category, and hides inactive people unless asked', async () => {
      const p1 = await create({ fullName: 'Vũ Thị Lọc', categories: ['party_full', 'civil_servant'], membership: { orgId: cell.id } });
      const p2 = await create({ fullName: 'Hồ Văn Lọc', categories: ['worker'], membership: { orgId: cell.id } });
      const ids = async (url: string) => (await admin.get(url)).json<List>().items.map((p) => p.id);
      expect(await ids(`/api/v1/people?orgId=${dept.id}&q=loc`)).toEqual(expect.arrayContaining([p1.id, p2.id]));
      expect(await ids(`/api/v1/people?orgId=${dept.id}&direct=true&q=loc`)).toEqual([]);
      // Same given name: the middle name decides (Thị before Văn).
      expect(await ids(`/api/v1/people?orgId=${cell.id}&direct=true&q=loc`)).toEqual([p1.id, p2.id]);
      expect(await ids(`/api/v1/people?orgId=${cell.id}&category=worker`)).toEqual([p2.id]);
      expect(await ids(`/api/v1/people?orgId=${cell.id}&category=party_full`)).toEqual([p1.id]);

      const off = await admin.patch(`/api/v1/people/${p2.id}`, { version: p2.version, active: false });
      expect(off.statusCode).toBe(200);
      expect(off.json<Detail>().active).toBe(false);
      expect(await ids(`/api/v1/people?orgId=${cell.id}&q=loc`)).toEqual([p1.id]);
      expect(await ids(`/api/v1/people?orgId=${cell.id}&q=loc&includeInactive=true`)).toEqual([p1.id, p2.id]);
    });

    it('a member reads the people of their units and themselves; a leader reads but cannot edit (403)', async () => {
      const elsewhere = await t.newOrg({ kind: 'chi_bo', name: 'Chi bộ Khác' });
      const stranger = await create({ fullName: 'Kiều Văn Lạ', membership: { orgId: elsewhere.id } });
      const colleague = await create({ fullName: 'Quách Thị Cùng', membership: { orgId: cell.id } });
      const memberUser = await t.newUser({ org: cell });
      const member = await t.login(memberUser);
      expect((await member.get(`/api/v1/people/${colleague.id}`)).statusCode).toBe(200);
      expect((await member.get(`/api/v1/people/${memberUser.personId}`)).statusCode).toBe(200);
      expect((await member.get(`/api/v1/people/${stranger.id}`)).statusCode).toBe(404);
      const listed = (await member.get('/api/v1/people?pageSize=200')).json<List>().items.map((p) => p.id);
      expect(listed).toContain(colleague.id);
      expect(listed).not.toContain(stranger.id);

      const leader = await t.login(await t.newUser({ org: cell, roles: [{ role: 'leader', org: cell }] }));
      const edit = await leader.patch(`/api/v1/people/${colleague.id}`, { version: colleague.version, position: 'Đổi' });
      expect(edit.statusCode).toBe(403);
      expect(errorOf(edit).code).toBe('forbidden');
      const add = await leader.post('/api/v1/people', { fullName: 'Người Mới', membership: { orgId: cell.id } });
      expect(add.statusCode).toBe(403);
    });

    it('401 without a session', async () => {
      for (const url of ['/api/v1/people', `/api/v1/people/${cell.id}`]) expect((await t.anon().get(url)).statusCode).toBe(401);
      expect(
        (await t.app.inject({ method: 'POST', url: '/api/v1/people', payload: { fullName: 'Ai Đó', membership: { orgId: cell.id } } }))
          .statusCode,
      ).toBe(401);
    });
  });

  describe('editing', () => {
    it('creates a person with normalised name and sorted, de-duplicated categories, and audits it', async () => {
      const p = await create({
        fullName: '  Trần   Thị  Thu Hà '.normalize('NFD'),
        email: 'ha.tt@hanoi.gov.vn',
        phone: '+84 24 3825 1234',
        position: 'Phó Giám đốc Sở',
        birthDate: '1975-09-02',
        gender: 'female',
        categories: ['party_full', 'cadre', 'party_full'],
        membership: { orgId: division.id, title: 'Phó Giám đốc', isDeputy: true },
      });
      expect(p).toMatchObject({
        fullName: 'Trần Thị Thu Hà',
        email: 'ha.tt@hanoi.gov.vn',
        birthDate: '1975-09-02',
        gender: 'female',
        categories: ['cadre', 'party_full'],
        active: true,
        primaryOrgId: division.id,
        primaryOrgName: 'Phòng Công nghệ thông tin',
        version: 1,
      });
      expect(p.memberships).toHaveLength(1);
      expect(p.memberships[0]).toMatchObject({ orgId: division.id, title: 'Phó Giám đốc', isDeputy: true, isHead: false, isPrimary: true });
      const actions = (
        await t.ctx.db
          .selectFrom('audit_log')
          .select('action')
          .where('entity_id', 'in', [p.id, p.memberships[0]!.id])
          .orderBy('seq')
          .execute()
      ).map((r) => r.action);
      expect(actions).toEqual(['person.create', 'membership.create']);
      const got = await admin.get(`/api/v1/people/${p.id}`);
      expect(got.json<Detail>()).toEqual(p);
    });

    it('updates with a version check (409 on a stale version) and clears optional fields with null', async () => {
      const p = await create({ fullName: 'Lê Văn Sửa', email: 'sua@hanoi.gov.vn', membership: { orgId: division.id } });
      const ok = await admin.patch(`/api/v1/people/${p.id}`, {
        version: 1,
        fullName: 'Lê Văn Sửa Đổi',
        email: null,
        categories: ['worker'],
      });
      expect(ok.statusCode).toBe(200);
      expect(ok.json<Detail>()).toMatchObject({ fullName: 'Lê Văn Sửa Đổi', email: null, categories: ['worker'], version: 2 });
      const stale = await admin.patch(`/api/v1/people/${p.id}`, { version: 1, fullName: 'Cũ' });
      expect(stale.statusCode).toBe(409);
      expect(errorOf(stale).code).toBe('version_conflict');
      expect((await admin.get(`/api/v1/people/${p.id}`)).json<Detail>().fullName).toBe('Lê Văn Sửa Đổi');
      expect((await admin.patch(`/api/v1/people/00000000-0000-7000-8000-000000000000`, { version: 1 })).statusCode).toBe(404);
    });

    it('adds memberships; a duplicate answers 409 naming orgId; the last one cannot be removed (400)', async () => {
      const p = await create({
        fullName: 'Phan Văn Hai Nơi',
        categories: ['party_full', 'civil_servant'],
        membership: { orgId: division.id, title: 'Chuyên viên' },
      });
      const added = await admin.post(`/api/v1/people/${p.id}/memberships`, { orgId: cell.id, title: 'Đảng viên' });
      expect(added.statusCode).toBe(200);
      const detail = added.json<Detail>();
      expect(detail.memberships.map((m) => [m.orgId, m.isPrimary])).toEqual([
        [division.id, true],
        [cell.id, false],
      ]);
      const before = await t.fingerprint();
      const dup = await admin.post(`/api/v1/people/${p.id}/memberships`, { orgId: cell.id });
      expect(dup.statusCode).toBe(409);
      expect(fieldPaths(dup)).toEqual(['orgId']);
      expect(await t.fingerprint()).toEqual(before);

      const cellMembership = detail.memberships.find((m) => m.orgId === cell.id)!;
      const removed = await admin.delete(`/api/v1/memberships/${cellMembership.id}`);
      expect(removed.statusCode).toBe(200);
      expect(removed.json<Detail>().memberships.map((m) => m.orgId)).toEqual([division.id]);
      const last = await admin.delete(`/api/v1/memberships/${detail.memberships[0]!.id}`);
      expect(last.statusCode).toBe(400);
      expect(fieldPaths(last)).toEqual(['membershipId']);
      expect((await admin.delete(`/api/v1/memberships/${cellMembership.id}`)).statusCode).toBe(404);
    });

    it('switches the primary membership: one primary at a time, both changes audited', async () => {
      const p = await create({ fullName: 'Mạc Thị Chính', membership: { orgId: division.id } });
      const first = p.memberships[0]!;
      const second = (await admin.post(`/api/v1/people/${p.id}/memberships`, { orgId: cell.id, isPrimary: true })).json<Detail>();
      expect(second.primaryOrgId).toBe(cell.id);
      expect(second.memberships.filter((m) => m.isPrimary).map((m) => m.orgId)).toEqual([cell.id]);

      const firstNow = second.memberships.find((m) => m.id === first.id)!;
      expect(firstNow.version).toBe(2);
      const back = await admin.patch(`/api/v1/memberships/${first.id}`, {
        version: firstNow.version,
        isPrimary: true,
        title: 'Chuyên viên chính',
        isHead: true,
      });
      expect(back.statusCode).toBe(200);
      const after = back.json<Detail>();
      expect(after.primaryOrgId).toBe(division.id);
      expect(after.memberships.filter((m) => m.isPrimary).map((m) => m.id)).toEqual([first.id]);
      expect(after.memberships.find((m) => m.id === first.id)).toMatchObject({ title: 'Chuyên viên chính', isHead: true });

      const stale = await admin.patch(`/api/v1/memberships/${first.id}`, { version: firstNow.version, title: 'Cũ' });
      expect(stale.statusCode).toBe(409);
      const updates = await t.ctx.db
        .selectFrom('audit_log')
        .select('entity_id')
        .where('action', '=', 'membership.update')
        .where(
          'entity_id',
          'in',
          after.memberships.map((m) => m.id),
        )
        .execute();
      expect(updates.length).toBe(3);
      expect(await t.ctx.audit.verify(t.ctx.db)).toEqual([]);
    });

    it('a unit admin adds people only inside their unit', async () => {
      const unitAdmin = await t.login(await t.newUser({ org: cell, roles: [{ role: 'unit_admin', org: cell }] }));
      const ok = await unitAdmin.post('/api/v1/people', { fullName: 'Cao Văn Trong', membership: { orgId: cell.id } });
      expect(ok.statusCode).toBe(200);
      // The division is outside the cell: not even visible.
      const outside = await unitAdmin.post('/api/v1/people', { fullName: 'Cao Văn Ngoài', membership: { orgId: division.id } });
      expect(outside.statusCode).toBe(404);
    });
  });
});
