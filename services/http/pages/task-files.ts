/**
 * Files on the task page: attach evidence to the submission, download an attachment, download
 * the task as an Excel sheet and upload it back. The two uploads are ordinary multipart forms
 * (a file input); @fastify/multipart is registered only in their scope, with its limits, and
 * the parts become plain form data, so the pages' CSRF check reads `_csrf` as for any form.
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../deps.ts';
import { ServiceError, type FieldProblem } from '../../errors.ts';
import { downloadTaskSheet } from '../../reports/task-sheet.ts';
import { MAX_SHEET_BYTES, uploadTaskSheet } from '../../reports/upload-task-sheet.ts';
import { ATTACHMENT_FIELD, attachFile } from '../../reviews/attach-file.ts';
import { getAttachment } from '../../reviews/attachments.ts';
import { translator } from '../../i18n/translate.ts';
import { sendAttachment, sendDownload } from '../downloads.ts';
import { seeOther } from './flash.ts';
import { serviceFailure } from './forms.ts';
import type { PageRenderer } from './render.ts';
import { pageContext } from './request-context.ts';
import { taskPageRenderer } from './task-page.ts';

type Params = { taskId: string };

/** The form fields: the attachment's file input and the sheet's. */
export const ATTACHMENT_INPUT = 'attachment';
export const SHEET_INPUT = 'sheet';

interface UploadedFile {
  filename: string;
  bytes: Buffer;
}

/** The file a multipart form sent in `name`; null when there is none (no file chosen, or not a multipart form). */
export function uploaded(request: FastifyRequest, name: string): UploadedFile | null {
  const file = (request.body as Record<string, unknown> | undefined)?.[name];
  return file && typeof file === 'object' && Buffer.isBuffer((file as UploadedFile).bytes) ? (file as UploadedFile) : null;
}

/**
 * A multipart body as plain form data: text fields as strings (so `_csrf` is read as from any
 * form), a file as its name and bytes. The parts @fastify/multipart attaches hold streams and
 * point back at the body; nothing downstream should walk those.
 */
export function plainForm(body: unknown): Record<string, string | UploadedFile> {
  const form: Record<string, string | UploadedFile> = {};
  for (const [key, part] of Object.entries((body ?? {}) as Record<string, { type?: unknown; value?: unknown; filename?: unknown; _buf?: unknown }>)) {
    if (part?.type === 'field' && typeof part.value === 'string') form[key] = part.value;
    else if (part?.type === 'file' && Buffer.isBuffer(part._buf) && typeof part.filename === 'string') form[key] = { filename: part.filename, bytes: part._buf };
  }
  return form;
}

export const taskFilePages = (deps: AppDeps, render: PageRenderer) => async (app: FastifyInstance) => {
  const ctx = (request: FastifyRequest) => pageContext(deps, request);
  const showTask = taskPageRenderer(deps, render);
  const limits = { maxBytes: deps.config.attachmentMaxBytes, maxFiles: deps.config.attachmentMaxFiles };

  app.get<{ Params: Params & { attachmentId: string } }>('/tasks/:taskId/attachments/:attachmentId', async (request, reply) => sendAttachment(reply, await getAttachment(ctx(request), request.params)));

  app.get<{ Params: Params }>('/tasks/:taskId/sheet', async (request, reply) => sendDownload(reply, await downloadTaskSheet({ ctx: ctx(request), input: { taskId: request.params.taskId } })));

  await app.register(async (uploads) => {
    // Nothing is read from someone who is not signed in (the pages' own check comes after the body).
    uploads.addHook('onRequest', async (request, reply) => {
      if (!(request.actor.type === 'user' && request.session)) return reply.redirect('/login', 303);
    });
    // One byte over a limit is kept (not an error here), so the service can say the file is too large, next to its input.
    await uploads.register(multipart, { attachFieldsToBody: true, throwFileSizeLimit: false, limits: { files: 1, fields: 4, fieldSize: 1024, parts: 5, headerPairs: 50 } });
    // After the parts are read (the plugin's own preValidation), before the pages' CSRF check.
    uploads.addHook('preValidation', async (request) => {
      if (request.isMultipart()) request.body = plainForm(request.body);
    });

    uploads.post<{ Params: Params }>('/tasks/:taskId/attachments', { config: { multipartOptions: { limits: { fileSize: limits.maxBytes + 1 } } } }, async (request, reply) => {
      const file = uploaded(request, ATTACHMENT_INPUT);
      try {
        await attachFile({ ctx: ctx(request), input: { taskId: request.params.taskId, fileName: file?.filename ?? '', bytes: file?.bytes ?? Buffer.alloc(0), limits } });
      } catch (error) {
        const failure = serviceFailure(error, request.locale, (f) => (f === ATTACHMENT_FIELD ? ATTACHMENT_INPUT : null));
        return showTask(request, reply, { errors: failure.errors, status: failure.status });
      }
      return seeOther(reply, `/tasks/${request.params.taskId}#attachments`, 'attached');
    });

    uploads.post<{ Params: Params }>('/tasks/:taskId/sheet', { config: { multipartOptions: { limits: { fileSize: MAX_SHEET_BYTES + 1 } } } }, async (request, reply) => {
      const file = uploaded(request, SHEET_INPUT);
      try {
        await uploadTaskSheet({ ctx: ctx(request), input: { taskId: request.params.taskId, file: file?.bytes ?? null } });
      } catch (error) {
        // The sheet's problems are named by cell: listed at the form, with one line in the summary.
        const problems = error instanceof ServiceError && error.code === 'BAD_REQUEST' ? (error.details?.problems ?? []) : [];
        const failure = serviceFailure(error, request.locale, () => null);
        if (problems.length) failure.errors = { fields: { [SHEET_INPUT]: translator(request.locale)('sheet.problems', { n: problems.length }) }, form: [] };
        return showTask(request, reply, { errors: failure.errors, status: failure.status, extra: { sheetProblems: problems.map(cellProblem) } });
      }
      return seeOther(reply, `/tasks/${request.params.taskId}`, 'sheetUploaded');
    });
  });
};

/** `B7` names a cell, `B5:B9` a range; `body` (the file as a whole) names none. */
const cellProblem = (p: FieldProblem) => ({ cell: /^[A-Z]{1,3}\d+(:[A-Z]{1,3}\d+)?$/.test(p.field) ? p.field : null, message: p.message });
