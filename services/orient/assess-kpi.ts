/**
 * Orient: is this KPI on track at this fiscal year? A pure function of the KPI's values in
 * force, the plan period, the thresholds and the day of the assessment. The rules, with worked
 * examples from the Tomakomai plan, are in docs/orient-rules.md.
 */
import { availability } from './availability.ts';
import { declineWords } from './format.ts';
import { awaitingReason, cancelledReason, judgedReason, noDataReason, noTargetReason, outsidePeriodReason, projectEndedReason, type Reason } from './reasons.ts';
import { STATUS_LABELS, type OrientStatus } from './statuses.ts';
import { DEFAULT_THRESHOLDS, resolveThresholds, type OrientThresholds } from './thresholds.ts';
import { expectedAt, goodness, levelRatio, roundRatio, trajectoryOrigin, unitFloor } from './trajectory.ts';
import type { ActualUsed, AssessContext, AssessmentMethod, KpiAssessment, KpiInput, ValueUsed } from './types.ts';
import { actualRow, lookupActual, pickBaseline, pickTargets } from './values.ts';

export function assessKpi(kpi: KpiInput, ctx: AssessContext): KpiAssessment {
  // Re-checked here too: a caller may pass thresholds that never went through the plan settings.
  const thresholds = resolveThresholds(ctx.thresholds ?? DEFAULT_THRESHOLDS);
  const year = ctx.fiscalYear;
  const { startFiscalYear: start, endFiscalYear: end } = ctx.period;
  // Values as they stood for this year: a revision effective from a later year does not apply.
  const baseline = pickBaseline(kpi, ctx.fiscalYear);
  const targets = pickTargets(kpi, ctx.fiscalYear);
  const target = targets.final;
  const origin = trajectoryOrigin({ cumulative: kpi.cumulative, unit: kpi.unit, baseline, periodStart: start });
  const result = (status: OrientStatus, reason: Reason, extra: Partial<KpiAssessment> = {}): KpiAssessment =>
    finite({
      fiscalYear: year,
      status,
      label: STATUS_LABELS[status],
      reason,
      method: null,
      achievement: null,
      progress: null,
      expected: null,
      actual: null,
      baseline,
      target,
      origin: null,
      expectedPublication: null,
      publicationLag: ctx.publicationLag ?? null,
      decline: null,
      previouslyAchievedFiscalYear: null,
      thresholds: { ...thresholds },
      ...extra,
    });

  if (year < start || year > end) return result('not_assessed', outsidePeriodReason(year, ctx.period));
  const ended = ctx.projectEndedFiscalYear;
  if (ended !== null && ended !== undefined && year >= ended) return result('not_assessed', projectEndedReason(year, ended));
  if (!target) return result('not_assessed', noTargetReason());

  const lookup = lookupActual(kpi, year, start);
  if (!lookup.found) {
    const lag = ctx.publicationLag ?? null;
    const due = availability(year, lag?.monthsAfterYearEnd, ctx.asOf);
    const source = lag?.source ?? kpi.dataSourceName ?? null;
    if (due.awaited && lookup.missingFiscalYear === year) {
      const reason = awaitingReason({ fiscalYear: year, source, lag, due });
      return result('awaiting_data', reason, { expectedPublication: due.expectedPublication });
    }
    return result('no_data', noDataReason({ fiscalYear: year, source, lag, missingFiscalYear: lookup.missingFiscalYear, due }));
  }
  const actual = lookup.actual;
  if (actual.cancelledReason) return result('cancelled', cancelledReason(year, actual.cancelledReason), { actual });

  const judgement = judge(kpi, { actual, baseline, target, interim: targets.interim, origin, year, thresholds });
  const previouslyAchievedFiscalYear = judgement.status === 'achieved' ? null : earlierAchievement(kpi, { target, baseline, year, start, thresholds });
  const reason = judgedReason({
    fiscalYear: year,
    unit: kpi.unit,
    cumulative: kpi.cumulative,
    direction: kpi.direction,
    method: judgement.method,
    status: judgement.status,
    actual,
    target,
    baseline,
    origin,
    throughInterim: judgement.throughInterim,
    reference: judgement.reference,
    expected: judgement.expected,
    progress: judgement.progress,
    thresholds,
    previouslyAchievedFiscalYear,
  });
  return result(judgement.status, reason, {
    method: judgement.method,
    achievement: judgement.achievement,
    progress: judgement.progress,
    expected: judgement.expected,
    decline: judgement.achievement < 0 ? declineWords(judgement.method, kpi.direction) : null,
    actual,
    origin: judgement.method === 'trajectory' ? origin : null,
    previouslyAchievedFiscalYear,
  });
}

interface Judgement {
  status: OrientStatus;
  method: AssessmentMethod;
  achievement: number;
  progress: number;
  expected: number;
  reference: ValueUsed;
  throughInterim: boolean;
}

interface JudgeInput {
  actual: ActualUsed;
  baseline: ValueUsed | null;
  target: ValueUsed;
  interim: ValueUsed[];
  origin: { fiscalYear: number; value: number } | null;
  year: number;
  thresholds: OrientThresholds;
}

function judge(kpi: KpiInput, j: JudgeInput): Judgement {
  const A = j.actual.value;
  const T = j.target.value;
  const floor = unitFloor(kpi.unit);
  const B = j.baseline?.value ?? null;

  if (kpi.direction === 'keep') {
    const progress = keepRatio(A, T, floor, B);
    const status = progress >= roundRatio(1 - j.thresholds.keepTolerance) ? 'achieved' : byThresholds(progress, j.thresholds);
    return { status, method: 'keep', achievement: progress, progress, expected: T, reference: j.target, throughInterim: false };
  }

  const g = (x: number) => goodness(kpi.direction, x);
  const achieved = g(A) >= g(T);
  const o = j.origin;
  if (o && g(T) > g(o.value)) {
    // The target is an improvement on the origin: follow the trajectory towards it.
    const interim = j.interim.filter((p) => p.fiscalYear > o.fiscalYear);
    const expected = expectedAt(o, interim, j.target, j.year);
    const expectedGain = g(expected) - g(o.value);
    const progress = roundRatio(
      expectedGain > 0 ? (g(A) - g(o.value)) / expectedGain : levelRatio({ direction: kpi.direction, actual: A, reference: expected, floor, baseline: B }),
    );
    const achievement = roundRatio((g(A) - g(o.value)) / (g(T) - g(o.value)));
    const throughInterim = interim.some((p) => p.fiscalYear < j.target.fiscalYear && p.fiscalYear > o.fiscalYear);
    const status = achieved ? 'achieved' : byThresholds(progress, j.thresholds);
    return { status, method: 'trajectory', achievement, progress, expected, reference: j.target, throughInterim };
  }

  // No improvement asked for (a target at or below the baseline), or a percentage without a
  // baseline: the actual must reach the target's level. Falling is never rewarded.
  const reference = j.interim.find((p) => p.fiscalYear >= j.year) ?? j.target;
  const progress = roundRatio(levelRatio({ direction: kpi.direction, actual: A, reference: reference.value, floor, baseline: B }));
  const achievement = roundRatio(levelRatio({ direction: kpi.direction, actual: A, reference: T, floor, baseline: B }));
  const status = achieved ? 'achieved' : byThresholds(progress, j.thresholds);
  return { status, method: 'level', achievement, progress, expected: reference.value, reference, throughInterim: false };
}

/** A level to keep: the distance from it, either way, is what counts (1 − |A − T| / scale). */
function keepRatio(A: number, T: number, floor: number, B: number | null): number {
  return roundRatio(levelRatio({ direction: 'higher', actual: T - Math.abs(A - T), reference: T, floor, baseline: B }));
}

function byThresholds(progress: number, t: OrientThresholds): OrientStatus {
  if (progress >= t.atRisk) return 'on_track';
  if (progress >= t.offTrack) return 'at_risk';
  return 'off_track';
}

/** The latest earlier year of the period whose actual met the final target (a target reached, then lost). */
function earlierAchievement(
  kpi: KpiInput,
  o: { target: ValueUsed; baseline: ValueUsed | null; year: number; start: number; thresholds: OrientThresholds },
): number | null {
  for (let year = o.year - 1; year >= o.start; year--) {
    const row = actualRow(kpi, year);
    if (!row || row.cancelledReason) continue;
    const lookup = lookupActual(kpi, year, o.start);
    if (!lookup.found) continue;
    const A = lookup.actual.value;
    const T = o.target.value;
    const met =
      kpi.direction === 'keep'
        ? keepRatio(A, T, unitFloor(kpi.unit), o.baseline?.value ?? null) >= roundRatio(1 - o.thresholds.keepTolerance)
        : goodness(kpi.direction, A) >= goodness(kpi.direction, T);
    if (met) return year;
  }
  return null;
}

/** Every number that leaves the engine is finite or null: a last guard behind the arithmetic's own. */
function finite(a: KpiAssessment): KpiAssessment {
  const n = (x: number | null) => (x !== null && Number.isFinite(x) ? x : null);
  return { ...a, achievement: n(a.achievement), progress: n(a.progress), expected: n(a.expected) };
}
