/**
 * The demo conference of the article (14/9/2023, Đảng ủy Sở TT&TT, Directive 24-CT/TU) seen
 * through the API by the demo accounts: its attendance, the absentees' catch-up tasks completed by
 * the quiz, coverage of the Party committee, and the two members who joined later still to study it.
 */
import type { ConferenceDetail, ConferenceSummary, Coverage, MissingPerson, MyAcknowledgement, TaskDetail } from '@kycuong/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemo, type DemoResult } from '../src/demo/seed';
import { createTestContext, type Agent, type TestContext } from './support/harness';

type Page<T> = { items: T[]; total: number };

describe('demo dissemination', () => {
  let t: TestContext;
  let demo: DemoResult;
  let bithu: Agent;
  let canbo: Agent;

  beforeAll(async () => {
    t = await createTestContext();
    demo = await seedDemo(t.ctx);
    bithu = await t.login('bithu', DEMO_PASSWORD);
    canbo = await t.login('canbo', DEMO_PASSWORD);
    // The whole demo loads first (slow on a busy machine).
  }, 300_000);
  afterAll(() => t.close());

  it('holds the conference of 14/9/2023 with its attendance, minutes and catch-up acknowledgements', async () => {
    const list = (await bithu.get('/api/v1/conferences')).json<Page<ConferenceSummary>>();
    expect(list.items).toHaveLength(1);
    const c = (await bithu.get(`/api/v1/conferences/${list.items[0]!.id}`)).json<ConferenceDetail>();
    expect(c).toMatchObject({
      heldOn: '2023-09-14',
      status: 'closed',
      documentNumber: '24-CT/TU',
    });
    expect(c.orgName).toContain('Đảng ủy');
    expect(c.expected - c.attended).toBe(4);
    expect(c.acknowledged).toBe(c.expected);
    expect(c.catchUpTasks).toBe(4);
    expect(c.minutes).toContain('24-CT/TU');
    // The specialist attended: the conference is on his list, acknowledged, with no catch-up task.
    const mine = (await canbo.get('/api/v1/me/acknowledgements')).json<Page<MyAcknowledgement>>();
    expect(mine.items).toMatchObject([{ ackMethod: 'conference', catchUpTaskId: null }]);
    expect(await t.ctx.audit.verify(t.ctx.db)).toEqual([]);
  });

  it('catch-up tasks of 2023 are done; coverage of the committee counts the two members who joined later as missing', async () => {
    const done = await t.ctx.db
      .selectFrom('dissemination_expected as e')
      .innerJoin('tasks as t', 't.id', 'e.catch_up_task_id')
      .select(['t.id', 't.status', 't.deadline'])
      .execute();
    expect(done.map((r) => r.status)).toEqual(['done', 'done', 'done', 'done']);
    const task = (await bithu.get(`/api/v1/tasks/${done[0]!.id}`)).json<TaskDetail>();
    expect(task.deadline! > '2023-09-14').toBe(true);

    const directive = (await bithu.get(`/api/v1/conferences`)).json<Page<ConferenceSummary>>().items[0]!.documentId;
    // Coverage of the committee counts people per document: a new conference adds the two members.
    const created = await bithu.post('/api/v1/conferences', {
      documentId: directive,
      orgId: demo.orgIds.dangUy,
      heldOn: '2026-12-01',
      format: 'in_person',
      place: 'Phòng họp tầng 2',
      categories: ['party_full', 'party_probation'],
    });
    expect(created.statusCode, created.body).toBe(200);
    const cov = (await bithu.get(`/api/v1/documents/${directive}/coverage?orgId=${demo.orgIds.dangUy}`)).json<Coverage>();
    expect(cov.totals.expected - cov.totals.acknowledged).toBe(2);
    expect(cov.units.find((u) => u.orgName === 'Chi bộ Văn phòng')!.acknowledgedPercent).toBeLessThan(100);
    const missing = (await bithu.get(`/api/v1/documents/${directive}/coverage/missing?orgId=${demo.orgIds.dangUy}`)).json<
      Page<MissingPerson>
    >();
    expect(missing.items.map((m) => m.personId).sort()).toEqual([demo.personIds.chibo1, demo.personIds.congdoan].sort());
  });
});
