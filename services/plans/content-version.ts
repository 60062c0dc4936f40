/**
 * A plan's content version: what its dashboard is cached by. Every service that changes what
 * a dashboard shows bumps it inside its own transaction, so a cached dashboard is valid
 * exactly while the version it was built from is the current one.
 */
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client.ts';
import { plans } from '../../db/schema/index.ts';

export async function touchPlan(tx: Tx, target: { planId: string } | { organizationId: string }) {
  await tx
    .update(plans)
    .set({ contentVersion: sql`${plans.contentVersion} + 1` })
    .where('planId' in target ? eq(plans.id, target.planId) : eq(plans.organizationId, target.organizationId));
}

const currentVersion = (db: DbOrTx) =>
  db
    .select({ organizationId: plans.organizationId, contentVersion: plans.contentVersion })
    .from(plans)
    .where(eq(plans.id, sql.placeholder('planId')))
    .prepare('plan_content_version');

const prepared = new WeakMap<DbOrTx, ReturnType<typeof currentVersion>>();

/** One primary-key read, built once per database handle: it runs on every dashboard request. */
export async function planContentVersion(db: DbOrTx, planId: string) {
  let query = prepared.get(db);
  if (!query) prepared.set(db, (query = currentVersion(db)));
  const [row] = await query.execute({ planId });
  return row;
}
