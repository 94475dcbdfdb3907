import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCalendar, setCalendarCacheFreshMs } from '../src/modules/calendar/calendar.service';
import { SettingsRepository } from '../src/modules/settings/settings.repository';
import type { CalendarConfigView, CalendarYear } from '@kycuong/domain';
import type { LightMyRequestResponse } from 'fastify';
import { createTestContext, type Agent, type TestContext } from './support/harness';

type ErrorBody = { error: { code: string; fields: { path: string }[] } };
const fieldsOf = (res: LightMyRequestResponse) => res.json<ErrorBody>().error.fields.map((f) => f.path);

describe('calendar', () => {
  let t: TestContext;
  let admin: Agent;
  let member: Agent;
  let unitAdmin: Agent;

  beforeAll(async () => {
    t = await createTestContext();
    const org = await t.newOrg({ name: 'Sở Thông tin và Truyền thông' });
    admin = await t.login(await t.newUser({ person: null, roles: [{ role: 'system_admin', org: null }] }));
    member = await t.login(await t.newUser({ org }));
    unitAdmin = await t.login(
      await t.newUser({
        org,
        roles: [
          { role: 'unit_admin', org },
          { role: 'leader', org },
        ],
      }),
    );
  });
  afterAll(() => t.close());

  const add = async (agent: Agent, from: string, days: number | string) =>
    agent.get(`/api/v1/calendar/add-working-days?from=${from}&days=${days}`);

  it('requires sign-in', async () => {
    expect((await t.anon().get('/api/v1/calendar/2026')).statusCode).toBe(401);
    expect((await add(t.anon(), '2026-02-12', 5)).statusCode).toBe(401);
  });

  it('lists a year’s holidays and swapped days, without ordinary weekends', async () => {
    const res = await member.get('/api/v1/calendar/2026');
    expect(res.statusCode).toBe(200);
    const body = res.json<CalendarYear>();
    expect(body.year).toBe(2026);
    const dates = body.nonWorkingDays.map((d) => d.date);
    // Tết Bính Ngọ: 14/02 → 22/02/2026, weekend days of the break included.
    for (let d = 14; d <= 22; d++) expect(dates).toContain(`2026-02-${d}`);
    expect(body.nonWorkingDays.find((d) => d.date === '2026-02-17')?.name).toMatch(/Tết/);
    expect(body.nonWorkingDays.find((d) => d.date === '2026-01-02')).toMatchObject({ kind: 'swapped_rest' });
    expect(dates).toContain('2026-09-02');
    // An ordinary Saturday is not listed; a worked Saturday is.
    expect(dates).not.toContain('2026-03-07');
    expect(body.swappedWorkingDays.map((d) => d.date)).toContain('2026-01-10');
    expect([...dates].sort()).toEqual(dates);
  });

  it('adds 5 working days across Tết 2026 as the published schedule says', async () => {
    const res = await add(member, '2026-02-12', 5);
    expect(res.statusCode).toBe(200);
    // Fri 13/02 is day 1; 14–22/02 is Tết; 23, 24, 25, 26/02 are days 2–5.
    expect(res.json<{ date: string }>()).toEqual({ date: '2026-02-26' });
    expect((await add(member, '2026-02-26', -5)).json<{ date: string }>()).toEqual({ date: '2026-02-12' });
  });

  it('400 names the parameter', async () => {
    const bad = await add(member, '2026-13-01', 'năm');
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad)).toEqual(expect.arrayContaining(['from', 'days']));
    const missing = await member.get('/api/v1/calendar/add-working-days?days=3');
    expect(fieldsOf(missing)).toEqual(['from']);
    const year = await member.get('/api/v1/calendar/2500');
    expect(year.statusCode).toBe(400);
    expect(fieldsOf(year)[0]).toBe('year');
    // Past the last year the calendar knows: still a 400 naming `days`, not a 500.
    const far = await add(member, '2197-06-01', 3000);
    expect(far.statusCode).toBe(400);
    expect(fieldsOf(far)[0]).toBe('days');
  });

  it('the yearly configuration is hidden from everyone but system administrators (404)', async () => {
    expect((await member.get('/api/v1/calendar/config/2026')).statusCode).toBe(404);
    expect((await unitAdmin.get('/api/v1/calendar/config/2026')).statusCode).toBe(404);
    const put = await unitAdmin.put('/api/v1/calendar/config/2026', {
      version: 0,
      extraHolidays: [{ date: '2026-02-13', name: 'Nghỉ thêm' }],
    });
    expect(put.statusCode).toBe(404);
    expect((await add(member, '2026-02-12', 5)).json<{ date: string }>().date).toBe('2026-02-26');
  });

  it('an administrator edits a year: the answer changes, stale versions get 409, the change is audited', async () => {
    const get = await admin.get('/api/v1/calendar/config/2026');
    expect(get.statusCode).toBe(200);
    expect(get.json<CalendarConfigView>()).toMatchObject({
      year: 2026,
      isDefault: true,
      version: 0,
      tet: { start: '2026-02-14', days: 9 },
    });
    const current = get.json<CalendarConfigView>();

    const body = {
      version: 0,
      tet: current.tet,
      nationalDayExtra: '2026-09-01',
      extraHolidays: [{ date: '2026-02-13', name: 'Nghỉ thêm trước Tết (ví dụ)' }],
      swappedWorkingDays: current.swappedWorkingDays,
      swappedRestDays: current.swappedRestDays,
      source: 'Thông báo ví dụ',
    };
    const put = await admin.put('/api/v1/calendar/config/2026', body);
    expect(put.statusCode).toBe(200);
    expect(put.json<CalendarConfigView>()).toMatchObject({ isDefault: false, version: 1, nationalDayExtra: '2026-09-01' });
    // Fri 13/02 is now a day off: the fifth working day moves to 27/02.
    expect((await add(member, '2026-02-12', 5)).json<{ date: string }>()).toEqual({ date: '2026-02-27' });
    const year = (await member.get('/api/v1/calendar/2026')).json<CalendarYear>();
    expect(year.nonWorkingDays.find((d) => d.date === '2026-02-13')?.name).toBe('Nghỉ thêm trước Tết (ví dụ)');
    expect(year.nonWorkingDays.map((d) => d.date)).toContain('2026-09-01');
    expect(year.nonWorkingDays.map((d) => d.date)).not.toContain('2026-09-03');
    // The exported loader (what task deadlines use) sees it too.
    expect((await loadCalendar(t.ctx.db)).addWorkingDays('2026-02-12', 5)).toBe('2026-02-27');

    const stale = await admin.put('/api/v1/calendar/config/2026', body);
    expect(stale.statusCode).toBe(409);
    expect(stale.json<ErrorBody>().error.code).toBe('version_conflict');

    const audit = await t.ctx.db.selectFrom('audit_log').selectAll().where('entity_id', '=', 'calendar:2026').execute();
    expect(audit.map((a) => a.action)).toEqual(['calendar.config']);
    expect(await t.ctx.audit.verify(t.ctx.db)).toEqual([]);

    // Back to the announced schedule.
    const restore = await admin.put('/api/v1/calendar/config/2026', { ...body, version: 1, nationalDayExtra: null, extraHolidays: [] });
    expect(restore.statusCode).toBe(200);
    expect((await add(member, '2026-02-12', 5)).json<{ date: string }>()).toEqual({ date: '2026-02-26' });
  });

  it('a change written by another instance is seen once the cached calendar is re-checked', async () => {
    setCalendarCacheFreshMs(0);
    try {
      const before = await loadCalendar(t.ctx.db);
      expect(await loadCalendar(t.ctx.db)).toBe(before); // unchanged fingerprint: the same calendar object
      expect(before.isWorkingDay('2028-03-03')).toBe(true);
      // Another instance saves 2028 (straight into the shared table: no in-process invalidation here).
      await new SettingsRepository(t.ctx.db).put(
        'calendar:2028',
        { year: 2028, extraHolidays: [{ date: '2028-03-03', name: 'Ngày nghỉ ví dụ' }] },
        0,
        new Date().toISOString(),
      );
      const after = await loadCalendar(t.ctx.db);
      expect(after).not.toBe(before);
      expect(after.isWorkingDay('2028-03-03')).toBe(false);
    } finally {
      setCalendarCacheFreshMs(5_000);
    }
  });

  it('400 names the field of an invalid schedule and changes nothing', async () => {
    const res = await admin.put('/api/v1/calendar/config/2027', {
      version: 0,
      tet: { start: '2027-02-05', days: 40 },
      nationalDayExtra: '2027-09-05',
      swappedWorkingDays: [{ date: '2027-03-10', name: 'Thứ Tư không phải cuối tuần' }],
      swappedRestDays: [{ date: '2027-03-13', name: 'Thứ Bảy' }],
      extraHolidays: [{ date: 'không phải ngày', name: '' }],
    });
    expect(res.statusCode).toBe(400);
    const paths = fieldsOf(res);
    expect(paths).toEqual(expect.arrayContaining(['tet.days', 'extraHolidays.0.date', 'extraHolidays.0.name']));
    // Rules zod cannot see (a weekday "worked Saturday", a wrong Quốc khánh day) are named too.
    const rules = await admin.put('/api/v1/calendar/config/2027', {
      version: 0,
      nationalDayExtra: '2027-09-05',
      swappedWorkingDays: [{ date: '2027-03-10', name: 'Thứ Tư' }],
      swappedRestDays: [{ date: '2027-03-13', name: 'Thứ Bảy' }],
    });
    expect(rules.statusCode).toBe(400);
    expect(fieldsOf(rules)).toEqual(['nationalDayExtra', 'swappedWorkingDays', 'swappedRestDays']);
    expect((await admin.get('/api/v1/calendar/config/2027')).json<CalendarConfigView>()).toMatchObject({ isDefault: true, version: 0 });
  });
});
