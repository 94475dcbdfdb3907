/**
 * Deterministic generator of a realistic organisation: the org tree of a city (or of one
 * department), its people with 1–3 memberships each (their unit, their chi bộ, their union),
 * categories, and sign-in accounts with grants (a system admin, leaders of sở and communes, chi bộ
 * secretaries, plain members) that all share one known password.
 *
 * Fast on purpose: rows are computed here exactly as the services compute them (`foldForSearch`,
 * `vietnameseNameSortKey`, `newId`, `pathSegment`) and written in large multi-row inserts inside
 * transactions, not through the services; the password is hashed once and the hash reused. No
 * audit rows are written, so `verify-audit` says nothing useful about a generated database.
 *
 *   tsx bench/generate.ts --preset issue2 --sqlite bench/out/issue2-sqlite/kycuong.sqlite
 *   tsx bench/generate.ts --orgs 5000 --people 100000 --pg postgres://…/kycuong_bench
 *
 * Other generators (tasks, issue 3) build on {@link generateOrgsAndPeople}: see bench/README.md.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  foldForSearch,
  normalizeName,
  removeDiacritics,
  vietnameseNameSortKey,
  type OrgKind,
  type PersonCategory,
  type Role,
} from '@kycuong/domain';
import type { Kysely } from 'kysely';
import { migrateToLatest } from '../packages/server/src/db/migrate';
import type { Database, MembershipsTable, NewOrg, PeopleTable, PersonCategoriesTable } from '../packages/server/src/db/schema';
import { newId } from '../packages/server/src/platform/ids';
import { hashPassword } from '../packages/server/src/platform/passwords';
import { allocateStaff, planCity, type PlannedOrg, type StaffKind, type UnitGroup } from './lib/plan';
import { createRng, type Rng } from './lib/prng';
import { databaseSize, describeTarget, open, resetTarget, settle, type Target } from './lib/target';
import {
  FAMILY_NAMES,
  GIVEN_NAMES_FEMALE,
  GIVEN_NAMES_MALE,
  MIDDLE_NAMES_FEMALE,
  MIDDLE_NAMES_MALE,
  SECOND_MIDDLE_FEMALE,
  TITLES,
} from './lib/vn-data';

/** The password of every generated account. */
export const BENCH_PASSWORD = 'Bench@2026x';

export interface Scale {
  orgs: number;
  people: number;
  users: number;
  /** Tasks for the issue-3 generator (not generated yet; see bench/README.md). */
  tasks?: number;
}

/** Named sizes: the department and city scales of issue 3, and the foundation benchmark of issue 2. */
export const PRESETS = {
  department: { orgs: 60, people: 500, users: 50, tasks: 20_000 },
  issue2: { orgs: 5_000, people: 100_000, users: 200 },
  city: { orgs: 20_000, people: 300_000, users: 200, tasks: 2_000_000 },
} as const satisfies Record<string, Scale>;
export type PresetName = keyof typeof PRESETS;

export interface GenerateOptions {
  orgs: number;
  people: number;
  /** Sign-in accounts bench0001…; at most one per available leader/member. */
  users: number;
  seed?: number;
  log?: (msg: string) => void;
}

export interface GeneratedOrg {
  id: string;
  parentId: string | null;
  path: string;
  depth: number;
  kind: OrgKind;
  code: string;
  name: string;
  /** Department code (e.g. SGDDT), commune code (PX001) or 'city'. */
  group: string;
  /** People whose primary membership is this org. */
  staff: number;
}

export interface GeneratedMembership {
  personId: string;
  orgId: string;
  title: string;
  isHead: boolean;
  isDeputy: boolean;
  isPrimary: boolean;
}

export interface GeneratedUser {
  id: string;
  username: string;
  personId: string | null;
  /** What the account is for in load scenarios. */
  kind: 'system_admin' | 'department_leader' | 'commune_leader' | 'cell_secretary' | 'member';
  grants: { role: Exclude<Role, 'member'>; orgId: string | null }[];
}

/** Everything a later generator needs to build on the organisation (ids, heads, members, accounts). */
export interface GeneratedDataset {
  seed: number;
  orgs: GeneratedOrg[];
  groups: UnitGroup[];
  /** Person ids in creation order. */
  people: string[];
  memberships: GeneratedMembership[];
  users: GeneratedUser[];
  password: string;
  counts: { orgs: number; people: number; memberships: number; personCategories: number; users: number; roleGrants: number };
  timingsMs: { plan: number; orgs: number; people: number; users: number };
}

const now = () => performance.now();

class BatchWriter {
  people: PeopleTable[] = [];
  memberships: MembershipsTable[] = [];
  categories: PersonCategoriesTable[] = [];
  constructor(private readonly db: Kysely<Database>) {}

  get pending(): number {
    return this.people.length;
  }

  /** Writes what is buffered in one transaction, in multi-row inserts small enough for both databases' parameter limits. */
  async flush(): Promise<void> {
    const { people, memberships, categories } = this;
    this.people = [];
    this.memberships = [];
    this.categories = [];
    await this.db.transaction().execute(async (trx) => {
      for (const chunk of chunks(people, 2000)) await trx.insertInto('people').values(chunk).execute();
      for (const chunk of chunks(categories, 10000)) await trx.insertInto('person_categories').values(chunk).execute();
      for (const chunk of chunks(memberships, 3000)) await trx.insertInto('memberships').values(chunk).execute();
    });
  }
}

function* chunks<T>(xs: T[], size: number): Generator<T[]> {
  for (let i = 0; i < xs.length; i += size) yield xs.slice(i, i + size);
}

/** Party membership odds by kind of unit (civil service units have more members than schools). */
const PARTY_ODDS: Readonly<Record<StaffKind, number>> = {
  so: 1,
  phuong_xa: 1,
  chi_cuc: 0.9,
  phong: 0.6,
  school: 0.35,
  to: 0.35,
  hospital: 0.8,
  khoa: 0.35,
  don_vi_su_nghiep: 0.45,
  residential: 1,
};
const FEMALE_ODDS: Partial<Record<StaffKind, number>> = {
  school: 0.75,
  to: 0.75,
  khoa: 0.65,
  hospital: 0.4,
  so: 0.25,
  phuong_xa: 0.3,
  residential: 0.45,
};

function personName(rng: Rng, female: boolean): string {
  const family = rng.weighted(FAMILY_NAMES);
  let middle = rng.weighted(female ? MIDDLE_NAMES_FEMALE : MIDDLE_NAMES_MALE);
  if (female && middle === 'Thị' && rng.chance(0.35)) middle += ` ${rng.pick(SECOND_MIDDLE_FEMALE)}`;
  return normalizeName(`${family} ${middle} ${rng.pick(female ? GIVEN_NAMES_FEMALE : GIVEN_NAMES_MALE)}`);
}

/** `huongnt` for "Nguyễn Thị Hương": the usual shape of a Vietnamese government e-mail address. */
function mailbox(fullName: string): string {
  const parts = removeDiacritics(fullName).toLowerCase().split(' ');
  const given = parts.pop() ?? 'canbo';
  return given + parts.map((p) => p[0] ?? '').join('');
}

const isoDate = (rng: Rng, fromYear: number, toYear: number) =>
  `${rng.int(fromYear, toYear)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;

/**
 * Writes the organisation into a migrated, empty database and returns what it wrote. The content
 * (tree, names, memberships, accounts) depends only on the options and the seed.
 */
export async function generateOrgsAndPeople(db: Kysely<Database>, opts: GenerateOptions): Promise<GeneratedDataset> {
  const log = opts.log ?? (() => {});
  const seed = opts.seed ?? 24_2023;
  const root = createRng(seed);
  const t0 = now();
  const plan = planCity({ orgs: opts.orgs, rng: root.fork('tree') });
  allocateStaff(plan, opts.people, root.fork('staff'));
  const t1 = now();
  const stamp = new Date().toISOString();

  // Orgs, parents first (the foreign key on parent_id needs them in that order).
  const orgRows: NewOrg[] = plan.orgs.map((o) => ({
    id: o.id,
    parent_id: o.parentIdx === null ? null : plan.orgs[o.parentIdx]!.id,
    path: o.path,
    depth: o.depth,
    kind: o.kind,
    code: o.code,
    name: o.name,
    short_name: o.shortName,
    sort_order: o.sortOrder,
    active: true,
    // As OrgService computes it.
    search_text: foldForSearch(`${o.name} ${o.code} ${o.shortName ?? ''}`),
    version: 1,
    created_at: stamp,
    updated_at: stamp,
  }));
  await db.transaction().execute(async (trx) => {
    for (const chunk of chunks(orgRows, 2000)) await trx.insertInto('orgs').values(chunk).execute();
  });
  const t2 = now();
  log(`orgs: ${orgRows.length} in ${Math.round(t2 - t1)} ms`);

  // People, unit by unit.
  const rng = root.fork('people');
  const writer = new BatchWriter(db);
  const peopleIds: string[] = [];
  const memberships: GeneratedMembership[] = [];
  const orgMembers = new Map<number, number>();
  const firstPersonOf = new Map<number, string>();
  const secretaries: { cellIdx: number; personId: string }[] = [];
  const staffPeople: string[] = [];
  const groupByCode = new Map(plan.groups.map((g) => [g.code, g]));
  let categoryRows = 0;
  let seq = 0;

  const join = (personId: string, org: PlannedOrg, title: string, flags: { head?: boolean; deputy?: boolean; primary?: boolean }) => {
    const m: GeneratedMembership = {
      personId,
      orgId: org.id,
      title,
      isHead: flags.head ?? false,
      isDeputy: flags.deputy ?? false,
      isPrimary: flags.primary ?? false,
    };
    memberships.push(m);
    orgMembers.set(org.idx, (orgMembers.get(org.idx) ?? 0) + 1);
    writer.memberships.push({
      id: newId(),
      person_id: personId,
      org_id: org.id,
      title,
      is_head: m.isHead,
      is_deputy: m.isDeputy,
      is_primary: m.isPrimary,
      version: 1,
      created_at: stamp,
      updated_at: stamp,
    });
  };

  /**
   * Joins a chi bộ: its first member becomes secretary, the second deputy secretary. The board of a
   * sở or commune joins as ordinary members (they lead the Party committee above instead).
   */
  const cellRank = new Map<number, number>();
  const joinCell = (personId: string, cell: PlannedOrg, primary: boolean, board: boolean) => {
    if (board) return join(personId, cell, 'Đảng viên', { primary });
    const n = cellRank.get(cell.idx) ?? 0;
    cellRank.set(cell.idx, n + 1);
    if (n === 0) secretaries.push({ cellIdx: cell.idx, personId });
    join(personId, cell, n === 0 ? TITLES.chi_bo!.head : n === 1 ? TITLES.chi_bo!.deputy : 'Đảng viên', {
      head: n === 0,
      deputy: n === 1,
      primary,
    });
  };

  for (const unit of plan.orgs) {
    const kind = unit.staffKind;
    if (!kind || unit.staff === 0) continue;
    const titles = TITLES[kind === 'residential' ? 'chi_bo' : kind]!;
    const leadershipUnit = kind === 'so' || kind === 'phuong_xa';
    for (let seat = 0; seat < unit.staff; seat++) {
      const id = newId();
      seq++;
      const female = rng.chance(FEMALE_ODDS[kind] ?? 0.5);
      const fullName = personName(rng, female);
      const head = seat === 0;
      const deputy = !head && (leadershipUnit || kind === 'chi_cuc' || kind === 'hospital' || (seat === 1 && unit.staff >= 4));
      const title = head ? titles.head : deputy ? titles.deputy : rng.pick(titles.staff);
      const party = rng.chance(head || deputy ? Math.max(0.95, PARTY_ODDS[kind]) : PARTY_ODDS[kind]);
      const probation = party && !head && !deputy && rng.chance(0.08);
      const categories: PersonCategory[] = [];
      if (party) categories.push(probation ? 'party_probation' : 'party_full');
      if (leadershipUnit) categories.push('cadre');
      else if (kind === 'phong' || kind === 'chi_cuc') categories.push('civil_servant');
      else if (kind !== 'residential') categories.push(rng.chance(0.15) && !head && !deputy ? 'worker' : 'public_employee');
      categories.sort();

      const residential = kind === 'residential';
      const email = residential ? null : `${mailbox(fullName)}${seq}@hanoi.gov.vn`;
      const phone = rng.chance(0.9) ? `0${rng.pick(['9', '8', '3', '7'])}${String(rng.int(0, 99_999_999)).padStart(8, '0')}` : null;
      const position = residential ? (head ? 'Bí thư Chi bộ' : 'Đảng viên') : `${title}, ${unit.name}`;
      writer.people.push({
        id,
        full_name: fullName,
        sort_key: vietnameseNameSortKey(fullName),
        // As PeopleService computes it.
        search_text: foldForSearch([fullName, email, phone, position].filter(Boolean).join(' ')),
        email,
        phone,
        position,
        birth_date: residential ? isoDate(rng, 1940, 1975) : isoDate(rng, 1966, 2002),
        gender: female ? 'female' : 'male',
        categories: JSON.stringify(categories),
        active: true,
        version: 1,
        created_at: stamp,
        updated_at: stamp,
      });
      for (const category of categories) writer.categories.push({ person_id: id, category });
      categoryRows += categories.length;
      peopleIds.push(id);
      if (head) firstPersonOf.set(unit.idx, id);

      if (residential) {
        joinCell(id, unit, true, false);
      } else {
        staffPeople.push(id);
        join(id, unit, title, { head, deputy, primary: true });
        const cell = unit.cellIdx === null ? undefined : plan.orgs[unit.cellIdx];
        // The director of a sở (chairman of a commune) is also secretary of its Party committee, as in the article.
        const group = groupByCode.get(unit.group);
        if (leadershipUnit && head && group) join(id, plan.orgs[group.partyIdx]!, 'Bí thư Đảng ủy', { head: true });
        if (party && cell) joinCell(id, cell, false, leadershipUnit);
        const union = unit.unionIdx === null ? undefined : plan.orgs[unit.unionIdx];
        if (union && !(leadershipUnit && head) && rng.chance(0.85)) {
          const first = (orgMembers.get(union.idx) ?? 0) === 0;
          join(id, union, first ? (union.kind === 'cong_doan' ? 'Chủ tịch Công đoàn' : 'Tổ trưởng công đoàn') : 'Đoàn viên công đoàn', {
            head: first,
          });
        }
      }
      if (writer.pending >= 10_000) {
        await writer.flush();
        log(`people: ${peopleIds.length}/${opts.people}`);
      }
    }
  }
  await writer.flush();
  const t3 = now();
  log(`people: ${peopleIds.length}, memberships: ${memberships.length} in ${Math.round(t3 - t2)} ms`);

  const users = await createUsers(db, plan, { firstPersonOf, secretaries, staffPeople, count: opts.users, rng: root.fork('users'), stamp });
  const t4 = now();
  log(`users: ${users.length} in ${Math.round(t4 - t3)} ms (one argon2 hash, reused)`);

  return {
    seed,
    orgs: plan.orgs.map((o) => ({
      id: o.id,
      parentId: o.parentIdx === null ? null : plan.orgs[o.parentIdx]!.id,
      path: o.path,
      depth: o.depth,
      kind: o.kind,
      code: o.code,
      name: o.name,
      group: o.group,
      staff: o.staff,
    })),
    groups: plan.groups,
    people: peopleIds,
    memberships,
    users,
    password: BENCH_PASSWORD,
    counts: {
      orgs: orgRows.length,
      people: peopleIds.length,
      memberships: memberships.length,
      personCategories: categoryRows,
      users: users.length,
      roleGrants: users.reduce((s, u) => s + u.grants.length, 0),
    },
    timingsMs: { plan: Math.round(t1 - t0), orgs: Math.round(t2 - t1), people: Math.round(t3 - t2), users: Math.round(t4 - t3) },
  };
}

/**
 * Accounts bench0001…: the system admin first, then the leaders of every sở (largest subtree
 * first, so bench0002 leads the biggest department), leaders of communes, chi bộ secretaries spread
 * over the tree, and ten plain members.
 */
async function createUsers(
  db: Kysely<Database>,
  plan: ReturnType<typeof planCity>,
  ctx: {
    firstPersonOf: Map<number, string>;
    secretaries: { cellIdx: number; personId: string }[];
    staffPeople: string[];
    count: number;
    rng: Rng;
    stamp: string;
  },
): Promise<GeneratedUser[]> {
  const wanted: Omit<GeneratedUser, 'id' | 'username'>[] = [
    { personId: null, kind: 'system_admin', grants: [{ role: 'system_admin', orgId: null }] },
  ];
  const departments = plan.groups
    .filter((g) => g.type === 'department')
    .sort((a, b) => b.orgCount - a.orgCount || a.code.localeCompare(b.code));
  const communes = plan.groups.filter((g) => g.type === 'commune');
  const leaderOf = (g: UnitGroup, kind: GeneratedUser['kind']) => {
    const personId = ctx.firstPersonOf.get(g.stateIdx);
    if (personId)
      wanted.push({
        personId,
        kind,
        grants: [
          { role: 'leader', orgId: plan.orgs[g.stateIdx]!.id },
          { role: 'leader', orgId: plan.orgs[g.partyIdx]!.id },
        ],
      });
  };
  departments.forEach((g) => leaderOf(g, 'department_leader'));
  const members = Math.min(10, Math.max(0, ctx.count - wanted.length));
  const communeSlots = Math.max(0, Math.floor((ctx.count - wanted.length - members) * 0.3));
  communes.slice(0, communeSlots).forEach((g) => leaderOf(g, 'commune_leader'));
  const taken = new Set(wanted.map((w) => w.personId));
  const free = ctx.secretaries.filter((s) => !taken.has(s.personId));
  const cellSlots = Math.max(0, ctx.count - wanted.length - members);
  const step = free.length / Math.max(1, Math.min(cellSlots, free.length));
  for (let i = 0; i < Math.min(cellSlots, free.length); i++) {
    const s = free[Math.floor(i * step)]!;
    taken.add(s.personId);
    const orgId = plan.orgs[s.cellIdx]!.id;
    wanted.push({
      personId: s.personId,
      kind: 'cell_secretary',
      grants: [
        { role: 'leader', orgId },
        { role: 'unit_admin', orgId },
      ],
    });
  }
  for (let i = 0, tries = 0; i < members && tries < 10_000; tries++) {
    const personId = ctx.rng.pick(ctx.staffPeople);
    if (taken.has(personId)) continue;
    taken.add(personId);
    wanted.push({ personId, kind: 'member', grants: [] });
    i++;
  }

  const hash = await hashPassword(BENCH_PASSWORD);
  const width = Math.max(4, String(wanted.length).length);
  const users: GeneratedUser[] = wanted
    .slice(0, ctx.count)
    .map((w, i) => ({ ...w, id: newId(), username: `bench${String(i + 1).padStart(width, '0')}` }));
  await db.transaction().execute(async (trx) => {
    for (const chunk of chunks(users, 1000)) {
      await trx
        .insertInto('users')
        .values(
          chunk.map((u) => ({
            id: u.id,
            person_id: u.personId,
            username: u.username,
            password_hash: hash,
            totp_secret: null,
            totp_enabled: false,
            failed_logins: 0,
            locked_until: null,
            must_change_password: false,
            locale: 'vi',
            active: true,
            is_demo: false,
            last_login_at: null,
            version: 1,
            created_at: ctx.stamp,
            updated_at: ctx.stamp,
          })),
        )
        .execute();
    }
    const grants = users.flatMap((u) =>
      u.grants.map((g) => ({ id: newId(), user_id: u.id, role: g.role, org_id: g.orgId, created_at: ctx.stamp })),
    );
    for (const chunk of chunks(grants, 2000)) await trx.insertInto('role_grants').values(chunk).execute();
  });
  return users;
}

/** What the load script needs to know about a generated database, written next to it. */
export interface Manifest {
  generator: 'bench/generate.ts';
  scale: Scale & { name: string };
  seed: number;
  target: string;
  generatedAt: string;
  counts: GeneratedDataset['counts'];
  timingsMs: GeneratedDataset['timingsMs'] & { migrate: number; settle: number; total: number };
  databaseBytes: number;
  password: string;
  accounts: {
    admin: string;
    /** Leader of the largest department (state and party subtrees). */
    bigLeader: {
      username: string;
      group: string;
      groupName: string;
      stateOrgId: string;
      partyOrgId: string;
      orgsInScope: number;
      peopleInScope: number;
      childrenOfState: number;
    };
    byKind: Record<GeneratedUser['kind'], string[]>;
  };
  /** People searches as users type them (no diacritics), with the page asked for. */
  searchQueries: { q: string; page: number }[];
  /** Data added by later generators (e.g. tasks), keyed by generator name. */
  extensions: Record<string, unknown>;
}

export function manifestFor(
  ds: GeneratedDataset,
  scale: Scale & { name: string },
  target: Target,
  extra: { migrate: number; settle: number; total: number; databaseBytes: number },
): Manifest {
  const admin = ds.users.find((u) => u.kind === 'system_admin')!;
  const leader = ds.users.find((u) => u.kind === 'department_leader');
  if (!leader) throw new Error('no department leader was generated');
  const stateOrgId = leader.grants[0]!.orgId!;
  const partyOrgId = leader.grants[1]!.orgId!;
  const byId = new Map(ds.orgs.map((o) => [o.id, o]));
  const state = byId.get(stateOrgId)!;
  const party = byId.get(partyOrgId)!;
  const inScope = (p: string) => p.startsWith(state.path) || p.startsWith(party.path);
  const scoped = new Set(ds.orgs.filter((o) => inScope(o.path)).map((o) => o.id));
  const peopleInScope = new Set(ds.memberships.filter((m) => scoped.has(m.orgId)).map((m) => m.personId));
  const byKind = { system_admin: [], department_leader: [], commune_leader: [], cell_secretary: [], member: [] } as Record<
    GeneratedUser['kind'],
    string[]
  >;
  for (const u of ds.users) byKind[u.kind].push(u.username);
  return {
    generator: 'bench/generate.ts',
    scale,
    seed: ds.seed,
    target: describeTarget(target),
    generatedAt: new Date().toISOString(),
    counts: ds.counts,
    timingsMs: { ...ds.timingsMs, migrate: extra.migrate, settle: extra.settle, total: extra.total },
    databaseBytes: extra.databaseBytes,
    password: ds.password,
    accounts: {
      admin: admin.username,
      bigLeader: {
        username: leader.username,
        group: state.group,
        groupName: state.name,
        stateOrgId,
        partyOrgId,
        orgsInScope: scoped.size,
        peopleInScope: peopleInScope.size,
        childrenOfState: ds.orgs.filter((o) => o.parentId === stateOrgId).length,
      },
      byKind,
    },
    // Typed without diacritics, as users do: family + middle, middle + given, a full name, a given
    // name; common ones also paged further.
    searchQueries: [
      { q: 'nguyen van', page: 1 },
      { q: 'nguyen van', page: 3 },
      { q: 'thu huong', page: 1 },
      { q: 'tran minh', page: 2 },
      { q: 'dang quang', page: 1 },
      { q: 'pham thi lan', page: 1 },
      { q: 'linh', page: 1 },
      { q: 'linh', page: 5 },
    ],
    extensions: {},
  };
}

/** Generates into an emptied target: migrate, write, settle, measure. */
export async function generateInto(
  target: Target,
  scale: Scale & { name: string },
  opts: { seed?: number; log?: (msg: string) => void } = {},
): Promise<{ manifest: Manifest; dataset: GeneratedDataset }> {
  const log = opts.log ?? (() => {});
  const start = now();
  await resetTarget(target);
  const handle = open(target);
  try {
    const m0 = now();
    await migrateToLatest(handle.db);
    const migrate = Math.round(now() - m0);
    const dataset = await generateOrgsAndPeople(handle.db, {
      orgs: scale.orgs,
      people: scale.people,
      users: scale.users,
      seed: opts.seed,
      log,
    });
    const s0 = now();
    await settle(handle);
    const settled = Math.round(now() - s0);
    const databaseBytes = await databaseSize(target, handle);
    const manifest = manifestFor(dataset, scale, target, { migrate, settle: settled, total: Math.round(now() - start), databaseBytes });
    return { manifest, dataset };
  } finally {
    await handle.close();
  }
}

export function writeManifest(file: string, manifest: Manifest): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(manifest, null, 2) + '\n');
}

export function readManifest(file: string): Manifest | undefined {
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest) : undefined;
}

/** The manifest file of a target: beside the SQLite file (`manifest.json` in a server data directory), or bench/out/pg-<database>.manifest.json. */
export function manifestPath(target: Target): string {
  if (target.kind === 'sqlite')
    return path.basename(target.file) === 'kycuong.sqlite'
      ? path.join(path.dirname(target.file), 'manifest.json')
      : `${target.file}.manifest.json`;
  const db = decodeURIComponent(new URL(target.url).pathname.slice(1));
  return path.join(import.meta.dirname, 'out', `pg-${db}.manifest.json`);
}

const HELP = `Sinh dữ liệu thử tải / benchmark dataset generator

  tsx bench/generate.ts (--preset department|issue2|city | --orgs N --people N [--users N])
                        (--sqlite <dir>/kycuong.sqlite | --pg <postgres-url>) [--seed N]

The SQLite file is re-created (name it kycuong.sqlite to serve it: KYCUONG_DATA_DIR=<its directory>);
the PostgreSQL database named in the URL is dropped and re-created.
Accounts bench0001… get the password ${BENCH_PASSWORD}.`;

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      preset: { type: 'string' },
      orgs: { type: 'string' },
      people: { type: 'string' },
      users: { type: 'string' },
      seed: { type: 'string' },
      sqlite: { type: 'string' },
      pg: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const preset = values.preset as PresetName | undefined;
  if (preset && !(preset in PRESETS)) {
    console.error(`--preset: unknown preset "${preset}" (department, issue2, city)`);
    return 2;
  }
  const base: Scale = preset ? PRESETS[preset] : { orgs: 0, people: 0, users: 200 };
  const num = (v: string | undefined, name: string, fallback: number) => {
    if (v === undefined) return fallback;
    const n = Number(v.replace(/_/g, ''));
    if (!Number.isInteger(n) || n < 0) throw new Error(`--${name}: expected a whole number, got "${v}"`);
    return n;
  };
  const scale = {
    name: preset ?? 'custom',
    orgs: num(values.orgs, 'orgs', base.orgs),
    people: num(values.people, 'people', base.people),
    users: num(values.users, 'users', base.users),
  };
  if (scale.orgs < 12 || scale.people < 1) {
    console.error(`${HELP}\n\nGive --preset, or --orgs (at least 12) and --people.`);
    return 2;
  }
  if (!!values.sqlite === !!values.pg) {
    console.error(`${HELP}\n\nGive exactly one of --sqlite and --pg.`);
    return 2;
  }
  const target: Target = values.sqlite ? { kind: 'sqlite', file: path.resolve(values.sqlite) } : { kind: 'postgres', url: values.pg! };
  console.log(`generating ${scale.orgs} orgs, ${scale.people} people, ${scale.users} accounts into ${describeTarget(target)}`);
  const { manifest } = await generateInto(target, scale, { seed: num(values.seed, 'seed', 24_2023), log: (m) => console.log(`  ${m}`) });
  const file = manifestPath(target);
  writeManifest(file, manifest);
  console.log(
    `done in ${(manifest.timingsMs.total / 1000).toFixed(1)} s, ${(manifest.databaseBytes / 1024 / 1024).toFixed(1)} MiB; manifest ${path.relative(process.cwd(), file)}`,
  );
  console.log(
    `accounts: ${manifest.accounts.admin} (system admin), ${manifest.accounts.bigLeader.username} (leader of ${manifest.accounts.bigLeader.groupName}), … password ${manifest.password}`,
  );
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exitCode = 1;
    },
  );
}
