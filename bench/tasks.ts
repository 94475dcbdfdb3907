/**
 * Deterministic generator of tasks (issue 3) on top of a generated organisation: documents with
 * task groups, tasks assigned down the tree (to units by their parent, to people by the head of
 * their unit) over the last two years, each with the history the server would have written for
 * it — created, accepted, progress reports, extensions, transfers, returns, completion reported
 * and accepted, cancellations, and the daily sweep's automatic reminders (before the due day, on
 * it, every K working days when overdue) with their reminder-log rows and escalations after more
 * than three reminders — and the shirking signals the domain detectors find in that history.
 *
 * Rows are computed as the services compute them (the same domain functions: working-day
 * calendar, `effectiveDueDate`, `foldForSearch`, `detectSignals`, the event data shapes, one
 * version per row update) and written in bulk ({@link openBulk}); no audit rows and no inbox
 * notifications are written (see bench/README.md).
 */
import {
  DEFAULT_SIGNAL_THRESHOLDS,
  DOCUMENT_TYPE_INFO,
  defaultIssuerCode,
  detectSignals,
  effectiveDueDate,
  foldForSearch,
  numberingPeriod,
  proposeNextNumber,
  styleOfOrgKind,
  vietnamDate,
  type Calendar,
  type DocumentType,
  type HolderRef,
  type TaskEventDataMap,
  type TaskEventFacts,
  type TaskEventType,
  type TaskStatus,
} from '@kycuong/domain';
import type { DbHandle } from '../packages/server/src/db/dialect';
import type {
  DocumentsTable,
  DocumentTaskGroupsTable,
  TaskEventsTable,
  TaskParticipantsTable,
  TaskRemindersTable,
  TasksTable,
  TaskSignalsTable,
} from '../packages/server/src/db/schema';
import { loadCalendar } from '../packages/server/src/modules/calendar/calendar.service';
import { DEFAULT_TASK_SETTINGS } from '../packages/server/src/modules/tasks/tasks.settings';
import type { GeneratedDataset, GeneratedOrg } from './generate';
import { deferIndexes, fastId as newId, openBulk, type BulkDb, type Cell } from './lib/bulk';
import { createRng, type Rng } from './lib/prng';
import type { Target } from './lib/target';

/** What the task scenarios need, kept in `manifest.extensions.tasks`. */
export interface TasksManifest {
  today: string;
  counts: { documents: number; groups: number; tasks: number; participants: number; events: number; reminders: number; signals: number };
  byStatus: Record<string, number>;
  timingsMs: { total: number };
  /** The state line's root (UBND Thành phố) and the Party's (Thành ủy). */
  cityRoot: { orgId: string; name: string; tasksInSubtree: number };
  partyRoot: { orgId: string; name: string; tasksInSubtree: number };
  /** The largest department (state org of the big leader). */
  department: { orgId: string; name: string; tasksInSubtree: number };
  /** The big leader's "my tasks" (led by them or by a unit they head or deputise). */
  leaderMine: { username: string; tasks: number };
  /** A plain member who personally leads the tasks the progress scenario updates. */
  member: { username: string; personId: string; tasks: number; progressTaskIds: string[] };
  /** Tasks with long timelines in the big leader's department, for the detail scenario. */
  detailTaskIds: string[];
}

export interface TaskGenOptions {
  count: number;
  seed: number;
  /** The day the data ends (default: today in Vietnam). */
  today?: string;
  log?: (msg: string) => void;
}

const TITLE_VERBS = [
  'Xây dựng kế hoạch',
  'Tổ chức triển khai',
  'Báo cáo kết quả',
  'Rà soát, đánh giá',
  'Kiểm tra việc thực hiện',
  'Tham mưu văn bản chỉ đạo',
  'Tổng hợp số liệu',
  'Đôn đốc thực hiện',
  'Hoàn thiện hồ sơ',
  'Tổ chức hội nghị sơ kết',
  'Đề xuất giải pháp',
  'Chuẩn bị nội dung',
  'Cập nhật cơ sở dữ liệu',
  'Giải quyết kiến nghị',
] as const;
const TITLE_SUBJECTS = [
  'thực hiện Chỉ thị 24-CT/TU về kỷ cương, kỷ luật',
  'cải cách hành chính năm',
  'chuyển đổi số trong cơ quan',
  'giải quyết thủ tục hành chính quá hạn',
  'phòng, chống tham nhũng, lãng phí',
  'thực hành tiết kiệm, chống lãng phí',
  'công tác cán bộ quý',
  'phát triển đảng viên mới',
  'học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh',
  'tiếp công dân, giải quyết khiếu nại, tố cáo',
  'quản lý đất đai, trật tự xây dựng',
  'an toàn vệ sinh thực phẩm',
  'phòng cháy, chữa cháy',
  'công tác thi đua, khen thưởng',
  'đánh giá, xếp loại cán bộ, công chức',
  'thu ngân sách trên địa bàn',
  'giải ngân vốn đầu tư công',
  'kiểm tra, giám sát của chi bộ',
  'văn hóa công sở',
  'sắp xếp tổ chức bộ máy',
] as const;
const PROGRESS_TEXTS = [
  'Đã xây dựng dự thảo, đang xin ý kiến các đơn vị.',
  'Đã tổ chức họp triển khai, phân công cán bộ thực hiện.',
  'Đang tổng hợp số liệu từ các đơn vị trực thuộc.',
  'Hoàn thành khoảng một nửa khối lượng công việc.',
  'Đã gửi văn bản đôn đốc các đơn vị chậm báo cáo.',
] as const;
const REASONS = {
  extension: 'Chờ số liệu của các đơn vị phối hợp',
  transfer: 'Nội dung thuộc chức năng, nhiệm vụ của đơn vị khác',
  return: 'Không thuộc chức năng, nhiệm vụ của đơn vị',
  cancel: 'Nhiệm vụ không còn phù hợp sau khi sắp xếp bộ máy',
  sendBack: 'Báo cáo còn thiếu số liệu, đề nghị bổ sung',
} as const;

const TASK_COLUMNS = [
  'id',
  'parent_id',
  'source',
  'document_id',
  'group_id',
  'title',
  'description',
  'search_text',
  'assigner_org_id',
  'assigner_person_id',
  'created_by_user_id',
  'lead_org_id',
  'lead_person_id',
  'lead_org_path',
  'lead_since_on',
  'status',
  'priority',
  'weight',
  'quality_accepted',
  'assigned_on',
  'assigned_at',
  'accepted_at',
  'original_deadline',
  'deadline',
  'due_date',
  'delay_count',
  'progress_percent',
  'last_progress_on',
  'completion_reported_at',
  'completion_reported_on',
  'completed_at',
  'completed_on',
  'ext_new_deadline',
  'ext_reason',
  'ext_requested_at',
  'ext_requested_by',
  'reminder_count',
  'last_reminded_at',
  'escalated_to_person_id',
  'escalated_to_org_id',
  'escalated_at',
  'cancelled_at',
  'recurrence',
  'series_id',
  'series_index',
  'recurrence_until',
  'period_label',
  'version',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof TasksTable)[];
const EVENT_COLUMNS = [
  'id',
  'task_id',
  'seq',
  'type',
  'at',
  'on_date',
  'actor_user_id',
  'actor_person_id',
  'actor_name',
  'reason',
  'data',
] as const satisfies readonly (keyof TaskEventsTable)[];
const PARTICIPANT_COLUMNS = [
  'id',
  'task_id',
  'role',
  'org_id',
  'person_id',
  'part',
  'position',
] as const satisfies readonly (keyof TaskParticipantsTable)[];
const REMINDER_COLUMNS = ['task_id', 'kind', 'on_date', 'created_at'] as const satisfies readonly (keyof TaskRemindersTable)[];
const SIGNAL_COLUMNS = [
  'id',
  'task_id',
  'code',
  'severity',
  'org_id',
  'person_id',
  'subject',
  'detected_on',
  'explanation',
  'evidence',
] as const satisfies readonly (keyof TaskSignalsTable)[];

const rowOf = <T>(columns: readonly (keyof T)[], r: T): Cell[] => columns.map((c) => r[c] as Cell);

/** Working days as an array, so "N working days later" is an index step (the calendar decides which days). */
class WorkDays {
  readonly days: string[] = [];
  private readonly index = new Map<string, number>();
  constructor(
    readonly cal: Calendar,
    from: string,
    to: string,
  ) {
    for (let d = from; d <= to; d = nextDay(d)) {
      if (cal.isWorkingDay(d)) {
        this.index.set(d, this.days.length);
        this.days.push(d);
      }
    }
  }
  /** Index of a working day (or of the next working day). */
  idx(day: string): number {
    const i = this.index.get(day);
    if (i !== undefined) return i;
    return this.idx(nextDay(day));
  }
  day(i: number): string {
    const d = this.days[i];
    if (!d) throw new Error(`working day #${i} is outside the generated range`);
    return d;
  }
}

function nextDay(d: string): string {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + 1);
  return t.toISOString().slice(0, 10);
}
function addDays(d: string, n: number): string {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
}

/** An instant during office hours in Vietnam (08:00–16:59, UTC+7) on a day. */
function officeTime(rng: Rng, day: string): string {
  const h = rng.int(1, 9);
  return `${day}T${String(h).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}.${String(rng.int(0, 999)).padStart(3, '0')}Z`;
}
/** When the daily sweep runs: 07:00 in Vietnam. */
const sweepTime = (day: string, n: number) => `${day}T00:00:${String(Math.min(59, n)).padStart(2, '0')}.000Z`;

interface Who {
  personId: string | null;
  name: string | null;
  userId: string | null;
}

interface OrgInfo {
  org: GeneratedOrg;
  idx: number;
  parentIdx: number | null;
  /** Members other than the head (people the head may assign to). */
  staff: string[];
  head: string | null;
  deputies: string[];
  childIdx: number[];
}

interface PendingEvent {
  type: TaskEventType;
  at: string;
  by: Who;
  reason: string | null;
  data: TaskEventDataMap[TaskEventType];
}

/**
 * Writes documents, tasks and everything around them into a database that already holds the
 * organisation of `ds`; answers what the load scenarios need.
 */
export async function generateTasks(target: Target, handle: DbHandle, ds: GeneratedDataset, opts: TaskGenOptions): Promise<TasksManifest> {
  const log = opts.log ?? (() => {});
  const t0 = performance.now();
  const rng = createRng(opts.seed).fork('tasks');
  const cal = await loadCalendar(handle.db);
  const today = opts.today ?? vietnamDate(new Date());
  const wd = new WorkDays(cal, addDays(today, -1100), addDays(today, 400));
  const T = wd.idx(today) - (cal.isWorkingDay(today) ? 0 : 1);
  const settings = DEFAULT_TASK_SETTINGS;
  const thresholds = DEFAULT_SIGNAL_THRESHOLDS;
  const stamp = new Date().toISOString();

  // ---- the organisation as the generator needs it ----
  const orgIdx = new Map(ds.orgs.map((o, i) => [o.id, i]));
  const infos: OrgInfo[] = ds.orgs.map((org, idx) => ({
    org,
    idx,
    parentIdx: org.parentId === null ? null : orgIdx.get(org.parentId)!,
    staff: [],
    head: null,
    deputies: [],
    childIdx: [],
  }));
  for (const i of infos) if (i.parentIdx !== null) infos[i.parentIdx]!.childIdx.push(i.idx);
  for (const m of ds.memberships) {
    const info = infos[orgIdx.get(m.orgId)!]!;
    if (m.isHead && !info.head) info.head = m.personId;
    else {
      if (m.isDeputy) info.deputies.push(m.personId);
      info.staff.push(m.personId);
    }
  }
  // Names of people who act (heads, deputies, task leads) are read back once, in bulk.
  const personName = new Map<string, string>();
  {
    const wanted = new Set<string>();
    for (const i of infos) {
      if (i.head) wanted.add(i.head);
      for (const p of i.staff) wanted.add(p);
    }
    const ids = [...wanted];
    for (let k = 0; k < ids.length; k += 5000) {
      const rows = await handle.db
        .selectFrom('people')
        .select(['id', 'full_name'])
        .where('id', 'in', ids.slice(k, k + 5000))
        .execute();
      for (const r of rows) personName.set(r.id, r.full_name);
    }
  }
  const userOf = new Map(ds.users.filter((u) => u.personId).map((u) => [u.personId!, u.id]));
  const who = (personId: string | null): Who => ({
    personId,
    name: personId ? (personName.get(personId) ?? null) : null,
    userId: personId ? (userOf.get(personId) ?? null) : null,
  });
  const SYSTEM: Who = { personId: null, name: null, userId: null };
  /** The first head at or above an org (escalation target), memoised. */
  const headAbove = new Map<number, { personId: string; orgIdx: number } | null>();
  const headAtOrAbove = (i: number | null): { personId: string; orgIdx: number } | null => {
    if (i === null) return null;
    const hit = headAbove.get(i);
    if (hit !== undefined) return hit;
    const info = infos[i]!;
    const r = info.head ? { personId: info.head, orgIdx: i } : headAtOrAbove(info.parentIdx);
    headAbove.set(i, r);
    return r;
  };

  const bulk = await openBulk(target, handle);
  const restoreIndexes = await deferIndexes(bulk, target, handle, [
    'tasks',
    'task_events',
    'task_participants',
    'task_reminders',
    'task_signals',
  ]);
  try {
    // ---- documents: each top unit (sở, commune, UBND, Thành ủy) issues plans with task groups ----
    const roots = infos.filter((i) => i.parentIdx === null);
    const cityRoot = roots.find((i) => i.org.kind === 'ubnd') ?? roots[0]!;
    const partyRoot = roots.find((i) => i.org.kind === 'thanh_uy') ?? roots[0]!;
    const docsByGroup = new Map<string, { id: string; number: string | null; groups: string[] }[]>();
    const documents: DocumentsTable[] = [];
    const groups: DocumentTaskGroupsTable[] = [];
    const docRng = rng.fork('documents');
    const issuers = [cityRoot, partyRoot, ...ds.groups.flatMap((g) => [infos[g.stateIdx]!, infos[g.partyIdx]!])];
    const seqs = new Map<string, number>();
    for (const issuer of issuers) {
      const n = issuer.parentIdx === null ? 40 : 12;
      const style = styleOfOrgKind(issuer.org.kind);
      const list: { id: string; number: string | null; groups: string[] }[] = [];
      for (let k = 0; k < n; k++) {
        const type: DocumentType =
          style === 'party'
            ? docRng.pick(['chi_thi', 'ke_hoach', 'nghi_quyet', 'ket_luan'] as const)
            : docRng.pick(['ke_hoach', 'quyet_dinh', 'cong_van', 'chuong_trinh'] as const);
        const issuedOn = wd.day(T - docRng.int(20, 520));
        const period = numberingPeriod(style, issuedOn, ['2010-07-01', '2015-07-01', '2020-07-01', '2025-07-01']);
        const key = `${issuer.org.id}|${type}|${period}`;
        const maxSeq = seqs.get(key) ?? docRng.int(0, 40);
        const num = proposeNextNumber({
          style,
          type,
          issuerCode: defaultIssuerCode(issuer.org.kind, issuer.org.code),
          maxSeq,
          date: issuedOn,
        });
        seqs.set(key, num.seq);
        const title = `${DOCUMENT_TYPE_INFO[type].vi} ${docRng.pick(TITLE_SUBJECTS)} ${issuedOn.slice(0, 4)}`;
        const id = newId();
        documents.push({
          id,
          style,
          type,
          type_code: num.typeCode,
          issuer_code: defaultIssuerCode(issuer.org.kind, issuer.org.code),
          number_text: num.text,
          number_seq: num.seq,
          number_year: style === 'state' && /\/\d{4}\//.test(num.text) ? Number(issuedOn.slice(0, 4)) : null,
          number_period: period,
          issuing_org_id: issuer.org.id,
          issued_on: issuedOn,
          title,
          summary: null,
          signer: issuer.head ? (personName.get(issuer.head) ?? null) : null,
          status: 'issued',
          implements_id: null,
          // As DocumentService computes it.
          search_text: foldForSearch([num.text, DOCUMENT_TYPE_INFO[type].vi, title].join(' ')),
          created_by_user_id: null,
          version: 1,
          created_at: stamp,
          updated_at: stamp,
        });
        const gids: string[] = [];
        const gcount = docRng.int(0, 6);
        for (let g = 0; g < gcount; g++) {
          const gid = newId();
          gids.push(gid);
          groups.push({
            id: gid,
            document_id: id,
            position: g,
            code: String(g + 1),
            title: `Nhóm nhiệm vụ ${g + 1}: ${docRng.pick(TITLE_SUBJECTS)}`,
            note: null,
            version: 1,
            created_at: stamp,
            updated_at: stamp,
          });
        }
        list.push({ id, number: num.text, groups: gids });
      }
      const g = issuer.org.group;
      docsByGroup.set(g, [...(docsByGroup.get(g) ?? []), ...list]);
    }
    await bulk.transaction(async () => {
      await bulk.insert(
        'documents',
        Object.keys(documents[0]!),
        documents.map((d) => Object.values(d) as Cell[]),
      );
      if (groups.length)
        await bulk.insert(
          'document_task_groups',
          Object.keys(groups[0]!),
          groups.map((g) => Object.values(g) as Cell[]),
        );
    });
    log(`documents: ${documents.length}, task groups: ${groups.length}`);

    // ---- how many tasks each org leads ----
    // A unit gets work in proportion to its size; the departments and communes right under the
    // city get more (the city assigns to them directly).
    const leadable = infos.filter((i) => i.parentIdx !== null);
    const weight = (i: OrgInfo) => {
      const people = i.staff.length + (i.head ? 1 : 0);
      const top = infos[i.parentIdx!]!.parentIdx === null ? 4 : 1;
      return (1 + Math.sqrt(people)) * top;
    };

    // The plain member who leads the tasks the progress scenario updates, and the big leader.
    const memberUser = ds.users.find((u) => u.kind === 'member' && u.personId) ?? ds.users.find((u) => u.personId)!;
    const memberPrimary = ds.memberships.find((m) => m.personId === memberUser.personId && m.isPrimary)!;
    const leaderUser = ds.users.find((u) => u.kind === 'department_leader')!;
    const deptOrgId = leaderUser.grants[0]!.orgId!;
    const deptPath = ds.orgs[orgIdx.get(deptOrgId)!]!.path;
    const progressPool = Math.min(2000, Math.max(50, Math.floor(opts.count / 200)));

    const total = opts.count - progressPool;
    const wsum = leadable.reduce((s, i) => s + weight(i), 0);
    const quota = leadable.map((i) => ({ i, share: (weight(i) * total) / wsum, n: 0 }));
    let given = 0;
    for (const q of quota) {
      q.n = Math.floor(q.share);
      given += q.n;
    }
    quota.sort((a, b) => b.share - Math.floor(b.share) - (a.share - Math.floor(a.share)) || a.i.idx - b.i.idx);
    for (let k = 0; given < total; k++, given++) quota[k % quota.length]!.n++;
    quota.sort((a, b) => a.i.idx - b.i.idx);

    // ---- tasks, in batches written in one transaction each ----
    const counts = { documents: documents.length, groups: groups.length, tasks: 0, participants: 0, events: 0, reminders: 0, signals: 0 };
    const byStatus: Record<string, number> = {};
    let taskRows: Cell[][] = [];
    let eventRows: Cell[][] = [];
    let partRows: Cell[][] = [];
    let remRows: Cell[][] = [];
    let sigRows: Cell[][] = [];
    const flush = async () => {
      const [a, b, c, d, e] = [taskRows, partRows, eventRows, remRows, sigRows];
      taskRows = [];
      partRows = [];
      eventRows = [];
      remRows = [];
      sigRows = [];
      await bulk.transaction(async () => {
        await bulk.insert('tasks', TASK_COLUMNS, a);
        if (b.length) await bulk.insert('task_participants', PARTICIPANT_COLUMNS, b);
        if (c.length) await bulk.insert('task_events', EVENT_COLUMNS, c);
        if (d.length) await bulk.insert('task_reminders', REMINDER_COLUMNS, d);
        if (e.length) await bulk.insert('task_signals', SIGNAL_COLUMNS, e);
      });
    };

    const deptTasks = { n: 0 };
    const cityTasks = { n: 0 };
    const partyTasks = { n: 0 };
    const detailCandidates: { id: string; events: number }[] = [];
    const leaderPerson = leaderUser.personId;
    const leaderUnits = new Set(ds.memberships.filter((m) => m.personId === leaderPerson && (m.isHead || m.isDeputy)).map((m) => m.orgId));
    let leaderMine = 0;
    let memberTasks = 0;
    const progressTaskIds: string[] = [];

    const makeTask = (lead: OrgInfo, personLed: boolean, forcePerson: string | null, trng: Rng) => {
      // Holder and assigner: a unit gets it from its parent's head; a person from their unit's head.
      let leadPersonId: string | null = null;
      let assigner: OrgInfo;
      if (forcePerson) {
        leadPersonId = forcePerson;
        assigner = lead;
      } else if (personLed && lead.head && lead.staff.length > 0) {
        leadPersonId = trng.pick(lead.staff);
        assigner = lead;
      } else {
        assigner = infos[lead.parentIdx!]!;
      }
      const assignerHead = headAtOrAbove(assigner.idx);
      const assignerPersonId =
        assigner.head && assigner.deputies.length && trng.chance(0.3) ? trng.pick(assigner.deputies) : (assignerHead?.personId ?? null);
      const assignerWho = who(assignerPersonId);

      // Dates (working-day indices): assigned A, deadline D, today T.
      const forced = forcePerson !== null;
      const A = forced ? T - trng.int(5, 30) : T - Math.floor(Math.pow(trng.next(), 0.8) * 700);
      const hasDeadline = forced || trng.chance(0.88);
      let D = hasDeadline ? A + trng.pick([5, 5, 7, 10, 10, 15, 20, 20, 30, 45, 60]) : null;
      if (forced && D !== null && D <= T) D = T + trng.int(5, 40);
      const originalDeadline = D === null ? null : wd.day(D);
      const assignedOn = wd.day(A);
      const assignedAt = officeTime(trng, assignedOn);

      const docList = docsByGroup.get(assigner.org.group) ?? docsByGroup.get('city') ?? [];
      const fromDoc = !leadPersonId && docList.length > 0 && trng.chance(0.45);
      const doc = fromDoc ? trng.pick(docList) : null;
      const groupId = doc && doc.groups.length && trng.chance(0.7) ? trng.pick(doc.groups) : null;
      const title = `${trng.pick(TITLE_VERBS)} ${trng.pick(TITLE_SUBJECTS)}`;
      const description = trng.chance(0.4) ? `${title}. ${trng.pick(PROGRESS_TEXTS)}` : null;

      // Fate of the task, by what happened in practice.
      const age = T - A;
      const dueAge = D === null ? 0 : T - D;
      const fate: 'on_time' | 'late' | 'stuck' | 'cancel' | 'returned' | 'extended' = forced
        ? 'on_time'
        : trng.weighted([
            ['on_time', 72],
            ['late', 13],
            ['stuck', dueAge > 40 ? 0.4 : 7],
            ['cancel', 2],
            ['returned', age < 25 ? 4 : 0],
            ['extended', D === null ? 0 : 6],
          ] as const);
      const transferred = !leadPersonId && !forced && fate !== 'returned' && trng.chance(0.012);
      const acceptLag = trng.weighted([
        [0, 40],
        [1, 30],
        [2, 15],
        [trng.int(3, 4), 10],
        [trng.int(6, 12), 5],
      ] as const);

      let leadOrg = lead;
      let leadSinceIdx = A;
      const events: (PendingEvent & { day: number; order: number })[] = [];
      const push = <K extends TaskEventType>(
        type: K,
        day: number,
        order: number,
        by: Who,
        data: TaskEventDataMap[K],
        reason: string | null = null,
      ) => {
        const at =
          order < 0 ? sweepTime(wd.day(day), events.length) : day === A && type === 'created' ? assignedAt : officeTime(trng, wd.day(day));
        events.push({ type, day, order, by, data, reason, at });
      };
      const holder = (o: OrgInfo, personId: string | null): HolderRef => ({
        orgId: o.org.id,
        orgName: o.org.name,
        personId,
        personName: personId ? (personName.get(personId) ?? null) : null,
      });
      const actorFor = (o: OrgInfo, personId: string | null) => who(personId ?? o.head ?? o.deputies[0] ?? null);

      let status: TaskStatus = 'assigned';
      let version = 1;
      let acceptedAt: string | null = null;
      let lastProgressIdx = A;
      let percent = 0;
      let deadlineIdx = D;
      let delayCount = 0;
      let reportedIdx: number | null = null;
      let reportedAt: string | null = null;
      let completedIdx: number | null = null;
      let completedAt: string | null = null;
      let quality: boolean | null = null;
      let cancelledAt: string | null = null;

      const initialLead = transferred ? infos[trng.pick(infos[lead.parentIdx!]!.childIdx)]! : lead;
      push('created', A, 0, assignerWho, {
        lead: holder(initialLead, leadPersonId),
        deadline: originalDeadline,
        dueDate: originalDeadline ? effectiveDueDate(originalDeadline, cal) : null,
        source: doc ? 'document' : 'ad_hoc',
      });
      let cursor = A;
      if (transferred && initialLead !== lead) {
        cursor = A + trng.int(1, 3);
        if (cursor <= T) {
          push(
            'transferred',
            cursor,
            1,
            actorFor(initialLead, null),
            { from: holder(initialLead, null), to: holder(lead, null), side: 'lead' },
            REASONS.transfer,
          );
          version++;
          leadSinceIdx = cursor;
          lastProgressIdx = cursor;
        } else leadOrg = initialLead;
      }
      const leadWho = actorFor(leadOrg, leadPersonId);

      // Where the lead's own actions end: returned, cancelled, or completion.
      let endIdx = T;
      if (fate === 'returned') {
        const r = cursor + trng.int(1, 3);
        if (r <= T) {
          push('returned', r, 1, leadWho, { from: holder(leadOrg, leadPersonId) }, REASONS.return);
          status = 'returned';
          version++;
          endIdx = r;
        }
      } else {
        const acc = cursor + acceptLag;
        if (acc <= T) {
          push('accepted', acc, 1, leadWho, {});
          status = 'accepted';
          version++;
          acceptedAt = events[events.length - 1]!.at;
          lastProgressIdx = acc;
          // Extension: asked and granted early, before any reminder.
          if (fate === 'extended' && deadlineIdx !== null && acc + 2 < deadlineIdx - settings.reminderBeforeDays) {
            const e = acc + 1;
            if (e + 1 <= T && e + 1 < deadlineIdx - settings.reminderBeforeDays) {
              const newIdx = deadlineIdx + trng.int(5, 20);
              const newDeadline = wd.day(newIdx);
              push('extension_requested', e, 1, leadWho, { newDeadline, currentDeadline: wd.day(deadlineIdx) }, REASONS.extension);
              const countsAsDelay = trng.chance(0.7);
              push(
                'extension_approved',
                e + 1,
                1,
                assignerWho,
                { newDeadline, previousDeadline: wd.day(deadlineIdx), countsAsDelay },
                REASONS.extension,
              );
              version += 2;
              if (countsAsDelay) delayCount++;
              deadlineIdx = newIdx;
            }
          }
          // When the result is reported (may be after today: still working).
          let report: number;
          if (deadlineIdx === null) report = acc + trng.int(5, 60);
          else if (fate === 'late') report = deadlineIdx + trng.int(1, 15);
          else if (fate === 'stuck') report = Number.MAX_SAFE_INTEGER;
          else report = Math.max(acc + 1, deadlineIdx - trng.int(0, Math.min(10, Math.max(0, deadlineIdx - acc - 1))));
          const cancelDay = fate === 'cancel' ? acc + trng.int(1, 15) : null;
          const stop = Math.min(report, cancelDay ?? Number.MAX_SAFE_INTEGER, T + 1);
          // Progress reports every 10–25 working days while working.
          for (let p = acc + trng.int(5, 15); p < stop && p <= T; p += trng.int(10, 25)) {
            percent = Math.min(95, percent + trng.int(10, 40));
            push('progress', p, 1, leadWho, { percent, text: trng.pick(PROGRESS_TEXTS), fileIds: [] });
            status = 'in_progress';
            version++;
            lastProgressIdx = p;
          }
          if (cancelDay !== null && cancelDay <= T && cancelDay < report) {
            push('cancelled', cancelDay, 1, assignerWho, {}, REASONS.cancel);
            status = 'cancelled';
            version++;
            cancelledAt = events[events.length - 1]!.at;
            endIdx = cancelDay;
          } else if (report <= T) {
            push('completion_reported', report, 1, leadWho, { text: 'Đã hoàn thành, gửi kèm báo cáo.', fileIds: [] });
            status = 'completion_reported';
            version++;
            reportedIdx = report;
            reportedAt = events[events.length - 1]!.at;
            percent = 100;
            lastProgressIdx = report;
            endIdx = report;
            const review = report + trng.int(0, 3);
            if (review <= T) {
              quality = trng.chance(0.93);
              const completedOn = wd.day(report);
              push('completion_accepted', review, 2, assignerWho, { qualityAccepted: quality, comment: null, completedOn });
              status = 'done';
              version++;
              completedIdx = report;
              completedAt = reportedAt;
            }
          }
        }
      }

      // The daily sweep: reminders on mornings while the lead still holds the task open.
      let reminderCount = 0;
      let lastRemindedAt: string | null = null;
      let escalatedAt: string | null = null;
      let escalatedTo: { personId: string; orgIdx: number } | null = null;
      const reminders: TaskRemindersTable[] = [];
      if (deadlineIdx !== null) {
        const due = wd.day(deadlineIdx) === effectiveDueDate(wd.day(deadlineIdx), cal) ? deadlineIdx : deadlineIdx + 1;
        // Open for reminders on the morning of day d: assigned after, and not yet reported/returned/cancelled before d.
        const open = (d: number) => d > A && d <= T && d <= endIdx;
        const remind = (d: number, kind: 'before' | 'due' | 'overdue') => {
          reminderCount++;
          version++;
          const overdue = d > due;
          push('reminded', d, -1, SYSTEM, { kind, count: reminderCount, overdue, message: null });
          lastRemindedAt = events[events.length - 1]!.at;
          reminders.push({ task_id: '', kind, on_date: wd.day(d), created_at: lastRemindedAt });
          if (overdue && !escalatedAt && reminderCount > settings.escalateAfterReminders) {
            const start = settings.escalateTo === 'assigner_head' ? assigner.idx : assigner.parentIdx;
            escalatedTo = headAtOrAbove(start) ?? headAtOrAbove(assigner.idx);
            const target = escalatedTo ? infos[escalatedTo.orgIdx]! : null;
            push('escalated', d, -1, SYSTEM, {
              toPersonId: escalatedTo?.personId ?? null,
              toPersonName: escalatedTo ? (personName.get(escalatedTo.personId) ?? null) : null,
              toOrgId: target?.org.id ?? null,
              toOrgName: target?.org.name ?? null,
              reminderCount,
            });
            version++;
            escalatedAt = events[events.length - 1]!.at;
          }
        };
        if (settings.reminderBeforeDays > 0 && open(due - settings.reminderBeforeDays)) remind(due - settings.reminderBeforeDays, 'before');
        if (settings.reminderOnDueDay && open(due)) remind(due, 'due');
        for (let d = due + settings.overdueReminderEveryDays; open(d); d += settings.overdueReminderEveryDays) remind(d, 'overdue');
      }

      // Timeline in order: by day, the sweep's morning run first, then people's actions.
      events.sort(
        (a, b) => a.day - b.day || (a.order < 0 ? 0 : 1) - (b.order < 0 ? 0 : 1) || a.at.localeCompare(b.at) || a.order - b.order,
      );
      const id = newId();
      const facts: TaskEventFacts[] = events.map((e) => ({
        id: newId(),
        type: e.type,
        at: e.at,
        // Every instant here is 07:00–16:59 in Vietnam (00:00–09:59 UTC): the same calendar day.
        on: e.at.slice(0, 10),
        actorPersonId: e.by.personId,
        actorName: e.by.name,
        reason: e.reason,
        data: e.data,
      }));
      const deadline = deadlineIdx === null ? null : wd.day(deadlineIdx);
      const dueDate = deadline ? effectiveDueDate(deadline, cal) : null;
      const lastAt = events.reduce((m, e) => (e.at > m ? e.at : m), assignedAt);
      const row: TasksTable = {
        id,
        parent_id: null,
        source: doc ? 'document' : trng.chance(0.3) ? 'meeting' : 'ad_hoc',
        document_id: doc?.id ?? null,
        group_id: groupId,
        title,
        description,
        search_text: foldForSearch([title, description, doc?.number].filter(Boolean).join(' ')),
        assigner_org_id: assigner.org.id,
        assigner_person_id: assignerPersonId,
        created_by_user_id: assignerWho.userId,
        lead_org_id: leadOrg.org.id,
        lead_person_id: leadPersonId,
        lead_org_path: leadOrg.org.path,
        lead_since_on: wd.day(leadSinceIdx),
        status,
        priority: trng.weighted([
          ['normal', 80],
          ['high', 15],
          ['urgent', 5],
        ] as const),
        weight: trng.chance(0.85) ? 1 : trng.pick([0.5, 1.5, 2]),
        quality_accepted: quality,
        assigned_on: assignedOn,
        assigned_at: assignedAt,
        accepted_at: acceptedAt,
        original_deadline: originalDeadline,
        deadline,
        due_date: dueDate,
        delay_count: delayCount,
        progress_percent: percent,
        last_progress_on: wd.day(lastProgressIdx),
        completion_reported_at: reportedAt,
        completion_reported_on: reportedIdx === null ? null : wd.day(reportedIdx),
        completed_at: completedAt,
        completed_on: completedIdx === null ? null : wd.day(completedIdx),
        ext_new_deadline: null,
        ext_reason: null,
        ext_requested_at: null,
        ext_requested_by: null,
        reminder_count: reminderCount,
        last_reminded_at: lastRemindedAt,
        escalated_to_person_id: (escalatedTo as { personId: string } | null)?.personId ?? null,
        escalated_to_org_id: escalatedTo ? infos[(escalatedTo as { orgIdx: number }).orgIdx]!.org.id : null,
        escalated_at: escalatedAt,
        cancelled_at: cancelledAt,
        recurrence: 'none',
        series_id: null,
        series_index: null,
        recurrence_until: null,
        period_label: null,
        version,
        created_at: assignedAt,
        updated_at: lastAt,
      };
      taskRows.push(rowOf(TASK_COLUMNS, row));
      events.forEach((e, k) => {
        const f = facts[k]!;
        eventRows.push([f.id, id, k + 1, e.type, e.at, f.on, e.by.userId, e.by.personId, e.by.name, e.reason, JSON.stringify(e.data)]);
      });
      for (const r of reminders) remRows.push([id, r.kind, r.on_date, r.created_at]);
      // Coordinators: sibling units asked to help on a fifth of unit-led tasks.
      if (!leadPersonId && trng.chance(0.2)) {
        const sib = infos[leadOrg.parentIdx!]!.childIdx.filter((c) => c !== leadOrg.idx);
        const k = Math.min(sib.length, trng.int(1, 2));
        const chosen = new Set<number>();
        while (chosen.size < k) chosen.add(trng.pick(sib));
        [...chosen].forEach((c, position) =>
          partRows.push([
            newId(),
            id,
            'coordinator',
            infos[c]!.org.id,
            null,
            trng.chance(0.5) ? 'Cung cấp số liệu, phối hợp thực hiện' : null,
            position,
          ]),
        );
        counts.participants += chosen.size;
      }
      // Signals as the service stores them after the last change (with today's date-dependent ones).
      const signals = detectSignals({
        task: {
          status,
          deadline,
          lead: holder(leadOrg, leadPersonId),
          assigner: holder(assigner, assignerPersonId),
          lastProgressOn: row.last_progress_on,
        },
        events: facts,
        today: wd.day(T),
        thresholds,
        calendar: cal,
      });
      const seen = new Set<string>();
      for (const s of signals) {
        const key = `${s.code}|${s.orgId ?? ''}|${s.personId ?? ''}|${s.detectedOn}`;
        if (seen.has(key)) continue;
        seen.add(key);
        sigRows.push([
          newId(),
          id,
          s.code,
          s.severity,
          s.orgId,
          s.personId,
          s.subject,
          s.detectedOn,
          s.explanation,
          JSON.stringify(s.evidence),
        ]);
      }
      counts.tasks++;
      counts.events += events.length;
      counts.reminders += reminders.length;
      counts.signals += seen.size;
      byStatus[status] = (byStatus[status] ?? 0) + 1;
      if (leadOrg.org.path.startsWith(deptPath)) {
        deptTasks.n++;
        if (events.length >= 8 && detailCandidates.length < 200) detailCandidates.push({ id, events: events.length });
      }
      if (leadOrg.org.path.startsWith(cityRoot.org.path)) cityTasks.n++;
      if (leadOrg.org.path.startsWith(partyRoot.org.path)) partyTasks.n++;
      if (leaderPerson && (leadPersonId === leaderPerson || (!leadPersonId && leaderUnits.has(leadOrg.org.id)))) leaderMine++;
      if (leadPersonId === memberUser.personId) memberTasks++;
      return { id, status };
    };

    const taskRng = rng.fork('rows');
    let done = 0;
    const BATCH = 20_000;
    for (const q of quota) {
      for (let k = 0; k < q.n; k++) {
        makeTask(q.i, taskRng.chance(0.5), null, taskRng);
        if (taskRows.length >= BATCH) {
          await flush();
          done += BATCH;
          if (done % 100_000 === 0) log(`tasks: ${done}/${opts.count} (${Math.round((performance.now() - t0) / 1000)} s)`);
        }
      }
    }
    // The progress scenario's tasks: in progress, led by the member personally, due in the future.
    const memberOrg = infos[orgIdx.get(memberPrimary.orgId)!]!;
    for (let k = 0; k < progressPool; k++) {
      const t = makeTask(memberOrg, true, memberUser.personId, taskRng);
      if (t.status === 'accepted' || t.status === 'in_progress') progressTaskIds.push(t.id);
    }
    await flush();
    const i0 = performance.now();
    await restoreIndexes();
    log(`task indexes re-created in ${Math.round((performance.now() - i0) / 1000)} s`);
    const totalMs = Math.round(performance.now() - t0);
    log(
      `tasks: ${counts.tasks}, events: ${counts.events}, coordinators: ${counts.participants}, reminders: ${counts.reminders}, signals: ${counts.signals} in ${Math.round(totalMs / 1000)} s`,
    );
    detailCandidates.sort((a, b) => b.events - a.events);
    return {
      today: wd.day(T),
      counts,
      byStatus,
      timingsMs: { total: totalMs },
      cityRoot: { orgId: cityRoot.org.id, name: cityRoot.org.name, tasksInSubtree: cityTasks.n },
      partyRoot: { orgId: partyRoot.org.id, name: partyRoot.org.name, tasksInSubtree: partyTasks.n },
      department: { orgId: deptOrgId, name: ds.orgs[orgIdx.get(deptOrgId)!]!.name, tasksInSubtree: deptTasks.n },
      leaderMine: { username: leaderUser.username, tasks: leaderMine },
      member: { username: memberUser.username, personId: memberUser.personId!, tasks: memberTasks, progressTaskIds },
      detailTaskIds: detailCandidates.slice(0, 20).map((c) => c.id),
    };
  } finally {
    await bulk.close();
  }
}

export type { BulkDb };
