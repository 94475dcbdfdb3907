import type { Kysely } from 'kysely';
import type { Config } from './config';
import type { DbHandle, DialectName } from './db/dialect';
import type { Database } from './db/schema';
import type { AuditLog } from './platform/audit';

/** What every service receives: the database, the audit writer and the configuration. */
export interface AppContext {
  db: Kysely<Database>;
  dialect: DialectName;
  handle: DbHandle;
  audit: AuditLog;
  config: Config;
}
