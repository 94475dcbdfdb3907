import { z } from 'zod';
import { GRANTABLE_ROLES } from '../access/permissions';
import { Id, PageQuery, paged } from './common';
import { PasswordPolicy } from './auth';

export const Username = z
  .string()
  .trim()
  .min(3)
  .max(50)
  .regex(/^[a-z0-9._-]+$/, 'Tên đăng nhập chỉ gồm chữ thường không dấu, số, dấu chấm, gạch');

export const User = z.object({
  id: Id,
  username: z.string(),
  personId: Id.nullable(),
  displayName: z.string(),
  active: z.boolean(),
  totpEnabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  grants: z.array(z.object({ id: Id, role: z.enum(GRANTABLE_ROLES), orgId: Id.nullable(), orgName: z.string().nullable() })),
  version: z.number().int(),
});
export type User = z.infer<typeof User>;

export const UserListQuery = PageQuery.extend({
  q: z.string().trim().max(100).optional(),
  orgId: Id.optional(),
});
export const UserList = paged(User);

export const UserCreate = z.object({
  username: Username,
  /** null for a technical account (e.g. the first system administrator). */
  personId: Id.nullable(),
  password: PasswordPolicy,
});

export const UserUpdate = z.object({
  version: z.number().int().min(1),
  active: z.boolean().optional(),
});

export const ResetPasswordBody = z.object({ newPassword: PasswordPolicy });

export const GrantCreate = z.object({
  role: z.enum(GRANTABLE_ROLES),
  /** null only for the system administrator role. */
  orgId: Id.nullable(),
});

export const AuditEntry = z.object({
  id: Id,
  seq: z.number().int(),
  at: z.string(),
  actorUserId: Id.nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  orgId: Id.nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
});
export const AuditQuery = PageQuery.extend({
  entityType: z.string().max(50).optional(),
  entityId: z.string().max(64).optional(),
  action: z.string().max(80).optional(),
  actorUserId: Id.optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});
export const AuditList = paged(AuditEntry);

export const SecuritySettings = z.object({
  requireTotpForPrivileged: z.boolean(),
  version: z.number().int(),
});
export const SecuritySettingsUpdate = z.object({ requireTotpForPrivileged: z.boolean(), version: z.number().int() });
