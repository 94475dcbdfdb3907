import {
  CASE_ACTION_LABELS,
  ORG_KIND_LABELS,
  PUBLICATION_FIELD_LABELS,
  SANCTION_FORM_LABELS,
  SUBJECT_VISIBLE_STATUSES,
  addMonthsClamped,
  addWorkingDays,
  availableActions,
  caseWarnings,
  categoryFitsPerson,
  checkSanction,
  decisionDeadline,
  formIn,
  isEmptyScope,
  limitationPeriod,
  nextStatus,
  personCategoryOnTrack,
  raiseOneLevel,
  regimeFor,
  type Calendar,
  type CaseCreate,
  type CaseDetail,
  type CaseOutcome,
  type CaseSource,
  type CaseState,
  type CaseStatus,
  type CaseTransition,
  type DisciplineTrack,
  type OrgKind,
  type PersonCategory,
  type RegimeCategory,
  type SanctionForm,
  type SanctionRegime,
  type Severity,
  type z,
  type CaseListQuery,
  type CaseStatsQuery,
  type CaseAllowedAction,
  type CasePublicationUpdate,
  type PublicationFieldSchema,
  type CaseDocumentRef,
} from '@kycuong/domain';
import { sql, type Transaction } from 'kysely';
import type { AppContext } from '../../context';
import { bool, isUniqueViolation, nowIso } from '../../db/dialect';
import type { Database } from '../../db/schema';
import { assertInScope, canIn, scopeOf, type Actor } from '../../platform/access';
import { loadSnapshot, registerAuditedEntity } from '../../platform/audit';
import { AppError, errors, type FieldError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { loadCalendar } from '../calendar/calendar.service';
import { CatalogueRepository } from '../catalogues/catalogues.repository';
import { DisciplineRepository } from '../discipline/discipline.repository';
import { today, toDisciplineRecord } from '../discipline/discipline.service';
import { loadRegimes } from '../discipline/regimes';
import { notify } from '../notifications/notifications.service';
import { OrgRepository } from '../orgs/orgs.repository';
import { PeopleRepository } from '../people/people.repository';
import { CaseRepository, type CaseRow } from './cases.repository';
import { existingIds, hasTable } from './optional-tables';

registerAuditedEntity('case', { table: 'cases', booleans: ['deadline_extended', 'published'] });
registerAuditedEntity('case_item', { table: 'case_items', booleans: [] });
registerAuditedEntity('case_task', { table: 'case_tasks', booleans: [] });
registerAuditedEntity('case_step', { table: 'case_steps', booleans: [] });
registerAuditedEntity('case_member', { table: 'case_members', booleans: [] });

type PublicationField = z.infer<typeof PublicationFieldSchema>;
type Db = AppContext['db'] | Transaction<Database>;

/** How the actor relates to a case they may read. */
type Relation = 'inspector' | 'member' | 'subject';

interface SubjectFacts {
  categories: PersonCategory[];
  holdsPost: boolean;
  /** Party organisation (org subjects on the Party line). */
  partyOrg: boolean;
}

const SIGNAL_EVIDENCE_MAX = 200_000;

const fieldError = (fields: FieldError[]) => new AppError('validation_failed', 400, {}, fields);
const msg = (actor: Actor, vi: string, en: string) => (actor.locale === 'en' ? en : vi);

/** Violation cases: intake, verification, conclusion, sanction and closing; readers; explanation; publication. */
export class CaseService {
  constructor(private readonly ctx: AppContext) {}

  private repo(db: Db = this.ctx.db) {
    return new CaseRepository(db);
  }

  // ----- access ---------------------------------------------------------------------------------

  /** The case and how the actor relates to it; 404 for anyone else (and for the subject before conclusion). */
  private async visible(actor: Actor, id: string): Promise<{ row: CaseRow; relation: Relation; canManage: boolean }> {
    const row = await this.repo().findById(id);
    if (!row) throw errors.notFound();
    const isSubject = actor.personId !== null && row.subject_person_id === actor.personId;
    const subjectMayRead = SUBJECT_VISIBLE_STATUSES.includes(row.status as CaseStatus);
    if (isSubject && !subjectMayRead) throw errors.notFound();
    if (canIn(actor, 'case.read', row.org_path)) {
      // The subject never handles their own case, even when they hold an inspection role.
      return { row, relation: 'inspector', canManage: !isSubject && canIn(actor, 'case.manage', row.org_path) };
    }
    if (actor.personId && (await this.repo().isMember(id, actor.personId))) return { row, relation: 'member', canManage: false };
    if (isSubject) return { row, relation: 'subject', canManage: false };
    throw errors.notFound();
  }

  private async manageable(actor: Actor, id: string) {
    const v = await this.visible(actor, id);
    if (!v.canManage) throw errors.forbidden();
    return v;
  }

  // ----- facts about the subject ---------------------------------------------------------------

  private async subjectFacts(row: Pick<CaseRow, 'subject_person_id' | 'org_kind'>): Promise<SubjectFacts> {
    if (!row.subject_person_id) {
      return { categories: [], holdsPost: false, partyOrg: ORG_KIND_LABELS[row.org_kind as OrgKind]?.line === 'party' };
    }
    const people = new PeopleRepository(this.ctx.db);
    const person = await people.findById(row.subject_person_id);
    const memberships = await people.membershipsOf(row.subject_person_id);
    return {
      categories: person ? (JSON.parse(person.categories) as PersonCategory[]) : [],
      holdsPost: memberships.some((m) => bool(m.is_head) || bool(m.is_deputy)),
      partyOrg: false,
    };
  }

  /** The subject's category on each track it is on. */
  private tracks(facts: SubjectFacts, isOrg: boolean): { track: DisciplineTrack; category: RegimeCategory }[] {
    if (isOrg) return facts.partyOrg ? [{ track: 'party', category: 'party_org' }] : [];
    const out: { track: DisciplineTrack; category: RegimeCategory }[] = [];
    for (const track of ['party', 'state'] as const) {
      const category = personCategoryOnTrack(facts.categories, track);
      if (category) out.push({ track, category });
    }
    return out;
  }

  /** The statutory deadline to decide: set by the State regime of the subject on the detection date. */
  private deadlineOf(
    row: CaseRow,
    tracks: { track: DisciplineTrack; category: RegimeCategory }[],
    regimes: SanctionRegime[],
    cal: Calendar,
  ) {
    const state = tracks.find((t) => t.track === 'state');
    if (!state) return null;
    const regime = regimeFor(regimes, state.category, row.received_date);
    return regime ? decisionDeadline(regime, row.received_date, bool(row.deadline_extended), cal) : null;
  }

  private explanationOpen(row: CaseRow, on: string): boolean {
    return (
      row.explanation_requested_date !== null &&
      row.explanation_submitted_at === null &&
      row.explanation_due_date !== null &&
      on <= row.explanation_due_date
    );
  }

  private async explainers(row: CaseRow): Promise<string[]> {
    if (row.subject_person_id) return [row.subject_person_id];
    return this.repo().headsOf(row.org_id);
  }

  // ----- reads ----------------------------------------------------------------------------------

  async list(actor: Actor, q: z.infer<typeof CaseListQuery>) {
    let orgPath: string | undefined;
    if (q.orgId) {
      const org = await new OrgRepository(this.ctx.db).findById(q.orgId);
      assertInScope(actor, 'org.read', org?.path);
      orgPath = org!.path;
    }
    const { rows, total } = await this.repo().list(
      { scope: scopeOf(actor, 'case.read'), personId: actor.personId },
      { orgPath, item: q.item, group: q.group, source: q.source, status: q.status, personId: q.personId, from: q.from, to: q.to },
      q.pageSize,
      (q.page - 1) * q.pageSize,
    );
    const items = await this.repo().itemsOf(rows.map((r) => r.id));
    const { regimes } = await loadRegimes(this.ctx.db);
    const cal = await loadCalendar(this.ctx.db);
    // Subjects' categories in one query: the State category sets the statutory deadline.
    const subjectIds = [...new Set(rows.map((r) => r.subject_person_id).filter((x): x is string => x !== null))];
    const categories = new Map(
      (await this.repo().categoriesOf(subjectIds)).map((p) => [p.id, JSON.parse(p.categories) as PersonCategory[]]),
    );
    const out = [];
    for (const r of rows) {
      let decisionDueDate: string | null = null;
      const undecided = r.status === 'received' || r.status === 'verifying' || (r.status === 'concluded' && r.outcome === 'violation');
      if (undecided && r.subject_person_id) {
        const category = personCategoryOnTrack(categories.get(r.subject_person_id) ?? [], 'state');
        const regime = category ? regimeFor(regimes, category, r.received_date) : undefined;
        decisionDueDate = regime ? (decisionDeadline(regime, r.received_date, bool(r.deadline_extended), cal)?.dueDate ?? null) : null;
      }
      out.push({
        id: r.id,
        title: r.title,
        subject: this.subjectOf(r),
        source: r.source as CaseSource,
        status: r.status as CaseStatus,
        outcome: r.outcome as CaseOutcome | null,
        receivedDate: r.received_date,
        items: items.filter((i) => i.case_id === r.id).map((i) => ({ code: i.item_code, groupCode: i.group_code })),
        decisionDueDate,
        updatedAt: r.updated_at,
      });
    }
    return { items: out, total, page: q.page, pageSize: q.pageSize };
  }

  private subjectOf(r: Pick<CaseRow, 'subject_kind' | 'subject_person_id' | 'subject_name' | 'org_id' | 'org_name'>) {
    return {
      kind: r.subject_kind as 'person' | 'org',
      personId: r.subject_person_id,
      name: r.subject_kind === 'org' ? r.org_name : (r.subject_name ?? ''),
      orgId: r.org_id,
      orgName: r.org_name,
    };
  }

  /** The case with its timeline, sanctions, time limits, warnings and what the actor may do next. */
  async get(actor: Actor, id: string): Promise<CaseDetail> {
    const { row, relation, canManage } = await this.visible(actor, id);
    const repo = this.repo();
    const on = today();
    const [items, steps, members, tasks, sanctions, facts, { regimes }, cal] = await Promise.all([
      repo.itemsOf([id]),
      repo.stepsOf(id),
      repo.membersOf(id),
      repo.tasksOf(id),
      new DisciplineRepository(this.ctx.db).ofCase(id),
      this.subjectFacts(row),
      loadRegimes(this.ctx.db),
      loadCalendar(this.ctx.db),
    ]);
    const tracks = this.tracks(facts, row.subject_kind === 'org');
    const deadline = this.deadlineOf(row, tracks, regimes, cal);
    const severity = (row.severity as Severity | null) ?? null;
    const limitations = [];
    if (row.violation_date) {
      const later = await repo.otherViolationDates(id, { personId: row.subject_person_id, orgId: row.org_id });
      for (const t of tracks) {
        const regime = regimeFor(regimes, t.category, row.violation_date);
        if (regime) limitations.push({ track: t.track, period: limitationPeriod(regime, severity ?? 'minor', row.violation_date, later) });
      }
    }
    // Sanctions the subject is serving when the violation was committed raise the next one.
    const running: { track: DisciplineTrack; form: SanctionForm; effectiveUntil: string | null; minimumForm: SanctionForm | undefined }[] =
      [];
    if (row.subject_person_id) {
      const onDate = row.violation_date ?? on;
      const records = (await new DisciplineRepository(this.ctx.db).ofPerson(row.subject_person_id)).filter(
        (r) => r.case_id !== id && r.decision_date <= onDate && r.effective_until !== null && onDate <= r.effective_until,
      );
      for (const r of records) {
        const t = tracks.find((x) => x.track === r.track);
        const regime = t ? regimeFor(regimes, t.category, on) : undefined;
        const form = r.form as SanctionForm;
        running.push({
          track: r.track as DisciplineTrack,
          form,
          effectiveUntil: r.effective_until,
          minimumForm: regime ? raiseOneLevel(regime, form, facts.holdsPost, r.rank) : undefined,
        });
      }
    }
    const warnings = caseWarnings({
      today: on,
      status: row.status as CaseStatus,
      outcome: row.outcome as CaseOutcome | null,
      severity,
      deadline,
      limitations,
      explanation:
        row.explanation_due_date !== null ? { dueDate: row.explanation_due_date, submitted: row.explanation_submitted_at !== null } : null,
      running,
      locale: actor.locale,
    });
    const state = this.stateOf(row, deadline !== null && !bool(row.deadline_extended) && deadline.extendedDueDate !== null, on);
    const allowed: z.infer<typeof CaseAllowedAction>[] = [];
    if (canManage) {
      allowed.push(...availableActions(state));
      allowed.push('add_member');
      if (row.source === 'citizen_report' && SUBJECT_VISIBLE_STATUSES.includes(row.status as CaseStatus)) allowed.push('publish');
    }
    if (actor.personId && this.explanationOpen(row, on) && (await this.explainers(row)).includes(actor.personId)) allowed.push('explain');
    const taskTitles = await this.taskTitles(tasks.map((t) => t.task_id));
    return {
      id: row.id,
      title: row.title,
      description: row.description,
      subject: this.subjectOf(row),
      source: row.source as CaseSource,
      sourceDetail: relation === 'subject' ? null : row.source_detail,
      status: row.status as CaseStatus,
      receivedDate: row.received_date,
      violationDate: row.violation_date,
      outcome: row.outcome as CaseOutcome | null,
      severity,
      items: items.map((i) => ({
        catalogueId: i.catalogue_id,
        catalogueVersion: i.catalogue_version,
        code: i.item_code,
        groupCode: i.group_code,
        groupTitle: i.group_title ?? i.group_code,
        title: i.item_title,
      })),
      tasks: tasks.map((t) => ({ taskId: t.task_id, title: taskTitles.get(t.task_id) ?? null })),
      signalEvidence: row.signal_evidence ? (JSON.parse(row.signal_evidence) as unknown) : null,
      steps: steps.map((s) => ({
        id: s.id,
        kind: s.kind,
        date: s.step_date,
        decisionMaker: s.decision_maker,
        decisionMakerPersonId: s.decision_maker_person_id,
        documents: JSON.parse(s.documents) as CaseDocumentRef[],
        note: s.note,
        actorName: s.actor_name ?? s.username ?? null,
        createdAt: s.created_at,
      })),
      sanctions: sanctions.map((s) => toDisciplineRecord(s, on, actor.locale)),
      deadline: deadline
        ? {
            days: deadline.days,
            dueDate: deadline.dueDate,
            extended: deadline.extended,
            extendedDueDate: deadline.extendedDueDate,
            source: deadline.source,
          }
        : null,
      limitations: limitations.map((l) => ({ track: l.track, ...l.period })),
      explanation:
        row.explanation_requested_date && row.explanation_due_date
          ? {
              requestedDate: row.explanation_requested_date,
              dueDate: row.explanation_due_date,
              text: row.explanation_text,
              submittedAt: row.explanation_submitted_at,
            }
          : null,
      publication: {
        published: bool(row.published),
        fields: JSON.parse(row.publish_fields) as PublicationField[],
        summary: row.publish_summary,
      },
      members: relation === 'subject' ? [] : members.map((m) => ({ personId: m.person_id, fullName: m.full_name })),
      warnings,
      allowedActions: allowed,
      version: row.version,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  private stateOf(row: CaseRow, extendable: boolean, on: string): CaseState {
    return {
      status: row.status as CaseStatus,
      outcome: row.outcome as CaseOutcome | null,
      extendable,
      explanationOpen: this.explanationOpen(row, on),
    };
  }

  /** Titles of linked tasks when the tasks table is installed. */
  private async taskTitles(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0 || !(await hasTable(this.ctx.db, 'tasks'))) return new Map();
    const rows = await sql<{ id: string; title: string }>`select id, title from tasks where id in (${sql.join(ids)})`.execute(this.ctx.db);
    return new Map(rows.rows.map((r) => [r.id, r.title]));
  }

  // ----- create ---------------------------------------------------------------------------------

  async create(actor: Actor, input: CaseCreate): Promise<CaseDetail> {
    if (isEmptyScope(scopeOf(actor, 'case.manage'))) throw errors.notFound();
    const on = today();
    const fields: FieldError[] = [];
    if (input.receivedDate > on)
      fields.push({ path: 'receivedDate', message: msg(actor, 'Ngày tiếp nhận ở tương lai', 'Date is in the future'), code: 'future' });
    if (input.violationDate && input.violationDate > input.receivedDate)
      fields.push({
        path: 'violationDate',
        message: msg(actor, 'Ngày vi phạm sau ngày phát hiện', 'Violation date is after the detection date'),
        code: 'after_received',
      });
    if (input.source === 'shirking_signals' && !input.taskIds?.length)
      fields.push({
        path: 'taskIds',
        message: msg(actor, 'Vụ việc từ tín hiệu né tránh cần ít nhất một nhiệm vụ', 'Cite at least one task'),
        code: 'required',
      });
    let evidence: string | null = null;
    if (input.signalEvidence !== undefined && input.signalEvidence !== null) {
      evidence = JSON.stringify(input.signalEvidence);
      if (evidence.length > SIGNAL_EVIDENCE_MAX)
        fields.push({ path: 'signalEvidence', message: msg(actor, 'Dữ liệu tín hiệu quá lớn', 'Evidence too large'), code: 'too_big' });
    }

    // The subject and the unit the case is filed under.
    let orgId: string;
    let subjectPersonId: string | null = null;
    const orgs = new OrgRepository(this.ctx.db);
    if (input.subject.kind === 'person') {
      const people = new PeopleRepository(this.ctx.db);
      const person = await people.findById(input.subject.personId);
      if (!person)
        throw fieldError([{ path: 'subject.personId', message: msg(actor, 'Không tìm thấy người', 'Unknown person'), code: 'not_found' }]);
      const memberships = await people.membershipsOf(person.id);
      const readable = memberships.filter((m) => canIn(actor, 'case.read', m.org_path));
      if (readable.length === 0) throw errors.notFound();
      const requested = input.subject.orgId;
      const chosen = requested
        ? memberships.find((m) => m.org_id === requested)
        : (readable.find((m) => bool(m.is_primary) && canIn(actor, 'case.manage', m.org_path)) ??
          readable.find((m) => canIn(actor, 'case.manage', m.org_path)));
      if (requested && !chosen)
        throw fieldError([
          {
            path: 'subject.orgId',
            message: msg(actor, 'Người này không thuộc đơn vị đã chọn', 'Not a member of that unit'),
            code: 'not_member',
          },
        ]);
      if (!chosen || !canIn(actor, 'case.read', chosen.org_path)) throw errors.notFound();
      if (!canIn(actor, 'case.manage', chosen.org_path)) throw errors.forbidden();
      orgId = chosen.org_id;
      subjectPersonId = person.id;
    } else {
      const org = await orgs.findById(input.subject.orgId);
      if (!org)
        throw fieldError([{ path: 'subject.orgId', message: msg(actor, 'Không tìm thấy đơn vị', 'Unknown org'), code: 'not_found' }]);
      assertInScope(actor, 'case.read', org.path);
      if (!canIn(actor, 'case.manage', org.path)) throw errors.forbidden();
      orgId = org.id;
    }

    // Catalogue items, resolved to the rows of the version named (or the current one).
    const catalogues = new CatalogueRepository(this.ctx.db);
    const tagged: Database['case_items'][] = [];
    const caseId = newId();
    for (const [i, ref] of input.items.entries()) {
      const cat = await catalogues.findById(ref.catalogueId);
      if (!cat) {
        fields.push({
          path: `items.${i}.catalogueId`,
          message: msg(actor, 'Không tìm thấy danh mục', 'Unknown catalogue'),
          code: 'not_found',
        });
        continue;
      }
      const version = ref.version ?? cat.current_version;
      if (version > cat.current_version) {
        fields.push({ path: `items.${i}.version`, message: msg(actor, 'Không có phiên bản này', 'No such version'), code: 'not_found' });
        continue;
      }
      const [item] = await catalogues.itemsByCode(cat.id, version, [ref.code]);
      if (!item) {
        fields.push({
          path: `items.${i}.code`,
          message: msg(
            actor,
            `Không có biểu hiện ${ref.code} trong danh mục (phiên bản ${version})`,
            `No item ${ref.code} in version ${version}`,
          ),
          code: 'not_found',
        });
        continue;
      }
      if (tagged.some((t) => t.item_id === item.id)) continue;
      tagged.push({
        id: newId(),
        case_id: caseId,
        item_id: item.id,
        catalogue_id: cat.id,
        catalogue_version: version,
        item_code: item.code,
        group_code: item.group_code,
      });
    }

    const taskIds = [...new Set(input.taskIds ?? [])];
    fields.push(...(await this.checkTasks(actor, taskIds)));
    fields.push(...(await this.checkFiles(actor, input.documents)));
    if (fields.length) throw fieldError(fields);

    const now = nowIso();
    await this.ctx.db.transaction().execute(async (trx) => {
      const repo = this.repo(trx);
      await repo.insertCase({
        id: caseId,
        org_id: orgId,
        subject_kind: input.subject.kind,
        subject_person_id: subjectPersonId,
        title: input.title,
        description: input.description ?? null,
        source: input.source,
        source_detail: input.sourceDetail ?? null,
        status: 'received',
        received_date: input.receivedDate,
        violation_date: input.violationDate ?? null,
        outcome: null,
        severity: input.severity ?? null,
        concluded_date: null,
        closed_date: null,
        deadline_extended: false,
        explanation_requested_date: null,
        explanation_due_date: null,
        explanation_note: null,
        explanation_text: null,
        explanation_submitted_at: null,
        signal_evidence: evidence,
        published: false,
        publish_fields: '[]',
        publish_summary: null,
        published_at: null,
        created_by: actor.userId,
        version: 1,
        created_at: now,
        updated_at: now,
      });
      await this.ctx.audit.record(trx, {
        actorUserId: actor.userId,
        action: 'case.create',
        entityType: 'case',
        entityId: caseId,
        orgId,
        before: null,
      });
      await repo.insertItems(tagged);
      for (const t of tagged) {
        await this.ctx.audit.record(trx, {
          actorUserId: actor.userId,
          action: 'case.tag',
          entityType: 'case_item',
          entityId: t.id,
          orgId,
          before: null,
        });
      }
      const links = taskIds.map((taskId) => ({ id: newId(), case_id: caseId, task_id: taskId, created_at: now }));
      await repo.insertTasks(links);
      for (const l of links) {
        await this.ctx.audit.record(trx, {
          actorUserId: actor.userId,
          action: 'case.cite_task',
          entityType: 'case_task',
          entityId: l.id,
          orgId,
          before: null,
        });
      }
      await this.step(trx, actor, caseId, orgId, 'received', {
        date: input.receivedDate,
        decisionMaker: input.decisionMaker,
        decisionMakerPersonId: input.decisionMakerPersonId,
        documents: input.documents,
        note: input.note,
      });
    });
    return this.get(actor, caseId);
  }

  /**
   * Tasks a case cites must exist and be readable by the actor (their assigning, lead or a
   * participating unit inside the actor's task-reading scope) when the tasks capability is
   * installed; before that they are kept as plain references.
   */
  private async checkTasks(actor: Actor, taskIds: string[]): Promise<FieldError[]> {
    if (taskIds.length === 0 || !(await hasTable(this.ctx.db, 'tasks'))) return [];
    const rows = await sql<{ id: string; path: string }>`
      select t.id, o.path from tasks t join orgs o on o.id in (t.assigner_org_id, t.lead_org_id) where t.id in (${sql.join(taskIds)})
      union all
      select p.task_id as id, o.path from task_participants p join orgs o on o.id = p.org_id where p.task_id in (${sql.join(taskIds)})`.execute(
      this.ctx.db,
    );
    const readable = new Set(rows.rows.filter((r) => canIn(actor, 'task.read', r.path)).map((r) => r.id));
    const out: FieldError[] = [];
    taskIds.forEach((id, i) => {
      if (!readable.has(id))
        out.push({ path: `taskIds.${i}`, message: msg(actor, 'Không tìm thấy nhiệm vụ', 'Unknown task'), code: 'not_found' });
    });
    return out;
  }

  /** Document references naming a stored file must name an existing one (when the file table exists). */
  private async checkFiles(actor: Actor, documents: readonly CaseDocumentRef[] | undefined): Promise<FieldError[]> {
    const ids = (documents ?? []).map((d) => d.fileId).filter((x): x is string => !!x);
    if (ids.length === 0 || !(await hasTable(this.ctx.db, 'files'))) return [];
    const found = await existingIds(this.ctx.db, 'files', ids);
    const out: FieldError[] = [];
    (documents ?? []).forEach((d, i) => {
      if (d.fileId && !found.has(d.fileId))
        out.push({ path: `documents.${i}.fileId`, message: msg(actor, 'Không tìm thấy tệp', 'Unknown file'), code: 'not_found' });
    });
    return out;
  }

  private async step(
    trx: Transaction<Database>,
    actor: Actor,
    caseId: string,
    orgId: string,
    kind: string,
    s: {
      date: string;
      decisionMaker?: string | undefined;
      decisionMakerPersonId?: string | undefined;
      documents?: CaseDocumentRef[];
      note?: string | undefined | null;
    },
  ): Promise<void> {
    const id = newId();
    await this.repo(trx).insertStep({
      id,
      case_id: caseId,
      kind,
      step_date: s.date,
      decision_maker: s.decisionMaker ?? actor.displayName,
      decision_maker_person_id: s.decisionMakerPersonId ?? null,
      documents: JSON.stringify(
        (s.documents ?? []).map((d) => ({ title: d.title, number: d.number ?? null, date: d.date ?? null, fileId: d.fileId ?? null })),
      ),
      note: s.note ?? null,
      actor_user_id: actor.userId,
      created_at: nowIso(),
    });
    await this.ctx.audit.record(trx, {
      actorUserId: actor.userId,
      action: `case.step.${kind}`,
      entityType: 'case_step',
      entityId: id,
      orgId,
      before: null,
    });
  }

  // ----- workflow -------------------------------------------------------------------------------

  async transition(actor: Actor, id: string, t: CaseTransition): Promise<CaseDetail> {
    const { row } = await this.manageable(actor, id);
    const on = today();
    const date = t.date ?? on;
    const [facts, { regimes }, cal, last] = await Promise.all([
      this.subjectFacts(row),
      loadRegimes(this.ctx.db),
      loadCalendar(this.ctx.db),
      this.repo().lastStepDate(id),
    ]);
    const tracks = this.tracks(facts, row.subject_kind === 'org');
    const deadline = this.deadlineOf(row, tracks, regimes, cal);
    const state = this.stateOf(row, deadline !== null && !deadline.extended && deadline.extendedDueDate !== null, on);
    const next = nextStatus(state, t.action);
    if (next === null) {
      throw errors.conflict(
        msg(
          actor,
          `không thể "${CASE_ACTION_LABELS[t.action].vi}" ở trạng thái hiện tại`,
          `"${CASE_ACTION_LABELS[t.action].en}" is not possible in the current status`,
        ),
      );
    }
    const fields: FieldError[] = [];
    if (date > on) fields.push({ path: 'date', message: msg(actor, 'Ngày ở tương lai', 'Date is in the future'), code: 'future' });
    const lastDate = (last?.d as string | null | undefined) ?? row.received_date;
    if (date < lastDate)
      fields.push({
        path: 'date',
        message: msg(actor, `Ngày trước bước trước (${lastDate})`, `Before the previous step (${lastDate})`),
        code: 'before_previous',
      });

    fields.push(...(await this.checkFiles(actor, t.documents)));
    const patch: Partial<Database['cases']> = { status: next, updated_at: nowIso() };
    const sanctions: Database['discipline_records'][] = [];
    let notifyExplainers: { personIds: string[]; due: string } | null = null;
    let note = t.note;

    switch (t.action) {
      case 'start_verification':
        break;
      case 'request_explanation': {
        const explainers = await this.explainers(row);
        if (explainers.length === 0)
          fields.push({
            path: 'action',
            message: msg(actor, 'Đơn vị không có người đứng đầu để giải trình', 'The org has no head to explain'),
            code: 'no_explainer',
          });
        const due = addWorkingDays(date, t.workingDays, cal);
        Object.assign(patch, {
          explanation_requested_date: date,
          explanation_due_date: due,
          explanation_note: t.note ?? null,
          explanation_text: null,
          explanation_submitted_at: null,
        });
        notifyExplainers = { personIds: explainers, due };
        break;
      }
      case 'extend_deadline':
        patch.deadline_extended = true;
        note = [t.reason, t.note].filter(Boolean).join('\n');
        break;
      case 'conclude': {
        const violationDate = t.violationDate ?? row.violation_date;
        if (t.outcome === 'violation') {
          if (!t.severity)
            fields.push({ path: 'severity', message: msg(actor, 'Cần mức độ vi phạm', 'Severity is required'), code: 'required' });
          if (!violationDate)
            fields.push({ path: 'violationDate', message: msg(actor, 'Cần ngày vi phạm', 'Violation date is required'), code: 'required' });
        }
        if (violationDate && violationDate > date)
          fields.push({
            path: 'violationDate',
            message: msg(actor, 'Ngày vi phạm sau ngày kết luận', 'Violation date is after the conclusion'),
            code: 'after_conclusion',
          });
        Object.assign(patch, {
          outcome: t.outcome,
          severity: t.outcome === 'violation' ? (t.severity ?? null) : (t.severity ?? row.severity),
          violation_date: violationDate ?? null,
          concluded_date: date,
        });
        break;
      }
      case 'decide_sanction':
        sanctions.push(...(await this.checkSanctions(actor, row, facts, regimes, t.sanctions, date, fields)));
        break;
      case 'close':
        patch.closed_date = date;
        break;
    }
    if (fields.length) throw fieldError(fields);

    await this.ctx.db.transaction().execute(async (trx) => {
      const before = await loadSnapshot(trx, 'case', id);
      if (!(await this.repo(trx).update(id, t.version, patch))) throw errors.versionConflict();
      await this.ctx.audit.record(trx, {
        actorUserId: actor.userId,
        action: `case.${t.action}`,
        entityType: 'case',
        entityId: id,
        orgId: row.org_id,
        before,
      });
      await this.step(trx, actor, id, row.org_id, t.action, { ...t, date, note });
      const discipline = new DisciplineRepository(trx);
      for (const s of sanctions) {
        await discipline.insert(s);
        await this.ctx.audit.record(trx, {
          actorUserId: actor.userId,
          action: 'discipline.record',
          entityType: 'discipline_record',
          entityId: s.id,
          orgId: row.org_id,
          before: null,
        });
      }
      if (notifyExplainers) {
        await notify(
          trx,
          {
            personIds: notifyExplainers.personIds,
            kind: 'system',
            title: 'Yêu cầu giải trình',
            body: `Anh/chị được đề nghị giải trình về vụ việc "${row.title}" trước ngày ${fmtDate(notifyExplainers.due)}.${t.note ? `\n${t.note}` : ''}`,
            link: '/giai-trinh',
            entity: { type: 'case', id },
            dedupeKey: `case-explanation:${id}:${date}`,
          },
          this.ctx.config,
        );
      }
    });
    return this.get(actor, id);
  }

  /**
   * Validates the sanctions of a decision against the regimes: one per track (the highest form
   * for several violations), a category the subject really has on that track, a form of the
   * regime in force on the decision date, posts-only forms for post holders, and the one-level
   * raise when a sanction was running at the time of the violation.
   */
  private async checkSanctions(
    actor: Actor,
    row: CaseRow,
    facts: SubjectFacts,
    regimes: SanctionRegime[],
    inputs: Extract<CaseTransition, { action: 'decide_sanction' }>['sanctions'],
    date: string,
    fields: FieldError[],
  ): Promise<Database['discipline_records'][]> {
    const out: Database['discipline_records'][] = [];
    const seen = new Set<DisciplineTrack>();
    const history = row.subject_person_id ? await new DisciplineRepository(this.ctx.db).ofPerson(row.subject_person_id) : [];
    for (const [i, s] of inputs.entries()) {
      const at = (p: string) => `sanctions.${i}.${p}`;
      if (seen.has(s.track)) {
        fields.push({
          path: at('track'),
          message: msg(actor, 'Mỗi quyết định một hình thức cho mỗi loại kỷ luật (hình thức cao nhất)', 'One form per track per decision'),
          code: 'duplicate',
        });
        continue;
      }
      seen.add(s.track);
      let category: RegimeCategory | undefined;
      if (row.subject_kind === 'org') {
        if (s.track !== 'party' || !facts.partyOrg) {
          fields.push({
            path: at('track'),
            message: msg(actor, 'Chỉ tổ chức đảng bị xử lý kỷ luật (kỷ luật Đảng)', 'Only Party organisations take (Party) discipline'),
            code: 'not_on_track',
          });
          continue;
        }
        category = 'party_org';
      } else if (s.category) {
        if (!categoryFitsPerson(facts.categories, s.track, s.category)) {
          fields.push({
            path: at('category'),
            message: msg(actor, 'Đối tượng không thuộc diện này', 'The subject is not in this category'),
            code: 'not_subject_category',
          });
          continue;
        }
        category = s.category;
      } else {
        category = personCategoryOnTrack(facts.categories, s.track);
        if (!category) {
          fields.push({
            path: at('track'),
            message:
              s.track === 'party'
                ? msg(actor, 'Đối tượng không phải đảng viên', 'The subject is not a Party member')
                : msg(
                    actor,
                    'Đối tượng không phải cán bộ, công chức, viên chức',
                    'The subject is not a cadre, civil servant or public employee',
                  ),
            code: 'not_on_track',
          });
          continue;
        }
      }
      const running = history
        .filter((h) => h.track === s.track)
        .map((h) => ({
          form: h.form as typeof s.form,
          regimeId: h.regime_id,
          decisionDate: h.decision_date,
          effectiveUntil: h.effective_until,
          rank: h.rank,
        }));
      const check = checkSanction({
        regimes,
        subject: { category, holdsPost: facts.holdsPost },
        form: s.form,
        decisionDate: date,
        violationDate: row.violation_date,
        running,
      });
      for (const issue of check.issues) fields.push({ path: at(issue.path), message: issue.message, code: issue.code });
      if (check.issues.length || !check.regime) continue;
      const entry = formIn(check.regime, s.form)!;
      if (s.effectiveUntil && s.effectiveUntil < date)
        fields.push({
          path: at('effectiveUntil'),
          message: msg(actor, 'Trước ngày quyết định', 'Before the decision date'),
          code: 'before_decision',
        });
      out.push({
        id: newId(),
        case_id: row.id,
        subject_person_id: row.subject_person_id,
        subject_org_id: row.subject_kind === 'org' ? row.org_id : null,
        track: s.track,
        category,
        regime_id: check.regime.id,
        form: s.form,
        rank: entry.rank,
        severity: entry.severity,
        decision_date: date,
        decision_number: s.decisionNumber ?? null,
        effective_until: s.effectiveUntil ?? (entry.runsMonths !== null ? addMonthsClamped(date, entry.runsMonths) : null),
        created_by: actor.userId,
        created_at: nowIso(),
      });
    }
    return out;
  }

  // ----- explanation ----------------------------------------------------------------------------

  /** The subject (or the head of a subject org) answers an explanation request before its due date. */
  async submitExplanation(actor: Actor, id: string, text: string) {
    const row = await this.repo().findById(id);
    if (!row || !actor.personId || row.explanation_requested_date === null) throw errors.notFound();
    if (!(await this.explainers(row)).includes(actor.personId)) throw errors.notFound();
    const on = today();
    if (row.explanation_submitted_at !== null) throw errors.conflict(msg(actor, 'đã gửi giải trình', 'explanation already submitted'));
    if (row.explanation_due_date !== null && on > row.explanation_due_date)
      throw errors.conflict(
        msg(actor, `đã hết hạn giải trình (${fmtDate(row.explanation_due_date)})`, 'the explanation deadline has passed'),
      );
    const submittedAt = nowIso();
    await this.ctx.db.transaction().execute(async (trx) => {
      const before = await loadSnapshot(trx, 'case', id);
      if (
        !(await this.repo(trx).update(id, row.version, {
          explanation_text: text,
          explanation_submitted_at: submittedAt,
          updated_at: submittedAt,
        }))
      )
        throw errors.versionConflict();
      await this.ctx.audit.record(trx, {
        actorUserId: actor.userId,
        action: 'case.explanation',
        entityType: 'case',
        entityId: id,
        orgId: row.org_id,
        before,
      });
      await this.step(trx, actor, id, row.org_id, 'explanation_submitted', { date: on, decisionMaker: actor.displayName });
    });
    return { caseId: id, submittedAt, dueDate: row.explanation_due_date! };
  }

  /** Explanation requests addressed to the signed-in person (they may not see the case itself yet). */
  async myExplanationRequests(actor: Actor) {
    if (!actor.personId) return { items: [] };
    const rows = await this.repo().explanationRequestsFor(actor.personId);
    const items = await this.repo().itemsOf(rows.map((r) => r.id));
    const on = today();
    return {
      items: rows.map((r) => ({
        caseId: r.id,
        title: r.title,
        items: items.filter((i) => i.case_id === r.id).map((i) => ({ code: i.item_code, title: i.item_title })),
        requestedDate: r.explanation_requested_date!,
        dueDate: r.explanation_due_date!,
        note: r.explanation_note,
        submittedAt: r.explanation_submitted_at,
        open: r.explanation_submitted_at === null && on <= r.explanation_due_date!,
      })),
    };
  }

  // ----- readers and publication ----------------------------------------------------------------

  /** Adds a person to the case's readers (someone the actor may see). Adding twice changes nothing. */
  async addMember(actor: Actor, id: string, personId: string): Promise<CaseDetail> {
    const { row } = await this.manageable(actor, id);
    const people = new PeopleRepository(this.ctx.db);
    const person = await people.findById(personId);
    const memberships = person ? await people.membershipsOf(personId) : [];
    if (!person || !memberships.some((m) => canIn(actor, 'person.read', m.org_path)))
      throw fieldError([{ path: 'personId', message: msg(actor, 'Không tìm thấy người', 'Unknown person'), code: 'not_found' }]);
    if (personId === row.subject_person_id)
      throw fieldError([
        {
          path: 'personId',
          message: msg(actor, 'Đối tượng của vụ việc không thể là người đọc', 'The subject cannot be a reader'),
          code: 'subject',
        },
      ]);
    if (await this.repo().isMember(id, personId)) return this.get(actor, id);
    const memberId = newId();
    try {
      await this.ctx.db.transaction().execute(async (trx) => {
        await this.repo(trx).insertMember({ id: memberId, case_id: id, person_id: personId, added_by: actor.userId, created_at: nowIso() });
        await this.ctx.audit.record(trx, {
          actorUserId: actor.userId,
          action: 'case.add_member',
          entityType: 'case_member',
          entityId: memberId,
          orgId: row.org_id,
          before: null,
        });
        await this.step(trx, actor, id, row.org_id, 'member_added', { date: today(), note: person.full_name });
      });
    } catch (err) {
      // Added concurrently by someone else: the result is the same.
      if (!isUniqueViolation(err)) throw err;
    }
    return this.get(actor, id);
  }

  /** Chooses whether and what to publish of a handled citizen report (anonymous unless the name is chosen). */
  async setPublication(actor: Actor, id: string, input: z.infer<typeof CasePublicationUpdate>): Promise<CaseDetail> {
    const { row } = await this.manageable(actor, id);
    if (input.published) {
      if (row.source !== 'citizen_report')
        throw fieldError([
          {
            path: 'published',
            message: msg(actor, 'Chỉ công khai vụ việc do người dân phản ánh', "Only citizens' reports are published"),
            code: 'not_citizen_report',
          },
        ]);
      if (!SUBJECT_VISIBLE_STATUSES.includes(row.status as CaseStatus))
        throw fieldError([
          { path: 'published', message: msg(actor, 'Vụ việc chưa có kết luận', 'The case is not concluded yet'), code: 'not_concluded' },
        ]);
    }
    const now = nowIso();
    await this.ctx.db.transaction().execute(async (trx) => {
      const before = await loadSnapshot(trx, 'case', id);
      const ok = await this.repo(trx).update(id, input.version, {
        published: input.published,
        publish_fields: JSON.stringify([...new Set(input.fields)]),
        publish_summary: input.summary ?? null,
        published_at: input.published ? (row.published_at ?? now) : null,
        updated_at: now,
      });
      if (!ok) throw errors.versionConflict();
      await this.ctx.audit.record(trx, {
        actorUserId: actor.userId,
        action: input.published ? 'case.publish' : 'case.unpublish',
        entityType: 'case',
        entityId: id,
        orgId: row.org_id,
        before,
      });
      await this.step(trx, actor, id, row.org_id, input.published ? 'published' : 'unpublished', {
        date: today(),
        // The timeline says in words what was made public (Vietnamese, like every stored note).
        note: input.published ? `Công khai: ${input.fields.map((f) => PUBLICATION_FIELD_LABELS[f].vi).join(', ') || 'chỉ kết quả'}` : null,
      });
    });
    return this.get(actor, id);
  }

  // ----- statistics -----------------------------------------------------------------------------

  /** Cases by catalogue group, item and unit (the children of the chosen org) for a chart. */
  async stats(actor: Actor, q: z.infer<typeof CaseStatsQuery>) {
    const scope = scopeOf(actor, 'case.read');
    if (isEmptyScope(scopeOf(actor, 'case.read'))) throw errors.notFound();
    let root: { id: string; name: string; path: string } | null = null;
    // Without an org: the whole system by top-level org, or the reader's own subtrees side by side.
    let grouping: { prefixLength: number } | { roots: string[] } = { prefixLength: '/'.length + 33 };
    if (q.orgId) {
      const org = await new OrgRepository(this.ctx.db).findById(q.orgId);
      assertInScope(actor, 'case.read', org?.path);
      root = { id: org!.id, name: org!.name, path: org!.path };
      // A unit is one path segment (32 hex digits and '/') below the root.
      grouping = { prefixLength: root.path.length + 33 };
    } else if (!scope.all) {
      if (scope.paths.length === 1) {
        const org = (await this.repo().orgsByPaths([scope.paths[0]!]))[0]!;
        root = { id: org.id, name: org.name, path: org.path };
        grouping = { prefixLength: root.path.length + 33 };
      } else {
        grouping = { roots: scope.paths };
      }
    }
    const s = await this.repo().stats({ scope, personId: null }, { orgPath: root?.path, from: q.from, to: q.to }, q.outcome, grouping);
    const wording = await this.repo().currentWording();
    const itemTitle = new Map(wording.map((w) => [w.code, w]));
    const groupTitle = new Map(wording.map((w) => [w.group_code, { title: w.group_title, order: w.group_order }]));
    const units = await this.repo().orgsByPaths(s.byUnit.map((u) => u.unit));
    const unitOf = new Map(units.map((u) => [u.path, u]));
    return {
      org: root ? { id: root.id, name: root.name } : null,
      total: s.total,
      byGroup: s.byGroup
        .map((g) => ({ code: g.group_code, title: groupTitle.get(g.group_code)?.title ?? g.group_code, count: Number(g.n) }))
        .sort((a, b) => (groupTitle.get(a.code)?.order ?? 99) - (groupTitle.get(b.code)?.order ?? 99) || a.code.localeCompare(b.code)),
      byItem: s.byItem
        .map((i) => ({
          code: i.item_code,
          groupCode: i.group_code,
          title: itemTitle.get(i.item_code)?.title ?? i.item_code,
          count: Number(i.n),
        }))
        .sort((a, b) => a.code.localeCompare(b.code)),
      byUnit: s.byUnit
        .filter((u) => unitOf.has(u.unit))
        .map((u) => ({
          orgId: unitOf.get(u.unit)!.id,
          orgName: unitOf.get(u.unit)!.name,
          total: Number(u.n),
          byGroup: s.byUnitGroup.filter((g) => g.unit === u.unit).map((g) => ({ code: g.group_code, count: Number(g.n) })),
          order: unitOf.get(u.unit)!.sort_order,
        }))
        .sort((a, b) => a.order - b.order || a.orgName.localeCompare(b.orgName, 'vi'))
        .map(({ order: _order, ...u }) => u),
      byStatus: s.byStatus.map((x) => ({ status: x.status as CaseStatus, count: Number(x.n) })),
    };
  }

  // ----- public page ----------------------------------------------------------------------------

  /** Handled citizen reports of an org's subtree as published: only the fields the inspector chose. */
  async publicHandledCases(orgCode: string, page: number, pageSize: number, locale: 'vi' | 'en') {
    const org = await this.repo().findOrgByCode(orgCode);
    if (!org || !bool(org.active)) throw errors.notFound();
    const { rows, total } = await this.repo().published(org.path, SUBJECT_VISIBLE_STATUSES, pageSize, (page - 1) * pageSize);
    const ids = rows.map((r) => r.id);
    const [items, sanctions] = await Promise.all([this.repo().itemsOf(ids), this.repo().sanctionsOfCases(ids)]);
    return {
      org: { code: org.code, name: org.name },
      items: rows.map((r) => {
        const chosen = new Set(JSON.parse(r.publish_fields) as PublicationField[]);
        const mine = items.filter((i) => i.case_id === r.id);
        const groups = [...new Map(mine.map((i) => [i.group_code, { code: i.group_code, title: i.group_title ?? i.group_code }])).values()];
        return {
          id: r.id,
          outcome: r.outcome as CaseOutcome,
          receivedDate: chosen.has('date') ? r.received_date : null,
          concludedDate: chosen.has('date') ? r.concluded_date : null,
          groups: chosen.has('group') ? groups : null,
          items: chosen.has('items') ? mine.map((i) => ({ code: i.item_code, title: i.item_title })) : null,
          sanctions: chosen.has('sanction')
            ? sanctions
                .filter((s) => s.case_id === r.id)
                .map((s) => {
                  const form = s.form as keyof typeof SANCTION_FORM_LABELS;
                  return { track: s.track as DisciplineTrack, form, label: SANCTION_FORM_LABELS[form][locale] };
                })
            : null,
          unitName: chosen.has('unit') ? r.org_name : null,
          subjectName: chosen.has('subjectName') ? (r.subject_kind === 'org' ? r.org_name : r.subject_name) : null,
          summary: r.publish_summary,
        };
      }),
      total,
      page,
      pageSize,
    };
  }
}

const fmtDate = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
