/**
 * What a source document says about its own revisions, where we know it. The revised strategy
 * prints these beside the counts from the decision log, so a difference is shown, not hidden.
 */
import type { RevisionMarker } from '../plans/markers.ts';

export interface DocumentSummary {
  organizationCode: string;
  planCode: string;
  fiscalYear: number;
  /** The counts as the document's own summary prints them. */
  counts: Partial<Record<RevisionMarker, number>>;
}

export const DOCUMENT_SUMMARIES: readonly DocumentSummary[] = [
  {
    // 苫小牧市人口ビジョン及び総合戦略（令和4年度中間見直し）: the list before 基本目標1.
    organizationCode: 'tomakomai',
    planCode: 'tomakomai-2nd',
    fiscalYear: 2022,
    counts: { measure_added: 1, project_added: 5, project_content_changed: 6, project_ended: 2, numeric_target_changed: 1, kpi_changed: 32 },
  },
];

export function documentSummaryOf(organizationCode: string, planCode: string, fiscalYear: number): DocumentSummary | undefined {
  return DOCUMENT_SUMMARIES.find((s) => s.organizationCode === organizationCode && s.planCode === planCode && s.fiscalYear === fiscalYear);
}
