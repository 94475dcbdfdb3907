import { sql, type Kysely } from 'kysely';

/**
 * "Hoàn thành quá hạn", newest first, over a large subtree (the city, a big sở): the list walks
 * the creation-order index and stops after a page, but tested every task it passed — recent tasks
 * are mostly still open, so tens of thousands of rows were read for 20 late ones (40–45 ms on the
 * SQLite city, 25–32 ms on PostgreSQL). A partial index holds only the tasks completed after their
 * due day, in creation order, with the lead org's path: the walk now reads about one entry per
 * task it returns. Both databases use a partial index when the query repeats its condition
 * (`completed_on > due_date`, exactly as `TaskRepository` writes the outcome).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index tasks_done_late_idx on tasks (created_at, id, lead_org_path) where completed_on > due_date`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('tasks_done_late_idx').execute();
}
