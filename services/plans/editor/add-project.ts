/** A project (事業) under a measure, with its lead and co-owning departments of the organization. */
import type { Static } from 'typebox';
import type { ServiceContext } from '../../context.ts';
import { changeDraft } from './draft.ts';
import type { ProjectBody } from './inputs.ts';
import { departmentCodes } from './items.ts';
import { allProjects, findMeasure, freeCode } from './locate.ts';

export { ProjectBody as AddProjectBody } from './inputs.ts';

export function addProject({ ctx, input }: { ctx: ServiceContext; input: Static<typeof ProjectBody> & { planId: string; measureNumber: number } }) {
  return changeDraft(ctx, input.planId, (draft, scope) => {
    const { measure, path } = findMeasure(draft, input.measureNumber);
    const departments = departmentCodes(input, scope.departments);
    // The document's style: m01-p02 is measure 1's 2nd project.
    const code = freeCode(allProjects(draft).map((p) => p.code), `m${String(measure.number).padStart(2, '0')}-p`, 2);
    measure.projects.push({ code, name: input.name, ...(input.description ? { description: input.description } : {}), departments, kpis: [] });
    return { result: { code }, at: `${path}.projects[${measure.projects.length - 1}]` };
  });
}
