/**
 * Issue 2, item 13: the secretary of one chi bộ (chibo1) adds a person to their chi bộ, finds
 * them with a search typed without diacritics, cannot open an org outside the chi bộ, and signs
 * out; the same pages are then used at phone width.
 */
import { expect, test } from '@playwright/test';
import { apiSignIn, expectNoHorizontalOverflow, orgIdByCode, settled, shot, signIn } from './support';

const NEW_PERSON = 'Nguyễn Thị Hường';

test('chibo1 adds a person to the chi bộ, finds them without diacritics, cannot open another org, signs out', async ({ page, request }) => {
  await page.goto('/dang-nhap');
  await expect(page.getByRole('button', { name: 'Đăng nhập' })).toBeVisible();
  await shot(page, 'desktop-login');

  await signIn(page, 'chibo1');
  await expect(page.getByRole('heading', { name: 'Xin chào, Phạm Thị Hồng Nhung' })).toBeVisible();
  // The menu shows what a unit administrator may use, not the system settings.
  const menu = page.getByRole('menu');
  await expect(menu.getByText('Cán bộ', { exact: true })).toBeVisible();
  await expect(menu.getByText('Cài đặt', { exact: true })).toHaveCount(0);
  await shot(page, 'desktop-home');

  // Add a person: the first membership defaults to the only org chibo1 manages.
  await menu.getByText('Cán bộ', { exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Cán bộ' })).toBeVisible();
  await shot(page, 'desktop-people');
  await page.getByRole('button', { name: 'Thêm cán bộ' }).click();
  const dialog = page.getByRole('dialog', { name: 'Thêm cán bộ' });
  await dialog.getByLabel('Họ và tên').fill(NEW_PERSON);
  await dialog.getByLabel('Chức vụ').fill('Chuyên viên Văn phòng');
  await dialog.getByLabel('Email').fill('huong.nt@example.vn');
  await dialog.getByLabel('Đối tượng').click();
  // The visible option (Ant Design also renders a hidden accessible list with the same names).
  await page.locator('.ant-select-item-option').filter({ hasText: 'Đảng viên chính thức' }).click();
  await dialog.getByLabel('Họ và tên').click(); // closes the category list
  await expect(dialog.getByTitle('Chi bộ Văn phòng', { exact: true })).toBeVisible();
  await dialog.getByLabel('Chức danh trong đơn vị').fill('Đảng viên');
  await dialog.getByRole('button', { name: 'Lưu' }).click();

  // The new person's page, with the chi bộ membership.
  await expect(page.getByTestId('person-name')).toHaveText(NEW_PERSON);
  await expect(page.getByRole('link', { name: 'Chi bộ Văn phòng', exact: true })).toBeVisible();
  await shot(page, 'desktop-person');

  // Found by a search typed without diacritics.
  await page.getByRole('menu').getByText('Cán bộ', { exact: true }).click();
  await page.getByRole('searchbox', { name: /Tìm theo tên/ }).fill('nguyen thi huong');
  await expect(page).toHaveURL(/q=nguyen\+thi\+huong/);
  const rows = page.locator('.ant-table-tbody tr.ant-table-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first().getByRole('link', { name: NEW_PERSON })).toBeVisible();

  // The org tree shows the chi bộ and its new member.
  await page.getByRole('menu').getByText('Tổ chức', { exact: true }).click();
  await page.getByRole('tree').getByText('Chi bộ Văn phòng', { exact: true }).click();
  await expect(page.getByTestId('org-name')).toHaveText('Chi bộ Văn phòng');
  await expect(page.getByRole('link', { name: NEW_PERSON })).toBeVisible();
  await shot(page, 'desktop-orgs');

  // An org outside the chi bộ cannot be opened: the page says not found, as for a missing one.
  await apiSignIn(request, 'quantri');
  const otherOrg = await orgIdByCode(request, 'CB-BCVT');
  await page.goto(`/to-chuc/${otherOrg}`);
  await expect(page.getByText('Không tìm thấy trang hoặc dữ liệu bạn cần')).toBeVisible();
  await expect(page.getByText('Chi bộ Phòng Bưu chính - Viễn thông')).toHaveCount(0);

  await page.getByRole('menu').getByText('Tài khoản', { exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Tài khoản và phân quyền' })).toBeVisible();
  await shot(page, 'desktop-users');
  await page.getByRole('menu').getByText('Tài khoản của tôi', { exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Tài khoản của tôi' })).toBeVisible();
  await shot(page, 'desktop-account');

  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await expect(page).toHaveURL(/\/dang-nhap$/);
  await page.goto('/can-bo');
  await expect(page).toHaveURL(/\/dang-nhap\?next=%2Fcan-bo$/);
  await expect(page.getByRole('button', { name: 'Đăng nhập' })).toBeVisible();
});

test.describe('at phone width', () => {
  test.use({ viewport: { width: 375, height: 812 }, hasTouch: true });

  test('chibo1 uses the menu behind the hamburger, searches people and signs out', async ({ page, request }) => {
    await page.goto('/dang-nhap');
    await expect(page.getByRole('button', { name: 'Đăng nhập' })).toBeVisible();
    await expectNoHorizontalOverflow(page);
    await shot(page, 'phone-login');

    await signIn(page, 'chibo1');
    // No side menu at this width: the hamburger opens it in a drawer.
    await expect(page.getByRole('menu')).toHaveCount(0);
    await expectNoHorizontalOverflow(page);
    await shot(page, 'phone-home');

    const openMenu = async (item: string) => {
      await page.getByRole('button', { name: 'Mở danh mục' }).click();
      await page.getByRole('menu').getByText(item, { exact: true }).click();
      await expect(page.getByRole('menu')).toBeHidden();
    };

    await openMenu('Cán bộ');
    await expect(page.getByRole('heading', { name: 'Cán bộ' })).toBeVisible();
    await settled(page);
    await expectNoHorizontalOverflow(page);
    await shot(page, 'phone-people');
    await page.getByRole('searchbox', { name: /Tìm theo tên/ }).fill('pham thi hong nhung');
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await expect(rows).toHaveCount(1);
    await rows.first().getByRole('link', { name: 'Phạm Thị Hồng Nhung' }).click();
    await expect(page.getByTestId('person-name')).toHaveText('Phạm Thị Hồng Nhung');
    await settled(page);
    await expectNoHorizontalOverflow(page);
    await shot(page, 'phone-person');

    await openMenu('Tổ chức');
    await page.getByRole('tree').getByText('Chi bộ Văn phòng', { exact: true }).click();
    await expect(page.getByTestId('org-name')).toHaveText('Chi bộ Văn phòng');
    await settled(page);
    await expectNoHorizontalOverflow(page);
    await shot(page, 'phone-orgs');

    await apiSignIn(request, 'quantri');
    await page.goto(`/to-chuc/${await orgIdByCode(request, 'CB-BCVT')}`);
    await expect(page.getByText('Không tìm thấy trang hoặc dữ liệu bạn cần')).toBeVisible();

    await openMenu('Tài khoản');
    await expect(page.getByRole('heading', { name: 'Tài khoản và phân quyền' })).toBeVisible();
    await settled(page);
    await expectNoHorizontalOverflow(page);
    await shot(page, 'phone-users');
    await openMenu('Nhật ký');
    await expect(page.getByRole('heading', { name: 'Nhật ký hệ thống' })).toBeVisible();
    await settled(page);
    await expectNoHorizontalOverflow(page);
    await shot(page, 'phone-audit');
    await openMenu('Tài khoản của tôi');
    await expect(page.getByRole('heading', { name: 'Tài khoản của tôi' })).toBeVisible();
    await expectNoHorizontalOverflow(page);
    await shot(page, 'phone-account');

    await page.getByRole('button', { name: 'Mở danh mục' }).click();
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await expect(page).toHaveURL(/\/dang-nhap$/);
  });
});
