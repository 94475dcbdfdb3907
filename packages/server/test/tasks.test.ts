/**
 * The task workflow over HTTP on both databases: every step with who may (200) and who may not
 * (403 when the task is visible, 404 when it is not), the mandatory reasons (400 naming the field),
 * version conflicts (409), events and audit written with the change (and nothing when a step
 * fails), lists with their filters and outcome classes, and escalation after reminders.
 */
import { addWorkingDays, effectiveDueDate, vietnamDate, type TaskDetail, type TaskSummary } from '@kycuong/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/platform/access';
import { OrgService } from '../src/modules/orgs/orgs.service';
import { PeopleService } from '../src/modules/people/people.service';
import { TaskService } from '../src/modules/tasks/tasks.service';
import { createTestContext, errorOf, fieldPaths, type Agent, type TestContext } from './support/harness';

type Org = { id: string; path: string; name: string };
type Person = { id: string; fullName: string };

const today = () => vietnamDate(new Date());

describe('tasks', () => {
  let t: TestContext;
  let city: Org, dept: Org, divA: Org, divB: Org, other: Org;
  let cityHead: Person, director: Person, headA: Person, deputyA: Person, staffA: Person, headB: Person, staffB: Person;
  let directorApi: Agent, headAApi: Agent, deputyAApi: Agent, staffAApi: Agent, headBApi: Agent, staffBApi: Agent;
  let monitorApi: Agent, inspectorApi: Agent, outsiderApi: Agent, cityHeadApi: Agent, adminApi: Agent;

  async function person(org: Org, fullName: string, role: { isHead?: boolean; isDeputy?: boolean } = {}): Promise<Person> {
    const p = await new PeopleService(t.ctx).create(systemActor(), {
      fullName,
      email: null,
      categories: ['civil_servant'],
      membership: { orgId: org.id, isHead: role.isHead ?? false, isDeputy: role.isDeputy ?? false, isPrimary: true },
    });
    return { id: p.id, fullName: p.fullName };
  }

  const post = (a: Agent, url: string, body?: unknown) => a.post(`/api/v1${url}`, body);
  const detail = async (a: Agent, id: string) => (await a.get(`/api/v1/tasks/${id}`)).json<TaskDetail>();

  async function createTask(body: Record<string, unknown>, by: Agent = directorApi): Promise<TaskDetail> {
    const res = await post(by, '/tasks', { assignerOrgId: dept.id, ...body });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<TaskDetail>();
  }

  beforeAll(async () => {
    t = await createTestContext();
    city = await t.newOrg({ kind: 'ubnd', name: 'Ủy ban nhân dân Thành phố (kiểm thử)' });
    dept = await t.newOrg({ parent: city, kind: 'so', name: 'Sở Thông tin và Truyền thông (kiểm thử)' });
    divA = await t.newOrg({ parent: dept, kind: 'phong', name: 'Phòng Bưu chính - Viễn thông' });
    divB = await t.newOrg({ parent: dept, kind: 'phong', name: 'Phòng Công nghệ thông tin' });
    other = await t.newOrg({ kind: 'so', name: 'Sở Nội vụ (ngoài phạm vi)' });
    cityHead = await person(city, 'Trần Sỹ Thanh', { isHead: true });
    director = await person(dept, 'Nguyễn Thanh Bình', { isHead: true });
    headA = await person(divA, 'Lê Văn Trưởng', { isHead: true });
    deputyA = await person(divA, 'Phạm Thị Phó', { isDeputy: true });
    staffA = await person(divA, 'Đặng Quang Huy');
    headB = await person(divB, 'Hoàng Minh Tuấn', { isHead: true });
    staffB = await person(divB, 'Vũ Thị Lan');
    const login = async (p: Person | null, roles: { role: 'leader' | 'monitor' | 'inspector' | 'system_admin'; org: Org | null }[] = []) =>
      t.login(await t.newUser({ person: p, roles }));
    directorApi = await login(director, [{ role: 'leader', org: dept }]);
    headAApi = await login(headA);
    deputyAApi = await login(deputyA);
    staffAApi = await login(staffA);
    headBApi = await login(headB);
    staffBApi = await login(staffB);
    cityHeadApi = await login(cityHead);
    monitorApi = await login(await person(dept, 'Bùi Thị Theo Dõi'), [{ role: 'monitor', org: dept }]);
    inspectorApi = await login(await person(dept, 'Ngô Văn Kiểm'), [{ role: 'inspector', org: dept }]);
    outsiderApi = await login(await person(other, 'Lý Văn Ngoài', { isHead: true }), [{ role: 'leader', org: other }]);
    adminApi = await login(null, [{ role: 'system_admin', org: null }]);
  });
  afterAll(() => t.close());

  describe('creating', () => {
    it('400 names the missing fields and writes nothing', async () => {
      const before = await t.fingerprint();
      const res = await post(directorApi, '/tasks', { assignerOrgId: dept.id, title: 'x' });
      expect(res.statusCode).toBe(400);
      expect(fieldPaths(res)).toEqual(expect.arrayContaining(['title', 'lead']));
      expect(await t.fingerprint()).toEqual(before);
    });

    it('404 for an assigning unit outside the caller’s scope, 403 for a visible one without the right', async () => {
      expect(
        (await post(outsiderApi, '/tasks', { assignerOrgId: dept.id, title: 'Giao việc ngoài phạm vi', lead: { orgId: divA.id } }))
          .statusCode,
      ).toBe(404);
      const res = await post(headAApi, '/tasks', {
        assignerOrgId: divA.id,
        title: 'Trưởng phòng tự giao',
        lead: { orgId: divA.id, personId: staffA.id },
      });
      expect(res.statusCode).toBe(403);
      expect(errorOf(res).code).toBe('forbidden');
    });

    it('400 when the lead is outside the assigning unit’s reach, or a person not in the lead unit', async () => {
      const far = await post(directorApi, '/tasks', { assignerOrgId: dept.id, title: 'Giao cho đơn vị khác', lead: { orgId: other.id } });
      expect(far.statusCode).toBe(400);
      expect(fieldPaths(far)).toEqual(['lead.orgId']);
      const missing = await post(directorApi, '/tasks', {
        assignerOrgId: dept.id,
        title: 'Giao cho đơn vị không có',
        lead: { orgId: '00000000-0000-7000-8000-000000000001' },
      });
      expect(errorOf(missing).fields![0]!.message).toBe(errorOf(far).fields![0]!.message);
      const wrongPerson = await post(directorApi, '/tasks', {
        assignerOrgId: dept.id,
        title: 'Giao nhầm người',
        lead: { orgId: divA.id, personId: staffB.id },
      });
      expect(fieldPaths(wrongPerson)).toEqual(['lead.personId']);
    });

    it('creates a task with a deadline of N working days, its event, its audit record, and notifies the unit’s head and deputy', async () => {
      const task = await createTask({
        title: 'Rà soát thủ tục hành chính lĩnh vực bưu chính',
        lead: { orgId: divA.id },
        deadline: { workingDays: 5 },
        weight: 1.5,
      });
      expect(task.status).toBe('assigned');
      expect(task.deadline).toBe(addWorkingDays(today(), 5));
      expect(task.originalDeadline).toBe(task.deadline);
      expect(task.weight).toBe(1.5);
      expect(task.outcome).toBe('open_in_time');
      expect(task.events.map((e) => e.type)).toEqual(['created']);
      expect(task.events[0]!.summary).toContain('Nguyễn Thanh Bình giao nhiệm vụ cho Phòng Bưu chính - Viễn thông');
      expect(task.sides).toEqual(['assigner', 'reminder']);
      expect(task.allowedActions).toEqual(['transfer', 'change_deadline', 'remind', 'cancel', 'edit', 'comment']);
      const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', task.id).execute();
      expect(audit.map((a) => a.action)).toEqual(['task.create']);
      const notified = await t.ctx.db.selectFrom('notifications').select('person_id').where('entity_id', '=', task.id).execute();
      expect(notified.map((n) => n.person_id).sort()).toEqual([headA.id, deputyA.id].sort());
    });
  });

  describe('the journey of a task: accept, forward, progress, complete with a file, send back, accept', () => {
    let task: TaskDetail;
    let child: TaskDetail;
    let fileId: string;

    beforeAll(async () => {
      task = await createTask({
        title: 'Triển khai Kế hoạch 31-KH/ĐU tại Phòng Bưu chính',
        lead: { orgId: divA.id },
        deadline: { workingDays: 10 },
      });
    });

    it('who sees the task: sides and readers, 404 for others', async () => {
      expect((await staffAApi.get(`/api/v1/tasks/${task.id}`)).statusCode).toBe(404); // a member of the unit, not (yet) involved
      expect((await outsiderApi.get(`/api/v1/tasks/${task.id}`)).statusCode).toBe(404);
      expect((await headBApi.get(`/api/v1/tasks/${task.id}`)).statusCode).toBe(404);
      const insp = await detail(inspectorApi, task.id);
      expect(insp.sides).toEqual([]);
      expect(insp.allowedActions).toEqual([]);
      const lead = await detail(headAApi, task.id);
      expect(lead.sides).toEqual(['lead']);
      expect(lead.allowedActions).toEqual(['accept', 'return', 'transfer', 'forward', 'comment']);
      expect((await detail(deputyAApi, task.id)).sides).toEqual(['lead']);
    });

    it('accept: only the lead side; a stale version is 409; accepting twice is 409', async () => {
      expect((await post(staffAApi, `/tasks/${task.id}/accept`, { version: task.version })).statusCode).toBe(404);
      expect((await post(inspectorApi, `/tasks/${task.id}/accept`, { version: task.version })).statusCode).toBe(403);
      expect((await post(directorApi, `/tasks/${task.id}/accept`, { version: task.version })).statusCode).toBe(403);
      const stale = await post(headAApi, `/tasks/${task.id}/accept`, { version: task.version + 1 });
      expect(stale.statusCode).toBe(409);
      expect(errorOf(stale).code).toBe('version_conflict');
      const ok = await post(headAApi, `/tasks/${task.id}/accept`, { version: task.version });
      expect(ok.statusCode, ok.body).toBe(200);
      task = ok.json<TaskDetail>();
      expect(task.status).toBe('accepted');
      const again = await post(headAApi, `/tasks/${task.id}/accept`, { version: task.version });
      expect(again.statusCode).toBe(409);
      expect(errorOf(again).code).toBe('conflict');
    });

    it('forward: within the lead unit only, never past the parent’s deadline', async () => {
      const late = await post(headAApi, `/tasks/${task.id}/forward`, {
        version: task.version,
        lead: { orgId: divA.id, personId: staffA.id },
        deadline: { workingDays: 30 },
      });
      expect(late.statusCode).toBe(400);
      expect(fieldPaths(late)).toEqual(['deadline']);
      const outside = await post(headAApi, `/tasks/${task.id}/forward`, {
        version: task.version,
        lead: { orgId: divB.id, personId: staffB.id },
      });
      expect(fieldPaths(outside)).toEqual(['lead.orgId']);
      const self = await post(headAApi, `/tasks/${task.id}/forward`, { version: task.version, lead: { orgId: divA.id } });
      expect(fieldPaths(self)).toEqual(['lead.personId']);
      expect(
        (await post(directorApi, `/tasks/${task.id}/forward`, { version: task.version, lead: { orgId: divA.id, personId: staffA.id } }))
          .statusCode,
      ).toBe(403);
      const ok = await post(headAApi, `/tasks/${task.id}/forward`, {
        version: task.version,
        lead: { orgId: divA.id, personId: staffA.id },
        deadline: { workingDays: 5 },
      });
      expect(ok.statusCode, ok.body).toBe(200);
      task = ok.json<TaskDetail>();
      expect(task.children).toHaveLength(1);
      expect(task.events.map((e) => e.type)).toEqual(['created', 'accepted', 'forwarded']);
      child = await detail(staffAApi, task.children[0]!.id);
      expect(child.parent).toEqual({ id: task.id, title: task.title });
      expect(child.assigner).toMatchObject({ orgId: divA.id, personId: headA.id });
      expect(child.lead).toMatchObject({ orgId: divA.id, personId: staffA.id });
      expect(child.source).toBe('forward');
      expect(child.sides).toEqual(['lead']);
      expect((await detail(headAApi, child.id)).sides).toContain('assigner');
    });

    it('progress: the lead must give a percentage; the task goes in progress', async () => {
      child = (await post(staffAApi, `/tasks/${child.id}/accept`, { version: child.version })).json<TaskDetail>();
      const noPercent = await post(staffAApi, `/tasks/${child.id}/progress`, { version: child.version, text: 'Đang tổng hợp' });
      expect(noPercent.statusCode).toBe(400);
      expect(fieldPaths(noPercent)).toEqual(['percent']);
      const ok = await post(staffAApi, `/tasks/${child.id}/progress`, {
        version: child.version,
        percent: 40,
        text: 'Đã tổng hợp số liệu 6/15 phường',
      });
      expect(ok.statusCode).toBe(200);
      child = ok.json<TaskDetail>();
      expect(child.status).toBe('in_progress');
      expect(child.progressPercent).toBe(40);
      expect(child.events.at(-1)!.summary).toBe('Đặng Quang Huy cập nhật tiến độ 40%');
    });

    it('upload: type and content are checked; the file is attached by id to the completion report', async () => {
      const upload = (a: Agent, name: string, content: string) =>
        a.request({
          method: 'POST',
          url: '/api/v1/files',
          payload: `--b\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n${content}\r\n--b--\r\n`,
          headers: { 'content-type': 'multipart/form-data; boundary=b' },
        });
      const exe = await upload(staffAApi, 'chay.exe', 'MZ...');
      expect(exe.statusCode).toBe(400);
      expect(fieldPaths(exe)).toEqual(['file']);
      const fake = await upload(staffAApi, 'bao-cao.pdf', 'not a pdf');
      expect(fieldPaths(fake)).toEqual(['file']);
      const ok = await upload(staffAApi, 'Báo cáo kết quả.pdf', '%PDF-1.4 báo cáo');
      expect(ok.statusCode, ok.body).toBe(200);
      fileId = ok.json<{ id: string }>().id;
      expect(ok.json<{ name: string }>().name).toBe('Báo cáo kết quả.pdf');
      // Someone else's upload cannot be attached.
      const theirs = (await upload(staffBApi, 'khac.pdf', '%PDF-1.4 khác')).json<{ id: string }>().id;
      const stolen = await post(staffAApi, `/tasks/${child.id}/complete`, { version: child.version, text: 'Xong', fileIds: [theirs] });
      expect(stolen.statusCode).toBe(400);
      expect(fieldPaths(stolen)).toEqual(['fileIds.0']);
      const done = await post(staffAApi, `/tasks/${child.id}/complete`, {
        version: child.version,
        text: 'Đã hoàn thành báo cáo',
        fileIds: [fileId],
      });
      expect(done.statusCode, done.body).toBe(200);
      child = done.json<TaskDetail>();
      expect(child.status).toBe('completion_reported');
      expect(child.events.at(-1)!.files.map((f) => f.id)).toEqual([fileId]);
      const dl = await headAApi.get(`/api/v1/tasks/${child.id}/files/${fileId}`);
      expect(dl.statusCode).toBe(200);
      expect(dl.body).toBe('%PDF-1.4 báo cáo');
      expect(dl.headers['content-disposition']).toContain("filename*=UTF-8''B%C3%A1o");
      expect((await outsiderApi.get(`/api/v1/tasks/${child.id}/files/${fileId}`)).statusCode).toBe(404);
      expect((await headAApi.get(`/api/v1/tasks/${task.id}/files/${fileId}`)).statusCode).toBe(404); // not a file of that task
    });

    it('send back needs a reason; the assigner then accepts with a quality judgement', async () => {
      expect((await post(staffAApi, `/tasks/${child.id}/send-back`, { version: child.version, reason: 'Tự trả' })).statusCode).toBe(403);
      const noReason = await post(headAApi, `/tasks/${child.id}/send-back`, { version: child.version });
      expect(noReason.statusCode).toBe(400);
      expect(fieldPaths(noReason)).toEqual(['reason']);
      const back = await post(headAApi, `/tasks/${child.id}/send-back`, {
        version: child.version,
        reason: 'Bổ sung số liệu phường Khương Đình',
      });
      expect(back.statusCode).toBe(200);
      child = back.json<TaskDetail>();
      expect(child.status).toBe('in_progress');
      child = (
        await post(staffAApi, `/tasks/${child.id}/complete`, { version: child.version, text: 'Đã bổ sung', fileIds: [fileId] })
      ).json<TaskDetail>();
      const accepted = await post(headAApi, `/tasks/${child.id}/accept-completion`, { version: child.version, qualityAccepted: true });
      expect(accepted.statusCode, accepted.body).toBe(200);
      child = accepted.json<TaskDetail>();
      expect(child.status).toBe('done');
      expect(child.outcome).toBe('done_on_time');
      expect(child.qualityAccepted).toBe(true);
      expect(child.completedOn).toBe(today());
      expect(child.allowedActions).toEqual(['comment']);
      const parent = await detail(headAApi, task.id);
      expect(parent.events.at(-1)!.type).toBe('child_completed');
      expect(parent.children[0]!.outcome).toBe('done_on_time');
    });

    it('events and audit records are written with each change', async () => {
      const events = await t.ctx.db.selectFrom('task_events').select('type').where('task_id', '=', child.id).orderBy('seq').execute();
      expect(events.map((e) => e.type)).toEqual([
        'created',
        'accepted',
        'progress',
        'completion_reported',
        'sent_back',
        'completion_reported',
        'completion_accepted',
      ]);
      const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', child.id).orderBy('seq').execute();
      expect(audit.map((a) => a.action)).toEqual([
        'task.create',
        'task.accept',
        'task.report_progress',
        'task.report_completion',
        'task.send_back',
        'task.report_completion',
        'task.accept_completion',
      ]);
    });
  });

  describe('returning, transferring, extensions', () => {
    let task: TaskDetail;

    beforeAll(async () => {
      task = await createTask({
        title: 'Báo cáo tình hình hạ ngầm cáp viễn thông',
        lead: { orgId: divA.id },
        deadline: { workingDays: 8 },
      });
    });

    it('return needs a reason; a failed step writes nothing', async () => {
      const before = await t.fingerprint();
      const res = await post(headAApi, `/tasks/${task.id}/return`, { version: task.version, reason: '' });
      expect(res.statusCode).toBe(400);
      expect(fieldPaths(res)).toEqual(['reason']);
      const badTransfer = await post(headAApi, `/tasks/${task.id}/transfer`, {
        version: task.version,
        reason: 'Không thuộc chức năng',
        lead: { orgId: other.id },
      });
      expect(badTransfer.statusCode).toBe(400);
      expect(await t.fingerprint()).toEqual(before);
    });

    it('a failure inside the transaction (here: the notification) leaves no task change, no event, no audit record', async () => {
      const failing = new TaskService(t.ctx, { notifier: () => Promise.reject(new Error('hộp thư không ghi được')) });
      const actor = { ...systemActor(), userId: 'x', username: 'x', displayName: headA.fullName, personId: headA.id, grants: [] };
      const before = await t.fingerprint();
      await expect(failing.accept(actor, task.id, { version: task.version })).rejects.toThrow('hộp thư không ghi được');
      expect(await t.fingerprint()).toEqual(before);
      expect((await detail(headAApi, task.id)).status).toBe('assigned');
    });

    it('transfer needs a reason', async () => {
      const res = await post(headAApi, `/tasks/${task.id}/transfer`, { version: task.version, lead: { orgId: divB.id } });
      expect(res.statusCode).toBe(400);
      expect(fieldPaths(res)).toEqual(['reason']);
    });

    it('transfer by the lead to a peer unit, and back: a bounce (A → B → A) is recorded as a signal', async () => {
      const toB = await post(headAApi, `/tasks/${task.id}/transfer`, {
        version: task.version,
        reason: 'Thuộc chức năng Phòng CNTT',
        lead: { orgId: divB.id },
      });
      expect(toB.statusCode, toB.body).toBe(200);
      task = toB.json<TaskDetail>();
      expect(task.status).toBe('assigned');
      expect(task.lead.orgId).toBe(divB.id);
      // A is no longer on any side but keeps following the task it passed on.
      expect((await detail(headAApi, task.id)).sides).toEqual([]);
      task = await detail(headBApi, task.id);
      expect(task.allowedActions).toContain('accept');
      const back = await post(headBApi, `/tasks/${task.id}/transfer`, {
        version: task.version,
        reason: 'Phòng Bưu chính chủ trì theo quy chế',
        lead: { orgId: divA.id },
      });
      expect(back.statusCode).toBe(200);
      task = back.json<TaskDetail>();
      expect(task.signalCodes).toContain('bounce');
      const bounce = task.signals.find((s) => s.code === 'bounce')!;
      expect(bounce.explanation).toContain('Phòng Bưu chính - Viễn thông → Phòng Công nghệ thông tin');
      expect(bounce.evidence).toHaveLength(2);
      expect(task.signalDisclaimer).toContain('không phải kết luận vi phạm');
      const stored = await t.ctx.db
        .selectFrom('task_signals')
        .select(['code', 'org_id'])
        .where('task_id', '=', task.id)
        .where('code', '=', 'bounce')
        .execute();
      expect(stored.map((s) => s.org_id).sort()).toEqual([divA.id, divB.id].sort());
    });

    it('return to the assigner, who reassigns it', async () => {
      task = await detail(headAApi, task.id);
      const ret = await post(headAApi, `/tasks/${task.id}/return`, { version: task.version, reason: 'Đề nghị giao Trung tâm CNTT' });
      expect(ret.statusCode).toBe(200);
      task = ret.json<TaskDetail>();
      expect(task.status).toBe('returned');
      expect(task.allowedActions).toEqual(['comment']);
      task = await detail(directorApi, task.id);
      expect(task.allowedActions).toEqual(['transfer', 'change_deadline', 'cancel', 'edit', 'comment']);
      const again = await post(directorApi, `/tasks/${task.id}/transfer`, {
        version: task.version,
        reason: 'Giữ nguyên đơn vị chủ trì',
        lead: { orgId: divA.id },
      });
      expect(again.statusCode, again.body).toBe(200);
      task = again.json<TaskDetail>();
      expect(task.status).toBe('assigned');
    });

    it('extension: requested by the lead with a reason, approved or refused by the assigner; the delay is counted', async () => {
      task = (await post(headAApi, `/tasks/${task.id}/accept`, { version: task.version })).json<TaskDetail>();
      const earlier = await post(headAApi, `/tasks/${task.id}/extension-request`, {
        version: task.version,
        newDeadline: task.deadline,
        reason: 'Chờ số liệu',
      });
      expect(fieldPaths(earlier)).toEqual(['newDeadline']);
      const first = addWorkingDays(task.deadline!, 5);
      const req = await post(headAApi, `/tasks/${task.id}/extension-request`, {
        version: task.version,
        newDeadline: first,
        reason: 'Chờ số liệu của doanh nghiệp viễn thông',
      });
      expect(req.statusCode, req.body).toBe(200);
      task = req.json<TaskDetail>();
      expect(task.extensionRequest).toMatchObject({ newDeadline: first, requestedBy: 'Lê Văn Trưởng' });
      expect(task.allowedActions).not.toContain('request_extension');
      expect((await post(headAApi, `/tasks/${task.id}/extension-approve`, { version: task.version })).statusCode).toBe(403);
      const ok = await post(directorApi, `/tasks/${task.id}/extension-approve`, { version: task.version });
      task = ok.json<TaskDetail>();
      expect(task.deadline).toBe(first);
      expect(task.dueDate).toBe(effectiveDueDate(first));
      expect(task.delayCount).toBe(1);
      const second = addWorkingDays(first, 5);
      task = (
        await post(headAApi, `/tasks/${task.id}/extension-request`, {
          version: task.version,
          newDeadline: second,
          reason: 'Doanh nghiệp chưa gửi số liệu',
        })
      ).json<TaskDetail>();
      const refuseNoReason = await post(directorApi, `/tasks/${task.id}/extension-refuse`, { version: task.version });
      expect(fieldPaths(refuseNoReason)).toEqual(['reason']);
      task = (
        await post(directorApi, `/tasks/${task.id}/extension-refuse`, { version: task.version, reason: 'Đề nghị hoàn thành đúng hạn' })
      ).json<TaskDetail>();
      expect(task.deadline).toBe(first);
      task = (
        await post(headAApi, `/tasks/${task.id}/extension-request`, {
          version: task.version,
          newDeadline: second,
          reason: 'Sự cố mạng diện rộng',
        })
      ).json<TaskDetail>();
      task = (
        await post(directorApi, `/tasks/${task.id}/extension-approve`, { version: task.version, objectiveCause: true })
      ).json<TaskDetail>();
      expect(task.delayCount).toBe(1); // objective cause confirmed: not a delay
      expect(task.deadlineHistory.map((d) => [d.kind, d.countsAsDelay])).toEqual([
        ['original', false],
        ['extension', true],
        ['extension', false],
      ]);
      expect(task.originalDeadline).not.toBe(task.deadline);
      expect(task.signalCodes).toContain('extension_repeated');
    });

    it('PATCH edits with a version check; coordinators report on their part', async () => {
      const stale = await directorApi.patch(`/api/v1/tasks/${task.id}`, { version: task.version - 1, priority: 'urgent' });
      expect(stale.statusCode).toBe(409);
      expect((await headAApi.patch(`/api/v1/tasks/${task.id}`, { version: task.version, priority: 'urgent' })).statusCode).toBe(403);
      const edited = await directorApi.patch(`/api/v1/tasks/${task.id}`, {
        version: task.version,
        priority: 'urgent',
        coordinators: [{ orgId: divB.id, part: 'Cung cấp bản đồ tuyến cáp' }],
      });
      expect(edited.statusCode, edited.body).toBe(200);
      task = edited.json<TaskDetail>();
      expect(task.priority).toBe('urgent');
      expect(task.coordinators).toEqual([
        { orgId: divB.id, orgName: divB.name, personId: null, personName: null, part: 'Cung cấp bản đồ tuyến cáp' },
      ]);
      const coord = await detail(headBApi, task.id);
      expect(coord.sides).toEqual(['coordinator']);
      expect(coord.allowedActions).toEqual(['report_progress', 'comment']);
      const part = await post(headBApi, `/tasks/${task.id}/progress`, { version: coord.version, text: 'Đã gửi bản đồ tuyến cáp' });
      expect(part.statusCode, part.body).toBe(200);
      expect(part.json<TaskDetail>().status).toBe('accepted');
      expect(part.json<TaskDetail>().events.at(-1)!.type).toBe('coordinator_progress');
      expect((await post(staffBApi, `/tasks/${task.id}/progress`, { version: coord.version, text: 'x' })).statusCode).toBe(404);
    });

    it('comments with mentions notify the people mentioned; an unknown person is a 400', async () => {
      const bad = await post(headBApi, `/tasks/${task.id}/comments`, {
        text: 'Nhờ @ai đó',
        mentionPersonIds: ['00000000-0000-7000-8000-000000000009'],
      });
      expect(fieldPaths(bad)).toEqual(['mentionPersonIds.0']);
      expect((await post(inspectorApi, `/tasks/${task.id}/comments`, { text: 'Kiểm tra' })).statusCode).toBe(403);
      const ok = await post(headBApi, `/tasks/${task.id}/comments`, {
        text: 'Anh Huy kiểm tra giúp số liệu tuyến cáp',
        mentionPersonIds: [staffA.id],
      });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json<TaskDetail>().events.at(-1)!.summary).toBe('Hoàng Minh Tuấn: Anh Huy kiểm tra giúp số liệu tuyến cáp');
      const n = await t.ctx.db
        .selectFrom('notifications')
        .select(['kind'])
        .where('person_id', '=', staffA.id)
        .where('entity_id', '=', task.id)
        .execute();
      expect(n.map((x) => x.kind)).toEqual(['task.mention']);
    });

    it('cancel needs a reason and is for the assigner side', async () => {
      const t2 = await createTask({ title: 'Nhiệm vụ sẽ bị hủy', lead: { orgId: divB.id } });
      expect((await post(headBApi, `/tasks/${t2.id}/cancel`, { version: t2.version, reason: 'Không cần nữa' })).statusCode).toBe(403);
      expect(fieldPaths(await post(directorApi, `/tasks/${t2.id}/cancel`, { version: t2.version }))).toEqual(['reason']);
      const ok = await post(directorApi, `/tasks/${t2.id}/cancel`, { version: t2.version, reason: 'Đã có văn bản thay thế' });
      expect(ok.json<TaskDetail>()).toMatchObject({ status: 'cancelled', outcome: null, allowedActions: ['comment'] });
    });
  });

  describe('reminders and escalation', () => {
    it('the assigner or a monitoring officer reminds; past three reminders an overdue task goes to the head above the assigner', async () => {
      const lastWeek = addWorkingDays(today(), -5);
      let task = await createTask({
        title: 'Báo cáo quý về an toàn thông tin (quá hạn)',
        lead: { orgId: divB.id },
        deadline: { date: lastWeek },
      });
      expect(task.outcome).toBe('open_overdue');
      expect(task.overdueDays).toBeGreaterThan(0);
      expect((await post(headBApi, `/tasks/${task.id}/remind`, { version: task.version })).statusCode).toBe(403);
      expect((await cityHeadApi.get(`/api/v1/tasks/${task.id}`)).statusCode).toBe(404);
      for (let i = 1; i <= 4; i++) {
        const agent = i % 2 ? monitorApi : directorApi;
        const res = await post(agent, `/tasks/${task.id}/remind`, { version: task.version, message: `Đề nghị báo cáo ngay (lần ${i})` });
        expect(res.statusCode, res.body).toBe(200);
        task = res.json<TaskDetail>();
        expect(task.reminderCount).toBe(i);
        expect(task.escalated).toBe(i > 3);
      }
      expect(task.escalatedTo).toMatchObject({ personId: cityHead.id, orgId: city.id });
      expect(task.events.map((e) => e.type).slice(-2)).toEqual(['reminded', 'escalated']);
      expect(task.signalCodes).toContain('overdue_after_reminders');
      const esc = await detail(cityHeadApi, task.id);
      expect(esc.sides).toEqual(['escalation']);
      expect(esc.allowedActions).toEqual(['remind', 'comment']);
      const inbox = await t.ctx.db.selectFrom('notifications').select('kind').where('person_id', '=', cityHead.id).execute();
      expect(inbox.map((n) => n.kind)).toEqual(['task.escalated']);
    });
  });

  describe('lists', () => {
    const items = (res: { json<T>(): T }) => res.json<{ items: TaskSummary[] }>().items;

    it('mine: what I lead or coordinate, myself or as head or deputy of the unit', async () => {
      const mine = items(await headAApi.get('/api/v1/tasks?view=mine&pageSize=100'));
      expect(mine.length).toBeGreaterThan(0);
      expect(mine.every((x) => x.lead.orgId === divA.id)).toBe(true);
      const staff = items(await staffAApi.get('/api/v1/tasks'));
      expect(staff.map((x) => x.lead.personId)).toEqual([staffA.id]);
      expect(
        items(await deputyAApi.get('/api/v1/tasks'))
          .map((x) => x.id)
          .sort(),
      ).toEqual(
        mine
          .filter((x) => !x.lead.personId)
          .map((x) => x.id)
          .sort(),
      );
    });

    it('assigned and unit views, filters and outcome classes in SQL', async () => {
      const assigned = items(await directorApi.get('/api/v1/tasks?view=assigned&pageSize=100'));
      expect(assigned.every((x) => x.assigner.personId === director.id)).toBe(true);
      const unit = await directorApi.get(`/api/v1/tasks?view=unit&orgId=${dept.id}&pageSize=100`);
      expect(unit.statusCode).toBe(200);
      const all = items(unit);
      expect(unit.json<{ total: number; totalCapped: boolean }>()).toMatchObject({ total: all.length, totalCapped: false });
      for (const outcome of ['done_on_time', 'done_late', 'open_in_time', 'open_overdue'] as const) {
        const got = items(await directorApi.get(`/api/v1/tasks?view=unit&orgId=${dept.id}&outcome=${outcome}&pageSize=100`));
        expect(got.map((x) => x.id).sort()).toEqual(
          all
            .filter((x) => x.outcome === outcome)
            .map((x) => x.id)
            .sort(),
        );
      }
      expect(all.some((x) => x.outcome === 'open_overdue')).toBe(true);
      expect(all.some((x) => x.outcome === 'done_on_time')).toBe(true);
      const searched = items(await directorApi.get(`/api/v1/tasks?view=unit&orgId=${dept.id}&q=${encodeURIComponent('ha ngam cap')}`));
      expect(searched.map((x) => x.title)).toEqual(['Báo cáo tình hình hạ ngầm cáp viễn thông']);
      const bounced = items(await directorApi.get(`/api/v1/tasks?view=unit&orgId=${dept.id}&signal=bounce`));
      expect(bounced.map((x) => x.title)).toEqual(['Báo cáo tình hình hạ ngầm cáp viễn thông']);
      const escalated = items(await directorApi.get(`/api/v1/tasks?view=unit&orgId=${dept.id}&escalated=true`));
      expect(escalated.map((x) => x.escalated)).toEqual([true]);
      const byStatus = items(await directorApi.get(`/api/v1/tasks?view=unit&orgId=${dept.id}&status=cancelled`));
      expect(byStatus.map((x) => x.status)).toEqual(['cancelled']);
      const sorted = items(await directorApi.get(`/api/v1/tasks?view=unit&orgId=${dept.id}&sort=deadline&pageSize=100`)).filter(
        (x) => x.dueDate,
      );
      expect(sorted.map((x) => x.dueDate)).toEqual([...sorted.map((x) => x.dueDate)].sort());
      const page2 = await directorApi.get(`/api/v1/tasks?view=unit&orgId=${dept.id}&pageSize=2&page=2`);
      expect(items(page2).map((x) => x.id)).toEqual(all.slice(2, 4).map((x) => x.id));
    });

    it('the unit list is for readers of the unit and its heads; others get 404', async () => {
      expect((await inspectorApi.get(`/api/v1/tasks?view=unit&orgId=${dept.id}`)).statusCode).toBe(200);
      expect((await headAApi.get(`/api/v1/tasks?view=unit&orgId=${divA.id}`)).statusCode).toBe(200);
      expect((await headAApi.get(`/api/v1/tasks?view=unit&orgId=${divB.id}`)).statusCode).toBe(404);
      expect((await outsiderApi.get(`/api/v1/tasks?view=unit&orgId=${dept.id}`)).statusCode).toBe(404);
      expect(fieldPaths(await adminApi.get('/api/v1/tasks?view=unit'))).toEqual(['orgId']);
      expect(fieldPaths(await directorApi.get('/api/v1/tasks?outcome=nope'))).toEqual(['outcome']);
    });

    it('the unit list follows a unit moved to another parent', async () => {
      const team = await t.newOrg({ parent: divA, kind: 'khac', name: 'Tổ kỹ thuật' });
      const task = await createTask({ title: 'Nhiệm vụ của tổ kỹ thuật', lead: { orgId: team.id } });
      const ids = async (org: Org) => items(await directorApi.get(`/api/v1/tasks?view=unit&orgId=${org.id}&pageSize=100`)).map((x) => x.id);
      expect(await ids(divA)).toContain(task.id);
      await new OrgService(t.ctx).move(systemActor(), team.id, divB.id, 1);
      expect(await ids(divB)).toContain(task.id);
      expect(await ids(divA)).not.toContain(task.id);
    });

    it('the audit chain is intact after all of this', async () => {
      expect(await t.ctx.audit.verify(t.ctx.db)).toEqual([]);
    });
  });
});
