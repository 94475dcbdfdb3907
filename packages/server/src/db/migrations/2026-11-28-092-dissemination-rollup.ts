import { type Kysely } from 'kysely';
import { columnTypes } from './_column-types';
import { backfillCounters, createCounterTriggers, dropCounterTriggers, ensurePathDepths, type SubtreeCounters } from './_subtree-counters';

/**
 * Dissemination coverage counters (issue 4: coverage of a document over a subtree of 300,000
 * people; issue 5: the dashboard's coverage figure). `dissemination_rollup` holds, for every
 * document and every org, the people expected in the org's subtree (their counted row, one per
 * person and document), those who attended a conference of the document and those who
 * acknowledged it. Coverage of any subtree, per child unit, is then one row per child; triggers
 * keep the counters in the writing transaction (the org-move trigger of migration 060 rewrites
 * `org_path`, which moves the counts too).
 */
const counters: SubtreeCounters = {
  table: 'dissemination_rollup',
  source: 'dissemination_expected',
  pathColumn: 'org_path',
  keys: [{ name: 'document_id', expr: (a) => `${a}.document_id` }],
  measures: [
    { name: 'expected', expr: () => '1' },
    { name: 'attended', expr: (a) => `case when ${a}.doc_attended_at is not null then 1 else 0 end` },
    { name: 'acknowledged', expr: (a) => `case when ${a}.acknowledged_at is not null then 1 else 0 end` },
  ],
  counts: (a) => `${a}.counted`,
  watched: ['counted', 'doc_attended_at', 'acknowledged_at', 'org_path', 'document_id'],
  name: 'dissemination_rollup',
};

export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  // `counted` is a boolean on PostgreSQL and 0/1 on SQLite: a bare `counted` is true in both.
  await ensurePathDepths(db);
  await db.schema
    .createTable('dissemination_rollup')
    .addColumn('document_id', 'text', (c) => c.notNull())
    .addColumn('org_path', t.binaryText, (c) => c.notNull())
    .addColumn('expected', 'integer', (c) => c.notNull())
    .addColumn('attended', 'integer', (c) => c.notNull())
    .addColumn('acknowledged', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('dissemination_rollup_pk', ['document_id', 'org_path'])
    .execute();
  await db.schema.createIndex('dissemination_rollup_org_idx').on('dissemination_rollup').columns(['org_path', 'document_id']).execute();
  await createCounterTriggers(db, counters);
  await backfillCounters(db, counters);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await dropCounterTriggers(db, counters);
  await db.schema.dropTable('dissemination_rollup').execute();
}
