/**
 * What the strategy office weighs beside accept/return for a submitted task, KPI by KPI: the
 * submitted value, its change from last year, the plausibility warnings, and the status the
 * value would give once accepted (the Orient engine run with it as the year's actual). The
 * clerk sees the same for their own submitted values. A read: it writes nothing.
 */
import { eq } from 'drizzle-orm';
import { reviewCycles } from '../../db/schema/index.ts';
import type { ServiceContext } from '../context.ts';
import type { KpiAssessment } from '../orient/types.ts';
import { assessCycleKpis, type PreviewActual } from './assess-cycle.ts';
import type { ReviewCycle } from './cycle-transition.ts';
import type { getTask } from './task-queries.ts';
import type { PlausibilitySettings, PlausibilityWarning } from './plausibility.ts';
import { plausibilityKpi, plausibilitySettings, submissionWarnings, type KpiWithValues } from './submission-warnings.ts';

interface SubmittedRow {
  kpiId: string;
  value: number | null;
  quality: 'provisional' | 'final';
  cancelledReason: string | null;
}

export interface ValueReview {
  /** Last year's actual (the latest earlier one not cancelled) and the change to the submitted value; null when there is nothing to compare. */
  change: { fiscalYear: number; previous: number; difference: number } | null;
  warnings: PlausibilityWarning[];
  /** The assessment the submitted value would give. */
  preview: KpiAssessment | null;
}

export interface TaskValueReview {
  settings: PlausibilitySettings;
  /** By KPI id; empty unless the latest submission awaits the office's review. */
  byKpi: Map<string, ValueReview>;
}

export async function reviewValues(
  ctx: ServiceContext,
  cycle: Pick<ReviewCycle, 'planId' | 'measureId' | 'fiscalYear'>,
  kpis: readonly KpiWithValues[],
  latest: { values?: SubmittedRow[] | null } | null,
  awaitingReview: boolean,
): Promise<TaskValueReview> {
  const settings = await plausibilitySettings(ctx.db, cycle.planId);
  const byKpi = new Map<string, ValueReview>();
  const submitted = latest?.values ?? [];
  if (!awaitingReview || submitted.length === 0) return { settings, byKpi };

  const preview = new Map<string, PreviewActual>(submitted.map((v) => [v.kpiId, { value: v.value, quality: v.quality, cancelledReason: v.cancelledReason }]));
  const assessed = await assessCycleKpis(ctx.db, ctx.clock, cycle, preview);
  const warned = submissionWarnings(kpis, submitted, cycle.fiscalYear, settings);
  for (const v of submitted) {
    const kpi = kpis.find((k) => k.id === v.kpiId);
    if (!kpi) continue;
    const last = plausibilityKpi(kpi, cycle.fiscalYear)
      .earlier.filter((e) => !e.cancelledReason)
      .sort((a, b) => a.fiscalYear - b.fiscalYear)
      .at(-1);
    const comparable = last && v.value !== null && !v.cancelledReason;
    byKpi.set(kpi.id, {
      change: comparable ? { fiscalYear: last.fiscalYear, previous: last.value, difference: v.value! - last.value } : null,
      warnings: warned.find((w) => w.kpiId === kpi.id)?.warnings ?? [],
      preview: assessed.find((a) => a.kpi.id === kpi.id)?.assessment ?? null,
    });
  }
  return { settings, byKpi };
}

/** The API's task (`getTask`) with `valueReview` while its latest submission awaits review. */
export async function withValueReview(ctx: ServiceContext, task: Awaited<ReturnType<typeof getTask>>) {
  if (task.status !== 'submitted') return task;
  const [cycle] = await ctx.db.select({ measureId: reviewCycles.measureId }).from(reviewCycles).where(eq(reviewCycles.id, task.cycle.id));
  const review = await reviewValues(ctx, { ...task.cycle, measureId: cycle!.measureId }, task.kpis, task.submissions[0] ?? null, true);
  return { ...task, valueReview: [...review.byKpi].map(([kpiId, r]) => ({ kpiId, ...r })) };
}
