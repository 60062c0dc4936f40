/**
 * Starting the next period from the seeded Tomakomai 2nd-period plan (FY2020–FY2024): measure
 * ⑫ continues with one project and its two KPIs, measure ⑩ ends, measure ⑪ is left out. The
 * next plan is a draft (never current) carrying what continues with its predecessors; the
 * office sets the continued KPIs' baselines and targets in the editor and adopts it. Then it is
 * the current one (today's fiscal year lies in its period): reviews open on it and no longer on
 * the 2nd period, whose content refuses writes; a continued KPI's history carries the 2nd
 * period's values next to its own, and its export names its predecessors.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { decisionLog, kpis, kpiValues, measures, plans, projects } from '../../db/schema/index.ts';
import { systemClock } from '../../services/context.ts';
import type { ServiceError } from '../../services/errors.ts';
import { say } from '../../services/i18n/translate.ts';
import { adoptPlan } from '../../services/plans/editor/adopt-plan.ts';
import { updateKpi } from '../../services/plans/editor/update-kpi.ts';
import { exportPlan } from '../../services/plans/export-plan.ts';
import type { PlanFile } from '../../services/plans/plan-file.ts';
import { validatePlanFile } from '../../services/plans/validate-plan-file.ts';
import { DEMO, signIn, type Client } from '../helpers/client.ts';
import { useTestApp } from '../helpers/setup.ts';
import { userContext } from '../helpers/small-plan.ts';

const { app, deps } = await useTestApp();
let so: Client;
let policy: Client;
let oldPlanId: string;
let newPlanId: string;
let oldTaskId: string;
type TreeMeasure = { id: string; number: number; projects: { id: string; code: string; kpis: { id: string; code: string }[] }[] };
let tree: Map<number, TreeMeasure>;

const NAME = '苫小牧市総合戦略（第3期）';

function choicesFor(t: Map<number, TreeMeasure>) {
  const m12 = t.get(12)!;
  const p1 = m12.projects.find((p) => p.code === 'm12-p01')!;
  return [
    { id: m12.id, choice: 'continue' },
    { id: p1.id, choice: 'continue' },
    ...p1.kpis.map((k) => ({ id: k.id, choice: 'continue' })),
    { id: t.get(10)!.id, choice: 'end' },
  ];
}

beforeAll(async () => {
  so = await signIn(app, DEMO.strategy);
  policy = await signIn(app, DEMO.policy);
  oldPlanId = (await so.get('/api/plans')).json().items[0].id;
  const planTree = (await so.get(`/api/plans/${oldPlanId}/tree`)).json();
  tree = new Map(planTree.goals.flatMap((g: { directions: { measures: TreeMeasure[] }[] }) => g.directions.flatMap((d) => d.measures)).map((m: TreeMeasure) => [m.number, m]));
  // A review of the 2nd period's last year, submitted but not yet accepted when the next period starts.
  expect((await so.post(`/api/plans/${oldPlanId}/review-cycles`, { fiscalYear: 2023, measureNumbers: [12], dueDate: '2099-06-30' })).statusCode).toBe(201);
  const task = (await policy.get('/api/tasks?fiscalYear=2023')).json().items.find((t: { projectName: string }) => t.projectName === 'とまこまい縁結びサポート助成事業');
  oldTaskId = task.id;
  const taskKpis = (await policy.get(`/api/tasks/${task.id}`)).json().kpis as { id: string }[];
  expect((await policy.post(`/api/tasks/${task.id}/submissions`, { values: taskKpis.map((k, i) => ({ kpiId: k.id, value: i ? 9 : 4.5 })) })).statusCode).toBe(201);
});

describe('creating the next period', () => {
  it('refuses bad choices and periods field by field, writing nothing', async () => {
    const m12 = tree.get(12)!;
    const kpi = m12.projects[0]!.kpis[0]!;
    const before = await deps.db.select().from(plans);
    const bad = await so.post(`/api/plans/${oldPlanId}/next-plan`, {
      name: NAME,
      periodStartFiscalYear: 2024,
      periodEndFiscalYear: 2023,
      rationale: '第3期の策定',
      choices: [{ id: kpi.id, choice: 'continue' }, { id: '00000000-0000-4000-8000-000000000000', choice: 'omit' }],
    });
    expect(bad.statusCode).toBe(400);
    const fields = (bad.json().error.problems as { field: string }[]).map((p) => p.field).sort();
    expect(fields).toEqual(['body.choices[0].choice', 'body.choices[1].id', 'body.periodEndFiscalYear', 'body.periodStartFiscalYear']);
    expect(await deps.db.select().from(plans)).toHaveLength(before.length);
    const asDepartment = await policy.post(`/api/plans/${oldPlanId}/next-plan`, { name: NAME, periodStartFiscalYear: 2025, periodEndFiscalYear: 2029, rationale: 'x', choices: [] });
    expect(asDepartment.statusCode).toBe(403);
  });

  it('creates a draft carrying what continues with its predecessors and no targets; ends are logged on the 2nd period', async () => {
    const res = await so.post(`/api/plans/${oldPlanId}/next-plan`, { name: NAME, periodStartFiscalYear: 2025, periodEndFiscalYear: 2029, rationale: '第3期総合戦略の策定', choices: choicesFor(tree) });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ continued: { measures: 1, projects: 1, kpis: 2 }, ended: 3 });
    newPlanId = res.json().planId;

    const [row] = await deps.db.select().from(plans).where(eq(plans.id, newPlanId));
    expect(row).toMatchObject({ status: 'draft', name: NAME, periodStartFiscalYear: 2025, periodEndFiscalYear: 2029, adoptedOn: null });
    const draft = row!.draft as unknown as PlanFile;
    expect(validatePlanFile(draft).ok).toBe(true);
    const measure = draft.goals.flatMap((g) => g.directions.flatMap((d) => d.measures));
    expect(measure.map((m) => [m.number, m.title, m.predecessor])).toEqual([[12, '縁結びコーディネート機能の充実', { plan: 'tomakomai-2nd', number: 12 }]]);
    const [project] = measure[0]!.projects;
    expect(project).toMatchObject({ code: 'm12-p01', name: 'とまこまい縁結びサポート助成事業', departments: ['policy-promotion'], predecessor: { plan: 'tomakomai-2nd', code: 'm12-p01' } });
    expect(project!.kpis.map((k) => [k.name, k.predecessor, k.values])).toEqual([
      ['婚姻率', { plan: 'tomakomai-2nd', code: 'm12-p01-k1' }, []],
      ['とましん結婚相談所登録者の結婚数', { plan: 'tomakomai-2nd', code: 'm12-p01-k2' }, []],
    ]);
    expect(draft.populationVision).toEqual([]);
    // A draft is only its file: nothing in the tables reviews and the dashboard read.
    expect(await deps.db.select().from(measures).where(eq(measures.planId, newPlanId))).toEqual([]);

    const logged = await deps.db.select().from(decisionLog).where(inArray(decisionLog.planId, [oldPlanId, newPlanId]));
    const ofRun = logged.filter((d) => d.rationale === '第3期総合戦略の策定');
    expect(ofRun.filter((d) => d.planId === newPlanId)).toEqual([]);
    const ends = ofRun.filter((d) => d.planId === oldPlanId && d.marker === 'project_ended');
    expect(ends.map((d) => d.subjectCode).sort()).toEqual(['m10-p01', 'm10-p02', 'm10-p03']);
    expect(ends[0]).toMatchObject({ fiscalYear: 2024, source: 'review', after: { status: 'ended', nextPlan: { id: newPlanId, name: NAME } } });
  });

  it('keeps the draft out of the current plan; a second next plan over the same years is refused', async () => {
    const listed = (await so.get('/api/plans')).json().items as { id: string; standing: string }[];
    expect(listed.map((p) => [p.id, p.standing])).toEqual([
      [oldPlanId, 'current'],
      [newPlanId, 'draft'],
    ]);
    const again = await so.post(`/api/plans/${oldPlanId}/next-plan`, { name: '重複', periodStartFiscalYear: 2027, periodEndFiscalYear: 2031, rationale: 'x', choices: [] });
    expect(again.statusCode).toBe(409);
    const fromDraft = await so.post(`/api/plans/${newPlanId}/next-plan`, { name: '第4期', periodStartFiscalYear: 2030, periodEndFiscalYear: 2034, rationale: 'x', choices: [] });
    expect(fromDraft.statusCode).toBe(409);
    expect(fromDraft.json().error.message).toContain('draft');
  });

  it('takes the continued KPIs’ baselines and targets in the editor, keeps their predecessors, and links them at adoption', async () => {
    const office = await userContext(deps.db, systemClock, DEMO.strategy);
    const targets = [2025, 2026, 2027, 2028, 2029].map((fiscalYear) => ({ fiscalYear, value: fiscalYear === 2029 ? 5 : null }));
    await updateKpi({ ctx: office, input: { planId: newPlanId, kpiCode: 'm12-p01-k1', name: '婚姻率', unit: '%', cumulative: false, direction: 'higher', baseline: { fiscalYear: 2023, value: 4.2 }, targets } });
    const [row] = await deps.db.select().from(plans).where(eq(plans.id, newPlanId));
    const kpi = (row!.draft as unknown as PlanFile).goals[0]!.directions[0]!.measures[0]!.projects[0]!.kpis[0]!;
    expect(kpi.predecessor).toEqual({ plan: 'tomakomai-2nd', code: 'm12-p01-k1' });

    // A predecessor that is not in the 2nd period (here: written into the stored draft by hand) refuses the adoption, naming it in the office's language.
    const file = row!.draft as unknown as PlanFile;
    const broken = structuredClone(file);
    broken.goals[0]!.directions[0]!.measures[0]!.predecessor = { plan: 'tomakomai-2nd', number: 99 };
    await deps.db.update(plans).set({ draft: broken as unknown as Record<string, unknown> }).where(eq(plans.id, newPlanId));
    const refused = await adoptPlan({ ctx: office, input: { planId: newPlanId, adoptedOn: '2025-03-31' } }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'BAD_REQUEST', details: { problems: [{ field: 'body' }] } });
    expect(say((refused as ServiceError).details!.problems![0]!.words, 'ja')).toBe('$.goals[0].directions[0].measures[0].predecessor.number: 計画「tomakomai-2nd」に施策 99 はありません');
    expect(await deps.db.select().from(measures).where(eq(measures.planId, newPlanId))).toEqual([]);
    await deps.db.update(plans).set({ draft: file as unknown as Record<string, unknown> }).where(eq(plans.id, newPlanId));

    const adopted = await adoptPlan({ ctx: office, input: { planId: newPlanId, adoptedOn: '2025-03-31' } });
    expect(adopted).toEqual({ planId: newPlanId, adoptedOn: '2025-03-31' });
    const newMeasures = await deps.db.select().from(measures).where(eq(measures.planId, newPlanId));
    expect(newMeasures.map((m) => [m.number, m.predecessorMeasureId])).toEqual([[12, tree.get(12)!.id]]);
    const newProjects = await deps.db.select().from(projects).where(eq(projects.planId, newPlanId));
    expect(newProjects.map((p) => [p.code, p.name, p.predecessorProjectId])).toEqual([['m12-p01', 'とまこまい縁結びサポート助成事業', tree.get(12)!.projects[0]!.id]]);
    const newKpis = await deps.db.select().from(kpis).where(eq(kpis.planId, newPlanId));
    expect(newKpis.map((k) => k.predecessorKpiId).sort()).toEqual(tree.get(12)!.projects[0]!.kpis.map((k) => k.id).sort());
    const values = await deps.db.select().from(kpiValues).where(inArray(kpiValues.kpiId, newKpis.map((k) => k.id)));
    // Only what the office entered: the other KPI's targets are still to be set (an amendment).
    expect(values.map((v) => [v.kind, v.fiscalYear, v.value]).sort()).toEqual([['baseline', 2023, 4.2], ['target', 2029, 5]]);

    // The exported plan file names the predecessors as the draft did.
    const exported = await exportPlan(deps.db, newPlanId);
    expect(exported.goals[0]!.directions[0]!.measures[0]!.projects[0]!.kpis.map((k) => k.predecessor)).toEqual([
      { plan: 'tomakomai-2nd', code: 'm12-p01-k1' },
      { plan: 'tomakomai-2nd', code: 'm12-p01-k2' },
    ]);
  });

  it('makes the adopted plan the current one and the 2nd period past', async () => {
    const listed = (await so.get('/api/plans')).json().items as { id: string; standing: string }[];
    expect(listed.map((p) => [p.id, p.standing])).toEqual([
      [oldPlanId, 'past'],
      [newPlanId, 'current'],
    ]);
  });
});

describe('the past plan and the current one', () => {
  it('refuses writes to the past plan with a clear 409, and opens no review on it', async () => {
    const accept = await so.post(`/api/tasks/${oldTaskId}/accept`, {});
    expect(accept.statusCode).toBe(409);
    expect(accept.json().error.message).toContain('past plan');
    const [oldKpi] = tree.get(12)!.projects[0]!.kpis;
    expect(await deps.db.select().from(kpiValues).where(and(eq(kpiValues.kpiId, oldKpi!.id), eq(kpiValues.fiscalYear, 2023), eq(kpiValues.kind, 'actual')))).toEqual([]);
    const open = await so.post(`/api/plans/${oldPlanId}/review-cycles`, { fiscalYear: 2023, measureNumbers: [13] });
    expect(open.statusCode).toBe(409);
    expect(open.json().error.message).toContain('current plan');
    // Its final year's actuals come in after the next period began: that review still runs on it.
    const finalYear = await so.post(`/api/plans/${oldPlanId}/review-cycles`, { fiscalYear: 2024, measureNumbers: [13], dueDate: '2099-06-30' });
    expect(finalYear.statusCode, finalYear.body).toBe(201);
  });

  it('opens reviews on the current plan; the continued KPI’s history holds both periods', async () => {
    const opened = await so.post(`/api/plans/${newPlanId}/review-cycles`, { fiscalYear: 2025, measureNumbers: [12], dueDate: '2099-06-30' });
    expect(opened.statusCode, opened.body).toBe(201);
    const task = (await policy.get('/api/tasks?fiscalYear=2025')).json().items.find((t: { projectName: string }) => t.projectName === 'とまこまい縁結びサポート助成事業');
    const taskKpis = (await policy.get(`/api/tasks/${task.id}`)).json().kpis as { id: string; name: string }[];
    expect(taskKpis).toHaveLength(2);
    const submitted = await policy.post(`/api/tasks/${task.id}/submissions`, { values: taskKpis.map((k) => ({ kpiId: k.id, value: k.name === '婚姻率' ? 4.4 : 5 })) });
    expect(submitted.statusCode, submitted.body).toBe(201);
    expect((await so.post(`/api/tasks/${task.id}/accept`, {})).statusCode).toBe(200);

    const rate = taskKpis.find((k) => k.name === '婚姻率')!;
    const history = (await so.get(`/api/kpis/${rate.id}`)).json();
    expect(history.values.filter((v: { kind: string }) => v.kind === 'actual').map((v: { fiscalYear: number; value: number }) => [v.fiscalYear, v.value])).toEqual([[2025, 4.4]]);
    expect(history.predecessors).toHaveLength(1);
    expect(history.predecessors[0].plan).toMatchObject({ id: oldPlanId, name: '苫小牧市総合戦略（第2期）', periodStartFiscalYear: 2020, periodEndFiscalYear: 2024 });
    const earlier = history.predecessors[0].values.map((v: { kind: string; fiscalYear: number; value: number }) => [v.kind, v.fiscalYear, v.value]);
    expect(earlier).toEqual(expect.arrayContaining([['baseline', 2018, 4.8], ['actual', 2021, 4.2], ['target', 2024, 6]]));
  });
});
