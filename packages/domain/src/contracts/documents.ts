import { z } from 'zod';
import { DOCUMENT_STATUSES, DOCUMENT_TYPES, NUMBER_STYLES } from '../documents/types';
import { Id, IsoDate, PageQuery, Versioned, paged } from './common';

export const DocumentTypeSchema = z.enum(DOCUMENT_TYPES);
export const NumberStyleSchema = z.enum(NUMBER_STYLES);
export const DocumentStatusSchema = z.enum(DOCUMENT_STATUSES);

/** A stored file (content-addressed on the server): attachments of documents, evidence of tasks. */
export const FileInfo = z.object({
  id: Id,
  name: z.string(),
  size: z.number().int(),
  mimeType: z.string(),
  sha256: z.string(),
  uploadedAt: z.string(),
});
export type FileInfo = z.infer<typeof FileInfo>;

export const TaskGroup = z.object({
  id: Id,
  documentId: Id,
  position: z.number().int(),
  /** "1", "2"… or "I", "II"… as in the document. */
  code: z.string(),
  title: z.string(),
  note: z.string().nullable(),
  taskCount: z.number().int(),
  version: z.number().int(),
});
export type TaskGroup = z.infer<typeof TaskGroup>;

export const DocumentRef = z.object({
  id: Id,
  type: DocumentTypeSchema,
  number: z.string().nullable(),
  title: z.string(),
  issuingOrgId: Id,
  issuingOrgName: z.string(),
  issuedOn: IsoDate.nullable(),
  status: DocumentStatusSchema,
});
export type DocumentRef = z.infer<typeof DocumentRef>;

export const DocumentSummary = DocumentRef.extend({
  style: NumberStyleSchema,
  implementsId: Id.nullable(),
  implementsNumber: z.string().nullable(),
  taskCount: z.number().int(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type DocumentSummary = z.infer<typeof DocumentSummary>;

export const RESPONSE_STATES = ['pending', 'overdue', 'on_time', 'late'] as const;
export const ResponseStateSchema = z.enum(RESPONSE_STATES);
export type ResponseState = (typeof RESPONSE_STATES)[number];

/** A unit a directing document was issued to, and whether it has responded (cascade). */
export const DocumentRecipient = z.object({
  orgId: Id,
  orgName: z.string(),
  issuedOn: IsoDate,
  /** What the unit must produce: its own implementing plan, or a report. */
  responseKind: z.enum(['plan', 'report']),
  responseDue: IsoDate,
  /** The task created for the unit by the cascade. */
  taskId: Id.nullable(),
  taskStatus: z.string().nullable(),
  state: ResponseStateSchema,
  respondedOn: IsoDate.nullable(),
  /** How the unit responded: an implementing plan it registered, or its cascade task done. */
  respondedVia: z.enum(['plan', 'task']).nullable(),
  plan: DocumentRef.nullable(),
});
export type DocumentRecipient = z.infer<typeof DocumentRecipient>;

export const DOCUMENT_ACTIONS = ['edit', 'issue', 'manage_groups', 'create_task'] as const;

export const DocumentDetail = DocumentSummary.extend({
  summary: z.string().nullable(),
  signer: z.string().nullable(),
  attachments: z.array(FileInfo),
  groups: z.array(TaskGroup),
  implements: DocumentRef.nullable(),
  implementedBy: z.array(DocumentRef),
  recipients: z.array(DocumentRecipient),
  /** Tasks created from this document, by official outcome class (cancelled tasks not counted). */
  taskStats: z.object({
    total: z.number().int(),
    done_on_time: z.number().int(),
    done_late: z.number().int(),
    open_in_time: z.number().int(),
    open_overdue: z.number().int(),
  }),
  allowedActions: z.array(z.enum(DOCUMENT_ACTIONS)),
});
export type DocumentDetail = z.infer<typeof DocumentDetail>;

export const DocumentListQuery = PageQuery.extend({
  /** Accent-insensitive search in number, title and summary. */
  q: z.string().trim().max(200).optional(),
  type: DocumentTypeSchema.optional(),
  status: DocumentStatusSchema.optional(),
  issuingOrgId: Id.optional(),
  implementsId: Id.optional(),
  issuedFrom: IsoDate.optional(),
  issuedTo: IsoDate.optional(),
  sort: z.enum(['-issuedOn', 'issuedOn', 'number', '-updatedAt']).default('-issuedOn'),
});
export const DocumentList = paged(DocumentSummary);

const Title = z.string().trim().min(3).max(1000);
const GroupInput = z.object({
  code: z.string().trim().min(1).max(20),
  title: z.string().trim().min(2).max(2000),
  note: z.string().trim().max(2000).nullish(),
});

export const DocumentCreate = z.object({
  type: DocumentTypeSchema,
  /** Defaults to the style of the issuing org's line (Party or State). */
  style: NumberStyleSchema.optional(),
  issuingOrgId: Id,
  /** Official number; omit with `autoNumber` to take the next one in the series. */
  number: z.string().trim().max(60).nullish(),
  autoNumber: z.boolean().default(false),
  issuedOn: IsoDate.nullish(),
  title: Title,
  summary: z.string().trim().max(20000).nullish(),
  signer: z.string().trim().max(200).nullish(),
  status: z.enum(['draft', 'issued']).default('draft'),
  implementsId: Id.nullish(),
  fileIds: z.array(Id).max(50).default([]),
  groups: z.array(GroupInput).max(100).default([]),
});
export type DocumentCreate = z.infer<typeof DocumentCreate>;

export const DocumentUpdate = Versioned.extend({
  type: DocumentTypeSchema.optional(),
  number: z.string().trim().max(60).nullish(),
  issuedOn: IsoDate.nullish(),
  title: Title.optional(),
  summary: z.string().trim().max(20000).nullish(),
  signer: z.string().trim().max(200).nullish(),
  /** draft → issued (needs a number and a date) or issued → superseded. */
  status: DocumentStatusSchema.optional(),
  implementsId: Id.nullish(),
  /** Replaces the attachment list. */
  fileIds: z.array(Id).max(50).optional(),
});
export type DocumentUpdate = z.infer<typeof DocumentUpdate>;

/** Issue a directing document to units: each gets a task to issue its own plan or a report. */
export const DocumentIssue = Versioned.extend({
  recipientOrgIds: z.array(Id).min(1).max(500),
  responseKind: z.enum(['plan', 'report']).default('plan'),
  /** Working days the units have to respond (counted from the issue day, first day not counted). */
  responseWorkingDays: z.number().int().min(1).max(250).optional(),
  /** …or a fixed response date. One of the two is required. */
  responseDeadline: IsoDate.optional(),
  /** Default: "Xây dựng kế hoạch thực hiện <số> …" / "Báo cáo kết quả thực hiện <số> …". */
  taskTitle: z.string().trim().min(3).max(1000).optional(),
});
export type DocumentIssue = z.infer<typeof DocumentIssue>;

export const TaskGroupCreate = GroupInput.extend({ position: z.number().int().min(0).max(10000).optional() });
export const TaskGroupUpdate = Versioned.extend({
  code: z.string().trim().min(1).max(20).optional(),
  title: z.string().trim().min(2).max(2000).optional(),
  note: z.string().trim().max(2000).nullish(),
  position: z.number().int().min(0).max(10000).optional(),
});

export const NextNumberQuery = z.object({
  orgId: Id,
  type: DocumentTypeSchema,
  /** Date of the new document (default: today); picks the term or year. */
  date: IsoDate.optional(),
  style: NumberStyleSchema.optional(),
});
export const NextNumber = z.object({
  number: z.string(),
  seq: z.number().int(),
  style: NumberStyleSchema,
  typeCode: z.string().nullable(),
  issuerCode: z.string(),
  /** `T2020-10-01` (Party term starting that day) or `Y2026` (State year). */
  period: z.string(),
  periodLabel: z.string(),
  /** The highest number already used in that series, if any. */
  lastNumber: z.string().nullable(),
});

export const NumberingSettings = z.object({
  /** Start dates of Party committee terms (numbers restart at 01 in each). */
  partyTermStarts: z.array(IsoDate).max(50),
  /** Per issuing org, its own term starts when they differ. */
  orgTermStarts: z.record(z.string(), z.array(IsoDate).max(50)),
  /** Per issuing org, the issuer code it signs with (e.g. ĐU, UBND, STTTT). */
  issuerCodes: z.record(z.string(), z.string().trim().min(1).max(20)),
  version: z.number().int(),
});
export const NumberingSettingsUpdate = NumberingSettings.omit({ version: true }).extend({ version: z.number().int().min(0) });

export const FileParams = z.object({ id: Id, fileId: Id });
