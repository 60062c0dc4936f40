/** Removes a measure from a draft, with its projects. */
import type { ServiceContext } from '../../context.ts';
import { changeDraft } from './draft.ts';
import { findMeasure } from './locate.ts';

export function removeMeasure({ ctx, input }: { ctx: ServiceContext; input: { planId: string; measureNumber: number } }) {
  return changeDraft(ctx, input.planId, (draft) => {
    const { direction, index } = findMeasure(draft, input.measureNumber);
    direction.measures.splice(index, 1);
    return { result: { planId: input.planId }, at: '$.goals' };
  });
}
