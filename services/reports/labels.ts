/**
 * Words the reports print that the Orient and review modules do not already name: task
 * statuses, cycle phases, measure numbers as the city writes them (施策①), and the plain words
 * the public page uses for each status.
 */
import type { CyclePhase, TaskStatus } from '../../db/schema/reviews/constants.ts';
import type { OrientStatus } from '../orient/statuses.ts';
import type { RevisionMarker } from '../plans/markers.ts';

export const TASK_STATUS_LABELS: Record<TaskStatus, string> = {
  open: '未提出',
  submitted: '提出済',
  accepted: '受理',
  returned: '差戻し',
  waived: '免除',
};

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

/** 1 → ①, as the document numbers its measures; past ⑳ the number in brackets. */
export function circled(n: number): string {
  return n >= 1 && n <= 20 ? String.fromCodePoint(0x2460 + n - 1) : `(${n})`;
}

export const measureLabel = (n: number) => `施策${circled(n)}`;

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

export const CYCLE_PHASE_LABELS: Record<CyclePhase, string> = {
  observe: '実績の収集',
  orient: '状況判断',
  decide: '見直しの決定',
  act: '実行',
  closed: '完了',
};
