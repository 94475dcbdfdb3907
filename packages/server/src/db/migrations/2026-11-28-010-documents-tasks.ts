import type { Kysely } from 'kysely';
import { columnTypes } from './_column-types';

/**
 * Uploaded files (metadata; bytes in the content-addressed store), directing documents with their
 * task groups and recipients (cascade), tasks with coordinators, their event history, evidence
 * files, stored shirking signals and the reminder log that makes automatic reminders idempotent.
 *
 * Tasks keep status, effective due day, completion day and last progress day as columns so the
 * official outcome classes and "chưa cập nhật" are plain indexed predicates.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  const real = t.pg ? 'double precision' : 'real';

  await db.schema
    .createTable('files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('mime_type', 'text', (c) => c.notNull())
    .addColumn('size', t.bigint, (c) => c.notNull())
    .addColumn('uploaded_by_user_id', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('files_uploader_idx').on('files').columns(['uploaded_by_user_id', 'created_at']).execute();

  await db.schema
    .createTable('documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('style', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('type_code', 'text')
    .addColumn('issuer_code', 'text')
    .addColumn('number_text', 'text')
    .addColumn('number_seq', 'integer')
    .addColumn('number_year', 'integer')
    // `T<term start>` (Party) or `Y<year>` (State): numbers are unique within a period.
    .addColumn('number_period', 'text')
    .addColumn('issuing_org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('issued_on', t.date)
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text')
    .addColumn('signer', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('implements_id', 'text', (c) => c.references('documents.id'))
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('created_by_user_id', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('documents_number_uq', ['issuing_org_id', 'number_period', 'number_text'])
    .execute();
  await db.schema
    .createIndex('documents_series_idx')
    .on('documents')
    .columns(['issuing_org_id', 'type_code', 'number_period', 'number_seq'])
    .execute();
  await db.schema.createIndex('documents_implements_idx').on('documents').column('implements_id').execute();
  await db.schema.createIndex('documents_issued_idx').on('documents').columns(['issued_on', 'id']).execute();

  await db.schema
    .createTable('document_files')
    .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id').onDelete('cascade'))
    .addColumn('file_id', 'text', (c) => c.notNull().references('files.id'))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('document_files_pk', ['document_id', 'file_id'])
    .execute();

  await db.schema
    .createTable('document_task_groups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('document_task_groups_doc_idx').on('document_task_groups').columns(['document_id', 'position']).execute();

  await db.schema
    .createTable('tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('parent_id', 'text', (c) => c.references('tasks.id'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('document_id', 'text', (c) => c.references('documents.id'))
    .addColumn('group_id', 'text', (c) => c.references('document_task_groups.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('assigner_org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('assigner_person_id', 'text', (c) => c.references('people.id'))
    .addColumn('created_by_user_id', 'text')
    .addColumn('lead_org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('lead_person_id', 'text', (c) => c.references('people.id'))
    // The day the current lead received the task (assignment or last transfer): acceptance is timed from it.
    .addColumn('lead_since_on', t.date, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('weight', real, (c) => c.notNull().defaultTo(1))
    .addColumn('quality_accepted', t.boolean)
    .addColumn('assigned_on', t.date, (c) => c.notNull())
    .addColumn('assigned_at', t.timestamp, (c) => c.notNull())
    .addColumn('accepted_at', t.timestamp)
    .addColumn('original_deadline', t.date)
    .addColumn('deadline', t.date)
    // The day the deadline really ends (next working day when it falls on a rest day).
    .addColumn('due_date', t.date)
    .addColumn('delay_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('progress_percent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_progress_on', t.date, (c) => c.notNull())
    .addColumn('completion_reported_at', t.timestamp)
    .addColumn('completion_reported_on', t.date)
    .addColumn('completed_at', t.timestamp)
    .addColumn('completed_on', t.date)
    .addColumn('ext_new_deadline', t.date)
    .addColumn('ext_reason', 'text')
    .addColumn('ext_requested_at', t.timestamp)
    .addColumn('ext_requested_by', 'text')
    .addColumn('reminder_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_reminded_at', t.timestamp)
    .addColumn('escalated_to_person_id', 'text', (c) => c.references('people.id'))
    .addColumn('escalated_to_org_id', 'text', (c) => c.references('orgs.id'))
    .addColumn('escalated_at', t.timestamp)
    .addColumn('cancelled_at', t.timestamp)
    .addColumn('recurrence', 'text', (c) => c.notNull().defaultTo('none'))
    .addColumn('series_id', 'text')
    .addColumn('series_index', 'integer')
    .addColumn('recurrence_until', t.date)
    .addColumn('period_label', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  // My tasks, unit lists, "I assigned", document pages, the daily sweep, recurring series.
  await db.schema.createIndex('tasks_lead_person_idx').on('tasks').columns(['lead_person_id', 'due_date']).execute();
  await db.schema.createIndex('tasks_lead_org_idx').on('tasks').columns(['lead_org_id', 'due_date']).execute();
  await db.schema.createIndex('tasks_assigner_person_idx').on('tasks').columns(['assigner_person_id', 'created_at']).execute();
  await db.schema.createIndex('tasks_assigner_org_idx').on('tasks').columns(['assigner_org_id', 'due_date']).execute();
  await db.schema.createIndex('tasks_document_idx').on('tasks').columns(['document_id', 'group_id']).execute();
  await db.schema.createIndex('tasks_parent_idx').on('tasks').column('parent_id').execute();
  await db.schema.createIndex('tasks_status_due_idx').on('tasks').columns(['status', 'due_date']).execute();
  await db.schema.createIndex('tasks_due_idx').on('tasks').columns(['due_date', 'id']).execute();
  await db.schema.createIndex('tasks_escalated_idx').on('tasks').column('escalated_to_person_id').execute();
  await db.schema.createIndex('tasks_series_uq').on('tasks').columns(['series_id', 'series_index']).unique().execute();

  await db.schema
    .createTable('task_participants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('person_id', 'text', (c) => c.references('people.id'))
    .addColumn('part', 'text')
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('task_participants_task_idx').on('task_participants').columns(['task_id', 'position']).execute();
  await db.schema.createIndex('task_participants_person_idx').on('task_participants').columns(['person_id', 'task_id']).execute();
  await db.schema.createIndex('task_participants_org_idx').on('task_participants').columns(['org_id', 'task_id']).execute();

  await db.schema
    .createTable('task_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('at', t.timestamp, (c) => c.notNull())
    .addColumn('on_date', t.date, (c) => c.notNull())
    .addColumn('actor_user_id', 'text')
    .addColumn('actor_person_id', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('reason', 'text')
    .addColumn('data', 'text', (c) => c.notNull())
    .addUniqueConstraint('task_events_seq_uq', ['task_id', 'seq'])
    .execute();
  await db.schema.createIndex('task_events_type_idx').on('task_events').columns(['type', 'on_date']).execute();

  await db.schema
    .createTable('task_event_files')
    .addColumn('event_id', 'text', (c) => c.notNull().references('task_events.id'))
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id'))
    .addColumn('file_id', 'text', (c) => c.notNull().references('files.id'))
    .addPrimaryKeyConstraint('task_event_files_pk', ['event_id', 'file_id'])
    .execute();
  await db.schema.createIndex('task_event_files_task_idx').on('task_event_files').columns(['task_id', 'file_id']).execute();

  await db.schema
    .createTable('document_recipients')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id'))
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('issued_on', t.date, (c) => c.notNull())
    .addColumn('response_kind', 'text', (c) => c.notNull())
    .addColumn('response_due', t.date, (c) => c.notNull())
    .addColumn('task_id', 'text', (c) => c.references('tasks.id'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('document_recipients_uq', ['document_id', 'org_id'])
    .execute();
  await db.schema.createIndex('document_recipients_org_idx').on('document_recipients').columns(['org_id', 'document_id']).execute();

  await db.schema
    .createTable('task_signals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('org_id', 'text')
    .addColumn('person_id', 'text')
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('detected_on', t.date, (c) => c.notNull())
    .addColumn('explanation', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('task_signals_task_idx').on('task_signals').columns(['task_id', 'code']).execute();
  await db.schema.createIndex('task_signals_org_idx').on('task_signals').columns(['org_id', 'detected_on']).execute();
  await db.schema.createIndex('task_signals_person_idx').on('task_signals').columns(['person_id', 'detected_on']).execute();
  await db.schema.createIndex('task_signals_code_idx').on('task_signals').columns(['code', 'detected_on']).execute();

  // One row per automatic reminder (task, kind, day): the primary key makes the sweep idempotent.
  await db.schema
    .createTable('task_reminders')
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('on_date', t.date, (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('task_reminders_pk', ['task_id', 'kind', 'on_date'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'task_reminders',
    'task_signals',
    'document_recipients',
    'task_event_files',
    'task_events',
    'task_participants',
    'tasks',
    'document_task_groups',
    'document_files',
    'documents',
    'files',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
