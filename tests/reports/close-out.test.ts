/**
 * The close of the period (総括) of the Tomakomai plan, whose period (FY2020–FY2024) has ended:
 * every numeric target and KPI judged at FY2024 exactly as the Orient engine judges it, the
 * projects' grades by year after a review, every decision; as JSON, a page, a print page and
 * Excel, none of them showing an internal code.
 */
import ExcelJS from 'exceljs';
import { count } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { decisionLog } from '../../db/schema/index.ts';
import { getPlanDashboard } from '../../services/orient/plan-dashboard.ts';
import { ORIENT_STATUSES } from '../../services/orient/statuses.ts';
import { REVISION_MARKERS } from '../../services/plans/markers.ts';
import { DEMO, signIn, type Client } from '../helpers/client.ts';
import { manualClock } from '../helpers/clock.ts';
import { pageSignIn } from '../helpers/pages.ts';
import { systemCtx, useTestApp } from '../helpers/setup.ts';
import { planIdOf, reviewMeasureOne } from './helpers.ts';

const day0 = Date.now() + 86_400_000;
const day = (n: number) => new Date(day0 + n * 86_400_000).toISOString();
const clock = manualClock(day(0));
let app: Awaited<ReturnType<typeof useTestApp>>['app'];
let deps: Awaited<ReturnType<typeof useTestApp>>['deps'];
let so: Client, employment: Client, policy: Client, care: Client;
let planId: string;

async function signInAll() {
  [so, employment, policy, care] = await Promise.all([signIn(app, DEMO.strategy), signIn(app, DEMO.employment), signIn(app, DEMO.policy), signIn(app, DEMO.care)]);
}

/** What a person reads: the text without tags, scripts or styles. */
const visibleText = (html: string) => html.replace(/<style[\s\S]*?<\/style>/g, '').replace(/<script[\s\S]*?<\/script>/g, '').replace(/<[^>]+>/g, ' ');
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const CODES = /\bm\d{2}-p\d{2}(-k\d+)?\b|\bg\d-t\d\b/;
const ENUMS = new RegExp(`\\b(${[...ORIENT_STATUSES, ...REVISION_MARKERS, 'numeric_target', 'very_effective', 'considerably_effective', 'not_effective', 'abolish'].join('|')})\\b`);
const expectNoInternalCodes = (text: string) => {
  expect(text).not.toMatch(UUID);
  expect(text).not.toMatch(CODES);
  expect(text).not.toMatch(ENUMS);
};

beforeAll(async () => {
  ({ app, deps } = await useTestApp({ clock }));
  await signInAll();
  planId = await planIdOf(so);
  const at = async (n: number) => {
    clock.set(day(n));
    await signInAll();
  };
  await reviewMeasureOne({ so: () => so, departments: () => ({ 工業・雇用振興課: employment, 政策推進課: policy, 介護福祉課: care }), planId, at, dueDate: day(60).slice(0, 10) });
}, 180_000);

describe('the close of the period (総括)', () => {
  it('judges every numeric target and KPI at FY2024 exactly as the Orient engine does', async () => {
    const res = await so.get(`/api/plans/${planId}/reports/close-out`);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const closeOut = res.json();
    expect(closeOut.finalYear).toBe(2024);
    type Line = { kpiId: string; status: string; achievement: number | null; achieved: boolean };
    const lines: Line[] = closeOut.goals.flatMap((g: { numericTargets: Line[]; kpis: Line[] }) => [...g.numericTargets, ...g.kpis]);
    // The engine, run here on the seeded plan at the same final year and the same day.
    const engine = await getPlanDashboard({ ctx: systemCtx(deps.db, clock), input: { planId, fiscalYear: 2024 } });
    const entries = engine.goals.flatMap((g) => [...g.numericTargets, ...g.directions.flatMap((d) => d.measures.flatMap((m) => m.projects.flatMap((p) => p.kpis)))]);
    expect(lines).toHaveLength(104);
    expect(entries).toHaveLength(104);
    const judged = (list: { id: string; status: string; achievement: number | null }[]) => Object.fromEntries(list.map((e) => [e.id, [e.status, e.achievement]]));
    expect(judged(lines.map((l) => ({ id: l.kpiId, status: l.status, achievement: l.achievement })))).toEqual(
      judged(entries.map((e) => ({ id: e.id, status: e.assessment.status, achievement: e.assessment.achievement }))),
    );
    for (const l of lines) expect(l.achieved).toBe(l.status === 'achieved');
    expect(closeOut.summary.total).toBe(engine.summary.kpis.total);
    expect(closeOut.summary.counts).toEqual(engine.summary.kpis.counts);
  });

  it('gives each project’s grades and next steps by the years reviewed, and every decision of the log', async () => {
    const closeOut = (await so.get(`/api/plans/${planId}/reports/close-out`)).json();
    expect(closeOut.reviewYears).toEqual(['令和4年度']);
    const fair = closeOut.projects.find((p: { name: string }) => p.name === '合同就職説明会事業');
    expect(fair.grades).toHaveLength(1);
    expect(fair.grades[0].effectGrade).toEqual(expect.any(String));
    expect(fair.grades[0].nextStep).toEqual(expect.any(String));
    expect(closeOut.projects).toHaveLength(75);
    const n = (await deps.db.select({ n: count() }).from(decisionLog))[0]!.n;
    expect(closeOut.decisions).toHaveLength(n);
    expect(n).toBeGreaterThan(30);
  });

  it('is the strategy office’s: a department member is refused', async () => {
    expect((await employment.get(`/api/plans/${planId}/reports/close-out`)).statusCode).toBe(403);
  });

  it('renders as a page, a print page and Excel without internal codes', async () => {
    const office = await pageSignIn(app, DEMO.strategy);
    const menu = await office.get(`/plans/${planId}/reports?lang=ja`);
    expect(menu.body).toContain(`<a href="/plans/${planId}/close-out">画面で見る</a>`);
    const page = await office.get(`/plans/${planId}/close-out`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('最終評価の概要（ＫＰＩ）');
    expect(page.body).toContain('<td>相談件数</td>');
    expectNoInternalCodes(visibleText(page.body));

    const print = await office.get(`/reports/plans/${planId}/close-out`);
    expect(print.statusCode).toBe(200);
    expect(print.body).toContain('苫小牧市総合戦略（第2期）　総括');
    expect(print.body).toContain('計画期間 令和2年度〜令和6年度');
    expectNoInternalCodes(visibleText(print.body));

    const xlsx = await office.get(`/plans/${planId}/downloads/close-out.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ExcelJS.Buffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['最終評価', '事業の評価', '決定記録']);
    const cells: string[] = [];
    book.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value)))));
    expect(book.getWorksheet('最終評価')!.rowCount).toBe(4 + 104);
    expect(cells).toContain('相談件数');
    expectNoInternalCodes(cells.join('\n'));
  });

  it('is not made before the period has ended', async () => {
    clock.set('2024-06-01T09:00:00+09:00');
    await signInAll();
    const res = await so.get(`/api/plans/${planId}/reports/close-out`);
    expect(res.statusCode).toBe(400);
  });
});
