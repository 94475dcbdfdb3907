/**
 * Malformed input gets a 400 naming the field, and nothing is written.
 *
 * The first part is generated from docs/openapi.json, so it covers every endpoint, including ones
 * added later: a malformed id in the path, a bad query parameter, a body missing its required
 * fields, broken JSON. The second part tries wrong values field by field on the foundation's
 * state-changing endpoints (sign-in, orgs, people, accounts, settings).
 */
import fs from 'node:fs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPENAPI_FILE } from '../src/cli/commands';
import { createTestContext, errorOf, fieldPaths, type Agent, type TestContext } from './support/harness';

type Res = LightMyRequestResponse;
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface ParamSchema {
  type?: string;
  format?: string;
  enum?: string[];
  minimum?: number;
  maxLength?: number;
}
interface Operation {
  parameters?: { in: 'path' | 'query' | 'header'; name: string; required?: boolean; schema: ParamSchema }[];
  requestBody?: { content: Record<string, { schema?: { type?: string; required?: string[] } }> };
}
interface OpenApiDoc {
  paths: Record<string, Record<string, Operation>>;
}

const NIL = '00000000-0000-7000-8000-000000000000';
const doc = JSON.parse(fs.readFileSync(OPENAPI_FILE, 'utf8')) as OpenApiDoc;
const operations = Object.entries(doc.paths)
  .filter(([path]) => path.startsWith('/api/v1/'))
  .flatMap(([path, ops]) =>
    Object.entries(ops)
      .filter(([m]) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
      .map(([m, op]) => ({ endpoint: `${m.toUpperCase()} ${path}`, method: m.toUpperCase() as Method, path, op })),
  );

/** A value of the parameter's type that its schema refuses, or undefined when none is obvious. */
function badValue(s: ParamSchema): string | undefined {
  if (s.format === 'uuid') return 'not-a-uuid';
  if (s.format === 'date') return '2024-13-45';
  if (s.enum) return 'zzz-not-a-choice';
  if (s.type === 'integer' || s.type === 'number') return s.minimum !== undefined ? String(s.minimum - 1) : 'abc';
  if (s.type === 'string' && s.maxLength !== undefined) return 'x'.repeat(s.maxLength + 1);
  return undefined;
}

/** A value the parameter accepts, for the path parameters that are not under test. */
function goodValue(s: ParamSchema): string {
  if (s.type === 'integer' || s.type === 'number') return String(Math.max(s.minimum ?? 1, 2024));
  if (s.format === 'uuid') return NIL;
  return 'x';
}

function urlFor(path: string, op: Operation, override: Record<string, string> = {}): string {
  return path.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    if (override[name] !== undefined) return encodeURIComponent(override[name]);
    const p = op.parameters?.find((x) => x.in === 'path' && x.name === name);
    return p ? goodValue(p.schema) : NIL;
  });
}

function expect400(res: Res, fields: string[], label: string) {
  expect(res.statusCode, `${label}: ${res.body}`).toBe(400);
  expect(errorOf(res).code, label).toBe('validation_failed');
  expect(fieldPaths(res), label).toEqual(expect.arrayContaining(fields));
}

describe('malformed input: 400 naming the field, nothing written', () => {
  let t: TestContext;
  let admin: Agent;
  let org: { id: string };
  let personId: string;
  let membershipId: string;
  let userId: string;

  beforeAll(async () => {
    t = await createTestContext();
    org = await t.newOrg({ kind: 'chi_bo', name: 'Chi bộ Kiểm tra dữ liệu' });
    const person = await t.newPerson({ org, fullName: 'Trần Thị Hợp Lệ' });
    personId = person.id;
    const user = await t.newUser({ person });
    userId = user.id;
    admin = await t.login(await t.newUser({ person: null, roles: [{ role: 'system_admin', org: null }] }));
    const detail = (await admin.get(`/api/v1/people/${personId}`)).json<{ memberships: { id: string }[] }>();
    membershipId = detail.memberships[0]!.id;
  });
  afterAll(() => t.close());

  describe('every endpoint of docs/openapi.json', () => {
    it.each(operations)('$endpoint', async ({ endpoint, method, path, op }) => {
      const before = await t.fingerprint();
      let checks = 0;

      // A malformed value in each path parameter.
      for (const p of op.parameters?.filter((x) => x.in === 'path') ?? []) {
        const bad = badValue(p.schema) ?? (p.schema.type === 'string' ? undefined : 'abc');
        if (bad === undefined) continue;
        const res = await admin.request({ method, url: urlFor(path, op, { [p.name]: bad }) });
        expect400(res, [p.name], `${endpoint} path ${p.name}=${bad}`);
        checks++;
      }

      // A malformed value in each query parameter (one at a time).
      if (method === 'GET') {
        for (const p of op.parameters?.filter((x) => x.in === 'query') ?? []) {
          const bad = badValue(p.schema);
          if (bad === undefined) continue;
          const res = await admin.request({ method, url: `${urlFor(path, op)}?${p.name}=${encodeURIComponent(bad)}` });
          expect400(res, [p.name], `${endpoint} query ${p.name}=${bad}`);
          checks++;
        }
      }

      // A JSON body missing its required fields, a body that is not an object, and broken JSON.
      const json = op.requestBody?.content['application/json']?.schema;
      if (json) {
        const required = json.required ?? [];
        if (required.length > 0) {
          expect400(await admin.request({ method, url: urlFor(path, op), payload: {} }), required, `${endpoint} {}`);
          checks++;
        }
        const notObject = await admin.request({
          method,
          url: urlFor(path, op),
          payload: '[1,2]',
          headers: { 'content-type': 'application/json' },
        });
        expect(notObject.statusCode, `${endpoint} []: ${notObject.body}`).toBe(400);
        const broken = await admin.request({
          method,
          url: urlFor(path, op),
          payload: '{"name": ',
          headers: { 'content-type': 'application/json' },
        });
        expect(broken.statusCode, `${endpoint} broken JSON: ${broken.body}`).toBe(400);
        expect(errorOf(broken).code).toBe('validation_failed');
        checks += 2;
      }

      // A file upload without its file.
      if (op.requestBody?.content['multipart/form-data']) {
        const boundary = 'kycuong-test-boundary';
        const res = await admin.request({
          method,
          url: urlFor(path, op),
          payload: `--${boundary}\r\nContent-Disposition: form-data; name="unrelated"\r\n\r\n1\r\n--${boundary}--\r\n`,
          headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        });
        expect(res.statusCode, `${endpoint} without a file: ${res.body}`).toBe(400);
        expect(fieldPaths(res).length, `${endpoint} names the missing field`).toBeGreaterThan(0);
        const json = await admin.request({ method, url: urlFor(path, op), payload: {} });
        expect(json.statusCode, `${endpoint} with JSON instead of a form: ${json.body}`).toBe(400);
        checks += 2;
      }

      expect(await t.fingerprint(), `${endpoint} wrote something`).toEqual(before);
      if (checks === 0) expect(op.parameters?.some((p) => p.in !== 'header') ?? false, `${endpoint} takes no input`).toBe(false);
    });
  });

  describe('field by field on the foundation endpoints', () => {
    interface Bad {
      what: string;
      method: Method;
      url: () => string;
      body?: unknown;
      fields: string[];
    }
    const long = (n: number) => 'x'.repeat(n);
    const cases: Bad[] = [
      {
        what: 'empty username',
        method: 'POST',
        url: () => '/api/v1/auth/login',
        body: { username: '   ', password: 'x' },
        fields: ['username'],
      },
      {
        what: 'over-long password',
        method: 'POST',
        url: () => '/api/v1/auth/login',
        body: { username: 'a', password: long(201) },
        fields: ['password'],
      },
      { what: 'unknown language', method: 'PUT', url: () => '/api/v1/auth/preferences', body: { locale: 'fr' }, fields: ['locale'] },
      {
        what: 'new password without digits',
        method: 'POST',
        url: () => '/api/v1/auth/password',
        body: { currentPassword: 'x', newPassword: 'chi-co-chu-thoi' },
        fields: ['newPassword'],
      },
      {
        what: 'two-factor code with letters',
        method: 'POST',
        url: () => '/api/v1/auth/totp/confirm',
        body: { code: '12a456' },
        fields: ['code'],
      },
      {
        what: 'empty password to disable two-factor',
        method: 'POST',
        url: () => '/api/v1/auth/totp/disable',
        body: { password: '' },
        fields: ['password'],
      },
      {
        what: 'org with an unknown kind, a code with a space, a one-letter name and a bad parent id',
        method: 'POST',
        url: () => '/api/v1/orgs',
        body: { parentId: 'cha', kind: 'nope', code: 'X 1', name: 'A', sortOrder: -1 },
        fields: ['parentId', 'kind', 'code', 'name', 'sortOrder'],
      },
      {
        what: 'org update with a text version and a long short name',
        method: 'PATCH',
        url: () => `/api/v1/orgs/${org.id}`,
        body: { version: '1', shortName: long(81) },
        fields: ['version', 'shortName'],
      },
      {
        what: 'org update with version 0 and a non-boolean active',
        method: 'PATCH',
        url: () => `/api/v1/orgs/${org.id}`,
        body: { version: 0, active: 'no' },
        fields: ['version', 'active'],
      },
      {
        what: 'move to a malformed parent',
        method: 'POST',
        url: () => `/api/v1/orgs/${org.id}/move`,
        body: { version: 1, newParentId: 'x' },
        fields: ['newParentId'],
      },
      {
        what: 'person with a bad email, phone, date, gender, category and membership org',
        method: 'POST',
        url: () => '/api/v1/people',
        body: {
          fullName: 'A',
          email: 'khong-phai-email',
          phone: 'abc',
          birthDate: '2023-02-29',
          gender: 'x',
          categories: ['boss'],
          membership: { orgId: 'x', isHead: 'yes' },
        },
        fields: ['fullName', 'email', 'phone', 'birthDate', 'gender', 'categories.0', 'membership.orgId', 'membership.isHead'],
      },
      {
        what: 'person without a membership',
        method: 'POST',
        url: () => '/api/v1/people',
        body: { fullName: 'Nguyễn Văn Thiếu' },
        fields: ['membership'],
      },
      {
        what: 'too many categories',
        method: 'PATCH',
        url: () => `/api/v1/people/${personId}`,
        body: { version: 1, categories: ['cadre', 'cadre', 'cadre', 'cadre', 'cadre', 'cadre', 'cadre'] },
        fields: ['categories'],
      },
      {
        what: 'person update with a bad email',
        method: 'PATCH',
        url: () => `/api/v1/people/${personId}`,
        body: { version: 1, email: 'x@' },
        fields: ['email'],
      },
      {
        what: 'membership with a bad org and flags',
        method: 'POST',
        url: () => `/api/v1/people/${personId}/memberships`,
        body: { orgId: 'x', isPrimary: 1 },
        fields: ['orgId', 'isPrimary'],
      },
      {
        what: 'membership title too long',
        method: 'PATCH',
        url: () => `/api/v1/memberships/${membershipId}`,
        body: { version: 1, title: long(121) },
        fields: ['title'],
      },
      {
        what: 'account with an accented username, a bad person id and a short password',
        method: 'POST',
        url: () => '/api/v1/users',
        body: { username: 'Có Dấu', personId: 'x', password: 'ngan1' },
        fields: ['username', 'personId', 'password'],
      },
      {
        what: 'account update with a text version',
        method: 'PATCH',
        url: () => `/api/v1/users/${userId}`,
        body: { version: 'x', active: 'no' },
        fields: ['version', 'active'],
      },
      {
        what: 'weak temporary password',
        method: 'POST',
        url: () => `/api/v1/users/${userId}/reset-password`,
        body: { newPassword: '1234567890' },
        fields: ['newPassword'],
      },
      {
        what: 'grant of the implied member role on a bad org',
        method: 'POST',
        url: () => `/api/v1/users/${userId}/grants`,
        body: { role: 'member', orgId: 'x' },
        fields: ['role', 'orgId'],
      },
      {
        what: 'security settings with a text flag and a fractional version',
        method: 'PUT',
        url: () => '/api/v1/settings/security',
        body: { requireTotpForPrivileged: 'yes', version: 1.5 },
        fields: ['requireTotpForPrivileged', 'version'],
      },
    ];

    it.each(cases)('$method $what', async (c) => {
      const before = await t.fingerprint();
      const res = await admin.request({ method: c.method, url: c.url(), payload: c.body as string });
      expect400(res, c.fields, c.what);
      // The message names the fields too, for people reading it without the UI.
      for (const f of c.fields) expect(errorOf(res).message).toContain(f);
      expect(await t.fingerprint()).toEqual(before);
    });

    it('query strings: page size, ids, booleans, enums and dates', async () => {
      const queries: [string, string][] = [
        ['/api/v1/people?pageSize=0', 'pageSize'],
        ['/api/v1/people?pageSize=201', 'pageSize'],
        ['/api/v1/people?page=abc', 'page'],
        ['/api/v1/people?orgId=123', 'orgId'],
        ['/api/v1/people?category=boss', 'category'],
        ['/api/v1/people?includeInactive=maybe', 'includeInactive'],
        ['/api/v1/orgs?parentId=x', 'parentId'],
        ['/api/v1/orgs?tree=yes', 'tree'],
        ['/api/v1/users?orgId=x', 'orgId'],
        ['/api/v1/audit?from=2024-02-30', 'from'],
        ['/api/v1/audit?actorUserId=x', 'actorUserId'],
        [`/api/v1/audit?entityId=${long(65)}`, 'entityId'],
      ];
      for (const [url, field] of queries) expect400(await admin.get(url), [field], url);
    });

    it('rules zod cannot express still name the field: a move under itself, the last membership', async () => {
      const parent = await t.newOrg({ kind: 'dang_uy_co_so', name: 'Đảng ủy Kiểm tra' });
      const child = await t.newOrg({ parent, kind: 'chi_bo', name: 'Chi bộ Con' });
      const before = await t.fingerprint();
      const cycle = await admin.post(`/api/v1/orgs/${parent.id}/move`, { version: 1, newParentId: child.id });
      expect400(cycle, ['newParentId'], 'cycle');
      const missingParent = await admin.post(`/api/v1/orgs/${child.id}/move`, { version: 1, newParentId: NIL });
      expect400(missingParent, ['newParentId'], 'unknown parent');
      const last = await admin.delete(`/api/v1/memberships/${membershipId}`);
      expect400(last, ['membershipId'], 'last membership');
      const noPerson = await admin.post('/api/v1/users', { username: 'khong.nguoi', personId: null, password: 'Mat-khau-2023' });
      expect(noPerson.statusCode).toBe(200);
      expect(await t.fingerprint()).not.toEqual(before);
    });

    it('answers in English when asked, still naming the field', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { password: 'x' },
        headers: { 'accept-language': 'en-GB,en;q=0.9' },
      });
      expect(res.statusCode).toBe(400);
      expect(errorOf(res).message).toMatch(/^Invalid input: username/);
    });
  });
});
