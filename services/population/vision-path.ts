/**
 * The population vision's path and the gap of an observed population to it. Pure.
 *
 * The vision states its goals only at a few points (the document: 15万人 in 2040, 13万人 in
 * 2060) and starts from the population it was drawn from (171,290 at the end of November
 * 2019). Between two stored points the path is the straight line joining them (linear
 * interpolation in time); before the first or after the last point there is no path, and no gap
 * is stated. A point stored with a month (現在人口, "11月末") stands at the end of that month; a
 * point with only a year stands on 1 January of that year, as a 住民基本台帳 total does.
 */

export interface VisionFigure {
  kind: string;
  year: number;
  month: number | null;
  value: number;
}

export interface PathPoint {
  /** Time in years: 2025.0 is 1 January 2025. */
  at: number;
  value: number;
}

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** A calendar day (YYYY-MM-DD) as a time in years. */
export function timeOfDay(isoDay: string): number {
  const [y, m, d] = isoDay.split('-').map(Number) as [number, number, number];
  const dayOfYear = (Date.UTC(y, m - 1, d) - Date.UTC(y, 0, 1)) / 86_400_000;
  return y + dayOfYear / (isLeap(y) ? 366 : 365);
}

/** Where a stored vision figure stands in time: the end of its month, or 1 January of its year. */
export const timeOfFigure = (f: { year: number; month: number | null }) => (f.month ? f.year + f.month / 12 : f.year);

/** The vision path's points: the starting population (kind `current`) and the goals, in time order. */
export function visionPath(figures: VisionFigure[]): PathPoint[] {
  return figures
    .filter((f) => f.kind === 'current' || f.kind === 'goal')
    .map((f) => ({ at: timeOfFigure(f), value: f.value }))
    .sort((a, b) => a.at - b.at);
}

/** The path's value at `at`, by straight lines between its points; null outside them. */
export function pathValueAt(path: PathPoint[], at: number): number | null {
  for (let i = 0; i + 1 < path.length; i++) {
    const a = path[i]!;
    const b = path[i + 1]!;
    if (at >= a.at && at <= b.at) return b.at === a.at ? b.value : a.value + ((b.value - a.value) * (at - a.at)) / (b.at - a.at);
  }
  return null;
}

export interface VisionGap {
  year: number;
  asOf: string;
  observed: number;
  /** The path's value on that day, rounded to a whole person. */
  expected: number;
  /** observed − expected: negative is fewer people than the path. */
  difference: number;
  /** The two stored points the value lies between. */
  from: PathPoint;
  to: PathPoint;
}

/** The gap of one observed total to the vision path; null when the day lies outside the path. */
export function visionGap(path: PathPoint[], observation: { year: number; asOf: string; total: number }): VisionGap | null {
  const at = timeOfDay(observation.asOf);
  const value = pathValueAt(path, at);
  if (value === null) return null;
  const i = path.findIndex((p, k) => k + 1 < path.length && at >= p.at && at <= path[k + 1]!.at);
  const expected = Math.round(value);
  return { year: observation.year, asOf: observation.asOf, observed: observation.total, expected, difference: observation.total - expected, from: path[i]!, to: path[i + 1]! };
}

/** Natural change (births − deaths) and social change (in − out), when both counts are known. */
export const naturalChange = (o: { births: number | null; deaths: number | null }) => (o.births === null || o.deaths === null ? null : o.births - o.deaths);
export const socialChange = (o: { inMigration: number | null; outMigration: number | null }) => (o.inMigration === null || o.outMigration === null ? null : o.inMigration - o.outMigration);
