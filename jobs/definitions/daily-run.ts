/**
 * The review calendar at work. An hourly tick (a BullMQ job scheduler) starts each plan's
 * daily run once its calendar's run time has passed, once a day (deterministic job id). The
 * daily run opens the season's cycles when collection opens (collect-actuals), fans out one
 * reminder job per department and step, raises escalations, and asks for the strategy
 * office's summary. "Today" is the application clock's, so tests and the simulation can
 * move it; every step is idempotent, so running a day twice sends nothing new.
 */
import { and, eq, inArray, isNull, lte, notInArray } from 'drizzle-orm';
import { escalations, plans, projectDepartments, reviewCycles, reviewTasks } from '../../db/schema/index.ts';
import { calendarOf, calendarsOf } from '../../services/calendar/review-calendar.ts';
import { daysOverdue, reminderStep, seasonOf } from '../../services/calendar/season.ts';
import { fiscalYearOf, isoDateInTokyo } from '../../services/fiscal-year.ts';
import { awaitingDepartment, departmentsAwaiting, taskLines } from '../../services/notifications/task-lines.ts';
import { assessCycleKpis, needsExplanation } from '../../services/reviews/assess-cycle.ts';
import { openCycles } from '../../services/reviews/open-cycles.ts';
import { stepKey } from '../../templates/emails/reminder.ts';
import { addJob, addJobs } from '../add-job.ts';
import { defineJob, type WorkerDeps } from '../define-job.ts';

export const dailyTick = defineJob('daily-tick', {
  async run(deps) {
    const now = deps.clock.now();
    const date = isoDateInTokyo(now);
    const time = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(now);
    const started = [];
    for (const plan of await deps.db.select({ id: plans.id }).from(plans)) {
      const calendar = await calendarOf(deps.db, plan.id);
      if (time < calendar.dailyRunAt) continue;
      await addJob(deps.queues, 'plan-daily-run', { planId: plan.id, date }, { jobId: `daily-${plan.id}-${date}` });
      started.push(plan.id);
    }
    return { date, started };
  },
});

export const planDailyRun = defineJob('plan-daily-run', {
  async run(deps, { planId, date }) {
    const opened = await collectActuals(deps, planId, date);
    const reminders = await fanOutReminders(deps, [planId], date);
    const escalated = await raiseEscalations(deps, planId, date);
    await addJob(deps.queues, 'office-summary', { planId, date }, { jobId: `office-summary-${planId}-${date}` });
    return { opened, reminders, escalated };
  },
});

/** collect-actuals: when collection opens for the fiscal year just closed, open all its cycles (again is harmless). */
export async function collectActuals(deps: WorkerDeps, planId: string, date: string) {
  const [plan] = await deps.db.select().from(plans).where(eq(plans.id, planId));
  const fiscalYear = fiscalYearOf(new Date(`${date}T12:00:00+09:00`)) - 1;
  if (!plan || fiscalYear < plan.periodStartFiscalYear || fiscalYear > plan.periodEndFiscalYear) return 0;
  const season = seasonOf(await calendarOf(deps.db, planId), fiscalYear);
  if (date < season.opens) return 0;
  const result = await openCycles({
    ctx: { db: deps.db, clock: deps.clock, actor: { type: 'system', name: 'collect-actuals' } },
    input: { planId, fiscalYear, dueDate: season.due },
  });
  return result.opened.length;
}

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

/**
 * escalate: overdue tasks reach the department head, then the strategy office; at-risk and
 * off-track KPIs of cycles past Observe reach the strategy office. Each escalation is a
 * record, raised once (a unique key); the office hears of them in its daily summary.
 */
async function raiseEscalations(deps: WorkerDeps, planId: string, date: string) {
  const calendar = await calendarOf(deps.db, planId);
  const now = deps.clock.now();
  const waiting = await taskLines(deps.db, deps.config.publicUrl, awaitingDepartment(planId));
  let raised = 0;
  const heads = new Map<string, (typeof waiting)[number]>();
  for (const task of waiting) {
    const overdue = daysOverdue(task.dueDate, date);
    const levels = [
      ...(overdue >= calendar.escalateToHeadAfterDays ? (['department_head'] as const) : []),
      ...(overdue >= calendar.escalateToOfficeAfterDays ? (['strategy_office'] as const) : []),
    ];
    for (const level of levels) {
      const rows = await deps.db
        .insert(escalations)
        .values({ cycleId: task.cycleId, kind: 'task_overdue', level, departmentId: task.departmentId, taskId: task.id, createdAt: now })
        .onConflictDoNothing()
        .returning({ id: escalations.id });
      raised += rows.length;
    }
    if (levels.length) heads.set(`${task.departmentId}|${task.fiscalYear}|${task.dueDate}`, task);
  }
  for (const task of heads.values()) {
    await addJob(
      deps.queues,
      'escalate-to-head',
      { planId, fiscalYear: task.fiscalYear, departmentId: task.departmentId, dueDate: task.dueDate, daysOverdue: daysOverdue(task.dueDate, date) },
      { jobId: `escalate-head-${planId}-${task.fiscalYear}-${task.departmentId}-${task.dueDate}` },
    );
  }

  // A task that is no longer waiting closes its escalations.
  await deps.db
    .update(escalations)
    .set({ resolvedAt: now })
    .where(
      and(
        eq(escalations.kind, 'task_overdue'),
        isNull(escalations.resolvedAt),
        notInArray(escalations.taskId, deps.db.select({ id: reviewTasks.id }).from(reviewTasks).where(inArray(reviewTasks.status, ['open', 'returned']))),
      ),
    );

  const judged = await deps.db
    .select()
    .from(reviewCycles)
    .where(and(eq(reviewCycles.planId, planId), inArray(reviewCycles.phase, ['orient', 'decide', 'act']), lte(reviewCycles.openedAt, now)));
  for (const cycle of judged) {
    for (const k of (await assessCycleKpis(deps.db, deps.clock, cycle)).filter((k) => needsExplanation(k.assessment))) {
      const [lead] = await deps.db
        .select({ departmentId: projectDepartments.departmentId })
        .from(projectDepartments)
        .where(and(eq(projectDepartments.projectId, k.projectId), eq(projectDepartments.position, 0)));
      const rows = await deps.db
        .insert(escalations)
        .values({ cycleId: cycle.id, kind: 'kpi_behind', level: 'strategy_office', departmentId: lead!.departmentId, kpiId: k.kpi.id, status: k.assessment.status, createdAt: now })
        .onConflictDoNothing()
        .returning({ id: escalations.id });
      raised += rows.length;
    }
  }
  return raised;
}

