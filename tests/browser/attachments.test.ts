/**
 * Evidence in a real browser (issue 16 §5, §6): the department's clerk submits with a
 * shared-drive path as the evidence, attaches a PDF through the file input (a wrong file first,
 * refused next to the input), and sees the Excel sheet's link and form; the strategy office
 * sees the path as text and downloads the PDF (a real download); another department's clerk
 * who guesses the file's address gets "not found". Screenshots kept; axe clean.
 */
import type { Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO, signIn } from '../helpers/client.ts';
import { browserProblems, checkPage, logIn, newPage, useBrowserApp } from '../helpers/browser.ts';
import { htmlFile, pdfFile } from '../helpers/uploads.ts';

const { app, baseUrl, browser } = await useBrowserApp();
let clerk: Page, office: Page, stranger: Page;
let taskUrl: string;
const pdf = pdfFile('FY2022 nursery evidence');

beforeAll(async () => {
  const so = await signIn(app, DEMO.strategy);
  const planId = (await so.get('/api/plans')).json().items[0].id;
  expect((await so.post(`/api/plans/${planId}/review-cycles`, { fiscalYear: 2022, measureNumbers: [6], dueDate: '2099-06-30' })).statusCode).toBe(201);
  const children = await signIn(app, DEMO.children);
  const task = ((await children.get('/api/tasks?fiscalYear=2022')).json().items as { id: string; projectCode: string }[]).find((t) => t.projectCode === 'm06-p01')!;
  taskUrl = `${baseUrl}/tasks/${task.id}`;
  [clerk, office, stranger] = await Promise.all([newPage(browser), newPage(browser), newPage(browser)]);
});

describe('evidence on the task page, in the browser', () => {
  it('the clerk submits with a shared-drive path as the evidence', async () => {
    await logIn(clerk, baseUrl, DEMO.children);
    await clerk.goto(taskUrl);
    expect(await clerk.locator('#attachments').textContent()).toContain('実績値を提出すると、資料を添付できます。');
    for (const [i, value] of ['13205', '281', '22'].entries()) await clerk.locator(`#v${i}-value`).fill(value);
    await clerk.getByLabel(/根拠資料の参照先/).fill('\\\\fileserver01\\こども育成課\\令和4年度\\実績根拠');
    await clerk.getByRole('button', { name: '入力内容を確認する' }).click();
    await clerk.getByRole('button', { name: '送信する' }).click();
    await clerk.waitForURL(taskUrl);
    expect(await clerk.locator('code.evidence-path').first().textContent()).toBe('\\\\fileserver01\\こども育成課\\令和4年度\\実績根拠');
  });

  it('refuses an HTML file next to the file input, then attaches a PDF through it', async () => {
    await clerk.getByLabel(/添付するファイル/).setInputFiles({ name: 'report.html', mimeType: 'text/html', buffer: htmlFile() });
    await clerk.getByRole('button', { name: '添付する', exact: true }).click();
    expect(await clerk.locator('#attachment-error').textContent()).toContain('添付できるのは PDF、Excel（.xlsx）、PNG・JPEG 画像です');
    expect(await clerk.getByLabel(/添付するファイル/).getAttribute('aria-invalid')).toBe('true');
    await checkPage(clerk, 'attachments-01-wrong-file');

    await clerk.getByLabel(/添付するファイル/).setInputFiles({ name: '令和4年度 根拠資料.pdf', mimeType: 'application/pdf', buffer: pdf });
    await clerk.getByRole('button', { name: '添付する', exact: true }).click();
    await clerk.waitForURL(`${taskUrl}#attachments`);
    expect(await clerk.locator('.flash').textContent()).toBe('ファイルを添付しました。');
    expect(await clerk.locator('#attachments table').textContent()).toContain('令和4年度 根拠資料.pdf');
    await checkPage(clerk, 'attachments-02-attached');
  });

  it('shows the sheet’s download link and upload form to the clerk', async () => {
    await clerk.locator('#task-sheet').scrollIntoViewIfNeeded();
    await expect(clerk.getByRole('link', { name: '実績報告シート（Excel）をダウンロード' }).count()).resolves.toBe(1);
    await expect(clerk.getByLabel('入力した実績報告シート（.xlsx）').count()).resolves.toBe(1);
    await clerk.locator('#task-sheet').screenshot({ path: 'test-artifacts/screenshots/attachments-03-sheet-form.png' });
    // A file that is not the sheet: the problem is listed at the form, nothing is submitted.
    await clerk.getByLabel('入力した実績報告シート（.xlsx）').setInputFiles({ name: '実績報告.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: pdf });
    await clerk.getByRole('button', { name: 'シートをアップロードして提出' }).click();
    expect(await clerk.locator('#sheet-problems').textContent()).toContain('Excel ファイル（.xlsx）として読めません');
    expect(await clerk.locator('.error-summary').textContent()).toContain('アップロードしたシートに 1 件の問題があります');
    await checkPage(clerk, 'attachments-03b-sheet-problems');
    expect(await clerk.locator('#submissions-heading ~ .table-wrap').count()).toBe(1);
  });

  it('the strategy office sees the path as text and downloads the PDF', async () => {
    await logIn(office, baseUrl, DEMO.strategy);
    await office.goto(taskUrl);
    expect(await office.locator('code.evidence-path').first().textContent()).toContain('fileserver01');
    await checkPage(office, 'attachments-04-office');
    const [download] = await Promise.all([office.waitForEvent('download'), office.getByRole('link', { name: '令和4年度 根拠資料.pdf' }).click()]);
    expect(download.suggestedFilename()).toBe('令和4年度 根拠資料.pdf');
    const saved = readFileSync((await download.path())!);
    expect(Buffer.compare(saved, pdf)).toBe(0);
  });

  it('another department’s clerk who guesses the address gets "not found"', async () => {
    const href = await office.getByRole('link', { name: '令和4年度 根拠資料.pdf' }).getAttribute('href');
    await logIn(stranger, baseUrl, DEMO.care);
    const res = await stranger.goto(`${baseUrl}${href}`);
    expect(res!.status()).toBe(404);
    expect(await stranger.locator('h1').textContent()).toBe('ページが見つかりません');
    await checkPage(stranger, 'attachments-05-other-department');
  });

  it('ran without script errors or CSP refusals', () => {
    expect(browserProblems).toEqual([]);
  });
});
