/**
 * The revised strategy as of a date: the plan as it then stood, each measure, project and
 * numeric target with the revision markers of the revision year taken from the decision log
 * (the document's own decisions and those of reviews alike), the changed KPIs and targets
 * underlined as the city prints them, and the summary of revisions by kind.
 */
import { and, eq, max } from 'drizzle-orm';
import { decidedBy } from '../decisions/decided-by.ts';
import { asRevisions, revisionsOnly } from '../decisions/revisions.ts';
import { decisionLog } from '../../db/schema/index.ts';
import type { ServiceContext } from '../context.ts';
import { badRequest, problemAt } from '../errors.ts';
import { formatDateJa, fiscalYearLabel } from '../fiscal-year.ts';
import { formatters } from '../i18n/format.ts';
import { findPlan } from '../plans/queries.ts';
import { loadPlanTree, type DecisionRow, type KpiNode, type ProjectNode } from '../plans/load-plan-tree.ts';
import { MARKER_LABELS, REVISION_MARKERS } from '../plans/markers.ts';
import { parseAsOf } from './dates.ts';
import { documentSummaryOf } from './document-summaries.ts';
import { pickValue, printedText, yearText, type ReportValue } from './figures.ts';
import { MARKER_KIND_TEXT } from './labels.ts';
import { renderReport } from './render.ts';

const ja = formatters('ja');

export interface KpiLine {
  code: string;
  name: string;
  baseline: string;
  actual: string;
  target: string;
  /** Added or changed by a decision of the revision year: printed underlined. */
  underline: { name: boolean; baseline: boolean; target: boolean };
  markers: string[];
  note: string | null;
}

export interface KpiTable {
  headers: { baseline: string; actual: string; target: string };
  rows: KpiLine[];
}

const DEFINITION_KEYS = ['name', 'unit', 'cumulative', 'direction', 'note'];

export interface RevisedStrategyInput {
  planId: string;
  /** `YYYY-MM-DD` (the end of that day in Tokyo) or a date-time; default now. */
  asOf?: string;
  /** The revision whose markers are shown; default the latest decided by `asOf`. */
  fiscalYear?: number;
}

export async function getRevisedStrategy({ ctx, input }: { ctx: ServiceContext; input: RevisedStrategyInput }) {
  const plan = await findPlan(ctx, input.planId);
  const asOf = input.asOf === undefined ? ctx.clock.now() : parseAsOf(input.asOf);
  if (!asOf) throw badRequest('bad asOf', [problemAt('querystring.asOf', { key: 'problems.dateOrDateTime' })]);
  const tree = await loadPlanTree(ctx.db, plan.id, { asOf });
  const [latest] = await ctx.db.select({ year: max(decisionLog.fiscalYear) }).from(decisionLog).where(and(eq(decisionLog.planId, plan.id), revisionsOnly, decidedBy(asOf)));
  const revisionYear = input.fiscalYear ?? latest?.year ?? null;
  const decisions = revisionYear === null
    ? []
    : await ctx.db.select().from(decisionLog).where(and(eq(decisionLog.planId, plan.id), revisionsOnly, eq(decisionLog.fiscalYear, revisionYear), decidedBy(asOf))).then(asRevisions);
  const ofYear = (revisions: DecisionRow[]) => revisions.filter((r) => r.fiscalYear === revisionYear);
  // "今回の見直しに当たり…令和3年度の実績値を追加": a revision shows the actuals of the year before it.
  const actualYear = revisionYear !== null ? revisionYear - 1 : latestActualYear(tree.goals.flatMap((g) => [...g.numericTargets, ...allKpis(g)]), plan.periodStartFiscalYear);

  const kpiLine = (kpi: KpiNode, whole: boolean, headers: KpiTable['headers']): KpiLine => {
    const own = ofYear(kpi.revisions);
    const rewrote = whole || own.some((d) => d.source === 'document' || d.marker === 'project_added' || d.marker === 'measure_added');
    const renamed = own.some((d) => (d.marker === 'kpi_changed' || d.marker === 'numeric_target_changed') && changedKeys(d).some((k) => DEFINITION_KEYS.includes(k)));
    const retargeted = own.some((d) => d.marker === 'target_changed' || changedKeys(d).includes('target'));
    const cell = (v: ReportValue | null, header: string) => {
      const text = printedText(v, kpi.unit);
      return v && !header.includes(yearText(v)) ? `${text}（${yearText(v)}）` : text;
    };
    const actual = pickValue(kpi.values, 'actual', actualYear);
    return {
      code: kpi.code,
      name: kpi.name,
      baseline: cell(pickValue(kpi.values, 'baseline'), headers.baseline),
      actual: cell(actual, headers.actual),
      target: cell(pickValue(kpi.values, 'target'), headers.target),
      underline: { name: rewrote || renamed, baseline: rewrote, target: rewrote || retargeted },
      markers: own.filter((d) => d.subjectType === 'kpi').map((d) => MARKER_LABELS[d.marker].ja),
      note: [kpi.note, actual?.cancelledReason].filter(Boolean).join('\n') || null,
    };
  };
  const everyKpi = tree.goals.flatMap((g) => [...g.numericTargets, ...allKpis(g)]);
  const usual = { baseline: mostCommonValue(everyKpi, 'baseline'), target: mostCommonValue(everyKpi, 'target') };
  const table = (kpis: KpiNode[], whole: boolean): KpiTable => {
    const headers = tableHeaders(kpis, actualYear, usual);
    return { headers, rows: kpis.map((k) => kpiLine(k, whole, headers)) };
  };
  const projectMarkers = (project: ProjectNode) => {
    const fromKpis = project.kpis.flatMap((k) => ofYear(k.revisions)).filter((d) => d.marker === 'kpi_changed' || d.marker === 'target_changed');
    return unique([...ofYear(project.revisions), ...fromKpis].map((d) => d.marker));
  };

  const goals = tree.goals.map((goal) => ({
    number: goal.number,
    title: goal.title,
    numericTargets: table(goal.numericTargets, false),
    directions: goal.directions.map((direction) => ({
      code: direction.code,
      title: direction.title,
      measures: direction.measures.map((measure) => {
        const measureMarkers = unique(ofYear(measure.revisions).map((d) => d.marker));
        return {
          number: measure.number,
          label: ja.measure(measure.number),
          title: measure.title,
          summary: measure.summary,
          markers: measureMarkers.map((m) => MARKER_LABELS[m].ja),
          projects: measure.projects.map((project) => {
            const markers = projectMarkers(project);
            const whole = measureMarkers.includes('measure_added') || markers.includes('project_added') || ofYear(project.revisions).some((d) => d.marker === 'kpi_changed');
            return {
              code: project.code,
              name: project.name,
              description: project.description,
              status: project.status,
              departments: project.departments.map((d) => d.name),
              markers: markers.map((m) => MARKER_LABELS[m].ja),
              kpis: table(project.kpis, whole),
            };
          }),
        };
      }),
    })),
  }));

  return {
    organization: { name: tree.organization.name, code: tree.organization.code },
    plan: { id: plan.id, code: plan.code, name: plan.name, source: plan.source, periodStartFiscalYear: plan.periodStartFiscalYear, periodEndFiscalYear: plan.periodEndFiscalYear },
    asOf: asOf.toISOString(),
    asOfLabel: formatDateJa(asOf),
    revisionFiscalYear: revisionYear,
    revisionLabel: revisionYear === null ? null : fiscalYearLabel(revisionYear).ja,
    actualFiscalYear: actualYear,
    ...revisionSummary(tree.organization.code, plan.code, revisionYear, decisions),
    goals,
  };
}

export type RevisedStrategy = Awaited<ReturnType<typeof getRevisedStrategy>>;

/**
 * Decisions of the revision year by kind, the document's order first. Where the document's own
 * summary is known it is printed beside the count, and any difference is explained.
 */
function revisionSummary(organizationCode: string, planCode: string, year: number | null, decisions: DecisionRow[]) {
  const printed = year === null ? undefined : documentSummaryOf(organizationCode, planCode, year);
  const summary = REVISION_MARKERS.map((marker) => ({
    marker,
    label: MARKER_LABELS[marker].ja,
    count: decisions.filter((d) => d.marker === marker).length,
    fromDocument: decisions.filter((d) => d.marker === marker && d.source === 'document').length,
    documentCount: printed?.counts[marker] ?? null,
  })).filter((s) => s.count > 0 || s.documentCount !== null);
  const notes = summary
    .filter((s) => s.documentCount !== null && s.documentCount !== s.count)
    .map((s) =>
      s.fromDocument < s.documentCount!
        ? `原典の見直し一覧では${s.label}を${s.documentCount}項目としていますが、本文に「${s.label}」と記載されているのは${s.fromDocument}件だけです（残りは原典では下線でのみ示され、本文から特定できません）。この表の件数は決定記録の${s.count}件です。`
        : `原典の見直し一覧では${s.label}を${s.documentCount}項目としていますが、決定記録では${s.count}件です。`,
    );
  return { summary, summaryNotes: notes, summaryTotal: summary.reduce((n, s) => n + s.count, 0) };
}

/** A table's year headers: its first KPI's years, else the plan's usual ones (a printed 「−」 still sits under 基準値（平成30年度）). */
function tableHeaders(kpis: KpiNode[], actualYear: number, usual: { baseline: ReportValue | null; target: ReportValue | null }): KpiTable['headers'] {
  const first = (kind: 'baseline' | 'target') => kpis.map((k) => pickValue(k.values, kind)).find((v) => v !== null) ?? usual[kind];
  const baseline = first('baseline');
  const target = first('target');
  return {
    baseline: `基準値${baseline ? `（${yearText(baseline)}）` : ''}`,
    actual: `実績値（${fiscalYearLabel(actualYear).ja}）`,
    target: `目標値${target ? `（${yearText(target)}）` : ''}`,
  };
}

/** The value (of a kind) whose year and basis most KPIs share. */
function mostCommonValue(kpis: KpiNode[], kind: 'baseline' | 'target'): ReportValue | null {
  const counts = new Map<string, { value: ReportValue; n: number }>();
  for (const v of kpis.map((k) => pickValue(k.values, kind))) {
    if (!v) continue;
    const key = `${v.fiscalYear}/${v.yearBasis}`;
    counts.set(key, { value: v, n: (counts.get(key)?.n ?? 0) + 1 });
  }
  return [...counts.values()].sort((a, b) => b.n - a.n)[0]?.value ?? null;
}

function changedKeys(d: DecisionRow): string[] {
  return d.after && typeof d.after === 'object' ? Object.keys(d.after as object) : [];
}

function allKpis(goal: { directions: { measures: { projects: ProjectNode[] }[] }[] }): KpiNode[] {
  return goal.directions.flatMap((d) => d.measures.flatMap((m) => m.projects.flatMap((p) => p.kpis)));
}

function latestActualYear(kpis: KpiNode[], fallback: number): number {
  const years = kpis.flatMap((k) => k.values.filter((v) => v.kind === 'actual').map((v) => v.fiscalYear));
  return years.length ? Math.max(...years) : fallback;
}

const unique = <T>(items: T[]): T[] => [...new Set(items)];

/** The same, as a print-ready HTML document. */
export async function revisedStrategyHtml(args: Parameters<typeof getRevisedStrategy>[0]): Promise<string> {
  const data = await getRevisedStrategy(args);
  return renderReport('revised-strategy', { ...data, kindText: MARKER_KIND_TEXT, actualLabel: fiscalYearLabel(data.actualFiscalYear).ja });
}
