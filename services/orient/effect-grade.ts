/**
 * The effect grade a review may give a KPI's project (効果検証の評価), suggested from the
 * assessment. Only a suggestion: the review workflow lets people decide.
 */
import { EFFECT_GRADES, type EffectGrade } from '../../db/schema/reviews/constants.ts';
import { DEFAULT_VOCABULARY } from '../reviews/vocabulary-defaults.ts';
import { goodness, startsFromZero } from './trajectory.ts';
import { isJudged } from './statuses.ts';
import type { KpiAssessment, KpiInput } from './types.ts';

export { EFFECT_GRADES, type EffectGrade };

/** The default labels; an organization's own words come from services/reviews/vocabulary.ts. */
export const EFFECT_GRADE_LABELS = DEFAULT_VOCABULARY.effectGrades;

/** "Most of the way" to the target: an achievement of at least 80 %. */
export const CONSIDERABLE_ACHIEVEMENT = 0.8;

/**
 * 非常に効果的: the target is achieved. 相当程度: achievement ≥ 80 %. 効果があった: better than
 * the baseline but below that. 効果がなかった: no better than the baseline. Null when the KPI
 * was not judged (cancelled, no data, awaiting data, not assessed) or nothing can be compared.
 */
export function suggestEffectGrade(
  kpi: Pick<KpiInput, 'cumulative' | 'direction' | 'unit'>,
  a: KpiAssessment,
  period: { startFiscalYear: number; endFiscalYear: number },
): EffectGrade | null {
  if (!isJudged(a.status) || a.actual === null || a.achievement === null) return null;
  if (a.status === 'achieved') return 'very_effective';
  if (a.achievement >= CONSIDERABLE_ACHIEVEMENT) return 'considerably_effective';
  const better = betterThanBaseline(kpi, a, period);
  if (better === null) return null;
  return better ? 'effective' : 'not_effective';
}

function betterThanBaseline(
  kpi: Pick<KpiInput, 'cumulative' | 'direction' | 'unit'>,
  a: KpiAssessment,
  period: { startFiscalYear: number; endFiscalYear: number },
): boolean | null {
  const A = a.actual!.value;
  const B = a.baseline?.value ?? null;
  if (kpi.direction === 'keep') return B === null || a.target === null ? null : Math.abs(A - a.target.value) < Math.abs(B - a.target.value);
  const g = (x: number) => goodness(kpi.direction, x);
  if (kpi.cumulative) {
    // A running total against a one-year baseline: compare the yearly pace. A baseline that is
    // itself a period total (printed 累計) is spread over the period's years.
    if (B === null) return g(A) > 0;
    const years = a.fiscalYear - period.startFiscalYear + 1;
    const baselinePerYear = a.baseline!.cumulative ? B / (period.endFiscalYear - period.startFiscalYear + 1) : B;
    return g(A / years) > g(baselinePerYear);
  }
  if (B !== null) return g(A) > g(B);
  return startsFromZero(kpi.unit) ? g(A) > 0 : null;
}
