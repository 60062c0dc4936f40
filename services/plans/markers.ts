/**
 * Revision markers, exactly the kinds the strategy document prints next to a changed item.
 * A decision in the decision log and a revision proposal are always one of these.
 */
export const REVISION_MARKERS = [
  'measure_added',
  'project_added',
  'project_content_changed',
  'project_ended',
  'numeric_target_changed',
  'kpi_changed',
  'target_changed',
] as const;
export type RevisionMarker = (typeof REVISION_MARKERS)[number];

export const MARKER_LABELS: Record<RevisionMarker, { ja: string; en: string }> = {
  measure_added: { ja: '新規施策', en: 'Measure added' },
  project_added: { ja: '新規事業', en: 'Project added' },
  project_content_changed: { ja: '事業内容変更', en: 'Project content changed' },
  project_ended: { ja: '取組終了', en: 'Project ended' },
  numeric_target_changed: { ja: '数値目標変更', en: 'Numeric target changed' },
  kpi_changed: { ja: 'ＫＰＩ変更', en: 'KPI changed' },
  target_changed: { ja: '目標値変更', en: 'Target changed' },
};
