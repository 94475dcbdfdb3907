/**
 * Load measurements against the real server on a generated database: cold start (process spawn
 * → `/readyz` 200), resident memory after start and after load, then autocannon scenarios, each
 * after a warm-up and repeated, reported as medians. Loopback only (127.0.0.1), bounded in time.
 *
 * The server runs as `npm start` runs it (tsx, the same configuration loader) with
 * `LOG_LEVEL=warn` (no per-request log lines), `KYCUONG_DEMO=0` and `TRUST_PROXY=1`: behind a
 * reverse proxy, so the sign-in scenario can present many client addresses (X-Forwarded-For)
 * instead of hitting the per-address sign-in limit (20 per minute) from 127.0.0.1.
 *
 * Scenario suites are pluggable ({@link SUITES}): the tasks benchmark (issue 3) adds its own.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import type { Manifest } from './generate';
import { open, serverEnv, type Target } from './lib/target';
import type { CoverageManifest } from './coverage';
import type { TasksManifest } from './tasks';

const ROOT = path.resolve(import.meta.dirname, '..');
export const OUT_DIR = path.join(import.meta.dirname, 'out');

// ---------------------------------------------------------------------------------------------
// The server process

export interface ServerProcess {
  pid: number;
  baseUrl: string;
  /** Spawn → first `/readyz` 200, in milliseconds. */
  coldStartMs: number;
  /** CPU time the process used to get there (independent of other load on the machine). */
  coldStartCpuMs: number;
  stop(): Promise<void>;
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

function httpStatus(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get(url, { agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve(0));
    req.setTimeout(2000, () => req.destroy());
  });
}

/** Starts `packages/server/src/cli.ts serve` on the target and waits until it is ready. */
export async function startServer(target: Target, opts: { logFile: string; timeoutMs?: number }): Promise<ServerProcess> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {};
  // Only what matters from the caller's environment: no stray DATABASE_URL, PORT or KYCUONG_*.
  for (const [k, v] of Object.entries(process.env))
    if (!/^(DATABASE_URL|PORT|HOST|KYCUONG_|LOG_LEVEL|TRUST_PROXY|PG_POOL_SIZE)/.test(k)) env[k] = v;
  Object.assign(
    env,
    { TZ: 'Asia/Ho_Chi_Minh', HOST: '127.0.0.1', PORT: String(port), KYCUONG_DEMO: '0', LOG_LEVEL: 'warn', TRUST_PROXY: '1' },
    serverEnv(target),
  );
  fs.mkdirSync(path.dirname(opts.logFile), { recursive: true });
  const log = fs.openSync(opts.logFile, 'a');
  const started = performance.now();
  // One process (no tsx CLI wrapper) so its memory is the server's own.
  // BENCH_SERVER_NODE_ARGS: extra Node flags for the server only, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"
  // (Node refuses --cpu-prof in NODE_OPTIONS, and it would profile the load generator too).
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child: ChildProcess = spawn(
    process.execPath,
    [...nodeArgs, '--import', 'tsx', path.join(ROOT, 'packages/server/src/cli.ts'), 'serve'],
    {
      cwd: ROOT,
      env,
      stdio: ['ignore', log, log],
    },
  );
  fs.closeSync(log);
  // Read through a function: the exit handler sets it behind the type checker's back.
  let exited: number | null = null;
  const exitCode = () => exited;
  const exit = new Promise<void>((resolve) => child.once('exit', (code) => ((exited = code ?? -1), resolve())));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = started + (opts.timeoutMs ?? 120_000);
  for (;;) {
    const code = exitCode();
    if (code !== null) throw new Error(`the server exited with code ${code} before it was ready (see ${opts.logFile})`);
    if ((await httpStatus(`${baseUrl}/readyz`)) === 200) break;
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server was not ready after ${opts.timeoutMs ?? 120_000} ms (see ${opts.logFile})`);
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  const coldStartMs = performance.now() - started;
  const coldStartCpuMs = cpuMs(child.pid!);
  return {
    pid: child.pid!,
    baseUrl,
    coldStartMs,
    coldStartCpuMs,
    stop: async () => {
      if (exitCode() === null) child.kill('SIGTERM');
      await exit;
    },
  };
}

/** Resident and peak resident memory of a process, in MiB (Linux /proc). */
export function memoryOf(pid: number): { rssMiB: number; peakMiB: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { rssMiB: kb('VmRSS') / 1024, peakMiB: kb('VmHWM') / 1024 };
}

const CLK_TCK = 100;

/** CPU time (user + system) of a process in milliseconds, optionally with its live children (PostgreSQL backends). */
export function cpuMs(pid: number, withChildren = false): number {
  const read = (p: number) => {
    try {
      const stat = fs.readFileSync(`/proc/${p}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // After the command: state(0) ppid(1) … utime(11) stime(12) cutime(13) cstime(14).
      return { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]) };
    } catch {
      return undefined;
    }
  };
  let ticks = read(pid)?.ticks ?? 0;
  if (withChildren) {
    for (const entry of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const s = read(Number(entry));
      if (s?.ppid === pid) ticks += s.ticks;
    }
  }
  return (ticks * 1000) / CLK_TCK;
}

// ---------------------------------------------------------------------------------------------
// Sessions and scenarios

export interface Session {
  username: string;
  cookie: string;
  csrfToken: string;
}

let clientAddress = 0;
/** A distinct client address per request (10.x.y.z), sent as X-Forwarded-For. */
export function nextClientAddress(): string {
  const n = clientAddress++;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

/** Signs in through the API, as a browser would, and keeps the session cookie and CSRF token. */
export async function signIn(baseUrl: string, username: string, password: string): Promise<Session> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': nextClientAddress() },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in of ${username} answered ${res.status}: ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('kc_session='));
  if (!cookie) throw new Error(`sign-in of ${username} set no session cookie`);
  const me = (await res.json()) as { csrfToken: string };
  return { username, cookie, csrfToken: me.csrfToken };
}

export interface ScenarioContext {
  manifest: Manifest;
  /** Sessions of the scenario's actors, by username. */
  sessions: Map<string, Session>;
  /** The database the server runs on (read by `prepare`). */
  target: Target;
}

export interface Scenario {
  key: string;
  /** Shown in reports: what is requested, by whom. */
  title: string;
  /** Accounts signed in before the scenario runs. */
  actors: string[];
  /** The requests each connection cycles through. */
  requests(ctx: ScenarioContext): autocannon.Request[];
  /** Runs before the warm-up and before every measured run (after the server went idle), e.g. to read current row versions. */
  prepare?(ctx: ScenarioContext): Promise<void>;
}

/** A set of scenarios built from a dataset's manifest. */
export type ScenarioSuite = (manifest: Manifest) => Scenario[];

const get = (path: string, s: Session): autocannon.Request => ({ method: 'GET', path, headers: { cookie: s.cookie } });
const session = (ctx: ScenarioContext, username: string) => {
  const s = ctx.sessions.get(username);
  if (!s) throw new Error(`no session for ${username}`);
  return s;
};

/** Issue 2: org tree, people search, sign-in. */
export const foundationScenarios: ScenarioSuite = (m) => {
  const leader = m.accounts.bigLeader;
  const admin = m.accounts.admin;
  const search = (username: string) => (ctx: ScenarioContext) =>
    m.searchQueries.map(({ q, page }) => get(`/api/v1/people?q=${encodeURIComponent(q)}&page=${page}`, session(ctx, username)));
  const everyone = Object.values(m.accounts.byKind).flat();
  return [
    {
      key: 'org-children',
      title: `Org tree branch: children of ${leader.groupName} (${leader.childrenOfState}), as its leader — what the web tree loads when a branch opens`,
      actors: [leader.username],
      requests: (ctx) => [
        get(`/api/v1/orgs?parentId=${leader.stateOrgId}&includeInactive=false&pageSize=1000`, session(ctx, leader.username)),
      ],
    },
    {
      key: 'org-tree',
      title: `Whole visible org tree (tree=true, ${leader.orgsInScope} orgs), as the leader of ${leader.groupName}`,
      actors: [leader.username],
      requests: (ctx) => [get('/api/v1/orgs?tree=true&pageSize=5000', session(ctx, leader.username))],
    },
    {
      key: 'people-search-leader',
      title: `People search without diacritics (${m.searchQueries.length} queries, pages 1–5), as the leader of ${leader.groupName} (${leader.peopleInScope} people in scope)`,
      actors: [leader.username],
      requests: search(leader.username),
    },
    {
      key: 'people-search-admin',
      title: `People search without diacritics (same queries), as the system admin (all ${m.counts.people} people)`,
      actors: [admin],
      requests: search(admin),
    },
    {
      key: 'sign-in',
      title: `Sign-in (POST /api/v1/auth/login, argon2id verify + new session), rotating over ${everyone.length} accounts, one client address per request`,
      actors: [],
      requests: () => {
        let i = 0;
        return [
          {
            method: 'POST',
            path: '/api/v1/auth/login',
            headers: { 'content-type': 'application/json' },
            setupRequest: (req) => {
              const username = everyone[i++ % everyone.length]!;
              return {
                ...req,
                headers: { ...req.headers, 'x-forwarded-for': nextClientAddress() },
                body: JSON.stringify({ username, password: m.password }),
              };
            },
          },
        ];
      },
    },
  ];
};

/**
 * Issue 3: task lists, detail and a workflow change on the tasks generated by bench/tasks.ts. The
 * lists cycle through the filters a user clicks (default order by due day, overdue, not updated,
 * a status, a later page); the progress update rotates each connection over its own tasks and
 * sends the version it last saw, so no request loses a version race.
 */
export const taskScenarios: ScenarioSuite = (m) => {
  const t = m.extensions.tasks as TasksManifest | undefined;
  if (!t) throw new Error('the dataset has no tasks: generate it with a scale that has tasks (e.g. --scale city-tasks)');
  const admin = m.accounts.admin;
  const leader = t.leaderMine.username;
  const member = t.member.username;
  const list = (username: string, base: string, variants: string[]) => (ctx: ScenarioContext) =>
    variants.map((v) => get(`/api/v1/tasks?${base}${v ? `&${v}` : ''}`, session(ctx, username)));
  const unitFilters = ['', 'outcome=open_overdue', 'notUpdated=true', 'status=in_progress', 'page=3', 'outcome=done_late&sort=-created'];
  const versions = new Map<string, number>();
  const pool = t.member.progressTaskIds;
  /** The pool's tasks that may be updated in the next run (set by `prepare`). */
  const live: string[] = [];
  const pages = ['', 'page=2'];
  return [
    {
      key: 'tasks-mine-leader',
      title: `My tasks (view=mine, default order, pages 1 and 2 of 20) of the leader of ${t.department.name} (${t.leaderMine.tasks} tasks led by them or by a unit they head or deputise)`,
      actors: [leader],
      requests: list(leader, 'view=mine', pages),
    },
    {
      key: 'tasks-mine-member',
      title: `My tasks (same pages) of a specialist who leads ${t.member.tasks} tasks personally`,
      actors: [member],
      requests: list(member, 'view=mine', pages),
    },
    {
      key: 'tasks-unit-city',
      title: `Unit task list of the city root ${t.cityRoot.name} (${t.cityRoot.tasksInSubtree} tasks in its subtree; default order, pages 1 and 2; total capped at 10,000), as the system admin`,
      actors: [admin],
      requests: list(admin, `view=unit&orgId=${t.cityRoot.orgId}`, pages),
    },
    {
      key: 'tasks-unit-department',
      title: `Unit task list of ${t.department.name} (${t.department.tasksInSubtree} tasks in its subtree; same pages), as its leader`,
      actors: [leader],
      requests: list(leader, `view=unit&orgId=${t.department.orgId}`, pages),
    },
    {
      key: 'tasks-mine-leader-filters',
      title: `My tasks of the same leader with filters: ${['outcome=open_overdue', 'outcome=open_in_time', 'notUpdated=true', 'outcome=done_late&sort=-created'].join(', ')}`,
      actors: [leader],
      requests: list(leader, 'view=mine', [
        'outcome=open_overdue',
        'outcome=open_in_time',
        'notUpdated=true',
        'outcome=done_late&sort=-created',
      ]),
    },
    {
      key: 'tasks-unit-city-filters',
      title: `Unit task list of the city root with filters: ${unitFilters.filter(Boolean).join(', ')}`,
      actors: [admin],
      requests: list(admin, `view=unit&orgId=${t.cityRoot.orgId}`, unitFilters.filter(Boolean)),
    },
    {
      key: 'tasks-unit-department-filters',
      title: `Unit task list of ${t.department.name} with the same filters, as its leader`,
      actors: [leader],
      requests: list(leader, `view=unit&orgId=${t.department.orgId}`, unitFilters.filter(Boolean)),
    },
    {
      key: 'task-detail',
      title: `Task detail with its timeline, signals and allowed actions (${t.detailTaskIds.length} tasks of ${t.department.name} with 8+ events), as its leader`,
      actors: [leader],
      requests: (ctx) => t.detailTaskIds.map((id) => get(`/api/v1/tasks/${id}`, session(ctx, leader))),
    },
    {
      key: 'task-progress',
      title: `Progress update (POST /tasks/{id}/progress: version check, row update, event, signals, audit, inbox notice, answer with the detail) by the specialist on ${pool.length} of their tasks in progress, each connection on its own tasks`,
      actors: [member],
      prepare: async (ctx) => {
        const handle = open(ctx.target, 1);
        try {
          // Only tasks the daily sweep will not remind during the run (due more than a week ahead):
          // a reminder changes the version, and the update would answer 409 as it should.
          const soon = new Date(Date.now() + 8 * 86_400_000).toISOString().slice(0, 10);
          live.length = 0;
          for (let i = 0; i < pool.length; i += 500) {
            const rows = await handle.db
              .selectFrom('tasks')
              .select(['id', 'version', 'status', 'due_date'])
              .where('id', 'in', pool.slice(i, i + 500))
              .execute();
            for (const r of rows) {
              versions.set(r.id, Number(r.version));
              if ((r.status === 'accepted' || r.status === 'in_progress') && (r.due_date === null || r.due_date > soon)) live.push(r.id);
            }
          }
        } finally {
          await handle.close();
        }
      },
      requests: (ctx) => {
        const s = session(ctx, member);
        let next = 0;
        const per = Math.max(1, Math.min(40, Math.floor(live.length / 64)));
        return [
          {
            method: 'POST',
            path: '/api/v1/tasks',
            headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken, 'content-type': 'application/json' },
            setupRequest: (req, context) => {
              let mine = context.tasks as string[] | undefined;
              if (!mine) {
                mine = Array.from({ length: per }, (_, k) => live[(next * per + k) % live.length]!);
                next++;
                context.tasks = mine;
                context.turn = 0;
              }
              const turn = context.turn as number;
              context.turn = turn + 1;
              const id = mine[turn % mine.length]!;
              context.current = id;
              const percent = 10 + (turn % 85);
              return {
                ...req,
                path: `/api/v1/tasks/${id}/progress`,
                body: JSON.stringify({
                  version: versions.get(id) ?? 1,
                  percent,
                  text: `Cập nhật tiến độ lần ${turn + 1}: đạt ${percent}%.`,
                }),
              };
            },
            onResponse: (status, body, context) => {
              if (status !== 200) return;
              const v = (JSON.parse(body) as { version?: number }).version;
              if (typeof v === 'number') versions.set(context.current as string, v);
            },
          },
        ];
      },
    },
  ];
};

/**
 * Issue 5: the dashboard of the city root and of the largest department, over the generated tasks
 * (the other figures — coverage, cases, evaluations — are empty in this dataset).
 */
export const dashboardScenarios: ScenarioSuite = (m) => {
  const t = m.extensions.tasks as TasksManifest | undefined;
  if (!t) throw new Error('the dataset has no tasks: generate it with a scale that has tasks (e.g. --scale city-dashboard)');
  const admin = m.accounts.admin;
  const leader = t.leaderMine.username;
  const year = t.today.slice(0, 4);
  const periods = ['', `from=${year}-01-01&to=${year}-12-31`];
  const board = (username: string, orgId: string) => (ctx: ScenarioContext) =>
    periods.map((p) => get(`/api/v1/dashboard?orgId=${orgId}${p ? `&${p}` : ''}`, session(ctx, username)));
  return [
    {
      key: 'dashboard-city',
      title: `Dashboard of the city root ${t.cityRoot.name} (${t.cityRoot.tasksInSubtree} tasks in its subtree): the current quarter and the whole year ${year}, as the system admin`,
      actors: [admin],
      requests: board(admin, t.cityRoot.orgId),
    },
    {
      key: 'dashboard-department',
      title: `Dashboard of ${t.department.name} (${t.department.tasksInSubtree} tasks): the same periods, as its leader`,
      actors: [leader],
      requests: board(leader, t.department.orgId),
    },
  ];
};

/** Issue 4: coverage of one directive for the two city roots (the state line and the Party line). */
export const coverageScenarios: ScenarioSuite = (m) => {
  const c = m.extensions.coverage as CoverageManifest | undefined;
  if (!c) throw new Error('the dataset has no dissemination data: run with --scale city-coverage');
  const admin = m.accounts.admin;
  return c.subtrees.map((st, i) => ({
    key: i === 0 ? 'coverage-state-root' : 'coverage-party-root',
    title: `Coverage of ${c.documentNumber ?? 'the directive'} (GET /api/v1/documents/{id}/coverage) for ${st.name}: ${st.people} people expected, per unit below it, as the system admin`,
    actors: [admin],
    requests: (ctx: ScenarioContext) => [get(`/api/v1/documents/${c.documentId}/coverage?orgId=${st.orgId}`, session(ctx, admin))],
  }));
};

/** Scenario suites by name; a later capability registers its own (e.g. `tasks`). */
export const SUITES: Record<string, ScenarioSuite> = {
  foundation: foundationScenarios,
  tasks: taskScenarios,
  dashboard: dashboardScenarios,
  coverage: coverageScenarios,
};

// ---------------------------------------------------------------------------------------------
// Running

export interface RunStats {
  p50: number;
  p90: number;
  p99: number;
  max: number;
  meanMs: number;
  reqPerSec: number;
  requests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  /** CPU the server (and, on the embedded PostgreSQL, its backends) spent per request, in ms. */
  serverCpuMsPerRequest: number;
  dbCpuMsPerRequest: number | null;
  loadAvg1: number;
}

export interface ScenarioResult {
  key: string;
  title: string;
  runs: RunStats[];
  median: Pick<RunStats, 'p50' | 'p90' | 'p99' | 'reqPerSec' | 'serverCpuMsPerRequest'> & { dbCpuMsPerRequest: number | null };
  /** Summed over the measured runs (warm-up excluded). */
  errors: number;
  non2xx: number;
  statusCodes: Record<string, number>;
}

export interface LoadOptions {
  connections: number;
  durationSec: number;
  warmupSec: number;
  runs: number;
  coldStarts: number;
  suites: string[];
  /** Run only these scenario keys (all when empty). */
  only: string[];
  /** The PostgreSQL server process, to count its CPU (embedded server only). */
  postgresPid?: number | undefined;
  log?: (msg: string) => void;
}

export interface LoadResult {
  coldStartMs: { runs: number[]; median: number };
  /** CPU time used by the server process from spawn to ready. */
  coldStartCpuMs: { runs: number[]; median: number };
  memoryMiB: { afterStart: number; afterLoad: number; peak: number };
  scenarios: ScenarioResult[];
  loadAvg: { start: number[]; end: number[] };
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/**
 * Waits until the server has finished the work of the previous run: requests still queued when
 * autocannon closes its connections are processed anyway and would otherwise slow the next run.
 * Idle = under 5 % of a core over half a second.
 */
async function waitIdle(pid: number, maxMs = 120_000): Promise<number> {
  const start = performance.now();
  for (;;) {
    const c0 = cpuMs(pid);
    await new Promise((r) => setTimeout(r, 500));
    if (cpuMs(pid) - c0 < 25 || performance.now() - start > maxMs) return performance.now() - start;
  }
}

function attack(opts: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(opts).then(resolve, reject);
  });
}

async function runScenario(server: ServerProcess, scenario: Scenario, ctx: ScenarioContext, opts: LoadOptions): Promise<ScenarioResult> {
  const log = opts.log ?? (() => {});
  const base = { url: server.baseUrl, connections: opts.connections, timeout: 30, title: scenario.key };
  if (opts.warmupSec > 0) {
    await scenario.prepare?.(ctx);
    await attack({ ...base, duration: opts.warmupSec, requests: scenario.requests(ctx) });
  }
  const runs: RunStats[] = [];
  for (let i = 0; i < opts.runs; i++) {
    const drained = await waitIdle(server.pid);
    if (drained > 1000) log(`  (waited ${(drained / 1000).toFixed(1)} s for the server to finish the previous run's requests)`);
    await scenario.prepare?.(ctx);
    const loadAvg1 = os.loadavg()[0]!;
    const cpu0 = cpuMs(server.pid);
    const db0 = opts.postgresPid ? cpuMs(opts.postgresPid, true) : 0;
    const r = await attack({ ...base, duration: opts.durationSec, requests: scenario.requests(ctx) });
    const done = r.latency.totalCount ?? r['2xx'] + r.non2xx;
    const serverCpu = cpuMs(server.pid) - cpu0;
    const dbCpu = opts.postgresPid ? cpuMs(opts.postgresPid, true) - db0 : null;
    const stats: RunStats = {
      p50: r.latency.p50,
      p90: r.latency.p90,
      p99: r.latency.p99,
      max: r.latency.max,
      meanMs: r.latency.average,
      reqPerSec: r.requests.average,
      requests: done,
      errors: r.errors + r.timeouts,
      timeouts: r.timeouts,
      non2xx: r.non2xx,
      statusCodes: Object.fromEntries(Object.entries(r.statusCodeStats).map(([k, v]) => [k, v.count])),
      serverCpuMsPerRequest: done ? serverCpu / done : 0,
      dbCpuMsPerRequest: dbCpu === null || !done ? null : dbCpu / done,
      loadAvg1,
    };
    runs.push(stats);
    log(
      `  ${scenario.key} run ${i + 1}/${opts.runs}: p50 ${stats.p50} ms, p99 ${stats.p99} ms, ${Math.round(stats.reqPerSec)} req/s, ${stats.errors} errors, ${stats.non2xx} non-2xx (load ${loadAvg1.toFixed(1)})`,
    );
  }
  const statusCodes: Record<string, number> = {};
  for (const r of runs) for (const [k, v] of Object.entries(r.statusCodes)) statusCodes[k] = (statusCodes[k] ?? 0) + v;
  const dbCpu = runs.map((r) => r.dbCpuMsPerRequest).filter((x): x is number => x !== null);
  return {
    key: scenario.key,
    title: scenario.title,
    runs,
    median: {
      p50: median(runs.map((r) => r.p50)),
      p90: median(runs.map((r) => r.p90)),
      p99: median(runs.map((r) => r.p99)),
      reqPerSec: median(runs.map((r) => r.reqPerSec)),
      serverCpuMsPerRequest: median(runs.map((r) => r.serverCpuMsPerRequest)),
      dbCpuMsPerRequest: dbCpu.length ? median(dbCpu) : null,
    },
    errors: runs.reduce((s, r) => s + r.errors, 0),
    non2xx: runs.reduce((s, r) => s + r.non2xx, 0),
    statusCodes,
  };
}

/** Cold starts, then one server under load for every scenario of the chosen suites. */
export async function runLoad(target: Target, manifest: Manifest, opts: LoadOptions): Promise<LoadResult> {
  const log = opts.log ?? (() => {});
  const logFile = path.join(OUT_DIR, `server-${target.kind}.log`);
  const loadStart = os.loadavg();
  const coldRuns: number[] = [];
  const coldCpu: number[] = [];
  for (let i = 0; i < opts.coldStarts; i++) {
    const s = await startServer(target, { logFile });
    coldRuns.push(s.coldStartMs);
    coldCpu.push(s.coldStartCpuMs);
    await s.stop();
    log(`cold start ${i + 1}/${opts.coldStarts}: ${Math.round(s.coldStartMs)} ms (CPU ${Math.round(s.coldStartCpuMs)} ms)`);
  }
  const server = await startServer(target, { logFile });
  try {
    // Let start-up work (JIT, pool connections) finish before reading memory.
    await new Promise((r) => setTimeout(r, 1000));
    const afterStart = memoryOf(server.pid).rssMiB;
    log(`memory after start: ${afterStart.toFixed(1)} MiB`);
    const scenarios = Object.entries(SUITES)
      .filter(([name]) => opts.suites.includes(name))
      .flatMap(([, suite]) => suite(manifest))
      .filter((s) => opts.only.length === 0 || opts.only.includes(s.key));
    const sessions = new Map<string, Session>();
    for (const username of new Set(scenarios.flatMap((s) => s.actors)))
      sessions.set(username, await signIn(server.baseUrl, username, manifest.password));
    const results: ScenarioResult[] = [];
    for (const scenario of scenarios) {
      log(`${scenario.key}: ${scenario.title}`);
      results.push(await runScenario(server, scenario, { manifest, sessions, target }, opts));
    }
    await waitIdle(server.pid);
    const mem = memoryOf(server.pid);
    return {
      coldStartMs: { runs: coldRuns, median: median(coldRuns) },
      coldStartCpuMs: { runs: coldCpu, median: median(coldCpu) },
      memoryMiB: { afterStart, afterLoad: mem.rssMiB, peak: mem.peakMiB },
      scenarios: results,
      loadAvg: { start: loadStart, end: os.loadavg() },
    };
  } finally {
    await server.stop();
  }
}
