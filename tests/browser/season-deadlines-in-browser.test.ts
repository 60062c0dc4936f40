/**
 * The strategy office runs the start of a season in a real browser, by clicks only: opens
 * measure ⑫ for FY2024 through the confirmation page (how many measures, tasks, departments;
 * when they are told), the department's kick-off email arrives at once at the SMTP server; the
 * office then extends that department's deadline with a reason from the cycle page, and the
 * department's email with the new date and the reason arrives. Each step is screenshotted and
 * checked with axe-core.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../services/calendar/season.ts';
import { isoDateInTokyo } from '../../services/fiscal-year.ts';
import { DEMO } from '../helpers/client.ts';
import { browserProblems, checkPage, logIn, newPage, useBrowserApp } from '../helpers/browser.ts';
import { startSmtpSink } from '../helpers/smtp.ts';
import { useWorker, waitForIdle } from '../helpers/worker.ts';

const smtp = await startSmtpSink();
const { deps, baseUrl, browser } = await useBrowserApp({ env: { SMTP_URL: smtp.url } });
const worker = await useWorker(deps);
const today = isoDateInTokyo(new Date());
const REASON = '議会の日程に合わせて提出期限を延長します';
const MAILBOX = 'policy-promotion@tomakomai.example';
let office: Page;

const flash = (page: Page) => page.locator('.flash').textContent();

beforeAll(async () => {
  office = await newPage(browser);
  await logIn(office, baseUrl, DEMO.strategy);
});

describe('the strategy office starts a season', () => {
  it('opens measure ⑫ through a confirmation that says what will happen', { timeout: 120_000 }, async () => {
    await office.getByRole('navigation').getByRole('link', { name: 'OODAボード', exact: true }).click();
    // The plan's seasons are past their calendar dates: the calendar's 60-day season from today.
    expect(await office.getByLabel('提出期限').inputValue()).toBe(addDays(today, 60));
    await office.getByLabel(/施策⑫/).check();
    await office.getByRole('button', { name: '調査を開始する' }).click();
    expect(await office.locator('h1').textContent()).toBe('調査開始の確認');
    const facts = (await office.locator('.open-consequences').textContent())!.replace(/\s+/g, ' ');
    expect(facts).toMatch(/開始する施策\s*1 件/);
    expect(facts).toMatch(/配付する調査票\s*2 件/);
    expect(facts).toContain('政策推進課');
    expect(await office.locator('.notice').first().textContent()).toContain('開始と同時に送信されます');
    await checkPage(office, 'deadlines-01-open-confirm');
    await office.getByRole('button', { name: '調査を開始する' }).click();
    expect(await flash(office)).toBe('調査を開始しました。各課への依頼メールを送信しています。');
    await checkPage(office, 'deadlines-02-opened');
  });

  it('tells the department at once', async () => {
    await waitForIdle(worker);
    const kickoff = smtp.received.filter((m) => m.to.includes(MAILBOX) && m.subject.includes('実績の提出のお願い'));
    expect(kickoff, smtp.received.map((m) => m.subject).join(' / ')).toHaveLength(1);
  });

  it('extends the department’s deadline with a reason, and the department is emailed the new date and why', { timeout: 120_000 }, async () => {
    await office.getByRole('link', { name: /詳細を開く.*施策⑫/ }).click();
    await office.getByRole('link', { name: '提出期限を変更する' }).click();
    expect(await office.locator('h1').textContent()).toBe('提出期限の変更');
    await checkPage(office, 'deadlines-03-due-date-page');
    // A date before the current one is refused next to the field, the choice kept.
    const option = office.locator('#target option', { hasText: '政策推進課：' });
    const value = (await option.getAttribute('value'))!;
    await office.getByLabel('延長の対象').selectOption(value);
    await office.locator('#extendDueDate').fill(addDays(today, 30));
    await office.locator('#extendReason').fill(REASON);
    await office.getByRole('button', { name: '提出期限を延長する' }).click();
    expect(await office.locator('#extendDueDate-error').textContent()).toContain('現在の提出期限より後の日付にしてください');
    expect(await office.getByLabel('延長の対象').inputValue()).toBe(value);
    await checkPage(office, 'deadlines-04-extension-error');
    const before = smtp.received.length;
    await office.locator('#extendDueDate').fill(addDays(today, 90));
    await office.getByRole('button', { name: '提出期限を延長する' }).click();
    expect(await flash(office)).toContain('提出期限を変更しました。');
    await checkPage(office, 'deadlines-05-extended');

    await waitForIdle(worker);
    const email = smtp.received.slice(before).find((m) => m.to.includes(MAILBOX));
    expect(email, smtp.received.map((m) => m.subject).join(' / ')).toBeDefined();
    expect(email!.subject).toContain('提出期限を');
    expect(email!.text).toContain(`変更の理由：${REASON}`);
    expect(smtp.received.slice(before).every((m) => m.to.includes(MAILBOX))).toBe(true);
  });

  it('ran without a script error or a CSP refusal', () => {
    expect(browserProblems).toEqual([]);
  });
});
