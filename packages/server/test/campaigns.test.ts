import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { CampaignDetail, CampaignEntry, Handover, PublicCampaign, z } from '@kycuong/domain';
import type { CampaignBatchResult, CampaignEntryList, CampaignMemberList, MyCampaignEntryList } from '@kycuong/domain';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, errorOf, fieldPaths, nextTestIp, type Agent, type TestContext } from './support/harness';

type Entry = CampaignEntry;
type Detail = CampaignDetail;
const asDetail = (res: LightMyRequestResponse) => res.json<Detail>();
const asEntry = (res: LightMyRequestResponse) => res.json<Entry>();
const asBatch = (res: LightMyRequestResponse) => res.json<z.infer<typeof CampaignBatchResult>>();
const asPublic = (res: LightMyRequestResponse) => res.json<PublicCampaign>();

const hasPdftotext = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

function multipart(field: string, filename: string, contentType: string, data: Buffer) {
  const boundary = '----kycuong' + Math.random().toString(16).slice(2);
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, data, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('campaigns', () => {
  let t: TestContext;
  let dataDir: string;
  let union: { id: string; path: string };
  let groupA: { id: string; path: string };
  let groupB: { id: string; path: string };
  let officer: Agent;
  let collectorA: Agent;
  let collectorB: Agent;
  let memberA1: Agent;
  let outsider: Agent;
  let a1: { id: string; fullName: string };
  let a2: { id: string; fullName: string };
  let b1: { id: string; fullName: string };
  let campaignId: string;
  let version: number;
  const entries: Record<string, Entry> = {};

  const countEntries = async () =>
    Number(
      (
        await t.ctx.db
          .selectFrom('campaign_entries')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const detail = async (agent: Agent = officer) => asDetail(await agent.get(`/api/v1/campaigns/${campaignId}`));

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-campaigns-'));
    t = await createTestContext({ KYCUONG_DATA_DIR: dataDir });
    const dept = await t.newOrg({ kind: 'so', name: 'Sở Thông tin và Truyền thông' });
    union = await t.newOrg({ parent: dept, kind: 'cong_doan', name: 'Công đoàn Sở' });
    groupA = await t.newOrg({ parent: union, kind: 'to_cong_doan', name: 'Tổ công đoàn số 1' });
    groupB = await t.newOrg({ parent: union, kind: 'to_cong_doan', name: 'Tổ công đoàn số 2' });
    const other = await t.newOrg({ kind: 'cong_doan', name: 'Công đoàn Sở khác' });
    officer = await t.login(await t.newUser({ org: union, roles: [{ role: 'union_officer', org: union }] }));
    collectorA = await t.login(await t.newUser({ org: groupA, roles: [{ role: 'union_officer', org: groupA }] }));
    collectorB = await t.login(await t.newUser({ org: groupB, roles: [{ role: 'union_officer', org: groupB }] }));
    outsider = await t.login(await t.newUser({ org: other, roles: [{ role: 'union_officer', org: other }] }));
    a1 = await t.newPerson({ org: groupA, fullName: 'Nguyễn Thị Lan' });
    a2 = await t.newPerson({ org: groupA, fullName: 'Trần Văn Hùng' });
    b1 = await t.newPerson({ org: groupB, fullName: 'Lê Thị Mai' });
    memberA1 = await t.login(await t.newUser({ person: a1 }));
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('401 without a session, except the public page', async () => {
    expect((await t.anon().get('/api/v1/campaigns')).statusCode).toBe(401);
    expect((await t.anon().get('/api/v1/public/campaigns/00000000-0000-7000-8000-000000000000')).statusCode).toBe(404);
  });

  it('lets the union officer create a draft that nobody else sees, not even the public page', async () => {
    const res = await officer.post('/api/v1/campaigns', {
      orgId: union.id,
      kind: 'money',
      title: 'Ủng hộ các nạn nhân vụ cháy chung cư mini tại phường Khương Đình',
      purpose: 'Chia sẻ khó khăn với các gia đình nạn nhân',
      beneficiary: 'Ủy ban MTTQ phường Khương Đình',
      startDate: '2023-09-13',
      endDate: '2023-09-30',
      targetAmount: 10_000_000,
      suggestedAmount: 200_000,
      suggestedByCategory: { cadre: 500_000 },
      bankAccount: 'STK 0011 0022 0033 — Vietcombank',
    });
    expect(res.statusCode).toBe(200);
    const c = asDetail(res);
    expect(c).toMatchObject({
      status: 'draft',
      participantOrgId: union.id,
      canManage: true,
      canCollect: false,
      targetAmount: 10_000_000,
      nextStatuses: ['open'],
    });
    campaignId = c.id;
    version = c.version;
    for (const agent of [collectorA, memberA1, outsider]) expect((await agent.get(`/api/v1/campaigns/${campaignId}`)).statusCode).toBe(404);
    expect((await collectorA.get('/api/v1/campaigns')).json<{ items: unknown[] }>().items).toEqual([]);
    expect((await t.anon().get(`/api/v1/public/campaigns/${campaignId}`)).statusCode).toBe(404);
  });

  it('refuses campaigns from those who do not run the union', async () => {
    const body = {
      orgId: union.id,
      kind: 'money',
      title: 'Ủng hộ đồng bào lũ lụt',
      purpose: 'x',
      beneficiary: 'Đồng bào',
      startDate: '2023-09-13',
    };
    expect((await memberA1.post('/api/v1/campaigns', body)).statusCode).toBe(404);
    expect((await collectorA.post('/api/v1/campaigns', body)).statusCode).toBe(404);
    expect(fieldPaths(await collectorA.post('/api/v1/campaigns', { ...body, orgId: groupA.id, participantOrgId: union.id }))[0]).toBe(
      'participantOrgId',
    );
    const bad = await officer.post('/api/v1/campaigns', { ...body, targetAmount: 1.5, endDate: '2020-01-01' });
    expect(bad.statusCode).toBe(400);
    expect(fieldPaths(bad)).toContain('targetAmount');
  });

  it('opens with a version check and only along the state machine', async () => {
    const skip = await officer.post(`/api/v1/campaigns/${campaignId}/status`, { status: 'closed', version });
    expect(skip.statusCode).toBe(409);
    expect(errorOf(skip).code).toBe('conflict');
    const opened = await officer.post(`/api/v1/campaigns/${campaignId}/status`, { status: 'open', version });
    expect(opened.statusCode).toBe(200);
    expect(asDetail(opened).status).toBe('open');
    const stale = await officer.post(`/api/v1/campaigns/${campaignId}/status`, { status: 'closed', version });
    expect(stale.statusCode).toBe(409);
    expect(errorOf(stale).code).toBe('version_conflict');
    version = asDetail(opened).version;
    const staleEdit = await officer.patch(`/api/v1/campaigns/${campaignId}`, { version: version - 1, title: 'Tên cũ của cuộc vận động' });
    expect(errorOf(staleEdit).code).toBe('version_conflict');
    // Now participants see it; the collector may record, the member may not.
    const asCollector = await collectorA.get(`/api/v1/campaigns/${campaignId}`);
    expect(asCollector.statusCode).toBe(200);
    expect(asDetail(asCollector)).toMatchObject({ canManage: false, canCollect: true, entryVisibility: 'units', nextStatuses: [] });
    const asMember = await memberA1.get(`/api/v1/campaigns/${campaignId}`);
    expect(asDetail(asMember)).toMatchObject({ canManage: false, canCollect: false, entryVisibility: 'own' });
    expect((await outsider.get(`/api/v1/campaigns/${campaignId}`)).statusCode).toBe(404);
    expect((await memberA1.post(`/api/v1/campaigns/${campaignId}/status`, { status: 'closed', version })).statusCode).toBe(403);
  });

  it('lets a tổ collector record for the members of their tổ only', async () => {
    const ok = await collectorA.post(`/api/v1/campaigns/${campaignId}/contributions/batch`, {
      rows: [
        { personId: a1.id, amount: 500_000, method: 'cash', date: '2023-09-15' },
        { personId: a2.id, amount: 5_000_000, method: 'transfer', reference: 'FT2325800001', date: '2023-09-16' },
      ],
    });
    expect(ok.statusCode).toBe(200);
    const body = asBatch(ok);
    expect(body.created).toBe(2);
    expect(body.entries.map((e: Entry) => [e.personId, e.amount, e.receiptNo])).toEqual([
      [a1.id, 500_000, '0001'],
      [a2.id, 5_000_000, '0002'],
    ]);
    entries.a1 = body.entries[0]!;
    entries.a2 = body.entries[1]!;
    expect(body.entries[0]!.orgId).toBe(groupA.id);
    expect(body.entries[0]!.collectedByName).toEqual(expect.any(String));

    const before = await countEntries();
    const cross = await collectorA.post(`/api/v1/campaigns/${campaignId}/contributions/batch`, {
      rows: [
        { personId: a1.id, amount: 100_000, method: 'cash', date: '2023-09-15' },
        { personId: b1.id, amount: 100_000, method: 'cash', date: '2023-09-15' },
      ],
    });
    expect(cross.statusCode).toBe(404);
    expect(errorOf(cross).fields).toEqual([expect.objectContaining({ path: 'rows[1].personId', code: 'not_found' })]);
    const asMember = await memberA1.post(`/api/v1/campaigns/${campaignId}/contributions/batch`, {
      rows: [{ personId: a1.id, amount: 100_000, method: 'cash', date: '2023-09-15' }],
    });
    expect(asMember.statusCode).toBe(403);
    expect(await countEntries()).toBe(before);

    const b = await collectorB.post(`/api/v1/campaigns/${campaignId}/contributions/batch`, {
      rows: [{ personId: b1.id, amount: 300_000, method: 'payroll', date: '2023-09-18' }],
    });
    expect(b.statusCode).toBe(200);
    entries.b1 = asBatch(b).entries[0]!;
    expect(entries.b1.receiptNo).toBe('0003');
  });

  it('writes nothing when one row of a batch is wrong, and names the row', async () => {
    const before = await countEntries();
    const zod = await collectorA.post(`/api/v1/campaigns/${campaignId}/contributions/batch`, {
      rows: [
        { personId: a1.id, amount: 100_000, method: 'cash', date: '2023-09-15' },
        { personId: a2.id, amount: 1.5, method: 'cash', date: '2023-09-15' },
      ],
    });
    expect(zod.statusCode).toBe(400);
    expect(fieldPaths(zod)).toEqual(['rows[1].amount']);
    const rules = await collectorA.post(`/api/v1/campaigns/${campaignId}/contributions/batch`, {
      rows: [
        { personId: a1.id, amount: 100_000, method: 'cash', date: '2023-09-15' },
        { personId: a2.id, amount: 0, method: 'cash', date: '2023-09-15' },
        { personId: a2.id, amount: 100_000, method: 'transfer', date: '2023-09-15' },
        { personId: a2.id, amount: 100_000, method: 'cash', date: '2023-09-01' },
      ],
    });
    expect(rules.statusCode).toBe(400);
    expect(fieldPaths(rules)).toEqual(['rows[1].amount', 'rows[2].reference', 'rows[3].date']);
    const tooMany = await collectorA.post(`/api/v1/campaigns/${campaignId}/contributions/batch`, {
      rows: Array.from({ length: 501 }, () => ({ personId: a1.id, amount: 1000, method: 'cash', date: '2023-09-15' })),
    });
    expect(tooMany.statusCode).toBe(400);
    expect(fieldPaths(tooMany)[0]).toBe('rows');
    expect(await countEntries()).toBe(before);
  });

  it('shows each reader only the entries they may see', async () => {
    const ids = async (agent: Agent, query = '') =>
      (await agent.get(`/api/v1/campaigns/${campaignId}/entries${query}`))
        .json<z.infer<typeof CampaignEntryList>>()
        .items.map((e) => e.id)
        .sort();
    expect(await ids(officer)).toEqual([entries.a1!.id, entries.a2!.id, entries.b1!.id].sort());
    expect(await ids(collectorA)).toEqual([entries.a1!.id, entries.a2!.id].sort());
    expect(await ids(collectorB)).toEqual([entries.b1!.id]);
    expect(await ids(memberA1)).toEqual([entries.a1!.id]);
    expect(await ids(memberA1, `?personId=${a2.id}`)).toEqual([]);
    expect((await outsider.get(`/api/v1/campaigns/${campaignId}/entries`)).statusCode).toBe(404);
    const members = (await collectorA.get(`/api/v1/campaigns/${campaignId}/members`)).json<z.infer<typeof CampaignMemberList>>();
    expect(members.items.map((m: { fullName: string }) => m.fullName).sort()).toEqual(
      expect.arrayContaining(['Nguyễn Thị Lan', 'Trần Văn Hùng']),
    );
    expect(members.items.map((m: { personId: string }) => m.personId)).not.toContain(b1.id);
    expect(members.items.find((m: { personId: string }) => m.personId === a1.id)).toMatchObject({
      contributed: 500_000,
      orgId: groupA.id,
      suggestedAmount: 200_000,
    });
    expect((await memberA1.get(`/api/v1/campaigns/${campaignId}/members`)).statusCode).toBe(403);
    const mine = (await memberA1.get('/api/v1/campaigns/my-entries')).json<z.infer<typeof MyCampaignEntryList>>();
    expect(mine.items.map((e: Entry & { campaignTitle: string }) => [e.id, e.campaignTitle.slice(0, 6)])).toEqual([
      [entries.a1!.id, 'Ủng hộ'],
    ]);
  });

  it('corrects a wrong entry by a reversal, once, restoring the total', async () => {
    const before = await detail();
    expect(before.contributed).toBe(5_800_000);
    expect(
      (await collectorB.post(`/api/v1/campaigns/${campaignId}/entries/${entries.a2!.id}/reverse`, { reason: 'Ghi nhầm số tiền' }))
        .statusCode,
    ).toBe(404);
    expect(
      (await memberA1.post(`/api/v1/campaigns/${campaignId}/entries/${entries.a1!.id}/reverse`, { reason: 'Tôi muốn hủy' })).statusCode,
    ).toBe(403);
    const rev = await collectorA.post(`/api/v1/campaigns/${campaignId}/entries/${entries.a2!.id}/reverse`, {
      reason: 'Ghi nhầm số tiền, đúng là 500.000',
    });
    expect(rev.statusCode).toBe(200);
    expect(asEntry(rev)).toMatchObject({ kind: 'reversal', amount: -5_000_000, reversesEntryId: entries.a2!.id, personId: a2.id });
    const again = await collectorA.post(`/api/v1/campaigns/${campaignId}/entries/${entries.a2!.id}/reverse`, { reason: 'Lần hai' });
    expect(again.statusCode).toBe(409);
    const ofReversal = await officer.post(`/api/v1/campaigns/${campaignId}/entries/${asEntry(rev).id}/reverse`, { reason: 'Đảo của đảo' });
    expect(ofReversal.statusCode).toBe(409);
    const fixed = await collectorA.post(`/api/v1/campaigns/${campaignId}/contributions/batch`, {
      rows: [{ personId: a2.id, amount: 500_000, method: 'transfer', reference: 'FT2325800001', date: '2023-09-16' }],
    });
    expect(fixed.statusCode).toBe(200);
    entries.a2fixed = asBatch(fixed).entries[0]!;
    const after = await detail();
    expect(after.contributed).toBe(1_300_000);
    expect(after.contributors).toBe(3);
    const units = Object.fromEntries(after.totals.byUnit.map((u) => [u.orgId, u]));
    expect(units[groupA.id]).toMatchObject({ contributed: 1_000_000, contributors: 2, members: 3, participationRate: 2 / 3 });
    expect(units[groupB.id]).toMatchObject({ contributed: 300_000, contributors: 1, members: 2, participationRate: 0.5 });
    expect(after.totals.byMethod).toEqual([
      { method: 'cash', amount: 500_000 },
      { method: 'payroll', amount: 300_000 },
      { method: 'transfer', amount: 500_000 },
    ]);
    expect(after.totals.byDay.reduce((s: number, d: { amount: number }) => s + d.amount, 0)).toBe(1_300_000);
    expect(after.progress).toBeCloseTo(0.13);
    const reversed = (await officer.get(`/api/v1/campaigns/${campaignId}/entries?personId=${a2.id}`)).json<
      z.infer<typeof CampaignEntryList>
    >().items;
    expect(reversed.find((e) => e.id === entries.a2!.id)!.reversedByEntryId).toBe(asEntry(rev).id);
  });

  it('lets members confirm only their own entries, and pledge for themselves', async () => {
    const ok = await memberA1.post(`/api/v1/campaigns/${campaignId}/entries/${entries.a1!.id}/confirm`);
    expect(ok.statusCode).toBe(200);
    expect(asEntry(ok).confirmedAt).toEqual(expect.any(String));
    expect((await memberA1.post(`/api/v1/campaigns/${campaignId}/entries/${entries.b1!.id}/confirm`)).statusCode).toBe(404);
    expect((await officer.post(`/api/v1/campaigns/${campaignId}/entries/${entries.b1!.id}/confirm`)).statusCode).toBe(403);
    const pledge = await memberA1.post(`/api/v1/campaigns/${campaignId}/pledges`, { amount: 200_000 });
    expect(pledge.statusCode).toBe(200);
    expect(asEntry(pledge)).toMatchObject({ kind: 'pledge', personId: a1.id, orgId: groupA.id });
    expect((await detail()).totals.pledged).toBe(200_000);
    expect(fieldPaths(await memberA1.post(`/api/v1/campaigns/${campaignId}/pledges`, { amount: 0 }))[0]).toBe('amount');
  });

  it('gives the receipt to the member and to those in scope, with the amount in words', async () => {
    const own = await memberA1.get(`/api/v1/campaigns/${campaignId}/contributions/${entries.a1!.id}/receipt.pdf`);
    expect(own.statusCode).toBe(200);
    expect(own.headers['content-type']).toBe('application/pdf');
    expect(own.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await memberA1.get(`/api/v1/campaigns/${campaignId}/contributions/${entries.a2fixed!.id}/receipt.pdf`)).statusCode).toBe(404);
    expect((await collectorB.get(`/api/v1/campaigns/${campaignId}/contributions/${entries.a1!.id}/receipt.pdf`)).statusCode).toBe(404);
    expect((await officer.get(`/api/v1/campaigns/${campaignId}/contributions/${entries.a1!.id}/receipt.pdf`)).statusCode).toBe(200);
    if (!hasPdftotext) return; // poppler-utils missing: the bytes are checked above, the text cannot be.
    const file = path.join(dataDir, 'receipt.pdf');
    fs.writeFileSync(file, own.rawPayload);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).normalize('NFC');
    expect(text).toContain('Năm trăm nghìn đồng');
    expect(text).toContain('500.000 đồng');
    expect(text).toContain('Nguyễn Thị Lan');
    expect(text).toContain('Số: 0001');
    expect(text).toContain('BIÊN NHẬN ỦNG HỘ');
    // The reversed entry's receipt says it no longer stands.
    const reversed = await officer.get(`/api/v1/campaigns/${campaignId}/contributions/${entries.a2!.id}/receipt.pdf`);
    fs.writeFileSync(file, reversed.rawPayload);
    expect(execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).normalize('NFC')).toContain('ĐÃ HỦY');
  });

  it('shows names on the public page only when the officer enables it', async () => {
    const hidden = await t.anon().get(`/api/v1/public/campaigns/${campaignId}`);
    expect(hidden.statusCode).toBe(200);
    const pub = asPublic(hidden);
    expect(pub).toMatchObject({
      contributed: 1_300_000,
      contributedInWords: 'Một triệu ba trăm nghìn đồng',
      contributors: 3,
      names: null,
      targetAmount: 10_000_000,
    });
    expect(pub.byUnit.map((u) => [u.orgName, u.contributed])).toEqual([
      ['Tổ công đoàn số 1', 1_000_000],
      ['Tổ công đoàn số 2', 300_000],
      // The officer belongs to the union itself, in no tổ: a row of its own.
      ['Công đoàn Sở', 0],
    ]);
    for (const name of [a1.fullName, a2.fullName, b1.fullName]) expect(hidden.body).not.toContain(name);
    const v = (await detail()).version;
    const enabled = await officer.patch(`/api/v1/campaigns/${campaignId}`, { version: v, publicShowNames: true });
    expect(enabled.statusCode).toBe(200);
    const shown = asPublic(await t.anon().get(`/api/v1/public/campaigns/${campaignId}`));
    expect(shown.names!.map((n) => [n.fullName, n.amount]).sort()).toEqual(
      [
        ['Lê Thị Mai', 300_000],
        ['Nguyễn Thị Lan', 500_000],
        ['Trần Văn Hùng', 500_000],
      ].sort(),
    );
  });

  it('exports the treasurer list for officers and collectors, not for members', async () => {
    expect((await memberA1.get(`/api/v1/campaigns/${campaignId}/export.xlsx`)).statusCode).toBe(403);
    const res = await officer.get(`/api/v1/campaigns/${campaignId}/export.xlsx`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Danh sách ủng hộ')!;
    const cells: string[] = [];
    ws.eachRow((row) => row.eachCell((c) => cells.push(c.text)));
    expect(cells).toContain('Số tiền bằng chữ: Một triệu ba trăm nghìn đồng.');
    expect(cells).toContain('1300000');
    expect(cells).toContain('Nguyễn Thị Lan');
    expect(cells).toContain('Ký nhận');
    // The reversed 5,000,000 entry is not on the list; the ledger sheet shows it and its reversal.
    expect(cells).not.toContain('5000000');
    const ledger: unknown[] = [];
    wb.getWorksheet('Sổ chi tiết')!.eachRow((row) => ledger.push(row.getCell(6).value));
    expect(ledger).toEqual(expect.arrayContaining([5_000_000, -5_000_000]));
    const partial = await collectorB.get(`/api/v1/campaigns/${campaignId}/export.xlsx`);
    expect(partial.statusCode).toBe(200);
  });

  it('settles only when the handovers match what was collected', async () => {
    let v = (await detail()).version;
    const closed = await officer.post(`/api/v1/campaigns/${campaignId}/status`, { status: 'closed', version: v });
    expect(closed.statusCode).toBe(200);
    v = asDetail(closed).version;
    expect(
      (
        await collectorA.post(`/api/v1/campaigns/${campaignId}/contributions/batch`, {
          rows: [{ personId: a1.id, amount: 1000, method: 'cash', date: '2023-09-15' }],
        })
      ).statusCode,
    ).toBe(409);
    const early = await officer.post(`/api/v1/campaigns/${campaignId}/status`, { status: 'settled', version: v });
    expect(early.statusCode).toBe(409);
    expect(
      (
        await collectorA.post(`/api/v1/campaigns/${campaignId}/handovers`, {
          amount: 1_300_000,
          date: '2023-10-02',
          recipient: 'UBMTTQ phường Khương Đình',
        })
      ).statusCode,
    ).toBe(403);
    const h = await officer.post(`/api/v1/campaigns/${campaignId}/handovers`, {
      amount: 1_300_000,
      date: '2023-10-02',
      recipient: 'UBMTTQ phường Khương Đình',
      note: 'Biên bản bàn giao số 01',
    });
    expect(h.statusCode).toBe(200);
    const handoverId = h.json<Handover>().id;
    const pdf = Buffer.from('%PDF-1.4\n% biên bản bàn giao\n');
    const up = await officer.request({
      method: 'POST',
      url: `/api/v1/campaigns/${campaignId}/handovers/${handoverId}/files`,
      ...multipart('file', 'bien-ban-ban-giao.pdf', 'application/pdf', pdf),
    });
    expect(up.statusCode).toBe(200);
    const f = up.json<Handover>().files[0]!;
    expect(f).toMatchObject({ name: 'bien-ban-ban-giao.pdf', size: pdf.length });
    expect(fs.existsSync(path.join(dataDir, 'files', f.sha256.slice(0, 2), f.sha256))).toBe(true);
    const exe = await officer.request({
      method: 'POST',
      url: `/api/v1/campaigns/${campaignId}/handovers/${handoverId}/files`,
      ...multipart('file', 'x.exe', 'application/x-msdownload', pdf),
    });
    expect(exe.statusCode).toBe(400);
    const down = await memberA1.get(`/api/v1/campaigns/${campaignId}/handovers/${handoverId}/files/${f.id}`);
    expect(down.statusCode).toBe(200);
    expect(down.rawPayload.equals(pdf)).toBe(true);
    const settled = await officer.post(`/api/v1/campaigns/${campaignId}/status`, { status: 'settled', version: v });
    expect(settled.statusCode).toBe(200);
    expect(asDetail(settled).totals.handedOver).toBe(1_300_000);
    expect(
      (await officer.post(`/api/v1/campaigns/${campaignId}/entries/${entries.a1!.id}/reverse`, { reason: 'Quá muộn' })).statusCode,
    ).toBe(409);
    expect(asPublic(await t.anon().get(`/api/v1/public/campaigns/${campaignId}`)).handovers).toEqual([
      { amount: 1_300_000, date: '2023-10-02', recipient: 'UBMTTQ phường Khương Đình' },
    ]);
  });

  it('rate-limits the public page per client address', async () => {
    const remoteAddress = nextTestIp();
    const statuses: number[] = [];
    for (let i = 0; i < 125; i++) {
      statuses.push((await t.app.inject({ method: 'GET', url: `/api/v1/public/campaigns/${campaignId}`, remoteAddress })).statusCode);
    }
    expect(statuses.slice(0, 120).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(120)).toEqual([429, 429, 429, 429, 429]);
    const limited = await t.app.inject({ method: 'GET', url: `/api/v1/public/campaigns/${campaignId}`, remoteAddress });
    expect(errorOf(limited).code).toBe('rate_limited');
    // Another address is not held back.
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/public/campaigns/${campaignId}`, remoteAddress: nextTestIp() })).statusCode,
    ).toBe(200);
  });

  it('audits every change, and the audit chain covers the new tables', async () => {
    const rows = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'entity_type'])
      .where('entity_type', 'like', 'campaign%')
      .execute();
    const count = (action: string) => rows.filter((r) => r.action === action).length;
    expect(count('campaign.create')).toBe(1);
    expect(count('campaign.open')).toBe(1);
    expect(count('campaign.close')).toBe(1);
    expect(count('campaign.settle')).toBe(1);
    expect(count('campaign.update')).toBe(1);
    expect(count('campaign_entry.create')).toBe(4);
    expect(count('campaign_entry.reverse')).toBe(1);
    expect(count('campaign_entry.confirm')).toBe(1);
    expect(count('campaign_entry.pledge')).toBe(1);
    expect(count('campaign_handover.create')).toBe(1);
    expect(count('campaign_handover_file.create')).toBe(1);
    expect(await t.ctx.audit.verify(t.ctx.db)).toEqual([]);
  });
});
