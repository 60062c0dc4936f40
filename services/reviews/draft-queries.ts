/**
 * Reading a task's draft (一時保存). Only the owning department's members read it; to anyone
 * else — the strategy office included — there is no draft, so an unsent draft never reaches
 * the office, on a page or through the API.
 */
import { eq } from 'drizzle-orm';
import { submissionDrafts, users } from '../../db/schema/index.ts';
import { requireUser } from '../auth/authorize.ts';
import type { ServiceContext } from '../context.ts';
import type { SubmittedValue } from './submit-actuals.ts';
import { findTask } from './lock-task.ts';

export async function getDraft(ctx: ServiceContext, taskId: string) {
  const user = requireUser(ctx);
  const { task } = await findTask(ctx.db, user, taskId);
  if (user.departmentId !== task.departmentId) return null;
  const [row] = await ctx.db
    .select({ draft: submissionDrafts, savedByName: users.name })
    .from(submissionDrafts)
    .innerJoin(users, eq(users.id, submissionDrafts.savedBy))
    .where(eq(submissionDrafts.taskId, task.id));
  return row ? { ...row.draft, values: row.draft.values as SubmittedValue[], savedByName: row.savedByName } : null;
}

export type TaskDraft = NonNullable<Awaited<ReturnType<typeof getDraft>>>;
