/**
 * The strategy office withdraws a fiscal year from the citizens' page: every published version
 * of that year is marked withdrawn (who, when, why), so the public page and its open data no
 * longer show it. Publishing the year again later adds a new, visible version.
 *
 * Decided here (the issue is silent): the record of who withdrew a year and why is kept on the
 * publication rows themselves and shown on the publications page. The decision log
 * (decision_log) stays the log of plan revisions, whose markers are the document's own kinds.
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import Type, { type Static } from 'typebox';
import { publications } from '../../db/schema/index.ts';
import { requireStrategyOffice } from '../auth/authorize.ts';
import { withTransaction, type ServiceContext } from '../context.ts';
import { badRequest, conflict, notFound } from '../errors.ts';
import { Text } from '../input-schemas.ts';
import { findPlan } from '../plans/queries.ts';

export const WithdrawPublicationBody = Type.Object({
  reason: Text(),
  /** The latest version the person saw; a newer publication or an earlier withdrawal is a 409. */
  expectedVersion: Type.Integer({ minimum: 1 }),
});
export type WithdrawPublicationInput = Static<typeof WithdrawPublicationBody> & { planId: string; fiscalYear: number };

export async function withdrawPublication({ ctx, input }: { ctx: ServiceContext; input: WithdrawPublicationInput }) {
  const user = requireStrategyOffice(ctx);
  const plan = await findPlan(ctx, input.planId);
  if (!input.reason.trim()) throw badRequest('body.reason must not be blank', [{ field: 'body.reason', message: 'must not be blank' }]);
  return withTransaction(ctx, async (tx) => {
    // The same lock as publishing: a withdrawal and a new version of the year never interleave.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`publication:${plan.id}:${input.fiscalYear}`}, 0))`);
    const ofYear = and(eq(publications.planId, plan.id), eq(publications.fiscalYear, input.fiscalYear));
    const withdrawnAt = ctx.clock.now();
    // Conditional: only while the year is shown and its latest version is the one the person saw.
    const rows = await tx
      .update(publications)
      .set({ withdrawnAt, withdrawnBy: user.id, withdrawalReason: input.reason.trim() })
      .where(
        and(
          ofYear,
          isNull(publications.withdrawnAt),
          sql`(select max(p.version) from ${publications} p where p.plan_id = ${plan.id} and p.fiscal_year = ${input.fiscalYear}) = ${input.expectedVersion}`,
        ),
      )
      .returning({ version: publications.version });
    if (rows.length === 0) {
      const [any] = await tx.select({ version: publications.version }).from(publications).where(ofYear).limit(1);
      if (!any) throw notFound('publication');
      throw conflict(`fiscal year ${input.fiscalYear} was published again or withdrawn meanwhile; reload the page`, {
        messageJa: 'ほかの利用者が先にこの年度を公開または取り下げました。ページを再読み込みしてから、もう一度確認してください。',
      });
    }
    return { planId: plan.id, fiscalYear: input.fiscalYear, versions: rows.map((r) => r.version).sort((a, b) => a - b), withdrawnAt, withdrawnByName: user.name, reason: input.reason.trim() };
  });
}
