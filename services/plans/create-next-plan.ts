/**
 * The strategy office starts the next period from a plan: per measure, project and KPI it
 * chooses to continue (copied into the new plan, linked to its predecessor), end (not carried;
 * a project's end is logged as 事業終了 on the plan it ends with) or leave out (not carried,
 * nothing logged). Everything carried is the old plan's own text and settings; the new period's
 * baselines and targets are left empty for the office to fill in (the plan editor), so nothing
 * is invented. Goals and directions come along when something under them continues.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, gte, lte, sql } from 'drizzle-orm';
import Type, { type Static } from 'typebox';
import type { Tx } from '../../db/client.ts';
import { decisionLog, directions, goals, kpis, kpiVersions, measures, plans, projectDepartments, projects, projectVersions } from '../../db/schema/index.ts';
import { requireStrategyOffice } from '../auth/authorize.ts';
import { withTransaction, type ServiceContext } from '../context.ts';
import { conflict, type FieldProblem, invalidInput, problemAt } from '../errors.ts';
import { FiscalYear, Text, Uuid } from '../input-schemas.ts';
import { findPlanInOrganization } from './find-plan.ts';
import { loadPlanTree, type KpiNode, type MeasureNode, type ProjectNode } from './load-plan-tree.ts';

export const NEXT_PLAN_CHOICES = ['continue', 'end', 'omit'] as const;
export type NextPlanChoice = (typeof NEXT_PLAN_CHOICES)[number];

/** What the API's body and the page's form give. A measure, project or KPI not listed is left out. */
export const CreateNextPlanBody = Type.Object({
  name: Text(200),
  nameEn: Type.Optional(Text(200)),
  periodStartFiscalYear: FiscalYear,
  periodEndFiscalYear: FiscalYear,
  /** Why: kept in the decision log with every item carried over or ended. */
  rationale: Text(2000),
  choices: Type.Array(Type.Object({ id: Uuid, choice: Type.Enum(NEXT_PLAN_CHOICES) }), { maxItems: 10000 }),
});
export type CreateNextPlanInput = Static<typeof CreateNextPlanBody> & { planId: string };

type Row<T extends { $inferInsert: unknown }> = T['$inferInsert'];

export async function createNextPlan({ ctx, input }: { ctx: ServiceContext; input: CreateNextPlanInput }) {
  const user = requireStrategyOffice(ctx);
  return withTransaction(ctx, async (tx) => {
    const source = await findPlanInOrganization(tx, input.planId, user.organizationId);
    const tree = await loadPlanTree(tx, source.id);
    const choiceOf = new Map(input.choices.map((c) => [c.id, c.choice]));
    await checkInput(tx, source, tree, input, choiceOf);

    const planId = randomUUID();
    const now = ctx.clock.now();
    const start = input.periodStartFiscalYear;
    // One decision-log entry per item carried over or ended; its id is taken first so the new versions point at it.
    const nextDecisionId = async () => Number(((await tx.execute<{ id: string }>(NEXT_DECISION_ID)) as unknown as [{ id: string }])[0].id);
    const rows: Rows = { goals: [], directions: [], measures: [], projects: [], projectVersions: [], projectDepartments: [], kpis: [], kpiVersions: [], decisions: [] };
    const decision = (row: Omit<Row<typeof decisionLog>, 'organizationId' | 'source' | 'decidedBy' | 'decidedAt' | 'rationale'>) =>
      rows.decisions.push({ ...row, organizationId: source.organizationId, source: 'review', rationale: input.rationale, decidedBy: user.id, decidedAt: now });
    const predecessor = { plan: { id: source.id, name: source.name } };

    const copyKpi = (kpi: KpiNode, owner: { projectId?: string; goalId?: string }, decisionId: number) => {
      const id = randomUUID();
      const definition = { name: kpi.name, unit: kpi.unit, cumulative: kpi.cumulative, direction: kpi.direction, note: kpi.note, dataSourceName: kpi.dataSourceName };
      rows.kpis.push({ id, planId, ...owner, code: kpi.code, position: kpi.position, ...definition, predecessorKpiId: kpi.id });
      rows.kpiVersions.push({ kpiId: id, version: 1, ...definition, provenance: 'decision', effectiveFiscalYear: start, decisionId, recordedAt: now });
      return { id, code: kpi.code, name: kpi.name, predecessorKpiId: kpi.id };
    };
    const continues = (id: string) => choiceOf.get(id) === 'continue';

    for (const goal of tree.goals) {
      const keptTargets = goal.numericTargets.filter((k) => continues(k.id));
      const keptMeasures = goal.directions.flatMap((d) => d.measures).filter((m) => continues(m.id));
      if (!keptTargets.length && !keptMeasures.length) continue;
      const goalId = randomUUID();
      rows.goals.push({ id: goalId, planId, number: goal.number, title: goal.title, situation: goal.situation, approach: goal.approach });
      for (const kpi of keptTargets) {
        // A numeric target carried over gets the new plan's own entry, like a measure.
        const decisionId = await nextDecisionId();
        const carried = copyKpi(kpi, { goalId }, decisionId);
        decision({ id: decisionId, planId, fiscalYear: start, marker: 'numeric_target_changed', subjectType: 'kpi', subjectId: carried.id, subjectCode: kpi.code, before: { ...predecessor, kpiId: kpi.id, name: kpi.name }, after: { name: kpi.name } });
      }
      for (const direction of goal.directions) {
        const kept = direction.measures.filter((m) => continues(m.id));
        if (!kept.length) continue;
        const directionId = randomUUID();
        rows.directions.push({ id: directionId, planId, goalId, code: direction.code, title: direction.title, position: direction.position });
        for (const measure of kept) await copyMeasure(measure, directionId);
      }
    }
    // Ended projects, and the projects of ended measures, end with the source plan's last year.
    for (const measure of tree.goals.flatMap((g) => g.directions.flatMap((d) => d.measures))) {
      for (const project of measure.projects) {
        if (choiceOf.get(project.id) === 'end' || (choiceOf.get(measure.id) === 'end' && !continues(project.id))) {
          decision({
            id: await nextDecisionId(),
            planId: source.id,
            fiscalYear: source.periodEndFiscalYear,
            marker: 'project_ended',
            subjectType: 'project',
            subjectId: project.id,
            subjectCode: project.code,
            before: { name: project.name, status: project.status },
            after: { status: 'ended', nextPlan: { id: planId, name: input.name } },
          });
        }
      }
    }

    async function copyMeasure(measure: MeasureNode, directionId: string) {
      const measureId = randomUUID();
      rows.measures.push({
        id: measureId,
        planId,
        directionId,
        number: measure.number,
        title: measure.title,
        summary: measure.summary,
        audiences: measure.audiences,
        outcomes: measure.outcomes,
        position: measure.position,
        predecessorMeasureId: measure.id,
      });
      const measureDecision = await nextDecisionId();
      decision({ id: measureDecision, planId, fiscalYear: start, marker: 'measure_added', subjectType: 'measure', subjectId: measureId, subjectCode: String(measure.number), before: { ...predecessor, measureId: measure.id, title: measure.title }, after: { number: measure.number, title: measure.title } });
      for (const project of measure.projects.filter((p) => continues(p.id))) await copyProject(project, measureId);
    }

    async function copyProject(project: ProjectNode, measureId: string) {
      const projectId = randomUUID();
      const decisionId = await nextDecisionId();
      rows.projects.push({ id: projectId, planId, measureId, code: project.code, position: project.position, name: project.name, description: project.description, status: 'active', predecessorProjectId: project.id });
      rows.projectVersions.push({ projectId, version: 1, name: project.name, description: project.description, status: 'active', provenance: 'decision', effectiveFiscalYear: start, decisionId, recordedAt: now });
      project.departments.forEach((d, position) => rows.projectDepartments.push({ projectId, departmentId: d.id, position }));
      const carried = project.kpis.filter((k) => continues(k.id)).map((k) => copyKpi(k, { projectId }, decisionId));
      const ended = project.kpis.filter((k) => choiceOf.get(k.id) === 'end').map((k) => ({ code: k.code, name: k.name }));
      decision({ id: decisionId, planId, fiscalYear: start, marker: 'project_added', subjectType: 'project', subjectId: projectId, subjectCode: project.code, before: { ...predecessor, projectId: project.id, name: project.name }, after: { name: project.name, kpis: carried.map(({ id: _id, ...k }) => k), endedKpis: ended } });
    }

    await tx.insert(plans).values({
      id: planId,
      organizationId: source.organizationId,
      code: `${source.code}-next-${start}`,
      name: input.name,
      nameEn: input.nameEn ?? null,
      periodStartFiscalYear: start,
      periodEndFiscalYear: input.periodEndFiscalYear,
      source: null,
      // Not from a plan file: no file to recognize on a second import.
      sourceHash: '',
      orientSettings: source.orientSettings,
    });
    await insertAll(tx, rows);
    return {
      planId,
      continued: { measures: rows.measures.length, projects: rows.projects.length, kpis: rows.kpis.length },
      ended: rows.decisions.filter((d) => d.marker === 'project_ended').length,
    };
  });
}

const NEXT_DECISION_ID = sql`select nextval(pg_get_serial_sequence('decision_log', 'id')) as id`;

interface Rows {
  goals: Row<typeof goals>[];
  directions: Row<typeof directions>[];
  measures: Row<typeof measures>[];
  projects: Row<typeof projects>[];
  projectVersions: Row<typeof projectVersions>[];
  projectDepartments: Row<typeof projectDepartments>[];
  kpis: Row<typeof kpis>[];
  kpiVersions: Row<typeof kpiVersions>[];
  decisions: Row<typeof decisionLog>[];
}

async function insertAll(tx: Tx, r: Rows) {
  // Parents before children (foreign keys), the log last: its entries name what was written.
  if (r.goals.length) await tx.insert(goals).values(r.goals);
  if (r.directions.length) await tx.insert(directions).values(r.directions);
  if (r.measures.length) await tx.insert(measures).values(r.measures);
  if (r.projects.length) await tx.insert(projects).values(r.projects);
  if (r.projectVersions.length) await tx.insert(projectVersions).values(r.projectVersions);
  if (r.projectDepartments.length) await tx.insert(projectDepartments).values(r.projectDepartments);
  if (r.kpis.length) await tx.insert(kpis).values(r.kpis);
  if (r.kpiVersions.length) await tx.insert(kpiVersions).values(r.kpiVersions);
  if (r.decisions.length) await tx.insert(decisionLog).values(r.decisions);
}

type SourcePlan = typeof plans.$inferSelect;

/** Every problem at once, by field: the period, and each continued item's parent continuing too. */
async function checkInput(tx: Tx, source: SourcePlan, tree: Awaited<ReturnType<typeof loadPlanTree>>, input: CreateNextPlanInput, choiceOf: Map<string, NextPlanChoice>) {
  const problems: FieldProblem[] = [];
  const { periodStartFiscalYear: start, periodEndFiscalYear: end } = input;
  if (start <= source.periodEndFiscalYear) problems.push(problemAt('body.periodStartFiscalYear', { key: 'problems.afterPeriod', params: { end: source.periodEndFiscalYear } }));
  if (end < start) problems.push(problemAt('body.periodEndFiscalYear', { key: 'problems.notBeforeFirstYear' }));

  const parentOf = new Map<string, { parentId: string; kind: 'measure' | 'project' }>();
  const known = new Set<string>();
  for (const goal of tree.goals) {
    for (const k of goal.numericTargets) known.add(k.id);
    for (const measure of goal.directions.flatMap((d) => d.measures)) {
      known.add(measure.id);
      for (const project of measure.projects) {
        known.add(project.id);
        parentOf.set(project.id, { parentId: measure.id, kind: 'measure' });
        for (const k of project.kpis) {
          known.add(k.id);
          parentOf.set(k.id, { parentId: project.id, kind: 'project' });
        }
      }
    }
  }
  const seen = new Set<string>();
  input.choices.forEach((c, i) => {
    if (!known.has(c.id)) problems.push(problemAt(`body.choices[${i}].id`, { key: 'problems.notInPlan' }));
    else if (seen.has(c.id)) problems.push(problemAt(`body.choices[${i}].id`, { key: 'problems.chosenTwice' }));
    seen.add(c.id);
    const parent = parentOf.get(c.id);
    if (c.choice === 'continue' && parent && choiceOf.get(parent.parentId) !== 'continue') {
      problems.push(problemAt(`body.choices[${i}].choice`, { key: parent.kind === 'measure' ? 'problems.measureNotContinued' : 'problems.projectNotContinued' }));
    }
  });
  if (problems.length) throw invalidInput(problems);

  const overlapping = await tx
    .select({ name: plans.name })
    .from(plans)
    .where(and(eq(plans.organizationId, source.organizationId), lte(plans.periodStartFiscalYear, end), gte(plans.periodEndFiscalYear, start)));
  if (overlapping.length) {
    const name = overlapping[0]!.name;
    throw conflict({ key: 'refusals.planOverlaps', params: { plan: name } });
  }
}
