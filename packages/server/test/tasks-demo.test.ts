/**
 * The demo documents and tasks, seen through the API by the demo accounts: the directive, the
 * plan and the letter; every official outcome class and every shirking signal present; the
 * escalated task in the director's view; the specialist's own tasks.
 */
import {
  OUTCOME_CLASSES,
  SIGNAL_CODES,
  type DocumentDetail,
  type DocumentSummary,
  type TaskDetail,
  type TaskSummary,
} from '@kycuong/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemo, type DemoResult } from '../src/demo/seed';
import { createTestContext, type Agent, type TestContext } from './support/harness';

describe('demo documents and tasks', () => {
  let t: TestContext;
  let demo: DemoResult;
  let bithu: Agent;
  let canbo: Agent;
  let kiemtra: Agent;

  beforeAll(async () => {
    t = await createTestContext();
    demo = await seedDemo(t.ctx);
    bithu = await t.login('bithu', DEMO_PASSWORD);
    canbo = await t.login('canbo', DEMO_PASSWORD);
    kiemtra = await t.login('kiemtra', DEMO_PASSWORD);
  });
  afterAll(() => t.close());

  const unitTasks = async (a: Agent, query = '') =>
    (await a.get(`/api/v1/tasks?view=unit&orgId=${demo.orgIds.so}&pageSize=200${query}`)).json<{ items: TaskSummary[] }>().items;

  it('registers 24-CT/TU with its six groups (five marked as sample wording), 31-KH/ĐU and 3241/UBND-KGVX implementing it', async () => {
    const docs = (await bithu.get('/api/v1/documents?pageSize=50')).json<{ items: DocumentSummary[] }>().items;
    // Documents of the orgs above (Thành ủy, UBND) bind the department too.
    expect(docs.map((d) => d.number).sort()).toEqual(['24-CT/TU', '31-KH/ĐU', '3241/UBND-KGVX']);
    const directive = (await bithu.get(`/api/v1/documents/${docs.find((d) => d.number === '24-CT/TU')!.id}`)).json<DocumentDetail>();
    expect(directive).toMatchObject({ issuedOn: '2023-08-07', issuingOrgName: 'Thành ủy Hà Nội', status: 'issued' });
    expect(directive.groups).toHaveLength(6);
    expect(directive.groups.filter((g) => g.title.includes('(mẫu — cần đối chiếu văn bản gốc)')).map((g) => g.code)).toEqual([
      '2',
      '3',
      '4',
      '5',
      '6',
    ]);
    expect(directive.implementedBy.map((d) => d.number)).toEqual(['31-KH/ĐU', '3241/UBND-KGVX']);
    expect(directive.recipients.map((r) => [r.orgName, r.state, r.respondedVia])).toEqual([
      ['Đảng ủy cơ quan Sở Thông tin và Truyền thông Hà Nội', 'on_time', 'plan'],
    ]);
    const plan = (await bithu.get(`/api/v1/documents/${directive.implementedBy[0]!.id}`)).json<DocumentDetail>();
    expect(plan).toMatchObject({ issuedOn: '2023-09-11', implements: { number: '24-CT/TU' } });
    expect(plan.attachments).toHaveLength(1);
    expect(plan.recipients.map((r) => r.state).sort()).toEqual(['late', 'late', 'on_time', 'on_time', 'on_time', 'on_time']);
    const letter = (await bithu.get('/api/v1/documents?q=3241')).json<{ items: DocumentSummary[] }>().items;
    expect(letter.map((d) => [d.number, d.style, d.implementsNumber])).toEqual([['3241/UBND-KGVX', 'state', '24-CT/TU']]);
  });

  it('has every official outcome class and every shirking signal', async () => {
    const all = await unitTasks(bithu);
    expect(all.length).toBeGreaterThan(20);
    for (const outcome of OUTCOME_CLASSES)
      expect(
        all.some((x) => x.outcome === outcome),
        outcome,
      ).toBe(true);
    expect(all.some((x) => x.notUpdated)).toBe(true);
    const codes = new Set((await t.ctx.db.selectFrom('task_signals').select('code').distinct().execute()).map((r) => r.code));
    for (const code of SIGNAL_CODES) expect(codes.has(code), code).toBe(true);
    for (const status of ['assigned', 'accepted', 'in_progress', 'completion_reported', 'done', 'returned', 'cancelled']) {
      expect(
        all.some((x) => x.status === status),
        status,
      ).toBe(true);
    }
  });

  it('the escalated task: overdue after four reminders, reported to the director', async () => {
    const esc = await unitTasks(bithu, '&escalated=true');
    expect(esc).toHaveLength(1);
    const d = (await bithu.get(`/api/v1/tasks/${esc[0]!.id}`)).json<TaskDetail>();
    expect(d).toMatchObject({ reminderCount: 4, outcome: 'open_overdue', escalatedTo: { personName: 'Nguyễn Thanh Bình' } });
    expect(d.sides).toContain('escalation');
    expect(d.signals.map((s) => s.code)).toContain('overdue_after_reminders');
  });

  it('the bounced task and the one extended twice tell their story', async () => {
    const bounced = await unitTasks(bithu, '&signal=bounce');
    expect(bounced.map((x) => x.title)).toEqual([
      'Xây dựng phương án số hóa hồ sơ, kết quả giải quyết thủ tục hành chính tại Bộ phận một cửa',
    ]);
    const d = (await bithu.get(`/api/v1/tasks/${bounced[0]!.id}`)).json<TaskDetail>();
    expect(d.signals.find((s) => s.code === 'bounce')!.explanation).toContain(
      'Phòng Công nghệ thông tin → Trung tâm Công nghệ thông tin và Truyền thông Hà Nội',
    );
    const extended = (await unitTasks(bithu, '&signal=extension_repeated'))[0]!;
    expect(extended.delayCount).toBe(2);
    expect(extended.originalDeadline).not.toBe(extended.deadline);
  });

  it('the specialist sees their own tasks; the inspector reads signals per unit', async () => {
    const mine = (await canbo.get('/api/v1/tasks')).json<{ items: TaskSummary[] }>().items;
    expect(mine.length).toBe(2);
    const sig = await kiemtra.get(`/api/v1/signals?orgId=${demo.orgIds.so}`);
    expect(sig.statusCode).toBe(200);
    const rows = sig.json<{ rows: { orgName: string; flags: { code: string }[] }[] }>().rows;
    expect(rows.find((r) => r.orgName === 'Phòng Công nghệ thông tin')!.flags.map((f) => f.code)).toContain('head_to_deputy');
    expect(await t.ctx.audit.verify(t.ctx.db)).toEqual([]);
  });
});
