import {
  DEFAULT_SANCTION_REGIMES,
  type CaseStats,
  type Catalogue,
  type PublicHandledCases,
  type RegimeSettings,
  type z,
} from '@kycuong/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, errorOf, fieldPaths, type Agent, type TestContext } from './support/harness';
import { daysFromToday, newSampleCatalogue, steps, type CaseRef } from './support/violations-fixtures';

type OrgRef = { id: string; path: string; name: string; code: string };
type PublicPage = z.infer<typeof PublicHandledCases>;
type Stats = z.infer<typeof CaseStats>;
type Regimes = z.infer<typeof RegimeSettings>;

describe('cases: publication of handled citizen reports, statistics, regimes', () => {
  let t: TestContext;
  let dept: OrgRef;
  let cellA: OrgRef;
  let cellB: OrgRef;
  let admin: Agent;
  let inspector: Agent;
  let member: Agent;
  let catalogue: Catalogue;
  let citizen: CaseRef;
  let internal: CaseRef;
  const subjectName = 'Bùi Văn Được Nêu Tên';

  beforeAll(async () => {
    t = await createTestContext();
    dept = await t.newOrg({ kind: 'dang_uy_co_so', name: 'Đảng ủy Sở Công Khai', code: 'DU-CK' });
    cellA = await t.newOrg({ parent: dept, kind: 'chi_bo', name: 'Chi bộ Một Cửa', code: 'CB-MC' });
    cellB = await t.newOrg({ parent: dept, kind: 'chi_bo', name: 'Chi bộ Hai', code: 'CB-HAI' });
    admin = await t.login(await t.newUser({ person: null, roles: [{ role: 'system_admin', org: null }] }));
    inspector = await t.login(await t.newUser({ org: dept, roles: [{ role: 'inspector', org: dept }] }));
    member = await t.login(await t.newUser({ org: cellB }));
    catalogue = await newSampleCatalogue(t, admin, dept);
    const subject = await t.newPerson({ org: cellA, fullName: subjectName, categories: ['party_full', 'civil_servant'] });
    const other = await t.newPerson({ org: cellB, fullName: 'Ngô Thị Khác', categories: ['civil_servant'] });

    const open = async (personId: string, source: string, code: string) => {
      const res = await inspector.post('/api/v1/cases', {
        subject: { kind: 'person', personId },
        title: `Phản ánh ${code}`,
        source,
        sourceDetail: 'Người phản ánh: Nguyễn Văn Dân, 0912345678',
        receivedDate: daysFromToday(-30),
        items: [{ catalogueId: catalogue.id, code }],
      });
      expect(res.statusCode, res.body).toBe(200);
      return res.json<CaseRef>();
    };
    citizen = await open(subject.id, 'citizen_report', 'KL-05');
    internal = await open(other.id, 'inspection', 'NT-03');
    await open(other.id, 'self_detected', 'NT-08');
  });
  afterAll(() => t.close());

  it('refuses to publish before conclusion or a case not reported by a citizen (400 naming the field)', async () => {
    const early = await inspector.put(`/api/v1/cases/${citizen.id}/publication`, {
      version: citizen.version,
      published: true,
      fields: ['group'],
    });
    expect(early.statusCode).toBe(400);
    expect(errorOf(early).fields!.map((f) => [f.path, f.code])).toEqual([['published', 'not_concluded']]);
    internal = await steps(
      inspector,
      internal,
      { action: 'start_verification', date: daysFromToday(-20) },
      {
        action: 'conclude',
        date: daysFromToday(-10),
        outcome: 'violation',
        severity: 'minor',
        violationDate: daysFromToday(-40),
      },
    );
    const notCitizen = await inspector.put(`/api/v1/cases/${internal.id}/publication`, {
      version: internal.version,
      published: true,
      fields: [],
    });
    expect(errorOf(notCitizen).fields![0]!.code).toBe('not_citizen_report');
    const badField = await inspector.put(`/api/v1/cases/${citizen.id}/publication`, {
      version: citizen.version,
      published: true,
      fields: ['phone'],
    });
    expect(fieldPaths(badField)[0]).toBe('fields.0');
    expect((await member.put(`/api/v1/cases/${citizen.id}/publication`, { version: citizen.version, published: false })).statusCode).toBe(
      404,
    );
  });

  it('publishes a handled citizen report anonymously unless the name is chosen', async () => {
    citizen = await steps(
      inspector,
      citizen,
      { action: 'start_verification', date: daysFromToday(-25) },
      { action: 'conclude', date: daysFromToday(-10), outcome: 'violation', severity: 'minor', violationDate: daysFromToday(-35) },
      { action: 'decide_sanction', date: daysFromToday(-5), sanctions: [{ track: 'state', form: 'khien_trach' }] },
    );
    const pub = await inspector.put(`/api/v1/cases/${citizen.id}/publication`, {
      version: citizen.version,
      published: true,
      fields: ['group', 'sanction', 'date'],
      summary: 'Đã kiểm điểm, xử lý kỷ luật khiển trách cán bộ có thái độ không đúng mực.',
    });
    expect(pub.statusCode, pub.body).toBe(200);
    citizen = pub.json();

    const page = await t.anon().get(`/api/v1/public/orgs/${dept.code}/handled-cases`);
    expect(page.statusCode, page.body).toBe(200);
    const body = page.json<PublicPage>();
    expect(body.org).toEqual({ code: 'DU-CK', name: 'Đảng ủy Sở Công Khai' });
    expect(body.total).toBe(1);
    expect(body.items[0]).toMatchObject({
      outcome: 'violation',
      groups: [{ code: 'KL', title: 'Vi phạm kỷ cương, kỷ luật' }],
      items: null,
      sanctions: [{ track: 'state', form: 'khien_trach', label: 'Khiển trách' }],
      unitName: null,
      subjectName: null,
      receivedDate: daysFromToday(-30),
      concludedDate: daysFromToday(-10),
    });
    expect(page.body).not.toContain(subjectName);
    expect(page.body).not.toContain('Chi bộ Một Cửa');
    expect(page.body).not.toContain('Nguyễn Văn Dân');

    const named = await inspector.put(`/api/v1/cases/${citizen.id}/publication`, {
      version: citizen.version,
      published: true,
      fields: ['group', 'unit', 'subjectName'],
    });
    expect(named.statusCode).toBe(200);
    const again = (await t.anon().get(`/api/v1/public/orgs/${cellA.code}/handled-cases`)).json<PublicPage>();
    expect(again.items[0]).toMatchObject({ subjectName, unitName: 'Chi bộ Một Cửa', sanctions: null, receivedDate: null });
    expect(again.items[0]!.summary).toBeNull();
    // The sibling unit's page lists nothing.
    expect((await t.anon().get(`/api/v1/public/orgs/${cellB.code}/handled-cases`)).json<{ items: unknown[] }>().items).toEqual([]);
    const stale = await inspector.put(`/api/v1/cases/${citizen.id}/publication`, { version: citizen.version, published: false });
    expect(stale.statusCode).toBe(409);
  });

  it('the public page: 404 for an unknown org, 400 naming a bad parameter', async () => {
    expect((await t.anon().get('/api/v1/public/orgs/KHONG-CO/handled-cases')).statusCode).toBe(404);
    const bad = await t.anon().get(`/api/v1/public/orgs/${dept.code}/handled-cases?page=0`);
    expect(bad.statusCode).toBe(400);
    expect(fieldPaths(bad)[0]).toBe('page');
  });

  it('counts cases by catalogue group, item and unit', async () => {
    const res = await inspector.get(`/api/v1/cases/stats?orgId=${dept.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json<Stats>();
    expect(s.total).toBe(3);
    expect(s.byGroup).toEqual([
      { code: 'KL', title: 'Vi phạm kỷ cương, kỷ luật', count: 1 },
      { code: 'NT', title: 'Né tránh, đùn đẩy, thiếu trách nhiệm trong thực thi nhiệm vụ', count: 2 },
    ]);
    expect(s.byItem.map((i) => [i.code, i.count])).toEqual([
      ['KL-05', 1],
      ['NT-03', 1],
      ['NT-08', 1],
    ]);
    // Units in tree order, then by Vietnamese name.
    expect(s.byUnit).toEqual([
      { orgId: cellB.id, orgName: 'Chi bộ Hai', total: 2, byGroup: [{ code: 'NT', count: 2 }] },
      { orgId: cellA.id, orgName: 'Chi bộ Một Cửa', total: 1, byGroup: [{ code: 'KL', count: 1 }] },
    ]);
    const established = (await inspector.get(`/api/v1/cases/stats?orgId=${dept.id}&outcome=violation`)).json<Stats>();
    expect(established.total).toBe(2);
    const period = (await inspector.get(`/api/v1/cases/stats?orgId=${dept.id}&from=${daysFromToday(1)}`)).json<Stats>();
    expect(period.total).toBe(0);
    const narrow = (await inspector.get(`/api/v1/cases/stats?orgId=${cellB.id}`)).json<Stats>();
    // Cases filed on the chosen org itself count under it.
    expect(narrow.byUnit).toEqual([{ orgId: cellB.id, orgName: 'Chi bộ Hai', total: 2, byGroup: [{ code: 'NT', count: 2 }] }]);
    expect(narrow.total).toBe(2);
  });

  it('without an org, an inspector of several subtrees sees them side by side', async () => {
    const twoCells = await t.login(
      await t.newUser({
        org: cellA,
        roles: [
          { role: 'inspector', org: cellA },
          { role: 'inspector', org: cellB },
        ],
      }),
    );
    const s = (await twoCells.get('/api/v1/cases/stats')).json<Stats>();
    expect(s.org).toBeNull();
    expect(s.total).toBe(3);
    expect(s.byUnit.map((u) => [u.orgName, u.total]).sort()).toEqual([
      ['Chi bộ Hai', 2],
      ['Chi bộ Một Cửa', 1],
    ]);
  });

  it('statistics: 404 without inspection scope or outside it, 400 naming a bad parameter', async () => {
    expect((await member.get('/api/v1/cases/stats')).statusCode).toBe(404);
    expect((await inspector.get(`/api/v1/cases/stats?orgId=${(await t.newOrg({ parent: null, kind: 'ubnd' })).id}`)).statusCode).toBe(404);
    const bad = await inspector.get('/api/v1/cases/stats?from=hom-qua');
    expect(bad.statusCode).toBe(400);
    expect(fieldPaths(bad)[0]).toBe('from');
    expect((await admin.get('/api/v1/cases/stats')).json<{ total: number }>().total).toBe(3);
  });

  it('sanction regimes are reference data: readable, replaceable by a system administrator only, validated, versioned', async () => {
    const res = await member.get('/api/v1/discipline/regimes');
    expect(res.statusCode).toBe(200);
    expect(res.json<Regimes>()).toMatchObject({ version: 0, isDefault: true });
    expect(res.json<Regimes>().regimes).toEqual(DEFAULT_SANCTION_REGIMES);

    expect((await inspector.put('/api/v1/discipline/regimes', { version: 0, regimes: DEFAULT_SANCTION_REGIMES })).statusCode).toBe(404);
    const overlapping = [...DEFAULT_SANCTION_REGIMES, { ...DEFAULT_SANCTION_REGIMES[6]!, id: 'civil-servant-2026' }];
    const bad = await admin.put('/api/v1/discipline/regimes', { version: 0, regimes: overlapping });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).fields!.map((f) => [f.path, f.code])).toEqual([
      [`regimes.${DEFAULT_SANCTION_REGIMES.length}.effectiveFrom`, 'overlap'],
    ]);

    // The State limitation periods reportedly rose to 5/10 years: an administrator can record that.
    const raised = DEFAULT_SANCTION_REGIMES.map((r) =>
      r.id === 'civil-servant-172-2025' ? { ...r, limitationYears: { minor: 5, serious: 10, very_serious: 10, extremely_serious: 10 } } : r,
    );
    const ok = await admin.put('/api/v1/discipline/regimes', { version: 0, regimes: raised });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json<Regimes>()).toMatchObject({ version: 1, isDefault: false });
    expect((await admin.put('/api/v1/discipline/regimes', { version: 0, regimes: raised })).statusCode).toBe(409);
    expect(await t.ctx.audit.verify(t.ctx.db)).toEqual([]);
  });
});
