/**
 * The strategy office publishes a fiscal year's progress: the figures and statuses of that
 * moment are frozen in a snapshot, which is what the public page and the open data show until
 * the next publication. Publishing again adds a version; nothing published is ever changed.
 * The departments' free texts in it go out only as the publisher reviewed them (public-texts.ts).
 */
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import Type, { type Static } from 'typebox';
import { publicationWithdrawals, publications, users } from '../../db/schema/index.ts';
import { requireStrategyOffice } from '../auth/authorize.ts';
import { withTransaction, type ServiceContext } from '../context.ts';
import { badRequest, conflict, problemAt } from '../errors.ts';
import { FiscalYear } from '../input-schemas.ts';
import { canonicalJson, sha256 } from '../plans/canonical-json.ts';
import { findPlan } from '../plans/queries.ts';
import { snapshotToPublish } from './public-texts.ts';

export const PublishProgressBody = Type.Object({
  fiscalYear: FiscalYear,
  reviewedTexts: Type.Optional(
    Type.String({
      pattern: '^[0-9a-f]{64}$',
      example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      description: 'the `reviewedTexts` of GET …/publications/{fiscalYear}/texts: the departments’ free texts you reviewed; required when the year has any',
    }),
  ),
});

export async function publishProgress({ ctx, input }: { ctx: ServiceContext; input: Static<typeof PublishProgressBody> & { planId: string } }) {
  const user = requireStrategyOffice(ctx);
  const { plan, snapshot, texts, digest } = await snapshotToPublish(ctx, input.planId, input.fiscalYear);
  // Nothing a department wrote reaches citizens unseen: the texts must be the ones the publisher was shown.
  if (input.reviewedTexts === undefined && texts.length > 0) {
    throw badRequest('the departments’ free texts of this year must be reviewed before publishing', [problemAt('body.reviewedTexts', { key: 'problems.reviewTextsFirst' })]);
  }
  if (input.reviewedTexts !== undefined && input.reviewedTexts !== digest) {
    throw conflict({ key: 'refusals.textsChanged' });
  }
  const snapshotHash = sha256(canonicalJson(snapshot));
  const reviewedTexts = texts.map(({ code, field, sha256 }) => ({ code, field, sha256 }));
  return withTransaction(ctx, async (tx) => {
    // One publisher at a time per plan and year, so versions are 1, 2, 3 … without gaps or clashes.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`publication:${plan.id}:${input.fiscalYear}`}, 0))`);
    const [last] = await tx
      .select({ version: publications.version })
      .from(publications)
      .where(and(eq(publications.planId, plan.id), eq(publications.fiscalYear, input.fiscalYear)))
      .orderBy(desc(publications.version))
      .limit(1);
    const [row] = await tx
      .insert(publications)
      .values({ organizationId: plan.organizationId, planId: plan.id, fiscalYear: input.fiscalYear, version: (last?.version ?? 0) + 1, snapshot, snapshotHash, reviewedTexts, publishedBy: user.id, publishedAt: ctx.clock.now() })
      .returning({ id: publications.id, planId: publications.planId, fiscalYear: publications.fiscalYear, version: publications.version, snapshotHash: publications.snapshotHash, reviewedTexts: publications.reviewedTexts, publishedAt: publications.publishedAt });
    return { ...row!, publishedByName: user.name, publicPath: publicPath(plan.id, input.fiscalYear) };
  });
}

export const publicPath = (planId: string, fiscalYear: number) => `/public/plans/${planId}/progress/${fiscalYear}`;

/** Every publication of a plan, newest first, with its withdrawal if any. Readable by all staff. */
export async function listPublications(ctx: ServiceContext, planId: string) {
  await findPlan(ctx, planId);
  const rows = await ctx.db
    .select({
      id: publications.id,
      planId: publications.planId,
      fiscalYear: publications.fiscalYear,
      version: publications.version,
      snapshotHash: publications.snapshotHash,
      publishedAt: publications.publishedAt,
      publishedByName: users.name,
    })
    .from(publications)
    .innerJoin(users, eq(users.id, publications.publishedBy))
    .where(eq(publications.planId, planId))
    .orderBy(desc(publications.publishedAt), desc(publications.version));
  const withdrawals = await withdrawalsOf(ctx, planId);
  return rows.map((r) => {
    // The withdrawal that took this version off the page: the first one covering it.
    const w = withdrawals.find((x) => x.fiscalYear === r.fiscalYear && x.upToVersion >= r.version);
    return { ...r, publicPath: publicPath(r.planId, r.fiscalYear), withdrawnAt: w?.withdrawnAt ?? null, withdrawnByName: w?.withdrawnByName ?? null, withdrawalReason: w?.reason ?? null };
  });
}

/**
 * Every withdrawal of the citizens' page for a plan (who, when, why), oldest version first.
 * Readable by all staff: the publications page and the decision log show them.
 */
export async function listWithdrawals(ctx: ServiceContext, planId: string) {
  await findPlan(ctx, planId);
  return withdrawalsOf(ctx, planId);
}

function withdrawalsOf(ctx: ServiceContext, planId: string) {
  return ctx.db
    .select({ fiscalYear: publicationWithdrawals.fiscalYear, upToVersion: publicationWithdrawals.upToVersion, withdrawnAt: publicationWithdrawals.withdrawnAt, withdrawnByName: users.name, reason: publicationWithdrawals.reason })
    .from(publicationWithdrawals)
    .innerJoin(users, eq(users.id, publicationWithdrawals.withdrawnBy))
    .where(eq(publicationWithdrawals.planId, planId))
    .orderBy(asc(publicationWithdrawals.upToVersion));
}
