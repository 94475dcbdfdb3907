/**
 * The system administrator reads the audit log (a person's creation with its recorded fields)
 * and switches the interface to English and back; the choice is remembered for the account.
 */
import { expect, test } from '@playwright/test';
import { apiSignIn, orgIdByCode, shot, signIn } from './support';

test('quantri sees a person creation in the audit log and switches the language', async ({ page, request }) => {
  // A person created by the administrator through the API (the CSRF step as a script does it).
  const csrf = await apiSignIn(request, 'quantri');
  const orgId = await orgIdByCode(request, 'STTTT-CNTT');
  const created = await request.post('/api/v1/people', {
    headers: { 'x-csrf-token': csrf },
    data: {
      fullName: 'Lê Thị Thu Trang',
      position: 'Chuyên viên',
      categories: ['civil_servant'],
      membership: { orgId, title: 'Chuyên viên' },
    },
  });
  expect(created.status(), await created.text()).toBe(200);
  const person = (await created.json()) as { id: string };

  await signIn(page, 'quantri');
  await page.getByRole('menu').getByText('Nhật ký', { exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Nhật ký hệ thống' })).toBeVisible();
  await page.getByRole('searchbox', { name: 'Hành động' }).fill('person.create');
  await page.getByRole('searchbox', { name: 'Hành động' }).press('Enter');
  await expect(page).toHaveURL(/action=person\.create/);
  const row = page.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: 'person.create' }).first();
  await expect(row).toBeVisible();
  // Newest first: the creation above is the first row; its details show the recorded name.
  await row.locator('.ant-table-row-expand-icon').click();
  await expect(page.getByText('Lê Thị Thu Trang', { exact: true })).toBeVisible();
  // The record of that person only, through the link of its id.
  await page.goto(`/nhat-ky?entityId=${person.id}`);
  const only = page.locator('.ant-table-tbody tr.ant-table-row');
  await expect(only).toHaveCount(1);
  await only.first().locator('.ant-table-row-expand-icon').click();
  await expect(page.getByText('Lê Thị Thu Trang', { exact: true })).toBeVisible();
  await shot(page, 'desktop-audit');

  // English, remembered after a reload (saved on the account), then Vietnamese again.
  await page.getByTestId('language-switch').getByText('EN', { exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Audit log' })).toBeVisible();
  await expect(page.getByRole('menu').getByText('Organisation', { exact: true })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Audit log' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await page.getByTestId('language-switch').getByText('VI', { exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Nhật ký hệ thống' })).toBeVisible();
  await expect(page.getByRole('menu').getByText('Tổ chức', { exact: true })).toBeVisible();

  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await expect(page).toHaveURL(/\/dang-nhap$/);
});
