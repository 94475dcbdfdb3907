/**
 * Demo documents and tasks: Directive 24-CT/TU of the Thành ủy with its six task groups (only the
 * first confirmed word for word; the others marked as sample wording), Công văn 3241/UBND-KGVX,
 * Plan 31-KH/ĐU of the department's Party committee implementing the directive and its cascade
 * to the Party cells, and about four months of tasks of the department in every state: on time,
 * late, overdue after four reminders and escalated, bounced between two divisions, returned,
 * transferred along a chain, extended twice, not updated, waiting for acceptance, recurring.
 *
 * Written through the services on a clock that walks through the story, so every task has the
 * events, audit records and signals real use would give it. The 2023 documents keep their dates;
 * the recent tasks are dated in working days before `today` (default: the real date), so the same
 * story is told whenever the demo is created.
 */
import { type ScopedGrant, vietnamDate } from '@kycuong/domain';
import type { AppContext } from '../context';
import { SYSTEM_USER_ID, systemActor, type Actor } from '../platform/access';
import { AuthRepository } from '../modules/auth/auth.repository';
import { saveUpload } from '../modules/documents/attachments';
import { DocumentService } from '../modules/documents/documents.service';
import { loadCalendar } from '../modules/calendar/calendar.service';
import { inboxNotifier } from '../modules/tasks/tasks.notify';
import { TaskService } from '../modules/tasks/tasks.service';

export interface SeedTasksInput {
  orgIds: Record<string, string>;
  personIds: Record<string, string>;
}

/** DOMAIN §1: only the first group is confirmed in public material; the others are sample wording. */
const SAMPLE = ' (mẫu — cần đối chiếu văn bản gốc)';
const DIRECTIVE_GROUPS = [
  {
    code: '1',
    title:
      'Đẩy mạnh công tác tuyên truyền, giáo dục nâng cao nhận thức về vị trí, vai trò, trách nhiệm của tập thể, cá nhân trong chấp hành kỷ cương, kỷ luật, công vụ; không né tránh, đùn đẩy công việc',
  },
  { code: '2', title: `Nâng cao trách nhiệm người đứng đầu${SAMPLE}` },
  { code: '3', title: `Cải cách thủ tục hành chính, đổi mới cách giải quyết công việc cho người dân, doanh nghiệp${SAMPLE}` },
  { code: '4', title: `Làm tốt công tác cán bộ: đánh giá, thay thế người không đáp ứng yêu cầu${SAMPLE}` },
  { code: '5', title: `Tăng cường kiểm tra, giám sát, xử lý nghiêm vi phạm${SAMPLE}` },
  {
    code: '6',
    title: `Bảo vệ, khuyến khích cán bộ năng động, sáng tạo; phát huy vai trò giám sát của Mặt trận, đoàn thể, báo chí và Nhân dân${SAMPLE}`,
  },
];

const PLAN_GROUPS = [
  {
    code: '1',
    title: 'Quán triệt, tuyên truyền Chỉ thị 24-CT/TU đến từng cán bộ, đảng viên, công chức, viên chức, người lao động',
    note: 'Nội dung mẫu',
  },
  { code: '2', title: 'Nâng cao trách nhiệm người đứng đầu các phòng, đơn vị', note: 'Nội dung mẫu' },
  {
    code: '3',
    title: 'Cải cách thủ tục hành chính, nâng cao chất lượng giải quyết công việc cho người dân, doanh nghiệp',
    note: 'Nội dung mẫu',
  },
  { code: '4', title: 'Đánh giá, phân loại cán bộ; kiểm tra việc chấp hành kỷ luật, kỷ cương hành chính', note: 'Nội dung mẫu' },
  { code: '5', title: 'Theo dõi, đôn đốc, kiểm tra việc thực hiện nhiệm vụ được giao', note: 'Nội dung mẫu' },
];

/** A minimal PDF: evidence files that open in a browser. */
function pdf(text: string): Buffer {
  const body = `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/MediaBox[0 0 595 842]/Parent 2 0 R/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>endobj 4 0 obj<</Length ${text.length + 30}>>stream\nBT /F1 14 Tf 60 780 Td (${text}) Tj ET\nendstream endobj 5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** Loads the demo documents and tasks (after the organisation and the people). */
export async function seedTasks(
  ctx: AppContext,
  input: SeedTasksInput,
  opts: { today?: string; log?: (msg: string) => void } = {},
): Promise<void> {
  const log = opts.log ?? (() => {});
  const { orgIds: O, personIds: P } = input;
  let clock = new Date();
  const today = opts.today ?? vietnamDate(clock);
  const calendar = await loadCalendar(ctx.db);
  const inbox = inboxNotifier(ctx.config);
  // Only the last week lands in people's inboxes, and never by e-mail: the rest is history.
  const recentFrom = calendar.addWorkingDays(today, -5);
  const tasks = new TaskService(ctx, {
    now: () => clock,
    calendar: async () => calendar,
    notifier: async (trx, n) => (vietnamDate(clock) >= recentFrom ? inbox(trx, { ...n, email: false }) : undefined),
  });
  const documents = new DocumentService(ctx, tasks);

  /** Moves the clock to a day (and time) in Hanoi. */
  const at = (date: string, time = '08:30') => {
    clock = new Date(`${date}T${time}:00+07:00`);
  };
  /** n working days before today (negative: after). */
  const D = (n: number) => calendar.addWorkingDays(today, -n);

  const actors = new Map<string, Actor>();
  async function as(key: string): Promise<Actor> {
    const hit = actors.get(key);
    if (hit) return hit;
    const personId = P[key]!;
    const person = await ctx.db.selectFrom('people').select('full_name').where('id', '=', personId).executeTakeFirstOrThrow();
    const user = await ctx.db.selectFrom('users').select(['id', 'username']).where('person_id', '=', personId).executeTakeFirst();
    const grants: ScopedGrant[] = await new AuthRepository(ctx.db).grantsOf(user?.id ?? SYSTEM_USER_ID, personId);
    // People without an account act through the seed as themselves (named in the history, no user id).
    const a: Actor = {
      ...systemActor(),
      userId: user?.id ?? SYSTEM_USER_ID,
      username: user?.username ?? key,
      displayName: person.full_name,
      personId,
      grants,
    };
    actors.set(key, a);
    return a;
  }
  const sys = systemActor();

  // ---- Documents of 2023 ----
  at('2023-08-07', '09:00');
  let directive = await documents.create(sys, {
    type: 'chi_thi',
    issuingOrgId: O.thanhuy!,
    number: '24-CT/TU',
    autoNumber: false,
    issuedOn: '2023-08-07',
    status: 'issued',
    title: 'Tăng cường kỷ cương, kỷ luật và trách nhiệm giải quyết công việc trong hệ thống chính trị thành phố Hà Nội',
    summary:
      'Chỉ thị của Ban Thường vụ Thành ủy, áp dụng với các cấp ủy, tổ chức đảng, chính quyền, Mặt trận Tổ quốc, các đoàn thể từ Thành phố đến cơ sở và mọi cán bộ, đảng viên, công chức, viên chức, người lao động; tạo chuyển biến "từ nhận thức đến hành động". Phụ lục gợi ý 25 biểu hiện vi phạm theo 3 nhóm. (Tóm tắt dùng cho dữ liệu mẫu.)',
    signer: 'T/M Ban Thường vụ Thành ủy',
    fileIds: [],
    groups: DIRECTIVE_GROUPS,
  });
  directive = await documents.issue(sys, directive.id, {
    version: directive.version,
    recipientOrgIds: [O.dangUy!],
    responseKind: 'plan',
    responseWorkingDays: 30,
  });
  const cascadeToDu = directive.recipients[0]!.taskId!;

  at('2023-08-08');
  let t = await tasks.accept(await as('bithu'), cascadeToDu, { version: 1, comment: 'Giao Văn phòng Sở tham mưu dự thảo kế hoạch' });

  at('2023-09-11', '10:00');
  const planFile = await saveUpload(ctx, await as('bithu'), {
    filename: 'KH 31-KH-DU thuc hien CT 24.pdf',
    data: pdf('Ke hoach 31-KH/DU ngay 11/9/2023'),
  });
  let plan = await documents.create(await as('bithu'), {
    type: 'ke_hoach',
    issuingOrgId: O.dangUy!,
    number: '31-KH/ĐU',
    autoNumber: false,
    issuedOn: '2023-09-11',
    status: 'issued',
    title:
      'Kế hoạch thực hiện Chỉ thị số 24-CT/TU ngày 07/8/2023 của Ban Thường vụ Thành ủy về tăng cường kỷ cương, kỷ luật và trách nhiệm giải quyết công việc trong hệ thống chính trị thành phố Hà Nội',
    summary:
      'Kế hoạch của Đảng ủy cơ quan Sở Thông tin và Truyền thông. Các nhóm nhiệm vụ dưới đây là nội dung mẫu của dữ liệu trình diễn.',
    signer: 'T/M Đảng ủy — Bí thư Nguyễn Thanh Bình',
    implementsId: directive.id,
    fileIds: [planFile.id],
    groups: PLAN_GROUPS,
  });
  t = await tasks.reportCompletion(await as('bithu'), cascadeToDu, {
    version: t.version,
    text: 'Đã ban hành Kế hoạch số 31-KH/ĐU ngày 11/9/2023',
    fileIds: [],
  });
  at('2023-09-12', '09:00');
  await tasks.acceptCompletion(sys, cascadeToDu, { version: t.version, qualityAccepted: true });

  // The plan goes to every Party cell: each reports how it disseminated it.
  const cells = ['cbVP', 'cbBCVT', 'cbCNTT', 'cbTTBC', 'cbTT', 'cbTTCNTT'] as const;
  plan = await documents.issue(await as('bithu'), plan.id, {
    version: plan.version,
    recipientOrgIds: cells.map((c) => O[c]!),
    responseKind: 'report',
    responseWorkingDays: 15,
    taskTitle: 'Báo cáo kết quả quán triệt, triển khai Kế hoạch số 31-KH/ĐU tại chi bộ',
  });
  const cellHead: Record<(typeof cells)[number], string> = {
    cbVP: 'chibo1',
    cbBCVT: 'bcvt1',
    cbCNTT: 'cntt1',
    cbTTBC: 'ttbc1',
    cbTT: 'kiemtra',
    cbTTCNTT: 'ttcntt1',
  };
  // Four cells report within the 15 working days (by 3/10/2023), two a little late.
  const reportedOn: Record<(typeof cells)[number], string> = {
    cbVP: '2023-09-25',
    cbBCVT: '2023-09-28',
    cbCNTT: '2023-10-02',
    cbTT: '2023-09-29',
    cbTTBC: '2023-10-10',
    cbTTCNTT: '2023-10-16',
  };
  for (const c of cells) {
    const r = plan.recipients.find((x) => x.orgId === O[c])!;
    const head = await as(cellHead[c]);
    at('2023-09-13');
    let ct = await tasks.accept(head, r.taskId!, { version: 1 });
    at(reportedOn[c], '15:00');
    ct = await tasks.reportCompletion(head, ct.id, {
      version: ct.version,
      text: 'Chi bộ đã tổ chức sinh hoạt chuyên đề quán triệt Chỉ thị 24-CT/TU; 100% đảng viên tham dự.',
      fileIds: [],
    });
    at(calendar.addWorkingDays(reportedOn[c], 1));
    await tasks.acceptCompletion(await as('bithu'), ct.id, { version: ct.version, qualityAccepted: true });
  }

  at('2023-10-04', '14:00');
  await documents.create(sys, {
    type: 'cong_van',
    issuingOrgId: O.ubnd!,
    number: '3241/UBND-KGVX',
    autoNumber: false,
    issuedOn: '2023-10-04',
    status: 'issued',
    title: 'V/v triển khai thực hiện Chỉ thị số 24-CT/TU ngày 07/8/2023 của Ban Thường vụ Thành ủy',
    summary:
      'Đề nghị các sở, ngành, quận, huyện, thị xã quán triệt Chỉ thị, xây dựng kế hoạch thực hiện, trả lời phản ánh của người dân về thủ tục hành chính và công khai kết quả xử lý cán bộ vi phạm.',
    implementsId: directive.id,
    fileIds: [],
    groups: [],
  });

  // ---- Recent months: tasks of the department from Plan 31-KH/ĐU ----
  const planDetail = await documents.get(await as('bithu'), plan.id);
  const group = (code: string) => planDetail.groups.find((g) => g.code === code)!.id;
  const bithu = await as('bithu');
  const fromPlan = (code: string) => ({
    documentId: plan.id,
    groupId: group(code),
    assignerOrgId: O.dangUy!,
    coordinators: [],
    priority: 'normal' as const,
    weight: 1,
  });

  // Bounced between Phòng CNTT and the IT Centre, then forwarded to a specialist.
  at(D(66));
  let bounce = await tasks.create(bithu, {
    ...fromPlan('3'),
    title: 'Xây dựng phương án số hóa hồ sơ, kết quả giải quyết thủ tục hành chính tại Bộ phận một cửa',
    lead: { orgId: O.cntt! },
    deadline: { date: D(-12) },
  });
  at(D(65), '10:00');
  bounce = await tasks.transfer(await as('cntt1'), bounce.id, {
    version: bounce.version,
    reason: 'Nội dung số hóa thuộc chức năng của Trung tâm Công nghệ thông tin và Truyền thông',
    lead: { orgId: O.ttcntt! },
  });
  at(D(63), '16:00');
  bounce = await tasks.transfer(await as('ttcntt1'), bounce.id, {
    version: bounce.version,
    reason: 'Trung tâm chỉ hỗ trợ kỹ thuật; Phòng Công nghệ thông tin chủ trì theo quy chế',
    lead: { orgId: O.cntt! },
  });
  at(D(62));
  bounce = await tasks.accept(await as('cntt1'), bounce.id, { version: bounce.version });
  at(D(61));
  bounce = await tasks.forward(await as('cntt1'), bounce.id, {
    version: bounce.version,
    lead: { orgId: O.cntt!, personId: P.canbo! },
    deadline: { date: D(-10) },
    coordinators: [],
  });
  const huyTask = bounce.children[0]!.id;
  at(D(60));
  let huy = await tasks.accept(await as('canbo'), huyTask, { version: 1 });
  at(D(40));
  huy = await tasks.progress(await as('canbo'), huyTask, {
    version: huy.version,
    percent: 30,
    text: 'Đã khảo sát hiện trạng hồ sơ tại Bộ phận một cửa',
    fileIds: [],
  });
  at(D(3), '16:30');
  await tasks.progress(await as('canbo'), huyTask, {
    version: huy.version,
    percent: 60,
    text: 'Hoàn thành dự thảo phương án, đang lấy ý kiến các phòng',
    fileIds: [],
  });
  await tasks.comment(await as('cntt1'), huyTask, {
    text: 'Đề nghị bổ sung dự toán kinh phí số hóa vào phương án',
    mentionPersonIds: [P.canbo!],
    fileIds: [],
  });

  // On time, with a conference report.
  at(D(60));
  let conf = await tasks.create(bithu, {
    ...fromPlan('1'),
    title: 'Tổ chức hội nghị quán triệt Chỉ thị 24-CT/TU đến toàn thể công chức, người lao động Văn phòng Sở',
    lead: { orgId: O.vp! },
    deadline: { workingDays: 10 },
  });
  at(D(59));
  conf = await tasks.accept(await as('chibo1'), conf.id, { version: conf.version });
  at(D(55));
  conf = await tasks.progress(await as('chibo1'), conf.id, {
    version: conf.version,
    percent: 60,
    text: 'Đã xây dựng tài liệu, gửi giấy mời hội nghị',
    fileIds: [],
  });
  at(D(51), '16:00');
  const minutes = await saveUpload(ctx, await as('chibo1'), {
    filename: 'Bien ban hoi nghi quan triet CT24.pdf',
    data: pdf('Bien ban hoi nghi quan triet Chi thi 24-CT/TU'),
  });
  conf = await tasks.reportCompletion(await as('chibo1'), conf.id, {
    version: conf.version,
    text: 'Đã tổ chức hội nghị: 42/42 công chức, người lao động tham dự',
    fileIds: [minutes.id],
  });
  at(D(50));
  await tasks.acceptCompletion(bithu, conf.id, { version: conf.version, qualityAccepted: true });

  // Done late.
  at(D(58));
  let portal = await tasks.create(bithu, {
    ...fromPlan('1'),
    title: 'Mở chuyên mục tuyên truyền Chỉ thị 24-CT/TU trên Cổng thông tin điện tử của Sở',
    lead: { orgId: O.ttbc! },
    deadline: { date: D(48) },
  });
  at(D(57));
  portal = await tasks.accept(await as('ttbc1'), portal.id, { version: portal.version });
  at(D(52));
  portal = await tasks.progress(await as('ttbc1'), portal.id, {
    version: portal.version,
    percent: 50,
    text: 'Đã có giao diện chuyên mục, chờ duyệt nội dung',
    fileIds: [],
  });
  at(D(45), '17:00');
  portal = await tasks.reportCompletion(await as('ttbc1'), portal.id, {
    version: portal.version,
    text: 'Chuyên mục đã hoạt động, đăng 12 tin bài',
    fileIds: [],
  });
  at(D(44));
  await tasks.acceptCompletion(bithu, portal.id, { version: portal.version, qualityAccepted: true });

  // The journey: 5 working days, forwarded to a specialist, sent back once, then accepted.
  at(D(30));
  let tthc = await tasks.create(bithu, {
    ...fromPlan('3'),
    title: 'Rà soát thủ tục hành chính lĩnh vực bưu chính, đề xuất cắt giảm thời gian giải quyết',
    lead: { orgId: O.bcvt! },
    deadline: { workingDays: 5 },
  });
  at(D(30), '14:00');
  tthc = await tasks.forward(await as('bcvt1'), tthc.id, {
    version: tthc.version,
    lead: { orgId: O.bcvt!, personId: P.bcvt3! },
    coordinators: [],
  });
  const tthcChild = tthc.children[0]!.id;
  at(D(29));
  let child = await tasks.accept(await as('bcvt3'), tthcChild, { version: 1 });
  at(D(28));
  child = await tasks.progress(await as('bcvt3'), tthcChild, {
    version: child.version,
    percent: 50,
    text: 'Đã rà soát 8/16 thủ tục',
    fileIds: [],
  });
  at(D(27), '16:00');
  const review = await saveUpload(ctx, await as('bcvt3'), {
    filename: 'Bang ra soat TTHC buu chinh.pdf',
    data: pdf('Bang ra soat thu tuc hanh chinh linh vuc buu chinh'),
  });
  child = await tasks.reportCompletion(await as('bcvt3'), tthcChild, {
    version: child.version,
    text: 'Đề xuất cắt giảm thời gian giải quyết 5/16 thủ tục',
    fileIds: [review.id],
  });
  at(D(26));
  child = await tasks.sendBack(await as('bcvt1'), tthcChild, {
    version: child.version,
    reason: 'Bổ sung căn cứ pháp lý cho từng đề xuất cắt giảm',
  });
  at(D(26), '16:30');
  child = await tasks.reportCompletion(await as('bcvt3'), tthcChild, {
    version: child.version,
    text: 'Đã bổ sung căn cứ pháp lý',
    fileIds: [review.id],
  });
  at(D(25));
  await tasks.acceptCompletion(await as('bcvt1'), tthcChild, { version: child.version, qualityAccepted: true });
  tthc = await tasks.get(await as('bcvt1'), tthc.id);
  at(D(25), '15:00');
  tthc = await tasks.reportCompletion(await as('bcvt1'), tthc.id, {
    version: tthc.version,
    text: 'Phòng đã hoàn thành rà soát, kèm đề xuất',
    fileIds: [],
  });
  at(D(24));
  await tasks.acceptCompletion(bithu, tthc.id, { version: tthc.version, qualityAccepted: true });

  // Extended twice (the first request at the last minute).
  at(D(50));
  let dvc = await tasks.create(bithu, {
    ...fromPlan('3'),
    title: 'Triển khai dịch vụ công trực tuyến toàn trình cho thủ tục cấp giấy phép bưu chính',
    lead: { orgId: O.bcvt! },
    deadline: { date: D(20) },
    priority: 'high',
  });
  at(D(49));
  dvc = await tasks.accept(await as('bcvt1'), dvc.id, { version: dvc.version });
  at(D(40));
  dvc = await tasks.progress(await as('bcvt1'), dvc.id, {
    version: dvc.version,
    percent: 40,
    text: 'Đã hoàn thiện quy trình nội bộ',
    fileIds: [],
  });
  at(D(21), '16:00');
  dvc = await tasks.requestExtension(await as('bcvt1'), dvc.id, {
    version: dvc.version,
    newDeadline: D(10),
    reason: 'Chờ kết nối với Cổng dịch vụ công quốc gia',
  });
  at(D(20));
  dvc = await tasks.approveExtension(bithu, dvc.id, { version: dvc.version, objectiveCause: false });
  at(D(11), '16:00');
  dvc = await tasks.requestExtension(await as('bcvt1'), dvc.id, {
    version: dvc.version,
    newDeadline: D(-5),
    reason: 'Doanh nghiệp bưu chính chưa hoàn thành thử nghiệm tích hợp thanh toán',
  });
  at(D(10));
  dvc = await tasks.approveExtension(bithu, dvc.id, {
    version: dvc.version,
    objectiveCause: false,
    comment: 'Lần cuối; đề nghị hoàn thành đúng hạn mới',
  });
  at(D(8));
  await tasks.progress(await as('bcvt1'), dvc.id, {
    version: dvc.version,
    percent: 70,
    text: 'Đã thử nghiệm toàn trình với 3 hồ sơ',
    fileIds: [],
  });

  // Overdue and not updated: the inspectorate reported once, then nothing.
  at(D(45));
  let insp = await tasks.create(bithu, {
    ...fromPlan('4'),
    title: 'Kiểm tra việc thực hiện quy chế văn hóa công vụ tại các phòng, đơn vị',
    lead: { orgId: O.tt! },
    deadline: { date: D(15) },
  });
  at(D(44));
  insp = await tasks.accept(await as('kiemtra'), insp.id, { version: insp.version });
  at(D(40));
  insp = await tasks.progress(await as('kiemtra'), insp.id, {
    version: insp.version,
    percent: 30,
    text: 'Đã ban hành kế hoạch kiểm tra',
    fileIds: [],
  });
  at(D(14));
  insp = await tasks.remind(bithu, insp.id, { version: insp.version, message: 'Đề nghị báo cáo tiến độ kiểm tra' });
  at(D(8));
  await tasks.remind(bithu, insp.id, { version: insp.version, message: 'Nhiệm vụ đã quá hạn, đề nghị báo cáo ngay' });

  // Returned by the IT Centre, reassigned to the Office, done — quality not accepted.
  at(D(20));
  let eval3 = await tasks.create(bithu, {
    ...fromPlan('4'),
    title: 'Tổng hợp kết quả đánh giá, xếp loại công chức, viên chức quý III',
    lead: { orgId: O.ttcntt! },
    deadline: { workingDays: 12 },
  });
  at(D(18));
  eval3 = await tasks.returnToAssigner(await as('ttcntt1'), eval3.id, {
    version: eval3.version,
    reason: 'Nội dung thuộc công tác tổ chức cán bộ do Văn phòng Sở tham mưu',
  });
  at(D(17));
  eval3 = await tasks.transfer(bithu, eval3.id, { version: eval3.version, reason: 'Giao Văn phòng Sở chủ trì', lead: { orgId: O.vp! } });
  at(D(16));
  eval3 = await tasks.accept(await as('chibo1'), eval3.id, { version: eval3.version });
  at(D(9), '16:00');
  eval3 = await tasks.reportCompletion(await as('chibo1'), eval3.id, {
    version: eval3.version,
    text: 'Đã tổng hợp kết quả của 7 phòng, đơn vị',
    fileIds: [],
  });
  at(D(8));
  await tasks.acceptCompletion(bithu, eval3.id, {
    version: eval3.version,
    qualityAccepted: false,
    comment: 'Thiếu phân tích nguyên nhân các trường hợp không hoàn thành nhiệm vụ',
  });

  // Overdue after four reminders and escalated: a head hands it to a deputy, who lets it slip.
  at(D(40));
  let cable = await tasks.create(bithu, {
    ...fromPlan('5'),
    title: 'Báo cáo tình hình triển khai hạ ngầm cáp viễn thông trên địa bàn',
    lead: { orgId: O.bcvt! },
    deadline: { date: D(25) },
  });
  at(D(38));
  cable = await tasks.forward(await as('bcvt1'), cable.id, {
    version: cable.version,
    lead: { orgId: O.bcvt!, personId: P.bcvt2! },
    deadline: { date: D(26) },
    coordinators: [],
  });
  const cableChild = cable.children[0]!.id;
  at(D(37));
  let cc = await tasks.accept(await as('bcvt2'), cableChild, { version: 1 });
  at(D(33));
  cc = await tasks.progress(await as('bcvt2'), cableChild, {
    version: cc.version,
    percent: 20,
    text: 'Đã gửi văn bản đề nghị doanh nghiệp cung cấp số liệu',
    fileIds: [],
  });
  for (const [n, msg] of [
    [25, 'Đề nghị khẩn trương hoàn thành báo cáo'],
    [20, 'Nhiệm vụ đã quá hạn, đề nghị báo cáo trước ngày mai'],
    [15, 'Đôn đốc lần 3: Giám đốc Sở yêu cầu báo cáo'],
    [10, 'Đôn đốc lần 4: đề nghị giải trình lý do chậm'],
  ] as const) {
    at(D(n));
    cc = await tasks.remind(await as('bcvt1'), cableChild, { version: cc.version, message: msg });
  }
  at(D(9));
  await tasks.comment(bithu, cableChild, {
    text: 'Đề nghị đồng chí Trưởng phòng trực tiếp chỉ đạo, báo cáo lý do chậm trong tuần',
    mentionPersonIds: [P.bcvt1!],
    fileIds: [],
  });
  at(D(15));
  cable = await tasks.remind(bithu, cable.id, { version: (await tasks.get(bithu, cable.id)).version });

  // A transfer chain: three units before one takes it.
  at(D(22));
  let chain = await tasks.create(bithu, {
    ...fromPlan('5'),
    title: 'Rà soát hồ sơ cấp phép hoạt động thông tin điện tử tồn đọng',
    lead: { orgId: O.ttbc! },
    deadline: { date: D(-8) },
  });
  at(D(21));
  chain = await tasks.transfer(await as('ttbc1'), chain.id, {
    version: chain.version,
    reason: 'Hồ sơ đang lưu tại Văn phòng Sở',
    lead: { orgId: O.vp! },
  });
  at(D(20));
  chain = await tasks.transfer(await as('chibo1'), chain.id, {
    version: chain.version,
    reason: 'Đề nghị Thanh tra Sở rà soát vì liên quan xử lý vi phạm',
    lead: { orgId: O.tt! },
  });
  at(D(19));
  chain = await tasks.transfer(await as('kiemtra'), chain.id, {
    version: chain.version,
    reason: 'Thanh tra chỉ xử lý khi có vi phạm; việc cấp phép do Phòng Kế hoạch - Tài chính theo dõi phí',
    lead: { orgId: O.khtc! },
  });
  at(D(18));
  chain = await tasks.accept(await as('khtc1'), chain.id, { version: chain.version });
  at(D(6));
  await tasks.progress(await as('khtc1'), chain.id, { version: chain.version, percent: 40, text: 'Đã rà soát 25/60 hồ sơ', fileIds: [] });

  // Accepted slowly but done on time.
  at(D(25));
  let equip = await tasks.create(bithu, {
    ...fromPlan('3'),
    title: 'Rà soát trang thiết bị công nghệ thông tin phục vụ Bộ phận một cửa',
    lead: { orgId: O.cntt! },
    deadline: { date: D(10) },
  });
  at(D(19));
  equip = await tasks.accept(await as('cntt1'), equip.id, { version: equip.version });
  at(D(11), '15:00');
  equip = await tasks.reportCompletion(await as('cntt1'), equip.id, {
    version: equip.version,
    text: 'Đề xuất thay thế 4 máy quét, 2 màn hình tra cứu',
    fileIds: [],
  });
  at(D(10));
  await tasks.acceptCompletion(bithu, equip.id, { version: equip.version, qualityAccepted: true });

  // The head of Phòng CNTT hands three tasks in a row to a deputy.
  for (const [n, title] of [
    [36, 'Báo cáo số liệu an toàn thông tin quý'],
    [24, 'Cập nhật kiến trúc Chính quyền điện tử của Sở'],
    [12, 'Tổng hợp kiến nghị của doanh nghiệp về chuyển đổi số'],
  ] as const) {
    at(D(n));
    const x = await tasks.create(bithu, { ...fromPlan('2'), title, lead: { orgId: O.cntt! }, deadline: { workingDays: 10 } });
    at(D(n), '14:00');
    const fwd = await tasks.forward(await as('cntt1'), x.id, {
      version: x.version,
      lead: { orgId: O.cntt!, personId: P.cntt2! },
      coordinators: [],
    });
    if (n > 12) {
      const id = fwd.children[0]!.id;
      at(D(n - 1));
      let k = await tasks.accept(await as('cntt2'), id, { version: 1 });
      at(D(n - 8), '15:00');
      k = await tasks.reportCompletion(await as('cntt2'), id, { version: k.version, text: 'Đã hoàn thành', fileIds: [] });
      at(D(n - 9));
      await tasks.acceptCompletion(await as('cntt1'), id, { version: k.version, qualityAccepted: true });
    }
  }

  // Open, in time, with coordinators.
  at(D(15));
  let rules = await tasks.create(bithu, {
    ...fromPlan('2'),
    title: 'Rà soát, bổ sung quy chế làm việc, phân công trách nhiệm người đứng đầu các phòng, đơn vị',
    lead: { orgId: O.khtc! },
    coordinators: [
      { orgId: O.vp!, personId: null, part: 'Tham mưu dự thảo quy chế' },
      { orgId: O.cntt!, personId: P.canbo!, part: 'Cập nhật quy trình trên hệ thống văn bản điện tử' },
    ],
    deadline: { date: D(-10) },
  });
  at(D(14));
  rules = await tasks.accept(await as('khtc1'), rules.id, { version: rules.version });
  at(D(4));
  rules = await tasks.progress(await as('khtc1'), rules.id, {
    version: rules.version,
    percent: 50,
    text: 'Đã có dự thảo, đang lấy ý kiến',
    fileIds: [],
  });
  at(D(2));
  await tasks.progress(await as('canbo'), rules.id, { version: rules.version, text: 'Đã cập nhật 3 quy trình trên hệ thống', fileIds: [] });

  // Waiting for acceptance for too long.
  at(D(12));
  await tasks.create(bithu, {
    ...fromPlan('5'),
    title: 'Cập nhật danh mục hồ sơ lưu trữ điện tử năm nay',
    lead: { orgId: O.khtc! },
    deadline: { date: D(-8) },
  });

  // Returned, waiting for the assigner.
  at(D(4));
  const survey = await tasks.create(bithu, {
    ...fromPlan('3'),
    title: 'Xây dựng bộ chỉ số đo lường sự hài lòng của người dân với dịch vụ công',
    lead: { orgId: O.ttbc! },
    deadline: { workingDays: 15 },
  });
  at(D(2));
  await tasks.returnToAssigner(await as('ttbc1'), survey.id, {
    version: survey.version,
    reason: 'Đề nghị giao Văn phòng Sở là đầu mối kiểm soát thủ tục hành chính',
  });

  // Completion reported, waiting for the director.
  at(D(25));
  let half = await tasks.create(bithu, {
    ...fromPlan('5'),
    title: 'Báo cáo sơ kết 6 tháng thực hiện Kế hoạch 31-KH/ĐU',
    lead: { orgId: O.vp! },
    deadline: { date: D(-2) },
  });
  at(D(24));
  half = await tasks.accept(await as('chibo1'), half.id, { version: half.version });
  at(D(10));
  half = await tasks.progress(await as('chibo1'), half.id, {
    version: half.version,
    percent: 70,
    text: 'Đã tổng hợp báo cáo của các chi bộ',
    fileIds: [],
  });
  at(D(1), '16:00');
  await tasks.reportCompletion(await as('chibo1'), half.id, {
    version: half.version,
    text: 'Dự thảo báo cáo sơ kết kèm phụ lục số liệu',
    fileIds: [],
  });

  // Cancelled.
  at(D(30));
  const talk = await tasks.create(bithu, {
    ...fromPlan('1'),
    title: 'Tổ chức tọa đàm "Cán bộ dám nghĩ, dám làm"',
    lead: { orgId: O.ttbc! },
    deadline: { workingDays: 20 },
  });
  at(D(28));
  await tasks.cancel(bithu, talk.id, { version: talk.version, reason: 'Lồng ghép vào hội nghị sơ kết của Đảng ủy' });

  // A monthly report: three months done (one late), this month's open.
  const monthStart = today.slice(0, 8);
  const firstDeadline = `${addMonthsIso(monthStart, -3)}25`;
  at(calendar.addWorkingDays(firstDeadline, -10));
  let monthly = await tasks.create(bithu, {
    ...fromPlan('5'),
    title: 'Báo cáo tháng về tình hình thực hiện Chỉ thị 24-CT/TU',
    lead: { orgId: O.vp! },
    deadline: { date: firstDeadline },
    recurrence: { kind: 'monthly', until: null },
  });
  for (let i = 0; i < 3; i++) {
    const due = monthly.dueDate!;
    const reportOn = i === 1 ? calendar.addWorkingDays(due, 2) : calendar.addWorkingDays(due, -1);
    at(calendar.addWorkingDays(reportOn, -3));
    monthly = await tasks.accept(await as('chibo1'), monthly.id, { version: monthly.version });
    at(reportOn, '15:00');
    monthly = await tasks.reportCompletion(await as('chibo1'), monthly.id, {
      version: monthly.version,
      text: `Báo cáo ${monthly.periodLabel ?? ''}`,
      fileIds: [],
    });
    at(calendar.addWorkingDays(reportOn, 1));
    await tasks.acceptCompletion(bithu, monthly.id, { version: monthly.version, qualityAccepted: true });
    const next = await ctx.db
      .selectFrom('tasks')
      .select('id')
      .where('series_id', '=', monthly.recurrenceInfo!.seriesId)
      .where('series_index', '=', i + 1)
      .executeTakeFirstOrThrow();
    monthly = await tasks.get(bithu, next.id);
  }

  // Today: the signals that come with the passing of time (slow acceptance, chưa cập nhật).
  at(today, '07:00');
  await tasks.refreshTimeSignals(clock);
  const n = await ctx.db
    .selectFrom('tasks')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  log(`demo: Chỉ thị 24-CT/TU, Kế hoạch 31-KH/ĐU, Công văn 3241/UBND-KGVX and ${Number(n.n)} tasks`);
}

/** `YYYY-MM-` shifted by whole months. */
function addMonthsIso(yearMonth: string, months: number): string {
  const y = Number(yearMonth.slice(0, 4));
  const m = Number(yearMonth.slice(5, 7)) - 1 + months;
  const year = y + Math.floor(m / 12);
  const month = (((m % 12) + 12) % 12) + 1;
  return `${year}-${String(month).padStart(2, '0')}-`;
}
