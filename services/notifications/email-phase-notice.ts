/**
 * A cycle entered a phase. Orient: each department with KPIs behind is asked for the cause
 * and improvement. Decide: every department in the cycle is told proposals are open. The
 * Observe kick-off is the reminder sweep's first step (one email per department, all its
 * tasks), so it is not sent per cycle here. Records the emails (once each, by reason key) in
 * one transaction; sending is the caller's (the announce-phase job).
 */
import { and, eq } from 'drizzle-orm';
import type { Static } from 'typebox';
import { measures, reviewCycles, reviewTasks } from '../../db/schema/index.ts';
import { phaseNoticeEmail } from '../../templates/emails/phase-notice.ts';
import type { DbOrTx } from '../../db/client.ts';
import type { CyclePhase } from '../../db/schema/reviews/constants.ts';
import { withTransaction, type Clock, type ServiceContext } from '../context.ts';
import { JOB_PAYLOADS } from '../outbox/job-payloads.ts';
import { assessCycleKpis, needsExplanation } from '../reviews/assess-cycle.ts';
import { checkSystemWork } from '../system-work.ts';
import { createEmail } from './create-email.ts';
import { departmentRecipients } from './recipients.ts';

export const EmailPhaseNoticeInput = JOB_PAYLOADS['announce-phase'];

/**
 * Who is told when a cycle enters a phase: Orient, the lead departments with KPIs behind;
 * Decide, every lead department; no one otherwise. The advance confirmation counts the same.
 */
export async function phaseNoticeAudience(db: DbOrTx, clock: Clock, cycle: typeof reviewCycles.$inferSelect, phase: CyclePhase) {
  if (phase !== 'orient' && phase !== 'decide') return { leadTasks: [], behind: [], departmentIds: [] };
  const leadTasks = await db.select().from(reviewTasks).where(and(eq(reviewTasks.cycleId, cycle.id), eq(reviewTasks.lead, true)));
  const behind = phase === 'orient' ? (await assessCycleKpis(db, clock, cycle)).filter((k) => needsExplanation(k.assessment)) : [];
  const departmentIds = [...new Set(leadTasks.filter((t) => phase === 'decide' || behind.some((k) => k.projectId === t.projectId)).map((t) => t.departmentId))];
  return { leadTasks, behind, departmentIds };
}

export async function emailPhaseNotice({ ctx, input, publicUrl }: { ctx: ServiceContext; input: Static<typeof EmailPhaseNoticeInput>; publicUrl: string }) {
  checkSystemWork(ctx, EmailPhaseNoticeInput, input, 'announcing a phase');
  const { cycleId, phase } = input;
  if (phase !== 'orient' && phase !== 'decide') return { skipped: `nothing to announce for ${phase}`, emailIds: [] };
  return withTransaction(ctx, async (tx) => {
    const [row] = await tx
      .select({ cycle: reviewCycles, measureNumber: measures.number, measureTitle: measures.title })
      .from(reviewCycles)
      .innerJoin(measures, eq(measures.id, reviewCycles.measureId))
      .where(eq(reviewCycles.id, cycleId));
    if (!row) return { skipped: 'cycle not found', emailIds: [] };
    const { leadTasks, behind, departmentIds } = await phaseNoticeAudience(tx, ctx.clock, row.cycle, phase);
    const emailIds = [];
    for (const departmentId of departmentIds) {
      const projectIds = new Set(leadTasks.filter((t) => t.departmentId === departmentId).map((t) => t.projectId));
      const kpisBehind = behind.filter((k) => projectIds.has(k.projectId)).map((k) => ({ name: `${k.projectName}：${k.kpi.name}`, status: k.assessment.label.ja, reason: k.assessment.reason.ja }));
      // One task to explain: the link opens its cause-and-improvement form; several: the inbox lists each KPI.
      const asked = leadTasks.filter((t) => t.departmentId === departmentId && behind.some((k) => k.projectId === t.projectId));
      const cycleUrl = asked.length === 1 ? `${publicUrl}/tasks/${asked[0]!.id}#explanations` : `${publicUrl}/tasks`;
      const { department, to } = await departmentRecipients(tx, departmentId);
      const content = phaseNoticeEmail(
        { phase, departmentName: department!.name, fiscalYear: row.cycle.fiscalYear, measureNumber: row.measureNumber, measureTitle: row.measureTitle, kpisBehind, cycleUrl },
        'ja',
      );
      emailIds.push(await createEmail(tx, { organizationId: row.cycle.organizationId, reasonKey: `phase:${cycleId}:${phase}:${departmentId}`, template: `phase-${phase}`, locale: 'ja', to, content }));
    }
    return { emailIds };
  });
}
