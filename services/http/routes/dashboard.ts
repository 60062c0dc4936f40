import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import type { ChangeFeed } from '../../cache/changes.ts';
import type { AppDeps } from '../../deps.ts';
import { EFFECT_GRADES } from '../../orient/effect-grade.ts';
import { cachedPlanDashboard, DashboardCache } from '../../orient/dashboard-cache.ts';
import { ORIENT_STATUSES } from '../../orient/statuses.ts';
import { contextOf } from '../auth-plugin.ts';
import { sendPrepared } from '../prepared-response.ts';
import { KpiDefinition, KpiValue } from '../plan-schemas.ts';
import { errorResponses, Nullable, Uuid } from '../schemas.ts';

const Labels = { ja: Type.String(), en: Type.String() };
const Status = Type.Enum(ORIENT_STATUSES);
const ValueUsed = {
  fiscalYear: Type.Integer(),
  yearBasis: Type.Enum(['fiscal', 'calendar'] as const),
  value: Type.Number(),
  cumulative: Type.Boolean(),
  quality: Type.Enum(['provisional', 'final'] as const),
};
const Thresholds = Type.Object({ atRisk: Type.Number(), offTrack: Type.Number(), keepTolerance: Type.Number() });

const Assessment = Type.Object({
  fiscalYear: Type.Integer(),
  status: Status,
  label: Type.Object(Labels),
  reason: Type.Object(Labels, { description: 'why, in words, with the figures used' }),
  method: Nullable(Type.Enum(['trajectory', 'level', 'keep'] as const)),
  achievement: Nullable(Type.Number({ description: 'share of the final target reached' })),
  progress: Nullable(Type.Number({ description: 'progress against the value expected this year; compared with the thresholds' })),
  expected: Nullable(Type.Number({ description: 'the value expected this year' })),
  actual: Nullable(Type.Object({ ...ValueUsed, cancelledReason: Nullable(Type.String()), summedFromFiscalYear: Nullable(Type.Integer()) })),
  baseline: Nullable(Type.Object(ValueUsed)),
  target: Nullable(Type.Object(ValueUsed)),
  origin: Nullable(Type.Object({ fiscalYear: Type.Integer(), value: Type.Number() })),
  expectedPublication: Nullable(Type.String({ format: 'date', description: "from the year's end and the city's publication-lag setting" })),
  publicationLag: Nullable(Type.Object({ monthsAfterYearEnd: Type.Integer(), source: Nullable(Type.String()) }, { description: "the city's setting (not plan data): months after the year closes until the figure is published" })),
  decline: Nullable(Type.Object(Labels, { description: 'when the actual moved away from the target past its starting point: that fact in words, shown instead of a negative percentage' })),
  previouslyAchievedFiscalYear: Nullable(Type.Integer()),
  thresholds: Thresholds,
});

const Summary = Type.Object({
  total: Type.Integer(),
  counts: Type.Object(Object.fromEntries(ORIENT_STATUSES.map((s) => [s, Type.Integer()])) as Record<(typeof ORIENT_STATUSES)[number], Type.TInteger>),
  worstStatus: Nullable(Status),
  meanAchievement: Nullable(Type.Number()),
  noDataCount: Type.Integer(),
});

const KpiEntry = Type.Object({
  id: Uuid,
  code: Type.String(),
  ...KpiDefinition,
  values: Type.Array(KpiValue),
  assessment: Assessment,
  effectGrade: Nullable(Type.Object({ code: Type.Enum(EFFECT_GRADES), ...Labels })),
});

const Project = Type.Object({
  id: Uuid,
  code: Type.String(),
  name: Type.String(),
  status: Type.Enum(['active', 'ended'] as const),
  endedFiscalYear: Nullable(Type.Integer()),
  departments: Type.Array(Type.Object({ id: Uuid, code: Type.String(), name: Type.String(), nameEn: Nullable(Type.String()), lead: Type.Boolean() })),
  summary: Summary,
  kpis: Type.Array(KpiEntry),
});

const Dashboard = Type.Object({
  plan: Type.Object({
    id: Uuid,
    code: Type.String(),
    name: Type.String(),
    nameEn: Nullable(Type.String()),
    periodStartFiscalYear: Type.Integer(),
    periodEndFiscalYear: Type.Integer(),
  }),
  fiscalYear: Type.Integer(),
  fiscalYearLabel: Type.Object(Labels),
  asOf: Type.String({ format: 'date' }),
  thresholds: Thresholds,
  statuses: Type.Array(Type.Object({ code: Status, ...Labels, severity: Type.Integer() })),
  summary: Type.Object({ kpis: Summary, numericTargets: Summary, all: Summary }),
  goals: Type.Array(
    Type.Object({
      id: Uuid,
      number: Type.Integer(),
      title: Type.String(),
      summary: Summary,
      numericTargetSummary: Summary,
      numericTargets: Type.Array(Type.Object({ ...KpiEntry.properties, supporting: Type.Object({ kpiIds: Type.Array(Uuid), summary: Summary }) })),
      directions: Type.Array(
        Type.Object({
          id: Uuid,
          code: Type.String(),
          title: Type.String(),
          summary: Summary,
          measures: Type.Array(Type.Object({ id: Uuid, number: Type.Integer(), title: Type.String(), summary: Summary, projects: Type.Array(Project) })),
        }),
      ),
    }),
  ),
});

export const dashboardRoutes =
  (deps: AppDeps, changes: ChangeFeed): FastifyPluginAsyncTypebox =>
  async (app) => {
    const cache = new DashboardCache(changes);
    app.get(
      '/plans/:planId/dashboard',
      {
        schema: {
          tags: ['orient'],
          summary: 'The plan dashboard for a fiscal year: every KPI and numeric target with its status and reason, and the roll-ups',
          params: Type.Object({ planId: Uuid }),
          querystring: Type.Object({
            fiscalYear: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2200, description: 'default: the latest fiscal year with any actual' })),
            asOf: Type.Optional(Type.String({ format: 'date', description: 'the day of the assessment (YYYY-MM-DD); default: today in Tokyo' })),
          }),
          response: { 200: Dashboard, ...errorResponses },
        },
      },
      async (request, reply) => {
        const input = { planId: request.params.planId, ...request.query };
        const dashboard = await cachedPlanDashboard({ ctx: contextOf(deps, request), input, cache, serialize: (d) => reply.serialize(d) as string });
        return sendPrepared(request, reply, dashboard);
      },
    );
  };
