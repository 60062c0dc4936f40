/**
 * What the task page says first: what is asked and by when (days left or overdue, counted in
 * Tokyo days), and for a returned task who returned it, when and why — read from the task's
 * history, where reviewSubmission records the return with its comment.
 */
import type { AuthUser, Clock } from '../../context.ts';
import { isoDateInTokyo } from '../../fiscal-year.ts';
import { keepsDrafts } from '../../reviews/draft-queries.ts';
import { ownsTask } from '../../reviews/permissions.ts';
import type { TaskView } from './task-view.ts';

const DAY = 86_400_000;

export function taskGuide(view: TaskView, user: AuthUser, clock: Clock) {
  const { task } = view;
  const today = isoDateInTokyo(clock.now());
  const daysLeft = Math.round((Date.parse(task.dueDate) - Date.parse(today)) / DAY);
  const lastReturn = task.status === 'returned' ? task.history.filter((h) => h.type === 'REVIEW_SUBMISSION' && (h.detail as { decision?: string } | null)?.decision === 'return').at(-1) : undefined;
  const explain = view.canExplain && view.kpis.some((k) => k.needsExplanation);
  return {
    own: ownsTask(user, task),
    /** 一時保存 is offered to the owning department's members (never the strategy office: services/reviews/draft-queries.ts). */
    drafts: view.canSubmit && keepsDrafts(user, task),
    daysLeft,
    /** Only a task still waiting for its figures is late; a submitted one is not. */
    late: (task.status === 'open' || task.status === 'returned') && daysLeft < 0,
    returned: lastReturn ? { comment: (lastReturn.detail as { comment?: string | null }).comment ?? null, by: lastReturn.actorName, at: lastReturn.at } : null,
    /** Figures still awaited; a submitted task may still be corrected (canSubmit) but asks nothing more. */
    askFigures: view.canSubmit && (task.status === 'open' || task.status === 'returned'),
    askExplanations: explain,
  };
}

export type TaskGuide = ReturnType<typeof taskGuide>;
