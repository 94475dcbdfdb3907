import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from './support/harness';

/** The server serves the built web app: files looked up per request, client routes fall back to index.html. */
describe('web app serving', () => {
  let t: TestContext;
  let dist: string;

  beforeAll(async () => {
    dist = fs.mkdtempSync(path.join(os.tmpdir(), 'kycuong-dist-'));
    fs.mkdirSync(path.join(dist, 'assets'));
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Kỷ Cương</title>');
    fs.writeFileSync(path.join(dist, 'assets', 'app-old.js'), 'console.log(1)');
    t = await createTestContext({ WEB_DIST_DIR: dist });
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dist, { recursive: true, force: true });
  });

  it('serves an asset written after the start (a rebuild while running)', async () => {
    fs.writeFileSync(path.join(dist, 'assets', 'app-new.js'), 'console.log(2)');
    const res = await t.app.inject({ method: 'GET', url: '/assets/app-new.js' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('console.log(2)');
  });

  it('answers index.html for a client route, uncached', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/cong-viec?view=unit' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Kỷ Cương');
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it('answers 404 for a missing asset and a JSON 404 for an unknown API path', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/assets/missing.js' })).statusCode).toBe(404);
    const api = await t.app.inject({ method: 'GET', url: '/api/khong-co' });
    expect(api.statusCode).toBe(404);
    expect(api.json<{ error: { code: string } }>().error.code).toBe('not_found');
  });
});
