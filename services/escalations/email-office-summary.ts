/**
 * The strategy office's one summary a day: the escalations raised to it that day — tasks long
 * overdue, KPIs found at risk or off track — instead of one email per KPI. Nothing new, no email.
 * Records one email per member of the office in one transaction; sending is the caller's (the
 * office-summary job).
 */
import { and, eq, gte, inArray, lt } from 'drizzle-orm';
import type { Static } from 'typebox';
import { departments, escalations, measures, plans, reviewCycles, reviewTasks } from '../../db/schema/index.ts';
import { officeSummaryEmail } from '../../templates/emails/escalation.ts';
import { daysOverdue } from '../calendar/season.ts';
import { withTransaction, type ServiceContext } from '../context.ts';
import { tokyoMidnight } from '../fiscal-year.ts';
import { createEmail } from '../notifications/create-email.ts';
import { strategyOffice } from '../notifications/recipients.ts';
import { taskLines } from '../notifications/task-lines.ts';
import { STATUS_LABELS, type OrientStatus } from '../orient/statuses.ts';
import { JOB_PAYLOADS } from '../outbox/job-payloads.ts';
import { assessCycleKpis, type CycleKpi } from '../reviews/assess-cycle.ts';
import { checkSystemWork } from '../system-work.ts';

export const EmailOfficeSummaryInput = JOB_PAYLOADS['office-summary'];

export async function emailOfficeSummary({ ctx, input, publicUrl }: { ctx: ServiceContext; input: Static<typeof EmailOfficeSummaryInput>; publicUrl: string }) {
  checkSystemWork(ctx, EmailOfficeSummaryInput, input, 'summarising the day for the strategy office');
  const { planId, date } = input;
  return withTransaction(ctx, async (tx) => {
    const from = tokyoMidnight(date);
    const to = new Date(from.getTime() + 86_400_000);
    const raised = await tx
      .select({ escalation: escalations, departmentName: departments.name })
      .from(escalations)
      .innerJoin(reviewCycles, eq(reviewCycles.id, escalations.cycleId))
      .innerJoin(departments, eq(departments.id, escalations.departmentId))
      .where(and(eq(reviewCycles.planId, planId), eq(escalations.level, 'strategy_office'), gte(escalations.createdAt, from), lt(escalations.createdAt, to)));
    if (raised.length === 0) return { skipped: 'nothing raised today', emailIds: [] };
    const [plan] = await tx.select().from(plans).where(eq(plans.id, planId));

    const taskIds = raised.flatMap((r) => (r.escalation.taskId ? [r.escalation.taskId] : []));
    const tasks = taskIds.length ? await taskLines(tx, publicUrl, inArray(reviewTasks.id, taskIds)) : [];
    const overdue = [...new Set(tasks.map((t) => t.departmentId))].map((departmentId) => {
      const own = tasks.filter((t) => t.departmentId === departmentId);
      return { departmentName: raised.find((r) => r.escalation.departmentId === departmentId)!.departmentName, daysOverdue: daysOverdue(own[0]!.dueDate, date), tasks: own };
    });
    // The KPIs behind, with the Orient engine's reason as of today.
    const kpiCycles = raised.filter((r) => r.escalation.kpiId).map((r) => r.escalation.cycleId);
    const assessed: (CycleKpi & { measure: typeof measures.$inferSelect })[] = [];
    // The cycles with their measures in one query, not two per cycle.
    const cycles = kpiCycles.length
      ? await tx.select({ cycle: reviewCycles, measure: measures }).from(reviewCycles).innerJoin(measures, eq(measures.id, reviewCycles.measureId)).where(inArray(reviewCycles.id, [...new Set(kpiCycles)]))
      : [];
    for (const { cycle, measure } of cycles) {
      for (const k of await assessCycleKpis(tx, ctx.clock, cycle)) assessed.push({ ...k, measure });
    }
    const kpisBehind = raised
      .filter((r) => r.escalation.kpiId)
      .flatMap((r) => {
        const k = assessed.find((a) => a.kpi.id === r.escalation.kpiId);
        if (!k) return [];
        return [{
          measureNumber: k.measure.number,
          measureTitle: k.measure.title,
          projectName: k.projectName,
          kpiName: k.kpi.name,
          status: STATUS_LABELS[(r.escalation.status ?? k.assessment.status) as OrientStatus].ja,
          reason: k.assessment.reason.ja,
          url: `${publicUrl}/plans/${planId}/dashboard`,
        }];
      });

    const office = await strategyOffice(tx, plan!.organizationId);
    const emailIds = [];
    for (const person of office) {
      const content = officeSummaryEmail({ recipientName: person.name, date, planName: plan!.name, overdue, kpisBehind, dashboardUrl: `${publicUrl}/plans/${planId}/dashboard` }, person.locale);
      emailIds.push(await createEmail(tx, { organizationId: plan!.organizationId, reasonKey: `office-summary:${planId}:${date}:${person.id}`, template: 'office-summary', locale: person.locale, to: [person.email], content }));
    }
    return { emailIds, recipients: office.length, overdue: overdue.length, kpisBehind: kpisBehind.length };
  });
}
