/**
 * The dashboard as the page shows it: the plan tree narrowed by the filters, the measures at a
 * glance, and a KPI's trend (baseline, actuals, targets, expected trajectory) as an SVG with the
 * same figures as a table.
 */
import type { Locale } from '../../i18n/locale.ts';
import type { Formatters } from '../../i18n/format.ts';
import type { Translate } from '../../i18n/translate.ts';
import type { getPlanDashboard } from '../../orient/plan-dashboard.ts';
import { ORIENT_STATUSES, STATUS_COLORS, type OrientStatus } from '../../orient/statuses.ts';
import { statusBar, trendChart, type Point } from './charts.ts';

export type Dashboard = Awaited<ReturnType<typeof getPlanDashboard>>;
type Goal = Dashboard['goals'][number];
export type KpiEntry = Goal['numericTargets'][number] | Goal['directions'][number]['measures'][number]['projects'][number]['kpis'][number];

export interface DashboardFilter {
  goal?: number;
  departmentId?: string;
  status?: OrientStatus;
}

export function filterDashboard(dashboard: Dashboard, filter: DashboardFilter): Goal[] {
  const kpiOk = (k: KpiEntry) => !filter.status || k.assessment.status === filter.status;
  return dashboard.goals
    .filter((g) => !filter.goal || g.number === filter.goal)
    .map((g) => ({
      ...g,
      // Numeric targets belong to the goal, not to a department.
      numericTargets: filter.departmentId ? [] : g.numericTargets.filter(kpiOk),
      directions: g.directions
        .map((d) => ({
          ...d,
          measures: d.measures
            .map((m) => ({
              ...m,
              projects: m.projects
                .filter((p) => !filter.departmentId || p.departments.some((dep) => dep.id === filter.departmentId))
                .map((p) => ({ ...p, kpis: p.kpis.filter(kpiOk) }))
                .filter((p) => p.kpis.length > 0 || !filter.status),
            }))
            .filter((m) => m.projects.length > 0),
        }))
        .filter((d) => d.measures.length > 0),
    }))
    .filter((g) => g.directions.length > 0 || g.numericTargets.length > 0);
}

/** Every measure of the (filtered) tree with its summary and a bar of its status counts. */
export function measureTiles(goals: Goal[]) {
  return goals.flatMap((g) =>
    g.directions.flatMap((d) =>
      d.measures.map((m) => ({
        id: m.id,
        number: m.number,
        title: m.title,
        summary: m.summary,
        bar: statusBar(ORIENT_STATUSES.map((s) => ({ status: s, count: m.summary.counts[s], color: STATUS_COLORS[s] }))),
      })),
    ),
  );
}

/** R6 / H30 in Japanese, 2024 in English: short enough for the chart's axis. */
export function shortYear(fiscalYear: number, lang: Locale): string {
  if (lang === 'en') return String(fiscalYear);
  return fiscalYear >= 2019 ? `R${fiscalYear - 2018}` : `H${fiscalYear - 1988}`;
}

/** A plan as the chart names it: 「第2期」 when its name says so, else its whole name (nothing made up). */
export function shortPlanName(plan: { name: string; nameEn: string | null }, lang: Locale): string {
  if (lang === 'en' && plan.nameEn) return /\b\d+(st|nd|rd|th) Period\b/i.exec(plan.nameEn)?.[0] ?? plan.nameEn;
  return /第[0-9０-９一二三四五六七八九十]+期/.exec(plan.name)?.[0] ?? plan.name;
}

type ValueLike = { kind: string; fiscalYear: number; value: number; quality: string; cancelledReason: string | null };
type PlanLike = { name: string; nameEn: string | null; periodStartFiscalYear: number; periodEndFiscalYear: number };
/** A continued KPI's earlier periods (getKpiHistory's predecessors), oldest first. */
export type EarlierPeriod = { plan: PlanLike; values: ValueLike[] };

/** One actual per year: the final figure when there is one, else the provisional one. */
function actualsOf(values: ValueLike[]) {
  const byYear = new Map<number, ValueLike>();
  for (const v of values) if (v.kind === 'actual' && (!byYear.has(v.fiscalYear) || v.quality === 'final')) byYear.set(v.fiscalYear, v);
  return [...byYear.values()].map((v) => ({ fiscalYear: v.fiscalYear, value: v.value, cancelled: Boolean(v.cancelledReason) }));
}

export function kpiTrend(kpi: KpiEntry, fiscalYear: number, lang: Locale, t: Translate, f: Formatters, periods: { plan: PlanLike; earlier: EarlierPeriod[] } = { plan: { name: '', nameEn: null, periodStartFiscalYear: 0, periodEndFiscalYear: 0 }, earlier: [] }) {
  const byYear = (a: Point, b: Point) => a.fiscalYear - b.fiscalYear;
  const of = (kind: string) => kpi.values.filter((v) => v.kind === kind);
  // A continued KPI: the earlier periods' actuals, each up to the next period's start, then this one's, as one series.
  const chain = [...periods.earlier, { plan: periods.plan, values: [] as ValueLike[] }];
  const earlierActuals = periods.earlier.flatMap((e, i) => actualsOf(e.values).filter((a) => a.fiscalYear < chain[i + 1]!.plan.periodStartFiscalYear).map((a) => ({ ...a, period: shortPlanName(e.plan, lang) })));
  const ownActuals = actualsOf(kpi.values);
  const actuals = [...earlierActuals, ...ownActuals].map(({ fiscalYear: y, value, cancelled }) => ({ fiscalYear: y, value, cancelled })).sort(byYear);
  const breaks = periods.earlier.map((e, i) => {
    const next = chain[i + 1]!.plan;
    return { fiscalYear: next.periodStartFiscalYear, label: t('chart.periodBreak', { from: shortPlanName(e.plan, lang), to: shortPlanName(next, lang) }) };
  });
  // A row's period is the plan it comes from: this plan's baseline may lie in the earlier period's years.
  const own = periods.earlier.length ? shortPlanName(periods.plan, lang) : '';
  const targets = of('target').map((v) => ({ fiscalYear: v.fiscalYear, value: v.value })).sort(byYear);
  const base = kpi.assessment.baseline ?? of('baseline').at(-1) ?? null;
  const baseline = base ? { fiscalYear: base.fiscalYear, value: base.value } : null;
  const origin = kpi.assessment.origin;
  const expected = origin ? [origin, ...targets.filter((p) => p.fiscalYear > origin.fiscalYear)] : [];

  const rows = [
    ...(baseline ? [{ fiscalYear: baseline.fiscalYear, kind: t('chart.baseline'), value: f.value(baseline.value, kpi.unit), period: own }] : []),
    ...earlierActuals.map((a) => ({ fiscalYear: a.fiscalYear, kind: t('chart.actual'), value: a.cancelled ? f.status('cancelled') : f.value(a.value, kpi.unit), period: a.period })),
    ...ownActuals.map((a) => ({ fiscalYear: a.fiscalYear, kind: t('chart.actual'), value: a.cancelled ? f.status('cancelled') : f.value(a.value, kpi.unit), period: own })),
    ...targets.map((p) => ({ fiscalYear: p.fiscalYear, kind: t('chart.target'), value: f.value(p.value, kpi.unit), period: own })),
  ]
    .sort((a, b) => a.fiscalYear - b.fiscalYear)
    .map((r) => ({ ...r, year: f.fy(r.fiscalYear) }));
  const breakWords = breaks.map((b) => t('chart.periodBreakDesc', { year: f.fy(b.fiscalYear), to: b.label })).join('');
  const description = t('chart.desc', { name: kpi.name, points: rows.map((r) => `${r.year} ${r.kind} ${r.value}`).join('、') }) + breakWords;
  const svg = trendChart({
    id: `chart-${kpi.id}`,
    name: kpi.name,
    baseline,
    actuals,
    targets,
    expected,
    currentFiscalYear: fiscalYear,
    breaks,
    labels: { baseline: t('chart.baseline'), actual: t('chart.actual'), target: t('chart.target'), expected: t('chart.expected'), noData: t('chart.noData') },
    formatValue: (v) => f.value(v, kpi.unit),
    formatYear: (fy) => shortYear(fy, lang),
    description,
  });
  return { svg, rows, breaks };
}

/** A KPI or numeric target of the plan, wherever it sits in the tree. */
export function findKpi(dashboard: Dashboard, kpiId: string): KpiEntry | undefined {
  for (const g of dashboard.goals) {
    const target = g.numericTargets.find((k) => k.id === kpiId);
    if (target) return target;
    for (const d of g.directions) for (const m of d.measures) for (const p of m.projects) {
      const kpi = p.kpis.find((k) => k.id === kpiId);
      if (kpi) return kpi;
    }
  }
  return undefined;
}
