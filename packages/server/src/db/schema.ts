/**
 * Kysely table types. Timestamps are ISO-8601 UTC strings and dates `YYYY-MM-DD` on both
 * databases (the dialect module makes PostgreSQL answer strings); booleans are `boolean` in
 * writes and `boolean | number` in reads (SQLite answers 1/0) — read them through `bool()`.
 */
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export type DbBool = boolean | number;

export interface OrgsTable {
  id: string;
  parent_id: string | null;
  path: string;
  depth: number;
  kind: string;
  code: string;
  name: string;
  short_name: string | null;
  sort_order: number;
  active: DbBool;
  search_text: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface PeopleTable {
  id: string;
  full_name: string;
  sort_key: string;
  search_text: string;
  email: string | null;
  phone: string | null;
  position: string | null;
  birth_date: string | null;
  gender: string | null;
  categories: string;
  active: DbBool;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface PersonCategoriesTable {
  person_id: string;
  category: string;
}

export interface MembershipsTable {
  id: string;
  person_id: string;
  org_id: string;
  title: string | null;
  is_head: DbBool;
  is_deputy: DbBool;
  is_primary: DbBool;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface UsersTable {
  id: string;
  person_id: string | null;
  username: string;
  password_hash: string;
  totp_secret: string | null;
  totp_enabled: DbBool;
  failed_logins: number;
  locked_until: string | null;
  must_change_password: DbBool;
  locale: string;
  active: DbBool;
  is_demo: DbBool;
  last_login_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface RoleGrantsTable {
  id: string;
  user_id: string;
  role: string;
  org_id: string | null;
  created_at: string;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
  user_agent: string | null;
}

export interface AuditLogTable {
  id: string;
  seq: number;
  at: string;
  actor_user_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  org_id: string | null;
  before: string | null;
  after: string | null;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface SettingsTable {
  key: string;
  value: string;
  version: number;
  updated_at: string;
}

export interface JobsTable {
  id: string;
  type: string;
  /** JSON text. */
  payload: string;
  run_at: string;
  status: 'queued' | 'running' | 'done' | 'failed' | 'dead';
  attempts: number;
  max_attempts: number;
  last_error: string | null;
  locked_by: string | null;
  locked_until: string | null;
  dedupe_key: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

export interface MailOutboxTable {
  id: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  status: 'queued' | 'sending' | 'sent' | 'failed';
  attempts: number;
  next_attempt_at: string | null;
  locked_until: string | null;
  last_error: string | null;
  message_id: string | null;
  sent_at: string | null;
  dedupe_key: string | null;
  created_at: string;
}

export interface NotificationsTable {
  id: string;
  person_id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  entity_type: string | null;
  entity_id: string | null;
  dedupe_key: string | null;
  created_at: string;
  read_at: string | null;
}

export interface NotificationPreferencesTable {
  user_id: string;
  email_enabled: DbBool;
  digest_enabled: DbBool;
  /** JSON object kind → boolean. */
  email_by_kind: string;
  version: number;
  updated_at: string;
}

export interface CataloguesTable {
  id: string;
  document_id: string;
  title: string;
  is_sample: DbBool;
  current_version: number;
  created_at: string;
  updated_at: string;
}

export interface CatalogueVersionsTable {
  id: string;
  catalogue_id: string;
  version: number;
  title: string;
  note: string | null;
  content_hash: string;
  created_by: string | null;
  created_at: string;
}

export interface CatalogueGroupsTable {
  id: string;
  catalogue_version_id: string;
  code: string;
  title: string;
  sort_order: number;
}

export interface CatalogueItemsTable {
  id: string;
  catalogue_version_id: string;
  group_code: string;
  code: string;
  title: string;
  sort_order: number;
}

export interface CasesTable {
  id: string;
  org_id: string;
  subject_kind: string;
  subject_person_id: string | null;
  title: string;
  description: string | null;
  source: string;
  source_detail: string | null;
  status: string;
  received_date: string;
  violation_date: string | null;
  outcome: string | null;
  severity: string | null;
  concluded_date: string | null;
  closed_date: string | null;
  deadline_extended: DbBool;
  explanation_requested_date: string | null;
  explanation_due_date: string | null;
  explanation_note: string | null;
  explanation_text: string | null;
  explanation_submitted_at: string | null;
  signal_evidence: string | null;
  published: DbBool;
  publish_fields: string;
  publish_summary: string | null;
  published_at: string | null;
  created_by: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface CaseItemsTable {
  id: string;
  case_id: string;
  item_id: string;
  catalogue_id: string;
  catalogue_version: number;
  item_code: string;
  group_code: string;
}

export interface CaseStepsTable {
  id: string;
  case_id: string;
  kind: string;
  step_date: string;
  decision_maker: string | null;
  decision_maker_person_id: string | null;
  documents: string;
  note: string | null;
  actor_user_id: string | null;
  created_at: string;
}

export interface CaseMembersTable {
  id: string;
  case_id: string;
  person_id: string;
  added_by: string | null;
  created_at: string;
}

export interface CaseTasksTable {
  id: string;
  case_id: string;
  task_id: string;
  created_at: string;
}

export interface DisciplineRecordsTable {
  id: string;
  case_id: string | null;
  subject_person_id: string | null;
  subject_org_id: string | null;
  track: string;
  category: string;
  regime_id: string;
  form: string;
  rank: number;
  severity: string;
  decision_date: string;
  decision_number: string | null;
  effective_until: string | null;
  created_by: string | null;
  created_at: string;
}

export interface CampaignsTable {
  id: string;
  org_id: string;
  participant_org_id: string;
  kind: string;
  title: string;
  search_text: string;
  purpose: string;
  beneficiary: string;
  start_date: string;
  end_date: string | null;
  target_amount: number | null;
  target_participants: number | null;
  suggested_amount: number | null;
  /** JSON object: person category → suggested amount. */
  suggested_by_category: string;
  bank_account: string | null;
  collection_points: string | null;
  public_show_names: DbBool;
  status: string;
  receipt_seq: number;
  created_by: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface CampaignEntriesTable {
  id: string;
  campaign_id: string;
  person_id: string;
  org_id: string;
  kind: string;
  amount: number;
  method: string | null;
  reference: string | null;
  entry_date: string;
  collected_by: string | null;
  reverses_entry_id: string | null;
  reason: string | null;
  receipt_no: number | null;
  confirmed_at: string | null;
  created_at: string;
}

export interface CampaignHandoversTable {
  id: string;
  campaign_id: string;
  amount: number;
  handover_date: string;
  recipient: string;
  note: string | null;
  created_by: string | null;
  created_at: string;
}

export interface CampaignHandoverFilesTable {
  id: string;
  handover_id: string;
  sha256: string;
  name: string;
  mime_type: string;
  size: number;
  created_by: string | null;
  created_at: string;
}

// ---- Documents and tasks (issue 3) ----

export interface FilesTable {
  id: string;
  sha256: string;
  name: string;
  mime_type: string;
  size: number;
  uploaded_by_user_id: string | null;
  created_at: string;
}

export interface DocumentsTable {
  id: string;
  style: string;
  type: string;
  type_code: string | null;
  issuer_code: string | null;
  number_text: string | null;
  number_seq: number | null;
  number_year: number | null;
  number_period: string | null;
  issuing_org_id: string;
  issued_on: string | null;
  title: string;
  summary: string | null;
  signer: string | null;
  status: string;
  implements_id: string | null;
  search_text: string;
  created_by_user_id: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface DocumentFilesTable {
  document_id: string;
  file_id: string;
  position: number;
}

export interface DocumentTaskGroupsTable {
  id: string;
  document_id: string;
  position: number;
  code: string;
  title: string;
  note: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface DocumentRecipientsTable {
  id: string;
  document_id: string;
  org_id: string;
  issued_on: string;
  response_kind: string;
  response_due: string;
  task_id: string | null;
  created_at: string;
}

export interface TasksTable {
  id: string;
  parent_id: string | null;
  source: string;
  document_id: string | null;
  group_id: string | null;
  title: string;
  description: string | null;
  search_text: string;
  assigner_org_id: string;
  assigner_person_id: string | null;
  created_by_user_id: string | null;
  lead_org_id: string;
  lead_person_id: string | null;
  /** Copy of the lead org's path (kept by a trigger on org moves) for subtree lists. */
  lead_org_path: string;
  lead_since_on: string;
  status: string;
  priority: string;
  weight: number;
  quality_accepted: DbBool | null;
  assigned_on: string;
  assigned_at: string;
  accepted_at: string | null;
  original_deadline: string | null;
  deadline: string | null;
  due_date: string | null;
  delay_count: number;
  progress_percent: number;
  last_progress_on: string;
  completion_reported_at: string | null;
  completion_reported_on: string | null;
  completed_at: string | null;
  completed_on: string | null;
  ext_new_deadline: string | null;
  ext_reason: string | null;
  ext_requested_at: string | null;
  ext_requested_by: string | null;
  reminder_count: number;
  last_reminded_at: string | null;
  escalated_to_person_id: string | null;
  escalated_to_org_id: string | null;
  escalated_at: string | null;
  cancelled_at: string | null;
  recurrence: string;
  series_id: string | null;
  series_index: number | null;
  recurrence_until: string | null;
  period_label: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface TaskParticipantsTable {
  id: string;
  task_id: string;
  role: string;
  org_id: string;
  person_id: string | null;
  part: string | null;
  position: number;
}

export interface TaskEventsTable {
  id: string;
  task_id: string;
  seq: number;
  type: string;
  at: string;
  on_date: string;
  actor_user_id: string | null;
  actor_person_id: string | null;
  actor_name: string | null;
  reason: string | null;
  /** JSON of the event's data (domain TaskEventDataMap). */
  data: string;
}

export interface TaskEventFilesTable {
  event_id: string;
  task_id: string;
  file_id: string;
}

export interface TaskSignalsTable {
  id: string;
  task_id: string;
  code: string;
  severity: string;
  org_id: string | null;
  person_id: string | null;
  subject: string;
  detected_on: string;
  explanation: string;
  /** JSON array of { eventId, on, type }. */
  evidence: string;
}

/** Subtree counters of tasks by due month, kept by triggers (migration 091): one row per org and month. */
export interface TaskRollupTable {
  org_path: string;
  month: string;
  total: number;
  done_on_time: number;
  done_late: number;
  reminders: number;
  reminded: number;
  escalated: number;
}

/** Subtree counts of tasks carrying a shirking signal, by due month and signal code (migration 091). */
export interface TaskSignalRollupTable {
  org_path: string;
  month: string;
  code: string;
  tasks: number;
}

/** Dissemination coverage counters per document and org subtree, kept by triggers (migration 092). */
export interface DisseminationRollupTable {
  document_id: string;
  org_path: string;
  expected: number;
  attended: number;
  acknowledged: number;
}

export interface TaskRemindersTable {
  task_id: string;
  kind: string;
  on_date: string;
  created_at: string;
}

// ---- Dissemination (issue 4) ----

export interface ConferencesTable {
  id: string;
  document_id: string;
  org_id: string;
  title: string;
  held_on: string;
  start_time: string | null;
  place: string | null;
  online_link: string | null;
  chair: string | null;
  format: string;
  /** JSON array of person categories. */
  categories: string;
  catch_up_days: number;
  /** JSON quiz with the right answers, or null. */
  quiz: string | null;
  minutes: string | null;
  status: string;
  closed_at: string | null;
  created_by_user_id: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface ConferenceFilesTable {
  conference_id: string;
  file_id: string;
  kind: string;
  position: number;
}

export interface DisseminationExpectedTable {
  id: string;
  conference_id: string;
  document_id: string;
  person_id: string;
  org_id: string;
  /** Copy of the org's path (kept by a trigger on org moves) for coverage by path range. */
  org_path: string;
  attended_at: string | null;
  checkin_method: string | null;
  checked_in_by_user_id: string | null;
  acknowledged_at: string | null;
  ack_method: string | null;
  catch_up_task_id: string | null;
  added_manually: DbBool;
  /** One row per document and person is counted in coverage (the others are further conferences). */
  counted: DbBool;
  /** When the person attended any conference of the document (same on all their rows of it). */
  doc_attended_at: string | null;
  created_at: string;
}

export interface DisseminationQuizAttemptsTable {
  id: string;
  conference_id: string;
  person_id: string;
  answers: string;
  correct: number;
  total: number;
  passed: DbBool;
  created_at: string;
}

// ---- Evaluation (issue 5) ----

export interface EvaluationsTable {
  id: string;
  person_id: string;
  org_id: string;
  track: string;
  period_key: string;
  period_kind: string;
  period_from: string;
  period_to: string;
  year: number;
  status: string;
  is_manager: DbBool;
  quota_group: string;
  self_level: string | null;
  self_text: string | null;
  self_at: string | null;
  general_points: number | null;
  manual_task_percent: number | null;
  /** JSON array of task adjustments (major errors, objective causes). */
  task_adjustments: string;
  proposed_level: string | null;
  proposal_note: string | null;
  proposed_by_user_id: string | null;
  proposed_by_name: string | null;
  proposed_at: string | null;
  level: string | null;
  total: number | null;
  /** JSON breakdown frozen at approval. */
  breakdown: string | null;
  approved_by_user_id: string | null;
  approved_by_name: string | null;
  approved_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

// ---- Official reports (issue 5) ----

export interface ReportsTable {
  id: string;
  kind: string;
  format: string;
  org_id: string;
  period_from: string;
  period_to: string;
  period_label: string;
  title: string;
  /** JSON: sections as edited, number, issuer code, place, signer, recipients, includeCases. */
  input: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  progress: number;
  error: string | null;
  job_id: string | null;
  docx_sha256: string | null;
  docx_size: number | null;
  pdf_sha256: string | null;
  pdf_size: number | null;
  xlsx_sha256: string | null;
  xlsx_size: number | null;
  created_by_user_id: string | null;
  created_by_name: string | null;
  created_at: string;
  finished_at: string | null;
  version: number;
  updated_at: string;
}

export interface Database {
  orgs: OrgsTable;
  people: PeopleTable;
  person_categories: PersonCategoriesTable;
  memberships: MembershipsTable;
  users: UsersTable;
  role_grants: RoleGrantsTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  settings: SettingsTable;
  campaigns: CampaignsTable;
  campaign_entries: CampaignEntriesTable;
  campaign_handovers: CampaignHandoversTable;
  campaign_handover_files: CampaignHandoverFilesTable;
  catalogues: CataloguesTable;
  catalogue_versions: CatalogueVersionsTable;
  catalogue_groups: CatalogueGroupsTable;
  catalogue_items: CatalogueItemsTable;
  cases: CasesTable;
  case_items: CaseItemsTable;
  case_steps: CaseStepsTable;
  case_members: CaseMembersTable;
  case_tasks: CaseTasksTable;
  discipline_records: DisciplineRecordsTable;
  jobs: JobsTable;
  mail_outbox: MailOutboxTable;
  notifications: NotificationsTable;
  notification_preferences: NotificationPreferencesTable;
  files: FilesTable;
  documents: DocumentsTable;
  document_files: DocumentFilesTable;
  document_task_groups: DocumentTaskGroupsTable;
  document_recipients: DocumentRecipientsTable;
  tasks: TasksTable;
  task_participants: TaskParticipantsTable;
  task_events: TaskEventsTable;
  task_event_files: TaskEventFilesTable;
  task_signals: TaskSignalsTable;
  task_rollup: TaskRollupTable;
  task_signal_rollup: TaskSignalRollupTable;
  dissemination_rollup: DisseminationRollupTable;
  task_reminders: TaskRemindersTable;
  reports: ReportsTable;
  evaluations: EvaluationsTable;
  conferences: ConferencesTable;
  conference_files: ConferenceFilesTable;
  dissemination_expected: DisseminationExpectedTable;
  dissemination_quiz_attempts: DisseminationQuizAttemptsTable;
}

export type OrgRow = Selectable<OrgsTable>;
export type PersonRow = Selectable<PeopleTable>;
export type MembershipRow = Selectable<MembershipsTable>;
export type UserRow = Selectable<UsersTable>;
export type NewOrg = Insertable<OrgsTable>;
export type OrgPatch = Updateable<OrgsTable>;
// Generated is re-exported for modules that add tables with database defaults.
export type { Generated };
