/** The plan dashboard (readable by all staff) and a KPI's trend, as a page or as an htmx fragment. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FragmentCache } from '../../cache/fragments.ts';
import type { AppDeps } from '../../deps.ts';
import { isoDateInTokyo } from '../../fiscal-year.ts';
import type { Locale } from '../../i18n/locale.ts';
import { planContentVersion } from '../../plans/content-version.ts';
import { notFound } from '../../errors.ts';
import { formatters } from '../../i18n/format.ts';
import { translator } from '../../i18n/translate.ts';
import { getPlanDashboard } from '../../orient/plan-dashboard.ts';
import { ORIENT_STATUSES } from '../../orient/statuses.ts';
import { getKpi, listPlans } from '../../plans/queries.ts';
import { getPopulationTracking } from '../../population/get-population-tracking.ts';
import { findKpi, filterDashboard, kpiTrend, measureTiles, type Dashboard, type DashboardFilter } from './dashboard-view.ts';
import { populationView } from './population.ts';
import { enumParam, intParam, queryString, uuidParam, type Query } from './query.ts';
import type { PageRenderer } from './render.ts';
import { pageContext, pageUser } from './request-context.ts';

type Params = { planId: string };

export const dashboardPages = (deps: AppDeps, render: PageRenderer, fragments: FragmentCache) => async (app: FastifyInstance) => {
  /** The plan's version, known to this process until a notice about the plan: another organization's plan is "not found". */
  async function planVersion(request: FastifyRequest<{ Params: Params }>) {
    const plan = await fragments.plans.get(request.params.planId, () => planContentVersion(deps.db, request.params.planId));
    if (!plan || plan.organizationId !== pageUser(request).organizationId) throw notFound('plan');
    return plan;
  }

  /** The dashboard, the same for every filter and language: read once per content version, year and day. */
  async function load(request: FastifyRequest<{ Params: Params }>, fiscalYear: number | undefined, version?: number) {
    const contentVersion = version ?? (await planVersion(request)).contentVersion;
    const key = `dashboard-data|${request.params.planId}|${contentVersion}|${fiscalYear ?? 'latest'}|${isoDateInTokyo(deps.clock.now())}`;
    return fragments.get(pageUser(request).organizationId, key, () => getPlanDashboard({ ctx: pageContext(deps, request), input: { planId: request.params.planId, fiscalYear } }));
  }

  app.get<{ Params: Params }>('/plans/:planId/dashboard', async (request, reply) => {
    const query = request.query as Query;
    const filter = { goal: intParam(query, 'goal', 1, 99), departmentId: uuidParam(query, 'department'), status: enumParam(query, 'status', ORIENT_STATUSES) };
    const fiscalYear = intParam(query, 'fiscalYear', 1900, 2200);
    const user = pageUser(request);
    const { planId } = request.params;
    const plan = await planVersion(request);
    const day = isoDateInTokyo(deps.clock.now());
    // What the body shows changes with the plan's content, the year, the day (statuses by date), the
    // role (its links: capabilities) and the filters; a notice about the plan drops it.
    const key = [planId, plan.contentVersion, fiscalYear ?? 'latest', day, user.role, filter.goal ?? '', filter.departmentId ?? '', filter.status ?? ''].join('|');
    return render.cachedPage(request, reply, 'partials/dashboard-body', { title: translator(request.locale)('dashboard.title'), active: 'dashboard' }, {
      organizationId: user.organizationId,
      key,
      load: async () => {
        const [dashboard, plans, tracking] = await Promise.all([
          load(request, fiscalYear, plan.contentVersion),
          listPlans(pageContext(deps, request)),
          getPopulationTracking({ ctx: pageContext(deps, request), input: { planId } }),
        ]);
        return dashboardBody(dashboard, plans, tracking, filter, request.locale);
      },
    });
  });

  app.get<{ Params: Params & { kpiId: string } }>('/plans/:planId/kpis/:kpiId', async (request, reply) => {
    const dashboard = await load(request, intParam(request.query as Query, 'fiscalYear', 1900, 2200));
    const kpi = findKpi(dashboard, request.params.kpiId);
    if (!kpi) throw notFound('KPI');
    const t = translator(request.locale);
    // A KPI continued from an earlier period: that period's values join the series.
    const { predecessors } = await getKpi(pageContext(deps, request), kpi.id);
    const trend = kpiTrend(kpi, dashboard.fiscalYear, request.locale, t, formatters(request.locale), { plan: dashboard.plan, earlier: predecessors });
    const data = { title: `${kpi.name} — ${t('dashboard.kpiPage')}`, active: 'dashboard' as const, kpi, trend, dashboard, predecessor: predecessors.at(-1) ?? null };
    // htmx asks for the chart alone to open it inside the dashboard; a browser without script gets the page.
    if (request.headers['hx-request']) return render.page(request, reply, 'partials/kpi-trend', data);
    return render.page(request, reply, 'kpi', data);
  });
};

/** What the dashboard's body shows: the tree narrowed by the filters, its tiles, the filters' choices, the population chart. */
function dashboardBody(dashboard: Dashboard, plans: Awaited<ReturnType<typeof listPlans>>, tracking: Awaited<ReturnType<typeof getPopulationTracking>>, filter: DashboardFilter, locale: Locale) {
  const departments = new Map<string, string>();
  for (const g of dashboard.goals) for (const d of g.directions) for (const m of d.measures) for (const p of m.projects) for (const dep of p.departments) departments.set(dep.id, dep.name);
  return {
    dashboard,
    // Every period's plan stays readable: the current one is the menu's, the others are linked here.
    plans,
    standing: plans.find((p) => p.id === dashboard.plan.id)?.standing ?? 'current',
    goals: filterDashboard(dashboard, filter),
    tiles: measureTiles(filterDashboard(dashboard, { ...filter, status: undefined })),
    filter,
    departments: [...departments].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'ja')),
    years: range(dashboard.plan.periodStartFiscalYear, dashboard.plan.periodEndFiscalYear),
    trendQuery: queryString({ fiscalYear: dashboard.fiscalYear }),
    population: populationView(tracking, locale, 'dashboard-population'),
  };
}

const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
