/**
 * 一時保存: the owning department keeps an unsent draft of a task's actuals on the server, one
 * per task. Each save names the version it started from (none for the first); a save from a
 * stale version — another tab saved, or the task was submitted meanwhile — is a 409. Only while
 * the statechart would take a submission of the task: a draft that could never be sent is not
 * kept. The draft is no event of the review, so it writes no review_events row; the submission
 * that replaces it does.
 */
import { and, asc, eq } from 'drizzle-orm';
import Type, { type Static } from 'typebox';
import { kpis, submissionDrafts } from '../../db/schema/index.ts';
import { requireUser } from '../auth/authorize.ts';
import { withTransaction, type ServiceContext } from '../context.ts';
import { conflict, type FieldProblem, forbidden, invalidInput } from '../errors.ts';
import { runCycleEvent } from '../../workflows/review-cycle.runner.ts';
import { eventActor } from './cycle-transition.ts';
import { keepsDrafts } from './draft-queries.ts';
import { lockTask, taskFacts } from './lock-task.ts';
import { refusalWords } from './refusal-words.ts';
import { kpiOf, SubmitActualsBody, SubmittedValue } from './submit-actuals.ts';

/** The submission's own fields and checks, but any value may still be missing (and no KPI at all is fine). */
export const SaveDraftBody = Type.Object({
  values: Type.Array(SubmittedValue, { maxItems: 50 }),
  comment: SubmitActualsBody.properties.comment,
  evidenceUrl: SubmitActualsBody.properties.evidenceUrl,
  /** The draft's version this save started from; null or absent when there was no draft. */
  version: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 2_147_483_647 }), Type.Null()])),
});
export type SaveDraftInput = Static<typeof SaveDraftBody> & { taskId: string };

export async function saveDraft({ ctx, input }: { ctx: ServiceContext; input: SaveDraftInput }) {
  const user = requireUser(ctx);
  return withTransaction(ctx, async (tx) => {
    const { cycle, task } = await lockTask(tx, user, input.taskId);
    if (!keepsDrafts(user, task)) throw forbidden('only members of the department that owns the task keep a draft of it');
    // Asked of the statechart without moving it (the context's machine, as every verb asks): would it take this task's submission now?
    const would = runCycleEvent(cycle, { type: 'SUBMIT', actor: eventActor(user), task: { ...taskFacts(task, ctx.clock), reopened: task.reopened } }, ctx.workflows?.reviewCycle);
    if (!would.ok) throw conflict({ key: 'refusals.draftNotNow', params: { reason: refusalWords(would.refusal) } }, { phase: would.refusal.phase });
    const projectKpis = await tx.select({ id: kpis.id, name: kpis.name }).from(kpis).where(eq(kpis.projectId, task.projectId)).orderBy(asc(kpis.position));
    const problems = draftProblems(input.values, projectKpis);
    if (problems.length) throw invalidInput(problems);

    const row = { values: input.values, comment: input.comment ?? null, evidenceUrl: input.evidenceUrl ?? null, savedBy: user.id, savedAt: ctx.clock.now() };
    const stale = () => conflict({ key: 'refusals.draftStale' });
    if (input.version === undefined || input.version === null) {
      // The unique task id settles two first saves racing: the second finds the row and loses.
      const [created] = await tx.insert(submissionDrafts).values({ ...row, taskId: task.id, version: 1 }).onConflictDoNothing({ target: submissionDrafts.taskId }).returning();
      if (!created) throw stale();
      return asDraft(created);
    }
    const [updated] = await tx
      .update(submissionDrafts)
      .set({ ...row, version: input.version + 1 })
      .where(and(eq(submissionDrafts.taskId, task.id), eq(submissionDrafts.version, input.version)))
      .returning();
    if (!updated) throw stale();
    return asDraft(updated);
  });
}

const asDraft = (row: typeof submissionDrafts.$inferSelect) => ({ ...row, values: row.values as SubmittedValue[] });

/** Only what would make the draft about something else: a KPI not of this project, or one given twice. */
function draftProblems(values: SaveDraftInput['values'], projectKpis: { id: string; name: string }[]): FieldProblem[] {
  const seen = new Set<string>();
  return values.flatMap((v, i) => {
    const kpi = kpiOf(v, `body.values[${i}]`, projectKpis, seen);
    return 'field' in kpi ? [kpi] : [];
  });
}
