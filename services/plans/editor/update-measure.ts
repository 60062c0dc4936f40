/** A measure's number, title and summary. */
import type { Static } from 'typebox';
import type { ServiceContext } from '../../context.ts';
import { changeDraft } from './draft.ts';
import type { MeasureBody } from './inputs.ts';
import { assertFreeNumber } from './items.ts';
import { allMeasures, findMeasure } from './locate.ts';

export { MeasureBody as UpdateMeasureBody } from './inputs.ts';

export function updateMeasure({ ctx, input }: { ctx: ServiceContext; input: Static<typeof MeasureBody> & { planId: string; measureNumber: number } }) {
  return changeDraft(ctx, input.planId, (draft) => {
    const { measure, path } = findMeasure(draft, input.measureNumber);
    assertFreeNumber(allMeasures(draft).filter((m) => m !== measure).map((m) => m.number), input.number, 'measure');
    Object.assign(measure, { number: input.number, title: input.title, summary: input.summary });
    if (!input.summary) delete measure.summary;
    return { result: { number: input.number }, at: path };
  });
}
