/**
 * Demo violations: the 24-CT/TU sample catalogue and a handful of cases at different stages —
 * received, verifying (overdue, explanation pending), a khiển trách for a Party member, a citizen's
 * report handled and published, one concluded without a violation, and one opened from the
 * shirking signals of demo tasks when the tasks capability has produced any. Written through the
 * services (validated, audited); dates are relative to today so deadlines and warnings stay alive.
 */
import { SAMPLE_CATALOGUE_24_CT_TU, SAMPLE_CATALOGUE_TITLE, addCalendarDays, type CaseTransition } from '@kycuong/domain';
import { sql } from 'kysely';
import type { AppContext } from '../context';
import { systemActor } from '../platform/access';
import { CaseService } from '../modules/cases/cases.service';
import { hasTable } from '../modules/cases/optional-tables';
import { CatalogueService } from '../modules/catalogues/catalogues.service';
import { today } from '../modules/discipline/discipline.service';

const UBKT = 'Ủy ban Kiểm tra Đảng ủy cơ quan Sở';
const THANH_TRA = 'Chánh Thanh tra Sở';

// One workflow step without its version (taken from the case) and with documents optional.
type Step = CaseTransition extends infer T
  ? T extends CaseTransition
    ? Omit<T, 'version' | 'documents'> & { documents?: T['documents'] }
    : never
  : never;

/** Loads the demo violations; `personIds`/`orgIds` are the keys of the demo organisation. */
export async function seedViolations(
  ctx: AppContext,
  demo: { orgIds: Record<string, string>; personIds: Record<string, string> },
  log: (msg: string) => void = () => {},
): Promise<void> {
  const sys = systemActor();
  const catalogues = new CatalogueService(ctx);
  const cases = new CaseService(ctx);
  const on = today();
  const day = (n: number) => addCalendarDays(on, n);

  // The directive: its registry row when the documents capability is installed, else its number.
  let documentId = '24-CT/TU';
  if (await hasTable(ctx.db, 'documents')) {
    const row = (
      await sql<{ id: string }>`select id from documents where number_text = ${'24-CT/TU'} order by created_at limit 1`.execute(ctx.db)
    ).rows[0];
    if (!row) {
      log('demo: violations skipped — the directive 24-CT/TU is not in the documents registry (seed documents first)');
      return;
    }
    documentId = row.id;
  }
  const catalogue = await catalogues.create(sys, {
    documentId,
    title: SAMPLE_CATALOGUE_TITLE,
    isSample: true,
    groups: SAMPLE_CATALOGUE_24_CT_TU.map((g) => ({ code: g.code, title: g.title, items: g.items.map((i) => ({ ...i })) })),
  });
  const item = (code: string) => ({ catalogueId: catalogue.id, code });

  /** The first demo person of a unit whose categories include all of `want` and who holds no post. */
  async function pick(unit: string, want: string[], skip: string[] = []): Promise<string> {
    for (let i = 3; i <= 12; i++) {
      const id = demo.personIds[`${unit}${i}`];
      if (!id || skip.includes(id)) continue;
      const row = await ctx.db.selectFrom('people').select('categories').where('id', '=', id).executeTakeFirst();
      const cats = row ? (JSON.parse(row.categories) as string[]) : [];
      if (want.every((w) => cats.includes(w))) return id;
    }
    throw new Error(`demo: no person in ${unit} with ${want.join(', ')}`);
  }

  async function open(
    input: Omit<Parameters<CaseService['create']>[1], 'documents'> & { documents?: Parameters<CaseService['create']>[1]['documents'] },
    ...steps: Step[]
  ) {
    let c = await cases.create(sys, { documents: [], ...input });
    for (const s of steps) c = await cases.transition(sys, c.id, { documents: [], ...s, version: c.version });
    return c;
  }

  // 1. Just received: a staff report of repeated lateness.
  await open({
    subject: { kind: 'person', personId: await pick('ttbc', ['civil_servant']) },
    title: 'Nhiều lần đi muộn, về sớm không có lý do',
    source: 'staff_report',
    sourceDetail: 'Phản ánh của công chức trong phòng qua hộp thư góp ý nội bộ',
    receivedDate: day(-3),
    items: [item('KL-02')],
    decisionMaker: THANH_TRA,
  });

  // 2. Verifying, past the 90-day deadline, waiting for the subject's explanation.
  await open(
    {
      subject: { kind: 'person', personId: await pick('cntt', ['civil_servant']) },
      title: 'Làm việc riêng trong giờ, không chấp hành nội quy cơ quan',
      source: 'inspection',
      sourceDetail: 'Kiểm tra việc chấp hành kỷ luật, kỷ cương hành chính theo Kế hoạch 31-KH/ĐU',
      receivedDate: day(-95),
      items: [item('KL-03'), item('KL-07')],
      decisionMaker: THANH_TRA,
      documents: [{ title: 'Biên bản kiểm tra đột xuất', number: '03/BB-TTr', date: day(-95) }],
    },
    { action: 'start_verification', date: day(-90), decisionMaker: THANH_TRA },
    {
      action: 'request_explanation',
      date: day(-1),
      decisionMaker: THANH_TRA,
      workingDays: 5,
      note: 'Đề nghị giải trình bằng văn bản về nội dung kiểm tra',
    },
  );

  // 3. A Party member pushing work onto another unit: khiển trách on the Party track.
  const partyMember = await pick('bcvt', ['party_full', 'civil_servant']);
  await open(
    {
      subject: { kind: 'person', personId: partyMember, orgId: demo.orgIds.cbBCVT },
      title: 'Đùn đẩy việc thẩm định hồ sơ sang phòng khác, để quá hạn',
      source: 'supervision',
      receivedDate: day(-60),
      items: [item('NT-03'), item('NT-04')],
      decisionMaker: UBKT,
    },
    { action: 'start_verification', date: day(-55), decisionMaker: UBKT },
    {
      action: 'conclude',
      date: day(-20),
      decisionMaker: UBKT,
      outcome: 'violation',
      severity: 'minor',
      violationDate: day(-75),
      documents: [{ title: 'Thông báo kết luận kiểm tra khi có dấu hiệu vi phạm', number: '07-TB/UBKT', date: day(-20) }],
    },
    {
      action: 'decide_sanction',
      date: day(-10),
      decisionMaker: 'Ban Thường vụ Đảng ủy cơ quan Sở',
      sanctions: [{ track: 'party', form: 'khien_trach', decisionNumber: '15-QĐ/ĐU' }],
      documents: [{ title: 'Quyết định thi hành kỷ luật đảng viên', number: '15-QĐ/ĐU', date: day(-10) }],
    },
  );

  // 4. A citizen's report of harassment at the one-stop desk: handled, closed and published.
  const citizenCase = await open(
    {
      subject: { kind: 'person', personId: await pick('ttcntt', ['public_employee']) },
      title: 'Gây phiền hà khi tiếp nhận hồ sơ của người dân',
      source: 'citizen_report',
      sourceDetail: 'Phản ánh qua đường dây nóng của Sở',
      receivedDate: day(-120),
      items: [item('KL-05')],
      decisionMaker: THANH_TRA,
    },
    { action: 'start_verification', date: day(-115), decisionMaker: THANH_TRA },
    { action: 'conclude', date: day(-80), decisionMaker: THANH_TRA, outcome: 'violation', severity: 'minor', violationDate: day(-125) },
    {
      action: 'decide_sanction',
      date: day(-75),
      decisionMaker: 'Giám đốc Trung tâm',
      sanctions: [{ track: 'state', form: 'khien_trach', decisionNumber: '21/QĐ-TTCNTT' }],
    },
    { action: 'close', date: day(-70), decisionMaker: THANH_TRA, note: 'Đã trả lời người phản ánh' },
  );
  await cases.setPublication(sys, citizenCase.id, {
    version: citizenCase.version,
    published: true,
    fields: ['group', 'sanction', 'unit', 'date'],
    summary: 'Đã xác minh, kết luận có vi phạm; viên chức bị kỷ luật khiển trách và đã xin lỗi người dân.',
  });

  // 5. A self-detected matter concluded without a violation.
  await open(
    {
      subject: { kind: 'person', personId: await pick('khtc', ['civil_servant']) },
      title: 'Báo cáo số liệu quyết toán chậm so với yêu cầu',
      source: 'self_detected',
      receivedDate: day(-50),
      items: [item('KL-12')],
      decisionMaker: THANH_TRA,
    },
    { action: 'start_verification', date: day(-48), decisionMaker: THANH_TRA },
    {
      action: 'conclude',
      date: day(-30),
      decisionMaker: THANH_TRA,
      outcome: 'no_violation',
      note: 'Chậm do phần mềm của Kho bạc gián đoạn, có xác nhận',
    },
    { action: 'close', date: day(-29), decisionMaker: THANH_TRA },
  );

  // 6. From the shirking signals of a demo task (bounces between units), when there is one.
  const signalled = (await hasTable(ctx.db, 'task_signals'))
    ? (
        await sql<{ task_id: string; person_id: string | null; code: string; explanation: string; evidence: string; detected_on: string }>`
          select s.task_id, coalesce(s.person_id, t.lead_person_id) as person_id, s.code, s.explanation, s.evidence, s.detected_on
          from task_signals s join tasks t on t.id = s.task_id
          order by s.detected_on, s.id`.execute(ctx.db)
      ).rows.filter((r) => r.person_id)
    : [];
  // A bounce between units is what NT-03 (đùn đẩy) describes; any signal will do otherwise.
  const first = signalled.find((s) => s.code === 'bounce') ?? signalled[0];
  if (first) {
    const signals = signalled.filter((s) => s.task_id === first.task_id && s.person_id === first.person_id);
    await open({
      subject: { kind: 'person', personId: first.person_id! },
      title: 'Dấu hiệu đùn đẩy nhiệm vụ giữa các đơn vị',
      source: 'shirking_signals',
      receivedDate: on,
      items: [item('NT-03')],
      taskIds: [first.task_id],
      signalEvidence: signals.map((s) => ({
        code: s.code,
        detectedOn: s.detected_on,
        explanation: s.explanation,
        evidence: JSON.parse(s.evidence) as unknown,
      })),
      decisionMaker: UBKT,
    });
  } else {
    log('demo: no task has shirking signals yet — the case "from shirking signals" was not created');
  }
  log(`demo: catalogue 24-CT/TU (${catalogue.groups.reduce((n, g) => n + g.items.length, 0)} items) and ${first ? 6 : 5} violation cases`);
}
