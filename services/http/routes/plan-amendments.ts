/**
 * Amendments (改訂) of an adopted plan outside a review, for the strategy office: a KPI's or
 * numeric target's targets, its name and note, a project's departments, a measure's title and
 * summary. Each is one verb of services/plans/editor/ and one decision-log entry (who, when,
 * why, before → after); a draft is changed in the editor instead (409).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import type { AppDeps } from '../../deps.ts';
import { AmendKpiDefinitionBody, amendKpiDefinition } from '../../plans/editor/amend-kpi-definition.ts';
import { AmendKpiTargetsBody, amendKpiTargets } from '../../plans/editor/amend-kpi-targets.ts';
import { AmendMeasureBody, amendMeasure } from '../../plans/editor/amend-measure.ts';
import { AmendProjectDepartmentsBody, amendProjectDepartments } from '../../plans/editor/amend-project-departments.ts';
import { contextOf } from '../auth-plugin.ts';
import { errorResponses, Uuid } from '../schemas.ts';

const Amended = Type.Object({ decisionId: Type.Integer(), planId: Uuid });
const response = { 201: Amended, ...errorResponses };
const tags = ['plans'];

export const planAmendmentRoutes =
  (deps: AppDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.post(
      '/kpis/:kpiId/amendments/targets',
      { schema: { tags, summary: 'Amend the targets of an adopted plan’s KPI or numeric target (strategy office; a year left null keeps its target), logged in the decision log', params: Type.Object({ kpiId: Uuid }), body: AmendKpiTargetsBody, response } },
      async (request, reply) => reply.status(201).send(await amendKpiTargets({ ctx: contextOf(deps, request), input: { kpiId: request.params.kpiId, ...request.body } })),
    );
    app.post(
      '/kpis/:kpiId/amendments/definition',
      { schema: { tags, summary: 'Amend the name and note of an adopted plan’s KPI or numeric target (strategy office; unit, cumulative and direction change only by a review), logged in the decision log', params: Type.Object({ kpiId: Uuid }), body: AmendKpiDefinitionBody, response } },
      async (request, reply) => reply.status(201).send(await amendKpiDefinition({ ctx: contextOf(deps, request), input: { kpiId: request.params.kpiId, ...request.body } })),
    );
    app.post(
      '/projects/:projectId/amendments/departments',
      { schema: { tags, summary: 'Amend the departments of an adopted plan’s project, the lead first (strategy office), logged in the decision log', params: Type.Object({ projectId: Uuid }), body: AmendProjectDepartmentsBody, response } },
      async (request, reply) => reply.status(201).send(await amendProjectDepartments({ ctx: contextOf(deps, request), input: { projectId: request.params.projectId, ...request.body } })),
    );
    app.post(
      '/measures/:measureId/amendments',
      { schema: { tags, summary: 'Amend the title and summary of an adopted plan’s measure (strategy office), logged in the decision log', params: Type.Object({ measureId: Uuid }), body: AmendMeasureBody, response } },
      async (request, reply) => reply.status(201).send(await amendMeasure({ ctx: contextOf(deps, request), input: { measureId: request.params.measureId, ...request.body } })),
    );
  };
