/**
 * The Orient statuses of a KPI at a fiscal year, their labels, and the order in which one is
 * "worse" than another (used to name the worst status of a project, measure, direction or goal).
 */

export const ORIENT_STATUSES = ['achieved', 'on_track', 'at_risk', 'off_track', 'cancelled', 'awaiting_data', 'no_data', 'not_assessed'] as const;
export type OrientStatus = (typeof ORIENT_STATUSES)[number];

export const STATUS_LABELS: Record<OrientStatus, { ja: string; en: string }> = {
  achieved: { ja: '達成', en: 'Achieved' },
  on_track: { ja: '順調', en: 'On track' },
  at_risk: { ja: '要注意', en: 'At risk' },
  off_track: { ja: '遅れ', en: 'Off track' },
  cancelled: { ja: '中止', en: 'Cancelled' },
  awaiting_data: { ja: '判定保留', en: 'Awaiting data' },
  no_data: { ja: 'データなし', en: 'No data' },
  not_assessed: { ja: '評価対象外', en: 'Not assessed' },
};

/**
 * One colour per status for every chart (the dashboard's bars, the public page's): told apart
 * by people with the common colour-vision deficiencies (Okabe–Ito based).
 */
export const STATUS_COLORS: Record<OrientStatus, string> = {
  achieved: '#009E73',
  on_track: '#56B4E9',
  at_risk: '#E69F00',
  off_track: '#D55E00',
  cancelled: '#999999',
  awaiting_data: '#CCCCCC',
  no_data: '#DDDDDD',
  not_assessed: '#EEEEEE',
};

/**
 * Worst first. Judged performance comes first (off track is the worst), then a missing figure
 * that someone should chase, then the good results; a figure not yet published, a cancelled
 * project and a KPI outside the assessment say nothing about performance, so they come last.
 */
export const STATUS_SEVERITY_ORDER: readonly OrientStatus[] = [
  'off_track',
  'at_risk',
  'no_data',
  'on_track',
  'achieved',
  'awaiting_data',
  'cancelled',
  'not_assessed',
];

/** Higher is worse: off_track 7 … not_assessed 0. */
export const STATUS_SEVERITY: Record<OrientStatus, number> = Object.fromEntries(
  STATUS_SEVERITY_ORDER.map((status, i) => [status, STATUS_SEVERITY_ORDER.length - 1 - i]),
) as Record<OrientStatus, number>;

/** The statuses that judge a figure against its target; the others say why no judgement was made. */
export const JUDGED_STATUSES: readonly OrientStatus[] = ['achieved', 'on_track', 'at_risk', 'off_track'];

export function isJudged(status: OrientStatus): boolean {
  return JUDGED_STATUSES.includes(status);
}

/** The worst of some statuses, or null when there are none. */
export function worstStatus(statuses: Iterable<OrientStatus>): OrientStatus | null {
  let worst: OrientStatus | null = null;
  for (const status of statuses) if (worst === null || STATUS_SEVERITY[status] > STATUS_SEVERITY[worst]) worst = status;
  return worst;
}
