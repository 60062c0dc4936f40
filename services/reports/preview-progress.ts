/**
 * What the citizens' page would show for a fiscal year if it were published now (strategy
 * office): the same snapshot and template as publishing, nothing stored.
 */
import { requireStrategyOffice } from '../auth/authorize.ts';
import type { ServiceContext } from '../context.ts';
import { fiscalYearLabel } from '../fiscal-year.ts';
import { canonicalJson, sha256 } from '../plans/canonical-json.ts';
import { getKpiReport } from './kpi-report.ts';
import { withPopulation } from '../population/population-snapshot.ts';
import { progressSnapshot } from './progress-snapshot.ts';
import { publicProgressHtml } from './public-progress.ts';

export async function previewProgressHtml({ ctx, input }: { ctx: ServiceContext; input: { planId: string; fiscalYear?: number } }): Promise<string> {
  const user = requireStrategyOffice(ctx);
  const report = await getKpiReport(ctx, input.planId, input.fiscalYear);
  // The report found the plan in the user's organization.
  const snapshot = await withPopulation(ctx.db, { id: report.plan.id, organizationId: user.organizationId }, progressSnapshot(report));
  const snapshotHash = sha256(canonicalJson(snapshot));
  const publication = { id: '', fiscalYear: snapshot.fiscalYear, version: 0, snapshotHash, publishedAt: ctx.clock.now() };
  // Only this year: the other years' links would lead to what is published, not to previews.
  const years = [{ fiscalYear: snapshot.fiscalYear, label: fiscalYearLabel(snapshot.fiscalYear).ja }];
  return publicProgressHtml({ publication, snapshot, years, etag: '' }, { preview: true });
}
