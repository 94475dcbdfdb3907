/**
 * Browser journeys in Debian's Chromium (never a downloaded browser) against the real server,
 * started fresh on a fixed port with an empty SQLite data directory so the demo organisation and
 * accounts load. The server serves the built web app: build it first (`npm test` does;
 * locally `npm run build -w @kycuong/web`).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';

const root = path.resolve(import.meta.dirname, '..');
const port = Number(process.env.E2E_PORT ?? 3210);
const dataDir = path.join(os.tmpdir(), `kycuong-e2e-${port}`);
// WEB_DIST_DIR lets a run use its own build (the server reads the files present at its start, so a
// rebuild of packages/web/dist during a run would break the pages it serves).
const webDist = process.env.WEB_DIST_DIR ?? path.join(root, 'packages/web/dist');

if (!fs.existsSync(path.join(webDist, 'index.html'))) {
  throw new Error(`The web app is not built (${webDist}/index.html is missing): run "npm run build -w @kycuong/web" first.`);
}

const jsonOutput = process.env.PLAYWRIGHT_JSON_OUTPUT_NAME;

export default defineConfig({
  testDir: './tests',
  outputDir: './test-results',
  // The journeys share one server and its demo data; one at a time keeps them independent of timing.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  // Generous: the machine running the suite may be busy (the journeys assert no timing).
  timeout: 300_000,
  expect: { timeout: 30_000 },
  reporter: jsonOutput ? [['list'], ['json', { outputFile: jsonOutput }]] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    actionTimeout: 20_000,
    navigationTimeout: 30_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        viewport: { width: 1366, height: 900 },
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
  ],
  webServer: {
    // A fresh data directory each run: the demo data loads on the first start of an empty database.
    // SQLite whatever the calling shell says (DATABASE_URL unset), the real server entry.
    command: `rm -rf '${dataDir}' && exec env -u DATABASE_URL node_modules/.bin/tsx packages/server/src/cli.ts serve`,
    cwd: root,
    url: `http://127.0.0.1:${port}/readyz`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      HOST: '127.0.0.1',
      PORT: String(port),
      KYCUONG_DATA_DIR: dataDir,
      KYCUONG_DEMO: '1',
      WEB_DIST_DIR: webDist,
      LOG_LEVEL: 'warn',
      TZ: 'Asia/Ho_Chi_Minh',
    },
  },
});
