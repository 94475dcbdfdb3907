import path from 'node:path';
import { z } from 'zod';

const bool = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');

const EnvSchema = z.object({
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  KYCUONG_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  KYCUONG_DEMO: bool.default(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Set when served over HTTPS (directly or behind a TLS-terminating proxy): cookies get Secure. */
  KYCUONG_SECURE_COOKIES: bool.default(false),
  /** Trust X-Forwarded-* from a reverse proxy. */
  TRUST_PROXY: bool.default(false),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(12),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_LOCK_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  /** Optional HMAC key for the audit hash chain; without it the chain uses plain SHA-256. */
  AUDIT_HMAC_KEY: z.string().min(16).optional(),
  /** Key signing the conference check-in QR codes; without it a random key is kept in the data directory. */
  CHECKIN_TOKEN_SECRET: z.string().min(32).optional(),
  /** Directory of the built web app; defaults to packages/web/dist. */
  WEB_DIST_DIR: z.string().optional(),
  PG_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** Outgoing mail: a full URL (smtp://user:pass@host:587, smtps://…:465) or the parts below. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^/]+/, 'must look like smtp://user:pass@host:587 or smtps://host:465')
    .optional(),
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  SMTP_SECURE: bool.optional(),
  SMTP_USER: z.string().min(1).optional(),
  SMTP_PASS: z.string().min(1).optional(),
  SMTP_FROM: z.string().min(3).max(200).default('Kỷ Cương <no-reply@kycuong.local>'),
  /** Run the job scheduler (reminders, mail, digest) in this process. */
  JOBS_ENABLED: bool.default(true),
  JOB_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  JOB_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(5),
  /** Hour (0–23, Asia/Ho_Chi_Minh) of the daily notification digest. */
  DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(8),
  /** Public address of the web app, for links in e-mails (e.g. https://kycuong.hanoi.gov.vn). */
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
});

export type Config = {
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string | undefined;
  demo: boolean;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  secureCookies: boolean;
  trustProxy: boolean;
  sessionTtlHours: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
  auditHmacKey: string | undefined;
  checkinTokenSecret: string | undefined;
  webDistDir: string;
  pgPoolSize: number;
  /** SMTP settings, or null when no SMTP server is configured (mails then wait in the outbox). */
  smtp: SmtpConfig | null;
  mailFrom: string;
  jobsEnabled: boolean;
  jobPollMs: number;
  jobConcurrency: number;
  digestHour: number;
  publicUrl: string | undefined;
};

export type SmtpConfig =
  { url: string } | { host: string; port: number; secure: boolean; user: string | undefined; pass: string | undefined };

export class ConfigError extends Error {}

/** Reads and validates the environment; a bad variable stops the start with one line naming it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([k, v]) => k in EnvSchema.shape && v !== '')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`Invalid environment variable ${issue.path.join('.')}: ${issue.message}`);
  }
  const e = parsed.data;
  return {
    host: e.HOST,
    port: e.PORT,
    dataDir: path.resolve(e.KYCUONG_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    demo: e.KYCUONG_DEMO,
    logLevel: e.LOG_LEVEL,
    secureCookies: e.KYCUONG_SECURE_COOKIES,
    trustProxy: e.TRUST_PROXY,
    sessionTtlHours: e.SESSION_TTL_HOURS,
    loginMaxFailures: e.LOGIN_MAX_FAILURES,
    loginLockMinutes: e.LOGIN_LOCK_MINUTES,
    auditHmacKey: e.AUDIT_HMAC_KEY,
    checkinTokenSecret: e.CHECKIN_TOKEN_SECRET,
    webDistDir: path.resolve(e.WEB_DIST_DIR ?? new URL('../../web/dist', import.meta.url).pathname),
    pgPoolSize: e.PG_POOL_SIZE,
    smtp: e.SMTP_URL
      ? { url: e.SMTP_URL }
      : e.SMTP_HOST
        ? {
            host: e.SMTP_HOST,
            port: e.SMTP_PORT ?? (e.SMTP_SECURE ? 465 : 587),
            secure: e.SMTP_SECURE ?? e.SMTP_PORT === 465,
            user: e.SMTP_USER,
            pass: e.SMTP_PASS,
          }
        : null,
    mailFrom: e.SMTP_FROM,
    jobsEnabled: e.JOBS_ENABLED,
    jobPollMs: e.JOB_POLL_MS,
    jobConcurrency: e.JOB_CONCURRENCY,
    digestHour: e.DIGEST_HOUR,
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ''),
  };
}
