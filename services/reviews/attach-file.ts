/**
 * A department attaches a file (PDF, Excel, image) to its latest submission of a task, as
 * evidence. Only the owning department, only once a submission exists, and only while the
 * task still takes a submission (the statechart's ATTACH has SUBMIT's guards). The file is
 * stored in PostgreSQL with its SHA-256; the cycle's event `ATTACH` (the audit row) and the
 * task's version step are written in the same transaction. A refused file writes nothing.
 */
import { createHash } from 'node:crypto';
import { count, desc, eq } from 'drizzle-orm';
import { submissionAttachments, taskSubmissions } from '../../db/schema/index.ts';
import { requireUser } from '../auth/authorize.ts';
import { withTransaction, type ServiceContext } from '../context.ts';
import { conflict, forbidden, invalidInput, problemAt } from '../errors.ts';
import type { Words } from '../i18n/translate.ts';
import { ATTACHMENT_TYPES, checkAttachment, cleanFileName, type Refusal } from './attachment-types.ts';
import { eventActor, transitionCycle } from './cycle-transition.ts';
import { lockTask, setTaskStatus, taskFacts } from './lock-task.ts';
import { ownsTask } from './permissions.ts';

export interface AttachmentLimits {
  maxBytes: number;
  maxFiles: number;
}

export interface AttachFileInput {
  taskId: string;
  /** The name the file was sent with (only its last part is kept). */
  fileName: string;
  bytes: Buffer;
  /** From the configuration (ATTACHMENT_MAX_BYTES, ATTACHMENT_MAX_FILES). */
  limits: AttachmentLimits;
}

/** Where a problem with the file is reported: the file input of the form, `file` in the API. */
export const ATTACHMENT_FIELD = 'file';

const megabytes = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;


export async function attachFile({ ctx, input }: { ctx: ServiceContext; input: AttachFileInput }) {
  const user = requireUser(ctx);
  const refuse = (words: Words) => invalidInput([problemAt(ATTACHMENT_FIELD, words)]);
  return withTransaction(ctx, async (tx) => {
    // Who may attach is settled before the file is looked at: another department's task is "not found".
    const { cycle, task } = await lockTask(tx, user, input.taskId);
    if (!ownsTask(user, task)) throw forbidden('only the department that owns the task attaches files to its submission');
    const audit = { ...taskFacts(task, ctx.clock), reopened: task.reopened };
    // Whether the task takes files now comes first; a refusal below rolls the event back.
    await transitionCycle(tx, ctx, cycle, { type: 'ATTACH', actor: eventActor(user), task: audit }, { taskId: task.id, fileName: cleanFileName(input.fileName), size: input.bytes.length });
    const [latest] = await tx.select({ id: taskSubmissions.id, version: taskSubmissions.version }).from(taskSubmissions).where(eq(taskSubmissions.taskId, task.id)).orderBy(desc(taskSubmissions.version)).limit(1);
    if (!latest) throw conflict({ key: 'refusals.attachNoSubmission' });

    if (input.bytes.length === 0) throw refuse({ key: 'files.refusals.empty' });
    if (input.bytes.length > input.limits.maxBytes) throw refuse({ key: 'files.refusals.tooLarge', params: { mb: megabytes(input.limits.maxBytes) } });
    const fileName = cleanFileName(input.fileName);
    const checked = checkAttachment(input.bytes, fileName);
    if ('refusal' in checked) throw refuse({ key: `files.refusals.${checked.refusal satisfies Refusal}` });
    const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(submissionAttachments).where(eq(submissionAttachments.submissionId, latest.id));
    if (n >= input.limits.maxFiles) throw refuse({ key: 'files.refusals.tooMany', params: { n: input.limits.maxFiles } });

    const now = ctx.clock.now();
    const sha256 = createHash('sha256').update(input.bytes).digest('hex');
    const mediaType = ATTACHMENT_TYPES[checked.kind].mediaType;
    const [row] = await tx
      .insert(submissionAttachments)
      .values({ submissionId: latest.id, fileName, mediaType, size: input.bytes.length, sha256, bytes: input.bytes, uploadedBy: user.id, uploadedAt: now })
      .returning({ id: submissionAttachments.id, submissionId: submissionAttachments.submissionId, fileName: submissionAttachments.fileName, mediaType: submissionAttachments.mediaType, size: submissionAttachments.size, sha256: submissionAttachments.sha256, uploadedAt: submissionAttachments.uploadedAt });
    // The task changed (its evidence): its version steps, its status stays.
    await setTaskStatus(tx, ctx.clock, task, {});
    return { ...row!, submissionVersion: latest.version };
  });
}
