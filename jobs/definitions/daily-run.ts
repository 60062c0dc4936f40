/**
 * The review calendar at work. An hourly tick (a BullMQ job scheduler) starts each plan's
 * daily run once its calendar's run time has passed, once a day (deterministic job id). The
 * daily run opens the season's cycles when collection opens (collect-actuals), fans out one
 * reminder job per department and step, raises escalations, and asks for the strategy
 * office's summary. "Today" is the application clock's, so tests and the simulation can
 * move it; every step is idempotent, so running a day twice sends nothing new. The rules are
 * the service verbs'; this file only sequences them and adds jobs.
 */
import { plansDueToday } from '../../services/calendar/plans-due-today.ts';
import { calendarsOf } from '../../services/calendar/review-calendar.ts';
import { reminderStep } from '../../services/calendar/season.ts';
import { raiseEscalations } from '../../services/escalations/raise-escalations.ts';
import { departmentsAwaiting } from '../../services/notifications/task-lines.ts';
import { collectActuals } from '../../services/reviews/collect-actuals.ts';
import { stepKey } from '../../templates/emails/reminder.ts';
import { addJob, addJobs } from '../add-job.ts';
import { defineJob, systemContext, type WorkerDeps } from '../define-job.ts';

export const dailyTick = defineJob('daily-tick', {
  async run(deps) {
    const { date, planIds } = await plansDueToday(deps.db, deps.clock.now());
    for (const planId of planIds) await addJob(deps.queues, 'plan-daily-run', { planId, date }, { jobId: `daily-${planId}-${date}` });
    return { date, started: planIds };
  },
});

export const planDailyRun = defineJob('plan-daily-run', {
  async run(deps, { planId, date }) {
    const opened = await collectActuals({ ctx: systemContext(deps, 'collect-actuals'), input: { planId, date } });
    const reminders = await fanOutReminders(deps, [planId], date);
    const { raised: escalated } = await raiseEscalations({ ctx: systemContext(deps, 'escalate'), input: { planId, date } });
    await addJob(deps.queues, 'office-summary', { planId, date }, { jobId: `office-summary-${planId}-${date}` });
    return { opened, reminders, escalated };
  },
});

/**
 * remind: one job per department, fiscal year, due date and step — for one plan's daily run
 * or a sweep over many; the job id makes each step once.
 */
export async function fanOutReminders(deps: Pick<WorkerDeps, 'db' | 'queues'>, planIds: string[], date: string) {
  const [calendars, waiting] = await Promise.all([calendarsOf(deps.db, planIds), departmentsAwaiting(deps.db, planIds)]);
  const jobs = waiting.map((w) => {
    const step = reminderStep(calendars.get(w.planId)!, w.dueDate, date);
    const key = stepKey(step);
    return {
      payload: { ...w, step, stepKey: key },
      jobId: `remind-${w.planId}-${w.fiscalYear}-${w.departmentId}-${w.dueDate}-${key}`,
    };
  });
  await addJobs(deps.queues, 'send-reminder', jobs);
  return jobs.length;
}
