/**
 * A department submits (or, before the due date, corrects) the actuals of one project for
 * the cycle's fiscal year. Each value is checked against its KPI — a number in range for the
 * unit, or "cancelled" with a reason — and every version of the submission is kept.
 */
import { asc, desc, eq } from 'drizzle-orm';
import Type, { type Static } from 'typebox';
import { kpis, submissionDrafts, submissionValues, taskSubmissions } from '../../db/schema/index.ts';
import { requireUser } from '../auth/authorize.ts';
import { withTransaction, type ServiceContext } from '../context.ts';
import { type FieldProblem, forbidden, invalidInput, problemAt } from '../errors.ts';
import { rangeProblem, rangeWords, unitOf } from '../plans/units.ts';
import { valuesInForce } from '../plans/load-plan-tree.ts';
import { eventActor, transitionCycle } from './cycle-transition.ts';
import { EvidenceReference } from './evidence-reference.ts';
import { lockTask, setTaskStatus, taskFacts } from './lock-task.ts';
import { ownsTask } from './permissions.ts';
import { plausibilitySettings, submissionWarnings } from './submission-warnings.ts';

/** The longest note or reason, and the longest comment: also the sheet upload's limits. */
export const MAX_NOTE = 2000;
export const MAX_COMMENT = 4000;
const OrNull = <T extends Type.TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** One KPI's actual. */
export const SubmittedValue = Type.Object({
  kpiId: Type.String({ format: 'uuid' }),
  value: Type.Optional(OrNull(Type.Number())),
  /** Set when the project did not run this year; the value then defaults to 0. */
  cancelledReason: Type.Optional(OrNull(Type.String({ maxLength: MAX_NOTE }))),
  quality: Type.Optional(Type.Enum(['provisional', 'final'] as const)),
  note: Type.Optional(OrNull(Type.String({ maxLength: MAX_NOTE }))),
  /** When given, must be the cycle's fiscal year. */
  fiscalYear: Type.Optional(Type.Integer()),
});
export type SubmittedValue = Static<typeof SubmittedValue>;

/** The actuals of one task, as the API's body, the task page's form and the uploaded sheet give them. */
export const SubmitActualsBody = Type.Object({
  values: Type.Array(SubmittedValue, { minItems: 1, maxItems: 50 }),
  comment: Type.Optional(OrNull(Type.String({ maxLength: MAX_COMMENT }))),
  /** A web address or a shared-drive path (the name is kept for existing clients). */
  evidenceUrl: Type.Optional(OrNull(EvidenceReference)),
});
export type SubmitActualsInput = Static<typeof SubmitActualsBody> & { taskId: string };

export async function submitActuals({ ctx, input }: { ctx: ServiceContext; input: SubmitActualsInput }) {
  const user = requireUser(ctx);
  return withTransaction(ctx, async (tx) => {
    const { cycle, task } = await lockTask(tx, user, input.taskId);
    if (!ownsTask(user, task)) throw forbidden('only the department that owns the task submits its actuals');
    // Whether a submission is possible now comes first: it is the more useful answer. A refusal
    // of the values below rolls the whole transaction back, the transition included.
    await transitionCycle(tx, ctx, cycle, { type: 'SUBMIT', actor: eventActor(user), task: { ...taskFacts(task, ctx.clock), reopened: task.reopened } }, { taskId: task.id });
    const projectKpis = await tx.select().from(kpis).where(eq(kpis.projectId, task.projectId)).orderBy(asc(kpis.position));
    const problems = checkValues(input.values, projectKpis, cycle.fiscalYear);
    if (problems.length) throw invalidInput(problems);
    const [last] = await tx.select({ version: taskSubmissions.version }).from(taskSubmissions).where(eq(taskSubmissions.taskId, task.id)).orderBy(desc(taskSubmissions.version)).limit(1);
    const [submission] = await tx
      .insert(taskSubmissions)
      .values({ taskId: task.id, version: (last?.version ?? 0) + 1, comment: input.comment, evidenceUrl: input.evidenceUrl, submittedBy: user.id, submittedAt: ctx.clock.now() })
      .returning();
    await tx.insert(submissionValues).values(
      input.values.map((v) => ({
        submissionId: submission!.id,
        kpiId: v.kpiId,
        value: v.value ?? (v.cancelledReason ? 0 : null),
        quality: v.quality ?? 'final',
        cancelledReason: v.cancelledReason || null,
        note: v.note,
      })),
    );
    // The draft is what was being prepared for this; once sent, it is done with.
    await tx.delete(submissionDrafts).where(eq(submissionDrafts.taskId, task.id));
    const updated = await setTaskStatus(tx, ctx.clock, task, { status: 'submitted' });
    // Plausibility never refuses: its warnings go back with the answer (the page asks first).
    const [recorded, settings] = await Promise.all([valuesInForce(tx, cycle.planId, projectKpis.map((k) => k.id)), plausibilitySettings(tx, cycle.planId)]);
    const withValues = projectKpis.map((k) => ({ ...k, values: recorded.filter((v) => v.kpiId === k.id) }));
    return { submission: submission!, task: updated, warnings: submissionWarnings(withValues, input.values, cycle.fiscalYear, settings) };
  });
}

/**
 * Each value against its KPI. Every message names the KPI and the field, in the catalogue's
 * words: the page also runs this before its confirmation screen, so an error goes back to the form.
 */
/**
 * The project KPI a value is for, or the problem when the value names a KPI of another project
 * or one already given (recorded in `seen`): all a draft checks, and where a submission starts.
 */
export function kpiOf<K extends { id: string; name: string }>(value: { kpiId: string }, at: string, projectKpis: K[], seen: Set<string>): K | FieldProblem {
  const kpi = projectKpis.find((k) => k.id === value.kpiId);
  if (!kpi) return problemAt(`${at}.kpiId`, { key: 'problems.notAKpiOfProject' });
  if (seen.has(kpi.id)) return problemAt(`${at}.kpiId`, { key: 'problems.kpiTwice', params: { kpi: kpi.name } });
  seen.add(kpi.id);
  return kpi;
}

export function checkValues(values: SubmittedValue[], projectKpis: Pick<typeof kpis.$inferSelect, 'id' | 'name' | 'unit'>[], fiscalYear: number): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  values.forEach((v, i) => {
    const at = `body.values[${i}]`;
    const kpi = kpiOf(v, at, projectKpis, seen);
    if ('field' in kpi) return problems.push(kpi);
    if (v.fiscalYear !== undefined && v.fiscalYear !== fiscalYear) {
      problems.push(problemAt(`${at}.fiscalYear`, { key: 'problems.cycleYear', params: { kpi: kpi.name, year: fiscalYear } }));
    }
    const cancelled = Boolean(v.cancelledReason && v.cancelledReason.trim());
    if (v.value === undefined || v.value === null) {
      if (!cancelled) problems.push(problemAt(`${at}.value`, { key: 'problems.valueOrCancelReason', params: { kpi: kpi.name } }));
      return;
    }
    const unit = unitOf(kpi.unit);
    const problem = unit && rangeProblem(unit.kind, v.value);
    if (problem) problems.push(problemAt(`${at}.value`, { key: 'problems.valueOutOfRange', params: { kpi: kpi.name, problem: rangeWords(problem) } }));
  });
  projectKpis
    .filter((k) => !seen.has(k.id))
    .forEach((k) => problems.push(problemAt('body.values', { key: 'problems.valueMissing', params: { kpi: k.name } })));
  return problems;
}
