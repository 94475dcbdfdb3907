/**
 * Issue 5, official reports: the Party secretary and Director (bithu) drafts the quarterly report on
 * Directive 24-CT/TU for the department from live data, edits a section, creates it (a background
 * job with progress) and downloads the DOCX (State format: the department is a State body), the PDF
 * and the XLSX annex — each non-empty and of its type. Then the same page at phone width.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { expectNoHorizontalOverflow, settled, shot, signIn } from './support';

const DEPT = 'Sở Thông tin và Truyền thông Hà Nội';
const SHOTS = '/tmp/shots-h5';

async function pickDepartment(page: Page) {
  await page.locator('#report-org').fill('Sở Thông tin');
  await page.locator('.ant-select-tree-node-content-wrapper').filter({ hasText: DEPT }).first().click();
}

async function download(page: Page, format: string): Promise<Buffer> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page
      .getByTestId('report-progress')
      .getByRole('link', { name: `Tải ${format}` })
      .click(),
  ]);
  const p = await file.path();
  expect(file.suggestedFilename()).toMatch(new RegExp(`\\.${format.toLowerCase()}$`));
  return fs.readFileSync(p);
}

test('bithu drafts the quarterly 24-CT/TU report of the department, creates it and downloads DOCX, PDF and XLSX', async ({
  page,
  browser,
}) => {
  test.setTimeout(600_000);
  fs.mkdirSync(SHOTS, { recursive: true });
  await signIn(page, 'bithu');
  await page.getByRole('menu').getByText('Báo cáo', { exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Báo cáo' })).toBeVisible();
  await pickDepartment(page);
  await page.getByRole('button', { name: 'Lập dự thảo' }).click();

  // The draft: State format (a department), the directive's subject, sections written from the figures.
  await expect(page.getByText('Thể thức văn bản hành chính (Nghị định 30/2020/NĐ-CP)')).toBeVisible();
  await expect(page.getByText(/BÁO CÁO Kết quả thực hiện Chỉ thị số 24-CT\/TU/)).toBeVisible();
  const tasksSection = page.locator('#section-tasks');
  await expect(tasksSection).toHaveValue(new RegExp(`${DEPT} (được theo dõi \\d+ nhiệm vụ|không có nhiệm vụ)`));
  await expect(page.getByText('Biểu 1. Kết quả thực hiện nhiệm vụ theo phân loại')).toBeVisible();
  await page.locator('#report-superior').fill('Ủy ban nhân dân Thành phố Hà Nội');
  await page
    .locator('#section-assessment')
    .fill('Ưu điểm: các phòng cập nhật tiến độ đều đặn. Hạn chế: còn nhiệm vụ quá hạn, cần đôn đốc.');
  await settled(page);
  await page.screenshot({ path: path.join(SHOTS, 'reports-draft-desktop.png'), fullPage: true });
  await shot(page, 'desktop-report-draft');

  // Create: the job runs in the background; the page follows its progress until the files are ready.
  await page.getByRole('button', { name: 'Tạo báo cáo' }).click();
  await expect(page.getByTestId('report-progress').getByText('Đã tạo xong')).toBeVisible({ timeout: 120_000 });
  const docx = await download(page, 'DOCX');
  const pdf = await download(page, 'PDF');
  const xlsx = await download(page, 'XLSX');
  expect(docx.length).toBeGreaterThan(1000);
  expect(docx.subarray(0, 2).toString('latin1')).toBe('PK');
  expect(docx.includes(Buffer.from('word/document.xml'))).toBe(true);
  expect(pdf.length).toBeGreaterThan(1000);
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(xlsx.length).toBeGreaterThan(1000);
  expect(xlsx.subarray(0, 2).toString('latin1')).toBe('PK');
  expect(xlsx.includes(Buffer.from('xl/workbook.xml'))).toBe(true);
  fs.writeFileSync(path.join(SHOTS, 'report.docx'), docx);
  fs.writeFileSync(path.join(SHOTS, 'report.pdf'), pdf);

  // The report is in the history with its three files.
  const history = page.locator('.ant-card').filter({ hasText: 'Các báo cáo đã tạo' });
  await expect(history.getByText(/Báo cáo kết quả thực hiện Chỉ thị số 24-CT\/TU quý/).first()).toBeVisible();
  await expect(history.getByRole('link', { name: 'Tải PDF' }).first()).toBeVisible();
  await page.screenshot({ path: path.join(SHOTS, 'reports-done-desktop.png'), fullPage: true });

  // Phone width: the same page, nothing wider than the screen.
  const ctx = await browser.newContext({ viewport: { width: 375, height: 812 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  const phone = await ctx.newPage();
  await signIn(phone, 'bithu');
  await phone.goto('/bao-cao');
  await pickDepartment(phone);
  await phone.getByRole('button', { name: 'Lập dự thảo' }).click();
  await expect(phone.locator('#section-tasks')).toBeVisible();
  await settled(phone);
  await expectNoHorizontalOverflow(phone);
  await phone.screenshot({ path: path.join(SHOTS, 'reports-draft-phone.png'), fullPage: true });
  await ctx.close();
});
