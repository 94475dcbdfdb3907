/**
 * The dashboard's subtree counters (migration 091) on both databases: after every kind of change —
 * the task workflow, reminders, cancellation, transfer to another unit, extensions, signals written
 * and rewritten (duplicates of a code included), raw multi-row updates and an org move — the
 * counters equal what a plain recount of the tasks gives. And the dashboard answers, for periods
 * made of whole months or not, the totals of the task lists its numbers link to.
 */
import type { Dashboard, ScopedGrant, TaskDetail } from '@kycuong/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthRepository } from '../src/modules/auth/auth.repository';
import { DisseminationService } from '../src/modules/dissemination/dissemination.service';
import { OrgService } from '../src/modules/orgs/orgs.service';
import { PeopleService } from '../src/modules/people/people.service';
import { TaskService } from '../src/modules/tasks/tasks.service';
import { systemActor, type Actor } from '../src/platform/access';
import { newId } from '../src/platform/ids';
import { createTestContext, type Agent, type TestContext, type TestUser, issuePlan } from './support/harness';

type Org = { id: string; path: string; name: string };
const at = (date: string) => new Date(`${date}T09:00:00+07:00`);

/** Counter rows as a map key → values, zero rows left out (a row may fall to zero when its tasks move away). */
type Counters = Record<string, number[]>;

describe('dashboard counters', () => {
  let t: TestContext;
  let clock = at('2026-01-05');
  let tasks: TaskService;
  let director: Actor;
  let directorApi: Agent;
  let dept: Org, divA: Org, divB: Org, teamA: Org;
  const made: TaskDetail[] = [];
  /** The head of each unit, who takes and reports the unit's tasks. */
  const heads = new Map<string, Actor>();

  async function actorOf(u: TestUser, name: string): Promise<Actor> {
    const grants: ScopedGrant[] = await new AuthRepository(t.ctx.db).grantsOf(u.id, u.personId);
    return { ...systemActor(), userId: u.id, username: u.username, displayName: name, personId: u.personId, grants };
  }

  /** The counters recomputed from the tasks and signals by hand (JavaScript, not the migration's SQL). */
  async function recount(): Promise<{ tasks: Counters; signals: Counters }> {
    const rows = await t.ctx.db
      .selectFrom('tasks')
      .select(['id', 'lead_org_path', 'due_date', 'status', 'completed_on', 'reminder_count', 'escalated_at'])
      .execute();
    const signals = await t.ctx.db.selectFrom('task_signals').select(['task_id', 'code']).execute();
    const out: { tasks: Counters; signals: Counters } = { tasks: {}, signals: {} };
    const ancestors = (path: string) => Array.from({ length: (path.length - 1) / 33 }, (_, i) => path.slice(0, 1 + 33 * (i + 1)));
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const r of rows) {
      if (!r.due_date || r.status === 'cancelled') continue;
      const done = r.status === 'done';
      const v = [
        1,
        done && r.completed_on! <= r.due_date ? 1 : 0,
        done && r.completed_on! > r.due_date ? 1 : 0,
        r.reminder_count,
        r.reminder_count > 0 ? 1 : 0,
        r.escalated_at ? 1 : 0,
      ];
      for (const a of ancestors(r.lead_org_path)) {
        const k = `${a}|${r.due_date.slice(0, 7)}`;
        out.tasks[k] = (out.tasks[k] ?? [0, 0, 0, 0, 0, 0]).map((x, i) => x + v[i]!);
      }
    }
    for (const pair of new Set(signals.map((s) => `${s.task_id}|${s.code}`))) {
      const [taskId, code] = pair.split('|') as [string, string];
      const r = byId.get(taskId)!;
      if (!r.due_date || r.status === 'cancelled') continue;
      for (const a of ancestors(r.lead_org_path)) {
        const k = `${a}|${r.due_date.slice(0, 7)}|${code}`;
        out.signals[k] = [(out.signals[k]?.[0] ?? 0) + 1];
      }
    }
    return out;
  }

  async function counters(): Promise<{ tasks: Counters; signals: Counters }> {
    const out: { tasks: Counters; signals: Counters } = { tasks: {}, signals: {} };
    for (const r of await t.ctx.db.selectFrom('task_rollup').selectAll().execute()) {
      const v = [r.total, r.done_on_time, r.done_late, r.reminders, r.reminded, r.escalated].map(Number);
      if (v.some((x) => x !== 0)) out.tasks[`${r.org_path}|${r.month}`] = v;
    }
    for (const r of await t.ctx.db.selectFrom('task_signal_rollup').selectAll().execute())
      if (Number(r.tasks) !== 0) out.signals[`${r.org_path}|${r.month}|${r.code}`] = [Number(r.tasks)];
    return out;
  }

  async function expectCountersTrue(): Promise<void> {
    const [expected, actual] = await Promise.all([recount(), counters()]);
    expect(actual.tasks).toEqual(expected.tasks);
    expect(actual.signals).toEqual(expected.signals);
  }

  const signal = (taskId: string, code: string) => ({
    id: newId(),
    task_id: taskId,
    code,
    severity: 'warning',
    org_id: null,
    person_id: null,
    subject: 'org',
    detected_on: '2026-03-01',
    explanation: 'kiểm thử',
    evidence: '[]',
  });

  beforeAll(async () => {
    t = await createTestContext();
    tasks = new TaskService(t.ctx, { now: () => clock });
    dept = await t.newOrg({ kind: 'so', name: 'Sở Thử nghiệm Bộ đếm' });
    divA = await t.newOrg({ parent: dept, kind: 'phong', name: 'Phòng A' });
    divB = await t.newOrg({ parent: dept, kind: 'phong', name: 'Phòng B' });
    teamA = await t.newOrg({ parent: divA, kind: 'phong', name: 'Tổ A1' });
    const pDirector = await t.newPerson({ org: dept, fullName: 'Nguyễn Văn Giám', isHead: true });
    const u = await t.newUser({ person: pDirector, roles: [{ role: 'leader', org: dept }] });
    director = await actorOf(u, pDirector.fullName);
    heads.set(dept.id, director);
    for (const [org, name] of [
      [divA, 'Trần Thị Trưởng'],
      [divB, 'Lê Văn Bê'],
      [teamA, 'Phạm Thị Tổ'],
    ] as const) {
      const p = await t.newPerson({ org, fullName: name, isHead: true });
      heads.set(org.id, await actorOf(await t.newUser({ person: p }), name));
    }
    directorApi = await t.login(u);
  });
  afterAll(() => t.close());

  it('follow the task workflow: creation, completion on time and late, reminders, cancellation', async () => {
    const create = (title: string, org: Org, due: string) =>
      tasks.create(director, {
        title,
        assignerOrgId: dept.id,
        lead: { orgId: org.id },
        deadline: { date: due },
        coordinators: [],
        priority: 'normal',
        weight: 1,
      });
    const plan: [Org, string][] = [
      [divA, '2026-01-20'],
      [divA, '2026-02-10'],
      [teamA, '2026-02-15'],
      [teamA, '2026-03-05'],
      [divB, '2026-02-27'],
      [divB, '2026-03-31'],
      [dept, '2026-01-30'],
      [dept, '2026-04-15'],
    ];
    for (const [k, [org, due]] of plan.entries()) made.push(await create(`Nhiệm vụ thử ${k + 1}`, org, due));
    await expectCountersTrue();
    const finish = async (i: number, on: string) => {
      clock = at(on);
      const lead = heads.get(made[i]!.lead.orgId)!;
      let d = await tasks.get(lead, made[i]!.id);
      if (d.status === 'assigned') d = await tasks.accept(lead, d.id, { version: d.version });
      d = await tasks.reportCompletion(lead, d.id, { version: d.version, text: 'Xong', fileIds: [] });
      made[i] = await tasks.acceptCompletion(director, d.id, { version: d.version, qualityAccepted: true });
    };
    await finish(0, '2026-01-15'); // on time
    await finish(2, '2026-02-20'); // late
    await finish(6, '2026-01-29'); // on time
    clock = at('2026-03-10');
    let d = await tasks.get(director, made[3]!.id);
    d = await tasks.remind(director, d.id, { version: d.version });
    made[3] = await tasks.remind(director, d.id, { version: d.version });
    made[4] = await tasks.cancel(director, made[4]!.id, { version: made[4]!.version, reason: 'Không còn cần thiết' });
    await expectCountersTrue();
  });

  it('follow a transfer to another unit and a new deadline', async () => {
    clock = at('2026-02-01');
    made[1] = await tasks.transfer(director, made[1]!.id, {
      version: made[1]!.version,
      reason: 'Giao Phòng B theo chức năng',
      lead: { orgId: divB.id },
      deadline: { date: '2026-03-13' },
    });
    await expectCountersTrue();
  });

  it('count a task once per signal code, however many rows of the code it has', async () => {
    const db = t.ctx.db;
    // Two rows of one code and one of another in one statement, then more of the same code.
    await db
      .insertInto('task_signals')
      .values([signal(made[3]!.id, 'returned'), signal(made[3]!.id, 'returned'), signal(made[3]!.id, 'not_updated')])
      .execute();
    await db
      .insertInto('task_signals')
      .values([signal(made[5]!.id, 'returned'), signal(made[1]!.id, 'slow_acceptance')])
      .execute();
    await db.insertInto('task_signals').values(signal(made[5]!.id, 'returned')).execute();
    await expectCountersTrue();
    // Rewritten as the task service does: every row of the task deleted, then inserted again.
    await db.deleteFrom('task_signals').where('task_id', '=', made[3]!.id).execute();
    await expectCountersTrue();
    await db
      .insertInto('task_signals')
      .values([signal(made[3]!.id, 'overdue_after_reminders')])
      .execute();
    // One of two rows of a code deleted: the task still carries it.
    const one = await db.selectFrom('task_signals').select('id').where('task_id', '=', made[5]!.id).limit(1).executeTakeFirstOrThrow();
    await db.deleteFrom('task_signals').where('id', '=', one.id).execute();
    await expectCountersTrue();
  });

  it('follow raw multi-row updates and an org move (the copied lead paths rewritten by the org trigger)', async () => {
    await sql`update tasks set reminder_count = reminder_count + 1, escalated_at = ${new Date().toISOString()} where lead_org_path like ${`${divA.path}%`}`.execute(
      t.ctx.db,
    );
    await expectCountersTrue();
    const org = await t.ctx.db.selectFrom('orgs').select('version').where('id', '=', teamA.id).executeTakeFirstOrThrow();
    await new OrgService(t.ctx).move(systemActor(), teamA.id, divB.id, Number(org.version));
    const moved = await t.ctx.db.selectFrom('orgs').select('path').where('id', '=', teamA.id).executeTakeFirstOrThrow();
    expect(moved.path.startsWith(divB.path)).toBe(true);
    await expectCountersTrue();
    // A task's due day moved into another month by hand.
    await t.ctx.db.updateTable('tasks').set({ due_date: '2026-05-04' }).where('id', '=', made[5]!.id).execute();
    await expectCountersTrue();
  });

  it('answers, for whole months or part months, the totals of the task lists its numbers link to', async () => {
    clock = at('2026-03-20');
    for (const [from, to] of [
      ['2026-01-01', '2026-03-31'],
      ['2026-01-15', '2026-03-10'],
      ['2026-02-01', '2026-02-28'],
      ['2026-02-03', '2026-02-25'],
      ['2026-01-25', '2026-02-15'],
    ] as const) {
      const d = (await directorApi.get(`/api/v1/dashboard?orgId=${dept.id}&from=${from}&to=${to}`)).json<Dashboard>();
      const list = async (orgId: string, extra = '') =>
        (await directorApi.get(`/api/v1/tasks?view=unit&orgId=${orgId}&deadlineFrom=${from}&deadlineTo=${to}${extra}`)).json<{
          total: number;
        }>().total;
      // The list shows cancelled tasks too; the dashboard leaves them out.
      const counted = async (orgId: string) => (await list(orgId)) - (await list(orgId, '&status=cancelled'));
      const label = `${from}…${to}`;
      expect(d.tasks.total, label).toBe(await counted(dept.id));
      expect(d.tasks.byOutcome.done_on_time, label).toBe(await list(dept.id, '&outcome=done_on_time'));
      expect(d.tasks.byOutcome.done_late, label).toBe(await list(dept.id, '&outcome=done_late'));
      expect(d.tasks.overdue, label).toBe(await list(dept.id, '&outcome=open_overdue'));
      for (const u of d.units.filter((x) => !x.own)) expect(u.total, `${label} ${u.orgName}`).toBe(await counted(u.orgId));
      const own = d.units.find((x) => x.own);
      const childTotal = d.units.filter((x) => !x.own).reduce((n, x) => n + x.total, 0);
      expect((own?.total ?? 0) + childTotal, label).toBe(d.tasks.total);
    }
  });
  it('dissemination counters follow conferences, check-ins, acknowledgements, removals and an org move', async () => {
    const db = t.ctx.db;
    async function expectCoverageTrue(): Promise<void> {
      // A person counts once in every subtree holding any of their rows of the document.
      const rows = await db
        .selectFrom('dissemination_expected')
        .select(['document_id', 'person_id', 'org_path', 'doc_attended_at', 'acknowledged_at'])
        .execute();
      const pairs = new Map<string, { under: Set<string>; att: boolean; ack: boolean }>();
      for (const r of rows) {
        const key = `${r.document_id}|${r.person_id}`;
        const p = pairs.get(key) ?? pairs.set(key, { under: new Set(), att: false, ack: false }).get(key)!;
        for (let n = 1; 1 + 33 * n <= r.org_path.length; n++) p.under.add(`${r.document_id}|${r.org_path.slice(0, 1 + 33 * n)}`);
        p.att ||= !!r.doc_attended_at;
        p.ack ||= !!r.acknowledged_at;
      }
      const expected: Counters = {};
      for (const p of pairs.values())
        for (const k of p.under) {
          const v = expected[k] ?? [0, 0, 0];
          expected[k] = [v[0]! + 1, v[1]! + (p.att ? 1 : 0), v[2]! + (p.ack ? 1 : 0)];
        }
      const actual: Counters = {};
      for (const r of await db.selectFrom('dissemination_rollup').selectAll().execute()) {
        const v = [r.expected, r.attended, r.acknowledged].map(Number);
        if (v.some((x) => x !== 0)) actual[`${r.document_id}|${r.org_path}`] = v;
      }
      expect(actual).toEqual(expected);
      expect(Object.keys(expected).length).toBeGreaterThan(0);
    }
    for (const fullName of ['Đỗ Văn Một', 'Hoàng Thị Hai']) await t.newPerson({ org: divB, fullName });
    // Someone of division A who also belongs to division B: expected through both, counted once in each and in the department.
    const twoUnits = await t.newPerson({ org: divA, fullName: 'Vũ Văn Kép' });
    await new PeopleService(t.ctx).addMembership(systemActor(), twoUnits.id, {
      orgId: divB.id,
      isHead: false,
      isDeputy: false,
      isPrimary: false,
    });
    const documentId = await issuePlan(directorApi, dept.id, 'Kế hoạch quán triệt thử bộ đếm');
    const conference = async (orgId: string) => {
      const res = await directorApi.post('/api/v1/conferences', {
        documentId,
        orgId,
        heldOn: '2026-02-03',
        format: 'in_person',
        place: 'Hội trường',
      });
      expect(res.statusCode, res.body).toBe(200);
      return res.json<{ id: string; version: number }>();
    };
    // Two conferences of one document (the department, then division B again): a person expected at both counts once.
    const c1 = await conference(dept.id);
    const c2 = await conference(divB.id);
    await expectCoverageTrue();
    const paths = await db
      .selectFrom('dissemination_expected')
      .select('org_path')
      .distinct()
      .where('document_id', '=', documentId)
      .where('person_id', '=', twoUnits.id)
      .execute();
    expect(paths.map((p) => p.org_path).sort()).toEqual([divA.path, divB.path].sort());
    const people = await db
      .selectFrom('dissemination_expected')
      .select(['person_id', 'conference_id'])
      .where('document_id', '=', documentId)
      .execute();
    const svc = new DisseminationService(t.ctx);
    const inB = people.filter((p) => p.conference_id === c2.id);
    const inBoth = inB.filter((p) => people.some((q) => q.person_id === p.person_id && q.conference_id === c1.id));
    expect(inBoth.length).toBeGreaterThanOrEqual(3);
    await svc.checkIn(director, c1.id, inBoth[0]!.person_id);
    await svc.checkIn(director, c2.id, inBoth[1]!.person_id);
    // The head of division B acknowledges by reading.
    await svc.acknowledge(heads.get(divB.id)!, c2.id);
    await expectCoverageTrue();
    // Removed from the first conference: the person's row of the second takes over the count.
    const head = heads.get(divB.id)!.personId;
    const removed = inBoth.find(
      (p) => p.person_id !== inBoth[0]!.person_id && p.person_id !== inBoth[1]!.person_id && p.person_id !== head,
    );
    await svc.removeAttendee(director, c1.id, removed!.person_id);
    await expectCoverageTrue();
    const org = await db.selectFrom('orgs').select('version').where('id', '=', divB.id).executeTakeFirstOrThrow();
    await new OrgService(t.ctx).move(systemActor(), divB.id, divA.id, Number(org.version));
    await expectCoverageTrue();
    // Coverage of the department answers the counters: totals equal the sum of its units and its own people.
    const cov = await directorApi.get(`/api/v1/documents/${documentId}/coverage?orgId=${dept.id}`);
    expect(cov.statusCode, cov.body).toBe(200);
    const c = cov.json<{ totals: { expected: number }; direct: { expected: number }; units: { expected: number }[] }>();
    const distinct = new Set(people.map((p) => p.person_id)).size;
    expect(c.totals.expected).toBe(distinct);
    expect(c.direct.expected + c.units.reduce((n, u) => n + u.expected, 0)).toBe(c.totals.expected);
    // Who is missing: one line per person not yet acknowledged, as many as the counters say.
    const missing = await directorApi.get(`/api/v1/documents/${documentId}/coverage/missing?orgId=${dept.id}&pageSize=200`);
    expect(missing.statusCode, missing.body).toBe(200);
    const m = missing.json<{ total: number; items: { personId: string }[] }>();
    const acknowledged = cov.json<{ totals: { acknowledged: number } }>().totals.acknowledged;
    expect(m.total).toBe(c.totals.expected - acknowledged);
    expect(new Set(m.items.map((i) => i.personId)).size).toBe(m.items.length);
  });
});
