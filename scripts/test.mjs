// `npm test`: lint, every Vitest project (domain, server on SQLite, server on PostgreSQL), the web
// build, and the Playwright journeys in Debian's Chromium. Ends with one line "N passed, N failed".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'kycuong-test-'));
let passed = 0;
let failed = 0;
const summary = [];

function run(name, cmd, args, opts = {}) {
  console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, TZ: 'Asia/Ho_Chi_Minh', ...opts.env } });
  const secs = ((Date.now() - started) / 1000).toFixed(0);
  const ok = r.status === 0;
  summary.push(`${ok ? 'ok  ' : 'FAIL'} ${name} (${secs}s)`);
  return ok;
}

function step(name, cmd, args, opts) {
  // A step that is not a test suite still counts: one check passed or failed.
  if (run(name, cmd, args, opts)) passed++;
  else failed++;
}

// 1. Lint: type-aware ESLint, type check of every workspace, Prettier.
step('lint (typecheck + eslint + prettier)', 'npm', ['run', 'lint', '--silent']);

// Debian packages the server tests need: the report test opens the generated DOCX in LibreOffice
// (soffice) and reads PDFs back with poppler (pdfinfo, pdftotext); Liberation Serif is the PDF font.
// Installed here when missing and running as root; otherwise that test fails (it never skips).
const DOCUMENT_PACKAGES = ['libreoffice-writer-nogui', 'poppler-utils', 'fonts-liberation2'];
function aptInstall(pkgs) {
  spawnSync('apt-get', ['update'], { stdio: 'inherit' });
  spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...pkgs], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}
const hasCommand = (name) => spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;
if (!(hasCommand('soffice') && hasCommand('pdftotext') && hasCommand('pdfinfo')) && process.getuid?.() === 0) {
  console.log('\nLibreOffice or poppler is missing: installing Debian packages ' + DOCUMENT_PACKAGES.join(', ') + '…');
  aptInstall(DOCUMENT_PACKAGES);
}

// 2. Vitest: domain + server on SQLite + server on PostgreSQL (embedded unless TEST_DATABASE_URL).
const vitestJson = path.join(out, 'vitest.json');
run('vitest: domain, server-sqlite, server-postgres', 'npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestJson}`,
]);
if (fs.existsSync(vitestJson)) {
  const r = JSON.parse(fs.readFileSync(vitestJson, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests + (r.numTotalTestSuites > 0 && r.success === false && r.numFailedTests === 0 ? 1 : 0);
} else {
  failed++;
}

// 3. Web build (the journeys run against the built app served by the server).
step('web build', 'npm', ['run', 'build', '-w', '@kycuong/web', '--silent']);

// 4. Browser journeys in Debian's Chromium.
const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (!fs.existsSync(chromium)) {
  if (process.getuid?.() === 0 && chromium === '/usr/bin/chromium') {
    console.log('\nChromium is missing: installing Debian packages chromium and fonts-liberation2…');
    aptInstall(['chromium', 'fonts-liberation2', 'fonts-dejavu-core', ...DOCUMENT_PACKAGES]);
  }
  if (!fs.existsSync(chromium)) {
    console.error(`\nChromium not found at ${chromium}: install it with "apt-get install chromium" or set CHROMIUM_PATH.`);
    failed++;
  }
}
if (fs.existsSync(chromium)) {
  const pwJson = path.join(out, 'playwright.json');
  run('playwright journeys (Chromium)', 'npx', ['playwright', 'test', '--config', 'e2e/playwright.config.ts'], {
    env: { CHROMIUM_PATH: chromium, PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson },
  });
  if (fs.existsSync(pwJson)) {
    const r = JSON.parse(fs.readFileSync(pwJson, 'utf8'));
    passed += r.stats.expected + r.stats.flaky;
    failed += r.stats.unexpected;
  } else failed++;
}

console.log('\n=== summary ===');
for (const line of summary) console.log(line);
fs.rmSync(out, { recursive: true, force: true });
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
