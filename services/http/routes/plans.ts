import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import type { AppDeps } from '../../deps.ts';
import { exportPlan } from '../../plans/export-plan.ts';
import { loadPlanTree } from '../../plans/load-plan-tree.ts';
import { PlanFile } from '../../plans/plan-file.ts';
import { getPlan, listPlanDepartments, listPlans } from '../../plans/queries.ts';
import { PlanSummary, PlanTree } from '../plan-schemas.ts';
import { errorResponses, Uuid } from '../schemas.ts';
import { Department } from './organizations.ts';

const PlanParams = Type.Object({ planId: Uuid });

export const planRoutes =
  (deps: AppDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/plans',
      {
        schema: {
          tags: ['plans'],
          summary: 'Plans (strategy periods), oldest first',
          querystring: Type.Object({ organizationId: Type.Optional(Uuid) }),
          response: { 200: Type.Object({ items: Type.Array(PlanSummary) }), ...errorResponses },
        },
      },
      async (request) => ({ items: await listPlans(deps.db, request.query.organizationId) }),
    );

    app.get(
      '/plans/:planId',
      {
        schema: {
          tags: ['plans'],
          summary: 'One plan with its size',
          params: PlanParams,
          response: {
            200: Type.Object({
              ...PlanSummary.properties,
              counts: Type.Object({ measures: Type.Integer(), projects: Type.Integer(), kpis: Type.Integer() }),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => getPlan(deps.db, request.params.planId),
    );

    app.get(
      '/plans/:planId/tree',
      {
        schema: {
          tags: ['plans'],
          summary: 'The plan tree: goals → directions → measures → projects → KPIs with the values in force',
          params: PlanParams,
          response: { 200: PlanTree, ...errorResponses },
        },
      },
      async (request) => loadPlanTree(deps.db, request.params.planId),
    );

    app.get(
      '/plans/:planId/export',
      {
        schema: {
          tags: ['plans'],
          summary: 'The plan as a plan file (format cityplan/strategy-plan v1); importing it reproduces the plan',
          params: PlanParams,
          response: { 200: PlanFile, ...errorResponses },
        },
      },
      async (request) => exportPlan(deps.db, request.params.planId),
    );

    app.get(
      '/plans/:planId/departments',
      {
        schema: {
          tags: ['plans'],
          summary: 'Departments of the plan with the projects each runs',
          params: PlanParams,
          response: {
            200: Type.Object({
              items: Type.Array(
                Type.Object({
                  ...Department.properties,
                  projects: Type.Array(
                    Type.Object({ id: Uuid, code: Type.String(), name: Type.String(), status: Type.String(), lead: Type.Boolean() }),
                  ),
                }),
              ),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => ({ items: await listPlanDepartments(deps.db, request.params.planId) }),
    );
  };

