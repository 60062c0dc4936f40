/**
 * The plan editor's verbs (issue 17, item 1 and item 6): a small plan built through them is
 * checked as strictly as an imported file at every step, adopted, reviewed like an imported
 * plan, and afterwards changes only by an amendment logged in the decision log.
 */
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { decisionLog, goals, kpis, kpiVersions, measures, plans, projectDepartments, projects, reviewTasks } from '../../db/schema/index.ts';
import { changeLines } from '../../services/decisions/describe-changes.ts';
import { ServiceError } from '../../services/errors.ts';
import { exportPlan } from '../../services/plans/export-plan.ts';
import { addKpi } from '../../services/plans/editor/add-kpi.ts';
import { addMeasure } from '../../services/plans/editor/add-measure.ts';
import { adoptPlan } from '../../services/plans/editor/adopt-plan.ts';
import { amendKpiDefinition } from '../../services/plans/editor/amend-kpi-definition.ts';
import { amendKpiTargets } from '../../services/plans/editor/amend-kpi-targets.ts';
import { amendMeasure } from '../../services/plans/editor/amend-measure.ts';
import { amendProjectDepartments } from '../../services/plans/editor/amend-project-departments.ts';
import { createPlan } from '../../services/plans/editor/create-plan.ts';
import { removeKpi } from '../../services/plans/editor/remove-kpi.ts';
import { updateGoal } from '../../services/plans/editor/update-goal.ts';
import { updateKpi } from '../../services/plans/editor/update-kpi.ts';
import { validatePlanFile } from '../../services/plans/validate-plan-file.ts';
import { openCycles } from '../../services/reviews/open-cycles.ts';
import { submitActuals } from '../../services/reviews/submit-actuals.ts';
import { listTasks } from '../../services/reviews/task-queries.ts';
import { getTask } from '../../services/reviews/task-queries.ts';
import { systemClock } from '../../services/context.ts';
import { DEMO } from '../helpers/client.ts';
import { useTestDeps } from '../helpers/setup.ts';
import { buildSmallPlan, userContext } from '../helpers/small-plan.ts';

let deps: Awaited<ReturnType<typeof useTestDeps>>;
let office: Awaited<ReturnType<typeof userContext>>;
let employment: Awaited<ReturnType<typeof userContext>>;
let built: Awaited<ReturnType<typeof buildSmallPlan>>;

/** The refusal a call ends in: its code and its problems by field. */
async function refusal(call: Promise<unknown>) {
  const error = await call.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ServiceError);
  const e = error as ServiceError;
  return { code: e.code, fields: Object.fromEntries((e.details?.problems ?? []).map((p) => [p.field, p.message])) };
}

const draftOf = async (planId: string) => (await deps.db.select().from(plans).where(eq(plans.id, planId)))[0]!;

beforeAll(async () => {
  deps = await useTestDeps();
  office = await userContext(deps.db, systemClock, DEMO.strategy);
  employment = await userContext(deps.db, systemClock, DEMO.employment);
});

describe('a draft', () => {
  it('is built through the verbs into a valid plan file', async () => {
    built = await buildSmallPlan(office, deps.db);
    const plan = await draftOf(built.planId);
    expect(plan).toMatchObject({ status: 'draft', adoptedOn: null, periodStartFiscalYear: 2025, periodEndFiscalYear: 2029 });
    const check = validatePlanFile(plan.draft);
    expect(check.ok).toBe(true);
    expect(built.projects).toEqual(['m01-p01', 'm01-p02', 'm02-p01', 'm03-p01']);
    // Nothing of a draft is in the tables reviews and the dashboard read.
    expect(await deps.db.select().from(measures).where(eq(measures.planId, built.planId))).toEqual([]);
  });

  it('refuses bad input at its field and writes nothing', async () => {
    const before = (await draftOf(built.planId)).draft;
    const percent = await refusal(
      addKpi({ ctx: office, input: { planId: built.planId, owner: { projectCode: 'm01-p01' }, name: '率', unit: '%', cumulative: false, direction: 'higher', targets: [{ fiscalYear: 2029, value: 120 }] } }),
    );
    expect(percent).toEqual({ code: 'BAD_REQUEST', fields: { 'body.targets[0].value': 'is a percentage and must be between 0 and 100' } });
    const count = await refusal(
      updateKpi({ ctx: office, input: { planId: built.planId, kpiCode: 'm01-p01-k1', name: '内定者数', unit: '人', cumulative: true, direction: 'higher', baseline: { fiscalYear: 2023, value: -1 }, targets: [{ fiscalYear: 2029, value: 2.5 }] } }),
    );
    expect(Object.keys(count.fields).sort()).toEqual(['body.baseline.value', 'body.targets[0].value']);
    const outside = await refusal(addKpi({ ctx: office, input: { planId: built.planId, owner: { goalNumber: 2 }, name: '人口', unit: '人', cumulative: false, direction: 'higher', targets: [{ fiscalYear: 2031, value: 1 }] } }));
    expect(outside.fields).toEqual({ 'body.targets[0].fiscalYear': 'must be within the plan period 2025–2029' });
    expect((await refusal(addMeasure({ ctx: office, input: { planId: built.planId, directionCode: '2-1', number: 1, title: '重複' } }))).fields).toEqual({ 'body.number': 'measure number 1 is already used' });
    expect((await refusal(updateGoal({ ctx: office, input: { planId: built.planId, goalNumber: 1, number: 2, title: '重複' } }))).fields).toEqual({ 'body.number': 'goal number 2 is already used' });
    expect((await refusal(removeKpi({ ctx: office, input: { planId: built.planId, kpiCode: 'nothing' } }))).code).toBe('NOT_FOUND');
    expect((await draftOf(built.planId)).draft).toEqual(before);
  });

  it('is edited by the strategy office only, and never reviewed', async () => {
    expect((await refusal(updateGoal({ ctx: employment, input: { planId: built.planId, goalNumber: 1, number: 1, title: 'x' } }))).code).toBe('FORBIDDEN');
    expect((await refusal(createPlan({ ctx: employment, input: { name: 'x', periodStartFiscalYear: 2025, periodEndFiscalYear: 2029 } }))).code).toBe('FORBIDDEN');
    expect((await refusal(openCycles({ ctx: office, input: { planId: built.planId, fiscalYear: 2025 } }))).code).toBe('CONFLICT');
  });

  it('renumbers a goal with its directions', async () => {
    await updateGoal({ ctx: office, input: { planId: built.planId, goalNumber: 2, number: 3, title: '安心して暮らせるまち' } });
    await updateGoal({ ctx: office, input: { planId: built.planId, goalNumber: 3, number: 2, title: '安心して暮らせるまち' } });
    const draft = (await draftOf(built.planId)).draft as { goals: { number: number; directions: { code: string }[] }[] };
    expect(draft.goals.map((g) => [g.number, g.directions.map((d) => d.code)])).toEqual([[1, ['1-1']], [2, ['2-1']]]);
  });
});

describe('adopted', () => {
  it('is written like an imported plan, with its date', async () => {
    expect((await refusal(adoptPlan({ ctx: office, input: { planId: built.planId, adoptedOn: '2025-02-30' } }))).fields).toEqual({ 'body.adoptedOn': 'must be a date (YYYY-MM-DD)' });
    await adoptPlan({ ctx: office, input: { planId: built.planId, adoptedOn: '2025-03-31' } });
    const plan = await draftOf(built.planId);
    expect(plan).toMatchObject({ status: 'adopted', adoptedOn: '2025-03-31', adoptedBy: office.user.id, draft: null });
    expect(await deps.db.select().from(measures).where(eq(measures.planId, built.planId))).toHaveLength(3);
    expect(await deps.db.select().from(projects).where(eq(projects.planId, built.planId))).toHaveLength(4);
    const kpiRows = await deps.db.select().from(kpis).where(eq(kpis.planId, built.planId));
    expect(kpiRows).toHaveLength(7);
    expect(kpiRows.filter((k) => k.cumulative).map((k) => k.name)).toEqual(['合同説明会の内定者数']);
    expect(kpiRows.filter((k) => k.direction === 'lower').map((k) => k.name)).toEqual(['求職者の平均待機時間']);
    const file = await exportPlan(deps.db, built.planId);
    expect(file.plan.adoptedOn).toBe('2025-03-31');
    expect(validatePlanFile(file).ok).toBe(true);
  });

  it('cannot be edited in the editor', async () => {
    expect((await refusal(updateGoal({ ctx: office, input: { planId: built.planId, goalNumber: 1, number: 1, title: '変更' } }))).code).toBe('CONFLICT');
    expect((await refusal(adoptPlan({ ctx: office, input: { planId: built.planId, adoptedOn: '2025-04-01' } }))).code).toBe('CONFLICT');
  });

  it('is reviewed like an imported plan: a department submits its actuals', async () => {
    const opened = await openCycles({ ctx: office, input: { planId: built.planId, fiscalYear: 2025 } });
    expect(opened.opened).toHaveLength(3);
    const tasks = await listTasks(employment, { planId: built.planId, fiscalYear: 2025 });
    const lead = tasks.find((t) => t.lead && t.projectCode === 'm01-p01')!;
    expect(lead).toBeDefined();
    const task = await getTask(employment, lead.id);
    const submitted = await submitActuals({
      ctx: employment,
      input: { taskId: lead.id, values: task.kpis.map((k) => ({ kpiId: k.id, value: k.name === '合同説明会の内定者数' ? 12 : 75 })), comment: '令和7年度実績' },
    });
    expect(submitted.task.status).toBe('submitted');
    expect(submitted.submission.submittedBy).toBe(employment.user.id);
  });
});

describe('an amendment (改訂)', () => {
  it('changes a KPI’s targets and logs who, when, why, before and after', async () => {
    const [kpi] = await deps.db.select().from(kpis).where(and(eq(kpis.planId, built.planId), eq(kpis.code, 'm01-p01-k1')));
    const bad = await refusal(amendKpiTargets({ ctx: office, input: { kpiId: kpi!.id, targets: [{ fiscalYear: 2029, value: 40 }], rationale: '変更なし' } }));
    expect(bad.fields).toEqual({ 'body.targets': 'changes no target' });
    expect((await refusal(amendKpiTargets({ ctx: employment, input: { kpiId: kpi!.id, targets: [{ fiscalYear: 2029, value: 50 }], rationale: 'x' } }))).code).toBe('FORBIDDEN');
    const { decisionId } = await amendKpiTargets({ ctx: office, input: { kpiId: kpi!.id, targets: [{ fiscalYear: 2028, value: 30 }, { fiscalYear: 2029, value: 50 }], rationale: '企業誘致の進展に合わせて引き上げ' } });
    const [entry] = await deps.db.select().from(decisionLog).where(eq(decisionLog.id, decisionId));
    expect(entry).toMatchObject({
      source: 'amendment',
      marker: 'target_changed',
      subjectCode: 'm01-p01-k1',
      decidedBy: office.user.id,
      rationale: '企業誘致の進展に合わせて引き上げ',
      before: { targets: [{ fiscalYear: 2029, value: 40 }] },
      after: { targets: [{ fiscalYear: 2028, value: 30 }, { fiscalYear: 2029, value: 50 }] },
    });
    expect(entry!.decidedAt).not.toBeNull();
    const exported = await exportPlan(deps.db, built.planId);
    const k1 = exported.goals[0]!.directions[0]!.measures[0]!.projects[0]!.kpis[0]!;
    expect(k1.values.filter((v) => v.kind === 'target').map((v) => [v.fiscalYear, v.value])).toEqual([[2027, 20], [2028, 30], [2029, 50]]);
  });

  it('changes a project’s departments, the lead first, and logs it', async () => {
    const [project] = await deps.db.select().from(projects).where(and(eq(projects.planId, built.planId), eq(projects.code, 'm02-p01')));
    const { employment: e, policy } = built.departments;
    const foreign = await refusal(amendProjectDepartments({ ctx: office, input: { projectId: project!.id, leadDepartmentId: crypto.randomUUID(), coDepartmentIds: [], rationale: 'x' } }));
    expect(foreign.fields).toEqual({ 'body.leadDepartmentId': 'is not a department of this organization' });
    const { decisionId } = await amendProjectDepartments({ ctx: office, input: { projectId: project!.id, leadDepartmentId: policy, coDepartmentIds: [e], rationale: '所管替え' } });
    const owners = await deps.db.select().from(projectDepartments).where(eq(projectDepartments.projectId, project!.id));
    expect(owners.sort((a, b) => a.position - b.position).map((o) => o.departmentId)).toEqual([policy, e]);
    const [entry] = await deps.db.select().from(decisionLog).where(eq(decisionLog.id, decisionId));
    expect(entry).toMatchObject({ source: 'amendment', marker: 'project_content_changed', before: { departments: ['工業・雇用振興課'] }, after: { departments: ['政策推進課', '工業・雇用振興課'] } });
    // The open review keeps its tasks; the next one follows the new departments.
    expect((await deps.db.select().from(reviewTasks).where(eq(reviewTasks.projectId, project!.id))).map((t) => t.departmentId)).toEqual([e]);
  });

  it('changes a KPI’s name and note as a new version, logged with before and after in words', async () => {
    const [kpi] = await deps.db.select().from(kpis).where(and(eq(kpis.planId, built.planId), eq(kpis.code, 'm01-p02-k1')));
    expect((await refusal(amendKpiDefinition({ ctx: employment, input: { kpiId: kpi!.id, name: '待機時間', rationale: 'x' } }))).code).toBe('FORBIDDEN');
    expect((await refusal(amendKpiDefinition({ ctx: office, input: { kpiId: kpi!.id, name: '  ', rationale: ' ' } }))).fields).toEqual({ 'body.name': 'must not be empty', 'body.rationale': 'must not be empty' });
    expect((await refusal(amendKpiDefinition({ ctx: office, input: { kpiId: kpi!.id, name: kpi!.name, rationale: '変更なし' } }))).fields).toEqual({ 'body.name': 'changes neither the name nor the note' });
    const { decisionId } = await amendKpiDefinition({ ctx: office, input: { kpiId: kpi!.id, name: '求職者の平均待機日数', note: 'ハローワーク苫小牧の集計による', rationale: '統計の取り方の変更' } });
    const [entry] = await deps.db.select().from(decisionLog).where(eq(decisionLog.id, decisionId));
    expect(entry).toMatchObject({
      source: 'amendment',
      marker: 'kpi_changed',
      subjectType: 'kpi',
      subjectCode: 'm01-p02-k1',
      decidedBy: office.user.id,
      rationale: '統計の取り方の変更',
      before: { name: '求職者の平均待機時間', note: null },
      after: { name: '求職者の平均待機日数', note: 'ハローワーク苫小牧の集計による', version: 2 },
    });
    expect(changeLines(entry!.before, entry!.after, 'ja')).toEqual(['名称: 求職者の平均待機時間 → 求職者の平均待機日数', '備考: ハローワーク苫小牧の集計による']);
    const [row] = await deps.db.select().from(kpis).where(eq(kpis.id, kpi!.id));
    expect(row).toMatchObject({ name: '求職者の平均待機日数', unit: '時間', direction: 'lower', version: 2 });
    const versions = await deps.db.select().from(kpiVersions).where(eq(kpiVersions.kpiId, kpi!.id));
    expect(versions.find((v) => v.version === 2)).toMatchObject({ name: '求職者の平均待機日数', decisionId, provenance: 'decision' });
    // Removing the note again is a change, said in words.
    const removed = await amendKpiDefinition({ ctx: office, input: { kpiId: kpi!.id, name: '求職者の平均待機日数', rationale: '注記は不要' } });
    const [second] = await deps.db.select().from(decisionLog).where(eq(decisionLog.id, removed.decisionId));
    expect(changeLines(second!.before, second!.after, 'ja')).toEqual(['備考: ハローワーク苫小牧の集計による → （なし）']);
  });

  it('changes a goal’s numeric target values and its name, logged as 数値目標変更', async () => {
    const [goal] = await deps.db.select().from(goals).where(and(eq(goals.planId, built.planId), eq(goals.number, 1)));
    const [target] = await deps.db.select().from(kpis).where(eq(kpis.goalId, goal!.id));
    const bad = await refusal(amendKpiTargets({ ctx: office, input: { kpiId: target!.id, targets: [{ fiscalYear: 2035, value: 1 }], rationale: 'x' } }));
    expect(bad.fields).toEqual({ 'body.targets[0].fiscalYear': 'must be within the plan period 2025–2029' });
    const values = await amendKpiTargets({ ctx: office, input: { kpiId: target!.id, targets: [{ fiscalYear: 2029, value: 83000 }], rationale: '企業立地の進展' } });
    const named = await amendKpiDefinition({ ctx: office, input: { kpiId: target!.id, name: '市内の就業者数', rationale: '表記の統一' } });
    const entries = await deps.db.select().from(decisionLog).where(eq(decisionLog.subjectId, target!.id));
    expect(entries.map((e) => [e.id, e.marker, e.source])).toEqual([[values.decisionId, 'numeric_target_changed', 'amendment'], [named.decisionId, 'numeric_target_changed', 'amendment']]);
    expect(changeLines(entries[0]!.before, entries[0]!.after, 'ja')).toEqual(['目標値: 82,000人（令和11年度） → 83,000人（令和11年度）']);
  });

  it('changes a measure’s title and summary, logged as 施策内容変更', async () => {
    const [measure] = await deps.db.select().from(measures).where(and(eq(measures.planId, built.planId), eq(measures.number, 2)));
    expect((await refusal(amendMeasure({ ctx: employment, input: { measureId: measure!.id, title: 'x', rationale: 'x' } }))).code).toBe('FORBIDDEN');
    expect((await refusal(amendMeasure({ ctx: office, input: { measureId: measure!.id, title: '創業の支援', rationale: '変更なし' } }))).fields).toEqual({ 'body.title': 'changes neither the title nor the summary' });
    expect((await refusal(amendMeasure({ ctx: office, input: { measureId: measure!.id, title: '', rationale: 'x' } }))).fields).toEqual({ 'body.title': 'must not be empty' });
    const { decisionId } = await amendMeasure({ ctx: office, input: { measureId: measure!.id, title: '創業と事業承継の支援', summary: '創業に加え、事業承継を支援する。', rationale: '事業承継の相談の増加' } });
    const [entry] = await deps.db.select().from(decisionLog).where(eq(decisionLog.id, decisionId));
    expect(entry).toMatchObject({
      source: 'amendment',
      marker: 'measure_changed',
      subjectType: 'measure',
      subjectId: measure!.id,
      subjectCode: 'm02',
      decidedBy: office.user.id,
      before: { title: '創業の支援', summary: null },
      after: { title: '創業と事業承継の支援', summary: '創業に加え、事業承継を支援する。' },
    });
    expect(changeLines(entry!.before, entry!.after, 'en')[0]).toBe('Measure name: 創業の支援 → 創業と事業承継の支援');
    expect((await deps.db.select().from(measures).where(eq(measures.id, measure!.id)))[0]).toMatchObject({ title: '創業と事業承継の支援', summary: '創業に加え、事業承継を支援する。' });
    // The plan file keeps only the document's kinds of revision: the amendment is in the log, the measure's new title in the file.
    const file = await exportPlan(deps.db, built.planId);
    expect(file.goals[0]!.directions[0]!.measures[1]!.title).toBe('創業と事業承継の支援');
    expect(validatePlanFile(file)).toMatchObject({ ok: true });
  });
});

describe('a draft is not amended', () => {
  it('refuses an amendment of a draft’s KPI: a draft is changed in the editor (409)', async () => {
    const { planId } = await buildSmallPlan(office, deps.db);
    // A draft has no KPI rows of its own; a continued plan's draft would. Lend it one to prove the guard.
    const [kpi] = await deps.db.select().from(kpis).where(and(eq(kpis.planId, built.planId), eq(kpis.code, 'm03-p01-k1')));
    await deps.db.update(kpis).set({ planId }).where(eq(kpis.id, kpi!.id));
    try {
      const refused = await refusal(amendKpiDefinition({ ctx: office, input: { kpiId: kpi!.id, name: '別名', rationale: 'x' } }));
      expect(refused.code).toBe('CONFLICT');
      expect((await deps.db.select().from(kpis).where(eq(kpis.id, kpi!.id)))[0]!.name).toBe(kpi!.name);
    } finally {
      await deps.db.update(kpis).set({ planId: built.planId }).where(eq(kpis.id, kpi!.id));
    }
  });
});
