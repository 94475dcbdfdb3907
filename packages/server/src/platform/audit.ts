/**
 * Append-only audit log with a hash chain. Every change writes one record in the same transaction
 * as the change; the record's hash covers its content and the previous hash, and the chain head
 * is a locked row so concurrent writers on PostgreSQL stay linear. `verifyAudit` recomputes the
 * chain and compares each audited table with the last snapshot the log holds for each row, so a
 * row altered, deleted or inserted directly in the database is detected.
 */
import crypto from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import { forUpdate, nowIso } from '../db/dialect';
import type { Database } from '../db/schema';
import { SYSTEM_USER_ID } from './access';
import { newId } from './ids';

type Row = Record<string, unknown>;

/** How an audited entity maps to its table, and which columns its snapshot leaves out. */
interface AuditedEntity {
  table: keyof Database;
  /** Columns that change without being an audited change (login counters) or are secret. */
  omit?: readonly string[];
  /** Secret columns kept as a fingerprint so a direct edit is still detected. */
  fingerprint?: readonly string[];
  booleans: readonly string[];
  /** Key columns when the table has no `id` column. */
  key?: string;
}

const REGISTRY: Record<string, AuditedEntity> = {
  org: { table: 'orgs', booleans: ['active'] },
  person: { table: 'people', booleans: ['active'] },
  membership: { table: 'memberships', booleans: ['is_head', 'is_deputy', 'is_primary'] },
  user: {
    table: 'users',
    omit: ['failed_logins', 'locked_until', 'last_login_at', 'locale'],
    fingerprint: ['password_hash', 'totp_secret'],
    booleans: ['totp_enabled', 'must_change_password', 'active', 'is_demo'],
  },
  role_grant: { table: 'role_grants', booleans: [] },
  setting: { table: 'settings', booleans: [], key: 'key' },
};

/** Lets a capability module put its own tables under audit (call at module load). */
export function registerAuditedEntity(entityType: string, entity: AuditedEntity): void {
  REGISTRY[entityType] = entity;
}

export function auditedEntityTypes(): string[] {
  return Object.keys(REGISTRY);
}

function entityOf(entityType: string): AuditedEntity {
  const e = REGISTRY[entityType];
  if (!e) throw new Error(`Entity type ${entityType} is not registered for audit`);
  return e;
}

/** The canonical snapshot of a row: sorted keys, booleans as booleans, secrets fingerprinted. */
export function snapshot(entityType: string, row: Row | undefined | null): Row | null {
  if (!row) return null;
  const e = entityOf(entityType);
  const out: Row = {};
  for (const key of Object.keys(row).sort()) {
    if (e.omit?.includes(key)) continue;
    let v = row[key];
    if (e.booleans.includes(key)) v = v === true || v === 1;
    if (e.fingerprint?.includes(key) && v != null) {
      v =
        'sha256:' +
        crypto
          .createHash('sha256')
          .update(typeof v === 'string' ? v : JSON.stringify(v))
          .digest('hex')
          .slice(0, 16);
    }
    out[key] = v ?? null;
  }
  return out;
}

/** Reads the current snapshot of an audited row. */
export async function loadSnapshot(db: Kysely<Database>, entityType: string, entityId: string): Promise<Row | null> {
  const e = entityOf(entityType);
  const row = await db
    .selectFrom(e.table as 'orgs')
    .selectAll()
    .where(sql.ref(e.key ?? 'id'), '=', entityId)
    .executeTakeFirst();
  return snapshot(entityType, row);
}

export interface AuditInput {
  actorUserId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  orgId?: string | null;
  before: Row | null;
}

function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, val: unknown) =>
    val && typeof val === 'object' && !Array.isArray(val)
      ? Object.fromEntries(Object.entries(val as Row).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : val,
  );
}

function chainHash(key: string | undefined, prevHash: string, record: Row): string {
  const data = prevHash + '\n' + canonical(record);
  return key ? crypto.createHmac('sha256', key).update(data).digest('hex') : crypto.createHash('sha256').update(data).digest('hex');
}

function hashedContent(r: {
  seq: number;
  at: string;
  actor_user_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  org_id: string | null;
  before: string | null;
  after: string | null;
}): Row {
  return {
    seq: Number(r.seq),
    at: r.at,
    actor: r.actor_user_id,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    orgId: r.org_id,
    before: r.before,
    after: r.after,
  };
}

/** The audit writer of one server: carries the optional HMAC key. */
export class AuditLog {
  constructor(private readonly hmacKey: string | undefined) {}

  /**
   * Appends one record; call inside the transaction of the change, after the change, with the
   * snapshot taken before it (`loadSnapshot`). The after-snapshot is read here.
   */
  async record(trx: Transaction<Database>, input: AuditInput): Promise<void> {
    const after = await loadSnapshot(trx, input.entityType, input.entityId);
    const head = await forUpdate(trx, trx.selectFrom('audit_head').selectAll().where('id', '=', 1)).executeTakeFirstOrThrow();
    const row = {
      id: newId(),
      seq: Number(head.seq) + 1,
      at: nowIso(),
      actor_user_id: input.actorUserId === SYSTEM_USER_ID ? null : input.actorUserId,
      action: input.action,
      entity_type: input.entityType,
      entity_id: input.entityId,
      org_id: input.orgId ?? null,
      before: input.before ? canonical(input.before) : null,
      after: after ? canonical(after) : null,
      prev_hash: head.hash,
    };
    const hash = chainHash(this.hmacKey, head.hash, hashedContent(row));
    await trx
      .insertInto('audit_log')
      .values({ ...row, hash })
      .execute();
    await trx.updateTable('audit_head').set({ seq: row.seq, hash }).where('id', '=', 1).execute();
  }

  /** Checks the chain and every audited table; returns the problems found (empty when intact). */
  async verify(db: Kysely<Database>, onProgress?: (n: number) => void): Promise<string[]> {
    const problems: string[] = [];
    let prev = '0'.repeat(64);
    let expectedSeq = 1;
    const lastAfter = new Map<string, string | null>();
    const batch = 5000;
    for (let from = 0; ; from += batch) {
      const rows = await db
        .selectFrom('audit_log')
        .selectAll()
        .where('seq', '>', from)
        .where('seq', '<=', from + batch)
        .orderBy('seq')
        .execute();
      if (rows.length === 0) {
        const more = await db.selectFrom('audit_log').select('seq').where('seq', '>', from).limit(1).executeTakeFirst();
        if (!more) break;
        problems.push(`audit_log: records ${from + 1}…${from + batch} are missing`);
        continue;
      }
      for (const r of rows) {
        const seq = Number(r.seq);
        if (seq !== expectedSeq) problems.push(`audit_log: record #${expectedSeq} is missing (next is #${seq})`);
        if (r.prev_hash !== prev) problems.push(`audit_log #${seq}: previous-hash link broken`);
        const h = chainHash(this.hmacKey, r.prev_hash, hashedContent(r));
        if (h !== r.hash) problems.push(`audit_log #${seq}: content does not match its hash (altered or forged)`);
        prev = r.hash;
        expectedSeq = seq + 1;
        lastAfter.set(`${r.entity_type}:${r.entity_id}`, r.after);
      }
      onProgress?.(expectedSeq - 1);
    }
    const head = await db.selectFrom('audit_head').selectAll().where('id', '=', 1).executeTakeFirst();
    if (!head || Number(head.seq) !== expectedSeq - 1 || head.hash !== prev) {
      problems.push('audit_head: does not match the last record (records removed from the end?)');
    }
    for (const [entityType, e] of Object.entries(REGISTRY)) {
      const keyCol = e.key ?? 'id';
      const seen = new Set<string>();
      let last: string | null = null;
      for (;;) {
        let q = db
          .selectFrom(e.table as 'orgs')
          .selectAll()
          .orderBy(sql.ref(keyCol))
          .limit(batch);
        if (last !== null) q = q.where(sql.ref(keyCol), '>', last);
        const rows = (await q.execute()) as Row[];
        if (rows.length === 0) break;
        for (const row of rows) {
          const id = String(row[keyCol]);
          seen.add(id);
          const logged = lastAfter.get(`${entityType}:${id}`);
          if (logged === undefined) problems.push(`${e.table} ${id}: row has no audit record (inserted directly)`);
          else if (logged !== canonical(snapshot(entityType, row)))
            problems.push(`${e.table} ${id}: row differs from its last audit record (edited directly)`);
        }
        last = String(rows[rows.length - 1]![keyCol]);
      }
      for (const [k, after] of lastAfter) {
        const [type, id] = [k.slice(0, k.indexOf(':')), k.slice(k.indexOf(':') + 1)];
        if (type === entityType && after !== null && !seen.has(id))
          problems.push(`${e.table} ${id}: row was deleted without an audit record`);
      }
    }
    return problems;
  }
}
