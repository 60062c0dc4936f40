/**
 * Files attached to a task's submission: list, upload (the file is the request body, its name
 * in the query, like the task sheet's upload), download. The service decides what a file is
 * from its content; the Content-Type sent only has to be one of the four it may be.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import type { AppDeps } from '../../deps.ts';
import { ATTACHMENT_TYPES } from '../../reviews/attachment-types.ts';
import { attachFile } from '../../reviews/attach-file.ts';
import { getAttachment, listAttachments } from '../../reviews/attachments.ts';
import { contextOf } from '../auth-plugin.ts';
import { sendAttachment } from '../downloads.ts';
import { DateTime, errorResponses, Uuid } from '../schemas.ts';

const TaskParams = Type.Object({ taskId: Uuid });
const Attachment = Type.Object({
  id: Uuid,
  submissionId: Uuid,
  submissionVersion: Type.Integer(),
  fileName: Type.String(),
  mediaType: Type.String(),
  size: Type.Integer(),
  sha256: Type.String(),
  uploadedAt: DateTime,
});

export const attachmentRoutes =
  (deps: AppDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    const limits = { maxBytes: deps.config.attachmentMaxBytes, maxFiles: deps.config.attachmentMaxFiles };
    // Only in this plugin: the file arrives as the raw body; one byte over the limit reaches the service, which says so.
    const types = [...new Set(Object.values(ATTACHMENT_TYPES).map((t) => t.mediaType)), 'application/octet-stream'];
    app.addContentTypeParser(types, { parseAs: 'buffer', bodyLimit: limits.maxBytes + 1 }, (_request, body, done) => done(null, body));

    app.get(
      '/tasks/:taskId/attachments',
      { schema: { tags: ['tasks'], summary: 'The files attached to the task’s submissions (without their content)', params: TaskParams, response: { 200: Type.Object({ items: Type.Array(Type.Intersect([Attachment, Type.Object({ uploadedByName: Type.String() })])) }), ...errorResponses } } },
      async (request) => ({ items: await listAttachments(contextOf(deps, request), request.params.taskId) }),
    );

    app.post(
      '/tasks/:taskId/attachments',
      {
        config: { rawBody: true },
        schema: {
          tags: ['tasks'],
          summary: `Attach a file to the latest submission (your department’s task, while it takes submissions): PDF, Excel .xlsx, PNG or JPEG, at most ${limits.maxFiles} per submission; the file is the body, recognised by its content`,
          params: TaskParams,
          querystring: Type.Object({ filename: Type.String({ minLength: 1, maxLength: 255, description: 'The file’s name, with its extension (.pdf, .xlsx, .png, .jpg)' }) }),
          response: { 201: Attachment, ...errorResponses },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await attachFile({ ctx: contextOf(deps, request), input: { taskId: request.params.taskId, fileName: request.query.filename, bytes: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0), limits } })),
    );

    app.get(
      '/tasks/:taskId/attachments/:attachmentId',
      {
        schema: {
          tags: ['tasks'],
          summary: 'Download an attached file (always as a download, with the type its content was recognised as)',
          params: Type.Object({ taskId: Uuid, attachmentId: Uuid }),
          response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }), ...errorResponses },
        },
      },
      async (request, reply) => sendAttachment(reply, await getAttachment(contextOf(deps, request), request.params)),
    );
  };
