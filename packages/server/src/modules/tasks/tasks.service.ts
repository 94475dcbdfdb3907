import {
  SIGNAL_DISCLAIMER,
  SIGNAL_LABELS,
  WORKING_STATUSES,
  allowedTaskActions,
  decideTaskAction,
  describeEvent,
  effectiveDueDate,
  foldForSearch,
  notUpdatedThreshold,
  outcomeClass,
  overdueWorkingDays,
  recurrenceDeadline,
  recurrencePeriodLabel,
  resolveDeadline,
  shouldCreateNextInstance,
  vietnamDate,
  type Calendar,
  type HolderRef,
  type NotificationKind,
  type Recurrence,
  type SignalCode,
  type TaskAction,
  type TaskDetail,
  type TaskEventDataMap,
  type TaskEventType,
  type TaskFacts,
  type TaskSide,
  type TaskStatus,
  type TaskSummary,
  type z,
  type DeadlineSpec,
  type TaskCreate,
  type TaskListQuery,
  type TaskProgressBody,
  type TaskTransferBody,
  type TaskForwardBody,
  type TaskUpdate,
  type TaskCommentBody,
  type TaskSettingsUpdate,
  isEmptyScope,
  type CandidateQuery,
  type TaskPriority,
  type TaskSource,
  type DocumentType,
} from '@kycuong/domain';
import type { Kysely, Transaction } from 'kysely';
import type { AppContext } from '../../context';
import { bool } from '../../db/dialect';
import type { Database, TasksTable } from '../../db/schema';
import { SYSTEM_USER_ID, canIn, scopeOf, systemActor, type Actor } from '../../platform/access';
import { loadSnapshot, registerAuditedEntity } from '../../platform/audit';
import { AppError, errors } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { registerHandler, registerRecurring } from '../../platform/jobs';
import { loadCalendar } from '../calendar/calendar.service';
import { assertAttachable, readFile } from '../documents/attachments';
import { DocumentRepository } from '../documents/documents.repository';
import { toFileInfo } from '../documents/files.repository';
import { actorUnits, canSee, sidesOf, type ActorUnits } from './tasks.access';
import { inboxNotifier, type TaskNotice, type TaskNotifier } from './tasks.notify';
import { TaskRepository, type ParticipantView, type TaskView } from './tasks.repository';
import { SettingsRepository } from '../settings/settings.repository';
import { TASK_SETTINGS_KEY, loadSignalThresholds, loadTaskSettings, type TaskSettingsValue } from './tasks.settings';
import { detectTaskSignals, eventFacts, leadOf, refreshTaskSignals } from './tasks.signals';

// lead_org_path is a copy of the lead org's path that a trigger moves with the org: not a change of the task.
registerAuditedEntity('task', { table: 'tasks', booleans: ['quality_accepted'], omit: ['lead_org_path'] });

export interface TaskServiceOptions {
  /** The clock (demo data and tests move it). */
  now?: () => Date;
  /** How people are told; default: inbox + e-mail through the notifications module. */
  notifier?: TaskNotifier;
  /** The working-day calendar in force; default: the calendar module's (admin-edited) calendar. */
  calendar?: (db: Kysely<Database>) => Promise<Calendar>;
}

/** What a new task needs once every input has been checked. */
export interface NewTaskSpec {
  title: string;
  description: string | null;
  source: TaskSource;
  documentId: string | null;
  groupId: string | null;
  parentId: string | null;
  assignerOrgId: string;
  assignerPersonId: string | null;
  lead: { orgId: string; personId: string | null };
  coordinators: { orgId: string; personId: string | null; part: string | null }[];
  deadline: string | null;
  priority: TaskPriority;
  weight: number;
  recurrence: Recurrence;
  seriesId: string | null;
  seriesIndex: number | null;
  recurrenceUntil: string | null;
  periodLabel: string | null;
}

interface Loaded {
  t: TaskView;
  participants: ParticipantView[];
  sides: Set<TaskSide>;
  units: ActorUnits;
}

/** What an action's body may use inside its transaction. */
interface ActCtx {
  trx: Transaction<Database>;
  repo: TaskRepository;
  t: TaskView;
  participants: ParticipantView[];
  units: ActorUnits;
  sides: ReadonlySet<TaskSide>;
  /** Status the state machine moves to. */
  to: TaskStatus;
  /** Sides of the rule that allowed the action. */
  ruleSides: readonly TaskSide[];
  at: string;
  today: string;
  cal: Calendar;
  update(patch: Partial<TasksTable>): Promise<void>;
  event<T extends TaskEventType>(
    type: T,
    data: TaskEventDataMap[T],
    opts?: { reason?: string | null; fileIds?: readonly string[] },
  ): Promise<string>;
  notify(n: TaskNotice): Promise<void>;
}

/** Who wrote an event: a person acting, or the system (sweep, cascade). */
interface EventActor {
  userId: string | null;
  personId: string | null;
  name: string | null;
}

const SYSTEM: EventActor = { userId: null, personId: null, name: null };

function eventActor(actor: Actor): EventActor {
  return actor.userId === SYSTEM_USER_ID && !actor.personId
    ? SYSTEM
    : { userId: actor.userId === SYSTEM_USER_ID ? null : actor.userId, personId: actor.personId, name: actor.displayName };
}

function factsOf(t: TasksTable): TaskFacts {
  return { status: t.status as TaskStatus, hasDeadline: t.deadline !== null, pendingExtension: t.ext_new_deadline !== null };
}

const vi = (actor: Actor, viText: string, en: string) => (actor.locale === 'en' ? en : viText);

/** One answer for a unit that does not exist and one out of reach, so ids outside one's scope reveal nothing. */
const unknownUnit = (actor: Actor) =>
  vi(actor, 'Không tìm thấy đơn vị trong phạm vi có thể giao, chuyển hoặc giao tiếp', 'No such unit within reach for this action');

/**
 * Tasks: creation (ad hoc, from a document, by forwarding, by the cascade, recurring), the
 * workflow actions of the domain state machine, lists scoped in SQL, and the daily sweep of
 * reminders, escalations, recurring instances and date-dependent signals. Every change writes the
 * task row, its event, its signals and its audit record in one transaction.
 */
export class TaskService {
  private readonly clock: () => Date;
  private readonly notifier: TaskNotifier;
  private readonly calendarOf: (db: Kysely<Database>) => Promise<Calendar>;

  constructor(
    private readonly ctx: AppContext,
    opts: TaskServiceOptions = {},
  ) {
    this.clock = opts.now ?? (() => new Date());
    this.notifier = opts.notifier ?? inboxNotifier(ctx.config);
    this.calendarOf = opts.calendar ?? loadCalendar;
  }

  private repo(db: Kysely<Database> = this.ctx.db) {
    return new TaskRepository(db);
  }

  /** Today in Vietnam, by this service's clock. */
  today(): string {
    return vietnamDate(this.clock());
  }

  calendar(): Promise<Calendar> {
    return this.calendarOf(this.ctx.db);
  }

  // ---------------------------------------------------------------------------------------------
  // Reading

  private async load(actor: Actor, id: string): Promise<Loaded> {
    const repo = this.repo();
    const t = await repo.findById(id);
    if (!t) throw errors.notFound();
    const [participants, units] = await Promise.all([repo.participants(id), actorUnits(repo, actor)]);
    const sides = sidesOf(actor, units, t, participants);
    if (!canSee(actor, sides, t, participants) && !(actor.personId && (await repo.hasActed(id, actor.personId)))) throw errors.notFound();
    return { t, participants, sides, units };
  }

  private summary(t: TaskView, today: string, notUpdatedBefore: string, cal: Calendar, signalCodes: readonly string[]): TaskSummary {
    const status = t.status as TaskStatus;
    const o = { status, dueDate: t.due_date, completedOn: t.completed_on };
    return {
      id: t.id,
      title: t.title,
      status,
      outcome: outcomeClass(o, today),
      notUpdated: WORKING_STATUSES.includes(status) && t.last_progress_on < notUpdatedBefore,
      overdueDays: overdueWorkingDays(o, today, cal),
      priority: t.priority as TaskPriority,
      weight: Number(t.weight),
      source: t.source as TaskSource,
      assigner: {
        orgId: t.assigner_org_id,
        orgName: t.assigner_org_name,
        personId: t.assigner_person_id,
        personName: t.assigner_person_name,
      },
      lead: { orgId: t.lead_org_id, orgName: t.lead_org_name, personId: t.lead_person_id, personName: t.lead_person_name },
      deadline: t.deadline,
      dueDate: t.due_date,
      originalDeadline: t.original_deadline,
      assignedOn: t.assigned_on,
      completedOn: t.completed_on,
      progressPercent: t.progress_percent,
      lastProgressOn: t.last_progress_on,
      reminderCount: t.reminder_count,
      delayCount: t.delay_count,
      escalated: t.escalated_at !== null,
      pendingExtension: t.ext_new_deadline !== null,
      documentId: t.document_id,
      documentNumber: t.document_number,
      groupId: t.group_id,
      parentId: t.parent_id,
      recurrence: t.recurrence as Recurrence,
      periodLabel: t.period_label,
      signalCodes: signalCodes as SignalCode[],
      version: t.version,
      updatedAt: t.updated_at,
    };
  }

  /** A task with its timeline, signals and the caller's allowed actions; 404 when not visible. */
  async get(actor: Actor, id: string): Promise<TaskDetail> {
    const { t, participants, sides } = await this.load(actor, id);
    const repo = this.repo();
    const cal = await this.calendar();
    const today = this.today();
    const thresholds = (await loadSignalThresholds(this.ctx.db)).value;
    const [events, files, children, stored] = await Promise.all([
      repo.events(id),
      repo.eventFiles(id),
      repo.children(id),
      repo.signalCodes([id]),
    ]);
    const filesByEvent = new Map<string, ReturnType<typeof toFileInfo>[]>();
    for (const f of files) filesByEvent.set(f.event_id, [...(filesByEvent.get(f.event_id) ?? []), toFileInfo(f)]);
    const facts = events.map(eventFacts);
    const deadlineHistory: TaskDetail['deadlineHistory'] = [];
    for (const e of facts) {
      if (e.type === 'created')
        deadlineHistory.push({
          deadline: (e.data as TaskEventDataMap['created']).deadline,
          at: e.at,
          kind: 'original',
          reason: null,
          countsAsDelay: false,
        });
      if (e.type === 'extension_approved') {
        const d = e.data as TaskEventDataMap['extension_approved'];
        deadlineHistory.push({ deadline: d.newDeadline, at: e.at, kind: 'extension', reason: e.reason, countsAsDelay: d.countsAsDelay });
      }
      if (e.type === 'deadline_changed')
        deadlineHistory.push({
          deadline: (e.data as TaskEventDataMap['deadline_changed']).newDeadline,
          at: e.at,
          kind: 'change',
          reason: e.reason,
          countsAsDelay: false,
        });
    }
    const signals = detectTaskSignals(t, events, today, thresholds, cal).map((s) => ({ ...s, label: SIGNAL_LABELS[s.code].vi }));
    const base = this.summary(t, today, notUpdatedThreshold(today, thresholds.notUpdatedDays, cal), cal, stored.get(id) ?? []);
    return {
      ...base,
      signalCodes: [...new Set([...base.signalCodes, ...signals.map((s) => s.code)])].sort(),
      description: t.description,
      qualityAccepted: t.quality_accepted === null ? null : bool(t.quality_accepted),
      acceptedAt: t.accepted_at,
      completionReportedAt: t.completion_reported_at,
      completedAt: t.completed_at,
      cancelledAt: t.cancelled_at,
      coordinators: participants.map((p) => ({
        orgId: p.org_id,
        orgName: p.org_name,
        personId: p.person_id,
        personName: p.person_name,
        part: p.part,
      })),
      deadlineHistory,
      extensionRequest: t.ext_new_deadline
        ? {
            newDeadline: t.ext_new_deadline,
            reason: t.ext_reason ?? '',
            requestedAt: t.ext_requested_at ?? t.updated_at,
            requestedBy: t.ext_requested_by,
          }
        : null,
      escalatedTo: t.escalated_at
        ? {
            orgId: t.escalated_to_org_id ?? t.assigner_org_id,
            orgName: t.escalated_to_org_name ?? '',
            personId: t.escalated_to_person_id,
            personName: t.escalated_to_person_name,
          }
        : null,
      escalatedAt: t.escalated_at,
      parent: t.parent_id ? { id: t.parent_id, title: t.parent_title ?? '' } : null,
      children: children.map((c) => ({
        id: c.id,
        title: c.title,
        status: c.status as TaskStatus,
        lead: { orgId: c.lead_org_id, orgName: c.lead_org_name, personId: c.lead_person_id, personName: c.lead_person_name },
        dueDate: c.due_date,
        outcome: outcomeClass({ status: c.status as TaskStatus, dueDate: c.due_date, completedOn: c.completed_on }, today),
      })),
      document: t.document_id
        ? { id: t.document_id, type: t.document_type as DocumentType, number: t.document_number, title: t.document_title ?? '' }
        : null,
      group: t.group_id ? { id: t.group_id, code: t.group_code ?? '', title: t.group_title ?? '' } : null,
      recurrenceInfo: t.series_id ? { seriesId: t.series_id, index: t.series_index ?? 0, until: t.recurrence_until } : null,
      events: facts.map((e, i) => ({
        id: e.id,
        seq: events[i]!.seq,
        type: e.type,
        at: e.at,
        on: e.on,
        actor:
          e.actorName || e.actorPersonId ? { userId: events[i]!.actor_user_id, personId: e.actorPersonId, name: e.actorName ?? '' } : null,
        reason: e.reason,
        summary: describeEvent(e),
        data: e.data,
        files: filesByEvent.get(e.id) ?? [],
      })),
      signals,
      signalDisclaimer: actor.locale === 'en' ? SIGNAL_DISCLAIMER.en : SIGNAL_DISCLAIMER.vi,
      sides: [...sides],
      allowedActions: allowedTaskActions(factsOf(t), sides),
    };
  }

  /** Lists of "my tasks", "tasks I assigned" and "tasks of a unit", filtered and sorted in SQL. */
  async list(actor: Actor, q: z.infer<typeof TaskListQuery>) {
    const repo = this.repo();
    const units = await actorUnits(repo, actor);
    const empty = { items: [], total: 0, totalCapped: false, page: q.page, pageSize: q.pageSize };
    let view: Parameters<TaskRepository['listIds']>[0]['view'];
    if (q.view === 'unit') {
      const orgId = q.orgId ?? units.primaryOrgId;
      if (!orgId) throw errors.invalidField('orgId', vi(actor, 'Chọn đơn vị', 'Choose a unit'), 'required');
      const org = await repo.org(orgId);
      if (!org || !(canIn(actor, 'task.read', org.path) || units.leading.has(org.id))) throw errors.notFound();
      view = { kind: 'unit', orgPath: org.path };
    } else {
      if (!actor.personId) return empty;
      view =
        q.view === 'assigned'
          ? { kind: 'assigned', personId: actor.personId }
          : { kind: 'mine', personId: actor.personId, unitOrgIds: [...units.leading] };
    }
    const cal = await this.calendar();
    const today = this.today();
    const thresholds = (await loadSignalThresholds(this.ctx.db)).value;
    const notUpdatedBefore = notUpdatedThreshold(today, thresholds.notUpdatedDays, cal);
    const { ids, total, capped } = await repo.listIds(
      {
        view,
        today,
        notUpdatedBefore,
        outcome: q.outcome,
        status: q.status,
        foldedQuery: q.q ? foldForSearch(q.q) : undefined,
        documentId: q.documentId,
        groupId: q.groupId,
        leadPersonId: q.leadPersonId,
        deadlineFrom: q.deadlineFrom,
        deadlineTo: q.deadlineTo,
        signal: q.signal,
        notUpdated: q.notUpdated,
        escalated: q.escalated,
        sort: q.sort,
      },
      q.pageSize,
      (q.page - 1) * q.pageSize,
    );
    const [rows, codes] = await Promise.all([repo.byIds(ids), repo.signalCodes(ids)]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const items = ids.map((id) => byId.get(id)).filter((r): r is TaskView => !!r);
    return {
      items: items.map((r) => this.summary(r, today, notUpdatedBefore, cal, codes.get(r.id) ?? [])),
      total,
      totalCapped: capped,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  /** Units and people the caller may pick when forwarding, transferring or adding coordinators. */
  async candidates(actor: Actor, id: string, q: z.infer<typeof CandidateQuery>) {
    const { t, sides } = await this.load(actor, id);
    const repo = this.repo();
    let path: string;
    let except: string | null = null;
    if (q.purpose === 'forward') {
      if (!sides.has('lead')) throw errors.forbidden();
      path = t.lead_org_path;
    } else if (sides.has('assigner')) {
      path = t.assigner_org_path;
      except = q.purpose === 'transfer' ? t.lead_org_id : null;
    } else if (q.purpose === 'transfer' && sides.has('lead')) {
      path = (await this.transferScopeOfLead(t)) ?? t.assigner_org_path;
      except = t.lead_org_id;
    } else throw errors.forbidden();
    const { orgs, people } = await repo.candidates(
      path,
      q.q ? foldForSearch(q.q) : undefined,
      q.purpose === 'forward' ? t.lead_org_id : except,
      100,
    );
    return {
      orgs: orgs.map((o) => ({ id: o.id, name: o.name, kind: o.kind, depth: o.depth })),
      people: people.map((p) => ({
        id: p.id,
        fullName: p.full_name,
        orgId: p.org_id,
        orgName: p.org_name,
        title: p.title,
        isHead: bool(p.is_head),
        isDeputy: bool(p.is_deputy),
      })),
    };
  }

  /** The subtree a lead may transfer within: its parent unit's (peer units), or null at the root. */
  private async transferScopeOfLead(t: TaskView): Promise<string | null> {
    const lead = await this.repo().org(t.lead_org_id);
    if (!lead?.parent_id) return null;
    return (await this.repo().org(lead.parent_id))?.path ?? null;
  }

  /** A file attached to a task's events, for whoever sees the task. */
  async file(actor: Actor, id: string, fileId: string) {
    await this.load(actor, id);
    if (!(await this.repo().taskHasFile(id, fileId))) throw errors.notFound();
    return readFile(this.ctx, fileId);
  }

  // ---------------------------------------------------------------------------------------------
  // Creating

  /** Checks a holder (lead or coordinator): an active org and, for a person, a member of that org. */
  private async resolveHolder(
    repo: TaskRepository,
    actor: Actor,
    h: { orgId: string; personId?: string | null | undefined },
    field: string,
  ) {
    const org = await repo.org(h.orgId);
    if (!org || !bool(org.active)) throw errors.invalidField(`${field}.orgId`, unknownUnit(actor), 'not_found');
    let person: { id: string; full_name: string } | null = null;
    if (h.personId) {
      const p = await repo.person(h.personId);
      if (!p || !bool(p.active) || !(await repo.membership(h.personId, h.orgId))) {
        throw errors.invalidField(
          `${field}.personId`,
          vi(actor, 'Cán bộ không thuộc đơn vị đã chọn', 'The person is not a member of that unit'),
          'not_member',
        );
      }
      person = p;
    }
    return { org, person };
  }

  private deadlineFrom(spec: z.infer<typeof DeadlineSpec> | null | undefined, today: string, cal: Calendar): string | null {
    if (!spec) return null;
    return resolveDeadline(spec, today, cal);
  }

  /** Creates a task from the API: checks scope, holders, document and group, then inserts it. */
  async create(actor: Actor, input: TaskCreate): Promise<TaskDetail> {
    const repo = this.repo();
    const assignerOrg = await repo.org(input.assignerOrgId);
    // An org the caller cannot see answers as a missing one; a visible one without the right, 403.
    if (!assignerOrg || !(canIn(actor, 'org.read', assignerOrg.path) || canIn(actor, 'task.read', assignerOrg.path)))
      throw errors.notFound();
    if (!canIn(actor, 'task.assign', assignerOrg.path)) throw errors.forbidden();
    const assignerPersonId = input.assignerPersonId ?? actor.personId;
    if (input.assignerPersonId && !(await repo.isMemberUnder(input.assignerPersonId, assignerOrg.path))) {
      throw errors.invalidField(
        'assignerPersonId',
        vi(actor, 'Người giao phải thuộc đơn vị giao', 'The assigner must belong to the assigning unit'),
        'not_member',
      );
    }
    const { org: leadOrg } = await this.resolveHolder(repo, actor, input.lead, 'lead');
    if (!leadOrg.path.startsWith(assignerOrg.path) && !canIn(actor, 'task.assign', leadOrg.path)) {
      throw errors.invalidField('lead.orgId', unknownUnit(actor), 'not_found');
    }
    await this.checkCoordinators(repo, actor, input.coordinators, input.lead);
    let groupId: string | null = null;
    let documentId: string | null = null;
    if (input.documentId) {
      const docs = new DocumentRepository(this.ctx.db);
      if (!(await docs.isVisible(input.documentId, scopeOf(actor, 'document.read'), scopeOf(actor, 'document.manage')))) {
        throw errors.invalidField('documentId', vi(actor, 'Không tìm thấy văn bản', 'Unknown document'), 'not_found');
      }
      documentId = input.documentId;
    }
    if (input.groupId) {
      const g = await new DocumentRepository(this.ctx.db).findGroup(input.groupId);
      if (!g || g.document_id !== documentId)
        throw errors.invalidField(
          'groupId',
          vi(actor, 'Nhóm nhiệm vụ không thuộc văn bản đã chọn', 'The task group is not part of the document'),
          'mismatch',
        );
      groupId = g.id;
    }
    const cal = await this.calendar();
    const today = this.today();
    const deadline = this.deadlineFrom(input.deadline, today, cal);
    if (input.recurrence && (!input.deadline || !('date' in input.deadline))) {
      throw errors.invalidField(
        'deadline',
        vi(actor, 'Nhiệm vụ định kỳ cần hạn của kỳ đầu tiên (ngày cụ thể)', 'A recurring task needs the first deadline as a date'),
        'required',
      );
    }
    const recurrence: Recurrence = input.recurrence?.kind ?? 'none';
    const spec: NewTaskSpec = {
      title: input.title,
      description: input.description ?? null,
      source: documentId ? 'document' : input.source === 'meeting' ? 'meeting' : 'ad_hoc',
      documentId,
      groupId,
      parentId: null,
      assignerOrgId: assignerOrg.id,
      assignerPersonId,
      lead: { orgId: input.lead.orgId, personId: input.lead.personId ?? null },
      coordinators: input.coordinators.map((c) => ({ orgId: c.orgId, personId: c.personId ?? null, part: c.part ?? null })),
      deadline,
      priority: input.priority,
      weight: input.weight,
      recurrence,
      seriesId: null,
      seriesIndex: recurrence === 'none' ? null : 0,
      recurrenceUntil: input.recurrence?.until ?? null,
      periodLabel: recurrence !== 'none' && deadline ? recurrencePeriodLabel(deadline, recurrence) : null,
    };
    const id = await this.ctx.db.transaction().execute((trx) => this.insertTask(trx, actor, spec));
    return this.get(actor, id);
  }

  private async checkCoordinators(
    repo: TaskRepository,
    actor: Actor,
    list: readonly { orgId: string; personId?: string | null | undefined }[],
    lead: { orgId: string; personId?: string | null | undefined },
  ) {
    const seen = new Set<string>([`${lead.orgId}|${lead.personId ?? ''}`]);
    for (const [i, c] of list.entries()) {
      await this.resolveHolder(repo, actor, c, `coordinators.${i}`);
      const key = `${c.orgId}|${c.personId ?? ''}`;
      if (seen.has(key))
        throw errors.invalidField(
          `coordinators.${i}.orgId`,
          vi(actor, 'Trùng với đơn vị chủ trì hoặc đơn vị phối hợp khác', 'Duplicate of the lead or another coordinator'),
          'duplicate',
        );
      seen.add(key);
    }
  }

  /**
   * Inserts a task with its coordinators and its "created" event, stores its signals, audits it and
   * notifies the lead, in the caller's transaction. Used by every way a task comes to exist.
   */
  async insertTask(trx: Transaction<Database>, actor: Actor, spec: NewTaskSpec, by: EventActor = eventActor(actor)): Promise<string> {
    const repo = this.repo(trx);
    // Through the caller's transaction: on SQLite a query outside it would wait for it forever
    // once the cached calendar is older than its freshness window.
    const cal = await this.calendarOf(trx);
    const now = this.clock();
    const at = now.toISOString();
    const today = vietnamDate(now);
    const id = newId();
    const lead = await repo.org(spec.lead.orgId);
    const leadPerson = spec.lead.personId ? await repo.person(spec.lead.personId) : undefined;
    const doc = spec.documentId ? await new DocumentRepository(trx).findById(spec.documentId) : undefined;
    const dueDate = spec.deadline ? effectiveDueDate(spec.deadline, cal) : null;
    await repo.insert({
      id,
      parent_id: spec.parentId,
      source: spec.source,
      document_id: spec.documentId,
      group_id: spec.groupId,
      title: spec.title,
      description: spec.description,
      search_text: foldForSearch([spec.title, spec.description, doc?.number_text, spec.periodLabel].filter(Boolean).join(' ')),
      assigner_org_id: spec.assignerOrgId,
      assigner_person_id: spec.assignerPersonId,
      created_by_user_id: by.userId,
      lead_org_id: spec.lead.orgId,
      lead_person_id: spec.lead.personId,
      lead_org_path: lead?.path ?? '',
      lead_since_on: today,
      status: 'assigned',
      priority: spec.priority,
      weight: spec.weight,
      quality_accepted: null,
      assigned_on: today,
      assigned_at: at,
      accepted_at: null,
      original_deadline: spec.deadline,
      deadline: spec.deadline,
      due_date: dueDate,
      delay_count: 0,
      progress_percent: 0,
      last_progress_on: today,
      completion_reported_at: null,
      completion_reported_on: null,
      completed_at: null,
      completed_on: null,
      ext_new_deadline: null,
      ext_reason: null,
      ext_requested_at: null,
      ext_requested_by: null,
      reminder_count: 0,
      last_reminded_at: null,
      escalated_to_person_id: null,
      escalated_to_org_id: null,
      escalated_at: null,
      cancelled_at: null,
      recurrence: spec.recurrence,
      series_id: spec.recurrence === 'none' ? null : (spec.seriesId ?? id),
      series_index: spec.seriesIndex,
      recurrence_until: spec.recurrenceUntil,
      period_label: spec.periodLabel,
      version: 1,
      created_at: at,
      updated_at: at,
    });
    await repo.replaceParticipants(
      id,
      spec.coordinators.map((c, position) => ({
        id: newId(),
        task_id: id,
        role: 'coordinator',
        org_id: c.orgId,
        person_id: c.personId,
        part: c.part,
        position,
      })),
    );
    const leadRef: HolderRef = {
      orgId: spec.lead.orgId,
      orgName: lead?.name ?? '',
      personId: spec.lead.personId,
      personName: leadPerson?.full_name ?? null,
    };
    await this.appendEvent(repo, id, by, 'created', { lead: leadRef, deadline: spec.deadline, dueDate, source: spec.source }, at, today);
    const thresholds = (await loadSignalThresholds(trx)).value;
    await refreshTaskSignals(repo, id, today, thresholds, cal);
    await this.ctx.audit.record(trx, {
      actorUserId: actor.userId,
      action: 'task.create',
      entityType: 'task',
      entityId: id,
      orgId: spec.lead.orgId,
      before: null,
    });
    const body = `${spec.title}${spec.deadline ? ` — hạn ${viDay(spec.deadline)}` : ''}`;
    await this.notifier(trx, {
      personIds: await this.leadPeople(repo, spec.lead),
      kind: 'task.assigned',
      title: 'Nhiệm vụ mới được giao',
      body,
      taskId: id,
    });
    const coordPeople: string[] = [];
    for (const c of spec.coordinators) coordPeople.push(...(await this.leadPeople(repo, c)));
    if (coordPeople.length)
      await this.notifier(trx, {
        personIds: coordPeople,
        kind: 'task.assigned',
        title: 'Được mời phối hợp thực hiện nhiệm vụ',
        body,
        taskId: id,
      });
    return id;
  }

  /** People who act for a holder: the person, or the heads and deputies of the unit. */
  private async leadPeople(repo: TaskRepository, h: { orgId: string; personId: string | null }): Promise<string[]> {
    if (h.personId) return [h.personId];
    return (await repo.unitLeaders(h.orgId)).map((m) => m.person_id);
  }

  private async appendEvent<T extends TaskEventType>(
    repo: TaskRepository,
    taskId: string,
    by: EventActor,
    type: T,
    data: TaskEventDataMap[T],
    at: string,
    today: string,
    opts: { reason?: string | null; fileIds?: readonly string[] } = {},
  ): Promise<string> {
    const id = newId();
    await repo.insertEvent(
      {
        id,
        task_id: taskId,
        seq: await repo.nextSeq(taskId),
        type,
        at,
        on_date: today,
        actor_user_id: by.userId,
        actor_person_id: by.personId,
        actor_name: by.name,
        reason: opts.reason ?? null,
        data: JSON.stringify(data),
      },
      opts.fileIds ?? [],
    );
    return id;
  }

  // ---------------------------------------------------------------------------------------------
  // Workflow actions

  /**
   * Runs one action: visibility (404), side (403), version (409), state (409), then the body in a
   * transaction followed by the task's signals and the audit record.
   */
  private async act(
    actor: Actor,
    id: string,
    action: TaskAction,
    version: number | null,
    body: (c: ActCtx) => Promise<void>,
  ): Promise<TaskDetail> {
    const l = await this.load(actor, id);
    const d = decideTaskAction(action, factsOf(l.t), l.sides);
    if (!d.ok) {
      if (d.code === 'side') throw errors.forbidden();
      throw new AppError('conflict', 409, { detail: d.message });
    }
    if (version !== null && version !== l.t.version) throw errors.versionConflict();
    const cal = await this.calendar();
    const now = this.clock();
    const at = now.toISOString();
    const today = vietnamDate(now);
    const by = eventActor(actor);
    await this.ctx.db.transaction().execute(async (trx) => {
      const repo = this.repo(trx);
      await repo.lock(id);
      const before = await loadSnapshot(trx, 'task', id);
      let current = l.t.version;
      const c: ActCtx = {
        trx,
        repo,
        t: l.t,
        participants: l.participants,
        units: l.units,
        sides: l.sides,
        to: d.to,
        ruleSides: d.rule.sides,
        at,
        today,
        cal,
        update: async (patch) => {
          if (!(await repo.update(id, current, { ...patch, updated_at: at }))) throw errors.versionConflict();
          current++;
        },
        event: (type, data, opts) => this.appendEvent(repo, id, by, type, data, at, today, opts),
        notify: (n) => this.notifier(trx, n),
      };
      await body(c);
      await refreshTaskSignals(repo, id, today, (await loadSignalThresholds(trx)).value, cal);
      await this.ctx.audit.record(trx, {
        actorUserId: actor.userId,
        action: `task.${action}`,
        entityType: 'task',
        entityId: id,
        orgId: l.t.lead_org_id,
        before,
      });
    });
    return this.get(actor, id);
  }

  private assignerPeople(t: TaskView): string[] {
    return t.assigner_person_id ? [t.assigner_person_id] : [];
  }

  async accept(actor: Actor, id: string, body: { version: number; comment?: string | null | undefined }) {
    return this.act(actor, id, 'accept', body.version, async (c) => {
      await c.update({ status: c.to, accepted_at: c.at, last_progress_on: c.today });
      await c.event('accepted', {}, { reason: body.comment ?? null });
      await c.notify({
        personIds: this.assignerPeople(c.t),
        kind: 'task.accepted',
        title: 'Nhiệm vụ đã được tiếp nhận',
        body: c.t.title,
        taskId: id,
        email: false,
      });
    });
  }

  async progress(actor: Actor, id: string, body: z.infer<typeof TaskProgressBody>) {
    await assertAttachable(this.ctx.db, actor, body.fileIds, await this.repo().fileIdsOfTask(id));
    return this.act(actor, id, 'report_progress', body.version, async (c) => {
      if (c.ruleSides.includes('lead')) {
        if (body.percent === undefined)
          throw errors.invalidField('percent', vi(actor, 'Nhập tỷ lệ hoàn thành (%)', 'Enter the percentage done'), 'required');
        await c.update({ status: c.to, progress_percent: body.percent, last_progress_on: c.today });
        await c.event('progress', { percent: body.percent, text: body.text, fileIds: body.fileIds }, { fileIds: body.fileIds });
        await c.notify({
          personIds: this.assignerPeople(c.t),
          kind: 'task.progress',
          title: `Cập nhật tiến độ ${body.percent}%`,
          body: c.t.title,
          taskId: id,
          email: false,
        });
      } else {
        const mine = c.participants.find((p) => (p.person_id ? p.person_id === actor.personId : c.units.leading.has(p.org_id)));
        await c.event(
          'coordinator_progress',
          {
            percent: body.percent ?? null,
            text: body.text,
            fileIds: body.fileIds,
            orgId: mine?.org_id ?? null,
            orgName: mine?.org_name ?? null,
          },
          { fileIds: body.fileIds },
        );
      }
    });
  }

  async reportCompletion(actor: Actor, id: string, body: { version: number; text: string; fileIds: string[] }) {
    await assertAttachable(this.ctx.db, actor, body.fileIds, await this.repo().fileIdsOfTask(id));
    return this.act(actor, id, 'report_completion', body.version, async (c) => {
      await c.update({
        status: c.to,
        completion_reported_at: c.at,
        completion_reported_on: c.today,
        progress_percent: 100,
        last_progress_on: c.today,
        ...NO_EXTENSION,
      });
      await c.event('completion_reported', { text: body.text, fileIds: body.fileIds }, { fileIds: body.fileIds });
      await c.notify({
        personIds: this.assignerPeople(c.t),
        kind: 'task.completion_reported',
        title: 'Báo cáo hoàn thành nhiệm vụ',
        body: c.t.title,
        taskId: id,
      });
    });
  }

  async acceptCompletion(
    actor: Actor,
    id: string,
    body: { version: number; qualityAccepted: boolean; comment?: string | null | undefined },
  ) {
    return this.act(actor, id, 'accept_completion', body.version, async (c) => {
      // The completion date is the day the accepted result was reported, not the day of review.
      const completedOn = c.t.completion_reported_on ?? c.today;
      await c.update({
        status: c.to,
        completed_at: c.t.completion_reported_at ?? c.at,
        completed_on: completedOn,
        quality_accepted: body.qualityAccepted,
      });
      await c.event(
        'completion_accepted',
        { qualityAccepted: body.qualityAccepted, comment: body.comment ?? null, completedOn },
        { reason: body.comment ?? null },
      );
      await c.notify({
        personIds: await this.leadPeople(c.repo, { orgId: c.t.lead_org_id, personId: c.t.lead_person_id }),
        kind: 'task.approved',
        title: body.qualityAccepted ? 'Kết quả được xác nhận hoàn thành' : 'Xác nhận hoàn thành — chất lượng chưa đạt yêu cầu',
        body: c.t.title,
        taskId: id,
      });
      if (c.t.parent_id) {
        const thresholds = (await loadSignalThresholds(c.trx)).value;
        // The parent's events are numbered under its row lock, like every other change of it.
        await c.repo.lock(c.t.parent_id);
        await this.appendEvent(
          c.repo,
          c.t.parent_id,
          eventActor(actor),
          'child_completed',
          { childTaskId: id, title: c.t.title },
          c.at,
          c.today,
        );
        await refreshTaskSignals(c.repo, c.t.parent_id, c.today, thresholds, c.cal);
      }
      if (c.t.series_id && c.t.recurrence !== 'none') await this.ensureNextInstance(c.trx, actor, c.t.series_id, c.today, true);
    });
  }

  /**
   * Closes an open task whose purpose was met elsewhere — a dissemination catch-up task once the
   * person acknowledged the document in the app — in the caller's transaction: the completion is
   * reported in the person's name and accepted by the system (events, signals, audit), as if the
   * two steps had been taken by hand. Answers false when the task is already closed.
   */
  async completeFromSource(trx: Transaction<Database>, actor: Actor, id: string, text: string): Promise<boolean> {
    const repo = this.repo(trx);
    await repo.lock(id);
    const t = await repo.findById(id);
    if (!t || !['assigned', 'accepted', 'in_progress', 'completion_reported'].includes(t.status)) return false;
    const before = await loadSnapshot(trx, 'task', id);
    const cal = await this.calendarOf(trx);
    const now = this.clock();
    const at = now.toISOString();
    const today = vietnamDate(now);
    const patch: Partial<TasksTable> = {
      status: 'done',
      accepted_at: t.accepted_at ?? at,
      completion_reported_at: t.completion_reported_at ?? at,
      completion_reported_on: t.completion_reported_on ?? today,
      completed_at: t.completion_reported_at ?? at,
      completed_on: t.completion_reported_on ?? today,
      progress_percent: 100,
      last_progress_on: today,
      quality_accepted: true,
      ...NO_EXTENSION,
      updated_at: at,
    };
    if (!(await repo.update(id, t.version, patch))) throw errors.versionConflict();
    if (t.status !== 'completion_reported')
      await this.appendEvent(repo, id, eventActor(actor), 'completion_reported', { text, fileIds: [] }, at, today);
    await this.appendEvent(
      repo,
      id,
      SYSTEM,
      'completion_accepted',
      { qualityAccepted: true, comment: text, completedOn: patch.completed_on! },
      at,
      today,
      { reason: text },
    );
    await refreshTaskSignals(repo, id, today, (await loadSignalThresholds(trx)).value, cal);
    await this.ctx.audit.record(trx, {
      actorUserId: actor.userId,
      action: 'task.complete_from_source',
      entityType: 'task',
      entityId: id,
      orgId: t.lead_org_id,
      before,
    });
    return true;
  }

  async sendBack(actor: Actor, id: string, body: { version: number; reason: string }) {
    return this.act(actor, id, 'send_back', body.version, async (c) => {
      await c.update({ status: c.to, completion_reported_at: null, completion_reported_on: null, last_progress_on: c.today });
      await c.event('sent_back', {}, { reason: body.reason });
      await c.notify({
        personIds: await this.leadPeople(c.repo, { orgId: c.t.lead_org_id, personId: c.t.lead_person_id }),
        kind: 'task.sent_back',
        title: 'Kết quả bị trả lại để làm tiếp',
        body: `${c.t.title}\nLý do: ${body.reason}`,
        taskId: id,
      });
    });
  }

  async returnToAssigner(actor: Actor, id: string, body: { version: number; reason: string }) {
    return this.act(actor, id, 'return', body.version, async (c) => {
      await c.update({ status: c.to, ...NO_EXTENSION });
      await c.event('returned', { from: leadOf(c.t) }, { reason: body.reason });
      await c.notify({
        personIds: this.assignerPeople(c.t),
        kind: 'task.returned',
        title: 'Nhiệm vụ bị trả lại',
        body: `${c.t.title}\nLý do: ${body.reason}`,
        taskId: id,
      });
    });
  }

  async transfer(actor: Actor, id: string, body: z.infer<typeof TaskTransferBody>) {
    const repo = this.repo();
    const pre = await this.load(actor, id);
    const { org, person } = await this.resolveHolder(repo, actor, body.lead, 'lead');
    const asAssigner = pre.sides.has('assigner');
    const peerScope = await this.transferScopeOfLead(pre.t);
    const within =
      org.path.startsWith(pre.t.assigner_org_path) ||
      (peerScope !== null && org.path.startsWith(peerScope)) ||
      (asAssigner && canIn(actor, 'task.assign', org.path));
    if (!within) throw errors.invalidField('lead.orgId', unknownUnit(actor), 'not_found');
    const samePlace = org.id === pre.t.lead_org_id && (body.lead.personId ?? null) === pre.t.lead_person_id;
    if (samePlace && pre.t.status !== 'returned')
      throw errors.invalidField(
        'lead.orgId',
        vi(actor, 'Chọn đơn vị hoặc cán bộ khác đơn vị đang chủ trì', 'Choose a different lead'),
        'same',
      );
    if (body.deadline && !asAssigner)
      throw errors.invalidField(
        'deadline',
        vi(actor, 'Chỉ người giao được đổi hạn khi chuyển', 'Only the assigner may change the deadline'),
        'forbidden',
      );
    return this.act(actor, id, 'transfer', body.version, async (c) => {
      const side = c.sides.has('assigner') ? 'assigner' : 'lead';
      const to: HolderRef = { orgId: org.id, orgName: org.name, personId: person?.id ?? null, personName: person?.full_name ?? null };
      const newDeadline = body.deadline ? this.deadlineFrom(body.deadline, c.today, c.cal) : undefined;
      await c.update({
        status: c.to,
        lead_org_id: org.id,
        lead_person_id: person?.id ?? null,
        lead_org_path: org.path,
        lead_since_on: c.today,
        accepted_at: null,
        last_progress_on: c.today,
        ...NO_EXTENSION,
        ...(newDeadline !== undefined
          ? { deadline: newDeadline, due_date: newDeadline ? effectiveDueDate(newDeadline, c.cal) : null }
          : {}),
      });
      await c.event('transferred', { from: leadOf(c.t), to, side }, { reason: body.reason });
      if (newDeadline !== undefined)
        await c.event('deadline_changed', { newDeadline, previousDeadline: c.t.deadline }, { reason: body.reason });
      await c.notify({
        personIds: await this.leadPeople(c.repo, { orgId: org.id, personId: person?.id ?? null }),
        kind: 'task.transferred',
        title: 'Nhiệm vụ được chuyển đến',
        body: `${c.t.title}\nLý do chuyển: ${body.reason}`,
        taskId: id,
      });
      if (side === 'lead')
        await c.notify({
          personIds: this.assignerPeople(c.t),
          kind: 'task.transferred',
          title: 'Nhiệm vụ đã bị chuyển đơn vị',
          body: `${c.t.title}: ${c.t.lead_org_name} → ${org.name}\nLý do: ${body.reason}`,
          taskId: id,
        });
    });
  }

  async forward(actor: Actor, id: string, body: z.infer<typeof TaskForwardBody>) {
    const repo = this.repo();
    const pre = await this.load(actor, id);
    const { org, person } = await this.resolveHolder(repo, actor, body.lead, 'lead');
    if (!org.path.startsWith(pre.t.lead_org_path)) throw errors.invalidField('lead.orgId', unknownUnit(actor), 'not_found');
    if (org.id === pre.t.lead_org_id && !person)
      throw errors.invalidField(
        'lead.personId',
        vi(actor, 'Chọn cán bộ hoặc đơn vị cấp dưới để giao tiếp', 'Choose a person or a sub-unit'),
        'required',
      );
    if (pre.t.lead_person_id && person?.id === pre.t.lead_person_id)
      throw errors.invalidField(
        'lead.personId',
        vi(actor, 'Không giao tiếp cho chính người đang chủ trì', 'Cannot forward to the current lead'),
        'same',
      );
    await this.checkCoordinators(repo, actor, body.coordinators, body.lead);
    const cal = await this.calendar();
    const today = this.today();
    const deadline = body.deadline ? this.deadlineFrom(body.deadline, today, cal) : pre.t.deadline;
    if (deadline && pre.t.due_date && effectiveDueDate(deadline, cal) > pre.t.due_date) {
      throw errors.invalidField(
        'deadline',
        vi(actor, 'Hạn giao tiếp không được sau hạn của nhiệm vụ được giao', 'Cannot be later than the task’s own deadline'),
        'after_parent',
      );
    }
    const deputyMembership = person ? await repo.membership(person.id, pre.t.lead_org_id) : undefined;
    return this.act(actor, id, 'forward', body.version, async (c) => {
      if (c.t.status === 'assigned') {
        await c.update({ status: c.to, accepted_at: c.at, last_progress_on: c.today });
        await c.event('accepted', {});
      } else await c.update({});
      const childId = await this.insertTask(c.trx, actor, {
        title: body.title ?? c.t.title,
        description: body.description === undefined ? c.t.description : body.description,
        source: 'forward',
        documentId: c.t.document_id,
        groupId: c.t.group_id,
        parentId: id,
        assignerOrgId: c.t.lead_org_id,
        assignerPersonId: actor.personId,
        lead: { orgId: org.id, personId: person?.id ?? null },
        coordinators: body.coordinators.map((x) => ({ orgId: x.orgId, personId: x.personId ?? null, part: x.part ?? null })),
        deadline,
        priority: c.t.priority as TaskPriority,
        weight: Number(c.t.weight),
        recurrence: 'none',
        seriesId: null,
        seriesIndex: null,
        recurrenceUntil: null,
        periodLabel: c.t.period_label,
      });
      await c.event('forwarded', {
        childTaskId: childId,
        to: { orgId: org.id, orgName: org.name, personId: person?.id ?? null, personName: person?.full_name ?? null },
        fromHead: c.units.heads.has(c.t.lead_org_id),
        toDeputy: !!deputyMembership && bool(deputyMembership.is_deputy),
      });
    });
  }

  async requestExtension(actor: Actor, id: string, body: { version: number; newDeadline: string; reason: string }) {
    return this.act(actor, id, 'request_extension', body.version, async (c) => {
      if (c.t.deadline && body.newDeadline <= c.t.deadline)
        throw errors.invalidField(
          'newDeadline',
          vi(actor, 'Hạn mới phải sau hạn hiện tại', 'Must be after the current deadline'),
          'not_later',
        );
      await c.update({
        ext_new_deadline: body.newDeadline,
        ext_reason: body.reason,
        ext_requested_at: c.at,
        ext_requested_by: actor.displayName,
      });
      await c.event('extension_requested', { newDeadline: body.newDeadline, currentDeadline: c.t.deadline }, { reason: body.reason });
      await c.notify({
        personIds: this.assignerPeople(c.t),
        kind: 'task.extension_requested',
        title: `Đề nghị gia hạn đến ${viDay(body.newDeadline)}`,
        body: `${c.t.title}\nLý do: ${body.reason}`,
        taskId: id,
      });
    });
  }

  async approveExtension(
    actor: Actor,
    id: string,
    body: { version: number; objectiveCause: boolean; comment?: string | null | undefined },
  ) {
    return this.act(actor, id, 'approve_extension', body.version, async (c) => {
      const newDeadline = c.t.ext_new_deadline!;
      const countsAsDelay = !body.objectiveCause;
      await c.update({
        deadline: newDeadline,
        due_date: effectiveDueDate(newDeadline, c.cal),
        delay_count: c.t.delay_count + (countsAsDelay ? 1 : 0),
        ...NO_EXTENSION,
      });
      await c.event(
        'extension_approved',
        { newDeadline, previousDeadline: c.t.deadline, countsAsDelay },
        { reason: body.comment ?? c.t.ext_reason },
      );
      await c.notify({
        personIds: await this.leadPeople(c.repo, { orgId: c.t.lead_org_id, personId: c.t.lead_person_id }),
        kind: 'task.extension_decided',
        title: `Đồng ý gia hạn đến ${viDay(newDeadline)}`,
        body: c.t.title,
        taskId: id,
      });
    });
  }

  async refuseExtension(actor: Actor, id: string, body: { version: number; reason: string }) {
    return this.act(actor, id, 'refuse_extension', body.version, async (c) => {
      await c.update({ ...NO_EXTENSION });
      await c.event('extension_refused', { requestedDeadline: c.t.ext_new_deadline! }, { reason: body.reason });
      await c.notify({
        personIds: await this.leadPeople(c.repo, { orgId: c.t.lead_org_id, personId: c.t.lead_person_id }),
        kind: 'task.extension_decided',
        title: 'Không đồng ý gia hạn',
        body: `${c.t.title}\nLý do: ${body.reason}`,
        taskId: id,
      });
    });
  }

  async changeDeadline(actor: Actor, id: string, body: { version: number; deadline: z.infer<typeof DeadlineSpec> | null; reason: string }) {
    return this.act(actor, id, 'change_deadline', body.version, async (c) => {
      const deadline = this.deadlineFrom(body.deadline, c.today, c.cal);
      await c.update({
        deadline,
        due_date: deadline ? effectiveDueDate(deadline, c.cal) : null,
        ...(c.t.original_deadline === null ? { original_deadline: deadline } : {}),
      });
      await c.event('deadline_changed', { newDeadline: deadline, previousDeadline: c.t.deadline }, { reason: body.reason });
      await c.notify({
        personIds: await this.leadPeople(c.repo, { orgId: c.t.lead_org_id, personId: c.t.lead_person_id }),
        kind: 'task.extension_decided',
        title: deadline ? `Hạn nhiệm vụ được điều chỉnh: ${viDay(deadline)}` : 'Nhiệm vụ không còn hạn',
        body: `${c.t.title}\nLý do: ${body.reason}`,
        taskId: id,
      });
    });
  }

  async remind(actor: Actor, id: string, body: { version: number; message?: string | null | undefined }) {
    return this.act(actor, id, 'remind', body.version, async (c) => {
      const settings = (await loadTaskSettings(c.trx)).value;
      await this.recordReminder(
        c.repo,
        c.trx,
        c.t,
        'manual',
        body.message ?? null,
        eventActor(actor),
        c.at,
        c.today,
        c.cal,
        settings,
        (patch) => c.update(patch),
      );
    });
  }

  async cancel(actor: Actor, id: string, body: { version: number; reason: string }) {
    return this.act(actor, id, 'cancel', body.version, async (c) => {
      await c.update({ status: c.to, cancelled_at: c.at, ...NO_EXTENSION });
      await c.event('cancelled', {}, { reason: body.reason });
      await c.notify({
        personIds: await this.leadPeople(c.repo, { orgId: c.t.lead_org_id, personId: c.t.lead_person_id }),
        kind: 'task.cancelled',
        title: 'Nhiệm vụ bị hủy',
        body: `${c.t.title}\nLý do: ${body.reason}`,
        taskId: id,
      });
    });
  }

  async update(actor: Actor, id: string, body: z.infer<typeof TaskUpdate>) {
    const repo = this.repo();
    const pre = await this.load(actor, id);
    if (body.coordinators)
      await this.checkCoordinators(repo, actor, body.coordinators, { orgId: pre.t.lead_org_id, personId: pre.t.lead_person_id });
    if (body.groupId) {
      const g = await new DocumentRepository(this.ctx.db).findGroup(body.groupId);
      if (!g || g.document_id !== pre.t.document_id)
        throw errors.invalidField(
          'groupId',
          vi(actor, 'Nhóm nhiệm vụ không thuộc văn bản của nhiệm vụ', 'The group is not part of the task’s document'),
          'mismatch',
        );
    }
    return this.act(actor, id, 'edit', body.version, async (c) => {
      const fields: string[] = [];
      const patch: Partial<TasksTable> = {};
      const set = <K extends keyof TasksTable>(field: string, key: K, value: TasksTable[K], current: TasksTable[K]) => {
        if (value === current) return;
        patch[key] = value;
        fields.push(field);
      };
      if (body.title !== undefined) set('title', 'title', body.title, c.t.title);
      if (body.description !== undefined) set('description', 'description', body.description ?? null, c.t.description);
      if (body.priority !== undefined) set('priority', 'priority', body.priority, c.t.priority);
      if (body.weight !== undefined) set('weight', 'weight', body.weight, Number(c.t.weight));
      if (body.groupId !== undefined) set('groupId', 'group_id', body.groupId ?? null, c.t.group_id);
      if (patch.title !== undefined || patch.description !== undefined) {
        patch.search_text = foldForSearch(
          [
            patch.title ?? c.t.title,
            patch.description === undefined ? c.t.description : patch.description,
            c.t.document_number,
            c.t.period_label,
          ]
            .filter(Boolean)
            .join(' '),
        );
      }
      if (body.coordinators) {
        await c.repo.replaceParticipants(
          id,
          body.coordinators.map((x, position) => ({
            id: newId(),
            task_id: id,
            role: 'coordinator',
            org_id: x.orgId,
            person_id: x.personId ?? null,
            part: x.part ?? null,
            position,
          })),
        );
        fields.push('coordinators');
      }
      await c.update(patch);
      await c.event('edited', { fields });
    });
  }

  async comment(actor: Actor, id: string, body: z.infer<typeof TaskCommentBody>) {
    const repo = this.repo();
    for (const [i, pid] of body.mentionPersonIds.entries()) {
      if (!(await repo.person(pid)))
        throw errors.invalidField(`mentionPersonIds.${i}`, vi(actor, 'Không tìm thấy cán bộ', 'Unknown person'), 'not_found');
    }
    await assertAttachable(this.ctx.db, actor, body.fileIds, await repo.fileIdsOfTask(id));
    return this.act(actor, id, 'comment', null, async (c) => {
      await c.event('comment', { text: body.text, mentions: body.mentionPersonIds, fileIds: body.fileIds }, { fileIds: body.fileIds });
      const who = actor.displayName;
      if (body.mentionPersonIds.length) {
        await c.notify({
          personIds: body.mentionPersonIds,
          kind: 'task.mention',
          title: `${who} nhắc đến bạn trong một nhiệm vụ`,
          body: `${c.t.title}\n${body.text.slice(0, 500)}`,
          taskId: id,
        });
      }
      const others = [
        ...this.assignerPeople(c.t),
        ...(await this.leadPeople(c.repo, { orgId: c.t.lead_org_id, personId: c.t.lead_person_id })),
      ].filter((p) => p !== actor.personId && !body.mentionPersonIds.includes(p));
      if (others.length)
        await c.notify({
          personIds: others,
          kind: 'task.comment',
          title: `${who} trao đổi về nhiệm vụ`,
          body: `${c.t.title}\n${body.text.slice(0, 500)}`,
          taskId: id,
          email: false,
        });
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Settings and the sweep on demand

  async getSettings(actor: Actor) {
    if (isEmptyScope(scopeOf(actor, 'task.assign')) && isEmptyScope(scopeOf(actor, 'system.configure'))) throw errors.notFound();
    const s = await loadTaskSettings(this.ctx.db);
    return { ...s.value, version: s.version };
  }

  async putSettings(actor: Actor, input: z.infer<typeof TaskSettingsUpdate>) {
    if (!scopeOf(actor, 'system.configure').all) throw errors.notFound();
    const { version, ...value } = input;
    await this.ctx.db.transaction().execute(async (trx) => {
      const before = await loadSnapshot(trx, 'setting', TASK_SETTINGS_KEY);
      if (!(await new SettingsRepository(trx).put(TASK_SETTINGS_KEY, value, version, new Date().toISOString())))
        throw errors.versionConflict();
      await this.ctx.audit.record(trx, {
        actorUserId: actor.userId,
        action: 'settings.task_follow_up',
        entityType: 'setting',
        entityId: TASK_SETTINGS_KEY,
        before,
      });
    });
    return this.getSettings(actor);
  }

  /** Runs the daily sweep now (as of `date`, default today) — for administrators and demos. */
  async sweepNow(actor: Actor, body: { date?: string | undefined }) {
    if (!scopeOf(actor, 'system.configure').all) throw errors.notFound();
    const now = body.date ? new Date(`${body.date}T08:00:00+07:00`) : this.clock();
    return this.runReminderSweep(now);
  }

  // ---------------------------------------------------------------------------------------------
  // Reminders, escalation, recurrence

  /**
   * One reminder: counter + event + notice to the lead, then escalation when the task is overdue
   * and has been reminded more times than the setting allows.
   */
  private async recordReminder(
    repo: TaskRepository,
    trx: Transaction<Database>,
    t: TaskView,
    kind: 'before' | 'due' | 'overdue' | 'manual',
    message: string | null,
    by: EventActor,
    at: string,
    today: string,
    cal: Calendar,
    settings: TaskSettingsValue,
    update: (patch: Partial<TasksTable>) => Promise<void>,
  ): Promise<{ escalated: boolean }> {
    const count = t.reminder_count + 1;
    const overdue = t.due_date !== null && today > t.due_date;
    await update({ reminder_count: count, last_reminded_at: at });
    await this.appendEvent(repo, t.id, by, 'reminded', { kind, count, overdue, message }, at, today, { reason: message });
    const kindOf: Record<typeof kind, NotificationKind> = {
      before: 'task.due_soon',
      due: 'task.due_today',
      overdue: 'task.overdue',
      manual: 'task.reminder',
    };
    const title =
      kind === 'before'
        ? `Sắp đến hạn (${viDay(t.due_date)})`
        : kind === 'due'
          ? 'Đến hạn hôm nay'
          : kind === 'overdue'
            ? `Quá hạn ${overdueWorkingDays({ status: t.status as TaskStatus, dueDate: t.due_date, completedOn: null }, today, cal)} ngày làm việc`
            : `Đôn đốc lần ${count}`;
    await this.notifier(trx, {
      personIds: await this.leadPeople(repo, { orgId: t.lead_org_id, personId: t.lead_person_id }),
      kind: kindOf[kind],
      title,
      body: `${t.title}${message ? `\n${message}` : ''}`,
      taskId: t.id,
      dedupeKey: `task-reminder:${t.id}:${kind}:${kind === 'manual' ? at : today}`,
    });
    if (!overdue || t.escalated_at || count <= settings.escalateAfterReminders) return { escalated: false };
    await this.escalate(repo, trx, t, count, at, today, settings, update);
    return { escalated: true };
  }

  private async escalate(
    repo: TaskRepository,
    trx: Transaction<Database>,
    t: TaskView,
    count: number,
    at: string,
    today: string,
    settings: TaskSettingsValue,
    update: (patch: Partial<TasksTable>) => Promise<void>,
  ): Promise<void> {
    const start = settings.escalateTo === 'assigner_head' ? t.assigner_org_id : ((await repo.org(t.assigner_org_id))?.parent_id ?? null);
    // No head above (the top of the demo tree, a root org): the head of the assigning unit itself.
    const target = (await repo.headAtOrAbove(start)) ?? (await repo.headAtOrAbove(t.assigner_org_id));
    await update({ escalated_to_person_id: target?.personId ?? null, escalated_to_org_id: target?.orgId ?? null, escalated_at: at });
    await this.appendEvent(
      repo,
      t.id,
      SYSTEM,
      'escalated',
      {
        toPersonId: target?.personId ?? null,
        toPersonName: target?.personName ?? null,
        toOrgId: target?.orgId ?? null,
        toOrgName: target?.orgName ?? null,
        reminderCount: count,
      },
      at,
      today,
    );
    if (target) {
      await this.notifier(trx, {
        personIds: [target.personId],
        kind: 'task.escalated',
        title: `Nhiệm vụ quá hạn sau ${count} lần đôn đốc`,
        body: `${t.title}\nĐơn vị chủ trì: ${t.lead_person_name ? `${t.lead_person_name} (${t.lead_org_name})` : t.lead_org_name}\nHạn: ${viDay(t.due_date)}`,
        taskId: t.id,
        dedupeKey: `task-escalated:${t.id}`,
      });
    }
  }

  /**
   * Creates the next instance of a recurring series when due (the previous one is done, or its
   * period has ended). Idempotent: the (series, index) pair is unique.
   */
  private async ensureNextInstance(
    trx: Transaction<Database>,
    actor: Actor,
    seriesId: string,
    today: string,
    previousDone: boolean,
  ): Promise<boolean> {
    const repo = this.repo(trx);
    const latest = await repo.latestIndex(seriesId);
    if (latest === null) return false;
    const last = await repo.instance(seriesId, latest);
    const first = await repo.instance(seriesId, 0);
    if (!last || !first?.original_deadline || last.recurrence === 'none') return false;
    const kind = last.recurrence as Exclude<Recurrence, 'none'>;
    const done = previousDone || last.status === 'done';
    if (
      !shouldCreateNextInstance({
        firstDeadline: first.original_deadline,
        recurrence: kind,
        nextIndex: latest + 1,
        today,
        previousDone: done,
        until: last.recurrence_until,
      })
    )
      return false;
    const participants = await repo.participants(last.id);
    const deadline = recurrenceDeadline(first.original_deadline, kind, latest + 1);
    await this.insertTask(trx, actor, {
      title: last.title,
      description: last.description,
      source: 'recurring',
      documentId: last.document_id,
      groupId: last.group_id,
      parentId: null,
      assignerOrgId: last.assigner_org_id,
      assignerPersonId: last.assigner_person_id,
      lead: { orgId: last.lead_org_id, personId: last.lead_person_id },
      coordinators: participants.map((p) => ({ orgId: p.org_id, personId: p.person_id, part: p.part })),
      deadline,
      priority: last.priority as TaskPriority,
      weight: Number(last.weight),
      recurrence: kind,
      seriesId,
      seriesIndex: latest + 1,
      recurrenceUntil: last.recurrence_until,
      periodLabel: recurrencePeriodLabel(deadline, kind),
    });
    return true;
  }

  /**
   * The daily follow-up, safe to run any number of times a day and on several instances at once:
   * automatic reminders N working days before the due day, on it, and every K working days when
   * overdue (one per task, kind and day — the reminder log's key); escalation of overdue tasks
   * reminded more than the threshold; the next instances of recurring tasks; and signals that
   * appear with the passing of time (slow acceptance, chưa cập nhật).
   */
  async runReminderSweep(
    now: Date = this.clock(),
  ): Promise<{ date: string; reminders: number; escalations: number; recurringCreated: number; signalsRefreshed: number }> {
    const today = vietnamDate(now);
    const at = now.toISOString();
    const cal = await this.calendar();
    const settings = (await loadTaskSettings(this.ctx.db)).value;
    const thresholds = (await loadSignalThresholds(this.ctx.db)).value;
    const repo = this.repo();
    const sys = systemActor();
    let reminders = 0;
    let escalations = 0;
    const BATCH = 500;

    const remindOne = async (id: string, kind: 'before' | 'due' | 'overdue') =>
      this.ctx.db.transaction().execute(async (trx) => {
        const r = this.repo(trx);
        await r.lock(id);
        const t = await r.findById(id);
        if (!t || !['assigned', 'accepted', 'in_progress'].includes(t.status)) return;
        if (!(await r.claimReminder(id, kind, today, at))) return;
        const before = await loadSnapshot(trx, 'task', id);
        let version = t.version;
        const update = async (patch: Partial<TasksTable>) => {
          if (!(await r.update(id, version, { ...patch, updated_at: at }))) throw errors.versionConflict();
          version++;
        };
        const res = await this.recordReminder(r, trx, t, kind, null, SYSTEM, at, today, cal, settings, update);
        await refreshTaskSignals(r, id, today, thresholds, cal);
        await this.ctx.audit.record(trx, {
          actorUserId: null,
          action: `task.reminder_${kind}`,
          entityType: 'task',
          entityId: id,
          orgId: t.lead_org_id,
          before,
        });
        reminders++;
        if (res.escalated) escalations++;
      });

    // Reminders go out on working days only; a weekend's due day was already moved to Monday.
    if (cal.isWorkingDay(today)) {
      const days: { kind: 'before' | 'due'; date: string }[] = [];
      if (settings.reminderBeforeDays > 0) days.push({ kind: 'before', date: cal.addWorkingDays(today, settings.reminderBeforeDays) });
      if (settings.reminderOnDueDay) days.push({ kind: 'due', date: today });
      for (const d of days) {
        for (let after: string | null = null; ;) {
          const rows = await repo.dueOn(d.date, after, BATCH);
          for (const row of rows) await remindOne(row.id, d.kind);
          if (rows.length < BATCH) break;
          after = rows[rows.length - 1]!.id;
        }
      }
      // Overdue: again once K working days have passed since the last reminder of any kind.
      const lastAllowed = cal.addWorkingDays(today, -settings.overdueReminderEveryDays);
      const remindedBefore = vnStartOfDay(addDay(lastAllowed));
      for (let after: string | null = null; ;) {
        const rows = await repo.overdueToRemind(today, remindedBefore, after, BATCH);
        for (const row of rows) await remindOne(row.id, 'overdue');
        if (rows.length < BATCH) break;
        after = rows[rows.length - 1]!.id;
      }
    }

    // Tasks over the threshold that were not escalated (e.g. the threshold was lowered).
    for (const row of await repo.toEscalate(today, settings.escalateAfterReminders, 10_000)) {
      await this.ctx.db.transaction().execute(async (trx) => {
        const r = this.repo(trx);
        await r.lock(row.id);
        const t = await r.findById(row.id);
        if (!t || t.escalated_at) return;
        const before = await loadSnapshot(trx, 'task', row.id);
        let version = t.version;
        await this.escalate(r, trx, t, t.reminder_count, at, today, settings, async (patch) => {
          if (!(await r.update(row.id, version, { ...patch, updated_at: at }))) throw errors.versionConflict();
          version++;
        });
        await refreshTaskSignals(r, row.id, today, thresholds, cal);
        await this.ctx.audit.record(trx, {
          actorUserId: null,
          action: 'task.escalate',
          entityType: 'task',
          entityId: row.id,
          orgId: t.lead_org_id,
          before,
        });
        escalations++;
      });
    }

    let recurringCreated = 0;
    for (let after: string | null = null; ;) {
      const series = await repo.latestInstances(after, BATCH);
      for (const s of series) {
        const created = await this.ctx.db.transaction().execute((trx) => this.ensureNextInstance(trx, sys, s.seriesId, today, false));
        if (created) recurringCreated++;
      }
      if (series.length < BATCH) break;
      after = series[series.length - 1]!.seriesId;
    }

    const signalsRefreshed = await this.refreshTimeSignals(now);
    return { date: today, reminders, escalations, recurringCreated, signalsRefreshed };
  }

  /**
   * Stores the signals that appear with the passing of time (slow acceptance still pending,
   * chưa cập nhật) for the tasks that have newly crossed a threshold by `now`; answers how many
   * tasks changed.
   */
  async refreshTimeSignals(now: Date = this.clock()): Promise<number> {
    const today = vietnamDate(now);
    const cal = await this.calendar();
    const thresholds = (await loadSignalThresholds(this.ctx.db)).value;
    const repo = this.repo();
    const BATCH = 500;
    let signalsRefreshed = 0;
    const acceptBefore = cal.addWorkingDays(today, -thresholds.slowAcceptanceDays);
    const progressBefore = notUpdatedThreshold(today, thresholds.notUpdatedDays, cal);
    for (let after: string | null = null; ;) {
      const rows = await repo.timeSignalCandidates(acceptBefore, progressBefore, after, BATCH);
      for (const row of rows) {
        const changed = await this.ctx.db
          .transaction()
          .execute((trx) => refreshTaskSignals(this.repo(trx), row.id, today, thresholds, cal));
        if (changed) signalsRefreshed++;
      }
      if (rows.length < BATCH) break;
      after = rows[rows.length - 1]!.id;
    }
    return signalsRefreshed;
  }
}

const NO_EXTENSION = { ext_new_deadline: null, ext_reason: null, ext_requested_at: null, ext_requested_by: null } as const;

function viDay(date: string | null): string {
  return date ? `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}` : 'không có hạn';
}

function addDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** The instant a Vietnamese calendar day starts (00:00 at UTC+7). */
function vnStartOfDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00+07:00`)).toISOString();
}

/** The daily follow-up job (reminders, escalations, recurring instances, date-dependent signals). */
export const TASK_SWEEP_JOB = 'tasks.sweep';

registerHandler(
  TASK_SWEEP_JOB,
  async (_payload, ctx) => {
    // As of the occurrence's own time, so a run caught up after downtime reminds for its own day.
    const result = await new TaskService(ctx.app).runReminderSweep(new Date(ctx.job.runAt));
    ctx.log.info(result, 'daily task sweep done');
  },
  { maxAttempts: 5, backoffBaseMs: 60_000 },
);

// Early morning in Hanoi, before the working day and before the daily digest.
registerRecurring({ type: TASK_SWEEP_JOB, rule: { dailyAt: '06:30', timeZone: 'Asia/Ho_Chi_Minh' } });
