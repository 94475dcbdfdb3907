import type { Kysely } from 'kysely';
import { columnTypes } from './_column-types';

/**
 * Evaluations (issue 5): one row per person, track (State: NĐ 335/2025; Party: Quy định 124-QĐ/TW)
 * and period, carrying the self-assessment, the leader's proposal and, once approved, the frozen
 * score and breakdown (kept as history, never edited).
 *
 * The dashboard aggregates tasks of a subtree by due day in one pass; the covering index below
 * holds every column it reads, so the pass never touches the task rows.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('evaluations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('track', 'text', (c) => c.notNull())
    .addColumn('period_key', 'text', (c) => c.notNull())
    .addColumn('period_kind', 'text', (c) => c.notNull())
    .addColumn('period_from', t.date, (c) => c.notNull())
    .addColumn('period_to', t.date, (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('is_manager', t.boolean, (c) => c.notNull())
    .addColumn('quota_group', 'text', (c) => c.notNull())
    .addColumn('self_level', 'text')
    .addColumn('self_text', 'text')
    .addColumn('self_at', t.timestamp)
    .addColumn('general_points', 'real')
    .addColumn('manual_task_percent', 'real')
    // JSON array of { taskId, majorErrors, objectiveErrors, lateObjective }.
    .addColumn('task_adjustments', 'text', (c) => c.notNull())
    .addColumn('proposed_level', 'text')
    .addColumn('proposal_note', 'text')
    .addColumn('proposed_by_user_id', 'text')
    .addColumn('proposed_by_name', 'text')
    .addColumn('proposed_at', t.timestamp)
    // The level and total after every rule, refreshed at each step; final once approved.
    .addColumn('level', 'text')
    .addColumn('total', 'real')
    // JSON of the score and task lines, frozen at approval (null before).
    .addColumn('breakdown', 'text')
    .addColumn('approved_by_user_id', 'text')
    .addColumn('approved_by_name', 'text')
    .addColumn('approved_at', t.timestamp)
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('evaluations_person_period_uq', ['person_id', 'track', 'period_key'])
    .execute();
  await db.schema.createIndex('evaluations_org_period_idx').on('evaluations').columns(['org_id', 'period_key', 'track']).execute();
  await db.schema.createIndex('evaluations_period_idx').on('evaluations').columns(['period_key', 'track', 'org_id']).execute();

  await db.schema
    .createIndex('tasks_dashboard_idx')
    .on('tasks')
    .columns(['lead_org_path', 'due_date', 'status', 'completed_on', 'last_progress_on', 'reminder_count', 'escalated_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('tasks_dashboard_idx').execute();
  await db.schema.dropTable('evaluations').execute();
}
