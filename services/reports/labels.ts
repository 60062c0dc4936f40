/**
 * Words the reports print that neither the Orient and review modules nor the i18n catalogue
 * (services/i18n: task statuses, phases, 施策① — use translator('ja') / formatters('ja')) already
 * name: the plain words the public page uses for each status, and the document's names for the
 * kinds of revision.
 */
import type { OrientStatus } from '../orient/statuses.ts';
import type { RevisionMarker } from '../plans/markers.ts';

/** For citizens: what each status means, without the office's vocabulary. */
export const PLAIN_STATUS_TEXT: Record<OrientStatus, string> = {
  achieved: '目標を達成しました',
  on_track: '順調に進んでいます',
  at_risk: 'もう一歩です',
  off_track: '遅れています',
  cancelled: '中止しました（新型コロナウイルス感染症の影響など）',
  awaiting_data: '統計の公表を待っています',
  no_data: '数値がまだありません',
  not_assessed: '評価の対象外です（事業の終了など）',
};

/** How the document's list of revisions names each kind (中間見直しの概要). */
export const MARKER_KIND_TEXT: Record<RevisionMarker, string> = {
  measure_added: '新たな施策の追加',
  project_added: '新たな事業の追加',
  project_content_changed: '事業内容の変更',
  project_ended: '事業の終了',
  numeric_target_changed: '数値目標の変更',
  kpi_changed: 'ＫＰＩの変更',
  target_changed: '目標値の変更',
};
