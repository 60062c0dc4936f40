/**
 * The strategy office starts the next period from a plan: per measure, project and KPI it
 * chooses to continue, end or leave out. The next plan is a DRAFT (a plan file in plans.draft,
 * written on in the editor and adopted there, services/plans/editor/): what continues is copied
 * into it with the old plan's own text and settings and a `predecessor` naming the item it
 * continues (the old plan's code and the item's code or number); the new period's baselines and
 * targets are left empty for the office to fill in, so nothing is invented. Goals and directions
 * come along when something under them continues. At adoption the predecessors become the
 * tables' links (predecessor_*_id), which the KPI page follows to show both periods in one series.
 *
 * The decision log: an end is logged HERE, when the office decides it, as 事業終了 on the old
 * plan's project (the project it ends exists; the rationale is asked for on this form and kept
 * with it), as it was when the next plan was written straight into the tables. What continues is
 * not logged as a decision: until adoption it is only the draft's text, and at adoption it is the
 * new plan's own content like any item written in the editor, its link to the old period being
 * its predecessor (in the tables and in the exported file).
 */
import { and, eq, gte, lte } from 'drizzle-orm';
import Type, { type Static } from 'typebox';
import type { Tx } from '../../db/client.ts';
import { decisionLog, organizations, plans } from '../../db/schema/index.ts';
import { requireStrategyOffice } from '../auth/authorize.ts';
import { withTransaction, type ServiceContext } from '../context.ts';
import { conflict, type FieldProblem, invalidInput, problemAt } from '../errors.ts';
import { FiscalYear, Text, Uuid } from '../input-schemas.ts';
import { canonicalJson, sha256 } from './canonical-json.ts';
import { completeDraft, organizationDepartments } from './editor/draft.ts';
import { freeCode } from './editor/locate.ts';
import { findPlanInOrganization } from './find-plan.ts';
import { loadPlanTree, type KpiNode, type MeasureNode, type ProjectNode } from './load-plan-tree.ts';
import { normalizePlanFile } from './normalize-plan-file.ts';
import { PLAN_FILE_FORMAT, PLAN_FILE_VERSION, type PlanFile, type PlanFileGoal, type PlanFileKpi, type PlanFileMeasure, type PlanFileProject } from './plan-file.ts';
import type { UnitSymbol } from './units.ts';
import { validatePlanFile } from './validate-plan-file.ts';

export const NEXT_PLAN_CHOICES = ['continue', 'end', 'omit'] as const;
export type NextPlanChoice = (typeof NEXT_PLAN_CHOICES)[number];

/** What the API's body and the page's form give. A measure, project or KPI not listed is left out. */
export const CreateNextPlanBody = Type.Object({
  name: Text(200),
  nameEn: Type.Optional(Text(200)),
  periodStartFiscalYear: FiscalYear,
  periodEndFiscalYear: FiscalYear,
  /** Why: kept in the decision log with every project ended. */
  rationale: Text(2000),
  choices: Type.Array(Type.Object({ id: Uuid, choice: Type.Enum(NEXT_PLAN_CHOICES) }), { maxItems: 10000 }),
});
export type CreateNextPlanInput = Static<typeof CreateNextPlanBody> & { planId: string };

type SourcePlan = typeof plans.$inferSelect;

export async function createNextPlan({ ctx, input }: { ctx: ServiceContext; input: CreateNextPlanInput }) {
  const user = requireStrategyOffice(ctx);
  return withTransaction(ctx, async (tx) => {
    const source = await findPlanInOrganization(tx, input.planId, user.organizationId);
    // A draft has nothing in the tables to carry over yet.
    if (source.status !== 'adopted') throw conflict({ key: 'refusals.nextPlanFromDraft' });
    const tree = await loadPlanTree(tx, source.id);
    const choiceOf = new Map(input.choices.map((c) => [c.id, c.choice]));
    await checkInput(tx, source, tree, input, choiceOf);
    const continues = (id: string) => choiceOf.get(id) === 'continue';
    const from = source.code;

    const kpi = (k: KpiNode): PlanFileKpi => ({
      code: k.code,
      name: k.name,
      unit: k.unit as UnitSymbol,
      cumulative: k.cumulative,
      direction: k.direction,
      ...(k.note ? { note: k.note } : {}),
      ...(k.dataSourceName ? { dataSource: { name: k.dataSourceName } } : {}),
      predecessor: { plan: from, code: k.code },
      // The new period's baseline and targets are the office's to set in the editor.
      values: [],
    });
    const project = (p: ProjectNode): PlanFileProject => ({
      code: p.code,
      name: p.name,
      ...(p.description ? { description: p.description } : {}),
      departments: p.departments.map((d) => d.code),
      predecessor: { plan: from, code: p.code },
      kpis: p.kpis.filter((k) => continues(k.id)).map(kpi),
    });
    const measure = (m: MeasureNode): PlanFileMeasure => ({
      number: m.number,
      title: m.title,
      ...(m.summary ? { summary: m.summary } : {}),
      ...(m.audiences.length ? { audiences: m.audiences } : {}),
      ...(m.outcomes.length ? { outcomes: m.outcomes } : {}),
      predecessor: { plan: from, number: m.number },
      projects: m.projects.filter((p) => continues(p.id)).map(project),
    });
    const goals = tree.goals.flatMap((g): PlanFileGoal[] => {
      const numericTargets = g.numericTargets.filter((k) => continues(k.id)).map(kpi);
      const directions = g.directions.flatMap((d) => {
        const kept = d.measures.filter((m) => continues(m.id));
        return kept.length ? [{ code: d.code, title: d.title, measures: kept.map(measure) }] : [];
      });
      if (!numericTargets.length && !directions.length) return [];
      return [{ number: g.number, title: g.title, ...(g.situation ? { situation: g.situation } : {}), ...(g.approach ? { approach: g.approach } : {}), numericTargets, directions }];
    });

    const [org] = await tx.select().from(organizations).where(eq(organizations.id, source.organizationId));
    const taken = (await tx.select({ code: plans.code }).from(plans).where(eq(plans.organizationId, source.organizationId))).map((p) => p.code);
    const start = input.periodStartFiscalYear;
    const draft: PlanFile = {
      format: PLAN_FILE_FORMAT,
      formatVersion: PLAN_FILE_VERSION,
      organization: { code: org!.code, name: org!.name },
      plan: { code: freeCode(taken, `${from}-next-${start}-`), name: input.name, ...(input.nameEn ? { nameEn: input.nameEn } : {}), periodStartFiscalYear: start, periodEndFiscalYear: input.periodEndFiscalYear },
      // The new period's population vision is its own document's, not the old one's.
      populationVision: [],
      departments: [],
      goals,
    };
    const file = await completeDraft(tx, draft, await organizationDepartments(tx, source.organizationId));
    const check = validatePlanFile(file);
    // Copied from a plan that passed the same checks: a problem here is a defect, not the office's input.
    if (!check.ok) throw new Error(`the next plan's draft is not a valid plan file: ${check.problems.map((p) => `${p.field} ${p.message}`).join('; ')}`);
    const [row] = await tx
      .insert(plans)
      .values({
        organizationId: source.organizationId,
        code: file.plan.code,
        name: input.name,
        nameEn: input.nameEn ?? null,
        periodStartFiscalYear: start,
        periodEndFiscalYear: input.periodEndFiscalYear,
        sourceHash: sha256(canonicalJson(normalizePlanFile(file))),
        // The city's Orient settings carry over; they are not the plan file's.
        orientSettings: source.orientSettings,
        status: 'draft',
        draft: file as unknown as Record<string, unknown>,
      })
      .returning({ id: plans.id });
    const planId = row!.id;

    // Ended projects, and the projects of ended measures, end with the source plan's last year.
    const ended = tree.goals
      .flatMap((g) => g.directions.flatMap((d) => d.measures))
      .flatMap((m) => m.projects.filter((p) => choiceOf.get(p.id) === 'end' || (choiceOf.get(m.id) === 'end' && !continues(p.id))));
    if (ended.length) {
      await tx.insert(decisionLog).values(
        ended.map((p) => ({
          organizationId: source.organizationId,
          planId: source.id,
          fiscalYear: source.periodEndFiscalYear,
          marker: 'project_ended' as const,
          subjectType: 'project' as const,
          subjectId: p.id,
          subjectCode: p.code,
          before: { name: p.name, status: p.status },
          after: { status: 'ended', nextPlan: { id: planId, name: input.name } },
          rationale: input.rationale,
          source: 'review' as const,
          decidedBy: user.id,
          decidedAt: ctx.clock.now(),
        })),
      );
    }
    const measureList = goals.flatMap((g) => g.directions.flatMap((d) => d.measures));
    const projectList = measureList.flatMap((m) => m.projects);
    return {
      planId,
      continued: {
        measures: measureList.length,
        projects: projectList.length,
        kpis: goals.reduce((n, g) => n + g.numericTargets.length, 0) + projectList.reduce((n, p) => n + p.kpis.length, 0),
      },
      ended: ended.length,
    };
  });
}

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
