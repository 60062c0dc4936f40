import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import type { AppDeps } from '../../deps.ts';
import { getKpi } from '../../plans/queries.ts';
import { contextOf } from '../auth-plugin.ts';
import { KpiDefinition, KpiValue, Revision } from '../plan-schemas.ts';
import { DateTime, errorResponses, Nullable, Uuid } from '../schemas.ts';

const KpiHistory = Type.Object({
  id: Uuid,
  planId: Uuid,
  code: Type.String(),
  ...KpiDefinition,
  version: Type.Integer(),
  owner: Type.Object({
    type: Type.Enum(['project', 'goal'] as const),
    id: Type.Optional(Uuid),
    code: Type.Optional(Type.String()),
    name: Type.Optional(Type.String()),
    measureNumber: Type.Optional(Nullable(Type.Integer())),
    goalNumber: Type.Optional(Nullable(Type.Integer())),
  }),
  versions: Type.Array(
    Type.Object({
      version: Type.Integer(),
      ...KpiDefinition,
      provenance: Type.String(),
      effectiveFiscalYear: Nullable(Type.Integer()),
      decisionId: Nullable(Type.Integer()),
      recordedAt: DateTime,
    }),
  ),
  values: Type.Array(Type.Object({ ...KpiValue.properties, inForce: Type.Boolean(), recordedBy: Nullable(Uuid) })),
  revisions: Type.Array(Revision),
  predecessorKpiId: Nullable(Uuid),
  /** The KPIs this one continues from earlier periods, oldest first, with their values. */
  predecessors: Type.Array(
    Type.Object({
      kpiId: Uuid,
      name: Type.String(),
      unit: Type.String(),
      plan: Type.Object({ id: Uuid, name: Type.String(), nameEn: Nullable(Type.String()), periodStartFiscalYear: Type.Integer(), periodEndFiscalYear: Type.Integer() }),
      values: Type.Array(Type.Object({ ...KpiValue.properties, inForce: Type.Boolean() })),
    }),
  ),
});

export const kpiRoutes =
  (deps: AppDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/kpis/:kpiId',
      {
        schema: {
          tags: ['plans'],
          summary: 'One KPI with its history: definition versions, every value recorded, revisions',
          params: Type.Object({ kpiId: Uuid }),
          response: { 200: KpiHistory, ...errorResponses },
        },
      },
      async (request) => getKpi(contextOf(deps, request), request.params.kpiId),
    );
  };
