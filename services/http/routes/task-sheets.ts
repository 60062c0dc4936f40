/** A department's task as a spreadsheet: download it, fill it, upload it (checked like the form). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import type { AppDeps } from '../../deps.ts';
import { XLSX_TYPE } from '../../reports/export-excel.ts';
import { downloadTaskSheet } from '../../reports/task-sheet.ts';
import { MAX_SHEET_BYTES, uploadTaskSheet } from '../../reports/upload-task-sheet.ts';
import { contextOf } from '../auth-plugin.ts';
import { sendDownload } from '../downloads.ts';
import { Submission, TaskRecord } from '../review-schemas.ts';
import { errorResponses, Uuid } from '../schemas.ts';

const TaskParams = Type.Object({ taskId: Uuid });

export const taskSheetRoutes =
  (deps: AppDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    // Only in this plugin: the workbook arrives as the raw request body.
    app.addContentTypeParser([XLSX_TYPE, 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: MAX_SHEET_BYTES }, (_request, body, done) => done(null, body));

    app.get(
      '/tasks/:taskId/sheet',
      { schema: { tags: ['tasks'], summary: 'The task as an Excel sheet to fill in (your department’s tasks only)', params: TaskParams, response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }), ...errorResponses } } },
      async (request, reply) => sendDownload(reply, await downloadTaskSheet({ ctx: contextOf(deps, request), input: { taskId: request.params.taskId } })),
    );

    app.post(
      '/tasks/:taskId/sheet',
      {
        config: { rawBody: true },
        schema: {
          tags: ['tasks'],
          summary: `Upload the filled sheet as the request body (Content-Type ${XLSX_TYPE}); checked like the form, problems named by cell, nothing written unless all valid`,
          params: TaskParams,
          response: { 201: Type.Object({ submission: Submission, task: TaskRecord }), ...errorResponses },
        },
      },
      async (request, reply) => reply.status(201).send(await uploadTaskSheet({ ctx: contextOf(deps, request), input: { taskId: request.params.taskId, file: request.body } })),
    );
  };
