import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OPENAPI_FILE, openApiDocument } from '../src/cli/commands';
import { loadConfig } from '../src/config';
import { dialectName } from './support/harness';

describe.runIf(dialectName === 'sqlite')('OpenAPI document', () => {
  it('docs/openapi.json is up to date (run `npm run generate` after changing a route)', async () => {
    const current = await openApiDocument(loadConfig({ LOG_LEVEL: 'silent', KYCUONG_DEMO: '0' }));
    expect(fs.readFileSync(OPENAPI_FILE, 'utf8')).toBe(current);
  });

  it('names every route of the stable API', async () => {
    const doc = JSON.parse(fs.readFileSync(OPENAPI_FILE, 'utf8')) as { paths: Record<string, unknown> };
    for (const p of [
      '/api/v1/auth/login',
      '/api/v1/auth/logout',
      '/api/v1/auth/me',
      '/api/v1/orgs',
      '/api/v1/orgs/{id}',
      '/api/v1/people',
    ]) {
      expect(Object.keys(doc.paths)).toContain(p);
    }
  });
});
