/**
 * Editing a conference after it was scheduled, on both databases: the organiser changes the quiz
 * freely until someone attempts it, then only its pass mark (409 naming the field otherwise);
 * materials, minutes and photos are attached by kind, replaced by kind, and downloadable by
 * everyone who may read the conference, not by others.
 */
import type { ConferenceDetail, DocumentDetail } from '@kycuong/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, errorOf, fieldPaths, type Agent, type TestContext } from './support/harness';

type Org = { id: string; path: string; name: string; code: string };

describe('dissemination: editing the quiz and attaching files', () => {
  let t: TestContext;
  let du: Org, cell: Org, other: Org;
  let leaderApi: Agent, memberApi: Agent, outsiderApi: Agent;
  let conf: ConferenceDetail;

  const quiz = {
    passMark: 80,
    questions: [
      { text: 'Chỉ thị 24-CT/TU ban hành ngày nào?', options: ['07/8/2023', '14/9/2023'], correct: 0 },
      { text: 'Phụ lục nêu bao nhiêu biểu hiện?', options: ['12', '25', '9'], correct: 1 },
    ],
  };

  const patch = (a: Agent, body: Record<string, unknown>) => a.patch(`/api/v1/conferences/${conf.id}`, { version: conf.version, ...body });

  // A 1×1 PNG: uploads are checked against their extension.
  const PNG = Uint8Array.from(
    Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'),
  );

  async function upload(a: Agent, name: string, content: string | Uint8Array<ArrayBuffer>): Promise<string> {
    const form = new FormData();
    form.append('file', new Blob([content]), name);
    const res = await a.request({ method: 'POST', url: '/api/v1/files', payload: form });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ id: string }>().id;
  }

  beforeAll(async () => {
    t = await createTestContext();
    const root = await t.newOrg({ parent: null, kind: 'dang_bo', name: 'Đảng bộ Khối (kiểm thử tệp)' });
    du = await t.newOrg({ parent: root, kind: 'dang_uy_co_so', name: 'Đảng ủy Sở Thông tin và Truyền thông' });
    cell = await t.newOrg({ parent: du, kind: 'chi_bo', name: 'Chi bộ Văn phòng' });
    other = await t.newOrg({ parent: root, kind: 'dang_uy_co_so', name: 'Đảng ủy Sở Nội vụ' });
    const secretary = await t.newPerson({ org: du, isHead: true, fullName: 'Nguyễn Thanh Bình', categories: ['party_full'] });
    const member = await t.newPerson({ org: cell, fullName: 'Vũ Thị Lan Anh', categories: ['party_full'] });
    const outsider = await t.newPerson({ org: other, fullName: 'Hoàng Văn Khác', categories: ['party_full'] });
    leaderApi = await t.login(await t.newUser({ person: secretary, roles: [{ role: 'leader', org: du }] }));
    memberApi = await t.login(await t.newUser({ person: member }));
    outsiderApi = await t.login(await t.newUser({ person: outsider }));
    const doc = await leaderApi.post('/api/v1/documents', {
      type: 'chi_thi',
      issuingOrgId: du.id,
      number: '24-CT/TU',
      issuedOn: '2023-08-07',
      status: 'issued',
      title: 'Chỉ thị về tăng cường kỷ cương, kỷ luật',
    });
    expect(doc.statusCode, doc.body).toBe(200);
    const res = await leaderApi.post('/api/v1/conferences', {
      documentId: doc.json<DocumentDetail>().id,
      orgId: du.id,
      heldOn: '2023-09-14',
      format: 'in_person',
      place: 'Hội trường tầng 3',
      categories: ['party_full'],
    });
    expect(res.statusCode, res.body).toBe(200);
    conf = res.json<ConferenceDetail>();
    expect(conf).toMatchObject({ quiz: null, quizAttempted: false, expected: 2 });
  });
  afterAll(() => t.close());

  describe('the quiz', () => {
    it('is added after scheduling and edited freely (questions, options, right answer, pass mark) before anyone attempts it', async () => {
      let res = await patch(leaderApi, { quiz });
      expect(res.statusCode, res.body).toBe(200);
      conf = res.json<ConferenceDetail>();
      expect(conf.quiz!.questions).toHaveLength(2);
      expect(conf.quizAnswers).toEqual([0, 1]);

      const edited = {
        passMark: 50,
        questions: [
          { ...quiz.questions[0]!, options: ['07/8/2023', '14/9/2023', '01/01/2024'], correct: 0 },
          { ...quiz.questions[1]!, correct: 2 },
          { text: 'Phụ lục có mấy nhóm biểu hiện?', options: ['2', '3'], correct: 1 },
        ],
      };
      res = await patch(leaderApi, { quiz: edited });
      expect(res.statusCode, res.body).toBe(200);
      conf = res.json<ConferenceDetail>();
      expect(conf.quiz).toMatchObject({ passMark: 50 });
      expect(conf.quiz!.questions.map((q) => q.options.length)).toEqual([3, 3, 2]);
      expect(conf.quizAnswers).toEqual([0, 2, 1]);
      expect(conf.quizAttempted).toBe(false);

      // Back to the two questions (one removed), still before any attempt.
      res = await patch(leaderApi, { quiz });
      expect(res.statusCode, res.body).toBe(200);
      conf = res.json<ConferenceDetail>();
      expect(conf.quizAnswers).toEqual([0, 1]);
    });

    it('400 names the field of a bad edit and writes nothing; a member may not edit it (403), another unit gets 404', async () => {
      const before = await t.fingerprint();
      const badAnswer = { ...quiz, questions: [{ ...quiz.questions[0]!, correct: 4 }] };
      expect(fieldPaths(await patch(leaderApi, { quiz: badAnswer }))).toEqual(['quiz.questions.0.correct']);
      expect(fieldPaths(await patch(leaderApi, { quiz: { ...quiz, passMark: 0 } }))).toEqual(['quiz.passMark']);
      expect(fieldPaths(await patch(leaderApi, { quiz: { ...quiz, questions: [] } }))).toEqual(['quiz.questions']);
      expect((await patch(memberApi, { quiz: { ...quiz, passMark: 50 } })).statusCode).toBe(403);
      expect((await patch(outsiderApi, { quiz: { ...quiz, passMark: 50 } })).statusCode).toBe(404);
      expect(await t.fingerprint()).toEqual(before);
    });

    it('after the first attempt only the pass mark changes: other edits and removing it answer 409 naming the field', async () => {
      const attempt = await memberApi.post(`/api/v1/conferences/${conf.id}/quiz-attempts`, { answers: [0, 0] });
      expect(attempt.statusCode, attempt.body).toBe(200);
      expect(attempt.json()).toMatchObject({ passed: false });
      conf = (await leaderApi.get(`/api/v1/conferences/${conf.id}`)).json<ConferenceDetail>();
      expect(conf.quizAttempted).toBe(true);
      // The member reading the conference learns it too (the flag says nothing about who).
      expect((await memberApi.get(`/api/v1/conferences/${conf.id}`)).json<ConferenceDetail>()).toMatchObject({
        quizAttempted: true,
        quizAnswers: null,
      });

      const before = await t.fingerprint();
      const changedAnswer = { ...quiz, questions: [quiz.questions[0]!, { ...quiz.questions[1]!, correct: 0 }] };
      let res = await patch(leaderApi, { quiz: changedAnswer });
      expect(res.statusCode).toBe(409);
      expect(errorOf(res).fields).toMatchObject([{ path: 'quiz.questions', code: 'quiz_attempted' }]);
      expect(errorOf(res).fields![0]!.message).toContain('chỉ sửa được điểm đạt');
      res = await patch(leaderApi, { quiz: { ...quiz, questions: [quiz.questions[0]!] } });
      expect(errorOf(res).fields).toMatchObject([{ path: 'quiz.questions' }]);
      res = await patch(leaderApi, {
        quiz: { ...quiz, questions: [{ ...quiz.questions[0]!, text: 'Câu hỏi khác?' }, quiz.questions[1]!] },
      });
      expect(res.statusCode).toBe(409);
      res = await patch(leaderApi, { quiz: null });
      expect(res.statusCode).toBe(409);
      expect(errorOf(res).fields).toMatchObject([{ path: 'quiz', code: 'quiz_attempted' }]);
      expect(await t.fingerprint()).toEqual(before);

      // The same questions with another pass mark: accepted, and it decides the next attempt.
      res = await patch(leaderApi, { quiz: { ...quiz, passMark: 50 } });
      expect(res.statusCode, res.body).toBe(200);
      conf = res.json<ConferenceDetail>();
      expect(conf.quiz!.passMark).toBe(50);
      const again = await memberApi.post(`/api/v1/conferences/${conf.id}/quiz-attempts`, { answers: [0, 0] });
      expect(again.json()).toMatchObject({ percent: 50, passMark: 50, passed: true });
      // Other fields of the conference still change with the quiz left out.
      res = await patch(leaderApi, { chair: 'Đồng chí Bí thư Đảng ủy' });
      expect(res.statusCode, res.body).toBe(200);
      conf = res.json<ConferenceDetail>();
      expect(await t.ctx.audit.verify(t.ctx.db)).toEqual([]);
    });
  });

  describe('materials, minutes and photos', () => {
    let material: string, minutes: string, photo: string;

    it('attaches each kind by its own field, keeping the other kinds', async () => {
      material = await upload(leaderApi, 'de-cuong-quan-triet.txt', 'Đề cương quán triệt');
      let res = await patch(leaderApi, { materialFileIds: [material] });
      expect(res.statusCode, res.body).toBe(200);
      conf = res.json<ConferenceDetail>();
      minutes = await upload(leaderApi, 'bien-ban.txt', 'Biên bản hội nghị');
      photo = await upload(leaderApi, 'hoi-truong.png', PNG);
      res = await patch(leaderApi, { minutesFileIds: [minutes], photoFileIds: [photo] });
      expect(res.statusCode, res.body).toBe(200);
      conf = res.json<ConferenceDetail>();
      expect(conf.files.map((f) => [f.kind, f.name]).sort()).toEqual([
        ['material', 'de-cuong-quan-triet.txt'],
        ['minutes', 'bien-ban.txt'],
        ['photo', 'hoi-truong.png'],
      ]);
    });

    it('everyone who may read the conference downloads them; others get 404', async () => {
      const dl = await memberApi.get(`/api/v1/conferences/${conf.id}/files/${material}`);
      expect(dl.statusCode).toBe(200);
      expect(dl.body).toBe('Đề cương quán triệt');
      expect(dl.headers['content-disposition']).toContain('de-cuong-quan-triet.txt');
      expect((await memberApi.get(`/api/v1/conferences/${conf.id}/files/${minutes}`)).body).toBe('Biên bản hội nghị');
      expect((await outsiderApi.get(`/api/v1/conferences/${conf.id}/files/${photo}`)).statusCode).toBe(404);
    });

    it("refuses someone else's upload naming the field and index, and removes a file of one kind only", async () => {
      const foreign = await upload(memberApi, 'cua-nguoi-khac.txt', 'x');
      const before = await t.fingerprint();
      expect(fieldPaths(await patch(leaderApi, { minutesFileIds: [minutes, foreign] }))).toEqual(['minutesFileIds.1']);
      expect((await patch(memberApi, { photoFileIds: [] })).statusCode).toBe(403);
      expect(await t.fingerprint()).toEqual(before);
      const res = await patch(leaderApi, { photoFileIds: [] });
      expect(res.statusCode, res.body).toBe(200);
      conf = res.json<ConferenceDetail>();
      expect(conf.files.map((f) => f.kind).sort()).toEqual(['material', 'minutes']);
      expect((await memberApi.get(`/api/v1/conferences/${conf.id}/files/${photo}`)).statusCode).toBe(404);
      expect(await t.ctx.audit.verify(t.ctx.db)).toEqual([]);
    });
  });
});
