/**
 * Issue 6: the union officer (congdoan) opens a campaign; two tổ collectors (todoi1 for tổ 1,
 * todoi3 for tổ 3) record contributions in the keyboard entry table; a wrong entry is corrected
 * by a reversal; a member (canbo) sees and confirms their contribution and gets its receipt; the
 * public page, without sign-in, shows the right totals and no names. Desktop and 375 px shots.
 */
import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { apiSignIn, expectNoHorizontalOverflow, shot, signIn } from './support';

const TITLE = 'Ủng hộ đồng bào miền Trung khắc phục hậu quả bão số 3';

interface Member {
  personId: string;
  fullName: string;
  orgName: string;
}

async function membersFor(request: APIRequestContext, username: string, campaignId: string): Promise<Member[]> {
  await apiSignIn(request, username);
  const res = await request.get(`/api/v1/campaigns/${campaignId}/members`, { params: { pageSize: 1000 } });
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { items: Member[] }).items;
}

/** A new signed-in page in its own browser context (its own session cookie). */
async function pageAs(browser: Browser, username: string, width = 1366): Promise<Page> {
  const ctx = await browser.newContext({
    viewport: { width, height: width < 600 ? 812 : 900 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
  const page = await ctx.newPage();
  await signIn(page, username);
  return page;
}

/** Types one row of the entry table with the keyboard only: name, Enter, amount, Enter…, ending on the next row. */
async function typeRow(page: Page, row: number, name: string, amount: string, transferRef?: string) {
  const person = page.getByLabel(`Đoàn viên ${row}`, { exact: true });
  await expect(person).toBeFocused();
  await page.keyboard.type(name);
  await expect(page.locator('.ant-select-dropdown:visible .ant-select-item-option').first()).toContainText(name);
  await page.keyboard.press('Enter');
  await expect(page.getByLabel(`Số tiền ${row}`, { exact: true })).toBeFocused();
  await page.keyboard.type(amount);
  await page.keyboard.press('Enter');
  const method = page.getByLabel(`Hình thức ${row}`, { exact: true });
  await expect(method).toBeFocused();
  if (transferRef) {
    await method.selectOption('transfer');
    await method.press('Enter');
    await expect(page.getByLabel(`Mã giao dịch ${row}`, { exact: true })).toBeFocused();
    await page.keyboard.type(transferRef);
    await page.keyboard.press('Enter');
  } else {
    await page.keyboard.press('Enter');
  }
  await expect(page.getByLabel(`Ngày nộp ${row}`, { exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
}

test('a union campaign from opening to the public page', async ({ browser, request }) => {
  // Seven sessions (each sign-in hashes a password) and a dozen pages: longer than one page's journey.
  test.slow();
  // 1. The union officer creates the campaign and opens it.
  const officer = await pageAs(browser, 'congdoan');
  await officer.getByRole('menu').getByText('Vận động', { exact: true }).click();
  await expect(officer.getByRole('heading', { name: 'Vận động' })).toBeVisible();
  await expect(officer.getByRole('link', { name: 'Ủng hộ các nạn nhân vụ cháy chung cư mini tại phường Khương Đình' })).toBeVisible();
  await shot(officer, 'desktop-campaigns');
  await officer.getByRole('button', { name: 'Tạo cuộc vận động' }).click();
  const dialog = officer.getByRole('dialog', { name: 'Tạo cuộc vận động' });
  await expect(dialog.getByText('Công đoàn cơ sở Sở Thông tin và Truyền thông')).toBeVisible();
  await dialog.getByLabel('Cuộc vận động').fill(TITLE);
  await dialog.getByLabel('Mục đích').fill('Chia sẻ khó khăn với đồng bào bị thiệt hại do bão.');
  await dialog.getByLabel('Đối tượng thụ hưởng').fill('Ủy ban MTTQ Việt Nam tỉnh Quảng Bình');
  await dialog.getByLabel('Mục tiêu (đồng)').fill('10tr');
  await expect(dialog.getByText('Mười triệu đồng')).toBeVisible();
  await dialog.getByRole('button', { name: 'Lưu' }).click();
  await expect(officer.getByTestId('campaign-title')).toContainText(TITLE);
  await expect(officer.getByTestId('campaign-title')).toContainText('Dự thảo');
  await officer.getByRole('button', { name: 'Bắt đầu vận động' }).click();
  await officer.getByRole('button', { name: 'Xác nhận' }).click();
  await expect(officer.getByTestId('campaign-title')).toContainText('Đang vận động');
  const campaignId = officer.url().split('/').pop()!;

  // 2. The collector of tổ 1 records two members; the second amount is typed ten times too big.
  const group1 = await membersFor(request, 'todoi1', campaignId);
  expect(group1.every((m) => m.orgName.startsWith('Tổ công đoàn số 1'))).toBe(true);
  const [m1, m2] = group1.filter((m) => !group1.some((o) => o !== m && o.fullName.includes(m.fullName)));
  const collector1 = await pageAs(browser, 'todoi1');
  await collector1.goto(`/van-dong/${campaignId}`);
  await collector1.getByRole('button', { name: 'Ghi nhận đóng góp' }).click();
  await expect(collector1.getByRole('heading', { name: 'Ghi nhận đóng góp' })).toBeVisible();
  await collector1.getByLabel('Đoàn viên 1', { exact: true }).click();
  await typeRow(collector1, 1, m1!.fullName, '500k');
  await typeRow(collector1, 2, m2!.fullName, '3tr');
  await expect(collector1.getByTestId('batch-total')).toHaveText('Cộng 2 khoản: 3.500.000 đ');
  await expect(collector1.getByText('Ba triệu năm trăm nghìn đồng')).toBeVisible();
  await shot(collector1, 'desktop-campaign-entry');
  await collector1.keyboard.press('Control+s');
  await expect(collector1.getByText('Đã ghi 2 khoản, 3.500.000 đ')).toBeVisible();

  // 3. The collector of tổ 3 records canbo's transfer.
  const collector3 = await pageAs(browser, 'todoi3');
  await collector3.goto(`/van-dong/${campaignId}/ghi-nhan`);
  await collector3.getByLabel('Đoàn viên 1', { exact: true }).click();
  await typeRow(collector3, 1, 'Đặng Quang Huy', '200.000', 'FT23265000123');
  await collector3.getByRole('button', { name: 'Lưu 1 khoản' }).click();
  await expect(collector3.getByText('Đã ghi 1 khoản, 200.000 đ')).toBeVisible();
  // A member of tổ 1 is not offered to the collector of tổ 3.
  await collector3.getByLabel('Đoàn viên 1', { exact: true }).fill(m1!.fullName);
  await expect(collector3.locator('.ant-select-dropdown:visible .ant-select-item-option')).toHaveCount(0);

  // 4. The wrong entry is corrected by a reversal and recorded again.
  await collector1.goto(`/van-dong/${campaignId}`);
  await collector1.getByRole('tab', { name: 'Sổ ghi' }).click();
  const wrong = collector1.locator('.ant-table-row').filter({ hasText: m2!.fullName }).filter({ hasText: '3.000.000' });
  await wrong.getByRole('button', { name: 'Đảo bút toán' }).click();
  const reverse = collector1.getByRole('dialog', { name: 'Đảo khoản ghi sai' });
  await reverse.getByLabel('Lý do').fill('Ghi nhầm 3.000.000, đúng là 300.000');
  await reverse.getByRole('button', { name: 'Đảo bút toán' }).click();
  await expect(collector1.getByText('Đã ghi bút toán đảo')).toBeVisible();
  await expect(collector1.locator('.ant-table-row').filter({ hasText: '-3.000.000' })).toHaveCount(1);
  await shot(collector1, 'desktop-campaign-ledger');
  await collector1.goto(`/van-dong/${campaignId}/ghi-nhan`);
  await collector1.getByLabel('Đoàn viên 1', { exact: true }).click();
  await typeRow(collector1, 1, m2!.fullName, '300k');
  await collector1.keyboard.press('Control+s');
  await expect(collector1.getByText('Đã ghi 1 khoản, 300.000 đ')).toBeVisible();

  // The officer sees the corrected totals per unit.
  await officer.reload();
  await expect(officer.getByText('Một triệu đồng', { exact: true })).toBeVisible();
  const units = officer.locator('.ant-table-row');
  await expect(units.filter({ hasText: 'Tổ công đoàn số 1' })).toContainText('800.000');
  await expect(units.filter({ hasText: 'Tổ công đoàn số 3' })).toContainText('200.000');
  await shot(officer, 'desktop-campaign');

  // 5. The member sees their contribution, confirms it and gets the receipt.
  const member = await pageAs(browser, 'canbo');
  await member.goto('/van-dong/cua-toi');
  const mine = member.locator('.ant-table-row').filter({ hasText: TITLE });
  await expect(mine).toContainText('200.000 đ');
  await mine.getByRole('button', { name: 'Xác nhận' }).click();
  await expect(mine.getByText('Đã xác nhận')).toBeVisible();
  const receiptHref = await mine.getByRole('link', { name: /Biên nhận/ }).getAttribute('href');
  const receipt = await member.request.get(receiptHref!);
  expect(receipt.status()).toBe(200);
  expect(receipt.headers()['content-type']).toBe('application/pdf');
  expect((await receipt.body()).subarray(0, 5).toString()).toBe('%PDF-');
  await shot(member, 'desktop-my-contributions');

  // 6. The public page, without signing in: the total, per-unit totals, no names.
  const anon = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN' });
  const pub = await anon.newPage();
  await pub.goto(`/cong-khai/van-dong/${campaignId}`);
  await expect(pub.getByTestId('public-title')).toHaveText(TITLE);
  await expect(pub.getByTestId('public-total')).toHaveText('1.000.000 đồng');
  await expect(pub.getByTestId('public-words')).toHaveText('Một triệu đồng');
  await expect(pub.locator('.ant-table-row').filter({ hasText: 'Tổ công đoàn số 1' })).toContainText('800.000');
  await expect(pub.locator('.ant-table-row').filter({ hasText: 'Tổ công đoàn số 3' })).toContainText('200.000');
  await expect(pub.getByText('Đơn vị tổ chức không công khai danh sách người ủng hộ.')).toBeVisible();
  for (const name of [m1!.fullName, m2!.fullName, 'Đặng Quang Huy']) await expect(pub.getByText(name)).toHaveCount(0);
  await shot(pub, 'desktop-campaign-public');

  // 7. The same pages on a 375 px phone.
  const phone = await anon.newPage();
  await phone.setViewportSize({ width: 375, height: 812 });
  await phone.goto(`/cong-khai/van-dong/${campaignId}`);
  await expect(phone.getByTestId('public-total')).toHaveText('1.000.000 đồng');
  await expectNoHorizontalOverflow(phone);
  await shot(phone, 'phone-campaign-public');
  const phoneOfficer = await pageAs(browser, 'congdoan', 375);
  await phoneOfficer.goto(`/van-dong/${campaignId}`);
  await expect(phoneOfficer.getByTestId('campaign-title')).toContainText(TITLE);
  await expectNoHorizontalOverflow(phoneOfficer);
  await shot(phoneOfficer, 'phone-campaign');
  const phoneCollector = await pageAs(browser, 'todoi1', 375);
  await phoneCollector.goto(`/van-dong/${campaignId}/ghi-nhan`);
  await expect(phoneCollector.getByLabel('Đoàn viên 1', { exact: true })).toBeVisible();
  await expectNoHorizontalOverflow(phoneCollector);
  await shot(phoneCollector, 'phone-campaign-entry');
  const phoneMember = await pageAs(browser, 'canbo', 375);
  await phoneMember.goto('/van-dong/cua-toi');
  await expect(phoneMember.locator('.ant-table-row').filter({ hasText: TITLE })).toBeVisible();
  await expectNoHorizontalOverflow(phoneMember);
  await shot(phoneMember, 'phone-my-contributions');
});
