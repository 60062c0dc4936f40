/** A KPI's definition, baseline and targets; what the form does not edit (carried-over actuals, the data source, the predecessor) is kept. */
import type { Static } from 'typebox';
import type { ServiceContext } from '../../context.ts';
import { changeDraft } from './draft.ts';
import type { KpiBody } from './inputs.ts';
import { kpiFromInput, valuesNotEdited } from './items.ts';
import { findKpi } from './locate.ts';

export { KpiBody as UpdateKpiBody } from './inputs.ts';

export function updateKpi({ ctx, input }: { ctx: ServiceContext; input: Static<typeof KpiBody> & { planId: string; kpiCode: string } }) {
  return changeDraft(ctx, input.planId, (draft) => {
    const { list, kpi: old, index, path } = findKpi(draft, input.kpiCode);
    const period = { start: draft.plan.periodStartFiscalYear, end: draft.plan.periodEndFiscalYear };
    const { kpi, rename } = kpiFromInput(input, old.code, period, valuesNotEdited(old));
    list[index] = { ...kpi, ...(old.dataSource ? { dataSource: old.dataSource } : {}), ...(old.predecessor ? { predecessor: old.predecessor } : {}) };
    return { result: { code: old.code }, at: path, rename };
  });
}
