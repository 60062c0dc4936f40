import { describe, expect, it } from 'vitest';
import { assessKpi } from '../../services/orient/assess-kpi.ts';
import { suggestEffectGrade, type EffectGrade } from '../../services/orient/effect-grade.ts';
import { STATUS_SEVERITY_ORDER, worstStatus, type OrientStatus } from '../../services/orient/statuses.ts';
import { linkNumericTargets, summarize } from '../../services/orient/summarize.ts';
import { DEFAULT_THRESHOLDS, resolveThresholds } from '../../services/orient/thresholds.ts';
import { context, PERIOD, seedKpi, seedKpiName } from './seed-kpis.ts';

describe('effect grade suggestion (FY2021, real KPIs)', () => {
  const cases: [string, EffectGrade | null][] = [
    ['m05-p04-k1', 'very_effective'], // 待機児童数 0: target met
    ['m02-p01-k1', 'considerably_effective'], // 掲載企業数: (427−63)/(450−63) = 94 %
    ['m06-p01-k1', 'considerably_effective'], // プレールーム: level 85 % of a revised-down target
    ['g4-t1', 'effective'], // 新規企業進出件数（5年間累計）, a level: 16 → 17 of 20 = 25 %, better than the baseline
    ['m05-p02-k1', 'effective'], // 小規模保育施設 6 → 11 (target 15): better than baseline, 56 %
    ['m01-p05-k1', 'effective'], // 介護 就職者数 累計 30 in 2 years = 15 a year > baseline 12
    ['m01-p01-k1', 'not_effective'], // 内定者数 累計 7 in 2 years = 3.5 a year < baseline 9
    ['m11-p02-k1', 'not_effective'], // ロケーション撮影数 12 < 14
    ['m01-p04-k1', 'effective'], // no baseline, a count above 0 (14 of 100)
    ['m18-p05-k1', null], // a percentage with no baseline, 25 % of the target: nothing to compare with
    ['m02-p03-k1', null], // cancelled
    ['g2-t1', null], // awaiting data
  ];
  it.each(cases)('%s', (code, grade) => {
    const kpi = seedKpi(code);
    const a = assessKpi(kpi, context(2021));
    expect(suggestEffectGrade(kpi, a, PERIOD), `${seedKpiName(code)}: ${a.reason.ja}`).toBe(grade);
  });
});

describe('summaries', () => {
  const a = (status: OrientStatus, achievement: number | null = null) => ({ status, achievement });

  it('counts each status, names the worst, and averages the achievement capped to 0–100 %', () => {
    const summary = summarize([a('achieved', 1.2), a('on_track', 0.5), a('off_track', -3), a('cancelled'), a('no_data'), a('awaiting_data')]);
    expect(summary).toMatchObject({ total: 6, worstStatus: 'off_track', noDataCount: 2 });
    expect(summary.counts).toMatchObject({ achieved: 1, on_track: 1, off_track: 1, cancelled: 1, no_data: 1, awaiting_data: 1, at_risk: 0, not_assessed: 0 });
    expect(summary.meanAchievement).toBe(0.5); // (1 + 0.5 + 0) / 3
  });

  it('has nothing to say about nothing', () => {
    expect(summarize([])).toMatchObject({ total: 0, worstStatus: null, meanAchievement: null, noDataCount: 0 });
  });

  it('orders severity with off track the worst and the unjudged statuses last', () => {
    expect(STATUS_SEVERITY_ORDER[0]).toBe('off_track');
    expect(worstStatus(['achieved', 'no_data', 'on_track'])).toBe('no_data');
    expect(worstStatus(['achieved', 'cancelled', 'awaiting_data'])).toBe('achieved');
    expect(worstStatus(['not_assessed', 'cancelled'])).toBe('cancelled');
  });

  it('links each numeric target of a goal to every KPI under the goal', () => {
    const links = linkNumericTargets([{ id: 't1', assessment: a('off_track', 0.2) }], [
      { id: 'k1', assessment: a('on_track', 0.5) },
      { id: 'k2', assessment: a('at_risk', 0.3) },
    ]);
    expect(links).toEqual([{ numericTargetId: 't1', status: 'off_track', supportingKpiIds: ['k1', 'k2'], supporting: expect.objectContaining({ total: 2, worstStatus: 'at_risk' }) }]);
  });
});

describe('thresholds', () => {
  it('defaults to at risk below 90 % and off track below 70 %', () => {
    expect(resolveThresholds(null)).toEqual({ atRisk: 0.9, offTrack: 0.7, keepTolerance: 0.05 });
    expect(DEFAULT_THRESHOLDS).toEqual(resolveThresholds(undefined));
  });

  it('takes the plan settings, ignoring what cannot be a threshold', () => {
    expect(resolveThresholds({ atRisk: 0.8 })).toEqual({ atRisk: 0.8, offTrack: 0.7, keepTolerance: 0.05 });
    expect(resolveThresholds({ atRisk: '0.8', offTrack: Number.NaN, keepTolerance: 2 })).toEqual(DEFAULT_THRESHOLDS);
    expect(resolveThresholds({ atRisk: 0.6, offTrack: 0.8 })).toEqual(DEFAULT_THRESHOLDS);
  });
});
