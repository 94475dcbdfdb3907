import {
  NOTIFICATION_KINDS,
  NOTIFICATION_KIND_LABELS,
  type Notification,
  type NotificationKind,
  type NotificationPreferences,
  type NotificationPreferencesUpdate,
  type z,
  type NotificationListQuery,
} from '@kycuong/domain';
import type { Kysely } from 'kysely';
import type { Config } from '../../config';
import type { AppContext } from '../../context';
import { bool, nowIso } from '../../db/dialect';
import type { Database } from '../../db/schema';
import type { Actor } from '../../platform/access';
import { loadSnapshot, registerAuditedEntity } from '../../platform/audit';
import { errors } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { localDate, registerHandler, registerRecurring } from '../../platform/jobs';
import { queueMails, type MailInput } from '../../platform/mail';
import { NotificationRepository, type NotificationRow, type PreferencesRow, type RecipientRow } from './notifications.repository';

registerAuditedEntity('notification_preferences', {
  table: 'notification_preferences',
  booleans: ['email_enabled', 'digest_enabled'],
  key: 'user_id',
});

export interface NotifyInput {
  /** Recipients (people); duplicates are ignored. */
  personIds: readonly string[];
  kind: NotificationKind;
  /** Short Vietnamese title (also the e-mail subject). */
  title: string;
  body: string;
  /** In-app path, e.g. `/tasks/<id>`. */
  link?: string | null;
  /** What it is about, for grouping and clean-up. */
  entity?: { type: string; id: string } | null;
  /** false: inbox only. Default true: also e-mail, when the person has an address and their preferences allow. */
  email?: boolean;
  /**
   * Makes the call idempotent per person: the row key is `<dedupeKey>:<personId>`, and a person
   * who already got that key gets nothing (no second inbox row, no second e-mail).
   */
  dedupeKey?: string;
}

export interface NotifyResult {
  /** Inbox rows written (people already notified under the dedupe key are not counted). */
  notified: number;
  /** E-mails queued. */
  emailed: number;
}

const CHUNK = 500;

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function absoluteLink(link: string | null | undefined, publicUrl: string | undefined): string | null {
  if (!link) return null;
  if (/^https?:\/\//.test(link)) return link;
  return publicUrl ? `${publicUrl}${link.startsWith('/') ? '' : '/'}${link}` : link;
}

const FOOTER =
  'Thư tự động từ hệ thống Kỷ Cương — vui lòng không trả lời thư này. Có thể tắt hoặc bật nhận thư trong mục Thông báo › Cài đặt.';

/** Whether a recipient's preferences let a kind through by e-mail (defaults: everything on). */
function emailAllowed(r: RecipientRow, kind: NotificationKind): boolean {
  if (!r.email || !bool(r.active)) return false;
  if (r.user_id !== null && !bool(r.user_active)) return false;
  if (r.email_enabled !== null && !bool(r.email_enabled)) return false;
  const byKind = parseByKind(r.email_by_kind);
  return byKind[kind] !== false;
}

function parseByKind(json: string | null): Partial<Record<string, boolean>> {
  if (!json) return {};
  try {
    const v = JSON.parse(json) as Partial<Record<string, boolean>> | null;
    return v && typeof v === 'object' ? v : {};
  } catch {
    return {};
  }
}

/**
 * Notifies people inside the caller's transaction: an inbox row each and, where allowed, an
 * e-mail through the outbox — all committed or none. Pass `config` (`ctx.config`) so e-mail links
 * are absolute.
 */
export async function notify(trx: Kysely<Database>, input: NotifyInput, config?: Pick<Config, 'publicUrl'>): Promise<NotifyResult> {
  const ids = [...new Set(input.personIds)];
  const repo = new NotificationRepository(trx);
  const now = nowIso();
  let notified = 0;
  let emailed = 0;
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    const written = await repo.insert(
      chunk.map((personId) => ({
        id: newId(),
        person_id: personId,
        kind: input.kind,
        title: input.title,
        body: input.body,
        link: input.link ?? null,
        entity_type: input.entity?.type ?? null,
        entity_id: input.entity?.id ?? null,
        dedupe_key: input.dedupeKey ? `${input.dedupeKey}:${personId}` : null,
        created_at: now,
        read_at: null,
      })),
    );
    notified += written.length;
    if (input.email === false || written.length === 0) continue;
    const recipients = new Map((await repo.recipients(written.map((w) => w.person_id))).map((r) => [r.person_id, r]));
    const url = absoluteLink(input.link, config?.publicUrl);
    const mails: MailInput[] = [];
    for (const w of written) {
      const r = recipients.get(w.person_id);
      if (!r || !emailAllowed(r, input.kind)) continue;
      const text = [input.title, '', input.body, ...(url ? ['', `Xem chi tiết: ${url}`] : []), '', '—', FOOTER].join('\n');
      const html =
        `<p><strong>${escapeHtml(input.title)}</strong></p><p>${escapeHtml(input.body).replace(/\n/g, '<br>')}</p>` +
        (url ? `<p><a href="${escapeHtml(url)}">Xem chi tiết</a></p>` : '') +
        `<hr><p style="color:#666;font-size:12px">${escapeHtml(FOOTER)}</p>`;
      mails.push({ to: r.email!, subject: `[Kỷ Cương] ${input.title}`, text, html, dedupeKey: `notification:${w.id}` });
    }
    emailed += await queueMails(trx, mails);
  }
  return { notified, emailed };
}

function toNotification(r: NotificationRow): Notification {
  return {
    id: r.id,
    kind: (NOTIFICATION_KINDS as readonly string[]).includes(r.kind) ? (r.kind as NotificationKind) : 'system',
    title: r.title,
    body: r.body,
    link: r.link,
    entityType: r.entity_type,
    entityId: r.entity_id,
    createdAt: r.created_at,
    readAt: r.read_at,
  };
}

function toPreferences(row: PreferencesRow | undefined): NotificationPreferences {
  const stored = parseByKind(row?.email_by_kind ?? null);
  const emailByKind = Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, stored[k] !== false])) as Record<NotificationKind, boolean>;
  return {
    emailEnabled: row ? bool(row.email_enabled) : true,
    digestEnabled: row ? bool(row.digest_enabled) : true,
    emailByKind,
    version: row?.version ?? 0,
  };
}

/** The signed-in user's own inbox and notification preferences. */
export class NotificationService {
  constructor(private readonly ctx: AppContext) {}

  private repo(db = this.ctx.db) {
    return new NotificationRepository(db);
  }

  async list(actor: Actor, q: z.infer<typeof NotificationListQuery>) {
    if (!actor.personId) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
    const { rows, total } = await this.repo().list(actor.personId, {
      unread: q.unread ?? false,
      limit: q.pageSize,
      offset: (q.page - 1) * q.pageSize,
    });
    return { items: rows.map(toNotification), total, page: q.page, pageSize: q.pageSize };
  }

  async unreadCount(actor: Actor) {
    return { count: actor.personId ? await this.repo().unreadCount(actor.personId) : 0 };
  }

  /** Marks one of the actor's own notifications read; someone else's answers 404 like a missing one. */
  async markRead(actor: Actor, id: string): Promise<Notification> {
    if (!actor.personId) throw errors.notFound();
    const repo = this.repo();
    if (!(await repo.findOwn(actor.personId, id))) throw errors.notFound();
    await repo.markRead(actor.personId, id, nowIso());
    return toNotification((await repo.findOwn(actor.personId, id))!);
  }

  async markAllRead(actor: Actor) {
    return { count: actor.personId ? await this.repo().markAllRead(actor.personId, nowIso()) : 0 };
  }

  async getPreferences(actor: Actor): Promise<NotificationPreferences> {
    return toPreferences(await this.repo().getPreferences(actor.userId));
  }

  async updatePreferences(actor: Actor, input: NotificationPreferencesUpdate): Promise<NotificationPreferences> {
    await this.ctx.db.transaction().execute(async (trx) => {
      const repo = this.repo(trx);
      const current = toPreferences(await repo.getPreferences(actor.userId));
      const before = await loadSnapshot(trx, 'notification_preferences', actor.userId);
      const merged = { ...current.emailByKind, ...input.emailByKind };
      // Store only the kinds switched off, so kinds added later start switched on.
      const off = Object.fromEntries(Object.entries(merged).filter(([, v]) => v === false));
      const ok = await repo.putPreferences(
        actor.userId,
        input.version,
        { email_enabled: input.emailEnabled, digest_enabled: input.digestEnabled, email_by_kind: JSON.stringify(off) },
        nowIso(),
      );
      if (!ok) throw errors.versionConflict();
      await this.ctx.audit.record(trx, {
        actorUserId: actor.userId,
        action: 'notification_preferences.update',
        entityType: 'notification_preferences',
        entityId: actor.userId,
        before,
      });
    });
    return this.getPreferences(actor);
  }
}

// ---------------------------------------------------------------------------------------------
// Daily digest

export const DIGEST_JOB = 'notifications.digest';
const DIGEST_PAGE = 200;
const DIGEST_ITEMS = 10;

function formatVnDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

/**
 * One e-mail per person per day listing their unread notifications (newest first), for people
 * with an address whose preferences keep the digest on. The outbox dedupe key
 * `digest:<personId>:<date>` makes a repeated run of the same day send nothing more.
 */
export async function sendDailyDigest(app: AppContext, date: string): Promise<{ queued: number }> {
  const repo = new NotificationRepository(app.db);
  let after = '';
  let queued = 0;
  for (;;) {
    const page = await repo.unreadByPerson(after, DIGEST_PAGE);
    if (page.length === 0) break;
    after = page[page.length - 1]!.person_id;
    const recipients = new Map((await repo.recipients(page.map((p) => p.person_id))).map((r) => [r.person_id, r]));
    const mails: { to: string; subject: string; text: string; html: string; dedupeKey: string }[] = [];
    for (const { person_id, unread } of page) {
      const r = recipients.get(person_id);
      if (!r?.email || !bool(r.active) || (r.user_id !== null && !bool(r.user_active))) continue;
      if (r.digest_enabled !== null && !bool(r.digest_enabled)) continue;
      const items = await repo.latestUnread(person_id, DIGEST_ITEMS);
      const lines = items.map((n) => {
        const url = absoluteLink(n.link, app.config.publicUrl);
        const label = NOTIFICATION_KIND_LABELS[n.kind as NotificationKind]?.vi ?? '';
        return {
          text: `• ${label ? `[${label}] ` : ''}${n.title}${url ? ` — ${url}` : ''}`,
          html: `<li>${label ? `<em>${escapeHtml(label)}</em> · ` : ''}${url ? `<a href="${escapeHtml(url)}">${escapeHtml(n.title)}</a>` : escapeHtml(n.title)}</li>`,
        };
      });
      const more = unread > items.length ? `… và ${unread - items.length} thông báo khác.` : '';
      const inbox = absoluteLink('/notifications', app.config.publicUrl);
      const subject = `[Kỷ Cương] Tổng hợp ngày ${formatVnDate(date)}: ${unread} thông báo chưa đọc`;
      const text = [
        `Bạn có ${unread} thông báo chưa đọc:`,
        '',
        ...lines.map((l) => l.text),
        ...(more ? [more] : []),
        '',
        `Hộp thông báo: ${inbox}`,
        '',
        '—',
        FOOTER,
      ].join('\n');
      const html =
        `<p>Bạn có <strong>${unread}</strong> thông báo chưa đọc:</p><ul>${lines.map((l) => l.html).join('')}</ul>` +
        (more ? `<p>${escapeHtml(more)}</p>` : '') +
        `<p><a href="${escapeHtml(inbox ?? '/notifications')}">Mở hộp thông báo</a></p><hr><p style="color:#666;font-size:12px">${escapeHtml(FOOTER)}</p>`;
      mails.push({ to: r.email, subject, text, html, dedupeKey: `digest:${person_id}:${date}` });
    }
    if (mails.length) {
      queued += await app.db.transaction().execute((trx) => queueMails(trx, mails));
    }
    if (page.length < DIGEST_PAGE) break;
  }
  return { queued };
}

registerHandler(
  DIGEST_JOB,
  async (_payload, ctx) => {
    // The day the occurrence was due, so a run caught up after downtime keeps its own date.
    const date = localDate(new Date(ctx.job.runAt));
    const { queued } = await sendDailyDigest(ctx.app, date);
    ctx.log.info({ date, queued }, 'daily notification digest queued');
  },
  { maxAttempts: 5, backoffBaseMs: 60_000 },
);

registerRecurring({
  type: DIGEST_JOB,
  rule: (config) => ({ dailyAt: `${String(config.digestHour).padStart(2, '0')}:00`, timeZone: 'Asia/Ho_Chi_Minh' }),
});
