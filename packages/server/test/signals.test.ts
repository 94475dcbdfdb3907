/**
 * Follow-up over time, on both databases: the daily sweep (reminders before, on and after the due
 * day, once per task, kind and day; escalation after more than three reminders; recurring
 * instances; date-dependent signals), then the signal aggregates per unit and person with their
 * drill-down and thresholds. The task service runs on a clock the test moves.
 */
import type { ScopedGrant, SignalCode, TaskDetail } from '@kycuong/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../src/platform/access';
import { systemActor } from '../src/platform/access';
import { AuthRepository } from '../src/modules/auth/auth.repository';
import { PeopleService } from '../src/modules/people/people.service';
import { TaskService } from '../src/modules/tasks/tasks.service';
import { createTestContext, fieldPaths, type Agent, type TestContext, type TestUser } from './support/harness';

type Org = { id: string; path: string; name: string };
type Person = { id: string; fullName: string };

/** 09:00 in Hanoi on a day. */
const at = (date: string) => new Date(`${date}T09:00:00+07:00`);

describe('reminders, escalation, recurrence and signals', () => {
  let t: TestContext;
  let clock = at('2026-03-02');
  let tasks: TaskService;
  let city: Org, dept: Org, divA: Org, divB: Org, other: Org;
  let cityHead: Person, headA: Person, headB: Person;
  let director: Actor, headAActor: Actor, headBActor: Actor;
  let directorApi: Agent, adminApi: Agent, headAApi: Agent, outsiderApi: Agent, inspectorApi: Agent;
  let x: TaskDetail, y: TaskDetail, r: TaskDetail;

  async function person(org: Org, fullName: string, isHead = false): Promise<Person> {
    const p = await new PeopleService(t.ctx).create(systemActor(), {
      fullName,
      email: `${fullName.length}-${Math.random().toString(36).slice(2)}@hanoi.gov.vn`,
      categories: ['civil_servant'],
      membership: { orgId: org.id, isHead, isDeputy: false, isPrimary: true },
    });
    return { id: p.id, fullName: p.fullName };
  }

  /** The actor of a user, as a signed-in session would have it. */
  async function actorOf(u: TestUser, name: string): Promise<Actor> {
    const grants: ScopedGrant[] = await new AuthRepository(t.ctx.db).grantsOf(u.id, u.personId);
    return { ...systemActor(), userId: u.id, username: u.username, displayName: name, personId: u.personId, grants };
  }

  const sweep = (date: string) => tasks.runReminderSweep(at(date));
  const row = (id: string) => t.ctx.db.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const signalsOf = async (id: string) =>
    (await t.ctx.db.selectFrom('task_signals').select(['code', 'detected_on']).where('task_id', '=', id).orderBy('code').execute()).map(
      (s) => `${s.code}@${s.detected_on}`,
    );

  beforeAll(async () => {
    t = await createTestContext();
    tasks = new TaskService(t.ctx, { now: () => clock });
    city = await t.newOrg({ kind: 'ubnd', name: 'Ủy ban nhân dân Thành phố' });
    dept = await t.newOrg({ parent: city, kind: 'so', name: 'Sở Thông tin và Truyền thông' });
    divA = await t.newOrg({ parent: dept, kind: 'phong', name: 'Phòng Bưu chính - Viễn thông' });
    divB = await t.newOrg({ parent: dept, kind: 'phong', name: 'Phòng Công nghệ thông tin' });
    other = await t.newOrg({ kind: 'so', name: 'Sở khác' });
    cityHead = await person(city, 'Trần Sỹ Thanh', true);
    const directorP = await person(dept, 'Nguyễn Thanh Bình', true);
    headA = await person(divA, 'Lê Văn Trưởng', true);
    headB = await person(divB, 'Hoàng Minh Tuấn', true);
    const uDirector = await t.newUser({ person: directorP, roles: [{ role: 'leader', org: dept }] });
    const uHeadA = await t.newUser({ person: headA });
    const uHeadB = await t.newUser({ person: headB });
    director = await actorOf(uDirector, directorP.fullName);
    headAActor = await actorOf(uHeadA, headA.fullName);
    headBActor = await actorOf(uHeadB, headB.fullName);
    directorApi = await t.login(uDirector);
    headAApi = await t.login(uHeadA);
    adminApi = await t.login(await t.newUser({ person: null, roles: [{ role: 'system_admin', org: null }] }));
    outsiderApi = await t.login(await t.newUser({ person: await person(other, 'Lý Văn Ngoài'), roles: [{ role: 'leader', org: other }] }));
    inspectorApi = await t.login(
      await t.newUser({ person: await person(dept, 'Ngô Văn Kiểm'), roles: [{ role: 'inspector', org: dept }] }),
    );

    // Monday 2/3/2026: X due in 5 working days (Mon 9/3), Y due Wed 4/3, R monthly from Fri 20/3.
    x = await tasks.create(director, {
      title: 'Báo cáo sơ kết quý I',
      assignerOrgId: dept.id,
      lead: { orgId: divA.id },
      deadline: { workingDays: 5 },
      coordinators: [],
      priority: 'normal',
      weight: 1,
    });
    y = await tasks.create(director, {
      title: 'Rà soát hạ tầng trạm BTS',
      assignerOrgId: dept.id,
      lead: { orgId: divB.id },
      deadline: { date: '2026-03-04' },
      coordinators: [],
      priority: 'high',
      weight: 1,
    });
    r = await tasks.create(director, {
      title: 'Báo cáo tình hình an toàn thông tin',
      assignerOrgId: dept.id,
      lead: { orgId: divB.id },
      deadline: { date: '2026-03-20' },
      recurrence: { kind: 'monthly', until: null },
      coordinators: [],
      priority: 'normal',
      weight: 1,
    });
    x = await tasks.accept(headAActor, x.id, { version: x.version });
  });
  afterAll(() => t.close());

  it('the first instance of a recurring task carries its period', () => {
    expect(x.deadline).toBe('2026-03-09');
    expect(r).toMatchObject({ recurrence: 'monthly', periodLabel: 'tháng 03/2026', recurrenceInfo: { index: 0 } });
  });

  it('reminds N working days before the due day and when overdue — once per task, kind and day', async () => {
    const first = await sweep('2026-03-05');
    expect(first).toMatchObject({ date: '2026-03-05', reminders: 2, escalations: 0 });
    expect((await row(x.id)).reminder_count).toBe(1);
    expect((await row(y.id)).reminder_count).toBe(1);
    const again = await sweep('2026-03-05');
    expect(again.reminders).toBe(0);
    expect((await row(y.id)).reminder_count).toBe(1);
    const kinds = await t.ctx.db.selectFrom('task_reminders').select(['task_id', 'kind']).orderBy('kind').execute();
    expect(kinds.map((k) => [k.task_id === x.id ? 'x' : 'y', k.kind])).toEqual([
      ['x', 'before'],
      ['y', 'overdue'],
    ]);
    const inbox = await t.ctx.db
      .selectFrom('notifications')
      .select(['kind', 'person_id'])
      .where('kind', 'in', ['task.due_soon', 'task.overdue'])
      .execute();
    expect(inbox.map((n) => [n.kind, n.person_id]).sort()).toEqual([
      ['task.due_soon', headA.id],
      ['task.overdue', headB.id],
    ]);
  });

  it('nothing on a Saturday; overdue reminders come every 2 working days; the due day gets its own', async () => {
    expect((await sweep('2026-03-07')).reminders).toBe(0);
    expect((await sweep('2026-03-06')).reminders).toBe(0); // Y was reminded yesterday
    const monday = await sweep('2026-03-09');
    expect(monday.reminders).toBe(2); // X due today, Y overdue again
    expect((await row(x.id)).reminder_count).toBe(2);
    expect((await row(y.id)).reminder_count).toBe(2);
  });

  it('a slow acceptance is recorded from the day it passed the threshold', async () => {
    expect(await signalsOf(y.id)).toContain('slow_acceptance@2026-03-06');
  });

  it('overdue and reminded more than 3 times: escalated to the head of the unit above the assigner, once', async () => {
    // X is overdue too from Tuesday 10/3 (due Monday 9/3): both are reminded every other working day.
    expect((await sweep('2026-03-11')).reminders).toBe(2);
    const fourth = await sweep('2026-03-13');
    expect(fourth).toMatchObject({ reminders: 2, escalations: 2 });
    const yRow = await row(y.id);
    expect(yRow).toMatchObject({ reminder_count: 4, escalated_to_person_id: cityHead.id, escalated_to_org_id: city.id });
    expect(yRow.escalated_at).toBe(at('2026-03-13').toISOString());
    expect((await sweep('2026-03-13')).escalations).toBe(0);
    const detail = await tasks.get(director, y.id);
    expect(detail.escalatedTo).toMatchObject({ personId: cityHead.id, personName: 'Trần Sỹ Thanh' });
    expect(detail.events.filter((e) => e.type === 'escalated')).toHaveLength(1);
    expect(detail.signals.find((s) => s.code === 'overdue_after_reminders')!.explanation).toContain(
      'Đã báo cáo Trần Sỹ Thanh ngày 13/03/2026',
    );
    const esc = await t.ctx.db
      .selectFrom('notifications')
      .select('kind')
      .where('person_id', '=', cityHead.id)
      .where('entity_id', '=', y.id)
      .execute();
    expect(esc.map((n) => n.kind)).toEqual(['task.escalated']);
  });

  it('"chưa cập nhật": after N working days without progress the daily sweep stores the signal', async () => {
    await sweep('2026-03-16');
    expect(await signalsOf(x.id)).not.toContain('not_updated@2026-03-17');
    await sweep('2026-03-17');
    expect(await signalsOf(x.id)).toContain('not_updated@2026-03-17');
    clock = at('2026-03-17');
    const detail = await tasks.get(director, x.id);
    expect(detail.notUpdated).toBe(true);
    x = await tasks.progress(headAActor, x.id, { version: detail.version, percent: 30, text: 'Đã tổng hợp 3 phòng', fileIds: [] });
    expect(await signalsOf(x.id)).not.toContain('not_updated@2026-03-17');
    expect(x.notUpdated).toBe(false);
  });

  it('the next instance of a recurring task appears when its period opens, or when the previous one is done', async () => {
    expect((await sweep('2026-03-20')).recurringCreated).toBe(0);
    const created = await sweep('2026-03-23');
    expect(created.recurringCreated).toBe(1);
    expect((await sweep('2026-03-23')).recurringCreated).toBe(0);
    const series = await t.ctx.db
      .selectFrom('tasks')
      .select(['series_index', 'deadline', 'period_label', 'status', 'id', 'version'])
      .where('series_id', '=', r.id)
      .orderBy('series_index')
      .execute();
    expect(series.map((s) => [s.series_index, s.deadline, s.period_label])).toEqual([
      [0, '2026-03-20', 'tháng 03/2026'],
      [1, '2026-04-20', 'tháng 04/2026'],
    ]);
    clock = at('2026-04-01');
    let inst = await tasks.accept(headBActor, series[1]!.id, { version: series[1]!.version });
    inst = await tasks.reportCompletion(headBActor, inst.id, { version: inst.version, text: 'Báo cáo tháng 4', fileIds: [] });
    await tasks.acceptCompletion(director, inst.id, { version: inst.version, qualityAccepted: true });
    const after = await t.ctx.db
      .selectFrom('tasks')
      .select(['series_index', 'deadline'])
      .where('series_id', '=', r.id)
      .orderBy('series_index')
      .execute();
    expect(after.map((s) => [s.series_index, s.deadline])).toEqual([
      [0, '2026-03-20'],
      [1, '2026-04-20'],
      [2, '2026-05-20'],
    ]);
  });

  describe('aggregates', () => {
    beforeAll(async () => {
      // Phòng CNTT returns 2 of the 5 tasks it receives; Phòng Bưu chính bounces one with it.
      clock = at('2026-04-02');
      for (let i = 1; i <= 5; i++) {
        const task = await tasks.create(director, {
          title: `Nhiệm vụ kiểm tra số ${i}`,
          assignerOrgId: dept.id,
          lead: { orgId: divB.id },
          deadline: { workingDays: 10 },
          coordinators: [],
          priority: 'normal',
          weight: 1,
        });
        if (i <= 2) await tasks.returnToAssigner(headBActor, task.id, { version: task.version, reason: 'Không thuộc chức năng của phòng' });
      }
      let b = await tasks.create(director, {
        title: 'Số hóa hồ sơ lưu trữ',
        assignerOrgId: dept.id,
        lead: { orgId: divA.id },
        coordinators: [],
        priority: 'normal',
        weight: 1,
      });
      b = await tasks.transfer(headAActor, b.id, { version: b.version, reason: 'Thuộc Phòng CNTT', lead: { orgId: divB.id } });
      await tasks.transfer(headBActor, b.id, { version: b.version, reason: 'Thuộc Phòng Bưu chính', lead: { orgId: divA.id } });
    });

    const counts = (rows: { orgId: string | null; counts: Record<string, number> }[], org: Org, code: SignalCode) =>
      rows.find((x) => x.orgId === org.id)?.counts[code] ?? 0;

    it('per unit: counts by code, return rate and flags, with the disclaimer', async () => {
      const res = await directorApi.get(`/api/v1/signals?orgId=${dept.id}`);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json<{
        rows: {
          orgId: string | null;
          counts: Record<string, number>;
          received: number;
          returned: number;
          returnRate: number | null;
          flags: { code: string }[];
        }[];
        disclaimer: string;
      }>();
      expect(body.disclaimer).toContain('không phải kết luận vi phạm');
      expect(counts(body.rows, divB, 'returned')).toBe(2);
      expect(counts(body.rows, divB, 'bounce')).toBe(1);
      expect(counts(body.rows, divA, 'bounce')).toBe(1);
      expect(counts(body.rows, divB, 'overdue_after_reminders')).toBe(1);
      const b = body.rows.find((x) => x.orgId === divB.id)!;
      expect(b.returned).toBe(2);
      expect(b.received).toBeGreaterThanOrEqual(5);
      // Over all time 2 returns of 9 tasks stay under the 30% threshold…
      expect(b.flags.map((f) => f.code)).not.toContain('returned');
      // …in April, 2 of 6 pass it.
      const april = (await directorApi.get(`/api/v1/signals?orgId=${dept.id}&from=2026-04-01&to=2026-04-30`)).json<{
        rows: { orgId: string; counts: Record<string, number>; received: number; flags: { code: string; explanation: string }[] }[];
      }>();
      expect(counts(april.rows, divB, 'overdue_after_reminders')).toBe(0);
      expect(counts(april.rows, divB, 'returned')).toBe(2);
      const bApril = april.rows.find((x) => x.orgId === divB.id)!;
      expect(bApril.received).toBe(6);
      expect(bApril.flags.find((f) => f.code === 'returned')!.explanation).toContain('Trả lại 2/6 nhiệm vụ');
    });

    it('per person, and the drill-down to the tasks with explanations and evidence', async () => {
      const people = (await directorApi.get(`/api/v1/signals?orgId=${dept.id}&groupBy=person`)).json<{
        rows: { personId: string; personName: string; counts: Record<string, number> }[];
      }>();
      const b = people.rows.find((p) => p.personId === headB.id);
      expect(b?.personName).toBe('Hoàng Minh Tuấn');
      const list = await directorApi.get(`/api/v1/signals/tasks?orgId=${divB.id}&code=overdue_after_reminders`);
      expect(list.statusCode).toBe(200);
      const items = list.json<{ items: { taskId: string; explanation: string; evidence: { type: string }[] }[]; total: number }>();
      expect(items.total).toBe(1);
      expect(items.items[0]!.taskId).toBe(y.id);
      expect(items.items[0]!.evidence.map((e) => e.type)).toEqual(['reminded', 'reminded', 'reminded', 'reminded', 'escalated']);
      expect((await inspectorApi.get(`/api/v1/signals/tasks?orgId=${dept.id}`)).statusCode).toBe(200);
    });

    it('scope: outside the subtree or without signal.read, 404; a bad range names the field', async () => {
      expect((await outsiderApi.get(`/api/v1/signals?orgId=${dept.id}`)).statusCode).toBe(404);
      expect((await headAApi.get(`/api/v1/signals`)).statusCode).toBe(404);
      expect((await outsiderApi.get(`/api/v1/signals/tasks?personId=${headB.id}`)).statusCode).toBe(404);
      const outsiderView = (await outsiderApi.get('/api/v1/signals')).json<{ rows: unknown[] }>();
      expect(outsiderView.rows).toEqual([]);
      expect(fieldPaths(await directorApi.get('/api/v1/signals?from=2026-05-01&to=2026-04-01'))).toEqual(['to']);
    });

    it('thresholds: read by signal readers, changed by the system administrator only, with a version', async () => {
      const th = await directorApi.get('/api/v1/signals/thresholds');
      expect(th.statusCode).toBe(200);
      const cur = th.json<Record<string, number>>();
      expect(cur).toMatchObject({ transferChainMax: 2, notUpdatedDays: 10, version: 0 });
      expect((await directorApi.put('/api/v1/signals/thresholds', { ...cur, transferChainMax: 1 })).statusCode).toBe(404);
      const bad = await adminApi.put('/api/v1/signals/thresholds', { ...cur, returnRateMin: 3 });
      expect(fieldPaths(bad)).toEqual(['returnRateMin']);
      const ok = await adminApi.put('/api/v1/signals/thresholds', { ...cur, transferChainMax: 1 });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).toMatchObject({ transferChainMax: 1, version: 1 });
      expect((await adminApi.put('/api/v1/signals/thresholds', { ...cur, transferChainMax: 1 })).statusCode).toBe(409);
      // The bounced task has 2 transfers: over the new threshold of 1 on its next recomputation.
      const bounced = (await directorApi.get(`/api/v1/tasks?view=unit&orgId=${dept.id}&signal=bounce`)).json<{ items: { id: string }[] }>()
        .items[0]!;
      const d = await tasks.get(director, bounced.id);
      expect(d.signals.map((s) => s.code)).toContain('transfer_chain');
    });

    it('task settings and the sweep on demand are for the system administrator', async () => {
      const s = await directorApi.get('/api/v1/tasks/settings');
      expect(s.json()).toMatchObject({ reminderBeforeDays: 2, escalateAfterReminders: 3, escalateTo: 'assigner_parent_head', version: 0 });
      expect((await directorApi.put('/api/v1/tasks/settings', { ...s.json<object>(), escalateAfterReminders: 5 })).statusCode).toBe(404);
      expect((await adminApi.put('/api/v1/tasks/settings', { ...s.json<object>(), escalateAfterReminders: 5 })).json()).toMatchObject({
        escalateAfterReminders: 5,
        version: 1,
      });
      expect((await directorApi.post('/api/v1/tasks/sweep', { date: '2026-04-03' })).statusCode).toBe(404);
      const run = await adminApi.post('/api/v1/tasks/sweep', { date: '2026-04-03' });
      expect(run.statusCode, run.body).toBe(200);
      expect(run.json()).toMatchObject({ date: '2026-04-03' });
      expect(await t.ctx.audit.verify(t.ctx.db)).toEqual([]);
    });
  });
});
