/**
 * The whole benchmark in one command: generate the dataset on SQLite and/or PostgreSQL, start the
 * real server on each, measure, print a Markdown report, keep the JSON in bench/out/ and — with
 * --write-docs — rewrite the results section of docs/benchmarks.md.
 *
 *   npm run bench -- --scale issue2 --db both --write-docs
 *   npm run bench -- --scale department --db sqlite --duration 5 --runs 1     (a quick look)
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { engineVersion } from '../packages/server/src/db/dialect';
import { PRESETS, generateInto, manifestPath, readManifest, writeManifest, type Manifest, type PresetName, type Scale } from './generate';
import { generateCoverage } from './coverage';
import { OUT_DIR, SUITES, runLoad, type LoadOptions, type LoadResult } from './load';
import { PG_DATA_DIR, databaseUrl, startBenchPostgres, type BenchPostgres } from './pg';
import { catchUpMigrations, open, type Target } from './lib/target';
import { renderMarkdown, writeDocs, type BenchReport, type DbReport } from './lib/report';

const HELP = `Đo hiệu năng / benchmark

  npm run bench -- [--scale issue2|department|city|city-tasks|department-tasks] [--db sqlite|pg|both] [--write-docs]
                   [--duration 15] [--warmup 3] [--runs 3] [--connections 50] [--cold-starts 3]
                   [--suites foundation,tasks] [--only key,key] [--reuse] [--seed N]


--reuse       keep a database generated earlier with the same scale and seed (else re-generated)
--write-docs  rewrite the results section of docs/benchmarks.md for this scale
--from-json   re-render saved reports (bench/out/results-*.json, comma-separated to merge runs of one scale) instead of measuring
PostgreSQL: $BENCH_DATABASE_URL, or an embedded PostgreSQL with its data in bench/out/pg-data.`;

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      scale: { type: 'string', default: 'issue2' },
      db: { type: 'string', default: 'both' },
      'write-docs': { type: 'boolean', default: false },
      duration: { type: 'string', default: '15' },
      warmup: { type: 'string', default: '3' },
      runs: { type: 'string', default: '3' },
      connections: { type: 'string', default: '50' },
      'cold-starts': { type: 'string', default: '3' },
      suites: { type: 'string', default: '' },
      only: { type: 'string', default: '' },
      reuse: { type: 'boolean', default: false },
      'from-json': { type: 'string' },
      seed: { type: 'string', default: String(24_2023) },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (values['from-json']) {
    // Several saved reports of one scale (e.g. SQLite and PostgreSQL measured by separate runs) make one section.
    const parts = values['from-json'].split(',').map((f) => JSON.parse(fs.readFileSync(f, 'utf8')) as BenchReport);
    const first = parts[0]!;
    if (parts.some((p) => p.scale.name !== first.scale.name)) return usage('--from-json: the reports are of different scales');
    const saved: BenchReport = {
      ...first,
      command: [...new Set(parts.map((p) => p.command))].join('` and `'),
      startedAt: parts.map((p) => p.startedAt).sort()[0]!,
      finishedAt: parts
        .map((p) => p.finishedAt)
        .sort()
        .pop()!,
      top: { start: first.top.start, end: parts[parts.length - 1]!.top.end },
      dbs: parts.flatMap((p) => p.dbs),
    };
    const md = renderMarkdown(saved);
    console.log(md);
    if (values['write-docs']) console.error(`results written to ${path.relative(process.cwd(), await writeDocs(saved, md))}`);
    return 0;
  }
  if (!['sqlite', 'pg', 'both'].includes(values.db)) return usage(`--db: expected sqlite, pg or both, got "${values.db}"`);
  const int = (name: string, v: string, min: number) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name}: expected a whole number ≥ ${min}, got "${v}"`);
    return n;
  };
  const scaleName = values.scale as PresetName;
  if (!(scaleName in PRESETS)) return usage(`--scale: unknown scale "${values.scale}" (${Object.keys(PRESETS).join(', ')})`);
  const preset: Scale = PRESETS[scaleName];
  const suites = values.suites ? values.suites.split(',').filter(Boolean) : [...(preset.suites ?? ['foundation'])];
  const unknown = suites.filter((s) => !(s in SUITES));
  if (unknown.length) return usage(`--suites: unknown suite ${unknown.join(', ')} (known: ${Object.keys(SUITES).join(', ')})`);
  const opts: LoadOptions = {
    connections: int('connections', values.connections, 1),
    durationSec: int('duration', values.duration, 1),
    warmupSec: int('warmup', values.warmup, 0),
    runs: int('runs', values.runs, 1),
    coldStarts: int('cold-starts', values['cold-starts'], 1),
    suites,
    only: values.only.split(',').filter(Boolean),
    log: (m) => console.error(m),
  };
  const seed = int('seed', values.seed, 0);
  const scale = { name: scaleName, ...preset };
  // Presets that measure another preset's dataset share its database (generated once, --reuse).
  const dataName = preset.dataset ?? scaleName;
  const dbs =
    values.db === 'both' ? (['sqlite', 'postgres'] as const) : values.db === 'pg' ? (['postgres'] as const) : (['sqlite'] as const);

  const startedAt = new Date();
  const topStart = snapshotTop();
  let pgServer: BenchPostgres | undefined;
  const reports: DbReport[] = [];
  try {
    for (const db of dbs) {
      let target: Target;
      let postgresPid: number | undefined;
      if (db === 'sqlite') {
        target = { kind: 'sqlite', file: path.join(OUT_DIR, `${dataName}-sqlite`, 'kycuong.sqlite') };
      } else {
        pgServer ??= await startBenchPostgres((m) => console.error(m));
        target = { kind: 'postgres', url: databaseUrl(pgServer.url, `kycuong_bench_${dataName.replace(/-/g, '_')}`) };
        postgresPid = pgServer.source.startsWith('embedded') ? postmasterPid() : undefined;
      }
      const mfile = manifestPath(target);
      let manifest = values.reuse ? await reusable(target, mfile, scale, seed) : undefined;
      const generatedNow = !manifest;
      if (!manifest) {
        console.error(`[${db}] generating ${scale.orgs} orgs, ${scale.people} people, ${scale.users} accounts, ${scale.tasks ?? 0} tasks…`);
        manifest = (await generateInto(target, scale, { seed, log: (m) => console.error(`[${db}]   ${m}`) })).manifest;
        writeManifest(mfile, manifest);
        console.error(
          `[${db}] generated in ${(manifest.timingsMs.total / 1000).toFixed(1)} s, ${(manifest.databaseBytes / 2 ** 20).toFixed(1)} MiB`,
        );
      } else {
        console.error(`[${db}] reusing the database generated at ${manifest.generatedAt}`);
        const caught = await catchUpMigrations(target);
        if (caught.length) console.error(`[${db}] applied migrations added out of order since: ${caught.join(', ')}`);
        if (scale.coverage && !manifest.extensions.coverage) {
          // Coverage data is added to a reused city rather than generating the city again.
          const handle = open(target);
          try {
            manifest.extensions.coverage = await generateCoverage(target, handle, { seed, log: (m) => console.error(`[${db}]   ${m}`) });
          } finally {
            await handle.close();
          }
          writeManifest(mfile, manifest);
        }
      }
      const engine = await engineOf(target);
      console.error(
        `[${db}] load: ${opts.connections} connections, ${opts.warmupSec} s warm-up + ${opts.runs} × ${opts.durationSec} s per scenario`,
      );
      const load: LoadResult = await runLoad(target, manifest, { ...opts, postgresPid, log: (m) => console.error(`[${db}] ${m}`) });
      reports.push({
        db,
        engine,
        engineSource: db === 'postgres' ? (pgServer?.source ?? '') : 'better-sqlite3',
        manifest,
        generatedNow,
        load,
      });
    }
  } finally {
    await pgServer?.stop();
  }

  const report: BenchReport = {
    scale,
    command: `npm run bench -- ${argv.join(' ')}`.trim(),
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? '?',
      memGiB: os.totalmem() / 2 ** 30,
      os: `${os.type()} ${os.release()}`,
      node: process.version,
    },
    options: {
      connections: opts.connections,
      durationSec: opts.durationSec,
      warmupSec: opts.warmupSec,
      runs: opts.runs,
      coldStarts: opts.coldStarts,
      suites,
    },
    top: { start: topStart, end: snapshotTop() },
    dbs: reports,
  };
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const stamp = report.startedAt.replace(/[:.]/g, '-');
  const json = JSON.stringify(report, null, 2) + '\n';
  fs.writeFileSync(path.join(OUT_DIR, `results-${scaleName}-${stamp}.json`), json);
  fs.writeFileSync(path.join(OUT_DIR, `results-${scaleName}-latest.json`), json);
  const md = renderMarkdown(report);
  console.log(md);
  if (values['write-docs']) {
    const file = await writeDocs(report, md);
    console.error(`results written to ${path.relative(process.cwd(), file)}`);
  }
  return 0;
}

function usage(msg: string): number {
  console.error(`${msg}\n\n${HELP}`);
  return 2;
}

/** A generated database can be reused when its manifest matches and it still holds the rows. */
async function reusable(target: Target, file: string, scale: Manifest['scale'], seed: number): Promise<Manifest | undefined> {
  const m = readManifest(file);
  if (!m || m.seed !== seed || m.scale.orgs !== scale.orgs || m.scale.people !== scale.people || m.scale.users !== scale.users)
    return undefined;
  if ((scale.tasks ?? 0) !== (m.scale.tasks ?? 0) || (scale.tasks && !m.extensions.tasks)) return undefined;
  if (target.kind === 'sqlite' && !fs.existsSync(target.file)) return undefined;
  try {
    const handle = open(target, 1);
    try {
      const r = await sql<{ n: number }>`select count(*) as n from orgs`.execute(handle.db);
      return Number(r.rows[0]?.n) === m.counts.orgs ? m : undefined;
    } finally {
      await handle.close();
    }
  } catch {
    return undefined;
  }
}

async function engineOf(target: Target): Promise<string> {
  const handle = open(target, 1);
  try {
    const v = await engineVersion(handle);
    // "PostgreSQL 17.10 on x86_64-pc-linux-gnu, compiled by …" → "PostgreSQL 17.10".
    return v.replace(/^(PostgreSQL [\d.]+).*$/s, '$1');
  } finally {
    await handle.close();
  }
}

function postmasterPid(): number | undefined {
  const file = path.join(PG_DATA_DIR, 'postmaster.pid');
  if (!fs.existsSync(file)) return undefined;
  const pid = Number(fs.readFileSync(file, 'utf8').split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/**
 * What else was running: the load average and the other processes using at least 10 % of a core
 * (from one `top` sample; this process excluded).
 */
function snapshotTop(): { loadAvg: number[]; top: string; others: string[] } {
  let top = '';
  try {
    top = execFileSync('top', ['-bn1', '-c', '-o', '%CPU', '-w', '512'], { encoding: 'utf8' });
  } catch {
    return { loadAvg: os.loadavg(), top: '(top unavailable)', others: [] };
  }
  const others: string[] = [];
  for (const line of top.split('\n')) {
    const f = line.trim().split(/\s+/);
    // PID USER PR NI VIRT RES SHR S %CPU %MEM TIME+ COMMAND…
    if (f.length < 12 || !/^\d+$/.test(f[0]!) || Number(f[0]) === process.pid) continue;
    const cpu = Number(f[8]?.replace(',', '.'));
    if (!(cpu >= 10)) continue;
    const command = f.slice(11).join(' ');
    if (/^top\b/.test(command)) continue;
    others.push(`${shortCommand(command)} (${Math.round(cpu)} %)`);
  }
  return { loadAvg: os.loadavg(), top: top.split('\n').slice(0, 25).join('\n'), others };
}

/** The program behind a command line: `node …/node_modules/.bin/tsc -p packages/web` → `tsc`, `/usr/lib/chromium/chromium …` → `chromium`. */
function shortCommand(command: string): string {
  const pkg = /node_modules\/(?:\.bin\/)?((?:@[^/\s]+\/)?[^/\s]+)/.exec(command);
  if (pkg) return pkg[1]!;
  const first = command.split(' ')[0] ?? command;
  return path.basename(first.replace(/:$/, ''));
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exitCode = 1;
  },
);
