import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/** Key/value settings stored as JSON, each with a version for optimistic concurrency. */
export class SettingsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async get<T>(key: string, fallback: T): Promise<{ value: T; version: number }> {
    const row = await this.db.selectFrom('settings').select(['value', 'version']).where('key', '=', key).executeTakeFirst();
    return row ? { value: JSON.parse(row.value) as T, version: row.version } : { value: fallback, version: 0 };
  }

  /** Writes a setting if its version still matches; returns false on a concurrent change. */
  async put(key: string, value: unknown, expectedVersion: number, now: string): Promise<boolean> {
    const json = JSON.stringify(value);
    if (expectedVersion === 0) {
      const exists = await this.db.selectFrom('settings').select('key').where('key', '=', key).executeTakeFirst();
      if (exists) return false;
      await this.db.insertInto('settings').values({ key, value: json, version: 1, updated_at: now }).execute();
      return true;
    }
    const r = await this.db
      .updateTable('settings')
      .set({ value: json, version: expectedVersion + 1, updated_at: now })
      .where('key', '=', key)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }
}

export const SECURITY_SETTINGS_KEY = 'security';
export interface SecuritySettingsValue {
  requireTotpForPrivileged: boolean;
}
export const DEFAULT_SECURITY: SecuritySettingsValue = { requireTotpForPrivileged: false };
