/**
 * Roll-ups of KPI assessments for a project, measure, direction, goal or plan, and the link
 * from a goal's numeric targets to the KPIs under that goal.
 */
import { ORIENT_STATUSES, isJudged, worstStatus, type OrientStatus } from './statuses.ts';
import { roundRatio } from './trajectory.ts';
import type { KpiAssessment } from './types.ts';

export interface OrientSummary {
  total: number;
  counts: Record<OrientStatus, number>;
  /** By STATUS_SEVERITY_ORDER; null when there is nothing to summarize. */
  worstStatus: OrientStatus | null;
  /**
   * Mean achievement of the judged KPIs, each capped to 0–1 so that one KPI far beyond (or far
   * behind) its target does not hide the others; null when none was judged.
   */
  meanAchievement: number | null;
  /** KPIs without a figure for the year: no data plus awaiting data. */
  noDataCount: number;
}

type Assessed = Pick<KpiAssessment, 'status' | 'achievement'>;

export function summarize(assessments: Iterable<Assessed>): OrientSummary {
  const counts = Object.fromEntries(ORIENT_STATUSES.map((s) => [s, 0])) as Record<OrientStatus, number>;
  let total = 0;
  let sum = 0;
  let judged = 0;
  for (const a of assessments) {
    total++;
    counts[a.status]++;
    if (isJudged(a.status) && a.achievement !== null && Number.isFinite(a.achievement)) {
      sum += Math.min(1, Math.max(0, a.achievement));
      judged++;
    }
  }
  return {
    total,
    counts,
    worstStatus: worstStatus(ORIENT_STATUSES.filter((s) => counts[s] > 0)),
    meanAchievement: judged ? roundRatio(sum / judged) : null,
    noDataCount: counts.no_data + counts.awaiting_data,
  };
}

export interface NumericTargetLink {
  numericTargetId: string;
  status: OrientStatus;
  /** The KPIs of every project under the goal: what the numeric target is expected to move. */
  supportingKpiIds: string[];
  supporting: OrientSummary;
}

/**
 * The document ties a goal's numeric targets to the goal's measures, not to single KPIs, so each
 * numeric target is linked to every KPI under its goal.
 */
export function linkNumericTargets(
  numericTargets: readonly { id: string; assessment: Assessed }[],
  kpisUnderGoal: readonly { id: string; assessment: Assessed }[],
): NumericTargetLink[] {
  const supporting = summarize(kpisUnderGoal.map((k) => k.assessment));
  const supportingKpiIds = kpisUnderGoal.map((k) => k.id);
  return numericTargets.map((t) => ({ numericTargetId: t.id, status: t.assessment.status, supportingKpiIds, supporting }));
}
