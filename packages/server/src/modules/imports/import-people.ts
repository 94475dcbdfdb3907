/**
 * People import: one row per membership. Rows with the same person key (e-mail, else name and
 * birth date) are one person. A person already in the system (same e-mail; without e-mail, same
 * name and birth date, or same name in the same unit) gets the memberships they lack; a new
 * person is created with all their memberships. Writes run inside the caller's transaction,
 * each change audited as the people service does.
 */
import {
  MembershipInput,
  PERSON_IMPORT_COLUMNS as C,
  PersonCreate,
  normalizeName,
  vietnameseNameSortKey,
  type PersonCategory,
} from '@kycuong/domain';
import type { Transaction } from 'kysely';
import type { AppContext } from '../../context';
import { isUniqueViolation, nowIso } from '../../db/dialect';
import type { Database } from '../../db/schema';
import { canIn, type Actor } from '../../platform/access';
import { loadSnapshot } from '../../platform/audit';
import { AppError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { PeopleRepository } from '../people/people.repository';
import { searchText } from '../people/people.service';
import { cellText, type Sheet } from './imports.codec';
import { mapHeaders, parseBool, parseCategories, parseDate, parseGender, parseHeadDeputy, phoneText, type Parsed } from './imports.cells';
import type { ImportsRepository, OrgLookupRow } from './imports.repository';
import { ROW, addError, isValid, newRow, passes, type RowState } from './import-rows';

type Gender = 'male' | 'female' | 'other';

/** The personal fields of a row; null where the cell is empty. */
interface PersonFields {
  fullName: string | null;
  email: string | null;
  phone: string | null;
  position: string | null;
  birthDate: string | null;
  gender: Gender | null;
  categories: PersonCategory[] | null;
}

export interface PersonRowPlan {
  row: RowState;
  fields: PersonFields;
  orgCode: string;
  org?: OrgLookupRow;
  title: string | null;
  isHead: boolean;
  isDeputy: boolean;
  isPrimary: boolean;
  group?: PersonGroup;
}

export interface PersonGroup {
  key: string;
  rows: PersonRowPlan[];
  /** The person's fields merged over the group's rows (first non-empty value). */
  person: PersonFields;
  existingId?: string;
  existingOrgIds: Set<string>;
}

const FIELD_COLUMNS: Record<keyof PersonFields, string> = {
  fullName: C.fullName.vi,
  email: C.email.vi,
  phone: C.phone.vi,
  position: C.position.vi,
  birthDate: C.birthDate.vi,
  gender: C.gender.vi,
  categories: C.categories.vi,
};

function value<T>(row: RowState, column: string, parsed: Parsed<T>): T | null {
  if (parsed.ok) return parsed.value;
  addError(row, column, parsed.message);
  return null;
}

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Parses, groups, checks and classifies every row of a people sheet. */
export async function planPeople(
  repo: ImportsRepository,
  actor: Actor,
  sheet: Sheet,
  headerIndex: ReturnType<typeof mapHeaders<keyof typeof C>>['index'],
): Promise<PersonRowPlan[]> {
  const at = (values: Sheet['rows'][number]['values'], key: keyof typeof C) => {
    const i = headerIndex[key];
    return i === undefined ? null : (values[i] ?? null);
  };
  const plans: PersonRowPlan[] = sheet.rows.map(({ rowNumber, values }) => {
    const row = newRow(rowNumber);
    const fullName = normalizeName(cellText(at(values, 'fullName'))) || null;
    if (!fullName) addError(row, C.fullName.vi, 'Thiếu họ và tên');
    else if (!passes(PersonCreate.shape.fullName, fullName)) addError(row, C.fullName.vi, 'Họ và tên phải dài từ 2 đến 120 ký tự');
    const email = cellText(at(values, 'email')) || null;
    if (email && !passes(PersonCreate.shape.email, email)) addError(row, C.email.vi, `Email “${email}” không hợp lệ`);
    const phone = phoneText(at(values, 'phone')) || null;
    if (phone && !passes(PersonCreate.shape.phone, phone)) addError(row, C.phone.vi, `Số điện thoại “${phone}” không hợp lệ`);
    const position = cellText(at(values, 'position')) || null;
    if (position && !passes(PersonCreate.shape.position, position)) addError(row, C.position.vi, 'Chức vụ dài tối đa 200 ký tự');
    const birthDate = value(row, C.birthDate.vi, parseDate(at(values, 'birthDate'), C.birthDate.vi));
    const gender = value(row, C.gender.vi, parseGender(at(values, 'gender')));
    const categoriesCell = cellText(at(values, 'categories'));
    const categories = categoriesCell ? value(row, C.categories.vi, parseCategories(categoriesCell)) : null;
    const orgCode = cellText(at(values, 'orgCode'));
    if (!orgCode) addError(row, C.orgCode.vi, 'Thiếu mã đơn vị');
    const title = cellText(at(values, 'title')) || null;
    if (title && !passes(MembershipInput.shape.title, title)) addError(row, C.title.vi, 'Chức danh dài tối đa 120 ký tự');
    const headOrDeputy = value(row, C.headOrDeputy.vi, parseHeadDeputy(at(values, 'headOrDeputy')));
    const isPrimary = value(row, C.primary.vi, parseBool(at(values, 'primary'), C.primary.vi)) ?? false;
    return {
      row,
      fields: { fullName, email, phone, position, birthDate, gender, categories },
      orgCode,
      title,
      isHead: headOrDeputy === 'head',
      isDeputy: headOrDeputy === 'deputy',
      isPrimary,
    };
  });

  // Orgs: must exist in the caller's view and be open to their import.
  const orgs = new Map((await repo.orgsByCodes(plans.map((p) => p.orgCode).filter(Boolean))).map((o) => [o.code, o]));
  for (const p of plans) {
    if (!p.orgCode) continue;
    const org = orgs.get(p.orgCode);
    if (!org || !canIn(actor, 'org.read', org.path)) addError(p.row, C.orgCode.vi, 'Không tìm thấy đơn vị có mã này trong phạm vi của bạn');
    else if (!canIn(actor, 'data.import', org.path))
      addError(p.row, C.orgCode.vi, `Bạn không có quyền nhập dữ liệu vào đơn vị “${org.name}” (${org.code})`);
    else p.org = org;
  }

  // Group rows into people.
  const groups = new Map<string, PersonGroup>();
  plans.forEach((p, i) => {
    const f = p.fields;
    const key = f.email
      ? `email:${f.email.toLowerCase()}`
      : f.fullName
        ? `name:${f.fullName.toLowerCase()}|${f.birthDate ?? ''}`
        : `row:${i}`;
    let g = groups.get(key);
    if (!g) {
      g = { key, rows: [], person: { ...f }, existingOrgIds: new Set() };
      groups.set(key, g);
    } else {
      const first = g.rows[0]!;
      for (const k of Object.keys(FIELD_COLUMNS) as (keyof PersonFields)[]) {
        const mine = f[k];
        const merged = g.person[k];
        if (mine === null || (Array.isArray(mine) && mine.length === 0)) continue;
        if (merged === null || (Array.isArray(merged) && merged.length === 0)) (g.person as unknown as Record<string, unknown>)[k] = mine;
        else if (!sameValue(k === 'email' ? String(mine).toLowerCase() : mine, k === 'email' ? String(merged).toLowerCase() : merged)) {
          addError(p.row, FIELD_COLUMNS[k], `Khác với dòng ${first.row.rowNumber} của cùng người`);
        }
      }
      const dup = g.rows.find((o) => o.orgCode && o.orgCode === p.orgCode);
      if (dup) addError(p.row, C.orgCode.vi, `Trùng đơn vị “${p.orgCode}” với dòng ${dup.row.rowNumber} của cùng người`);
      const primary = g.rows.find((o) => o.isPrimary);
      if (p.isPrimary && primary)
        addError(p.row, C.primary.vi, `Mỗi người chỉ có một đơn vị chính (đã đánh dấu ở dòng ${primary.row.rowNumber})`);
    }
    g.rows.push(p);
    p.group = g;
  });

  await matchExisting(repo, actor, [...groups.values()]);

  // A person is written whole or not at all: one bad row makes the person's other rows errors.
  for (const g of groups.values()) {
    const bad = g.rows.find((r) => !isValid(r.row));
    if (bad)
      for (const r of g.rows) if (r !== bad && isValid(r.row)) addError(r.row, ROW, `Dòng ${bad.row.rowNumber} của cùng người có lỗi`);
  }

  for (const p of plans) {
    const g = p.group!;
    if (!isValid(p.row)) {
      p.row.summary = `${p.fields.fullName ?? '(không tên)'} — có lỗi`;
      p.row.action = g.existingId ? 'update' : 'create';
      continue;
    }
    const org = p.org ? `${p.org.name} (${p.org.code})` : p.orgCode || '?';
    const role = [p.title, p.isHead ? 'cấp trưởng' : p.isDeputy ? 'cấp phó' : null, p.isPrimary ? 'đơn vị chính' : null]
      .filter(Boolean)
      .join(', ');
    let summary = `${p.fields.fullName ?? '(không tên)'} — ${org}${role ? ` (${role})` : ''}`;
    if (!g.existingId) {
      p.row.action = 'create';
      summary += g.rows[0] === p ? ' — người mới' : ' — người mới (thêm đơn vị)';
    } else if (p.org && g.existingOrgIds.has(p.org.id)) {
      p.row.action = 'skip';
      summary += ' — đã có trong đơn vị, không thay đổi';
    } else {
      p.row.action = 'update';
      summary += ' — đã có trong hệ thống, thêm vào đơn vị';
    }
    p.row.summary = summary;
  }
  return plans;
}

/**
 * Finds the people already in the system. By e-mail across the system (a person outside the
 * caller's view is an error, not a duplicate); without e-mail only among people the caller can
 * see: same name and birth date, or same name already in one of the row's units.
 */
async function matchExisting(repo: ImportsRepository, actor: Actor, groups: PersonGroup[]): Promise<void> {
  const emails = groups.map((g) => g.person.email).filter((e): e is string => !!e);
  const byEmail = new Map<string, { id: string }[]>();
  for (const p of await repo.peopleByEmails(emails)) {
    const k = (p.email ?? '').toLowerCase();
    byEmail.set(k, [...(byEmail.get(k) ?? []), p]);
  }
  const names = groups.filter((g) => !g.person.email && g.person.fullName).map((g) => g.person.fullName!);
  const byName = new Map<string, { id: string; birth_date: string | null }[]>();
  for (const p of await repo.peopleByNames(names)) byName.set(p.full_name, [...(byName.get(p.full_name) ?? []), p]);

  const candidateIds = [...byEmail.values(), ...byName.values()].flat().map((p) => p.id);
  const memberships = new Map<string, { org_id: string; org_path: string }[]>();
  for (const m of await repo.membershipsOf(candidateIds)) memberships.set(m.person_id, [...(memberships.get(m.person_id) ?? []), m]);
  const visible = (id: string) => actor.personId === id || (memberships.get(id) ?? []).some((m) => canIn(actor, 'person.read', m.org_path));
  const flagAll = (g: PersonGroup, column: string, message: string) => {
    for (const r of g.rows) addError(r.row, column, message);
  };

  for (const g of groups) {
    let matches: string[] = [];
    if (g.person.email) {
      matches = (byEmail.get(g.person.email.toLowerCase()) ?? []).map((p) => p.id);
      if (matches.length > 1) {
        flagAll(
          g,
          C.email.vi,
          `Có ${matches.length} cán bộ cùng email “${g.person.email}” trong hệ thống; hãy sửa trực tiếp trong danh sách cán bộ`,
        );
        continue;
      }
      if (matches.length === 1 && !visible(matches[0]!)) {
        flagAll(
          g,
          C.email.vi,
          'Email này đã thuộc về một cán bộ ngoài phạm vi của bạn; đề nghị quản trị cấp trên thêm người này vào đơn vị',
        );
        continue;
      }
    } else if (g.person.fullName) {
      const sameName = (byName.get(g.person.fullName) ?? []).filter((p) => visible(p.id));
      if (g.person.birthDate) {
        matches = sameName.filter((p) => p.birth_date === g.person.birthDate).map((p) => p.id);
      } else {
        const orgIds = new Set(g.rows.map((r) => r.org?.id).filter(Boolean));
        matches = sameName.filter((p) => (memberships.get(p.id) ?? []).some((m) => orgIds.has(m.org_id))).map((p) => p.id);
      }
      if (matches.length > 1) {
        flagAll(
          g,
          C.fullName.vi,
          `Có ${matches.length} cán bộ trùng họ tên${g.person.birthDate ? ' và ngày sinh' : ' trong đơn vị'}; hãy ghi thêm email để phân biệt`,
        );
        continue;
      }
    }
    if (matches.length === 1) {
      g.existingId = matches[0]!;
      for (const m of memberships.get(g.existingId) ?? []) g.existingOrgIds.add(m.org_id);
    }
  }
}

function rowConflict(p: PersonRowPlan, what: string): AppError {
  const detail = `dòng ${p.row.rowNumber}: ${what}`;
  return new AppError('conflict', 409, { detail }, [{ path: `rows.${p.row.rowNumber}`, message: what, code: 'duplicate' }]);
}

/** Writes the valid groups inside `trx`: new people with their memberships, missing memberships of known people. */
export async function writePeople(ctx: AppContext, trx: Transaction<Database>, actor: Actor, plans: PersonRowPlan[]): Promise<void> {
  const repo = new PeopleRepository(trx);
  const groups = [...new Set(plans.filter((p) => isValid(p.row)).map((p) => p.group!))];
  for (const g of groups) {
    const rows = g.rows.filter((r) => isValid(r.row) && r.row.action !== 'skip');
    if (rows.length === 0) continue;
    let personId = g.existingId;
    if (!personId) {
      personId = newId();
      const now = nowIso();
      const f = g.person;
      const fullName = f.fullName!;
      const categories = [...new Set(f.categories ?? [])].sort();
      try {
        await repo.insertPerson(
          {
            id: personId,
            full_name: fullName,
            sort_key: vietnameseNameSortKey(fullName),
            search_text: searchText({ fullName, email: f.email, phone: f.phone, position: f.position }),
            email: f.email,
            phone: f.phone,
            position: f.position,
            birth_date: f.birthDate,
            gender: f.gender,
            categories: JSON.stringify(categories),
            active: true,
            version: 1,
            created_at: now,
            updated_at: now,
          },
          categories,
        );
      } catch (err) {
        if (isUniqueViolation(err)) throw rowConflict(rows[0]!, `cán bộ “${fullName}” trùng với dữ liệu đã có`);
        throw err;
      }
      const primaryRow = rows.find((r) => r.isPrimary) ?? rows[0]!;
      await ctx.audit.record(trx, {
        actorUserId: actor.userId,
        action: 'person.create',
        entityType: 'person',
        entityId: personId,
        orgId: primaryRow.org!.id,
        before: null,
      });
      for (const r of rows) await insertMembership(ctx, trx, actor, personId, r, r === primaryRow);
    } else {
      for (const r of rows) await insertMembership(ctx, trx, actor, personId, r, r.isPrimary);
    }
  }
}

async function insertMembership(
  ctx: AppContext,
  trx: Transaction<Database>,
  actor: Actor,
  personId: string,
  r: PersonRowPlan,
  isPrimary: boolean,
): Promise<void> {
  const repo = new PeopleRepository(trx);
  const id = newId();
  const now = nowIso();
  if (isPrimary) {
    // One primary membership per person, as the people service keeps it.
    for (const other of await repo.otherPrimaries(personId, id)) {
      const before = await loadSnapshot(trx, 'membership', other.id);
      await repo.updateMembership(other.id, other.version, { is_primary: false, updated_at: now });
      await ctx.audit.record(trx, {
        actorUserId: actor.userId,
        action: 'membership.update',
        entityType: 'membership',
        entityId: other.id,
        before,
      });
    }
  }
  try {
    await repo.insertMembership({
      id,
      person_id: personId,
      org_id: r.org!.id,
      title: r.title,
      is_head: r.isHead,
      is_deputy: r.isDeputy,
      is_primary: isPrimary,
      version: 1,
      created_at: now,
      updated_at: now,
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw rowConflict(r, `cán bộ đã là thành viên của đơn vị “${r.orgCode}”`);
    throw err;
  }
  await ctx.audit.record(trx, {
    actorUserId: actor.userId,
    action: 'membership.create',
    entityType: 'membership',
    entityId: id,
    orgId: r.org!.id,
    before: null,
  });
}
