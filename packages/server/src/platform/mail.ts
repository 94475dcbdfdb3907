/**
 * Outgoing e-mail through an outbox. `queueMail` writes the message and its send job in the
 * caller's transaction; the `mail.send` job delivers it over SMTP (nodemailer) and retries with
 * backoff, so a mail is never lost to a failed or absent SMTP server — it waits in `mail_outbox`.
 *
 * Sending once: the job scheduler hands a job to one instance at a time (FOR UPDATE SKIP LOCKED),
 * and the handler additionally moves the outbox row `queued → sending` in one conditional UPDATE
 * before talking to SMTP, and `sending → sent` right after the server accepted the message. Two
 * instances can therefore never both send a row. The one window left is a crash after the SMTP
 * server accepted the message and before `sent` is written: the row's `sending` lease then runs
 * out and the mail is sent again (at-least-once, never lost). Each message carries a Message-ID
 * derived from the outbox id, so a repeat is recognisable as the same message downstream.
 */
import type { Kysely } from 'kysely';
import nodemailer from 'nodemailer';
import type { Config, SmtpConfig } from '../config';
import { nowIso } from '../db/dialect';
import type { Database } from '../db/schema';
import { newId } from './ids';
import { enqueue, enqueueMany, PermanentJobError, registerHandler, RetryJobLater, type EnqueueResult } from './jobs';

export const MAIL_SEND_JOB = 'mail.send';

export interface MailInput {
  to: string;
  /** UTF-8 (Vietnamese) subject. */
  subject: string;
  text: string;
  html?: string | null;
  /** At most one mail per key, ever (e.g. `digest:<personId>:<date>`); a repeat is a no-op. */
  dedupeKey?: string;
  /** Not before this instant (default: now). */
  sendAt?: Date | string;
}

/**
 * Queues an e-mail inside the caller's transaction: the outbox row and its send job exist if and
 * only if the transaction commits. Returns the outbox row's id (the existing one for a repeated
 * dedupe key).
 */
export async function queueMail(db: Kysely<Database>, mail: MailInput): Promise<EnqueueResult> {
  const to = checkAddress(mail.to);
  const id = newId();
  const now = nowIso();
  const inserted = await db
    .insertInto('mail_outbox')
    .values({
      id,
      to_address: to,
      subject: mail.subject,
      text_body: mail.text,
      html_body: mail.html ?? null,
      status: 'queued',
      attempts: 0,
      next_attempt_at: mail.sendAt ? new Date(mail.sendAt).toISOString() : now,
      locked_until: null,
      last_error: null,
      message_id: null,
      sent_at: null,
      dedupe_key: mail.dedupeKey ?? null,
      created_at: now,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) {
    const existing = await db
      .selectFrom('mail_outbox')
      .select('id')
      .where('dedupe_key', '=', mail.dedupeKey ?? null)
      .executeTakeFirstOrThrow();
    return { id: existing.id, created: false };
  }
  await enqueue(db, {
    type: MAIL_SEND_JOB,
    payload: { outboxId: id },
    dedupeKey: `mail:${id}`,
    ...(mail.sendAt ? { runAt: mail.sendAt } : {}),
  });
  return { id, created: true };
}

/**
 * Queues many e-mails in the caller's transaction with two statements per 500 (outbox rows, then
 * their send jobs). Mails whose dedupe key was used are skipped. Returns how many were queued.
 */
export async function queueMails(db: Kysely<Database>, mails: readonly MailInput[]): Promise<number> {
  let queued = 0;
  const now = nowIso();
  for (let i = 0; i < mails.length; i += 500) {
    const rows = mails.slice(i, i + 500).map((mail) => ({
      id: newId(),
      to_address: checkAddress(mail.to),
      subject: mail.subject,
      text_body: mail.text,
      html_body: mail.html ?? null,
      status: 'queued' as const,
      attempts: 0,
      next_attempt_at: mail.sendAt ? new Date(mail.sendAt).toISOString() : now,
      locked_until: null,
      last_error: null,
      message_id: null,
      sent_at: null,
      dedupe_key: mail.dedupeKey ?? null,
      created_at: now,
    }));
    const inserted = await db
      .insertInto('mail_outbox')
      .values(rows)
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .returning(['id', 'next_attempt_at'])
      .execute();
    await enqueueMany(
      db,
      inserted.map((r) => ({
        type: MAIL_SEND_JOB,
        payload: { outboxId: r.id },
        dedupeKey: `mail:${r.id}`,
        runAt: r.next_attempt_at ?? now,
      })),
    );
    queued += inserted.length;
  }
  return queued;
}

function checkAddress(address: string): string {
  const to = address.trim();
  if (!/^[^\s@<>]+@[^\s@<>]+$/.test(to)) throw new RangeError(`not an e-mail address: ${JSON.stringify(address)}`);
  return to;
}

// ---------------------------------------------------------------------------------------------
// Transport

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  messageId: string;
  headers: Record<string, string>;
}

/** Something that delivers a message or throws. */
export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

const transports = new Map<string, MailTransport>();

function smtpOptions(smtp: SmtpConfig) {
  const common = {
    pool: true as const,
    maxConnections: 5,
    maxMessages: 100,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
    // Message content never reads local files or URLs.
    disableFileAccess: true,
    disableUrlAccess: true,
  };
  if ('url' in smtp) return { ...common, url: smtp.url };
  return {
    ...common,
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.pass ?? '' } } : {}),
  };
}

/** The SMTP transport of a configuration (one connection pool per SMTP server), or null without SMTP. */
export function mailTransportFor(config: Pick<Config, 'smtp'>): MailTransport | null {
  if (!config.smtp) return null;
  const key = JSON.stringify(config.smtp);
  let t = transports.get(key);
  if (!t) {
    const nm = nodemailer.createTransport(smtpOptions(config.smtp));
    t = {
      async send(m) {
        const info = await nm.sendMail({
          from: m.from,
          to: m.to,
          subject: m.subject,
          text: m.text,
          ...(m.html ? { html: m.html } : {}),
          messageId: m.messageId,
          headers: m.headers,
        });
        if (info.rejected.length > 0 && info.accepted.length === 0) {
          throw Object.assign(new Error(`recipient rejected: ${info.rejected.map(String).join(', ')}`), {
            code: 'EENVELOPE',
            responseCode: 550,
          });
        }
      },
      close: () => nm.close(),
    };
    transports.set(key, t);
  }
  return t;
}

/** Closes every SMTP connection pool (server shutdown, end of a test file). */
export function closeMailTransports(): void {
  for (const t of transports.values()) t.close();
  transports.clear();
}

/** `<outbox-id@domain-of-the-sender>`: stable, so a resent message is the same message. */
export function messageIdFor(outboxId: string, from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'kycuong.local';
  return `<${outboxId}@${domain}>`;
}

function isPermanent(err: unknown): boolean {
  const e = err as { code?: string; responseCode?: number };
  // A recipient the server refuses for good (5xx on RCPT); other errors (connection, auth, 4xx) are retried.
  return e?.code === 'EENVELOPE' && typeof e.responseCode === 'number' && e.responseCode >= 500;
}

const SENDING_LEASE_MS = 5 * 60_000;
const NO_SMTP_RECHECK_MS = 10 * 60_000;
let lastNoSmtpLog = 0;

registerHandler<{ outboxId: string }>(
  MAIL_SEND_JOB,
  async ({ outboxId }, ctx) => {
    const transport = mailTransportFor(ctx.app.config);
    if (!transport) {
      const t = ctx.now().getTime();
      if (t - lastNoSmtpLog > NO_SMTP_RECHECK_MS) {
        lastNoSmtpLog = t;
        ctx.log.warn(
          { outboxId },
          'Chưa cấu hình SMTP (SMTP_URL hoặc SMTP_HOST): thư được giữ trong hộp thư đi (mail_outbox) và sẽ gửi khi có SMTP / no SMTP configured: mails stay queued in the outbox',
        );
      }
      throw new RetryJobLater('no SMTP server configured; the mail stays queued', NO_SMTP_RECHECK_MS);
    }
    const db = ctx.app.db;
    const now = ctx.now().toISOString();
    // queued → sending (or a `sending` whose lease expired: its instance died mid-send) in one statement.
    const row = await db
      .updateTable('mail_outbox')
      .set((eb) => ({
        status: 'sending',
        attempts: eb('attempts', '+', 1),
        locked_until: new Date(ctx.now().getTime() + SENDING_LEASE_MS).toISOString(),
      }))
      .where('id', '=', outboxId)
      .where((eb) => eb.or([eb('status', '=', 'queued'), eb.and([eb('status', '=', 'sending'), eb('locked_until', '<', now)])]))
      .returningAll()
      .executeTakeFirst();
    if (!row) {
      const current = await db.selectFrom('mail_outbox').select(['status', 'locked_until']).where('id', '=', outboxId).executeTakeFirst();
      if (!current) throw new PermanentJobError(`outbox row ${outboxId} does not exist`);
      if (current.status === 'sending') {
        // Another instance is sending it right now: come back when its lease has run out.
        throw new RetryJobLater(
          'another instance is sending this mail',
          Math.max(1000, new Date(current.locked_until ?? now).getTime() - ctx.now().getTime()),
        );
      }
      return; // sent or failed already
    }
    const from = ctx.app.config.mailFrom;
    const messageId = messageIdFor(row.id, from);
    try {
      await transport.send({
        from,
        to: row.to_address,
        subject: row.subject,
        text: row.text_body,
        ...(row.html_body ? { html: row.html_body } : {}),
        messageId,
        headers: { 'X-Kycuong-Outbox-Id': row.id, ...(row.dedupe_key ? { 'X-Kycuong-Dedupe-Key': row.dedupe_key } : {}) },
      });
    } catch (err) {
      const permanent = isPermanent(err);
      const last = permanent || ctx.job.retryAt === null;
      await db
        .updateTable('mail_outbox')
        .set({
          status: last ? 'failed' : 'queued',
          locked_until: null,
          last_error: (err instanceof Error ? err.message : String(err)).slice(0, 2000),
          next_attempt_at: last ? null : ctx.job.retryAt,
        })
        .where('id', '=', row.id)
        .where('status', '=', 'sending')
        .execute();
      if (permanent) throw new PermanentJobError(err instanceof Error ? err.message : String(err));
      throw err;
    }
    // Recorded right after the server accepted it; the scheduler then marks the job done. A crash
    // between the two re-runs the job, which finds the row `sent` and sends nothing.
    await db
      .updateTable('mail_outbox')
      .set({
        status: 'sent',
        sent_at: ctx.now().toISOString(),
        message_id: messageId,
        locked_until: null,
        last_error: null,
        next_attempt_at: null,
      })
      .where('id', '=', row.id)
      .where('status', '=', 'sending')
      .execute();
  },
  { maxAttempts: 20, backoffBaseMs: 30_000, backoffMaxMs: 3_600_000 },
);
