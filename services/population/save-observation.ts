/** Writing one observed year, shared by the form/API verb and the CSV import: the conditional update and its log row. */
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { populationObservationLog, populationObservations } from '../../db/schema/index.ts';
import type { Clock } from '../context.ts';
import { conflict } from '../errors.ts';

export type Observation = typeof populationObservations.$inferSelect;
export type ObservationFigures = Pick<Observation, 'year' | 'asOf' | 'total' | 'births' | 'deaths' | 'inMigration' | 'outMigration' | 'source'>;
export type ObservationVia = 'form' | 'csv' | 'api';

const figuresOf = (o: ObservationFigures): ObservationFigures => ({
  year: o.year,
  asOf: o.asOf,
  total: o.total,
  births: o.births,
  deaths: o.deaths,
  inMigration: o.inMigration,
  outMigration: o.outMigration,
  source: o.source,
});

const same = (a: ObservationFigures, b: ObservationFigures) => JSON.stringify(figuresOf(a)) === JSON.stringify(figuresOf(b));

/**
 * Inserts the year or updates it from the version read (`expectedVersion`; null: the caller
 * expects no row yet, undefined: whatever is there, as an import overwrites). A lost race or a
 * stale version is a 409. An unchanged row is left as it is, with no log row.
 */
export async function saveObservation(
  tx: Tx,
  clock: Clock,
  at: { organizationId: string; userId: string | null; via: ObservationVia },
  figures: ObservationFigures,
  expectedVersion: number | null | undefined,
): Promise<Observation> {
  const where = and(eq(populationObservations.organizationId, at.organizationId), eq(populationObservations.year, figures.year));
  const [current] = await tx.select().from(populationObservations).where(where).for('update');
  const stale = () => conflict({ key: 'refusals.populationChanged', params: { year: figures.year } }, { year: figures.year });
  if (expectedVersion !== undefined && (current?.version ?? null) !== expectedVersion) throw stale();
  const values = figuresOf(figures);
  let saved: Observation | undefined;
  if (!current) {
    [saved] = await tx.insert(populationObservations).values({ organizationId: at.organizationId, ...values, updatedAt: clock.now() }).onConflictDoNothing().returning();
  } else {
    if (same(current, values)) return current;
    [saved] = await tx
      .update(populationObservations)
      .set({ ...values, version: current.version + 1, updatedAt: clock.now() })
      .where(and(eq(populationObservations.id, current.id), eq(populationObservations.version, current.version)))
      .returning();
  }
  if (!saved) throw stale();
  await tx.insert(populationObservationLog).values({
    organizationId: at.organizationId,
    year: figures.year,
    via: at.via,
    before: current ? figuresOf(current) : null,
    after: values,
    changedBy: at.userId,
    changedAt: clock.now(),
  });
  return saved;
}
