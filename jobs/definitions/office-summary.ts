/**
 * The strategy office's one summary a day: the escalations raised to it that day — tasks long
 * overdue, KPIs found at risk or off track — instead of one email per KPI. Nothing new, no email.
 */
import { and, eq, gte, inArray, lt } from 'drizzle-orm';
import { departments, escalations, measures, plans, reviewCycles, reviewTasks } from '../../db/schema/index.ts';
import { assessCycleKpis, type CycleKpi } from '../../services/reviews/assess-cycle.ts';
import { tokyoMidnight } from '../../services/fiscal-year.ts';
import { STATUS_LABELS, type OrientStatus } from '../../services/orient/statuses.ts';
import { createEmail } from '../../services/notifications/create-email.ts';
import { strategyOffice } from '../../services/notifications/recipients.ts';
import { taskLines } from '../../services/notifications/task-lines.ts';
import { daysOverdue } from '../../services/calendar/season.ts';
import { officeSummaryEmail } from '../../templates/emails/escalation.ts';
import { defineJob } from '../define-job.ts';
import { sendEmails } from '../add-job.ts';

export const officeSummary = defineJob('office-summary', {
  async run(deps, { planId, date }) {
    const from = tokyoMidnight(date);
    const to = new Date(from.getTime() + 86_400_000);
    const raised = await deps.db
      .select({ escalation: escalations, departmentName: departments.name })
      .from(escalations)
      .innerJoin(reviewCycles, eq(reviewCycles.id, escalations.cycleId))
      .innerJoin(departments, eq(departments.id, escalations.departmentId))
      .where(and(eq(reviewCycles.planId, planId), eq(escalations.level, 'strategy_office'), gte(escalations.createdAt, from), lt(escalations.createdAt, to)));
    if (raised.length === 0) return { skipped: 'nothing raised today' };
    const [plan] = await deps.db.select().from(plans).where(eq(plans.id, planId));

    const taskIds = raised.flatMap((r) => (r.escalation.taskId ? [r.escalation.taskId] : []));
    const tasks = taskIds.length ? await taskLines(deps.db, deps.config.publicUrl, inArray(reviewTasks.id, taskIds)) : [];
    const overdue = [...new Set(tasks.map((t) => t.departmentId))].map((departmentId) => {
      const own = tasks.filter((t) => t.departmentId === departmentId);
      return { departmentName: raised.find((r) => r.escalation.departmentId === departmentId)!.departmentName, daysOverdue: daysOverdue(own[0]!.dueDate, date), tasks: own };
    });
    // The KPIs behind, with the Orient engine's reason as of today.
    const kpiCycles = raised.filter((r) => r.escalation.kpiId).map((r) => r.escalation.cycleId);
    const assessed: (CycleKpi & { measure: typeof measures.$inferSelect })[] = [];
    for (const cycleId of new Set(kpiCycles)) {
      const [cycle] = await deps.db.select().from(reviewCycles).where(eq(reviewCycles.id, cycleId));
      const [measure] = await deps.db.select().from(measures).where(eq(measures.id, cycle!.measureId));
      for (const k of await assessCycleKpis(deps.db, deps.clock, cycle!)) assessed.push({ ...k, measure: measure! });
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
          url: `${deps.config.publicUrl}/plans/${planId}/dashboard`,
        }];
      });

    const office = await strategyOffice(deps.db, plan!.organizationId);
    const emailIds = [];
    for (const person of office) {
      const content = officeSummaryEmail({ recipientName: person.name, date, planName: plan!.name, overdue, kpisBehind, dashboardUrl: `${deps.config.publicUrl}/plans/${planId}/dashboard` }, person.locale);
      emailIds.push(await createEmail(deps.db, { organizationId: plan!.organizationId, reasonKey: `office-summary:${planId}:${date}:${person.id}`, template: 'office-summary', locale: person.locale, to: [person.email], content }));
    }
    await sendEmails(deps, emailIds);
    return { recipients: office.length, overdue: overdue.length, kpisBehind: kpisBehind.length };
  },
});
