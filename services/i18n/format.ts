/**
 * Labels and figures as the pages print them, in the page's language: fiscal years as 令和6年度
 * or FY2024, dates as 令和6年6月30日（日）, values with their unit, statuses and markers by name.
 */
import { formatDateEn, formatDateJa, fiscalYearLabel, tokyoMidnight } from '../fiscal-year.ts';
import { formatChange, formatRatio, formatValue, shareText } from '../orient/format.ts';
import { STATUS_LABELS, type OrientStatus } from '../orient/statuses.ts';
import { MARKER_LABELS, type DecisionMarker } from '../plans/markers.ts';
import type { EffectGrade, NextStep } from '../../db/schema/reviews/constants.ts';
import { DEFAULT_VOCABULARY, type Vocabulary } from '../reviews/vocabulary-defaults.ts';
import type { Locale } from './locale.ts';

/** `vocabulary`: the organization's own words for effect grades and next steps, when it has them. */
export function formatters(locale: Locale, vocabulary: Vocabulary = DEFAULT_VOCABULARY) {
  const asDate = (value: Date | string) => (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? tokyoMidnight(value) : new Date(value));
  const date = (value: Date | string) => (locale === 'ja' ? formatDateJa(asDate(value)) : formatDateEn(asDate(value)));
  return {
    /** 令和6年度 / FY2024 */
    fy: (year: number) => fiscalYearLabel(year)[locale],
    /** When a decision was taken; the document's own decisions carry only their fiscal year (令和4年度（日付の記載なし）). */
    decidedOn: (at: Date | string | null, fiscalYear: number) =>
      at ? `${date(asDate(at))} ${tokyoTime(asDate(at))}` : locale === 'ja' ? `${fiscalYearLabel(fiscalYear).ja}（計画書に日付の記載なし）` : `${fiscalYearLabel(fiscalYear).en} (no date in the document)`,
    /** Both names, for choosing a year: 令和6年度（FY2024） / FY2024 (令和6年度) */
    fyBoth: (year: number) => {
      const label = fiscalYearLabel(year);
      return locale === 'ja' ? `${label.ja}（${label.en}）` : `${label.en} (${label.ja})`;
    },
    date,
    /** The date and Tokyo time: 令和6年6月30日（日） 14:05 */
    dateTime: (value: Date | string) => {
      const d = asDate(value);
      return `${date(d)} ${tokyoTime(d)}`;
    },
    value: (x: number | null | undefined, unit: string) => (x === null || x === undefined ? '—' : formatValue(x, unit, locale)),
    /** A change between two figures: points for a percentage (「0.4ポイント」), else the unit. */
    change: (x: number, unit: string) => formatChange(x, unit, locale),
    ratio: (r: number | null | undefined) => (r === null || r === undefined ? '—' : formatRatio(r)),
    /** Achievement or progress: the percentage from 0 up, below zero the decline in words (never a negative percentage). */
    share: (r: number | null | undefined, decline: { ja: string; en: string } | null | undefined) => shareText(r ?? null, decline ?? null, locale),
    /** 施策⑫ / Measure 12: the document numbers its measures with circled digits. */
    measure: (n: number) => (locale === 'ja' ? `施策${n >= 1 && n <= 20 ? String.fromCodePoint(0x2460 + n - 1) : n}` : `Measure ${n}`),
    status: (code: OrientStatus) => STATUS_LABELS[code]?.[locale] ?? code,
    marker: (code: DecisionMarker) => MARKER_LABELS[code]?.[locale] ?? code,
    grade: (code: EffectGrade) => vocabulary.effectGrades[code]?.[locale] ?? code,
    nextStep: (code: NextStep) => vocabulary.nextSteps[code]?.[locale] ?? code,
  };
}

/** HH:MM in Tokyo (always +09:00). */
const tokyoTime = (d: Date) => new Date(d.getTime() + 9 * 3_600_000).toISOString().slice(11, 16);

export type Formatters = ReturnType<typeof formatters>;
