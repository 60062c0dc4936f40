/** The strategy council's opinions, the city's responses, and the decisions they led to. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import type { AppDeps } from '../../deps.ts';
import { listCouncilOpinions } from '../../reports/list-council-opinions.ts';
import { RecordCouncilOpinionBody, recordCouncilOpinion } from '../../reports/record-council-opinion.ts';
import { RespondToCouncilOpinionBody, respondToCouncilOpinion } from '../../reports/respond-to-council-opinion.ts';
import { DECISION_MARKERS } from '../../plans/markers.ts';
import { contextOf } from '../auth-plugin.ts';
import { DateTime, errorResponses, Nullable, Uuid } from '../schemas.ts';

const FiscalYear = Type.Integer({ minimum: 2000, maximum: 2100 });
const OpinionRecord = Type.Object({
  id: Uuid,
  planId: Uuid,
  fiscalYear: Type.Integer(),
  measureId: Nullable(Uuid),
  meetingDate: Nullable(Type.String()),
  opinion: Type.String(),
  recordedAt: DateTime,
  response: Nullable(Type.String()),
  respondedAt: Nullable(DateTime),
  version: Type.Integer(),
});
const Opinion = Type.Object({
  ...OpinionRecord.properties,
  measureNumber: Nullable(Type.Integer()),
  measureTitle: Nullable(Type.String()),
  recordedByName: Type.String(),
  respondedByName: Nullable(Type.String()),
  awaitingResponse: Type.Boolean(),
  decisions: Type.Array(
    Type.Object({
      id: Type.Integer(),
      fiscalYear: Type.Integer(),
      marker: Type.Enum(DECISION_MARKERS),
      markerLabel: Type.String(),
      subjectCode: Type.String(),
      subjectName: Nullable(Type.String()),
      rationale: Nullable(Type.String()),
      decidedAt: Nullable(DateTime),
    }),
  ),
});

export const councilOpinionRoutes =
  (deps: AppDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    const ctx = (request: Parameters<typeof contextOf>[1]) => contextOf(deps, request);

    app.get(
      '/plans/:planId/council-opinions',
      {
        schema: {
          tags: ['reports'],
          summary: 'The strategy council’s opinions, with the city’s responses and the decisions they led to',
          params: Type.Object({ planId: Uuid }),
          querystring: Type.Object({ fiscalYear: Type.Optional(FiscalYear) }),
          response: { 200: Type.Object({ items: Type.Array(Opinion) }), ...errorResponses },
        },
      },
      async (request) => ({ items: await listCouncilOpinions(ctx(request), request.params.planId, request.query) }),
    );

    app.post(
      '/plans/:planId/council-opinions',
      {
        schema: {
          tags: ['reports'],
          summary: 'Record an opinion of the strategy council (strategy office)',
          params: Type.Object({ planId: Uuid }),
          body: RecordCouncilOpinionBody,
          response: { 201: OpinionRecord, ...errorResponses },
        },
      },
      async (request, reply) => reply.status(201).send(await recordCouncilOpinion({ ctx: ctx(request), input: { planId: request.params.planId, ...request.body } })),
    );

    app.put(
      '/council-opinions/:opinionId/response',
      {
        schema: {
          tags: ['reports'],
          summary: 'The city’s response to an opinion and the decisions it led to (strategy office)',
          params: Type.Object({ opinionId: Uuid }),
          body: RespondToCouncilOpinionBody,
          response: { 200: Type.Object({ ...OpinionRecord.properties, decisionIds: Type.Array(Type.Integer()) }), ...errorResponses },
        },
      },
      async (request) => respondToCouncilOpinion({ ctx: ctx(request), input: { opinionId: request.params.opinionId, ...request.body } }),
    );
  };
