/**
 * Every difference between SQLite and PostgreSQL lives here: connection set-up, value types,
 * the subtree predicate, locking and error classification. Repositories never branch on the
 * dialect themselves.
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import {
  Kysely,
  PostgresAdapter,
  PostgresDialect,
  SqliteDialect,
  sql,
  type Expression,
  type SqlBool,
  type SqliteDatabase,
  type SqliteStatement,
} from 'kysely';
import pg from 'pg';
import type { Database } from './schema';
import { startCheckpointer, type Checkpointer } from './sqlite-checkpointer';

export type DialectName = 'sqlite' | 'postgres';

export interface DbHandle {
  db: Kysely<Database>;
  dialect: DialectName;
  /** Where the SQLite file lives (undefined on PostgreSQL or in-memory). */
  sqliteFile?: string;
  /** The raw SQLite connection, for online backup. */
  sqlite?: SQLite.Database;
  close(): Promise<void>;
}

// PostgreSQL answers bigint/numeric as strings, timestamps as Date and dates as local-midnight
// Dates; we want numbers, ISO strings and `YYYY-MM-DD` on both databases.
let pgTypesSet = false;
function setPgTypeParsers(): void {
  if (pgTypesSet) return;
  pgTypesSet = true;
  const { types } = pg;
  types.setTypeParser(types.builtins.INT8, (v) => Number(v));
  types.setTypeParser(types.builtins.NUMERIC, (v) => Number(v));
  types.setTypeParser(types.builtins.DATE, (v) => v);
  types.setTypeParser(types.builtins.TIMESTAMPTZ, (v) => new Date(v).toISOString());
  types.setTypeParser(types.builtins.TIMESTAMP, (v) => new Date(`${v}Z`).toISOString());
}

export interface OpenOptions {
  databaseUrl?: string | undefined;
  /** SQLite file path, or ':memory:'. */
  sqliteFile?: string;
  pgPoolSize?: number;
}

/** Opens the database named by the configuration: PostgreSQL when a URL is given, else SQLite. */
export function openDatabase(opts: OpenOptions): DbHandle {
  if (opts.databaseUrl) {
    setPgTypeParsers();
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.pgPoolSize ?? 10 });
    // An idle connection closed by the server (restart, failover, `pg_terminate_backend`) is an
    // 'error' event on the pool; unhandled, it would end the process. The pool has already dropped
    // that connection and the next query opens a new one, so there is nothing else to do.
    pool.on('error', () => undefined);
    pool.on('connect', prepareRepeatedStatements);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', close: () => db.destroy() };
  }
  const file = opts.sqliteFile ?? ':memory:';
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('temp_store = MEMORY');
  // A file database is checkpointed by a worker thread, not inside this connection's commits.
  let checkpointer: Checkpointer | undefined;
  if (file !== ':memory:') {
    sqlite.pragma('wal_autocheckpoint = 0');
    checkpointer = startCheckpointer(file);
  }
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
  });
  return {
    db,
    dialect: 'sqlite',
    sqlite,
    ...(file !== ':memory:' ? { sqliteFile: file } : {}),
    close: async () => {
      await checkpointer?.stop();
      await db.destroy();
    },
  };
}

/** At most this many distinct SQL texts become named statements on PostgreSQL; later ones run unnamed. */
const PG_NAMED_STATEMENTS = 500;
const pgStatementNames = new Map<string, string>();
const NAMEABLE = /^\s*(select|insert|update|delete|with)\b/i;

/**
 * PostgreSQL parses and plans every unnamed statement anew; on the city data planning was most of
 * the cost of the small queries a request makes (0.3–0.9 ms each, 7–10 per list request). Kysely
 * sends each query as text plus parameters, so the connection's `query` gives every distinct text
 * a name: node-postgres then parses it once per connection and PostgreSQL keeps its plan (the
 * usual prepared-statement rules: custom plans first, a generic plan when it is as good). Names
 * are global and never reused for another text, so a connection cannot see one name with two
 * texts. Measured on the city database: the queries of "my tasks" 14.7 → 7.6 ms in total.
 */
function prepareRepeatedStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (text: unknown, values?: unknown, callback?: unknown) => {
    if (typeof text !== 'string' || !Array.isArray(values) || callback !== undefined || !NAMEABLE.test(text))
      return query(text, values, callback);
    let name = pgStatementNames.get(text);
    if (name === undefined) {
      if (pgStatementNames.size >= PG_NAMED_STATEMENTS) return query(text, values);
      name = `kc${pgStatementNames.size}`;
      pgStatementNames.set(text, name);
    }
    return query({ name, text, values });
  };
}

/** How many compiled SQLite statements are kept (a few hundred distinct queries in practice). */
const STATEMENT_CACHE_SIZE = 1000;

/** SQLite cannot bind booleans: they are bound as 1/0. */
function sqliteParameters(parameters: ReadonlyArray<unknown>): ReadonlyArray<unknown> {
  return parameters.some((v) => typeof v === 'boolean') ? parameters.map((v) => (typeof v === 'boolean' ? (v ? 1 : 0) : v)) : parameters;
}

/**
 * The statements Kysely's SQLite driver runs: compiled once and kept, with booleans bound as 1/0.
 *
 * Kysely's driver calls `prepare` for every query, and better-sqlite3 compiles the SQL each time —
 * on the city data ~0.9 ms of a 5 ms task-list request (seven statements). Compiled statements
 * are kept by their SQL text (least recently used dropped first). Safe because better-sqlite3 runs
 * a statement to completion synchronously; the one exception, `iterate()` (Kysely's `.stream()`),
 * is not used by the server. A schema change recompiles a kept statement by itself.
 *
 * Booleans were turned into 1/0 by a Kysely plugin that rewrote every query's syntax tree before
 * compiling it (~0.4 ms of server CPU per list request under load); converting the bound values
 * here does the same for a fraction of that.
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const kept = new Map<string, SqliteStatement>();
  return {
    prepare(sqlText: string) {
      let stmt = kept.get(sqlText);
      if (stmt) {
        // Re-insert: Map order is the recency order.
        kept.delete(sqlText);
      } else {
        const compiled = sqlite.prepare(sqlText);
        stmt = {
          reader: compiled.reader,
          all: (p) => compiled.all(sqliteParameters(p)),
          run: (p) => compiled.run(sqliteParameters(p)),
          iterate: (p) => compiled.iterate(sqliteParameters(p)),
        };
        if (kept.size >= STATEMENT_CACHE_SIZE) kept.delete(kept.keys().next().value!);
      }
      kept.set(sqlText, stmt);
      return stmt;
    },
    close() {
      kept.clear();
      sqlite.close();
    },
  };
}

/** Anything that can run queries: a Kysely instance or a transaction, of any schema. */
export interface QueryRunner {
  getExecutor(): { adapter: unknown };
}

export function dialectOf(db: QueryRunner): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** Reads a boolean column (SQLite answers 1/0). */
export function bool(v: boolean | number | null | undefined): boolean {
  return v === true || v === 1;
}

/** The current instant as stored: ISO-8601 UTC. */
export function nowIso(): string {
  return new Date().toISOString();
}

/**
 * "Everything under X" as an indexed range on the materialised path. Paths are built from
 * lower-case hex ids and '/', all ≥ '/', so every descendant of `/a/b/` lies in
 * [`/a/b/`, `/a/b0`). Works with a plain B-tree index on both databases (the column uses the
 * binary "C" collation on PostgreSQL).
 */
export function subtreeOf(column: Expression<string> | string, orgPath: string): Expression<SqlBool> {
  const col = typeof column === 'string' ? sql.ref(column) : column;
  const upper = orgPath.slice(0, -1) + '0';
  return sql<SqlBool>`(${col} >= ${orgPath} and ${col} < ${upper})`;
}

/** `column LIKE '%term%'` on the folded search text, with the term escaped. */
export function containsFolded(column: string, foldedTerm: string): Expression<SqlBool> {
  const escaped = foldedTerm.replace(/[\\%_]/g, (c) => `\\${c}`);
  return sql<SqlBool>`${sql.ref(column)} like ${'%' + escaped + '%'} escape '\\'`;
}

/** Tables whose folded `search_text` carries a substring index (migration 046-search-indexes). */
export type SearchableTable = 'people' | 'orgs' | 'tasks' | 'documents';

/**
 * `search_text` of `alias` (a row of `table`) contains the folded term, through the table's
 * substring index: on PostgreSQL the pg_trgm GIN index serves the plain `LIKE '%…%'`; on SQLite the
 * trigram FTS5 table is asked for the matching rowids. Trigrams need three characters: shorter
 * terms fall back to the scan.
 */
export function matchesFolded(db: QueryRunner, table: SearchableTable, alias: string, foldedTerm: string): Expression<SqlBool> {
  if (dialectOf(db) === 'postgres' || [...foldedTerm].length < 3) return containsFolded(`${alias}.search_text`, foldedTerm);
  // An FTS5 phrase: with the trigram tokenizer it matches the term as a substring.
  const phrase = `"${foldedTerm.replace(/"/g, '""')}"`;
  return sql<SqlBool>`${sql.ref(`${alias}.rowid`)} in (select rowid from ${sql.table(`${table}_fts`)} where ${sql.table(`${table}_fts`)} match ${phrase})`;
}

/** Adds `FOR UPDATE` on PostgreSQL; SQLite serialises writers already. */
export function forUpdate<QB extends { forUpdate(): QB }>(db: QueryRunner, qb: QB): QB {
  return dialectOf(db) === 'postgres' ? qb.forUpdate() : qb;
}

/**
 * Adds `FOR UPDATE SKIP LOCKED` on PostgreSQL, so several server instances claiming work from
 * one table each get rows the others are not holding. SQLite has a single writer: the claiming
 * statement (an UPDATE whose WHERE selects the rows) is already exclusive there.
 */
export function forUpdateSkipLocked<QB extends { forUpdate(): QB; skipLocked(): QB }>(db: QueryRunner, qb: QB): QB {
  return dialectOf(db) === 'postgres' ? qb.forUpdate().skipLocked() : qb;
}

/** Whether an error is a unique-constraint violation, on either database. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** Whether an error is a foreign-key violation, on either database. */
export function isForeignKeyViolation(err: unknown): boolean {
  const e = err as { code?: string };
  return e?.code === '23503' || e?.code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

/** Database size and engine details for /readyz and metrics. */
export async function engineVersion(handle: DbHandle): Promise<string> {
  if (handle.dialect === 'postgres') {
    const r = await sql<{ v: string }>`select version() as v`.execute(handle.db);
    return r.rows[0]?.v ?? 'postgres';
  }
  const r = await sql<{ v: string }>`select sqlite_version() as v`.execute(handle.db);
  return `SQLite ${r.rows[0]?.v ?? ''}`;
}
