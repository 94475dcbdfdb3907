/**
 * Where a generated dataset goes: a SQLite file (the server only opens one named `kycuong.sqlite`
 * in its data directory) or a PostgreSQL database. Opening goes through the server's own dialect
 * module and migration chain, so the schema is exactly the product's.
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { Migrator, sql } from 'kysely';
import { migrator } from '../../packages/server/src/db/migrate';
import { openDatabase, type DbHandle } from '../../packages/server/src/db/dialect';

export type Target = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

export function describeTarget(t: Target): string {
  return t.kind === 'sqlite' ? `SQLite ${path.relative(process.cwd(), t.file) || t.file}` : `PostgreSQL ${redact(t.url)}`;
}

/** The URL without its password, for logs and reports. */
export function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

/** The server's environment for this target: SQLite by data directory, PostgreSQL by URL. */
export function serverEnv(t: Target): Record<string, string> {
  if (t.kind === 'postgres') return { DATABASE_URL: t.url };
  // The server opens <KYCUONG_DATA_DIR>/kycuong.sqlite and nothing else.
  if (path.basename(t.file) !== 'kycuong.sqlite') throw new Error(`the server can only open a SQLite file named kycuong.sqlite: ${t.file}`);
  return { KYCUONG_DATA_DIR: path.dirname(t.file) };
}

export function open(t: Target, pgPoolSize = 4): DbHandle {
  return t.kind === 'sqlite' ? openDatabase({ sqliteFile: t.file }) : openDatabase({ databaseUrl: t.url, pgPoolSize });
}

/** Empties the target: deletes the SQLite file (and its WAL), or drops and re-creates the database. */
export async function resetTarget(t: Target): Promise<void> {
  if (t.kind === 'sqlite') {
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(t.file + suffix, { force: true });
    fs.mkdirSync(path.dirname(t.file), { recursive: true });
    return;
  }
  const u = new URL(t.url);
  const name = decodeURIComponent(u.pathname.slice(1));
  if (!/^[a-z0-9_]+$/.test(name))
    throw new Error(`refusing to re-create database "${name}": use a name of lower-case letters, digits and _`);
  if (name === 'postgres') throw new Error('refusing to drop the "postgres" database: name a dedicated benchmark database in the URL');
  u.pathname = '/postgres';
  const client = new pg.Client({ connectionString: u.toString() });
  await client.connect();
  try {
    await client.query(`drop database if exists "${name}" with (force)`);
    await client.query(`create database "${name}" encoding 'UTF8' template template0`);
  } finally {
    await client.end();
  }
}

/**
 * Leaves the database as a running server would have it: WAL folded into the SQLite file; on
 * PostgreSQL `VACUUM ANALYZE`, which autovacuum does by itself shortly after a bulk load (done here
 * so it does not run in the middle of a measurement). SQLite gets no ANALYZE: the server never runs
 * one, so the planner works without statistics, as in production.
 */
export async function settle(handle: DbHandle): Promise<void> {
  if (handle.dialect === 'sqlite') {
    handle.sqlite?.pragma('wal_checkpoint(TRUNCATE)');
    return;
  }
  await sql`vacuum analyze`.execute(handle.db);
}

/** Size on disk: the SQLite file, or `pg_database_size`. */
export async function databaseSize(t: Target, handle: DbHandle): Promise<number> {
  if (t.kind === 'sqlite') {
    let size = 0;
    for (const suffix of ['', '-wal']) if (fs.existsSync(t.file + suffix)) size += fs.statSync(t.file + suffix).size;
    return size;
  }
  const r = await sql<{ n: number }>`select pg_database_size(current_database()) as n`.execute(handle.db);
  return Number(r.rows[0]?.n ?? 0);
}

/**
 * Brings a database generated earlier up to the current migration chain even when a migration
 * added since sorts before one it already ran (the server refuses such a database: "corrupted
 * migrations"). For benchmark databases only: the pending migrations run out of order, then every
 * executed migration gets the same timestamp so their recorded order is their name order again and
 * the server's own ordered check passes. Answers the migrations it ran.
 */
export async function catchUpMigrations(t: Target): Promise<string[]> {
  const handle = open(t, 1);
  try {
    const infos = await migrator(handle.db).getMigrations();
    const pending = infos.filter((m) => !m.executedAt).map((m) => m.name);
    const lastExecuted = infos
      .filter((m) => m.executedAt)
      .map((m) => m.name)
      .sort()
      .pop();
    if (!pending.length || !lastExecuted || pending.every((n) => n > lastExecuted)) return [];
    const provider = { getMigrations: () => Promise.resolve(Object.fromEntries(infos.map((m) => [m.name, m.migration]))) };
    const { error, results } = await new Migrator({ db: handle.db, provider, allowUnorderedMigrations: true }).migrateToLatest();
    if (error) throw error instanceof Error ? error : new Error(`migration failed: ${JSON.stringify(error)}`);
    await sql`update kysely_migration set timestamp = (select min(timestamp) from kysely_migration)`.execute(handle.db);
    return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  } finally {
    await handle.close();
  }
}
