/**
 * Evaluation (NĐ 335/2025) and the dashboard on both databases, over tasks that went through the
 * real workflow on a clock the test moves (first quarter of 2026). Every expected number below is
 * worked out by hand in the comments.
 */
import type { Dashboard, EvaluationDetail, EvaluationList, ScopedGrant, TaskDetail } from '@kycuong/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor, type Actor } from '../src/platform/access';
import { AuthRepository } from '../src/modules/auth/auth.repository';
import { TaskService } from '../src/modules/tasks/tasks.service';
import { newId } from '../src/platform/ids';
import { createTestContext, errorOf, fieldPaths, type Agent, type TestContext, type TestUser, issuePlan } from './support/harness';

type Org = { id: string; path: string; name: string };

/** 09:00 in Hanoi on a day. */
const at = (date: string) => new Date(`${date}T09:00:00+07:00`);
const Q1 = 'from=2026-01-01&to=2026-03-31';

describe('evaluation and dashboard', () => {
  let t: TestContext;
  let clock = at('2026-01-05');
  let tasks: TaskService;
  let dept: Org, divA: Org, other: Org;
  let uDirector: TestUser, uHeadA: TestUser, uStaff1: TestUser, uStaff2: TestUser, uOutsider: TestUser, uInspector: TestUser;
  let director: Actor, staff1: Actor, headA: Actor;
  let directorApi: Agent, staff1Api: Agent, staff2Api: Agent, outsiderApi: Agent, inspectorApi: Agent;
  let t1: TaskDetail, t2: TaskDetail, t3: TaskDetail, t4: TaskDetail, t5: TaskDetail, t6: TaskDetail;

  async function actorOf(u: TestUser, name: string): Promise<Actor> {
    const grants: ScopedGrant[] = await new AuthRepository(t.ctx.db).grantsOf(u.id, u.personId);
    return { ...systemActor(), userId: u.id, username: u.username, displayName: name, personId: u.personId, grants };
  }

  /** Accept, report and accept the completion of a task on the given days. */
  async function complete(task: TaskDetail, lead: Actor, reportOn: string, quality = true): Promise<TaskDetail> {
    clock = at(reportOn);
    let d = await tasks.get(lead, task.id);
    if (d.status === 'assigned') d = await tasks.accept(lead, d.id, { version: d.version });
    d = await tasks.reportCompletion(lead, d.id, { version: d.version, text: 'Đã hoàn thành', fileIds: [] });
    return tasks.acceptCompletion(director, d.id, { version: d.version, qualityAccepted: quality });
  }

  beforeAll(async () => {
    t = await createTestContext();
    tasks = new TaskService(t.ctx, { now: () => clock });
    dept = await t.newOrg({ kind: 'so', name: 'Sở Thử nghiệm Đánh giá' });
    divA = await t.newOrg({ parent: dept, kind: 'phong', name: 'Phòng Tổng hợp' });
    other = await t.newOrg({ kind: 'so', name: 'Sở Bên ngoài' });
    const pDirector = await t.newPerson({ org: dept, fullName: 'Nguyễn Văn Giám', isHead: true });
    const pHeadA = await t.newPerson({ org: divA, fullName: 'Trần Thị Trưởng', isHead: true });
    const pStaff1 = await t.newPerson({ org: divA, fullName: 'Lê Văn Một' });
    const pStaff2 = await t.newPerson({ org: divA, fullName: 'Phạm Thị Hai' });
    uDirector = await t.newUser({ person: pDirector, roles: [{ role: 'leader', org: dept }] });
    uHeadA = await t.newUser({ person: pHeadA });
    uStaff1 = await t.newUser({ person: pStaff1 });
    uStaff2 = await t.newUser({ person: pStaff2 });
    uOutsider = await t.newUser({ person: await t.newPerson({ org: other }), roles: [{ role: 'leader', org: other }] });
    uInspector = await t.newUser({ person: await t.newPerson({ org: dept }), roles: [{ role: 'inspector', org: dept }] });
    director = await actorOf(uDirector, pDirector.fullName);
    staff1 = await actorOf(uStaff1, pStaff1.fullName);
    headA = await actorOf(uHeadA, pHeadA.fullName);
    directorApi = await t.login(uDirector);
    staff1Api = await t.login(uStaff1);
    staff2Api = await t.login(uStaff2);
    outsiderApi = await t.login(uOutsider);
    inspectorApi = await t.login(uInspector);

    const create = (title: string, lead: { orgId: string; personId?: string }, deadline: string, weight = 1) =>
      tasks.create(director, {
        title,
        assignerOrgId: dept.id,
        lead,
        deadline: { date: deadline },
        coordinators: [],
        priority: 'normal',
        weight,
      });
    // Monday 5/1/2026.
    t1 = await create('Báo cáo tổng kết năm', { orgId: divA.id, personId: pStaff1.id }, '2026-02-10', 2);
    t2 = await create('Dự thảo kế hoạch quý', { orgId: divA.id, personId: pStaff1.id }, '2026-02-20');
    t3 = await create('Rà soát hồ sơ tồn đọng', { orgId: divA.id, personId: pStaff1.id }, '2026-03-20');
    t4 = await create('Tổng hợp số liệu tháng 1', { orgId: divA.id }, '2026-01-30');
    t5 = await create('Việc đã hủy', { orgId: divA.id, personId: pStaff1.id }, '2026-02-27');
    t6 = await create('Việc của Sở', { orgId: dept.id, personId: pDirector.id }, '2026-03-31');
    await tasks.create(await actorOf(uOutsider, 'Ngoài'), {
      title: 'Việc của sở khác',
      assignerOrgId: other.id,
      lead: { orgId: other.id },
      deadline: { date: '2026-02-10' },
      coordinators: [],
      priority: 'normal',
      weight: 1,
    });

    // T1: done on time (reported 5/2, due 10/2), quality accepted.
    t1 = await complete(t1, staff1, '2026-02-05');
    // T4 (unit task): done on time 28/1 by the head of the division.
    t4 = await complete(t4, headA, '2026-01-28');
    // T2: an extension to 6/3 without objective cause (1 delay), then reported on 10/3: late.
    clock = at('2026-02-16');
    t2 = await tasks.accept(staff1, t2.id, { version: t2.version });
    t2 = await tasks.requestExtension(staff1, t2.id, { version: t2.version, newDeadline: '2026-03-06', reason: 'Chờ số liệu các phòng' });
    t2 = await tasks.approveExtension(director, t2.id, { version: t2.version, objectiveCause: false });
    t2 = await complete(t2, staff1, '2026-03-10');
    // T3: accepted, never finished; reminded twice.
    clock = at('2026-02-02');
    t3 = await tasks.accept(staff1, t3.id, { version: t3.version });
    clock = at('2026-03-23');
    t3 = await tasks.remind(director, t3.id, { version: t3.version });
    t3 = await tasks.remind(director, t3.id, { version: t3.version });
    // T5 cancelled: counted nowhere. T6: the department's own task, done on time.
    t5 = await tasks.cancel(director, t5.id, { version: t5.version, reason: 'Không còn cần thiết' });
    t6 = await complete(t6, director, '2026-03-30');
  });
  afterAll(() => t.close());

  describe('dashboard', () => {
    it('counts the period tasks by official outcome class, on-time rate, overdue, not updated, reminders', async () => {
      const res = await directorApi.get(`/api/v1/dashboard?orgId=${dept.id}&${Q1}`);
      expect(res.statusCode).toBe(200);
      const d = res.json<Dashboard>();
      // Due in Q1, not cancelled: T1 T2 T3 T4 T6 = 5. On time: T1 T4 T6; late: T2; open overdue: T3.
      expect(d.tasks.total).toBe(5);
      expect(d.tasks.byOutcome).toEqual({ done_on_time: 3, done_late: 1, open_in_time: 0, open_overdue: 1 });
      // 3 on time / (3 + 1 + 1) decided = 0.6.
      expect(d.tasks.onTimeRate).toBeCloseTo(0.6, 10);
      expect(d.tasks.overdue).toBe(1);
      // T3 is accepted and its last progress (2/2) is long past: "chưa cập nhật".
      expect(d.tasks.notUpdated).toBe(1);
      expect(d.tasks.reminders).toBe(2);
      expect(d.tasks.remindedTasks).toBe(1);
      expect(d.org).toEqual({ id: dept.id, name: dept.name });
    });

    it("ranks the child units and the org's own tasks; the trend holds 12 months ending with the period", async () => {
      const d = (await directorApi.get(`/api/v1/dashboard?orgId=${dept.id}&${Q1}`)).json<Dashboard>();
      // Department itself: T6 on time → rate 1. Division A: T1 T4 on time, T2 late, T3 overdue → 2/4.
      expect(d.units.map((u) => [u.orgName, u.own, u.total, u.onTimeRate])).toEqual([
        [dept.name, true, 1, 1],
        [divA.name, false, 4, 0.5],
      ]);
      expect(d.trend).toHaveLength(12);
      expect(d.trend[0]!.month).toBe('2025-04');
      expect(d.trend.slice(-3).map((m) => [m.month, m.total, m.doneOnTime, m.doneLate, m.openOverdue])).toEqual([
        ['2026-01', 1, 1, 0, 0], // T4
        ['2026-02', 1, 1, 0, 0], // T1
        ['2026-03', 3, 1, 1, 1], // T6 on time, T2 (due 6/3 after extension) late, T3 overdue
      ]);
    });

    it('every task number is the total of the task list it links to', async () => {
      const d = (await directorApi.get(`/api/v1/dashboard?orgId=${dept.id}&${Q1}`)).json<Dashboard>();
      const list = async (extra: string) =>
        (await directorApi.get(`/api/v1/tasks?view=unit&orgId=${dept.id}&deadlineFrom=2026-01-01&deadlineTo=2026-03-31${extra}`)).json<{
          total: number;
        }>().total;
      expect(await list('&outcome=open_overdue')).toBe(d.tasks.overdue);
      expect(await list('&outcome=done_on_time')).toBe(d.tasks.byOutcome.done_on_time);
      expect(await list('&outcome=done_late')).toBe(d.tasks.byOutcome.done_late);
      expect(await list('&notUpdated=true')).toBe(d.tasks.notUpdated);
    });

    it('a period that holds none of the tasks counts nothing; dates in the wrong order name the field', async () => {
      const d = (await directorApi.get(`/api/v1/dashboard?orgId=${dept.id}&from=2026-04-01&to=2026-06-30`)).json<Dashboard>();
      expect(d.tasks.total).toBe(0);
      expect(d.tasks.onTimeRate).toBeNull();
      const bad = await directorApi.get(`/api/v1/dashboard?orgId=${dept.id}&from=2026-04-01&to=2026-01-01`);
      expect(bad.statusCode).toBe(400);
      expect(fieldPaths(bad)).toEqual(['from']);
      const notDate = await directorApi.get(`/api/v1/dashboard?orgId=${dept.id}&from=01/04/2026`);
      expect(notDate.statusCode).toBe(400);
      expect(fieldPaths(notDate)).toContain('from');
    });

    it('is scoped: another department and a member without task.read answer 404; cases only for those who may read them', async () => {
      expect((await outsiderApi.get(`/api/v1/dashboard?orgId=${dept.id}&${Q1}`)).statusCode).toBe(404);
      expect((await staff1Api.get(`/api/v1/dashboard?orgId=${divA.id}&${Q1}`)).statusCode).toBe(404);
      const outsiderOwn = (await outsiderApi.get(`/api/v1/dashboard?${Q1}`)).json<Dashboard>();
      expect(outsiderOwn.org.id).toBe(other.id);
      expect(outsiderOwn.tasks.total).toBe(1);
      const leader = (await directorApi.get(`/api/v1/dashboard?orgId=${dept.id}&${Q1}`)).json<Dashboard>();
      expect(leader.cases).toBeNull();
      const inspector = (await inspectorApi.get(`/api/v1/dashboard?orgId=${dept.id}&${Q1}`)).json<Dashboard>();
      expect(inspector.cases).toEqual({ total: 0, byGroup: [] });
    });
  });

  describe('dashboard: own unit and dissemination', () => {
    it("opens on the caller's own unit when no org is given", async () => {
      // The director's primary unit is the department (his leader grant is on it too).
      const d = (await directorApi.get(`/api/v1/dashboard?${Q1}`)).json<Dashboard>();
      expect(d.org.id).toBe(dept.id);
    });

    it('counts the people expected at the conferences held up to the period end and those who acknowledged', async () => {
      const before = (await directorApi.get(`/api/v1/dashboard?orgId=${dept.id}&${Q1}`)).json<Dashboard>();
      expect(before.dissemination).toBeNull();
      const documentId = await issuePlan(directorApi, dept.id, 'Kế hoạch thực hiện Chỉ thị 24-CT/TU năm 2026');
      const conf = await directorApi.post('/api/v1/conferences', {
        documentId,
        orgId: dept.id,
        heldOn: '2026-02-03',
        format: 'in_person',
        place: 'Hội trường tầng 3',
      });
      expect(conf.statusCode, conf.body).toBe(200);
      const expected = (
        await t.ctx.db.selectFrom('dissemination_expected').select('person_id').distinct().where('document_id', '=', documentId).execute()
      ).length;
      expect(expected).toBeGreaterThan(0);
      const d = (await directorApi.get(`/api/v1/dashboard?orgId=${dept.id}&${Q1}`)).json<Dashboard>();
      expect(d.dissemination).toMatchObject({ expected, reached: 0, rate: 0 });
      expect(d.dissemination!.documents.map((x) => x.documentId)).toEqual([documentId]);
      // A conference held after the period is not counted in it.
      const earlier = (await directorApi.get(`/api/v1/dashboard?orgId=${dept.id}&from=2025-10-01&to=2025-12-31`)).json<Dashboard>();
      expect(earlier.dissemination).toBeNull();
    });
  });

  describe('evaluation', () => {
    let list: EvaluationList;
    const evalOf = (name: string) => list.items.find((i) => i.personName === name)!;
    const load = async () => {
      const res = await directorApi.get(`/api/v1/evaluations?orgId=${divA.id}&period=2026-Q1`);
      expect(res.statusCode).toBe(200);
      list = res.json<EvaluationList>();
    };

    it('opens the quarter for the members of the division (twice is harmless)', async () => {
      const res = await directorApi.post('/api/v1/evaluations/cycle', { orgId: divA.id, period: '2026-Q1' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ created: 3, existing: 0 });
      expect((await directorApi.post('/api/v1/evaluations/cycle', { orgId: divA.id, period: '2026-Q1' })).json()).toEqual({
        created: 0,
        existing: 3,
      });
      await load();
      expect(list.items.map((i) => [i.personName, i.isManager, i.status])).toEqual(
        expect.arrayContaining([
          ['Trần Thị Trưởng', true, 'open'],
          ['Lê Văn Một', false, 'open'],
          ['Phạm Thị Hai', false, 'open'],
        ]),
      );
      expect(list.canManage).toBe(true);
    });

    it('the person self-assesses; the leader proposes with a major error; the person sees every number', async () => {
      await load();
      const mine = evalOf('Lê Văn Một');
      const self = await staff1Api.post(`/api/v1/evaluations/${mine.id}/self-assessment`, {
        version: mine.version,
        level: 'tot',
        text: 'Hoàn thành các nhiệm vụ được giao',
      });
      expect(self.statusCode).toBe(200);
      const afterSelf = self.json<EvaluationDetail>();
      expect(afterSelf.status).toBe('self_assessed');

      // Without general points: 400 naming the field, nothing written.
      const before = await t.fingerprint();
      const noPoints = await directorApi.post(`/api/v1/evaluations/${mine.id}/proposal`, { version: afterSelf.version });
      expect(noPoints.statusCode).toBe(400);
      expect(fieldPaths(noPoints)).toEqual(['generalPoints']);
      const foreign = await directorApi.post(`/api/v1/evaluations/${mine.id}/proposal`, {
        version: afterSelf.version,
        generalPoints: 28,
        taskAdjustments: [{ taskId: t6.id, majorErrors: 1 }],
      });
      expect(foreign.statusCode).toBe(400);
      expect(fieldPaths(foreign)).toEqual(['taskAdjustments.0.taskId']);
      const tooHigh = await directorApi.post(`/api/v1/evaluations/${mine.id}/proposal`, {
        version: afterSelf.version,
        generalPoints: 28,
        level: 'xuat_sac',
      });
      expect(tooHigh.statusCode).toBe(400);
      expect(fieldPaths(tooHigh)).toEqual(['level']);
      expect(await t.fingerprint()).toEqual(before);

      const res = await directorApi.post(`/api/v1/evaluations/${mine.id}/proposal`, {
        version: afterSelf.version,
        generalPoints: 28,
        taskAdjustments: [{ taskId: t1.id, majorErrors: 1 }],
      });
      expect(res.statusCode).toBe(200);
      // Tasks: T1 w2 done on time, 1 major error (quality 0.75); T2 w1 done, 1 delay + late (timeliness 0.5); T3 w1 not done.
      // a = (2 + 1 + 0) / 4 = 75; b = (2·0.75 + 1 + 0) / 4 = 62.5; c = (2 + 0.5 + 0) / 4 = 62.5
      // mean = 200 / 3 = 66.67; task points = 70 × 0.6667 = 46.67; + 28 = 74.67 → tốt.
      const d = (await staff1Api.get(`/api/v1/evaluations/${mine.id}`)).json<EvaluationDetail>();
      expect(d.score).toMatchObject({
        quantityPercent: 75,
        qualityPercent: 62.5,
        timelinessPercent: 62.5,
        taskPoints: 46.67,
        total: 74.67,
      });
      expect(d.level).toBe('tot');
      expect(d.totalWeight).toBe(4);
      expect(d.tasks.map((l) => [l.taskId, l.weight, l.quality, l.timeliness])).toEqual([
        [t1.id, 2, 0.75, 1],
        [t2.id, 1, 1, 0.5],
        [t3.id, 1, 0, 0],
      ]);
      expect(d.tasks[1]!.deductions.map((x) => x.reason)).toEqual(['delay', 'late_completion']);
      expect(d.tasks[0]!.deductions).toEqual([{ item: 'quality', reason: 'major_error', count: 1, share: 0.25 }]);
      expect(d.allowedSteps).toEqual([]);
    });

    it('a stale version answers 409; the person cannot propose for themself; others cannot read it', async () => {
      await load();
      const mine = evalOf('Lê Văn Một');
      const stale = await directorApi.post(`/api/v1/evaluations/${mine.id}/proposal`, { version: mine.version - 1, generalPoints: 20 });
      expect(stale.statusCode).toBe(409);
      expect(errorOf(stale).code).toBe('version_conflict');
      expect(
        (await staff1Api.post(`/api/v1/evaluations/${mine.id}/proposal`, { version: mine.version, generalPoints: 30 })).statusCode,
      ).toBe(403);
      expect((await staff2Api.get(`/api/v1/evaluations/${mine.id}`)).statusCode).toBe(404);
      expect((await outsiderApi.get(`/api/v1/evaluations/${mine.id}`)).statusCode).toBe(404);
      expect((await outsiderApi.get(`/api/v1/evaluations?orgId=${divA.id}&period=2026-Q1`)).statusCode).toBe(404);
      const bad = await directorApi.get(`/api/v1/evaluations?orgId=${divA.id}&period=2026-Q5`);
      expect(bad.statusCode).toBe(400);
      expect(fieldPaths(bad)).toEqual(['period']);
    });

    it('the "xuất sắc" quota refuses an approval beyond 20% of those rated tốt; the leader lowers it', async () => {
      await load();
      const two = evalOf('Phạm Thị Hai');
      // No task in the period: the leader enters the percentage. 70 × 100% + 30 = 100 → xuất sắc.
      const p = await directorApi.post(`/api/v1/evaluations/${two.id}/proposal`, {
        version: two.version,
        generalPoints: 30,
        manualTaskPercent: 100,
      });
      expect(p.statusCode).toBe(200);
      expect(p.json<EvaluationDetail>()).toMatchObject({ level: 'xuat_sac', score: { total: 100 } });
      await load();
      // Group "chung": Lê Văn Một tốt (1), Phạm Thị Hai xuất sắc → allowed floor(1 / 5) = 0.
      expect(list.quota).toEqual([{ group: 'chung', excellent: 1, good: 1, allowed: 0, exceeded: true }]);
      const refused = await directorApi.post(`/api/v1/evaluations/${two.id}/approval`, { version: evalOf('Phạm Thị Hai').version });
      expect(refused.statusCode).toBe(409);
      const lowered = await directorApi.post(`/api/v1/evaluations/${two.id}/proposal`, {
        version: evalOf('Phạm Thị Hai').version,
        generalPoints: 30,
        manualTaskPercent: 100,
        level: 'tot',
      });
      expect(lowered.json<EvaluationDetail>().level).toBe('tot');
      const ok = await directorApi.post(`/api/v1/evaluations/${two.id}/approval`, { version: lowered.json<EvaluationDetail>().version });
      expect(ok.statusCode).toBe(200);
      expect(ok.json<EvaluationDetail>()).toMatchObject({ status: 'approved', level: 'tot', approvedBy: 'Nguyễn Văn Giám' });
    });

    it(`a State sanction in the year makes "không hoàn thành"; the manager's unit part is then capped at 50%`, async () => {
      await load();
      const head = evalOf('Trần Thị Trưởng');
      // Manager, no own task: manual 80%. Unit (division A's tasks T1 T2 T3 T4, no adjustments):
      // Σw = 5; a = (2 + 1 + 0 + 1) / 5 = 80; b = 80; c = (2 + 0.5 + 0 + 1) / 5 = 70 → unit = 230 / 3 = 76.67
      // points = 70 × (80 / 2 + 76.67 / 2) / 100 = 54.83; + 25 = 79.83 → tốt.
      let res = await directorApi.post(`/api/v1/evaluations/${head.id}/proposal`, {
        version: head.version,
        generalPoints: 25,
        manualTaskPercent: 80,
      });
      expect(res.json<EvaluationDetail>()).toMatchObject({ level: 'tot', score: { taskPoints: 54.83, total: 79.83, unitCapped: false } });

      await t.ctx.db
        .insertInto('discipline_records')
        .values({
          id: newId(),
          case_id: null,
          subject_person_id: uStaff1.personId,
          subject_org_id: null,
          track: 'state',
          category: 'civil_servant',
          regime_id: 'civil-servant-172-2025',
          form: 'khien_trach',
          rank: 1,
          severity: 'minor',
          decision_date: '2026-05-12',
          decision_number: '12/QĐ-STN',
          effective_until: '2027-05-11',
          created_by: null,
          created_at: new Date().toISOString(),
        })
        .execute();
      await load();
      const one = evalOf('Lê Văn Một');
      res = await directorApi.post(`/api/v1/evaluations/${one.id}/proposal`, {
        version: one.version,
        generalPoints: 28,
        taskAdjustments: [{ taskId: t1.id, majorErrors: 1 }],
      });
      const oneDetail = res.json<EvaluationDetail>();
      expect(oneDetail).toMatchObject({
        level: 'khong_hoan_thanh',
        score: { total: 74.67, bandLevel: 'tot', automatic: 'sanction_in_year' },
      });
      expect(oneDetail.sanctions).toEqual([expect.objectContaining({ form: 'khien_trach', counts: true })]);

      await load();
      const head2 = evalOf('Trần Thị Trưởng');
      // Unit capped at 50: points = 70 × (40 + 25) / 100 = 45.5; + 25 = 70.5 → tốt.
      res = await directorApi.post(`/api/v1/evaluations/${head2.id}/proposal`, {
        version: head2.version,
        generalPoints: 25,
        manualTaskPercent: 80,
      });
      const hd = res.json<EvaluationDetail>();
      expect(hd).toMatchObject({ level: 'tot', score: { unitPercent: 50, unitCapped: true, taskPoints: 45.5, total: 70.5 } });
      expect(hd.unit?.subordinateNotCompleted.map((s) => s.personName)).toEqual(['Lê Văn Một']);
    });

    it('approved ratings are frozen and kept in the history; the dashboard shows the distribution', async () => {
      await load();
      const one = evalOf('Lê Văn Một');
      const ok = await directorApi.post(`/api/v1/evaluations/${one.id}/approval`, { version: one.version });
      expect(ok.statusCode).toBe(200);
      // A task finished later does not change an approved rating.
      clock = at('2026-06-01');
      const d3 = await tasks.get(staff1, t3.id);
      await tasks.reportCompletion(staff1, d3.id, { version: d3.version, text: 'Xong muộn', fileIds: [] });
      const frozen = (await staff1Api.get(`/api/v1/evaluations/${one.id}`)).json<EvaluationDetail>();
      expect(frozen.score.total).toBe(74.67);
      expect(frozen.tasks[2]!.done).toBe(false);
      const again = await staff1Api.post(`/api/v1/evaluations/${one.id}/self-assessment`, {
        version: frozen.version,
        level: 'tot',
        text: 'Sửa lại',
      });
      expect(again.statusCode).toBe(409);

      const history = await staff1Api.get('/api/v1/evaluations/history');
      expect(history.statusCode).toBe(200);
      expect(history.json<{ items: { period: string; status: string; level: string }[] }>().items).toEqual([
        expect.objectContaining({ period: '2026-Q1', status: 'approved', level: 'khong_hoan_thanh' }),
      ]);
      expect((await outsiderApi.get(`/api/v1/evaluations/history?personId=${uStaff1.personId}`)).statusCode).toBe(404);

      const d = (await directorApi.get(`/api/v1/dashboard?orgId=${dept.id}&${Q1}`)).json<Dashboard>();
      expect(d.evaluations).toEqual({
        period: '2026-Q1',
        byLevel: { xuat_sac: 0, tot: 1, hoan_thanh: 0, khong_hoan_thanh: 1 },
        approved: 2,
        pending: 1,
      });
    });
  });
});
