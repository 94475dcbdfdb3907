import { z } from 'zod';
import { Id, PageQuery, QueryBool, Versioned, paged } from './common';

/** Kinds of organisation in the Party, State and mass-organisation lines (DOMAIN §9). */
export const ORG_KINDS = [
  'thanh_uy',
  'dang_bo',
  'dang_uy_co_so',
  'dang_bo_bo_phan',
  'chi_bo',
  'ubnd',
  'so',
  'phong',
  'chi_cuc',
  'don_vi_su_nghiep',
  'phuong_xa',
  'cong_doan',
  'to_cong_doan',
  'doan_thanh_nien',
  'hoi_ccb',
  'ban_nu_cong',
  'khac',
] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export const ORG_KIND_LABELS: Readonly<Record<OrgKind, { vi: string; en: string; line: 'party' | 'state' | 'mass' }>> = {
  thanh_uy: { vi: 'Thành ủy', en: 'City Party Committee', line: 'party' },
  dang_bo: { vi: 'Đảng bộ', en: 'Party organisation', line: 'party' },
  dang_uy_co_so: { vi: 'Đảng ủy cơ sở', en: 'Grassroots Party committee', line: 'party' },
  dang_bo_bo_phan: { vi: 'Đảng bộ bộ phận', en: 'Partial Party organisation', line: 'party' },
  chi_bo: { vi: 'Chi bộ', en: 'Party cell', line: 'party' },
  ubnd: { vi: 'Ủy ban nhân dân', en: "People's Committee", line: 'state' },
  so: { vi: 'Sở', en: 'Department', line: 'state' },
  phong: { vi: 'Phòng', en: 'Division', line: 'state' },
  chi_cuc: { vi: 'Chi cục', en: 'Sub-department', line: 'state' },
  don_vi_su_nghiep: { vi: 'Đơn vị sự nghiệp', en: 'Public service unit', line: 'state' },
  phuong_xa: { vi: 'Phường/Xã', en: 'Ward/Commune', line: 'state' },
  cong_doan: { vi: 'Công đoàn', en: 'Trade union', line: 'mass' },
  to_cong_doan: { vi: 'Tổ công đoàn', en: 'Union group', line: 'mass' },
  doan_thanh_nien: { vi: 'Đoàn Thanh niên', en: 'Youth Union', line: 'mass' },
  hoi_ccb: { vi: 'Hội Cựu chiến binh', en: "Veterans' Association", line: 'mass' },
  ban_nu_cong: { vi: 'Ban nữ công', en: "Women's committee", line: 'mass' },
  khac: { vi: 'Khác', en: 'Other', line: 'state' },
};

export const OrgKindSchema = z.enum(ORG_KINDS);
/** Org codes: upper-case ASCII letters, digits, dot, dash, underscore (used in public URLs). */
export const OrgCode = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[A-Za-z0-9._-]+$/, 'Chỉ dùng chữ không dấu, số, dấu chấm, gạch ngang, gạch dưới');

export const Org = z.object({
  id: Id,
  parentId: Id.nullable(),
  kind: OrgKindSchema,
  code: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  sortOrder: z.number().int(),
  active: z.boolean(),
  depth: z.number().int(),
  childCount: z.number().int(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type Org = z.infer<typeof Org>;

export const OrgWithAncestors = Org.extend({
  ancestors: z.array(z.object({ id: Id, name: z.string(), kind: OrgKindSchema })),
});

export const OrgListQuery = PageQuery.extend({
  parentId: Id.optional(),
  /** Accent-insensitive search by name or code over the whole visible tree. */
  q: z.string().trim().max(100).optional(),
  /** `tree=true` returns every visible org (flat, depth-first) for tree views. */
  tree: QueryBool.optional(),
  includeInactive: QueryBool.optional(),
  pageSize: z.coerce.number().int().min(1).max(5000).default(200),
});
export const OrgList = paged(Org);

export const OrgCreate = z.object({
  parentId: Id.nullable(),
  kind: OrgKindSchema,
  code: OrgCode,
  name: z.string().trim().min(2).max(250),
  shortName: z.string().trim().max(80).nullish(),
  sortOrder: z.number().int().min(0).max(1_000_000).default(0),
});
export type OrgCreate = z.infer<typeof OrgCreate>;

export const OrgUpdate = Versioned.extend({
  kind: OrgKindSchema.optional(),
  code: OrgCode.optional(),
  name: z.string().trim().min(2).max(250).optional(),
  shortName: z.string().trim().max(80).nullish(),
  sortOrder: z.number().int().min(0).max(1_000_000).optional(),
  active: z.boolean().optional(),
});
export type OrgUpdate = z.infer<typeof OrgUpdate>;

export const OrgMove = Versioned.extend({ newParentId: Id });
