import type { Writable } from 'node:stream';
import {
  GENDER_LABELS,
  IMPORT_LIMITS,
  ORG_IMPORT_COLUMNS,
  ORG_KIND_LABELS,
  PERSON_CATEGORY_LABELS,
  PERSON_IMPORT_COLUMNS,
  inScope,
  removeDiacritics,
  type ExportFormat,
  type ImportColumn,
  type ImportCommitResult,
  type ImportKind,
  type ImportReport,
  type OrgKind,
  type PersonCategory,
} from '@kycuong/domain';
import type { AppContext } from '../../context';
import { bool } from '../../db/dialect';
import { assertAnywhere, assertInScope, scopeOf, type Actor } from '../../platform/access';
import { AppError, errors } from '../../platform/errors';
import { OrgRepository } from '../orgs/orgs.repository';
import { planOrgs, writeOrgs, type OrgPlan } from './import-orgs';
import { planPeople, writePeople, type PersonRowPlan } from './import-people';
import { isValid, toReport } from './import-rows';
import { formatDateVi, mapHeaders } from './imports.cells';
import { CONTENT_TYPES, SheetError, readSheet, writeSheet, type Sheet, type SheetColumn } from './imports.codec';
import { ImportsRepository, type ExportRange } from './imports.repository';

/** Rows fetched per query while exporting: enough to be quick, small enough to stay out of memory. */
const EXPORT_BATCH = 1000;

/** A file error: 400 naming the `file` field, as for any other bad input. */
export function fileError(message: string, code = 'invalid_file'): AppError {
  return new AppError('validation_failed', 400, {}, [{ path: 'file', message, code }]);
}

type Plans = { kind: 'orgs'; plans: OrgPlan[] } | { kind: 'people'; plans: PersonRowPlan[] };

export interface ExportFile {
  filename: string;
  contentType: string;
  /** Writes the whole file to `out` (batch by batch, following the stream's back-pressure). */
  write(out: Writable): Promise<void>;
}

/** Import (preview, then commit in one transaction) and export of orgs and people, scoped to the caller. */
export class ImportService {
  constructor(private readonly ctx: AppContext) {}

  private repo() {
    return new ImportsRepository(this.ctx.db);
  }

  /** Reads and checks a file; nothing is written. */
  async preview(actor: Actor, kind: ImportKind, file: Buffer): Promise<ImportReport> {
    return this.report(await this.plan(actor, kind, file));
  }

  /**
   * Checks the file again and writes it in one transaction. With invalid rows it refuses
   * (400 naming the rows) unless `onlyValid`, in which case the valid rows are written.
   */
  async commit(actor: Actor, kind: ImportKind, file: Buffer, onlyValid: boolean): Promise<ImportCommitResult> {
    const planned = await this.plan(actor, kind, file);
    const report = this.report(planned);
    if (report.errorRows > 0 && !onlyValid) {
      const bad = report.rows.filter((r) => r.status === 'error');
      const shown = bad.slice(0, 20).map((r) => ({
        path: `rows.${r.rowNumber}`,
        message: `Dòng ${r.rowNumber}: ${r.errors.map((e) => `${e.column} — ${e.message}`).join('; ')}`,
        code: 'invalid_row',
      }));
      if (bad.length > shown.length)
        shown.push({ path: 'rows', message: `… và ${bad.length - shown.length} dòng lỗi khác`, code: 'invalid_row' });
      throw new AppError('validation_failed', 400, {}, shown);
    }
    await this.ctx.db.transaction().execute(async (trx) => {
      if (planned.kind === 'orgs') await writeOrgs(this.ctx, trx, actor, planned.plans);
      else await writePeople(this.ctx, trx, actor, planned.plans);
    });
    const valid = report.rows.filter((r) => r.status === 'valid');
    return {
      ...report,
      created: valid.filter((r) => r.action === 'create').length,
      updated: valid.filter((r) => r.action === 'update').length,
      skipped: valid.filter((r) => r.action === 'skip').length,
    };
  }

  private report(planned: Plans): ImportReport {
    const rows = planned.plans.map((p) => toReport(p.row));
    const validRows = planned.plans.filter((p) => isValid(p.row)).length;
    return { kind: planned.kind, totalRows: rows.length, validRows, errorRows: rows.length - validRows, rows };
  }

  private async plan(actor: Actor, kind: ImportKind, file: Buffer): Promise<Plans> {
    assertAnywhere(actor, 'data.import');
    if (file.length > IMPORT_LIMITS.maxFileBytes)
      throw fileError(`Tệp quá lớn (tối đa ${IMPORT_LIMITS.maxFileBytes / 1024 / 1024} MB)`, 'too_large');
    if (file.length === 0) throw fileError('Tệp rỗng', 'empty');
    let sheet: Sheet;
    try {
      sheet = await readSheet(file, IMPORT_LIMITS.maxRows);
    } catch (err) {
      if (err instanceof SheetError) throw fileError(err.message);
      throw err;
    }
    const columns: Readonly<Record<string, ImportColumn>> = kind === 'orgs' ? ORG_IMPORT_COLUMNS : PERSON_IMPORT_COLUMNS;
    const headers = mapHeaders(sheet.headers, columns);
    if (headers.missing.length) {
      const names = headers.missing.map((k) => `“${columns[k]!.vi}”`).join(', ');
      throw fileError(
        `Thiếu cột bắt buộc: ${names}. Dòng đầu tiên của tệp phải là tên cột (xem mẫu trong docs/import-format.md).`,
        'missing_columns',
      );
    }
    if (sheet.rows.length === 0) throw fileError('Tệp không có dòng dữ liệu nào', 'empty');
    const repo = this.repo();
    if (kind === 'orgs') return { kind, plans: await planOrgs(repo, actor, sheet, headers.index) };
    return { kind, plans: await planPeople(repo, actor, sheet, headers.index) };
  }

  /** An export of orgs or people within the caller's export scope (and one org's subtree); 404 outside. */
  async exportSheet(actor: Actor, kind: ImportKind, query: { format: ExportFormat; orgId?: string | undefined }): Promise<ExportFile> {
    assertAnywhere(actor, 'data.export');
    const range: ExportRange = { scope: scopeOf(actor, 'data.export') };
    let orgName: string | undefined;
    if (query.orgId) {
      const org = await new OrgRepository(this.ctx.db).findById(query.orgId);
      assertInScope(actor, 'data.export', org?.path);
      range.subtreePath = org!.path;
      orgName = org!.name;
    }
    const title = kind === 'orgs' ? 'Danh sách đơn vị' : 'Danh sách cán bộ';
    const date = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
    const filename = `${[title, orgName, date].filter(Boolean).join(' - ')}.${query.format}`;
    const sheetName = kind === 'orgs' ? 'Đơn vị' : 'Cán bộ';
    const repo = this.repo();
    const [columns, rows] =
      kind === 'orgs'
        ? [sheetColumns(ORG_IMPORT_COLUMNS, ORG_WIDTHS), orgRows(repo, range)]
        : [sheetColumns(PERSON_IMPORT_COLUMNS, PERSON_WIDTHS), personRows(repo, range)];
    return {
      filename,
      contentType: CONTENT_TYPES[query.format],
      write: (out) => writeSheet(query.format, out, sheetName, columns, rows),
    };
  }

  /** Resolves an org code to an id within the caller's export scope (CLI `--org`); 404 otherwise. */
  async orgIdByCode(actor: Actor, code: string): Promise<string> {
    const org = await new OrgRepository(this.ctx.db).findByCode(code);
    if (!org) throw errors.notFound();
    assertInScope(actor, 'data.export', org.path);
    return org.id;
  }
}

const ORG_WIDTHS: Record<keyof typeof ORG_IMPORT_COLUMNS, number> = {
  code: 16,
  name: 50,
  shortName: 20,
  kind: 20,
  parentCode: 20,
  sortOrder: 10,
  active: 12,
};
const PERSON_WIDTHS: Record<keyof typeof PERSON_IMPORT_COLUMNS, number> = {
  fullName: 28,
  email: 30,
  phone: 16,
  position: 30,
  birthDate: 12,
  gender: 10,
  categories: 36,
  orgCode: 16,
  title: 24,
  headOrDeputy: 12,
  primary: 12,
};

function sheetColumns<K extends string>(columns: Readonly<Record<K, ImportColumn>>, widths: Record<K, number>): SheetColumn[] {
  return (Object.keys(columns) as K[]).map((k) => ({ header: columns[k].vi, width: widths[k] }));
}

/** Orgs in path order (parents first); a parent outside the export is left blank, so the file re-imports on its own. */
async function* orgRows(repo: ImportsRepository, range: ExportRange) {
  let after: string | null = null;
  for (;;) {
    const page = await repo.orgPage(range, after, EXPORT_BATCH);
    for (const o of page) {
      const parentExported =
        !!o.parent_path && inScope(range.scope, o.parent_path) && (!range.subtreePath || o.parent_path.startsWith(range.subtreePath));
      yield [
        o.code,
        o.name,
        o.short_name,
        ORG_KIND_LABELS[o.kind as OrgKind]?.vi ?? o.kind,
        parentExported ? o.parent_code : null,
        o.sort_order,
        bool(o.active) ? 'Có' : 'Không',
      ];
    }
    if (page.length < EXPORT_BATCH) return;
    after = page[page.length - 1]!.path;
  }
}

/** One row per membership in the range, people in Vietnamese name order, fetched a page of people at a time. */
async function* personRows(repo: ImportsRepository, range: ExportRange) {
  let after: { sortKey: string; id: string } | null = null;
  for (;;) {
    const page = await repo.peoplePage(range, after, EXPORT_BATCH);
    const memberships = await repo.membershipsInRange(
      range,
      page.map((p) => p.id),
    );
    const byPerson = new Map<string, typeof memberships>();
    for (const m of memberships) byPerson.set(m.person_id, [...(byPerson.get(m.person_id) ?? []), m]);
    for (const p of page) {
      const categories = (JSON.parse(p.categories) as PersonCategory[]).map((c) => PERSON_CATEGORY_LABELS[c]?.vi ?? c).join('; ');
      const gender = p.gender ? (GENDER_LABELS[p.gender as keyof typeof GENDER_LABELS]?.vi ?? p.gender) : null;
      for (const m of byPerson.get(p.id) ?? []) {
        yield [
          p.full_name,
          p.email,
          p.phone,
          p.position,
          formatDateVi(p.birth_date),
          gender,
          categories || null,
          m.org_code,
          m.title,
          bool(m.is_head) ? 'Trưởng' : bool(m.is_deputy) ? 'Phó' : null,
          bool(m.is_primary) ? 'x' : null,
        ];
      }
    }
    if (page.length < EXPORT_BATCH) return;
    const last = page[page.length - 1]!;
    after = { sortKey: last.sort_key, id: last.id };
  }
}

/** `Content-Disposition` with an ASCII fallback and the Vietnamese name in RFC 5987 `filename*`. */
export function contentDisposition(filename: string): string {
  const ascii = removeDiacritics(filename)
    .replace(/[^A-Za-z0-9._ -]+/g, '-')
    .replace(/\s+/g, ' ');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
