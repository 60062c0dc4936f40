/**
 * A cycle entered a phase. Orient: each department with KPIs behind is asked for the cause
 * and improvement. Decide: every department in the cycle is told proposals are open. The
 * Observe kick-off is the reminder sweep's first step (one email per department, all its
 * tasks), so it is not sent per cycle here.
 */
import { and, eq } from 'drizzle-orm';
import { measures, reviewCycles, reviewTasks } from '../../db/schema/index.ts';
import { createEmail } from '../../services/notifications/create-email.ts';
import { departmentRecipients } from '../../services/notifications/recipients.ts';
import { assessCycleKpis, needsExplanation } from '../../services/reviews/assess-cycle.ts';
import { phaseNoticeEmail } from '../../templates/emails/phase-notice.ts';
import { defineJob } from '../define-job.ts';
import { sendEmails } from '../add-job.ts';

export const announcePhase = defineJob('announce-phase', {
  async run(deps, { cycleId, phase }) {
    if (phase !== 'orient' && phase !== 'decide') return { skipped: `nothing to announce for ${phase}` };
    const [row] = await deps.db
      .select({ cycle: reviewCycles, measureNumber: measures.number, measureTitle: measures.title })
      .from(reviewCycles)
      .innerJoin(measures, eq(measures.id, reviewCycles.measureId))
      .where(eq(reviewCycles.id, cycleId));
    if (!row) return { skipped: 'cycle not found' };
    const leadTasks = await deps.db.select().from(reviewTasks).where(and(eq(reviewTasks.cycleId, cycleId), eq(reviewTasks.lead, true)));
    const behind = phase === 'orient' ? (await assessCycleKpis(deps.db, deps.clock, row.cycle)).filter((k) => needsExplanation(k.assessment)) : [];
    const departmentIds = [...new Set(leadTasks.map((t) => t.departmentId))];
    const emailIds = [];
    for (const departmentId of departmentIds) {
      const projectIds = new Set(leadTasks.filter((t) => t.departmentId === departmentId).map((t) => t.projectId));
      const kpisBehind = behind.filter((k) => projectIds.has(k.projectId)).map((k) => ({ name: `${k.projectName}：${k.kpi.name}`, status: k.assessment.label.ja, reason: k.assessment.reason.ja }));
      if (phase === 'orient' && kpisBehind.length === 0) continue;
      const { department, to } = await departmentRecipients(deps.db, departmentId);
      const content = phaseNoticeEmail(
        { phase, departmentName: department!.name, fiscalYear: row.cycle.fiscalYear, measureNumber: row.measureNumber, measureTitle: row.measureTitle, kpisBehind, cycleUrl: `${deps.config.publicUrl}/tasks` },
        'ja',
      );
      emailIds.push(await createEmail(deps.db, { organizationId: row.cycle.organizationId, reasonKey: `phase:${cycleId}:${phase}:${departmentId}`, template: `phase-${phase}`, locale: 'ja', to, content }));
    }
    await sendEmails(deps, emailIds);
    return { emails: emailIds.filter(Boolean).length };
  },
});
