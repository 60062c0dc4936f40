import { DECISION_MARKERS, REVISION_MARKERS, type DecisionMarker, type RevisionMarker } from '../../db/schema/decisions/constants.ts';

/** The vocabulary is the database's (db/schema/decisions/constants.ts); said again here for the services that import it from its old home. */
export { DECISION_MARKERS, REVISION_MARKERS, type DecisionMarker, type RevisionMarker };

/** Every kind of decision by name: the document's revisions, the office's withdrawal of a public year and a measure's amendment. */
export const MARKER_LABELS: Record<DecisionMarker, { ja: string; en: string }> = {
  measure_added: { ja: '新規施策', en: 'Measure added' },
  project_added: { ja: '新規事業', en: 'Project added' },
  project_content_changed: { ja: '事業内容変更', en: 'Project content changed' },
  project_ended: { ja: '取組終了', en: 'Project ended' },
  numeric_target_changed: { ja: '数値目標変更', en: 'Numeric target changed' },
  kpi_changed: { ja: 'ＫＰＩ変更', en: 'KPI changed' },
  target_changed: { ja: '目標値変更', en: 'Target changed' },
  publication_withdrawn: { ja: '公開の取り下げ', en: 'Publication withdrawn' },
  measure_changed: { ja: '施策内容変更', en: 'Measure changed' },
};
