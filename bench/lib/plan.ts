/**
 * The shape of a generated city, in memory and without a database: the org tree (DOMAIN §9 —
 * Thành ủy → đảng bộ → đảng ủy cơ sở → (đảng bộ bộ phận) → chi bộ; UBND → sở / phường-xã →
 * phòng, chi cục, đơn vị sự nghiệp; công đoàn → tổ công đoàn; đoàn thanh niên…) sized to an exact
 * number of orgs, and the number of people each unit employs. Deterministic for a seed; the ids
 * are made like the server makes them (UUID v7), so they differ between runs while everything
 * else is identical.
 */
import type { OrgKind } from '@kycuong/domain';
import { newId, pathSegment } from '../../packages/server/src/platform/ids';
import type { Rng } from './prng';
import {
  COMMON_DIVISIONS,
  COMMUNE_UNITS,
  DEPARTMENTS,
  PLACES,
  communeName,
  communeOffices,
  type DepartmentSpec,
  type DivisionSpec,
} from './vn-data';

/** How the people of a unit are titled and categorised (keys of TITLES, or a residential cell). */
export type StaffKind =
  'so' | 'phong' | 'chi_cuc' | 'school' | 'hospital' | 'khoa' | 'to' | 'don_vi_su_nghiep' | 'phuong_xa' | 'residential';

export interface PlannedOrg {
  /** Position in creation order (parents always come before their children). */
  idx: number;
  id: string;
  parentIdx: number | null;
  path: string;
  depth: number;
  kind: OrgKind;
  code: string;
  name: string;
  shortName: string | null;
  sortOrder: number;
  /** The top-level unit it belongs to: a department code, a commune code, or 'city'. */
  group: string;
  /** Set on units that employ people (or, for residential cells, hold members). */
  staffKind: StaffKind | null;
  /** The chi bộ whose members this unit's Party members are. */
  cellIdx: number | null;
  /** The union org (tổ công đoàn or công đoàn cơ sở) of this unit's staff. */
  unionIdx: number | null;
  /** People whose primary membership is here (filled by {@link allocateStaff}). */
  staff: number;
  childCount: number;
}

export interface UnitGroup {
  code: string;
  name: string;
  type: 'department' | 'commune';
  /** The state-line head org (the sở, the phường/xã). */
  stateIdx: number;
  /** The party-line head org (đảng ủy cơ sở of the sở, đảng bộ of the commune). */
  partyIdx: number;
  orgCount: number;
}

export interface CityPlan {
  orgs: PlannedOrg[];
  groups: UnitGroup[];
}

class TreeBuilder {
  readonly orgs: PlannedOrg[] = [];
  private readonly codes = new Set<string>();
  private readonly childCounters = new Map<number, number>();
  constructor(private readonly budget: number) {}

  get full(): boolean {
    return this.orgs.length >= this.budget;
  }

  get left(): number {
    return this.budget - this.orgs.length;
  }

  add(
    parent: PlannedOrg | null,
    spec: {
      kind: OrgKind;
      name: string;
      code: string;
      shortName?: string;
      group: string;
      staffKind?: StaffKind | null;
      cellIdx?: number | null;
      unionIdx?: number | null;
    },
  ): PlannedOrg | undefined {
    if (this.full) return undefined;
    if (this.codes.has(spec.code)) throw new Error(`duplicate org code ${spec.code}`);
    this.codes.add(spec.code);
    const id = newId();
    const key = parent?.idx ?? -1;
    const order = (this.childCounters.get(key) ?? 0) + 1;
    this.childCounters.set(key, order);
    const org: PlannedOrg = {
      idx: this.orgs.length,
      id,
      parentIdx: parent?.idx ?? null,
      path: `${parent?.path ?? '/'}${pathSegment(id)}/`,
      depth: parent ? parent.depth + 1 : 0,
      kind: spec.kind,
      code: spec.code,
      name: spec.name,
      shortName: spec.shortName ?? null,
      sortOrder: order * 10,
      group: spec.group,
      staffKind: spec.staffKind ?? null,
      cellIdx: spec.cellIdx ?? null,
      unionIdx: spec.unionIdx ?? null,
      staff: 0,
      childCount: 0,
    };
    if (parent) parent.childCount++;
    this.orgs.push(org);
    return org;
  }
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** A department being grown: its org handles and where its growth has got to. */
class DepartmentGrowth {
  so!: PlannedOrg;
  partyCommittee!: PlannedOrg;
  union!: PlannedOrg;
  private unionGroup: PlannedOrg | undefined;
  private unitsInUnionGroup = 0;
  private unionGroups = 0;
  private divisionCursor = 0;
  private unitCursor = 0;
  private counters = new Map<string, number>();
  exhausted = false;

  constructor(
    readonly spec: DepartmentSpec,
    private readonly b: TreeBuilder,
    private readonly rng: Rng,
  ) {}

  private next(prefix: string): number {
    const n = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, n);
    return n;
  }

  /** A tổ công đoàn for every three units, so unions stay small as in real life. */
  private unionFor(): number | null {
    if (!this.unionGroup || this.unitsInUnionGroup >= 3) {
      const n = ++this.unionGroups;
      const g = this.b.add(this.union, {
        kind: 'to_cong_doan',
        name: `Tổ công đoàn số ${n}`,
        code: `${this.union.code}-T${pad(n)}`,
        group: this.spec.code,
      });
      if (g) {
        this.unionGroup = g;
        this.unitsInUnionGroup = 0;
      }
    }
    this.unitsInUnionGroup++;
    return this.unionGroup?.idx ?? this.union.idx;
  }

  skeleton(stateRoot: PlannedOrg, partyRoot: PlannedOrg): boolean {
    const { spec, b } = this;
    const g = spec.code;
    const so = b.add(stateRoot, { kind: 'so', name: spec.name, code: g, shortName: spec.short, group: g, staffKind: 'so' });
    const du = b.add(partyRoot, {
      kind: 'dang_uy_co_so',
      name: `Đảng ủy ${spec.name}`,
      code: `DU-${g}`,
      shortName: `Đảng ủy ${spec.short}`,
      group: g,
    });
    if (!so || !du) return false;
    this.so = so;
    this.partyCommittee = du;
    const union = b.add(so, {
      kind: 'cong_doan',
      name: `Công đoàn cơ sở ${spec.name}`,
      code: `CD-${g}`,
      shortName: `Công đoàn ${spec.short}`,
      group: g,
    });
    if (!union) return false;
    this.union = union;
    b.add(so, { kind: 'doan_thanh_nien', name: `Đoàn Thanh niên ${spec.name}`, code: `DTN-${g}`, group: g });
    for (const name of COMMON_DIVISIONS) this.division({ name, kind: 'phong' });
    // The leadership sits in the Văn phòng cell and the first union group.
    const firstDivision = b.orgs.find((o) => o.parentIdx === so.idx && o.kind === 'phong');
    so.cellIdx = firstDivision?.cellIdx ?? null;
    so.unionIdx = firstDivision?.unionIdx ?? null;
    return !b.full;
  }

  /** A division (or chi cục with its phòng) with its Party cell and union group. */
  private division(d: DivisionSpec) {
    const { b, spec } = this;
    const g = spec.code;
    const unionIdx = this.unionFor();
    if (d.kind === 'chi_cuc') {
      const n = this.next('CC');
      const cc = b.add(this.so, { kind: 'chi_cuc', name: d.name, code: `${g}-CC${pad(n)}`, group: g, staffKind: 'chi_cuc', unionIdx });
      if (!cc) return;
      // A chi cục has its own partial Party committee with a cell per phòng.
      const bp = b.add(this.partyCommittee, {
        kind: 'dang_bo_bo_phan',
        name: `Đảng bộ bộ phận ${d.name}`,
        code: `DU-${g}-BP${pad(n)}`,
        group: g,
      });
      const leadCell = bp && b.add(bp, { kind: 'chi_bo', name: `Chi bộ Lãnh đạo ${d.name}`, code: `DU-${g}-BP${pad(n)}-CB00`, group: g });
      cc.cellIdx = leadCell?.idx ?? null;
      (d.children ?? []).forEach((child, i) => {
        const p = b.add(cc, {
          kind: 'phong',
          name: `${child} - ${d.name}`,
          code: `${cc.code}-P${pad(i + 1)}`,
          group: g,
          staffKind: 'phong',
          unionIdx,
        });
        const cell = bp && b.add(bp, { kind: 'chi_bo', name: `Chi bộ ${child} - ${d.name}`, code: `${bp.code}-CB${pad(i + 1)}`, group: g });
        if (p) p.cellIdx = cell?.idx ?? cc.cellIdx;
      });
      return;
    }
    const n = this.next('P');
    const p = b.add(this.so, {
      kind: d.kind,
      name: d.name,
      code: `${g}-P${pad(n)}`,
      group: g,
      staffKind: d.kind === 'phong' ? 'phong' : 'don_vi_su_nghiep',
      unionIdx,
    });
    if (!p) return;
    const cell = b.add(this.partyCommittee, {
      kind: 'chi_bo',
      name: `Chi bộ ${d.name}`,
      code: `DU-${g}-CB${pad(this.next('CB'))}`,
      group: g,
    });
    p.cellIdx = cell?.idx ?? null;
  }

  /** A public-service unit (school, hospital, centre) with its sub-units and Party cell. */
  private unit() {
    const { b, spec, rng } = this;
    const g = spec.code;
    const fixed = spec.units.filter((u) => !u.pattern.includes('{'));
    const repeating = spec.units.filter((u) => u.pattern.includes('{'));
    const cursor = this.unitCursor++;
    const pattern = cursor < fixed.length ? fixed[cursor]! : repeating[(cursor - fixed.length) % Math.max(1, repeating.length)];
    if (!pattern) {
      this.exhausted = true;
      return;
    }
    const n = this.next('DV');
    const name = pattern.pattern.replace('{place}', rng.pick(PLACES)).replace('{n}', String(n));
    const isSchool = /^Trường|Trung tâm Giáo dục/.test(name);
    const isHospital = /^Bệnh viện|Trung tâm Y tế/.test(name);
    const unionIdx = this.unionFor();
    const u = b.add(this.so, {
      kind: 'don_vi_su_nghiep',
      name,
      code: `${g}-DV${pad(n, 3)}`,
      group: g,
      staffKind: isSchool && pattern.children ? 'school' : isHospital ? 'hospital' : 'don_vi_su_nghiep',
      unionIdx,
    });
    if (!u) return;
    const children = pattern.children ?? [];
    if (isHospital && children.length > 0) {
      // Hospitals: a partial Party committee with one cell per three wards.
      const bp = b.add(this.partyCommittee, {
        kind: 'dang_bo_bo_phan',
        name: `Đảng bộ ${name}`,
        code: `DU-${g}-BP${pad(this.next('CC'))}`,
        group: g,
      });
      let cell: PlannedOrg | undefined;
      u.cellIdx = null;
      children.forEach((child, i) => {
        if (i % 3 === 0 && bp)
          cell = b.add(bp, {
            kind: 'chi_bo',
            name: `Chi bộ ${children.slice(i, i + 3).join(', ')}`,
            code: `${bp.code}-CB${pad(i / 3 + 1)}`,
            group: g,
          });
        u.cellIdx ??= cell?.idx ?? null;
        b.add(u, {
          kind: 'phong',
          name: child,
          code: `${u.code}-K${pad(i + 1)}`,
          group: g,
          staffKind: 'khoa',
          unionIdx,
          cellIdx: cell?.idx ?? null,
        });
      });
      return;
    }
    const cell = b.add(this.partyCommittee, {
      kind: 'chi_bo',
      name: `Chi bộ ${name}`,
      code: `DU-${g}-CB${pad(this.next('CB'))}`,
      group: g,
    });
    u.cellIdx = cell?.idx ?? null;
    children.forEach((child, i) => {
      b.add(u, {
        kind: isSchool ? 'khac' : 'phong',
        name: child,
        code: `${u.code}-T${pad(i + 1)}`,
        group: g,
        staffKind: isSchool ? 'to' : 'phong',
        unionIdx,
        cellIdx: u.cellIdx,
      });
    });
  }

  /** Adds the next cluster of orgs; false when the department has nothing more to add. */
  grow(): boolean {
    if (this.divisionCursor < this.spec.divisions.length) {
      this.division(this.spec.divisions[this.divisionCursor++]!);
      return true;
    }
    if (this.exhausted) return false;
    this.unit();
    return !this.exhausted;
  }
}

/** A commune being grown: offices, schools and residential Party cells. */
class CommuneGrowth {
  ward!: PlannedOrg;
  partyCommittee!: PlannedOrg;
  private officeCell!: PlannedOrg;
  private union!: PlannedOrg;
  private step = 0;
  private residential = 0;
  private schools = 0;
  readonly kind: 'phường' | 'xã';
  readonly name: string;
  readonly code: string;

  constructor(
    private readonly place: string,
    index: number,
    private readonly b: TreeBuilder,
  ) {
    const c = communeName(place, index);
    this.kind = c.kind;
    this.name = c.name;
    this.code = `PX${pad(index + 1, 3)}`;
  }

  skeleton(stateRoot: PlannedOrg, partyRoot: PlannedOrg): boolean {
    const { b, code: g } = this;
    const ward = b.add(stateRoot, { kind: 'phuong_xa', name: this.name, code: g, group: g, staffKind: 'phuong_xa' });
    const db = b.add(partyRoot, { kind: 'dang_bo', name: `Đảng bộ ${this.name}`, code: `DB-${g}`, group: g });
    if (!ward || !db) return false;
    this.ward = ward;
    this.partyCommittee = db;
    const cell = b.add(db, { kind: 'chi_bo', name: `Chi bộ Cơ quan ${this.name}`, code: `DB-${g}-CB00`, group: g });
    const union = b.add(ward, { kind: 'cong_doan', name: `Công đoàn cơ sở cơ quan ${this.name}`, code: `CD-${g}`, group: g });
    if (!cell || !union) return false;
    this.officeCell = cell;
    this.union = union;
    ward.cellIdx = cell.idx;
    ward.unionIdx = union.idx;
    communeOffices(this.kind).forEach((office, i) => {
      b.add(ward, {
        kind: 'phong',
        name: `${office} ${this.name}`,
        code: `${g}-P${pad(i + 1)}`,
        group: g,
        staffKind: 'phong',
        cellIdx: cell.idx,
        unionIdx: union.idx,
      });
    });
    this.addResidentialCell();
    return !b.full;
  }

  private addResidentialCell() {
    const n = ++this.residential;
    const name = this.kind === 'phường' ? `Chi bộ Tổ dân phố số ${n} ${this.name}` : `Chi bộ Thôn số ${n} ${this.name}`;
    this.b.add(this.partyCommittee, {
      kind: 'chi_bo',
      name,
      code: `DB-${this.code}-CB${pad(n, 3)}`,
      group: this.code,
      staffKind: 'residential',
    });
  }

  grow(): boolean {
    const { b, code: g } = this;
    const s = this.step++;
    const once: (() => void)[] = [
      () =>
        b.add(this.ward, {
          kind: 'don_vi_su_nghiep',
          name: `Trung tâm Phục vụ hành chính công ${this.name}`,
          code: `${g}-TT`,
          group: g,
          staffKind: 'don_vi_su_nghiep',
          cellIdx: this.officeCell.idx,
          unionIdx: this.union.idx,
        }),
      () => b.add(this.ward, { kind: 'doan_thanh_nien', name: `Đoàn Thanh niên ${this.name}`, code: `DTN-${g}`, group: g }),
      () => b.add(this.ward, { kind: 'hoi_ccb', name: `Hội Cựu chiến binh ${this.name}`, code: `CCB-${g}`, group: g }),
    ];
    if (s < once.length) {
      once[s]!();
      return true;
    }
    // Then two residential cells for every school.
    if ((s - once.length) % 3 === 2) {
      const n = ++this.schools;
      const pattern = COMMUNE_UNITS[(n - 1) % COMMUNE_UNITS.length]!;
      const name = pattern
        .replace('{place}', this.name.replace(/^(Phường|Xã) /, ''))
        .replace('{n}', String(Math.ceil(n / COMMUNE_UNITS.length)));
      const cell = b.add(this.partyCommittee, { kind: 'chi_bo', name: `Chi bộ ${name}`, code: `DB-${g}-TR${pad(n, 3)}`, group: g });
      b.add(this.ward, {
        kind: 'don_vi_su_nghiep',
        name,
        code: `${g}-TR${pad(n, 3)}`,
        group: g,
        staffKind: name.startsWith('Trường') ? 'school' : 'don_vi_su_nghiep',
        cellIdx: cell?.idx ?? this.officeCell.idx,
        unionIdx: this.union.idx,
      });
      return true;
    }
    this.addResidentialCell();
    return true;
  }
}

export interface PlanOptions {
  orgs: number;
  rng: Rng;
}

/**
 * Plans a city with exactly `orgs` organisations. Below 400 orgs it is one department (the
 * department preset, like the demo organisation); above, all departments and as many communes as
 * fit, then grows them — departments by their weight, communes evenly — until the count is met.
 */
export function planCity({ orgs: target, rng }: PlanOptions): CityPlan {
  if (target < 12) throw new Error('at least 12 orgs are needed for a department');
  const b = new TreeBuilder(target);
  const city = 'city';
  const tu = b.add(null, { kind: 'thanh_uy', name: 'Thành ủy Hà Nội', code: 'TU-HN', group: city })!;
  const ubnd = b.add(null, {
    kind: 'ubnd',
    name: 'Ủy ban nhân dân Thành phố Hà Nội',
    code: 'UBND-HN',
    shortName: 'UBND Thành phố',
    group: city,
  })!;
  const dbub = b.add(tu, { kind: 'dang_bo', name: 'Đảng bộ Ủy ban nhân dân Thành phố', code: 'DB-UBNDTP', group: city })!;

  const small = target < 400;
  const departmentSpecs = small ? DEPARTMENTS.filter((d) => d.code === 'SKHCN') : DEPARTMENTS;
  const communeCount = small
    ? 0
    : Math.min(PLACES.length, 126, Math.max(0, Math.floor(((target - 3 - departmentSpecs.length * 14) * 0.5) / 8)));

  const departments: DepartmentGrowth[] = [];
  for (const spec of departmentSpecs) {
    const d = new DepartmentGrowth(spec, b, rng.fork(spec.code));
    if (!d.skeleton(ubnd, dbub)) break;
    departments.push(d);
  }
  const communes: CommuneGrowth[] = [];
  for (let i = 0; i < communeCount && !b.full; i++) {
    const c = new CommuneGrowth(PLACES[i]!, i, b);
    if (!c.skeleton(ubnd, tu)) break;
    communes.push(c);
  }

  // Growth: 40 % of what is left to departments (weighted), 60 % to communes (evenly).
  const departmentShare = communes.length ? 0.4 : 1;
  while (!b.full) {
    const live = departments.filter((d) => !d.exhausted);
    const toDepartment = live.length > 0 && (communes.length === 0 || rng.chance(departmentShare));
    if (toDepartment) rng.weighted(live.map((d) => [d, d.spec.weight] as const)).grow();
    else if (communes.length) rng.pick(communes).grow();
    else break;
  }

  const groups: UnitGroup[] = [
    ...departments.map((d) => ({
      code: d.spec.code,
      name: d.spec.name,
      type: 'department' as const,
      stateIdx: d.so.idx,
      partyIdx: d.partyCommittee.idx,
      orgCount: 0,
    })),
    ...communes.map((c) => ({
      code: c.code,
      name: c.name,
      type: 'commune' as const,
      stateIdx: c.ward.idx,
      partyIdx: c.partyCommittee.idx,
      orgCount: 0,
    })),
  ];
  const byCode = new Map(groups.map((g) => [g.code, g]));
  for (const o of b.orgs) {
    const g = byCode.get(o.group);
    if (g) g.orgCount++;
  }
  return { orgs: b.orgs, groups };
}

/** Base headcount of a unit before scaling to the requested number of people. */
function baseStaff(kind: StaffKind, rng: Rng): number {
  switch (kind) {
    case 'so':
      return 4;
    case 'phuong_xa':
      return 3;
    case 'chi_cuc':
      return 3;
    case 'phong':
      return rng.int(7, 15);
    case 'school':
      return rng.int(20, 45);
    case 'hospital':
      return 4;
    case 'khoa':
      return rng.int(12, 30);
    case 'to':
      return rng.int(6, 14);
    case 'don_vi_su_nghiep':
      return rng.int(8, 25);
    case 'residential':
      return rng.int(20, 60);
  }
}

// Leadership seats do not grow with the city: a sở has its director and deputies whatever its size.
const FIXED: ReadonlySet<StaffKind> = new Set(['so', 'phuong_xa', 'chi_cuc', 'hospital']);

/**
 * Sets `staff` on every staffed unit so the total is exactly `people`: leadership seats (sở,
 * commune, chi cục and hospital boards) keep their base size, every other unit's base headcount is
 * scaled proportionally (largest remainder). Leadership seats are filled first, so every sở and
 * commune has a head to sign in as.
 */
export function allocateStaff(plan: CityPlan, people: number, rng: Rng): void {
  const units = plan.orgs.filter((o) => o.staffKind !== null);
  const base = units.map((u) => baseStaff(u.staffKind!, rng));
  let left = people;
  units.forEach((u, i) => {
    if (!FIXED.has(u.staffKind!)) return;
    const n = Math.min(left, base[i]!);
    u.staff = n;
    left -= n;
  });
  const scalable = units.map((u, i) => ({ u, w: base[i]! })).filter(({ u }) => !FIXED.has(u.staffKind!));
  const total = scalable.reduce((s, x) => s + x.w, 0);
  if (total === 0) return;
  const shares = scalable.map(({ u, w }) => ({ u, share: (w * left) / total }));
  let given = 0;
  for (const { u, share } of shares) {
    u.staff = Math.floor(share);
    given += u.staff;
  }
  shares.sort((a, b) => b.share - Math.floor(b.share) - (a.share - Math.floor(a.share)) || a.u.idx - b.u.idx);
  for (let i = 0; given < left; i++, given++) shares[i % shares.length]!.u.staff++;
}
