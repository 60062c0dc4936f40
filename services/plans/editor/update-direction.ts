/** A direction's title. */
import type { Static } from 'typebox';
import type { ServiceContext } from '../../context.ts';
import { changeDraft } from './draft.ts';
import type { DirectionBody } from './inputs.ts';
import { findDirection } from './locate.ts';

export { DirectionBody as UpdateDirectionBody } from './inputs.ts';

export function updateDirection({ ctx, input }: { ctx: ServiceContext; input: Static<typeof DirectionBody> & { planId: string; directionCode: string } }) {
  return changeDraft(ctx, input.planId, (draft) => {
    const { direction, path } = findDirection(draft, input.directionCode);
    direction.title = input.title;
    return { result: { code: direction.code }, at: path };
  });
}
