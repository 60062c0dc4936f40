/**
 * The public progress page and its open data: no sign-in, only what the strategy office
 * published, cacheable with an ETag (registered under /public, outside the signed-in scope).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import type { AppDeps } from '../../deps.ts';
import { CSV_ENCODINGS } from '../../reports/csv.ts';
import { openDataCsv, openDataJson } from '../../reports/open-data.ts';
import { getPublishedProgress, publicProgressHtml } from '../../reports/public-progress.ts';
import { contentDisposition, notModified } from '../downloads.ts';
import { errorResponses, Uuid } from '../schemas.ts';

const Params = Type.Object({ planId: Uuid });
const YearParams = Type.Object({ planId: Uuid, fiscalYear: Type.Integer({ minimum: 2000, maximum: 2100 }) });
const Html = { 200: Type.String({ description: 'HTML page' }), 304: Type.Null(), ...errorResponses };

export const publicRoutes =
  (deps: AppDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/plans/:planId/progress',
      { schema: { tags: ['public'], summary: 'The latest published progress, for citizens', params: Params, response: Html } },
      async (request, reply) => {
        const progress = await getPublishedProgress(deps.db, request.params.planId);
        return notModified(request, reply, progress.etag) ? reply : reply.type('text/html; charset=utf-8').send(publicProgressHtml(progress));
      },
    );

    app.get(
      '/plans/:planId/progress/:fiscalYear',
      { schema: { tags: ['public'], summary: 'The published progress of a fiscal year, for citizens', params: YearParams, response: Html } },
      async (request, reply) => {
        const progress = await getPublishedProgress(deps.db, request.params.planId, request.params.fiscalYear);
        return notModified(request, reply, progress.etag) ? reply : reply.type('text/html; charset=utf-8').send(publicProgressHtml(progress));
      },
    );

    app.get(
      '/plans/:planId/progress/:fiscalYear/open-data.json',
      { schema: { tags: ['public'], summary: 'The published figures as open data (JSON)', params: YearParams, response: { 200: Type.Object({}, { additionalProperties: true }), 304: Type.Null(), ...errorResponses } } },
      async (request, reply) => {
        const progress = await getPublishedProgress(deps.db, request.params.planId, request.params.fiscalYear);
        return notModified(request, reply, progress.etag) ? reply : reply.header('access-control-allow-origin', '*').send(openDataJson(progress));
      },
    );

    app.get(
      '/plans/:planId/progress/:fiscalYear/open-data.csv',
      {
        schema: {
          tags: ['public'],
          summary: 'The published figures as open data (CSV, UTF-8 with BOM or Shift_JIS)',
          params: YearParams,
          querystring: Type.Object({ encoding: Type.Optional(Type.Enum(CSV_ENCODINGS)) }),
          response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }), 304: Type.Null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        const progress = await getPublishedProgress(deps.db, request.params.planId, request.params.fiscalYear);
        const etag = `"${progress.etag.slice(1, -1)}-${request.query.encoding ?? 'utf-8'}"`;
        if (notModified(request, reply, etag)) return reply;
        const file = openDataCsv(progress, request.query.encoding);
        return reply.type(file.contentType).header('access-control-allow-origin', '*').header('content-disposition', contentDisposition(file.filename, file.asciiFilename)).send(file.body);
      },
    );
  };
