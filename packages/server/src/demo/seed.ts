/**
 * Demo data: the organisation of the source article (Hanoi Department of Information and
 * Communications, 2023 structure) with about 60 fictitious people and the demo accounts. Written
 * through the services with the system actor, so it is validated and audited like real data.
 * Deterministic: the same names and memberships on every run.
 */
import type { OrgKind, PersonCategory, Role } from '@kycuong/domain';
import type { AppContext } from '../context';
import { systemActor } from '../platform/access';
import { OrgService } from '../modules/orgs/orgs.service';
import { PeopleService } from '../modules/people/people.service';
import { UserService } from '../modules/users/users.service';
import { seedCampaigns } from './seed-campaigns';
import { seedTasks } from './seed-tasks';
import { seedViolations } from './seed-violations';
import { seedEvaluations } from './seed-evaluations';
import { seedDissemination } from './seed-dissemination';

export const DEMO_PASSWORD = 'KyCuong@2023';

export const DEMO_ACCOUNTS = [
  { username: 'quantri', description: 'Quản trị hệ thống' },
  { username: 'bithu', description: 'Bí thư Đảng ủy kiêm Giám đốc Sở — lãnh đạo toàn bộ Sở' },
  { username: 'chibo1', description: 'Bí thư Chi bộ Văn phòng — lãnh đạo và quản trị chi bộ' },
  { username: 'kiemtra', description: 'Ủy ban Kiểm tra Đảng ủy — cán bộ kiểm tra của Sở' },
  { username: 'canbo', description: 'Cán bộ, đảng viên (chuyên viên Phòng CNTT)' },
  { username: 'congdoan', description: 'Chủ tịch Công đoàn Sở' },
] as const;

interface OrgSpec {
  key: string;
  kind: OrgKind;
  code: string;
  name: string;
  shortName?: string;
  children?: OrgSpec[];
}

// Party line and State line side by side, as DOMAIN §9 describes them.
const TREE: OrgSpec[] = [
  {
    key: 'thanhuy',
    kind: 'thanh_uy',
    code: 'TU-HN',
    name: 'Thành ủy Hà Nội',
    children: [
      {
        key: 'khoi',
        kind: 'dang_bo',
        code: 'DBK-CQTP',
        name: 'Đảng bộ Khối các cơ quan Thành phố Hà Nội',
        children: [
          {
            key: 'dangUy',
            kind: 'dang_uy_co_so',
            code: 'DU-STTTT',
            name: 'Đảng ủy cơ quan Sở Thông tin và Truyền thông Hà Nội',
            shortName: 'Đảng ủy Sở',
            children: [
              { key: 'cbVP', kind: 'chi_bo', code: 'CB-VP', name: 'Chi bộ Văn phòng' },
              { key: 'cbBCVT', kind: 'chi_bo', code: 'CB-BCVT', name: 'Chi bộ Phòng Bưu chính - Viễn thông' },
              { key: 'cbCNTT', kind: 'chi_bo', code: 'CB-CNTT', name: 'Chi bộ Phòng Công nghệ thông tin' },
              { key: 'cbTTBC', kind: 'chi_bo', code: 'CB-TTBC', name: 'Chi bộ Phòng Thông tin - Báo chí - Xuất bản' },
              { key: 'cbTT', kind: 'chi_bo', code: 'CB-TTR', name: 'Chi bộ Thanh tra Sở' },
              { key: 'cbTTCNTT', kind: 'chi_bo', code: 'CB-TTCNTT', name: 'Chi bộ Trung tâm Công nghệ thông tin và Truyền thông' },
            ],
          },
        ],
      },
    ],
  },
  {
    key: 'ubnd',
    kind: 'ubnd',
    code: 'UBND-HN',
    name: 'Ủy ban nhân dân Thành phố Hà Nội',
    children: [
      {
        key: 'so',
        kind: 'so',
        code: 'STTTT',
        name: 'Sở Thông tin và Truyền thông Hà Nội',
        shortName: 'Sở TT&TT',
        children: [
          { key: 'vp', kind: 'phong', code: 'STTTT-VP', name: 'Văn phòng Sở' },
          { key: 'tt', kind: 'phong', code: 'STTTT-TTR', name: 'Thanh tra Sở' },
          { key: 'khtc', kind: 'phong', code: 'STTTT-KHTC', name: 'Phòng Kế hoạch - Tài chính' },
          { key: 'bcvt', kind: 'phong', code: 'STTTT-BCVT', name: 'Phòng Bưu chính - Viễn thông' },
          { key: 'cntt', kind: 'phong', code: 'STTTT-CNTT', name: 'Phòng Công nghệ thông tin' },
          { key: 'ttbc', kind: 'phong', code: 'STTTT-TTBC', name: 'Phòng Thông tin - Báo chí - Xuất bản' },
          { key: 'ttcntt', kind: 'don_vi_su_nghiep', code: 'STTTT-TTCNTT', name: 'Trung tâm Công nghệ thông tin và Truyền thông Hà Nội' },
          {
            key: 'congdoan',
            kind: 'cong_doan',
            code: 'CDCS-STTTT',
            name: 'Công đoàn cơ sở Sở Thông tin và Truyền thông',
            shortName: 'Công đoàn Sở',
            children: [
              { key: 'tcd1', kind: 'to_cong_doan', code: 'TCD-01', name: 'Tổ công đoàn số 1 (Văn phòng, Thanh tra, Kế hoạch - Tài chính)' },
              {
                key: 'tcd2',
                kind: 'to_cong_doan',
                code: 'TCD-02',
                name: 'Tổ công đoàn số 2 (Bưu chính - Viễn thông, Thông tin - Báo chí)',
              },
              { key: 'tcd3', kind: 'to_cong_doan', code: 'TCD-03', name: 'Tổ công đoàn số 3 (Công nghệ thông tin, Trung tâm)' },
            ],
          },
          { key: 'doan', kind: 'doan_thanh_nien', code: 'DTN-STTTT', name: 'Đoàn Thanh niên Sở Thông tin và Truyền thông' },
        ],
      },
    ],
  },
];

// Each division with its party cell and union group.
const UNITS: { unit: string; cell: string; union: string; size: number }[] = [
  { unit: 'vp', cell: 'cbVP', union: 'tcd1', size: 10 },
  { unit: 'tt', cell: 'cbTT', union: 'tcd1', size: 6 },
  { unit: 'khtc', cell: 'cbVP', union: 'tcd1', size: 6 },
  { unit: 'bcvt', cell: 'cbBCVT', union: 'tcd2', size: 8 },
  { unit: 'cntt', cell: 'cbCNTT', union: 'tcd3', size: 10 },
  { unit: 'ttbc', cell: 'cbTTBC', union: 'tcd2', size: 8 },
  { unit: 'ttcntt', cell: 'cbTTCNTT', union: 'tcd3', size: 12 },
];

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Ngô', 'Dương', 'Lý', 'Đinh', 'Trịnh', 'Phan', 'Hồ'];
const MIDDLE_M = ['Văn', 'Đức', 'Minh', 'Quang', 'Hữu', 'Thanh', 'Mạnh', 'Xuân', 'Tiến', 'Công'];
const MIDDLE_F = ['Thị', 'Thu', 'Thanh', 'Ngọc', 'Minh', 'Hồng', 'Phương', 'Thùy', 'Mai', 'Bích'];
const GIVEN_M = [
  'An',
  'Bình',
  'Cường',
  'Dũng',
  'Đạt',
  'Hải',
  'Hiếu',
  'Hùng',
  'Khánh',
  'Long',
  'Nam',
  'Phong',
  'Quân',
  'Sơn',
  'Thắng',
  'Toàn',
  'Trung',
  'Tuấn',
  'Việt',
  'Vinh',
];
const GIVEN_F = [
  'Anh',
  'Chi',
  'Dung',
  'Giang',
  'Hà',
  'Hạnh',
  'Hằng',
  'Hoa',
  'Huyền',
  'Lan',
  'Linh',
  'Loan',
  'Mai',
  'Ngân',
  'Nhung',
  'Oanh',
  'Phương',
  'Thảo',
  'Trang',
  'Yến',
];

/** A small deterministic PRNG (mulberry32) so the demo is the same on every machine. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface DemoResult {
  orgIds: Record<string, string>;
  personIds: Record<string, string>;
  people: number;
}

/** Loads the demo organisation, people and accounts into an empty database. */
export async function seedDemo(ctx: AppContext, log: (msg: string) => void = () => {}): Promise<DemoResult> {
  const sys = systemActor();
  const orgs = new OrgService(ctx);
  const people = new PeopleService(ctx);
  const users = new UserService(ctx);
  const orgIds: Record<string, string> = {};
  const personIds: Record<string, string> = {};

  async function createTree(specs: OrgSpec[], parentId: string | null) {
    let order = 0;
    for (const s of specs) {
      const org = await orgs.create(sys, {
        parentId,
        kind: s.kind,
        code: s.code,
        name: s.name,
        shortName: s.shortName ?? null,
        sortOrder: (order += 10),
      });
      orgIds[s.key] = org.id;
      if (s.children) await createTree(s.children, org.id);
    }
  }
  await createTree(TREE, null);

  const rand = prng(24_2023);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const used = new Set<string>();
  const name = (female: boolean) => {
    for (;;) {
      const n = `${pick(FAMILY)} ${pick(female ? MIDDLE_F : MIDDLE_M)} ${pick(female ? GIVEN_F : GIVEN_M)}`;
      if (!used.has(n)) {
        used.add(n);
        return n;
      }
    }
  };

  async function addPerson(
    key: string,
    opts: {
      fullName: string;
      female: boolean;
      unit: string;
      title: string;
      position: string;
      categories: PersonCategory[];
      isHead?: boolean;
      isDeputy?: boolean;
      extra?: { org: string; title: string; isHead?: boolean; isDeputy?: boolean }[];
    },
  ) {
    const email = `${key}@hanoi.gov.vn`;
    const p = await people.create(sys, {
      fullName: opts.fullName,
      email,
      phone: `09${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`,
      position: opts.position,
      gender: opts.female ? 'female' : 'male',
      categories: opts.categories,
      membership: {
        orgId: orgIds[opts.unit]!,
        title: opts.title,
        isHead: opts.isHead ?? false,
        isDeputy: opts.isDeputy ?? false,
        isPrimary: true,
      },
    });
    for (const e of opts.extra ?? []) {
      await people.addMembership(sys, p.id, {
        orgId: orgIds[e.org]!,
        title: e.title,
        isHead: e.isHead ?? false,
        isDeputy: e.isDeputy ?? false,
        isPrimary: false,
      });
    }
    personIds[key] = p.id;
    return p.id;
  }

  // The leadership of the article: the Party Secretary is also the Director.
  await addPerson('bithu', {
    fullName: 'Nguyễn Thanh Bình',
    female: false,
    unit: 'so',
    title: 'Giám đốc Sở',
    position: 'Bí thư Đảng ủy, Giám đốc Sở',
    categories: ['party_full', 'cadre'],
    isHead: true,
    extra: [
      { org: 'dangUy', title: 'Bí thư Đảng ủy', isHead: true },
      { org: 'cbVP', title: 'Đảng viên' },
    ],
  });
  await addPerson('phobithu', {
    fullName: 'Trần Thị Thu Hà',
    female: true,
    unit: 'so',
    title: 'Phó Giám đốc Sở',
    position: 'Phó Bí thư Đảng ủy, Phó Giám đốc Sở',
    categories: ['party_full', 'cadre'],
    isDeputy: true,
    extra: [
      { org: 'dangUy', title: 'Phó Bí thư Đảng ủy', isDeputy: true },
      { org: 'cbCNTT', title: 'Đảng viên' },
    ],
  });
  await addPerson('kiemtra', {
    fullName: 'Lê Minh Khánh',
    female: false,
    unit: 'tt',
    title: 'Chánh Thanh tra Sở',
    position: 'Chủ nhiệm Ủy ban Kiểm tra Đảng ủy, Chánh Thanh tra Sở',
    categories: ['party_full', 'civil_servant'],
    isHead: true,
    extra: [
      { org: 'dangUy', title: 'Chủ nhiệm Ủy ban Kiểm tra' },
      { org: 'cbTT', title: 'Bí thư Chi bộ', isHead: true },
    ],
  });
  await addPerson('chibo1', {
    fullName: 'Phạm Thị Hồng Nhung',
    female: true,
    unit: 'vp',
    title: 'Chánh Văn phòng',
    position: 'Bí thư Chi bộ Văn phòng, Chánh Văn phòng Sở',
    categories: ['party_full', 'civil_servant'],
    isHead: true,
    extra: [
      { org: 'cbVP', title: 'Bí thư Chi bộ', isHead: true },
      { org: 'tcd1', title: 'Đoàn viên công đoàn' },
    ],
  });
  await addPerson('congdoan', {
    fullName: 'Vũ Thị Lan Anh',
    female: true,
    unit: 'khtc',
    title: 'Phó Trưởng phòng',
    position: 'Chủ tịch Công đoàn Sở, Phó Trưởng phòng Kế hoạch - Tài chính',
    categories: ['party_full', 'civil_servant'],
    isDeputy: true,
    extra: [
      { org: 'congdoan', title: 'Chủ tịch Công đoàn', isHead: true },
      { org: 'cbVP', title: 'Đảng viên' },
      { org: 'tcd1', title: 'Đoàn viên công đoàn' },
    ],
  });
  await addPerson('canbo', {
    fullName: 'Đặng Quang Huy',
    female: false,
    unit: 'cntt',
    title: 'Chuyên viên',
    position: 'Chuyên viên Phòng Công nghệ thông tin',
    categories: ['party_full', 'civil_servant'],
    extra: [
      { org: 'cbCNTT', title: 'Đảng viên' },
      { org: 'tcd3', title: 'Đoàn viên công đoàn' },
    ],
  });

  // The rest of each unit: a head, a deputy, specialists; most are Party members.
  let n = 0;
  for (const u of UNITS) {
    const existing = u.unit === 'vp' || u.unit === 'tt' ? 1 : 0;
    for (let i = existing; i < u.size; i++) {
      const female = rand() < 0.5;
      const head = i === 0;
      const deputy = i === 1;
      const party = head || deputy || rand() < 0.7;
      const probation = party && !head && !deputy && rand() < 0.1;
      const isPublicEmployee = u.unit === 'ttcntt';
      const categories: PersonCategory[] = [];
      if (party) categories.push(probation ? 'party_probation' : 'party_full');
      categories.push(isPublicEmployee ? (rand() < 0.2 ? 'worker' : 'public_employee') : 'civil_servant');
      const unitName = TREE_NAMES[u.unit]!;
      const title = head
        ? isPublicEmployee
          ? 'Giám đốc Trung tâm'
          : 'Trưởng phòng'
        : deputy
          ? isPublicEmployee
            ? 'Phó Giám đốc Trung tâm'
            : 'Phó Trưởng phòng'
          : isPublicEmployee
            ? 'Viên chức'
            : 'Chuyên viên';
      const extra: { org: string; title: string; isHead?: boolean }[] = [{ org: u.union, title: 'Đoàn viên công đoàn' }];
      if (party)
        extra.push({ org: u.cell, title: head && u.cell !== 'cbVP' ? 'Bí thư Chi bộ' : 'Đảng viên', isHead: head && u.cell !== 'cbVP' });
      await addPerson(`${u.unit}${i + 1}`, {
        fullName: name(female),
        female,
        unit: u.unit,
        title,
        position: `${title} — ${unitName}`,
        categories,
        isHead: head,
        isDeputy: deputy,
        extra,
      });
      n++;
    }
  }
  log(`demo: ${Object.keys(orgIds).length} orgs, ${n + 6} people`);

  const accounts: { username: string; person: string | null; roles: { role: Exclude<Role, 'member'>; org: string | null }[] }[] = [
    { username: 'quantri', person: null, roles: [{ role: 'system_admin', org: null }] },
    {
      username: 'bithu',
      person: 'bithu',
      roles: [
        { role: 'leader', org: 'dangUy' },
        { role: 'leader', org: 'so' },
      ],
    },
    {
      username: 'chibo1',
      person: 'chibo1',
      roles: [
        { role: 'leader', org: 'cbVP' },
        { role: 'unit_admin', org: 'cbVP' },
      ],
    },
    {
      username: 'kiemtra',
      person: 'kiemtra',
      roles: [
        { role: 'inspector', org: 'dangUy' },
        { role: 'inspector', org: 'so' },
      ],
    },
    { username: 'canbo', person: 'canbo', roles: [] },
    { username: 'congdoan', person: 'congdoan', roles: [{ role: 'union_officer', org: 'congdoan' }] },
  ];
  for (const a of accounts) {
    const u = await users.create(
      sys,
      { username: a.username, personId: a.person ? personIds[a.person]! : null, password: DEMO_PASSWORD },
      { isDemo: true, mustChangePassword: false },
    );
    for (const r of a.roles) await users.addGrant(sys, u.id, { role: r.role, orgId: r.org ? orgIds[r.org]! : null });
  }
  log(`demo: accounts ${accounts.map((a) => a.username).join(', ')} (password ${DEMO_PASSWORD})`);
  await seedCampaigns(ctx, { orgIds, personIds }, { password: DEMO_PASSWORD, log });
  await seedTasks(ctx, { orgIds, personIds }, { log });
  await seedDissemination(ctx, { orgIds, personIds }, log);
  await seedViolations(ctx, { orgIds, personIds }, log);
  await seedEvaluations(ctx, { orgIds, personIds }, { log });
  return { orgIds, personIds, people: n + 6 };
}

const TREE_NAMES: Record<string, string> = {};
(function index(specs: OrgSpec[]) {
  for (const s of specs) {
    TREE_NAMES[s.key] = s.name;
    if (s.children) index(s.children);
  }
})(TREE);
