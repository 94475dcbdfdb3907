/**
 * Dissemination (quán triệt) over HTTP on both databases: a conference of the Party committee for
 * all Party members of its cells, expected attendees from memberships, secretary and QR check-in
 * (signed, expiring), closing with catch-up tasks for absentees, acknowledgement by reading and by
 * the quiz (which completes the catch-up task), coverage per unit with the missing list and XLSX.
 */
import ExcelJS from 'exceljs';
import type {
  Attendee,
  ConferenceDetail,
  ConferenceSummary,
  Coverage,
  DocumentDetail,
  TaskDetail,
  z,
  MissingPerson,
  MyAcknowledgement,
  CheckinToken,
} from '@kycuong/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setCalendarCacheFreshMs } from '../src/modules/calendar/calendar.service';
import { DisseminationService } from '../src/modules/dissemination/dissemination.service';
import { createTestContext, errorOf, fieldPaths, type Agent, type TestContext } from './support/harness';

type Org = { id: string; path: string; name: string; code: string };
type Person = { id: string; fullName: string; orgId: string };
type Page<T> = { items: T[]; total: number };
type Token = z.infer<typeof CheckinToken>;

describe('dissemination', () => {
  let t: TestContext;
  let du: Org, cellA: Org, cellB: Org, other: Org;
  let secretary: Person, a1: Person, a2: Person, a3: Person, b1: Person, nonParty: Person, outsider: Person;
  let duApi: Agent, a1Api: Agent, a2Api: Agent, a3Api: Agent, b1Api: Agent, outsiderApi: Agent, otherLeaderApi: Agent, inspectorApi: Agent;
  let doc: DocumentDetail;
  let conf: ConferenceDetail;

  const post = (a: Agent, url: string, body?: unknown) => a.post(`/api/v1${url}`, body);
  const get = (a: Agent, url: string) => a.get(`/api/v1${url}`);

  beforeAll(async () => {
    t = await createTestContext();
    const root = await t.newOrg({ parent: null, kind: 'dang_bo', name: 'Đảng bộ Khối (kiểm thử)' });
    du = await t.newOrg({ parent: root, kind: 'dang_uy_co_so', name: 'Đảng ủy Sở Thông tin và Truyền thông' });
    cellA = await t.newOrg({ parent: du, kind: 'chi_bo', name: 'Chi bộ Văn phòng' });
    cellB = await t.newOrg({ parent: du, kind: 'chi_bo', name: 'Chi bộ Phòng Công nghệ thông tin' });
    other = await t.newOrg({ parent: root, kind: 'dang_uy_co_so', name: 'Đảng ủy Sở Nội vụ' });
    secretary = await t.newPerson({ org: du, isHead: true, fullName: 'Nguyễn Thanh Bình', categories: ['party_full', 'cadre'] });
    a1 = await t.newPerson({ org: cellA, fullName: 'Phạm Thị Hồng Nhung', categories: ['party_full', 'civil_servant'] });
    a2 = await t.newPerson({ org: cellA, fullName: 'Vũ Thị Lan Anh', categories: ['party_probation', 'civil_servant'] });
    a3 = await t.newPerson({ org: cellA, fullName: 'Trần Văn Ba', categories: ['party_full', 'civil_servant'] });
    b1 = await t.newPerson({ org: cellB, fullName: 'Đặng Quang Huy', categories: ['party_full', 'civil_servant'] });
    nonParty = await t.newPerson({ org: cellA, fullName: 'Lê Văn Ngoài', categories: ['civil_servant'] });
    outsider = await t.newPerson({ org: other, fullName: 'Hoàng Văn Khác', categories: ['party_full'] });
    duApi = await t.login(await t.newUser({ person: secretary, roles: [{ role: 'leader', org: du }] }));
    a1Api = await t.login(await t.newUser({ person: a1 }));
    a2Api = await t.login(await t.newUser({ person: a2 }));
    a3Api = await t.login(await t.newUser({ person: a3 }));
    b1Api = await t.login(await t.newUser({ person: b1 }));
    outsiderApi = await t.login(await t.newUser({ person: outsider }));
    otherLeaderApi = await t.login(await t.newUser({ org: other, roles: [{ role: 'leader', org: other }] }));
    inspectorApi = await t.login(await t.newUser({ org: du, roles: [{ role: 'inspector', org: du }] }));
    const res = await post(duApi, '/documents', {
      type: 'ke_hoach',
      issuingOrgId: du.id,
      number: '31-KH/ĐU',
      issuedOn: '2023-09-11',
      status: 'issued',
      title: 'Thực hiện Chỉ thị 24-CT/TU về tăng cường kỷ cương, kỷ luật',
      summary: 'Quán triệt đến từng đảng viên.',
    });
    expect(res.statusCode, res.body).toBe(200);
    doc = res.json<DocumentDetail>();
  });
  afterAll(() => t.close());

  const quiz = {
    passMark: 80,
    questions: [
      { text: 'Chỉ thị 24-CT/TU ban hành ngày nào?', options: ['07/8/2023', '14/9/2023', '01/01/2024'], correct: 0 },
      { text: 'Phụ lục nêu bao nhiêu biểu hiện?', options: ['12', '25', '9'], correct: 1 },
    ],
  };

  describe('conferences', () => {
    it('schedules a conference for all Party members of the committee: expected people come from memberships of the subtree', async () => {
      const res = await post(duApi, '/conferences', {
        documentId: doc.id,
        orgId: du.id,
        heldOn: '2023-09-14',
        startTime: '08:00',
        format: 'hybrid',
        place: 'Hội trường tầng 3, 185 Giảng Võ',
        onlineLink: 'https://hop.hanoi.gov.vn/quan-triet',
        chair: 'Nguyễn Thanh Bình, Bí thư Đảng ủy',
        categories: ['party_full', 'party_probation'],
        quiz,
      });
      expect(res.statusCode, res.body).toBe(200);
      conf = res.json<ConferenceDetail>();
      expect(conf).toMatchObject({ status: 'scheduled', expected: 5, attended: 0, acknowledged: 0, canManage: true, format: 'hybrid' });
      expect(conf.title).toContain('31-KH/ĐU');
      expect(conf.quiz!.questions[0]).toEqual({ text: quiz.questions[0]!.text, options: quiz.questions[0]!.options });
      expect(conf.quizAnswers).toEqual([0, 1]);
      const list = (await get(duApi, `/conferences/${conf.id}/attendees?pageSize=50`)).json<Page<Attendee>>();
      expect(list.items.map((a) => a.fullName).sort()).toEqual([secretary, a1, a2, a3, b1].map((p) => p.fullName).sort());
      // Each person once, through the deepest membership in the subtree.
      expect(list.items.find((a) => a.personId === a1.id)!.orgId).toBe(cellA.id);
      expect(await t.ctx.audit.verify(t.ctx.db)).toEqual([]);
    });

    it('400 names the field: place for an in-person conference, link for an online one, a quiz answer out of range', async () => {
      const base = { documentId: doc.id, orgId: du.id, heldOn: '2023-09-20' };
      const before = await t.fingerprint();
      expect(fieldPaths(await post(duApi, '/conferences', { ...base, format: 'in_person' }))).toEqual(['place']);
      expect(fieldPaths(await post(duApi, '/conferences', { ...base, format: 'online' }))).toEqual(['onlineLink']);
      const badQuiz = { passMark: 50, questions: [{ text: 'Câu hỏi', options: ['A', 'B'], correct: 3 }] };
      expect(
        fieldPaths(await post(duApi, '/conferences', { ...base, format: 'online', onlineLink: 'https://x.vn', quiz: badQuiz })),
      ).toEqual(['quiz.questions.0.correct']);
      expect(
        fieldPaths(await post(duApi, '/conferences', { ...base, heldOn: '14/9/2023', format: 'online', onlineLink: 'https://x.vn' })),
      ).toEqual(['heldOn']);
      expect(await t.fingerprint()).toEqual(before);
    });

    it('403 for a reader who may not manage the unit, 404 for a document or unit out of reach', async () => {
      const body = { documentId: doc.id, orgId: du.id, heldOn: '2023-09-20', format: 'online', onlineLink: 'https://x.vn' };
      expect((await post(a1Api, '/conferences', { ...body, orgId: cellA.id })).statusCode).toBe(403);
      expect((await post(otherLeaderApi, '/conferences', { ...body, orgId: other.id })).statusCode).toBe(404);
      expect(fieldPaths(await post(duApi, '/conferences', { ...body, orgId: other.id }))).toEqual(['orgId']);
    });

    it('lists conferences in scope; readers see them, other units do not', async () => {
      const mine = (await get(duApi, `/conferences?documentId=${doc.id}`)).json<Page<ConferenceSummary>>();
      expect(mine.items.map((c) => c.id)).toEqual([conf.id]);
      // A member of a cell is shown the committee's conference because they are expected at it.
      expect((await get(a1Api, '/conferences')).json<Page<ConferenceSummary>>().items.map((c) => c.id)).toEqual([conf.id]);
      expect((await get(a1Api, `/conferences?orgId=${du.id}`)).statusCode).toBe(404);
      expect((await get(otherLeaderApi, '/conferences')).json<Page<ConferenceSummary>>().total).toBe(0);
      expect((await get(otherLeaderApi, `/conferences?orgId=${du.id}`)).statusCode).toBe(404);
      expect((await get(otherLeaderApi, `/conferences/${conf.id}`)).statusCode).toBe(404);
      // An expected member reads the conference (without the answers) and their own row.
      const seen = (await get(a1Api, `/conferences/${conf.id}`)).json<ConferenceDetail>();
      expect(seen).toMatchObject({ canManage: false, quizAnswers: null, me: { attendedAt: null, acknowledgedAt: null } });
    });

    it('edits the conference with its version (409 when stale) and attaches minutes', async () => {
      const up = new FormData();
      up.append('file', new Blob(['Biên bản hội nghị']), 'bien-ban.txt');
      const file = await duApi.request({ method: 'POST', url: '/api/v1/files', payload: up });
      expect(file.statusCode, file.body).toBe(200);
      const fileId = file.json<{ id: string }>().id;
      const res = await duApi.patch(`/api/v1/conferences/${conf.id}`, {
        version: conf.version,
        chair: 'Đồng chí Bí thư Đảng ủy',
        minutes: 'Hội nghị thống nhất kế hoạch.',
        minutesFileIds: [fileId],
      });
      expect(res.statusCode, res.body).toBe(200);
      conf = res.json<ConferenceDetail>();
      expect(conf.files.map((f) => f.kind)).toEqual(['minutes']);
      expect((await duApi.patch(`/api/v1/conferences/${conf.id}`, { version: 1, chair: 'X' })).statusCode).toBe(409);
      expect(
        fieldPaths(await duApi.patch(`/api/v1/conferences/${conf.id}`, { version: conf.version, format: 'in_person', place: null })),
      ).toEqual(['place']);
      expect((await a1Api.patch(`/api/v1/conferences/${conf.id}`, { version: conf.version, chair: 'X' })).statusCode).toBe(403);
      const dl = await get(a1Api, `/conferences/${conf.id}/files/${fileId}`);
      expect(dl.statusCode).toBe(200);
      expect(dl.body).toBe('Biên bản hội nghị');
      expect((await get(outsiderApi, `/conferences/${conf.id}/files/${fileId}`)).statusCode).toBe(404);
    });
  });

  describe('expected list and attendance', () => {
    it('adds and removes people by hand (members of the subtree only)', async () => {
      let res = await post(duApi, `/conferences/${conf.id}/attendees`, { personId: nonParty.id });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<ConferenceDetail>().expected).toBe(6);
      expect((await post(duApi, `/conferences/${conf.id}/attendees`, { personId: nonParty.id })).statusCode).toBe(409);
      expect(fieldPaths(await post(duApi, `/conferences/${conf.id}/attendees`, { personId: outsider.id }))).toEqual(['personId']);
      expect((await post(a1Api, `/conferences/${conf.id}/attendees`, { personId: nonParty.id })).statusCode).toBe(403);
      res = await duApi.delete(`/api/v1/conferences/${conf.id}/attendees/${nonParty.id}`);
      expect(res.json<ConferenceDetail>().expected).toBe(5);
      expect((await duApi.delete(`/api/v1/conferences/${conf.id}/attendees/${nonParty.id}`)).statusCode).toBe(404);
    });

    it('the secretary checks people in from the list; attending is the acknowledgement', async () => {
      const res = await post(duApi, `/conferences/${conf.id}/attendees/${secretary.id}/check-in`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<ConferenceDetail>()).toMatchObject({ attended: 1, acknowledged: 1 });
      expect((await post(duApi, `/conferences/${conf.id}/attendees/${outsider.id}/check-in`)).statusCode).toBe(404);
      expect((await post(a1Api, `/conferences/${conf.id}/attendees/${a1.id}/check-in`)).statusCode).toBe(403);
      const list = (await get(duApi, `/conferences/${conf.id}/attendees?status=attended`)).json<Page<Attendee>>();
      expect(list.items).toMatchObject([{ personId: secretary.id, checkinMethod: 'secretary', ackMethod: 'conference' }]);
      // Names of the whole list are for readers of the organising unit, not for someone only expected there.
      expect((await get(a1Api, `/conferences/${conf.id}/attendees`)).statusCode).toBe(404);
      expect((await get(outsiderApi, `/conferences/${conf.id}/attendees`)).statusCode).toBe(404);
    });

    it('a member checks in by the QR link; a forged, malformed or expired token is refused with a clear 400', async () => {
      const tok = (await get(duApi, `/conferences/${conf.id}/checkin-token`)).json<Token>();
      expect(tok.path).toBe(`/diem-danh/${tok.token}`);
      expect((await get(a1Api, `/conferences/${conf.id}/checkin-token`)).statusCode).toBe(403);
      expect((await get(outsiderApi, `/conferences/${conf.id}/checkin-token`)).statusCode).toBe(404);

      const ok = await post(a1Api, '/conferences/check-in', { token: tok.token });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).toMatchObject({ conferenceId: conf.id, alreadyCheckedIn: false });
      expect((await post(a1Api, '/conferences/check-in', { token: tok.token })).json()).toMatchObject({ alreadyCheckedIn: true });

      // One hex digit of the signature changed: the right shape, the wrong signature.
      const forged = tok.token.slice(0, -1) + (tok.token.endsWith('0') ? '1' : '0');
      const bad = await post(a2Api, '/conferences/check-in', { token: forged });
      expect(bad.statusCode).toBe(400);
      expect(errorOf(bad).fields).toMatchObject([{ path: 'token', code: 'checkin_token_invalid' }]);
      expect(errorOf(await post(a2Api, '/conferences/check-in', { token: 'abc' })).fields![0]!.code).toBe('checkin_token_invalid');

      // A token made by a clock 31 minutes behind has expired.
      const past = new DisseminationService(t.ctx, { now: () => new Date(Date.now() - 31 * 60_000) });
      const { systemActor } = await import('../src/platform/access');
      const old = await past.checkinToken(systemActor(), conf.id);
      const expired = await post(a2Api, '/conferences/check-in', { token: old.token });
      expect(expired.statusCode).toBe(400);
      expect(errorOf(expired).fields).toMatchObject([{ path: 'token', code: 'checkin_token_expired' }]);

      const notListed = await post(outsiderApi, '/conferences/check-in', { token: tok.token });
      expect(notListed.statusCode).toBe(403);
      expect(errorOf(notListed).fields![0]!.message).toContain('không có trong danh sách');
      expect(fieldPaths(await post(a2Api, '/conferences/check-in', {}))).toEqual(['token']);
    });
  });

  describe('closing, catch-up and acknowledgement', () => {
    let catchUpId: string;
    // No cached calendar: closing and acknowledging read it inside their transaction (on SQLite a
    // read outside it would wait for the transaction forever).
    beforeAll(() => setCalendarCacheFreshMs(0));
    afterAll(() => setCalendarCacheFreshMs(5_000));

    it('closing gives each absentee a catch-up task due in working days, assigned by the organising unit', async () => {
      expect((await post(a1Api, `/conferences/${conf.id}/close`, { version: conf.version })).statusCode).toBe(403);
      expect((await post(duApi, `/conferences/${conf.id}/close`, { version: 1 })).statusCode).toBe(409);
      const res = await post(duApi, `/conferences/${conf.id}/close`, { version: conf.version });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json<{ conference: ConferenceDetail; catchUpTasksCreated: number }>();
      expect(body.catchUpTasksCreated).toBe(3);
      expect(body.conference).toMatchObject({ status: 'closed', catchUpTasks: 3 });
      conf = body.conference;
      const mine = (await get(a2Api, '/me/acknowledgements?status=pending')).json<Page<MyAcknowledgement>>();
      expect(mine.items).toHaveLength(1);
      expect(mine.items[0]).toMatchObject({ conferenceId: conf.id, hasQuiz: true, attendedAt: null, documentNumber: '31-KH/ĐU' });
      catchUpId = mine.items[0]!.catchUpTaskId!;
      const task = (await get(a2Api, `/tasks/${catchUpId}`)).json<TaskDetail>();
      expect(task.status).toBe('assigned');
      expect(task.deadline).not.toBeNull();
      expect(task.title).toContain('học bù');
      // Scanning after the close is refused.
      expect((await get(duApi, `/conferences/${conf.id}/checkin-token`)).statusCode).toBe(409);
      expect((await post(duApi, `/conferences/${conf.id}/close`, { version: conf.version })).statusCode).toBe(409);
    });

    it('a failed quiz is recorded without acknowledging; a pass acknowledges and completes the catch-up task', async () => {
      expect(fieldPaths(await post(a2Api, `/conferences/${conf.id}/quiz-attempts`, { answers: [0] }))).toEqual(['answers']);
      const fail = (await post(a2Api, `/conferences/${conf.id}/quiz-attempts`, { answers: [0, 0] })).json<Record<string, unknown>>();
      expect(fail).toMatchObject({ correct: 1, total: 2, percent: 50, passed: false, acknowledgedAt: null });
      expect((await post(a2Api, `/conferences/${conf.id}/acknowledge`, { confirm: true })).statusCode).toBe(409);
      const pass = await post(a2Api, `/conferences/${conf.id}/quiz-attempts`, { answers: [0, 1] });
      expect(pass.statusCode, pass.body).toBe(200);
      expect(pass.json()).toMatchObject({ passed: true, percent: 100 });
      expect(pass.json<{ acknowledgedAt: string | null }>().acknowledgedAt).not.toBeNull();
      const task = (await get(a2Api, `/tasks/${catchUpId}`)).json<TaskDetail>();
      expect(task.status).toBe('done');
      const done = (await get(a2Api, '/me/acknowledgements?status=done')).json<Page<MyAcknowledgement>>();
      expect(done.items[0]).toMatchObject({ ackMethod: 'quiz', attempts: 2 });
      expect((await post(outsiderApi, `/conferences/${conf.id}/quiz-attempts`, { answers: [0, 1] })).statusCode).toBe(404);
      expect(await t.ctx.audit.verify(t.ctx.db)).toEqual([]);
    });

    it('acknowledging by reading needs a conference without a quiz; it is per document across conferences', async () => {
      const res = await post(duApi, '/conferences', {
        documentId: doc.id,
        orgId: cellB.id,
        heldOn: '2023-09-20',
        format: 'in_person',
        place: 'Phòng họp tầng 2',
        categories: ['party_full', 'party_probation'],
      });
      const cellConf = res.json<ConferenceDetail>();
      expect(cellConf.expected).toBe(1);
      expect(fieldPaths(await post(b1Api, `/conferences/${cellConf.id}/acknowledge`, {}))).toEqual(['confirm']);
      const ack = await post(b1Api, `/conferences/${cellConf.id}/acknowledge`, { confirm: true });
      expect(ack.statusCode, ack.body).toBe(200);
      expect(ack.json()).toMatchObject({ ackMethod: 'reading' });
      expect((await post(a1Api, `/conferences/${cellConf.id}/acknowledge`, { confirm: true })).statusCode).toBe(404);
      // The same person at the committee's conference is acknowledged too, and their catch-up task done.
      const row = (await get(duApi, `/conferences/${conf.id}/attendees?q=Huy`)).json<Page<Attendee>>().items[0]!;
      expect(row.ackMethod).toBe('reading');
      expect((await get(b1Api, `/tasks/${row.catchUpTaskId!}`)).json<TaskDetail>().status).toBe('done');
    });
  });

  describe('coverage', () => {
    it('counts per unit down the tree with percentages; the total counts each person once', async () => {
      // b1 is expected at the committee's and at the cell's conference: taken off the first list,
      // they are still counted once, through the other.
      expect((await duApi.delete(`/api/v1/conferences/${conf.id}/attendees/${b1.id}`)).statusCode).toBe(200);
      expect(await t.ctx.db.selectFrom('dissemination_expected').select('counted').where('person_id', '=', b1.id).execute()).toEqual([
        { counted: t.ctx.dialect === 'postgres' ? true : 1 },
      ]);
      const res = await get(duApi, `/documents/${doc.id}/coverage?orgId=${du.id}`);
      expect(res.statusCode, res.body).toBe(200);
      const cov = res.json<Coverage>();
      expect(cov.totals).toEqual({ expected: 5, attended: 2, acknowledged: 4, attendedPercent: 40, acknowledgedPercent: 80 });
      expect(cov.direct).toMatchObject({ expected: 1, acknowledged: 1 });
      const byName = new Map(cov.units.map((u) => [u.orgName, u]));
      expect(byName.get('Chi bộ Văn phòng')).toMatchObject({ expected: 3, attended: 1, acknowledged: 2, acknowledgedPercent: 66.7 });
      expect(byName.get('Chi bộ Phòng Công nghệ thông tin')).toMatchObject({ expected: 1, acknowledged: 1, acknowledgedPercent: 100 });
      const cell = (await get(duApi, `/documents/${doc.id}/coverage?orgId=${cellA.id}`)).json<Coverage>();
      expect(cell.totals.expected).toBe(3);
      expect(cell.org.parentId).toBe(du.id);
    });

    it('lists who is missing, page by page, and reaches 100% once they acknowledge', async () => {
      let missing = (await get(duApi, `/documents/${doc.id}/coverage/missing?orgId=${du.id}`)).json<Page<MissingPerson>>();
      expect(missing.items.map((m) => m.personId)).toEqual([a3.id]);
      expect(missing.items[0]).toMatchObject({ attended: false, orgName: 'Chi bộ Văn phòng' });
      expect(missing.items[0]!.catchUpTaskId).not.toBeNull();
      await post(a3Api, `/conferences/${conf.id}/quiz-attempts`, { answers: [0, 1] });
      missing = (await get(duApi, `/documents/${doc.id}/coverage/missing?orgId=${du.id}`)).json<Page<MissingPerson>>();
      expect(missing.total).toBe(0);
      const cov = (await get(duApi, `/documents/${doc.id}/coverage?orgId=${du.id}`)).json<Coverage>();
      expect(cov.totals.acknowledgedPercent).toBe(100);
    });

    it('is scoped: a member without task.read gets 404, another unit 404, an inspector of the committee 200', async () => {
      expect((await get(a1Api, `/documents/${doc.id}/coverage?orgId=${cellA.id}`)).statusCode).toBe(404);
      expect((await get(otherLeaderApi, `/documents/${doc.id}/coverage?orgId=${du.id}`)).statusCode).toBe(404);
      expect((await get(otherLeaderApi, `/documents/${doc.id}/coverage/missing?orgId=${du.id}`)).statusCode).toBe(404);
      expect((await get(inspectorApi, `/documents/${doc.id}/coverage?orgId=${du.id}`)).statusCode).toBe(200);
      // Without orgId: the top of the caller's scope.
      expect((await get(inspectorApi, `/documents/${doc.id}/coverage`)).json<Coverage>().org.id).toBe(du.id);
      expect((await get(duApi, '/documents/00000000-0000-7000-8000-000000000000/coverage')).statusCode).toBe(404);
      expect(fieldPaths(await get(duApi, `/documents/${doc.id}/coverage?orgId=abc`))).toEqual(['orgId']);
    });

    it('exports the coverage as XLSX with the units and the missing people', async () => {
      const res = await duApi.request({ method: 'GET', url: `/api/v1/documents/${doc.id}/coverage.xlsx?orgId=${du.id}` });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const sheet = wb.getWorksheet('Theo đơn vị')!;
      const names: string[] = [];
      sheet.eachRow((row) => names.push(row.getCell(1).text));
      expect(names).toContain('Chi bộ Văn phòng');
      expect(names).toContain('Tổng cộng');
      expect((await otherLeaderApi.get(`/api/v1/documents/${doc.id}/coverage.xlsx?orgId=${du.id}`)).statusCode).toBe(404);
    });
  });

  it('a conference left open after its day is closed by the daily sweep, absentees get their task', async () => {
    const res = await post(duApi, '/conferences', {
      documentId: doc.id,
      orgId: cellA.id,
      heldOn: '2023-10-02',
      format: 'online',
      onlineLink: 'https://hop.hanoi.gov.vn/cb-vp',
      categories: [],
    });
    const c = res.json<ConferenceDetail>();
    expect(c.expected).toBe(4);
    // Everyone of the party acknowledged already; only the non-party member still has to.
    expect(c.acknowledged).toBe(3);
    // This one and the cell's conference of 20/9/2023, both left open.
    const closed = await new DisseminationService(t.ctx).closeOverdue();
    expect(closed).toBe(2);
    const after = (await get(duApi, `/conferences/${c.id}`)).json<ConferenceDetail>();
    expect(after).toMatchObject({ status: 'closed', catchUpTasks: 1 });
    expect(await t.ctx.audit.verify(t.ctx.db)).toEqual([]);
  });
});
