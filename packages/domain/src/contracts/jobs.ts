import { z } from 'zod';
import { Id, PageQuery, paged } from './common';

export const JOB_STATUSES = ['queued', 'running', 'done', 'failed', 'dead'] as const;
export const MAIL_STATUSES = ['queued', 'sending', 'sent', 'failed'] as const;

/** A background job as administrators see it (payloads are left out: they may name people). */
export const JobView = z.object({
  id: Id,
  type: z.string(),
  status: z.enum(JOB_STATUSES),
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  runAt: z.string(),
  lastError: z.string().nullable(),
  lockedBy: z.string().nullable(),
  lockedUntil: z.string().nullable(),
  dedupeKey: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type JobView = z.infer<typeof JobView>;

export const JobListQuery = PageQuery.extend({
  status: z.enum(JOB_STATUSES).optional(),
  type: z.string().trim().min(1).max(100).optional(),
});
export const JobList = paged(JobView);

export const JobSummary = z.object({
  items: z.array(z.object({ type: z.string(), status: z.enum(JOB_STATUSES), count: z.number().int() })),
});

/** An outgoing e-mail of the outbox (the body is left out). */
export const OutboxMail = z.object({
  id: Id,
  to: z.string(),
  subject: z.string(),
  status: z.enum(MAIL_STATUSES),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastError: z.string().nullable(),
  sentAt: z.string().nullable(),
  createdAt: z.string(),
});
export type OutboxMail = z.infer<typeof OutboxMail>;

export const OutboxListQuery = PageQuery.extend({ status: z.enum(MAIL_STATUSES).optional() });
export const OutboxList = paged(OutboxMail);
