import { sql, type Kysely } from 'kysely';

/**
 * Indexes found missing by the city-scale benchmark (2,000,000 tasks; docs/benchmarks.md):
 *
 * - "My tasks" of a head or deputy includes the tasks led by their units as units
 *   (`lead_org_id in (…) and lead_person_id is null`, same for coordinating units). With only
 *   (lead_org_id, due_date) and (lead_person_id, due_date), SQLite answered that half of the union
 *   from the `lead_person_id is null` side — every unit-led task of the city. An index on both
 *   columns serves both terms.
 * - Lists in the default order (due day first, tasks without a deadline last) walk an index on
 *   that order instead of sorting every task of a large subtree: `coalesce(due_date, '9999-12-31')`
 *   is "due_date ascending, nulls last" on both databases, and SQLite cannot read a plain index
 *   in NULLS LAST order.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('tasks_lead_org_unit_idx').on('tasks').columns(['lead_org_id', 'lead_person_id', 'due_date']).execute();
  await db.schema
    .createIndex('task_participants_org_person_idx')
    .on('task_participants')
    .columns(['org_id', 'person_id', 'task_id'])
    .execute();
  await sql`create index tasks_due_order_idx on tasks ((coalesce(due_date, '9999-12-31')), id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('tasks_due_order_idx').execute();
  await db.schema.dropIndex('task_participants_org_person_idx').execute();
  await db.schema.dropIndex('tasks_lead_org_unit_idx').execute();
}
