import { defineConfig } from 'vitest/config';

// One run, three projects: the pure domain, and the server suite once per database.
export default defineConfig({
  test: {
    reporters: ['default'],
    projects: [
      {
        test: { name: 'domain', include: ['packages/domain/test/**/*.test.ts'], environment: 'node' },
      },
      {
        test: {
          name: 'server-sqlite',
          include: ['packages/server/test/**/*.test.ts'],
          env: { TEST_DB: 'sqlite', TZ: 'Asia/Ho_Chi_Minh' },
          // Hang guards, not timing assertions: loading the whole demo (three suites do) takes over a
          // minute on PostgreSQL when the 2 cores are shared.
          testTimeout: 60_000,
          hookTimeout: 240_000,
        },
      },
      {
        test: {
          name: 'server-postgres',
          include: ['packages/server/test/**/*.test.ts'],
          env: { TEST_DB: 'postgres', TZ: 'Asia/Ho_Chi_Minh' },
          globalSetup: ['packages/server/test/support/postgres.global.ts'],
          // Hang guards, not timing assertions: loading the whole demo (three suites do) takes over a
          // minute on PostgreSQL when the 2 cores are shared.
          testTimeout: 60_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
