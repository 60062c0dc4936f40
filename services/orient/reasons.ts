/**
 * The reason of each status, in Japanese and English, with the figures used — so that an
 * officer can redo the arithmetic by hand (docs/orient-rules.md).
 */
import type { KpiDirection } from '../../db/schema/plans/constants.ts';
import { formatDateEn, formatDateJa, tokyoMidnight } from '../fiscal-year.ts';
import type { Availability } from './availability.ts';
import { describeValue, formatRatio, formatThreshold, formatValue, type Lang, yearLabel } from './format.ts';
import { STATUS_LABELS, type OrientStatus } from './statuses.ts';
import type { OrientThresholds } from './thresholds.ts';
import type { Point } from './trajectory.ts';
import type { ActualUsed, AssessmentMethod, ValueUsed } from './types.ts';

export interface Reason {
  ja: string;
  en: string;
}

const quoted = (status: OrientStatus) => ({ ja: `「${STATUS_LABELS[status].ja}」`, en: STATUS_LABELS[status].en.toLowerCase() });

export function outsidePeriodReason(fiscalYear: number, period: { startFiscalYear: number; endFiscalYear: number }): Reason {
  const y = (lang: Lang) => yearLabel(fiscalYear, lang);
  const from = (lang: Lang) => yearLabel(period.startFiscalYear, lang);
  const to = (lang: Lang) => yearLabel(period.endFiscalYear, lang);
  return {
    ja: `${y('ja')}は計画期間（${from('ja')}～${to('ja')}）の外のため「評価対象外」`,
    en: `${y('en')} is outside the plan period (${from('en')}–${to('en')}): not assessed.`,
  };
}

export function projectEndedReason(fiscalYear: number, endedFiscalYear: number): Reason {
  return {
    ja: `事業が${yearLabel(endedFiscalYear, 'ja')}に終了（取組終了）したため、${yearLabel(fiscalYear, 'ja')}は「評価対象外」`,
    en: `The project ended in ${yearLabel(endedFiscalYear, 'en')}, so ${yearLabel(fiscalYear, 'en')} is not assessed.`,
  };
}

export function noTargetReason(): Reason {
  return { ja: '目標値が設定されていないため「評価対象外」', en: 'No target is set: not assessed.' };
}

const sourceText = (source: string | null | undefined, lang: Lang) => (source ? (lang === 'ja' ? `出典: ${source}` : `source: ${source}`) : '');

export function awaitingReason(opts: { fiscalYear: number; source: string | null | undefined; due: Availability }): Reason {
  const y = (lang: Lang) => yearLabel(opts.fiscalYear, lang);
  const published = tokyoMidnight(opts.due.expectedPublication);
  const lagged = opts.due.expectedPublication !== opts.due.yearEnd;
  const later = {
    ja: lagged ? `。実績は${opts.source ? `${opts.source}により` : ''}${formatDateJa(published)}ごろ公表予定` : '',
    en: lagged ? `; the figure${opts.source ? ` (${sourceText(opts.source, 'en')})` : ''} is expected around ${formatDateEn(published)}` : '',
  };
  if (opts.due.yearRunning) {
    const end = tokyoMidnight(opts.due.yearEnd);
    return {
      ja: `${y('ja')}はまだ終わっていない（${formatDateJa(end)}まで）${later.ja}のため「判定保留」`,
      en: `${y('en')} has not ended yet (until ${formatDateEn(end)})${later.en}: awaiting data.`,
    };
  }
  return {
    ja: `${y('ja')}の実績は未公表（${sourceText(opts.source, 'ja') || '出典未登録'}、${formatDateJa(published)}ごろ公表予定）のため、公表まで「判定保留」`,
    en: `The ${y('en')} figure is not published yet (${sourceText(opts.source, 'en') || 'source not recorded'}, expected around ${formatDateEn(published)}): awaiting data until then.`,
  };
}

export function noDataReason(opts: { fiscalYear: number; source: string | null | undefined; missingFiscalYear: number; due: Availability }): Reason {
  const y = (lang: Lang) => yearLabel(opts.fiscalYear, lang);
  if (opts.missingFiscalYear !== opts.fiscalYear) {
    const m = (lang: Lang) => yearLabel(opts.missingFiscalYear, lang);
    return {
      ja: `${y('ja')}の単年度実績はあるが、${m('ja')}の実績がないため累計を求められず「データなし」`,
      en: `There is a yearly figure for ${y('en')}, but none for ${m('en')}, so the running total is unknown: no data.`,
    };
  }
  const lagged = opts.due.expectedPublication !== opts.due.yearEnd;
  const published = tokyoMidnight(opts.due.expectedPublication);
  const notes = {
    ja: [opts.source && sourceText(opts.source, 'ja'), lagged && `公表予定日 ${formatDateJa(published)}を経過`].filter(Boolean).join('、'),
    en: [opts.source && sourceText(opts.source, 'en'), lagged && `expected by ${formatDateEn(published)}`].filter(Boolean).join('; '),
  };
  return {
    ja: `${y('ja')}の実績が登録されていないため「データなし」${notes.ja ? `（${notes.ja}）` : ''}`,
    en: `No actual is recorded for ${y('en')}: no data${notes.en ? ` (${notes.en})` : ''}.`,
  };
}

export function cancelledReason(fiscalYear: number, reason: string): Reason {
  return {
    ja: `${yearLabel(fiscalYear, 'ja')}は事業が中止されたため「中止」（遅れとはしない）。理由: ${reason}`,
    en: `The project was cancelled in ${yearLabel(fiscalYear, 'en')}: cancelled, not counted as a failure. Reason: ${reason}`,
  };
}

export interface JudgedFacts {
  fiscalYear: number;
  unit: string;
  cumulative: boolean;
  direction: KpiDirection;
  method: AssessmentMethod;
  status: OrientStatus;
  actual: ActualUsed;
  target: ValueUsed;
  baseline: ValueUsed | null;
  origin: Point | null;
  /** Whether interim targets shaped the trajectory. */
  throughInterim: boolean;
  /** The level compared with in the level method: the target for the year. */
  reference: ValueUsed;
  expected: number;
  progress: number;
  thresholds: OrientThresholds;
  previouslyAchievedFiscalYear: number | null;
}

export function judgedReason(f: JudgedFacts): Reason {
  const ja = judged(f, 'ja');
  const en = judged(f, 'en');
  if (f.previouslyAchievedFiscalYear === null) return { ja, en };
  return {
    ja: `${ja}（${yearLabel(f.previouslyAchievedFiscalYear, 'ja')}には目標に達していた）`,
    en: `${en} (the target was met in ${yearLabel(f.previouslyAchievedFiscalYear, 'en')})`,
  };
}

function actualText(f: JudgedFacts, lang: Lang): string {
  const a = f.actual;
  const tags = lang === 'ja' ? [a.cumulative && '累計', a.quality === 'provisional' && '速報値'] : [a.cumulative && 'cumulative', a.quality === 'provisional' && 'provisional'];
  const summed =
    a.summedFromFiscalYear === null
      ? ''
      : lang === 'ja'
        ? `、${yearLabel(a.summedFromFiscalYear, 'ja')}からの合計`
        : `, added up from ${yearLabel(a.summedFromFiscalYear, 'en')}`;
  const list = tags.filter(Boolean).join(lang === 'ja' ? '・' : ', ') + summed;
  const value = formatValue(a.value, f.unit, lang);
  if (!list) return value;
  return lang === 'ja' ? `${value}（${list.replace(/^、/, '')}）` : `${value} (${list.replace(/^, /, '')})`;
}

function thresholdText(f: JudgedFacts, lang: Lang): string {
  const at = formatThreshold(f.thresholds.atRisk);
  const off = formatThreshold(f.thresholds.offTrack);
  const q = quoted(f.status);
  switch (f.status) {
    case 'on_track':
      return lang === 'ja' ? `${at} 以上のため${q.ja}` : `at least ${at}: ${q.en}`;
    case 'at_risk':
      return lang === 'ja' ? `${off} 以上 ${at} 未満のため${q.ja}` : `at least ${off} but below ${at}: ${q.en}`;
    default:
      return lang === 'ja' ? `${off} を下回るため${q.ja}` : `below ${off}: ${q.en}`;
  }
}

function judged(f: JudgedFacts, lang: Lang): string {
  const y = yearLabel(f.fiscalYear, lang);
  const actual = actualText(f, lang);
  const target = describeValue(f.target, f.unit, lang);
  const v = (x: number) => formatValue(x, f.unit, lang);
  const r = formatRatio(f.progress);
  const ja = lang === 'ja';

  if (f.method === 'keep') {
    const deviation = formatRatio(Math.max(0, 1 - f.progress));
    const tol = formatThreshold(f.thresholds.keepTolerance);
    if (f.status === 'achieved') {
      return ja
        ? `${y}の実績 ${actual}は、維持する水準 ${target}との差が ${deviation} で、許容範囲 ${tol} 以内のため「達成」`
        : `The ${y} actual of ${actual} is ${deviation} away from the level to keep, ${target}, within the tolerance of ${tol}: achieved.`;
    }
    return ja
      ? `${y}の実績 ${actual}は、維持する水準 ${target}との差が ${deviation}（許容範囲 ${tol} 超）で、水準 ${r} が${thresholdText(f, lang)}`
      : `The ${y} actual of ${actual} is ${deviation} away from the level to keep, ${target} (beyond the tolerance of ${tol}); the level of ${r} is ${thresholdText(f, lang)}.`;
  }

  if (f.status === 'achieved') {
    const lower = f.direction === 'lower';
    return ja
      ? `${y}の実績 ${actual}は、目標 ${target}${lower ? '以下' : '以上'}のため「達成」`
      : `The ${y} actual of ${actual} is at or ${lower ? 'below' : 'above'} the target of ${target}: achieved.`;
  }

  if (f.method === 'level') {
    const lower = f.direction === 'lower';
    const why = !f.baseline
      ? ja
        ? '基準値がないため目標の水準と比べる。'
        : 'There is no baseline, so the actual is compared with the target level: '
      : ja
        ? `目標 ${target}が基準値 ${describeValue(f.baseline, f.unit, 'ja')}を${lower ? '下回らない' : '上回らない'}ため、目標の水準と比べる。`
        : `The target of ${target} is no ${lower ? 'lower' : 'higher'} than the baseline of ${describeValue(f.baseline, f.unit, 'en')}, so the actual is compared with the target level: `;
    const reference = describeValue(f.reference, f.unit, lang);
    return ja
      ? `${why}${y}の実績 ${actual}は、目標 ${reference}に対する水準 ${r} で、${thresholdText(f, lang)}`
      : `${why}the ${y} actual of ${actual} is at ${r} of the target of ${reference}; ${thresholdText(f, lang)}.`;
  }

  const origin = f.origin!;
  if (f.expected === origin.value) {
    // The year of the origin itself (e.g. a baseline recorded in the plan period): nothing is expected to have moved yet.
    return ja
      ? `${y}は基準の年でまだ伸びを見込まないため、実績 ${actual}を想定値 ${v(f.expected)}の水準と比べ、水準 ${r} で、${thresholdText(f, lang)}`
      : `${y} is the year the line starts, so nothing is expected to have moved yet: the actual of ${actual} is at ${r} of the expected ${v(f.expected)}; ${thresholdText(f, lang)}.`;
  }
  const path = f.throughInterim ? (ja ? '中間目標を経由した' : ' through the interim targets') : '';
  if (f.cumulative || !f.baseline) {
    // Running totals (and counts without a baseline) grow from 0 in the year before the plan period.
    const years = f.fiscalYear - origin.fiscalYear;
    const span = f.target.fiscalYear - origin.fiscalYear;
    const formula =
      f.throughInterim || f.fiscalYear >= f.target.fiscalYear ? '' : ja ? `（${v(f.target.value)}×${years}/${span}年）` : ` (${v(f.target.value)} × ${years}/${span} years)`;
    const start = yearLabel(origin.fiscalYear, lang);
    if (ja) {
      const prefix = f.cumulative ? '' : `基準値がないため${start}を 0 として、`;
      return `${prefix}${y}の実績 ${actual}は、目標 ${target}に向けた${path}${y}の想定値 ${v(f.expected)}${formula}の ${r} で、${thresholdText(f, lang)}`;
    }
    const prefix = f.cumulative ? 'The' : `With no baseline, the line starts from 0 in ${start}; the`;
    return `${prefix} ${y} actual of ${actual} is ${r} of the ${v(f.expected)} expected by ${y}${formula} on the way${path} to the target of ${target}; ${thresholdText(f, lang)}.`;
  }

  // Straight line (or lines through the interim targets) from the baseline to the target.
  const lower = f.direction === 'lower';
  const gain = lower ? origin.value - f.actual.value : f.actual.value - origin.value;
  const expectedGain = lower ? origin.value - f.expected : f.expected - origin.value;
  const base = describeValue(f.baseline, f.unit, lang);
  if (ja) {
    const move = lower ? '減少' : '伸び';
    return `${y}の実績 ${actual}は、基準値 ${base}から目標 ${target}への${path || '直線上の'}想定値 ${v(f.expected)}に対し、基準値からの${move} ${v(gain)}が想定の${move} ${v(expectedGain)}の ${r} で、${thresholdText(f, lang)}`;
  }
  const move = lower ? 'reduction' : 'gain';
  return `The ${y} actual of ${actual}: the ${move} of ${v(gain)} since the baseline of ${base} is ${r} of the ${move} of ${v(expectedGain)} expected by ${y} on the line${path} to the target of ${target} (expected value ${v(f.expected)}); ${thresholdText(f, lang)}.`;
}
