/**
 * How the task module tells people: a tiny interface, so tasks never depend on how notifications
 * are delivered. The default sends through the notifications module (inbox + e-mail outbox) in
 * the caller's transaction.
 */
import type { NotificationKind } from '@kycuong/domain';
import type { Kysely } from 'kysely';
import type { Config } from '../../config';
import type { Database } from '../../db/schema';
import { notify } from '../notifications/notifications.service';

export interface TaskNotice {
  personIds: readonly string[];
  kind: NotificationKind;
  title: string;
  body: string;
  taskId: string;
  /** Makes the notice idempotent per person (automatic reminders). */
  dedupeKey?: string;
  /** false: inbox only. */
  email?: boolean;
}

export type TaskNotifier = (trx: Kysely<Database>, notice: TaskNotice) => Promise<void>;

/** Notifier writing inbox rows and queued e-mails through the notifications module. */
export function inboxNotifier(config: Pick<Config, 'publicUrl'>): TaskNotifier {
  return async (trx, n) => {
    if (n.personIds.length === 0) return;
    await notify(
      trx,
      {
        personIds: n.personIds,
        kind: n.kind,
        title: n.title,
        body: n.body,
        link: `/tasks/${n.taskId}`,
        entity: { type: 'task', id: n.taskId },
        ...(n.dedupeKey ? { dedupeKey: n.dedupeKey } : {}),
        ...(n.email === false ? { email: false } : {}),
      },
      config,
    );
  };
}
