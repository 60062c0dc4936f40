/** Removes a KPI or a numeric target from a draft. */
import type { ServiceContext } from '../../context.ts';
import { changeDraft } from './draft.ts';
import { findKpi } from './locate.ts';

export function removeKpi({ ctx, input }: { ctx: ServiceContext; input: { planId: string; kpiCode: string } }) {
  return changeDraft(ctx, input.planId, (draft) => {
    const { list, index } = findKpi(draft, input.kpiCode);
    list.splice(index, 1);
    return { result: { planId: input.planId }, at: '$.goals' };
  });
}
