import type { Kysely } from 'kysely';
import { columnTypes } from './_column-types';

/** Durable jobs, the mail outbox, the in-app inbox and notification preferences. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);

  await db.schema
    .createTable('jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('run_at', t.timestamp, (c) => c.notNull())
    // queued | running | done | failed | dead
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('locked_by', 'text')
    .addColumn('locked_until', t.timestamp)
    // Unique but nullable: several jobs without a key, at most one per key (both databases allow many NULLs).
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('started_at', t.timestamp)
    .addColumn('finished_at', t.timestamp)
    .execute();
  // Claiming reads (status='queued', run_at <= now) in run_at order; recovery reads (status='running', locked_until < now).
  await db.schema.createIndex('jobs_due_idx').on('jobs').columns(['status', 'run_at']).execute();
  await db.schema.createIndex('jobs_lock_idx').on('jobs').columns(['status', 'locked_until']).execute();
  await db.schema.createIndex('jobs_type_idx').on('jobs').columns(['type', 'status']).execute();

  await db.schema
    .createTable('mail_outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text_body', 'text', (c) => c.notNull())
    .addColumn('html_body', 'text')
    // queued | sending | sent | failed
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', t.timestamp)
    .addColumn('locked_until', t.timestamp)
    .addColumn('last_error', 'text')
    .addColumn('message_id', 'text')
    .addColumn('sent_at', t.timestamp)
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('mail_outbox_status_idx').on('mail_outbox').columns(['status', 'created_at']).execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('entity_type', 'text')
    .addColumn('entity_id', 'text')
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('read_at', t.timestamp)
    .execute();
  // The inbox page (newest first) and the unread count / digest scan.
  await db.schema.createIndex('notifications_inbox_idx').on('notifications').columns(['person_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('notifications_unread_idx').on('notifications').columns(['person_id', 'read_at']).execute();
  await db.schema.createIndex('notifications_entity_idx').on('notifications').columns(['entity_type', 'entity_id']).execute();

  await db.schema
    .createTable('notification_preferences')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('email_enabled', t.boolean, (c) => c.notNull().defaultTo(t.true))
    .addColumn('digest_enabled', t.boolean, (c) => c.notNull().defaultTo(t.true))
    // JSON object kind → false for the kinds switched off.
    .addColumn('email_by_kind', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['notification_preferences', 'notifications', 'mail_outbox', 'jobs']) {
    await db.schema.dropTable(table).execute();
  }
}
