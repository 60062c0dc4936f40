/** Publishing a fiscal year's progress to the public page and withdrawing it (strategy office), and the list of publications. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import type { AppDeps } from '../../deps.ts';
import { listPublications, PublishProgressBody, publishProgress } from '../../reports/publish.ts';
import { listPublicTexts } from '../../reports/public-texts.ts';
import { WithdrawPublicationBody, withdrawPublication } from '../../reports/withdraw-publication.ts';
import { contextOf } from '../auth-plugin.ts';
import { DateTime, errorResponses, Nullable, Uuid } from '../schemas.ts';

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
const ReviewedText = Type.Object({ code: Type.String(), field: Type.String({ description: 'note: the reason an actual was cancelled' }), sha256: Type.String() });
const Published = Type.Object({ ...Publication.properties, reviewedTexts: Type.Array(ReviewedText, { description: 'the departments’ free texts this publication carries, as reviewed' }) });
const PublicTexts = Type.Object({
  fiscalYear: Type.Integer(),
  texts: Type.Array(Type.Object({ ...ReviewedText.properties, name: Type.String(), goalNumber: Type.Integer(), measureLabel: Nullable(Type.String()), text: Type.String() })),
  reviewedTexts: Type.String({ description: 'send this with the publication to say you reviewed exactly these texts' }),
});
const Listed = Type.Object({
  ...Publication.properties,
  withdrawnAt: Nullable(DateTime),
  withdrawnByName: Nullable(Type.String()),
  withdrawalReason: Nullable(Type.String()),
});
const Withdrawal = Type.Object({
  planId: Uuid,
  fiscalYear: Type.Integer(),
  upToVersion: Type.Integer({ description: 'this version and every earlier one of the year are off the public page' }),
  withdrawnAt: DateTime,
  withdrawnByName: Type.String(),
  reason: Type.String(),
});

export const publicationRoutes =
  (deps: AppDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/plans/:planId/publications',
      { schema: { tags: ['reports'], summary: 'What has been published, newest first', params: Type.Object({ planId: Uuid }), response: { 200: Type.Object({ items: Type.Array(Listed) }), ...errorResponses } } },
      async (request) => ({ items: await listPublications(contextOf(deps, request), request.params.planId) }),
    );

    app.post(
      '/plans/:planId/publications',
      {
        schema: {
          tags: ['reports'],
          summary: 'Publish a fiscal year’s progress: the figures are frozen as they are now (strategy office)',
          params: Type.Object({ planId: Uuid }),
          description: 'When the year carries free text written by departments, send `reviewedTexts` from GET …/publications/{fiscalYear}/texts; a text changed since is a 409.',
          body: PublishProgressBody,
          response: { 201: Published, ...errorResponses },
        },
      },
      async (request, reply) => reply.status(201).send(await publishProgress({ ctx: contextOf(deps, request), input: { planId: request.params.planId, ...request.body } })),
    );

    app.get(
      '/plans/:planId/publications/:fiscalYear/texts',
      {
        schema: {
          tags: ['reports'],
          summary: 'The departments’ free texts a publication of the year would carry to citizens, to review before publishing (strategy office)',
          params: Type.Object({ planId: Uuid, fiscalYear: Type.Integer({ minimum: 2000, maximum: 2100 }) }),
          response: { 200: PublicTexts, ...errorResponses },
        },
      },
      async (request) => listPublicTexts({ ctx: contextOf(deps, request), input: request.params }),
    );

    app.post(
      '/plans/:planId/publications/:fiscalYear/withdrawal',
      {
        schema: {
          tags: ['reports'],
          summary: 'Withdraw a fiscal year from the public page and its open data, with the reason (strategy office); 409 when it changed meanwhile',
          params: Type.Object({ planId: Uuid, fiscalYear: Type.Integer({ minimum: 2000, maximum: 2100 }) }),
          body: WithdrawPublicationBody,
          response: { 200: Withdrawal, ...errorResponses },
        },
      },
      async (request) => withdrawPublication({ ctx: contextOf(deps, request), input: { ...request.params, ...request.body } }),
    );
  };
