/**
 * The plan editor over the pages: a draft built form by form, each bad input named next to its
 * field in Japanese with nothing written, adoption on its confirmation page, an adopted plan's
 * editor refusing with the reason (409), amendments, and who may see what.
 */
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { plans } from '../../db/schema/index.ts';
import { DEMO } from '../helpers/client.ts';
import { pageSignIn, type PageClient } from '../helpers/pages.ts';
import { useTestApp } from '../helpers/setup.ts';
import { departmentId } from '../helpers/small-plan.ts';

const { app, deps } = await useTestApp();
let office: PageClient;
let member: PageClient;
let planId: string;
let employment: string;

const fieldError = (html: string, id: string) => new RegExp(`id="${id}-error"><span aria-hidden="true">！</span>([^<]*)<`).exec(html)?.[1] ?? null;
const draftOf = async () => (await deps.db.select().from(plans).where(eq(plans.id, planId)))[0]!;

beforeAll(async () => {
  office = await pageSignIn(app, DEMO.strategy);
  member = await pageSignIn(app, DEMO.employment);
  employment = await departmentId(deps.db, 'industry-employment');
});

describe('a draft in the editor', () => {
  it('is created from the plans list, with errors next to the fields', async () => {
    const list = await office.get('/plans');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('新しい計画を作成');
    expect(list.body).toContain('策定済み');
    await office.get('/plans/new');
    const bad = await office.post('/plans', { name: '', periodStartFiscalYear: '2029', periodEndFiscalYear: '2025' });
    expect(bad.statusCode).toBe(400);
    expect(fieldError(bad.body, 'name')).toMatch(/^入力してください/);
    const backwards = await office.post('/plans', { name: '第3期', periodStartFiscalYear: '2029', periodEndFiscalYear: '2025' });
    expect(fieldError(backwards.body, 'periodEndFiscalYear')).toBe('初年度より前の年度は指定できません');
    expect(backwards.body).toContain('value="第3期"');
    const ok = await office.post('/plans', { name: '第3期', periodStartFiscalYear: '2025', periodEndFiscalYear: '2029' });
    expect(ok.statusCode).toBe(303);
    planId = (ok.headers.location as string).split('/').at(-1)!;
    expect((await office.get('/plans')).body).toContain('下書き（策定前）');
  });

  it('takes goals, directions, measures, projects and KPIs, refusing bad ones at their fields', async () => {
    await office.get(`/plans/${planId}`);
    expect((await office.post(`/plans/${planId}/editor/goals`, { 'new.number': '1', 'new.title': 'しごと' })).headers.location).toBe(`/plans/${planId}/editor/goals/1`);
    const dup = await office.post(`/plans/${planId}/editor/goals`, { 'new.number': '1', 'new.title': '重複' });
    expect(dup.statusCode).toBe(400);
    expect(fieldError(dup.body, 'new-number')).toBe('番号 1 はすでに使われています');
    await office.get(`/plans/${planId}/editor/goals/1`);
    expect((await office.post(`/plans/${planId}/editor/goals/1/directions`, { 'new.title': '雇用' })).headers.location).toBe(`/plans/${planId}/editor/directions/1-1`);
    await office.get(`/plans/${planId}/editor/directions/1-1`);
    expect((await office.post(`/plans/${planId}/editor/directions/1-1/measures`, { 'new.number': '1', 'new.title': '就職' })).headers.location).toBe(`/plans/${planId}/editor/measures/1`);
    await office.get(`/plans/${planId}/editor/measures/1`);
    const noLead = await office.post(`/plans/${planId}/editor/measures/1/projects`, { 'new.name': '説明会', 'new.leadDepartmentId': '' });
    expect(noLead.statusCode).toBe(400);
    expect(noLead.body).toMatch(/id="new-leadDepartmentId-error"/);
    const twice = await office.post(`/plans/${planId}/editor/measures/1/projects`, { 'new.name': '説明会', 'new.leadDepartmentId': employment, 'new.coDepartmentIds': employment });
    expect(fieldError(twice.body, 'new-coDepartmentIds')).toBe('同じ課が重複しています（主担当課を含みます）');
    const project = await office.post(`/plans/${planId}/editor/measures/1/projects`, { 'new.name': '説明会', 'new.leadDepartmentId': employment });
    expect(project.headers.location).toBe(`/plans/${planId}/editor/projects/m01-p01`);

    const before = (await draftOf()).draft;
    await office.get(`/plans/${planId}/editor/kpis/new?project=m01-p01`);
    const kpi = { project: 'm01-p01', name: '満足度', unit: '%', cumulative: 'false', direction: 'higher', 'baseline.fiscalYear': '', 'baseline.value': '', 'targets[4].value': '120' };
    const range = await office.post(`/plans/${planId}/editor/kpis`, kpi);
    expect(range.statusCode).toBe(400);
    expect(fieldError(range.body, 'targets-4--value')).toBe('割合（%）は 0 から 100 の範囲で入力してください');
    expect(range.body).toContain('value="満足度"');
    const none = await office.post(`/plans/${planId}/editor/kpis`, { ...kpi, 'targets[4].value': '' });
    expect(fieldError(none.body, 'targets')).toBeNull();
    expect(none.body).toContain('少なくとも一つの年度に目標値を入力してください');
    const halfBaseline = await office.post(`/plans/${planId}/editor/kpis`, { ...kpi, 'targets[4].value': '80', 'baseline.fiscalYear': '2023' });
    expect(halfBaseline.statusCode).toBe(400);
    expect(halfBaseline.body).toMatch(/id="baseline-value-error"/);
    expect((await draftOf()).draft).toEqual(before);
    expect((await office.post(`/plans/${planId}/editor/kpis`, { ...kpi, 'targets[4].value': '80' })).headers.location).toBe(`/plans/${planId}/editor/projects/m01-p01`);
    const page = await office.get(`/plans/${planId}`);
    expect(page.body).toContain('満足度');
    expect(page.body).toContain('令和11年度 80');
  });

  it('is for the strategy office to edit; a department member reads it', async () => {
    expect((await member.get(`/plans/${planId}`)).statusCode).toBe(200);
    expect((await member.get(`/plans/${planId}/editor/goals/1`)).statusCode).toBe(403);
    await member.get('/plans');
    expect((await member.post(`/plans/${planId}/editor/goals`, { 'new.number': '2', 'new.title': 'x' })).statusCode).toBe(403);
    expect((await member.get('/plans')).body).not.toContain('新しい計画を作成');
  });
});

describe('adoption and after', () => {
  it('asks for a date on its confirmation page, then refuses the editor with the reason', async () => {
    await office.get(`/plans/${planId}/adopt`);
    const bad = await office.post(`/plans/${planId}/adopt`, { adoptedOn: '2025-02-30' });
    expect(bad.statusCode).toBe(400);
    expect(fieldError(bad.body, 'adoptedOn')).toBe('日付（YYYY-MM-DD）の形式で入力してください');
    expect((await draftOf()).status).toBe('draft');
    expect((await office.post(`/plans/${planId}/adopt`, { adoptedOn: '2025-03-31' })).headers.location).toBe(`/plans/${planId}`);
    expect(await draftOf()).toMatchObject({ status: 'adopted', adoptedOn: '2025-03-31' });
    const editor = await office.get(`/plans/${planId}/editor/goals/1`);
    expect(editor.statusCode).toBe(409);
    expect(editor.body).toContain('この計画は策定済みです');
    await office.get(`/plans/${planId}`);
    const late = await office.post(`/plans/${planId}/editor/goals`, { 'new.number': '2', 'new.title': 'x' });
    expect(late.statusCode).toBe(409);
    expect(late.body).toContain('この計画は策定済みです');
  });

  it('is amended on the amendment pages, with the reason required', async () => {
    const page = (await office.get(`/plans/${planId}`)).body;
    const amendKpi = /href="(\/plans\/[^"]+\/amend\/kpis\/[^"]+)"/.exec(page)![1]!;
    await office.get(amendKpi);
    const noReason = await office.post(amendKpi, { 'targets[4].value': '90', rationale: '' });
    expect(noReason.statusCode).toBe(400);
    expect(fieldError(noReason.body, 'rationale')).toMatch(/^入力してください/);
    const check = await office.post(amendKpi, { 'targets[4].value': '90', rationale: '上方修正' });
    expect(check.statusCode).toBe(200);
    expect(check.body).toMatch(/目標値: [^<]*令和11年度[^<]* → 90[^<]*（令和11年度）/);
    expect((await office.post(amendKpi, { 'targets[4].value': '90', rationale: '上方修正', confirmed: 'yes' })).headers.location).toBe(`/plans/${planId}`);
    expect((await office.get(`/plans/${planId}/decisions`)).body).toContain('上方修正');
  });

  it('has its measure and a KPI’s name amended after a confirmation page showing before and after', async () => {
    const page = (await office.get(`/plans/${planId}`)).body;
    const amendMeasure = /href="(\/plans\/[^"]+\/amend\/measures\/[^"]+)"/.exec(page)![1]!;
    const form = await office.get(amendMeasure);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('施策名・概要を改訂');
    const empty = await office.post(amendMeasure, { title: '', rationale: '名称の見直し' });
    expect(empty.statusCode).toBe(400);
    expect(fieldError(empty.body, 'title')).toMatch(/^入力してください/);
    const before = (await deps.database.sql`select count(*)::int as n from decision_log where plan_id = ${planId}`)[0]!.n as number;
    const check = await office.post(amendMeasure, { title: '若者の地元就職の促進', rationale: '名称の見直し' });
    expect(check.statusCode).toBe(200);
    expect(check.body).toContain('改訂の確認');
    expect(check.body).toMatch(/施策名: [^<]+ → 若者の地元就職の促進/);
    expect(check.body).toContain('理由: 名称の見直し');
    expect(check.body).toContain('name="confirmed" value="yes"');
    // Nothing is written until the confirmation is sent.
    expect((await deps.database.sql`select count(*)::int as n from decision_log where plan_id = ${planId}`)[0]!.n).toBe(before);
    const done = await office.post(amendMeasure, { title: '若者の地元就職の促進', rationale: '名称の見直し', confirmed: 'yes' });
    expect(done.headers.location).toBe(`/plans/${planId}`);
    expect((await office.get(`/plans/${planId}`)).body).toContain('若者の地元就職の促進');
    const log = (await office.get(`/plans/${planId}/decisions`)).body;
    expect(log).toContain('施策内容変更');
    expect(log).toContain('名称の見直し');

    const amendName = /href="(\/plans\/[^"]+\/amend\/kpis\/[^"]+\/definition)"/.exec((await office.get(`/plans/${planId}`)).body)![1]!;
    expect((await member.get(amendName)).statusCode).toBe(403);
    const same = await office.post(amendName, { name: (/name="name"[^>]*value="([^"]*)"/.exec((await office.get(amendName)).body) ?? [])[1] ?? '', rationale: '確認', confirmed: 'yes' });
    expect(same.statusCode).toBe(400);
    expect(fieldError(same.body, 'name')).toBe('名称も備考も変わっていません');
  });

  it('is not amended while a draft: the amendment pages send the office to the editor (409)', async () => {
    await office.get('/plans/new');
    const created = await office.post('/plans', { name: '第4期', periodStartFiscalYear: '2030', periodEndFiscalYear: '2034' });
    const draftId = (created.headers.location as string).split('/').at(-1)!;
    const refused = await office.get(`/plans/${draftId}/amend/measures/00000000-0000-4000-8000-000000000000`);
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('この計画は下書きです。改訂ではなく、編集画面で変更してください。');
  });

  it('is on the dashboard and the board like an imported plan', async () => {
    const dashboard = await office.get(`/plans/${planId}/dashboard?fiscalYear=2025`);
    expect(dashboard.statusCode).toBe(200);
    expect(dashboard.body).toContain('満足度');
    expect((await office.get(`/plans/${planId}/board?fiscalYear=2025`)).statusCode).toBe(200);
  });

  it('answers odd input with a page, never a server error', async () => {
    await office.get('/plans/new');
    const results = [
      await office.post('/plans', { name: 'x'.repeat(5000), periodStartFiscalYear: '99999999999', periodEndFiscalYear: ['1', '2'] }),
      await office.post(`/plans/${planId}/editor/goals/abc`, { number: '1e400', title: 'x' }),
      await office.post(`/plans/${planId}/editor/kpis`, { project: 'nope', name: 'x', unit: 'bogus', cumulative: 'maybe', direction: 'up', 'targets[0].value': '9'.repeat(400) }),
      await office.post(`/plans/${planId}/amend/kpis/00000000-0000-4000-8000-000000000000`, { 'targets[0].value': '1', rationale: 'x' }),
      await office.post(`/plans/${planId}/amend/projects/not-a-uuid`, { leadDepartmentId: 'x', rationale: 'x' }),
    ].map((r) => r.statusCode);
    expect(results.filter((status) => status >= 500)).toEqual([]);
    // The plan is adopted by now: its editor answers 409 before anything else.
    expect(results).toEqual([400, 409, 409, 404, 404]);
  });
});
