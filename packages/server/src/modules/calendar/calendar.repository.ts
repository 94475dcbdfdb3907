import type { CalendarConfig } from '@kycuong/domain';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/** Settings key of a year's announced schedule. */
export const calendarKey = (year: number) => `calendar:${year}`;

export interface StoredCalendarConfig {
  config: CalendarConfig;
  version: number;
  updatedAt: string;
}

/** The admin-edited holiday schedules, one settings row per year (`calendar:<year>`). */
export class CalendarRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async all(): Promise<CalendarConfig[]> {
    const rows = await this.db.selectFrom('settings').select(['key', 'value']).where('key', 'like', 'calendar:%').orderBy('key').execute();
    return rows.map((r) => JSON.parse(r.value) as CalendarConfig);
  }

  async get(year: number): Promise<StoredCalendarConfig | undefined> {
    const row = await this.db.selectFrom('settings').selectAll().where('key', '=', calendarKey(year)).executeTakeFirst();
    return row ? { config: JSON.parse(row.value) as CalendarConfig, version: row.version, updatedAt: row.updated_at } : undefined;
  }

  /** A cheap fingerprint of every stored schedule: changes whenever one is written. */
  async stamp(): Promise<string> {
    const r = await this.db
      .selectFrom('settings')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('version').as('v'), eb.fn.max('updated_at').as('at')])
      .where('key', 'like', 'calendar:%')
      .executeTakeFirstOrThrow();
    return `${Number(r.n)}:${Number(r.v ?? 0)}:${String(r.at ?? '')}`;
  }
}
