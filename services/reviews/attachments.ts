/**
 * Reading a task's attachments: the list (no content) for the task page and the API, and one
 * file to download. Whoever may see the task may read them (its department, the strategy
 * office); for anyone else the task, and so the file, does not exist: the same "not found" as
 * an id nobody uses.
 */
import { and, asc, desc, eq } from 'drizzle-orm';
import { submissionAttachments, taskSubmissions, users } from '../../db/schema/index.ts';
import { requireUser } from '../auth/authorize.ts';
import type { ServiceContext } from '../context.ts';
import { notFound, ServiceError } from '../errors.ts';
import { cycleAccepts } from '../../workflows/review-cycle.runner.ts';
import { eventActor } from './cycle-transition.ts';
import { ATTACHMENT_TYPES, type AttachmentKind } from './attachment-types.ts';
import { findTask, taskFacts } from './lock-task.ts';
import { ownsTask } from './permissions.ts';

const listed = {
  id: submissionAttachments.id,
  submissionId: submissionAttachments.submissionId,
  submissionVersion: taskSubmissions.version,
  fileName: submissionAttachments.fileName,
  mediaType: submissionAttachments.mediaType,
  size: submissionAttachments.size,
  sha256: submissionAttachments.sha256,
  uploadedByName: users.name,
  uploadedAt: submissionAttachments.uploadedAt,
};

/** The files of every version of the task's submission, newest version first, in upload order. */
export async function listAttachments(ctx: ServiceContext, taskId: string) {
  const user = requireUser(ctx);
  await findTask(ctx.db, user, taskId);
  return attachmentRows(ctx, taskId);
}

async function attachmentRows(ctx: ServiceContext, taskId: string) {
  const rows = await ctx.db
    .select(listed)
    .from(submissionAttachments)
    .innerJoin(taskSubmissions, eq(taskSubmissions.id, submissionAttachments.submissionId))
    .innerJoin(users, eq(users.id, submissionAttachments.uploadedBy))
    .where(eq(taskSubmissions.taskId, taskId))
    .orderBy(desc(taskSubmissions.version), asc(submissionAttachments.uploadedAt), asc(submissionAttachments.id));
  // The kind (pdf, xlsx, png, jpeg) names the type in the page's words.
  return rows.map((r) => ({ ...r, kind: (Object.keys(ATTACHMENT_TYPES) as AttachmentKind[]).find((k) => ATTACHMENT_TYPES[k].mediaType === r.mediaType) ?? null }));
}

/**
 * The list, and whether the user may attach a file now: asked of the statechart exactly as
 * attachFile asks it (the owning department, a submission to attach to, the task still open).
 */
export async function taskAttachments(ctx: ServiceContext, taskId: string) {
  const user = requireUser(ctx);
  const { task, cycle } = await findTask(ctx.db, user, taskId);
  const [items, [submitted]] = await Promise.all([
    attachmentRows(ctx, taskId),
    ctx.db.select({ id: taskSubmissions.id }).from(taskSubmissions).where(eq(taskSubmissions.taskId, taskId)).limit(1),
  ]);
  const open = cycleAccepts(cycle, { type: 'ATTACH', actor: eventActor(user), task: { ...taskFacts(task, ctx.clock), reopened: task.reopened } }, ctx.workflows?.reviewCycle);
  return { items, canAttach: ownsTask(user, task) && Boolean(submitted) && open };
}

export type AttachmentListItem = Awaited<ReturnType<typeof listAttachments>>[number];

/** One file with its content. Any reason not to give it (no such task for this user, no such file on it) is the same "not found". */
export async function getAttachment(ctx: ServiceContext, input: { taskId: string; attachmentId: string }) {
  const user = requireUser(ctx);
  try {
    await findTask(ctx.db, user, input.taskId);
  } catch (error) {
    if (error instanceof ServiceError && error.code === 'NOT_FOUND') throw notFound('attachment');
    throw error;
  }
  const [file] = await ctx.db
    .select({ id: submissionAttachments.id, fileName: submissionAttachments.fileName, mediaType: submissionAttachments.mediaType, size: submissionAttachments.size, sha256: submissionAttachments.sha256, bytes: submissionAttachments.bytes })
    .from(submissionAttachments)
    .innerJoin(taskSubmissions, eq(taskSubmissions.id, submissionAttachments.submissionId))
    .where(and(eq(submissionAttachments.id, input.attachmentId), eq(taskSubmissions.taskId, input.taskId)));
  if (!file) throw notFound('attachment');
  return file;
}
