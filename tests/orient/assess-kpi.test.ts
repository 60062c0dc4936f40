/**
 * The Orient rules, one table of cases per rule, each built from a real KPI of the Tomakomai
 * plan (some with a value added to show a rule the document's FY2021 figures cannot show).
 * docs/orient-rules.md works through the same cases by hand.
 */
import { describe, expect, it } from 'vitest';
import { assessKpi } from '../../services/orient/assess-kpi.ts';
import type { OrientStatus } from '../../services/orient/statuses.ts';
import type { AssessContext, KpiInput } from '../../services/orient/types.ts';
import { actual, context, seedKpi, seedKpiName, seedProjectEnded, seedPublicationLag } from './seed-kpis.ts';

interface Case {
  what: string;
  code: string;
  kpi?: KpiInput;
  fiscalYear?: number;
  ctx?: Partial<AssessContext>;
  status: OrientStatus;
  expected?: number | null;
  progress?: number | null;
  achievement?: number | null;
  reason?: string[];
  reasonEn?: string[];
}

function check(c: Case) {
  const fiscalYear = c.fiscalYear ?? 2021;
  const a = assessKpi(c.kpi ?? seedKpi(c.code), context(fiscalYear, { projectEndedFiscalYear: seedProjectEnded(c.code), publicationLag: seedPublicationLag(c.code), ...c.ctx }));
  expect(a.status, `${seedKpiName(c.code)}: ${a.reason.ja}`).toBe(c.status);
  if (c.expected !== undefined) expect(a.expected).toBeCloseTo(c.expected as number, 6);
  if (c.expected === null) expect(a.expected).toBeNull();
  if (c.progress !== undefined) expect(a.progress).toBe(c.progress);
  if (c.achievement !== undefined) expect(a.achievement).toBe(c.achievement);
  for (const text of c.reason ?? []) expect(a.reason.ja).toContain(text);
  for (const text of c.reasonEn ?? []) expect(a.reason.en).toContain(text);
  expect(a.reason.ja).not.toMatch(/NaN|Infinity|undefined|∞/);
  expect(a.reason.en).not.toMatch(/NaN|Infinity|undefined|∞/);
  return a;
}

const table = (cases: Case[]) => it.each(cases.map((c) => [c.what, c] as const))('%s', (_what, c) => void check(c));

describe('cumulative KPIs: running totals from 0 at the start of the plan period, against a one-year baseline', () => {
  table([
    {
      what: '内定者数 9 → 累計 7 (FY2021) → 累計 40: expected 40×2/5 = 16, 7/16 = 43.75 % → off track',
      code: 'm01-p01-k1',
      status: 'off_track',
      expected: 16,
      progress: 0.4375,
      achievement: 0.175,
      reason: ['令和3年度の実績 7人（累計）', '目標 40人（令和6年度・累計）', '想定値 16人（40人×2/5年）に対し、進捗率 43.7%が70% を下回るため「遅れ」'],
      reasonEn: ['The FY2021 actual of 7 persons (cumulative) against the 16 persons expected by FY2021', 'the progress 43.7% is below 70%: off track'],
    },
    { what: '新規創業件数 累計 43 of expected 50 = 86 % → at risk', code: 'g1-t3', status: 'at_risk', expected: 50, progress: 0.86, reason: ['70% 以上 90% 未満のため「要注意」'] },
    { what: '相談件数 累計 1,627 of expected 1,800 = 90.38 % → on track (just)', code: 'm03-p02-k1', status: 'on_track', expected: 1800, reason: ['90.3%', '90% 以上のため「順調」'] },
    { what: '介護人材 就職者数 累計 30 of expected 30 = exactly 100 % → on track', code: 'm01-p05-k1', status: 'on_track', progress: 1, achievement: 0.4 },
    { what: '新規企業進出件数（5年間累計）: a rolling five-year total is a level, not a running total from the plan start; 16 → 17 against the line to 20 (expected 18) → off track', code: 'g4-t1', status: 'off_track', expected: 18, progress: 0.5, reason: ['基準値からの伸び 1件が想定の伸び 2件の割合で、進捗率 50%'] },
    { what: '飛行型偵察ロボット 累計 0 式 of expected 0.4 → off track', code: 'm04-p03-k1', status: 'off_track', expected: 0.4, progress: 0 },
    {
      what: 'a yearly figure of a cumulative KPI is added to the running total before it: 7 (to FY2021) + 5 (FY2022) = 12 of expected 24',
      code: 'm01-p01-k1',
      kpi: seedKpi('m01-p01-k1', { values: (v) => [...v, actual(2022, 5)] }),
      fiscalYear: 2022,
      ctx: { asOf: '2023-06-30' },
      status: 'off_track',
      expected: 24,
      progress: 0.5,
      reason: ['12人（累計、令和3年度からの合計）'],
    },
    {
      what: 'a yearly figure with a year missing before it cannot make a running total → no data, naming the missing year',
      code: 'm01-p01-k1',
      kpi: seedKpi('m01-p01-k1', { values: (v) => [...v, actual(2023, 5)] }),
      fiscalYear: 2023,
      ctx: { asOf: '2024-06-30' },
      status: 'no_data',
      reason: ['令和4年度の実績がないため累計を求められず'],
    },
  ]);
});

describe('non-cumulative KPIs: a straight line from the baseline year to the target year', () => {
  table([
    {
      what: '掲載企業数 63 → 427 → 450: expected 63 + 387×3/6 = 256.5, gain 364 / 193.5 = 188 % → on track',
      code: 'm02-p01-k1',
      status: 'on_track',
      expected: 256.5,
      reason: ['基準値 63社（平成30年度）', '想定値 256.5社', '伸び 364社が想定の伸び 193.5社の割合で、進捗率 188.1%'],
    },
    { what: '地域子育て サークルルーム登録団体数 25 → 21 → 30: moved away from the target → off track', code: 'm06-p01-k3', status: 'off_track', expected: 27.5, progress: -1.6, reason: ['基準値 25団体（平成30年度）から 4団体減少', '進捗率はマイナス（基準値から減少）'] },
    { what: 'HP access from a FY2017 baseline: expected 8,969,733 + 8,030,267×4/7 = 13,558,457', code: 'm09-p01-k1', status: 'on_track', expected: 13558457, reason: ['平成29年度'] },
    { what: '貨物取扱量（外貿）: calendar-year baseline and target keep their year label', code: 'm16-p03-k1', status: 'off_track', expected: 19847, reason: ['基準値 17,550千ｔ（平成30年）', '目標 22,144千ｔ（令和6年）'], reasonEn: ['(2018)'] },
    {
      what: 'a baseline recorded in the assessed year: nothing is expected to have moved yet, so the actual is compared with it as a level',
      code: 'm01-p04-k1',
      kpi: seedKpi('m01-p04-k1', { values: (v) => [...v, { kind: 'baseline', fiscalYear: 2021, value: 10 }] }),
      status: 'on_track',
      expected: 10,
      progress: 1.4,
      reason: ['基準の年でまだ伸びを見込まない'],
    },
    {
      what: 'interim targets of its own: 掲載企業数 with 400 at FY2022 → expected 63 + 337×3/4 = 315.75',
      code: 'm02-p01-k1',
      kpi: seedKpi('m02-p01-k1', { values: (v) => [...v, { kind: 'target', fiscalYear: 2022, value: 400 }] }),
      status: 'on_track',
      expected: 315.75,
      reason: ['中間目標を経由した想定値'],
    },
    {
      what: 'interim targets of a cumulative KPI: 内定者数 with 累計 20 at FY2022 → expected 20×2/3 = 13.33',
      code: 'm01-p01-k1',
      kpi: seedKpi('m01-p01-k1', { values: (v) => [...v, { kind: 'target', fiscalYear: 2022, value: 20, cumulative: true }] }),
      status: 'off_track',
      expected: 40 / 3,
      progress: 0.525,
    },
  ]);
});

describe('lower-is-better KPIs: the mirror image', () => {
  table([
    { what: '待機児童数 3 → 0 → 0: the target is met → achieved', code: 'm05-p04-k1', status: 'achieved', expected: 1.5, reason: ['目標 0人（令和6年度）以下のため「達成」'] },
    {
      what: '待機児童数 2 at FY2021: reduction 1 of the expected 1.5 = 66.7 % → off track',
      code: 'm05-p04-k1',
      kpi: seedKpi('m05-p04-k1', { values: (v) => v.map((x) => (x.kind === 'actual' ? { ...x, value: 2 } : x)) }),
      status: 'off_track',
      expected: 1.5,
      progress: 0.666666667,
      reason: ['基準値からの減少 1人が想定の減少 1.5人の割合で、進捗率 66.6%'],
    },
    {
      what: '待機児童数 1 at FY2021: reduction 2 of the expected 1.5 → on track',
      code: 'm05-p04-k1',
      kpi: seedKpi('m05-p04-k1', { values: (v) => v.map((x) => (x.kind === 'actual' ? { ...x, value: 1 } : x)) }),
      status: 'on_track',
      progress: 1.333333333,
    },
  ]);
});

describe('targets at or below the baseline (revised after COVID-19): a level to reach, falling is never rewarded', () => {
  table([
    {
      what: 'プレールーム利用数 35,761 → 12,817 → 15,000: 12,817 / 15,000 = 85.4 % → at risk',
      code: 'm06-p01-k1',
      status: 'at_risk',
      expected: 15000,
      progress: 0.854466667,
      reason: ['基準値 35,761人（平成30年度）を上回らないため、目標の水準と比べる', '達成率 85.4%'],
    },
    { what: '育児相談件数 278 / 300 = 92.7 % → on track', code: 'm06-p01-k2', status: 'on_track', progress: 0.926666667 },
    { what: 'ファミリー・サポート 活動件数 1,080 / 2,000 = 54 % → off track', code: 'm06-p03-k2', status: 'off_track', progress: 0.54 },
    { what: '貨物取扱量（内貿） 88,743 / 89,606 → on track', code: 'm16-p03-k2', status: 'on_track', progress: 0.990368949 },
  ]);
});

describe('keep-level KPIs', () => {
  const keep = (a: number) =>
    seedKpi('m16-p01-k1', {
      direction: 'keep',
      values: (v) => v.map((x) => (x.kind === 'baseline' ? { ...x, value: 31 } : x.kind === 'actual' ? { ...x, value: a } : x)),
    });
  table([
    { what: '国内路線 kept at 31 → achieved', code: 'm16-p01-k1', kpi: keep(31), status: 'achieved', progress: 1 },
    { what: '30 of 31 is 3.2 % off, within the 5 % tolerance → achieved', code: 'm16-p01-k1', kpi: keep(30), status: 'achieved', reason: ['許容範囲 5% 以内のため「達成」'] },
    { what: '33 of 31 is 6.5 % over (either side counts) → on track', code: 'm16-p01-k1', kpi: keep(33), status: 'on_track', progress: 0.935483871 },
    { what: '25 of 31 is 19.4 % off → at risk', code: 'm16-p01-k1', kpi: keep(25), status: 'at_risk', progress: 0.806451613 },
    {
      what: 'a higher-is-better KPI whose target equals its baseline is a floor to hold: 28 / 31 → on track',
      code: 'm16-p01-k1',
      kpi: seedKpi('m16-p01-k1', { values: (v) => v.map((x) => (x.kind === 'baseline' ? { ...x, value: 31 } : x.kind === 'actual' ? { ...x, value: 28 } : x)) }),
      status: 'on_track',
      progress: 0.903225806,
    },
  ]);
});

describe('no baseline (−)', () => {
  table([
    {
      what: 'a count: a line from 0 in FY2019 — マッチングサイト求人掲載数 14 of expected 40 → off track',
      code: 'm01-p04-k1',
      status: 'off_track',
      expected: 40,
      progress: 0.35,
      reason: ['基準値がないため令和元年度を 0 として'],
    },
    { what: '女性活躍 事業参加者数 130 of expected 60 → on track', code: 'm03-p03-k1', status: 'on_track', expected: 60 },
    { what: 'an amount: 緑化助成金 0 千円 of expected 4,000 → off track', code: 'm16-p02-k3', status: 'off_track', expected: 4000, progress: 0 },
    { what: 'a percentage is compared with the target level: 産婦健康診査受診率 93.9 / 100 → on track', code: 'm06-p04-k3', status: 'on_track', progress: 0.939, reason: ['基準値がないため目標の水準と比べる'] },
    { what: 'ごみ分別アプリ 5 % of 20 % → off track', code: 'm18-p05-k1', status: 'off_track', progress: 0.25 },
    { what: 'no baseline and no actual: 長期・有償インターンシップ → no data', code: 'm02-p05-k1', status: 'no_data' },
  ]);
});

describe('target reached, then lost', () => {
  const waiting = seedKpi('m05-p04-k1', { values: (v) => [...v, actual(2022, 0), actual(2023, 2)] });
  const routes = seedKpi('m16-p01-k1', { values: (v) => [...v, actual(2022, 29)] });
  table([
    { what: '待機児童数 0 in FY2022 → achieved', code: 'm05-p04-k1', kpi: waiting, fiscalYear: 2022, ctx: { asOf: '2023-06-30' }, status: 'achieved' },
    {
      what: '待機児童数 2 in FY2023: no longer achieved; reduction 1 of the expected 2.5 → off track, noting FY2022',
      code: 'm05-p04-k1',
      kpi: waiting,
      fiscalYear: 2023,
      ctx: { asOf: '2024-06-30' },
      status: 'off_track',
      expected: 0.5,
      progress: 0.4,
      reason: ['（令和4年度には目標に達していた）'],
    },
    { what: '国内路線 31 (the target) in FY2021, 29 in FY2022 → off track', code: 'm16-p01-k1', kpi: routes, fiscalYear: 2022, ctx: { asOf: '2023-06-30' }, status: 'off_track', expected: 30, progress: 0.5, reason: ['令和3年度には目標に達していた'] },
  ]);
});

describe('zero targets and zero baselines never divide by zero', () => {
  const zero = (baseline: number, a: number) =>
    seedKpi('m05-p04-k1', { values: (v) => v.map((x) => (x.kind === 'baseline' ? { ...x, value: baseline } : x.kind === 'actual' ? { ...x, value: a } : x)) });
  table([
    { what: 'keep 待機児童数 at 0 (baseline 0): 0 → achieved', code: 'm05-p04-k1', kpi: zero(0, 0), status: 'achieved', progress: 1 },
    { what: 'keep 待機児童数 at 0 (baseline 0): 1 → off track (no scale to measure a miss of zero)', code: 'm05-p04-k1', kpi: zero(0, 1), status: 'off_track', progress: 0 },
    {
      what: 'a higher-is-better target of 0 from a baseline of 0 is met by 0 → achieved',
      code: 'm16-p02-k3',
      kpi: seedKpi('m16-p02-k3', { values: (v) => [...v.filter((x) => x.kind !== 'target'), { kind: 'target', fiscalYear: 2024, value: 0 }, { kind: 'baseline', fiscalYear: 2018, value: 0 }] }),
      status: 'achieved',
    },
  ]);
});

describe('percentages and 5-point scores', () => {
  const score = (a: number | null, withBaseline = true) =>
    seedKpi('g2-t2', { values: (v) => [...v.filter((x) => withBaseline || x.kind !== 'baseline'), ...(a === null ? [] : [actual(2021, a)])] });
  table([
    { what: '父子健康手帳の交付率 96.8 → 97.7 → 100: gain 0.9 of the expected 1.6 = 56 % → off track', code: 'm05-p01-k1', status: 'off_track', expected: 98.4, progress: 0.5625 },
    { what: 'ふるさと納税 リピーター率 18.8 → 27.3 → 30: → on track', code: 'm14-p01-k1', status: 'on_track', expected: 24.4 },
    { what: '子育て満足度 2.9 → 3.1 (expected 3.1) → on track', code: 'g2-t2', kpi: score(3.1), status: 'on_track', expected: 3.1, progress: 1 },
    { what: '子育て満足度 2.9 → 3.05: gain 0.15 of 0.2 = 75 % → at risk', code: 'g2-t2', kpi: score(3.05), status: 'at_risk', progress: 0.75, reason: ['3.1点'] },
    { what: '子育て満足度 without a baseline: (3.0 − 1)/(3.3 − 1) = 87 % → at risk (a score is measured from 1)', code: 'g2-t2', kpi: score(3.0, false), status: 'at_risk', progress: 0.869565217 },
    { what: '子育て満足度 as printed (−) → no data; the plan names no source the document does not print', code: 'g2-t2', kpi: score(null), status: 'no_data', reason: ['令和3年度の実績が登録されていないため「データなし」'] },
  ]);
});

describe('cancelled projects (COVID-19) are reported as cancelled, never as failure', () => {
  table([
    { what: 'キッズタウン 参加企業・団体数 0 (cancelled)', code: 'm02-p03-k1', status: 'cancelled', expected: null, progress: null, achievement: null, reason: ['遅れとはせず「中止」として扱う', '注記: ※実績値（令和3年度）：新型コロナウイルス感染症の影響で事業が中止'] },
    { what: '研修派遣者数 累計 0 (online instead)', code: 'm07-p04-k1', status: 'cancelled', reason: ['オンライン開催'] },
    { what: '国外路線 0 (all flights suspended)', code: 'm16-p01-k2', status: 'cancelled', reason: ['全便運休'] },
  ]);
});

describe('late statistics: a figure not yet published is awaited (判定保留), never off track', () => {
  const births = (extra: Parameters<typeof actual>[]) => seedKpi('g2-t1', { values: (v) => [...v, ...extra.map((e) => actual(...e))] });
  table([
    {
      what: '合計特殊出生率 FY2021 at the mid-term review (2022-09-30): published 20 months after the year → awaiting data',
      code: 'g2-t1',
      status: 'awaiting_data',
      reason: ['未公表', '人口動態統計（厚生労働省）', '市の設定: 年度終了から20か月後に公表', '令和5年11月30日（木）ごろの見込み', '「判定保留」'],
    },
    { what: 'the day before publication (2023-11-29) → still awaiting', code: 'g2-t1', ctx: { asOf: '2023-11-29' }, status: 'awaiting_data' },
    { what: 'on the publication day and after (2023-11-30) with no figure → no data', code: 'g2-t1', ctx: { asOf: '2023-11-30' }, status: 'no_data', reason: ['市の設定: 年度終了から20か月後に公表', '公表見込み 令和5年11月30日（木）を経過'] },
    { what: 'a provisional figure (速報値) is used until a final one arrives', code: 'g2-t1', kpi: births([[2021, 1.4, { quality: 'provisional' }]]), status: 'at_risk', progress: 0.777777778, reason: ['1.4（速報値）'] },
    { what: 'a final figure (確報値) wins over the provisional one of the same year', code: 'g2-t1', kpi: births([[2021, 1.4, { quality: 'provisional' }], [2021, 1.7, { quality: 'final' }]]), status: 'on_track', progress: 0.944444444 },
    { what: 'a year not yet over is awaited for every KPI: 内定者数 FY2023 on 2023-09-30', code: 'm01-p01-k1', fiscalYear: 2023, ctx: { asOf: '2023-09-30' }, status: 'awaiting_data', reason: ['令和5年度はまだ終わっていない'] },
  ]);

  it('reports which quality was used', () => {
    const a = assessKpi(births([[2021, 1.4, { quality: 'provisional' }], [2021, 1.7, { quality: 'final' }]]), context(2021));
    expect(a.actual).toMatchObject({ value: 1.7, quality: 'final' });
    const p = assessKpi(births([[2021, 1.4, { quality: 'provisional' }]]), context(2021));
    expect(p.actual).toMatchObject({ value: 1.4, quality: 'provisional' });
  });

  it('gives the publication day', () => {
    expect(assessKpi(seedKpi('g2-t1'), context(2021, { publicationLag: seedPublicationLag('g2-t1') })).expectedPublication).toBe('2023-11-30');
  });
});

describe('not assessed', () => {
  table([
    { what: 'a year before the plan period (FY2019)', code: 'm01-p01-k1', fiscalYear: 2019, status: 'not_assessed', reason: ['計画期間（令和2年度～令和6年度）の外'] },
    { what: 'a year after the plan period (FY2025)', code: 'm01-p01-k1', fiscalYear: 2025, ctx: { asOf: '2026-06-30' }, status: 'not_assessed' },
    { what: '防災行政無線 (取組終了 in FY2022) at FY2021 is still assessed → on track', code: 'm18-p03-k1', status: 'on_track' },
    { what: '防災行政無線 at FY2022: its project ended → not assessed', code: 'm18-p03-k1', fiscalYear: 2022, ctx: { asOf: '2023-06-30' }, status: 'not_assessed', reason: ['令和4年度に終了'] },
    { what: 'no target at all', code: 'm01-p04-k1', kpi: seedKpi('m01-p04-k1', { values: (v) => v.filter((x) => x.kind !== 'target') }), status: 'not_assessed', reason: ['目標値が設定されていない'] },
  ]);
});

describe('thresholds per plan', () => {
  it('uses the plan thresholds: 新規創業件数 at 86 % is on track when at risk starts below 85 %', () => {
    const a = assessKpi(seedKpi('g1-t3'), context(2021, { thresholds: { atRisk: 0.85, offTrack: 0.6, keepTolerance: 0.05 } }));
    expect(a.status).toBe('on_track');
    expect(a.reason.ja).toContain('85% 以上のため「順調」');
  });

  it('a ratio exactly at a threshold is on its upper side despite floating-point noise', () => {
    // 内定者数 with 累計 14.4 of the expected 16 is 90 % by hand (14.4/16 computes as 0.8999999999999999).
    const kpi = seedKpi('m01-p01-k1', { values: (v) => v.map((x) => (x.kind === 'actual' ? { ...x, value: 14.4 } : x)) });
    const a = assessKpi(kpi, context(2021));
    expect(a.progress).toBe(0.9);
    expect(a.status).toBe('on_track');
  });
});
