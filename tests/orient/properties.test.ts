/**
 * Invariants of the Orient engine over generated KPIs: a better actual never gives a worse
 * status, higher- and lower-is-better are mirror images, no NaN or Infinity ever leaves, no
 * negative percentage is ever printed, and a revision never re-judges a year before it applies.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessKpi } from '../../services/orient/assess-kpi.ts';
import { shareText } from '../../services/orient/format.ts';
import { suggestEffectGrade } from '../../services/orient/effect-grade.ts';
import { ORIENT_STATUSES, STATUS_SEVERITY, type OrientStatus } from '../../services/orient/statuses.ts';
import { summarize } from '../../services/orient/summarize.ts';
import type { KpiAssessment, KpiInput, KpiValueInput } from '../../services/orient/types.ts';

// Random on a developer's machine, to keep finding new cases (a failure prints its seed);
// fixed in CI (PROPERTY_SEED overrides), so a submission's run is reproducible and a new find is
// a developer's to make, not a landing's lottery.
const seed = process.env.PROPERTY_SEED ? Number(process.env.PROPERTY_SEED) : process.env.CI ? 20_261_206 : undefined;
if (seed !== undefined) fc.configureGlobal({ seed });

const PERIOD = { startFiscalYear: 2020, endFiscalYear: 2024 };
const figure = fc.double({ min: -1e7, max: 1e7, noNaN: true, noDefaultInfinity: true });
const point = (years: { min: number; max: number }, value = figure) => fc.record({ fiscalYear: fc.integer(years), value });

const kpiShape = fc.record({
  direction: fc.constantFrom('higher' as const, 'lower' as const, 'keep' as const),
  unit: fc.constantFrom('人', '千円', '%', '点', ''),
  cumulative: fc.boolean(),
  baseline: fc.option(point({ min: 2015, max: 2021 }), { nil: null }),
  target: point({ min: 2020, max: 2026 }),
  interim: fc.option(point({ min: 2020, max: 2025 }), { nil: null }),
});
type Shape = typeof kpiShape extends fc.Arbitrary<infer T> ? T : never;

function build(s: Shape, fiscalYear: number, actual: number | null, map = (x: number) => x): KpiInput {
  const values: KpiValueInput[] = [];
  if (s.baseline) values.push({ kind: 'baseline', fiscalYear: s.baseline.fiscalYear, value: map(s.baseline.value) });
  if (s.interim) values.push({ kind: 'target', fiscalYear: s.interim.fiscalYear, value: map(s.interim.value), cumulative: s.cumulative });
  values.push({ kind: 'target', fiscalYear: s.target.fiscalYear, value: map(s.target.value), cumulative: s.cumulative });
  if (actual !== null) values.push({ kind: 'actual', fiscalYear, value: map(actual), cumulative: s.cumulative });
  return { unit: s.unit, cumulative: s.cumulative, direction: s.direction, values };
}

const assess = (kpi: KpiInput, fiscalYear: number) => assessKpi(kpi, { fiscalYear, asOf: '2030-01-01', period: PERIOD });
const year = fc.integer({ min: 2020, max: 2024 });

// Judged statuses from worst to best.
const RANK: Partial<Record<OrientStatus, number>> = { off_track: 0, at_risk: 1, on_track: 2, achieved: 3 };

describe('Orient invariants', () => {
  it('a better actual never gives a worse status', () => {
    fc.assert(
      fc.property(kpiShape, year, figure, figure, (s, y, a1, a2) => {
        // The final target as the engine reads it (of two targets in one year, the later row).
        const target = assess(build(s, y, 0), y).target?.value ?? 0;
        const distance = (a: number) => Math.abs(a - target);
        const [worse, better] =
          s.direction === 'keep'
            ? distance(a1) >= distance(a2)
              ? [a1, a2]
              : [a2, a1]
            : (s.direction === 'higher') === a1 <= a2
              ? [a1, a2]
              : [a2, a1];
        const w = assess(build(s, y, worse), y);
        const b = assess(build(s, y, better), y);
        expect(b.status === w.status || (RANK[b.status] ?? -1) >= (RANK[w.status] ?? 99), `${w.status} → ${b.status}`).toBe(true);
        if (w.progress !== null && b.progress !== null && w.method === b.method) expect(b.progress).toBeGreaterThanOrEqual(w.progress);
      }),
      { numRuns: 500 },
    );
  });

  it('higher- and lower-is-better are mirror images (every value negated)', () => {
    const zeroFloorShape = kpiShape.filter((s) => s.unit !== '点');
    fc.assert(
      fc.property(zeroFloorShape, year, figure, (s, y, a) => {
        const mirrored: Shape = { ...s, direction: s.direction === 'higher' ? 'lower' : s.direction === 'lower' ? 'higher' : 'keep' };
        const one = assess(build(s, y, a), y);
        const other = assess(build(mirrored, y, a, (x) => -x), y);
        expect(other.status).toBe(one.status);
        expect(other.method).toBe(one.method);
        expect(other.progress).toBe(one.progress);
        expect(other.achievement).toBe(one.achievement);
        expect(zeroless(other.expected)).toBe(zeroless(one.expected === null ? null : -one.expected));
      }),
      { numRuns: 500 },
    );
  });

  it('never lets NaN or Infinity out, whatever comes in', () => {
    const anyNumber = fc.oneof(fc.double(), fc.constantFrom(Number.NaN, Infinity, -Infinity, 0, -0, Number.MAX_VALUE, Number.MIN_VALUE, 1e15, -1e15));
    const anyValue = fc.record({
      kind: fc.constantFrom('baseline' as const, 'actual' as const, 'target' as const),
      fiscalYear: fc.integer({ min: 2010, max: 2030 }),
      value: anyNumber,
      cumulative: fc.boolean(),
      quality: fc.constantFrom('provisional' as const, 'final' as const),
      cancelledReason: fc.option(fc.constant('中止'), { nil: null }),
    });
    fc.assert(
      fc.property(
        fc.record({
          direction: fc.constantFrom('higher' as const, 'lower' as const, 'keep' as const),
          unit: fc.constantFrom('人', '千円', '%', '点', '', '万人'),
          cumulative: fc.boolean(),
          values: fc.array(anyValue, { maxLength: 8 }),
        }),
        fc.option(fc.integer({ min: 0, max: 120 }), { nil: null }),
        fc.integer({ min: 2015, max: 2030 }),
        fc.record({ atRisk: anyNumber, offTrack: anyNumber, keepTolerance: anyNumber }),
        (kpi, lag, y, thresholds) => {
          const publicationLag = lag === null ? null : { monthsAfterYearEnd: lag, source: null };
          const a = assessKpi(kpi, { fiscalYear: y, asOf: '2025-06-30', period: PERIOD, thresholds, publicationLag });
          expect(ORIENT_STATUSES).toContain(a.status);
          for (const n of numbersIn(a)) expect(Number.isFinite(n), `${n} in ${JSON.stringify(a)}`).toBe(true);
          for (const text of [a.reason.ja, a.reason.en]) {
            expect(text.length).toBeGreaterThan(0);
            expect(text).not.toMatch(/NaN|Infinity|undefined|null|∞/);
          }
          suggestEffectGrade(kpi, a, PERIOD);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('summaries count every KPI once, name the most severe status and keep the mean within 0–100 %', () => {
    const item = fc.record({ status: fc.constantFrom(...ORIENT_STATUSES), achievement: fc.option(fc.double({ noNaN: true }), { nil: null }) });
    fc.assert(
      fc.property(fc.array(item), (items) => {
        const s = summarize(items);
        expect(Object.values(s.counts).reduce((x, y) => x + y, 0)).toBe(items.length);
        if (items.length) expect(STATUS_SEVERITY[s.worstStatus!]).toBe(Math.max(...items.map((i) => STATUS_SEVERITY[i.status])));
        if (s.meanAchievement !== null) expect(s.meanAchievement >= 0 && s.meanAchievement <= 1).toBe(true);
      }),
    );
  });
});

describe('figures that cannot mislead', () => {
  const NEGATIVE_PERCENT = /[-−－▲]\s*[0-9][0-9,.]*\s*%/;
  const positiveFigure = fc.double({ min: 0, max: 1e6, noNaN: true, noDefaultInfinity: true });
  const plainShape = kpiShape.map((s) => ({ ...s, unit: s.unit === '点' ? '人' : s.unit }));

  it('never prints a negative percentage in a reason; below zero it says the decline in words, labelled', () => {
    fc.assert(
      fc.property(plainShape, year, positiveFigure, positiveFigure, positiveFigure, (s, y, b, a, t) => {
        const shape = { ...s, baseline: { fiscalYear: 2018, value: b }, target: { fiscalYear: 2024, value: t }, interim: null };
        const result = assess(build(shape, y, a), y);
        for (const text of [result.reason.ja, result.reason.en]) expect(text, text).not.toMatch(NEGATIVE_PERCENT);
        for (const lang of ['ja', 'en'] as const) {
          for (const r of [result.achievement, result.progress]) expect(shareText(r, result.decline, lang)).not.toMatch(NEGATIVE_PERCENT);
        }
        if (result.achievement !== null && result.achievement < 0) expect(result.decline).not.toBeNull();
        // A ratio in a reason is labelled as one; a change of a percentage is in points, never "%".
        if (result.progress !== null && result.progress >= 0 && result.status !== 'achieved' && result.method !== 'keep') expect(result.reason.ja).toMatch(/(進捗率|達成率) [0-9]/);
        if (s.unit === '%' && result.method === 'trajectory' && /伸び|減少/.test(result.reason.ja)) expect(result.reason.ja).toMatch(/ポイント/);
      }),
      { numRuns: 500 },
    );
  });

  it('a revision effective from year Y never changes the judgement of a year before Y', () => {
    fc.assert(
      fc.property(kpiShape, fc.integer({ min: 2020, max: 2024 }), figure, figure, fc.integer({ min: 2021, max: 2025 }), (s, y, a, newTarget, effective) => {
        const before = build(s, y, a);
        const revised: KpiInput = {
          ...before,
          values: [...before.values, { kind: 'target', fiscalYear: s.target.fiscalYear, value: newTarget, cumulative: s.cumulative, effectiveFiscalYear: effective }],
        };
        const judged = (k: KpiInput) => {
          const r = assess(k, y);
          return { status: r.status, progress: r.progress, achievement: r.achievement, target: r.target, reason: r.reason };
        };
        if (y < effective) expect(judged(revised)).toEqual(judged(before));
        // From Y on the revision applies (when its year is the final one).
        else if (!s.interim || s.interim.fiscalYear < s.target.fiscalYear) expect(zeroless(assess(revised, y).target?.value ?? null)).toBe(zeroless(newTarget));
      }),
      { numRuns: 500 },
    );
  });
});

const zeroless = (x: number | null) => (x === 0 ? 0 : x);

function numbersIn(a: KpiAssessment): number[] {
  const out: number[] = [];
  const walk = (x: unknown) => {
    if (typeof x === 'number') out.push(x);
    else if (x && typeof x === 'object') Object.values(x).forEach(walk);
  };
  walk(a);
  return out;
}
