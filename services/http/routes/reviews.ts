import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import type { AppDeps } from '../../deps.ts';
import { AddActionItemBody, addActionItem, completeActionItem } from '../../reviews/action-items.ts';
import { AdvanceCycleBody, advanceCycle } from '../../reviews/advance-cycle.ts';
import { AssessProjectBody, assessProject } from '../../reviews/assess-project.ts';
import { getCycle, listCycles, listProposals } from '../../reviews/cycle-queries.ts';
import { DecideProposalBody, decideProposal } from '../../reviews/decide-proposal.ts';
import { ExplainKpiBody, explainKpi } from '../../reviews/explain-kpi.ts';
import { OpenCyclesBody, openCycles } from '../../reviews/open-cycles.ts';
import { ProposalBody } from '../../reviews/proposal-kinds.ts';
import { proposeRevision } from '../../reviews/propose-revision.ts';
import { contextOf } from '../auth-plugin.ts';
import { ActionItem, CycleDetail, CycleRecord, CycleSummary, EffectGrade, NextStep, Proposal } from '../review-schemas.ts';
import { errorResponses, Nullable, Uuid } from '../schemas.ts';

const CycleParams = Type.Object({ cycleId: Uuid });
const FiscalYear = Type.Integer({ minimum: 2000, maximum: 2100 });

export const reviewRoutes =
  (deps: AppDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    const ctx = (request: Parameters<typeof contextOf>[1]) => contextOf(deps, request);

    app.post(
      '/plans/:planId/review-cycles',
      {
        schema: {
          tags: ['reviews'],
          summary: 'Open the review cycles of a fiscal year (some measures or all); cycles that exist are left alone',
          params: Type.Object({ planId: Uuid }),
          body: OpenCyclesBody,
          response: {
            201: Type.Object({
              fiscalYear: Type.Integer(),
              dueDate: Type.String(),
              opened: Type.Array(Type.Object({ cycleId: Uuid, measureNumber: Type.Integer(), tasks: Type.Integer() })),
              alreadyOpen: Type.Integer(),
            }),
            ...errorResponses,
          },
        },
      },
      async (request, reply) => reply.status(201).send(await openCycles({ ctx: ctx(request), input: { planId: request.params.planId, ...request.body } })),
    );

    app.get(
      '/plans/:planId/review-cycles',
      {
        schema: {
          tags: ['reviews'],
          summary: 'The OODA board: every cycle of the plan (a department sees those it has tasks in)',
          params: Type.Object({ planId: Uuid }),
          querystring: Type.Object({ fiscalYear: Type.Optional(FiscalYear) }),
          response: { 200: Type.Object({ items: Type.Array(CycleSummary) }), ...errorResponses },
        },
      },
      async (request) => ({ items: await listCycles(ctx(request), request.params.planId, request.query.fiscalYear) }),
    );

    app.get(
      '/review-cycles/:cycleId',
      { schema: { tags: ['reviews'], summary: 'One cycle: tasks, KPI statuses, assessments, proposals, follow-ups, what blocks it', params: CycleParams, response: { 200: CycleDetail, ...errorResponses } } },
      async (request) => getCycle(ctx(request), request.params.cycleId),
    );

    app.post(
      '/review-cycles/:cycleId/advance',
      {
        schema: {
          tags: ['reviews'],
          summary: 'Move the cycle to its next phase (409 names the phase and what is missing)',
          params: CycleParams,
          body: AdvanceCycleBody,
          response: { 200: Type.Object({ cycle: CycleRecord, decisionIds: Type.Array(Type.Integer()) }), ...errorResponses },
        },
      },
      async (request) => advanceCycle({ ctx: ctx(request), input: { cycleId: request.params.cycleId, ...request.body } }),
    );

    app.put(
      '/review-cycles/:cycleId/kpis/:kpiId/explanation',
      {
        schema: {
          tags: ['reviews'],
          summary: 'Orient: the cause of an at-risk or off-track KPI and its improvement',
          params: Type.Object({ cycleId: Uuid, kpiId: Uuid }),
          body: ExplainKpiBody,
          response: { 200: Type.Object({ id: Uuid, kpiId: Uuid, cause: Type.String(), improvement: Type.String() }), ...errorResponses },
        },
      },
      async (request) => explainKpi({ ctx: ctx(request), input: { ...request.params, ...request.body } }),
    );

    app.put(
      '/review-cycles/:cycleId/projects/:projectId/assessment',
      {
        schema: {
          tags: ['reviews'],
          summary: 'Orient: the strategy office’s assessment of a project (effect grade and next step)',
          params: Type.Object({ cycleId: Uuid, projectId: Uuid }),
          body: AssessProjectBody,
          response: {
            200: Type.Object({ id: Uuid, projectId: Uuid, effectGrade: EffectGrade, suggestedGrade: Nullable(EffectGrade), nextStep: NextStep, comment: Nullable(Type.String()) }),
            ...errorResponses,
          },
        },
      },
      async (request) => assessProject({ ctx: ctx(request), input: { ...request.params, ...request.body } }),
    );

    app.post(
      '/review-cycles/:cycleId/proposals',
      {
        schema: {
          tags: ['reviews'],
          summary: 'Decide: propose a revision, typed like the document’s markers',
          params: CycleParams,
          body: ProposalBody,
          response: { 201: Proposal, ...errorResponses },
        },
      },
      async (request, reply) => reply.status(201).send(await proposeRevision({ ctx: ctx(request), input: { ...request.body, cycleId: request.params.cycleId } })),
    );

    app.get(
      '/proposals',
      {
        schema: {
          tags: ['reviews'],
          summary: 'Proposals, oldest first (the strategy office sees all; a department its own)',
          querystring: Type.Object({ planId: Type.Optional(Uuid), status: Type.Optional(Type.Array(Type.Enum(['pending', 'approved', 'rejected', 'withdrawn'] as const))) }),
          response: { 200: Type.Object({ items: Type.Array(Proposal) }), ...errorResponses },
        },
      },
      async (request) => ({ items: await listProposals(ctx(request), request.query) }),
    );

    for (const decision of ['approve', 'reject'] as const) {
      app.post(
        `/proposals/:proposalId/${decision}`,
        {
          schema: {
            tags: ['reviews'],
            summary: decision === 'approve' ? 'Approve a proposal (applied when the cycle enters Act)' : 'Reject a proposal, with the reason',
            params: Type.Object({ proposalId: Uuid }),
            body: DecideProposalBody,
            response: { 200: Proposal, ...errorResponses },
          },
        },
        async (request) => decideProposal({ ctx: ctx(request), input: { proposalId: request.params.proposalId, decision, ...request.body } }),
      );
    }

    app.post(
      '/review-cycles/:cycleId/action-items',
      {
        schema: {
          tags: ['reviews'],
          summary: 'Act: a follow-up for a department',
          params: CycleParams,
          body: AddActionItemBody,
          response: { 201: ActionItem, ...errorResponses },
        },
      },
      async (request, reply) => reply.status(201).send(await addActionItem({ ctx: ctx(request), input: { cycleId: request.params.cycleId, ...request.body } })),
    );

    app.post(
      '/action-items/:actionItemId/done',
      { schema: { tags: ['reviews'], summary: 'Mark a follow-up of your department done', params: Type.Object({ actionItemId: Uuid }), response: { 200: ActionItem, ...errorResponses } } },
      async (request) => completeActionItem({ ctx: ctx(request), input: request.params }),
    );
  };
