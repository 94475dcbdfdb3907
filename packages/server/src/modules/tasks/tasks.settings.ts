/**
 * Settings of task follow-up (reminders, escalation) and of shirking signals, stored as JSON in
 * the `settings` table and merged over the defaults (a key added later gets its default).
 */
import { DEFAULT_SIGNAL_THRESHOLDS, type SignalThresholds, type TaskSettings } from '@kycuong/domain';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { SettingsRepository } from '../settings/settings.repository';

export const TASK_SETTINGS_KEY = 'tasks.follow_up';
export const SIGNAL_THRESHOLDS_KEY = 'signals.thresholds';

export type TaskSettingsValue = Omit<TaskSettings, 'version'>;

export const DEFAULT_TASK_SETTINGS: Readonly<TaskSettingsValue> = {
  reminderBeforeDays: 2,
  reminderOnDueDay: true,
  overdueReminderEveryDays: 2,
  // DOMAIN §6: Hanoi escalates tasks overdue after more than 3 reminders.
  escalateAfterReminders: 3,
  escalateTo: 'assigner_parent_head',
};

export async function loadTaskSettings(db: Kysely<Database>): Promise<{ value: TaskSettingsValue; version: number }> {
  const s = await new SettingsRepository(db).get<Partial<TaskSettingsValue>>(TASK_SETTINGS_KEY, {});
  return { value: { ...DEFAULT_TASK_SETTINGS, ...s.value }, version: s.version };
}

export async function loadSignalThresholds(db: Kysely<Database>): Promise<{ value: SignalThresholds; version: number }> {
  const s = await new SettingsRepository(db).get<Partial<SignalThresholds>>(SIGNAL_THRESHOLDS_KEY, {});
  return { value: { ...DEFAULT_SIGNAL_THRESHOLDS, ...s.value }, version: s.version };
}
