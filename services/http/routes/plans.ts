import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import type { AppDeps } from '../../deps.ts';
import { createNextPlan, CreateNextPlanBody } from '../../plans/create-next-plan.ts';
import { PlanFile } from '../../plans/plan-file.ts';
import { getPlan, getPlanExport, getPlanTree, listPlanDepartments, listPlans } from '../../plans/queries.ts';
import { contextOf } from '../auth-plugin.ts';
import { ListedPlan, PlanTree } from '../plan-schemas.ts';
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
          summary: 'Plans (strategy periods) of your organization, oldest first',
                    response: { 200: Type.Object({ items: Type.Array(ListedPlan) }), ...errorResponses },
        },
      },
      async (request) => ({ items: await listPlans(contextOf(deps, request)) }),
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
              ...ListedPlan.properties,
              counts: Type.Object({ measures: Type.Integer(), projects: Type.Integer(), kpis: Type.Integer() }),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => getPlan(contextOf(deps, request), request.params.planId),
    );

    app.get(
      '/plans/:planId/tree',
      {
        schema: {
          tags: ['plans'],
          summary: 'The plan tree: goals → directions → measures → projects → KPIs with the values in force (now, or as of a moment)',
          params: PlanParams,
          querystring: Type.Object({ asOf: Type.Optional(Type.String({ format: 'date-time', description: 'reconstruct the plan as it stood then' })) }),
          response: { 200: PlanTree, ...errorResponses },
        },
      },
      async (request) => getPlanTree(contextOf(deps, request), request.params.planId, request.query.asOf ? new Date(request.query.asOf) : undefined),
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
      async (request) => getPlanExport(contextOf(deps, request), request.params.planId),
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
      async (request) => ({ items: await listPlanDepartments(contextOf(deps, request), request.params.planId) }),
    );

    app.post(
      '/plans/:planId/next-plan',
      {
        schema: {
          tags: ['plans'],
          summary: 'Start the next period from this plan: per measure, project and KPI continue, end or leave out (strategy office). The next plan is a draft, finished and adopted in the plan editor; continued items name their predecessors',
          params: PlanParams,
          body: CreateNextPlanBody,
          response: {
            201: Type.Object({
              planId: Uuid,
              continued: Type.Object({ measures: Type.Integer(), projects: Type.Integer(), kpis: Type.Integer() }),
              ended: Type.Integer(),
            }),
            ...errorResponses,
          },
        },
      },
      async (request, reply) => reply.status(201).send(await createNextPlan({ ctx: contextOf(deps, request), input: { ...request.body, planId: request.params.planId } })),
    );
  };
