/** Amends which departments run an adopted plan's project (the lead first) outside a review (改訂), logged as a decision. */
import { asc, eq } from 'drizzle-orm';
import Type, { type Static } from 'typebox';
import { projectDepartments, projects } from '../../../db/schema/index.ts';
import { requireStrategyOffice } from '../../auth/authorize.ts';
import { withTransaction, type ServiceContext } from '../../context.ts';
import { notFound, problemAt } from '../../errors.ts';
import { lockAdoptedPlan, logAmendment, nextDecisionId } from './amendment.ts';
import { organizationDepartments, refuse } from './draft.ts';
import { ProjectDepartmentsFields, Rationale } from './inputs.ts';
import { departmentCodes } from './items.ts';

export const AmendProjectDepartmentsBody = Type.Object({ ...ProjectDepartmentsFields, rationale: Rationale });

export async function amendProjectDepartments({ ctx, input }: { ctx: ServiceContext; input: Static<typeof AmendProjectDepartmentsBody> & { projectId: string } }) {
  const user = requireStrategyOffice(ctx);
  return withTransaction(ctx, async (tx) => {
    const [project] = await tx.select().from(projects).where(eq(projects.id, input.projectId));
    if (!project) throw notFound('project');
    const plan = await lockAdoptedPlan(tx, user, project.planId, 'project');
    const departments = await organizationDepartments(tx, plan.organizationId);
    departmentCodes(input, departments);
    if (!input.rationale.trim()) throw refuse([problemAt('body.rationale', { key: 'problems.empty' })]);
    const current = await tx.select().from(projectDepartments).where(eq(projectDepartments.projectId, project.id)).orderBy(asc(projectDepartments.position));
    const beforeIds = current.map((d) => d.departmentId);
    const afterIds = [input.leadDepartmentId, ...input.coDepartmentIds];
    if (JSON.stringify(beforeIds) === JSON.stringify(afterIds)) throw refuse([problemAt('body.coDepartmentIds', { key: 'problems.noDepartmentChanged' })]);

    const decisionId = await nextDecisionId(tx);
    await tx.delete(projectDepartments).where(eq(projectDepartments.projectId, project.id));
    await tx.insert(projectDepartments).values(afterIds.map((departmentId, position) => ({ projectId: project.id, departmentId, position })));
    // Names, so the log reads on its own; the lead first.
    const names = (ids: string[]) => ids.map((id) => departments.get(id)?.name ?? id);
    await logAmendment(tx, ctx, user, {
      id: decisionId,
      organizationId: plan.organizationId,
      planId: plan.id,
      marker: 'project_content_changed',
      subject: { type: 'project', id: project.id, code: project.code },
      before: { departments: names(beforeIds) },
      after: { departments: names(afterIds) },
      rationale: input.rationale.trim(),
    });
    return { decisionId, planId: plan.id };
  });
}
