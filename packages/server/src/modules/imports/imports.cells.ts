/**
 * Turning spreadsheet cells into domain values, with the Vietnamese message shown in the row
 * report when a cell cannot be read. Labels are matched without accents or case, so "chi bo",
 * "Chi bộ" and "chi_bo" are the same kind.
 */
import {
  GENDER_LABELS,
  ORG_KINDS,
  ORG_KIND_LABELS,
  PERSON_CATEGORIES,
  PERSON_CATEGORY_LABELS,
  foldForSearch,
  type ImportColumn,
  type OrgKind,
  type PersonCategory,
} from '@kycuong/domain';
import { cellText, type CellValue } from './imports.codec';

/** Ok value, or a message for the report. `null` is an empty cell. */
export type Parsed<T> = { ok: true; value: T | null } | { ok: false; message: string };
const ok = <T>(value: T | null): Parsed<T> => ({ ok: true, value });
const fail = <T>(message: string): Parsed<T> => ({ ok: false, message });

const fold = (s: string) => foldForSearch(s).replace(/[\s_]+/g, ' ');

function lookup<K extends string>(keys: readonly K[], labels: Readonly<Record<K, { vi: string; en: string }>>): Map<string, K> {
  const m = new Map<string, K>();
  for (const k of keys) {
    m.set(fold(k), k);
    m.set(fold(labels[k].vi), k);
    m.set(fold(labels[k].en), k);
  }
  return m;
}

const KINDS = lookup(ORG_KINDS, ORG_KIND_LABELS);
const CATEGORIES = lookup(PERSON_CATEGORIES, PERSON_CATEGORY_LABELS);
const GENDERS = lookup(['male', 'female', 'other'] as const, GENDER_LABELS);
const TRUE_WORDS = new Set(['x', 'co', 'c', 'yes', 'y', 'true', '1', 'dung']);
const FALSE_WORDS = new Set(['khong', 'k', 'no', 'n', 'false', '0', 'sai']);

export function parseKind(v: CellValue): Parsed<OrgKind> {
  const s = cellText(v);
  if (!s) return ok(null);
  const kind = KINDS.get(fold(s));
  return kind ? ok(kind) : fail(`Loại đơn vị “${s}” không hợp lệ (ví dụ: Chi bộ, Đảng bộ, Phòng, Sở, Tổ công đoàn)`);
}

/** Categories separated by ';' (',' also accepted), by Vietnamese label or code. */
export function parseCategories(v: CellValue): Parsed<PersonCategory[]> {
  const s = cellText(v);
  if (!s) return ok([]);
  const out: PersonCategory[] = [];
  const unknown: string[] = [];
  for (const part of s.split(/[;,\n]/)) {
    const p = part.trim();
    if (!p) continue;
    const c = CATEGORIES.get(fold(p));
    if (c) {
      if (!out.includes(c)) out.push(c);
    } else unknown.push(p);
  }
  if (unknown.length) {
    return fail(
      `Đối tượng không hợp lệ: ${unknown.map((u) => `“${u}”`).join(', ')} (dùng: ${PERSON_CATEGORIES.map((c) => PERSON_CATEGORY_LABELS[c].vi).join('; ')})`,
    );
  }
  return ok(out);
}

export function parseGender(v: CellValue): Parsed<'male' | 'female' | 'other'> {
  const s = cellText(v);
  if (!s) return ok(null);
  const g = GENDERS.get(fold(s));
  return g ? ok(g) : fail(`Giới tính “${s}” không hợp lệ (Nam, Nữ hoặc Khác)`);
}

/** "x", "có", "1", "true" → true; "không", "0", "false" → false; empty → null. */
export function parseBool(v: CellValue, column: string): Parsed<boolean> {
  if (typeof v === 'boolean') return ok(v);
  const s = cellText(v);
  if (!s) return ok(null);
  const f = fold(s);
  if (TRUE_WORDS.has(f)) return ok(true);
  if (FALSE_WORDS.has(f)) return ok(false);
  return fail(`${column}: “${s}” không hợp lệ (ghi “x” hoặc “Có” cho có, để trống hoặc “Không” cho không)`);
}

export function parseHeadDeputy(v: CellValue): Parsed<'head' | 'deputy'> {
  const s = cellText(v);
  if (!s) return ok(null);
  const f = fold(s);
  if (f === 'truong' || f === 'head' || f === 'cap truong') return ok('head');
  if (f === 'pho' || f === 'deputy' || f === 'cap pho') return ok('deputy');
  return fail(`Trưởng/Phó: “${s}” không hợp lệ (ghi “Trưởng”, “Phó” hoặc để trống)`);
}

export function parseInteger(v: CellValue, column: string, min: number, max: number): Parsed<number> {
  const s = typeof v === 'number' ? String(v) : cellText(v);
  if (!s) return ok(null);
  const n = Number(s);
  if (!Number.isInteger(n) || n < min || n > max)
    return fail(`${column}: “${s}” phải là số nguyên từ ${min} đến ${max.toLocaleString('vi-VN')}`);
  return ok(n);
}

/**
 * A date as `YYYY-MM-DD` from `dd/mm/yyyy`, `d/m/yyyy`, `yyyy-mm-dd` or an Excel date cell
 * (exceljs gives Excel dates as UTC midnight, so the UTC parts are the calendar date).
 */
export function parseDate(v: CellValue, column: string): Parsed<string> {
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return fail(`${column} không hợp lệ`);
    return checkDate(v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate(), column, v.toISOString().slice(0, 10));
  }
  const s = cellText(v);
  if (!s) return ok(null);
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) return checkDate(Number(m[3]), Number(m[2]), Number(m[1]), column, s);
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (m) return checkDate(Number(m[1]), Number(m[2]), Number(m[3]), column, s);
  return fail(`${column} “${s}” không hợp lệ (ghi theo dạng dd/mm/yyyy, ví dụ 05/09/1980)`);
}

function checkDate(y: number, m: number, d: number, column: string, shown: string): Parsed<string> {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d || y < 1900) {
    return fail(`${column} “${shown}” không phải là ngày có thật`);
  }
  if (date.getTime() > Date.now()) return fail(`${column} “${shown}” ở tương lai`);
  return ok(`${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
}

/** `YYYY-MM-DD` → `dd/mm/yyyy`, the way Vietnamese users write dates (export). */
export function formatDateVi(iso: string | null): string | null {
  if (!iso) return null;
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/**
 * A phone number cell. Excel turns "0912345678" typed into a number cell into 912345678;
 * Vietnamese numbers have ten digits starting with 0, so a nine-digit number gets its 0 back.
 */
export function phoneText(v: CellValue): string {
  if (typeof v === 'number' && Number.isInteger(v)) {
    const s = String(v);
    return s.length === 9 ? `0${s}` : s;
  }
  return cellText(v);
}

export interface HeaderMap<K extends string> {
  index: Partial<Record<K, number>>;
  missing: K[];
  /** Headers that match no column (reported, then ignored). */
  unknown: string[];
}

/** Finds each known column among the headers, by Vietnamese or English name or key, ignoring accents and case. */
export function mapHeaders<K extends string>(headers: string[], columns: Readonly<Record<K, ImportColumn>>): HeaderMap<K> {
  const byName = new Map<string, K>();
  for (const key of Object.keys(columns) as K[]) {
    byName.set(fold(columns[key].vi), key);
    byName.set(fold(columns[key].en), key);
    byName.set(fold(key), key);
  }
  const index: Partial<Record<K, number>> = {};
  const unknown: string[] = [];
  headers.forEach((h, i) => {
    if (!h) return;
    const key = byName.get(fold(h));
    if (key === undefined) unknown.push(h);
    else if (index[key] === undefined) index[key] = i;
  });
  const missing = (Object.keys(columns) as K[]).filter((k) => columns[k].required && index[k] === undefined);
  return { index, missing, unknown };
}
