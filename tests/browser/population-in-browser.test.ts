/**
 * The strategy office enters one year of the observed population in a real browser, by clicks
 * from the dashboard: a figure that is not a number is shown next to its field and nothing is
 * saved; the corrected year then shows in the table, in the gap sentence and as a point on the
 * dashboard's chart. Every page is checked with axe-core and runs without a CSP refusal.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserProblems, checkPage, logIn, newPage, seriousA11yViolations, useBrowserApp } from '../helpers/browser.ts';

const { deps, baseUrl, browser } = await useBrowserApp();
let page: Page;

beforeAll(async () => {
  page = await newPage(browser);
  await logIn(page, baseUrl, 'senryaku@tomakomai.example');
});

describe('one year of the population, entered by clicks', () => {
  it('is reached from the dashboard', async () => {
    await page.getByRole('link', { name: 'ダッシュボード' }).first().click();
    await page.getByRole('link', { name: '人口ビジョンの進み具合' }).click();
    await expect.poll(() => page.url()).toMatch(/\/plans\/[0-9a-f-]{36}\/population$/);
    await checkPage(page, 'population-empty');
  });

  it('shows a wrong figure next to its field and saves nothing', async () => {
    await page.getByRole('textbox', { name: '年', exact: true }).fill('2025');
    await page.getByLabel('基準日', { exact: true }).fill('2025-01-01');
    await page.getByRole('textbox', { name: '総人口', exact: true }).fill('十六万五千');
    await page.getByRole('button', { name: '保存する' }).click();
    await expect.poll(() => page.locator('#total-error').textContent()).toContain('！');
    expect(await page.getByRole('textbox', { name: '総人口', exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('textbox', { name: '総人口', exact: true }).inputValue()).toBe('十六万五千');
    expect((await deps.database.sql`select count(*)::int as n from population_observations`)[0]!.n).toBe(0);
    await checkPage(page, 'population-error');
  });

  it('saves the corrected year: the table, the gap in words and the dashboard chart show it', async () => {
    await page.getByRole('textbox', { name: '総人口', exact: true }).fill('165,000');
    await page.getByRole('textbox', { name: /^出生/ }).fill('1050');
    await page.getByRole('textbox', { name: /^死亡/ }).fill('2000');
    await page.getByRole('button', { name: '保存する' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('人口の数値を保存しました。');
    expect(await page.locator('tbody tr').first().textContent()).toContain('165,000人');
    expect(await page.locator('.population-gap').textContent()).toBe('令和7年1月1日（水）の人口は165,000人で、目標の推移（165,901人）より901人少ない。');
    await checkPage(page, 'population-saved');
    await page.getByRole('link', { name: 'ダッシュボード' }).first().click();
    expect(await page.locator('svg.population circle.observed').count()).toBe(1);
    expect(await page.locator('.population-gap').textContent()).toContain('901人少ない');
    // The whole dashboard is long: axe reads all of it, the screenshot is of the population section.
    expect(await seriousA11yViolations(page), 'accessibility of the dashboard').toEqual([]);
    await page.locator('section[aria-labelledby="population-heading"]').screenshot({ path: 'test-artifacts/screenshots/population-dashboard.png' });
    expect(browserProblems).toEqual([]);
  });
});
