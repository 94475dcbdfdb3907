/**
 * Integration-test harness: a fresh database per test file (in-memory SQLite, or a new database
 * on the test PostgreSQL), migrated, with the app built on it and small factories that create
 * missing parents. TEST_DB chooses the dialect; both run in `npm test`.
 */
import crypto from 'node:crypto';
import type { Role } from '@kycuong/domain';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import { expect, inject } from 'vitest';
import { buildApp } from '../../src/app';
import { loadConfig, type Config } from '../../src/config';
import { openDatabase, type DbHandle } from '../../src/db/dialect';
import { migrateToLatest } from '../../src/db/migrate';
import type { AppContext } from '../../src/context';
import { AuditLog } from '../../src/platform/audit';
import { systemActor } from '../../src/platform/access';
import { OrgService } from '../../src/modules/orgs/orgs.service';
import { PeopleService } from '../../src/modules/people/people.service';
import { UserService } from '../../src/modules/users/users.service';
import type { OrgKind, PersonCategory } from '@kycuong/domain';

export const dialectName = process.env.TEST_DB === 'postgres' ? 'postgres' : 'sqlite';
export const PASSWORD = 'Mat-khau-2023';

async function openTestDatabase(): Promise<{ handle: DbHandle; drop: () => Promise<void> }> {
  if (dialectName === 'sqlite') {
    const handle = openDatabase({ sqliteFile: ':memory:' });
    return { handle, drop: async () => {} };
  }
  const base = inject('pgUrl');
  const name = `kc_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const handle = openDatabase({ databaseUrl: url.toString(), pgPoolSize: 5 });
  return {
    handle,
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** The error body every endpoint answers with (`{ error: { code, message, fields? } }`). */
export interface ErrorBody {
  error: { code: string; message: string; fields?: { path: string; message: string; code: string }[]; requestId?: string };
}

/** The `error` of an answer. */
export function errorOf(res: LightMyRequestResponse): ErrorBody['error'] {
  return res.json<ErrorBody>().error;
}

/** The field paths a 400 names. */
export function fieldPaths(res: LightMyRequestResponse): string[] {
  return (errorOf(res).fields ?? []).map((f) => f.path);
}

export interface TestUser {
  id: string;
  username: string;
  personId: string | null;
}

/** A signed-in HTTP client: carries the session cookie and the CSRF token. */
export class Agent {
  constructor(
    private readonly app: FastifyInstance,
    readonly cookie: string,
    readonly csrf: string,
  ) {}

  request(opts: InjectOptions) {
    return this.app.inject({
      ...opts,
      headers: { cookie: this.cookie, 'x-csrf-token': this.csrf, ...(opts.headers ?? {}) },
    });
  }
  get(url: string) {
    return this.request({ method: 'GET', url });
  }
  post(url: string, payload?: unknown) {
    return this.request({ method: 'POST', url, payload: payload as InjectOptions['payload'] });
  }
  patch(url: string, payload?: unknown) {
    return this.request({ method: 'PATCH', url, payload: payload as InjectOptions['payload'] });
  }
  put(url: string, payload?: unknown) {
    return this.request({ method: 'PUT', url, payload: payload as InjectOptions['payload'] });
  }
  delete(url: string) {
    return this.request({ method: 'DELETE', url });
  }
}

/** An issued plan (kế hoạch) of an org with the next proposed number, created through the API; answers its id. */
export async function issuePlan(agent: Agent, issuingOrgId: string, title: string, issuedOn = '2026-01-10'): Promise<string> {
  const res = await agent.post('/api/v1/documents', {
    type: 'ke_hoach',
    issuingOrgId,
    autoNumber: true,
    issuedOn,
    status: 'issued',
    title,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ id: string }>().id;
}

export interface TestContext {
  app: FastifyInstance;
  handle: DbHandle;
  ctx: AppContext;
  config: Config;
  newOrg(opts?: {
    parent?: { id: string } | null;
    kind?: OrgKind;
    name?: string;
    code?: string;
  }): Promise<{ id: string; path: string; name: string; code: string }>;
  newPerson(opts?: {
    org?: { id: string };
    fullName?: string;
    categories?: PersonCategory[];
    isHead?: boolean;
    email?: string;
  }): Promise<{ id: string; fullName: string; orgId: string }>;
  newUser(opts?: {
    person?: { id: string } | null;
    org?: { id: string };
    roles?: { role: Exclude<Role, 'member'>; org: { id: string } | null }[];
    username?: string;
  }): Promise<TestUser>;
  login(user: TestUser | string, password?: string): Promise<Agent>;
  anon(): Agent;
  /**
   * A digest of every table's content (sessions and migration bookkeeping left out), keyed by table:
   * compare two of them to prove a request wrote nothing, and to name the table it did write.
   */
  fingerprint(): Promise<Record<string, string>>;
  /** Number of rows of a table. */
  count(table: string): Promise<number>;
  close(): Promise<void>;
}

let seq = 0;
const uniq = () => `${Date.now().toString(36)}${(seq++).toString(36)}`;

// Each sign-in of the harness comes from its own address, so the per-IP login rate limit never
// trips a test file that signs in many users (tests of the limit itself choose their address).
let ipSeq = 0;
/** A fresh client address for `inject({ remoteAddress })`. */
export function nextTestIp(): string {
  ipSeq++;
  return `10.${(ipSeq >> 16) & 255}.${(ipSeq >> 8) & 255}.${ipSeq & 255}`;
}

// Tables whose changes are not data changes: sessions move on every sign-in.
const UNFINGERPRINTED = new Set(['sessions', 'kysely_migration', 'kysely_migration_lock']);

/** Builds the app on a fresh database; call in `beforeAll`, close in `afterAll`. */
export async function createTestContext(env: Record<string, string> = {}): Promise<TestContext> {
  const { handle, drop } = await openTestDatabase();
  await migrateToLatest(handle.db);
  const config = loadConfig({ KYCUONG_DEMO: '0', LOG_LEVEL: 'silent', LOGIN_MAX_FAILURES: '5', ...env });
  const app = await buildApp({ config, handle, logger: false });
  await app.ready();
  const ctx: AppContext = { db: handle.db, dialect: handle.dialect, handle, audit: new AuditLog(config.auditHmacKey), config };
  const orgs = new OrgService(ctx);
  const people = new PeopleService(ctx);
  const users = new UserService(ctx);
  const sys = systemActor();
  let root: { id: string; path: string; name: string; code: string } | undefined;

  const t: TestContext = {
    app,
    handle,
    ctx,
    config,
    async newOrg(opts = {}) {
      let parentId: string | null = null;
      if (opts.parent === undefined) {
        root ??= await t.newOrg({ parent: null, kind: 'thanh_uy', name: 'Thành ủy Hà Nội (kiểm thử)' });
        parentId = root.id;
      } else parentId = opts.parent?.id ?? null;
      const code = opts.code ?? `T${uniq()}`.toUpperCase();
      const org = await orgs.create(sys, { parentId, kind: opts.kind ?? 'phong', code, name: opts.name ?? `Đơn vị ${code}`, sortOrder: 0 });
      const path = await orgs.pathFor(sys, 'org.read', org.id);
      return { id: org.id, path, name: org.name, code };
    },
    async newPerson(opts = {}) {
      const org = opts.org ?? (await t.newOrg());
      const p = await people.create(sys, {
        fullName: opts.fullName ?? `Nguyễn Văn ${uniq()}`,
        email: opts.email ?? null,
        categories: opts.categories ?? ['civil_servant'],
        membership: { orgId: org.id, isHead: opts.isHead ?? false, isDeputy: false, isPrimary: true },
      });
      return { id: p.id, fullName: p.fullName, orgId: org.id };
    },
    async newUser(opts = {}) {
      const person = opts.person === undefined ? await t.newPerson(opts.org ? { org: opts.org } : {}) : opts.person;
      const username = opts.username ?? `u${uniq()}`.toLowerCase();
      const u = await users.create(sys, { username, personId: person?.id ?? null, password: PASSWORD }, { mustChangePassword: false });
      for (const g of opts.roles ?? []) await users.addGrant(sys, u.id, { role: g.role, orgId: g.org?.id ?? null });
      return { id: u.id, username, personId: person?.id ?? null };
    },
    async login(user, password = PASSWORD) {
      const username = typeof user === 'string' ? user : user.username;
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username, password },
        remoteAddress: nextTestIp(),
      });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const setCookie = res.headers['set-cookie'];
      const raw = Array.isArray(setCookie) ? setCookie[0]! : setCookie!;
      return new Agent(app, raw.split(';')[0]!, res.json<{ csrfToken: string }>().csrfToken);
    },
    anon() {
      return new Agent(app, '', '');
    },
    async fingerprint() {
      const tables = (
        handle.dialect === 'sqlite'
          ? (
              await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(
                handle.db,
              )
            ).rows
          : (
              await sql<{ name: string }>`select table_name as name from information_schema.tables
                where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(handle.db)
            ).rows
      )
        .map((r) => r.name)
        .filter((n) => !UNFINGERPRINTED.has(n))
        .sort();
      const out: Record<string, string> = {};
      if (handle.dialect === 'postgres') {
        // One round trip for all tables: each row as text, sorted, hashed by the server.
        const parts = tables.map(
          (name) =>
            sql`select ${name} as name, count(*)::text || ':' || coalesce(md5(string_agg(t::text, chr(10) order by t::text)), '') as fp from ${sql.table(name)} t`,
        );
        if (parts.length === 0) return out;
        const rows = (await sql<{ name: string; fp: string }>`${sql.join(parts, sql` union all `)}`.execute(handle.db)).rows;
        for (const r of rows) out[r.name] = r.fp;
        return out;
      }
      for (const table of tables) {
        const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(handle.db)).rows;
        const lines = rows.map((r) => JSON.stringify(r)).sort();
        out[table] = `${rows.length}:${crypto.createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16)}`;
      }
      return out;
    },
    async count(table) {
      const r = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(handle.db);
      return Number(r.rows[0]!.n);
    },
    async close() {
      await app.close();
      await handle.close();
      await drop();
    },
  };
  return t;
}
