/**
 * API contracts of the violations capability: manifestation catalogues, cases and their workflow,
 * the discipline track of a person, sanction regimes (reference data) and the public page of
 * handled citizen reports.
 */
import { z } from 'zod';
import { Id, IsoDate, PageQuery, paged } from './common';
import { CASE_ACTIONS, CASE_OUTCOMES, CASE_SOURCES, CASE_STATUSES, EXPLANATION_WORKING_DAYS, WARNING_CODES } from '../violations/case';
import { DISCIPLINE_TRACKS, REGIME_CATEGORIES, SANCTION_FORMS, SEVERITIES } from '../violations/sanctions';

export const CaseStatusSchema = z.enum(CASE_STATUSES);
export const CaseSourceSchema = z.enum(CASE_SOURCES);
export const CaseOutcomeSchema = z.enum(CASE_OUTCOMES);
export const SeveritySchema = z.enum(SEVERITIES);
export const SanctionFormSchema = z.enum(SANCTION_FORMS);
export const DisciplineTrackSchema = z.enum(DISCIPLINE_TRACKS);
export const RegimeCategorySchema = z.enum(REGIME_CATEGORIES);

// ---------------------------------------------------------------------------------------------
// Catalogues

/** Directive documents are referenced by id (or, before the documents registry exists, by number). */
export const DocumentRefId = z.string().trim().min(1).max(100);

export const CatalogueItemDraftSchema = z.object({
  code: z.string().trim().min(1).max(10),
  title: z.string().trim().min(3).max(500),
});
export const CatalogueGroupDraftSchema = z.object({
  code: z.string().trim().min(1).max(10),
  title: z.string().trim().min(3).max(300),
  items: z.array(CatalogueItemDraftSchema).max(100),
});

export const CatalogueItem = z.object({ id: Id, code: z.string(), groupCode: z.string(), title: z.string() });
export type CatalogueItem = z.infer<typeof CatalogueItem>;
export const CatalogueGroup = z.object({ code: z.string(), title: z.string(), items: z.array(CatalogueItem) });

export const CatalogueVersionInfo = z.object({
  version: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  note: z.string().nullable(),
});

export const Catalogue = z.object({
  id: Id,
  documentId: z.string(),
  title: z.string(),
  isSample: z.boolean(),
  /** "Danh mục mẫu — …" while the sample is in use; null once replaced by the official text. */
  sampleNotice: z.string().nullable(),
  /** The version shown (the current one unless `?version=` asked for another). */
  version: z.number().int(),
  currentVersion: z.number().int(),
  groups: z.array(CatalogueGroup),
  versions: z.array(CatalogueVersionInfo),
  updatedAt: z.string(),
});
export type Catalogue = z.infer<typeof Catalogue>;

export const CatalogueQuery = z.object({
  documentId: DocumentRefId.optional(),
  version: z.coerce.number().int().min(1).optional(),
});
export const CatalogueList = z.object({ items: z.array(Catalogue) });
export const CatalogueVersionQuery = z.object({ version: z.coerce.number().int().min(1).optional() });

export const CatalogueCreate = z.object({
  documentId: DocumentRefId,
  title: z.string().trim().min(3).max(300),
  isSample: z.boolean().default(false),
  groups: z.array(CatalogueGroupDraftSchema).min(1).max(20),
});
export type CatalogueCreate = z.infer<typeof CatalogueCreate>;

/** A new version: the full list of groups and items; `version` is the current version it edits. */
export const CatalogueUpdate = z.object({
  version: z.number().int().min(1),
  title: z.string().trim().min(3).max(300).optional(),
  isSample: z.boolean().optional(),
  note: z.string().trim().max(500).optional(),
  groups: z.array(CatalogueGroupDraftSchema).min(1).max(20),
});
export type CatalogueUpdate = z.infer<typeof CatalogueUpdate>;

// ---------------------------------------------------------------------------------------------
// Cases

export const CaseDocumentRef = z.object({
  title: z.string().trim().min(2).max(300),
  /** Official number, e.g. "12-QĐ/UBKT". */
  number: z.string().trim().max(60).nullish(),
  date: IsoDate.nullish(),
  /** A file in the file store, when one was uploaded. */
  fileId: z.string().trim().max(100).nullish(),
});
export type CaseDocumentRef = z.infer<typeof CaseDocumentRef>;

export const CaseItemRef = z.object({
  catalogueId: Id,
  code: z.string().trim().min(1).max(10),
  /** Catalogue version; the current one when omitted. */
  version: z.number().int().min(1).optional(),
});

export const CaseSubjectInput = z.discriminatedUnion('kind', [
  /** orgId: the unit the case is filed under (one of the person's memberships); their primary one by default. */
  z.object({ kind: z.literal('person'), personId: Id, orgId: Id.optional() }),
  z.object({ kind: z.literal('org'), orgId: Id }),
]);

const stepFields = {
  /** Day of the step; today when omitted. */
  date: IsoDate.optional(),
  /** Who decided (committee, chair…); the signed-in user's name when omitted. */
  decisionMaker: z.string().trim().min(2).max(200).optional(),
  decisionMakerPersonId: Id.optional(),
  documents: z.array(CaseDocumentRef).max(20).default([]),
  note: z.string().trim().max(5000).optional(),
};

export const CaseCreate = z.object({
  subject: CaseSubjectInput,
  title: z.string().trim().min(3).max(300),
  description: z.string().trim().max(10000).optional(),
  source: CaseSourceSchema,
  /** Where it came from (report reference, inspection plan…); hidden from the subject. */
  sourceDetail: z.string().trim().max(2000).optional(),
  /** Day the violation was detected: the statutory deadline counts from it. */
  receivedDate: IsoDate,
  /** Day the violation was committed, when known: the limitation period counts from it. */
  violationDate: IsoDate.optional(),
  /** Estimated severity at intake (set for good at conclusion). */
  severity: SeveritySchema.optional(),
  items: z.array(CaseItemRef).min(1).max(25),
  /** Tasks whose history the case cites (source shirking_signals). */
  taskIds: z.array(Id).max(50).optional(),
  /** The shirking-signal evidence as computed when the case was opened, stored as given. */
  signalEvidence: z.unknown().optional(),
  ...stepFields,
});
export type CaseCreate = z.infer<typeof CaseCreate>;

export const SanctionInput = z.object({
  track: DisciplineTrackSchema,
  form: SanctionFormSchema,
  /** The subject's category on the track; derived from the person when omitted. */
  category: RegimeCategorySchema.optional(),
  decisionNumber: z.string().trim().max(60).optional(),
  /** End of the running period; from the regime when omitted. */
  effectiveUntil: IsoDate.optional(),
});
export type SanctionInput = z.infer<typeof SanctionInput>;

const versioned = { version: z.number().int().min(1) };

export const CaseTransition = z.discriminatedUnion('action', [
  z.object({ action: z.literal('start_verification'), ...versioned, ...stepFields }),
  z.object({
    action: z.literal('request_explanation'),
    ...versioned,
    ...stepFields,
    workingDays: z.number().int().min(1).max(EXPLANATION_WORKING_DAYS.max).default(EXPLANATION_WORKING_DAYS.default),
  }),
  z.object({ action: z.literal('extend_deadline'), ...versioned, ...stepFields, reason: z.string().trim().min(5).max(2000) }),
  z.object({
    action: z.literal('conclude'),
    ...versioned,
    ...stepFields,
    outcome: CaseOutcomeSchema,
    severity: SeveritySchema.optional(),
    violationDate: IsoDate.optional(),
  }),
  z.object({
    action: z.literal('decide_sanction'),
    ...versioned,
    ...stepFields,
    sanctions: z.array(SanctionInput).min(1).max(2),
  }),
  z.object({ action: z.literal('close'), ...versioned, ...stepFields }),
]);
export type CaseTransition = z.infer<typeof CaseTransition>;

export const CaseListQuery = PageQuery.extend({
  /** Cases filed under this org's subtree. */
  orgId: Id.optional(),
  /** Catalogue item code, e.g. NT-03. */
  item: z.string().trim().max(10).optional(),
  /** Catalogue group code, e.g. NT. */
  group: z.string().trim().max(10).optional(),
  source: CaseSourceSchema.optional(),
  status: CaseStatusSchema.optional(),
  personId: Id.optional(),
  /** Received on or after. */
  from: IsoDate.optional(),
  /** Received on or before. */
  to: IsoDate.optional(),
});

export const CaseTaggedItem = z.object({
  catalogueId: Id,
  catalogueVersion: z.number().int(),
  code: z.string(),
  groupCode: z.string(),
  groupTitle: z.string(),
  title: z.string(),
});

export const CaseSubject = z.object({
  kind: z.enum(['person', 'org']),
  personId: Id.nullable(),
  name: z.string(),
  orgId: Id,
  orgName: z.string(),
});

export const CaseListItem = z.object({
  id: Id,
  title: z.string(),
  subject: CaseSubject,
  source: CaseSourceSchema,
  status: CaseStatusSchema,
  outcome: CaseOutcomeSchema.nullable(),
  receivedDate: z.string(),
  items: z.array(z.object({ code: z.string(), groupCode: z.string() })),
  /** Statutory deadline to decide, when one applies and the case is not decided yet. */
  decisionDueDate: z.string().nullable(),
  updatedAt: z.string(),
});
export const CaseList = paged(CaseListItem);

export const CaseStep = z.object({
  id: Id,
  kind: z.string(),
  date: z.string(),
  decisionMaker: z.string().nullable(),
  decisionMakerPersonId: Id.nullable(),
  documents: z.array(CaseDocumentRef),
  note: z.string().nullable(),
  actorName: z.string().nullable(),
  createdAt: z.string(),
});

export const DisciplineRecord = z.object({
  id: Id,
  track: DisciplineTrackSchema,
  form: SanctionFormSchema,
  formLabel: z.string(),
  severity: SeveritySchema,
  rank: z.number().int(),
  regimeId: z.string(),
  category: RegimeCategorySchema,
  decisionDate: z.string(),
  decisionNumber: z.string().nullable(),
  effectiveUntil: z.string().nullable(),
  /** Whether it is running today. */
  running: z.boolean(),
  caseId: Id.nullable(),
});
export type DisciplineRecord = z.infer<typeof DisciplineRecord>;

export const CaseWarningSchema = z.object({
  code: z.enum(WARNING_CODES),
  message: z.string(),
  dueDate: z.string().nullable(),
  track: DisciplineTrackSchema.optional(),
});

export const PUBLICATION_FIELDS = ['group', 'items', 'sanction', 'unit', 'date', 'subjectName'] as const;
export const PublicationFieldSchema = z.enum(PUBLICATION_FIELDS);
export const PUBLICATION_FIELD_LABELS: Readonly<Record<(typeof PUBLICATION_FIELDS)[number], { vi: string; en: string }>> = {
  group: { vi: 'Nhóm biểu hiện', en: 'Group' },
  items: { vi: 'Biểu hiện cụ thể', en: 'Items' },
  sanction: { vi: 'Hình thức xử lý', en: 'Sanction' },
  unit: { vi: 'Đơn vị', en: 'Unit' },
  date: { vi: 'Ngày tiếp nhận, kết luận', en: 'Dates' },
  subjectName: { vi: 'Tên đối tượng', en: "Subject's name" },
};

export const CASE_EXTRA_ACTIONS = ['add_member', 'publish', 'explain'] as const;
export const CaseAllowedAction = z.enum([...CASE_ACTIONS, ...CASE_EXTRA_ACTIONS]);

export const CaseDetail = z.object({
  id: Id,
  title: z.string(),
  description: z.string().nullable(),
  subject: CaseSubject,
  source: CaseSourceSchema,
  /** Null for the subject (it may identify a reporter). */
  sourceDetail: z.string().nullable(),
  status: CaseStatusSchema,
  receivedDate: z.string(),
  violationDate: z.string().nullable(),
  outcome: CaseOutcomeSchema.nullable(),
  severity: SeveritySchema.nullable(),
  items: z.array(CaseTaggedItem),
  tasks: z.array(z.object({ taskId: z.string(), title: z.string().nullable() })),
  signalEvidence: z.unknown().nullable(),
  steps: z.array(CaseStep),
  sanctions: z.array(DisciplineRecord),
  deadline: z
    .object({
      days: z.number().int(),
      dueDate: z.string(),
      extended: z.boolean(),
      extendedDueDate: z.string().nullable(),
      source: z.string(),
    })
    .nullable(),
  limitations: z.array(
    z.object({
      track: DisciplineTrackSchema,
      severity: SeveritySchema,
      years: z.number().int().nullable(),
      countedFrom: z.string(),
      restarted: z.boolean(),
      expiresOn: z.string().nullable(),
      source: z.string(),
    }),
  ),
  explanation: z
    .object({ requestedDate: z.string(), dueDate: z.string(), text: z.string().nullable(), submittedAt: z.string().nullable() })
    .nullable(),
  publication: z.object({ published: z.boolean(), fields: z.array(PublicationFieldSchema), summary: z.string().nullable() }),
  members: z.array(z.object({ personId: Id, fullName: z.string() })),
  warnings: z.array(CaseWarningSchema),
  allowedActions: z.array(CaseAllowedAction),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CaseDetail = z.infer<typeof CaseDetail>;

export const CaseMemberAdd = z.object({ personId: Id });

export const ExplanationSubmit = z.object({ text: z.string().trim().min(10).max(10000) });
export const ExplanationReceipt = z.object({ caseId: Id, submittedAt: z.string(), dueDate: z.string() });

export const ExplanationRequest = z.object({
  caseId: Id,
  title: z.string(),
  items: z.array(z.object({ code: z.string(), title: z.string() })),
  requestedDate: z.string(),
  dueDate: z.string(),
  note: z.string().nullable(),
  submittedAt: z.string().nullable(),
  /** Still open: not submitted and not past the due date. */
  open: z.boolean(),
});
export const ExplanationRequestList = z.object({ items: z.array(ExplanationRequest) });

export const CasePublicationUpdate = z.object({
  version: z.number().int().min(1),
  published: z.boolean(),
  fields: z.array(PublicationFieldSchema).max(PUBLICATION_FIELDS.length).default([]),
  /** Public wording of how the report was handled. */
  summary: z.string().trim().max(1000).optional(),
});

export const CaseStatsQuery = z.object({
  orgId: Id.optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  /** violation: only cases concluded as a violation; any (default): all but those concluded as none. */
  outcome: z.enum(['violation', 'any']).default('any'),
});

export const CaseStats = z.object({
  org: z.object({ id: Id, name: z.string() }).nullable(),
  total: z.number().int(),
  byGroup: z.array(z.object({ code: z.string(), title: z.string(), count: z.number().int() })),
  byItem: z.array(z.object({ code: z.string(), groupCode: z.string(), title: z.string(), count: z.number().int() })),
  byUnit: z.array(
    z.object({
      orgId: Id,
      orgName: z.string(),
      total: z.number().int(),
      byGroup: z.array(z.object({ code: z.string(), count: z.number().int() })),
    }),
  ),
  byStatus: z.array(z.object({ status: CaseStatusSchema, count: z.number().int() })),
});

// ---------------------------------------------------------------------------------------------
// Discipline track and regimes

export const PersonDiscipline = z.object({
  personId: Id,
  fullName: z.string(),
  party: z.array(DisciplineRecord),
  state: z.array(DisciplineRecord),
});

export const RegimeFormSchema = z.object({
  form: SanctionFormSchema,
  rank: z.number().int().min(1).max(20),
  severity: SeveritySchema,
  requiresPost: z.boolean(),
  runsMonths: z.number().int().min(1).max(120).nullable(),
});

export const SanctionRegimeSchema = z.object({
  id: z
    .string()
    .trim()
    .min(2)
    .max(60)
    .regex(/^[a-z0-9-]+$/, 'Mã chỉ gồm chữ thường không dấu, số và gạch nối'),
  category: RegimeCategorySchema,
  effectiveFrom: IsoDate.nullable(),
  effectiveTo: IsoDate.nullable(),
  source: z.string().trim().min(3).max(500),
  forms: z.array(RegimeFormSchema).min(1).max(12),
  decisionDays: z.number().int().min(1).max(3650).nullable(),
  extendedDecisionDays: z.number().int().min(1).max(3650).nullable(),
  limitationYears: z.object({
    minor: z.number().int().min(1).max(100).nullable(),
    serious: z.number().int().min(1).max(100).nullable(),
    very_serious: z.number().int().min(1).max(100).nullable(),
    extremely_serious: z.number().int().min(1).max(100).nullable(),
  }),
  raiseWhileRunning: z.boolean(),
  verify: z.string().trim().max(1000).nullable(),
});

export const RegimeSettings = z.object({
  regimes: z.array(SanctionRegimeSchema),
  /** 0 while the built-in defaults are in use. */
  version: z.number().int(),
  isDefault: z.boolean(),
});
export const RegimeSettingsUpdate = z.object({ version: z.number().int().min(0), regimes: z.array(SanctionRegimeSchema).min(1).max(100) });

// ---------------------------------------------------------------------------------------------
// Public page

export const PublicHandledCasesParams = z.object({ orgCode: z.string().trim().min(1).max(50) });
export const PublicHandledCasesQuery = PageQuery;
export const PublicHandledCase = z.object({
  id: Id,
  outcome: CaseOutcomeSchema,
  receivedDate: z.string().nullable(),
  concludedDate: z.string().nullable(),
  groups: z.array(z.object({ code: z.string(), title: z.string() })).nullable(),
  items: z.array(z.object({ code: z.string(), title: z.string() })).nullable(),
  sanctions: z.array(z.object({ track: DisciplineTrackSchema, form: SanctionFormSchema, label: z.string() })).nullable(),
  unitName: z.string().nullable(),
  subjectName: z.string().nullable(),
  summary: z.string().nullable(),
});
export const PublicHandledCases = paged(PublicHandledCase).extend({
  org: z.object({ code: z.string(), name: z.string() }),
});
