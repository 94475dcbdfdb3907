import {
  buildCalendar,
  DEFAULT_CALENDAR_CONFIG,
  validateCalendarConfig,
  type Calendar,
  type CalendarConfig,
  type CalendarConfigUpdate,
  type CalendarConfigView,
  type CalendarYear,
} from '@kycuong/domain';
import type { Kysely } from 'kysely';
import type { AppContext } from '../../context';
import { nowIso } from '../../db/dialect';
import type { Database } from '../../db/schema';
import { scopeOf, type Actor } from '../../platform/access';
import { loadSnapshot } from '../../platform/audit';
import { AppError, errors, type FieldError } from '../../platform/errors';
import { SettingsRepository } from '../settings/settings.repository';
import { CalendarRepository, calendarKey } from './calendar.repository';

/**
 * The configuration in force: a year an administrator saved replaces that year's built-in
 * default; other years keep the defaults. A stored year that no longer validates (e.g. after a
 * rule change in the domain package) is skipped rather than breaking every deadline.
 */
export function effectiveCalendarConfig(stored: readonly CalendarConfig[]): CalendarConfig[] {
  const byYear = new Map<number, CalendarConfig>(DEFAULT_CALENDAR_CONFIG.map((c) => [c.year, c]));
  for (const c of stored) if (validateCalendarConfig([c]).length === 0) byYear.set(c.year, c);
  return [...byYear.values()].sort((a, b) => a.year - b.year);
}

// Several instances may edit the calendar: a cached calendar is trusted for FRESH_MS, then a
// one-row fingerprint query decides whether to rebuild. Edits in this process invalidate at once.
let FRESH_MS = 5_000;
interface CacheEntry {
  calendar: Calendar;
  stamp: string;
  checkedAt: number;
  generation: number;
}
const cache = new WeakMap<object, CacheEntry>();
let generation = 0;

/** How long a cached calendar is trusted without the fingerprint query (tests set 0). */
export function setCalendarCacheFreshMs(ms: number): void {
  FRESH_MS = ms;
}

/** Forgets every cached calendar (after a configuration change). */
export function invalidateCalendarCache(): void {
  generation++;
}

/**
 * The working-day calendar in force (built-in defaults plus the administrator's per-year
 * schedules), cached per database handle; at most a few seconds stale after another instance
 * changed the configuration, never stale after a change made through this process.
 */
export async function loadCalendar(db: Kysely<Database>): Promise<Calendar> {
  const hit = cache.get(db);
  const t = Date.now();
  if (hit && hit.generation === generation && t - hit.checkedAt < FRESH_MS) return hit.calendar;
  const repo = new CalendarRepository(db);
  const stamp = await repo.stamp();
  if (hit && hit.generation === generation && hit.stamp === stamp) {
    hit.checkedAt = t;
    return hit.calendar;
  }
  const calendar = buildCalendar(effectiveCalendarConfig(await repo.all()));
  cache.set(db, { calendar, stamp, checkedAt: t, generation });
  return calendar;
}

function toView(
  year: number,
  config: CalendarConfig | undefined,
  stored: { version: number; updatedAt: string } | undefined,
): CalendarConfigView {
  return {
    year,
    tet: config?.tet ? { ...config.tet } : null,
    nationalDayExtra: config?.nationalDayExtra ?? null,
    extraHolidays: [...(config?.extraHolidays ?? [])],
    swappedWorkingDays: [...(config?.swappedWorkingDays ?? [])],
    swappedRestDays: [...(config?.swappedRestDays ?? [])],
    autoCompensation: config?.autoCompensation ?? true,
    source: config?.source ?? null,
    isDefault: !stored,
    version: stored?.version ?? 0,
    updatedAt: stored?.updatedAt ?? null,
  };
}

/** The working-day calendar over HTTP, and its per-year configuration for administrators. */
export class CalendarService {
  constructor(private readonly ctx: AppContext) {}

  /** A year's holidays, compensatory and swapped rest days (not ordinary weekends), and worked weekend days. */
  async year(year: number): Promise<CalendarYear> {
    const cal = await loadCalendar(this.ctx.db);
    return {
      year,
      nonWorkingDays: cal
        .nonWorkingDays(year)
        .filter((d) => d.kind !== 'weekend')
        .map((d) => ({ date: d.date, name: d.name, kind: d.kind as 'holiday' | 'swapped_rest' })),
      swappedWorkingDays: cal.swappedWorkingDays(year),
    };
  }

  async addWorkingDays(actor: Actor, from: string, days: number): Promise<{ date: string }> {
    const cal = await loadCalendar(this.ctx.db);
    try {
      return { date: cal.addWorkingDays(from, days) };
    } catch (err) {
      if (err instanceof RangeError) {
        throw errors.invalidField(
          'days',
          actor.locale === 'en'
            ? 'The result lies outside the supported calendar years'
            : 'Kết quả nằm ngoài phạm vi năm của lịch làm việc',
          'out_of_range',
        );
      }
      throw err;
    }
  }

  private assertAdmin(actor: Actor): void {
    // Only system-wide administrators edit the calendar; to others the feature does not exist.
    if (!scopeOf(actor, 'system.configure').all) throw errors.notFound();
  }

  async getConfig(actor: Actor, year: number): Promise<CalendarConfigView> {
    this.assertAdmin(actor);
    const stored = await new CalendarRepository(this.ctx.db).get(year);
    return toView(year, stored?.config ?? DEFAULT_CALENDAR_CONFIG.find((c) => c.year === year), stored);
  }

  async putConfig(actor: Actor, year: number, input: CalendarConfigUpdate): Promise<CalendarConfigView> {
    this.assertAdmin(actor);
    const config: CalendarConfig = {
      year,
      ...(input.tet ? { tet: input.tet } : {}),
      ...(input.nationalDayExtra ? { nationalDayExtra: input.nationalDayExtra } : {}),
      extraHolidays: input.extraHolidays,
      swappedWorkingDays: input.swappedWorkingDays,
      swappedRestDays: input.swappedRestDays,
      autoCompensation: input.autoCompensation,
      ...(input.source ? { source: input.source } : {}),
    };
    // Validate each part alone so every problem names its field.
    const parts: [string, Partial<CalendarConfig>][] = [
      ['tet', { tet: config.tet }],
      ['nationalDayExtra', { nationalDayExtra: config.nationalDayExtra }],
      ['extraHolidays', { extraHolidays: config.extraHolidays }],
      ['swappedWorkingDays', { swappedWorkingDays: config.swappedWorkingDays }],
      ['swappedRestDays', { swappedRestDays: config.swappedRestDays }],
    ];
    const fields: FieldError[] = [];
    for (const [path, part] of parts) {
      for (const message of validateCalendarConfig([{ year, ...part }])) fields.push({ path, message, code: 'invalid' });
    }
    if (fields.length) throw new AppError('validation_failed', 400, {}, fields);
    const stored = await new CalendarRepository(this.ctx.db).all();
    try {
      // The whole calendar must still build and answer for the year and its neighbours.
      const cal = buildCalendar(effectiveCalendarConfig([...stored.filter((c) => c.year !== year), config]));
      for (const y of [year - 1, year, year + 1]) cal.nonWorkingDays(y);
    } catch (err) {
      if (err instanceof RangeError) throw errors.invalidField('year', err.message);
      throw err;
    }
    const key = calendarKey(year);
    await this.ctx.db.transaction().execute(async (trx) => {
      const before = await loadSnapshot(trx, 'setting', key);
      if (!(await new SettingsRepository(trx).put(key, config, input.version, nowIso()))) throw errors.versionConflict();
      await this.ctx.audit.record(trx, {
        actorUserId: actor.userId,
        action: 'calendar.config',
        entityType: 'setting',
        entityId: key,
        before,
      });
    });
    invalidateCalendarCache();
    return this.getConfig(actor, year);
  }
}
