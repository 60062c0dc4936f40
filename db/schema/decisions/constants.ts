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
