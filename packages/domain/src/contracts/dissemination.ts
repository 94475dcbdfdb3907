/**
 * API contracts of dissemination (quán triệt): conferences for a document with their expected
 * attendees, attendance (secretary or QR self check-in), acknowledgements with the optional quiz,
 * and coverage per unit down the tree.
 */
import { z } from 'zod';
import { Id, IsoDate, PageQuery, paged } from './common';
import { FileInfo } from './documents';
import { PersonCategorySchema } from './people';
import { ACK_METHODS, CHECKIN_METHODS, CONFERENCE_FORMATS, CONFERENCE_STATUSES, DEFAULT_CATCH_UP_WORKING_DAYS } from '../dissemination';

export const ConferenceFormatSchema = z.enum(CONFERENCE_FORMATS);
export const ConferenceStatusSchema = z.enum(CONFERENCE_STATUSES);
export const CheckinMethodSchema = z.enum(CHECKIN_METHODS);
export const AckMethodSchema = z.enum(ACK_METHODS);

const Text = (max: number) => z.string().trim().min(1).max(max);
const OptionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));

export const QuizQuestionSchema = z.object({
  text: Text(500),
  options: z.array(Text(300)).min(2).max(6),
  correct: z.number().int().min(0).max(5),
});
export const QuizSchema = z.object({
  passMark: z.number().int().min(1).max(100),
  questions: z.array(QuizQuestionSchema).min(1).max(20),
});
export type QuizInput = z.infer<typeof QuizSchema>;

/** A quiz as a participant sees it: no right answers. */
export const QuizPublic = z.object({
  passMark: z.number().int(),
  questions: z.array(z.object({ text: z.string(), options: z.array(z.string()) })),
});

const StartTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Giờ dạng HH:MM')
  .nullish()
  .transform((v) => v ?? null);
const OnlineLink = z
  .url({ protocol: /^https?$/ })
  .max(500)
  .nullish()
  .transform((v) => v ?? null);

const ConferenceFields = {
  title: Text(300).optional(),
  heldOn: IsoDate,
  startTime: StartTime,
  place: OptionalText(300),
  onlineLink: OnlineLink,
  chair: OptionalText(200),
  format: ConferenceFormatSchema,
  catchUpWorkingDays: z.number().int().min(1).max(60).default(DEFAULT_CATCH_UP_WORKING_DAYS),
  quiz: QuizSchema.nullish().transform((v) => v ?? null),
  materialFileIds: z.array(Id).max(20).default([]),
};

/** Where and how: an in-person part needs a place, an online part a link. */
function checkVenue(
  v: { format?: z.infer<typeof ConferenceFormatSchema> | undefined; place?: string | null; onlineLink?: string | null },
  ctx: z.RefinementCtx,
) {
  if (!v.format) return;
  if (v.format !== 'online' && !v.place) ctx.addIssue({ code: 'custom', path: ['place'], message: 'Cần nhập địa điểm' });
  if (v.format !== 'in_person' && !v.onlineLink)
    ctx.addIssue({ code: 'custom', path: ['onlineLink'], message: 'Cần nhập đường dẫn họp trực tuyến' });
}

export const ConferenceCreate = z
  .object({
    documentId: Id,
    /** The organising unit; expected attendees come from memberships of its subtree. */
    orgId: Id,
    /** Categories of people expected (any of them); empty = every member of the subtree. */
    categories: z.array(PersonCategorySchema).max(6).default([]),
    ...ConferenceFields,
  })
  .superRefine(checkVenue);
export type ConferenceCreate = z.infer<typeof ConferenceCreate>;

export const ConferenceUpdate = z
  .object({
    version: z.number().int().min(1),
    title: Text(300).optional(),
    heldOn: IsoDate.optional(),
    startTime: StartTime.optional(),
    place: OptionalText(300).optional(),
    onlineLink: OnlineLink.optional(),
    chair: OptionalText(200).optional(),
    format: ConferenceFormatSchema.optional(),
    catchUpWorkingDays: z.number().int().min(1).max(60).optional(),
    quiz: QuizSchema.nullable().optional(),
    minutes: OptionalText(20_000).optional(),
    materialFileIds: z.array(Id).max(20).optional(),
    minutesFileIds: z.array(Id).max(20).optional(),
    photoFileIds: z.array(Id).max(50).optional(),
  })
  .superRefine(checkVenue);
export type ConferenceUpdate = z.infer<typeof ConferenceUpdate>;

export const ConferenceListQuery = PageQuery.extend({
  documentId: Id.optional(),
  /** Conferences organised by this unit or any unit under it. */
  orgId: Id.optional(),
});

const Counts = {
  expected: z.number().int(),
  attended: z.number().int(),
  acknowledged: z.number().int(),
};

export const ConferenceSummary = z.object({
  id: Id,
  documentId: Id,
  documentNumber: z.string().nullable(),
  documentTitle: z.string(),
  orgId: Id,
  orgName: z.string(),
  title: z.string(),
  heldOn: z.string(),
  startTime: z.string().nullable(),
  place: z.string().nullable(),
  onlineLink: z.string().nullable(),
  chair: z.string().nullable(),
  format: ConferenceFormatSchema,
  status: ConferenceStatusSchema,
  ...Counts,
  version: z.number().int(),
});
export type ConferenceSummary = z.infer<typeof ConferenceSummary>;
export const ConferenceList = paged(ConferenceSummary);

export const ConferenceFileKindSchema = z.enum(['material', 'minutes', 'photo']);
export const ConferenceFile = FileInfo.extend({ kind: ConferenceFileKindSchema });

export const ConferenceDetail = ConferenceSummary.extend({
  categories: z.array(PersonCategorySchema),
  catchUpWorkingDays: z.number().int(),
  minutes: z.string().nullable(),
  files: z.array(ConferenceFile),
  quiz: QuizPublic.nullable(),
  /** The right answers, only for those who may manage the conference (to edit the quiz). */
  quizAnswers: z.array(z.number().int()).nullable(),
  /** Someone has attempted the quiz: its questions can no longer change, only the pass mark. */
  quizAttempted: z.boolean(),
  closedAt: z.string().nullable(),
  catchUpTasks: z.number().int(),
  /** Whether the caller may edit, check people in and close it. */
  canManage: z.boolean(),
  /** The caller's own row, when expected. */
  me: z.object({ attendedAt: z.string().nullable(), acknowledgedAt: z.string().nullable() }).nullable(),
});
export type ConferenceDetail = z.infer<typeof ConferenceDetail>;

export const ATTENDEE_FILTERS = ['all', 'attended', 'absent', 'acknowledged', 'missing'] as const;
export const AttendeeListQuery = PageQuery.extend({
  status: z.enum(ATTENDEE_FILTERS).default('all'),
  q: z.string().trim().max(100).optional(),
});

export const Attendee = z.object({
  personId: Id,
  fullName: z.string(),
  orgId: Id,
  orgName: z.string(),
  attendedAt: z.string().nullable(),
  checkinMethod: CheckinMethodSchema.nullable(),
  acknowledgedAt: z.string().nullable(),
  ackMethod: AckMethodSchema.nullable(),
  catchUpTaskId: Id.nullable(),
  addedManually: z.boolean(),
});
export type Attendee = z.infer<typeof Attendee>;
export const AttendeeList = paged(Attendee);

export const AttendeeAdd = z.object({ personId: Id });
export const AttendeeParams = z.object({ id: Id, personId: Id });
export const ConferenceFileParams = z.object({ id: Id, fileId: Id });

export const CheckinToken = z.object({
  token: z.string(),
  /** Path of the web page a phone opens (the QR code holds the full address). */
  path: z.string(),
  expiresAt: z.string(),
});

export const SelfCheckinBody = z.object({ token: z.string().trim().min(1).max(200) });
export const SelfCheckinResult = z.object({
  conferenceId: Id,
  conferenceTitle: z.string(),
  documentNumber: z.string().nullable(),
  attendedAt: z.string(),
  /** The person had already been checked in (scanning twice changes nothing). */
  alreadyCheckedIn: z.boolean(),
});

export const CloseResult = z.object({ conference: ConferenceDetail, catchUpTasksCreated: z.number().int() });

export const MY_ACK_FILTERS = ['pending', 'done', 'all'] as const;
export const MyAckQuery = PageQuery.extend({ status: z.enum(MY_ACK_FILTERS).default('all') });
export const MyAcknowledgement = z.object({
  conferenceId: Id,
  conferenceTitle: z.string(),
  heldOn: z.string(),
  orgName: z.string(),
  documentId: Id,
  documentNumber: z.string().nullable(),
  documentTitle: z.string(),
  documentSummary: z.string().nullable(),
  attendedAt: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  ackMethod: AckMethodSchema.nullable(),
  hasQuiz: z.boolean(),
  catchUpTaskId: Id.nullable(),
  catchUpDeadline: z.string().nullable(),
  attempts: z.number().int(),
});
export type MyAcknowledgement = z.infer<typeof MyAcknowledgement>;
export const MyAcknowledgementList = paged(MyAcknowledgement);

export const AcknowledgeBody = z.object({
  /** The person confirms having studied the document ("đã nghiên cứu, quán triệt"). */
  confirm: z.literal(true),
});
export const QuizAttemptBody = z.object({ answers: z.array(z.number().int().min(0).max(5).nullable()).max(20) });
export const QuizAttemptResult = z.object({
  correct: z.number().int(),
  total: z.number().int(),
  percent: z.number().int(),
  passMark: z.number().int(),
  passed: z.boolean(),
  acknowledgedAt: z.string().nullable(),
});
export const AckResult = z.object({ acknowledgedAt: z.string(), ackMethod: AckMethodSchema });

export const CoverageQuery = z.object({ orgId: Id.optional() });
export const CoverageCounts = z.object({
  ...Counts,
  attendedPercent: z.number().nullable(),
  acknowledgedPercent: z.number().nullable(),
});
export const CoverageUnit = CoverageCounts.extend({
  orgId: Id,
  orgName: z.string(),
  kind: z.string(),
  hasChildren: z.boolean(),
});
export const Coverage = z.object({
  documentId: Id,
  documentNumber: z.string().nullable(),
  documentTitle: z.string(),
  org: z.object({ id: Id, name: z.string(), parentId: Id.nullable() }),
  totals: CoverageCounts,
  /** People expected through a membership of the unit itself rather than of a unit under it. */
  direct: CoverageCounts,
  units: z.array(CoverageUnit),
});
export type Coverage = z.infer<typeof Coverage>;

export const CoverageMissingQuery = PageQuery.extend({ orgId: Id.optional() });
export const MissingPerson = z.object({
  personId: Id,
  fullName: z.string(),
  orgId: Id,
  orgName: z.string(),
  attended: z.boolean(),
  catchUpTaskId: Id.nullable(),
});
export type MissingPerson = z.infer<typeof MissingPerson>;
export const CoverageMissing = paged(MissingPerson);

export const DocumentCoverageParams = z.object({ id: Id });
