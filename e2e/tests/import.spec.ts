/**
 * The import wizard in the browser: a people file with one valid row and one row outside the
 * chi bộ gets a row-by-row report; only the valid row is imported, and the person is then found.
 */
import { expect, test } from '@playwright/test';
import { settled, shot, signIn } from './support';

const CSV = [
  'Họ và tên,Email,Chức vụ,Đối tượng,Mã đơn vị,Chức danh,Đơn vị chính',
  'Trần Thị Mai,mai.tt@example.vn,Chuyên viên,Đảng viên chính thức,CB-VP,Đảng viên,Có',
  'Hoàng Văn Nam,,Chuyên viên,,CB-BCVT,Đảng viên,',
].join('\n');

test('chibo1 imports the valid rows of a people file after reading the report', async ({ page }) => {
  await signIn(page, 'chibo1');
  await page.getByRole('menu').getByText('Nhập dữ liệu', { exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Nhập dữ liệu' })).toBeVisible();
  await page
    .locator('input[type=file]')
    .setInputFiles({ name: 'can-bo.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${CSV}\n`, 'utf8') });

  await expect(page.getByText('can-bo.csv — 2 dòng: 1 hợp lệ, 1 có lỗi')).toBeVisible();
  const rows = page.locator('.ant-table-tbody tr.ant-table-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('Hợp lệ');
  await expect(rows.nth(1)).toContainText('Có lỗi');
  await expect(rows.nth(1)).toContainText('Mã đơn vị');
  // Nothing is written while a row is wrong, unless the user asks for the valid rows only.
  await expect(page.getByRole('button', { name: 'Nhập toàn bộ' })).toBeDisabled();
  await shot(page, 'desktop-import-report');

  await page.getByRole('button', { name: 'Chỉ nhập các dòng hợp lệ (1)' }).click();
  await page.getByRole('button', { name: 'Xác nhận' }).click();
  await expect(page.getByText('Đã nhập 1 dòng')).toBeVisible();

  await page.goto('/can-bo?q=tran+thi+mai');
  await settled(page);
  await expect(page.locator('.ant-table-tbody tr.ant-table-row')).toHaveCount(1);
  await expect(page.getByRole('link', { name: 'Trần Thị Mai' })).toBeVisible();
  await page.goto('/can-bo?q=hoang+van+nam');
  await settled(page);
  await expect(page.getByText('Không có cán bộ phù hợp')).toBeVisible();
});
