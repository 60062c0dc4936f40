/**
 * The strategy office runs the season's reports from the pages, by clicks only after signing
 * in: downloads the Excel workbook from the dashboard, opens the committee packet from 「帳票」,
 * records a council opinion and the city's response, previews, publishes and then withdraws a
 * year of the citizens' page. Each new page is screenshotted and checked with axe-core; a
 * department that follows an old address to the packet gets a page, not JSON.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO, signIn } from '../helpers/client.ts';
import { browserProblems, checkPage, logIn, newPage, screenshot, useBrowserApp } from '../helpers/browser.ts';

const { app, baseUrl, browser } = await useBrowserApp();
let office: Page;
let planId: string;

const flash = (page: Page) => page.locator('.flash').textContent();
const nav = (page: Page, name: string) => page.getByRole('navigation').getByRole('link', { name, exact: true }).click();
const yearRow = (page: Page, year: string) => page.getByRole('row', { name: new RegExp(year) });

beforeAll(async () => {
  // A review under way for FY2021, so the committee packet has a year to offer.
  const api = await signIn(app, DEMO.strategy);
  planId = (await api.get('/api/plans')).json().items[0].id;
  expect((await api.post(`/api/plans/${planId}/review-cycles`, { fiscalYear: 2021, measureNumbers: [1] })).statusCode).toBe(201);
  office = await newPage(browser);
  await logIn(office, baseUrl, DEMO.strategy);
});

describe('the season’s reports in the browser, as the strategy office', () => {
  it('downloads the Excel workbook from the dashboard', async () => {
    await nav(office, 'ダッシュボード');
    await checkPage(office, 'reports-01-dashboard-downloads');
    // The dashboard is long: the top, where the downloads are, as people see it first.
    await office.screenshot({ path: fileURLToPath(new URL('../../test-artifacts/screenshots/reports-01b-dashboard-top.png', import.meta.url)) });
    const [download] = await Promise.all([office.waitForEvent('download'), office.getByRole('link', { name: 'Excel ブック（.xlsx）' }).click()]);
    expect(download.suggestedFilename()).toMatch(/ＫＰＩ表.*\.xlsx$|kpi-tables.*\.xlsx$/);
    const file = readFileSync((await download.path())!);
    expect(file.subarray(0, 2).toString()).toBe('PK');
    expect(file.length).toBeGreaterThan(10_000);
  });

  it('opens the committee packet of a reviewed year from 「帳票」', async () => {
    await nav(office, '帳票');
    expect(await office.locator('h1').textContent()).toBe('帳票');
    await checkPage(office, 'reports-02-reports-menu');
    const packet = office.locator('section', { has: office.getByRole('heading', { name: '総合戦略推進会議資料' }) });
    expect(await packet.getByLabel('効果検証の年度').locator('option').allTextContents()).toEqual(['令和3年度（FY2021）']);
    await packet.getByRole('button', { name: '開く' }).click();
    await office.waitForURL(/\/reports\/plans\/.*\/committee-packet\?fiscalYear=2021/);
    expect(await office.locator('h1').first().textContent()).toContain('令和3年度');
    await screenshot(office, 'reports-03-committee-packet');
    await office.goBack();
  });

  it('records a council opinion (a blank one is refused next to its field) and the city’s response', async () => {
    await office.getByRole('link', { name: '推進会議の意見と市の対応' }).click();
    await office.getByRole('button', { name: '意見を記録する' }).click();
    expect(await office.locator('#opinion-error').textContent()).toContain('入力してください');
    await checkPage(office, 'reports-04-council-opinion-error');
    await office.locator('#fiscalYear').selectOption('2021');
    await office.getByLabel('対象の施策').selectOption({ label: '施策① 若者の市内就職の促進' });
    await office.getByLabel('意見', { exact: true }).fill('若者の市内就職について、企業との連携を強めること。');
    await office.getByRole('button', { name: '意見を記録する' }).click();
    expect(await flash(office)).toBe('推進会議の意見を記録しました。');
    expect(await office.locator('.opinion').first().textContent()).toContain('対応はまだ記録されていません。');
    await office.getByRole('link', { name: '対応を記録する' }).click();
    await checkPage(office, 'reports-05-council-response');
    await office.getByLabel('市の対応').fill('インターンシップ事業を拡充し、ＫＰＩを見直しました。');
    const decision = office.getByRole('checkbox').first();
    const decisionLabel = (await office.locator('label.check').first().textContent())!.trim();
    await decision.check();
    await office.getByRole('button', { name: '対応を保存する' }).click();
    expect(await flash(office)).toBe('市の対応を記録しました。');
    const opinion = await office.locator('.opinion').first().textContent();
    expect(opinion).toContain('インターンシップ事業を拡充し');
    expect(opinion).toContain(decisionLabel.replace(/^令和\d+年度 /, ''));
    await checkPage(office, 'reports-06-council-opinions');
  });

  it('previews, publishes and then withdraws FY2021 of the citizens’ page', async () => {
    await nav(office, '帳票');
    await office.getByRole('link', { name: '市民向け公開ページ' }).click();
    expect(await yearRow(office, '令和3年度').textContent()).toContain('未公開');
    await yearRow(office, '令和3年度').getByRole('link', { name: '公開前に確認する（プレビュー）' }).click();
    expect(await office.locator('.preview-note').textContent()).toContain('プレビュー（未公開）');
    await screenshot(office, 'reports-07-preview');
    await office.goBack();
    // Publishing starts with the departments' free texts of the year, read before they go public.
    await yearRow(office, '令和3年度').getByRole('link', { name: /公開する/ }).click();
    expect(await office.locator('h1').textContent()).toBe('公開内容の確認');
    expect(await office.locator('#public-texts').locator('..').locator('tbody tr').count()).toBeGreaterThan(0);
    await checkPage(office, 'reports-07b-publish-review');
    await office.getByRole('button', { name: /公開する/ }).click();
    expect(await flash(office)).toBe('市民向けページに公開しました。');
    expect(await yearRow(office, '令和3年度').textContent()).toContain('第1版を公開中');
    await checkPage(office, 'reports-08-publications');
    await yearRow(office, '令和3年度').getByRole('link', { name: '市民向けページを開く' }).click();
    expect(await office.locator('h1').textContent()).toContain('の進み具合（令和3年度）');
    await office.goBack();

    await yearRow(office, '令和3年度').getByRole('link', { name: /公開を取り下げる/ }).click();
    expect(await office.locator('.notice').textContent()).toContain('市民向けページとオープンデータ（JSON・CSV）から、この年度が消えます。');
    await office.getByRole('button', { name: '令和3年度の公開を取り下げる' }).click();
    expect(await office.locator('#reason-error').textContent()).toContain('入力してください');
    await checkPage(office, 'reports-09-withdraw-confirm');
    await office.getByLabel('取り下げの理由').fill('実績値の集計に誤りが見つかったため');
    await office.getByRole('button', { name: '令和3年度の公開を取り下げる' }).click();
    expect(await flash(office)).toContain('公開を取り下げました。');
    const row = await yearRow(office, '令和3年度').textContent();
    expect(row).toContain('取り下げ済み');
    expect(row).toContain('実績値の集計に誤りが見つかったため');
    await checkPage(office, 'reports-10-withdrawn');
    expect((await app.inject(`/public/plans/${planId}/progress/2021`)).statusCode).toBe(404);
  });

  it('shows a department that follows an old address to the packet a page in Japanese, not JSON', async () => {
    const clerk = await newPage(browser);
    await logIn(clerk, baseUrl, DEMO.employment);
    const res = await clerk.goto(`${baseUrl}/reports/plans/${planId}/committee-packet?fiscalYear=2021`);
    expect(res!.status()).toBe(403);
    expect(res!.headers()['content-type']).toMatch(/^text\/html/);
    expect(await clerk.locator('h1').textContent()).toBe('権限がありません');
    await checkPage(clerk, 'reports-11-forbidden-page');
    await clerk.context().close();
  });

  it('ran without a script error or a CSP refusal', () => {
    expect(browserProblems).toEqual([]);
  });
});
