import { z } from 'zod';
import { OrgKindSchema } from './orgs';
import { Id, IsoDate, PageQuery, paged } from './common';
import { REPORT_FORMATS } from '../reports/format';
import { REPORT_PERIOD_PATTERN } from '../reports/period';

/** ct24: "Báo cáo kết quả thực hiện Chỉ thị số 24-CT/TU"; task-followup: the general task follow-up report. */
export const REPORT_KINDS = ['ct24', 'task-followup'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export const ReportKindSchema = z.enum(REPORT_KINDS);

export const REPORT_KIND_LABELS: Readonly<Record<ReportKind, { vi: string; en: string }>> = {
  ct24: { vi: 'Báo cáo kết quả thực hiện Chỉ thị số 24-CT/TU', en: 'Report on Directive 24-CT/TU' },
  'task-followup': { vi: 'Báo cáo tình hình thực hiện nhiệm vụ được giao', en: 'Task follow-up report' },
};

export const REPORT_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const REPORT_FILE_FORMATS = ['docx', 'pdf', 'xlsx'] as const;
export type ReportFileFormat = (typeof REPORT_FILE_FORMATS)[number];

/** Which org and which period: a named period (`2026-Q3`, `2026-07`, `2026-H1`, `2026`) or a from/to range. */
const scopeFields = {
  kind: ReportKindSchema,
  orgId: Id,
  period: z.string().regex(REPORT_PERIOD_PATTERN, 'Kỳ báo cáo dạng 2026, 2026-Q3, 2026-H1 hoặc 2026-07').optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
};

function checkPeriod(v: { period?: string | undefined; from?: string | undefined; to?: string | undefined }, ctx: z.RefinementCtx) {
  if (v.period) return;
  if (!v.from) ctx.addIssue({ code: 'custom', path: ['from'], message: 'Chọn kỳ báo cáo hoặc ngày bắt đầu' });
  if (!v.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'Chọn kỳ báo cáo hoặc ngày kết thúc' });
  if (v.from && v.to && v.from > v.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'Ngày kết thúc trước ngày bắt đầu' });
}

export const ReportDraftRequest = z.object(scopeFields).superRefine(checkPeriod);
export type ReportDraftRequest = z.infer<typeof ReportDraftRequest>;

/** A narrative section: drafted from live data, edited by the user before rendering. */
export const ReportSection = z.object({
  key: z.string().regex(/^[a-z0-9_-]{1,40}$/),
  heading: z.string().trim().min(1).max(300),
  text: z.string().max(20000),
});
export type ReportSection = z.infer<typeof ReportSection>;

export const ReportCell = z.union([z.string(), z.number(), z.null()]);
/** A table of figures (printed in the report and in the XLSX annex). */
export const ReportTable = z.object({
  key: z.string(),
  title: z.string(),
  columns: z.array(z.string()),
  rows: z.array(z.array(ReportCell)),
  note: z.string().nullable(),
});
export type ReportTable = z.infer<typeof ReportTable>;

export const ReportHeader = z.object({
  /** Superior body (upper case), or null at the top of the tree. */
  superior: z.string().nullable(),
  issuer: z.string(),
  issuerCode: z.string(),
  numberLine: z.string(),
  place: z.string(),
  placeDate: z.string(),
});

export const ReportSigner = z.object({
  /** "T/M ĐẢNG ỦY", "TM. ỦY BAN NHÂN DÂN", or null for a head-of-agency body. */
  authority: z.string().nullable(),
  position: z.string(),
  name: z.string().nullable(),
});

export const ReportDraft = z.object({
  kind: ReportKindSchema,
  format: z.enum(REPORT_FORMATS),
  org: z.object({ id: Id, name: z.string(), kind: OrgKindSchema }),
  from: IsoDate,
  to: IsoDate,
  /** The day the figures are counted on: the period's last day, or today for a running period. */
  asOf: IsoDate,
  periodLabel: z.string(),
  /** "BÁO CÁO". */
  docType: z.string(),
  /** Trích yếu. */
  subject: z.string(),
  header: ReportHeader,
  sections: z.array(ReportSection),
  tables: z.array(ReportTable),
  signer: ReportSigner,
  recipients: z.array(z.string()),
});
export type ReportDraft = z.infer<typeof ReportDraft>;

export const ReportCreate = z
  .object({
    ...scopeFields,
    sections: z.array(ReportSection).min(1).max(20),
    /** The number in the register, when already taken; blank in the document otherwise. */
    numberSeq: z.number().int().min(1).max(99999).nullish(),
    issuerCode: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9Đđ-]{1,20}$/)
      .optional(),
    place: z.string().trim().min(1).max(100).optional(),
    /** The superior body for the header (cơ quan chủ quản / cấp trên), when the draft left it out or it needs correcting. */
    superior: z.string().trim().max(300).nullish(),
    signerName: z.string().trim().max(200).nullish(),
    signerPosition: z.string().trim().min(1).max(200).optional(),
    recipients: z.array(z.string().trim().min(1).max(300)).max(20).optional(),
  })
  .superRefine(checkPeriod);
export type ReportCreate = z.infer<typeof ReportCreate>;

const FileLink = z.object({ url: z.string(), size: z.number().int(), name: z.string() }).nullable();

export const Report = z.object({
  id: Id,
  kind: ReportKindSchema,
  format: z.enum(REPORT_FORMATS),
  orgId: Id,
  orgName: z.string(),
  from: IsoDate,
  to: IsoDate,
  periodLabel: z.string(),
  title: z.string(),
  status: z.enum(REPORT_STATUSES),
  /** 0–100. */
  progress: z.number().int(),
  error: z.string().nullable(),
  jobId: Id.nullable(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  finishedAt: z.string().nullable(),
  files: z.object({ docx: FileLink, pdf: FileLink, xlsx: FileLink }),
});
export type Report = z.infer<typeof Report>;

export const ReportCreated = z.object({ id: Id, jobId: Id, status: z.enum(REPORT_STATUSES) });

export const ReportListQuery = PageQuery.extend({ orgId: Id.optional() });
export const ReportList = paged(Report);

export const ReportFileParams = z.object({ id: Id, format: z.enum(REPORT_FILE_FORMATS) });
