/**
 * A department clerk's returned task in a real browser, from the email that actually arrived
 * at the SMTP server: the link opens the task at its figures with the return's reason in view;
 * a wrong figure gives an error summary that takes focus and links to the field; 一時保存 keeps
 * the work, the clerk leaves and comes back to it from My tasks; 送信 goes through the
 * confirmation screen, and the page then says what happens next. Every step is screenshotted
 * and checked with axe-core.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { isoDateInTokyo } from '../../services/fiscal-year.ts';
import { DEMO, signIn } from '../helpers/client.ts';
import { browserProblems, logIn, newPage, screenshot, seriousA11yViolations, useBrowserApp } from '../helpers/browser.ts';
import { startSmtpSink } from '../helpers/smtp.ts';
import { useWorker, waitForIdle } from '../helpers/worker.ts';

const smtp = await startSmtpSink();
const { app, deps, baseUrl, browser } = await useBrowserApp({ env: { SMTP_URL: smtp.url } });
const worker = await useWorker(deps);
const dueDate = isoDateInTokyo(new Date(Date.now() + 5 * 86_400_000));
const REASON = '結婚数は累計ではなく、令和6年度の組数で入力してください';
let clerk: Page;
let emailLink: URL;

async function checkPage(page: Page, name: string) {
  await screenshot(page, name);
  expect(await seriousA11yViolations(page), `accessibility of ${name}`).toEqual([]);
}

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

  it('sends through the confirmation screen and says what happens next', async () => {
    const entry = (kpi: string) => clerk.locator('.kpi-entry', { hasText: kpi });
    await entry('婚姻率').getByRole('textbox', { name: /実績値/ }).fill('6.1');
    await entry('結婚数').getByRole('textbox', { name: /実績値/ }).fill('12');
    await clerk.getByLabel('提出に添えるコメント').fill('結婚数を組数に直しました');
    await clerk.getByRole('button', { name: '入力内容を確認する' }).click();
    expect(await clerk.locator('h1').textContent()).toBe('送信内容の確認');
    const rows = await clerk.locator('.confirm-table tbody tr').allTextContents();
    expect(rows.map((r) => r.replace(/\s+/g, ' ').trim())).toEqual(['婚姻率 6.1% 確定値', 'とましん結婚相談所登録者の結婚数 12組 確定値']);
    expect(await clerk.locator('dl.facts').textContent()).toContain('結婚数を組数に直しました');
    await checkPage(clerk, 'clerk-06-confirm');

    await clerk.getByRole('button', { name: '送信する' }).click();
    expect(await clerk.locator('.flash').textContent()).toContain('次は政策推進課が内容を確認します。修正が必要な場合は差し戻され、理由をメールでお知らせします。');
    expect(await clerk.locator('.page-head .tag').first().textContent()).toBe('提出済み（確認待ち）');
    const first = await clerk.locator('.first-things').textContent();
    expect(first).toContain('送信済みです。政策推進課が内容を確認しています。');
    expect(first).not.toContain('送信してください');
    expect(await clerk.locator('.draft-notice').count()).toBe(0);
    expect(await clerk.locator('#submissions-heading + .table-wrap').textContent()).toContain('12組');
    await checkPage(clerk, 'clerk-07-sent');
    expect((await deps.database.sql`select count(*)::int as n from submission_drafts`)[0]!.n).toBe(0);
  });

  it('ran without a script error or a CSP refusal', () => {
    expect(browserProblems).toEqual([]);
  });
});
