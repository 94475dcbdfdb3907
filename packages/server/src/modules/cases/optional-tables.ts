/**
 * Other capabilities this one links to (directive documents, tasks) are built alongside it; their
 * tables may not exist in every deployment stage. Links are validated when the table is there
 * and kept as plain references otherwise. Positive answers are cached: tables are never dropped
 * while the server runs.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema';

const known = new WeakMap<object, Set<string>>();

/** Whether a table exists in the connected database (introspection works on both dialects). */
export async function hasTable(db: Kysely<Database>, name: string): Promise<boolean> {
  const cached = known.get(db);
  if (cached?.has(name)) return true;
  const tables = await db.introspection.getTables();
  const names = new Set(tables.map((t) => t.name));
  known.set(db, names);
  return names.has(name);
}

/** Columns of an existing table, for linking to a table this module does not own. */
export async function columnsOf(db: Kysely<Database>, name: string): Promise<Set<string>> {
  const tables = await db.introspection.getTables();
  return new Set(tables.find((t) => t.name === name)?.columns.map((c) => c.name) ?? []);
}

/** Ids among `ids` present in `table.id` (a table outside the typed schema). */
export async function existingIds(db: Kysely<Database>, table: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await sql<{ id: string }>`select id from ${sql.table(table)} where id in (${sql.join(ids)})`.execute(db);
  return new Set(rows.rows.map((r) => r.id));
}
