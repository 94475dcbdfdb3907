import { sql, type Kysely } from 'kysely';
import { columnTypes } from './_column-types';

/**
 * Substring indexes on the folded `search_text` of the big searchable tables, so an accent-free
 * search ("nguyen van", "quan triet") no longer reads every row (measured before: people search at
 * 100,000 people took seconds per page under load — docs/benchmarks.md).
 *
 * - PostgreSQL: a pg_trgm GIN index; `LIKE '%…%'` uses it unchanged. pg_trgm is a trusted extension
 *   (PostgreSQL ≥ 13), so the database owner may create it. Where it is not installed at all the
 *   indexes are skipped and searches stay correct, only slower (docs/operations.md).
 * - SQLite: an external-content FTS5 table with the trigram tokenizer per table, kept in step by
 *   triggers (insert, delete, and updates *of search_text* only, so status changes pay nothing);
 *   `matchesFolded` in db/dialect.ts queries it.
 */
export const SEARCHABLE = ['people', 'orgs', 'tasks', 'documents'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  if (t.pg) {
    const available = await sql<{ n: number }>`select count(*)::int as n from pg_available_extensions where name = 'pg_trgm'`.execute(db);
    if (!available.rows[0]?.n) return;
    await sql`create extension if not exists pg_trgm`.execute(db);
    for (const table of SEARCHABLE) {
      await sql`create index ${sql.id(`${table}_search_trgm`)} on ${sql.table(table)} using gin (search_text gin_trgm_ops)`.execute(db);
    }
    return;
  }
  for (const table of SEARCHABLE) {
    const fts = sql.table(`${table}_fts`);
    const tbl = sql.table(table);
    await sql`create virtual table ${fts} using fts5(search_text, content=${sql.lit(table)}, content_rowid='rowid', tokenize='trigram')`.execute(
      db,
    );
    await sql`create trigger ${sql.id(`${table}_fts_ai`)} after insert on ${tbl} begin
      insert into ${fts}(rowid, search_text) values (new.rowid, new.search_text); end`.execute(db);
    await sql`create trigger ${sql.id(`${table}_fts_ad`)} after delete on ${tbl} begin
      insert into ${fts}(${fts}, rowid, search_text) values ('delete', old.rowid, old.search_text); end`.execute(db);
    await sql`create trigger ${sql.id(`${table}_fts_au`)} after update of search_text on ${tbl} begin
      insert into ${fts}(${fts}, rowid, search_text) values ('delete', old.rowid, old.search_text);
      insert into ${fts}(rowid, search_text) values (new.rowid, new.search_text); end`.execute(db);
    await sql`insert into ${fts}(${fts}) values ('rebuild')`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  for (const table of SEARCHABLE) {
    if (t.pg) {
      await sql`drop index if exists ${sql.id(`${table}_search_trgm`)}`.execute(db);
    } else {
      for (const suffix of ['ai', 'ad', 'au']) await sql`drop trigger if exists ${sql.id(`${table}_fts_${suffix}`)}`.execute(db);
      await sql`drop table if exists ${sql.table(`${table}_fts`)}`.execute(db);
    }
  }
}
