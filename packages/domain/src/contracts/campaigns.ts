import { z } from 'zod';
import { CAMPAIGN_KINDS, CAMPAIGN_STATUSES } from '../campaigns/status';
import { ENTRY_KINDS, MAX_ENTRY_AMOUNT, PAYMENT_METHODS } from '../campaigns/ledger';
import { Id, IsoDate, PageQuery, QueryBool, Versioned, paged } from './common';
import { OrgKindSchema } from './orgs';
import { PersonCategorySchema } from './people';

export const CampaignStatusSchema = z.enum(CAMPAIGN_STATUSES);
export const CampaignKindSchema = z.enum(CAMPAIGN_KINDS);
export const EntryKindSchema = z.enum(ENTRY_KINDS);
export const PaymentMethodSchema = z.enum(PAYMENT_METHODS);

/** Whole đồng, never a float: amounts are stored and sent as integers. */
export const Dong = z.number().int('Số tiền phải là số nguyên đồng').min(0).max(MAX_ENTRY_AMOUNT);

const SuggestedByCategory = z.partialRecord(PersonCategorySchema, Dong);

export const Campaign = z.object({
  id: Id,
  orgId: Id,
  orgName: z.string(),
  /** Root of the participating subtree (whose members are asked to take part). */
  participantOrgId: Id,
  participantOrgName: z.string(),
  kind: CampaignKindSchema,
  title: z.string(),
  purpose: z.string(),
  beneficiary: z.string(),
  startDate: IsoDate,
  endDate: IsoDate.nullable(),
  targetAmount: z.number().int().nullable(),
  targetParticipants: z.number().int().nullable(),
  suggestedAmount: z.number().int().nullable(),
  suggestedByCategory: SuggestedByCategory,
  bankAccount: z.string().nullable(),
  collectionPoints: z.string().nullable(),
  publicShowNames: z.boolean(),
  status: CampaignStatusSchema,
  /** Net contributions so far (integer đồng). */
  contributed: z.number().int(),
  contributors: z.number().int(),
  /** Toward the target amount (money) or target participants (movement); null without target. */
  progress: z.number().nullable(),
  /** What the caller may do, so the web app hides the rest. */
  canManage: z.boolean(),
  canCollect: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Campaign = z.infer<typeof Campaign>;

export const UnitTotal = z.object({
  orgId: Id,
  orgName: z.string(),
  orgKind: OrgKindSchema,
  /** true for the row of entries attributed to the root itself rather than to a sub-unit. */
  direct: z.boolean(),
  hasChildren: z.boolean(),
  contributed: z.number().int(),
  pledged: z.number().int(),
  contributors: z.number().int(),
  members: z.number().int(),
  participationRate: z.number().nullable(),
});
export type UnitTotal = z.infer<typeof UnitTotal>;

export const HandoverFile = z.object({ id: Id, name: z.string(), mimeType: z.string(), size: z.number().int(), sha256: z.string() });

export const Handover = z.object({
  id: Id,
  amount: z.number().int(),
  date: IsoDate,
  recipient: z.string(),
  note: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  files: z.array(HandoverFile),
});
export type Handover = z.infer<typeof Handover>;

export const CampaignTotals = z.object({
  contributed: z.number().int(),
  pledged: z.number().int(),
  contributors: z.number().int(),
  members: z.number().int(),
  participationRate: z.number().nullable(),
  progress: z.number().nullable(),
  handedOver: z.number().int(),
  /** The root shown in byUnit (the participating org, or the unit drilled into). */
  unitParentId: Id,
  byUnit: z.array(UnitTotal),
  byMethod: z.array(z.object({ method: PaymentMethodSchema, amount: z.number().int() })),
  byDay: z.array(z.object({ date: IsoDate, amount: z.number().int() })),
});

export const CampaignDetail = Campaign.extend({
  totals: CampaignTotals,
  handovers: z.array(Handover),
  nextStatuses: z.array(CampaignStatusSchema),
  /** Whether the caller sees every entry (officer) or only some (collector) or their own. */
  entryVisibility: z.enum(['all', 'units', 'own']),
});
export type CampaignDetail = z.infer<typeof CampaignDetail>;

export const CampaignDetailQuery = z.object({
  /** Drill the per-unit totals down to the children of this unit (inside the participating subtree). */
  unitParentId: Id.optional(),
});

export const CampaignListQuery = PageQuery.extend({
  status: CampaignStatusSchema.optional(),
  kind: CampaignKindSchema.optional(),
  /** Accent-insensitive search in the title. */
  q: z.string().trim().max(100).optional(),
  /** Only campaigns organised within this org's subtree. */
  orgId: Id.optional(),
});
export const CampaignList = paged(Campaign);

const campaignFields = {
  title: z.string().trim().min(5).max(300),
  purpose: z.string().trim().min(1).max(5000),
  beneficiary: z.string().trim().min(2).max(500),
  startDate: IsoDate,
  endDate: IsoDate.nullish(),
  targetAmount: Dong.positive().nullish(),
  targetParticipants: z.number().int().positive().max(10_000_000).nullish(),
  suggestedAmount: Dong.positive().nullish(),
  suggestedByCategory: SuggestedByCategory.optional(),
  bankAccount: z.string().trim().max(1000).nullish(),
  collectionPoints: z.string().trim().max(2000).nullish(),
  publicShowNames: z.boolean().optional(),
};

function periodCheck(v: { startDate?: string | undefined; endDate?: string | null | undefined }, ctx: z.RefinementCtx) {
  if (v.startDate && v.endDate && v.endDate < v.startDate) {
    ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'Ngày kết thúc phải sau ngày bắt đầu' });
  }
}

export const CampaignCreate = z
  .object({
    /** The organising org (công đoàn, tổ công đoàn, or any org the officer manages). */
    orgId: Id,
    /** Root of the participating subtree; defaults to the organising org. */
    participantOrgId: Id.nullish(),
    kind: CampaignKindSchema,
    ...campaignFields,
  })
  .superRefine(periodCheck);
export type CampaignCreate = z.infer<typeof CampaignCreate>;

export const CampaignUpdate = Versioned.extend({
  title: campaignFields.title.optional(),
  purpose: campaignFields.purpose.optional(),
  beneficiary: campaignFields.beneficiary.optional(),
  startDate: IsoDate.optional(),
  endDate: campaignFields.endDate,
  targetAmount: campaignFields.targetAmount,
  targetParticipants: campaignFields.targetParticipants,
  suggestedAmount: campaignFields.suggestedAmount,
  suggestedByCategory: campaignFields.suggestedByCategory,
  bankAccount: campaignFields.bankAccount,
  collectionPoints: campaignFields.collectionPoints,
  publicShowNames: campaignFields.publicShowNames,
}).superRefine(periodCheck);
export type CampaignUpdate = z.infer<typeof CampaignUpdate>;

export const CampaignTransition = Versioned.extend({ status: CampaignStatusSchema });

export const CampaignEntry = z.object({
  id: Id,
  campaignId: Id,
  personId: Id,
  personName: z.string(),
  orgId: Id,
  orgName: z.string(),
  kind: EntryKindSchema,
  amount: z.number().int(),
  method: PaymentMethodSchema.nullable(),
  reference: z.string().nullable(),
  date: IsoDate,
  collectedBy: Id.nullable(),
  collectedByName: z.string().nullable(),
  reversesEntryId: Id.nullable(),
  /** The reversal that cancelled this entry, if any. */
  reversedByEntryId: Id.nullable(),
  reason: z.string().nullable(),
  receiptNo: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type CampaignEntry = z.infer<typeof CampaignEntry>;

export const CampaignEntryListQuery = PageQuery.extend({
  personId: Id.optional(),
  /** Entries attributed to this unit's subtree. */
  orgId: Id.optional(),
  kind: EntryKindSchema.optional(),
  /** Only the caller's own entries. */
  mine: QueryBool.optional(),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export const CampaignEntryList = paged(CampaignEntry);

export const BATCH_MAX_ROWS = 500;

export const CampaignBatchRow = z.object({
  personId: Id,
  kind: z.enum(['pledge', 'contribution']).default('contribution'),
  amount: Dong,
  method: PaymentMethodSchema.nullish(),
  /** The bank transfer reference (required for transfers). */
  reference: z.string().trim().max(100).nullish(),
  date: IsoDate,
  /** The member's unit the entry counts for; chosen from their memberships when absent. */
  orgId: Id.nullish(),
});
export type CampaignBatchRow = z.infer<typeof CampaignBatchRow>;

export const CampaignBatch = z.object({ rows: z.array(CampaignBatchRow).min(1).max(BATCH_MAX_ROWS) });
export const CampaignBatchResult = z.object({ created: z.number().int(), entries: z.array(CampaignEntry) });

/** A member's own pledge. */
export const CampaignPledge = z.object({ amount: Dong, method: PaymentMethodSchema.nullish() });

export const CampaignReversal = z.object({
  reason: z.string().trim().min(3).max(500),
  /** The day the correction is booked; today when absent. */
  date: IsoDate.optional(),
});

export const CampaignEntryParams = z.object({ id: Id, entryId: Id });

export const HandoverCreate = z.object({
  amount: Dong,
  date: IsoDate,
  recipient: z.string().trim().min(2).max(300),
  note: z.string().trim().max(2000).nullish(),
});
export const HandoverParams = z.object({ id: Id, handoverId: Id });
export const HandoverFileParams = z.object({ id: Id, handoverId: Id, fileId: Id });

/** A member the caller may record for, with what they have given so far. */
export const CampaignMember = z.object({
  personId: Id,
  fullName: z.string(),
  orgId: Id,
  orgName: z.string(),
  categories: z.array(PersonCategorySchema),
  contributed: z.number().int(),
  pledged: z.number().int(),
  suggestedAmount: z.number().int().nullable(),
});
export const CampaignMemberQuery = PageQuery.extend({
  q: z.string().trim().max(100).optional(),
  orgId: Id.optional(),
  pageSize: z.coerce.number().int().min(1).max(1000).default(200),
});
export const CampaignMemberList = paged(CampaignMember);

export const MyCampaignEntry = CampaignEntry.extend({ campaignTitle: z.string(), campaignStatus: CampaignStatusSchema });
export const MyCampaignEntryList = paged(MyCampaignEntry);

/** The public transparency page: no sign-in, names only when the officer allows it. */
export const PublicCampaign = z.object({
  id: Id,
  title: z.string(),
  purpose: z.string(),
  beneficiary: z.string(),
  orgName: z.string(),
  kind: CampaignKindSchema,
  status: CampaignStatusSchema,
  startDate: IsoDate,
  endDate: IsoDate.nullable(),
  bankAccount: z.string().nullable(),
  collectionPoints: z.string().nullable(),
  targetAmount: z.number().int().nullable(),
  targetParticipants: z.number().int().nullable(),
  contributed: z.number().int(),
  contributedInWords: z.string(),
  contributors: z.number().int(),
  progress: z.number().nullable(),
  handedOver: z.number().int(),
  byUnit: z.array(
    z.object({
      orgName: z.string(),
      contributed: z.number().int(),
      contributors: z.number().int(),
      members: z.number().int(),
      participationRate: z.number().nullable(),
    }),
  ),
  handovers: z.array(z.object({ amount: z.number().int(), date: IsoDate, recipient: z.string() })),
  /** Contributors' names and net amounts; null unless the officer enabled `publicShowNames`. */
  names: z.array(z.object({ fullName: z.string(), orgName: z.string(), amount: z.number().int() })).nullable(),
  updatedAt: z.string(),
});
export type PublicCampaign = z.infer<typeof PublicCampaign>;
