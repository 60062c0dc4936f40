/** The season at a glance, the bulk review verbs and the name search, as JSON. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import type { AppDeps } from '../../deps.ts';
import { SEARCH_KINDS, searchByName, SearchQuery } from '../../plans/search.ts';
import { acceptSubmissions, BulkAcceptBody, BulkDecideBody, decideProposals } from '../../reviews/bulk-review.ts';
import { getSeason, SEASON_SORTS, SeasonQuery } from '../../reviews/season.ts';
import { contextOf } from '../auth-plugin.ts';
import { Phase } from '../review-schemas.ts';
import { errorResponses, Nullable, Uuid } from '../schemas.ts';

const Counts = Type.Object(Object.fromEntries(['total', 'open', 'submitted', 'returned', 'accepted', 'waived', 'overdue', 'explanationsMissing', 'assessmentsMissing', 'proposalsPending'].map((k) => [k, Type.Integer()])));
const Season = Type.Object({
  plan: Type.Object({ id: Uuid, name: Type.String() }),
  fiscalYear: Type.Integer(),
  years: Type.Array(Type.Integer()),
  filter: Type.Object({ phase: Nullable(Phase), departmentId: Nullable(Uuid), overdue: Type.Boolean(), sort: Type.Enum(SEASON_SORTS) }),
  departmentChoices: Type.Array(Type.Object({ id: Uuid, name: Type.String() })),
  measures: Type.Array(
    Type.Object({
      measure: Type.Object({ id: Uuid, number: Type.Integer(), title: Type.String() }),
      cycle: Nullable(Type.Object({ id: Uuid, phase: Phase, dueDate: Type.String() })),
      counts: Counts,
    }),
  ),
  departments: Type.Array(Type.Object({ department: Type.Object({ id: Uuid, name: Type.String(), code: Type.String() }), counts: Counts })),
  totals: Counts,
});
const BulkResult = Type.Object({
  items: Type.Array(Type.Object({ id: Uuid, outcome: Type.Enum(['done', 'conflict', 'forbidden', 'not_found', 'bad_request']), message: Nullable(Type.String()) })),
});

export const seasonRoutes =
  (deps: AppDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    const ctx = (request: Parameters<typeof contextOf>[1]) => contextOf(deps, request);

    app.get(
      '/plans/:planId/season',
      {
        schema: {
          tags: ['reviews'],
          summary: 'The season at a glance: per measure and per department, tasks by status, overdue, what is missing, proposals pending (strategy office)',
          params: Type.Object({ planId: Uuid }),
          querystring: SeasonQuery,
          response: { 200: Season, ...errorResponses },
        },
      },
      async (request) => getSeason({ ctx: ctx(request), input: { planId: request.params.planId, ...request.query } }),
    );

    app.post(
      '/tasks/bulk-accept',
      {
        schema: {
          tags: ['tasks'],
          summary: 'Accept several submissions (at most 100), each on its own: the response gives every item its outcome',
          body: BulkAcceptBody,
          response: { 200: BulkResult, ...errorResponses },
        },
      },
      async (request) => acceptSubmissions({ ctx: ctx(request), input: request.body }),
    );

    app.post(
      '/proposals/bulk-decide',
      {
        schema: {
          tags: ['reviews'],
          summary: 'Approve or reject several proposals (at most 100), each on its own: the response gives every item its outcome',
          body: BulkDecideBody,
          response: { 200: BulkResult, ...errorResponses },
        },
      },
      async (request) => decideProposals({ ctx: ctx(request), input: request.body }),
    );

    app.get(
      '/search',
      {
        schema: {
          tags: ['plans'],
          summary: 'Measures, projects, KPIs and departments whose name contains the words (a page of 20)',
          querystring: SearchQuery,
          response: {
            200: Type.Object({
              q: Type.String(),
              page: Type.Integer(),
              pageSize: Type.Integer(),
              total: Type.Integer(),
              items: Type.Array(Type.Object({ kind: Type.Enum(SEARCH_KINDS), id: Uuid, name: Type.String(), planId: Nullable(Uuid), measureId: Nullable(Uuid), measureNumber: Nullable(Type.Integer()) })),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => searchByName({ ctx: ctx(request), input: request.query }),
    );
  };
