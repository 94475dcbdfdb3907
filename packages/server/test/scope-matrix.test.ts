/**
 * The scope matrix: a user scoped to one chi bộ (leader and unit admin of chi bộ A, like the demo
 * account `chibo1`) calls EVERY endpoint of the API with resources outside A (chi bộ B beside it,
 * the committee above, a separate branch). Each call must answer 404 as for a missing record (or
 * 403 where the record is visible but not manageable), lists must hold nothing from outside, no
 * answer may contain a name or id from outside, and nothing may be written.
 *
 * A new endpoint without a row here fails the guard test below: add a row to MATRIX.
 */
import fs from 'node:fs';
import type { LightMyRequestResponse } from 'fastify';
import type { Me, User } from '@kycuong/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPENAPI_FILE } from '../src/cli/commands';
import { ReportService } from '../src/modules/reports/reports.service';
import { currentTotp, verifyTotp } from '../src/platform/passwords';
import { PASSWORD, createTestContext, nextTestIp, type Agent, type TestContext, type TestUser } from './support/harness';

type Res = LightMyRequestResponse;
type Ref = { id: string };
type OrgRef = { id: string; path: string; name: string; code: string };
type PersonRef = { id: string; fullName: string };

interface Fixture {
  t: TestContext;
  /** The chi bộ user's session. */
  chibo: Agent;
  chiboUser: TestUser;
  dept: OrgRef;
  /** Chi bộ A (in scope) and a group under it. */
  a: OrgRef;
  a1: OrgRef;
  /** Chi bộ B beside A, and a separate branch X → X1. */
  b: OrgRef;
  x: OrgRef;
  x1: OrgRef;
  pA: PersonRef;
  pB: PersonRef;
  pX: PersonRef;
  /** Primary member of B who is also a member of A (visible, but reaches outside). */
  pAB: PersonRef;
  uA: TestUser;
  uB: TestUser;
  uAB: TestUser;
  /** A system administrator whose person is a member of A. */
  uSA: TestUser;
  mA: Ref;
  mB: Ref;
  mAB_A: Ref;
  mAB_B: Ref;
  gB: Ref;
  gAB_B: Ref;
  gSA: Ref;
  /** Orgs and people the chi bộ user may see. */
  visibleOrgs: Set<string>;
  visiblePeople: Set<string>;
}

interface Case {
  /** What the call tries. */
  what: string;
  run(f: Fixture): Promise<Res>;
  status: number;
  /** The call may change the caller's own account (and audit that), nothing else. */
  selfOnly?: boolean;
  check?(res: Res, f: Fixture): void;
}

/** A two-factor code the server refuses for the caller's pending secret (if any). */
async function wrongCode(f: Fixture): Promise<string> {
  const row = await f.t.ctx.db.selectFrom('users').select('totp_secret').where('id', '=', f.chiboUser.id).executeTakeFirstOrThrow();
  if (!row.totp_secret) return '000000';
  let n = Number(await currentTotp(row.totp_secret));
  for (;;) {
    n = (n + 1) % 1_000_000;
    const code = String(n).padStart(6, '0');
    if (!(await verifyTotp(row.totp_secret, code))) return code;
  }
}

/** Uploads a CSV to the import endpoints as the web app does (multipart: kind, file, options). */
function importFile(f: Fixture, url: string, kind: 'orgs' | 'people', csv: string, fields: Record<string, string> = {}): Promise<Res> {
  const boundary = 'kycuong-scope-matrix';
  const parts = Object.entries({ kind, ...fields }).map(
    ([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
  );
  parts.push(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="nhap.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`,
  );
  return f.chibo.request({
    method: 'POST',
    url,
    payload: parts.join(''),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
}

function ids(res: Res): string[] {
  return res.json<{ items: { id: string }[] }>().items.map((i) => i.id);
}

function expectSubset(actual: string[], allowed: Set<string>, label: string) {
  const outside = actual.filter((id) => !allowed.has(id));
  expect(outside, `${label}: items outside the caller's scope`).toEqual([]);
}

const NO_CAMPAIGN = '00000000-0000-7000-8000-0000000000ca';

/** An evaluation of a person of chi bộ B (made in the set-up). */
const EVALUATIONS = { b: NO_CAMPAIGN };

/** A rendered report of chi bộ B (made by a system administrator before the rows run). */
const REPORT_B = { id: '' };

/** A conference of chi bộ B (made by a system administrator before the rows run). */
const CONF_B = { documentId: '', conferenceId: '', fileId: '', token: '' };

/**
 * One row per endpoint ("METHOD /api/v1/path" as in docs/openapi.json): calls with resources
 * outside chi bộ A and the expected answers.
 */
const MATRIX: Record<string, Case[]> = {
  // --- sign-in: nothing names another account; calls act on the caller only ---
  'POST /api/v1/auth/login': [
    {
      what: 'signing in answers only the grants inside A',
      run: ({ t, chiboUser }) =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { username: chiboUser.username, password: PASSWORD },
          remoteAddress: nextTestIp(),
        }),
      status: 200,
      selfOnly: true,
      check: (res, f) => expect(res.json<Me>().grants.map((g) => g.orgId)).toEqual([f.a.id, f.a.id]),
    },
  ],
  'POST /api/v1/auth/logout': [
    {
      what: 'signing out ends only the caller’s own session',
      run: async ({ t, chiboUser }) => (await t.login(chiboUser)).post('/api/v1/auth/logout'),
      status: 200,
      selfOnly: true,
    },
  ],
  'GET /api/v1/auth/me': [{ what: 'me shows the caller only', run: ({ chibo }) => chibo.get('/api/v1/auth/me'), status: 200 }],
  'POST /api/v1/auth/password': [
    {
      what: 'an extra userId of another account is ignored: only the caller’s password changes',
      run: ({ chibo, uB }) => chibo.post('/api/v1/auth/password', { currentPassword: PASSWORD, newPassword: PASSWORD, userId: uB.id }),
      status: 200,
      selfOnly: true,
    },
  ],
  'PUT /api/v1/auth/preferences': [
    {
      what: 'an extra userId is ignored: only the caller’s language is stored',
      run: ({ chibo, uB }) => chibo.put('/api/v1/auth/preferences', { locale: 'vi', userId: uB.id }),
      status: 200,
      selfOnly: true,
    },
  ],
  'POST /api/v1/auth/totp/setup': [
    {
      what: 'two-factor set-up touches only the caller',
      run: ({ chibo, uB }) => chibo.post('/api/v1/auth/totp/setup', { userId: uB.id }),
      status: 200,
      selfOnly: true,
    },
  ],
  'POST /api/v1/auth/totp/confirm': [
    {
      what: 'a wrong code for the caller writes nothing',
      run: async (f) => f.chibo.post('/api/v1/auth/totp/confirm', { code: await wrongCode(f), userId: f.uB.id }),
      status: 400,
    },
  ],
  'POST /api/v1/auth/totp/disable': [
    {
      what: 'a wrong password writes nothing',
      run: ({ chibo, uB }) => chibo.post('/api/v1/auth/totp/disable', { password: 'sai-mat-khau-1', userId: uB.id }),
      status: 400,
    },
  ],

  // --- org tree ---
  'GET /api/v1/orgs': [
    {
      what: 'the roots list holds only A',
      run: ({ chibo }) => chibo.get('/api/v1/orgs'),
      status: 200,
      check: (res, f) => expect(ids(res)).toEqual([f.a.id]),
    },
    {
      what: 'the whole tree holds only A’s subtree',
      run: ({ chibo }) => chibo.get('/api/v1/orgs?tree=true&includeInactive=true'),
      status: 200,
      check: (res, f) => expectSubset(ids(res), f.visibleOrgs, 'tree'),
    },
    {
      what: 'searching B’s name finds nothing',
      run: ({ chibo, b }) => chibo.get(`/api/v1/orgs?q=${encodeURIComponent(b.name)}`),
      status: 200,
      check: (res) => expect(ids(res)).toEqual([]),
    },
    { what: 'children of B: 404', run: ({ chibo, b }) => chibo.get(`/api/v1/orgs?parentId=${b.id}`), status: 404 },
    { what: 'children of the committee above: 404', run: ({ chibo, dept }) => chibo.get(`/api/v1/orgs?parentId=${dept.id}`), status: 404 },
  ],
  'GET /api/v1/orgs/{id}': [
    { what: 'B', run: ({ chibo, b }) => chibo.get(`/api/v1/orgs/${b.id}`), status: 404 },
    { what: 'the committee above A', run: ({ chibo, dept }) => chibo.get(`/api/v1/orgs/${dept.id}`), status: 404 },
    { what: 'the other branch', run: ({ chibo, x1 }) => chibo.get(`/api/v1/orgs/${x1.id}`), status: 404 },
    {
      what: 'A itself, without ancestors outside scope',
      run: ({ chibo, a }) => chibo.get(`/api/v1/orgs/${a.id}`),
      status: 200,
      check: (res) => expect(res.json<{ ancestors: unknown[] }>().ancestors).toEqual([]),
    },
  ],
  'POST /api/v1/orgs': [
    {
      what: 'a child of B',
      run: ({ chibo, b }) => chibo.post('/api/v1/orgs', { parentId: b.id, kind: 'to_cong_doan', code: 'SM-1', name: 'Tổ ngoài phạm vi' }),
      status: 404,
    },
    {
      what: 'a child of the other branch',
      run: ({ chibo, x }) => chibo.post('/api/v1/orgs', { parentId: x.id, kind: 'phong', code: 'SM-2', name: 'Phòng ngoài phạm vi' }),
      status: 404,
    },
    {
      what: 'a new root',
      run: ({ chibo }) => chibo.post('/api/v1/orgs', { parentId: null, kind: 'thanh_uy', code: 'SM-3', name: 'Gốc mới' }),
      status: 403,
    },
  ],
  'PATCH /api/v1/orgs/{id}': [
    { what: 'rename B', run: ({ chibo, b }) => chibo.patch(`/api/v1/orgs/${b.id}`, { version: 1, name: 'Đổi tên B' }), status: 404 },
    {
      what: 'deactivate the committee above',
      run: ({ chibo, dept }) => chibo.patch(`/api/v1/orgs/${dept.id}`, { version: 1, active: false }),
      status: 404,
    },
  ],
  'POST /api/v1/orgs/{id}/move': [
    {
      what: 'move B under A',
      run: ({ chibo, a, b }) => chibo.post(`/api/v1/orgs/${b.id}/move`, { version: 1, newParentId: a.id }),
      status: 404,
    },
    {
      what: 'move A’s group under B',
      run: ({ chibo, a1, b }) => chibo.post(`/api/v1/orgs/${a1.id}/move`, { version: 1, newParentId: b.id }),
      status: 404,
    },
    {
      what: 'move A’s group under the other branch',
      run: ({ chibo, a1, x1 }) => chibo.post(`/api/v1/orgs/${a1.id}/move`, { version: 1, newParentId: x1.id }),
      status: 404,
    },
  ],

  // --- people and memberships ---
  'GET /api/v1/people': [
    {
      what: 'the directory holds only people of A',
      run: ({ chibo }) => chibo.get('/api/v1/people?includeInactive=true&pageSize=200'),
      status: 200,
      check: (res, f) => expectSubset(ids(res), f.visiblePeople, 'people'),
    },
    {
      what: 'searching a name of B finds nothing',
      run: ({ chibo, pB }) => chibo.get(`/api/v1/people?q=${encodeURIComponent(pB.fullName)}`),
      status: 200,
      check: (res) => expect(ids(res)).toEqual([]),
    },
    { what: 'filtering on B: 404', run: ({ chibo, b }) => chibo.get(`/api/v1/people?orgId=${b.id}`), status: 404 },
    {
      what: 'filtering on the other branch: 404',
      run: ({ chibo, x1 }) => chibo.get(`/api/v1/people?orgId=${x1.id}&direct=true`),
      status: 404,
    },
  ],
  'GET /api/v1/people/{id}': [
    { what: 'a member of B', run: ({ chibo, pB }) => chibo.get(`/api/v1/people/${pB.id}`), status: 404 },
    { what: 'a member of the other branch', run: ({ chibo, pX }) => chibo.get(`/api/v1/people/${pX.id}`), status: 404 },
    {
      what: 'a member of both shows only the membership in A',
      run: ({ chibo, pAB }) => chibo.get(`/api/v1/people/${pAB.id}`),
      status: 200,
      check: (res, f) => expect(res.json<{ memberships: { id: string }[] }>().memberships.map((m) => m.id)).toEqual([f.mAB_A.id]),
    },
  ],
  'POST /api/v1/people': [
    {
      what: 'a new person in B',
      run: ({ chibo, b }) => chibo.post('/api/v1/people', { fullName: 'Người Ngoài Phạm Vi', membership: { orgId: b.id } }),
      status: 404,
    },
    {
      what: 'a new person in the other branch',
      run: ({ chibo, x1 }) => chibo.post('/api/v1/people', { fullName: 'Người Ngoài Phạm Vi', membership: { orgId: x1.id } }),
      status: 404,
    },
  ],
  'PATCH /api/v1/people/{id}': [
    {
      what: 'edit a member of B',
      run: ({ chibo, pB }) => chibo.patch(`/api/v1/people/${pB.id}`, { version: 1, fullName: 'Đổi Tên' }),
      status: 404,
    },
    {
      what: 'deactivate a member of the other branch',
      run: ({ chibo, pX }) => chibo.patch(`/api/v1/people/${pX.id}`, { version: 1, active: false }),
      status: 404,
    },
  ],
  'POST /api/v1/people/{id}/memberships': [
    {
      what: 'add a member of B to A',
      run: ({ chibo, pB, a }) => chibo.post(`/api/v1/people/${pB.id}/memberships`, { orgId: a.id }),
      status: 404,
    },
    {
      what: 'add a member of A to B',
      run: ({ chibo, pA, b }) => chibo.post(`/api/v1/people/${pA.id}/memberships`, { orgId: b.id }),
      status: 404,
    },
    {
      what: 'make a new membership in A primary for someone whose primary membership is in B',
      run: ({ chibo, pAB, a1 }) => chibo.post(`/api/v1/people/${pAB.id}/memberships`, { orgId: a1.id, isPrimary: true }),
      status: 403,
    },
  ],
  'PATCH /api/v1/memberships/{id}': [
    {
      what: 'a membership in B',
      run: ({ chibo, mB }) => chibo.patch(`/api/v1/memberships/${mB.id}`, { version: 1, title: 'Bí thư' }),
      status: 404,
    },
    {
      what: 'the B membership of a member of both',
      run: ({ chibo, mAB_B }) => chibo.patch(`/api/v1/memberships/${mAB_B.id}`, { version: 1, isPrimary: false }),
      status: 404,
    },
    {
      what: 'make the A membership primary, which would clear the primary flag of the membership in B',
      run: ({ chibo, mAB_A }) => chibo.patch(`/api/v1/memberships/${mAB_A.id}`, { version: 1, isPrimary: true }),
      status: 403,
    },
  ],
  'DELETE /api/v1/memberships/{id}': [
    { what: 'a membership in B', run: ({ chibo, mB }) => chibo.delete(`/api/v1/memberships/${mB.id}`), status: 404 },
    {
      what: 'the B membership of a member of both',
      run: ({ chibo, mAB_B }) => chibo.delete(`/api/v1/memberships/${mAB_B.id}`),
      status: 404,
    },
  ],

  // --- accounts and grants ---
  'GET /api/v1/users': [
    {
      what: 'accounts of A only, with their grants inside A only',
      run: ({ chibo }) => chibo.get('/api/v1/users?pageSize=200'),
      status: 200,
      check: (res, f) => {
        const users = res.json<{ items: User[] }>().items;
        expect(users.map((u) => u.id).sort()).toEqual([f.chiboUser.id, f.uA.id, f.uAB.id, f.uSA.id].sort());
        for (const u of users)
          for (const g of u.grants) expect(g.orgId === null || f.visibleOrgs.has(g.orgId), `${u.username} ${g.role}`).toBe(true);
      },
    },
    { what: 'accounts of B: 404', run: ({ chibo, b }) => chibo.get(`/api/v1/users?orgId=${b.id}`), status: 404 },
    {
      what: 'searching the username of B’s account finds nothing',
      run: ({ chibo, uB }) => chibo.get(`/api/v1/users?q=${uB.username}`),
      status: 200,
      check: (res) => expect(ids(res)).toEqual([]),
    },
  ],
  'GET /api/v1/users/{id}': [
    { what: 'the account of a member of B', run: ({ chibo, uB }) => chibo.get(`/api/v1/users/${uB.id}`), status: 404 },
    {
      what: 'the account of a member of both shows no grant outside A',
      run: ({ chibo, uAB }) => chibo.get(`/api/v1/users/${uAB.id}`),
      status: 200,
      check: (res) => expect(res.json<User>().grants).toEqual([]),
    },
  ],
  'POST /api/v1/users': [
    {
      what: 'an account for a member of B',
      run: ({ chibo, pB }) => chibo.post('/api/v1/users', { username: 'ngoai.pham.vi', personId: pB.id, password: PASSWORD }),
      status: 404,
    },
    {
      what: 'a technical account without a person',
      run: ({ chibo }) => chibo.post('/api/v1/users', { username: 'ky.thuat', personId: null, password: PASSWORD }),
      status: 400,
    },
  ],
  'PATCH /api/v1/users/{id}': [
    {
      what: 'lock the account of a member of B',
      run: ({ chibo, uB }) => chibo.patch(`/api/v1/users/${uB.id}`, { version: 1, active: false }),
      status: 404,
    },
    {
      what: 'lock the account of someone who also belongs to B and leads it',
      run: ({ chibo, uAB }) => chibo.patch(`/api/v1/users/${uAB.id}`, { version: 1, active: false }),
      status: 403,
    },
    {
      what: 'lock a system administrator who is a member of A',
      run: ({ chibo, uSA }) => chibo.patch(`/api/v1/users/${uSA.id}`, { version: 1, active: false }),
      status: 403,
    },
  ],
  'POST /api/v1/users/{id}/reset-password': [
    {
      what: 'reset the password of a member of B',
      run: ({ chibo, uB }) => chibo.post(`/api/v1/users/${uB.id}/reset-password`, { newPassword: 'Chiem-quyen-2024' }),
      status: 404,
    },
    {
      what: 'take over the account of someone who also leads B',
      run: ({ chibo, uAB }) => chibo.post(`/api/v1/users/${uAB.id}/reset-password`, { newPassword: 'Chiem-quyen-2024' }),
      status: 403,
    },
    {
      what: 'take over a system administrator who is a member of A',
      run: ({ chibo, uSA }) => chibo.post(`/api/v1/users/${uSA.id}/reset-password`, { newPassword: 'Chiem-quyen-2024' }),
      status: 403,
    },
  ],
  'POST /api/v1/users/{id}/reset-totp': [
    { what: 'a member of B', run: ({ chibo, uB }) => chibo.post(`/api/v1/users/${uB.id}/reset-totp`), status: 404 },
    { what: 'someone who also leads B', run: ({ chibo, uAB }) => chibo.post(`/api/v1/users/${uAB.id}/reset-totp`), status: 403 },
    {
      what: 'a system administrator who is a member of A',
      run: ({ chibo, uSA }) => chibo.post(`/api/v1/users/${uSA.id}/reset-totp`),
      status: 403,
    },
  ],
  'POST /api/v1/users/{id}/grants': [
    {
      what: 'a role on A for the account of a member of B',
      run: ({ chibo, uB, a }) => chibo.post(`/api/v1/users/${uB.id}/grants`, { role: 'leader', orgId: a.id }),
      status: 404,
    },
    {
      what: 'a role on B for an account of A',
      run: ({ chibo, uA, b }) => chibo.post(`/api/v1/users/${uA.id}/grants`, { role: 'leader', orgId: b.id }),
      status: 404,
    },
    {
      what: 'a role on the committee above',
      run: ({ chibo, uA, dept }) => chibo.post(`/api/v1/users/${uA.id}/grants`, { role: 'unit_admin', orgId: dept.id }),
      status: 404,
    },
    {
      what: 'system administrator (system-wide)',
      run: ({ chibo, uA }) => chibo.post(`/api/v1/users/${uA.id}/grants`, { role: 'system_admin', orgId: null }),
      status: 403,
    },
    {
      what: 'system administrator on A',
      run: ({ chibo, uA, a }) => chibo.post(`/api/v1/users/${uA.id}/grants`, { role: 'system_admin', orgId: a.id }),
      status: 403,
    },
  ],
  'DELETE /api/v1/grants/{id}': [
    { what: 'a grant of B’s account', run: ({ chibo, gB }) => chibo.delete(`/api/v1/grants/${gB.id}`), status: 404 },
    {
      what: 'the grant on B of an account that also belongs to A',
      run: ({ chibo, gAB_B }) => chibo.delete(`/api/v1/grants/${gAB_B.id}`),
      status: 404,
    },
    {
      what: 'the system-wide grant of a system administrator who is a member of A',
      run: ({ chibo, gSA }) => chibo.delete(`/api/v1/grants/${gSA.id}`),
      status: 403,
    },
  ],

  // --- audit and settings ---
  'GET /api/v1/audit': [
    {
      what: 'only records of A’s subtree',
      run: ({ chibo }) => chibo.get('/api/v1/audit?pageSize=200'),
      status: 200,
      check: (res, f) => {
        const items = res.json<{ items: { orgId: string | null }[] }>().items;
        expect(items.length).toBeGreaterThan(0);
        for (const i of items) expect(i.orgId !== null && f.visibleOrgs.has(i.orgId)).toBe(true);
      },
    },
    {
      what: 'the history of B finds nothing',
      run: ({ chibo, b }) => chibo.get(`/api/v1/audit?entityType=org&entityId=${b.id}`),
      status: 200,
      check: (res) => expect(ids(res)).toEqual([]),
    },
    {
      what: 'the history of B’s account finds nothing',
      run: ({ chibo, uB }) => chibo.get(`/api/v1/audit?entityId=${uB.id}`),
      status: 200,
      check: (res) => expect(ids(res)).toEqual([]),
    },
  ],
  'GET /api/v1/settings/security': [{ what: 'system settings', run: ({ chibo }) => chibo.get('/api/v1/settings/security'), status: 404 }],
  'PUT /api/v1/settings/security': [
    {
      what: 'change the two-factor policy',
      run: ({ chibo }) => chibo.put('/api/v1/settings/security', { requireTotpForPrivileged: true, version: 0 }),
      status: 404,
    },
  ],

  // --- import and export of orgs and people (CSV here, so the answer can be searched for names) ---
  'GET /api/v1/export/orgs': [
    {
      what: 'the org sheet holds only A’s subtree',
      run: ({ chibo }) => chibo.get('/api/v1/export/orgs?format=csv'),
      status: 200,
      check: (res, f) => expect(res.body).toContain(f.a.code),
    },
    { what: 'the sheet of B', run: ({ chibo, b }) => chibo.get(`/api/v1/export/orgs?format=csv&orgId=${b.id}`), status: 404 },
    { what: 'the sheet of the committee above', run: ({ chibo, dept }) => chibo.get(`/api/v1/export/orgs?orgId=${dept.id}`), status: 404 },
  ],
  'GET /api/v1/export/people': [
    {
      what: 'the people sheet holds only people and memberships of A',
      run: ({ chibo }) => chibo.get('/api/v1/export/people?format=csv'),
      status: 200,
      check: (res, f) => expect(res.body).toContain(f.pAB.fullName),
    },
    {
      what: 'the people of the other branch',
      run: ({ chibo, x1 }) => chibo.get(`/api/v1/export/people?format=csv&orgId=${x1.id}`),
      status: 404,
    },
  ],
  'POST /api/v1/import/preview': [
    {
      what: 'a file creating an org under B and renaming B is all errors',
      run: (f) =>
        importFile(
          f,
          '/api/v1/import/preview',
          'orgs',
          `Mã đơn vị,Tên đơn vị,Loại,Mã đơn vị cấp trên\nSM-IMP-1,Tổ nhập ngoài,Khác,${f.b.code}\n${f.b.code},Đổi tên B,,\n`,
        ),
      status: 200,
      check: (res) => expect(res.json<{ validRows: number; errorRows: number }>()).toMatchObject({ validRows: 0, errorRows: 2 }),
    },
    {
      what: 'a file adding people to B is all errors',
      run: (f) =>
        importFile(
          f,
          '/api/v1/import/preview',
          'people',
          `Họ và tên,Email,Mã đơn vị\nNgười Nhập Ngoài,nhap.ngoai@example.vn,${f.b.code}\n`,
        ),
      status: 200,
      check: (res) => expect(res.json<{ validRows: number; errorRows: number }>()).toMatchObject({ validRows: 0, errorRows: 1 }),
    },
  ],
  'POST /api/v1/import/commit': [
    {
      what: 'committing orgs under B and a rename of B writes nothing',
      run: (f) =>
        importFile(
          f,
          '/api/v1/import/commit',
          'orgs',
          `Mã đơn vị,Tên đơn vị,Loại,Mã đơn vị cấp trên\nSM-IMP-2,Tổ nhập ngoài,Khác,${f.b.code}\n${f.b.code},Đổi tên B,,\n`,
          { onlyValid: 'true' },
        ),
      status: 200,
      check: (res) => expect(res.json<{ created: number; updated: number }>()).toMatchObject({ created: 0, updated: 0 }),
    },
    {
      what: 'committing people of B writes nothing',
      run: (f) =>
        importFile(
          f,
          '/api/v1/import/commit',
          'people',
          `Họ và tên,Email,Mã đơn vị\nNgười Nhập Ngoài,nhap.ngoai@example.vn,${f.x1.code}\n`,
          { onlyValid: 'true' },
        ),
      status: 200,
      check: (res) => expect(res.json<{ created: number; updated: number }>()).toMatchObject({ created: 0, updated: 0 }),
    },
  ],

  // --- violations: catalogues (system-wide reference data), cases (inspection roles only), discipline, public page ---
  'GET /api/v1/catalogues': [
    {
      what: 'catalogues are directive appendices readable by leaders; none names anything outside A',
      run: ({ chibo }) => chibo.get('/api/v1/catalogues'),
      status: 200,
    },
  ],
  'GET /api/v1/catalogues/{id}': [
    { what: 'an unknown catalogue', run: ({ chibo }) => chibo.get('/api/v1/catalogues/00000000-0000-7000-8000-0000000000c1'), status: 404 },
  ],
  'POST /api/v1/catalogues': [
    {
      what: 'creating a catalogue needs a system-wide grant (readable, so 403)',
      run: ({ chibo }) =>
        chibo.post('/api/v1/catalogues', {
          documentId: '24-CT/TU',
          title: 'Danh mục ngoài quyền',
          groups: [{ code: 'KL', title: 'Vi phạm kỷ cương', items: [{ code: 'KL-01', title: 'Không chấp hành phân công' }] }],
        }),
      status: 403,
    },
  ],
  'PUT /api/v1/catalogues/{id}': [
    {
      what: 'editing an unknown catalogue',
      run: ({ chibo }) =>
        chibo.put('/api/v1/catalogues/00000000-0000-7000-8000-0000000000c1', {
          version: 1,
          groups: [{ code: 'KL', title: 'Vi phạm kỷ cương', items: [{ code: 'KL-01', title: 'Không chấp hành phân công' }] }],
        }),
      status: 404,
    },
  ],
  'GET /api/v1/cases': [
    {
      what: 'without an inspection role the list holds nothing',
      run: ({ chibo }) => chibo.get('/api/v1/cases'),
      status: 200,
      check: (res) => expect(ids(res)).toEqual([]),
    },
    { what: 'cases of B', run: ({ chibo, b }) => chibo.get(`/api/v1/cases?orgId=${b.id}`), status: 404 },
  ],
  'GET /api/v1/cases/stats': [
    { what: 'statistics need an inspection role', run: ({ chibo, b }) => chibo.get(`/api/v1/cases/stats?orgId=${b.id}`), status: 404 },
  ],
  'GET /api/v1/cases/explanation-requests': [
    {
      what: 'only requests addressed to the caller',
      run: ({ chibo }) => chibo.get('/api/v1/cases/explanation-requests'),
      status: 200,
      check: (res) => expect(res.json<{ items: unknown[] }>().items).toEqual([]),
    },
  ],
  'GET /api/v1/cases/{id}': [
    { what: 'an unknown case', run: ({ chibo }) => chibo.get('/api/v1/cases/00000000-0000-7000-8000-0000000000c2'), status: 404 },
  ],
  'POST /api/v1/cases': [
    {
      what: 'a case against a person of B',
      run: ({ chibo, pB }) =>
        chibo.post('/api/v1/cases', {
          subject: { kind: 'person', personId: pB.id },
          title: 'Vụ việc ngoài phạm vi',
          source: 'inspection',
          receivedDate: '2026-01-05',
          items: [{ catalogueId: '00000000-0000-7000-8000-0000000000c1', code: 'NT-03' }],
        }),
      status: 404,
    },
    {
      what: 'a case against B itself',
      run: ({ chibo, b }) =>
        chibo.post('/api/v1/cases', {
          subject: { kind: 'org', orgId: b.id },
          title: 'Vụ việc ngoài phạm vi',
          source: 'inspection',
          receivedDate: '2026-01-05',
          items: [{ catalogueId: '00000000-0000-7000-8000-0000000000c1', code: 'NT-03' }],
        }),
      status: 404,
    },
  ],
  'POST /api/v1/cases/{id}/transition': [
    {
      what: 'a step on an unknown case',
      run: ({ chibo }) => chibo.post('/api/v1/cases/00000000-0000-7000-8000-0000000000c2/transition', { action: 'close', version: 1 }),
      status: 404,
    },
  ],
  'POST /api/v1/cases/{id}/explanation': [
    {
      what: 'an explanation on a case not addressed to the caller',
      run: ({ chibo }) =>
        chibo.post('/api/v1/cases/00000000-0000-7000-8000-0000000000c2/explanation', { text: 'Giải trình ngoài phạm vi' }),
      status: 404,
    },
  ],
  'POST /api/v1/cases/{id}/members': [
    {
      what: 'adding a person of B to an unknown case',
      run: ({ chibo, pB }) => chibo.post('/api/v1/cases/00000000-0000-7000-8000-0000000000c2/members', { personId: pB.id }),
      status: 404,
    },
  ],
  'PUT /api/v1/cases/{id}/publication': [
    {
      what: 'publishing an unknown case',
      run: ({ chibo }) =>
        chibo.put('/api/v1/cases/00000000-0000-7000-8000-0000000000c2/publication', {
          version: 1,
          published: true,
          fields: ['subjectName'],
        }),
      status: 404,
    },
  ],
  'GET /api/v1/people/{id}/discipline': [
    { what: 'the discipline track of a person of B', run: ({ chibo, pB }) => chibo.get(`/api/v1/people/${pB.id}/discipline`), status: 404 },
    {
      what: 'even a person of A: only inspection roles and the person',
      run: ({ chibo, pA }) => chibo.get(`/api/v1/people/${pA.id}/discipline`),
      status: 404,
    },
  ],
  'GET /api/v1/discipline/regimes': [
    { what: 'sanction regimes are reference data of the law', run: ({ chibo }) => chibo.get('/api/v1/discipline/regimes'), status: 200 },
  ],
  'PUT /api/v1/discipline/regimes': [
    {
      what: 'replacing the regimes needs system configuration',
      run: ({ chibo }) =>
        chibo.put('/api/v1/discipline/regimes', {
          version: 0,
          regimes: [
            {
              id: 'ngoai-pham-vi',
              category: 'party_full',
              effectiveFrom: null,
              effectiveTo: null,
              source: 'Quy định thử',
              forms: [{ form: 'khien_trach', rank: 1, severity: 'minor', requiresPost: false, runsMonths: 12 }],
              decisionDays: null,
              extendedDecisionDays: null,
              limitationYears: { minor: 5, serious: 10, very_serious: null, extremely_serious: null },
              raiseWhileRunning: false,
              verify: null,
            },
          ],
        }),
      status: 404,
    },
  ],
  'GET /api/v1/public/orgs/{orgCode}/handled-cases': [
    {
      what: 'the public page of A lists only published cases under A',
      run: ({ t, a }) => t.anon().get(`/api/v1/public/orgs/${a.code}/handled-cases`),
      status: 200,
      check: (res) => expect(res.json<{ items: unknown[] }>().items).toEqual([]),
    },
    { what: 'an unknown org code', run: ({ t }) => t.anon().get('/api/v1/public/orgs/KHONG-CO-DON-VI/handled-cases'), status: 404 },
  ],

  // --- union campaigns: the chi bộ user holds no union role; campaigns outside A are unknown to them ---
  'GET /api/v1/campaigns': [
    {
      what: 'the list holds no campaign',
      run: ({ chibo }) => chibo.get('/api/v1/campaigns'),
      status: 200,
      check: (res) => expect(ids(res)).toEqual([]),
    },
    { what: 'filtering on B: 404', run: ({ chibo, b }) => chibo.get(`/api/v1/campaigns?orgId=${b.id}`), status: 404 },
  ],
  'POST /api/v1/campaigns': [
    {
      what: 'a campaign organised by B',
      run: ({ chibo, b }) =>
        chibo.post('/api/v1/campaigns', {
          orgId: b.id,
          kind: 'money',
          title: 'Vận động ngoài phạm vi',
          purpose: 'x',
          beneficiary: 'Đối tượng',
          startDate: '2023-09-13',
        }),
      status: 404,
    },
    {
      what: 'a campaign organised by A without a union role',
      run: ({ chibo, a }) =>
        chibo.post('/api/v1/campaigns', {
          orgId: a.id,
          kind: 'money',
          title: 'Vận động trong chi bộ',
          purpose: 'x',
          beneficiary: 'Đối tượng',
          startDate: '2023-09-13',
        }),
      status: 403,
    },
  ],
  'GET /api/v1/campaigns/my-entries': [
    {
      what: 'only the caller’s own entries',
      run: ({ chibo }) => chibo.get('/api/v1/campaigns/my-entries'),
      status: 200,
      check: (res) => expect(ids(res)).toEqual([]),
    },
  ],
  'GET /api/v1/campaigns/{id}': [
    { what: 'an unknown campaign', run: ({ chibo }) => chibo.get(`/api/v1/campaigns/${NO_CAMPAIGN}`), status: 404 },
  ],
  'PATCH /api/v1/campaigns/{id}': [
    {
      what: 'edit an unknown campaign',
      run: ({ chibo }) => chibo.patch(`/api/v1/campaigns/${NO_CAMPAIGN}`, { version: 1, title: 'Đổi tên cuộc vận động' }),
      status: 404,
    },
  ],
  'POST /api/v1/campaigns/{id}/status': [
    {
      what: 'open an unknown campaign',
      run: ({ chibo }) => chibo.post(`/api/v1/campaigns/${NO_CAMPAIGN}/status`, { version: 1, status: 'open' }),
      status: 404,
    },
  ],
  'GET /api/v1/campaigns/{id}/entries': [
    { what: 'the ledger of an unknown campaign', run: ({ chibo }) => chibo.get(`/api/v1/campaigns/${NO_CAMPAIGN}/entries`), status: 404 },
  ],
  'GET /api/v1/campaigns/{id}/members': [
    { what: 'members of an unknown campaign', run: ({ chibo }) => chibo.get(`/api/v1/campaigns/${NO_CAMPAIGN}/members`), status: 404 },
  ],
  'POST /api/v1/campaigns/{id}/contributions/batch': [
    {
      what: 'record for a member of B',
      run: ({ chibo, pB }) =>
        chibo.post(`/api/v1/campaigns/${NO_CAMPAIGN}/contributions/batch`, {
          rows: [{ personId: pB.id, amount: 500_000, method: 'cash', date: '2023-09-15' }],
        }),
      status: 404,
    },
  ],
  'POST /api/v1/campaigns/{id}/pledges': [
    {
      what: 'pledge to an unknown campaign',
      run: ({ chibo }) => chibo.post(`/api/v1/campaigns/${NO_CAMPAIGN}/pledges`, { amount: 500_000 }),
      status: 404,
    },
  ],
  'POST /api/v1/campaigns/{id}/entries/{entryId}/reverse': [
    {
      what: 'reverse an unknown entry',
      run: ({ chibo }) => chibo.post(`/api/v1/campaigns/${NO_CAMPAIGN}/entries/${NO_CAMPAIGN}/reverse`, { reason: 'Ghi nhầm' }),
      status: 404,
    },
  ],
  'POST /api/v1/campaigns/{id}/entries/{entryId}/confirm': [
    {
      what: 'confirm an unknown entry',
      run: ({ chibo }) => chibo.post(`/api/v1/campaigns/${NO_CAMPAIGN}/entries/${NO_CAMPAIGN}/confirm`),
      status: 404,
    },
  ],
  'GET /api/v1/campaigns/{id}/contributions/{entryId}/receipt.pdf': [
    {
      what: 'a receipt of an unknown entry',
      run: ({ chibo }) => chibo.get(`/api/v1/campaigns/${NO_CAMPAIGN}/contributions/${NO_CAMPAIGN}/receipt.pdf`),
      status: 404,
    },
  ],
  'GET /api/v1/campaigns/{id}/export.xlsx': [
    { what: 'export an unknown campaign', run: ({ chibo }) => chibo.get(`/api/v1/campaigns/${NO_CAMPAIGN}/export.xlsx`), status: 404 },
  ],
  'POST /api/v1/campaigns/{id}/handovers': [
    {
      what: 'a handover of an unknown campaign',
      run: ({ chibo }) =>
        chibo.post(`/api/v1/campaigns/${NO_CAMPAIGN}/handovers`, { amount: 1_000_000, date: '2023-09-25', recipient: 'Người nhận' }),
      status: 404,
    },
  ],
  'POST /api/v1/campaigns/{id}/handovers/{handoverId}/files': [
    {
      what: 'a document for an unknown handover',
      run: ({ chibo }) =>
        chibo.request({
          method: 'POST',
          url: `/api/v1/campaigns/${NO_CAMPAIGN}/handovers/${NO_CAMPAIGN}/files`,
          payload:
            '--sm\r\nContent-Disposition: form-data; name="file"; filename="bb.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\r\n--sm--\r\n',
          headers: { 'content-type': 'multipart/form-data; boundary=sm' },
        }),
      status: 404,
    },
  ],
  'GET /api/v1/campaigns/{id}/handovers/{handoverId}/files/{fileId}': [
    {
      what: 'a document of an unknown handover',
      run: ({ chibo }) => chibo.get(`/api/v1/campaigns/${NO_CAMPAIGN}/handovers/${NO_CAMPAIGN}/files/${NO_CAMPAIGN}`),
      status: 404,
    },
  ],
  'GET /api/v1/public/campaigns/{id}': [
    {
      what: 'the public page of an unknown (or draft) campaign',
      run: ({ t }) => t.anon().get(`/api/v1/public/campaigns/${NO_CAMPAIGN}`),
      status: 404,
    },
  ],

  // --- notifications: always the caller's own inbox and preferences ---
  'GET /api/v1/notifications': [
    {
      what: 'the inbox holds only the caller’s own notifications (an extra personId is ignored)',
      run: ({ chibo, pB }) => chibo.get(`/api/v1/notifications?personId=${pB.id}`),
      status: 200,
      check: (res) => expect(res.json<{ items: unknown[] }>().items).toEqual([]),
    },
  ],
  'GET /api/v1/notifications/unread-count': [
    {
      what: 'counts only the caller’s own unread notifications',
      run: ({ chibo }) => chibo.get('/api/v1/notifications/unread-count'),
      status: 200,
    },
  ],
  'POST /api/v1/notifications/read-all': [
    {
      what: 'marks only the caller’s own notifications (none here: nothing is written)',
      run: ({ chibo }) => chibo.post('/api/v1/notifications/read-all'),
      status: 200,
      check: (res) => expect(res.json()).toEqual({ count: 0 }),
    },
  ],
  'POST /api/v1/notifications/{id}/read': [
    {
      what: 'a notification that is not the caller’s (or does not exist)',
      run: ({ chibo }) => chibo.post('/api/v1/notifications/00000000-0000-7000-8000-0000000000d1/read'),
      status: 404,
    },
  ],
  'GET /api/v1/notifications/preferences': [
    {
      what: 'the caller’s own preferences (an extra userId is ignored)',
      run: ({ chibo, uB }) => chibo.get(`/api/v1/notifications/preferences?userId=${uB.id}`),
      status: 200,
    },
  ],
  'PUT /api/v1/notifications/preferences': [
    {
      what: 'an extra userId of another account is ignored; a stale version changes nothing',
      run: ({ chibo, uB }) =>
        chibo.put('/api/v1/notifications/preferences', { version: 7, emailEnabled: false, digestEnabled: false, userId: uB.id }),
      status: 409,
    },
  ],

  // --- background jobs and the mail outbox: system administrators only ---
  'GET /api/v1/jobs': [{ what: 'the background job list', run: ({ chibo }) => chibo.get('/api/v1/jobs?status=dead'), status: 404 }],
  'GET /api/v1/jobs/summary': [{ what: 'job counts', run: ({ chibo }) => chibo.get('/api/v1/jobs/summary'), status: 404 }],
  'GET /api/v1/mail-outbox': [{ what: 'the outgoing mail of everyone', run: ({ chibo }) => chibo.get('/api/v1/mail-outbox'), status: 404 }],

  // --- calendar: the working-day calendar is for every signed-in user; its configuration for system administrators only ---
  'GET /api/v1/calendar/{year}': [
    { what: 'the holiday calendar of a year', run: ({ chibo }) => chibo.get('/api/v1/calendar/2026'), status: 200 },
  ],
  'GET /api/v1/calendar/add-working-days': [
    {
      what: 'working-day arithmetic',
      run: ({ chibo }) => chibo.get('/api/v1/calendar/add-working-days?from=2026-02-12&days=5'),
      status: 200,
    },
  ],
  'GET /api/v1/calendar/config/{year}': [
    { what: 'the yearly holiday configuration', run: ({ chibo }) => chibo.get('/api/v1/calendar/config/2026'), status: 404 },
  ],
  'PUT /api/v1/calendar/config/{year}': [
    {
      what: 'changing the holiday configuration',
      run: ({ chibo }) =>
        chibo.put('/api/v1/calendar/config/2026', { version: 0, extraHolidays: [{ date: '2026-02-13', name: 'Nghỉ thêm' }] }),
      status: 404,
    },
  ],
  // --- documents, tasks and signals: the chi bộ user reads and assigns inside A only ---
  'GET /api/v1/documents': [
    {
      what: 'the registry holds nothing from outside A',
      run: ({ chibo }) => chibo.get('/api/v1/documents'),
      status: 200,
      check: (res) => expect(ids(res)).toEqual([]),
    },
    {
      what: 'filtering on documents issued by B',
      run: ({ chibo, b }) => chibo.get(`/api/v1/documents?issuingOrgId=${b.id}`),
      status: 200,
      check: (res) => expect(ids(res)).toEqual([]),
    },
  ],
  'POST /api/v1/documents': [
    {
      what: 'a document issued by B',
      run: ({ chibo, b }) =>
        chibo.post('/api/v1/documents', {
          type: 'ke_hoach',
          issuingOrgId: b.id,
          number: '01-KH/CB',
          issuedOn: '2023-09-11',
          title: 'Kế hoạch của chi bộ B',
        }),
      status: 404,
    },
  ],
  'GET /api/v1/documents/next-number': [
    {
      what: 'the next number of B',
      run: ({ chibo, b }) => chibo.get(`/api/v1/documents/next-number?orgId=${b.id}&type=ke_hoach`),
      status: 404,
    },
  ],
  'GET /api/v1/documents/numbering-settings': [
    {
      what: 'the numbering terms (nothing per org outside A is set)',
      run: ({ chibo }) => chibo.get('/api/v1/documents/numbering-settings'),
      status: 200,
    },
  ],
  'PUT /api/v1/documents/numbering-settings': [
    {
      what: 'changing the numbering terms',
      run: ({ chibo, b }) =>
        chibo.put('/api/v1/documents/numbering-settings', {
          version: 0,
          partyTermStarts: ['2020-07-01'],
          orgTermStarts: { [b.id]: ['2021-01-01'] },
          issuerCodes: {},
        }),
      status: 404,
    },
  ],
  'GET /api/v1/documents/{id}': [
    { what: 'an unknown document', run: ({ chibo }) => chibo.get(`/api/v1/documents/${NO_CAMPAIGN}`), status: 404 },
  ],
  'PATCH /api/v1/documents/{id}': [
    {
      what: 'edit an unknown document',
      run: ({ chibo }) => chibo.patch(`/api/v1/documents/${NO_CAMPAIGN}`, { version: 1, title: 'Đổi tên văn bản' }),
      status: 404,
    },
  ],
  'POST /api/v1/documents/{id}/issue': [
    {
      what: 'issue an unknown document to B',
      run: ({ chibo, b }) =>
        chibo.post(`/api/v1/documents/${NO_CAMPAIGN}/issue`, { version: 1, recipientOrgIds: [b.id], responseWorkingDays: 10 }),
      status: 404,
    },
  ],
  'POST /api/v1/documents/{id}/groups': [
    {
      what: 'a task group of an unknown document',
      run: ({ chibo }) => chibo.post(`/api/v1/documents/${NO_CAMPAIGN}/groups`, { code: '1', title: 'Nhóm nhiệm vụ' }),
      status: 404,
    },
  ],
  'PATCH /api/v1/task-groups/{id}': [
    {
      what: 'edit an unknown task group',
      run: ({ chibo }) => chibo.patch(`/api/v1/task-groups/${NO_CAMPAIGN}`, { version: 1, title: 'Nhóm nhiệm vụ' }),
      status: 404,
    },
  ],
  'GET /api/v1/documents/{id}/files/{fileId}': [
    {
      what: 'a file of an unknown document',
      run: ({ chibo }) => chibo.get(`/api/v1/documents/${NO_CAMPAIGN}/files/${NO_CAMPAIGN}`),
      status: 404,
    },
  ],
  'POST /api/v1/files': [
    {
      what: 'an upload of a refused type writes nothing',
      run: ({ chibo }) =>
        chibo.request({
          method: 'POST',
          url: '/api/v1/files',
          payload:
            '--sm\r\nContent-Disposition: form-data; name="file"; filename="x.exe"\r\nContent-Type: application/octet-stream\r\n\r\nMZ\r\n--sm--\r\n',
          headers: { 'content-type': 'multipart/form-data; boundary=sm' },
        }),
      status: 400,
    },
  ],
  'GET /api/v1/tasks': [
    {
      what: 'my tasks hold nothing from outside A',
      run: ({ chibo }) => chibo.get('/api/v1/tasks'),
      status: 200,
      check: (res) => expect(ids(res)).toEqual([]),
    },
    { what: 'the task list of B', run: ({ chibo, b }) => chibo.get(`/api/v1/tasks?view=unit&orgId=${b.id}`), status: 404 },
    {
      what: 'the task list of the committee above',
      run: ({ chibo, dept }) => chibo.get(`/api/v1/tasks?view=unit&orgId=${dept.id}`),
      status: 404,
    },
  ],
  'POST /api/v1/tasks': [
    {
      what: 'a task assigned on behalf of B',
      run: ({ chibo, b }) => chibo.post('/api/v1/tasks', { assignerOrgId: b.id, title: 'Giao việc thay chi bộ B', lead: { orgId: b.id } }),
      status: 404,
    },
    {
      what: 'a task from A to B (outside the reach of A)',
      run: ({ chibo, a, b, pB }) =>
        chibo.post('/api/v1/tasks', { assignerOrgId: a.id, title: 'Giao việc cho chi bộ B', lead: { orgId: b.id, personId: pB.id } }),
      status: 400,
    },
  ],
  'GET /api/v1/tasks/settings': [
    { what: 'the reminder settings (no unit data)', run: ({ chibo }) => chibo.get('/api/v1/tasks/settings'), status: 200 },
  ],
  'PUT /api/v1/tasks/settings': [
    {
      what: 'changing the reminder settings',
      run: ({ chibo }) =>
        chibo.put('/api/v1/tasks/settings', {
          version: 0,
          reminderBeforeDays: 1,
          reminderOnDueDay: true,
          overdueReminderEveryDays: 1,
          escalateAfterReminders: 1,
          escalateTo: 'assigner_head',
        }),
      status: 404,
    },
  ],
  'POST /api/v1/tasks/sweep': [{ what: 'running the daily sweep', run: ({ chibo }) => chibo.post('/api/v1/tasks/sweep', {}), status: 404 }],
  'GET /api/v1/tasks/{id}': [{ what: 'an unknown task', run: ({ chibo }) => chibo.get(`/api/v1/tasks/${NO_CAMPAIGN}`), status: 404 }],
  'PATCH /api/v1/tasks/{id}': [
    {
      what: 'edit an unknown task',
      run: ({ chibo }) => chibo.patch(`/api/v1/tasks/${NO_CAMPAIGN}`, { version: 1, title: 'Đổi tên nhiệm vụ' }),
      status: 404,
    },
  ],
  'GET /api/v1/tasks/{id}/candidates': [
    {
      what: 'pickers of an unknown task',
      run: ({ chibo }) => chibo.get(`/api/v1/tasks/${NO_CAMPAIGN}/candidates?purpose=transfer`),
      status: 404,
    },
  ],
  'GET /api/v1/tasks/{id}/files/{fileId}': [
    { what: 'a file of an unknown task', run: ({ chibo }) => chibo.get(`/api/v1/tasks/${NO_CAMPAIGN}/files/${NO_CAMPAIGN}`), status: 404 },
  ],
  ...Object.fromEntries(
    (
      [
        ['accept', { version: 1 }],
        ['progress', { version: 1, percent: 10, text: 'Tiến độ' }],
        ['complete', { version: 1, text: 'Hoàn thành' }],
        ['accept-completion', { version: 1, qualityAccepted: true }],
        ['send-back', { version: 1, reason: 'Làm lại' }],
        ['return', { version: 1, reason: 'Trả lại' }],
        ['extension-request', { version: 1, newDeadline: '2030-01-01', reason: 'Xin gia hạn' }],
        ['extension-approve', { version: 1 }],
        ['extension-refuse', { version: 1, reason: 'Không đồng ý' }],
        ['deadline', { version: 1, deadline: null, reason: 'Bỏ hạn' }],
        ['remind', { version: 1 }],
        ['cancel', { version: 1, reason: 'Hủy' }],
        ['comments', { text: 'Trao đổi' }],
      ] as const
    ).map(([action, body]): [string, Case[]] => [
      `POST /api/v1/tasks/{id}/${action}`,
      [
        {
          what: `${action} on an unknown task`,
          run: ({ chibo }) => chibo.post(`/api/v1/tasks/${NO_CAMPAIGN}/${action}`, body),
          status: 404,
        },
      ],
    ]),
  ),
  'POST /api/v1/tasks/{id}/transfer': [
    {
      what: 'transfer an unknown task to B',
      run: ({ chibo, b }) => chibo.post(`/api/v1/tasks/${NO_CAMPAIGN}/transfer`, { version: 1, reason: 'Chuyển', lead: { orgId: b.id } }),
      status: 404,
    },
  ],
  'POST /api/v1/tasks/{id}/forward': [
    {
      what: 'forward an unknown task to a person of B',
      run: ({ chibo, b, pB }) => chibo.post(`/api/v1/tasks/${NO_CAMPAIGN}/forward`, { version: 1, lead: { orgId: b.id, personId: pB.id } }),
      status: 404,
    },
  ],
  'GET /api/v1/signals': [
    {
      what: 'signals of A only (none)',
      run: ({ chibo }) => chibo.get('/api/v1/signals'),
      status: 200,
      check: (res) => expect(res.json<{ rows: unknown[] }>().rows).toEqual([]),
    },
    { what: 'signals of B', run: ({ chibo, b }) => chibo.get(`/api/v1/signals?orgId=${b.id}`), status: 404 },
    { what: 'signals of a person of B', run: ({ chibo, pB }) => chibo.get(`/api/v1/signals?personId=${pB.id}`), status: 404 },
  ],
  'GET /api/v1/signals/tasks': [
    { what: 'signal drill-down in B', run: ({ chibo, b }) => chibo.get(`/api/v1/signals/tasks?orgId=${b.id}`), status: 404 },
    {
      what: 'signal drill-down of a person of X',
      run: ({ chibo, pX }) => chibo.get(`/api/v1/signals/tasks?personId=${pX.id}`),
      status: 404,
    },
  ],
  'GET /api/v1/signals/thresholds': [
    { what: 'the signal thresholds', run: ({ chibo }) => chibo.get('/api/v1/signals/thresholds'), status: 200 },
  ],
  'PUT /api/v1/signals/thresholds': [
    {
      what: 'changing the signal thresholds',
      run: ({ chibo }) =>
        chibo.put('/api/v1/signals/thresholds', {
          version: 0,
          transferChainMax: 1,
          slowAcceptanceDays: 1,
          extensionRepeatMin: 2,
          extensionLastMinuteDays: 1,
          overdueReminderMin: 1,
          headToDeputyMin: 1,
          returnRateMin: 0.1,
          returnRateMinTasks: 1,
          notUpdatedDays: 1,
        }),
      status: 404,
    },
  ],
  // --- dissemination: a conference of chi bộ B (its document, QR code and coverage) is unknown to the chi bộ user ---
  'GET /api/v1/conferences': [
    {
      what: 'the list holds only conferences of A (none of B)',
      run: ({ chibo }) => chibo.get('/api/v1/conferences'),
      status: 200,
      check: (res) => expect(ids(res)).not.toContain(CONF_B.conferenceId),
    },
    { what: 'conferences of B', run: ({ chibo, b }) => chibo.get(`/api/v1/conferences?orgId=${b.id}`), status: 404 },
  ],
  'POST /api/v1/conferences': [
    {
      what: 'scheduling a conference of B',
      run: ({ chibo, b }) =>
        chibo.post('/api/v1/conferences', {
          documentId: CONF_B.documentId,
          orgId: b.id,
          heldOn: '2023-09-14',
          format: 'online',
          onlineLink: 'https://hop.example.vn/b',
        }),
      status: 404,
    },
  ],
  'GET /api/v1/conferences/{id}': [
    { what: 'the conference of B', run: ({ chibo }) => chibo.get(`/api/v1/conferences/${CONF_B.conferenceId}`), status: 404 },
  ],
  'PATCH /api/v1/conferences/{id}': [
    {
      what: 'editing the conference of B',
      run: ({ chibo }) => chibo.patch(`/api/v1/conferences/${CONF_B.conferenceId}`, { version: 1, chair: 'Người ngoài' }),
      status: 404,
    },
  ],
  'POST /api/v1/conferences/{id}/close': [
    {
      what: 'closing the conference of B',
      run: ({ chibo }) => chibo.post(`/api/v1/conferences/${CONF_B.conferenceId}/close`, { version: 1 }),
      status: 404,
    },
  ],
  'GET /api/v1/conferences/{id}/files/{fileId}': [
    {
      what: 'the minutes of B',
      run: ({ chibo }) => chibo.get(`/api/v1/conferences/${CONF_B.conferenceId}/files/${CONF_B.fileId}`),
      status: 404,
    },
  ],
  'GET /api/v1/conferences/{id}/attendees': [
    {
      what: 'the attendee list of B',
      run: ({ chibo }) => chibo.get(`/api/v1/conferences/${CONF_B.conferenceId}/attendees`),
      status: 404,
    },
  ],
  'POST /api/v1/conferences/{id}/attendees': [
    {
      what: 'adding a member of A to the conference of B',
      run: ({ chibo, pAB }) => chibo.post(`/api/v1/conferences/${CONF_B.conferenceId}/attendees`, { personId: pAB.id }),
      status: 404,
    },
  ],
  'DELETE /api/v1/conferences/{id}/attendees/{personId}': [
    {
      what: 'removing a member of B from its conference',
      run: ({ chibo, pB }) => chibo.delete(`/api/v1/conferences/${CONF_B.conferenceId}/attendees/${pB.id}`),
      status: 404,
    },
  ],
  'POST /api/v1/conferences/{id}/attendees/{personId}/check-in': [
    {
      what: 'checking a member of B in',
      run: ({ chibo, pB }) => chibo.post(`/api/v1/conferences/${CONF_B.conferenceId}/attendees/${pB.id}/check-in`),
      status: 404,
    },
  ],
  'GET /api/v1/conferences/{id}/checkin-token': [
    {
      what: 'the QR code of B',
      run: ({ chibo }) => chibo.get(`/api/v1/conferences/${CONF_B.conferenceId}/checkin-token`),
      status: 404,
    },
  ],
  'POST /api/v1/conferences/check-in': [
    {
      what: 'scanning the QR code of B: not on its list, nothing recorded',
      run: ({ chibo }) => chibo.post('/api/v1/conferences/check-in', { token: CONF_B.token }),
      status: 403,
    },
  ],
  'POST /api/v1/conferences/{id}/acknowledge': [
    {
      what: 'acknowledging at the conference of B',
      run: ({ chibo }) => chibo.post(`/api/v1/conferences/${CONF_B.conferenceId}/acknowledge`, { confirm: true }),
      status: 404,
    },
  ],
  'POST /api/v1/conferences/{id}/quiz-attempts': [
    {
      what: 'the quiz of B',
      run: ({ chibo }) => chibo.post(`/api/v1/conferences/${CONF_B.conferenceId}/quiz-attempts`, { answers: [0] }),
      status: 404,
    },
  ],
  'GET /api/v1/me/acknowledgements': [
    {
      what: 'only the caller’s own acknowledgements (none at B)',
      run: ({ chibo }) => chibo.get('/api/v1/me/acknowledgements'),
      status: 200,
      check: (res) => expect(res.json<{ total: number }>().total).toBe(0),
    },
  ],
  'GET /api/v1/documents/{id}/coverage': [
    {
      what: 'coverage of B',
      run: ({ chibo, b }) => chibo.get(`/api/v1/documents/${CONF_B.documentId}/coverage?orgId=${b.id}`),
      status: 404,
    },
  ],
  'GET /api/v1/documents/{id}/coverage/missing': [
    {
      what: 'who is missing in B',
      run: ({ chibo, b }) => chibo.get(`/api/v1/documents/${CONF_B.documentId}/coverage/missing?orgId=${b.id}`),
      status: 404,
    },
  ],
  'GET /api/v1/documents/{id}/coverage.xlsx': [
    {
      what: 'coverage of B as XLSX',
      run: ({ chibo, b }) => chibo.get(`/api/v1/documents/${CONF_B.documentId}/coverage.xlsx?orgId=${b.id}`),
      status: 404,
    },
  ],
  // --- evaluation and dashboard (issue 5): B's ratings and figures are out of reach ---
  'GET /api/v1/dashboard': [
    {
      what: 'the dashboard without an org is that of A',
      run: ({ chibo }) => chibo.get('/api/v1/dashboard?from=2026-01-01&to=2026-03-31'),
      status: 200,
      check: (res, { a }) => expect(res.json<{ org: { id: string } }>().org.id).toBe(a.id),
    },
    { what: 'the dashboard of B', run: ({ chibo, b }) => chibo.get(`/api/v1/dashboard?orgId=${b.id}`), status: 404 },
    {
      what: 'the dashboard of the committee above',
      run: ({ chibo, dept }) => chibo.get(`/api/v1/dashboard?orgId=${dept.id}`),
      status: 404,
    },
  ],
  'GET /api/v1/evaluations': [
    { what: 'the ratings of B', run: ({ chibo, b }) => chibo.get(`/api/v1/evaluations?orgId=${b.id}&period=2026-Q1`), status: 404 },
    {
      what: 'the ratings of the committee above',
      run: ({ chibo, dept }) => chibo.get(`/api/v1/evaluations?orgId=${dept.id}&period=2026-Q1`),
      status: 404,
    },
  ],
  'POST /api/v1/evaluations/cycle': [
    {
      what: 'opening the rating period of B',
      run: ({ chibo, b }) => chibo.post('/api/v1/evaluations/cycle', { orgId: b.id, period: '2026-Q1' }),
      status: 404,
    },
  ],
  'GET /api/v1/evaluations/history': [
    {
      what: 'the rating history of a person of B',
      run: ({ chibo, pB }) => chibo.get(`/api/v1/evaluations/history?personId=${pB.id}`),
      status: 404,
    },
    {
      what: 'the rating history of a person of X',
      run: ({ chibo, pX }) => chibo.get(`/api/v1/evaluations/history?personId=${pX.id}`),
      status: 404,
    },
  ],
  'GET /api/v1/evaluations/{id}': [
    { what: 'the rating of a person of B', run: ({ chibo }) => chibo.get(`/api/v1/evaluations/${EVALUATIONS.b}`), status: 404 },
  ],
  'POST /api/v1/evaluations/{id}/self-assessment': [
    {
      what: 'self-assessing for a person of B',
      run: ({ chibo }) =>
        chibo.post(`/api/v1/evaluations/${EVALUATIONS.b}/self-assessment`, { version: 1, level: 'tot', text: 'Tự đánh giá thay' }),
      status: 404,
    },
  ],
  'POST /api/v1/evaluations/{id}/proposal': [
    {
      what: 'proposing the rating of a person of B',
      run: ({ chibo }) =>
        chibo.post(`/api/v1/evaluations/${EVALUATIONS.b}/proposal`, { version: 1, generalPoints: 30, manualTaskPercent: 100 }),
      status: 404,
    },
  ],
  'POST /api/v1/evaluations/{id}/approval': [
    {
      what: 'approving the rating of a person of B',
      run: ({ chibo }) => chibo.post(`/api/v1/evaluations/${EVALUATIONS.b}/approval`, { version: 1 }),
      status: 404,
    },
  ],
  // --- official reports and list exports (issue 5): B's figures, reports and rows are out of reach ---
  'POST /api/v1/reports/draft': [
    {
      what: 'the draft of A names nothing above A',
      run: ({ chibo, a }) => chibo.post('/api/v1/reports/draft', { kind: 'ct24', orgId: a.id, period: '2026-Q1' }),
      status: 200,
      check: (res) => expect(res.json<{ header: { superior: string | null } }>().header.superior).toBeNull(),
    },
    {
      what: 'the draft of B',
      run: ({ chibo, b }) => chibo.post('/api/v1/reports/draft', { kind: 'ct24', orgId: b.id, period: '2026-Q1' }),
      status: 404,
    },
    {
      what: 'the draft of the committee above',
      run: ({ chibo, dept }) => chibo.post('/api/v1/reports/draft', { kind: 'task-followup', orgId: dept.id, period: '2026' }),
      status: 404,
    },
  ],
  'POST /api/v1/reports': [
    {
      what: 'a report of B',
      run: ({ chibo, b }) =>
        chibo.post('/api/v1/reports', { kind: 'ct24', orgId: b.id, period: '2026-Q1', sections: [{ key: 'a', heading: 'I', text: 'x' }] }),
      status: 404,
    },
    {
      what: 'a report of X',
      run: ({ chibo, x }) =>
        chibo.post('/api/v1/reports', { kind: 'ct24', orgId: x.id, period: '2026-Q1', sections: [{ key: 'a', heading: 'I', text: 'x' }] }),
      status: 404,
    },
  ],
  'GET /api/v1/reports': [
    {
      what: 'the report list holds nothing of B',
      run: ({ chibo }) => chibo.get('/api/v1/reports'),
      status: 200,
      check: (res) => expect(ids(res)).not.toContain(REPORT_B.id),
    },
    { what: 'the reports of B', run: ({ chibo, b }) => chibo.get(`/api/v1/reports?orgId=${b.id}`), status: 404 },
  ],
  'GET /api/v1/reports/{id}': [{ what: 'the report of B', run: ({ chibo }) => chibo.get(`/api/v1/reports/${REPORT_B.id}`), status: 404 }],
  'GET /api/v1/reports/{id}/files/{format}': [
    { what: 'the DOCX of B’s report', run: ({ chibo }) => chibo.get(`/api/v1/reports/${REPORT_B.id}/files/docx`), status: 404 },
    { what: 'the XLSX of B’s report', run: ({ chibo }) => chibo.get(`/api/v1/reports/${REPORT_B.id}/files/xlsx`), status: 404 },
  ],
  'GET /api/v1/tasks/export': [
    { what: 'my tasks as XLSX', run: ({ chibo }) => chibo.get('/api/v1/tasks/export'), status: 200 },
    { what: 'the task sheet of B', run: ({ chibo, b }) => chibo.get(`/api/v1/tasks/export?view=unit&orgId=${b.id}`), status: 404 },
    {
      what: 'the task sheet of the committee above',
      run: ({ chibo, dept }) => chibo.get(`/api/v1/tasks/export?view=unit&orgId=${dept.id}`),
      status: 404,
    },
  ],
  'GET /api/v1/cases/export': [
    { what: 'the case sheet of B', run: ({ chibo, b }) => chibo.get(`/api/v1/cases/export?orgId=${b.id}`), status: 404 },
    { what: 'the case sheet of X', run: ({ chibo, x }) => chibo.get(`/api/v1/cases/export?orgId=${x.id}`), status: 404 },
  ],
  'GET /api/v1/documents/export': [
    {
      what: 'the document sheet (documents within reach only, as the list)',
      run: ({ chibo }) => chibo.get('/api/v1/documents/export'),
      status: 200,
    },
  ],
};

interface OpenApiDoc {
  paths: Record<string, Record<string, unknown>>;
}

const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);

function endpointsOf(doc: OpenApiDoc): string[] {
  const out: string[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    if (!path.startsWith('/api/v1/')) continue;
    for (const m of Object.keys(ops)) if (HTTP_METHODS.has(m)) out.push(`${m.toUpperCase()} ${path}`);
  }
  return out.sort();
}

describe('scope matrix: a chi bộ user reaches nothing outside the chi bộ', () => {
  const f = {} as Fixture;
  let documented: string[] = [];

  beforeAll(async () => {
    const t = await createTestContext();
    f.t = t;
    f.dept = await t.newOrg({ kind: 'dang_uy_co_so', name: 'Đảng ủy Sở Ma Trận' });
    f.a = await t.newOrg({ parent: f.dept, kind: 'chi_bo', name: 'Chi bộ Văn phòng Ma Trận' });
    f.a1 = await t.newOrg({ parent: f.a, kind: 'khac', name: 'Tổ đảng Một' });
    f.b = await t.newOrg({ parent: f.dept, kind: 'chi_bo', name: 'Chi bộ Bưu chính Ngoài' });
    f.x = await t.newOrg({ parent: null, kind: 'ubnd', name: 'Ủy ban Nhánh Khác' });
    f.x1 = await t.newOrg({ parent: f.x, kind: 'so', name: 'Sở Nhánh Khác' });

    const chiboPerson = await t.newPerson({ org: f.a, fullName: 'Phạm Thị Hồng Nhung' });
    f.chiboUser = await t.newUser({
      person: chiboPerson,
      roles: [
        { role: 'leader', org: f.a },
        { role: 'unit_admin', org: f.a },
      ],
    });
    f.pA = await t.newPerson({ org: f.a, fullName: 'Trần Văn Trong' });
    f.uA = await t.newUser({ person: f.pA });
    f.pB = await t.newPerson({ org: f.b, fullName: 'Hoàng Văn Ngoài', email: 'ngoai@b.example.vn' });
    f.uB = await t.newUser({ person: f.pB, roles: [{ role: 'leader', org: f.b }] });
    f.pX = await t.newPerson({ org: f.x1, fullName: 'Lý Thị Xa' });
    f.pAB = await t.newPerson({ org: f.b, fullName: 'Đỗ Văn Cả Hai' });
    f.uAB = await t.newUser({ person: f.pAB, roles: [{ role: 'leader', org: f.b }] });
    const pSA = await t.newPerson({ org: f.a, fullName: 'Vũ Quản Trị' });
    f.uSA = await t.newUser({ person: pSA, roles: [{ role: 'system_admin', org: null }] });

    const admin = await t.login(f.uSA);
    const membershipOf = async (personId: string, orgId: string): Promise<Ref> => {
      const p = (await admin.get(`/api/v1/people/${personId}`)).json<{ memberships: { id: string; orgId: string }[] }>();
      return { id: p.memberships.find((m) => m.orgId === orgId)!.id };
    };
    const added = await admin.post(`/api/v1/people/${f.pAB.id}/memberships`, { orgId: f.a.id, title: 'Đảng viên' });
    expect(added.statusCode).toBe(200);
    f.mA = await membershipOf(f.pA.id, f.a.id);
    f.mB = await membershipOf(f.pB.id, f.b.id);
    f.mAB_A = await membershipOf(f.pAB.id, f.a.id);
    f.mAB_B = await membershipOf(f.pAB.id, f.b.id);
    const grantOn = async (u: TestUser, orgId: string): Promise<Ref> => ({
      id: (await admin.get(`/api/v1/users/${u.id}`)).json<User>().grants.find((g) => g.orgId === orgId)!.id,
    });
    f.gB = await grantOn(f.uB, f.b.id);
    f.gAB_B = await grantOn(f.uAB, f.b.id);
    f.gSA = { id: (await admin.get(`/api/v1/users/${f.uSA.id}`)).json<User>().grants.find((g) => g.role === 'system_admin')!.id };

    f.visibleOrgs = new Set([f.a.id, f.a1.id]);
    f.visiblePeople = new Set([chiboPerson.id, f.pA.id, f.pAB.id, pSA.id]);
    f.chibo = await t.login(f.chiboUser);

    // Evaluation: the rating period of chi bộ B is open (its member pB has a rating).
    expect((await admin.post('/api/v1/evaluations/cycle', { orgId: f.b.id, period: '2026-Q1' })).statusCode).toBe(200);
    EVALUATIONS.b = (await t.ctx.db.selectFrom('evaluations').select('id').where('person_id', '=', f.pB.id).executeTakeFirstOrThrow()).id;

    const committed = JSON.parse(fs.readFileSync(OPENAPI_FILE, 'utf8')) as OpenApiDoc;
    documented = [...new Set([...endpointsOf(committed), ...endpointsOf(f.t.app.swagger() as OpenApiDoc)])].sort();
  });

  // Dissemination: a plan of chi bộ B disseminated to its members, with a file, a quiz and a QR code.
  beforeAll(async () => {
    const admin = await f.t.login(f.uSA);
    const doc = await admin.post('/api/v1/documents', {
      type: 'ke_hoach',
      issuingOrgId: f.b.id,
      number: '77-KH/CB',
      issuedOn: '2023-09-11',
      status: 'issued',
      title: 'Kế hoạch quán triệt của chi bộ B',
    });
    expect(doc.statusCode, doc.body).toBe(200);
    CONF_B.documentId = doc.json<{ id: string }>().id;
    const up = new FormData();
    up.append('file', new Blob(['Biên bản chi bộ B']), 'bien-ban-b.txt');
    CONF_B.fileId = (await admin.request({ method: 'POST', url: '/api/v1/files', payload: up })).json<{ id: string }>().id;
    const conf = await admin.post('/api/v1/conferences', {
      documentId: CONF_B.documentId,
      orgId: f.b.id,
      heldOn: '2023-09-14',
      format: 'in_person',
      place: 'Phòng họp chi bộ B',
      materialFileIds: [CONF_B.fileId],
      quiz: { passMark: 50, questions: [{ text: 'Câu hỏi của chi bộ B', options: ['Có', 'Không'], correct: 0 }] },
    });
    expect(conf.statusCode, conf.body).toBe(200);
    CONF_B.conferenceId = conf.json<{ id: string }>().id;
    CONF_B.token = (await admin.get(`/api/v1/conferences/${CONF_B.conferenceId}/checkin-token`)).json<{ token: string }>().token;
  });
  beforeAll(async () => {
    const admin = await f.t.login(f.uSA);
    const res = await admin.post('/api/v1/reports', {
      kind: 'ct24',
      orgId: f.b.id,
      period: '2026-Q1',
      sections: [{ key: 'a', heading: 'I. TÌNH HÌNH CHUNG', text: 'Báo cáo của chi bộ B' }],
    });
    expect(res.statusCode, res.body).toBe(200);
    REPORT_B.id = res.json<{ id: string }>().id;
    // Rendered by the job's own code (not the scheduler: other queued jobs of the set-up stay as they are).
    const job = {
      id: '',
      type: 'reports.render',
      attempt: 1,
      maxAttempts: 1,
      runAt: new Date().toISOString(),
      dedupeKey: null,
      retryAt: null,
    };
    const log = { info: () => {}, warn: () => {}, error: () => {} };
    await new ReportService(f.t.ctx).render(REPORT_B.id, {
      app: f.t.ctx,
      job,
      instanceId: 'matrix',
      log,
      now: () => new Date(),
      markDone: async () => {},
    });
    expect((await admin.get(`/api/v1/reports/${REPORT_B.id}`)).json<{ status: string }>().status).toBe('done');
  });
  afterAll(() => f.t.close());

  /** Names and ids from outside A that no answer to the chi bộ user may contain. */
  function secrets(): string[] {
    return [
      f.b.id,
      f.b.name,
      f.b.code,
      f.dept.name,
      f.x.id,
      f.x.name,
      f.x1.id,
      f.x1.name,
      f.pB.id,
      f.pB.fullName,
      'ngoai@b.example.vn',
      f.pX.id,
      f.pX.fullName,
      f.uB.id,
      f.uB.username,
      f.gB.id,
      f.gAB_B.id,
      f.mB.id,
      f.mAB_B.id,
    ];
  }

  async function usersById(): Promise<Map<string, string>> {
    const rows = await f.t.ctx.db.selectFrom('users').selectAll().execute();
    return new Map(rows.map((r) => [r.id, JSON.stringify(r)]));
  }

  it('every endpoint in docs/openapi.json has a row in the scope matrix (add one to MATRIX in scope-matrix.test.ts)', () => {
    const missing = documented.filter((e) => !MATRIX[e]);
    expect(
      missing,
      `Endpoints without a scope-matrix row — add a row to MATRIX in packages/server/test/scope-matrix.test.ts saying how a chi bộ user calls them with a resource outside the chi bộ and what they must answer`,
    ).toEqual([]);
  });

  it('has no row for an endpoint that no longer exists', () => {
    expect(Object.keys(MATRIX).filter((e) => !documented.includes(e))).toEqual([]);
  });

  const rows = Object.entries(MATRIX).flatMap(([endpoint, cases]) => cases.map((c) => ({ endpoint, c })));
  it.each(rows)('$endpoint — $c.what', async ({ endpoint, c }) => {
    if (!documented.includes(endpoint)) return; // reported by the test above
    const { t } = f;
    const before = await t.fingerprint();
    const usersBefore = c.selfOnly ? await usersById() : new Map<string, string>();
    const seqBefore = c.selfOnly ? await t.count('audit_log') : 0;

    const res = await c.run(f);
    expect(res.statusCode, `${endpoint}: ${res.body}`).toBe(c.status);
    for (const s of secrets()) expect(res.body, `${endpoint} answered something from outside the chi bộ`).not.toContain(s);
    c.check?.(res, f);

    const after = await t.fingerprint();
    if (!c.selfOnly) {
      expect(after, `${endpoint} wrote to the database`).toEqual(before);
      return;
    }
    // Only the caller's own account and audit records about it may change.
    const changed = Object.keys(after).filter((k) => after[k] !== before[k]);
    expect(changed.filter((k) => !['users', 'audit_log', 'audit_head'].includes(k))).toEqual([]);
    const usersAfter = await usersById();
    for (const [id, row] of usersAfter) if (id !== f.chiboUser.id) expect(row, `account ${id} changed`).toBe(usersBefore.get(id));
    const fresh = await t.ctx.db.selectFrom('audit_log').select(['entity_type', 'entity_id']).where('seq', '>', seqBefore).execute();
    for (const r of fresh) expect(`${r.entity_type}:${r.entity_id}`).toBe(`user:${f.chiboUser.id}`);
  });

  it('the chi bộ user still works inside A (the matrix is not passing because everything is refused)', async () => {
    const { chibo } = f;
    const before = await f.t.fingerprint();
    const created = await chibo.post('/api/v1/people', { fullName: 'Nguyễn Văn Mới', membership: { orgId: f.a1.id } });
    expect(created.statusCode).toBe(200);
    // The fingerprint sees writes (or the "nothing written" checks above would prove nothing).
    const after = await f.t.fingerprint();
    for (const table of ['people', 'memberships', 'audit_log']) expect(after[table], table).not.toBe(before[table]);
    expect(after.orgs).toBe(before.orgs);
    const org = await chibo.post('/api/v1/orgs', { parentId: f.a.id, kind: 'khac', code: 'SM-IN', name: 'Tổ đảng Hai' });
    expect(org.statusCode).toBe(200);
    expect((await chibo.get(`/api/v1/people/${f.pA.id}`)).statusCode).toBe(200);
    expect((await chibo.post(`/api/v1/users/${f.uA.id}/grants`, { role: 'monitor', orgId: f.a.id })).statusCode).toBe(200);
    const uA = (await chibo.get(`/api/v1/users/${f.uA.id}`)).json<User>();
    expect((await chibo.post(`/api/v1/users/${f.uA.id}/reset-password`, { newPassword: 'Tam-thoi-2024' })).statusCode).toBe(200);
    expect(uA.grants.map((g) => g.role)).toEqual(['monitor']);
    expect(await f.t.ctx.audit.verify(f.t.ctx.db)).toEqual([]);
  });
});
