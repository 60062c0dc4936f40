/**
 * Issue 17's first "done when", in a real browser: the strategy office builds a small plan in
 * the editor by clicks (2 goals, 3 measures, 4 projects, 6 KPIs with a 累計 one and a
 * lower-is-better one), adopts it, opens a review on it from the board, and a department member
 * submits actuals for its task. Every page is checked with axe-core.
 */
import type { Page } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { kpis, plans } from '../../db/schema/index.ts';
import { DEMO } from '../helpers/client.ts';
import { browserProblems, checkPage, logIn, logOut, newPage, useBrowserApp } from '../helpers/browser.ts';
import { SMALL_PLAN_KPIS } from '../helpers/small-plan.ts';

const { deps, baseUrl, browser } = await useBrowserApp();
let page: Page;
let planPath: string;
const PLAN = '第3期苫小牧市総合戦略（試行）';
const YEARS = [2025, 2026, 2027, 2028, 2029];

const button = (name: string) => page.getByRole('button', { name, exact: true });
const toPlan = () => page.getByRole('link', { name: PLAN, exact: true }).first().click();

async function addGoal(number: number, title: string) {
  await page.locator('#new-number').fill(String(number));
  await page.locator('#new-title').fill(title);
  await button('基本目標を追加').click();
  await page.waitForURL(`**/editor/goals/${number}`);
}

async function addDirection(title: string) {
  await page.locator('#new-title').fill(title);
  await button('施策の基本的方向を追加').click();
  await page.waitForURL('**/editor/directions/*');
}

async function addMeasure(number: number, title: string) {
  await page.locator('#new-number').fill(String(number));
  await page.locator('#new-title').fill(title);
  await button('施策を追加').click();
  await page.waitForURL(`**/editor/measures/${number}`);
}

async function addProject(name: string, lead: string, co: string[] = []) {
  await page.locator('#new-name').fill(name);
  await page.locator('#new-leadDepartmentId').selectOption({ label: lead });
  for (const d of co) await page.locator('#new-coDepartmentIds').getByLabel(d).check();
  await button('事業を追加').click();
  await page.waitForURL('**/editor/projects/*');
}

async function addKpi(kpi: (typeof SMALL_PLAN_KPIS)[string][number]) {
  await page.getByRole('link', { name: 'ＫＰＩを追加' }).click();
  await page.locator('#name').fill(kpi.name);
  await page.locator('#unit').selectOption(kpi.unit);
  await page.locator('#cumulative').selectOption(String(kpi.cumulative));
  await page.locator('#direction').selectOption(kpi.direction);
  if (kpi.baseline) {
    await page.locator('#baseline-fiscalYear').selectOption(String(kpi.baseline.fiscalYear));
    await page.locator('#baseline-value').fill(String(kpi.baseline.value));
  }
  for (const t of kpi.targets) if (t.value !== null) await page.locator(`#targets-${YEARS.indexOf(t.fiscalYear)}--value`).fill(String(t.value));
  await button('ＫＰＩを追加').click();
  await page.waitForURL('**/editor/projects/*');
}

beforeAll(async () => {
  page = await newPage(browser);
  await logIn(page, baseUrl, DEMO.strategy);
});

describe('the strategy office writes a plan in the editor', () => {
  it('creates a draft from the plans menu', async () => {
    await page.getByRole('navigation').getByRole('link', { name: '計画', exact: true }).click();
    await checkPage(page, 'editor-01-plans');
    await page.getByRole('link', { name: '新しい計画を作成' }).click();
    await page.locator('#name').fill(PLAN);
    await page.locator('#periodStartFiscalYear').selectOption('2025');
    await page.locator('#periodEndFiscalYear').selectOption('2024');
    await button('新しい計画を作成').click();
    // The period backwards: said next to its field, the name kept.
    expect(await page.locator('#periodEndFiscalYear-error').textContent()).toContain('初年度より前の年度は指定できません');
    expect(await page.locator('#name').inputValue()).toBe(PLAN);
    await checkPage(page, 'editor-02-new-plan-error');
    await page.locator('#periodEndFiscalYear').selectOption('2029');
    await button('新しい計画を作成').click();
    expect(await page.locator('.flash').textContent()).toContain('下書きの計画を作成しました');
    planPath = new URL(page.url()).pathname;
    await checkPage(page, 'editor-03-draft');
  }, 60_000);

  it('adds two goals with their directions and three measures', async () => {
    await addGoal(1, 'しごとをつくる');
    await checkPage(page, 'editor-04-goal');
    await addDirection('雇用の創出');
    await addMeasure(1, '若者の市内就職の促進');
    await page.getByRole('link', { name: '雇用の創出' }).click();
    // A measure number already used: refused next to its field.
    await page.locator('#new-number').fill('1');
    await page.locator('#new-title').fill('創業の支援');
    await button('施策を追加').click();
    expect(await page.locator('#new-number-error').textContent()).toContain('番号 1 はすでに使われています');
    await checkPage(page, 'editor-05-measure-error');
    await addMeasure(2, '創業の支援');
    await toPlan();
    await addGoal(2, '安心して暮らせるまち');
    await addDirection('健康と福祉');
    await addMeasure(3, '介護予防の推進');
    await checkPage(page, 'editor-06-measure');
  }, 120_000);

  it('adds four projects with their departments and six KPIs', async () => {
    const goToMeasure = async (n: number, title: string) => {
      await page.goto(`${baseUrl}${planPath}`);
      await page.getByRole('link', { name: new RegExp(`${title}$`) }).first().click();
      await page.waitForURL(`**/editor/measures/${n}`);
    };
    await goToMeasure(1, '若者の市内就職の促進');
    await addProject('合同就職説明会事業', '工業・雇用振興課');
    for (const k of SMALL_PLAN_KPIS['m01-p01']!) await addKpi(k);
    await checkPage(page, 'editor-07-project');
    await goToMeasure(1, '若者の市内就職の促進');
    await addProject('就職相談事業', '政策推進課', ['工業・雇用振興課']);
    // A percentage over 100: refused at the year's field, the other input kept, nothing written.
    await page.getByRole('link', { name: 'ＫＰＩを追加' }).click();
    await page.locator('#name').fill('相談者の満足度');
    await page.locator('#unit').selectOption('%');
    await page.locator('#targets-4--value').fill('120');
    await button('ＫＰＩを追加').click();
    expect(await page.locator('#targets-4--value-error').textContent()).toContain('0 から 100 の範囲');
    expect(await page.locator('#name').inputValue()).toBe('相談者の満足度');
    await checkPage(page, 'editor-08-kpi-error');
    await page.getByRole('link', { name: '就職相談事業' }).click();
    for (const k of SMALL_PLAN_KPIS['m01-p02']!) await addKpi(k);
    await goToMeasure(2, '創業の支援');
    await addProject('創業支援事業', '工業・雇用振興課');
    for (const k of SMALL_PLAN_KPIS['m02-p01']!) await addKpi(k);
    await goToMeasure(3, '介護予防の推進');
    await addProject('介護予防事業', '介護福祉課');
    for (const k of SMALL_PLAN_KPIS['m03-p01']!) await addKpi(k);
    await page.goto(`${baseUrl}${planPath}`);
    const text = await page.locator('main').textContent();
    for (const name of Object.values(SMALL_PLAN_KPIS).flat().map((k) => k.name)) expect(text).toContain(name);
    expect(text).not.toContain('相談者の満足度');
    await checkPage(page, 'editor-09-draft-complete');
  }, 180_000);

  it('adopts it on the confirmation page; the editor then says why it cannot be changed', async () => {
    await page.getByRole('link', { name: 'この計画を策定する' }).click();
    expect(await page.locator('.lead').textContent()).toContain('施策 3、事業 4、ＫＰＩ 6');
    await checkPage(page, 'editor-10-adopt');
    await page.locator('#adoptedOn').fill('2025-03-31');
    await button('策定する').click();
    expect(await page.locator('.flash').textContent()).toContain('計画を策定しました');
    expect(await page.locator('.lead').textContent()).toContain('令和7年3月31日');
    await checkPage(page, 'editor-11-adopted');
    const [row] = await deps.db.select().from(plans).where(eq(plans.name, PLAN));
    expect(row).toMatchObject({ status: 'adopted', adoptedOn: '2025-03-31' });
    const kpiRows = await deps.db.select().from(kpis).where(eq(kpis.planId, row!.id));
    expect(kpiRows).toHaveLength(6);
    expect(kpiRows.filter((k) => k.cumulative)).toHaveLength(1);
    expect(kpiRows.filter((k) => k.direction === 'lower')).toHaveLength(1);
    const editor = await page.goto(`${baseUrl}${planPath}/editor/goals/1`);
    expect(editor!.status()).toBe(409);
    expect(await page.locator('.notice').textContent()).toContain('この計画は策定済みです');
  }, 60_000);

  it('opens a review of FY2025 on it from the board', async () => {
    await page.goto(`${baseUrl}/`);
    await page.getByRole('navigation').getByRole('link', { name: 'OODAボード' }).click();
    expect(page.url()).toContain(planPath);
    await page.locator('#open-year').selectOption('2025');
    await button('調査を開始する').click();
    // The confirmation says what opening does; its button does it.
    expect(await page.locator('h1').textContent()).toBe('調査開始の確認');
    await button('調査を開始する').click();
    await page.waitForURL('**/board?fiscalYear=2025');
    await checkPage(page, 'editor-12-board');
    await logOut(page);
  }, 60_000);
});

describe('a department member submits', () => {
  it('finds the task of the new plan and sends its actuals', async () => {
    await logIn(page, baseUrl, DEMO.care);
    await page.getByRole('navigation').getByRole('link', { name: 'マイタスク', exact: true }).click();
    await page.getByRole('link', { name: '介護予防事業' }).click();
    for (const [i, value] of ['420', '260'].entries()) await page.locator(`#v${i}-value`).fill(value);
    await button('入力内容を確認する').click();
    expect(await page.locator('h1').textContent()).toBe('送信内容の確認');
    await button('送信する').click();
    await checkPage(page, 'editor-13-submitted');
    expect(await page.locator('main').textContent()).toContain('送信済み');
    expect(browserProblems).toEqual([]);
  }, 60_000);
});
