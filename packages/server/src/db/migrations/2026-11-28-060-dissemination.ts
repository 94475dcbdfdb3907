import { sql, type Kysely } from 'kysely';
import { columnTypes } from './_column-types';

/**
 * Dissemination (quán triệt): conferences for a document, their files, the expected attendees
 * (one row per conference and person, with attendance and acknowledgement) and quiz attempts.
 *
 * Coverage of a document over a subtree is one aggregate over `dissemination_expected` by a range
 * on `org_path` (a copy of the path of the org through which the person is expected), answered
 * from the covering index alone. The copy follows org moves through a trigger, as for tasks.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);

  await db.schema
    .createTable('conferences')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id'))
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('held_on', t.date, (c) => c.notNull())
    .addColumn('start_time', 'text')
    .addColumn('place', 'text')
    .addColumn('online_link', 'text')
    .addColumn('chair', 'text')
    .addColumn('format', 'text', (c) => c.notNull())
    // JSON array of person categories (empty: everyone with a membership in the subtree).
    .addColumn('categories', 'text', (c) => c.notNull())
    .addColumn('catch_up_days', 'integer', (c) => c.notNull())
    // JSON { passMark, questions: [{ text, options, correct }] } or null.
    .addColumn('quiz', 'text')
    .addColumn('minutes', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('closed_at', t.timestamp)
    .addColumn('created_by_user_id', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('conferences_document_idx').on('conferences').columns(['document_id', 'held_on']).execute();
  await db.schema.createIndex('conferences_org_idx').on('conferences').columns(['org_id', 'held_on']).execute();
  // Conferences still open on a past day, for the daily catch-up sweep.
  await db.schema.createIndex('conferences_status_idx').on('conferences').columns(['status', 'held_on']).execute();

  await db.schema
    .createTable('conference_files')
    .addColumn('conference_id', 'text', (c) => c.notNull().references('conferences.id'))
    .addColumn('file_id', 'text', (c) => c.notNull().references('files.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('conference_files_pk', ['conference_id', 'file_id'])
    .execute();
  await db.schema.createIndex('conference_files_file_idx').on('conference_files').column('file_id').execute();

  await db.schema
    .createTable('dissemination_expected')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('conference_id', 'text', (c) => c.notNull().references('conferences.id'))
    .addColumn('document_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('org_path', t.binaryText, (c) => c.notNull())
    .addColumn('attended_at', t.timestamp)
    .addColumn('checkin_method', 'text')
    .addColumn('checked_in_by_user_id', 'text')
    // Kept equal on every row of the same document and person: acknowledging is per document.
    .addColumn('acknowledged_at', t.timestamp)
    .addColumn('ack_method', 'text')
    .addColumn('catch_up_task_id', 'text')
    .addColumn('added_manually', t.boolean, (c) => c.notNull().defaultTo(t.false))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('dissemination_expected_uq', ['conference_id', 'person_id'])
    .execute();
  // Coverage: document + path range, with everything the aggregate reads riding along.
  await db.schema
    .createIndex('dissemination_expected_cov_idx')
    .on('dissemination_expected')
    .columns(['document_id', 'org_path', 'person_id', 'attended_at', 'acknowledged_at'])
    .execute();
  await db.schema
    .createIndex('dissemination_expected_person_idx')
    .on('dissemination_expected')
    .columns(['person_id', 'document_id'])
    .execute();
  await db.schema.createIndex('dissemination_expected_task_idx').on('dissemination_expected').column('catch_up_task_id').execute();

  await db.schema
    .createTable('dissemination_quiz_attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('conference_id', 'text', (c) => c.notNull().references('conferences.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('correct', 'integer', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('passed', t.boolean, (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('dissemination_quiz_attempts_idx')
    .on('dissemination_quiz_attempts')
    .columns(['conference_id', 'person_id'])
    .execute();

  if (t.pg) {
    await sql`create function kc_dissemination_follow_org_path() returns trigger language plpgsql as $$
      begin
        update dissemination_expected set org_path = new.path where org_id = new.id;
        return null;
      end $$`.execute(db);
    await sql`create trigger orgs_path_to_dissemination after update of path on orgs
      for each row when (new.path is distinct from old.path) execute function kc_dissemination_follow_org_path()`.execute(db);
  } else {
    await sql`create trigger orgs_path_to_dissemination after update of path on orgs
      for each row when new.path is not old.path
      begin update dissemination_expected set org_path = new.path where org_id = new.id; end`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  await sql`drop trigger if exists orgs_path_to_dissemination${t.pg ? sql` on orgs` : sql``}`.execute(db);
  if (t.pg) await sql`drop function if exists kc_dissemination_follow_org_path()`.execute(db);
  await db.schema.dropTable('dissemination_quiz_attempts').execute();
  await db.schema.dropTable('dissemination_expected').execute();
  await db.schema.dropTable('conference_files').execute();
  await db.schema.dropTable('conferences').execute();
}
