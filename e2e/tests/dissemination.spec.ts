/**
 * Issue 4, dissemination: the Party secretary (bithu) schedules a conference of the Đảng ủy for
 * 24-CT/TU for all its Party members, with a one-question quiz; a member (chibo1) checks in on a
 * phone by opening the QR link; the conference is closed and the absent member (congdoan) gets a
 * catch-up task, reads the directive, passes the quiz — the task completes and coverage of the
 * Đảng ủy reaches 100%. (The members of the article's conference of 14/9/2023 acknowledged then;
 * chibo1 and congdoan joined later, and anyone added since is checked in by the secretary.) Along
 * the way the secretary attaches the outline before the conference and the minutes after it, lowers
 * the quiz's pass mark, and is refused a change of the right answer once the absentee has taken
 * the quiz; members read the conference and download its files on a phone.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { PASSWORD, expectNoHorizontalOverflow, orgIdByCode, shot, signIn } from './support';

const ORG_NAME = 'Đảng ủy cơ quan Sở Thông tin và Truyền thông Hà Nội';
const QUESTION = 'Chỉ thị 24-CT/TU yêu cầu thay đổi căn bản điều gì?';
const RIGHT = 'Từ nhận thức đến hành động';
const OUTLINE = 'de-cuong-quan-triet-24-CT-TU.pdf';
const MINUTES = 'bien-ban-hoi-nghi-quan-triet.pdf';
const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`);
// A 1×1 PNG (uploads are checked against their extension).
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

async function phone(browser: Browser): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 375, height: 812 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  return ctx.newPage();
}

test('bithu schedules a conference on 24-CT/TU; a member checks in by QR; the absentee catches up by the quiz; coverage reaches 100%', async ({
  page,
  browser,
}) => {
  // A long journey with three people; the machine running the suite may be busy.
  test.setTimeout(600_000);
  await signIn(page, 'bithu');
  await page.getByRole('menu').getByText('Quán triệt văn bản', { exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Hội nghị quán triệt' })).toBeVisible();
  // The article's conference of 14/9/2023 is there, closed.
  await expect(page.getByRole('link', { name: 'Hội nghị quán triệt Chỉ thị số 24-CT/TU của Ban Thường vụ Thành ủy' })).toBeVisible();
  await shot(page, 'desktop-conferences');

  // Schedule: the directive, the Đảng ủy, all Party members, in person, with a one-question quiz.
  await page.getByRole('button', { name: 'Lên lịch hội nghị' }).click();
  const dialog = page.getByRole('dialog', { name: 'Lên lịch hội nghị quán triệt' });
  await dialog.getByLabel('Văn bản quán triệt').fill('24-CT');
  // The directive itself (its implementing plan 31-KH/ĐU names it in its title too).
  await page
    .locator('.ant-select-item-option')
    .filter({ hasText: /^24-CT\/TU — / })
    .first()
    .click();
  await dialog.getByLabel('Đơn vị tổ chức').fill('Đảng ủy cơ quan');
  await page.locator('.ant-select-tree-node-content-wrapper').filter({ hasText: ORG_NAME }).first().click();
  await expect(dialog.getByLabel('Toàn thể đảng viên')).toBeChecked();
  await dialog.getByLabel('Tên hội nghị (để trống: tự đặt theo văn bản)').fill('Hội nghị quán triệt bổ sung Chỉ thị 24-CT/TU');
  await dialog.getByLabel('Địa điểm').fill('Phòng họp tầng 2, 185 Giảng Võ');
  await dialog.getByLabel('Chủ trì').fill('Đồng chí Nguyễn Thanh Bình, Bí thư Đảng ủy');
  await dialog.getByLabel('Bài kiểm tra cho người nghiên cứu bù').click();
  await dialog.getByPlaceholder('Câu hỏi').fill(QUESTION);
  await dialog.getByPlaceholder('Phương án A').fill(RIGHT);
  await dialog.getByPlaceholder('Phương án B').fill('Chỉ tăng số cuộc họp');
  await shot(page, 'desktop-conference-create');
  await dialog.getByRole('button', { name: 'Lên lịch' }).click();

  await expect(page.getByRole('heading', { name: 'Hội nghị quán triệt bổ sung Chỉ thị 24-CT/TU' })).toBeVisible();
  await expect(page).toHaveURL(/\/quan-triet\/[0-9a-f-]{36}$/);
  const conferenceId = page.url().split('/').pop()!;
  await expect(page.getByText('Quét để điểm danh')).toBeVisible();
  await expect(page.locator('canvas, svg').first()).toBeVisible();

  // The secretary checks in, from the list, anyone not yet acknowledged other than the two members.
  const list = page.locator('.ant-card').filter({ hasText: 'Danh sách dự kiến' });
  await list.locator('.ant-segmented').getByText('Chưa quán triệt', { exact: true }).click();
  const rows = list.locator('.ant-table-tbody tr.ant-table-row');
  await expect(rows.filter({ hasText: 'Phạm Thị Hồng Nhung' })).toHaveCount(1);
  const others = rows
    .filter({ hasNotText: 'Phạm Thị Hồng Nhung' })
    .filter({ hasNotText: 'Vũ Thị Lan Anh' })
    .getByRole('button', { name: /^Điểm danh/ });
  for (const label of await others.evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-label') ?? ''))) {
    await list.getByRole('button', { name: label, exact: true }).click();
    await expect(list.getByRole('button', { name: label, exact: true })).toHaveCount(0);
  }
  await expect(rows).toHaveCount(2);

  // Before the conference: the outline as material, and a lower pass mark for the quiz.
  const materials = page.getByRole('region', { name: 'Tài liệu' });
  await materials.locator('input[type=file]').setInputFiles({ name: OUTLINE, mimeType: 'application/pdf', buffer: pdf('Đề cương') });
  await materials.getByRole('button', { name: /Đính kèm 1 tệp vào tài liệu$/ }).click();
  await expect(materials.getByRole('link', { name: OUTLINE })).toBeVisible();
  await page.getByRole('button', { name: 'Sửa bài kiểm tra' }).click();
  const quizDialog = page.getByRole('dialog', { name: 'Bài kiểm tra của hội nghị' });
  await expect(quizDialog.getByPlaceholder('Câu hỏi')).toHaveValue(QUESTION);
  await quizDialog.getByLabel('Điểm đạt (% số câu đúng)').fill('60');
  await shot(page, 'desktop-quiz-edit');
  await quizDialog.getByRole('button', { name: /Lưu bài kiểm tra$/ }).click();
  await expect(quizDialog).toHaveCount(0);
  await expect(page.getByText('1 câu, đạt từ 60%')).toBeVisible();
  await shot(page, 'desktop-conference');

  // The QR code holds the address of the check-in page: a phone opens it, signs in, is checked in.
  const token = (await (await page.request.get(`/api/v1/conferences/${conferenceId}/checkin-token`)).json()) as { path: string };
  const member = await phone(browser);
  await member.goto(token.path);
  await expect(member).toHaveURL(/\/dang-nhap\?next=/);
  await member.getByLabel('Tên đăng nhập').fill('chibo1');
  await member.getByLabel('Mật khẩu', { exact: true }).fill(PASSWORD);
  await member.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(member.getByText('Điểm danh thành công')).toBeVisible();
  await expectNoHorizontalOverflow(member);
  await shot(member, 'phone-checkin');
  // A forged code is refused plainly.
  await member.goto(`${token.path.slice(0, -1)}${token.path.endsWith('0') ? '1' : '0'}`);
  await expect(member.getByText('Mã điểm danh không hợp lệ')).toBeVisible();
  // The member reads the conference on the phone and downloads the outline.
  await member.goto('/quan-triet');
  await expect(member.getByRole('link', { name: 'Hội nghị quán triệt bổ sung Chỉ thị 24-CT/TU' })).toBeVisible();
  await expectNoHorizontalOverflow(member);
  await shot(member, 'phone-conferences');
  // The scheduling form with its quiz fits the phone too (chibo1 leads a cell).
  await member.getByRole('button', { name: 'Lên lịch hội nghị' }).click();
  const phoneDialog = member.getByRole('dialog', { name: 'Lên lịch hội nghị quán triệt' });
  await phoneDialog.getByLabel('Bài kiểm tra cho người nghiên cứu bù').click();
  await expect(phoneDialog.getByPlaceholder('Phương án B')).toBeVisible();
  await expectNoHorizontalOverflow(member);
  await shot(member, 'phone-conference-create');
  await phoneDialog.getByRole('button', { name: 'Hủy' }).click();
  await member.getByRole('link', { name: 'Hội nghị quán triệt bổ sung Chỉ thị 24-CT/TU' }).click();
  await expect(member.getByRole('heading', { name: 'Hội nghị quán triệt bổ sung Chỉ thị 24-CT/TU' })).toBeVisible();
  const outline = member.getByRole('region', { name: 'Tài liệu' }).getByRole('link', { name: OUTLINE });
  await expect(outline).toBeVisible();
  const download = await member.request.get((await outline.getAttribute('href'))!);
  expect(download.status()).toBe(200);
  expect((await download.body()).toString()).toContain('Đề cương');
  await expect(member.getByRole('button', { name: 'Sửa bài kiểm tra' })).toHaveCount(0);
  await expect(member.locator('input[type=file]')).toHaveCount(0);
  await expectNoHorizontalOverflow(member);
  await shot(member, 'phone-conference-member');
  await member.context().close();

  // Live attendance on the secretary's screen (refreshed without reloading).
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Vũ Thị Lan Anh');
  await list.locator('.ant-segmented').getByText('Có mặt', { exact: true }).click();
  await expect(rows.filter({ hasText: 'Phạm Thị Hồng Nhung' })).toContainText('Quét QR');

  // Closing: the absentee gets a catch-up task.
  await page.getByRole('button', { name: 'Kết thúc hội nghị' }).click();
  await page.getByRole('button', { name: 'Kết thúc', exact: true }).click();
  await expect(page.getByText('giao 1 nhiệm vụ học bù')).toBeVisible();

  // After it: the minutes file.
  const minutes = page.getByRole('region', { name: 'Biên bản' });
  await minutes.locator('input[type=file]').setInputFiles({ name: MINUTES, mimeType: 'application/pdf', buffer: pdf('Biên bản') });
  await minutes.getByRole('button', { name: /Đính kèm 1 tệp vào biên bản$/ }).click();
  await expect(minutes.getByRole('link', { name: MINUTES })).toBeVisible();
  // A photo shows as a thumbnail; one put on by mistake is removed.
  const photos = page.getByRole('region', { name: 'Hình ảnh' });
  await photos.locator('input[type=file]').setInputFiles({ name: 'hoi-nghi.png', mimeType: 'image/png', buffer: PNG });
  await photos.getByRole('button', { name: /Đính kèm 1 tệp vào hình ảnh$/ }).click();
  await expect(photos.getByRole('img', { name: 'hoi-nghi.png' })).toBeVisible();
  await photos.getByRole('button', { name: 'Gỡ hoi-nghi.png' }).click();
  await page.getByRole('button', { name: 'Gỡ', exact: true }).click();
  await expect(photos.getByText('Chưa có hình ảnh')).toBeVisible();

  // The secretary starts changing the right answer while the absentee takes the quiz (below).
  await page.getByRole('button', { name: 'Sửa bài kiểm tra' }).click();
  await quizDialog.getByLabel('Đáp án đúng của câu 1').click();
  await page.locator('.ant-select-item-option').filter({ hasText: 'Phương án B' }).click();

  // The absent member reads the directive and passes the quiz (phone).
  const absentee = await phone(browser);
  await signIn(absentee, 'congdoan');
  await absentee.goto('/quan-triet/cua-toi');
  const card = absentee.locator('.ant-card').filter({ hasText: 'Hội nghị quán triệt bổ sung' });
  await expect(card.getByText(/Nhiệm vụ học bù, hạn/)).toBeVisible();
  const taskHref = await card.getByRole('link', { name: 'Xem nhiệm vụ' }).getAttribute('href');
  await card.getByText(/Bài kiểm tra \(1 câu, đạt từ 60%\)/).click();
  await card.getByRole('radio', { name: RIGHT }).check();
  await expectNoHorizontalOverflow(absentee);
  await shot(absentee, 'phone-my-acknowledgements');
  await card.getByRole('button', { name: 'Nộp bài' }).click();
  await absentee.getByText('Đã quán triệt', { exact: true }).first().click();
  await expect(
    absentee.locator('.ant-card').filter({ hasText: 'Hội nghị quán triệt bổ sung' }).getByText('Nghiên cứu văn bản và đạt bài kiểm tra'),
  ).toBeVisible();
  const taskId = taskHref!.split('/').pop()!;
  const task = (await (await absentee.request.get(`/api/v1/tasks/${taskId}`)).json()) as { status: string; title: string };
  expect(task.title).toContain('học bù');
  expect(task.status).toBe('done');
  await absentee.context().close();

  // Someone has taken the quiz: the secretary's change of the answer is refused under the questions.
  await quizDialog.getByRole('button', { name: /Lưu bài kiểm tra$/ }).click();
  await expect(quizDialog.getByText(/chỉ sửa được điểm đạt, không sửa được câu hỏi/)).toBeVisible();
  await quizDialog.getByRole('button', { name: 'Hủy' }).click();
  await page.getByRole('button', { name: 'Sửa bài kiểm tra' }).click();
  await expect(quizDialog.getByText(/Đã có người làm bài kiểm tra: chỉ sửa được điểm đạt/)).toBeVisible();
  await expect(quizDialog.getByPlaceholder('Câu hỏi')).toBeDisabled();
  // Reopened from what is stored: the refused answer is gone.
  await expect(quizDialog.getByText('Phương án A', { exact: true })).toBeVisible();
  await expect(quizDialog.getByText('Phương án B', { exact: true })).toHaveCount(0);
  await quizDialog.getByRole('button', { name: 'Hủy' }).click();

  // The conference page on a phone: nothing cut, nothing wider than the screen.
  await page.setViewportSize({ width: 375, height: 812 });
  await expect(page.getByRole('region', { name: 'Biên bản' }).getByRole('link', { name: MINUTES })).toBeVisible();
  await expectNoHorizontalOverflow(page);
  await shot(page, 'phone-conference');
  await page.getByRole('button', { name: 'Sửa bài kiểm tra' }).click();
  await expect(quizDialog.getByPlaceholder('Câu hỏi')).toBeDisabled();
  await expectNoHorizontalOverflow(page);
  await shot(page, 'phone-quiz-edit');
  await quizDialog.getByRole('button', { name: 'Hủy' }).click();
  await page.setViewportSize({ width: 1366, height: 900 });

  // Coverage of the Đảng ủy: 100%.
  const orgId = await orgIdByCode(page.request, 'DU-STTTT');
  const documentId = ((await (await page.request.get(`/api/v1/conferences/${conferenceId}`)).json()) as { documentId: string }).documentId;
  await page.goto(`/quan-triet/ket-qua?documentId=${documentId}&orgId=${orgId}`);
  await expect(page.getByText('100% được quán triệt')).toBeVisible();
  await expect(page.locator('.ant-card').filter({ hasText: 'Chưa quán triệt (0)' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Chi bộ Văn phòng' })).toBeVisible();
  await shot(page, 'desktop-coverage');
  const xlsx = await page.request.get(`/api/v1/documents/${documentId}/coverage.xlsx?orgId=${orgId}`);
  expect(xlsx.status()).toBe(200);
  expect(xlsx.headers()['content-type']).toContain('spreadsheetml');

  await page.setViewportSize({ width: 375, height: 812 });
  await page.reload();
  await expect(page.getByText('100% được quán triệt')).toBeVisible();
  await expectNoHorizontalOverflow(page);
  await shot(page, 'phone-coverage');
});
