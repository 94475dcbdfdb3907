/**
 * The command line, run as a user runs it (a child process on a SQLite file in a temporary data
 * directory). Few spawns: each costs a TypeScript start-up.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../src/cli/commands';
import { dialectName } from './support/harness';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const CLI = path.join(ROOT, 'packages/server/src/cli.ts');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  // A clean environment: no DATABASE_URL or keys of the developer's shell leak into the run.
  const base: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? os.tmpdir(),
    LOG_LEVEL: 'silent',
    TZ: 'Asia/Ho_Chi_Minh',
  };
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [CLI, ...args], { cwd: ROOT, env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe.runIf(dialectName === 'sqlite')('command line', () => {
  let dir: string;
  let env: Record<string, string>;
  let dbFile: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kycuong-cli-'));
    env = { KYCUONG_DATA_DIR: dir };
    dbFile = path.join(dir, 'kycuong.sqlite');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it(
    '--help exits 0 for the program and a command; an unknown command exits non-zero; every command has its help',
    { timeout: 600_000 },
    async () => {
      const names = Object.keys(commands);
      // Every command answers --help from its `help` text (checked here without a process each).
      for (const n of names) expect(commands[n]!.help, n).toMatch(new RegExp(`^kycuong ${n}\\b`));
      const [top, one, unknown] = await Promise.all([cli(['--help']), cli(['verify-audit', '--help']), cli(['khong-co-lenh'])]);
      expect(top.code, top.stderr).toBe(0);
      for (const n of names) expect(top.stdout).toContain(n);
      expect(one.code, one.stderr).toBe(0);
      expect(one.stdout).toBe(`${commands['verify-audit']!.help}\n`);
      expect(unknown.code).not.toBe(0);
      expect(unknown.stderr).toContain('khong-co-lenh');
    },
  );

  it('has the commands issue 2 asks for', () => {
    for (const n of ['serve', 'migrate', 'seed-demo', 'create-admin', 'import', 'export', 'backup', 'verify-audit'])
      expect(Object.keys(commands), n).toContain(n);
  });

  it('seed-demo, backup, then verify-audit: 0 when intact, non-zero naming the row after a direct edit', { timeout: 600_000 }, async () => {
    const seeded = await cli(['seed-demo'], env);
    expect(seeded.code, seeded.stderr).toBe(0);
    expect(fs.existsSync(dbFile)).toBe(true);

    // Online backup: a file that opens as SQLite with the same organisation.
    const out = path.join(dir, 'sao-luu.sqlite');
    const [ok, backup, again] = await Promise.all([
      cli(['verify-audit'], env),
      cli(['backup', '--out', out], env),
      cli(['seed-demo'], env),
    ]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(backup.code, backup.stderr).toBe(0);
    expect(again.code, 'seed-demo refuses a database that has data').not.toBe(0);
    const count = (file: string) => {
      const db = new SQLite(file, { readonly: true });
      try {
        return (db.prepare('select count(*) as n from orgs').get() as { n: number }).n;
      } finally {
        db.close();
      }
    };
    expect(count(out)).toBeGreaterThan(10);
    expect(count(out)).toBe(count(dbFile));

    const db = new SQLite(dbFile);
    const org = db.prepare("select id from orgs where code = 'CB-VP'").get() as { id: string };
    db.prepare("update orgs set name = 'Chi bộ bị sửa trộm' where id = ?").run(org.id);
    db.close();
    const [tampered, overwrite] = await Promise.all([cli(['verify-audit'], env), cli(['backup', '--out', out], env)]);
    expect(overwrite.code, 'backup refuses to overwrite a file').not.toBe(0);
    expect(tampered.code).not.toBe(0);
    expect(tampered.stderr).toContain(`orgs ${org.id}`);
  });
});
