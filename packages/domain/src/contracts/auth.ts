import { z } from 'zod';
import { ACTIONS, ROLES } from '../access/permissions';
import { Id } from './common';

export const LoginBody = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
  /** Six-digit TOTP code when the account has two-factor sign-in. */
  totp: z
    .string()
    .regex(/^[0-9]{6}$/)
    .optional(),
});

export const Grant = z.object({
  id: Id,
  role: z.enum(ROLES),
  orgId: Id.nullable(),
  orgName: z.string().nullable(),
});
export type Grant = z.infer<typeof Grant>;

export const Me = z.object({
  user: z.object({
    id: Id,
    username: z.string(),
    displayName: z.string(),
    personId: Id.nullable(),
    locale: z.enum(['vi', 'en']),
    totpEnabled: z.boolean(),
    mustChangePassword: z.boolean(),
  }),
  grants: z.array(Grant),
  /** Actions allowed somewhere in the user's scope; the web app hides the rest. */
  actions: z.array(z.enum(ACTIONS)),
  /** Send this value in the `x-csrf-token` header of every state-changing request. */
  csrfToken: z.string(),
  /** True when the user's role requires two-factor sign-in that is not yet set up. */
  totpSetupRequired: z.boolean(),
});
export type Me = z.infer<typeof Me>;

export const PasswordPolicy = z
  .string()
  .min(10, 'Mật khẩu tối thiểu 10 ký tự')
  .max(200)
  .refine((p) => /[a-zA-Z\p{L}]/u.test(p) && /[0-9]/.test(p), 'Mật khẩu cần có chữ và số');

export const ChangePasswordBody = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: PasswordPolicy,
});

export const PreferencesBody = z.object({ locale: z.enum(['vi', 'en']) });

export const TotpSetup = z.object({ secret: z.string(), otpauthUrl: z.string() });
export const TotpConfirmBody = z.object({ code: z.string().regex(/^[0-9]{6}$/) });
export const TotpDisableBody = z.object({ password: z.string().min(1).max(200) });
