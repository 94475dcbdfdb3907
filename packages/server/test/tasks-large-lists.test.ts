/**
 * Unit lists over a subtree holding more tasks than the count cap (10,000), on both databases.
 * Above the cap the list reads its page differently: the count may come from the subtree counters
 * instead of a scan, and the page is read by walking an order index rather than the subtree's path
 * range (see `TaskRepository.listIds`). Every page here is compared with the same list computed in
 * JavaScript from the rows inserted, so the fast paths must give the answer the slow ones would.
 */
import type { TaskSummary } from '@kycuong/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TasksTable } from '../src/db/schema';
import { COUNT_CAP } from '../src/modules/tasks/tasks.repository';
import { createTestContext, type Agent, type TestContext } from './support/harness';

type Org = { id: string; path: string; name: string };
type Row = Pick<TasksTable, 'id' | 'lead_org_path' | 'status' | 'due_date' | 'completed_on' | 'created_at'>;

// About 12,000 in the measured subtree, 90 % of them in progress: the whole list and the
// in-progress filter are both above the cap.
const TASKS = 13_000;

describe('unit task lists above the count cap', () => {
  let t: TestContext;
  let dept: Org, divA: Org, divB: Org, outside: Org;
  let admin: Agent;
  const rows: Row[] = [];

  beforeAll(async () => {
    t = await createTestContext();
    const city = await t.newOrg({ kind: 'ubnd', name: 'Ủy ban nhân dân Thành phố (kiểm thử)' });
    dept = await t.newOrg({ parent: city, kind: 'so', name: 'Sở lớn (kiểm thử)' });
    divA = await t.newOrg({ parent: dept, kind: 'phong', name: 'Phòng A' });
    divB = await t.newOrg({ parent: dept, kind: 'phong', name: 'Phòng B' });
    outside = await t.newOrg({ parent: city, kind: 'so', name: 'Sở khác (kiểm thử)' });
    admin = await t.login(await t.newUser({ roles: [{ role: 'system_admin', org: null }] }));

    // Deterministic spread: statuses, due days (some missing), done late or on time, creation times.
    const statusOf = (i: number) => (i % 40 < 2 ? 'done' : i % 40 === 2 ? 'assigned' : i % 40 === 3 ? 'cancelled' : 'in_progress');
    const all: TasksTable[] = [];
    for (let i = 0; i < TASKS; i++) {
      const lead = i % 13 === 0 ? outside : i % 2 ? divA : divB;
      const status = statusOf(i);
      const due = i % 11 === 0 ? null : `2026-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + ((i * 7) % 28)).padStart(2, '0')}`;
      const completed = status === 'done' && due ? (i % 3 === 0 ? '2026-12-30' : '2025-12-30') : null;
      const created = new Date(Date.UTC(2025, 0, 1) + ((i * 7919) % 500_000) * 60_000).toISOString();
      const id = `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`;
      all.push({
        id,
        parent_id: null,
        source: 'ad_hoc',
        document_id: null,
        group_id: null,
        title: `Nhiệm vụ ${i}`,
        description: null,
        search_text: `nhiem vu ${i}`,
        assigner_org_id: dept.id,
        assigner_person_id: null,
        created_by_user_id: null,
        lead_org_id: lead.id,
        lead_person_id: null,
        lead_org_path: lead.path,
        lead_since_on: '2025-01-01',
        status,
        priority: 'normal',
        weight: 1,
        quality_accepted: null,
        assigned_on: '2025-01-01',
        assigned_at: created,
        accepted_at: null,
        original_deadline: due,
        deadline: due,
        due_date: due,
        delay_count: 0,
        progress_percent: 0,
        last_progress_on: '2025-01-01',
        completion_reported_at: null,
        completion_reported_on: null,
        completed_at: completed ? `${completed}T03:00:00.000Z` : null,
        completed_on: completed,
        ext_new_deadline: null,
        ext_reason: null,
        ext_requested_at: null,
        ext_requested_by: null,
        reminder_count: 0,
        last_reminded_at: null,
        escalated_to_person_id: null,
        escalated_to_org_id: null,
        escalated_at: null,
        cancelled_at: status === 'cancelled' ? created : null,
        recurrence: 'none',
        series_id: null,
        series_index: null,
        recurrence_until: null,
        period_label: null,
        version: 1,
        created_at: created,
        updated_at: created,
      });
    }
    for (let i = 0; i < all.length; i += 500)
      await t.handle.db
        .insertInto('tasks')
        .values(all.slice(i, i + 500))
        .execute();
    rows.push(...all);
  }, 120_000);

  afterAll(async () => {
    await t.close();
  });

  const inDept = (r: Row) => r.lead_org_path.startsWith(dept.path);
  const byDue = (a: Row, b: Row) => (a.due_date ?? '9999-12-31').localeCompare(b.due_date ?? '9999-12-31') || a.id.localeCompare(b.id);
  const byNewest = (a: Row, b: Row) => b.created_at.localeCompare(a.created_at) || b.id.localeCompare(a.id);

  async function list(query: string): Promise<{ ids: string[]; total: number; capped: boolean }> {
    const res = await admin.get(`/api/v1/tasks?view=unit&orgId=${dept.id}&pageSize=20&${query}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{ items: TaskSummary[]; total: number; totalCapped: boolean }>();
    return { ids: body.items.map((i) => i.id), total: body.total, capped: body.totalCapped };
  }

  it('the whole subtree: capped total, and pages in due-day order (no due day last)', async () => {
    const expected = rows.filter(inDept).sort(byDue);
    expect(expected.length).toBeGreaterThan(COUNT_CAP);
    const first = await list('');
    expect(first.total).toBe(COUNT_CAP);
    expect(first.capped).toBe(true);
    expect(first.ids).toEqual(expected.slice(0, 20).map((r) => r.id));
    const third = await list('page=3');
    expect(third.ids).toEqual(expected.slice(40, 60).map((r) => r.id));
  });

  it('newest first over the subtree, and "done late" newest first', async () => {
    expect((await list('sort=-created')).ids).toEqual(
      rows
        .filter(inDept)
        .sort(byNewest)
        .slice(0, 20)
        .map((r) => r.id),
    );
    const late = rows.filter((r) => inDept(r) && r.completed_on !== null && r.due_date !== null && r.completed_on > r.due_date);
    const got = await list('outcome=done_late&sort=-created');
    expect(got.total).toBe(late.length);
    expect(got.capped).toBe(false);
    expect(got.ids).toEqual(
      late
        .sort(byNewest)
        .slice(0, 20)
        .map((r) => r.id),
    );
  });

  it('one status: above the cap walked in due-day order, below it counted exactly', async () => {
    for (const status of ['in_progress', 'assigned']) {
      const expected = rows.filter((r) => inDept(r) && r.status === status).sort(byDue);
      const got = await list(`status=${status}`);
      expect(got.total).toBe(Math.min(expected.length, COUNT_CAP));
      expect(got.capped).toBe(expected.length > COUNT_CAP);
      expect(got.ids).toEqual(expected.slice(0, 20).map((r) => r.id));
      expect((await list(`status=${status}&page=4`)).ids).toEqual(expected.slice(60, 80).map((r) => r.id));
    }
    expect(rows.filter((r) => inDept(r) && r.status === 'in_progress').length).toBeGreaterThan(COUNT_CAP);
  });

  it('a division (below the cap) is counted exactly and never shows another subtree', async () => {
    const res = await admin.get(`/api/v1/tasks?view=unit&orgId=${divA.id}&pageSize=20&page=2`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{ items: TaskSummary[]; total: number }>();
    const expected = rows.filter((r) => r.lead_org_path.startsWith(divA.path)).sort(byDue);
    expect(body.total).toBe(expected.length);
    expect(body.items.map((i) => i.id)).toEqual(expected.slice(20, 40).map((r) => r.id));
  });
});
