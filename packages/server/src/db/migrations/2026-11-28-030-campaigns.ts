import type { Kysely } from 'kysely';
import { columnTypes } from './_column-types';

/**
 * Union campaigns: the campaign, its append-only ledger of pledges/contributions/reversals, and
 * handovers to the beneficiary with their documents. Amounts are integer đồng (bigint on
 * PostgreSQL), never floating point.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);

  await db.schema
    .createTable('campaigns')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('participant_org_id', 'text', (c) => c.notNull().references('orgs.id'))
    // money | movement
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('beneficiary', 'text', (c) => c.notNull())
    .addColumn('start_date', t.date, (c) => c.notNull())
    .addColumn('end_date', t.date)
    .addColumn('target_amount', t.bigint)
    .addColumn('target_participants', 'integer')
    .addColumn('suggested_amount', t.bigint)
    // JSON object: person category → suggested amount.
    .addColumn('suggested_by_category', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('bank_account', 'text')
    .addColumn('collection_points', 'text')
    .addColumn('public_show_names', t.boolean, (c) => c.notNull().defaultTo(t.false))
    // draft | open | closed | settled
    .addColumn('status', 'text', (c) => c.notNull())
    // Last receipt number issued; bumped under the row lock when contributions are recorded.
    .addColumn('receipt_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('campaigns_org_idx').on('campaigns').columns(['org_id', 'start_date']).execute();
  await db.schema.createIndex('campaigns_participant_idx').on('campaigns').columns(['participant_org_id', 'status']).execute();

  await db.schema
    .createTable('campaign_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    // The member's unit the entry counts for (per-unit totals).
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    // pledge | contribution | reversal
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('amount', t.bigint, (c) => c.notNull())
    // cash | transfer | payroll (null for a pledge without a stated method)
    .addColumn('method', 'text')
    .addColumn('reference', 'text')
    .addColumn('entry_date', t.date, (c) => c.notNull())
    .addColumn('collected_by', 'text', (c) => c.references('users.id'))
    // Unique: an entry is reversed at most once, enforced by the database as well as the service.
    .addColumn('reverses_entry_id', 'text', (c) => c.references('campaign_entries.id').unique())
    .addColumn('reason', 'text')
    .addColumn('receipt_no', 'integer')
    .addColumn('confirmed_at', t.timestamp)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('campaign_entries_receipt_uq', ['campaign_id', 'receipt_no'])
    .execute();
  await db.schema.createIndex('campaign_entries_org_idx').on('campaign_entries').columns(['campaign_id', 'org_id']).execute();
  await db.schema.createIndex('campaign_entries_person_idx').on('campaign_entries').columns(['person_id', 'campaign_id']).execute();
  await db.schema.createIndex('campaign_entries_date_idx').on('campaign_entries').columns(['campaign_id', 'entry_date']).execute();

  await db.schema
    .createTable('campaign_handovers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
    .addColumn('amount', t.bigint, (c) => c.notNull())
    .addColumn('handover_date', t.date, (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('campaign_handovers_campaign_idx')
    .on('campaign_handovers')
    .columns(['campaign_id', 'handover_date'])
    .execute();

  await db.schema
    .createTable('campaign_handover_files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('handover_id', 'text', (c) => c.notNull().references('campaign_handovers.id'))
    // Content address of the stored file (see platform/files).
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('mime_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('campaign_handover_files_idx').on('campaign_handover_files').column('handover_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('campaign_handover_files').execute();
  await db.schema.dropTable('campaign_handovers').execute();
  await db.schema.dropTable('campaign_entries').execute();
  await db.schema.dropTable('campaigns').execute();
}
