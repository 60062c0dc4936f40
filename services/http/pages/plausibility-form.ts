/**
 * The task form's plausibility step (issue 16 item 2): a posted value with warnings goes
 * through only with a note saying why; otherwise the form comes back with the warnings beside
 * its fields — warnings, not errors: nothing is refused, the clerk decides.
 */
import { submissionWarnings, type ValueWarnings } from '../../reviews/submission-warnings.ts';
import type { TaskView } from './task-view.ts';

export function unconfirmedWarnings(view: TaskView, values: readonly { kpiId: string; value?: number | null; cancelledReason?: string | null; note?: string | null }[]): ValueWarnings[] {
  return submissionWarnings(view.task.kpis, values, view.cycle.fiscalYear, view.plausibility).filter((w) => !values[w.index]?.note?.trim());
}
