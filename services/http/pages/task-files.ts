/**
 * Files on the task page: attach evidence to the submission, download an attachment, download
 * the task as an Excel sheet and upload it back. The two uploads are ordinary multipart forms
 * (a file input); @fastify/multipart is registered only in their scope, with its limits, and
 * the parts become plain form data, so the pages' CSRF check reads `_csrf` as for any form.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../deps.ts';
import { ServiceError, type FieldProblem } from '../../errors.ts';
import { downloadTaskSheet } from '../../reports/task-sheet.ts';
import { MAX_SHEET_BYTES, uploadTaskSheet } from '../../reports/upload-task-sheet.ts';
import { ATTACHMENT_FIELD, attachFile } from '../../reviews/attach-file.ts';
import { getAttachment } from '../../reviews/attachments.ts';
import { say, translator } from '../../i18n/translate.ts';
import type { Locale } from '../../i18n/locale.ts';
import { sendAttachment, sendDownload } from '../downloads.ts';
import { seeOther } from './flash.ts';
import { serviceFailure } from './forms.ts';
import type { PageRenderer } from './render.ts';
import { pageContext } from './request-context.ts';
import { taskPageRenderer } from './task-page.ts';
import { acceptUploads, uploaded } from './upload-forms.ts';

type Params = { taskId: string };

/** The form fields: the attachment's file input and the sheet's. */
export const ATTACHMENT_INPUT = 'attachment';
export const SHEET_INPUT = 'sheet';

export const taskFilePages = (deps: AppDeps, render: PageRenderer) => async (app: FastifyInstance) => {
  const ctx = (request: FastifyRequest) => pageContext(deps, request);
  const showTask = taskPageRenderer(deps, render);
  const limits = { maxBytes: deps.config.attachmentMaxBytes, maxFiles: deps.config.attachmentMaxFiles };

  app.get<{ Params: Params & { attachmentId: string } }>('/tasks/:taskId/attachments/:attachmentId', async (request, reply) => sendAttachment(reply, await getAttachment(ctx(request), request.params)));

  app.get<{ Params: Params }>('/tasks/:taskId/sheet', async (request, reply) => sendDownload(reply, await downloadTaskSheet({ ctx: ctx(request), input: { taskId: request.params.taskId } })));

  await app.register(async (uploads) => {
    await acceptUploads(uploads);

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
        return showTask(request, reply, { errors: failure.errors, status: failure.status, extra: { sheetProblems: problems.map((p) => cellProblem(p, request.locale)) } });
      }
      return seeOther(reply, `/tasks/${request.params.taskId}`, 'sheetUploaded');
    });
  });
};

/** `B7` names a cell, `B5:B9` a range; `body` (the file as a whole) names none. */
const cellProblem = (p: FieldProblem, locale: Locale) => ({ cell: /^[A-Z]{1,3}\d+(:[A-Z]{1,3}\d+)?$/.test(p.field) ? p.field : null, message: say(p.words, locale) });
