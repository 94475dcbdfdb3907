import { z } from 'zod';
import { SIGNAL_CODES, SIGNAL_SEVERITIES } from '../signals/thresholds';
import { TASK_SIDES } from '../tasks/state-machine';
import { RECURRENCES, TASK_ACTIONS, TASK_EVENT_TYPES, TASK_PRIORITIES, TASK_SOURCES, TASK_STATUSES } from '../tasks/model';
import { OUTCOME_CLASSES } from '../tasks/outcome';
import { Id, IsoDate, PageQuery, QueryBool, Versioned } from './common';
import { DocumentTypeSchema, FileInfo } from './documents';

export const TaskStatusSchema = z.enum(TASK_STATUSES);
export const TaskActionSchema = z.enum(TASK_ACTIONS);
export const TaskPrioritySchema = z.enum(TASK_PRIORITIES);
export const OutcomeClassSchema = z.enum(OUTCOME_CLASSES);
export const SignalCodeSchema = z.enum(SIGNAL_CODES);
export const SignalSeveritySchema = z.enum(SIGNAL_SEVERITIES);
export const TaskSideSchema = z.enum(TASK_SIDES);
export const TaskEventTypeSchema = z.enum(TASK_EVENT_TYPES);

/** The unit (and, for a personal task, the person) holding a role on a task. */
export const TaskHolder = z.object({
  orgId: Id,
  orgName: z.string(),
  personId: Id.nullable(),
  personName: z.string().nullable(),
});
export type TaskHolder = z.infer<typeof TaskHolder>;

export const TaskSummary = z.object({
  id: Id,
  title: z.string(),
  status: TaskStatusSchema,
  /** Official outcome class today (null for a cancelled task). */
  outcome: OutcomeClassSchema.nullable(),
  /** "Chưa cập nhật": no progress report for the configured number of working days. */
  notUpdated: z.boolean(),
  /** Working days past the due day (0 unless open and overdue). */
  overdueDays: z.number().int(),
  priority: TaskPrioritySchema,
  weight: z.number(),
  source: z.enum(TASK_SOURCES),
  assigner: TaskHolder,
  lead: TaskHolder,
  /** The deadline as assigned (after approved extensions and changes). */
  deadline: IsoDate.nullable(),
  /** The day the deadline really ends: the next working day if the deadline is a rest day. */
  dueDate: IsoDate.nullable(),
  originalDeadline: IsoDate.nullable(),
  assignedOn: IsoDate,
  completedOn: IsoDate.nullable(),
  progressPercent: z.number().int(),
  lastProgressOn: IsoDate,
  reminderCount: z.number().int(),
  delayCount: z.number().int(),
  escalated: z.boolean(),
  pendingExtension: z.boolean(),
  documentId: Id.nullable(),
  documentNumber: z.string().nullable(),
  groupId: Id.nullable(),
  parentId: Id.nullable(),
  recurrence: z.enum(RECURRENCES),
  periodLabel: z.string().nullable(),
  signalCodes: z.array(SignalCodeSchema),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type TaskSummary = z.infer<typeof TaskSummary>;

export const TaskList = z.object({
  items: z.array(TaskSummary),
  /** Exact up to 10,000; beyond that `totalCapped` is true and the total reads "10,000+". */
  total: z.number().int(),
  totalCapped: z.boolean(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const TaskEvent = z.object({
  id: Id,
  seq: z.number().int(),
  type: TaskEventTypeSchema,
  at: z.string(),
  /** Day in Vietnam of `at`. */
  on: IsoDate,
  actor: z.object({ userId: Id.nullable(), personId: Id.nullable(), name: z.string() }).nullable(),
  reason: z.string().nullable(),
  /** One Vietnamese line for the timeline. */
  summary: z.string(),
  /** The event's own data (see the domain's TaskEventDataMap for each type). */
  data: z.record(z.string(), z.unknown()),
  files: z.array(FileInfo),
});
export type TaskEvent = z.infer<typeof TaskEvent>;

export const SignalEvidenceSchema = z.object({ eventId: Id, on: IsoDate, type: TaskEventTypeSchema });

export const TaskSignal = z.object({
  code: SignalCodeSchema,
  label: z.string(),
  severity: SignalSeveritySchema,
  orgId: Id.nullable(),
  personId: Id.nullable(),
  subject: z.string(),
  detectedOn: IsoDate,
  explanation: z.string(),
  evidence: z.array(SignalEvidenceSchema),
});
export type TaskSignal = z.infer<typeof TaskSignal>;

export const DeadlineEntry = z.object({
  deadline: IsoDate.nullable(),
  at: z.string(),
  kind: z.enum(['original', 'extension', 'change']),
  reason: z.string().nullable(),
  /** Whether this postponement counts as a delay (objective causes confirmed by the assigner do not). */
  countsAsDelay: z.boolean(),
});

export const TaskCoordinator = TaskHolder.extend({ part: z.string().nullable() });

export const TaskDetail = TaskSummary.extend({
  description: z.string().nullable(),
  qualityAccepted: z.boolean().nullable(),
  acceptedAt: z.string().nullable(),
  completionReportedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  coordinators: z.array(TaskCoordinator),
  deadlineHistory: z.array(DeadlineEntry),
  extensionRequest: z
    .object({ newDeadline: IsoDate, reason: z.string(), requestedAt: z.string(), requestedBy: z.string().nullable() })
    .nullable(),
  escalatedTo: TaskHolder.nullable(),
  escalatedAt: z.string().nullable(),
  parent: z.object({ id: Id, title: z.string() }).nullable(),
  children: z.array(
    z.object({
      id: Id,
      title: z.string(),
      status: TaskStatusSchema,
      lead: TaskHolder,
      dueDate: IsoDate.nullable(),
      outcome: OutcomeClassSchema.nullable(),
    }),
  ),
  document: z.object({ id: Id, type: DocumentTypeSchema, number: z.string().nullable(), title: z.string() }).nullable(),
  group: z.object({ id: Id, code: z.string(), title: z.string() }).nullable(),
  recurrenceInfo: z.object({ seriesId: Id, index: z.number().int(), until: IsoDate.nullable() }).nullable(),
  events: z.array(TaskEvent),
  signals: z.array(TaskSignal),
  /** Signals are evidence for a human, never a verdict: show this text with them. */
  signalDisclaimer: z.string(),
  /** What the caller is on this task. */
  sides: z.array(TaskSideSchema),
  /** Every action the caller may take now (the server accepts exactly these). */
  allowedActions: z.array(TaskActionSchema),
});
export type TaskDetail = z.infer<typeof TaskDetail>;

export const TASK_VIEWS = ['mine', 'assigned', 'unit'] as const;
export const TASK_SORTS = ['deadline', '-deadline', 'created', '-created', 'priority', '-updated'] as const;

export const TaskListQuery = PageQuery.extend({
  /** mine: I lead or coordinate (myself or as head/deputy of the unit); assigned: I assigned; unit: led by a unit in orgId's subtree. */
  view: z.enum(TASK_VIEWS).default('mine'),
  /** For view=unit: the unit (default: the caller's primary unit). */
  orgId: Id.optional(),
  outcome: OutcomeClassSchema.optional(),
  status: TaskStatusSchema.optional(),
  /** Accent-insensitive search in title, description and document number. */
  q: z.string().trim().max(200).optional(),
  documentId: Id.optional(),
  groupId: Id.optional(),
  leadPersonId: Id.optional(),
  /** Range on the effective due day. */
  deadlineFrom: IsoDate.optional(),
  deadlineTo: IsoDate.optional(),
  signal: SignalCodeSchema.optional(),
  notUpdated: QueryBool.optional(),
  escalated: QueryBool.optional(),
  sort: z.enum(TASK_SORTS).default('deadline'),
});
export type TaskListQuery = z.infer<typeof TaskListQuery>;

export const DeadlineSpec = z.union([
  z.object({ date: IsoDate }),
  /** "Trong N ngày làm việc" from today (first day not counted). */
  z.object({ workingDays: z.number().int().min(1).max(365) }),
]);

export const HolderInput = z.object({ orgId: Id, personId: Id.nullish() });
export const CoordinatorInput = HolderInput.extend({ part: z.string().trim().max(1000).nullish() });

const Reason = z.string().trim().min(3, 'Cần nêu lý do (ít nhất 3 ký tự)').max(4000);
const Text = z.string().trim().min(1).max(20000);
const FileIds = z.array(Id).max(20).default([]);

export const TaskCreate = z.object({
  title: z.string().trim().min(3).max(1000),
  description: z.string().trim().max(20000).nullish(),
  /** The org on whose behalf the task is assigned. */
  assignerOrgId: Id,
  /** The assigning person (default: the caller); a monitoring officer may register for a leader. */
  assignerPersonId: Id.nullish(),
  lead: HolderInput,
  coordinators: z.array(CoordinatorInput).max(50).default([]),
  /** Null for a regular task without a deadline. */
  deadline: DeadlineSpec.nullish(),
  priority: TaskPrioritySchema.default('normal'),
  /** Hệ số quy đổi for evaluation (NĐ 335/2025). */
  weight: z.number().min(0.1).max(10).default(1),
  documentId: Id.nullish(),
  groupId: Id.nullish(),
  source: z.enum(['meeting', 'ad_hoc', 'document']).optional(),
  recurrence: z.object({ kind: z.enum(['monthly', 'quarterly', 'yearly']), until: IsoDate.nullish() }).nullish(),
});
export type TaskCreate = z.infer<typeof TaskCreate>;

export const TaskUpdate = Versioned.extend({
  title: z.string().trim().min(3).max(1000).optional(),
  description: z.string().trim().max(20000).nullish(),
  priority: TaskPrioritySchema.optional(),
  weight: z.number().min(0.1).max(10).optional(),
  coordinators: z.array(CoordinatorInput).max(50).optional(),
  groupId: Id.nullish(),
});

export const TaskAcceptBody = Versioned.extend({ comment: z.string().trim().max(4000).nullish() });
export const TaskProgressBody = Versioned.extend({
  /** Required from the lead; coordinators may omit it. */
  percent: z.number().int().min(0).max(100).optional(),
  text: Text,
  fileIds: FileIds,
});
export const TaskCompletionBody = Versioned.extend({ text: Text, fileIds: FileIds });
export const TaskAcceptCompletionBody = Versioned.extend({
  /** Quality judgement (đạt yêu cầu hay không), used by evaluation. */
  qualityAccepted: z.boolean(),
  comment: z.string().trim().max(4000).nullish(),
});
export const TaskReasonBody = Versioned.extend({ reason: Reason });
export const TaskTransferBody = Versioned.extend({
  reason: Reason,
  lead: HolderInput,
  /** Optionally a new deadline for the new lead (assigner only). */
  deadline: DeadlineSpec.nullish(),
});
export const TaskForwardBody = Versioned.extend({
  lead: HolderInput,
  title: z.string().trim().min(3).max(1000).optional(),
  description: z.string().trim().max(20000).nullish(),
  /** Default: the parent's deadline; never later than it. */
  deadline: DeadlineSpec.nullish(),
  coordinators: z.array(CoordinatorInput).max(50).default([]),
});
export const TaskExtensionRequestBody = Versioned.extend({ newDeadline: IsoDate, reason: Reason });
export const TaskExtensionApproveBody = Versioned.extend({
  /** The delay has an objective cause confirmed by the assigner: it does not count as a delay. */
  objectiveCause: z.boolean().default(false),
  comment: z.string().trim().max(4000).nullish(),
});
export const TaskDeadlineBody = Versioned.extend({ deadline: DeadlineSpec.nullable(), reason: Reason });
export const TaskRemindBody = Versioned.extend({ message: z.string().trim().max(4000).nullish() });
export const TaskCommentBody = z.object({
  text: Text,
  /** People mentioned (@): they are notified. */
  mentionPersonIds: z.array(Id).max(50).default([]),
  fileIds: FileIds,
});

export const CandidateQuery = z.object({
  /** forward: sub-units and people of the lead unit; transfer: units and people under the assigner org; coordinator: same as transfer. */
  purpose: z.enum(['forward', 'transfer', 'coordinator']),
  q: z.string().trim().max(100).optional(),
});
export const Candidates = z.object({
  orgs: z.array(z.object({ id: Id, name: z.string(), kind: z.string(), depth: z.number().int() })),
  people: z.array(
    z.object({
      id: Id,
      fullName: z.string(),
      orgId: Id,
      orgName: z.string(),
      title: z.string().nullable(),
      isHead: z.boolean(),
      isDeputy: z.boolean(),
    }),
  ),
});

export const TaskSettings = z.object({
  /** Automatic reminder this many working days before the due day (0 = none). */
  reminderBeforeDays: z.number().int().min(0).max(30),
  /** Automatic reminder on the due day. */
  reminderOnDueDay: z.boolean(),
  /** When overdue: an automatic reminder every this many working days. */
  overdueReminderEveryDays: z.number().int().min(1).max(30),
  /** Escalate an overdue task when its reminder count exceeds this number. */
  escalateAfterReminders: z.number().int().min(1).max(50),
  /** Who receives escalations: the head of the assigner org's parent unit, or of the assigner org itself. */
  escalateTo: z.enum(['assigner_parent_head', 'assigner_head']),
  version: z.number().int(),
});
export type TaskSettings = z.infer<typeof TaskSettings>;
export const TaskSettingsUpdate = TaskSettings.omit({ version: true }).extend({ version: z.number().int().min(0) });

export const SweepBody = z.object({ date: IsoDate.optional() });
export const SweepResult = z.object({
  date: IsoDate,
  reminders: z.number().int(),
  escalations: z.number().int(),
  recurringCreated: z.number().int(),
  signalsRefreshed: z.number().int(),
});

// ---- Signals ----

export const SignalThresholdsSchema = z.object({
  transferChainMax: z.number().int().min(1).max(20),
  slowAcceptanceDays: z.number().int().min(1).max(60),
  extensionRepeatMin: z.number().int().min(2).max(20),
  extensionLastMinuteDays: z.number().int().min(0).max(30),
  overdueReminderMin: z.number().int().min(1).max(50),
  headToDeputyMin: z.number().int().min(1).max(100),
  returnRateMin: z.number().min(0.01).max(1),
  returnRateMinTasks: z.number().int().min(1).max(1000),
  notUpdatedDays: z.number().int().min(1).max(120),
});
export const SignalThresholdsResponse = SignalThresholdsSchema.extend({ version: z.number().int() });
export const SignalThresholdsUpdate = SignalThresholdsSchema.extend({ version: z.number().int().min(0) });

export const SignalAggregateQuery = z.object({
  /** Subtree to aggregate over (default: everything the caller may read). */
  orgId: Id.optional(),
  /** Restrict to one person. */
  personId: Id.optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  /** Group rows by unit (default) or by person. */
  groupBy: z.enum(['org', 'person']).default('org'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const SignalAggregateRow = z.object({
  orgId: Id.nullable(),
  orgName: z.string().nullable(),
  personId: Id.nullable(),
  personName: z.string().nullable(),
  /** Signals by code in the period. */
  counts: z.record(z.string(), z.number().int()),
  total: z.number().int(),
  /** Tasks this unit/person led that were assigned in the period, and how many it returned. */
  received: z.number().int(),
  returned: z.number().int(),
  returnRate: z.number().nullable(),
  /** Patterns over many tasks that pass the thresholds (high return rate, repeated hand-offs to deputies). */
  flags: z.array(z.object({ code: SignalCodeSchema, explanation: z.string() })),
});
export const SignalAggregate = z.object({
  from: IsoDate.nullable(),
  to: IsoDate.nullable(),
  rows: z.array(SignalAggregateRow),
  disclaimer: z.string(),
});

export const SignalTaskQuery = PageQuery.extend({
  orgId: Id.optional(),
  personId: Id.optional(),
  code: SignalCodeSchema.optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
});
export const SignalTaskRow = TaskSignal.extend({
  taskId: Id,
  taskTitle: z.string(),
  taskStatus: TaskStatusSchema,
  orgName: z.string().nullable(),
  personName: z.string().nullable(),
});
export const SignalTaskList = z.object({
  items: z.array(SignalTaskRow),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  disclaimer: z.string(),
});
