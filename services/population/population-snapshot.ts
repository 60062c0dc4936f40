/** The public page's snapshot carries the population vision, tracked, once a year has been observed (an added field of the format). */
import type { DbOrTx } from '../../db/client.ts';
import type { ProgressSnapshot } from '../reports/progress-snapshot.ts';
import { populationTrackingOf } from './get-population-tracking.ts';

export async function withPopulation(db: DbOrTx, plan: { id: string; organizationId: string }, snapshot: ProgressSnapshot): Promise<ProgressSnapshot> {
  const population = await populationTrackingOf(db, plan);
  return population.observations.length ? { ...snapshot, population } : snapshot;
}
