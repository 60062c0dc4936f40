/**
 * Reading a task's draft (一時保存). Only the owning department's members read it; to anyone
 * else — the strategy office included, whatever its department — there is no draft, so an unsent draft never reaches
 * the office, on a page or through the API.
 */
import { eq } from 'drizzle-orm';
import { submissionDrafts, users } from '../../db/schema/index.ts';
import { isStrategyOffice, requireUser } from '../auth/authorize.ts';
import type { AuthUser, ServiceContext } from '../context.ts';
import type { SubmittedValue } from './submit-actuals.ts';
import { findTask } from './lock-task.ts';
import { ownsTask } from './permissions.ts';

/**
 * Drafts are the department's own working copy: a member of the owning department keeps them.
 * The strategy office never does, not even in its own department's tasks (政策推進課 runs
 * projects too): it reviews what was sent, so it must not see, or make, what was not.
 */
export const keepsDrafts = (user: AuthUser, task: { departmentId: string }) => !isStrategyOffice(user) && ownsTask(user, task);

export async function getDraft(ctx: ServiceContext, taskId: string) {
  const user = requireUser(ctx);
  const { task } = await findTask(ctx.db, user, taskId);
  if (!keepsDrafts(user, task)) return null;
  const [row] = await ctx.db
    .select({ draft: submissionDrafts, savedByName: users.name })
    .from(submissionDrafts)
    .innerJoin(users, eq(users.id, submissionDrafts.savedBy))
    .where(eq(submissionDrafts.taskId, task.id));
  return row ? { ...row.draft, values: row.draft.values as SubmittedValue[], savedByName: row.savedByName } : null;
}

export type TaskDraft = NonNullable<Awaited<ReturnType<typeof getDraft>>>;
