/**
 * A department clerk's returned task in a real browser, from the email that actually arrived
 * at the SMTP server: the link opens the task at its figures with the return's reason in view;
 * a wrong figure gives an error summary that takes focus and links to the field; 一時保存 keeps
 * the work, the clerk leaves and comes back to it from My tasks; an implausible figure is
 * questioned and sent with a note; 送信 goes through the confirmation screen, and the page then
 * says what happens next; the clerk attaches a PDF. The strategy office then sees the warning,
 * the status the figure would give and the change from last year, and downloads the PDF, which
 * another department cannot. Every step is screenshotted and checked with axe-core — the whole
 * of issue 16's story in one flow.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { isoDateInTokyo } from '../../services/fiscal-year.ts';
import { DEMO, signIn } from '../helpers/client.ts';
import { browserProblems, checkPage, logIn, newPage, screenshot, useBrowserApp } from '../helpers/browser.ts';
import { startSmtpSink } from '../helpers/smtp.ts';
import { pdfFile } from '../helpers/uploads.ts';
import { useWorker, waitForIdle } from '../helpers/worker.ts';

const smtp = await startSmtpSink();
const { app, deps, baseUrl, browser } = await useBrowserApp({ env: { SMTP_URL: smtp.url } });
const worker = await useWorker(deps);
const dueDate = isoDateInTokyo(new Date(Date.now() + 5 * 86_400_000));
const REASON = '結婚数は累計ではなく、令和6年度の組数で入力してください';
let clerk: Page;
let emailLink: URL;
let taskPath: string;
const pdf = pdfFile('Marriage counts FY2024');

/** Whether the element is inside the browser window as the page is scrolled now. */
async function inView(page: Page, selector: string) {
  const box = await page.locator(selector).first().boundingBox();
  const size = page.viewportSize()!;
  return Boolean(box && box.y >= 0 && box.y + box.height <= size.height);
}

beforeAll(async () => {
  const so = await signIn(app, DEMO.strategy);
  const policy = await signIn(app, DEMO.policy);
  const planId = (await so.get('/api/plans')).json().items[0].id;
  expect((await so.post(`/api/plans/${planId}/review-cycles`, { fiscalYear: 2024, measureNumbers: [12], dueDate })).statusCode).toBe(201);
  const task = (await policy.get('/api/tasks?fiscalYear=2024')).json().items.find((t: { projectName: string }) => t.projectName === 'とまこまい縁結びサポート助成事業');
  const kpis = (await policy.get(`/api/tasks/${task.id}`)).json().kpis as { id: string }[];
  expect((await policy.post(`/api/tasks/${task.id}/submissions`, { values: [{ kpiId: kpis[0]!.id, value: 6 }, { kpiId: kpis[1]!.id, value: 1234 }] })).statusCode).toBe(201);
  expect((await so.post(`/api/tasks/${task.id}/return`, { comment: REASON })).statusCode).toBe(200);
  await waitForIdle(worker);
  clerk = await newPage(browser);
});

describe('a returned task, from the email to sending it again', () => {
  it('receives the return by email, with a link to the task’s figures', () => {
    const email = smtp.received.find((m) => m.subject.includes('差し戻しました'));
    expect(email, smtp.received.map((m) => m.subject).join(' / ')).toBeDefined();
    expect(email!.to).toEqual(['policy-promotion@tomakomai.example']);
    expect(email!.text).toContain(`理由：${REASON}`);
    const link = /https?:\/\/\S+\/tasks\/[0-9a-f-]{36}#figures/.exec(email!.text)?.[0];
    expect(link).toBeDefined();
    emailLink = new URL(link!);
    expect(email!.html).toContain(`${emailLink.pathname}#figures`);
  });

  it('opens at the figures with the reason in view, and the top of the page says what, why and by when', async () => {
    await logIn(clerk, baseUrl, DEMO.policy);
    // The mail's address names the configured PUBLIC_URL; the test's server listens elsewhere.
    await clerk.goto(`${baseUrl}${emailLink.pathname}${emailLink.hash}`);
    expect(await clerk.locator('.return-note').textContent()).toBe(`差戻しの理由：${REASON}`);
    expect(await inView(clerk, '.return-note')).toBe(true);
    await screenshot(clerk, 'clerk-01-opened-from-email');
    await clerk.evaluate(() => (globalThis as unknown as { scrollTo: (x: number, y: number) => void }).scrollTo(0, 0));
    const top = clerk.locator('.returned-box');
    expect(await top.locator('.return-reason').textContent()).toBe(REASON);
    expect(await top.textContent()).toContain('戦略 太郎');
    expect(await inView(clerk, '.returned-box')).toBe(true);
    expect(await clerk.locator('.first-things').textContent()).toContain('あと 5 日');
    await checkPage(clerk, 'clerk-02-returned-task-top');
  });

  it('on a wrong figure, focuses the error summary, which names the KPI and links to the field', async () => {
    const entry = (kpi: string) => clerk.locator('.kpi-entry', { hasText: kpi });
    await entry('婚姻率').getByRole('textbox', { name: /実績値/ }).fill('61');
    await entry('結婚数').getByRole('textbox', { name: /実績値/ }).fill('十二');
    await clerk.getByRole('button', { name: '入力内容を確認する' }).click();
    const summary = clerk.locator('.error-summary');
    expect(await summary.textContent()).toContain('「とましん結婚相談所登録者の結婚数」の実績値：数値で入力してください');
    expect(await clerk.locator(':focus').getAttribute('class')).toBe('error-summary');
    await checkPage(clerk, 'clerk-03-error-summary');
    await summary.getByRole('link', { name: /結婚数/ }).click();
    expect(await clerk.locator(':focus').getAttribute('name')).toBe('values[1].value');
    expect(await entry('婚姻率').getByRole('textbox', { name: /実績値/ }).inputValue()).toBe('61');
  });

  it('saves a draft, and shows it again after leaving and coming back from My tasks', async () => {
    await clerk.locator(':focus').fill('');
    await clerk.getByRole('button', { name: '一時保存する' }).click();
    expect(await clerk.locator('.flash').textContent()).toBe('入力内容を一時保存しました。まだ送信されていません。');
    await checkPage(clerk, 'clerk-04-draft-saved');

    await clerk.getByRole('navigation').getByRole('link', { name: 'マイタスク', exact: true }).click();
    await clerk.getByRole('link', { name: 'とまこまい縁結びサポート助成事業' }).click();
    expect(new URL(clerk.url()).hash).toBe('#figures');
    expect(await clerk.locator('.draft-notice').textContent()).toMatch(/^一時保存した内容を表示しています（令和.+・政策 三郎）/);
    const entry = (kpi: string) => clerk.locator('.kpi-entry', { hasText: kpi });
    expect(await entry('婚姻率').getByRole('textbox', { name: /実績値/ }).inputValue()).toBe('61');
    expect(await entry('結婚数').getByRole('textbox', { name: /実績値/ }).inputValue()).toBe('');
    await checkPage(clerk, 'clerk-05-back-to-draft');
  });

  it('questions an implausible figure before the confirmation screen, and takes it with a note', async () => {
    const entry = (kpi: string) => clerk.locator('.kpi-entry', { hasText: kpi });
    await entry('婚姻率').getByRole('textbox', { name: /実績値/ }).fill('6.1');
    await entry('結婚数').getByRole('textbox', { name: /実績値/ }).fill('1,234');
    await clerk.getByLabel('提出に添えるコメント').fill('結婚数を組数に直しました');
    await clerk.getByRole('button', { name: '入力内容を確認する' }).click();
    // A warning, not an error: the form again, the figure kept and not marked invalid.
    const check = clerk.locator('#v1-value-check');
    expect(await check.textContent()).toContain('確認してください');
    expect(await check.textContent()).toContain('目標値（令和6年度・30組）を大きく超えています');
    expect(await clerk.locator('#v1-value').getAttribute('aria-invalid')).toBeNull();
    expect(await clerk.locator('#v1-value').inputValue()).toBe('1,234');
    await check.scrollIntoViewIfNeeded();
    await checkPage(clerk, 'clerk-06-plausibility-warning');
    await clerk.locator('#v1-note').fill('相談所の記録で 1,234組 を確認済み');
  });

  it('sends through the confirmation screen and says what happens next', async () => {
    await clerk.getByRole('button', { name: '入力内容を確認する' }).click();
    expect(await clerk.locator('h1').textContent()).toBe('送信内容の確認');
    const rows = await clerk.locator('.confirm-table tbody tr').allTextContents();
    expect(rows.map((r) => r.replace(/\s+/g, ' ').trim())).toEqual(['婚姻率 6.1% 確定値', 'とましん結婚相談所登録者の結婚数 1,234組 確定値 相談所の記録で 1,234組 を確認済み']);
    expect(await clerk.locator('dl.facts').textContent()).toContain('結婚数を組数に直しました');
    await checkPage(clerk, 'clerk-07-confirm');

    await clerk.getByRole('button', { name: '送信する' }).click();
    expect(await clerk.locator('.flash').textContent()).toContain('次は政策推進課が内容を確認します。修正が必要な場合は差し戻され、理由をメールでお知らせします。');
    expect(await clerk.locator('.page-head .tag').first().textContent()).toBe('提出済み（確認待ち）');
    const first = await clerk.locator('.first-things').textContent();
    expect(first).toContain('送信済みです。政策推進課が内容を確認しています。');
    expect(first).not.toContain('送信してください');
    expect(await clerk.locator('.draft-notice').count()).toBe(0);
    expect(await clerk.locator('#submissions-heading + .table-wrap').textContent()).toContain('1,234組');
    await checkPage(clerk, 'clerk-08-sent');
    expect((await deps.database.sql`select count(*)::int as n from submission_drafts`)[0]!.n).toBe(0);
    taskPath = new URL(clerk.url()).pathname;
  });

  it('attaches a PDF to what was sent', async () => {
    await clerk.getByLabel(/添付するファイル/).setInputFiles({ name: '令和6年度 結婚数の記録.pdf', mimeType: 'application/pdf', buffer: pdf });
    await clerk.getByRole('button', { name: '添付する', exact: true }).click();
    expect(await clerk.locator('.flash').textContent()).toBe('ファイルを添付しました。');
    expect(await clerk.locator('#attachments table').textContent()).toContain('令和6年度 結婚数の記録.pdf');
    await checkPage(clerk, 'clerk-09-attached');
  });

  it('shows the strategy office the warning, the status preview and the change from last year, and the PDF to download', async () => {
    const office = await newPage(browser);
    await logIn(office, baseUrl, DEMO.strategy);
    await office.goto(`${baseUrl}${taskPath}`);
    const marriages = office.locator('.kpi-entry', { has: office.getByRole('heading', { name: /とましん結婚相談所登録者の結婚数/ }) });
    const review = marriages.locator('.value-review');
    expect(await review.textContent()).toContain('1,231組 増加');
    expect(await review.locator('.badge').textContent()).toContain('達成');
    expect(await review.locator('.plausibility').textContent()).toContain('目標値（令和6年度・30組）を大きく超えています');
    await checkPage(office, 'clerk-10-office-review');
    const [download] = await Promise.all([office.waitForEvent('download'), office.getByRole('link', { name: '令和6年度 結婚数の記録.pdf' }).click()]);
    expect(Buffer.compare(readFileSync((await download.path())!), pdf)).toBe(0);

    // Another department's member who has the address gets "not found", as for any other id.
    const href = (await office.getByRole('link', { name: '令和6年度 結婚数の記録.pdf' }).getAttribute('href'))!;
    const stranger = await newPage(browser);
    await logIn(stranger, baseUrl, DEMO.care);
    expect((await stranger.goto(`${baseUrl}${href}`))!.status()).toBe(404);
    expect(await stranger.locator('h1').textContent()).toBe('ページが見つかりません');
    await Promise.all([office.context().close(), stranger.context().close()]);
  });

  it('ran without a script error or a CSP refusal', () => {
    expect(browserProblems).toEqual([]);
  });
});
