/**
 * The strategy office runs a season from the pages in a real browser: opens the season view from
 * the menu, sees it change as a department submits, follows the count to the submissions,
 * chooses them, confirms (how many, which department) and accepts them together, reads each
 * result, and finds a department with the header's search box. Only clicks after signing in;
 * every step is screenshotted and checked with axe-core.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { isoDateInTokyo } from '../../services/fiscal-year.ts';
import { DEMO, signIn, type Client } from '../helpers/client.ts';
import { browserProblems, checkPage, logIn, newPage, useBrowserApp } from '../helpers/browser.ts';

const { app, baseUrl, browser } = await useBrowserApp();
const dueDate = isoDateInTokyo(new Date(Date.now() + 10 * 86_400_000));
let office: Page;
let policy: Client;
let tasks: { id: string }[];

async function submit(taskId: string) {
  const kpis = (await policy.get(`/api/tasks/${taskId}`)).json().kpis as { id: string }[];
  expect((await policy.post(`/api/tasks/${taskId}/submissions`, { values: kpis.map((k) => ({ kpiId: k.id, value: 4 })) })).statusCode).toBe(201);
}

beforeAll(async () => {
  const so = await signIn(app, DEMO.strategy);
  policy = await signIn(app, DEMO.policy);
  const planId = (await so.get('/api/plans')).json().items[0].id;
  expect((await so.post(`/api/plans/${planId}/review-cycles`, { fiscalYear: 2024, measureNumbers: [10, 2], dueDate })).statusCode).toBe(201);
  tasks = ((await policy.get('/api/tasks?fiscalYear=2024')).json().items as { id: string; measureNumber: number }[]).filter((t) => t.measureNumber === 10);
  expect(tasks).toHaveLength(3);
  office = await newPage(browser);
});

/** The number a count cell of measure ⑩ shows (0 is not a link). */
const countOf = async (label: string) => (await office.locator('#season-measures tbody tr', { hasText: '施策⑩' }).locator('td.num').nth(label === '確認待ち' ? 1 : 3).textContent())?.trim();

describe('the season, from the menu to accepting several at once', { timeout: 120_000 }, () => {
  it('opens the season at a glance from the menu', async () => {
    await logIn(office, baseUrl, DEMO.strategy);
    await office.getByRole('navigation').getByRole('link', { name: '調査の状況' }).click();
    expect(await office.locator('h1').textContent()).toBe('調査の状況');
    expect(await office.locator('#season-measures tbody tr').count()).toBeGreaterThanOrEqual(19);
    expect(await countOf('確認待ち')).toBe('0');
    await checkPage(office, 'season-01-at-a-glance');
  });

  it('shows the office’s tasks with the departments yet to submit', async () => {
    await office.getByRole('navigation').getByRole('link', { name: 'マイタスク' }).click();
    expect(await office.locator('#not-submitted').textContent()).toContain('政策推進課');
    await checkPage(office, 'season-02-office-tasks');
    await office.getByRole('link', { name: '調査の状況（一覧表）を開く' }).click();
    expect(await office.locator('h1').textContent()).toBe('調査の状況');
  });

  it('changes as the department submits', async () => {
    await submit(tasks[0]!.id);
    await submit(tasks[1]!.id);
    await office.reload();
    expect(await countOf('確認待ち')).toBe('2');
    await checkPage(office, 'season-03-after-submissions');
  });

  it('follows the count to the submissions, confirms how many and which department, and accepts them', async () => {
    await office.getByRole('link', { name: '確認待ち: 2 件（施策⑩）' }).click();
    expect(await office.locator('h1').textContent()).toBe('調査票の一覧');
    const boxes = office.locator('input[name="taskIds"]');
    expect(await boxes.count()).toBe(2);
    // Nothing chosen: the list again, the problem beside it.
    await office.getByRole('button', { name: '選んだ提出をまとめて受理する' }).click();
    expect(await office.locator('.error-summary').textContent()).toContain('1 件以上選んでください');
    await checkPage(office, 'season-04-nothing-chosen');
    for (let i = 0; i < 2; i++) await office.locator('input[name="taskIds"]').nth(i).check();
    await office.getByRole('button', { name: '選んだ提出をまとめて受理する' }).click();
    expect(await office.locator('h2#confirm-what').textContent()).toBe('2 件の提出を受理します。');
    expect(await office.locator('main').textContent()).toContain('対象の課（1 課）: 政策推進課');
    await checkPage(office, 'season-05-confirm');
    await office.getByRole('button', { name: '2 件を受理する' }).click();
    expect(await office.locator('.lead').textContent()).toBe('2 件を処理しました。処理されなかったもの: 0 件。');
    expect(await office.locator('#bulk-result tbody tr', { hasText: '受理しました' }).count()).toBe(2);
    await checkPage(office, 'season-06-result');
    await office.getByRole('link', { name: '調査の状況へ戻る' }).click();
    expect(await countOf('確認待ち')).toBe('0');
    expect(await countOf('受理済み')).toBe('2');
    await checkPage(office, 'season-07-after-accepting');
  });

  it('finds a department by part of its name from the header’s search box', async () => {
    await office.getByRole('searchbox', { name: 'サイト内検索' }).first().fill('雇用');
    await office.getByRole('button', { name: '検索' }).first().click();
    expect(await office.locator('h1').textContent()).toBe('「雇用」の検索結果');
    await checkPage(office, 'season-08-search');
    await office.getByRole('link', { name: '工業・雇用振興課', exact: true }).click();
    expect(await office.locator('h1').textContent()).toBe('調査の状況');
    expect(await office.locator('#season-departments tbody tr').count()).toBe(1);
  });

  it('ran without a script error or a CSP refusal', () => {
    expect(browserProblems).toEqual([]);
  });
});
