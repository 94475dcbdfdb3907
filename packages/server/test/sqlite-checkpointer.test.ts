/**
 * The SQLite file database is checkpointed by a worker thread: the server's connection never copies
 * the WAL back inside a commit (wal_autocheckpoint = 0), yet the database file receives the pages
 * written, and closing the handle stops the worker. SQLite only: the PostgreSQL project skips it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/dialect';

const onSqlite = process.env.TEST_DB !== 'postgres';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-checkpoint-'));

describe.skipIf(!onSqlite)('SQLite checkpoints off the request thread', () => {
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('the connection checkpoints nothing itself; the worker copies the log into the file', async () => {
    const file = path.join(dir, 'kycuong.sqlite');
    const handle = openDatabase({ sqliteFile: file });
    try {
      expect(handle.sqlite!.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
      await sql`create table filler (id integer primary key, body text not null)`.execute(handle.db);
      const before = fs.statSync(file).size;
      // About 8 MB in one transaction: well past the 1,000 pages at which SQLite would checkpoint.
      const body = 'x'.repeat(4000);
      await handle.db.transaction().execute(async (trx) => {
        for (let i = 0; i < 2000; i++) await sql`insert into filler (id, body) values (${i}, ${body})`.execute(trx);
      });
      const walAfterCommit = fs.statSync(`${file}-wal`).size;
      expect(walAfterCommit).toBeGreaterThan(8_000_000);
      // The commit itself copied nothing into the file; the worker does within a few rounds.
      expect(fs.statSync(file).size).toBeLessThan(before + 1_000_000);
      const deadline = Date.now() + 15_000;
      while (fs.statSync(file).size < 8_000_000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(fs.statSync(file).size).toBeGreaterThan(8_000_000);
      const rows = await sql<{ n: number }>`select count(*) as n from filler`.execute(handle.db);
      expect(rows.rows[0]!.n).toBe(2000);
    } finally {
      await handle.close();
    }
    // Closed cleanly (worker stopped, last connection gone): the log is folded in and removed.
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  }, 30_000);
});
