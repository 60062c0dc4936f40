/** Removes a project from a draft, with its KPIs. */
import type { ServiceContext } from '../../context.ts';
import { changeDraft } from './draft.ts';
import { findProject } from './locate.ts';

export function removeProject({ ctx, input }: { ctx: ServiceContext; input: { planId: string; projectCode: string } }) {
  return changeDraft(ctx, input.planId, (draft) => {
    const { measure, index } = findProject(draft, input.projectCode);
    measure.projects.splice(index, 1);
    return { result: { planId: input.planId }, at: '$.goals' };
  });
}
