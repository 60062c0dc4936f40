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
import { badRequest, conflict, forbidden } from '../errors.ts';
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

const WORDS = {
  empty: { ja: 'ファイルを選んでください（空のファイルは添付できません）', en: 'choose a file (an empty file cannot be attached)' },
  tooLarge: { ja: (mb: number) => `ファイルが大きすぎます。${mb} MB 以下のファイルを添付してください`, en: (mb: number) => `the file is too large; attach files of at most ${mb} MB` },
  tooMany: { ja: (n: number) => `1回の提出に添付できるファイルは ${n} 件までです`, en: (n: number) => `a submission can carry at most ${n} files` },
  unknownType: { ja: '添付できるのは PDF、Excel（.xlsx）、PNG・JPEG 画像です。このファイルはそのいずれでもありません', en: 'only PDF, Excel (.xlsx), PNG and JPEG files can be attached; this file is none of them' },
  executableContent: { ja: 'このファイルにはマクロやスクリプトなど実行される内容が含まれているため添付できません', en: 'this file contains macros or scripts that would run, so it cannot be attached' },
  extensionMismatch: { ja: 'ファイル名の拡張子と中身が一致しません（例: PDF の中身なら .pdf）', en: 'the file name’s extension does not match its content (a PDF must end in .pdf)' },
} as const;

export async function attachFile({ ctx, input }: { ctx: ServiceContext; input: AttachFileInput }) {
  const user = requireUser(ctx);
  const lang = user.locale;
  const refuse = (message: string) => badRequest(`${ATTACHMENT_FIELD} ${message}`, [{ field: ATTACHMENT_FIELD, message }]);
  return withTransaction(ctx, async (tx) => {
    // Who may attach is settled before the file is looked at: another department's task is "not found".
    const { cycle, task } = await lockTask(tx, user, input.taskId);
    if (!ownsTask(user, task)) throw forbidden('only the department that owns the task attaches files to its submission');
    const audit = { ...taskFacts(task, ctx.clock), reopened: task.reopened };
    // Whether the task takes files now comes first; a refusal below rolls the event back.
    await transitionCycle(tx, ctx, cycle, { type: 'ATTACH', actor: eventActor(user), task: audit }, { taskId: task.id, fileName: cleanFileName(input.fileName), size: input.bytes.length });
    const [latest] = await tx.select({ id: taskSubmissions.id, version: taskSubmissions.version }).from(taskSubmissions).where(eq(taskSubmissions.taskId, task.id)).orderBy(desc(taskSubmissions.version)).limit(1);
    if (!latest) throw conflict({ key: 'refusals.attachNoSubmission' });

    if (input.bytes.length === 0) throw refuse(WORDS.empty[lang]);
    if (input.bytes.length > input.limits.maxBytes) throw refuse(WORDS.tooLarge[lang](megabytes(input.limits.maxBytes)));
    const fileName = cleanFileName(input.fileName);
    const checked = checkAttachment(input.bytes, fileName);
    if ('refusal' in checked) throw refuse(WORDS[checked.refusal satisfies Refusal][lang]);
    const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(submissionAttachments).where(eq(submissionAttachments.submissionId, latest.id));
    if (n >= input.limits.maxFiles) throw refuse(WORDS.tooMany[lang](input.limits.maxFiles));

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
