/**
 * The strategy office withdraws a fiscal year from the citizens' page: a withdrawal row covers
 * every version of that year published so far, so the public page and its open data no longer
 * show the year. Nothing published is changed (publications are append-only); publishing the
 * year again later adds a new, visible version.
 *
 * Who withdrew a year, when and why is a decision_log row (marker `publication_withdrawn`, the
 * plan as its subject), written in the same transaction as the withdrawal: the decision log's
 * page, CSV, workbook and the committee packet show it like any other decision.
 */
import { and, eq, sql } from 'drizzle-orm';
import Type, { type Static } from 'typebox';
import { decisionLog, publicationWithdrawals, publications } from '../../db/schema/index.ts';
import { requireStrategyOffice } from '../auth/authorize.ts';
import { withTransaction, type ServiceContext } from '../context.ts';
import { conflict, invalidInput, notFound, problemAt } from '../errors.ts';
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
  if (!input.reason.trim()) throw invalidInput([problemAt('body.reason', { key: 'problems.empty' })]);
  return withTransaction(ctx, async (tx) => {
    // The same lock as publishing: a withdrawal and a new version of the year never interleave.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`publication:${plan.id}:${input.fiscalYear}`}, 0))`);
    const reason = input.reason.trim();
    // Conditional: written only while the latest version is the one the person saw and it is still shown.
    const latest = sql`(select max(p.version) from ${publications} p where p.plan_id = ${plan.id} and p.fiscal_year = ${input.fiscalYear})`;
    const shown = sql`not exists (select 1 from ${publicationWithdrawals} w where w.plan_id = ${plan.id} and w.fiscal_year = ${input.fiscalYear} and w.up_to_version >= ${input.expectedVersion})`;
    const rows = await tx.execute<{ withdrawn_at: string }>(sql`
      insert into ${publicationWithdrawals} (organization_id, plan_id, fiscal_year, up_to_version, reason, withdrawn_by, withdrawn_at)
      select ${plan.organizationId}, ${plan.id}, ${input.fiscalYear}, ${input.expectedVersion}, ${reason}, ${user.id}, ${ctx.clock.now().toISOString()}
      where ${latest} = ${input.expectedVersion} and ${shown}
      returning withdrawn_at`);
    if (rows.length === 0) {
      const [any] = await tx.select({ version: publications.version }).from(publications).where(and(eq(publications.planId, plan.id), eq(publications.fiscalYear, input.fiscalYear))).limit(1);
      if (!any) throw notFound('publication');
      throw conflict({ key: 'refusals.publicationChanged' });
    }
    const withdrawnAt = new Date(rows[0]!.withdrawn_at);
    await tx.insert(decisionLog).values({
      organizationId: plan.organizationId,
      planId: plan.id,
      fiscalYear: input.fiscalYear,
      marker: 'publication_withdrawn',
      subjectType: 'publication',
      subjectId: plan.id,
      subjectCode: `FY${input.fiscalYear}`,
      before: { publicPage: 'published', publishedVersion: input.expectedVersion },
      after: { publicPage: 'withdrawn' },
      rationale: reason,
      source: 'review',
      decidedBy: user.id,
      decidedAt: withdrawnAt,
    });
    return { planId: plan.id, fiscalYear: input.fiscalYear, upToVersion: input.expectedVersion, withdrawnAt, withdrawnByName: user.name, reason };
  });
}
