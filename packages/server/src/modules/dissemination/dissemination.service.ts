import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  AUDIENCE_PRESETS,
  CHECKIN_TOKEN_TTL_SECONDS,
  checkinTokenPayload,
  coveragePercent,
  foldForSearch,
  isCheckinTokenExpired,
  parseCheckinToken,
  quizProblems,
  scoreQuiz,
  vietnamDate,
  type AckMethod,
  type Attendee,
  type CheckinMethod,
  type ConferenceCreate,
  type ConferenceDetail,
  type ConferenceFormat,
  type ConferenceStatus,
  type ConferenceSummary,
  type ConferenceUpdate,
  type Coverage,
  type PersonCategory,
  type Quiz,
  type z,
  type AttendeeListQuery,
  type ConferenceListQuery,
  type CoverageMissingQuery,
  type MyAckQuery,
} from '@kycuong/domain';
import type { Kysely, Transaction } from 'kysely';
import type { AppContext } from '../../context';
import { bool, isUniqueViolation, nowIso } from '../../db/dialect';
import type { Database, DisseminationExpectedTable } from '../../db/schema';
import { canIn, scopeOf, systemActor, type Actor } from '../../platform/access';
import { loadSnapshot, registerAuditedEntity } from '../../platform/audit';
import { AppError, errors } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { registerHandler, registerRecurring } from '../../platform/jobs';
import { assertAttachable, readFile } from '../documents/attachments';
import { DocumentRepository } from '../documents/documents.repository';
import { toFileInfo } from '../documents/files.repository';
import { TaskService } from '../tasks/tasks.service';
import { DisseminationRepository, type ConferenceView, type CountsRow } from './dissemination.repository';

registerAuditedEntity('conference', { table: 'conferences', booleans: [] });
// org_path follows org moves (trigger); counted and doc_attended_at are copies kept in step with the
// person's other rows of the document: none of them is a change of the row itself.
registerAuditedEntity('conference_attendance', {
  table: 'dissemination_expected',
  booleans: ['added_manually'],
  omit: ['org_path', 'counted', 'doc_attended_at'],
});

const vi = (actor: Actor, viText: string, en: string) => (actor.locale === 'en' ? en : viText);

/**
 * The key signing check-in QR codes: `CHECKIN_TOKEN_SECRET` when configured, otherwise a random
 * key created once in the data directory (`checkin-token.key`, mode 600) — instances that share
 * the data directory (as they must for attachments) share it; no key is ever in the repository.
 */
function checkinSecret(ctx: AppContext): string {
  if (ctx.config.checkinTokenSecret) return ctx.config.checkinTokenSecret;
  const file = path.join(ctx.config.dataDir, 'checkin-token.key');
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    fs.mkdirSync(ctx.config.dataDir, { recursive: true });
    const key = crypto.randomBytes(32).toString('base64url');
    try {
      fs.writeFileSync(file, key, { mode: 0o600, flag: 'wx' });
      return key;
    } catch {
      // Another instance wrote it first.
      return fs.readFileSync(file, 'utf8').trim();
    }
  }
}

function sign(secret: string, text: string): string {
  return crypto.createHmac('sha256', secret).update(text).digest('hex').slice(0, 32);
}

function parseQuiz(text: string | null): Quiz | null {
  return text ? (JSON.parse(text) as Quiz) : null;
}

function summaryOf(c: ConferenceView, counts: CountsRow | undefined): ConferenceSummary {
  return {
    id: c.id,
    documentId: c.document_id,
    documentNumber: c.document_number,
    documentTitle: c.document_title,
    orgId: c.org_id,
    orgName: c.org_name,
    title: c.title,
    heldOn: c.held_on,
    startTime: c.start_time,
    place: c.place,
    onlineLink: c.online_link,
    chair: c.chair,
    format: c.format as ConferenceFormat,
    status: c.status as ConferenceStatus,
    expected: counts?.expected ?? 0,
    attended: counts?.attended ?? 0,
    acknowledged: counts?.acknowledged ?? 0,
    version: c.version,
  };
}

function withPercents(c: CountsRow) {
  return {
    ...c,
    attendedPercent: coveragePercent(c.attended, c.expected),
    acknowledgedPercent: coveragePercent(c.acknowledged, c.expected),
  };
}

const ZERO: CountsRow = { expected: 0, attended: 0, acknowledged: 0 };

export interface DisseminationServiceOptions {
  /** The clock (tests and demo data move it). */
  now?: () => Date;
  tasks?: TaskService;
}

/**
 * Dissemination (quán triệt): conferences of a document with expected attendees drawn from
 * memberships, attendance by the secretary or by a signed QR code, acknowledgement at the
 * conference or later by reading (and passing the quiz), catch-up tasks for absentees through the
 * tasks module, and coverage of a document per unit. Managing needs `document.manage` over the
 * organising unit; reading a conference needs `document.read` there or being expected at it;
 * coverage needs `task.read` (leaders, monitoring officers, inspectors) over the unit asked for.
 */
export class DisseminationService {
  private readonly clock: () => Date;
  private readonly tasks: TaskService;

  constructor(
    private readonly ctx: AppContext,
    opts: DisseminationServiceOptions = {},
  ) {
    this.clock = opts.now ?? (() => new Date());
    this.tasks = opts.tasks ?? new TaskService(ctx, { now: this.clock });
  }

  private repo(db: Kysely<Database> = this.ctx.db) {
    return new DisseminationRepository(db);
  }

  private async visibleDocument(actor: Actor, documentId: string) {
    const visible = await new DocumentRepository(this.ctx.db).isVisible(
      documentId,
      scopeOf(actor, 'document.read'),
      scopeOf(actor, 'document.manage'),
    );
    const d = visible ? await this.repo().document(documentId) : undefined;
    if (!d) throw errors.notFound();
    return d;
  }

  /** A conference the actor may read (404 otherwise), whether they manage it and their own row. */
  private async load(actor: Actor, id: string) {
    const c = await this.repo().findConference(id);
    if (!c) throw errors.notFound();
    const me = actor.personId ? await this.repo().expectedRow(id, actor.personId) : undefined;
    if (!canIn(actor, 'document.read', c.org_path) && !me) throw errors.notFound();
    return { c, me, canManage: canIn(actor, 'document.manage', c.org_path) };
  }

  private async loadManaged(actor: Actor, id: string) {
    const l = await this.load(actor, id);
    if (!l.canManage) throw errors.forbidden();
    return l;
  }

  // ---------------------------------------------------------------------------------------------
  // Conferences

  async list(actor: Actor, q: z.infer<typeof ConferenceListQuery>) {
    let orgPath: string | undefined;
    if (q.orgId) {
      const o = await this.repo().org(q.orgId);
      if (!o || !canIn(actor, 'document.read', o.path)) throw errors.notFound();
      orgPath = o.path;
    }
    const { rows, total } = await this.repo().listConferences({
      scope: scopeOf(actor, 'document.read'),
      personId: actor.personId,
      documentId: q.documentId,
      orgPath,
      limit: q.pageSize,
      offset: (q.page - 1) * q.pageSize,
    });
    const counts = await this.repo().countsOf(rows.map((r) => r.id));
    return { items: rows.map((r) => summaryOf(r, counts.get(r.id))), total, page: q.page, pageSize: q.pageSize };
  }

  async get(actor: Actor, id: string): Promise<ConferenceDetail> {
    const { c, me, canManage } = await this.load(actor, id);
    const quiz = parseQuiz(c.quiz);
    const [counts, files, catchUp, attempted] = await Promise.all([
      this.repo().countsOf([id]),
      this.repo().files(id),
      this.repo().catchUpTaskCount(id),
      quiz ? this.repo().hasAttempts(id) : false,
    ]);
    return {
      ...summaryOf(c, counts.get(id)),
      categories: JSON.parse(c.categories) as PersonCategory[],
      catchUpWorkingDays: c.catch_up_days,
      minutes: c.minutes,
      files: files.map((f) => ({ ...toFileInfo(f), kind: f.kind as 'material' | 'minutes' | 'photo' })),
      quiz: quiz ? { passMark: quiz.passMark, questions: quiz.questions.map((x) => ({ text: x.text, options: [...x.options] })) } : null,
      quizAnswers: quiz && canManage ? quiz.questions.map((x) => x.correct) : null,
      quizAttempted: attempted,
      closedAt: c.closed_at,
      catchUpTasks: catchUp,
      canManage,
      me: me ? { attendedAt: me.attended_at, acknowledgedAt: me.acknowledged_at } : null,
    };
  }

  async create(actor: Actor, input: ConferenceCreate): Promise<ConferenceDetail> {
    const doc = await this.visibleDocument(actor, input.documentId);
    const org = await this.repo().org(input.orgId);
    if (!org || !canIn(actor, 'document.read', org.path)) {
      throw errors.invalidField('orgId', vi(actor, 'Không tìm thấy đơn vị', 'Unknown unit'), 'not_found');
    }
    if (!canIn(actor, 'document.manage', org.path)) throw errors.forbidden();
    this.checkQuiz(input.quiz);
    await assertAttachable(this.ctx.db, actor, input.materialFileIds, new Set(), 'materialFileIds');
    await this.assertNotOnConference(actor, input.materialFileIds, new Set(), 'materialFileIds');
    const id = newId();
    const at = nowIso();
    const preset = AUDIENCE_PRESETS.find(
      (p) => p.categories.length === input.categories.length && p.categories.every((c) => input.categories.includes(c)),
    );
    const title =
      input.title ??
      `Hội nghị quán triệt ${doc.number_text ?? doc.title}${preset && preset.key !== 'all' ? ` — ${preset.vi.toLowerCase()}` : ''}`;
    await this.ctx.db.transaction().execute(async (trx) => {
      const repo = this.repo(trx);
      await repo.insertConference({
        id,
        document_id: input.documentId,
        org_id: input.orgId,
        title,
        held_on: input.heldOn,
        start_time: input.startTime,
        place: input.place,
        online_link: input.onlineLink,
        chair: input.chair,
        format: input.format,
        categories: JSON.stringify(input.categories),
        catch_up_days: input.catchUpWorkingDays,
        quiz: input.quiz ? JSON.stringify(input.quiz) : null,
        minutes: null,
        status: 'scheduled',
        closed_at: null,
        created_by_user_id: actor.userId,
        version: 1,
        created_at: at,
        updated_at: at,
      });
      await repo.replaceFiles(id, 'material', input.materialFileIds);
      await this.ctx.audit.record(trx, {
        actorUserId: actor.userId,
        action: 'conference.create',
        entityType: 'conference',
        entityId: id,
        orgId: input.orgId,
        before: null,
      });
      const people = await repo.candidates(org.path, input.categories);
      const rows: DisseminationExpectedTable[] = [];
      for (const p of people) {
        const prior = await repo.priorRow(input.documentId, p.person_id);
        rows.push({
          id: newId(),
          conference_id: id,
          document_id: input.documentId,
          person_id: p.person_id,
          org_id: p.org_id,
          org_path: p.path,
          attended_at: null,
          checkin_method: null,
          checked_in_by_user_id: null,
          acknowledged_at: prior?.acknowledged_at ?? null,
          ack_method: prior?.ack_method ?? null,
          catch_up_task_id: null,
          added_manually: false,
          counted: !prior,
          doc_attended_at: prior?.doc_attended_at ?? null,
          created_at: at,
        });
      }
      await repo.insertExpected(rows);
      for (const r of rows) await this.auditRow(trx, actor, 'conference.attendee_add', r.id, input.orgId, null);
    });
    return this.get(actor, id);
  }

  private checkQuiz(quiz: Quiz | null | undefined) {
    if (!quiz) return;
    const problems = quizProblems(quiz);
    if (problems.length)
      throw new AppError(
        'validation_failed',
        400,
        {},
        problems.map(([p, message]) => ({ path: p, message, code: 'invalid' })),
      );
  }

  /**
   * Once someone has attempted the quiz, its questions, options and right answers are frozen:
   * attempts are stored as answers by position and scored once, so changing the questions would
   * make recorded results (and the acknowledgements they gave) refer to a quiz nobody took, and
   * removing the quiz would let the rest skip what others had to pass. The pass mark may still
   * change: it applies to attempts from then on and alters no recorded one.
   */
  private async assertQuizEditable(actor: Actor, c: ConferenceView, next: Quiz | null) {
    const current = parseQuiz(c.quiz);
    if (!current || !(await this.repo().hasAttempts(c.id))) return;
    const frozen = (path: string, viText: string, en: string) =>
      new AppError('conflict', 409, { detail: vi(actor, viText, en) }, [{ path, message: vi(actor, viText, en), code: 'quiz_attempted' }]);
    if (!next)
      throw frozen(
        'quiz',
        'Đã có người làm bài kiểm tra, không thể bỏ bài kiểm tra',
        'Someone has attempted the quiz; it cannot be removed',
      );
    const questions = (q: Quiz) => JSON.stringify(q.questions.map((x) => [x.text, x.options, x.correct]));
    if (questions(current) !== questions(next))
      throw frozen(
        'quiz.questions',
        'Đã có người làm bài kiểm tra: chỉ sửa được điểm đạt, không sửa được câu hỏi, phương án, đáp án',
        'Someone has attempted the quiz: only the pass mark can change, not the questions, options or answers',
      );
  }

  /** Files already on another conference cannot be attached (as for documents and tasks). */
  private async assertNotOnConference(actor: Actor, ids: readonly string[], kept: ReadonlySet<string>, field: string) {
    const linked = await this.repo().linkedFiles(ids.filter((x) => !kept.has(x)));
    ids.forEach((fid, i) => {
      if (linked.has(fid) && !kept.has(fid))
        throw errors.invalidField(`${field}.${i}`, vi(actor, 'Tệp đã gắn vào hội nghị khác', 'File attached elsewhere'), 'file');
    });
  }

  private auditRow(
    trx: Transaction<Database>,
    actor: Actor,
    action: string,
    rowId: string,
    orgId: string,
    before: Record<string, unknown> | null,
  ) {
    return this.ctx.audit.record(trx, {
      actorUserId: actor.userId,
      action,
      entityType: 'conference_attendance',
      entityId: rowId,
      orgId,
      before,
    });
  }

  async update(actor: Actor, id: string, input: ConferenceUpdate): Promise<ConferenceDetail> {
    const { c } = await this.loadManaged(actor, id);
    if (input.version !== c.version) throw errors.versionConflict();
    const format = input.format ?? (c.format as ConferenceFormat);
    const place = input.place === undefined ? c.place : input.place;
    const onlineLink = input.onlineLink === undefined ? c.online_link : input.onlineLink;
    // The venue rule holds for the merged result, not only for the fields sent.
    if (format !== 'online' && !place) throw errors.invalidField('place', vi(actor, 'Cần nhập địa điểm', 'Place required'), 'required');
    if (format !== 'in_person' && !onlineLink)
      throw errors.invalidField('onlineLink', vi(actor, 'Cần nhập đường dẫn họp trực tuyến', 'Online link required'), 'required');
    if (input.quiz) this.checkQuiz(input.quiz);
    if (input.quiz !== undefined) await this.assertQuizEditable(actor, c, input.quiz);
    const current = await this.repo().files(id);
    const kept = new Set(current.map((f) => f.id));
    const kinds = [
      ['material', input.materialFileIds, 'materialFileIds'],
      ['minutes', input.minutesFileIds, 'minutesFileIds'],
      ['photo', input.photoFileIds, 'photoFileIds'],
    ] as const;
    for (const [, ids, field] of kinds) {
      if (!ids) continue;
      await assertAttachable(this.ctx.db, actor, ids, kept, field);
      await this.assertNotOnConference(actor, ids, kept, field);
    }
    await this.ctx.db.transaction().execute(async (trx) => {
      const repo = this.repo(trx);
      const before = await loadSnapshot(trx, 'conference', id);
      const ok = await repo.updateConference(id, input.version, {
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.heldOn !== undefined ? { held_on: input.heldOn } : {}),
        ...(input.startTime !== undefined ? { start_time: input.startTime } : {}),
        place,
        online_link: onlineLink,
        format,
        ...(input.chair !== undefined ? { chair: input.chair } : {}),
        ...(input.catchUpWorkingDays !== undefined ? { catch_up_days: input.catchUpWorkingDays } : {}),
        ...(input.quiz !== undefined ? { quiz: input.quiz ? JSON.stringify(input.quiz) : null } : {}),
        ...(input.minutes !== undefined ? { minutes: input.minutes } : {}),
        updated_at: nowIso(),
      });
      if (!ok) throw errors.versionConflict();
      for (const [kind, ids] of kinds) if (ids) await repo.replaceFiles(id, kind, ids);
      await this.ctx.audit.record(trx, {
        actorUserId: actor.userId,
        action: 'conference.update',
        entityType: 'conference',
        entityId: id,
        orgId: c.org_id,
        before,
      });
    });
    return this.get(actor, id);
  }

  async file(actor: Actor, id: string, fileId: string) {
    const { c } = await this.load(actor, id);
    if (!(await this.repo().fileOf(id, c.document_id, fileId))) throw errors.notFound();
    return readFile(this.ctx, fileId);
  }

  // ---------------------------------------------------------------------------------------------
  // Expected attendees and attendance

  async attendees(actor: Actor, id: string, q: z.infer<typeof AttendeeListQuery>) {
    const { c } = await this.load(actor, id);
    // The list names people: those who read the unit's conferences (not someone only expected at it).
    if (!canIn(actor, 'document.read', c.org_path)) throw errors.notFound();
    const { rows, total } = await this.repo().attendees(
      id,
      q.status,
      q.q ? foldForSearch(q.q) : undefined,
      q.pageSize,
      (q.page - 1) * q.pageSize,
    );
    const items: Attendee[] = rows.map((r) => ({
      personId: r.person_id,
      fullName: r.full_name,
      orgId: r.org_id,
      orgName: r.org_name,
      attendedAt: r.attended_at,
      checkinMethod: r.checkin_method as CheckinMethod | null,
      acknowledgedAt: r.acknowledged_at,
      ackMethod: r.ack_method as AckMethod | null,
      catchUpTaskId: r.catch_up_task_id,
      addedManually: bool(r.added_manually),
    }));
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  async addAttendee(actor: Actor, id: string, personId: string) {
    const { c } = await this.loadManaged(actor, id);
    const m = await this.repo().membershipUnder(personId, c.org_path);
    if (!m) {
      throw errors.invalidField(
        'personId',
        vi(actor, 'Người này không thuộc đơn vị tổ chức hội nghị hoặc đơn vị cấp dưới', 'Not a member of the organising unit'),
        'not_member',
      );
    }
    const prior = await this.repo().priorRow(c.document_id, personId);
    const rowId = newId();
    await this.ctx.db.transaction().execute(async (trx) => {
      try {
        await this.repo(trx).insertExpected([
          {
            id: rowId,
            conference_id: id,
            document_id: c.document_id,
            person_id: personId,
            org_id: m.org_id,
            org_path: m.path,
            attended_at: null,
            checkin_method: null,
            checked_in_by_user_id: null,
            acknowledged_at: prior?.acknowledged_at ?? null,
            ack_method: prior?.ack_method ?? null,
            catch_up_task_id: null,
            added_manually: true,
            counted: !prior,
            doc_attended_at: prior?.doc_attended_at ?? null,
            created_at: nowIso(),
          },
        ]);
      } catch (err) {
        if (isUniqueViolation(err)) throw errors.conflict(vi(actor, 'người này đã có trong danh sách', 'already on the list'));
        throw err;
      }
      await this.auditRow(trx, actor, 'conference.attendee_add', rowId, c.org_id, null);
    });
    return this.get(actor, id);
  }

  async removeAttendee(actor: Actor, id: string, personId: string) {
    const { c } = await this.loadManaged(actor, id);
    const row = await this.repo().expectedRow(id, personId);
    if (!row) throw errors.notFound();
    if (row.attended_at) throw errors.conflict(vi(actor, 'người này đã điểm danh, không thể bỏ khỏi danh sách', 'already checked in'));
    await this.ctx.db.transaction().execute(async (trx) => {
      const before = await loadSnapshot(trx, 'conference_attendance', row.id);
      await this.repo(trx).deleteExpected(row);
      await this.auditRow(trx, actor, 'conference.attendee_remove', row.id, c.org_id, before);
    });
    return this.get(actor, id);
  }

  /** Secretary check-in from the list. */
  async checkIn(actor: Actor, id: string, personId: string) {
    const { c } = await this.loadManaged(actor, id);
    const row = await this.repo().expectedRow(id, personId);
    if (!row) throw errors.notFound();
    await this.markAttended(actor, c, row, 'secretary');
    return this.get(actor, id);
  }

  /** A fresh signed QR token for the conference (shown on the projector). */
  async checkinToken(actor: Actor, id: string) {
    const { c } = await this.loadManaged(actor, id);
    if (c.status !== 'scheduled') throw errors.conflict(vi(actor, 'hội nghị đã kết thúc', 'the conference is closed'));
    const expiresAt = Math.floor(this.clock().getTime() / 1000) + CHECKIN_TOKEN_TTL_SECONDS;
    const signed = checkinTokenPayload({ conferenceId: id, expiresAt });
    const token = `${signed}-${sign(checkinSecret(this.ctx), signed)}`;
    return { token, path: `/diem-danh/${token}`, expiresAt: new Date(expiresAt * 1000).toISOString() };
  }

  /** Self check-in by the QR token, for the signed-in person. */
  async selfCheckIn(actor: Actor, token: string) {
    const parsed = parseCheckinToken(token);
    const bad = () =>
      errors.invalidField('token', vi(actor, 'Mã điểm danh không hợp lệ', 'Invalid check-in code'), 'checkin_token_invalid');
    if (!parsed) throw bad();
    const expected = sign(checkinSecret(this.ctx), parsed.signed);
    const a = Buffer.from(expected);
    const b = Buffer.from(parsed.signature);
    if (a.length !== b.length || !crypto.timingSafeEqual(a, b)) throw bad();
    if (isCheckinTokenExpired(parsed.payload, Math.floor(this.clock().getTime() / 1000)))
      throw errors.invalidField(
        'token',
        vi(
          actor,
          'Mã QR đã hết hạn — hãy quét lại mã đang trình chiếu tại hội nghị',
          'The QR code has expired — scan the one on screen again',
        ),
        'checkin_token_expired',
      );
    const c = await this.repo().findConference(parsed.payload.conferenceId);
    if (!c) throw bad();
    if (c.status !== 'scheduled') throw errors.conflict(vi(actor, 'hội nghị đã kết thúc điểm danh', 'the conference is closed'));
    const row = actor.personId ? await this.repo().expectedRow(c.id, actor.personId) : undefined;
    if (!row)
      throw new AppError('forbidden', 403, {}, [
        {
          path: 'token',
          message: vi(
            actor,
            'Bạn không có trong danh sách dự kiến của hội nghị này — hãy báo thư ký hội nghị',
            'You are not on the attendee list of this conference — tell the secretary',
          ),
          code: 'not_expected',
        },
      ]);
    const already = !!row.attended_at;
    const attendedAt = already ? row.attended_at! : await this.markAttended(actor, c, row, 'qr');
    return { conferenceId: c.id, conferenceTitle: c.title, documentNumber: c.document_number, attendedAt, alreadyCheckedIn: already };
  }

  /**
   * Records attendance; attending the conference is the acknowledgement (đã quán triệt) when the
   * person had not acknowledged yet, and closes a catch-up task they may already have.
   */
  private async markAttended(actor: Actor, c: ConferenceView, row: DisseminationExpectedTable, method: CheckinMethod): Promise<string> {
    if (row.attended_at) return row.attended_at;
    const at = this.clock().toISOString();
    await this.ctx.db.transaction().execute(async (trx) => {
      const repo = this.repo(trx);
      const before = await loadSnapshot(trx, 'conference_attendance', row.id);
      await repo.updateExpected(row.id, { attended_at: at, checkin_method: method, checked_in_by_user_id: actor.userId });
      await repo.markDocumentAttended(c.document_id, row.person_id, at);
      await this.auditRow(trx, actor, 'conference.check_in', row.id, c.org_id, before);
      await this.acknowledgeIn(trx, actor, c.document_id, row.person_id, 'conference', at);
    });
    return at;
  }

  /** Acknowledges every open row of the document for the person and completes their catch-up tasks. */
  private async acknowledgeIn(
    trx: Transaction<Database>,
    actor: Actor,
    documentId: string,
    personId: string,
    method: AckMethod,
    at: string,
  ) {
    const repo = this.repo(trx);
    const rows = await repo.unacknowledgedRows(documentId, personId);
    for (const r of rows) {
      const before = await loadSnapshot(trx, 'conference_attendance', r.id);
      await repo.updateExpected(r.id, { acknowledged_at: at, ack_method: method });
      const conf = await repo.findConference(r.conference_id);
      await this.auditRow(trx, actor, 'conference.acknowledge', r.id, conf?.org_id ?? r.org_id, before);
      if (r.catch_up_task_id)
        await this.tasks.completeFromSource(
          trx,
          actor,
          r.catch_up_task_id,
          method === 'conference' ? 'Đã dự hội nghị quán triệt' : 'Đã nghiên cứu, quán triệt văn bản trên hệ thống',
        );
    }
  }

  /**
   * Ends the conference: absentees who have not acknowledged get a catch-up task (lead: the
   * person, assigned by the organising unit, due in N working days, reminded by the task sweep).
   */
  async close(actor: Actor, id: string, version: number) {
    const { c } = await this.loadManaged(actor, id);
    if (version !== c.version) throw errors.versionConflict();
    if (c.status !== 'scheduled') throw errors.conflict(vi(actor, 'hội nghị đã kết thúc', 'already closed'));
    const created = await this.closeConference(actor, c);
    return { conference: await this.get(actor, id), catchUpTasksCreated: created };
  }

  private async closeConference(actor: Actor, c: ConferenceView): Promise<number> {
    const cal = await this.tasks.calendar();
    const today = vietnamDate(this.clock());
    const deadline = cal.addWorkingDays(today, c.catch_up_days);
    let created = 0;
    await this.ctx.db.transaction().execute(async (trx) => {
      const repo = this.repo(trx);
      const before = await loadSnapshot(trx, 'conference', c.id);
      if (!(await repo.updateConference(c.id, c.version, { status: 'closed', closed_at: nowIso(), updated_at: nowIso() })))
        throw errors.versionConflict();
      await this.ctx.audit.record(trx, {
        actorUserId: actor.userId,
        action: 'conference.close',
        entityType: 'conference',
        entityId: c.id,
        orgId: c.org_id,
        before,
      });
      const quiz = parseQuiz(c.quiz);
      for (const r of await repo.absenteesWithoutTask(c.id)) {
        const taskId = await this.tasks.insertTask(trx, actor, {
          title: `Nghiên cứu, quán triệt ${c.document_number ?? c.document_title} (học bù)`,
          description:
            `Vắng mặt tại "${c.title}" ngày ${viDay(c.held_on)}. Đọc văn bản trong mục "Văn bản cần quán triệt của tôi"` +
            (quiz ? ` và làm bài kiểm tra (đạt từ ${quiz.passMark}%)` : ' và xác nhận đã nghiên cứu, quán triệt') +
            '; nhiệm vụ tự hoàn thành khi xác nhận.',
          source: 'meeting',
          documentId: c.document_id,
          groupId: null,
          parentId: null,
          assignerOrgId: c.org_id,
          assignerPersonId: actor.personId,
          lead: { orgId: r.org_id, personId: r.person_id },
          coordinators: [],
          deadline,
          priority: 'normal',
          weight: 1,
          recurrence: 'none',
          seriesId: null,
          seriesIndex: null,
          recurrenceUntil: null,
          periodLabel: null,
        });
        const rowBefore = await loadSnapshot(trx, 'conference_attendance', r.id);
        await repo.updateExpected(r.id, { catch_up_task_id: taskId });
        await this.auditRow(trx, actor, 'conference.catch_up_assigned', r.id, c.org_id, rowBefore);
        created++;
      }
    });
    return created;
  }

  /** Closes conferences of past days left open (the daily sweep); answers how many. */
  async closeOverdue(now: Date = this.clock()): Promise<number> {
    const ids = await this.repo().openBefore(vietnamDate(now), 100);
    let n = 0;
    for (const id of ids) {
      const c = await this.repo().findConference(id);
      if (!c || c.status !== 'scheduled') continue;
      await this.closeConference(systemActor(), c);
      n++;
    }
    return n;
  }

  // ---------------------------------------------------------------------------------------------
  // Acknowledgement

  async mine(actor: Actor, q: z.infer<typeof MyAckQuery>) {
    if (!actor.personId) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
    const { rows, total } = await this.repo().mine(actor.personId, q.status, q.pageSize, (q.page - 1) * q.pageSize);
    return {
      items: rows.map((r) => ({
        conferenceId: r.conference_id,
        conferenceTitle: r.title,
        heldOn: r.held_on,
        orgName: r.org_name,
        documentId: r.document_id,
        documentNumber: r.number_text,
        documentTitle: r.document_title,
        documentSummary: r.summary,
        attendedAt: r.attended_at,
        acknowledgedAt: r.acknowledged_at,
        ackMethod: r.ack_method as AckMethod | null,
        hasQuiz: !!r.quiz,
        catchUpTaskId: r.catch_up_task_id,
        catchUpDeadline: r.catch_up_deadline,
        attempts: r.attempts,
      })),
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  private async ownRow(actor: Actor, id: string) {
    const c = await this.repo().findConference(id);
    const row = c && actor.personId ? await this.repo().expectedRow(id, actor.personId) : undefined;
    if (!c || !row) throw errors.notFound();
    return { c, row };
  }

  /** "Đã nghiên cứu, quán triệt" after reading, for a conference without a quiz. */
  async acknowledge(actor: Actor, id: string) {
    const { c, row } = await this.ownRow(actor, id);
    if (row.acknowledged_at) return { acknowledgedAt: row.acknowledged_at, ackMethod: row.ack_method as AckMethod };
    if (c.quiz) throw errors.conflict(vi(actor, 'cần làm bài kiểm tra để xác nhận', 'the quiz must be passed'));
    const at = this.clock().toISOString();
    await this.ctx.db.transaction().execute((trx) => this.acknowledgeIn(trx, actor, c.document_id, row.person_id, 'reading', at));
    return { acknowledgedAt: at, ackMethod: 'reading' as const };
  }

  /** A quiz attempt: recorded whatever the result; passing acknowledges. */
  async attempt(actor: Actor, id: string, answers: readonly (number | null)[]) {
    const { c, row } = await this.ownRow(actor, id);
    const quiz = parseQuiz(c.quiz);
    if (!quiz) throw errors.conflict(vi(actor, 'hội nghị không có bài kiểm tra', 'no quiz'));
    if (answers.length !== quiz.questions.length)
      throw errors.invalidField(
        'answers',
        vi(actor, `Cần trả lời đủ ${quiz.questions.length} câu`, `Answer all ${quiz.questions.length} questions`),
        'count',
      );
    const score = scoreQuiz(quiz, answers);
    const at = this.clock().toISOString();
    let acknowledgedAt = row.acknowledged_at;
    await this.ctx.db.transaction().execute(async (trx) => {
      await this.repo(trx).insertAttempt({
        id: newId(),
        conference_id: id,
        person_id: row.person_id,
        answers: JSON.stringify(answers),
        correct: score.correct,
        total: score.total,
        passed: score.passed,
        created_at: at,
      });
      if (score.passed && !row.acknowledged_at) {
        await this.acknowledgeIn(trx, actor, c.document_id, row.person_id, 'quiz', at);
        acknowledgedAt = at;
      }
    });
    return { ...score, passMark: quiz.passMark, acknowledgedAt };
  }

  // ---------------------------------------------------------------------------------------------
  // Coverage

  private async coverageOrg(actor: Actor, orgId: string | undefined) {
    const scope = scopeOf(actor, 'task.read');
    let org;
    if (orgId) org = await this.repo().org(orgId);
    else if (!scope.all && scope.paths.length) org = await this.repo().orgByPath(scope.paths[0]!);
    if (!org) {
      if (orgId || !scope.all) throw errors.notFound();
      throw errors.invalidField('orgId', vi(actor, 'Chọn đơn vị', 'Choose a unit'), 'required');
    }
    if (!canIn(actor, 'task.read', org.path)) throw errors.notFound();
    return org;
  }

  async coverage(actor: Actor, documentId: string, orgId: string | undefined): Promise<Coverage> {
    const org = await this.coverageOrg(actor, orgId);
    const doc = await this.visibleDocument(actor, documentId);
    const [{ perUnit, totals }, children] = await Promise.all([this.repo().coverage(documentId, org), this.repo().children(org.id)]);
    const byPath = new Map(perUnit.map((u) => [u.unitPath, u]));
    return {
      documentId,
      documentNumber: doc.number_text,
      documentTitle: doc.title,
      org: { id: org.id, name: org.name, parentId: org.parent_id },
      totals: withPercents(totals),
      direct: withPercents(byPath.get(org.path) ?? ZERO),
      units: children.map((ch) => {
        const u = byPath.get(ch.path) ?? ZERO;
        return {
          orgId: ch.id,
          orgName: ch.name,
          kind: ch.kind,
          hasChildren: Number(ch.child_count ?? 0) > 0,
          ...withPercents({ expected: u.expected, attended: u.attended, acknowledged: u.acknowledged }),
        };
      }),
    };
  }

  async missing(actor: Actor, documentId: string, q: z.infer<typeof CoverageMissingQuery>) {
    const org = await this.coverageOrg(actor, q.orgId);
    await this.visibleDocument(actor, documentId);
    const { rows, total } = await this.repo().missing(documentId, org.path, q.pageSize, (q.page - 1) * q.pageSize);
    return {
      items: rows.map((r) => ({
        personId: r.person_id,
        fullName: r.full_name,
        orgId: r.org_id,
        orgName: r.org_name,
        attended: !!r.doc_attended_at,
        catchUpTaskId: r.catch_up_task_id,
      })),
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  /** Coverage as a workbook: the units sheet and the people who have not acknowledged. */
  async coverageXlsx(actor: Actor, documentId: string, orgId: string | undefined): Promise<{ filename: string; body: Buffer }> {
    const cov = await this.coverage(actor, documentId, orgId);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    wb.creator = 'Kỷ Cương';
    const pct = (v: number | null) => (v === null ? '' : v / 100);
    const units = wb.addWorksheet('Theo đơn vị');
    units.addRow([`Kết quả quán triệt ${cov.documentNumber ?? ''} — ${cov.documentTitle}`]).font = { bold: true };
    units.addRow([`Đơn vị: ${cov.org.name}`]);
    units.addRow([]);
    const header = units.addRow(['Đơn vị', 'Số người phải quán triệt', 'Đã dự hội nghị', 'Tỷ lệ dự', 'Đã quán triệt', 'Tỷ lệ quán triệt']);
    header.font = { bold: true };
    const line = (name: string, c: Coverage['totals']) => {
      const r = units.addRow([name, c.expected, c.attended, pct(c.attendedPercent), c.acknowledged, pct(c.acknowledgedPercent)]);
      r.getCell(4).numFmt = '0.0%';
      r.getCell(6).numFmt = '0.0%';
      return r;
    };
    for (const u of cov.units) line(u.orgName, u);
    if (cov.direct.expected) line(`${cov.org.name} (trực tiếp)`, cov.direct);
    line('Tổng cộng', cov.totals).font = { bold: true };
    units.columns.forEach((col, i) => (col.width = i === 0 ? 60 : 18));
    const miss = wb.addWorksheet('Chưa quán triệt');
    miss.addRow(['STT', 'Họ và tên', 'Đơn vị', 'Đã dự hội nghị']).font = { bold: true };
    let n = 0;
    for (let page = 1; ; page++) {
      const res = await this.missing(actor, documentId, { orgId: cov.org.id, page, pageSize: 200 });
      for (const p of res.items) miss.addRow([++n, p.fullName, p.orgName, p.attended ? 'Có' : 'Không']);
      if (page * 200 >= res.total) break;
    }
    miss.columns.forEach((col, i) => (col.width = [6, 32, 60, 16][i] ?? 16));
    const body = Buffer.from(await wb.xlsx.writeBuffer());
    const safe = (cov.documentNumber ?? 'van-ban').replace(/[^A-Za-z0-9-]+/g, '-');
    return { filename: `quan-triet-${safe}.xlsx`, body };
  }
}

function viDay(date: string): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

/** The daily job closing conferences of past days: absentees get their catch-up task even if nobody closed it. */
export const DISSEMINATION_SWEEP_JOB = 'dissemination.close_past';

registerHandler(
  DISSEMINATION_SWEEP_JOB,
  async (_payload, ctx) => {
    const closed = await new DisseminationService(ctx.app).closeOverdue(new Date(ctx.job.runAt));
    ctx.log.info({ closed }, 'past conferences closed');
  },
  { maxAttempts: 5, backoffBaseMs: 60_000 },
);

// Before the task sweep (06:30), so new catch-up tasks are reminded the same morning.
registerRecurring({ type: DISSEMINATION_SWEEP_JOB, rule: { dailyAt: '06:15', timeZone: 'Asia/Ho_Chi_Minh' } });
