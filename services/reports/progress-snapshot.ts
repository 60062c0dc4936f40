/**
 * What citizens see of a fiscal year's progress: per goal and measure, each numeric target and
 * KPI with its baseline, the year's actual and the target as printed, how far it has come, and
 * its status in plain words. Stored as it is when published (publications.snapshot), so this
 * shape is a format: change it only by adding fields, or raise the version.
 */
import { formatters } from '../i18n/format.ts';
import type { OrientStatus } from '../orient/statuses.ts';
import type { OrientSummary } from '../orient/summarize.ts';
import { achievementPercent, achievementText, printedText, yearText, type ReportValue } from './figures.ts';
import type { PopulationTracking } from '../population/get-population-tracking.ts';
import type { KpiReport, KpiReportRow } from './kpi-report.ts';
import { PLAIN_STATUS_TEXT } from './labels.ts';

const ja = formatters('ja');

export const SNAPSHOT_FORMAT = 'cityplan/public-progress';
export const SNAPSHOT_VERSION = 1;

export interface PublicFigure {
  fiscalYear: number;
  yearLabel: string;
  value: number;
  cumulative: boolean;
  /** As printed: 「累計 7人」. */
  text: string;
}

export interface PublicKpi {
  kind: 'numeric_target' | 'kpi';
  code: string;
  name: string;
  unit: string;
  cumulative: boolean;
  projectName: string | null;
  departments: string[];
  baseline: PublicFigure | null;
  actual: PublicFigure | null;
  target: PublicFigure | null;
  /** Share of the way to the target, as a percentage cut to one decimal; null below zero (see achievementText). */
  achievementPercent: number | null;
  /** What a person reads: 「56.2%」, or below zero the decline in words (「基準値から減少」), or 「−」. */
  achievementText: string;
  status: OrientStatus;
  statusLabel: string;
  statusText: string;
  note: string | null;
}

export interface ProgressSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  formatVersion: typeof SNAPSHOT_VERSION;
  organization: { name: string };
  plan: { id: string; code: string; name: string; periodStartFiscalYear: number; periodEndFiscalYear: number };
  fiscalYear: number;
  fiscalYearLabel: string;
  /** The day the statuses were judged (`YYYY-MM-DD`). */
  assessedOn: string;
  summary: Counts;
  goals: {
    number: number;
    title: string;
    summary: Counts;
    numericTargets: PublicKpi[];
    measures: { number: number; label: string; title: string; summary: Counts; kpis: PublicKpi[] }[];
  }[];
  /** The observed population against the population vision, as it stood when published; absent before any year was observed. */
  population?: PopulationTracking;
}

type Counts = Pick<OrientSummary, 'total' | 'counts'>;

export function progressSnapshot(report: KpiReport): ProgressSnapshot {
  const yearIndex = report.years.indexOf(report.fiscalYear);
  const figure = (v: ReportValue | null, unit: string): PublicFigure | null =>
    v && { fiscalYear: v.fiscalYear, yearLabel: yearText(v), value: v.value, cumulative: v.cumulative, text: printedText(v, unit) };
  const kpi = (r: KpiReportRow): PublicKpi => {
    const actual = yearIndex >= 0 ? r.actuals[yearIndex] ?? null : null;
    return {
      kind: r.kind,
      code: r.code,
      name: r.name,
      unit: r.unit,
      cumulative: r.cumulative,
      projectName: r.projectName,
      departments: r.departments,
      baseline: figure(r.baseline, r.unit),
      actual: figure(actual, r.unit),
      target: figure(r.target, r.unit),
      achievementPercent: achievementPercent(r.achievement),
      achievementText: achievementText(r.achievement, r.decline),
      status: r.status,
      statusLabel: r.statusLabel,
      statusText: PLAIN_STATUS_TEXT[r.status],
      note: actual?.cancelledReason ?? null,
    };
  };
  const counts = (s: OrientSummary): Counts => ({ total: s.total, counts: s.counts });
  return {
    format: SNAPSHOT_FORMAT,
    formatVersion: SNAPSHOT_VERSION,
    organization: { name: report.organization.name },
    plan: { id: report.plan.id, code: report.plan.code, name: report.plan.name, periodStartFiscalYear: report.plan.periodStartFiscalYear, periodEndFiscalYear: report.plan.periodEndFiscalYear },
    fiscalYear: report.fiscalYear,
    fiscalYearLabel: report.fiscalYearLabel,
    assessedOn: report.asOf,
    summary: counts(report.summary),
    goals: report.goals.map((g) => {
      const kpiRows = g.rows.filter((r) => r.kind === 'kpi');
      const measureNumbers = [...new Set(kpiRows.map((r) => r.measureNumber!))];
      return {
        number: g.number,
        title: g.title,
        summary: counts(g.summary),
        numericTargets: g.rows.filter((r) => r.kind === 'numeric_target').map(kpi),
        measures: measureNumbers.map((n) => {
          const rows = kpiRows.filter((r) => r.measureNumber === n);
          const statusCounts = Object.fromEntries(Object.keys(g.summary.counts).map((s) => [s, rows.filter((r) => r.status === s).length])) as Counts['counts'];
          return { number: n, label: ja.measure(n), title: rows[0]!.measureTitle!, summary: { total: rows.length, counts: statusCounts }, kpis: rows.map(kpi) };
        }),
      };
    }),
  };
}
