import { sql, type Kysely } from 'kysely';

/**
 * A unit list filtered by one status (e.g. "đang thực hiện") over a large subtree: with more than
 * the count cap of matches the list walks an index in the requested order and stops after a page
 * (see `TaskRepository.filterPredicate`). No index gave "status, then due day", so both databases
 * read every task of that status and sorted them (measured on the SQLite city: 77 ms for the
 * ~18,000 tasks in progress under the UBND root). This one gives that order, and carries the lead
 * org's path so the subtree test needs no table row.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index tasks_status_order_idx on tasks (status, (coalesce(due_date, '9999-12-31')), id, lead_org_path)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('tasks_status_order_idx').execute();
}
