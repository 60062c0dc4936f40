/** A direction (施策の基本的方向) under a goal; its code follows the goal (1-1, 1-2 …). */
import type { Static } from 'typebox';
import type { ServiceContext } from '../../context.ts';
import { changeDraft } from './draft.ts';
import type { DirectionBody } from './inputs.ts';
import { findGoal, freeCode } from './locate.ts';

export { DirectionBody as AddDirectionBody } from './inputs.ts';

export function addDirection({ ctx, input }: { ctx: ServiceContext; input: Static<typeof DirectionBody> & { planId: string; goalNumber: number } }) {
  return changeDraft(ctx, input.planId, (draft) => {
    const { goal, path } = findGoal(draft, input.goalNumber);
    const code = freeCode(goal.directions.map((d) => d.code), `${goal.number}-`);
    goal.directions.push({ code, title: input.title, measures: [] });
    return { result: { code }, at: `${path}.directions[${goal.directions.length - 1}]` };
  });
}
