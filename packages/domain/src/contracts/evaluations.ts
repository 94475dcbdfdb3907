/**
 * API contracts of evaluation (issue 5): NĐ 335/2025 scores of civil servants and the Party-member
 * rating (Quy định 124-QĐ/TW), with the breakdown a person sees behind their score.
 */
import { z } from 'zod';
import { EVALUATION_STATUSES } from '../evaluation/workflow';
import { EVALUATION_TRACKS, RATING_LEVELS } from '../evaluation/levels';
import { FLAG_CODES } from '../evaluation/flags';
import { PERIOD_KINDS, PERIOD_PATTERN } from '../evaluation/periods';
import { Id, IsoDate, Versioned } from './common';

export const RatingLevelSchema = z.enum(RATING_LEVELS);
export const EvaluationTrackSchema = z.enum(EVALUATION_TRACKS);
export const EvaluationStatusSchema = z.enum(EVALUATION_STATUSES);
/** `2026` (year), `2026-Q3` (quarter) or `2026-09` (month). */
export const PeriodKey = z.string().trim().regex(PERIOD_PATTERN, 'Kỳ đánh giá dạng 2026, 2026-Q3 hoặc 2026-09');

export const EvaluationListQuery = z.object({
  orgId: Id,
  period: PeriodKey,
  track: EvaluationTrackSchema.default('state'),
});

export const EvaluationScore = z.object({
  quantityPercent: z.number().nullable(),
  qualityPercent: z.number().nullable(),
  timelinessPercent: z.number().nullable(),
  ownPercent: z.number().nullable(),
  unitPercent: z.number().nullable(),
  unitCapped: z.boolean(),
  taskPoints: z.number().nullable(),
  generalPoints: z.number().nullable(),
  total: z.number().nullable(),
  bandLevel: RatingLevelSchema.nullable(),
  automatic: z.enum(['sanction_in_year', 'party_sanction_in_year']).nullable(),
});
export type EvaluationScore = z.infer<typeof EvaluationScore>;

export const EvaluationSummary = z.object({
  id: Id,
  personId: Id,
  personName: z.string(),
  orgId: Id,
  orgName: z.string(),
  track: EvaluationTrackSchema,
  period: z.string(),
  periodKind: z.enum(PERIOD_KINDS),
  from: IsoDate,
  to: IsoDate,
  status: EvaluationStatusSchema,
  isManager: z.boolean(),
  quotaGroup: z.string(),
  selfLevel: RatingLevelSchema.nullable(),
  proposedLevel: RatingLevelSchema.nullable(),
  /** The level after every rule (bands, automatic rules, the leader's lowering); final once approved. */
  level: RatingLevelSchema.nullable(),
  score: EvaluationScore,
  approvedAt: z.string().nullable(),
  version: z.number().int(),
});
export type EvaluationSummary = z.infer<typeof EvaluationSummary>;

export const QuotaStatus = z.object({
  group: z.string(),
  excellent: z.number().int(),
  good: z.number().int(),
  allowed: z.number().int(),
  exceeded: z.boolean(),
});
export type QuotaStatus = z.infer<typeof QuotaStatus>;

export const EvaluationList = z.object({
  org: z.object({ id: Id, name: z.string() }),
  period: z.string(),
  track: EvaluationTrackSchema,
  items: z.array(EvaluationSummary),
  quota: z.array(QuotaStatus),
  /** Members of the unit without an evaluation for the period yet. */
  notOpened: z.array(z.object({ personId: Id, personName: z.string() })),
  canManage: z.boolean(),
});
export type EvaluationList = z.infer<typeof EvaluationList>;

export const TaskAdjustment = z.object({
  taskId: Id,
  majorErrors: z.number().int().min(0).max(20).default(0),
  /** Of the major errors, those with an objective cause confirmed (not deducted). */
  objectiveErrors: z.number().int().min(0).max(20).default(0),
  /** The late completion had an objective cause, confirmed. */
  lateObjective: z.boolean().default(false),
});
export type TaskAdjustment = z.infer<typeof TaskAdjustment>;

export const EvaluationTaskLine = z.object({
  taskId: Id,
  title: z.string(),
  weight: z.number(),
  done: z.boolean(),
  dueDate: IsoDate.nullable(),
  completedOn: IsoDate.nullable(),
  qualityAccepted: z.boolean().nullable(),
  delays: z.number().int(),
  completedLate: z.boolean(),
  majorErrors: z.number().int(),
  objectiveErrors: z.number().int(),
  lateObjective: z.boolean(),
  quantity: z.number(),
  quality: z.number(),
  timeliness: z.number(),
  deductions: z.array(
    z.object({
      item: z.enum(['quality', 'timeliness']),
      reason: z.enum(['major_error', 'delay', 'late_completion']),
      count: z.number().int(),
      share: z.number(),
    }),
  ),
});
export type EvaluationTaskLine = z.infer<typeof EvaluationTaskLine>;

export const EvaluationDetail = EvaluationSummary.extend({
  selfText: z.string().nullable(),
  selfAt: z.string().nullable(),
  manualTaskPercent: z.number().nullable(),
  proposalNote: z.string().nullable(),
  proposedAt: z.string().nullable(),
  proposedBy: z.string().nullable(),
  approvedBy: z.string().nullable(),
  /** Every task counted, with its weight, items and deductions (frozen at approval). */
  tasks: z.array(EvaluationTaskLine),
  totalWeight: z.number(),
  unit: z
    .object({
      orgId: Id,
      orgName: z.string(),
      taskCount: z.number().int(),
      percent: z.number().nullable(),
      subordinateNotCompleted: z.array(z.object({ personId: Id, personName: z.string() })),
    })
    .nullable(),
  sanctions: z.array(
    z.object({ track: z.enum(['party', 'state']), form: z.string(), formLabel: z.string(), decisionDate: z.string(), counts: z.boolean() }),
  ),
  flags: z.array(z.object({ code: z.enum(FLAG_CODES), label: z.string(), evidence: z.array(z.string()) })),
  allowedSteps: z.array(z.enum(['self_assess', 'propose', 'approve'])),
});
export type EvaluationDetail = z.infer<typeof EvaluationDetail>;

export const EvaluationHistory = z.object({
  personId: Id,
  personName: z.string(),
  items: z.array(EvaluationSummary),
  flags: z.array(z.object({ code: z.enum(FLAG_CODES), label: z.string(), evidence: z.array(z.string()) })),
});
export type EvaluationHistory = z.infer<typeof EvaluationHistory>;

export const EvaluationMineQuery = z.object({ personId: Id.optional() });

export const EvaluationCycleBody = z.object({
  orgId: Id,
  period: PeriodKey,
  track: EvaluationTrackSchema.default('state'),
  /** Group of people with similar duties, for the quota (default "chung"). */
  quotaGroup: z.string().trim().min(1).max(60).default('chung'),
});
export const EvaluationCycleResult = z.object({ created: z.number().int(), existing: z.number().int() });

export const SelfAssessmentBody = Versioned.extend({
  level: RatingLevelSchema,
  text: z.string().trim().min(3, 'Nêu ngắn gọn kết quả tự đánh giá (ít nhất 3 ký tự)').max(8000),
});

export const ProposalBody = Versioned.extend({
  /** General criteria, 0–30 (civil servants; ignored on the Party track). */
  generalPoints: z.number().min(0).max(30).nullish(),
  /** Only when the person had no task in the period. */
  manualTaskPercent: z.number().min(0).max(100).nullish(),
  /** Civil servants: only to lower the computed level (e.g. for the quota). Party track: the level. */
  level: RatingLevelSchema.nullish(),
  taskAdjustments: z.array(TaskAdjustment).max(500).default([]),
  quotaGroup: z.string().trim().min(1).max(60).optional(),
  note: z.string().trim().max(4000).nullish(),
});

export const ApproveBody = Versioned;
