/** A goal's number and title; renumbering it renumbers its directions' codes (1-2 → 3-2). */
import type { Static } from 'typebox';
import type { ServiceContext } from '../../context.ts';
import { changeDraft } from './draft.ts';
import type { GoalBody } from './inputs.ts';
import { assertFreeNumber } from './items.ts';
import { findGoal } from './locate.ts';

export { GoalBody as UpdateGoalBody } from './inputs.ts';

export function updateGoal({ ctx, input }: { ctx: ServiceContext; input: Static<typeof GoalBody> & { planId: string; goalNumber: number } }) {
  return changeDraft(ctx, input.planId, (draft) => {
    const { goal } = findGoal(draft, input.goalNumber);
    assertFreeNumber(draft.goals.filter((g) => g !== goal).map((g) => g.number), input.number, 'goal');
    for (const direction of goal.directions) direction.code = direction.code.replace(/^\d+-/, `${input.number}-`);
    goal.number = input.number;
    goal.title = input.title;
    draft.goals.sort((a, b) => a.number - b.number);
    return { result: { number: input.number }, at: `$.goals[${draft.goals.indexOf(goal)}]` };
  });
}
