/**
 * The strategy office accepts a task's latest submission or returns it with a comment (the
 * task reopens for the department). Accepting the lead department's submission records the
 * project's actuals for the fiscal year; the co-owners' inputs stay with their tasks.
 */
import { desc, eq } from 'drizzle-orm';
import Type, { type Static } from 'typebox';
import { kpis, kpiValues, submissionValues, taskSubmissions } from '../../db/schema/index.ts';
import { requireUser } from '../auth/authorize.ts';
import { withTransaction, type ServiceContext } from '../context.ts';
import { badRequest, problemAt } from '../errors.ts';
import { OrNull } from '../input-schemas.ts';
import { assertWritablePlan } from '../plans/current-plan.ts';
import { eventActor, transitionCycle } from './cycle-transition.ts';
import { lockTask, setTaskStatus, taskFacts } from './lock-task.ts';

/** A comment to the department: optional to accept, the page asks for one to return. */
const Comment = Type.String({ maxLength: 4000 });
export const ReviewSubmissionBody = Type.Object({ comment: Type.Optional(OrNull(Comment)) });
/** The task page's return form: a returned submission tells the department why. */
export const ReturnForm = Type.Object({ comment: Type.String({ ...Comment, minLength: 1 }) });

export async function reviewSubmission({ ctx, input }: { ctx: ServiceContext; input: Static<typeof ReviewSubmissionBody> & { taskId: string; decision: 'accept' | 'return' } }) {
  // Who may is the statechart's (ACTOR_GUARDS), asked in transitionCycle: a 403 from there.
  const user = requireUser(ctx);
  if (input.decision === 'return' && !input.comment?.trim()) {
    throw badRequest('a returned submission needs a comment', [problemAt('body.comment', { key: 'problems.returnReason' })]);
  }
  return withTransaction(ctx, async (tx) => {
    const { cycle, task } = await lockTask(tx, user, input.taskId);
    await transitionCycle(tx, ctx, cycle, { type: 'REVIEW_SUBMISSION', actor: eventActor(user), decision: input.decision, task: taskFacts(task, ctx.clock) }, {
      taskId: task.id,
      decision: input.decision,
      comment: input.comment ?? null,
    });
    if (input.decision === 'accept' && task.lead) {
      // Accepting records the plan's actuals: a past plan is read only.
      await assertWritablePlan(tx, cycle.planId, cycle.fiscalYear, ctx.clock);
      const [submission] = await tx.select().from(taskSubmissions).where(eq(taskSubmissions.taskId, task.id)).orderBy(desc(taskSubmissions.version)).limit(1);
      const values = await tx
        .select({ kpiId: submissionValues.kpiId, value: submissionValues.value, quality: submissionValues.quality, cancelledReason: submissionValues.cancelledReason, note: submissionValues.note, cumulative: kpis.cumulative })
        .from(submissionValues)
        .innerJoin(kpis, eq(kpis.id, submissionValues.kpiId))
        .where(eq(submissionValues.submissionId, submission!.id));
      if (values.length) {
        await tx.insert(kpiValues).values(
          values.map((v) => ({
            kpiId: v.kpiId,
            kind: 'actual' as const,
            fiscalYear: cycle.fiscalYear,
            value: v.value ?? 0,
            // A cumulative KPI's actual is submitted as the running total, as the plan prints it.
            cumulative: v.cumulative,
            quality: v.quality,
            cancelledReason: v.cancelledReason,
            note: v.note,
            provenance: 'review' as const,
            sourceRef: { submissionId: submission!.id },
            recordedBy: user.id,
            recordedAt: ctx.clock.now(),
          })),
        );
      }
    }
    return setTaskStatus(tx, ctx.clock, task, { status: input.decision === 'accept' ? 'accepted' : 'returned' });
  });
}
