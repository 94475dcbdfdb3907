import type { Kysely } from 'kysely';
import { columnTypes } from './_column-types';

/**
 * Violations: manifestation catalogues (one row per directive, an immutable full copy of groups
 * and items per version), cases with their tagged items, steps, readers and cited tasks, and the
 * discipline records (sanctions) on the Party and State tracks. Sanction regimes are reference
 * data kept in `settings` (built-in defaults until an administrator saves a replacement).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);

  await db.schema
    .createTable('catalogues')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // A directive document's id (or its number before the documents registry holds it).
    .addColumn('document_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('is_sample', t.boolean, (c) => c.notNull().defaultTo(t.false))
    // Also the optimistic-concurrency version: each edit makes version n+1.
    .addColumn('current_version', 'integer', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('catalogues_document_idx').on('catalogues').column('document_id').execute();

  await db.schema
    .createTable('catalogue_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('catalogue_id', 'text', (c) => c.notNull().references('catalogues.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    // SHA-256 of the version's groups and items, so the audited row fingerprints its content.
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('catalogue_versions_uq', ['catalogue_id', 'version'])
    .execute();

  await db.schema
    .createTable('catalogue_groups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('catalogue_version_id', 'text', (c) => c.notNull().references('catalogue_versions.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addUniqueConstraint('catalogue_groups_uq', ['catalogue_version_id', 'code'])
    .execute();

  await db.schema
    .createTable('catalogue_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('catalogue_version_id', 'text', (c) => c.notNull().references('catalogue_versions.id'))
    .addColumn('group_code', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addUniqueConstraint('catalogue_items_uq', ['catalogue_version_id', 'code'])
    .execute();

  await db.schema
    .createTable('cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // The unit the case is filed under: inspection roles of its subtree handle and read it.
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    // person | org
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_person_id', 'text', (c) => c.references('people.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_detail', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('received_date', t.date, (c) => c.notNull())
    .addColumn('violation_date', t.date)
    .addColumn('outcome', 'text')
    .addColumn('severity', 'text')
    .addColumn('concluded_date', t.date)
    .addColumn('closed_date', t.date)
    .addColumn('deadline_extended', t.boolean, (c) => c.notNull().defaultTo(t.false))
    .addColumn('explanation_requested_date', t.date)
    .addColumn('explanation_due_date', t.date)
    .addColumn('explanation_note', 'text')
    .addColumn('explanation_text', 'text')
    .addColumn('explanation_submitted_at', t.timestamp)
    // JSON as received from the signals capability when the case was opened.
    .addColumn('signal_evidence', 'text')
    .addColumn('published', t.boolean, (c) => c.notNull().defaultTo(t.false))
    // JSON array of the fields the inspector chose to publish.
    .addColumn('publish_fields', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('publish_summary', 'text')
    .addColumn('published_at', t.timestamp)
    .addColumn('created_by', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('cases_org_idx').on('cases').columns(['org_id', 'received_date']).execute();
  await db.schema.createIndex('cases_subject_idx').on('cases').columns(['subject_person_id', 'status']).execute();
  await db.schema.createIndex('cases_published_idx').on('cases').columns(['published', 'org_id']).execute();

  await db.schema
    .createTable('case_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    // The item row of the version the case was tagged with: its wording never changes.
    .addColumn('item_id', 'text', (c) => c.notNull().references('catalogue_items.id'))
    .addColumn('catalogue_id', 'text', (c) => c.notNull().references('catalogues.id'))
    .addColumn('catalogue_version', 'integer', (c) => c.notNull())
    .addColumn('item_code', 'text', (c) => c.notNull())
    .addColumn('group_code', 'text', (c) => c.notNull())
    .addUniqueConstraint('case_items_uq', ['case_id', 'item_id'])
    .execute();
  await db.schema.createIndex('case_items_code_idx').on('case_items').columns(['item_code', 'case_id']).execute();
  await db.schema.createIndex('case_items_group_idx').on('case_items').columns(['group_code', 'case_id']).execute();

  await db.schema
    .createTable('case_steps')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('step_date', t.date, (c) => c.notNull())
    .addColumn('decision_maker', 'text')
    .addColumn('decision_maker_person_id', 'text', (c) => c.references('people.id'))
    // JSON array of document references {title, number, date, fileId}.
    .addColumn('documents', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('note', 'text')
    .addColumn('actor_user_id', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_steps_case_idx').on('case_steps').columns(['case_id', 'created_at']).execute();

  await db.schema
    .createTable('case_members')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('added_by', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('case_members_uq', ['case_id', 'person_id'])
    .execute();
  await db.schema.createIndex('case_members_person_idx').on('case_members').columns(['person_id', 'case_id']).execute();

  // Tasks are referenced by id only (no foreign key): the tasks capability owns that table.
  await db.schema
    .createTable('case_tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('task_id', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('case_tasks_uq', ['case_id', 'task_id'])
    .execute();
  await db.schema.createIndex('case_tasks_task_idx').on('case_tasks').column('task_id').execute();

  await db.schema
    .createTable('discipline_records')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.references('cases.id'))
    .addColumn('subject_person_id', 'text', (c) => c.references('people.id'))
    .addColumn('subject_org_id', 'text', (c) => c.references('orgs.id'))
    // party | state
    .addColumn('track', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    // The regime (reference data id) the form was chosen under, with the form's rank and severity there.
    .addColumn('regime_id', 'text', (c) => c.notNull())
    .addColumn('form', 'text', (c) => c.notNull())
    .addColumn('rank', 'integer', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('decision_date', t.date, (c) => c.notNull())
    .addColumn('decision_number', 'text')
    .addColumn('effective_until', t.date)
    .addColumn('created_by', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('discipline_person_idx')
    .on('discipline_records')
    .columns(['subject_person_id', 'track', 'decision_date'])
    .execute();
  await db.schema.createIndex('discipline_case_idx').on('discipline_records').column('case_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'discipline_records',
    'case_tasks',
    'case_members',
    'case_steps',
    'case_items',
    'cases',
    'catalogue_items',
    'catalogue_groups',
    'catalogue_versions',
    'catalogues',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
