/**
 * The page that starts the next period: only the strategy office has it; bad input is named
 * next to its field with the input kept and nothing written; a good form opens the new plan's
 * draft in the editor saying what to fill in; once its continued KPI has targets and it is
 * adopted, its dashboard links to the earlier period's (read only) plan.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { plans } from '../../db/schema/index.ts';
import { DEMO, signIn } from '../helpers/client.ts';
import { pageSignIn, type PageClient } from '../helpers/pages.ts';
import { useTestApp } from '../helpers/setup.ts';

const { app, deps } = await useTestApp();
let office: PageClient;
let planId: string;
let ids: { measure: string; project: string; kpi: string };

const fieldError = (html: string, id: string) => new RegExp(`id="${id}-error"><span aria-hidden="true">！</span>([^<]*)<`).exec(html)?.[1] ?? null;
/** The form row of an item: the N of its hidden `choices[N].id`. */
const rowOf = (html: string, id: string) => Number(new RegExp(`name="choices\\[(\\d+)\\]\\.id" value="${id}"`).exec(html)![1]);

beforeAll(async () => {
  const api = await signIn(app, DEMO.strategy);
  planId = (await api.get('/api/plans')).json().items[0].id;
  const tree = (await api.get(`/api/plans/${planId}/tree`)).json();
  const m12 = tree.goals[2].directions.flatMap((d: { measures: unknown[] }) => d.measures).find((m: { number: number }) => m.number === 12);
  ids = { measure: m12.id, project: m12.projects[0].id, kpi: m12.projects[0].kpis[0].id };
  office = await pageSignIn(app, DEMO.strategy);
});

describe('the next-plan page', () => {
  it('is the strategy office’s: a department gets the forbidden page', async () => {
    const clerk = await pageSignIn(app, DEMO.policy);
    const res = await clerk.get(`/plans/${planId}/next`);
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toContain('text/html');
    expect((await office.get(`/plans/${planId}/dashboard`)).body).toContain(`href="/plans/${planId}/next"`);
  });

  it('names each problem next to its field, keeps the input and writes nothing', async () => {
    const page = (await office.get(`/plans/${planId}/next`)).body;
    expect(page).toContain('苫小牧市総合戦略（第2期）（令和2年度～令和6年度）をもとに');
    const row = rowOf(page, ids.kpi);
    const before = (await deps.db.select().from(plans)).length;
    const res = await office.post(`/plans/${planId}/next`, {
      name: '',
      periodStartFiscalYear: '2024',
      periodEndFiscalYear: '二〇二九',
      rationale: '第3期の策定',
      [`choices[${rowOf(page, ids.measure)}].id`]: ids.measure,
      [`choices[${rowOf(page, ids.measure)}].choice`]: 'omit',
      [`choices[${row}].id`]: ids.kpi,
      [`choices[${row}].choice`]: 'continue',
    });
    expect(res.statusCode).toBe(400);
    expect(fieldError(res.body, 'name')).toBe('入力してください（必須項目です）');
    expect(fieldError(res.body, 'periodEndFiscalYear')).toBe('整数で入力してください');
    expect(res.body).toContain('value="二〇二九"');
    // The schema passed only the year: now the service's own checks, named by the form's rows.
    const res2 = await office.post(`/plans/${planId}/next`, {
      name: '苫小牧市総合戦略（第3期）',
      periodStartFiscalYear: '2024',
      periodEndFiscalYear: '2029',
      rationale: '第3期の策定',
      [`choices[${rowOf(page, ids.measure)}].id`]: ids.measure,
      [`choices[${rowOf(page, ids.measure)}].choice`]: 'omit',
      [`choices[${row}].id`]: ids.kpi,
      [`choices[${row}].choice`]: 'continue',
    });
    expect(res2.statusCode).toBe(400);
    expect(fieldError(res2.body, 'periodStartFiscalYear')).toBe('前の計画の期間（2024年度まで）より後の年度を指定してください');
    expect(fieldError(res2.body, `choices-${row}--choice`)).toBe('継続するには、この指標の事業も「継続」にしてください');
    expect(res2.body).toMatch(new RegExp(`name="choices\\[${row}\\]\\.choice" value="continue" id="choices-${row}--choice" checked`));
    expect((await deps.db.select().from(plans)).length).toBe(before);
  });

  it('creates a draft and opens it in the editor saying what to fill in; adopted, its dashboard links to the earlier period', async () => {
    const page = (await office.get(`/plans/${planId}/next`)).body;
    const form: Record<string, string> = { name: '苫小牧市総合戦略（第3期）', periodStartFiscalYear: '2025', periodEndFiscalYear: '2029', rationale: '第3期の策定' };
    for (const id of [ids.measure, ids.project, ids.kpi]) {
      form[`choices[${rowOf(page, id)}].id`] = id;
      form[`choices[${rowOf(page, id)}].choice`] = 'continue';
    }
    const res = await office.post(`/plans/${planId}/next`, form);
    expect(res.statusCode).toBe(303);
    const location = res.headers.location as string;
    expect(location).toMatch(/^\/plans\/[0-9a-f-]{36}$/);
    const newPlanId = location.split('/')[2]!;
    const editor = await office.get(location);
    expect(editor.body).toContain('次期計画の案を作成しました。継続した指標ごとに基準値と目標値を入力し');
    expect(editor.body).toContain('婚姻率 <span class="muted">（前期から継続）</span>');
    const kpiPage = await office.get(`/plans/${newPlanId}/editor/kpis/m12-p01-k1`);
    expect(kpiPage.statusCode).toBe(200);
    expect(kpiPage.body).toContain('苫小牧市総合戦略（第2期）から継続する指標です。');
    // Not adopted yet: no dashboard of its own, the 2nd period stays current.
    expect((await office.get(`/plans/${planId}/dashboard`)).body).not.toContain('この計画は終了した期間の計画です。');

    const saved = await office.post(`/plans/${newPlanId}/editor/kpis/m12-p01-k1`, {
      name: '婚姻率',
      unit: '%',
      cumulative: 'false',
      direction: 'higher',
      'baseline.fiscalYear': '2023',
      'baseline.value': '4.2',
      'targets[4].value': '5',
    });
    expect(saved.statusCode, saved.body).toBe(303);
    const adopted = await office.post(`/plans/${newPlanId}/adopt`, { adoptedOn: '2025-03-31' });
    expect(adopted.statusCode, adopted.body).toBe(303);
    const dashboard = await office.get(`/plans/${newPlanId}/dashboard`);
    expect(dashboard.body).toContain(`<a href="/plans/${planId}/dashboard">苫小牧市総合戦略（第2期）</a>（終了した期間）`);
    const past = await office.get(`/plans/${planId}/dashboard`);
    expect(past.body).toContain('この計画は終了した期間の計画です。');
    expect(past.body).not.toContain(`href="/plans/${planId}/next"`);
  });
});
