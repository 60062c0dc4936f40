/** Removes a goal from a draft, with everything under it (nothing of a draft is history yet). */
import type { ServiceContext } from '../../context.ts';
import { changeDraft } from './draft.ts';
import { findGoal } from './locate.ts';

export function removeGoal({ ctx, input }: { ctx: ServiceContext; input: { planId: string; goalNumber: number } }) {
  return changeDraft(ctx, input.planId, (draft) => {
    draft.goals.splice(findGoal(draft, input.goalNumber).index, 1);
    return { result: { planId: input.planId }, at: '$.goals' };
  });
}
