import { z } from 'zod';
import { Id } from './common';

/**
 * Import and export of orgs and people (with memberships) as XLSX or CSV. The column headers
 * are Vietnamese (docs/import-format.md); the server also accepts the English names and the
 * column keys below, matched without accents or case.
 */
export const IMPORT_KINDS = ['orgs', 'people'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export const ImportKindSchema = z.enum(IMPORT_KINDS);

export const EXPORT_FORMATS = ['xlsx', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ImportColumn {
  /** Header written by the export and shown in the import report. */
  vi: string;
  en: string;
  required?: boolean;
}

/** Columns of an org sheet, in export order. */
export const ORG_IMPORT_COLUMNS = {
  code: { vi: 'Mã đơn vị', en: 'Org code', required: true },
  name: { vi: 'Tên đơn vị', en: 'Name', required: true },
  shortName: { vi: 'Tên viết tắt', en: 'Short name' },
  kind: { vi: 'Loại', en: 'Kind' },
  parentCode: { vi: 'Mã đơn vị cấp trên', en: 'Parent code' },
  sortOrder: { vi: 'Thứ tự', en: 'Order' },
  active: { vi: 'Hoạt động', en: 'Active' },
} as const satisfies Record<string, ImportColumn>;
export type OrgImportColumn = keyof typeof ORG_IMPORT_COLUMNS;

/** Columns of a people sheet (one row per membership), in export order. */
export const PERSON_IMPORT_COLUMNS = {
  fullName: { vi: 'Họ và tên', en: 'Full name', required: true },
  email: { vi: 'Email', en: 'Email' },
  phone: { vi: 'Điện thoại', en: 'Phone' },
  position: { vi: 'Chức vụ', en: 'Position' },
  birthDate: { vi: 'Ngày sinh', en: 'Birth date' },
  gender: { vi: 'Giới tính', en: 'Gender' },
  categories: { vi: 'Đối tượng', en: 'Categories' },
  orgCode: { vi: 'Mã đơn vị', en: 'Org code', required: true },
  title: { vi: 'Chức danh', en: 'Title' },
  headOrDeputy: { vi: 'Trưởng/Phó', en: 'Head/Deputy' },
  primary: { vi: 'Đơn vị chính', en: 'Primary unit' },
} as const satisfies Record<string, ImportColumn>;
export type PersonImportColumn = keyof typeof PERSON_IMPORT_COLUMNS;

export const GENDER_LABELS = {
  male: { vi: 'Nam', en: 'Male' },
  female: { vi: 'Nữ', en: 'Female' },
  other: { vi: 'Khác', en: 'Other' },
} as const;

/** Limits of one import file. */
export const IMPORT_LIMITS = { maxFileBytes: 10 * 1024 * 1024, maxRows: 20_000 } as const;

export const ExportQuery = z.object({
  format: z.enum(EXPORT_FORMATS).default('xlsx'),
  /** Only this org's subtree (must be in the caller's export scope, else 404). */
  orgId: Id.optional(),
});

export const ImportRowError = z.object({
  /** The Vietnamese header of the column at fault, or "Dòng" for the row as a whole. */
  column: z.string(),
  message: z.string(),
});

export const ImportRowReport = z.object({
  /** Row number as the spreadsheet shows it (the header is row 1). */
  rowNumber: z.number().int(),
  status: z.enum(['valid', 'error']),
  /** What committing would do: create a record, update one (orgs) or add memberships (people), or nothing. */
  action: z.enum(['create', 'update', 'skip']),
  errors: z.array(ImportRowError),
  /** One line describing the row, e.g. "Chi bộ Văn phòng (CB-VP) ← DU-STTTT". */
  summary: z.string(),
});
export type ImportRowReport = z.infer<typeof ImportRowReport>;

export const ImportReport = z.object({
  kind: ImportKindSchema,
  totalRows: z.number().int(),
  validRows: z.number().int(),
  errorRows: z.number().int(),
  rows: z.array(ImportRowReport),
});
export type ImportReport = z.infer<typeof ImportReport>;

export const ImportCommitResult = ImportReport.extend({
  /** Rows written (valid rows whose action is create or update). */
  created: z.number().int(),
  updated: z.number().int(),
  skipped: z.number().int(),
});
export type ImportCommitResult = z.infer<typeof ImportCommitResult>;

/**
 * The multipart body of preview and commit, for the API documentation: fastify does not
 * validate multipart bodies, so the server checks these fields itself (400 naming the field).
 */
export const ImportUpload = z.object({
  kind: ImportKindSchema,
  /** Only for commit: write the valid rows and leave the invalid ones. */
  onlyValid: z.enum(['true', 'false']).optional(),
  file: z.string().meta({ format: 'binary', description: '.xlsx hoặc .csv (UTF-8), tối đa 10 MB và 20.000 dòng' }),
});
