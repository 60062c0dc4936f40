/**
 * Plausibility in a real browser (issue 16 item 2): the clerk of 政策推進課 types 1,234組 for
 * とましん結婚相談所登録者の結婚数 (累計 3組 the year before, target 30組), is asked to check it
 * — a warning, not an error — and sends it with a note; the strategy office then sees the same
 * warning, the change from last year and the status the value would give, beside accept/return.
 * Screenshots kept; axe finds no serious or critical violation.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO, signIn } from '../helpers/client.ts';
import { browserProblems, checkPage, logIn, newPage, useBrowserApp } from '../helpers/browser.ts';

const { app, baseUrl, browser } = await useBrowserApp();
let taskUrl: string;

beforeAll(async () => {
  // Opening the year is not what this file tests: the API does it.
  const so = await signIn(app, DEMO.strategy);
  const planId = (await so.get('/api/plans')).json().items[0].id;
  expect((await so.post(`/api/plans/${planId}/review-cycles`, { fiscalYear: 2022, measureNumbers: [12], dueDate: '2099-06-30' })).statusCode).toBe(201);
  const policy = await signIn(app, DEMO.policy);
  const task = (await policy.get('/api/tasks?fiscalYear=2022')).json().items.find((t: { projectName: string }) => t.projectName === 'とまこまい縁結びサポート助成事業');
  taskUrl = `${baseUrl}/tasks/${task.id}`;
});

describe('plausibility in the browser', () => {
  it('asks the clerk to check an implausible value, and takes it with a note', async () => {
    const clerk = await newPage(browser);
    await logIn(clerk, baseUrl, DEMO.policy);
    await clerk.goto(taskUrl);
    await clerk.locator('#v0-value').fill('4.5');
    await clerk.locator('#v1-value').fill('1,234');
    // Warnings come on the form step, before the confirmation screen.
    await clerk.getByRole('button', { name: '入力内容を確認する' }).click();

    const summary = clerk.locator('[aria-labelledby="plausibility-summary-heading"]');
    expect(await summary.getByRole('heading').textContent()).toContain('確認してください');
    expect(await summary.getByRole('link').textContent()).toBe('とましん結婚相談所登録者の結婚数');
    const check = clerk.locator('#v1-value-check');
    expect(await check.textContent()).toContain('令和3年度の実績（3組）の3倍を超えています。');
    expect(await check.textContent()).toContain('目標値（令和6年度・30組）を大きく超えています');
    // A warning, not an error: the field is not marked invalid and keeps what was typed.
    expect(await clerk.locator('#v1-value').getAttribute('aria-invalid')).toBeNull();
    expect(await clerk.locator('#v1-value').inputValue()).toBe('1,234');
    expect(await clerk.locator('#v0-value-check').count()).toBe(0);
    await check.scrollIntoViewIfNeeded();
    await checkPage(clerk, 'plausibility-01-clerk-warning');

    await clerk.locator('#v1-note').fill('相談所の記録で 1,234組 を確認済み（累計）');
    await clerk.getByRole('button', { name: '入力内容を確認する' }).click();
    await clerk.getByRole('button', { name: '送信する' }).click();
    expect(await clerk.locator('.flash').textContent()).toContain('実績値を提出しました。');
    await checkPage(clerk, 'plausibility-02-clerk-sent');
    await clerk.context().close();
  });

  it('shows the office the warning, the change from last year and the status preview beside accept/return', async () => {
    const office = await newPage(browser);
    await logIn(office, baseUrl, DEMO.strategy);
    await office.goto(taskUrl);
    const marriages = office.locator('.kpi-entry', { has: office.getByRole('heading', { name: /とましん結婚相談所登録者の結婚数/ }) });
    const review = marriages.locator('.value-review');
    expect(await review.textContent()).toContain('令和3年度の3組から 1,231組 増加');
    expect(await review.locator('.badge').textContent()).toContain('達成');
    expect(await review.locator('.plausibility').textContent()).toContain('令和3年度の実績（3組）の3倍を超えています。');
    expect(await marriages.textContent()).not.toContain('データなし');
    const actions = office.locator('section', { has: office.getByRole('heading', { name: '政策推進課の操作' }) });
    const row = actions.getByRole('row', { name: /とましん結婚相談所登録者の結婚数/ });
    expect(await row.textContent()).toContain('確認してください（2件）');
    expect(await row.locator('.badge').textContent()).toContain('達成');
    expect(await actions.getByRole('button', { name: '受理する' }).count()).toBe(1);
    await review.scrollIntoViewIfNeeded();
    await checkPage(office, 'plausibility-03-office-review');
    await office.context().close();
  });

  it('ran without a script error or a CSP refusal', () => {
    expect(browserProblems).toEqual([]);
  });
});
