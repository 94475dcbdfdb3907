import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';

// Migrations work on any schema (they create it), as in Kysely's own documentation.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;
import * as m001 from './migrations/2026-11-28-001-foundation';
import * as m010 from './migrations/2026-11-28-010-documents-tasks';
import * as m045 from './migrations/2026-11-28-045-tasks-lead-org-path';
import * as m046 from './migrations/2026-11-28-046-search-indexes';
import * as m030 from './migrations/2026-11-28-030-campaigns';
import * as m040 from './migrations/2026-11-28-040-violations';
import * as m020 from './migrations/2026-11-28-020-jobs-notifications';
import * as m080 from './migrations/2026-11-28-080-reports';
import * as m070 from './migrations/2026-11-28-070-evaluations';
import * as m060 from './migrations/2026-11-28-060-dissemination';
import * as m061 from './migrations/2026-11-28-061-dissemination-counted';
import * as m090 from './migrations/2026-11-28-090-tasks-list-indexes';
import * as m091 from './migrations/2026-11-28-091-task-rollups';
import * as m092 from './migrations/2026-11-28-092-dissemination-rollup';
import * as m093 from './migrations/2026-11-28-093-tasks-due-day-idx';
import * as m094 from './migrations/2026-11-28-094-tasks-status-order-idx';
import * as m095 from './migrations/2026-11-28-095-tasks-done-late-idx';

/**
 * The one migration chain, listed explicitly (no directory scan, so it works the same from
 * source, from a bundle and in tests). Names are date-prefixed and never change.
 */
const MIGRATIONS: Record<string, Migration> = {
  '2026-11-28-001-foundation': m001,
  '2026-11-28-010-documents-tasks': m010,
  '2026-11-28-045-tasks-lead-org-path': m045,
  '2026-11-28-046-search-indexes': m046,
  '2026-11-28-030-campaigns': m030,
  '2026-11-28-040-violations': m040,
  '2026-11-28-020-jobs-notifications': m020,
  '2026-11-28-080-reports': m080,
  '2026-11-28-070-evaluations': m070,
  '2026-11-28-060-dissemination': m060,
  '2026-11-28-061-dissemination-counted': m061,
  '2026-11-28-090-tasks-list-indexes': m090,
  '2026-11-28-091-task-rollups': m091,
  '2026-11-28-092-dissemination-rollup': m092,
  '2026-11-28-093-tasks-due-day-idx': m093,
  '2026-11-28-094-tasks-status-order-idx': m094,
  '2026-11-28-095-tasks-done-late-idx': m095,
};

class StaticProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return MIGRATIONS;
  }
}

export function migrator(db: AnyDb): Migrator {
  return new Migrator({ db, provider: new StaticProvider() });
}

/** Applies pending migrations; the Kysely migrator locks, so several instances may start at once. */
export async function migrateToLatest(db: AnyDb): Promise<string[]> {
  const { error, results } = await migrator(db).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(`migration failed: ${JSON.stringify(error)}`);
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Whether every known migration is applied (for /readyz). */
export async function pendingMigrations(db: AnyDb): Promise<string[]> {
  const all = await migrator(db).getMigrations();
  return all.filter((m) => !m.executedAt).map((m) => m.name);
}
