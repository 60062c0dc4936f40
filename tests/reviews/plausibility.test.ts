/**
 * Plausibility warnings on real KPIs of the Tomakomai plan (the seed plan file), each with the
 * value a clerk might type for FY2022, the year after the document's FY2021 actuals.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAUSIBILITY, checkPlausibility, resolvePlausibility, type PlausibilityCode } from '../../services/reviews/plausibility.ts';
import { plausibilityKpi, submissionWarnings } from '../../services/reviews/submission-warnings.ts';
import { seedKpi, seedKpiName } from '../orient/seed-kpis.ts';

const kpi = (code: string, fiscalYear = 2022) => plausibilityKpi({ id: code, ...seedKpi(code) }, fiscalYear);
const codes = (code: string, value: number, fiscalYear = 2022, settings = DEFAULT_PLAUSIBILITY) => checkPlausibility(kpi(code, fiscalYear), fiscalYear, value, settings).map((w) => w.code);

describe('plausibility of an entered actual', () => {
  const cases: { what: string; code: string; value: number; warns: PlausibilityCode[] }[] = [
    // とましん結婚相談所登録者の結婚数: 累計 3組 in FY2021, target 30組 (FY2024, 累計).
    { what: '1,234組 against a target of 30: a jump and far past the target', code: 'm12-p01-k2', value: 1234, warns: ['jump_from_last_year', 'far_past_target'] },
    { what: 'a running total below last year’s', code: 'm12-p01-k2', value: 2, warns: ['cumulative_decrease'] },
    { what: 'a plausible next running total', code: 'm12-p01-k2', value: 8, warns: [] },
    { what: 'exactly three times last year is still no jump', code: 'm12-p01-k2', value: 9, warns: [] },
    { what: 'just over three times last year is a jump', code: 'm12-p01-k2', value: 10, warns: ['jump_from_last_year'] },
    // 相談件数: 累計 1,627件 in FY2021, target 4,500件.
    { what: 'a running total typed as the year’s figure', code: 'm03-p02-k1', value: 540, warns: ['jump_from_last_year', 'cumulative_decrease'] },
    // 管内学生の管内事業所就職割合: 45.9% in FY2021, baseline 45.5%, target 50%.
    { what: 'a share typed as a fraction (0.459 for 45.9%)', code: 'g1-t2', value: 0.459, warns: ['jump_from_last_year'] },
    { what: 'a percentage over 100 (and far past 50%)', code: 'g1-t2', value: 120, warns: ['percent_over_100', 'far_past_target'] },
    { what: 'a share within reason', code: 'g1-t2', value: 47.1, warns: [] },
    // 備蓄品充足率: 94% in FY2021, target 100% from a baseline of 79%: 100 + 2 × 21 is never reached below 100%.
    { what: 'a share at its ceiling', code: 'm17-p03-k1', value: 100, warns: [] },
    // プレールーム利用数: 12,817人 in FY2021; target revised down to 15,000 from a baseline of 35,761.
    { what: 'back to pre-COVID levels is not far past a target revised down', code: 'm06-p01-k1', value: 36000, warns: [] },
    { what: 'a tenfold rise is a jump', code: 'm06-p01-k1', value: 128170, warns: ['jump_from_last_year', 'far_past_target'] },
    // 待機児童数 (lower is better): 0人 in FY2021, target 0: nothing to compare a ratio with.
    { what: 'lower is better, last year 0', code: 'm05-p04-k1', value: 2, warns: [] },
    // 新規雇用創出数: 累計 45人 in FY2021 (baseline 46 is a one-year figure, not a running total).
    { what: 'a cumulative KPI is not compared with its one-year baseline', code: 'g1-t1', value: 60, warns: [] },
  ];
  it.each(cases)('$code $value: $what', ({ code, value, warns }) => {
    expect(codes(code, value), seedKpiName(code)).toEqual(warns);
  });

  it('compares with the baseline when no earlier actual exists, and says so', () => {
    // 子育て応援教室の参加組数: baseline 24組 (FY2018); as if FY2021 were the first year reported.
    const warnings = checkPlausibility(kpi('m05-p01-k2', 2021), 2021, 100);
    expect(warnings).toEqual([{ code: 'jump_from_last_year', fiscalYear: 2018, previous: 24, factor: 3, from: 'baseline', change: 'up' }]);
  });

  it('carries the figures a message needs', () => {
    expect(checkPlausibility(kpi('m12-p01-k2'), 2022, 1234)).toEqual([
      { code: 'jump_from_last_year', fiscalYear: 2021, previous: 3, factor: 3, from: 'actual', change: 'up' },
      { code: 'far_past_target', fiscalYear: 2024, target: 30, factor: 2 },
    ]);
    expect(checkPlausibility(kpi('m12-p01-k2'), 2022, 2)).toEqual([{ code: 'cumulative_decrease', fiscalYear: 2021, previous: 3 }]);
  });

  it('compares a running total only with the year just before', () => {
    // 累計 3組 in FY2021: 12組 three years later is no jump, a year later it is.
    expect(codes('m12-p01-k2', 12, 2024)).toEqual([]);
    expect(codes('m12-p01-k2', 12, 2022)).toEqual(['jump_from_last_year']);
    // 管内学生の管内事業所就職割合 is a yearly figure: compared with the latest actual, however old.
    expect(codes('g1-t2', 0.459, 2024)).toEqual(['jump_from_last_year']);
  });

  it('ignores a cancelled year as last year', () => {
    // 研修派遣者数: FY2021 cancelled (0人, COVID-19); the FY2018 baseline is a one-year figure of a cumulative KPI.
    expect(codes('m07-p04-k1', 1)).toEqual([]);
  });

  it('uses the city’s factors', () => {
    const strict = resolvePlausibility({ plausibility: { jumpFactor: 1.5, pastTargetFactor: 1.1 } });
    expect(strict).toEqual({ jumpFactor: 1.5, pastTargetFactor: 1.1 });
    expect(codes('m12-p01-k2', 5, 2022, strict)).toEqual(['jump_from_last_year']);
    expect(codes('m12-p01-k2', 5)).toEqual([]);
  });

  it('falls back to the defaults for a setting it cannot use', () => {
    for (const settings of [null, {}, { plausibility: null }, { plausibility: { jumpFactor: 1 } }, { plausibility: { jumpFactor: '3', pastTargetFactor: Infinity } }, { plausibility: { jumpFactor: 1000 } }]) {
      expect(resolvePlausibility(settings)).toEqual(DEFAULT_PLAUSIBILITY);
    }
  });

  it('warns per submitted number, never on a cancellation, an unknown KPI or a value the verb refuses', () => {
    const k = { id: 'm12-p01-k2', ...seedKpi('m12-p01-k2') };
    const warned = submissionWarnings(
      [k],
      [
        { kpiId: 'other', value: 5000 },
        { kpiId: k.id, value: 0, cancelledReason: '新型コロナウイルス感染症の影響で中止' },
        { kpiId: k.id, value: -5 },
        { kpiId: k.id, value: 1234 },
      ],
      2022,
      DEFAULT_PLAUSIBILITY,
    );
    expect(warned.map((w) => [w.index, w.warnings.map((x) => x.code)])).toEqual([[3, ['jump_from_last_year', 'far_past_target']]]);
  });
});
