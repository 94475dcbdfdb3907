import { sql, type Kysely } from 'kysely';
import { columnTypes } from './_column-types';

/**
 * Coverage without DISTINCT: of a person's expected rows for a document (one per conference), one
 * is `counted`, and `doc_attended_at` carries on every row whether the person attended any
 * conference of the document (as `acknowledged_at` already does). Coverage of a subtree is then
 * plain counts over the counted rows of an index range — no sort of the whole range for a
 * distinct count (measured on PostgreSQL with 5,000 rows: the sort was most of the time).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .alterTable('dissemination_expected')
    .addColumn('counted', t.boolean, (c) => c.notNull().defaultTo(t.false))
    .execute();
  await db.schema.alterTable('dissemination_expected').addColumn('doc_attended_at', t.timestamp).execute();
  await sql`update dissemination_expected set counted = ${t.true} where id in (
      select min(id) from dissemination_expected group by document_id, person_id)`.execute(db);
  await sql`update dissemination_expected set doc_attended_at = (
      select max(d.attended_at) from dissemination_expected d
      where d.document_id = dissemination_expected.document_id and d.person_id = dissemination_expected.person_id)`.execute(db);
  await db.schema.dropIndex('dissemination_expected_cov_idx').execute();
  await db.schema
    .createIndex('dissemination_expected_cov_idx')
    .on('dissemination_expected')
    .columns(['document_id', 'counted', 'org_path', 'doc_attended_at', 'acknowledged_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('dissemination_expected_cov_idx').execute();
  await db.schema
    .createIndex('dissemination_expected_cov_idx')
    .on('dissemination_expected')
    .columns(['document_id', 'org_path', 'person_id', 'attended_at', 'acknowledged_at'])
    .execute();
  await db.schema.alterTable('dissemination_expected').dropColumn('doc_attended_at').execute();
  await db.schema.alterTable('dissemination_expected').dropColumn('counted').execute();
}
