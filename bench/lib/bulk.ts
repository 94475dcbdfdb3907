/**
 * Bulk writing for the large generators (tasks, issue 3): rows as arrays of column values,
 * written in multi-row INSERT statements built once per table — prepared statements on
 * better-sqlite3, parameterised statements on one `pg` connection — without Kysely's per-value
 * query building, which dominates at tens of millions of values.
 */
import pg from 'pg';
import type { DbHandle } from '../../packages/server/src/db/dialect';
import type { Target } from './target';

export type Cell = string | number | boolean | null;

export interface BulkDb {
  dialect: 'sqlite' | 'postgres';
  /** The PostgreSQL connection (PostgreSQL only). */
  client?: pg.Client;
  /** Inserts rows (each an array in `columns` order) in statements of at most the dialect's parameter limit. */
  insert(table: string, columns: readonly string[], rows: readonly Cell[][]): Promise<void>;
  /** Runs `fn` in one transaction. */
  transaction(fn: () => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

/** Opens a bulk writer on the target; on SQLite it shares the handle's connection. */
export async function openBulk(target: Target, handle: DbHandle): Promise<BulkDb> {
  if (target.kind === 'sqlite') {
    const sqlite = handle.sqlite;
    if (!sqlite) throw new Error('the SQLite handle has no raw connection');
    // A large page cache for this connection only: the indexes of millions of rows are updated in
    // random order and the server's 64 MiB cache would make the load disk-bound.
    sqlite.pragma('cache_size = -1048576');
    // SQLite's default limit is 32,766 bound parameters per statement.
    const statements = new Map<string, ReturnType<typeof sqlite.prepare>>();
    const stmt = (table: string, columns: readonly string[], n: number) => {
      const key = `${table}|${n}`;
      let s = statements.get(key);
      if (!s) {
        const one = `(${columns.map(() => '?').join(',')})`;
        s = sqlite.prepare(`insert into "${table}" (${columns.map((c) => `"${c}"`).join(',')}) values ${Array(n).fill(one).join(',')}`);
        statements.set(key, s);
      }
      return s;
    };
    const toSqlite = (v: Cell) => (typeof v === 'boolean' ? (v ? 1 : 0) : v);
    return {
      dialect: 'sqlite',
      insert(table, columns, rows) {
        const per = Math.max(1, Math.min(500, Math.floor(32_000 / columns.length)));
        for (let i = 0; i < rows.length; i += per) {
          const chunk = rows.slice(i, i + per);
          const params: Cell[] = [];
          for (const r of chunk) for (const v of r) params.push(toSqlite(v));
          stmt(table, columns, chunk.length).run(params);
        }
        return Promise.resolve();
      },
      async transaction(fn) {
        sqlite.exec('begin');
        try {
          await fn();
          sqlite.exec('commit');
        } catch (err) {
          sqlite.exec('rollback');
          throw err;
        }
      },
      close: () => Promise.resolve(),
    };
  }
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  const texts = new Map<string, string>();
  const text = (table: string, columns: readonly string[], n: number) => {
    const key = `${table}|${n}`;
    let t = texts.get(key);
    if (!t) {
      const rows: string[] = [];
      for (let r = 0; r < n; r++) rows.push(`(${columns.map((_, c) => `$${r * columns.length + c + 1}`).join(',')})`);
      t = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(',')}) values ${rows.join(',')}`;
      texts.set(key, t);
    }
    return t;
  };
  return {
    dialect: 'postgres',
    client,
    async insert(table, columns, rows) {
      // PostgreSQL allows 65,535 parameters per statement.
      const per = Math.max(1, Math.min(1000, Math.floor(65_000 / columns.length)));
      for (let i = 0; i < rows.length; i += per) {
        const chunk = rows.slice(i, i + per);
        const params: Cell[] = [];
        for (const r of chunk) for (const v of r) params.push(v);
        // A named statement is parsed and planned once per shape.
        await client.query({ name: `bulk_${table}_${chunk.length}`, text: text(table, columns, chunk.length), values: params });
      }
    },
    async transaction(fn) {
      await client.query('begin');
      try {
        await fn();
        await client.query('commit');
      } catch (err) {
        await client.query('rollback');
        throw err;
      }
    },
    close: () => client.end(),
  };
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
let pool = new Uint8Array(0);
let at = 0;

/**
 * A UUID v7 in the exact format of the server's `newId()` (48-bit millisecond time, version 7,
 * RFC 4122 variant, random bits) with the random bytes drawn 64 KiB at a time: the generator makes
 * tens of millions of ids and one system call per id was a tenth of its time.
 */
export function fastId(): string {
  if (at + 10 > pool.length) {
    pool = crypto.getRandomValues(new Uint8Array(65_536));
    at = 0;
  }
  const ms = Date.now();
  const hi = Math.floor(ms / 2 ** 16);
  const lo = ms % 2 ** 16;
  const r = pool;
  const i = at;
  at += 10;
  return (
    HEX[(hi >>> 24) & 255]! +
    HEX[(hi >>> 16) & 255]! +
    HEX[(hi >>> 8) & 255]! +
    HEX[hi & 255]! +
    '-' +
    HEX[(lo >>> 8) & 255]! +
    HEX[lo & 255]! +
    '-' +
    HEX[0x70 | (r[i]! & 0x0f)]! +
    HEX[r[i + 1]!]! +
    '-' +
    HEX[0x80 | (r[i + 2]! & 0x3f)]! +
    HEX[r[i + 3]!]! +
    '-' +
    HEX[r[i + 4]!]! +
    HEX[r[i + 5]!]! +
    HEX[r[i + 6]!]! +
    HEX[r[i + 7]!]! +
    HEX[r[i + 8]!]! +
    HEX[r[i + 9]!]!
  );
}

/**
 * Drops the secondary indexes (and, on SQLite, the triggers) of `tables` for a bulk load and
 * answers a function that re-creates them from their own stored definitions — the schema ends
 * identical, and building an index once over sorted input is far cheaper than maintaining ~20
 * indexes, a trigram index and FTS triggers row by row over millions of rows. Primary keys and
 * unique constraints stay (they guard the generator's own consistency).
 */
export async function deferIndexes(
  bulk: BulkDb,
  target: Target,
  handle: DbHandle,
  tables: readonly string[],
): Promise<() => Promise<void>> {
  if (target.kind === 'sqlite') {
    const sqlite = handle.sqlite!;
    const marks = tables.map(() => '?').join(',');
    const objects = sqlite
      .prepare(
        `select type, name, sql from sqlite_master where tbl_name in (${marks}) and type in ('index', 'trigger') and sql is not null`,
      )
      .all(...tables) as { type: 'index' | 'trigger'; name: string; sql: string }[];
    for (const o of objects) sqlite.exec(`drop ${o.type} "${o.name}"`);
    // Rows reference each other in insertion order; the checks add nothing but time here.
    sqlite.pragma('foreign_keys = OFF');
    return async () => {
      sqlite.pragma('foreign_keys = ON');
      for (const o of objects.filter((x) => x.type === 'index')) sqlite.exec(o.sql);
      for (const o of objects.filter((x) => x.type === 'trigger')) sqlite.exec(o.sql);
      // External-content FTS tables (search indexes) are rebuilt from their content table.
      for (const t of tables) {
        const fts = sqlite.prepare(`select name from sqlite_master where type = 'table' and name = ?`).get(`${t}_fts`) as
          { name: string } | undefined;
        if (fts) sqlite.exec(`insert into "${fts.name}"("${fts.name}") values ('rebuild')`);
      }
      await Promise.resolve();
    };
  }
  const client = bulk.client;
  if (!client) throw new Error('no PostgreSQL connection');
  const r = await client.query<{ indexname: string; indexdef: string }>(
    `select indexname, indexdef from pg_indexes where schemaname = current_schema() and tablename = any($1)
       and indexname not in (select conname from pg_constraint)`,
    [tables],
  );
  for (const i of r.rows) await client.query(`drop index "${i.indexname}"`);
  return async () => {
    // A session setting, for the build only (the server's configuration is untouched).
    await client.query(`set maintenance_work_mem = '512MB'`);
    for (const i of r.rows) await client.query(i.indexdef);
  };
}
