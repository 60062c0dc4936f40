/**
 * Free text written by departments that a publication carries to citizens (the public page and
 * the open data): today the reason a KPI's actual was cancelled (`note`). The strategy office
 * sees each one before it is published: the publish step lists them, publishing names the list
 * it was shown (its digest) and is refused when a text changed since, and the publication
 * records each text it carried by its SHA-256. The snapshot holds the text itself, so a text
 * changed later reaches citizens only with the next publication.
 */
import type { ReviewedText } from '../../db/schema/reports/tables.ts';
import { requireStrategyOffice } from '../auth/authorize.ts';
import type { ServiceContext } from '../context.ts';
import { badRequest, problemAt } from '../errors.ts';
import { canonicalJson, sha256 } from '../plans/canonical-json.ts';
import { findPlan } from '../plans/queries.ts';
import { buildKpiReport } from './kpi-report.ts';
import { withPopulation } from '../population/population-snapshot.ts';
import { progressSnapshot, type ProgressSnapshot, type PublicKpi } from './progress-snapshot.ts';
import { periodWords } from '../plans/find-plan.ts';

export interface PublicText extends ReviewedText {
  /** The KPI or numeric target the text belongs to, as citizens read it. */
  name: string;
  goalNumber: number;
  measureLabel: string | null;
  text: string;
}

export function publicTexts(snapshot: ProgressSnapshot): PublicText[] {
  const texts: PublicText[] = [];
  const add = (goalNumber: number, measureLabel: string | null, k: PublicKpi) => {
    if (k.note) texts.push({ code: k.code, field: 'note', sha256: sha256(k.note), name: k.name, goalNumber, measureLabel, text: k.note });
  };
  for (const g of snapshot.goals) {
    for (const k of g.numericTargets) add(g.number, null, k);
    for (const m of g.measures) for (const k of m.kpis) add(g.number, m.label, k);
  }
  return texts;
}

/** What the reviewer was shown, in one value: a publication names it, and a text changed since no longer matches. */
export const textsDigest = (texts: readonly ReviewedText[]) => sha256(canonicalJson(texts.map((t) => [t.code, t.field, t.sha256])));

/** The snapshot a publication of the year would freeze now, and the departments' free texts in it. */
export async function snapshotToPublish(ctx: ServiceContext, planId: string, fiscalYear: number) {
  const plan = await findPlan(ctx, planId);
  if (fiscalYear < plan.periodStartFiscalYear || fiscalYear > plan.periodEndFiscalYear) {
    throw badRequest('fiscal year outside the plan', [problemAt('body.fiscalYear', periodWords(plan))]);
  }
  // The population section is frozen with the figures (services/population/population-snapshot.ts).
  const snapshot = await withPopulation(ctx.db, plan, progressSnapshot(await buildKpiReport(ctx, plan.id, fiscalYear)));
  const texts = publicTexts(snapshot);
  return { plan, snapshot, texts, digest: textsDigest(texts) };
}

/** For the strategy office before publishing: the free texts the year's publication would carry, and the digest to publish them with. */
export async function listPublicTexts({ ctx, input }: { ctx: ServiceContext; input: { planId: string; fiscalYear: number } }) {
  requireStrategyOffice(ctx);
  const { texts, digest } = await snapshotToPublish(ctx, input.planId, input.fiscalYear);
  return { fiscalYear: input.fiscalYear, texts, reviewedTexts: digest };
}
