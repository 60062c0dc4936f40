/**
 * What the task page shows: the task and its project's KPIs with baseline, earlier actuals,
 * targets, the latest submitted figures, the Orient status of each KPI and its explanation,
 * and which forms the user may use: every flag is the services' answer (taskActions: the
 * statechart for this user, with the ownership rules), the one the verbs refuse by.
 */
import type { kpiValues } from '../../../db/schema/index.ts';
import { isStrategyOffice, requireUser } from '../../auth/authorize.ts';
import type { ServiceContext } from '../../context.ts';
import { unitOf } from '../../plans/units.ts';
import { getCycle } from '../../reviews/cycle-queries.ts';
import { taskActions } from '../../reviews/permissions.ts';
import { getTask } from '../../reviews/task-queries.ts';
import { taskAttachments } from '../../reviews/attachments.ts';
import { reviewValues } from '../../reviews/value-review.ts';

type ValueRow = typeof kpiValues.$inferSelect;

export async function loadTaskView(ctx: ServiceContext, taskId: string) {
  const user = requireUser(ctx);
  const task = await getTask(ctx, taskId);
  const cycle = await getCycle(ctx, task.cycle.id);
  const latest = task.submissions[0] ?? null;
  const may = taskActions(ctx, user, cycle, task);
  const byYear = (a: ValueRow, b: ValueRow) => a.fiscalYear - b.fiscalYear;
  // Plausibility, change from last year and the status preview of the submitted values (issue 16 item 2).
  const review = await reviewValues(ctx, cycle, task.kpis, latest, task.status === 'submitted');

  const kpis = task.kpis.map((kpi, index) => {
    const values = kpi.values as ValueRow[];
    const assessed = cycle.kpis.find((k) => k.id === kpi.id) ?? null;
    const submitted = latest?.values?.find((v) => v.kpiId === kpi.id) ?? null;
    return {
      index,
      id: kpi.id,
      code: kpi.code,
      name: kpi.name,
      unit: kpi.unit,
      unitKind: unitOf(kpi.unit)?.kind ?? 'ratio',
      cumulative: kpi.cumulative,
      direction: kpi.direction,
      note: kpi.note,
      baseline: values.filter((v) => v.kind === 'baseline').sort(byYear).at(-1) ?? null,
      earlier: values.filter((v) => v.kind === 'actual' && v.fiscalYear < task.cycle.fiscalYear).sort(byYear),
      targets: values.filter((v) => v.kind === 'target').sort(byYear),
      submitted,
      assessment: assessed?.assessment ?? null,
      needsExplanation: assessed?.needsExplanation ?? false,
      explanation: assessed?.explanation ?? null,
      review: review.byKpi.get(kpi.id) ?? null,
    };
  });

  // Evidence files: listed for whoever sees the task; `canAttach` is the service's own rule.
  const files = await taskAttachments(ctx, taskId);
  return {
    task,
    cycle: { id: cycle.id, phase: cycle.phase, fiscalYear: cycle.fiscalYear, measureNumber: cycle.measureNumber, measureTitle: cycle.measureTitle },
    kpis,
    latest,
    // Which wording the page uses for the strategy office's view (not a permission).
    office: isStrategyOffice(user),
    plausibility: review.settings,
    canSubmit: may.submit,
    canExplain: may.explain,
    canReview: may.accept || may.return,
    canWaive: may.waive,
    canReopen: may.reopen,
    attachments: files.items,
    canAttach: files.canAttach,
  };
}

export type TaskView = Awaited<ReturnType<typeof loadTaskView>>;
