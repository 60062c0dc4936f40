/** A KPI of a project, or a numeric target (数値目標) of a goal: its definition, baseline and targets by year. */
import type { Static } from 'typebox';
import type { ServiceContext } from '../../context.ts';
import { changeDraft } from './draft.ts';
import type { KpiBody } from './inputs.ts';
import { kpiFromInput } from './items.ts';
import { allKpiCodes, findGoal, findProject, freeCode } from './locate.ts';

export { KpiBody as AddKpiBody } from './inputs.ts';

/** Whose KPI: a project's (by its code) or a goal's numeric target (by the goal's number). */
export type KpiOwner = { projectCode: string } | { goalNumber: number };

export function addKpi({ ctx, input }: { ctx: ServiceContext; input: Static<typeof KpiBody> & { planId: string; owner: KpiOwner } }) {
  return changeDraft(ctx, input.planId, (draft) => {
    const owner =
      'projectCode' in input.owner
        ? (({ project, path }) => ({ list: project.kpis, path: `${path}.kpis`, prefix: `${project.code}-k` }))(findProject(draft, input.owner.projectCode))
        : (({ goal, path }) => ({ list: goal.numericTargets, path: `${path}.numericTargets`, prefix: `g${goal.number}-t` }))(findGoal(draft, input.owner.goalNumber));
    const code = freeCode(allKpiCodes(draft), owner.prefix);
    const { kpi, rename } = kpiFromInput(input, code, { start: draft.plan.periodStartFiscalYear, end: draft.plan.periodEndFiscalYear });
    owner.list.push(kpi);
    return { result: { code }, at: `${owner.path}[${owner.list.length - 1}]`, rename };
  });
}
