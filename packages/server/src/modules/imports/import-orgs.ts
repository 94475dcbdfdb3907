/**
 * Org import: reads each row, checks it against the org contract, the tree and the caller's
 * import scope, decides create / update / skip, and writes the valid rows inside the caller's
 * transaction with one audit record per change.
 */
import { ORG_IMPORT_COLUMNS as C, ORG_KIND_LABELS, OrgCreate, type OrgKind } from '@kycuong/domain';
import type { Transaction } from 'kysely';
import type { AppContext } from '../../context';
import { bool, isUniqueViolation, nowIso } from '../../db/dialect';
import type { Database } from '../../db/schema';
import { canIn, scopeOf, type Actor } from '../../platform/access';
import { loadSnapshot } from '../../platform/audit';
import { AppError, errors } from '../../platform/errors';
import { newId, pathSegment } from '../../platform/ids';
import { OrgRepository } from '../orgs/orgs.repository';
import { searchText } from '../orgs/orgs.service';
import { cellText, type Sheet } from './imports.codec';
import { mapHeaders, parseBool, parseInteger, parseKind, type Parsed } from './imports.cells';
import type { ImportsRepository, OrgLookupRow } from './imports.repository';
import { addError, isValid, newRow, passes, type RowState } from './import-rows';

export interface OrgPlan {
  row: RowState;
  code: string;
  name: string;
  /** undefined: column absent (keep on update). */
  shortName: string | null | undefined;
  kind: OrgKind | null;
  parentCode: string | null;
  sortOrder: number | null;
  active: boolean | null;
  existing?: OrgLookupRow;
  /** The parent when it already exists in the database. */
  parentDb?: OrgLookupRow;
  /** The parent when this file creates it. */
  parentPlan?: OrgPlan;
  /** Written path and depth, once created (children need them). */
  created?: { id: string; path: string; depth: number };
}

function value<T>(row: RowState, column: string, parsed: Parsed<T>): T | null {
  if (parsed.ok) return parsed.value;
  addError(row, column, parsed.message);
  return null;
}

/** Parses, checks and classifies every row of an org sheet. */
export async function planOrgs(
  repo: ImportsRepository,
  actor: Actor,
  sheet: Sheet,
  headerIndex: ReturnType<typeof mapHeaders<keyof typeof C>>['index'],
): Promise<OrgPlan[]> {
  const at = (values: Sheet['rows'][number]['values'], key: keyof typeof C) => {
    const i = headerIndex[key];
    return i === undefined ? null : (values[i] ?? null);
  };
  const plans: OrgPlan[] = sheet.rows.map(({ rowNumber, values }) => {
    const row = newRow(rowNumber);
    const code = cellText(at(values, 'code'));
    if (!code) addError(row, C.code.vi, 'Thiếu mã đơn vị');
    else if (!passes(OrgCreate.shape.code, code))
      addError(
        row,
        C.code.vi,
        `Mã đơn vị “${code}” không hợp lệ: chỉ dùng chữ không dấu, số, dấu chấm, gạch ngang, gạch dưới (tối đa 40 ký tự)`,
      );
    const name = cellText(at(values, 'name'));
    if (!name) addError(row, C.name.vi, 'Thiếu tên đơn vị');
    else if (!passes(OrgCreate.shape.name, name)) addError(row, C.name.vi, 'Tên đơn vị phải dài từ 2 đến 250 ký tự');
    let shortName: string | null | undefined;
    if (headerIndex.shortName !== undefined) {
      shortName = cellText(at(values, 'shortName')) || null;
      if (shortName && !passes(OrgCreate.shape.shortName, shortName)) addError(row, C.shortName.vi, 'Tên viết tắt dài tối đa 80 ký tự');
    }
    const kind = value(row, C.kind.vi, parseKind(at(values, 'kind')));
    const parentCode = cellText(at(values, 'parentCode')) || null;
    const sortOrder = value(row, C.sortOrder.vi, parseInteger(at(values, 'sortOrder'), C.sortOrder.vi, 0, 1_000_000));
    const active = value(row, C.active.vi, parseBool(at(values, 'active'), C.active.vi));
    return { row, code, name, shortName, kind, parentCode, sortOrder, active };
  });

  // A code twice in the file: the first row counts, the others are errors.
  const byCode = new Map<string, OrgPlan>();
  for (const p of plans) {
    if (!p.code) continue;
    const first = byCode.get(p.code);
    if (first) addError(p.row, C.code.vi, `Mã đơn vị “${p.code}” bị trùng với dòng ${first.row.rowNumber}`);
    else byCode.set(p.code, p);
  }

  const codes = plans.flatMap((p) => [p.code, p.parentCode ?? '']).filter(Boolean);
  const db = new Map((await repo.orgsByCodes(codes)).map((o) => [o.code, o]));
  const importAll = scopeOf(actor, 'data.import').all;
  // Codes from outside the caller's scope are not echoed back: the column names the cell at fault.
  const noSuchOrg = 'Không tìm thấy đơn vị có mã này trong phạm vi của bạn';
  const notImportable = (o: OrgLookupRow) => `Bạn không có quyền nhập dữ liệu vào đơn vị “${o.name}” (${o.code})`;

  for (const p of plans) {
    if (!p.code || byCode.get(p.code) !== p) continue;
    const existing = db.get(p.code);
    if (existing) {
      p.existing = existing;
      if (!canIn(actor, 'org.read', existing.path)) {
        // The code is unique across the whole system, so this much has to be said.
        addError(p.row, C.code.vi, 'Mã đơn vị này đã được dùng cho một đơn vị ngoài phạm vi của bạn; hãy chọn mã khác');
        continue;
      }
      if (!canIn(actor, 'data.import', existing.path)) {
        addError(p.row, C.code.vi, notImportable(existing));
        continue;
      }
      if (p.parentCode && p.parentCode !== existing.parent_code) {
        addError(
          p.row,
          C.parentCode.vi,
          `Đơn vị “${p.code}” đã có và đang thuộc đơn vị cấp trên khác; muốn chuyển đơn vị hãy dùng chức năng “Chuyển đơn vị”`,
        );
      }
      continue;
    }
    if (!p.kind) addError(p.row, C.kind.vi, 'Thiếu loại đơn vị (bắt buộc khi tạo đơn vị mới)');
    if (!p.parentCode) {
      if (!importAll) addError(p.row, C.parentCode.vi, 'Thiếu mã đơn vị cấp trên (chỉ quản trị hệ thống được tạo đơn vị gốc)');
      continue;
    }
    if (p.parentCode === p.code) {
      addError(p.row, C.parentCode.vi, 'Đơn vị không thể là cấp trên của chính nó');
      continue;
    }
    const parentDb = db.get(p.parentCode);
    const parentInFile = byCode.get(p.parentCode);
    if (parentDb) {
      if (!canIn(actor, 'org.read', parentDb.path)) addError(p.row, C.parentCode.vi, noSuchOrg);
      else if (!canIn(actor, 'data.import', parentDb.path)) addError(p.row, C.parentCode.vi, notImportable(parentDb));
      else p.parentDb = parentDb;
    } else if (parentInFile) {
      p.parentPlan = parentInFile;
    } else {
      addError(p.row, C.parentCode.vi, noSuchOrg);
    }
  }

  // New orgs whose parents are new orgs of the same file: refuse cycles, and a child of a row
  // in error is in error too.
  for (const p of plans) {
    const seen = new Set<OrgPlan>([p]);
    for (let q = p.parentPlan; q; q = q.parentPlan) {
      if (seen.has(q)) {
        addError(p.row, C.parentCode.vi, 'Các đơn vị cấp trên tạo thành vòng lặp');
        break;
      }
      seen.add(q);
    }
  }
  let changed = true;
  while (changed) {
    changed = false;
    for (const p of plans) {
      if (isValid(p.row) && p.parentPlan && !isValid(p.parentPlan.row)) {
        addError(p.row, C.parentCode.vi, `Đơn vị cấp trên “${p.parentCode}” (dòng ${p.parentPlan.row.rowNumber}) có lỗi`);
        changed = true;
      }
    }
  }

  for (const p of plans) {
    if (!isValid(p.row)) {
      // Nothing about an existing org is described on a row in error (it may lie outside the scope).
      p.row.summary = `${p.name || '(không tên)'} — có lỗi`;
      p.row.action = p.existing ? 'update' : 'create';
      continue;
    }
    const kindLabel = p.kind
      ? ORG_KIND_LABELS[p.kind].vi
      : p.existing
        ? (ORG_KIND_LABELS[p.existing.kind as OrgKind]?.vi ?? p.existing.kind)
        : '';
    let summary = `${p.name || '(không tên)'} (${p.code || '?'})${kindLabel ? `, ${kindLabel}` : ''}${p.parentCode ? `, thuộc ${p.parentCode}` : ''}`;
    if (p.existing) {
      const changes = orgChanges(p, p.existing);
      p.row.action = changes.length ? 'update' : 'skip';
      summary += changes.length ? ` — cập nhật: ${changes.join(', ')}` : ' — đã có, không thay đổi';
    } else {
      p.row.action = 'create';
      summary += ' — tạo mới';
    }
    p.row.summary = summary;
  }
  return plans;
}

/** The fields a row would change on an existing org (empty: nothing to do). */
function orgChanges(p: OrgPlan, o: OrgLookupRow): string[] {
  const out: string[] = [];
  if (p.name && p.name !== o.name) out.push('tên');
  if (p.shortName !== undefined && (p.shortName ?? null) !== o.short_name) out.push('tên viết tắt');
  if (p.kind && p.kind !== o.kind) out.push('loại');
  if (p.sortOrder !== null && p.sortOrder !== o.sort_order) out.push('thứ tự');
  if (p.active !== null && p.active !== bool(o.active)) out.push(p.active ? 'hoạt động lại' : 'ngừng hoạt động');
  return out;
}

/** Number of new parents above a plan inside the file: parents are written first. */
function fileDepth(p: OrgPlan): number {
  let n = 0;
  for (let q = p.parentPlan; q; q = q.parentPlan) n++;
  return n;
}

function rowConflict(p: OrgPlan, what: string): AppError {
  const detail = `dòng ${p.row.rowNumber}: ${what}`;
  return new AppError('conflict', 409, { detail }, [{ path: `rows.${p.row.rowNumber}`, message: what, code: 'duplicate' }]);
}

/** Writes the valid create/update rows inside `trx`, parents before children, each change audited. */
export async function writeOrgs(ctx: AppContext, trx: Transaction<Database>, actor: Actor, plans: OrgPlan[]): Promise<void> {
  const repo = new OrgRepository(trx);
  const todo = plans.filter((p) => isValid(p.row) && p.row.action !== 'skip');
  todo.sort((a, b) => fileDepth(a) - fileDepth(b));
  for (const p of todo) {
    const now = nowIso();
    if (p.existing) {
      const o = p.existing;
      const before = await loadSnapshot(trx, 'org', o.id);
      const name = p.name || o.name;
      const shortName = p.shortName === undefined ? o.short_name : p.shortName;
      let ok: boolean;
      try {
        ok = await repo.update(o.id, o.version, {
          kind: p.kind ?? o.kind,
          name,
          short_name: shortName,
          ...(p.sortOrder !== null ? { sort_order: p.sortOrder } : {}),
          ...(p.active !== null ? { active: p.active } : {}),
          search_text: searchText(name, o.code, shortName),
          updated_at: now,
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw rowConflict(p, `mã đơn vị “${p.code}” bị trùng`);
        throw err;
      }
      // Changed by someone else since the rows were checked: the whole import stops.
      if (!ok) throw errors.versionConflict();
      const action =
        p.active === false && bool(o.active) ? 'org.deactivate' : p.active === true && !bool(o.active) ? 'org.activate' : 'org.update';
      await ctx.audit.record(trx, { actorUserId: actor.userId, action, entityType: 'org', entityId: o.id, orgId: o.id, before });
      continue;
    }
    const id = newId();
    const parent = p.parentDb ? { id: p.parentDb.id, path: p.parentDb.path, depth: p.parentDb.depth } : p.parentPlan?.created;
    if (p.parentPlan && !parent) throw new Error(`import: parent of row ${p.row.rowNumber} not written yet`);
    const path = parent ? `${parent.path}${pathSegment(id)}/` : `/${pathSegment(id)}/`;
    const depth = parent ? parent.depth + 1 : 0;
    try {
      await repo.insert({
        id,
        parent_id: parent?.id ?? null,
        path,
        depth,
        kind: p.kind!,
        code: p.code,
        name: p.name,
        short_name: p.shortName ?? null,
        sort_order: p.sortOrder ?? 0,
        active: p.active ?? true,
        search_text: searchText(p.name, p.code, p.shortName),
        version: 1,
        created_at: now,
        updated_at: now,
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw rowConflict(p, `mã đơn vị “${p.code}” đã tồn tại`);
      throw err;
    }
    p.created = { id, path, depth };
    await ctx.audit.record(trx, {
      actorUserId: actor.userId,
      action: 'org.create',
      entityType: 'org',
      entityId: id,
      orgId: id,
      before: null,
    });
  }
}
