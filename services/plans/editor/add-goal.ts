/** A basic goal (基本目標) of a draft; its numeric targets are KPIs (add-kpi.ts). */
import type { Static } from 'typebox';
import type { ServiceContext } from '../../context.ts';
import { changeDraft } from './draft.ts';
import type { GoalBody } from './inputs.ts';
import { assertFreeNumber } from './items.ts';

export { GoalBody as AddGoalBody } from './inputs.ts';

export function addGoal({ ctx, input }: { ctx: ServiceContext; input: Static<typeof GoalBody> & { planId: string } }) {
  return changeDraft(ctx, input.planId, (draft) => {
    assertFreeNumber(draft.goals.map((g) => g.number), input.number, 'goal');
    draft.goals.push({ number: input.number, title: input.title, numericTargets: [], directions: [] });
    draft.goals.sort((a, b) => a.number - b.number);
    return { result: { number: input.number }, at: `$.goals[${draft.goals.findIndex((g) => g.number === input.number)}]` };
  });
}
