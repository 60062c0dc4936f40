/** Removes a direction from a draft, with its measures. */
import type { ServiceContext } from '../../context.ts';
import { changeDraft } from './draft.ts';
import { findDirection } from './locate.ts';

export function removeDirection({ ctx, input }: { ctx: ServiceContext; input: { planId: string; directionCode: string } }) {
  return changeDraft(ctx, input.planId, (draft) => {
    const { goal, index } = findDirection(draft, input.directionCode);
    goal.directions.splice(index, 1);
    return { result: { planId: input.planId }, at: '$.goals' };
  });
}
