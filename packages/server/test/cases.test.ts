import { addMonthsClamped, addWorkingDays, type CaseDetail, type Catalogue, type DisciplineRecord } from '@kycuong/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, fieldPaths, type Agent, type TestContext } from './support/harness';
import { daysFromToday, hanoiToday, newSampleCatalogue, steps, type CaseRef } from './support/violations-fixtures';

type OrgRef = { id: string; path: string; name: string; code: string };

describe('cases: workflow, visibility, explanation, discipline track', () => {
  let t: TestContext;
  let dept: OrgRef;
  let cellA: OrgRef;
  let cellB: OrgRef;
  let admin: Agent;
  let inspector: Agent;
  let inspectorB: Agent;
  let subject: { id: string; fullName: string };
  let subjectAgent: Agent;
  let other: { id: string; fullName: string };
  let otherAgent: Agent;
  let catalogue: Catalogue;
  let c: CaseRef;
  const today = hanoiToday();

  beforeAll(async () => {
    t = await createTestContext();
    dept = await t.newOrg({ kind: 'dang_uy_co_so', name: 'Đảng ủy Sở Vụ Việc' });
    cellA = await t.newOrg({ parent: dept, kind: 'chi_bo', name: 'Chi bộ Phòng Công nghệ' });
    cellB = await t.newOrg({ parent: dept, kind: 'chi_bo', name: 'Chi bộ Phòng Khác' });
    admin = await t.login(await t.newUser({ person: null, roles: [{ role: 'system_admin', org: null }] }));
    inspector = await t.login(await t.newUser({ org: dept, roles: [{ role: 'inspector', org: dept }] }));
    inspectorB = await t.login(await t.newUser({ org: cellB, roles: [{ role: 'inspector', org: cellB }] }));
    subject = await t.newPerson({ org: cellA, fullName: 'Đặng Quang Huy', categories: ['party_full', 'civil_servant'] });
    subjectAgent = await t.login(await t.newUser({ person: subject }));
    other = await t.newPerson({ org: cellB, fullName: 'Hoàng Thị Ngoài' });
    otherAgent = await t.login(await t.newUser({ person: other }));
    catalogue = await newSampleCatalogue(t, admin, dept);
  });
  afterAll(() => t.close());

  const nt03 = () => ({ catalogueId: catalogue.id, code: 'NT-03' });

  it('401 without a session on every case endpoint', async () => {
    const anon = t.anon();
    const id = '00000000-0000-7000-8000-000000000000';
    for (const res of [
      await anon.get('/api/v1/cases'),
      await anon.get('/api/v1/cases/stats'),
      await anon.get('/api/v1/cases/explanation-requests'),
      await anon.get(`/api/v1/cases/${id}`),
      await anon.post('/api/v1/cases', {}),
      await anon.post(`/api/v1/cases/${id}/transition`, { action: 'close', version: 1 }),
      await anon.post(`/api/v1/cases/${id}/explanation`, { text: 'Tôi xin giải trình như sau' }),
      await anon.post(`/api/v1/cases/${id}/members`, { personId: id }),
      await anon.put(`/api/v1/cases/${id}/publication`, { version: 1, published: false }),
      await anon.get(`/api/v1/people/${id}/discipline`),
      await anon.get('/api/v1/discipline/regimes'),
      await anon.put('/api/v1/discipline/regimes', { version: 0, regimes: [] }),
    ]) {
      expect(res.statusCode).toBe(401);
    }
  });

  it('400 names the fields and writes nothing', async () => {
    const before = await t.fingerprint();
    const base = {
      subject: { kind: 'person', personId: subject.id },
      title: 'Đùn đẩy công việc',
      source: 'inspection',
      receivedDate: today,
      items: [nt03()],
    };
    const schema = await inspector.post('/api/v1/cases', { ...base, source: 'rumour', receivedDate: '28/11/2026', items: [] });
    expect(schema.statusCode).toBe(400);
    expect(fieldPaths(schema)).toEqual(expect.arrayContaining(['source', 'receivedDate', 'items']));
    const unknownItem = await inspector.post('/api/v1/cases', { ...base, items: [{ catalogueId: catalogue.id, code: 'NT-99' }] });
    expect(unknownItem.statusCode).toBe(400);
    expect(fieldPaths(unknownItem)).toEqual(['items.0.code']);
    const future = await inspector.post('/api/v1/cases', { ...base, receivedDate: daysFromToday(3), violationDate: daysFromToday(5) });
    expect(fieldPaths(future)).toEqual(['receivedDate', 'violationDate']);
    const signals = await inspector.post('/api/v1/cases', { ...base, source: 'shirking_signals' });
    expect(fieldPaths(signals)).toEqual(['taskIds']);
    const unknownTask = await inspector.post('/api/v1/cases', {
      ...base,
      source: 'shirking_signals',
      taskIds: ['00000000-0000-7000-8000-000000000001'],
    });
    const tables = await t.ctx.db.introspection.getTables();
    if (tables.some((x) => x.name === 'tasks')) expect(fieldPaths(unknownTask)).toEqual(['taskIds.0']);
    const unknownPerson = await inspector.post('/api/v1/cases', {
      ...base,
      subject: { kind: 'person', personId: '00000000-0000-7000-8000-000000000002' },
    });
    expect(fieldPaths(unknownPerson)).toEqual(['subject.personId']);
    expect(await t.fingerprint()).toEqual(before);
  });

  it('404 when the subject is outside the inspector’s subtree; 404 for a member without inspection role', async () => {
    const body = {
      subject: { kind: 'person', personId: subject.id },
      title: 'Ngoài phạm vi',
      source: 'inspection',
      receivedDate: today,
      items: [nt03()],
    };
    expect((await inspectorB.post('/api/v1/cases', body)).statusCode).toBe(404);
    expect((await otherAgent.post('/api/v1/cases', body)).statusCode).toBe(404);
  });

  it('an inspector of the subtree opens a case tagged NT-03', async () => {
    const res = await inspector.post('/api/v1/cases', {
      subject: { kind: 'person', personId: subject.id },
      title: 'Đùn đẩy hồ sơ sang phòng khác',
      source: 'staff_report',
      sourceDetail: 'Phản ánh của đồng chí Trần Văn Báo',
      receivedDate: daysFromToday(-10),
      items: [nt03()],
      decisionMaker: 'Ủy ban Kiểm tra Đảng ủy',
      documents: [{ title: 'Biên bản tiếp nhận', number: '01-BB/UBKT', date: daysFromToday(-10) }],
    });
    expect(res.statusCode, res.body).toBe(200);
    const d: CaseDetail = res.json();
    expect(d.status).toBe('received');
    expect(d.subject).toMatchObject({ kind: 'person', personId: subject.id, name: 'Đặng Quang Huy', orgId: cellA.id });
    expect(d.items).toEqual([
      expect.objectContaining({
        code: 'NT-03',
        groupCode: 'NT',
        catalogueVersion: 1,
        title: 'Đùn đẩy công việc lên cấp trên hoặc sang cơ quan, đơn vị, cá nhân khác',
      }),
    ]);
    expect(d.steps.map((s) => [s.kind, s.decisionMaker])).toEqual([['received', 'Ủy ban Kiểm tra Đảng ủy']]);
    expect(d.steps[0]!.documents[0]!.number).toBe('01-BB/UBKT');
    // A civil servant: the 90-day statutory deadline applies and can be extended.
    expect(d.deadline?.days).toBe(90);
    expect(d.allowedActions).toEqual(['start_verification', 'request_explanation', 'extend_deadline', 'add_member']);
    c = d;
  });

  it('only inspection roles of the subtree see it: a member of another unit and the subject (before conclusion) get 404', async () => {
    expect((await inspector.get(`/api/v1/cases/${c.id}`)).statusCode).toBe(200);
    expect((await otherAgent.get(`/api/v1/cases/${c.id}`)).statusCode).toBe(404);
    expect((await inspectorB.get(`/api/v1/cases/${c.id}`)).statusCode).toBe(404);
    expect((await subjectAgent.get(`/api/v1/cases/${c.id}`)).statusCode).toBe(404);
    expect((await inspector.get('/api/v1/cases/00000000-0000-7000-8000-000000000000')).statusCode).toBe(404);
    const ids = async (a: Agent, q = '') => (await a.get(`/api/v1/cases${q}`)).json<{ items: { id: string }[] }>().items.map((i) => i.id);
    expect(await ids(inspector)).toEqual([c.id]);
    expect(await ids(otherAgent)).toEqual([]);
    expect(await ids(subjectAgent)).toEqual([]);
    expect(await ids(inspectorB)).toEqual([]);
    expect(await ids(inspector, '?item=NT-03&group=NT&status=received&source=staff_report')).toEqual([c.id]);
    expect(await ids(inspector, '?item=KL-01')).toEqual([]);
    expect(await ids(inspector, `?orgId=${cellB.id}`)).toEqual([]);
    expect(await ids(inspector, `?from=${today}`)).toEqual([]);
    expect(fieldPaths(await inspector.get('/api/v1/cases?status=nope'))[0]).toBe('status');
  });

  it('steps follow the workflow; out of order 409, stale version 409, bad date 400', async () => {
    const wrong = await inspector.post(`/api/v1/cases/${c.id}/transition`, {
      action: 'conclude',
      version: c.version,
      outcome: 'no_violation',
    });
    expect(wrong.statusCode).toBe(409);
    expect(
      (await otherAgent.post(`/api/v1/cases/${c.id}/transition`, { action: 'start_verification', version: c.version })).statusCode,
    ).toBe(404);
    const early = await inspector.post(`/api/v1/cases/${c.id}/transition`, {
      action: 'start_verification',
      version: c.version,
      date: daysFromToday(-20),
    });
    expect(early.statusCode).toBe(400);
    expect(fieldPaths(early)[0]).toBe('date');
    c = await steps(inspector, c, { action: 'start_verification', date: daysFromToday(-9), decisionMaker: 'Chủ nhiệm UBKT' });
    expect(c.status).toBe('verifying');
    const stale = await inspector.post(`/api/v1/cases/${c.id}/transition`, { action: 'start_verification', version: 1 });
    expect(stale.statusCode).toBe(409);
  });

  it('the subject is asked to explain within working days, notified, and answers once', async () => {
    c = await steps(inspector, c, {
      action: 'request_explanation',
      date: today,
      workingDays: 5,
      note: 'Đề nghị giải trình việc trả hồ sơ',
    });
    const d = (await inspector.get(`/api/v1/cases/${c.id}`)).json<CaseDetail>();
    expect(d.explanation).toMatchObject({ requestedDate: today, dueDate: addWorkingDays(today, 5), text: null });
    expect(d.warnings.map((w) => w.code)).toContain('explanation_pending');
    expect(d.allowedActions).not.toContain('request_explanation');
    const notes = await t.ctx.db.selectFrom('notifications').select(['person_id', 'title']).where('entity_id', '=', c.id).execute();
    expect(notes).toEqual([{ person_id: subject.id, title: 'Yêu cầu giải trình' }]);

    const mine = (await subjectAgent.get('/api/v1/cases/explanation-requests')).json<{
      items: { caseId: string; open: boolean; items: { code: string }[] }[];
    }>();
    expect(mine.items).toEqual([
      expect.objectContaining({ caseId: c.id, open: true, items: [expect.objectContaining({ code: 'NT-03' })] }),
    ]);
    expect((await otherAgent.get('/api/v1/cases/explanation-requests')).json<{ items: unknown[] }>().items).toEqual([]);

    expect((await otherAgent.post(`/api/v1/cases/${c.id}/explanation`, { text: 'Tôi không liên quan đến việc này' })).statusCode).toBe(404);
    expect(fieldPaths(await subjectAgent.post(`/api/v1/cases/${c.id}/explanation`, { text: 'ngắn' }))[0]).toBe('text');
    const ok = await subjectAgent.post(`/api/v1/cases/${c.id}/explanation`, {
      text: 'Hồ sơ thuộc thẩm quyền phòng khác nên tôi chuyển lại.',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await subjectAgent.post(`/api/v1/cases/${c.id}/explanation`, { text: 'Giải trình lần hai cho chắc chắn' })).statusCode).toBe(
      409,
    );
    // Still not visible to the subject before the conclusion.
    expect((await subjectAgent.get(`/api/v1/cases/${c.id}`)).statusCode).toBe(404);
    c = (await inspector.get(`/api/v1/cases/${c.id}`)).json<CaseRef>();
  });

  it('concludes a violation (severity and violation date required), then the subject sees it', async () => {
    const missing = await inspector.post(`/api/v1/cases/${c.id}/transition`, {
      action: 'conclude',
      version: c.version,
      outcome: 'violation',
    });
    expect(missing.statusCode).toBe(400);
    expect(fieldPaths(missing)).toEqual(['severity', 'violationDate']);
    c = await steps(inspector, c, {
      action: 'conclude',
      outcome: 'violation',
      severity: 'minor',
      violationDate: daysFromToday(-30),
      decisionMaker: 'Ủy ban Kiểm tra Đảng ủy',
      documents: [{ title: 'Thông báo kết luận kiểm tra', number: '05-TB/UBKT' }],
    });
    expect(c.status).toBe('concluded');
    const seen = await subjectAgent.get(`/api/v1/cases/${c.id}`);
    expect(seen.statusCode).toBe(200);
    const d: CaseDetail = seen.json();
    expect(d.sourceDetail).toBeNull();
    expect(seen.body).not.toContain('Trần Văn Báo');
    expect(d.allowedActions).toEqual([]);
    expect((await subjectAgent.get('/api/v1/cases')).json<{ items: { id: string }[] }>().items.map((i) => i.id)).toEqual([c.id]);
    expect((await otherAgent.get(`/api/v1/cases/${c.id}`)).statusCode).toBe(404);
  });

  it('decides a khiển trách for the Party member; it lands on the Party discipline track', async () => {
    const twice = await inspector.post(`/api/v1/cases/${c.id}/transition`, {
      action: 'decide_sanction',
      version: c.version,
      sanctions: [
        { track: 'party', form: 'khien_trach' },
        { track: 'party', form: 'canh_cao' },
      ],
    });
    expect(twice.statusCode).toBe(400);
    expect(fieldPaths(twice)).toEqual(['sanctions.1.track']);
    c = await steps(inspector, c, {
      action: 'decide_sanction',
      decisionMaker: 'Ban Thường vụ Đảng ủy',
      sanctions: [{ track: 'party', form: 'khien_trach', decisionNumber: '12-QĐ/ĐU' }],
    });
    const d = (await inspector.get(`/api/v1/cases/${c.id}`)).json<CaseDetail>();
    expect(d.status).toBe('sanction_decided');
    expect(d.sanctions).toEqual([
      expect.objectContaining({
        track: 'party',
        form: 'khien_trach',
        category: 'party_full',
        regimeId: 'party-full-69',
        decisionDate: today,
        decisionNumber: '12-QĐ/ĐU',
        effectiveUntil: addMonthsClamped(today, 12),
        running: true,
      }),
    ]);

    const track = await subjectAgent.get(`/api/v1/people/${subject.id}/discipline`);
    expect(track.statusCode).toBe(200);
    expect(track.json<{ party: DisciplineRecord[] }>().party.map((r) => [r.form, r.caseId])).toEqual([['khien_trach', c.id]]);
    expect(track.json<{ state: DisciplineRecord[] }>().state).toEqual([]);
    expect((await inspector.get(`/api/v1/people/${subject.id}/discipline`)).statusCode).toBe(200);
    expect((await otherAgent.get(`/api/v1/people/${subject.id}/discipline`)).statusCode).toBe(404);
    expect((await inspectorB.get(`/api/v1/people/${subject.id}/discipline`)).statusCode).toBe(404);
    expect((await inspector.get('/api/v1/people/00000000-0000-7000-8000-000000000000/discipline')).statusCode).toBe(404);

    const { sanctionsInYear } = await import('../src/modules/discipline/discipline.service');
    const inYear = await sanctionsInYear(t.ctx.db, subject.id, Number(today.slice(0, 4)));
    expect(inYear.map((r) => r.form)).toEqual(['khien_trach']);
    expect(await sanctionsInYear(t.ctx.db, subject.id, Number(today.slice(0, 4)) - 1)).toEqual([]);
  });

  it('closes the case; closing twice is refused', async () => {
    c = await steps(inspector, c, { action: 'close', decisionMaker: 'Ủy ban Kiểm tra Đảng ủy' });
    expect(c.status).toBe('closed');
    const d = (await inspector.get(`/api/v1/cases/${c.id}`)).json<CaseDetail>();
    expect(d.steps.map((s) => s.kind)).toEqual([
      'received',
      'start_verification',
      'request_explanation',
      'explanation_submitted',
      'conclude',
      'decide_sanction',
      'close',
    ]);
    expect((await inspector.post(`/api/v1/cases/${c.id}/transition`, { action: 'close', version: c.version })).statusCode).toBe(409);
  });

  it('adds a reader: a member of another unit then sees the case', async () => {
    expect((await inspectorB.post(`/api/v1/cases/${c.id}/members`, { personId: other.id })).statusCode).toBe(404);
    expect(fieldPaths(await inspector.post(`/api/v1/cases/${c.id}/members`, { personId: subject.id }))[0]).toBe('personId');
    expect(fieldPaths(await inspector.post(`/api/v1/cases/${c.id}/members`, { personId: 'x' }))[0]).toBe('personId');
    const res = await inspector.post(`/api/v1/cases/${c.id}/members`, { personId: other.id });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<CaseDetail>().members).toEqual([{ personId: other.id, fullName: 'Hoàng Thị Ngoài' }]);
    const seen = await otherAgent.get(`/api/v1/cases/${c.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json<CaseDetail>().allowedActions).toEqual([]);
    expect((await otherAgent.get('/api/v1/cases')).json<{ items: { id: string }[] }>().items.map((i) => i.id)).toEqual([c.id]);
    // A reader cannot act on the case.
    expect((await otherAgent.post(`/api/v1/cases/${c.id}/members`, { personId: other.id })).statusCode).toBe(403);
  });

  it('keeps every change in the audit chain', async () => {
    const actions = await t.ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', c.id).orderBy('seq').execute();
    expect(actions.map((a) => a.action)).toEqual([
      'case.create',
      'case.start_verification',
      'case.request_explanation',
      'case.explanation',
      'case.conclude',
      'case.decide_sanction',
      'case.close',
    ]);
    expect(await t.ctx.audit.verify(t.ctx.db)).toEqual([]);
  });
});
