/** A draft's name and period. */
import type { Static } from 'typebox';
import type { ServiceContext } from '../../context.ts';
import { changeDraft } from './draft.ts';
import type { PlanBody } from './inputs.ts';

export { PlanBody as UpdatePlanBody } from './inputs.ts';

export function updatePlan({ ctx, input }: { ctx: ServiceContext; input: Static<typeof PlanBody> & { planId: string } }) {
  return changeDraft(ctx, input.planId, (draft) => {
    draft.plan = { ...draft.plan, name: input.name, periodStartFiscalYear: input.periodStartFiscalYear, periodEndFiscalYear: input.periodEndFiscalYear };
    return { result: { planId: input.planId }, at: '$.plan' };
  });
}
