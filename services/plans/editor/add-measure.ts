/** A measure (施策) under a direction: the unit of one review cycle. Its number is unique in the plan. */
import type { Static } from 'typebox';
import type { ServiceContext } from '../../context.ts';
import { changeDraft } from './draft.ts';
import type { MeasureBody } from './inputs.ts';
import { assertFreeNumber } from './items.ts';
import { allMeasures, findDirection } from './locate.ts';

export { MeasureBody as AddMeasureBody } from './inputs.ts';

export function addMeasure({ ctx, input }: { ctx: ServiceContext; input: Static<typeof MeasureBody> & { planId: string; directionCode: string } }) {
  return changeDraft(ctx, input.planId, (draft) => {
    const { direction, path } = findDirection(draft, input.directionCode);
    assertFreeNumber(allMeasures(draft).map((m) => m.number), input.number, 'measure');
    direction.measures.push({ number: input.number, title: input.title, ...(input.summary ? { summary: input.summary } : {}), projects: [] });
    return { result: { number: input.number }, at: `${path}.measures[${direction.measures.length - 1}]` };
  });
}
