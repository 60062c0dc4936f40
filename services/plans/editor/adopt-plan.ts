/**
 * Adopting a draft (策定・公表 on a date): the whole draft is checked as the importer checks a
 * plan file and written to the plan's tables the importer's way (writePlanContent), so reviews,
 * the dashboard and reports read it like an imported plan. From then on it changes only by a
 * review's revisions or an amendment.
 */
import { and, eq } from 'drizzle-orm';
import type { Static } from 'typebox';
import { plans } from '../../../db/schema/index.ts';
import { requireStrategyOffice } from '../../auth/authorize.ts';
import { withTransaction, type ServiceContext } from '../../context.ts';
import { conflict, type FieldProblem, problemAt } from '../../errors.ts';
import { isCalendarDate } from '../../input-formats.ts';
import { canonicalJson, sha256 } from '../canonical-json.ts';
import { writePlanContent } from '../import-plan.ts';
import { normalizePlanFile } from '../normalize-plan-file.ts';
import type { PlanFile } from '../plan-file.ts';
import { resolvePredecessors } from '../predecessors.ts';
import { validatePlanFile } from '../validate-plan-file.ts';
import { completeDraft, editorRefusal, lockPlan, organizationDepartments, refuse } from './draft.ts';
import type { AdoptBody } from './inputs.ts';
import { allMeasures, allProjects } from './locate.ts';

export { AdoptBody as AdoptPlanBody } from './inputs.ts';

export async function adoptPlan({ ctx, input }: { ctx: ServiceContext; input: Static<typeof AdoptBody> & { planId: string } }) {
  const user = requireStrategyOffice(ctx);
  if (!isCalendarDate(input.adoptedOn)) throw refuse([problemAt('body.adoptedOn', { key: 'problems.invalidDate' })]);
  return withTransaction(ctx, async (tx) => {
    const plan = await lockPlan(tx, user, input.planId);
    if (plan.status !== 'draft' || !plan.draft) throw editorRefusal();
    const departments = await organizationDepartments(tx, plan.organizationId);
    const draft = plan.draft as unknown as PlanFile;
    const file = await completeDraft(tx, { ...draft, plan: { ...draft.plan, adoptedOn: input.adoptedOn } }, departments);
    // A plan without a measure and a project has nothing to review.
    if (allMeasures(file).length === 0 || allProjects(file).length === 0) {
      throw conflict({ key: 'refusals.planNeedsContent' });
    }
    const check = validatePlanFile(file);
    const atBody = (problems: FieldProblem[]) => problems.map((p) => problemAt('body', { key: 'problems.atPath', params: { field: p.field, problem: p.words } }));
    if (!check.ok) throw refuse(atBody(check.problems));
    // A next period's draft (create-next-plan.ts) names its continued items' predecessors: they become the tables' links here.
    const { problems, links } = await resolvePredecessors(tx, plan.organizationId, file);
    if (problems.length) throw refuse(atBody(problems));
    const idByCode = new Map([...departments.values()].map((d) => [d.code, d.id]));
    await writePlanContent(tx, plan.id, plan.organizationId, idByCode, file, links);
    const [adopted] = await tx
      .update(plans)
      .set({ status: 'adopted', adoptedOn: input.adoptedOn, adoptedBy: user.id, draft: null, sourceHash: sha256(canonicalJson(normalizePlanFile(file))) })
      .where(and(eq(plans.id, plan.id), eq(plans.status, 'draft')))
      .returning({ id: plans.id });
    if (!adopted) throw editorRefusal();
    return { planId: plan.id, adoptedOn: input.adoptedOn };
  });
}
