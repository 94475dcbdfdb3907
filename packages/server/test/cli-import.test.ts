/**
 * The CLI commands create-admin, import and export on an SQLite file (the CLI is the same on
 * PostgreSQL; the services it calls are tested on both databases). Three cases start a real
 * process (stdin, exit code, --help); the others call the command in-process, which is faster.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { commands } from '../src/cli/commands';
import { loadConfig } from '../src/config';
import { bool, openDatabase, type DbHandle } from '../src/db/dialect';
import { AuditLog } from '../src/platform/audit';
import { dialectName } from './support/harness';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const CLI = path.join(ROOT, 'packages/server/src/cli.ts');
// Each run starts a process that compiles the server with tsx: seconds each, more on a busy machine.
const SLOW = 300_000;

describe.runIf(dialectName === 'sqlite')('CLI: create-admin, import, export', () => {
  let dir: string;
  let handle: DbHandle | undefined;

  function cli(args: string[], input?: string) {
    const env: NodeJS.ProcessEnv = { ...process.env, KYCUONG_DATA_DIR: dir, KYCUONG_DEMO: '0', LOG_LEVEL: 'silent' };
    delete env.DATABASE_URL;
    const r = spawnSync(TSX, [CLI, ...args], { cwd: ROOT, env, input: input ?? '', encoding: 'utf8', timeout: 180_000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  }
  /** The CLI's database, opened beside it (WAL lets both read and write). */
  function db() {
    handle ??= openDatabase({ sqliteFile: path.join(dir, 'kycuong.sqlite') });
    return handle.db;
  }
  const count = async (table: 'orgs' | 'users' | 'audit_log' | 'role_grants') =>
    Number(
      (
        await db()
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  /** Runs a command in this process, as cli.ts would after parsing the arguments. */
  async function run(name: string, values: Record<string, string | boolean>) {
    const out: string[] = [];
    const err: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
    const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
    try {
      const config = loadConfig({ KYCUONG_DATA_DIR: dir, KYCUONG_DEMO: '0', LOG_LEVEL: 'silent' });
      const code = await commands[name]!.run({ config, values, positionals: [] });
      return { code, stdout: out.join('\n'), stderr: err.join('\n') };
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
  }

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-cli-'));
  });
  afterAll(async () => {
    await handle?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it(
    'create-admin makes a system administrator from a password on stdin, once',
    async () => {
      const ok = cli(['create-admin', '--username', 'quantri.moi', '--password-stdin'], 'Mat-khau-rat-manh-2024\n');
      expect(ok.stderr).toBe('');
      expect(ok.code).toBe(0);
      expect(ok.stdout).toContain('Đã tạo tài khoản quản trị hệ thống “quantri.moi”');
      const user = await db().selectFrom('users').selectAll().where('username', '=', 'quantri.moi').executeTakeFirstOrThrow();
      expect([user.person_id, bool(user.must_change_password), bool(user.active)]).toEqual([null, false, true]);
      const grants = await db().selectFrom('role_grants').select(['role', 'org_id']).where('user_id', '=', user.id).execute();
      expect(grants).toEqual([{ role: 'system_admin', org_id: null }]);
      expect(await new AuditLog(undefined).verify(db())).toEqual([]);

      const [users, audit] = [await count('users'), await count('audit_log')];
      const again = await run('create-admin', { username: 'quantri.moi', password: 'Mat-khau-khac-2024' });
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('Tên đăng nhập “quantri.moi” đã tồn tại');
      const weak = await run('create-admin', { username: 'quantri.hai', password: 'ngan' });
      expect(weak.code).toBe(1);
      expect(weak.stderr).toContain('Mật khẩu không đạt yêu cầu: Mật khẩu tối thiểu 10 ký tự');
      expect([await count('users'), await count('audit_log')]).toEqual([users, audit]);
    },
    SLOW,
  );

  it(
    'import refuses a file with invalid rows, then writes the valid ones with --only-valid',
    async () => {
      const file = path.join(dir, 'don-vi.csv');
      fs.writeFileSync(
        file,
        '\ufeffMã đơn vị,Tên đơn vị,Tên viết tắt,Loại,Mã đơn vị cấp trên,Thứ tự,Hoạt động\r\n' +
          'TU-HN,Thành ủy Hà Nội,,Thành ủy,,1,x\r\n' +
          'DU-SO,"Đảng ủy Sở, cơ quan",ĐUS,Đảng ủy cơ sở,TU-HN,2,x\r\n' +
          'CB-1,Chi bộ Một,,Chi bộ,KHONG-CO,,\r\n',
      );
      const refused = cli(['import', '--kind', 'orgs', '--file', file]);
      expect(refused.code).toBe(1);
      expect(refused.stdout).toMatch(/Dòng\s+Kết quả\s+Thao tác/);
      expect(refused.stdout).toContain('Mã đơn vị cấp trên: Không tìm thấy đơn vị có mã này trong phạm vi của bạn');
      expect(refused.stdout).toContain('Tổng 3 dòng: 2 hợp lệ, 1 lỗi.');
      expect(refused.stderr).toContain('Có 1 dòng lỗi: không ghi gì.');
      expect(await count('orgs')).toBe(0);

      const written = await run('import', { kind: 'orgs', file, 'only-valid': true });
      expect(written.stderr).toBe('');
      expect(written.code).toBe(0);
      expect(written.stdout).toContain('Đã ghi: 2 dòng tạo mới');
      const orgs = await db().selectFrom('orgs').select(['code', 'name', 'depth']).orderBy('depth').execute();
      expect(orgs).toEqual([
        { code: 'TU-HN', name: 'Thành ủy Hà Nội', depth: 0 },
        { code: 'DU-SO', name: 'Đảng ủy Sở, cơ quan', depth: 1 },
      ]);
      // Written as the system: audit rows without a user.
      const audit = await db().selectFrom('audit_log').select(['action', 'actor_user_id']).where('action', '=', 'org.create').execute();
      expect(audit).toEqual([
        { action: 'org.create', actor_user_id: null },
        { action: 'org.create', actor_user_id: null },
      ]);
    },
    SLOW,
  );

  it(
    'export writes a CSV with BOM of one subtree; an unknown org or kind fails clearly',
    async () => {
      const out = path.join(dir, 'xuat.csv');
      const ok = await run('export', { kind: 'orgs', out, org: 'DU-SO' });
      expect(ok.stderr).toBe('');
      expect(ok.code).toBe(0);
      const bytes = fs.readFileSync(out);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(parseCsv(bytes.toString('utf8'), { bom: true })).toEqual([
        ['Mã đơn vị', 'Tên đơn vị', 'Tên viết tắt', 'Loại', 'Mã đơn vị cấp trên', 'Thứ tự', 'Hoạt động'],
        ['DU-SO', 'Đảng ủy Sở, cơ quan', 'ĐUS', 'Đảng ủy cơ sở', '', '2', 'Có'],
      ]);
      const unknown = await run('export', { kind: 'people', format: 'xlsx', out: path.join(dir, 'x.xlsx'), org: 'KHONG-CO' });
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain('Không tìm thấy đơn vị có mã “KHONG-CO”.');
      expect(fs.existsSync(path.join(dir, 'x.xlsx'))).toBe(false);
      const badKind = await run('export', { kind: 'users', out });
      expect(badKind.code).toBe(2);
      expect(badKind.stderr).toContain('--kind “users” không hợp lệ: dùng orgs hoặc people.');
    },
    SLOW,
  );

  it(
    '--help explains each command',
    () => {
      const help = cli(['import', '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain('kycuong import --kind orgs|people --file <tệp> [--only-valid] [--dry-run]');
    },
    SLOW,
  );
});
