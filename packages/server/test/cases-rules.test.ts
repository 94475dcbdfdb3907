import { addCalendarDays, civilCodeDeadline, type CaseDetail, type Catalogue } from '@kycuong/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, errorOf, fieldPaths, type Agent, type TestContext } from './support/harness';
import { daysFromToday, newSampleCatalogue, steps, type CaseRef } from './support/violations-fixtures';

type OrgRef = { id: string; path: string; name: string; code: string };

/** Sanction regimes, deadlines and limitation periods as the case routes apply them. */
describe('cases: regimes by subject and date, deadline to decide, limitation period', () => {
  let t: TestContext;
  let dept: OrgRef;
  let cell: OrgRef;
  let division: OrgRef;
  let admin: Agent;
  let inspector: Agent;
  let catalogue: Catalogue;

  beforeAll(async () => {
    t = await createTestContext();
    dept = await t.newOrg({ kind: 'dang_uy_co_so', name: 'Đảng ủy Sở Quy Tắc' });
    cell = await t.newOrg({ parent: dept, kind: 'chi_bo', name: 'Chi bộ Quy Tắc' });
    division = await t.newOrg({ parent: dept, kind: 'phong', name: 'Phòng Quy Tắc' });
    admin = await t.login(await t.newUser({ person: null, roles: [{ role: 'system_admin', org: null }] }));
    inspector = await t.login(await t.newUser({ org: dept, roles: [{ role: 'inspector', org: dept }] }));
    catalogue = await newSampleCatalogue(t, admin, dept);
  });
  afterAll(() => t.close());

  /** A case against a person, received and driven to "concluded: violation" on the given dates. */
  async function concluded(personId: string, d: { received: string; violation: string; concluded: string; severity?: string }) {
    const res = await inspector.post('/api/v1/cases', {
      subject: { kind: 'person', personId },
      title: 'Vi phạm giờ làm việc',
      source: 'inspection',
      receivedDate: d.received,
      items: [{ catalogueId: catalogue.id, code: 'KL-02' }],
    });
    expect(res.statusCode, res.body).toBe(200);
    return steps(
      inspector,
      res.json<CaseRef>(),
      { action: 'start_verification', date: d.received },
      {
        action: 'conclude',
        date: d.concluded,
        outcome: 'violation',
        severity: d.severity ?? 'serious',
        violationDate: d.violation,
      },
    );
  }
  const decide = (c: CaseRef, date: string, sanctions: Record<string, unknown>[]) =>
    inspector.post(`/api/v1/cases/${c.id}/transition`, { action: 'decide_sanction', version: c.version, date, sanctions });
  const fieldsOf = (res: { json(): unknown }) =>
    (res.json() as { error: { fields: { path: string; code: string }[] } }).error.fields.map((f) => [f.path, f.code]);

  it('a civil servant decided after 01/07/2025 cannot take hạ bậc lương', async () => {
    const p = await t.newPerson({ org: division, fullName: 'Công Chức Sau', categories: ['civil_servant'] });
    const c = await concluded(p.id, { received: '2025-08-01', violation: '2025-07-20', concluded: '2025-09-01' });
    const res = await decide(c, '2025-09-15', [{ track: 'state', form: 'ha_bac_luong' }]);
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res)).toEqual([['sanctions.0.form', 'form_not_in_regime']]);
    expect(errorOf(res).message).toContain('Nghị định 172/2025');
    const ok = await decide(c, '2025-09-15', [{ track: 'state', form: 'canh_cao' }]);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json<CaseDetail>().sanctions[0]).toMatchObject({
      form: 'canh_cao',
      regimeId: 'civil-servant-172-2025',
      category: 'civil_servant',
    });
  });

  it('…and before that date it can', async () => {
    const p = await t.newPerson({ org: division, fullName: 'Công Chức Trước', categories: ['civil_servant'] });
    const c = await concluded(p.id, { received: '2025-03-03', violation: '2025-02-20', concluded: '2025-05-05' });
    const res = await decide(c, '2025-06-20', [{ track: 'state', form: 'ha_bac_luong', decisionNumber: '45/QĐ-STTTT' }]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<CaseDetail>().sanctions[0]).toMatchObject({
      form: 'ha_bac_luong',
      regimeId: 'civil-servant-2020',
      effectiveUntil: '2026-06-20',
    });
  });

  it('a probationary Party member cannot be removed from post (cách chức); a person without a State category takes no State sanction', async () => {
    const p = await t.newPerson({ org: cell, fullName: 'Đảng Viên Dự Bị', categories: ['party_probation'] });
    const c = await concluded(p.id, { received: daysFromToday(-20), violation: daysFromToday(-25), concluded: daysFromToday(-5) });
    const res = await decide(c, daysFromToday(-1), [
      { track: 'party', form: 'cach_chuc' },
      { track: 'state', form: 'khien_trach' },
    ]);
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res)).toEqual([
      ['sanctions.0.form', 'form_not_in_regime'],
      ['sanctions.1.track', 'not_on_track'],
    ]);
    const wrongCategory = await decide(c, daysFromToday(-1), [{ track: 'party', form: 'khien_trach', category: 'party_full' }]);
    expect(fieldsOf(wrongCategory)).toEqual([['sanctions.0.category', 'not_subject_category']]);
    expect((await decide(c, daysFromToday(-1), [{ track: 'party', form: 'canh_cao' }])).statusCode).toBe(200);
  });

  it('a Party organisation can be dissolved; a person cannot', async () => {
    const created = await inspector.post('/api/v1/cases', {
      subject: { kind: 'org', orgId: cell.id },
      title: 'Chi bộ buông lỏng lãnh đạo',
      source: 'supervision',
      receivedDate: daysFromToday(-40),
      items: [{ catalogueId: catalogue.id, code: 'NT-01' }],
    });
    expect(created.statusCode, created.body).toBe(200);
    expect(created.json<CaseDetail>().deadline).toBeNull();
    let c = created.json<CaseRef>();
    c = await steps(
      inspector,
      c,
      { action: 'start_verification', date: daysFromToday(-39) },
      {
        action: 'conclude',
        date: daysFromToday(-3),
        outcome: 'violation',
        severity: 'very_serious',
        violationDate: daysFromToday(-60),
      },
    );
    expect(fieldsOf(await decide(c, daysFromToday(-1), [{ track: 'state', form: 'khien_trach' }]))).toEqual([
      ['sanctions.0.track', 'not_on_track'],
    ]);
    const ok = await decide(c, daysFromToday(-1), [{ track: 'party', form: 'giai_tan' }]);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json<CaseDetail>().sanctions[0]).toMatchObject({ form: 'giai_tan', category: 'party_org', effectiveUntil: null });

    const p = await t.newPerson({ org: cell, fullName: 'Đảng Viên Chính Thức', categories: ['party_full'] });
    const pc = await concluded(p.id, { received: daysFromToday(-20), violation: daysFromToday(-25), concluded: daysFromToday(-5) });
    expect(fieldsOf(await decide(pc, daysFromToday(-1), [{ track: 'party', form: 'giai_tan' }]))).toEqual([
      ['sanctions.0.form', 'form_not_in_regime'],
    ]);
  });

  it('a new violation while a State sanction runs takes at least one level more', async () => {
    const p = await t.newPerson({ org: division, fullName: 'Tái Phạm', categories: ['civil_servant'] });
    const first = await concluded(p.id, {
      received: daysFromToday(-60),
      violation: daysFromToday(-70),
      concluded: daysFromToday(-50),
      severity: 'minor',
    });
    expect((await decide(first, daysFromToday(-45), [{ track: 'state', form: 'khien_trach' }])).statusCode).toBe(200);
    const second = await concluded(p.id, {
      received: daysFromToday(-20),
      violation: daysFromToday(-25),
      concluded: daysFromToday(-5),
      severity: 'minor',
    });
    const d = (await inspector.get(`/api/v1/cases/${second.id}`)).json<CaseDetail>();
    expect(d.warnings.find((w) => w.code === 'running_sanction')?.message).toContain('Cảnh cáo');
    const same = await decide(second, daysFromToday(-1), [{ track: 'state', form: 'khien_trach' }]);
    expect(fieldsOf(same)).toEqual([['sanctions.0.form', 'raise_required']]);
    expect((await decide(second, daysFromToday(-1), [{ track: 'state', form: 'canh_cao' }])).statusCode).toBe(200);
  });

  it('computes the 90-day deadline to decide, warns when it has passed, and extends it to 150 days', async () => {
    const p = await t.newPerson({ org: division, fullName: 'Quá Hạn Xử Lý', categories: ['civil_servant'] });
    const received = daysFromToday(-100);
    const res = await inspector.post('/api/v1/cases', {
      subject: { kind: 'person', personId: p.id },
      title: 'Chậm giải quyết hồ sơ',
      source: 'inspection',
      receivedDate: received,
      items: [{ catalogueId: catalogue.id, code: 'NT-04' }],
    });
    let d: CaseDetail = res.json();
    expect(d.deadline).toMatchObject({
      days: 90,
      dueDate: civilCodeDeadline(received, 90),
      extended: false,
      extendedDueDate: civilCodeDeadline(received, 150),
    });
    expect(d.warnings.find((w) => w.code === 'decision_overdue')?.dueDate).toBe(civilCodeDeadline(received, 90));
    const list = (await inspector.get(`/api/v1/cases?personId=${p.id}`)).json<{ items: { decisionDueDate: string }[] }>();
    expect(list.items[0]!.decisionDueDate).toBe(civilCodeDeadline(received, 90));

    const noReason = await inspector.post(`/api/v1/cases/${d.id}/transition`, { action: 'extend_deadline', version: d.version });
    expect(fieldPaths(noReason)[0]).toBe('reason');
    await steps(inspector, d, { action: 'extend_deadline', reason: 'Vụ việc phức tạp, cần thanh tra xác minh thêm' });
    d = (await inspector.get(`/api/v1/cases/${d.id}`)).json();
    expect(d.deadline).toMatchObject({ days: 150, dueDate: civilCodeDeadline(received, 150), extended: true });
    expect(d.warnings.map((w) => w.code)).not.toContain('decision_overdue');
    expect(d.allowedActions).not.toContain('extend_deadline');
    const again = await inspector.post(`/api/v1/cases/${d.id}/transition`, {
      action: 'extend_deadline',
      version: d.version,
      reason: 'Gia hạn lần hai',
    });
    expect(again.statusCode).toBe(409);
  });

  it('warns when the limitation period has run out, and a new violation within it restarts the clock', async () => {
    const p = await t.newPerson({ org: division, fullName: 'Thời Hiệu', categories: ['party_full', 'civil_servant'] });
    const oldViolation = addCalendarDays(daysFromToday(-730), -20);
    const res = await inspector.post('/api/v1/cases', {
      subject: { kind: 'person', personId: p.id },
      title: 'Vi phạm cũ',
      source: 'inspection',
      receivedDate: daysFromToday(-5),
      violationDate: oldViolation,
      severity: 'minor',
      items: [{ catalogueId: catalogue.id, code: 'KL-07' }],
    });
    let d: CaseDetail = res.json();
    // State (2 years for khiển trách-level) has run out; Party (5 years) has not.
    expect(d.limitations.map((l) => [l.track, l.years, l.restarted])).toEqual([
      ['party', 5, false],
      ['state', 2, false],
    ]);
    const expired = d.warnings.filter((w) => w.code === 'limitation_expired');
    expect(expired.map((w) => w.track)).toEqual(['state']);

    // A later violation, committed within the State period, concluded in another case.
    const newer = daysFromToday(-400);
    await concluded(p.id, { received: daysFromToday(-3), violation: newer, concluded: daysFromToday(-1), severity: 'minor' });
    d = (await inspector.get(`/api/v1/cases/${d.id}`)).json();
    const state = d.limitations.find((l) => l.track === 'state')!;
    expect(state).toMatchObject({ restarted: true, countedFrom: newer });
    expect(d.warnings.map((w) => w.code)).not.toContain('limitation_expired');
  });

  it('no limitation for an expulsion-level Party violation', async () => {
    const p = await t.newPerson({ org: cell, fullName: 'Không Thời Hiệu', categories: ['party_full'] });
    const c = await concluded(p.id, {
      received: daysFromToday(-5),
      violation: '2001-05-05',
      concluded: daysFromToday(-1),
      severity: 'very_serious',
    });
    const d = (await inspector.get(`/api/v1/cases/${c.id}`)).json<CaseDetail>();
    expect(d.limitations).toEqual([expect.objectContaining({ track: 'party', years: null, expiresOn: null })]);
    expect(d.warnings).toEqual([]);
  });
});
