/**
 * The strategy office records an opinion of the strategy council (総合戦略推進会議) on a fiscal
 * year's review — about one measure, or the strategy as a whole — to be answered by the city.
 */
import { and, eq } from 'drizzle-orm';
import Type, { type Static } from 'typebox';
import { councilOpinions, measures } from '../../db/schema/index.ts';
import { requireStrategyOffice } from '../auth/authorize.ts';
import { withTransaction, type ServiceContext } from '../context.ts';
import { type FieldProblem, invalidInput, problemAt } from '../errors.ts';
import { FiscalYear, IsoDate, MAX_INT, OrNull, Text } from '../input-schemas.ts';
import { findPlanInOrganization, periodWords } from '../plans/find-plan.ts';
import { isCalendarDate } from '../reviews/open-cycles.ts';

export const RecordCouncilOpinionBody = Type.Object({
  fiscalYear: FiscalYear,
  measureNumber: Type.Optional(OrNull(Type.Integer({ minimum: 1, maximum: MAX_INT, description: '施策① as 1; absent for the strategy as a whole' }))),
  meetingDate: Type.Optional(OrNull(IsoDate)),
  opinion: Text(),
});
export type RecordCouncilOpinionInput = Static<typeof RecordCouncilOpinionBody> & { planId: string };

export async function recordCouncilOpinion({ ctx, input }: { ctx: ServiceContext; input: RecordCouncilOpinionInput }) {
  const user = requireStrategyOffice(ctx);
  return withTransaction(ctx, async (tx) => {
    const plan = await findPlanInOrganization(tx, input.planId, user.organizationId);
    const problems: FieldProblem[] = [];
    if (input.fiscalYear < plan.periodStartFiscalYear || input.fiscalYear > plan.periodEndFiscalYear) {
      problems.push(problemAt('body.fiscalYear', periodWords(plan)));
    }
    if (input.meetingDate && !isCalendarDate(input.meetingDate)) problems.push(problemAt('body.meetingDate', { key: 'problems.invalidDate' }));
    if (!input.opinion.trim()) problems.push(problemAt('body.opinion', { key: 'problems.empty' }));
    let measureId: string | null = null;
    if (input.measureNumber !== undefined && input.measureNumber !== null) {
      const [measure] = await tx.select({ id: measures.id }).from(measures).where(and(eq(measures.planId, plan.id), eq(measures.number, input.measureNumber)));
      if (measure) measureId = measure.id;
      else problems.push(problemAt('body.measureNumber', { key: 'problems.noSuchMeasure', params: { number: input.measureNumber } }));
    }
    if (problems.length) throw invalidInput(problems);
    const [row] = await tx
      .insert(councilOpinions)
      .values({
        organizationId: plan.organizationId,
        planId: plan.id,
        fiscalYear: input.fiscalYear,
        measureId,
        meetingDate: input.meetingDate ?? null,
        opinion: input.opinion.trim(),
        recordedBy: user.id,
        recordedAt: ctx.clock.now(),
      })
      .returning();
    return row!;
  });
}
