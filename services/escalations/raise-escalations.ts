/**
 * escalate (a step of the plan's daily run): overdue tasks reach the department head, then the
 * strategy office; at-risk and off-track KPIs of cycles past Observe reach the strategy office.
 * Each escalation is a record raised once (the unique key `escalation_once`) and is its own
 * audit row (what, to which level, when); a task no longer waiting closes its escalations.
 * In the same transaction, each department and season whose head has not been told yet gets an
 * `escalate-to-head` outbox row (notify-head.ts). The office hears of the rest in its daily
 * summary. Running a day twice raises nothing new.
 */
import { and, eq, inArray, isNull, lte, notInArray } from 'drizzle-orm';
import type { Static } from 'typebox';
import type { Tx } from '../../db/client.ts';
import { escalations, projectDepartments, reviewCycles, reviewTasks } from '../../db/schema/index.ts';
import { calendarOf } from '../calendar/review-calendar.ts';
import { daysOverdue } from '../calendar/season.ts';
import { withTransaction, type ServiceContext } from '../context.ts';
import { checkSystemWork } from '../system-work.ts';
import { awaitingDepartment } from '../notifications/task-lines.ts';
import { enqueueMany } from '../outbox/enqueue.ts';
import { JOB_PAYLOADS } from '../outbox/job-payloads.ts';
import { assessCycleKpis, needsExplanation } from '../reviews/assess-cycle.ts';

/** The plan and the day of its daily run (the run's own payload). */
export const RaiseEscalationsInput = JOB_PAYLOADS['plan-daily-run'];

export async function raiseEscalations({ ctx, input }: { ctx: ServiceContext; input: Static<typeof RaiseEscalationsInput> }): Promise<{ raised: number; headsToTell: number }> {
  checkSystemWork(ctx, RaiseEscalationsInput, input, 'raising escalations');
  const { planId, date } = input;
  const now = ctx.clock.now();

  return withTransaction(ctx, async (tx) => {
    const calendar = await calendarOf(tx, planId);
    const waiting = await tx
      .select({ id: reviewTasks.id, cycleId: reviewTasks.cycleId, departmentId: reviewTasks.departmentId, dueDate: reviewTasks.dueDate, fiscalYear: reviewCycles.fiscalYear })
      .from(reviewTasks)
      .innerJoin(reviewCycles, eq(reviewCycles.id, reviewTasks.cycleId))
      .where(awaitingDepartment(planId))
      .orderBy(reviewTasks.id);
    const overdueRows = waiting.flatMap((task) => {
      const overdue = daysOverdue(task.dueDate, date);
      const levels = [
        ...(overdue >= calendar.escalateToHeadAfterDays ? (['department_head'] as const) : []),
        ...(overdue >= calendar.escalateToOfficeAfterDays ? (['strategy_office'] as const) : []),
      ];
      return levels.map((level) => ({ cycleId: task.cycleId, kind: 'task_overdue' as const, level, departmentId: task.departmentId, taskId: task.id, createdAt: now }));
    });
    let raised = await insertOnce(tx, overdueRows);

    // A task that is no longer waiting closes its escalations.
    await tx
      .update(escalations)
      .set({ resolvedAt: now })
      .where(
        and(
          eq(escalations.kind, 'task_overdue'),
          isNull(escalations.resolvedAt),
          notInArray(escalations.taskId, tx.select({ id: reviewTasks.id }).from(reviewTasks).where(inArray(reviewTasks.status, ['open', 'returned']))),
        ),
      );

    // Heads not told yet of a task escalated to them: one job per department and season (the job re-reads what is still overdue).
    const escalatedIds = [...new Set(overdueRows.map((r) => r.taskId))];
    const untold = escalatedIds.length
      ? await tx
          .select({ taskId: escalations.taskId })
          .from(escalations)
          .where(and(eq(escalations.kind, 'task_overdue'), eq(escalations.level, 'department_head'), isNull(escalations.notifiedTo), isNull(escalations.resolvedAt), inArray(escalations.taskId, escalatedIds)))
      : [];
    const untoldIds = new Set(untold.map((u) => u.taskId));
    const heads = new Map<string, (typeof waiting)[number]>();
    for (const task of waiting) if (untoldIds.has(task.id)) heads.set(`${task.departmentId}|${task.fiscalYear}|${task.dueDate}`, task);
    await enqueueMany(
      tx,
      [...heads.values()].map((t) => ({
        job: 'escalate-to-head' as const,
        payload: { planId, fiscalYear: t.fiscalYear, departmentId: t.departmentId, dueDate: t.dueDate, daysOverdue: daysOverdue(t.dueDate, date) },
      })),
    );

    // KPIs behind, each raised against its project's lead department (one query for all of them).
    const judged = await tx
      .select()
      .from(reviewCycles)
      .where(and(eq(reviewCycles.planId, planId), inArray(reviewCycles.phase, ['orient', 'decide', 'act']), lte(reviewCycles.openedAt, now)))
      .orderBy(reviewCycles.id);
    const behind = [];
    for (const cycle of judged) {
      for (const k of await assessCycleKpis(tx, ctx.clock, cycle)) if (needsExplanation(k.assessment)) behind.push({ cycleId: cycle.id, ...k });
    }
    const projectIds = [...new Set(behind.map((k) => k.projectId))];
    const leads = projectIds.length
      ? await tx
          .select({ projectId: projectDepartments.projectId, departmentId: projectDepartments.departmentId })
          .from(projectDepartments)
          .where(and(inArray(projectDepartments.projectId, projectIds), eq(projectDepartments.position, 0)))
      : [];
    const leadOf = new Map(leads.map((l) => [l.projectId, l.departmentId]));
    raised += await insertOnce(
      tx,
      behind.map((k) => ({ cycleId: k.cycleId, kind: 'kpi_behind' as const, level: 'strategy_office' as const, departmentId: leadOf.get(k.projectId)!, kpiId: k.kpi.id, status: k.assessment.status, createdAt: now })),
    );
    return { raised, headsToTell: heads.size };
  });
}

/** One insert for many; an escalation already raised is left as it is. Returns how many are new. */
async function insertOnce(tx: Tx, rows: (typeof escalations.$inferInsert)[]) {
  if (rows.length === 0) return 0;
  const inserted = await tx.insert(escalations).values(rows).onConflictDoNothing().returning({ id: escalations.id });
  return inserted.length;
}
