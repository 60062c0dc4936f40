/** Publishing a fiscal year's progress to the public page (strategy office), and the list of publications. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import type { AppDeps } from '../../deps.ts';
import { listPublications, PublishProgressBody, publishProgress } from '../../reports/publish.ts';
import { contextOf } from '../auth-plugin.ts';
import { DateTime, errorResponses, Uuid } from '../schemas.ts';

const Publication = Type.Object({
  id: Uuid,
  planId: Uuid,
  fiscalYear: Type.Integer(),
  version: Type.Integer(),
  snapshotHash: Type.String(),
  publishedAt: DateTime,
  publishedByName: Type.String(),
  publicPath: Type.String({ description: 'where citizens see it (no sign-in)' }),
});

export const publicationRoutes =
  (deps: AppDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/plans/:planId/publications',
      { schema: { tags: ['reports'], summary: 'What has been published, newest first', params: Type.Object({ planId: Uuid }), response: { 200: Type.Object({ items: Type.Array(Publication) }), ...errorResponses } } },
      async (request) => ({ items: await listPublications(contextOf(deps, request), request.params.planId) }),
    );

    app.post(
      '/plans/:planId/publications',
      {
        schema: {
          tags: ['reports'],
          summary: 'Publish a fiscal year’s progress: the figures are frozen as they are now (strategy office)',
          params: Type.Object({ planId: Uuid }),
          body: PublishProgressBody,
          response: { 201: Publication, ...errorResponses },
        },
      },
      async (request, reply) => reply.status(201).send(await publishProgress({ ctx: contextOf(deps, request), input: { planId: request.params.planId, fiscalYear: request.body.fiscalYear } })),
    );
  };
