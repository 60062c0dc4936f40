/**
 * Picks the values an assessment uses from a KPI's rows in force: the baseline, the final and
 * interim targets, and the actual of a year (a final figure over a provisional one). Rows whose
 * value is not a finite number within ±10^15 are ignored, so the arithmetic downstream can
 * neither overflow nor turn into NaN.
 */
import type { ActualUsed, KpiInput, KpiValueInput, ValueUsed } from './types.ts';

type Kind = KpiValueInput['kind'];

/** Larger than any figure a municipality reports (in yen, persons or tonnes). */
export const MAX_FIGURE = 1e15;

/**
 * The rows of a kind usable when judging `assessedYear`: a revision's value only from its
 * effective fiscal year on, so a revision never re-judges an earlier year.
 */
function usable(values: readonly KpiValueInput[], kind: Kind, assessedYear?: number): KpiValueInput[] {
  return values.filter(
    (v) => v.kind === kind && isFigure(v.value) && Number.isInteger(v.fiscalYear) && (assessedYear === undefined || v.effectiveFiscalYear == null || v.effectiveFiscalYear <= assessedYear),
  );
}

/** Final (確報値) beats provisional (速報値); among equals the later row wins. */
function preferred(rows: KpiValueInput[]): KpiValueInput | undefined {
  let best: KpiValueInput | undefined;
  for (const row of rows) if (!best || rank(row) >= rank(best)) best = row;
  return best;
}
const rank = (v: KpiValueInput) => ((v.quality ?? 'final') === 'final' ? 1 : 0);

export const isFigure = (x: number) => Number.isFinite(x) && Math.abs(x) <= MAX_FIGURE;

export function used(v: KpiValueInput): ValueUsed {
  return { fiscalYear: v.fiscalYear, yearBasis: v.yearBasis ?? 'fiscal', value: v.value, cumulative: v.cumulative ?? false, quality: v.quality ?? 'final' };
}

function byYear(rows: KpiValueInput[]): Map<number, KpiValueInput> {
  const map = new Map<number, KpiValueInput>();
  for (const year of new Set(rows.map((r) => r.fiscalYear))) map.set(year, preferred(rows.filter((r) => r.fiscalYear === year))!);
  return map;
}

/** The baseline of the latest year (a KPI normally has one). */
export function pickBaseline(kpi: KpiInput, assessedYear?: number): ValueUsed | null {
  const years = byYear(usable(kpi.values, 'baseline', assessedYear));
  if (!years.size) return null;
  return used(years.get(Math.max(...years.keys()))!);
}

/** The final target (latest year) and the interim targets before it, oldest first. */
export function pickTargets(kpi: KpiInput, assessedYear?: number): { final: ValueUsed | null; interim: ValueUsed[] } {
  const years = [...byYear(usable(kpi.values, 'target', assessedYear)).values()].sort((a, b) => a.fiscalYear - b.fiscalYear).map(used);
  const final = years.at(-1) ?? null;
  return { final, interim: years.slice(0, -1) };
}

export function actualRow(kpi: KpiInput, fiscalYear: number): KpiValueInput | undefined {
  return preferred(usable(kpi.values, 'actual').filter((v) => v.fiscalYear === fiscalYear));
}

export type ActualLookup = { found: true; actual: ActualUsed } | { found: false; missingFiscalYear: number };

/**
 * The actual of a year. For a cumulative KPI given a yearly figure (not printed 累計), the running
 * total is that figure plus the years before it, back to the last running total or the start of
 * the plan period; a missing year in between leaves the total unknown.
 */
export function lookupActual(kpi: KpiInput, fiscalYear: number, periodStart: number): ActualLookup {
  const row = actualRow(kpi, fiscalYear);
  if (!row) return { found: false, missingFiscalYear: fiscalYear };
  const actual: ActualUsed = { ...used(row), cancelledReason: row.cancelledReason ?? null, summedFromFiscalYear: null };
  if (!kpi.cumulative || actual.cumulative || actual.cancelledReason) return { found: true, actual };

  let total = row.value;
  let quality = actual.quality;
  let from = fiscalYear;
  for (let year = fiscalYear - 1; year >= periodStart; year--) {
    const earlier = actualRow(kpi, year);
    if (!earlier) return { found: false, missingFiscalYear: year };
    total += earlier.value;
    from = year;
    if ((earlier.quality ?? 'final') === 'provisional') quality = 'provisional';
    if (earlier.cumulative) break;
  }
  return { found: true, actual: { ...actual, value: total, cumulative: true, quality, summedFromFiscalYear: from } };
}
