/**
 * Issue 4, violations: the inspector (kiemtra) opens a case from the shirking signals of a bounced
 * task, tags NT-03, verifies, concludes it as a violation and decides a khiển trách for a Party
 * member; the sanction appears on the member's discipline track; a member of another unit asking
 * for the case gets 404.
 */
import { expect, request as playwrightRequest, test } from '@playwright/test';
import { apiSignIn, orgIdByCode, settled, shot, signIn } from './support';

const SUBJECT = 'Đặng Quang Huy';

test('kiemtra opens a case from a bounced task, tags NT-03, concludes with khiển trách; the track shows it; another unit gets 404', async ({
  page,
  baseURL,
}) => {
  await signIn(page, 'kiemtra');
  // A task of the department that bounced between units (its signals are the evidence).
  const so = await orgIdByCode(page.request, 'STTTT');
  const bounced = (await (
    await page.request.get('/api/v1/tasks', { params: { view: 'unit', orgId: so, signal: 'bounce', pageSize: 5 } })
  ).json()) as { items: { id: string; title: string }[] };
  expect(bounced.items.length).toBeGreaterThan(0);
  const task = bounced.items[0]!;

  await page.goto(`/vi-pham?new=1&taskId=${task.id}`);
  const dialog = page.getByRole('dialog', { name: 'Tiếp nhận vụ việc' });
  await expect(dialog.getByText('Vụ việc sẽ trích dẫn nhiệm vụ và các dấu hiệu của nhiệm vụ này.')).toBeVisible();
  // The title comes from the task once it has loaded.
  await expect(dialog.getByLabel('Tiêu đề')).not.toHaveValue('');
  // The subject: a Party member of the unit the task bounced from.
  await dialog.getByRole('combobox', { name: 'Cá nhân' }).fill('Dang Quang Huy');
  await page.locator('.ant-select-item-option').filter({ hasText: SUBJECT }).first().click();
  await dialog.getByLabel('Biểu hiện vi phạm').fill('NT-03');
  await page.locator('.ant-select-item-option').filter({ hasText: 'NT-03' }).first().click();
  await dialog.getByLabel('Tiêu đề').click(); // closes the item list
  await shot(page, 'desktop-case-create');
  await dialog.getByRole('button', { name: 'Tiếp nhận' }).click();
  await expect(page).toHaveURL(/\/vi-pham\/[0-9a-f-]{36}$/);
  const caseId = page.url().split('/').pop()!;
  await expect(page.getByText('NT-03').first()).toBeVisible();

  // Verification, then the conclusion (a violation, minor), then the sanction.
  await page.getByTestId('case-action-start_verification').click();
  await page.getByRole('dialog').getByRole('button', { name: 'Xác minh' }).click();
  await expect(page.getByTestId('case-action-conclude')).toBeVisible();
  await page.getByTestId('case-action-conclude').click();
  const conclude = page.getByRole('dialog');
  await conclude.getByLabel('Mức độ vi phạm').click();
  await page
    .locator('.ant-select-item-option')
    .filter({ hasText: /^Ít nghiêm trọng$/ })
    .click();
  const violationDate = conclude.getByLabel('Ngày vi phạm');
  if ((await violationDate.inputValue()) === '') {
    await violationDate.click();
    await page
      .locator('.ant-picker-dropdown:visible .ant-picker-today-btn, .ant-picker-dropdown:visible .ant-picker-cell-today')
      .first()
      .click();
  }
  await conclude.getByRole('button', { name: 'Kết luận' }).click();
  await expect(page.getByTestId('case-action-decide_sanction')).toBeVisible();
  await page.getByTestId('case-action-decide_sanction').click();
  const decide = page.getByRole('dialog');
  await decide.getByLabel('Hình thức kỷ luật').first().click();
  await page
    .locator('.ant-select-item-option')
    .filter({ hasText: /^Khiển trách$/ })
    .first()
    .click();
  await decide.getByRole('button', { name: 'Quyết định kỷ luật' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await settled(page);
  await shot(page, 'desktop-case-sanctioned');

  // The member's discipline track (Party side) shows the khiển trách.
  const detail = (await (await page.request.get(`/api/v1/cases/${caseId}`)).json()) as { subject: { personId: string | null } };
  const personId = detail.subject.personId!;
  await page.goto(`/can-bo/${personId}/ky-luat`);
  await expect(page.getByText('Khiển trách').first()).toBeVisible();
  await shot(page, 'desktop-discipline-track');

  // A member of another unit (the union chair, Kế hoạch - Tài chính) cannot see the case.
  const other = await playwrightRequest.newContext({ baseURL: baseURL! });
  await apiSignIn(other, 'congdoan');
  expect((await other.get(`/api/v1/cases/${caseId}`)).status()).toBe(404);
  await other.dispose();
});
