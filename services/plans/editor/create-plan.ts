/** The strategy office starts a new plan: a draft with its name and period, written in the editor until adopted. */
import { eq } from 'drizzle-orm';
import type { Static } from 'typebox';
import { organizations, plans } from '../../../db/schema/index.ts';
import { requireStrategyOffice } from '../../auth/authorize.ts';
import { withTransaction, type ServiceContext } from '../../context.ts';
import { canonicalJson, sha256 } from '../canonical-json.ts';
import { PLAN_FILE_FORMAT, PLAN_FILE_VERSION, type PlanFile } from '../plan-file.ts';
import { validatePlanFile } from '../validate-plan-file.ts';
import { refuse } from './draft.ts';
import type { PlanBody } from './inputs.ts';
import { freeCode } from './locate.ts';

export { PlanBody as CreatePlanBody } from './inputs.ts';

export async function createPlan({ ctx, input }: { ctx: ServiceContext; input: Static<typeof PlanBody> }): Promise<{ planId: string }> {
  const user = requireStrategyOffice(ctx);
  return withTransaction(ctx, async (tx) => {
    const [org] = await tx.select().from(organizations).where(eq(organizations.id, user.organizationId));
    const taken = (await tx.select({ code: plans.code }).from(plans).where(eq(plans.organizationId, user.organizationId))).map((p) => p.code);
    const { periodStartFiscalYear, periodEndFiscalYear } = input;
    const file: PlanFile = {
      format: PLAN_FILE_FORMAT,
      formatVersion: PLAN_FILE_VERSION,
      organization: { code: org!.code, name: org!.name, ...(org!.nameEn ? { nameEn: org!.nameEn } : {}) },
      plan: { code: freeCode(taken, `plan-${periodStartFiscalYear}-${periodEndFiscalYear}-`), name: input.name, periodStartFiscalYear, periodEndFiscalYear },
      populationVision: [],
      departments: [],
      goals: [],
    };
    const check = validatePlanFile(file);
    if (!check.ok) throw refuse(check.problems.map((p) => ({ ...p, field: p.field.replace(/^\$\.plan\./, 'body.').replace(/^\$.*/, 'body') })));
    const [row] = await tx
      .insert(plans)
      .values({
        organizationId: user.organizationId,
        code: file.plan.code,
        name: input.name,
        periodStartFiscalYear,
        periodEndFiscalYear,
        sourceHash: sha256(canonicalJson(file)),
        status: 'draft',
        draft: file as unknown as Record<string, unknown>,
      })
      .returning({ id: plans.id });
    return { planId: row!.id };
  });
}
