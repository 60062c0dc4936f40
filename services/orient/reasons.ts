/**
 * The reason of each status, in Japanese and English, with the figures used — so that an
 * officer can redo the arithmetic by hand (docs/orient-rules.md).
 */
import type { KpiDirection } from '../../db/schema/plans/constants.ts';
import { formatDateEn, formatDateJa, tokyoMidnight } from '../fiscal-year.ts';
import type { Availability } from './availability.ts';
import type { PublicationLag } from './publication-lags.ts';
import { declineWords, describeValue, formatChange, formatRatio, formatThreshold, formatValue, type Lang, RATIO_LABELS, yearLabel } from './format.ts';
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

/** The city's publication-lag setting in words, so no one reads the derived date as printed plan data. */
const lagText = (lag: PublicationLag, lang: Lang) =>
  lang === 'ja'
    ? `市の設定: 年度終了から${lag.monthsAfterYearEnd}か月後に公表${lag.source ? `（${lag.source}）` : ''}`
    : `city setting: published ${lag.monthsAfterYearEnd} months after the year closes${lag.source ? ` (${lag.source})` : ''}`;

interface DueFacts {
  fiscalYear: number;
  source: string | null;
  lag: PublicationLag | null;
  due: Availability;
}

export function awaitingReason(opts: DueFacts): Reason {
  const y = (lang: Lang) => yearLabel(opts.fiscalYear, lang);
  const published = tokyoMidnight(opts.due.expectedPublication);
  const lagged = opts.lag !== null && opts.due.expectedPublication !== opts.due.yearEnd;
  if (opts.due.yearRunning) {
    const end = tokyoMidnight(opts.due.yearEnd);
    const later = {
      ja: lagged ? `。実績は${formatDateJa(published)}ごろ公表の見込み（${lagText(opts.lag!, 'ja')}）` : '',
      en: lagged ? `; the figure is expected around ${formatDateEn(published)} (${lagText(opts.lag!, 'en')})` : '',
    };
    return {
      ja: `${y('ja')}はまだ終わっていない（${formatDateJa(end)}まで）${later.ja}のため「判定保留」`,
      en: `${y('en')} has not ended yet (until ${formatDateEn(end)})${later.en}: awaiting data.`,
    };
  }
  return {
    ja: `${y('ja')}の実績は未公表（${lagText(opts.lag!, 'ja')}、${formatDateJa(published)}ごろの見込み）のため、公表まで「判定保留」`,
    en: `The ${y('en')} figure is not published yet (${lagText(opts.lag!, 'en')}, expected around ${formatDateEn(published)}): awaiting data until then.`,
  };
}

export function noDataReason(opts: DueFacts & { missingFiscalYear: number }): Reason {
  const y = (lang: Lang) => yearLabel(opts.fiscalYear, lang);
  if (opts.missingFiscalYear !== opts.fiscalYear) {
    const m = (lang: Lang) => yearLabel(opts.missingFiscalYear, lang);
    return {
      ja: `${y('ja')}の単年度実績はあるが、${m('ja')}の実績がないため累計を求められず「データなし」`,
      en: `There is a yearly figure for ${y('en')}, but none for ${m('en')}, so the running total is unknown: no data.`,
    };
  }
  const lagged = opts.lag !== null && opts.due.expectedPublication !== opts.due.yearEnd;
  const published = tokyoMidnight(opts.due.expectedPublication);
  const notes = {
    ja: [!lagged && opts.source && sourceText(opts.source, 'ja'), lagged && `${lagText(opts.lag!, 'ja')}による公表見込み ${formatDateJa(published)}を経過`].filter(Boolean).join('、'),
    en: [!lagged && opts.source && sourceText(opts.source, 'en'), lagged && `expected by ${formatDateEn(published)} (${lagText(opts.lag!, 'en')})`].filter(Boolean).join('; '),
  };
  return {
    ja: `${y('ja')}の実績が登録されていないため「データなし」${notes.ja ? `（${notes.ja}）` : ''}`,
    en: `No actual is recorded for ${y('en')}: no data${notes.en ? ` (${notes.en})` : ''}.`,
  };
}

export function cancelledReason(fiscalYear: number, reason: string): Reason {
  return {
    // The recorded reason is the document's own footnote (e.g. 全便運休, オンライン開催): it is quoted as
    // it stands, never summarised as 事業中止, which not every footnote says.
    ja: `${yearLabel(fiscalYear, 'ja')}の実績は注記の事情によるもので、遅れとはせず「中止」として扱う。注記: ${reason}`,
    en: `The ${yearLabel(fiscalYear, 'en')} figure reflects the circumstances in the note, so it is not counted as a failure (treated as cancelled). Note: ${reason}`,
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

/**
 * The ratio compared with the thresholds, labelled: 「進捗率 56.2%」 along a trajectory, 「達成率 85.4%」
 * against a level. Below zero it is never printed as a number: the decline is said in words.
 */
function ratioText(f: JudgedFacts, lang: Lang): string {
  const label = RATIO_LABELS[f.method === 'trajectory' ? 'progress' : 'achievement'][lang];
  if (f.progress >= 0) return `${label} ${formatRatio(f.progress)}`;
  const words = declineWords(f.method, f.direction)[lang];
  return lang === 'ja' ? `${label}はマイナス（${words}）` : `${label} below zero (${words})`;
}

/** 「進捗率 56.2% が 70% を下回るため「遅れ」」: the ratio, then the threshold it meets. */
const verdict = (f: JudgedFacts, lang: Lang) => (lang === 'ja' ? `${ratioText(f, 'ja')}が${thresholdText(f, 'ja')}` : `${ratioText(f, 'en')} is ${thresholdText(f, 'en')}`);

function judged(f: JudgedFacts, lang: Lang): string {
  const y = yearLabel(f.fiscalYear, lang);
  const actual = actualText(f, lang);
  const target = describeValue(f.target, f.unit, lang);
  const v = (x: number) => formatValue(x, f.unit, lang);
  const change = (x: number) => formatChange(x, f.unit, lang);
  const ja = lang === 'ja';

  if (f.method === 'keep') {
    // The distance from the level, as a share of it (a ratio, labelled as such).
    const deviation = formatRatio(Math.max(0, 1 - f.progress));
    const tol = formatThreshold(f.thresholds.keepTolerance);
    if (f.status === 'achieved') {
      return ja
        ? `${y}の実績 ${actual}は、維持する水準 ${target}との差が水準の ${deviation} で、許容範囲 ${tol} 以内のため「達成」`
        : `The ${y} actual of ${actual} is ${deviation} of the level away from the level to keep, ${target}, within the tolerance of ${tol}: achieved.`;
    }
    return ja
      ? `${y}の実績 ${actual}は、維持する水準 ${target}との差が水準の ${deviation}（許容範囲 ${tol} 超）で、${verdict(f, lang)}`
      : `The ${y} actual of ${actual} is ${deviation} of the level away from the level to keep, ${target} (beyond the tolerance of ${tol}); the ${verdict(f, lang)}.`;
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
      ? `${why}${y}の実績 ${actual}は、目標 ${reference}に対し、${verdict(f, lang)}`
      : `${why}the ${y} actual of ${actual} against the target of ${reference}: the ${verdict(f, lang)}.`;
  }

  const origin = f.origin!;
  if (f.expected === origin.value) {
    // The year of the origin itself (e.g. a baseline recorded in the plan period): nothing is expected to have moved yet.
    return ja
      ? `${y}は基準の年でまだ伸びを見込まないため、実績 ${actual}を想定値 ${v(f.expected)}の水準と比べ、${verdict(f, lang)}`
      : `${y} is the year the line starts, so nothing is expected to have moved yet: the actual of ${actual} is compared with the expected ${v(f.expected)}; the ${verdict(f, lang)}.`;
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
      return `${prefix}${y}の実績 ${actual}は、目標 ${target}に向けた${path}${y}の想定値 ${v(f.expected)}${formula}に対し、${verdict(f, lang)}`;
    }
    const prefix = f.cumulative ? 'The' : `With no baseline, the line starts from 0 in ${start}; the`;
    return `${prefix} ${y} actual of ${actual} against the ${v(f.expected)} expected by ${y}${formula} on the way${path} to the target of ${target}: the ${verdict(f, lang)}.`;
  }

  // Straight line (or lines through the interim targets) from the baseline to the target.
  const lower = f.direction === 'lower';
  const gain = lower ? origin.value - f.actual.value : f.actual.value - origin.value;
  const expectedGain = lower ? origin.value - f.expected : f.expected - origin.value;
  const base = describeValue(f.baseline, f.unit, lang);
  const move = ja ? (lower ? '減少' : '伸び') : lower ? 'reduction' : 'gain';
  if (gain < 0) {
    // Moved the wrong way: the change from the baseline is said in words and units, never as a negative ratio.
    const wrong = ja ? (lower ? '増加' : '減少') : lower ? 'rose' : 'fell';
    return ja
      ? `${y}の実績 ${actual}は、基準値 ${base}から ${change(-gain)}${wrong}しており、目標 ${target}への${path || '直線上の'}想定値 ${v(f.expected)}（想定の${move} ${change(expectedGain)}）に届かず、${verdict(f, lang)}`
      : `The ${y} actual of ${actual} ${wrong} by ${change(-gain)} from the baseline of ${base}, while a ${move} of ${change(expectedGain)} was expected by ${y} on the line${path} to the target of ${target} (expected value ${v(f.expected)}); the ${verdict(f, lang)}.`;
  }
  if (ja) {
    return `${y}の実績 ${actual}は、基準値 ${base}から目標 ${target}への${path || '直線上の'}想定値 ${v(f.expected)}に対し、基準値からの${move} ${change(gain)}が想定の${move} ${change(expectedGain)}の割合で、${verdict(f, lang)}`;
  }
  return `The ${y} actual of ${actual}: the ${move} of ${change(gain)} since the baseline of ${base} against the ${move} of ${change(expectedGain)} expected by ${y} on the line${path} to the target of ${target} (expected value ${v(f.expected)}); the ${verdict(f, lang)}.`;
}
