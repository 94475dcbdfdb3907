import type { Kysely } from 'kysely';
import { columnTypes } from './_column-types';

/**
 * Official reports (issue 5): what was asked (org, period, edited sections, number, signer), the
 * rendering job's progress, and the content addresses of the DOCX, PDF and XLSX once rendered.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('period_from', t.date, (c) => c.notNull())
    .addColumn('period_to', t.date, (c) => c.notNull())
    .addColumn('period_label', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    // JSON: sections as edited, number, issuer code, place, signer, recipients, whether cases are included.
    .addColumn('input', 'text', (c) => c.notNull())
    // queued | running | done | failed
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .addColumn('job_id', 'text')
    .addColumn('docx_sha256', 'text')
    .addColumn('docx_size', 'integer')
    .addColumn('pdf_sha256', 'text')
    .addColumn('pdf_size', 'integer')
    .addColumn('xlsx_sha256', 'text')
    .addColumn('xlsx_size', 'integer')
    .addColumn('created_by_user_id', 'text')
    .addColumn('created_by_name', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('finished_at', t.timestamp)
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('reports_org_idx').on('reports').columns(['org_id', 'created_at']).execute();
  await db.schema.createIndex('reports_created_idx').on('reports').columns(['created_at', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('reports').execute();
}
