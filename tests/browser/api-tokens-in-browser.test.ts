/**
 * The account page's API tokens in a real browser: create a read-only token (its secret shown
 * once), see it listed, revoke it with 取り消す. Screenshots kept; axe clean; no CSP refusals.
 */
import { describe, expect, it } from 'vitest';
import { bearer, DEMO } from '../helpers/client.ts';
import { browserProblems, checkPage, logIn, newPage, useBrowserApp } from '../helpers/browser.ts';

const { app, baseUrl, browser } = await useBrowserApp();

describe('API tokens on the account page, in the browser', () => {
  it('creates, lists and revokes a token', async () => {
    const page = await newPage(browser);
    await logIn(page, baseUrl, DEMO.care);
    await page.goto(`${baseUrl}/account`);
    await page.getByLabel('名前').fill('介護集計システム');
    await page.getByLabel('有効日数').fill('400');
    await page.getByRole('button', { name: 'APIトークンを作成する' }).click();
    await checkPage(page, 'account-token-refused');
    expect(await page.locator('#expiresInDays-error').textContent()).toContain('365 以下で入力してください');

    await page.getByLabel('有効日数').fill('30');
    await page.getByLabel('参照のみ（データの変更はできません）').check();
    await page.getByRole('button', { name: 'APIトークンを作成する' }).click();
    const secret = (await page.locator('#new-token').textContent())!.trim();
    await checkPage(page, 'account-token-created');
    expect((await bearer(app, secret).get('/api/auth/me')).statusCode).toBe(200);

    await page.getByRole('button', { name: /^取り消す/ }).click();
    await page.waitForURL(`${baseUrl}/account`);
    expect(await page.locator('section[aria-labelledby="api-tokens"] tbody tr').first().textContent()).toContain('取り消し済み');
    await checkPage(page, 'account-token-revoked');
    expect((await bearer(app, secret).get('/api/auth/me')).statusCode).toBe(401);
    expect(browserProblems).toEqual([]);
  });
});
