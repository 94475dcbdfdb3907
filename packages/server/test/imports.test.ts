import crypto from 'node:crypto';
import { vietnameseNameSortKey } from '@kycuong/domain';
import { parse as parseCsv } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bool } from '../src/db/dialect';
import { createTestContext, type Agent, type TestContext } from './support/harness';

type Cell = string | number | Date | null;
const ORG_HEADERS = ['Mã đơn vị', 'Tên đơn vị', 'Tên viết tắt', 'Loại', 'Mã đơn vị cấp trên', 'Thứ tự', 'Hoạt động'];
const PEOPLE_HEADERS = [
  'Họ và tên',
  'Email',
  'Điện thoại',
  'Chức vụ',
  'Ngày sinh',
  'Giới tính',
  'Đối tượng',
  'Mã đơn vị',
  'Chức danh',
  'Trưởng/Phó',
  'Đơn vị chính',
];

function csvFile(rows: Cell[][], opts: { bom?: boolean; delimiter?: string } = {}): Buffer {
  const text = stringify(
    rows.map((r) => r.map((c) => (c === null ? '' : String(c)))),
    { delimiter: opts.delimiter ?? ',' },
  );
  return Buffer.concat([opts.bom === false ? Buffer.alloc(0) : Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}

async function xlsxFile(rows: Cell[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Trang 1');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A multipart/form-data body built by hand (light-my-request takes a Buffer). */
function multipart(fields: Record<string, string>, file?: { name: string; content: Buffer }) {
  const boundary = `----kc${crypto.randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
    );
    parts.push(file.content, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

function upload(agent: Agent, step: 'preview' | 'commit', fields: Record<string, string>, content?: Buffer, name = 'tep.csv') {
  const body = multipart(fields, content ? { name, content } : undefined);
  return agent.request({ method: 'POST', url: `/api/v1/import/${step}`, payload: body.payload, headers: body.headers });
}

async function readXlsx(buf: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const out: string[][] = [];
  wb.worksheets[0]!.eachRow((row) => {
    // row.values is sparse and 1-based: empty cells are holes.
    const values = row.values as unknown[];
    out.push(
      Array.from({ length: values.length - 1 }, (_, i) => values[i + 1]).map((v) =>
        v === null || v === undefined ? '' : String(v as string),
      ),
    );
  });
  return out;
}

function readCsv(buf: Buffer): string[][] {
  return parseCsv(buf.toString('utf8'), { bom: true });
}

interface Row {
  rowNumber: number;
  status: string;
  action: string;
  errors: { column: string; message: string }[];
  summary: string;
}
type InjectResponse = Awaited<ReturnType<Agent['get']>>;
interface ErrorBody {
  error: { code: string; message: string; fields: { path: string; message: string; code: string }[] };
}
interface ReportBody {
  kind: string;
  totalRows: number;
  validRows: number;
  errorRows: number;
  rows: Row[];
  created?: number;
  updated?: number;
  skipped?: number;
}
const errOf = (res: InjectResponse) => res.json<ErrorBody>().error;
const reportOf = (res: InjectResponse) => res.json<ReportBody>();
const rowOf = (body: { rows: Row[] }, n: number) => body.rows.find((r) => r.rowNumber === n)!;
const messages = (body: { rows: Row[] }, n: number) => rowOf(body, n).errors.map((e) => `${e.column}: ${e.message}`);

async function counts(t: TestContext) {
  const n = async (table: 'orgs' | 'people' | 'memberships' | 'audit_log' | 'person_categories') =>
    Number(
      (
        await t.ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    orgs: await n('orgs'),
    people: await n('people'),
    memberships: await n('memberships'),
    audit: await n('audit_log'),
    categories: await n('person_categories'),
  };
}

describe('import and export', () => {
  let t: TestContext;
  let dept: { id: string; path: string };
  let cell: { id: string; path: string };
  let other: { id: string; path: string };
  let division: { id: string; path: string };
  let admin: Agent;
  let adminId: string;
  let cellAdmin: Agent;
  let member: Agent;
  let existing: { id: string };

  beforeAll(async () => {
    t = await createTestContext();
    dept = await t.newOrg({ kind: 'dang_uy_co_so', code: 'DU-SO', name: 'Đảng ủy Sở' });
    cell = await t.newOrg({ parent: dept, kind: 'chi_bo', code: 'CB-VP', name: 'Chi bộ Văn phòng' });
    other = await t.newOrg({ parent: dept, kind: 'chi_bo', code: 'CB-KHAC', name: 'Chi bộ Phòng Bưu chính' });
    division = await t.newOrg({ kind: 'phong', code: 'PH-CNTT', name: 'Phòng Công nghệ thông tin' });
    const adminUser = await t.newUser({ person: null, roles: [{ role: 'system_admin', org: null }] });
    adminId = adminUser.id;
    admin = await t.login(adminUser);
    // Like the demo's chibo1: leader and unit administrator of one chi bộ only.
    cellAdmin = await t.login(
      await t.newUser({
        org: cell,
        roles: [
          { role: 'leader', org: cell },
          { role: 'unit_admin', org: cell },
        ],
      }),
    );
    member = await t.login(await t.newUser({ org: cell }));
    existing = await t.newPerson({ org: division, fullName: 'Đặng Thị Có Sẵn', email: 'co.san@example.vn' });
  });
  afterAll(() => t.close());

  describe('requests', () => {
    it('401 without a session', async () => {
      expect((await upload(t.anon(), 'preview', { kind: 'orgs' }, csvFile([ORG_HEADERS]))).statusCode).toBe(401);
      expect((await t.anon().get('/api/v1/export/orgs')).statusCode).toBe(401);
    });

    it('404 for users who may not import or export anywhere', async () => {
      expect(
        (await upload(member, 'preview', { kind: 'orgs' }, csvFile([ORG_HEADERS, ['X', 'Tên X', '', 'Phòng', 'CB-VP']]))).statusCode,
      ).toBe(404);
      expect((await member.get('/api/v1/export/people')).statusCode).toBe(404);
    });

    it('400 naming the field for missing or bad multipart fields', async () => {
      const noKind = await upload(admin, 'preview', {}, csvFile([ORG_HEADERS]));
      expect(noKind.statusCode).toBe(400);
      expect(errOf(noKind).fields).toEqual([{ path: 'kind', message: 'Thiếu trường kind (orgs hoặc people)', code: 'invalid_enum_value' }]);
      const badKind = await upload(admin, 'preview', { kind: 'users' });
      expect(badKind.statusCode).toBe(400);
      expect(errOf(badKind).fields.map((f: { path: string }) => f.path)).toEqual(['kind', 'file']);
      const badFlag = await upload(
        admin,
        'commit',
        { kind: 'orgs', onlyValid: 'maybe' },
        csvFile([ORG_HEADERS, ['A', 'Tên A', '', 'Phòng', 'DU-SO']]),
      );
      expect(badFlag.statusCode).toBe(400);
      expect(errOf(badFlag).fields[0]!.path).toBe('onlyValid');
      const json = await admin.post('/api/v1/import/preview', { kind: 'orgs' });
      expect(json.statusCode).toBe(400);
      expect(errOf(json).fields[0]!.path).toBe('body');
      const badQuery = await admin.get('/api/v1/export/orgs?format=pdf');
      expect(badQuery.statusCode).toBe(400);
      expect(errOf(badQuery).fields[0]!.path).toBe('format');
    });

    it('400 on the file: unreadable, wrong columns, empty, too many rows', async () => {
      const latin1 = Buffer.from('Mã đơn vị,Tên đơn vị\nA,Đơn vị A\n', 'latin1');
      const notUtf8 = await upload(admin, 'preview', { kind: 'orgs' }, latin1);
      expect(notUtf8.statusCode).toBe(400);
      expect(errOf(notUtf8).fields[0]).toMatchObject({
        path: 'file',
        message: 'Tệp CSV phải dùng mã UTF-8 (trong Excel chọn “CSV UTF-8 (Comma delimited)”).',
      });
      const peopleAsOrgs = await upload(
        admin,
        'preview',
        { kind: 'orgs' },
        csvFile([PEOPLE_HEADERS, ['Nguyễn Văn A', '', '', '', '', '', '', 'CB-VP']]),
      );
      expect(peopleAsOrgs.statusCode).toBe(400);
      expect(errOf(peopleAsOrgs).fields[0]!.message).toMatch(/^Thiếu cột bắt buộc: “Tên đơn vị”/);
      const empty = await upload(admin, 'preview', { kind: 'orgs' }, csvFile([ORG_HEADERS]));
      expect(errOf(empty).fields[0]).toMatchObject({ path: 'file', message: 'Tệp không có dòng dữ liệu nào' });
      const many = csvFile([ORG_HEADERS, ...Array.from({ length: 20_001 }, (_, i) => [`M${i}`, `Đơn vị ${i}`, '', 'Phòng', 'DU-SO'])]);
      const tooMany = await upload(admin, 'preview', { kind: 'orgs' }, many);
      expect(tooMany.statusCode).toBe(400);
      expect(errOf(tooMany).fields[0]).toMatchObject({
        path: 'file',
        message: 'Tệp có hơn 20.000 dòng dữ liệu; hãy chia thành nhiều tệp nhỏ hơn.',
      });
    });

    it('400 on a file over 10 MB', async () => {
      const big = Buffer.concat([csvFile([ORG_HEADERS]), Buffer.alloc(10 * 1024 * 1024, 0x20)]);
      const tooBig = await upload(admin, 'preview', { kind: 'orgs' }, big);
      expect(tooBig.statusCode).toBe(400);
      expect(errOf(tooBig).fields[0]).toMatchObject({ path: 'file', code: 'too_large', message: 'Tệp quá lớn (tối đa 10 MB)' });
    });
  });

  describe('orgs', () => {
    // CSV with BOM, a quoted name with a comma, Vietnamese kind labels and codes mixed.
    const file = () =>
      csvFile([
        ORG_HEADERS,
        ['CB-MOI', 'Chi bộ Mới, khối A', 'CBM', 'Chi bộ', 'DU-SO', 5, 'x'],
        ['TO-1', 'Tổ Đảng số 1', '', 'khac', 'CB-MOI', '', ''],
        ['X-1', 'Đơn vị lạ', '', 'Phòng', 'KHONG-CO', '', ''],
        ['CB-MOI', 'Trùng mã', '', 'Chi bộ', 'DU-SO', '', ''],
        ['X-2', 'Loại sai', '', 'Ban gì đó', 'DU-SO', '', ''],
        ['X-3', '', '', 'Phòng', 'DU-SO', '', ''],
        ['CB-VP', 'Chi bộ Văn phòng Sở', '', 'Chi bộ', 'DU-SO', 0, 'Có'],
        ['CB-KHAC', 'Chi bộ Phòng Bưu chính', '', 'chi_bo', 'DU-SO', 0, 'Có'],
        ['TO-2', 'Tổ con của đơn vị lỗi', '', 'Khác', 'X-1', '', ''],
      ]);

    it('preview reports every row, valid and invalid, with Vietnamese messages', async () => {
      const before = await counts(t);
      const res = await upload(admin, 'preview', { kind: 'orgs' }, file());
      expect(res.statusCode).toBe(200);
      const body = reportOf(res);
      expect(body).toMatchObject({ kind: 'orgs', totalRows: 9, validRows: 4, errorRows: 5 });
      expect(rowOf(body, 2)).toMatchObject({
        status: 'valid',
        action: 'create',
        errors: [],
        summary: 'Chi bộ Mới, khối A (CB-MOI), Chi bộ, thuộc DU-SO — tạo mới',
      });
      expect(rowOf(body, 3)).toMatchObject({ status: 'valid', action: 'create' });
      expect(messages(body, 4)).toEqual(['Mã đơn vị cấp trên: Không tìm thấy đơn vị có mã này trong phạm vi của bạn']);
      expect(messages(body, 5)).toEqual(['Mã đơn vị: Mã đơn vị “CB-MOI” bị trùng với dòng 2']);
      expect(messages(body, 6)[0]).toMatch(/^Loại: Loại đơn vị “Ban gì đó” không hợp lệ/);
      expect(messages(body, 7)).toEqual(['Tên đơn vị: Thiếu tên đơn vị']);
      expect(rowOf(body, 8)).toMatchObject({
        status: 'valid',
        action: 'update',
        summary: 'Chi bộ Văn phòng Sở (CB-VP), Chi bộ, thuộc DU-SO — cập nhật: tên',
      });
      expect(rowOf(body, 9)).toMatchObject({ status: 'valid', action: 'skip' });
      expect(messages(body, 10)).toEqual(['Mã đơn vị cấp trên: Đơn vị cấp trên “X-1” (dòng 4) có lỗi']);
      expect(await counts(t)).toEqual(before);
    });

    it('commit refuses a file with invalid rows, names them and writes nothing', async () => {
      const before = await counts(t);
      const res = await upload(admin, 'commit', { kind: 'orgs' }, file());
      expect(res.statusCode).toBe(400);
      expect(errOf(res).code).toBe('validation_failed');
      expect(errOf(res).fields.map((f: { path: string }) => f.path)).toEqual(['rows.4', 'rows.5', 'rows.6', 'rows.7', 'rows.10']);
      expect(errOf(res).fields[0]!.message).toBe('Dòng 4: Mã đơn vị cấp trên — Không tìm thấy đơn vị có mã này trong phạm vi của bạn');
      expect(await counts(t)).toEqual(before);
    });

    it('commit with onlyValid writes the valid rows in one go, audited', async () => {
      const before = await counts(t);
      const res = await upload(admin, 'commit', { kind: 'orgs', onlyValid: 'true' }, file());
      expect(res.statusCode).toBe(200);
      expect(reportOf(res)).toMatchObject({ created: 2, updated: 1, skipped: 1, errorRows: 5 });
      const orgs = await t.ctx.db
        .selectFrom('orgs')
        .selectAll()
        .where('code', 'in', ['CB-MOI', 'TO-1', 'CB-VP', 'X-1', 'X-2', 'TO-2'])
        .execute();
      const byCode = new Map(orgs.map((o) => [o.code, o]));
      expect([...byCode.keys()].sort()).toEqual(['CB-MOI', 'CB-VP', 'TO-1']);
      const moi = byCode.get('CB-MOI')!;
      expect(moi).toMatchObject({ parent_id: dept.id, kind: 'chi_bo', name: 'Chi bộ Mới, khối A', short_name: 'CBM', sort_order: 5 });
      expect(moi.path.startsWith(dept.path)).toBe(true);
      expect(byCode.get('TO-1')).toMatchObject({ parent_id: moi.id, kind: 'khac', depth: moi.depth + 1 });
      expect(byCode.get('TO-1')!.path.startsWith(moi.path)).toBe(true);
      expect(byCode.get('CB-VP')!.name).toBe('Chi bộ Văn phòng Sở');
      // Searchable like an org created in the app.
      const found = await admin.get('/api/v1/orgs?q=khoi%20a');
      expect(found.json<{ items: { code: string }[] }>().items.map((o: { code: string }) => o.code)).toEqual(['CB-MOI']);
      const after = await counts(t);
      expect(after.orgs - before.orgs).toBe(2);
      const audit = await t.ctx.db
        .selectFrom('audit_log')
        .select(['action', 'entity_id', 'actor_user_id'])
        .orderBy('seq', 'desc')
        .limit(3)
        .execute();
      expect(audit.map((a) => a.action).sort()).toEqual(['org.create', 'org.create', 'org.update']);
      expect(audit.every((a) => a.actor_user_id === adminId)).toBe(true);
      expect(await t.ctx.audit.verify(t.ctx.db)).toEqual([]);
      // Importing the same file again changes nothing more.
      const again = await upload(admin, 'preview', { kind: 'orgs' }, file());
      expect(rowOf(reportOf(again), 2).action).toBe('skip');
    });

    it('a unit administrator imports orgs only under their unit', async () => {
      const res = await upload(
        cellAdmin,
        'preview',
        { kind: 'orgs' },
        csvFile([
          ORG_HEADERS,
          ['TO-VP-1', 'Tổ 1 của Chi bộ Văn phòng', '', 'Khác', 'CB-VP'],
          ['GOC-MOI', 'Đơn vị gốc mới', '', 'Sở', ''],
          ['CB-KHAC', 'Đổi tên', '', 'Chi bộ', 'DU-SO'],
          ['TO-X', 'Tổ ở chi bộ khác', '', 'Khác', 'CB-KHAC'],
        ]),
      );
      expect(res.statusCode).toBe(200);
      const body = reportOf(res);
      expect(rowOf(body, 2).status).toBe('valid');
      expect(messages(body, 3)).toEqual(['Mã đơn vị cấp trên: Thiếu mã đơn vị cấp trên (chỉ quản trị hệ thống được tạo đơn vị gốc)']);
      expect(messages(body, 4)).toEqual(['Mã đơn vị: Mã đơn vị này đã được dùng cho một đơn vị ngoài phạm vi của bạn; hãy chọn mã khác']);
      expect(messages(body, 5)).toEqual(['Mã đơn vị cấp trên: Không tìm thấy đơn vị có mã này trong phạm vi của bạn']);
      // Nothing about the org outside the unit comes back (its name, kind or parent).
      expect(res.body).not.toContain('Chi bộ Phòng Bưu chính');
      expect(res.body).not.toContain(other.id);
    });
  });

  describe('people', () => {
    const rows = (): Cell[][] => [
      PEOPLE_HEADERS,
      [
        'Trần Thị Bình',
        'binh@example.vn',
        '0912345678',
        'Chuyên viên',
        '05/09/1980',
        'Nữ',
        'Đảng viên chính thức; Công chức',
        'CB-VP',
        'Đảng viên',
        '',
        'x',
      ],
      ['Trần Thị Bình', 'BINH@example.vn', '', '', '', '', '', 'PH-CNTT', 'Chuyên viên', '', ''],
      ['Lê Văn Cường', 'abc', '', '', '', 'Nam', '', 'CB-VP', '', '', ''],
      ['Phạm Văn Dũng', '', '', '', '31/02/1990', '', '', 'CB-VP', '', '', ''],
      ['', 'e@example.vn', '', '', '', '', '', 'CB-VP', '', '', ''],
      ['Hoàng Văn Em', '', '', '', '', '', 'Bộ đội', 'CB-VP', '', '', ''],
      ['Đặng Thị Có Sẵn', 'co.san@example.vn', '', '', '', '', '', 'CB-VP', 'Đảng viên', '', ''],
      ['Đặng Thị Có Sẵn', 'co.san@example.vn', '', '', '', '', '', 'PH-CNTT', '', '', ''],
      ['Vũ Thị Giang', '', '0987 654 321', '', new Date(Date.UTC(1990, 0, 2)), 'nu', 'public_employee', 'CB-VP', 'Phó Bí thư', 'Phó', ''],
      ['Lê Thị Hoa', 'hoa@example.vn', '', '', '', '', '', 'KHONG-CO', '', '', ''],
      ['Lê Thị Hoa', 'hoa@example.vn', '', '', '', '', '', 'CB-VP', '', '', ''],
    ];

    it('preview groups rows into people and reports each row (XLSX)', async () => {
      const res = await upload(admin, 'preview', { kind: 'people' }, await xlsxFile(rows()), 'can-bo.xlsx');
      expect(res.statusCode).toBe(200);
      const body = reportOf(res);
      expect(body).toMatchObject({ kind: 'people', totalRows: 11, validRows: 5, errorRows: 6 });
      expect(rowOf(body, 2)).toMatchObject({
        status: 'valid',
        action: 'create',
        summary: 'Trần Thị Bình — Chi bộ Văn phòng Sở (CB-VP) (Đảng viên, đơn vị chính) — người mới',
      });
      expect(rowOf(body, 3)).toMatchObject({ status: 'valid', action: 'create' });
      expect(messages(body, 4)).toEqual(['Email: Email “abc” không hợp lệ']);
      expect(messages(body, 5)).toEqual(['Ngày sinh: Ngày sinh “31/02/1990” không phải là ngày có thật']);
      expect(messages(body, 6)).toEqual(['Họ và tên: Thiếu họ và tên']);
      expect(messages(body, 7)[0]).toMatch(/^Đối tượng: Đối tượng không hợp lệ: “Bộ đội” \(dùng: Đảng viên chính thức; /);
      expect(rowOf(body, 8)).toMatchObject({ status: 'valid', action: 'update' });
      expect(rowOf(body, 9)).toMatchObject({ status: 'valid', action: 'skip' });
      expect(rowOf(body, 10)).toMatchObject({ status: 'valid', action: 'create' });
      expect(messages(body, 11)).toEqual(['Mã đơn vị: Không tìm thấy đơn vị có mã này trong phạm vi của bạn']);
      // A person is written whole or not at all.
      expect(messages(body, 12)).toEqual(['Dòng: Dòng 11 của cùng người có lỗi']);
    });

    it('commit refuses with invalid rows and writes nothing', async () => {
      const before = await counts(t);
      const res = await upload(admin, 'commit', { kind: 'people', onlyValid: 'false' }, await xlsxFile(rows()), 'can-bo.xlsx');
      expect(res.statusCode).toBe(400);
      expect(errOf(res).fields.map((f: { path: string }) => f.path)).toEqual([
        'rows.4',
        'rows.5',
        'rows.6',
        'rows.7',
        'rows.11',
        'rows.12',
      ]);
      expect(await counts(t)).toEqual(before);
    });

    it('commit with onlyValid creates people with their memberships and adds missing ones', async () => {
      const before = await counts(t);
      const res = await upload(admin, 'commit', { kind: 'people', onlyValid: 'true' }, await xlsxFile(rows()), 'can-bo.xlsx');
      expect(res.statusCode).toBe(200);
      expect(reportOf(res)).toMatchObject({ created: 3, updated: 1, skipped: 1, validRows: 5, errorRows: 6 });
      const binh = await t.ctx.db.selectFrom('people').selectAll().where('email', '=', 'binh@example.vn').executeTakeFirstOrThrow();
      expect(binh).toMatchObject({
        full_name: 'Trần Thị Bình',
        phone: '0912345678',
        position: 'Chuyên viên',
        birth_date: '1980-09-05',
        gender: 'female',
      });
      expect(JSON.parse(binh.categories)).toEqual(['civil_servant', 'party_full']);
      const cats = await t.ctx.db
        .selectFrom('person_categories')
        .select('category')
        .where('person_id', '=', binh.id)
        .orderBy('category')
        .execute();
      expect(cats.map((c) => c.category)).toEqual(['civil_servant', 'party_full']);
      const ms = await t.ctx.db.selectFrom('memberships').selectAll().where('person_id', '=', binh.id).execute();
      expect(ms.map((m) => [m.org_id, m.title, bool(m.is_primary)]).sort()).toEqual(
        [
          [cell.id, 'Đảng viên', true],
          [division.id, 'Chuyên viên', false],
        ].sort(),
      );
      const giang = await t.ctx.db.selectFrom('people').selectAll().where('full_name', '=', 'Vũ Thị Giang').executeTakeFirstOrThrow();
      expect(giang).toMatchObject({ birth_date: '1990-01-02', gender: 'female', phone: '0987 654 321' });
      const gm = await t.ctx.db.selectFrom('memberships').selectAll().where('person_id', '=', giang.id).executeTakeFirstOrThrow();
      expect([bool(gm.is_deputy), bool(gm.is_head), bool(gm.is_primary), gm.title]).toEqual([true, false, true, 'Phó Bí thư']);
      const existingMs = await t.ctx.db.selectFrom('memberships').selectAll().where('person_id', '=', existing.id).execute();
      expect(existingMs.map((m) => [m.org_id, bool(m.is_primary)]).sort()).toEqual(
        [
          [cell.id, false],
          [division.id, true],
        ].sort(),
      );
      const after = await counts(t);
      expect([after.people - before.people, after.memberships - before.memberships]).toEqual([2, 4]);
      // person.create ×2 and membership.create ×4, nothing else.
      expect(after.audit - before.audit).toBe(6);
      expect(await t.ctx.audit.verify(t.ctx.db)).toEqual([]);
      const search = await admin.get('/api/v1/people?q=tran%20thi%20binh');
      expect(search.json<{ items: { email: string }[] }>().items.map((p: { email: string }) => p.email)).toEqual(['binh@example.vn']);
    });

    it('is atomic: a failure in the middle of the writes leaves nothing behind', async () => {
      // A constraint the import does not know about: it passes validation and fails on the third row.
      await sql`create unique index test_people_phone_uq on people (phone)`.execute(t.ctx.db);
      try {
        const before = await counts(t);
        const res = await upload(
          admin,
          'commit',
          { kind: 'people' },
          csvFile([
            PEOPLE_HEADERS,
            ['Ngô Văn Một', 'mot@example.vn', '0911111111', '', '', '', '', 'CB-VP'],
            ['Ngô Văn Hai', 'hai@example.vn', '', '', '', '', '', 'CB-VP'],
            ['Ngô Văn Ba', 'ba@example.vn', '0911111111', '', '', '', '', 'CB-VP'],
          ]),
        );
        expect(res.statusCode).toBe(409);
        expect(errOf(res).fields[0]!.path).toBe('rows.4');
        expect(await counts(t)).toEqual(before);
      } finally {
        await sql`drop index test_people_phone_uq`.execute(t.ctx.db);
      }
    });

    it('a unit administrator imports people into their unit only', async () => {
      const file = csvFile(
        [
          PEOPLE_HEADERS,
          ['Lý Thị Mới', 'ly.moi@example.vn', '', '', '', '', '', 'CB-VP'],
          ['Tạ Văn Ngoài', '', '', '', '', '', '', 'CB-KHAC'],
          ['Tạ Văn Trên', '', '', '', '', '', '', 'DU-SO'],
          ['Trần Thị Bình', 'binh@example.vn', '', '', '', '', '', 'CB-VP'],
        ],
        { delimiter: ';' },
      );
      const preview = await upload(cellAdmin, 'preview', { kind: 'people' }, file);
      expect(preview.statusCode).toBe(200);
      const body = reportOf(preview);
      expect(rowOf(body, 2)).toMatchObject({ status: 'valid', action: 'create' });
      expect(messages(body, 3)).toEqual(['Mã đơn vị: Không tìm thấy đơn vị có mã này trong phạm vi của bạn']);
      expect(messages(body, 4)).toEqual(['Mã đơn vị: Không tìm thấy đơn vị có mã này trong phạm vi của bạn']);
      // Bình is a member of CB-VP, so the unit administrator sees her: nothing to add.
      expect(rowOf(body, 5)).toMatchObject({ status: 'valid', action: 'skip' });
      const before = await counts(t);
      const res = await upload(cellAdmin, 'commit', { kind: 'people', onlyValid: '1' }, file);
      expect(res.statusCode).toBe(200);
      expect(reportOf(res)).toMatchObject({ created: 1, updated: 0, skipped: 1 });
      expect((await counts(t)).people - before.people).toBe(1);
      const outsider = await t.ctx.db.selectFrom('people').select('id').where('full_name', 'like', 'Tạ Văn%').execute();
      expect(outsider).toEqual([]);
    });

    it('an e-mail of a person outside the caller’s view is an error, not a silent duplicate', async () => {
      await t.newPerson({ org: other, fullName: 'Người Ở Chi Bộ Khác', email: 'ngoai@example.vn' });
      const res = await upload(
        cellAdmin,
        'preview',
        { kind: 'people' },
        csvFile([PEOPLE_HEADERS, ['Người Khác', 'ngoai@example.vn', '', '', '', '', '', 'CB-VP']]),
      );
      expect(messages(reportOf(res), 2)).toEqual([
        'Email: Email này đã thuộc về một cán bộ ngoài phạm vi của bạn; đề nghị quản trị cấp trên thêm người này vào đơn vị',
      ]);
    });
  });

  describe('export', () => {
    it('exports orgs as XLSX with a Vietnamese file name (RFC 5987)', async () => {
      const res = await admin.get(`/api/v1/export/orgs?format=xlsx&orgId=${dept.id}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const cd = String(res.headers['content-disposition']);
      expect(cd).toMatch(/^attachment; filename="Danh sach don vi - Dang uy So - \d{4}-\d{2}-\d{2}\.xlsx"; filename\*=UTF-8''/);
      expect(decodeURIComponent(cd.split("UTF-8''")[1]!)).toMatch(/^Danh sách đơn vị - Đảng ủy Sở - \d{4}-\d{2}-\d{2}\.xlsx$/);
      const sheet = await readXlsx(res.rawPayload);
      expect(sheet[0]).toEqual(ORG_HEADERS);
      const codes = sheet.slice(1).map((r) => r[0]);
      expect(codes[0]).toBe('DU-SO');
      expect(new Set(codes)).toEqual(new Set(['DU-SO', 'CB-VP', 'CB-KHAC', 'CB-MOI', 'TO-1']));
      // The top of the export has no parent in the file, so the file re-imports on its own.
      expect(sheet[1]![4]).toBe('');
      expect(sheet.find((r) => r[0] === 'CB-MOI')).toEqual(['CB-MOI', 'Chi bộ Mới, khối A', 'CBM', 'Chi bộ', 'DU-SO', '5', 'Có']);
    });

    it('exports people as CSV with BOM, one row per membership, Vietnamese intact', async () => {
      const res = await admin.get('/api/v1/export/people?format=csv');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const rows = readCsv(res.rawPayload);
      expect(rows[0]).toEqual(PEOPLE_HEADERS);
      const binh = rows.filter((r) => r[1] === 'binh@example.vn');
      expect(binh).toEqual([
        [
          'Trần Thị Bình',
          'binh@example.vn',
          '0912345678',
          'Chuyên viên',
          '05/09/1980',
          'Nữ',
          'Công chức; Đảng viên chính thức',
          'CB-VP',
          'Đảng viên',
          '',
          'x',
        ],
        [
          'Trần Thị Bình',
          'binh@example.vn',
          '0912345678',
          'Chuyên viên',
          '05/09/1980',
          'Nữ',
          'Công chức; Đảng viên chính thức',
          'PH-CNTT',
          'Chuyên viên',
          '',
          '',
        ],
      ]);
    });

    it('a unit administrator exports only their subtree; another unit answers 404', async () => {
      const people = readCsv((await cellAdmin.get('/api/v1/export/people?format=csv')).rawPayload).slice(1);
      expect(people.length).toBeGreaterThan(0);
      expect(new Set(people.map((r) => r[7]))).toEqual(new Set(['CB-VP']));
      expect(people.some((r) => r[0] === 'Tạ Văn Ngoài')).toBe(false);
      // Bình's other membership (PH-CNTT) lies outside the unit and is not revealed.
      expect(people.filter((r) => r[1] === 'binh@example.vn').map((r) => r[7])).toEqual(['CB-VP']);
      const orgs = readCsv((await cellAdmin.get('/api/v1/export/orgs?format=csv')).rawPayload).slice(1);
      expect(orgs.map((r) => r[0])).toEqual(['CB-VP']);
      expect(orgs[0]![4]).toBe('');
      expect((await cellAdmin.get(`/api/v1/export/people?orgId=${other.id}`)).statusCode).toBe(404);
      expect((await cellAdmin.get(`/api/v1/export/orgs?orgId=${dept.id}`)).statusCode).toBe(404);
      expect((await cellAdmin.get(`/api/v1/export/orgs?orgId=${cell.id}`)).statusCode).toBe(200);
    });
  });

  describe('round trip', () => {
    async function orgSnapshot(tc: TestContext) {
      const rows = await tc.ctx.db
        .selectFrom('orgs as o')
        .leftJoin('orgs as p', 'p.id', 'o.parent_id')
        .select(['o.code', 'o.name', 'o.short_name', 'o.kind', 'o.sort_order', 'o.active', 'o.depth', 'p.code as parent'])
        .orderBy('o.code')
        .execute();
      return rows.map((r) => ({ ...r, active: bool(r.active) }));
    }
    async function peopleSnapshot(tc: TestContext) {
      const rows = await tc.ctx.db
        .selectFrom('memberships as m')
        .innerJoin('people as p', 'p.id', 'm.person_id')
        .innerJoin('orgs as o', 'o.id', 'm.org_id')
        .select([
          'p.full_name',
          'p.email',
          'p.phone',
          'p.position',
          'p.birth_date',
          'p.gender',
          'p.categories',
          'o.code',
          'm.title',
          'm.is_head',
          'm.is_deputy',
          'm.is_primary',
        ])
        .execute();
      return rows
        .map((r) => ({ ...r, is_head: bool(r.is_head), is_deputy: bool(r.is_deputy), is_primary: bool(r.is_primary) }))
        .sort((a, b) => (`${a.full_name}|${a.email}|${a.code}` < `${b.full_name}|${b.email}|${b.code}` ? -1 : 1));
    }

    for (const format of ['xlsx', 'csv'] as const) {
      it(`export → import into a fresh database gives the same orgs, people and memberships (${format})`, async () => {
        const orgFile = (await admin.get(`/api/v1/export/orgs?format=${format}`)).rawPayload;
        const peopleFile = (await admin.get(`/api/v1/export/people?format=${format}`)).rawPayload;
        const fresh = await createTestContext();
        try {
          const freshAdmin = await fresh.login(await fresh.newUser({ person: null, roles: [{ role: 'system_admin', org: null }] }));
          const o = await upload(freshAdmin, 'commit', { kind: 'orgs' }, orgFile, `don-vi.${format}`);
          expect(o.statusCode).toBe(200);
          expect(reportOf(o).errorRows).toBe(0);
          const p = await upload(freshAdmin, 'commit', { kind: 'people' }, peopleFile, `can-bo.${format}`);
          expect(p.statusCode).toBe(200);
          expect(reportOf(p).errorRows).toBe(0);
          expect(await orgSnapshot(fresh)).toEqual(await orgSnapshot(t));
          expect(await peopleSnapshot(fresh)).toEqual(await peopleSnapshot(t));
          expect(await fresh.ctx.audit.verify(fresh.ctx.db)).toEqual([]);
          // And importing the export back into the source changes nothing.
          const back = await upload(admin, 'preview', { kind: 'people' }, peopleFile, `can-bo.${format}`);
          expect(reportOf(back).rows.every((r: Row) => r.status === 'valid' && r.action === 'skip')).toBe(true);
        } finally {
          await fresh.close();
        }
      });
    }
  });
});

describe('export of many people', () => {
  let t: TestContext;
  let admin: Agent;
  const N = 2_345;

  beforeAll(async () => {
    t = await createTestContext();
    const org = await t.newOrg({ kind: 'chi_bo', code: 'CB-LON', name: 'Chi bộ đông người' });
    admin = await t.login(await t.newUser({ person: null, roles: [{ role: 'system_admin', org: null }] }));
    // Inserted directly (no audit) for speed; every person has the same name, so the pages are
    // told apart by the id tie-breaker of the keyset alone.
    const now = new Date().toISOString();
    const key = vietnameseNameSortKey('Nguyễn Văn An');
    for (let start = 0; start < N; start += 500) {
      const people = Array.from({ length: Math.min(500, N - start) }, (_, k) => {
        const i = start + k;
        return {
          id: crypto.randomUUID(),
          full_name: 'Nguyễn Văn An',
          sort_key: key,
          search_text: 'nguyen van an',
          email: `an${i}@example.vn`,
          phone: null,
          position: null,
          birth_date: null,
          gender: null,
          categories: '[]',
          active: true,
          version: 1,
          created_at: now,
          updated_at: now,
        };
      });
      await t.ctx.db.insertInto('people').values(people).execute();
      await t.ctx.db
        .insertInto('memberships')
        .values(
          people.map((p) => ({
            id: crypto.randomUUID(),
            person_id: p.id,
            org_id: org.id,
            title: null,
            is_head: false,
            is_deputy: false,
            is_primary: true,
            version: 1,
            created_at: now,
            updated_at: now,
          })),
        )
        .execute();
    }
  });
  afterAll(() => t.close());

  it('pages through every person exactly once', async () => {
    const res = await admin.get('/api/v1/export/people?format=csv');
    expect(res.statusCode).toBe(200);
    const emails = readCsv(res.rawPayload)
      .slice(1)
      .map((r) => r[1]);
    expect(emails.length).toBe(N);
    expect(new Set(emails).size).toBe(N);
  });
});
