/** Shared steps of the journeys: sign-in through the page or the API, screenshots, layout checks. */
import fs from 'node:fs';
import path from 'node:path';
import { expect, type APIRequestContext, type Page } from '@playwright/test';

export const PASSWORD = 'KyCuong@2023';
const SHOTS = path.join(import.meta.dirname, '..', 'screenshots');

/** Signs in through the sign-in page and waits for the home page. */
export async function signIn(page: Page, username: string): Promise<void> {
  await page.goto('/dang-nhap');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.getByRole('heading', { name: /^Xin chào, / })).toBeVisible();
}

/** Signs the API request context in; answers the CSRF token for state-changing calls. */
export async function apiSignIn(request: APIRequestContext, username: string): Promise<string> {
  const res = await request.post('/api/v1/auth/login', { data: { username, password: PASSWORD } });
  expect(res.status(), await res.text()).toBe(200);
  const me = (await res.json()) as { csrfToken: string };
  return me.csrfToken;
}

/** The id of an org found by its code through the API (as an account that may read it). */
export async function orgIdByCode(request: APIRequestContext, code: string): Promise<string> {
  const res = await request.get('/api/v1/orgs', { params: { q: code } });
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { items: { id: string; code: string }[] };
  const org = body.items.find((o) => o.code === code);
  if (!org) throw new Error(`org ${code} not found`);
  return org.id;
}

/** Waits until no spinner or skeleton is showing (data loaded). */
export async function settled(page: Page): Promise<void> {
  await expect(page.locator('.ant-spin-spinning, .ant-skeleton, .ant-card-loading-content')).toHaveCount(0);
}

/** Full-page screenshot into e2e/screenshots/ (looked at by people, not compared by the test). */
export async function shot(page: Page, name: string): Promise<void> {
  await settled(page);
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/** Fails when the page is wider than the viewport (something overflows on a phone). */
export async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
  expect(scroll, 'page wider than the screen').toBeLessThanOrEqual(width);
}
