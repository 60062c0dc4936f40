import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { listDecisions } from '../../decisions/list-decisions.ts';
import type { AppDeps } from '../../deps.ts';
import { DECISION_MARKERS } from '../../plans/markers.ts';
import { contextOf } from '../auth-plugin.ts';
import { Decision } from '../review-schemas.ts';
import { errorResponses, MAX_INT, Uuid } from '../schemas.ts';

export const decisionRoutes =
  (deps: AppDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/plans/:planId/decisions',
      {
        schema: {
          tags: ['reviews'],
          summary: 'The decision log: every revision, who decided it, when, before and after',
          params: Type.Object({ planId: Uuid }),
          querystring: Type.Object({
            marker: Type.Optional(Type.Enum(DECISION_MARKERS)),
            departmentId: Type.Optional(Uuid),
            fiscalYear: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
            order: Type.Optional(Type.Enum(['newest', 'oldest'] as const)),
            page: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_INT })),
            pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
          }),
          response: {
            200: Type.Object({ total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(), items: Type.Array(Decision) }),
            ...errorResponses,
          },
        },
      },
      async (request) => listDecisions(contextOf(deps, request), request.params.planId, request.query),
    );
  };
