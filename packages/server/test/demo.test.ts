import type { Me, Org, Person, PersonDetail, z } from '@kycuong/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo, type DemoResult } from '../src/demo/seed';
import { createTestContext, type Agent, type TestContext } from './support/harness';

type Detail = z.infer<typeof PersonDetail>;

describe('demo data (the organisation of the article)', () => {
  let t: TestContext;
  let demo: DemoResult;
  const sessions = new Map<string, Agent>();
  const as = async (username: string) => {
    let a = sessions.get(username);
    if (!a) {
      a = await t.login(username, DEMO_PASSWORD);
      sessions.set(username, a);
    }
    return a;
  };

  beforeAll(async () => {
    t = await createTestContext();
    demo = await seedDemo(t.ctx);
  });
  afterAll(() => t.close());

  it('builds the Party and State trees of the department', async () => {
    const admin = await as('quantri');
    const roots = (await admin.get('/api/v1/orgs')).json<{ items: Org[] }>().items.map((o) => o.name);
    expect(roots).toEqual(['Thành ủy Hà Nội', 'Ủy ban nhân dân Thành phố Hà Nội']);
    const childrenOf = async (key: string) => (await admin.get(`/api/v1/orgs?parentId=${demo.orgIds[key]}`)).json<{ items: Org[] }>().items;
    const cells = await childrenOf('dangUy');
    expect(cells.map((o) => o.kind)).toEqual(Array(6).fill('chi_bo'));
    expect(cells.map((o) => o.name)).toContain('Chi bộ Văn phòng');
    const so = await childrenOf('so');
    expect(so.map((o) => o.kind)).toEqual(expect.arrayContaining(['phong', 'don_vi_su_nghiep', 'cong_doan', 'doan_thanh_nien']));
    expect((await childrenOf('congdoan')).map((o) => o.kind)).toEqual(['to_cong_doan', 'to_cong_doan', 'to_cong_doan']);
    const dangUy = (await admin.get(`/api/v1/orgs/${demo.orgIds.dangUy}`)).json<Org & { ancestors: { name: string }[] }>();
    expect(dangUy.name).toBe('Đảng ủy cơ quan Sở Thông tin và Truyền thông Hà Nội');
    expect(dangUy.ancestors.map((a) => a.name)).toEqual(['Thành ủy Hà Nội', 'Đảng bộ Khối các cơ quan Thành phố Hà Nội']);
    expect(await t.count('orgs')).toBe(Object.keys(demo.orgIds).length);
  });

  it('has about 60 people with Vietnamese names, positions and several memberships', async () => {
    expect(demo.people).toBeGreaterThanOrEqual(55);
    expect(demo.people).toBeLessThanOrEqual(70);
    expect(await t.count('people')).toBe(demo.people);
    expect(await t.count('memberships')).toBeGreaterThan(demo.people * 2);
    const admin = await as('quantri');
    const list = (await admin.get('/api/v1/people?pageSize=200')).json<{ items: Person[]; total: number }>();
    expect(list.total).toBe(demo.people);
    for (const p of list.items) {
      expect(p.fullName.split(' ').length, p.fullName).toBeGreaterThanOrEqual(3);
      expect(p.position).toBeTruthy();
      expect(p.primaryOrgId).toBeTruthy();
    }
    expect(new Set(list.items.map((p) => p.fullName)).size).toBe(list.items.length);
  });

  it('creates the six demo accounts with the documented roles, all signing in with the demo password', async () => {
    expect(DEMO_ACCOUNTS.map((a) => a.username)).toEqual(['quantri', 'bithu', 'chibo1', 'kiemtra', 'canbo', 'congdoan']);
    const roles: Record<string, [string, string | null][]> = {};
    for (const { username } of DEMO_ACCOUNTS) {
      const me = (await (await as(username)).get('/api/v1/auth/me')).json<Me>();
      expect(me.user.mustChangePassword).toBe(false);
      roles[username] = me.grants.map((g) => [g.role, g.orgId]);
    }
    const o = demo.orgIds;
    expect(roles).toEqual({
      quantri: [['system_admin', null]],
      bithu: [
        ['leader', o.dangUy],
        ['leader', o.so],
      ],
      chibo1: [
        ['leader', o.cbVP],
        ['unit_admin', o.cbVP],
      ],
      kiemtra: [
        ['inspector', o.dangUy],
        ['inspector', o.so],
      ],
      canbo: [],
      congdoan: [['union_officer', o.congdoan]],
    });
    const demoFlags = await t.ctx.db.selectFrom('users').select(['username', 'is_demo']).execute();
    // Later capabilities add their own demo accounts; these six are always there, flagged as demo.
    const flagged = demoFlags.filter((u) => u.is_demo === true || u.is_demo === 1).map((u) => u.username);
    expect(flagged).toEqual(expect.arrayContaining(DEMO_ACCOUNTS.map((a) => a.username)));
  });

  it('chibo1 manages only Chi bộ Văn phòng, and reads nothing but it and the two units she belongs to herself', async () => {
    const chibo1 = await as('chibo1');
    const o = demo.orgIds;
    // Her own memberships (Chánh Văn phòng of the Sở's office, member of Tổ công đoàn 1) give the
    // implied member role, which reads those units; her roles cover the chi bộ only.
    const tree = (await chibo1.get('/api/v1/orgs?tree=true')).json<{ items: Org[] }>().items;
    expect(new Set(tree.map((org) => org.id))).toEqual(new Set([o.cbVP, o.vp, o.tcd1]));
    for (const key of ['so', 'dangUy', 'cbCNTT', 'cbBCVT', 'cntt', 'congdoan', 'tcd2', 'thanhuy'])
      expect((await chibo1.get(`/api/v1/orgs/${o[key]}`)).statusCode, key).toBe(404);
    // Readable but not hers to change.
    expect((await chibo1.patch(`/api/v1/orgs/${o.vp}`, { version: 1, name: 'Văn phòng Sở (đổi)' })).statusCode).toBe(403);

    const me = (await chibo1.get('/api/v1/auth/me')).json<Me>();
    expect(me.actions).toEqual(expect.arrayContaining(['org.manage', 'person.manage', 'user.manage', 'audit.read']));
    expect(me.actions).not.toContain('system.configure');

    // Every account she administers and every audit record she reads belongs to the chi bộ.
    const admin = await as('quantri');
    const users = (await chibo1.get('/api/v1/users?pageSize=200')).json<{ items: { personId: string | null }[] }>().items;
    expect(users.length).toBeGreaterThan(1);
    for (const u of users) {
      const memberships = (await admin.get(`/api/v1/people/${u.personId}`)).json<Detail>().memberships;
      expect(memberships.some((m) => m.orgId === o.cbVP)).toBe(true);
    }
    const audit = (await chibo1.get('/api/v1/audit?pageSize=200')).json<{ items: { orgId: string | null }[] }>().items;
    expect(audit.length).toBeGreaterThan(0);
    expect(new Set(audit.map((a) => a.orgId))).toEqual(new Set([o.cbVP]));
    // canbo belongs to another chi bộ and another phòng.
    expect((await chibo1.get(`/api/v1/people/${demo.personIds.canbo}`)).statusCode).toBe(404);
  });

  it('bithu is both Secretary of the Đảng ủy and Director of the Sở; chibo1 cannot take over the account', async () => {
    const admin = await as('quantri');
    const bithu = (await admin.get(`/api/v1/people/${demo.personIds.bithu}`)).json<Detail>();
    expect(bithu.fullName).toBe('Nguyễn Thanh Bình');
    const byOrg = new Map(bithu.memberships.map((m) => [m.orgId, m]));
    expect(byOrg.get(demo.orgIds.dangUy!)).toMatchObject({ title: 'Bí thư Đảng ủy', isHead: true });
    expect(byOrg.get(demo.orgIds.so!)).toMatchObject({ title: 'Giám đốc Sở', isHead: true, isPrimary: true });
    // bithu is also a member of Chi bộ Văn phòng, so chibo1 sees the account but may not hand it over.
    const chibo1 = await as('chibo1');
    const account = await chibo1.get(`/api/v1/users/${bithu.userId}`);
    expect(account.statusCode).toBe(200);
    const before = await t.fingerprint();
    expect((await chibo1.post(`/api/v1/users/${bithu.userId}/reset-password`, { newPassword: 'Chiem-quyen-2024' })).statusCode).toBe(403);
    expect(await t.fingerprint()).toEqual(before);
  });

  it('verify-audit is clean after seeding', async () => {
    expect(await t.ctx.audit.verify(t.ctx.db)).toEqual([]);
  });
});
