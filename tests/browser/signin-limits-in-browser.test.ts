/**
 * The lockout messages as a person sees them in Chromium: the sign-in form after ten wrong
 * passwords, the account page after five wrong current passwords. Screenshotted and axe-checked.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO } from '../helpers/client.ts';
import { browserProblems, logIn, newPage, screenshot, seriousA11yViolations, useBrowserApp } from '../helpers/browser.ts';

const { baseUrl, browser } = await useBrowserApp();

async function tryLogin(page: Page, password: string) {
  await page.getByLabel('メールアドレス').fill(DEMO.care);
  await page.getByLabel('パスワード').fill(password);
  await page.getByRole('button', { name: 'ログイン' }).click();
  await page.waitForLoadState();
}

describe('lockouts in the browser', () => {
  it('the sign-in form says when it may be tried again', async () => {
    const page = await newPage(browser);
    await page.goto(`${baseUrl}/login`);
    for (let i = 0; i < 10; i++) await tryLogin(page, `wrong-${i}-password`);
    await tryLogin(page, 'tomakomai-demo');
    await expect.poll(() => page.locator('main').textContent()).toMatch(/ログインの試行回数が上限に達しました。\d{2}:\d{2} 以降にもう一度お試しください。/);
    expect(await page.getByLabel('メールアドレス').inputValue()).toBe(DEMO.care);
    await screenshot(page, 'signin-locked');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('the account page names the current-password field when the check is throttled', async () => {
    const page = await newPage(browser);
    await logIn(page, baseUrl, DEMO.policy);
    await page.goto(`${baseUrl}/account`);
    for (let i = 0; i < 6; i++) {
      await page.locator('#currentPassword').fill(i < 5 ? `wrong-${i}-password` : 'tomakomai-demo');
      await page.locator('#newPassword').fill('a-fresh-passphrase-1');
      await page.locator('#confirmPassword').fill('a-fresh-passphrase-1');
      await page.getByRole('button', { name: 'パスワードを変更する' }).click();
      await page.waitForLoadState();
    }
    await expect.poll(() => page.locator('main').textContent()).toContain('現在のパスワードの入力誤りが続いたため');
    await screenshot(page, 'current-password-locked');
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(browserProblems).toEqual([]);
    await page.context().close();
  });
});
