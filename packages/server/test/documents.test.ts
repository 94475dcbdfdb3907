/**
 * Directing documents over HTTP on both databases: official numbers (parsed, normalised,
 * unique per series and period, proposed), visibility (the reader's subtree and what binds it from
 * above; drafts only to managers), task groups, attachments, and the cascade with each unit's
 * response on time, late or overdue.
 */
import { addWorkingDays, vietnamDate, type DocumentDetail, type DocumentSummary, type TaskDetail } from '@kycuong/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, errorOf, fieldPaths, type Agent, type TestContext } from './support/harness';

type Org = { id: string; path: string; name: string };

const today = () => vietnamDate(new Date());

describe('documents', () => {
  let t: TestContext;
  let tu: Org, khoi: Org, du: Org, cell: Org, du2: Org, dept: Org;
  let cityApi: Agent, duApi: Agent, du2Api: Agent, cellMemberApi: Agent, deptApi: Agent, adminApi: Agent, otherMemberApi: Agent;

  const post = (a: Agent, url: string, body?: unknown) => a.post(`/api/v1${url}`, body);

  beforeAll(async () => {
    t = await createTestContext();
    tu = await t.newOrg({ parent: null, kind: 'thanh_uy', name: 'Thành ủy Hà Nội', code: 'TU-KT' });
    khoi = await t.newOrg({ parent: tu, kind: 'dang_bo', name: 'Đảng bộ Khối các cơ quan Thành phố' });
    du = await t.newOrg({ parent: khoi, kind: 'dang_uy_co_so', name: 'Đảng ủy Sở Thông tin và Truyền thông' });
    cell = await t.newOrg({ parent: du, kind: 'chi_bo', name: 'Chi bộ Văn phòng' });
    du2 = await t.newOrg({ parent: khoi, kind: 'dang_uy_co_so', name: 'Đảng ủy Sở Nội vụ' });
    dept = await t.newOrg({ parent: null, kind: 'so', name: 'Sở Thông tin và Truyền thông', code: 'STTTT' });
    await t.newOrg({ parent: dept, kind: 'phong', name: 'Phòng Công nghệ thông tin' });
    cityApi = await t.login(await t.newUser({ org: tu, roles: [{ role: 'leader', org: tu }] }));
    duApi = await t.login(
      await t.newUser({
        person: await t.newPerson({ org: du, isHead: true, fullName: 'Nguyễn Thanh Bình' }),
        roles: [{ role: 'leader', org: du }],
      }),
    );
    du2Api = await t.login(
      await t.newUser({ person: await t.newPerson({ org: du2, isHead: true }), roles: [{ role: 'leader', org: du2 }] }),
    );
    cellMemberApi = await t.login(await t.newUser({ org: cell }));
    otherMemberApi = await t.login(await t.newUser({ org: du2 }));
    deptApi = await t.login(await t.newUser({ org: dept, roles: [{ role: 'monitor', org: dept }] }));
    adminApi = await t.login(await t.newUser({ person: null, roles: [{ role: 'system_admin', org: null }] }));
  });
  afterAll(() => t.close());

  let directive: DocumentDetail;

  describe('numbers', () => {
    it('registers Directive 24-CT/TU, reading Ð (U+00D0) as Đ in numbers', async () => {
      const res = await post(cityApi, '/documents', {
        type: 'chi_thi',
        issuingOrgId: tu.id,
        number: 'Số 24-CT/TU',
        issuedOn: '2023-08-07',
        status: 'issued',
        title: 'Tăng cường kỷ cương, kỷ luật và trách nhiệm giải quyết công việc trong hệ thống chính trị thành phố Hà Nội',
        groups: [
          { code: '1', title: 'Tuyên truyền, giáo dục nâng cao nhận thức' },
          { code: '2', title: 'Trách nhiệm người đứng đầu (mẫu — cần đối chiếu văn bản gốc)' },
        ],
      });
      expect(res.statusCode, res.body).toBe(200);
      directive = res.json<DocumentDetail>();
      expect(directive).toMatchObject({ number: '24-CT/TU', style: 'party', status: 'issued', issuingOrgName: 'Thành ủy Hà Nội' });
      expect(directive.groups.map((g) => g.code)).toEqual(['1', '2']);
      expect(directive.allowedActions).toEqual(['edit', 'issue', 'manage_groups', 'create_task']);
      const plan = await post(duApi, '/documents', {
        type: 'ke_hoach',
        issuingOrgId: du.id,
        number: '30-KH/ÐU',
        issuedOn: '2023-08-20',
        status: 'issued',
        title: 'Kế hoạch trước',
      });
      expect(plan.json<DocumentDetail>().number).toBe('30-KH/ĐU');
    });

    it('400 names the number when it is malformed or does not match the kind or the style', async () => {
      const base = { issuingOrgId: du.id, issuedOn: '2023-09-11', title: 'Kế hoạch thử' };
      const bad = await post(duApi, '/documents', { ...base, type: 'ke_hoach', number: 'KH-31' });
      expect(bad.statusCode).toBe(400);
      expect(fieldPaths(bad)).toEqual(['number']);
      expect(errorOf(bad).message).toContain('24-CT/TU');
      expect(fieldPaths(await post(duApi, '/documents', { ...base, type: 'ke_hoach', number: '31-CT/ĐU' }))).toEqual(['number']);
      expect(fieldPaths(await post(duApi, '/documents', { ...base, type: 'ke_hoach', number: '31/KH-ĐU' }))).toEqual(['number']);
      expect(fieldPaths(await post(duApi, '/documents', { ...base, type: 'ke_hoach', status: 'issued' }))).toEqual(['number']);
    });

    it('a number is unique in its series and period: 409 naming the number, and it restarts with a new term', async () => {
      const dup = await post(duApi, '/documents', {
        type: 'ke_hoach',
        issuingOrgId: du.id,
        number: '30-KH/ĐU',
        issuedOn: '2023-09-01',
        title: 'Trùng số',
      });
      expect(dup.statusCode).toBe(409);
      expect(fieldPaths(dup)).toEqual(['number']);
      const nextTerm = await post(duApi, '/documents', {
        type: 'ke_hoach',
        issuingOrgId: du.id,
        number: '30-KH/ĐU',
        issuedOn: '2025-12-01',
        title: 'Nhiệm kỳ mới',
      });
      expect(nextTerm.statusCode, nextTerm.body).toBe(200);
    });

    it('proposes the next number per org, type and term (Party) or year (State, with the year for decrees)', async () => {
      const party = await duApi.get(`/api/v1/documents/next-number?orgId=${du.id}&type=ke_hoach&date=2023-09-11`);
      expect(party.statusCode, party.body).toBe(200);
      expect(party.json()).toMatchObject({ number: '31-KH/ĐU', seq: 31, style: 'party', lastNumber: '30-KH/ĐU', period: 'T2020-07-01' });
      const fresh = await duApi.get(`/api/v1/documents/next-number?orgId=${du.id}&type=ke_hoach&date=2026-01-15`);
      expect(fresh.json()).toMatchObject({ number: '31-KH/ĐU', period: 'T2025-07-01' });
      const resolution = await duApi.get(`/api/v1/documents/next-number?orgId=${du.id}&type=nghi_quyet&date=2023-09-11`);
      expect(resolution.json()).toMatchObject({ number: '01-NQ/ĐU', lastNumber: null });
      const state = await deptApi.get(`/api/v1/documents/next-number?orgId=${dept.id}&type=ke_hoach`);
      expect(state.json()).toMatchObject({ number: '01/KH-STTTT', style: 'state', period: `Y${today().slice(0, 4)}` });
      const decree = await deptApi.get(`/api/v1/documents/next-number?orgId=${dept.id}&type=nghi_dinh&date=2025-03-01`);
      expect(decree.json()).toMatchObject({ number: '01/2025/NĐ-STTTT' });
      expect((await cellMemberApi.get(`/api/v1/documents/next-number?orgId=${cell.id}&type=ke_hoach`)).statusCode).toBe(403);
      expect((await du2Api.get(`/api/v1/documents/next-number?orgId=${du.id}&type=ke_hoach`)).statusCode).toBe(404);
      expect(fieldPaths(await duApi.get(`/api/v1/documents/next-number?orgId=${du.id}&type=nghi_dinh`))).toEqual(['type']);
    });

    it('autoNumber takes the next number; the administrator can set the terms of an org', async () => {
      const auto = await post(duApi, '/documents', {
        type: 'ke_hoach',
        issuingOrgId: du.id,
        autoNumber: true,
        issuedOn: '2023-09-11',
        status: 'issued',
        title: 'Kế hoạch tự đánh số',
        implementsId: directive.id,
      });
      expect(auto.statusCode, auto.body).toBe(200);
      expect(auto.json<DocumentDetail>().number).toBe('31-KH/ĐU');
      const settings = (await adminApi.get('/api/v1/documents/numbering-settings')).json<{ version: number }>();
      expect(
        (await duApi.put('/api/v1/documents/numbering-settings', { ...settings, partyTermStarts: [], orgTermStarts: {}, issuerCodes: {} }))
          .statusCode,
      ).toBe(404);
      const put = await adminApi.put('/api/v1/documents/numbering-settings', {
        partyTermStarts: ['2020-07-01', '2025-07-01'],
        orgTermStarts: { [du.id]: ['2023-09-01'] },
        issuerCodes: {},
        version: settings.version,
      });
      expect(put.statusCode, put.body).toBe(200);
      const next = await duApi.get(`/api/v1/documents/next-number?orgId=${du.id}&type=ke_hoach&date=2023-10-01`);
      // The committee's own term now begins on 1/9/2023: numbers restart there (documents keep the period they were registered in).
      expect(next.json()).toMatchObject({ number: '01-KH/ĐU', period: 'T2023-09-01', lastNumber: null });
      const stale = await adminApi.put('/api/v1/documents/numbering-settings', {
        partyTermStarts: [],
        orgTermStarts: {},
        issuerCodes: {},
        version: settings.version,
      });
      expect(stale.statusCode).toBe(409);
    });
  });

  describe('visibility', () => {
    it('a member sees documents binding their unit from above, not those of a sibling; drafts stay with managers', async () => {
      await post(du2Api, '/documents', {
        type: 'ke_hoach',
        issuingOrgId: du2.id,
        number: '05-KH/ĐU',
        issuedOn: '2023-09-15',
        status: 'issued',
        title: 'Kế hoạch của Sở Nội vụ',
      });
      const draft = (
        await post(duApi, '/documents', { type: 'thong_bao', issuingOrgId: du.id, title: 'Dự thảo thông báo' })
      ).json<DocumentDetail>();
      const seen = (await cellMemberApi.get('/api/v1/documents?pageSize=100'))
        .json<{ items: DocumentSummary[] }>()
        .items.map((d) => d.title);
      expect(seen).toContain('Kế hoạch tự đánh số');
      expect(seen).not.toContain('Kế hoạch của Sở Nội vụ');
      expect(seen).not.toContain('Dự thảo thông báo');
      expect((await cellMemberApi.get(`/api/v1/documents/${draft.id}`)).statusCode).toBe(404);
      expect((await duApi.get(`/api/v1/documents/${draft.id}`)).statusCode).toBe(200);
      // A document of the Thành ủy binds every organisation under it.
      expect((await cellMemberApi.get(`/api/v1/documents/${directive.id}`)).statusCode).toBe(200);
      expect((await deptApi.get(`/api/v1/documents/${directive.id}`)).statusCode).toBe(404);
      expect((await cellMemberApi.patch(`/api/v1/documents/${draft.id}`, { version: 1, title: 'Sửa' })).statusCode).toBe(404);
    });

    it('accent-insensitive search on number and title; filters', async () => {
      const hits = (await duApi.get(`/api/v1/documents?q=${encodeURIComponent('tu danh so')}`)).json<{ items: DocumentSummary[] }>().items;
      expect(hits.map((d) => d.number)).toEqual(['31-KH/ĐU']);
      const byImpl = (await duApi.get(`/api/v1/documents?implementsId=${directive.id}`)).json<{ items: DocumentSummary[] }>().items;
      expect(byImpl.map((d) => d.number)).toEqual(['31-KH/ĐU']);
    });
  });

  describe('the cascade', () => {
    it('issuing to units gives each a task with a working-day deadline; units then see the directive', async () => {
      // Visible to the Đảng ủy (issued above it) but not theirs to issue.
      expect(
        (
          await post(duApi, `/documents/${directive.id}/issue`, {
            version: directive.version,
            recipientOrgIds: [du.id],
            responseWorkingDays: 20,
          })
        ).statusCode,
      ).toBe(403);
      const noDeadline = await post(cityApi, `/documents/${directive.id}/issue`, { version: directive.version, recipientOrgIds: [du.id] });
      expect(fieldPaths(noDeadline)).toEqual(['responseWorkingDays']);
      const outside = await post(cityApi, `/documents/${directive.id}/issue`, {
        version: directive.version,
        recipientOrgIds: [dept.id],
        responseWorkingDays: 20,
      });
      expect(fieldPaths(outside)).toEqual(['recipientOrgIds.0']);
      const res = await post(cityApi, `/documents/${directive.id}/issue`, {
        version: directive.version,
        recipientOrgIds: [du.id, du2.id],
        responseWorkingDays: 20,
      });
      expect(res.statusCode, res.body).toBe(200);
      directive = res.json<DocumentDetail>();
      const due = addWorkingDays(today(), 20);
      expect(directive.recipients.map((r) => [r.orgName, r.responseDue, r.state])).toEqual(
        expect.arrayContaining([
          ['Đảng ủy Sở Thông tin và Truyền thông', due, 'on_time'],
          ['Đảng ủy Sở Nội vụ', due, 'pending'],
        ]),
      );
      // Đảng ủy Sở TT&TT had already issued 31-KH/ĐU implementing the directive: it counts as its response.
      const r1 = directive.recipients.find((r) => r.orgId === du.id)!;
      expect(r1).toMatchObject({ respondedVia: 'plan', respondedOn: '2023-09-11', plan: { number: '31-KH/ĐU' } });
      const task = (await du2Api.get(`/api/v1/tasks/${directive.recipients.find((r) => r.orgId === du2.id)!.taskId}`)).json<TaskDetail>();
      expect(task).toMatchObject({ source: 'cascade', deadline: due, documentNumber: '24-CT/TU', status: 'assigned' });
      expect(task.title).toBe('Xây dựng kế hoạch thực hiện Chỉ thị số 24-CT/TU ngày 07/08/2023 của Thành ủy Hà Nội');
      expect((await deptApi.get(`/api/v1/documents/${directive.id}`)).statusCode).toBe(404);
    });

    it('a unit answering through its cascade task: on time; a unit issued later with a past deadline: overdue', async () => {
      const r2 = directive.recipients.find((r) => r.orgId === du2.id)!;
      let task = (await du2Api.get(`/api/v1/tasks/${r2.taskId}`)).json<TaskDetail>();
      task = (await post(du2Api, `/tasks/${task.id}/accept`, { version: task.version })).json<TaskDetail>();
      task = (
        await post(du2Api, `/tasks/${task.id}/complete`, { version: task.version, text: 'Đã ban hành kế hoạch 05-KH/ĐU' })
      ).json<TaskDetail>();
      const done = await post(cityApi, `/tasks/${task.id}/accept-completion`, { version: task.version, qualityAccepted: true });
      expect(done.statusCode, done.body).toBe(200);
      const yesterday = addWorkingDays(today(), -1);
      const later = await post(cityApi, `/documents/${directive.id}/issue`, {
        version: directive.version,
        recipientOrgIds: [khoi.id, du.id],
        responseDeadline: yesterday,
      });
      expect(later.statusCode, later.body).toBe(200);
      directive = later.json<DocumentDetail>();
      const state = Object.fromEntries(directive.recipients.map((r) => [r.orgName, [r.state, r.respondedVia]]));
      expect(state).toEqual({
        'Đảng ủy Sở Thông tin và Truyền thông': ['on_time', 'plan'],
        'Đảng ủy Sở Nội vụ': ['on_time', 'task'],
        'Đảng bộ Khối các cơ quan Thành phố': ['overdue', null],
      });
      expect(directive.taskStats).toMatchObject({ total: 3, done_on_time: 1, open_in_time: 1, open_overdue: 1 });
      expect(directive.implementedBy.map((d) => d.number)).toEqual(['31-KH/ĐU']);
    });

    it('a late plan shows as late', async () => {
      const khoiApi = await t.login(await t.newUser({ org: khoi, roles: [{ role: 'leader', org: khoi }] }));
      const plan = await post(khoiApi, '/documents', {
        type: 'ke_hoach',
        issuingOrgId: khoi.id,
        autoNumber: true,
        issuedOn: today(),
        status: 'issued',
        title: 'Kế hoạch thực hiện Chỉ thị 24',
        implementsId: directive.id,
      });
      expect(plan.statusCode, plan.body).toBe(200);
      const d = (await cityApi.get(`/api/v1/documents/${directive.id}`)).json<DocumentDetail>();
      expect(d.recipients.find((r) => r.orgId === khoi.id)).toMatchObject({ state: 'late', respondedVia: 'plan', respondedOn: today() });
    });

    it('readers other than the issuer see only the recipients and plans at, above or under their unit', async () => {
      const seen = (await cellMemberApi.get(`/api/v1/documents/${directive.id}`)).json<DocumentDetail>();
      expect(seen.recipients.map((r) => r.orgId).sort()).toEqual([khoi.id, du.id].sort());
      expect(seen.implementedBy.map((d) => d.issuingOrgId).sort()).toEqual([khoi.id, du.id].sort());
      expect(seen.allowedActions).toEqual([]);
      const sibling = (await otherMemberApi.get(`/api/v1/documents/${directive.id}`)).json<DocumentDetail>();
      expect(sibling.recipients.map((r) => r.orgId).sort()).toEqual([khoi.id, du2.id].sort());
      expect(JSON.stringify(sibling)).not.toContain(du.id);
    });
  });

  describe('groups, tasks from a document, attachments', () => {
    it('groups are managed by the issuer; tasks take a group of their document only', async () => {
      const g = await post(cityApi, `/documents/${directive.id}/groups`, {
        code: '3',
        title: 'Cải cách thủ tục hành chính (mẫu — cần đối chiếu văn bản gốc)',
      });
      expect(g.statusCode).toBe(200);
      const group = g.json<DocumentDetail>().groups.find((x) => x.code === '3')!;
      expect((await post(duApi, `/documents/${directive.id}/groups`, { code: '4', title: 'Thử' })).statusCode).toBe(403);
      const renamed = await cityApi.patch(`/api/v1/task-groups/${group.id}`, {
        version: group.version,
        title: 'Cải cách thủ tục hành chính',
      });
      expect(renamed.json<DocumentDetail>().groups.find((x) => x.id === group.id)!.title).toBe('Cải cách thủ tục hành chính');
      expect((await cityApi.patch(`/api/v1/task-groups/${group.id}`, { version: group.version, title: 'Cũ' })).statusCode).toBe(409);
      const other = (
        await post(duApi, '/documents', {
          type: 'ke_hoach',
          issuingOrgId: du.id,
          title: 'Kế hoạch khác',
          groups: [{ code: '1', title: 'Nhóm khác' }],
        })
      ).json<DocumentDetail>();
      const wrong = await post(cityApi, '/tasks', {
        assignerOrgId: tu.id,
        title: 'Nhiệm vụ thử',
        lead: { orgId: du.id },
        documentId: directive.id,
        groupId: other.groups[0]!.id,
      });
      expect(fieldPaths(wrong)).toEqual(['groupId']);
      const ok = await post(cityApi, '/tasks', {
        assignerOrgId: tu.id,
        title: 'Rà soát thủ tục',
        lead: { orgId: du.id },
        documentId: directive.id,
        groupId: group.id,
      });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json<TaskDetail>()).toMatchObject({ source: 'document', group: { code: '3' }, document: { number: '24-CT/TU' } });
      const detail = (await cityApi.get(`/api/v1/documents/${directive.id}`)).json<DocumentDetail>();
      expect(detail.groups.find((x) => x.id === group.id)!.taskCount).toBe(1);
    });

    it('attachments: uploaded, attached by id, downloaded by readers only', async () => {
      const upload = await duApi.request({
        method: 'POST',
        url: '/api/v1/files',
        payload:
          '--b\r\nContent-Disposition: form-data; name="file"; filename="KH31.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 kế hoạch\r\n--b--\r\n',
        headers: { 'content-type': 'multipart/form-data; boundary=b' },
      });
      expect(upload.statusCode, upload.body).toBe(200);
      const fileId = upload.json<{ id: string }>().id;
      const plan = (await duApi.get(`/api/v1/documents?q=31-KH`)).json<{ items: DocumentSummary[] }>().items[0]!;
      const res = await duApi.patch(`/api/v1/documents/${plan.id}`, { version: plan.version, fileIds: [fileId] });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<DocumentDetail>().attachments.map((a) => a.name)).toEqual(['KH31.pdf']);
      expect((await cellMemberApi.get(`/api/v1/documents/${plan.id}/files/${fileId}`)).body).toBe('%PDF-1.4 kế hoạch');
      expect((await otherMemberApi.get(`/api/v1/documents/${plan.id}/files/${fileId}`)).statusCode).toBe(404);
      const empty = await duApi.request({
        method: 'POST',
        url: '/api/v1/files',
        payload:
          '--b\r\nContent-Disposition: form-data; name="file"; filename="rong.pdf"\r\nContent-Type: application/pdf\r\n\r\n\r\n--b--\r\n',
        headers: { 'content-type': 'multipart/form-data; boundary=b' },
      });
      expect(empty.statusCode).toBe(400);
    });

    it('status changes: issued → superseded, never back to draft', async () => {
      const d = (await cityApi.get(`/api/v1/documents/${directive.id}`)).json<DocumentDetail>();
      expect(fieldPaths(await cityApi.patch(`/api/v1/documents/${d.id}`, { version: d.version, status: 'draft' }))).toEqual(['status']);
      const sup = await cityApi.patch(`/api/v1/documents/${d.id}`, { version: d.version, status: 'superseded' });
      expect(sup.json<DocumentDetail>()).toMatchObject({ status: 'superseded' });
      expect(await t.ctx.audit.verify(t.ctx.db)).toEqual([]);
    });
  });
});
