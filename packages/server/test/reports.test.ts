/**
 * Official reports on both databases: the draft from live figures (tasks that went through the
 * real workflow in the first quarter of 2026), rendering as a durable job with progress, the three
 * downloads, and the documents themselves — the DOCX opened by LibreOffice (converted to PDF, pages
 * counted) with its header blocks in the State format, and the PDF's text read back by pdftotext
 * with its Vietnamese diacritics.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Dashboard, Report, ReportDraft, ScopedGrant, TaskDetail } from '@kycuong/domain';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthRepository } from '../src/modules/auth/auth.repository';
import { renderDocx } from '../src/modules/reports/reports.docx';
import { ReportService } from '../src/modules/reports/reports.service';
import { TaskService } from '../src/modules/tasks/tasks.service';
import { systemActor, type Actor } from '../src/platform/access';
import { Scheduler } from '../src/platform/scheduler';
import { createTestContext, errorOf, fieldPaths, type Agent, type TestContext, type TestUser } from './support/harness';

type Org = { id: string; path: string; name: string };
const at = (date: string) => new Date(`${date}T09:00:00+07:00`);

/** The text of one part of a DOCX (a zip) — `unzip` is in every Debian base image. */
function docxPart(file: string, part = 'word/document.xml'): string {
  return execFileSync('unzip', ['-p', file, part], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** Tools the document checks need; under `npm test` a missing one is a failure, never a skip. */
function requireTool(name: string, pkg: string): void {
  const r = spawnSync('sh', ['-c', `command -v ${name}`]);
  if (r.status !== 0) throw new Error(`${name} not found: install the Debian package ${pkg} (scripts/test.mjs does it as root)`);
}

describe('official reports', () => {
  let t: TestContext;
  let clock = at('2026-01-05');
  let tasks: TaskService;
  let dept: Org, divA: Org, divB: Org, other: Org, partyCommittee: Org;
  let uDirector: TestUser;
  let director: Actor;
  let directorApi: Agent, outsiderApi: Agent, secretaryApi: Agent;
  let tmp: string;

  async function actorOf(u: TestUser, name: string): Promise<Actor> {
    const grants: ScopedGrant[] = await new AuthRepository(t.ctx.db).grantsOf(u.id, u.personId);
    return { ...systemActor(), userId: u.id, username: u.username, displayName: name, personId: u.personId, grants };
  }

  async function complete(task: TaskDetail, lead: Actor, on: string): Promise<TaskDetail> {
    clock = at(on);
    let d = await tasks.get(lead, task.id);
    if (d.status === 'assigned') d = await tasks.accept(lead, d.id, { version: d.version });
    d = await tasks.reportCompletion(lead, d.id, { version: d.version, text: 'Đã hoàn thành', fileIds: [] });
    return tasks.acceptCompletion(director, d.id, { version: d.version, qualityAccepted: true });
  }

  beforeAll(async () => {
    t = await createTestContext();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-reports-'));
    tasks = new TaskService(t.ctx, { now: () => clock });
    const cityGov = await t.newOrg({ kind: 'ubnd', name: 'Ủy ban nhân dân Thành phố Hà Nội' });
    dept = await t.newOrg({ parent: cityGov, kind: 'so', name: 'Sở Thông tin và Truyền thông Hà Nội', code: 'STTTT' });
    divA = await t.newOrg({ parent: dept, kind: 'phong', name: 'Văn phòng Sở' });
    divB = await t.newOrg({ parent: dept, kind: 'phong', name: 'Phòng Công nghệ thông tin' });
    other = await t.newOrg({ kind: 'so', name: 'Sở Bên ngoài' });
    const bloc = await t.newOrg({ kind: 'dang_bo', name: 'Đảng bộ Khối các cơ quan Thành phố Hà Nội' });
    partyCommittee = await t.newOrg({ parent: bloc, kind: 'dang_uy_co_so', name: 'Đảng ủy cơ quan Sở Thông tin và Truyền thông' });
    const pDirector = await t.newPerson({ org: dept, fullName: 'Nguyễn Văn Giám', isHead: true });
    const pHeadA = await t.newPerson({ org: divA, fullName: 'Trần Thị Trưởng', isHead: true });
    const pHeadB = await t.newPerson({ org: divB, fullName: 'Lê Văn Bình', isHead: true });
    uDirector = await t.newUser({ person: pDirector, roles: [{ role: 'leader', org: dept }] });
    const uHeadA = await t.newUser({ person: pHeadA });
    const uHeadB = await t.newUser({ person: pHeadB });
    const uOutsider = await t.newUser({ person: await t.newPerson({ org: other }), roles: [{ role: 'leader', org: other }] });
    const pSecretary = await t.newPerson({ org: partyCommittee, fullName: 'Phạm Thị Thư', isHead: true });
    // Leader of the whole bloc: reads the committee and the body above it.
    const uSecretary = await t.newUser({ person: pSecretary, roles: [{ role: 'leader', org: bloc }] });
    director = await actorOf(uDirector, pDirector.fullName);
    const headA = await actorOf(uHeadA, pHeadA.fullName);
    const headB = await actorOf(uHeadB, pHeadB.fullName);
    directorApi = await t.login(uDirector);
    outsiderApi = await t.login(uOutsider);
    secretaryApi = await t.login(uSecretary);

    const create = (title: string, orgId: string, deadline: string) =>
      tasks.create(director, {
        title,
        assignerOrgId: dept.id,
        lead: { orgId },
        deadline: { date: deadline },
        coordinators: [],
        priority: 'normal',
        weight: 1,
      });
    // Monday 5/1/2026: four tasks due in Q1, one due in Q2 (outside the period).
    const t1 = await create('Báo cáo tổng kết năm', divA.id, '2026-02-10');
    const t2 = await create('Dự thảo kế hoạch quý', divA.id, '2026-02-12');
    const t3 = await create('Rà soát hồ sơ tồn đọng', divB.id, '2026-03-02');
    await create('Cập nhật kiến trúc Chính quyền điện tử', divB.id, '2026-12-30');
    await create('Việc quý sau', divA.id, '2026-05-05');
    await complete(t1, headA, '2026-02-09'); // on time
    await complete(t2, headA, '2026-02-20'); // late
    clock = at('2026-02-02');
    await tasks.accept(headB, t3.id, { version: t3.version }); // accepted, never finished: overdue
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('drafts the report of a State body from live figures, in the State format', async () => {
    const res = await directorApi.post('/api/v1/reports/draft', { kind: 'ct24', orgId: dept.id, from: '2026-01-01', to: '2026-12-31' });
    expect(res.statusCode).toBe(200);
    const d = res.json<ReportDraft>();
    expect(d.format).toBe('state');
    // The director does not read the city government above the department: the header leaves it for them to type.
    expect(d.header.superior).toBeNull();
    expect(d.header.issuer).toBe('SỞ THÔNG TIN VÀ TRUYỀN THÔNG HÀ NỘI');
    expect(d.header.numberLine).toMatch(/^Số: +\/BC-STTTT$/);
    expect(d.signer).toEqual({ authority: null, position: 'GIÁM ĐỐC', name: 'Nguyễn Văn Giám' });
    // Due in 2026 and not cancelled: T1 (on time), T2 (late), T3 (overdue), T4 (due 30/12, open) and the Q2 task (open;
    // overdue once 5/5 has passed). Classed today: the open ones are in time or overdue by today's date.
    const outcomes = d.tables.find((x) => x.key === 'outcomes')!;
    const [total, onTime, late, inTime, overdue] = outcomes.rows[0]!;
    expect([total, onTime, late]).toEqual([5, 1, 1]);
    expect(Number(inTime) + Number(overdue)).toBe(3);
    const units = d.tables.find((x) => x.key === 'units')!;
    // Child units ranked as on the dashboard (on-time rate): A 1 of 3 decided, B 0 of 1.
    expect(units.rows.map((r) => [r[1], r[2]])).toEqual([
      [divA.name, 3],
      [divB.name, 2],
    ]);
    expect(d.sections.find((s) => s.key === 'tasks')!.text).toContain('theo dõi 5 nhiệm vụ đến hạn');
  });

  it('counts only the period: the first quarter holds T1, T2 and T3', async () => {
    const d = (
      await directorApi.post('/api/v1/reports/draft', { kind: 'task-followup', orgId: dept.id, period: '2026-Q1' })
    ).json<ReportDraft>();
    expect(d.periodLabel).toBe('quý I năm 2026');
    expect(d.tables.find((x) => x.key === 'outcomes')!.rows[0]!.slice(0, 6)).toEqual([3, 1, 1, 0, 1, '33,3%']);
    expect(d.tables.find((x) => x.key === 'overdue')!.rows.map((r) => r[1])).toEqual(['Rà soát hồ sơ tồn đọng']);
    // The same numbers as the dashboard of the same org and period.
    const dash = (await directorApi.get(`/api/v1/dashboard?orgId=${dept.id}&from=2026-01-01&to=2026-03-31`)).json<Dashboard>();
    expect(d.tables.find((x) => x.key === 'outcomes')!.rows[0]!.slice(0, 5)).toEqual([
      dash.tasks.total,
      dash.tasks.byOutcome.done_on_time,
      dash.tasks.byOutcome.done_late,
      dash.tasks.byOutcome.open_in_time,
      dash.tasks.byOutcome.open_overdue,
    ]);
  });

  it('names the field of a bad period and writes nothing', async () => {
    const before = await t.fingerprint();
    const noTo = await directorApi.post('/api/v1/reports', {
      kind: 'ct24',
      orgId: dept.id,
      from: '2026-01-01',
      sections: [{ key: 'a', heading: 'I', text: 'x' }],
    });
    expect(noTo.statusCode).toBe(400);
    expect(fieldPaths(noTo)).toContain('to');
    const badPeriod = await directorApi.post('/api/v1/reports/draft', { kind: 'ct24', orgId: dept.id, period: '2026-Q7' });
    expect(badPeriod.statusCode).toBe(400);
    expect(fieldPaths(badPeriod)).toContain('period');
    const noSections = await directorApi.post('/api/v1/reports', { kind: 'ct24', orgId: dept.id, period: '2026-Q1', sections: [] });
    expect(fieldPaths(noSections)).toContain('sections');
    expect(await t.fingerprint()).toEqual(before);
  });

  it('answers 404 for an org outside the caller’s reach, as for a missing one', async () => {
    const res = await outsiderApi.post('/api/v1/reports/draft', { kind: 'ct24', orgId: dept.id, period: '2026-Q1' });
    expect(res.statusCode).toBe(404);
    expect(errorOf(res).code).toBe('not_found');
    const create = await outsiderApi.post('/api/v1/reports', {
      kind: 'ct24',
      orgId: dept.id,
      period: '2026-Q1',
      sections: [{ key: 'a', heading: 'I', text: 'x' }],
    });
    expect(create.statusCode).toBe(404);
  });

  describe('rendering', () => {
    let report: Report;
    let docxFile: string;
    let pdfFile: string;

    beforeAll(async () => {
      const draft = (
        await directorApi.post('/api/v1/reports/draft', { kind: 'ct24', orgId: dept.id, period: '2026-Q1' })
      ).json<ReportDraft>();
      const sections = draft.sections.map((s) =>
        s.key === 'assessment' ? { ...s, text: 'Ưu điểm: các phòng cập nhật tiến độ đều đặn.\nHạn chế: còn nhiệm vụ quá hạn.' } : s,
      );
      const created = await directorApi.post('/api/v1/reports', {
        kind: 'ct24',
        orgId: dept.id,
        period: '2026-Q1',
        sections,
        numberSeq: 7,
        superior: 'Ủy ban nhân dân Thành phố Hà Nội',
      });
      expect(created.statusCode).toBe(200);
      const { id, jobId, status } = created.json<{ id: string; jobId: string; status: string }>();
      expect(status).toBe('queued');
      const queued = (await directorApi.get(`/api/v1/reports/${id}`)).json<Report>();
      expect(queued).toMatchObject({ status: 'queued', progress: 0, jobId, files: { docx: null, pdf: null, xlsx: null } });
      expect((await directorApi.get(`/api/v1/reports/${id}/files/docx`)).statusCode).toBe(404);
      expect(await new Scheduler(t.ctx, { instanceId: 'reports-test' }).runUntilIdle()).toBeGreaterThanOrEqual(1);
      report = (await directorApi.get(`/api/v1/reports/${id}`)).json<Report>();
      docxFile = path.join(tmp, 'report.docx');
      pdfFile = path.join(tmp, 'report.pdf');
    });

    it('runs as a job to the end and links the three files', async () => {
      expect(report).toMatchObject({ status: 'done', progress: 100, error: null, orgId: dept.id, periodLabel: 'quý I năm 2026' });
      const job = await t.ctx.db.selectFrom('jobs').select(['status', 'type']).where('id', '=', report.jobId!).executeTakeFirstOrThrow();
      expect(job).toEqual({ status: 'done', type: 'reports.render' });
      const actions = await t.ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', report.id).orderBy('seq').execute();
      expect(actions.map((a) => a.action)).toEqual(['report.create', 'report.render']);
      const list = (await directorApi.get(`/api/v1/reports?orgId=${dept.id}`)).json<{ items: Report[]; total: number }>();
      expect(list.items.map((r) => r.id)).toEqual([report.id]);
      expect((await outsiderApi.get('/api/v1/reports')).json<{ total: number }>().total).toBe(0);
      expect((await outsiderApi.get(`/api/v1/reports/${report.id}`)).statusCode).toBe(404);
      expect((await outsiderApi.get(`/api/v1/reports/${report.id}/files/pdf`)).statusCode).toBe(404);
    });

    it('serves each file with its type; the XLSX annex holds the tables', async () => {
      const magic = { docx: 'PK', pdf: '%PDF', xlsx: 'PK' } as const;
      for (const format of ['docx', 'pdf', 'xlsx'] as const) {
        const res = await directorApi.get(report.files[format]!.url);
        expect(res.statusCode).toBe(200);
        expect(res.rawPayload.length).toBe(report.files[format]!.size);
        expect(res.rawPayload.subarray(0, magic[format].length).toString('latin1')).toBe(magic[format]);
        expect(res.headers['content-disposition']).toContain(`.${format}`);
        if (format === 'docx') fs.writeFileSync(docxFile, res.rawPayload);
        if (format === 'pdf') fs.writeFileSync(pdfFile, res.rawPayload);
        if (format === 'xlsx') fs.writeFileSync(path.join(tmp, 'annex.xlsx'), res.rawPayload);
      }
      expect(String((await directorApi.get(report.files.pdf!.url)).headers['content-type'])).toBe('application/pdf');
      const sheets = docxPart(path.join(tmp, 'annex.xlsx'), 'xl/workbook.xml');
      expect(sheets).toContain('Kết quả theo đơn vị');
    });

    it('writes the DOCX header blocks in the State format (NĐ 30/2020)', () => {
      const xml = docxPart(docxFile);
      const settings = docxPart(docxFile, 'word/document.xml');
      // A4 with margins 20/20/30/15 mm, in twips; a different first page (page numbers from page 2).
      expect(settings).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
      expect(settings).toMatch(/<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/);
      expect(xml).toContain('<w:titlePg/>');
      // Quốc hiệu 13 pt bold, Tiêu ngữ 14 pt bold underlined, the issuer 13 pt bold, the number line.
      const runOf = (text: string) => {
        const m = new RegExp(`<w:r>(?:(?!</w:r>).)*?<w:t xml:space="preserve">${text}</w:t></w:r>`).exec(xml);
        return m?.[0] ?? '';
      };
      const qh = runOf('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      expect(qh).toContain('<w:b/>');
      expect(qh).toContain('<w:sz w:val="26"/>');
      expect(qh).toContain('w:ascii="Times New Roman"');
      const tn = runOf('Độc lập - Tự do - Hạnh phúc');
      expect(tn).toContain('<w:b/>');
      expect(tn).toContain('<w:u w:val="single"/>');
      expect(tn).toContain('<w:sz w:val="28"/>');
      expect(runOf('SỞ THÔNG TIN VÀ TRUYỀN THÔNG HÀ NỘI')).toContain('<w:b/>');
      const superior = runOf('ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI');
      expect(superior).toContain('<w:sz w:val="26"/>');
      expect(superior).not.toContain('<w:b/>');
      expect(runOf('Số: 07/BC-STTTT')).toContain('<w:sz w:val="26"/>');
      const date = runOf('Hà Nội, ngày \\d{2} tháng \\d{1,2} năm \\d{4}');
      expect(date).toContain('<w:i/>');
      expect(xml).toContain('Ưu điểm: các phòng cập nhật tiến độ đều đặn.');
      // The page number field sits in the header of the following pages.
      const headers = execFileSync('unzip', ['-Z1', docxFile], { encoding: 'utf8' })
        .split('\n')
        .filter((f) => /word\/header\d+\.xml/.test(f));
      expect(headers.map((h) => docxPart(docxFile, h)).join('')).toContain('PAGE');
    });

    it('opens in LibreOffice: converted to PDF, the report fills its pages and the annex starts on a later page', () => {
      requireTool('soffice', 'libreoffice-writer-nogui');
      requireTool('pdfinfo', 'poppler-utils');
      const out = path.join(tmp, 'lo');
      execFileSync(
        'soffice',
        ['--headless', `-env:UserInstallation=file://${path.join(tmp, 'lo-profile')}`, '--convert-to', 'pdf', '--outdir', out, docxFile],
        {
          stdio: 'ignore',
          timeout: 180_000,
        },
      );
      const converted = path.join(out, 'report.pdf');
      const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [converted], { encoding: 'utf8' }))![1]);
      expect(pages).toBeGreaterThanOrEqual(2);
      const first = execFileSync('pdftotext', ['-f', '1', '-l', '1', '-layout', converted, '-'], { encoding: 'utf8' });
      expect(first).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      expect(first).toContain('BÁO CÁO');
      expect(first).not.toContain('PHỤ LỤC SỐ LIỆU');
      const last = execFileSync('pdftotext', ['-f', String(pages), '-l', String(pages), converted, '-'], { encoding: 'utf8' });
      expect(`${first}${last}`).not.toContain('\uFFFD');
      const all = execFileSync('pdftotext', [converted, '-'], { encoding: 'utf8' });
      expect(all).toContain('PHỤ LỤC SỐ LIỆU');
    });

    it('writes a PDF whose extracted text keeps the Vietnamese title with its diacritics', () => {
      requireTool('pdftotext', 'poppler-utils');
      const text = execFileSync('pdftotext', [pdfFile, '-'], { encoding: 'utf8' }).normalize('NFC');
      expect(text).toContain('BÁO CÁO');
      expect(text.replace(/\s+/g, ' ')).toContain('Kết quả thực hiện Chỉ thị số 24-CT/TU ngày 07/8/2023 của Ban Thường vụ');
      expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
      expect(text).toContain('Số: 07/BC-STTTT');
      expect(text).toContain('Nguyễn Văn Giám');
      const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdfFile], { encoding: 'utf8' }))![1]);
      expect(pages).toBeGreaterThanOrEqual(2);
    });
  });

  it('leaves the report failed, with the reason, when its last attempt fails', async () => {
    // A requester who loses their grants before the job runs: the figures are out of their reach.
    const pLeader = await t.newPerson({ org: divA, fullName: 'Đỗ Văn Tạm' });
    const uLeader = await t.newUser({ person: pLeader, roles: [{ role: 'leader', org: divA }] });
    const api = await t.login(uLeader);
    const created = await api.post('/api/v1/reports', {
      kind: 'task-followup',
      orgId: divA.id,
      period: '2026-Q1',
      sections: [{ key: 'overview', heading: 'I. TÌNH HÌNH CHUNG', text: 'Tình hình chung' }],
    });
    expect(created.statusCode).toBe(200);
    const { id } = created.json<{ id: string }>();
    await t.ctx.db.deleteFrom('role_grants').where('user_id', '=', uLeader.id).execute();
    const job = {
      id: '',
      type: 'reports.render',
      attempt: 3,
      maxAttempts: 3,
      runAt: new Date().toISOString(),
      dedupeKey: null,
      retryAt: null,
    };
    const log = { info: () => {}, warn: () => {}, error: () => {} };
    await expect(
      new ReportService(t.ctx).render(id, { app: t.ctx, job, instanceId: 'test', log, now: () => new Date(), markDone: async () => {} }),
    ).rejects.toThrow();
    const row = await t.ctx.db
      .selectFrom('reports')
      .select(['status', 'error', 'docx_sha256'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('failed');
    expect(row.error).toBeTruthy();
    expect(row.docx_sha256).toBeNull();
    // A director of the department reads it, failed, with no files.
    const seen = (await directorApi.get(`/api/v1/reports/${id}`)).json<Report>();
    expect(seen).toMatchObject({ status: 'failed', files: { docx: null, pdf: null, xlsx: null } });
  });

  describe('list exports (XLSX)', () => {
    async function sheetOf(res: { rawPayload: Buffer }) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      const rows: string[][] = [];
      // Cells here hold text or numbers only.
      ws.eachRow((row) =>
        rows.push((row.values as (string | number | null | undefined)[]).slice(1).map((v) => (v == null ? '' : String(v)))),
      );
      return rows;
    }

    it('exports the task list of a unit with the list’s filters, and nothing outside the caller’s reach', async () => {
      const all = await directorApi.get(`/api/v1/tasks/export?view=unit&orgId=${dept.id}`);
      expect(all.statusCode).toBe(200);
      expect(all.headers['content-type']).toContain('spreadsheetml');
      expect(all.headers['content-disposition']).toContain('.xlsx');
      const rows = await sheetOf(all);
      expect(rows[0]!.slice(0, 2)).toEqual(['Nhiệm vụ', 'Văn bản']);
      expect(
        rows
          .slice(1)
          .map((r) => r[0])
          .sort(),
      ).toEqual(
        [
          'Báo cáo tổng kết năm',
          'Cập nhật kiến trúc Chính quyền điện tử',
          'Dự thảo kế hoạch quý',
          'Rà soát hồ sơ tồn đọng',
          'Việc quý sau',
        ].sort(),
      );
      const lateOnly = await sheetOf(await directorApi.get(`/api/v1/tasks/export?view=unit&orgId=${dept.id}&outcome=done_late`));
      expect(lateOnly.slice(1).map((r) => r[0])).toEqual(['Dự thảo kế hoạch quý']);
      const outside = await outsiderApi.get(`/api/v1/tasks/export?view=unit&orgId=${dept.id}`);
      expect(outside.statusCode).toBe(404);
      expect(outside.headers['content-type']).toContain('application/json');
    });

    it('exports the case and document lists (header row, rows within scope)', async () => {
      const casesRes = await directorApi.get(`/api/v1/cases/export?orgId=${dept.id}`);
      expect(casesRes.statusCode).toBe(200);
      expect((await sheetOf(casesRes))[0]!.slice(0, 3)).toEqual(['Vụ việc', 'Đối tượng', 'Đơn vị']);
      expect((await outsiderApi.get(`/api/v1/cases/export?orgId=${dept.id}`)).statusCode).toBe(404);
      const docs = await directorApi.get('/api/v1/documents/export');
      expect(docs.statusCode).toBe(200);
      expect((await sheetOf(docs))[0]!.slice(0, 3)).toEqual(['Số, ký hiệu', 'Loại', 'Trích yếu']);
    });
  });

  it('drafts the report of a Party committee in the Party format (36-HD/VPTW)', async () => {
    const res = await secretaryApi.post('/api/v1/reports/draft', { kind: 'ct24', orgId: partyCommittee.id, period: '2026-Q1' });
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json<ReportDraft>();
    expect(d.format).toBe('party');
    expect(d.header.superior).toBe('ĐẢNG BỘ KHỐI CÁC CƠ QUAN THÀNH PHỐ HÀ NỘI');
    expect(d.header.issuer).toBe('ĐẢNG ỦY CƠ QUAN SỞ THÔNG TIN VÀ TRUYỀN THÔNG');
    expect(d.header.numberLine).toMatch(/^Số +-BC\/ĐU$/);
    expect(d.signer).toEqual({ authority: 'T/M ĐẢNG ỦY', position: 'BÍ THƯ', name: 'Phạm Thị Thư' });
    // The committee leads no task: its figures are zero, not invented.
    expect(d.tables.find((x) => x.key === 'outcomes')!.rows[0]!.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    // Its DOCX header in the Party format: the Party heading 15 pt bold underlined, the committee in bold, the star.
    const file = path.join(tmp, 'party.docx');
    fs.writeFileSync(file, await renderDocx(d));
    const xml = docxPart(file);
    const runOf = (text: string) => new RegExp(`<w:r>(?:(?!</w:r>).)*?<w:t xml:space="preserve">${text}</w:t></w:r>`).exec(xml)?.[0] ?? '';
    const heading = runOf('ĐẢNG CỘNG SẢN VIỆT NAM');
    expect(heading).toContain('<w:b/>');
    expect(heading).toContain('<w:u w:val="single"/>');
    expect(heading).toContain('<w:sz w:val="30"/>');
    expect(runOf('ĐẢNG ỦY CƠ QUAN SỞ THÔNG TIN VÀ TRUYỀN THÔNG')).toContain('<w:b/>');
    const superior = runOf('ĐẢNG BỘ KHỐI CÁC CƠ QUAN THÀNH PHỐ HÀ NỘI');
    expect(superior).toContain('<w:sz w:val="28"/>');
    expect(superior).not.toContain('<w:b/>');
    expect(runOf('\\*')).toContain('<w:sz w:val="28"/>');
    expect(runOf('Số +-BC/ĐU')).toContain('<w:sz w:val="28"/>');
    expect(runOf('Hà Nội, ngày \\d{2} tháng \\d{1,2} năm \\d{4}')).toContain('<w:i/>');
    expect(xml).not.toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(runOf('T/M ĐẢNG ỦY')).toContain('<w:b/>');
    // A leader of the committee does not reach the department's State line.
    expect((await secretaryApi.post('/api/v1/reports/draft', { kind: 'ct24', orgId: dept.id, period: '2026-Q1' })).statusCode).toBe(404);
  });
});
