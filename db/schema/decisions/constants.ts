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

/**
 * What the decision log records: the plan's revisions (the document's kinds above), the
 * strategy office's decisions about the citizens' page, which are not revisions of the plan, and
 * an amendment of a measure's title or summary (the document prints no kind for it; only an
 * amendment makes one, services/plans/editor/amend-measure.ts).
 */
export const DECISION_MARKERS = [...REVISION_MARKERS, 'publication_withdrawn', 'measure_changed'] as const;
export type DecisionMarker = (typeof DECISION_MARKERS)[number];
