import {
  DOCUMENT_TYPE_INFO,
  defaultIssuerCode,
  isEmptyScope,
  effectiveDueDate,
  foldForSearch,
  numberMismatch,
  numberingPeriod,
  parseDocumentNumber,
  periodLabel,
  proposeNextNumber,
  styleOfOrgKind,
  typeCodeOf,
  type DocumentCreate,
  type DocumentDetail,
  type DocumentIssue,
  type DocumentListQuery,
  type DocumentRef,
  type DocumentStatus,
  type DocumentSummary,
  type DocumentType,
  type DocumentUpdate,
  type NextNumberQuery,
  type NumberStyle,
  type NumberingSettingsUpdate,
  type ResponseState,
  type TaskGroupCreate,
  type TaskGroupUpdate,
  type z,
} from '@kycuong/domain';
import type { Kysely, Transaction } from 'kysely';
import type { AppContext } from '../../context';
import { bool, isUniqueViolation, nowIso } from '../../db/dialect';
import type { Database, DocumentsTable } from '../../db/schema';
import { canIn, scopeOf, type Actor } from '../../platform/access';
import { loadSnapshot, registerAuditedEntity } from '../../platform/audit';
import { AppError, errors } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { SettingsRepository } from '../settings/settings.repository';
import type { TaskService } from '../tasks/tasks.service';
import { assertAttachable, readFile } from './attachments';
import { DocumentRepository, ancestorPaths, type DocumentView } from './documents.repository';
import { toFileInfo } from './files.repository';

registerAuditedEntity('document', { table: 'documents', booleans: [] });
registerAuditedEntity('task_group', { table: 'document_task_groups', booleans: [] });
registerAuditedEntity('document_recipient', { table: 'document_recipients', booleans: [] });

export const NUMBERING_SETTINGS_KEY = 'documents.numbering';

export interface NumberingSettingsValue {
  partyTermStarts: string[];
  orgTermStarts: Record<string, string[]>;
  issuerCodes: Record<string, string>;
}

/**
 * Default Party term starts (grassroots congresses precede the city's: 2015, 2020, 2025). The
 * exact day differs per committee — an administrator sets it per org (verify against each
 * committee's congress resolution).
 */
export const DEFAULT_NUMBERING: NumberingSettingsValue = {
  partyTermStarts: ['2010-07-01', '2015-07-01', '2020-07-01', '2025-07-01'],
  orgTermStarts: {},
  issuerCodes: {},
};

const vi = (actor: Actor, viText: string, en: string) => (actor.locale === 'en' ? en : viText);

function toRef(
  d: Pick<DocumentsTable, 'id' | 'type' | 'number_text' | 'title' | 'issuing_org_id' | 'issued_on' | 'status'> & {
    issuing_org_name: string;
  },
): DocumentRef {
  return {
    id: d.id,
    type: d.type as DocumentType,
    number: d.number_text,
    title: d.title,
    issuingOrgId: d.issuing_org_id,
    issuingOrgName: d.issuing_org_name,
    issuedOn: d.issued_on,
    status: d.status as DocumentStatus,
  };
}

function toSummary(d: DocumentView): DocumentSummary {
  return {
    ...toRef(d),
    style: d.style as NumberStyle,
    implementsId: d.implements_id,
    implementsNumber: d.implements_number,
    taskCount: d.task_count,
    version: d.version,
    updatedAt: d.updated_at,
  };
}

const searchText = (d: { number_text: string | null; title: string; summary: string | null; type: string }) =>
  foldForSearch([d.number_text, DOCUMENT_TYPE_INFO[d.type as DocumentType]?.vi, d.title, d.summary].filter(Boolean).join(' '));

/**
 * Directing documents: the registry (scoped in SQL to the reader's subtree and what binds it from
 * above), official numbers validated and proposed, task groups, attachments, and the cascade —
 * issuing a directive to units creates each unit's task to issue its own plan or report.
 */
export class DocumentService {
  constructor(
    private readonly ctx: AppContext,
    private readonly tasks: TaskService,
  ) {}

  private repo(db: Kysely<Database> = this.ctx.db) {
    return new DocumentRepository(db);
  }

  private scopes(actor: Actor) {
    return { read: scopeOf(actor, 'document.read'), manage: scopeOf(actor, 'document.manage') };
  }

  async numbering(db: Kysely<Database> = this.ctx.db) {
    const s = await new SettingsRepository(db).get<Partial<NumberingSettingsValue>>(NUMBERING_SETTINGS_KEY, {});
    return { value: { ...DEFAULT_NUMBERING, ...s.value }, version: s.version };
  }

  async list(actor: Actor, q: z.infer<typeof DocumentListQuery>) {
    const { read, manage } = this.scopes(actor);
    const { rows, total } = await this.repo().list({
      read,
      manage,
      foldedQuery: q.q ? foldForSearch(q.q) : undefined,
      type: q.type,
      status: q.status,
      issuingOrgId: q.issuingOrgId,
      implementsId: q.implementsId,
      issuedFrom: q.issuedFrom,
      issuedTo: q.issuedTo,
      sort: q.sort,
      limit: q.pageSize,
      offset: (q.page - 1) * q.pageSize,
    });
    return { items: rows.map(toSummary), total, page: q.page, pageSize: q.pageSize };
  }

  /** A visible document (404 otherwise) and whether the actor may manage it. */
  private async visible(actor: Actor, id: string) {
    const { read, manage } = this.scopes(actor);
    const d = await this.repo().findById(id);
    if (!d || !(await this.repo().isVisible(id, read, manage))) throw errors.notFound();
    return { d, canManage: canIn(actor, 'document.manage', d.issuing_org_path) };
  }

  private async manageable(actor: Actor, id: string) {
    const v = await this.visible(actor, id);
    if (!v.canManage) throw errors.forbidden();
    return v.d;
  }

  async get(actor: Actor, id: string): Promise<DocumentDetail> {
    const { d, canManage } = await this.visible(actor, id);
    const repo = this.repo();
    const today = this.tasks.today();
    const cal = await this.tasks.calendar();
    const { read, manage } = this.scopes(actor);
    const [files, groups, implementedBy, allRecipients, stats, implemented] = await Promise.all([
      repo.files(id),
      repo.groups(id),
      repo.implementedBy(id, read, manage),
      repo.recipients(id),
      repo.taskClassCounts(id, today),
      d.implements_id ? repo.findById(d.implements_id) : Promise.resolve(undefined),
    ]);
    // The issuer's managers follow every recipient; others only the units at, above or under their own.
    const above = new Set(ancestorPaths(read));
    const recipients = canManage
      ? allRecipients
      : allRecipients.filter((r) => canIn(actor, 'document.read', r.org_path) || above.has(r.org_path));
    const implementsVisible = implemented && (await repo.isVisible(implemented.id, read, manage)) ? implemented : undefined;
    const plans = implementedBy.filter((p) => p.status === 'issued' || p.status === 'superseded');
    const recipientViews = recipients.map((r) => {
      const plan = plans
        .filter((p) => p.issuing_org_id === r.org_id && p.issued_on)
        .sort((a, b) => (a.issued_on! < b.issued_on! ? -1 : 1))[0];
      const taskDone = r.task_status === 'done' ? r.task_completed_on : null;
      const candidates = [plan?.issued_on ?? null, taskDone].filter((x): x is string => !!x).sort();
      const respondedOn = candidates[0] ?? null;
      const due = effectiveDueDate(r.response_due, cal);
      const state: ResponseState = respondedOn ? (respondedOn <= due ? 'on_time' : 'late') : today > due ? 'overdue' : 'pending';
      return {
        orgId: r.org_id,
        orgName: r.org_name,
        issuedOn: r.issued_on,
        responseKind: r.response_kind as 'plan' | 'report',
        responseDue: r.response_due,
        taskId: r.task_id,
        taskStatus: r.task_status,
        state,
        respondedOn,
        respondedVia: respondedOn === null ? null : plan?.issued_on === respondedOn ? ('plan' as const) : ('task' as const),
        plan: plan ? toRef(plan) : null,
      };
    });
    const directing = DOCUMENT_TYPE_INFO[d.type as DocumentType]?.directing === true;
    const actions: DocumentDetail['allowedActions'] = [];
    if (canManage) actions.push('edit');
    if (canManage && directing && d.status !== 'superseded') actions.push('issue');
    if (canManage) actions.push('manage_groups');
    if (d.status !== 'draft' && !isEmptyScope(scopeOf(actor, 'task.assign'))) actions.push('create_task');
    return {
      ...toSummary(d),
      summary: d.summary,
      signer: d.signer,
      attachments: files.map(toFileInfo),
      groups: groups.map((g) => ({
        id: g.id,
        documentId: g.document_id,
        position: g.position,
        code: g.code,
        title: g.title,
        note: g.note,
        taskCount: Number(g.task_count ?? 0),
        version: g.version,
      })),
      implements: implementsVisible ? toRef(implementsVisible) : null,
      implementedBy: implementedBy.map(toRef),
      recipients: recipientViews,
      taskStats: stats,
      allowedActions: actions,
    };
  }

  /** Number fields from the text typed (or proposed), validated against the document's style and kind. */
  private async numberFields(
    actor: Actor,
    db: Kysely<Database>,
    input: {
      number: string | null | undefined;
      autoNumber?: boolean;
      style: NumberStyle;
      type: DocumentType;
      orgId: string;
      orgKind: string;
      orgCode: string;
      date: string;
    },
  ): Promise<Pick<DocumentsTable, 'type_code' | 'issuer_code' | 'number_text' | 'number_seq' | 'number_year' | 'number_period'>> {
    const settings = (await this.numbering(db)).value;
    const terms = settings.orgTermStarts[input.orgId] ?? settings.partyTermStarts;
    const period = numberingPeriod(input.style, input.date, terms);
    if (input.autoNumber && !input.number) {
      const next = await this.propose(db, input.orgId, input.orgKind, input.orgCode, input.style, input.type, input.date);
      const parsed = parseDocumentNumber(next.number);
      if (!parsed.ok) throw errors.invalidField('number', parsed.message, 'format');
      return {
        type_code: parsed.value.typeCode,
        issuer_code: parsed.value.issuerCode,
        number_text: parsed.value.text,
        number_seq: parsed.value.seq,
        number_year: parsed.value.year,
        number_period: period,
      };
    }
    if (!input.number)
      return {
        type_code: typeCodeOf(input.type, input.style),
        issuer_code: null,
        number_text: null,
        number_seq: null,
        number_year: null,
        number_period: null,
      };
    const parsed = parseDocumentNumber(input.number);
    if (!parsed.ok) throw errors.invalidField('number', parsed.message, 'format');
    const mismatch = numberMismatch(parsed.value, input.style, input.type);
    if (mismatch) throw errors.invalidField('number', mismatch, 'mismatch');
    return {
      type_code: parsed.value.typeCode,
      issuer_code: parsed.value.issuerCode,
      number_text: parsed.value.text,
      number_seq: parsed.value.seq,
      number_year: parsed.value.year,
      number_period: period,
    };
  }

  private async propose(
    db: Kysely<Database>,
    orgId: string,
    orgKind: string,
    orgCode: string,
    style: NumberStyle,
    type: DocumentType,
    date: string,
  ) {
    const repo = this.repo(db);
    const settings = (await this.numbering(db)).value;
    const terms = settings.orgTermStarts[orgId] ?? settings.partyTermStarts;
    const period = numberingPeriod(style, date, terms);
    const typeCode = typeCodeOf(type, style);
    const issuerCode = settings.issuerCodes[orgId] ?? (await repo.lastIssuerCode(orgId, style)) ?? defaultIssuerCode(orgKind, orgCode);
    const last = await repo.lastInSeries(orgId, typeCode, type, period);
    const next = proposeNextNumber({ style, type, issuerCode, maxSeq: last?.number_seq ?? 0, date });
    return {
      number: next.text,
      seq: next.seq,
      style,
      typeCode: next.typeCode,
      issuerCode,
      period,
      periodLabel: periodLabel(period),
      lastNumber: last?.number_text ?? null,
    };
  }

  /** The next official number of a series (issuing org, type, term or year). */
  async nextNumber(actor: Actor, q: z.infer<typeof NextNumberQuery>) {
    const org = await this.ctx.db.selectFrom('orgs').select(['id', 'path', 'kind', 'code']).where('id', '=', q.orgId).executeTakeFirst();
    if (!org || !(canIn(actor, 'document.read', org.path) || canIn(actor, 'document.manage', org.path))) throw errors.notFound();
    if (!canIn(actor, 'document.manage', org.path)) throw errors.forbidden();
    const style = q.style ?? styleOfOrgKind(org.kind);
    if (style === 'party' && !typeCodeOf(q.type, 'party'))
      throw errors.invalidField('type', vi(actor, 'Đảng không ban hành loại văn bản này', 'The Party does not issue this kind'), 'style');
    return this.propose(this.ctx.db, org.id, org.kind, org.code, style, q.type, q.date ?? this.tasks.today());
  }

  private async issuingOrg(actor: Actor, orgId: string) {
    const org = await this.ctx.db
      .selectFrom('orgs')
      .select(['id', 'path', 'kind', 'code', 'name', 'active'])
      .where('id', '=', orgId)
      .executeTakeFirst();
    // As for every reference to an org: unseen answers like missing (404), seen but not managed 403.
    if (!org || !(canIn(actor, 'org.read', org.path) || canIn(actor, 'document.read', org.path))) throw errors.notFound();
    if (!canIn(actor, 'document.manage', org.path)) throw errors.forbidden();
    return org;
  }

  private async checkImplements(actor: Actor, implementsId: string | null | undefined, selfId?: string) {
    if (!implementsId) return;
    const { read, manage } = this.scopes(actor);
    if (implementsId === selfId || !(await this.repo().isVisible(implementsId, read, manage))) {
      throw errors.invalidField(
        'implementsId',
        vi(actor, 'Không tìm thấy văn bản được thực hiện', 'Unknown implemented document'),
        'not_found',
      );
    }
  }

  async create(actor: Actor, input: DocumentCreate): Promise<DocumentDetail> {
    const org = await this.issuingOrg(actor, input.issuingOrgId);
    const style = input.style ?? styleOfOrgKind(org.kind);
    if (style === 'party' && !typeCodeOf(input.type, 'party') && input.type !== 'khac') {
      throw errors.invalidField('type', vi(actor, 'Đảng không ban hành loại văn bản này', 'The Party does not issue this kind'), 'style');
    }
    await this.checkImplements(actor, input.implementsId);
    await assertAttachable(this.ctx.db, actor, input.fileIds, new Set());
    if (input.status === 'issued' && !input.issuedOn)
      throw errors.invalidField(
        'issuedOn',
        vi(actor, 'Văn bản đã ban hành cần ngày ban hành', 'An issued document needs its date'),
        'required',
      );
    if (input.status === 'issued' && !input.number && !input.autoNumber)
      throw errors.invalidField(
        'number',
        vi(actor, 'Văn bản đã ban hành cần số, ký hiệu', 'An issued document needs its number'),
        'required',
      );
    const id = newId();
    const now = nowIso();
    await this.ctx.db.transaction().execute(async (trx) => {
      const nums = await this.numberFields(actor, trx, {
        number: input.number,
        autoNumber: input.autoNumber,
        style,
        type: input.type,
        orgId: org.id,
        orgKind: org.kind,
        orgCode: org.code,
        date: input.issuedOn ?? this.tasks.today(),
      });
      const row: DocumentsTable = {
        id,
        style,
        type: input.type,
        ...nums,
        issuing_org_id: org.id,
        issued_on: input.issuedOn ?? null,
        title: input.title,
        summary: input.summary ?? null,
        signer: input.signer ?? null,
        status: input.status,
        implements_id: input.implementsId ?? null,
        search_text: '',
        created_by_user_id: actor.userId,
        version: 1,
        created_at: now,
        updated_at: now,
      };
      row.search_text = searchText(row);
      try {
        await this.repo(trx).insert(row);
      } catch (err) {
        if (isUniqueViolation(err)) throw numberTaken(actor);
        throw err;
      }
      await this.repo(trx).replaceFiles(id, input.fileIds);
      await this.ctx.audit.record(trx, {
        actorUserId: actor.userId,
        action: 'document.create',
        entityType: 'document',
        entityId: id,
        orgId: org.id,
        before: null,
      });
      let position = 0;
      for (const g of input.groups) await this.insertGroup(trx, actor, id, org.id, { ...g, position: (position += 10) });
    });
    return this.get(actor, id);
  }

  async update(actor: Actor, id: string, input: DocumentUpdate): Promise<DocumentDetail> {
    const d = await this.manageable(actor, id);
    const org = await this.issuingOrg(actor, d.issuing_org_id);
    await this.checkImplements(actor, input.implementsId, id);
    if (input.fileIds) await assertAttachable(this.ctx.db, actor, input.fileIds, new Set((await this.repo().files(id)).map((f) => f.id)));
    const status = (input.status ?? d.status) as DocumentStatus;
    const allowed: Record<DocumentStatus, DocumentStatus[]> = {
      draft: ['draft', 'issued'],
      issued: ['issued', 'superseded'],
      superseded: ['superseded', 'issued'],
    };
    if (!allowed[d.status as DocumentStatus].includes(status))
      throw errors.invalidField('status', vi(actor, 'Không chuyển được sang trạng thái này', 'Status change not allowed'), 'transition');
    const type = input.type ?? (d.type as DocumentType);
    const issuedOn = input.issuedOn === undefined ? d.issued_on : input.issuedOn;
    const numberText = input.number === undefined ? d.number_text : input.number;
    if (status !== 'draft' && !issuedOn)
      throw errors.invalidField(
        'issuedOn',
        vi(actor, 'Văn bản đã ban hành cần ngày ban hành', 'An issued document needs its date'),
        'required',
      );
    if (status !== 'draft' && !numberText)
      throw errors.invalidField(
        'number',
        vi(actor, 'Văn bản đã ban hành cần số, ký hiệu', 'An issued document needs its number'),
        'required',
      );
    await this.ctx.db.transaction().execute(async (trx) => {
      const before = await loadSnapshot(trx, 'document', id);
      const nums = await this.numberFields(actor, trx, {
        number: numberText,
        style: d.style as NumberStyle,
        type,
        orgId: org.id,
        orgKind: org.kind,
        orgCode: org.code,
        date: issuedOn ?? this.tasks.today(),
      });
      const next = {
        type,
        ...nums,
        issued_on: issuedOn,
        title: input.title ?? d.title,
        summary: input.summary === undefined ? d.summary : (input.summary ?? null),
        signer: input.signer === undefined ? d.signer : (input.signer ?? null),
        status,
        implements_id: input.implementsId === undefined ? d.implements_id : (input.implementsId ?? null),
        updated_at: nowIso(),
      };
      let ok: boolean;
      try {
        ok = await this.repo(trx).update(id, input.version, { ...next, search_text: searchText({ ...next }) });
      } catch (err) {
        if (isUniqueViolation(err)) throw numberTaken(actor);
        throw err;
      }
      if (!ok) throw errors.versionConflict();
      if (input.fileIds) await this.repo(trx).replaceFiles(id, input.fileIds);
      await this.ctx.audit.record(trx, {
        actorUserId: actor.userId,
        action: status !== d.status ? `document.${status}` : 'document.update',
        entityType: 'document',
        entityId: id,
        orgId: d.issuing_org_id,
        before,
      });
    });
    return this.get(actor, id);
  }

  /**
   * Issues a directing document to units (the cascade): records each recipient and gives it a
   * task to issue its implementing plan (or report) within the response deadline. Units already
   * recipients are skipped, so issuing to more units later is the same call.
   */
  async issue(actor: Actor, id: string, input: DocumentIssue): Promise<DocumentDetail> {
    const d = await this.manageable(actor, id);
    if (DOCUMENT_TYPE_INFO[d.type as DocumentType]?.directing !== true)
      throw errors.invalidField(
        'type',
        vi(actor, 'Loại văn bản này không giao nhiệm vụ cho đơn vị', 'This kind of document does not direct units'),
        'not_directing',
      );
    if (d.status === 'superseded')
      throw new AppError('conflict', 409, { detail: vi(actor, 'văn bản đã được thay thế', 'the document is superseded') });
    if (!d.number_text || !d.issued_on)
      throw errors.invalidField(
        'number',
        vi(actor, 'Cần số, ký hiệu và ngày ban hành trước khi ban hành', 'Number and date are needed before issuing'),
        'required',
      );
    if (input.version !== d.version) throw errors.versionConflict();
    if (!input.responseWorkingDays && !input.responseDeadline)
      throw errors.invalidField(
        'responseWorkingDays',
        vi(actor, 'Nhập số ngày làm việc hoặc hạn trả lời', 'Give working days or a response date'),
        'required',
      );
    const orgs = await this.repo().orgsByIds(input.recipientOrgIds);
    const byId = new Map(orgs.map((o) => [o.id, o]));
    for (const [i, oid] of input.recipientOrgIds.entries()) {
      const o = byId.get(oid);
      const reachable =
        o &&
        bool(o.active) &&
        (o.path.startsWith(d.issuing_org_path) || canIn(actor, 'task.assign', o.path) || canIn(actor, 'document.manage', o.path));
      if (!reachable)
        throw errors.invalidField(
          `recipientOrgIds.${i}`,
          vi(actor, 'Không tìm thấy đơn vị nhận hoặc đơn vị ngoài phạm vi', 'Unknown or unreachable unit'),
          'scope',
        );
    }
    const cal = await this.tasks.calendar();
    const today = this.tasks.today();
    const due = input.responseDeadline ?? cal.addWorkingDays(today, input.responseWorkingDays!);
    const typeVi = DOCUMENT_TYPE_INFO[d.type as DocumentType].vi;
    const verb = input.responseKind === 'plan' ? 'Xây dựng kế hoạch thực hiện' : 'Báo cáo kết quả thực hiện';
    const title = input.taskTitle ?? `${verb} ${typeVi} số ${d.number_text} ngày ${viDay(d.issued_on)} của ${d.issuing_org_name}`;
    await this.ctx.db.transaction().execute(async (trx) => {
      const before = await loadSnapshot(trx, 'document', id);
      const repo = this.repo(trx);
      if (!(await repo.update(id, d.version, { status: 'issued', updated_at: nowIso() }))) throw errors.versionConflict();
      const existing = await repo.recipientOrgIds(id);
      for (const oid of [...new Set(input.recipientOrgIds)]) {
        if (existing.has(oid)) continue;
        const taskId = await this.tasks.insertTask(trx, actor, {
          title,
          description: d.summary,
          source: 'cascade',
          documentId: id,
          groupId: null,
          parentId: null,
          assignerOrgId: d.issuing_org_id,
          assignerPersonId: actor.personId,
          lead: { orgId: oid, personId: null },
          coordinators: [],
          deadline: due,
          priority: 'normal',
          weight: 1,
          recurrence: 'none',
          seriesId: null,
          seriesIndex: null,
          recurrenceUntil: null,
          periodLabel: null,
        });
        const rid = newId();
        await repo.insertRecipient({
          id: rid,
          document_id: id,
          org_id: oid,
          issued_on: today,
          response_kind: input.responseKind,
          response_due: due,
          task_id: taskId,
          created_at: nowIso(),
        });
        await this.ctx.audit.record(trx, {
          actorUserId: actor.userId,
          action: 'document_recipient.create',
          entityType: 'document_recipient',
          entityId: rid,
          orgId: oid,
          before: null,
        });
      }
      await this.ctx.audit.record(trx, {
        actorUserId: actor.userId,
        action: 'document.issue',
        entityType: 'document',
        entityId: id,
        orgId: d.issuing_org_id,
        before,
      });
    });
    return this.get(actor, id);
  }

  private async insertGroup(
    trx: Transaction<Database>,
    actor: Actor,
    documentId: string,
    orgId: string,
    g: z.infer<typeof TaskGroupCreate>,
  ) {
    const gid = newId();
    const now = nowIso();
    const position = g.position ?? (await this.repo(trx).maxGroupPosition(documentId)) + 10;
    await this.repo(trx).insertGroup({
      id: gid,
      document_id: documentId,
      position,
      code: g.code,
      title: g.title,
      note: g.note ?? null,
      version: 1,
      created_at: now,
      updated_at: now,
    });
    await this.ctx.audit.record(trx, {
      actorUserId: actor.userId,
      action: 'task_group.create',
      entityType: 'task_group',
      entityId: gid,
      orgId,
      before: null,
    });
    return gid;
  }

  async addGroup(actor: Actor, documentId: string, input: z.infer<typeof TaskGroupCreate>) {
    const d = await this.manageable(actor, documentId);
    await this.ctx.db.transaction().execute((trx) => this.insertGroup(trx, actor, documentId, d.issuing_org_id, input));
    return this.get(actor, documentId);
  }

  async updateGroup(actor: Actor, groupId: string, input: z.infer<typeof TaskGroupUpdate>) {
    const g = await this.repo().findGroup(groupId);
    if (!g) throw errors.notFound();
    const d = await this.manageable(actor, g.document_id);
    await this.ctx.db.transaction().execute(async (trx) => {
      const before = await loadSnapshot(trx, 'task_group', groupId);
      const ok = await this.repo(trx).updateGroup(groupId, input.version, {
        ...(input.code !== undefined ? { code: input.code } : {}),
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.note !== undefined ? { note: input.note ?? null } : {}),
        ...(input.position !== undefined ? { position: input.position } : {}),
        updated_at: nowIso(),
      });
      if (!ok) throw errors.versionConflict();
      await this.ctx.audit.record(trx, {
        actorUserId: actor.userId,
        action: 'task_group.update',
        entityType: 'task_group',
        entityId: groupId,
        orgId: d.issuing_org_id,
        before,
      });
    });
    return this.get(actor, g.document_id);
  }

  async file(actor: Actor, id: string, fileId: string) {
    await this.visible(actor, id);
    if (!(await this.repo().hasFile(id, fileId))) throw errors.notFound();
    return readFile(this.ctx, fileId);
  }

  async getNumberingSettings(actor: Actor) {
    if (isEmptyScope(scopeOf(actor, 'document.manage')) && isEmptyScope(scopeOf(actor, 'system.configure'))) throw errors.notFound();
    const s = await this.numbering();
    return { ...s.value, version: s.version };
  }

  async putNumberingSettings(actor: Actor, input: z.infer<typeof NumberingSettingsUpdate>) {
    if (!scopeOf(actor, 'system.configure').all) throw errors.notFound();
    const value: NumberingSettingsValue = {
      partyTermStarts: [...input.partyTermStarts].sort(),
      orgTermStarts: input.orgTermStarts,
      issuerCodes: input.issuerCodes,
    };
    await this.ctx.db.transaction().execute(async (trx) => {
      const before = await loadSnapshot(trx, 'setting', NUMBERING_SETTINGS_KEY);
      if (!(await new SettingsRepository(trx).put(NUMBERING_SETTINGS_KEY, value, input.version, nowIso()))) throw errors.versionConflict();
      await this.ctx.audit.record(trx, {
        actorUserId: actor.userId,
        action: 'settings.documents_numbering',
        entityType: 'setting',
        entityId: NUMBERING_SETTINGS_KEY,
        before,
      });
    });
    return this.getNumberingSettings(actor);
  }
}

function numberTaken(actor: Actor) {
  return new AppError('conflict', 409, { detail: vi(actor, 'số văn bản đã được dùng', 'number already used') }, [
    {
      path: 'number',
      message: vi(actor, 'Số, ký hiệu này đã có trong kỳ đánh số của đơn vị', 'This number is already used in the series'),
      code: 'duplicate',
    },
  ]);
}

function viDay(date: string | null): string {
  return date ? `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}` : '';
}
