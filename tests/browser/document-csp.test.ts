/**
 * In Chromium: the documents served outside the pages — a print report, the queue view, the API
 * docs — still work under their policy, and an inline script injected into each (as an XSS would)
 * is refused and does not run.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../helpers/client.ts';
import { browserProblems, logIn, newPage, screenshot, useBrowserApp } from '../helpers/browser.ts';

const { baseUrl, browser } = await useBrowserApp();
let office: Page, admin: Page;
let planId: string;

beforeAll(async () => {
  [office, admin] = await Promise.all([newPage(browser), newPage(browser)]);
  await logIn(office, baseUrl, DEMO.strategy);
  await logIn(admin, baseUrl, DEMO.admin);
  planId = /\/plans\/([0-9a-f-]{36})\//.exec((await office.getByRole('navigation').getByRole('link', { name: 'ダッシュボード', exact: true }).getAttribute('href'))!)![1]!;
});

/** Injects an inline script into the open document: true when it ran. */
const injectedScriptRan = async (page: Page) => {
  await page.addScriptTag({ content: 'window.__injected = true' }).catch(() => {});
  return page.evaluate<boolean>('window.__injected === true');
};

describe('documents outside the pages, in Chromium', () => {
  it('a print report works and runs no injected script', async () => {
    await office.goto(`${baseUrl}/reports/plans/${planId}/revised-strategy`);
    await expect.poll(() => office.locator('h1').first().textContent()).toContain('総合戦略');
    await screenshot(office, 'csp-revised-strategy');
    expect(await injectedScriptRan(office)).toBe(false);
  });

  it('the queue view still draws its queues, and runs no injected script', async () => {
    await admin.goto(`${baseUrl}/admin/queues`);
    await expect.poll(() => admin.getByText('email', { exact: false }).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await screenshot(admin, 'csp-queue-view');
    expect(await injectedScriptRan(admin)).toBe(false);
  });

  it('the API docs still draw, and run no injected script', async () => {
    await admin.goto(`${baseUrl}/docs`);
    await expect.poll(() => admin.locator('.swagger-ui .info').count(), { timeout: 10_000 }).toBe(1);
    await screenshot(admin, 'csp-api-docs');
    expect(await injectedScriptRan(admin)).toBe(false);
  });

  it('the only scripts refused are the injected ones: each document ran its own without an error', () => {
    expect(browserProblems.filter((p) => /inline script/i.test(p))).toHaveLength(3);
    // Refused by design and cosmetic: the queue view's font from Google (no third party is loaded)
    // and one inline style of the API docs (their policy allows hashed scripts, no inline style).
    const cosmetic = /stylesheet 'https:\/\/fonts\.googleapis\.com|Applying inline style/;
    expect(browserProblems.filter((p) => !/inline script/i.test(p) && !cosmetic.test(p))).toEqual([]);
  });
});
