/**
 * The population vision, tracked: the organization's observed years, the plan's vision figures
 * grouped into their series (goal, 社人研 projection, simulations, outlook) and the gap of each
 * observed total to the vision path (vision-path.ts says how the path is drawn). Read by the
 * population page, the dashboard page and, at publication, the public page's snapshot.
 */
import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { populationFigures, populationObservations } from '../../db/schema/index.ts';
import { requireUserOrSystem } from '../auth/authorize.ts';
import type { ServiceContext } from '../context.ts';
import { findPlanInOrganization } from '../plans/find-plan.ts';
import { naturalChange, socialChange, timeOfFigure, visionGap, visionPath, type PathPoint, type VisionGap } from './vision-path.ts';

export interface VisionSeries {
  kind: string;
  label: string;
  note: string | null;
  points: { year: number; month: number | null; value: number; printed: string | null; at: number }[];
}

export interface ObservedYear {
  year: number;
  asOf: string;
  total: number;
  births: number | null;
  deaths: number | null;
  inMigration: number | null;
  outMigration: number | null;
  naturalChange: number | null;
  socialChange: number | null;
  source: string | null;
  version: number;
}

export interface PopulationTracking {
  observations: ObservedYear[];
  /** The document's starting population (kind `current`), shown as such. */
  start: VisionSeries | null;
  goal: VisionSeries | null;
  others: VisionSeries[];
  path: PathPoint[];
  gaps: VisionGap[];
  /** The gap of the latest observed year, when it lies on the path. */
  latest: VisionGap | null;
}

export async function getPopulationTracking({ ctx, input }: { ctx: ServiceContext; input: { planId: string } }): Promise<PopulationTracking> {
  const user = requireUserOrSystem(ctx);
  const plan = await findPlanInOrganization(ctx.db, input.planId, user?.organizationId);
  return populationTrackingOf(ctx.db, plan);
}

/** For a plan already found and authorized (the publication's snapshot). */
export async function populationTrackingOf(db: DbOrTx, plan: { id: string; organizationId: string }): Promise<PopulationTracking> {
  const [figures, rows] = await Promise.all([
    db.select().from(populationFigures).where(eq(populationFigures.planId, plan.id)).orderBy(asc(populationFigures.position)),
    db.select().from(populationObservations).where(eq(populationObservations.organizationId, plan.organizationId)).orderBy(asc(populationObservations.year)),
  ]);
  const series = new Map<string, VisionSeries>();
  for (const f of figures) {
    const key = `${f.kind}\u0000${f.label}`;
    const s = series.get(key) ?? { kind: f.kind, label: f.label, note: f.note, points: [] };
    s.points.push({ year: f.year, month: f.month, value: f.value, printed: f.printed, at: timeOfFigure(f) });
    series.set(key, s);
  }
  const all = [...series.values()];
  const path = visionPath(figures);
  const observations = rows.map((r) => ({
    year: r.year,
    asOf: r.asOf,
    total: r.total,
    births: r.births,
    deaths: r.deaths,
    inMigration: r.inMigration,
    outMigration: r.outMigration,
    naturalChange: naturalChange(r),
    socialChange: socialChange(r),
    source: r.source,
    version: r.version,
  }));
  const gaps = observations.map((o) => visionGap(path, o)).filter((g): g is VisionGap => g !== null);
  const last = observations.at(-1);
  return {
    observations,
    start: all.find((s) => s.kind === 'current') ?? null,
    goal: all.find((s) => s.kind === 'goal') ?? null,
    others: all.filter((s) => s.kind !== 'current' && s.kind !== 'goal'),
    path,
    gaps,
    latest: last ? (gaps.find((g) => g.year === last.year) ?? null) : null,
  };
}
