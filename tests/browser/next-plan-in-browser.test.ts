/**
 * The strategy office starts the next period from the Tomakomai 2nd-period plan in a real
 * browser: from the dashboard, 「次期計画を作成」, the new plan's name, and by clicks measure ⑫
 * with its project and its two KPIs continued. The next plan is a draft: the office lands on it
 * in the editor, enters each continued KPI's baseline and targets, and adopts it. The new plan
 * becomes the menu's; a year of it is reviewed; each continued KPI's page then shows the 2nd
 * period's values and the new one's in one series, the break marked 「第2期 → 第3期」. Every
 * page is checked with axe-core.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
// The form lists every measure, project and KPI of the plan: axe and full-page screenshots take a while on it.
import { DEMO, signIn } from '../helpers/client.ts';
import { browserProblems, checkPage, logIn, newPage, useBrowserApp } from '../helpers/browser.ts';

const { app, baseUrl, browser } = await useBrowserApp();
let office: Page;
let oldPlanId: string;
let newPlanId: string;

/** The form's row (a fieldset) of an item, by its name. */
const row = (page: Page, name: RegExp) => page.locator('fieldset.carry', { has: page.locator('legend', { hasText: name }) });

beforeAll(async () => {
  const so = await signIn(app, DEMO.strategy);
  oldPlanId = (await so.get('/api/plans')).json().items[0].id;
  office = await newPage(browser);
  // The machine running the suite may be busy: the long form gets more than the usual 10 s.
  office.setDefaultTimeout(30_000);
});

describe('starting the next period from the 2nd', () => {
  it('opens the form from the dashboard and continues measure ⑫, its project and two KPIs by clicks', async () => {
    await logIn(office, baseUrl, DEMO.strategy);
    await office.getByRole('navigation').getByRole('link', { name: 'ダッシュボード', exact: true }).click();
    await office.getByRole('link', { name: '次期計画を作成' }).click();
    expect(await office.locator('h1').textContent()).toBe('次期計画を作成');
    await office.getByLabel('計画の名称', { exact: false }).first().fill('苫小牧市総合戦略（第3期）');
    expect(await office.locator('#periodStartFiscalYear').inputValue()).toBe('2025');
    expect(await office.locator('#periodEndFiscalYear').inputValue()).toBe('2029');
    await office.getByLabel('作成の理由').fill('第3期総合戦略の策定');
    // Each measure folds its projects and KPIs away until opened.
    await office.locator('summary', { hasText: '縁結びコーディネート機能の充実' }).click();
    await office.locator('summary', { hasText: '移住者の受入れ体制の充実' }).click();
    await row(office, /縁結びコーディネート機能の充実/).getByLabel('継続').check();
    await row(office, /^事業 とまこまい縁結びサポート助成事業$/).getByLabel('継続').check();
    await row(office, /^ＫＰＩ 婚姻率$/).getByLabel('継続').check();
    await row(office, /^ＫＰＩ とましん結婚相談所登録者の結婚数$/).getByLabel('継続').check();
    await row(office, /移住者の受入れ体制の充実/).getByLabel('終了').check();
    await checkPage(office, 'next-plan-01-form');
    await office.getByRole('button', { name: '次期計画の案を作成する' }).click();
    expect(await office.locator('.flash').textContent()).toContain('次期計画の案を作成しました。継続した指標ごとに基準値と目標値を入力し');
    newPlanId = /\/plans\/([0-9a-f-]{36})$/.exec(office.url())![1]!;
    expect(newPlanId).not.toBe(oldPlanId);
    expect(await office.locator('h1').textContent()).toContain('苫小牧市総合戦略（第3期）');
    await checkPage(office, 'next-plan-02-draft');
  }, 120_000);

  it('takes each continued KPI’s baseline and targets in the editor, and adopts the plan', async () => {
    const entries: Record<string, { baseline: [string, string]; target2029: string }> = {
      婚姻率: { baseline: ['2023', '4.2'], target2029: '5' },
      とましん結婚相談所登録者の結婚数: { baseline: ['2023', '3'], target2029: '25' },
    };
    for (const [name, entry] of Object.entries(entries)) {
      await office.goto(`${baseUrl}/plans/${newPlanId}`);
      await office.getByRole('link', { name: `「${name}」を編集` }).click();
      expect(await office.locator('.lead').textContent()).toContain('苫小牧市総合戦略（第2期）から継続する指標です。');
      await office.locator('#baseline-fiscalYear').selectOption(entry.baseline[0]);
      await office.locator('#baseline-value').fill(entry.baseline[1]);
      await office.locator('#targets-4--value').fill(entry.target2029);
      if (name === '婚姻率') await checkPage(office, 'next-plan-03-continued-kpi');
      await office.getByRole('button', { name: '保存する', exact: true }).click();
      expect(await office.locator('.flash').textContent()).toContain('保存しました。');
    }
    await office.goto(`${baseUrl}/plans/${newPlanId}`);
    await office.getByRole('link', { name: 'この計画を策定する' }).click();
    await office.locator('#adoptedOn').fill('2025-03-31');
    await office.getByRole('button', { name: '策定する', exact: true }).click();
    expect(await office.locator('.flash').textContent()).toContain('計画を策定しました');

    await office.getByRole('navigation', { name: /メニュー|menu/i }).getByRole('link', { name: 'ダッシュボード', exact: true }).click();
    expect(office.url()).toContain(`/plans/${newPlanId}/dashboard`);
    expect(await office.locator('.page-head .muted').textContent()).toBe('苫小牧市総合戦略（第3期）');
    expect(await office.locator('nav.plan-periods').textContent()).toContain('苫小牧市総合戦略（第2期）（終了した期間）');
    // The menu now lands on the new plan.
    expect(await office.getByRole('navigation', { name: /メニュー|menu/i }).getByRole('link', { name: 'ダッシュボード', exact: true }).getAttribute('href')).toBe(`/plans/${newPlanId}/dashboard`);
    await checkPage(office, 'next-plan-04-new-dashboard');
  }, 120_000);

  it('shows each continued KPI’s two periods in one series with the break marked', async () => {
    // A year of the new period is reviewed (over the API: the review's pages have their own tests).
    const so = await signIn(app, DEMO.strategy);
    const policy = await signIn(app, DEMO.policy);
    expect((await so.post(`/api/plans/${newPlanId}/review-cycles`, { fiscalYear: 2025, measureNumbers: [12], dueDate: '2099-06-30' })).statusCode).toBe(201);
    const task = (await policy.get('/api/tasks?fiscalYear=2025')).json().items.find((t: { projectName: string }) => t.projectName === 'とまこまい縁結びサポート助成事業');
    const kpis = (await policy.get(`/api/tasks/${task.id}`)).json().kpis as { id: string; name: string }[];
    const values = kpis.map((k) => ({ kpiId: k.id, value: k.name === '婚姻率' ? 4.4 : 5 }));
    expect((await policy.post(`/api/tasks/${task.id}/submissions`, { values })).statusCode).toBe(201);
    expect((await so.post(`/api/tasks/${task.id}/accept`, {})).statusCode).toBe(200);

    const expected: Record<string, [string, string, string]> = { 婚姻率: ['4.2%', '4.4%', '4.2%'], とましん結婚相談所登録者の結婚数: ['3組', '5組', '3組'] };
    for (const [name, [earlier, later, baseline]] of Object.entries(expected)) {
      await office.goto(`${baseUrl}/plans/${newPlanId}/dashboard?fiscalYear=2025`);
      const kpiRow = office.locator('.kpi-row', { has: office.locator('strong', { hasText: name }) });
      await kpiRow.getByText('推移を表示').click();
      // htmx brings the chart in place; the break is in it.
      await expect.poll(() => kpiRow.locator('svg .period-break text').textContent()).toBe('第2期 → 第3期');
      // The KPI's own page (the link htmx replaced with the chart).
      const kpiId = (await kpiRow.getAttribute('id'))!.replace('kpi-', '');
      await office.goto(`${baseUrl}/plans/${newPlanId}/kpis/${kpiId}?fiscalYear=2025`);
      expect(await office.locator('h1').textContent()).toBe(name);
      expect(await office.locator('.continued-from').textContent()).toContain('苫小牧市総合戦略（第2期）から継続している指標です。');
      expect(await office.locator('figure.chart svg .period-break text').first().textContent()).toBe('第2期 → 第3期');
      await office.locator('figure.chart details summary').last().click();
      const rows = (await office.locator('figure.chart').last().locator('tbody tr').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim());
      expect(rows, rows.join(" / ")).toContain(`第2期 令和3年度 実績値 ${earlier}`);
      expect(rows).toContain(`第3期 令和7年度 実績値 ${later}`);
      // The baseline entered in the editor is the 3rd period's, though its year lies in the 2nd.
      expect(rows).toContain(`第3期 令和5年度 基準値 ${baseline}`);
      await checkPage(office, `next-plan-05-kpi-${name === '婚姻率' ? 'rate' : 'count'}`);
      // The earlier period's KPI is one link away, read only.
      await office.locator('.continued-from a').click();
      expect(office.url()).toContain(`/plans/${oldPlanId}/kpis/`);
    }
    expect(browserProblems).toEqual([]);
  }, 120_000);
});
