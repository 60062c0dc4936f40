/**
 * In Chromium: a user whose password an administrator set lands on the change-password page and
 * cannot leave it until they choose their own; the account page lists one's sessions and signs
 * the other devices out. Screenshotted and axe-checked.
 */
import { describe, expect, it } from 'vitest';
import { DEMO, signIn } from '../helpers/client.ts';
import { browserProblems, checkPage, logIn, newPage, useBrowserApp } from '../helpers/browser.ts';

const { app, baseUrl, browser } = await useBrowserApp();

describe('a password an administrator set', () => {
  it('holds the user on the change-password page until they choose their own', async () => {
    const admin = await signIn(app, DEMO.admin);
    expect((await admin.post('/api/admin/users', { email: 'browser.new@tomakomai.example', name: '新任 花子', role: 'strategy_office', password: 'set-by-the-admin-9' })).statusCode).toBe(201);
    const page = await newPage(browser);
    await logIn(page, baseUrl, 'browser.new@tomakomai.example', 'set-by-the-admin-9');
    expect(new URL(page.url()).pathname).toBe('/account/password');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('パスワードの変更が必要です');
    expect(await page.getByRole('navigation', { name: 'メインメニュー' }).count()).toBe(0);
    await checkPage(page, 'forced-password-change');
    await page.goto(`${baseUrl}/tasks`);
    expect(new URL(page.url()).pathname).toBe('/account/password');
    await page.locator('#currentPassword').fill('set-by-the-admin-9');
    await page.locator('#newPassword').fill('my-own-browser-passphrase');
    await page.locator('#confirmPassword').fill('my-own-browser-passphrase');
    await page.getByRole('button', { name: 'パスワードを変更する' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    await logIn(page, baseUrl, 'browser.new@tomakomai.example', 'my-own-browser-passphrase');
    expect(new URL(page.url()).pathname).toBe('/tasks');
    await page.context().close();
  });
});

describe('one’s sessions', () => {
  it('are listed on the account page, this one marked, and the others can be signed out', async () => {
    const desk = await newPage(browser);
    const laptop = await newPage(browser);
    await logIn(laptop, baseUrl, DEMO.policy);
    await logIn(desk, baseUrl, DEMO.policy);
    await desk.goto(`${baseUrl}/account`);
    const sessions = desk.getByRole('region', { name: 'ログイン中の端末' });
    await expect.poll(() => sessions.getByRole('row').count()).toBe(3);
    expect(await sessions.getByText('この端末').count()).toBe(1);
    await checkPage(desk, 'account-sessions');
    await desk.getByRole('button', { name: '他の端末からサインアウト' }).click();
    await desk.waitForLoadState();
    await expect.poll(() => desk.locator('main').textContent()).toContain('他の端末からサインアウトしました。');
    expect(await sessions.getByRole('row').count()).toBe(2);
    await laptop.goto(`${baseUrl}/tasks`);
    expect(new URL(laptop.url()).pathname).toBe('/login');
    await desk.goto(`${baseUrl}/tasks`);
    expect(new URL(desk.url()).pathname).toBe('/tasks');
    expect(browserProblems).toEqual([]);
    await desk.context().close();
    await laptop.context().close();
  });
});
