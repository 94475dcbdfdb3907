/**
 * Issue 5, the first half of the journey: the Party secretary and Director (bithu) opens the
 * dashboard from the menu — it opens on the department (his own unit) for the current quarter —,
 * clicks the overdue count and lands on the list of exactly those tasks (/cong-viec, unit view,
 * overdue, due in the quarter). Then a specialist (canbo) opens his rating of the last quarter and
 * sees the numbers behind it. The same dashboard at phone width. (The reports journey is
 * reports.spec.ts.)
 */
import { expect, test } from '@playwright/test';
import { apiSignIn, expectNoHorizontalOverflow, settled, shot, signIn } from './support';

const DEPT = 'Sở Thông tin và Truyền thông Hà Nội';

test('a leader opens the dashboard of the department, clicks the overdue count and lands on those tasks', async ({ page, playwright }) => {
  // What the server counts, to compare with what the pages show.
  const api = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  await apiSignIn(api, 'bithu');
  const d = (await (await api.get('/api/v1/dashboard')).json()) as {
    org: { id: string; name: string };
    from: string;
    to: string;
    tasks: { overdue: number; total: number };
  };
  expect(d.org.name).toBe(DEPT);
  expect(d.tasks.overdue, 'the demo department has overdue tasks this quarter').toBeGreaterThan(0);

  await signIn(page, 'bithu');
  await page.getByRole('menu').getByText('Bảng điều hành', { exact: true }).click();
  await expect(page.getByRole('heading', { name: `Bảng điều hành — ${DEPT}` })).toBeVisible();
  await settled(page);
  const overdue = page.getByTestId('kpi-overdue');
  await expect(overdue).toContainText('Quá hạn chưa hoàn thành');
  await expect(overdue).toContainText(String(d.tasks.overdue));
  await expect(page.getByTestId('kpi-total')).toContainText(String(d.tasks.total));
  await expect(page.getByText('Xếp hạng đơn vị trực thuộc')).toBeVisible();
  await shot(page, 'dashboard-department');

  await overdue.click();
  await expect(page).toHaveURL(/\/cong-viec\?/);
  const url = new URL(page.url());
  expect(Object.fromEntries(url.searchParams)).toEqual({
    view: 'unit',
    orgId: d.org.id,
    deadlineFrom: d.from,
    deadlineTo: d.to,
    outcome: 'open_overdue',
  });
  await settled(page);
  await expect(page.getByText(`Tổng số ${d.tasks.overdue}`)).toBeVisible();
  await expect(page.getByTestId('task-link')).toHaveCount(Math.min(d.tasks.overdue, 20));
  await shot(page, 'dashboard-overdue-tasks');
  await api.dispose();
});

test('a specialist sees every number behind his rating of the last quarter', async ({ page }) => {
  await signIn(page, 'canbo');
  await page.getByRole('menu').getByText('Đánh giá, xếp loại', { exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Đánh giá, xếp loại của tôi' })).toBeVisible();
  await settled(page);
  // The demo approved the last quarter for everyone in the divisions.
  await page.getByRole('row').filter({ hasText: 'Đã phê duyệt' }).getByRole('link').first().click();
  await expect(page.getByText('Điểm kết quả thực hiện nhiệm vụ (70 điểm)')).toBeVisible();
  await expect(page.getByTestId('eval-total')).toHaveText(/^\d+(,\d+)?$/);
  await expect(page.getByText('Đã phê duyệt', { exact: true })).toBeVisible();
  await shot(page, 'evaluation-mine');
});

test.describe('at phone width', () => {
  test.use({ viewport: { width: 375, height: 800 } });
  test('the dashboard fits the screen', async ({ page }) => {
    await signIn(page, 'bithu');
    await page.goto('/bang-dieu-hanh');
    await expect(page.getByRole('heading', { name: `Bảng điều hành — ${DEPT}` })).toBeVisible();
    await settled(page);
    await expectNoHorizontalOverflow(page);
    await shot(page, 'dashboard-phone');
  });
});
