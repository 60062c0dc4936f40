/**
 * The public progress page (no sign-in): what the strategy office published for a plan, the
 * latest version of each fiscal year. Nothing unpublished can be reached from here. The ETag
 * changes only when a new version is published (or the page's layout changes).
 */
import { and, desc, eq, gte, notExists, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { publicationWithdrawals, publications } from '../../db/schema/index.ts';
import { notFound } from '../errors.ts';
import { fiscalYearLabel, isoDateInTokyo } from '../fiscal-year.ts';
import { sha256 } from '../plans/canonical-json.ts';
import { japaneseDay } from './dates.ts';
import { BELOW_BASELINE } from './figures.ts';
import { PLAIN_STATUS_TEXT } from './labels.ts';
import type { ProgressSnapshot, PublicKpi } from './progress-snapshot.ts';
import { renderReport } from './render.ts';
import { progressBar, statusBar } from './svg-charts.ts';
import { populationChart } from './population-chart.ts';
import { populationWords } from '../population/population-words.ts';
import { ORIENT_STATUSES, STATUS_COLORS, STATUS_LABELS } from '../orient/statuses.ts';

/** Raise when the page's template changes, so caches do not keep the old layout. */
const PAGE_REVISION = 2;

export interface PublishedProgress {
  publication: { id: string; fiscalYear: number; version: number; snapshotHash: string; publishedAt: Date };
  snapshot: ProgressSnapshot;
  /** Every published fiscal year of the plan, oldest first. */
  years: { fiscalYear: number; label: string }[];
  etag: string;
}

/** The withdrawal that covers a publication row, if any. */
const withdrawalOf = (db: DbOrTx) =>
  db
    .select({ one: sql`1` })
    .from(publicationWithdrawals)
    .where(and(eq(publicationWithdrawals.planId, publications.planId), eq(publicationWithdrawals.fiscalYear, publications.fiscalYear), gte(publicationWithdrawals.upToVersion, publications.version)));

export async function getPublishedProgress(db: DbOrTx, planId: string, fiscalYear?: number): Promise<PublishedProgress> {
  const latestPerYear = await db
    .selectDistinctOn([publications.fiscalYear], { id: publications.id, fiscalYear: publications.fiscalYear, version: publications.version, snapshotHash: publications.snapshotHash, publishedAt: publications.publishedAt })
    .from(publications)
    // A withdrawn year is gone from the page and its open data (withdraw-publication.ts).
    .where(and(eq(publications.planId, planId), notExists(withdrawalOf(db))))
    .orderBy(publications.fiscalYear, desc(publications.version));
  const chosen = fiscalYear === undefined ? latestPerYear.at(-1) : latestPerYear.find((p) => p.fiscalYear === fiscalYear);
  if (!chosen) throw notFound('published progress');
  const [row] = await db.select({ snapshot: publications.snapshot }).from(publications).where(and(eq(publications.id, chosen.id), eq(publications.planId, planId)));
  return {
    publication: chosen,
    snapshot: row!.snapshot as ProgressSnapshot,
    years: latestPerYear.map((p) => ({ fiscalYear: p.fiscalYear, label: fiscalYearLabel(p.fiscalYear).ja })),
    etag: `"${sha256([PAGE_REVISION, chosen.snapshotHash, ...latestPerYear.map((p) => p.id)].join(':')).slice(0, 32)}"`,
  };
}

/**
 * A snapshot published before achievement below zero was put in words may hold a negative
 * percentage: the page and the open data never show one, whatever the stored snapshot says.
 */
export const shownPercent = (k: PublicKpi) => (k.achievementPercent === null || k.achievementPercent < 0 ? null : k.achievementPercent);
const shownText = (k: PublicKpi) =>
  k.achievementPercent !== null && k.achievementPercent < 0 ? BELOW_BASELINE : (k.achievementText ?? (k.achievementPercent === null ? '' : `${k.achievementPercent}%`));

/** The population section, in Japanese as the whole page: the chart, the gap in words, how the path is drawn. */
function populationSection(snapshot: ProgressSnapshot) {
  const tracking = snapshot.population;
  if (!tracking?.observations.length) return null;
  const words = populationWords('ja');
  return { tracking, chart: populationChart('population-chart', tracking, words.chart(tracking)), gap: words.gapSentence(tracking), pathNote: words.pathNote(tracking), people: words.people, day: japaneseDay };
}

export function publicProgressHtml(progress: PublishedProgress, options: { preview?: boolean } = {}): string {
  const { snapshot, publication } = progress;
  return renderReport('public-progress', {
    ...progress,
    preview: options.preview === true,
    s: snapshot,
    publishedOn: japaneseDay(isoDateInTokyo(publication.publishedAt)),
    assessedOn: japaneseDay(snapshot.assessedOn),
    base: `/public/plans/${snapshot.plan.id}/progress`,
    legend: ORIENT_STATUSES.map((s) => ({ status: s, label: STATUS_LABELS[s].ja, text: PLAIN_STATUS_TEXT[s], color: STATUS_COLORS[s] })),
    statusBar,
    progressBar,
    shownPercent,
    shownText,
    population: populationSection(snapshot),
  });
}
