import { z } from 'zod';
import { Id, IsoDate, PageQuery, QueryBool, Versioned, paged } from './common';
import { OrgKindSchema } from './orgs';

/** Categories of a person; several at once (a civil servant who is a full Party member). */
export const PERSON_CATEGORIES = ['party_full', 'party_probation', 'cadre', 'civil_servant', 'public_employee', 'worker'] as const;
export type PersonCategory = (typeof PERSON_CATEGORIES)[number];
export const PERSON_CATEGORY_LABELS: Readonly<Record<PersonCategory, { vi: string; en: string }>> = {
  party_full: { vi: 'Đảng viên chính thức', en: 'Full Party member' },
  party_probation: { vi: 'Đảng viên dự bị', en: 'Probationary Party member' },
  cadre: { vi: 'Cán bộ', en: 'Cadre' },
  civil_servant: { vi: 'Công chức', en: 'Civil servant' },
  public_employee: { vi: 'Viên chức', en: 'Public employee' },
  worker: { vi: 'Người lao động', en: 'Worker' },
};
export const PersonCategorySchema = z.enum(PERSON_CATEGORIES);

export const Email = z.email().max(200);
export const Phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9 .-]{8,20}$/, 'Số điện thoại không hợp lệ');

export const Membership = z.object({
  id: Id,
  personId: Id,
  orgId: Id,
  orgName: z.string(),
  orgKind: OrgKindSchema,
  title: z.string().nullable(),
  isHead: z.boolean(),
  isDeputy: z.boolean(),
  isPrimary: z.boolean(),
  version: z.number().int(),
});
export type Membership = z.infer<typeof Membership>;

export const Person = z.object({
  id: Id,
  fullName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  position: z.string().nullable(),
  birthDate: z.string().nullable(),
  gender: z.enum(['male', 'female', 'other']).nullable(),
  categories: z.array(PersonCategorySchema),
  active: z.boolean(),
  primaryOrgId: Id.nullable(),
  primaryOrgName: z.string().nullable(),
  userId: Id.nullable(),
  username: z.string().nullable(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type Person = z.infer<typeof Person>;

export const PersonDetail = Person.extend({ memberships: z.array(Membership) });

export const PersonListQuery = PageQuery.extend({
  q: z.string().trim().max(100).optional(),
  /** Only people with a membership in this org's subtree. */
  orgId: Id.optional(),
  /** Only direct members of orgId (not of its sub-units). */
  direct: QueryBool.optional(),
  category: PersonCategorySchema.optional(),
  includeInactive: QueryBool.optional(),
});
export const PersonList = paged(Person);

const personFields = {
  fullName: z.string().trim().min(2).max(120),
  email: Email.nullish(),
  phone: Phone.nullish(),
  position: z.string().trim().max(200).nullish(),
  birthDate: IsoDate.nullish(),
  gender: z.enum(['male', 'female', 'other']).nullish(),
  categories: z.array(PersonCategorySchema).max(6).default([]),
};

export const MembershipInput = z.object({
  orgId: Id,
  title: z.string().trim().max(120).nullish(),
  isHead: z.boolean().default(false),
  isDeputy: z.boolean().default(false),
  isPrimary: z.boolean().default(false),
});
export type MembershipInput = z.infer<typeof MembershipInput>;

export const PersonCreate = z.object({
  ...personFields,
  /** The first membership: a person is always created inside an org the caller manages. */
  membership: MembershipInput,
});
export type PersonCreate = z.infer<typeof PersonCreate>;

export const PersonUpdate = Versioned.extend({
  fullName: personFields.fullName.optional(),
  email: personFields.email,
  phone: personFields.phone,
  position: personFields.position,
  birthDate: personFields.birthDate,
  gender: personFields.gender,
  categories: z.array(PersonCategorySchema).max(6).optional(),
  active: z.boolean().optional(),
});
export type PersonUpdate = z.infer<typeof PersonUpdate>;

export const MembershipUpdate = Versioned.extend({
  title: z.string().trim().max(120).nullish(),
  isHead: z.boolean().optional(),
  isDeputy: z.boolean().optional(),
  isPrimary: z.boolean().optional(),
});
