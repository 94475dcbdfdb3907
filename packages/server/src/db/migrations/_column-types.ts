/**
 * Column types per dialect, frozen with the migrations (migrations never import app code, so a
 * later change to the runtime dialect module cannot rewrite history).
 */
import { PostgresAdapter, sql, type Kysely } from 'kysely';

export function columnTypes(db: Kysely<unknown>) {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  return {
    pg,
    timestamp: pg ? 'timestamptz' : 'text',
    date: pg ? 'date' : 'text',
    boolean: pg ? 'boolean' : 'integer',
    /** Byte-wise compared text (materialised paths, sort keys). */
    binaryText: pg ? sql`text collate "C"` : sql`text`,
    bigint: pg ? 'bigint' : 'integer',
    false: pg ? sql`false` : sql`0`,
    true: pg ? sql`true` : sql`1`,
  } as const;
}
