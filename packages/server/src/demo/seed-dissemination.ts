/**
 * Demo dissemination: the conference of the source article — on 14/9/2023 the Party Committee of
 * the Department (Đảng ủy Sở TT&TT) disseminated Directive 24-CT/TU to all its Party members —
 * with its attendance, the catch-up tasks of the absentees and their acknowledgements by the quiz
 * a few days later. Written through the services with the clock set to those days, so tasks,
 * events and audit records carry the real dates.
 *
 * Phạm Thị Hồng Nhung (chibo1) and Vũ Thị Lan Anh (congdoan) joined the Department after the
 * conference (fictitious), so they are not on its list: they are the two members who still have to
 * study the directive — the e2e journey and a new conference bring them to 100%.
 */
import { systemActor, type Actor } from '../platform/access';
import type { AppContext } from '../context';
import { DisseminationService } from '../modules/dissemination/dissemination.service';
import { TaskService } from '../modules/tasks/tasks.service';

/** The quiz of the article's conference (sample questions about the directive). */
export const DEMO_QUIZ = {
  passMark: 80,
  questions: [
    {
      text: 'Chỉ thị 24-CT/TU của Ban Thường vụ Thành ủy Hà Nội được ban hành ngày nào?',
      options: ['07/8/2023', '14/9/2023', '04/10/2023'],
      correct: 0,
    },
    {
      text: 'Phụ lục của Chỉ thị nêu bao nhiêu biểu hiện vi phạm, chia thành mấy nhóm?',
      options: ['12 biểu hiện, 2 nhóm', '25 biểu hiện, 3 nhóm', '9 biểu hiện, 1 nhóm'],
      correct: 1,
    },
    {
      text: 'Chỉ thị đòi hỏi thay đổi căn bản điều gì?',
      options: ['Từ nhận thức đến hành động', 'Chỉ thay đổi quy trình hành chính', 'Chỉ tăng số cuộc họp'],
      correct: 0,
    },
  ],
};

const at = (date: string, hhmm: string) => () => new Date(`${date}T${hhmm}:00+07:00`);

/** Loads the demo conference; needs the directive of the tasks demo (skipped without it). */
export async function seedDissemination(
  ctx: AppContext,
  demo: { orgIds: Record<string, string>; personIds: Record<string, string> },
  log: (msg: string) => void = () => {},
): Promise<void> {
  const directive = await ctx.db.selectFrom('documents').select('id').where('number_text', '=', '24-CT/TU').executeTakeFirst();
  if (!directive) return;
  const sys = systemActor();
  const service = (clock: () => Date) => new DisseminationService(ctx, { now: clock, tasks: new TaskService(ctx, { now: clock }) });
  const p = demo.personIds;

  const conference = await service(at('2023-09-10', '09:00')).create(sys, {
    documentId: directive.id,
    orgId: demo.orgIds.dangUy!,
    title: 'Hội nghị quán triệt Chỉ thị số 24-CT/TU của Ban Thường vụ Thành ủy',
    heldOn: '2023-09-14',
    startTime: '08:00',
    format: 'hybrid',
    place: 'Hội trường tầng 3, Sở Thông tin và Truyền thông, 185 Giảng Võ',
    onlineLink: 'https://hop.hanoi.gov.vn/stttt-quan-triet-24',
    chair: 'Đồng chí Nguyễn Thanh Bình, Bí thư Đảng ủy, Giám đốc Sở',
    categories: ['party_full', 'party_probation'],
    catchUpWorkingDays: 5,
    quiz: DEMO_QUIZ,
    materialFileIds: [],
  });
  const day = service(at('2023-09-14', '07:45'));
  for (const key of ['chibo1', 'congdoan']) await day.removeAttendee(sys, conference.id, p[key]!);

  const rows = await ctx.db
    .selectFrom('dissemination_expected')
    .select('person_id')
    .where('conference_id', '=', conference.id)
    .orderBy('id')
    .execute();
  // Absent on the day: four specialists (business trips, leave, illness) — the first four of these on the list.
  const listed = new Set(rows.map((r) => r.person_id));
  const absentKeys = ['bcvt5', 'ttbc4', 'ttcntt7', 'vp6', 'bcvt6', 'ttbc5', 'ttcntt8', 'vp7', 'cntt6']
    .filter((k) => p[k] && listed.has(p[k]))
    .slice(0, 4);
  const absent = new Set(absentKeys.map((k) => p[k]!));
  for (const r of rows) if (!absent.has(r.person_id)) await day.checkIn(sys, conference.id, r.person_id);

  const closing = service(at('2023-09-14', '11:30'));
  const current = await closing.get(sys, conference.id);
  await closing.update(sys, conference.id, {
    version: current.version,
    minutes:
      'Hội nghị đã quán triệt nội dung Chỉ thị số 24-CT/TU ngày 07/8/2023 và Kế hoạch thực hiện của Đảng ủy; ' +
      'các chi bộ tổ chức thảo luận, đăng ký việc làm cụ thể. Đảng viên vắng mặt nghiên cứu văn bản trên hệ thống ' +
      'và làm bài kiểm tra trong 5 ngày làm việc.',
  });
  const afterMinutes = await closing.get(sys, conference.id);
  await closing.close(sys, conference.id, afterMinutes.version);

  // The catch-up: each absentee reads the directive in the app and passes the quiz (one at the second try).
  const asPerson = async (personId: string): Promise<Actor> => {
    const person = await ctx.db.selectFrom('people').select('full_name').where('id', '=', personId).executeTakeFirstOrThrow();
    return { ...sys, personId, displayName: person.full_name, grants: [] };
  };
  const right = DEMO_QUIZ.questions.map((q) => q.correct);
  const days = ['2023-09-18', '2023-09-19', '2023-09-20', '2023-09-21'];
  const catchUps = absentKeys.map((key, i): [string, string, boolean] => [key, days[i]!, i === 1]);
  let n = 0;
  for (const [key, date, failFirst] of catchUps) {
    const id = p[key];
    if (!id) continue;
    const actor = await asPerson(id);
    const s = service(at(date, '15:00'));
    if (failFirst) await s.attempt(actor, conference.id, [0, 0, 1]);
    await s.attempt(actor, conference.id, right);
    n++;
  }
  log(`demo: conference of 14/9/2023 on 24-CT/TU (${rows.length} expected, ${rows.length - absent.size} present, ${n} caught up)`);
}
