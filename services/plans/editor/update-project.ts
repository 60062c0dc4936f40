/** A project's name, description and departments. */
import type { Static } from 'typebox';
import type { ServiceContext } from '../../context.ts';
import { changeDraft } from './draft.ts';
import type { ProjectBody } from './inputs.ts';
import { departmentCodes } from './items.ts';
import { findProject } from './locate.ts';

export { ProjectBody as UpdateProjectBody } from './inputs.ts';

export function updateProject({ ctx, input }: { ctx: ServiceContext; input: Static<typeof ProjectBody> & { planId: string; projectCode: string } }) {
  return changeDraft(ctx, input.planId, (draft, scope) => {
    const { project, path } = findProject(draft, input.projectCode);
    const departments = departmentCodes(input, scope.departments);
    Object.assign(project, { name: input.name, description: input.description, departments });
    if (!input.description) delete project.description;
    return { result: { code: project.code }, at: path };
  });
}
