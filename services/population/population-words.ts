/**
 * The population vision in words, in one place for the staff pages and the public page: the gap
 * sentence (「2025年1月1日の人口は…で、目標の推移（…）より…少ない。」), how the path is drawn, and
 * the chart's labels.
 */
import { formatters } from '../i18n/format.ts';
import type { Locale } from '../i18n/locale.ts';
import { translator } from '../i18n/translate.ts';
import type { PopulationChartWords } from '../reports/population-chart.ts';
import type { PopulationTracking } from './get-population-tracking.ts';

export function populationWords(locale: Locale) {
  const t = translator(locale);
  const f = formatters(locale);
  const people = (n: number) => t('population.people', { n: n.toLocaleString(locale === 'ja' ? 'ja-JP' : 'en-GB') });
  const point = (p: { year: number; month: number | null; value: number }) =>
    `${p.month ? (locale === 'ja' ? `${p.year}年${p.month}月末` : `end of ${p.month}/${p.year}`) : locale === 'ja' ? `${p.year}年` : p.year} ${people(p.value)}`;

  return {
    people,
    /** The latest observed year against the vision path, or null when nothing is observed. */
    gapSentence(tracking: PopulationTracking): string | null {
      const last = tracking.observations.at(-1);
      if (!last) return null;
      const date = f.date(last.asOf);
      const gap = tracking.latest;
      if (!gap) return t('population.gapOutside', { date });
      const words = { date, observed: people(gap.observed), expected: people(gap.expected), diff: people(Math.abs(gap.difference)) };
      return t(gap.difference < 0 ? 'population.gapFewer' : gap.difference > 0 ? 'population.gapMore' : 'population.gapEqual', words);
    },
    /** How the path is drawn, from the stored points. */
    pathNote(tracking: PopulationTracking): string | null {
      if (!tracking.start || !tracking.goal) return null;
      const sep = locale === 'ja' ? '、' : ', ';
      return t('population.pathNote', { start: tracking.start.points.map(point).join(sep), goals: tracking.goal.points.map(point).join(sep) });
    },
    chart(tracking: PopulationTracking): PopulationChartWords {
      return {
        title: t('population.chartTitle'),
        description: t('population.chartDescription', { n: tracking.observations.length }),
        observed: t('population.observed'),
        vision: t('population.vision'),
        noData: t('population.noData'),
        value: (n: number) => (locale === 'ja' ? `${n / 10_000}万人` : `${(n / 1000).toLocaleString('en-GB')}k`),
      };
    },
  };
}
