/**
 * A plan's content version: what its dashboard is cached by. Every service that changes what
 * a dashboard shows bumps it inside its own transaction, so a cached dashboard is valid
 * exactly while the version it was built from is the current one.
 */
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client.ts';
import { preparedQuery } from '../../db/prepared.ts';
import { plans } from '../../db/schema/index.ts';
import { announce } from '../cache/changes.ts';

export async function touchPlan(tx: Tx, target: { planId: string } | { organizationId: string }) {
  const touched = await tx
    .update(plans)
    .set({ contentVersion: sql`${plans.contentVersion} + 1` })
    .where('planId' in target ? eq(plans.id, target.planId) : eq(plans.organizationId, target.organizationId))
    .returning({ id: plans.id });
  // Every API process drops its cached version when (and if) this transaction commits.
  await announce(tx, 'plan', touched.map((p) => p.id));
}

const currentVersion = preparedQuery((db) =>
  db
    .select({ organizationId: plans.organizationId, contentVersion: plans.contentVersion })
    .from(plans)
    .where(eq(plans.id, sql.placeholder('planId')))
    .prepare('plan_content_version'),
);

/** One primary-key read; each API process then keeps it until a change to the plan is announced. */
export async function planContentVersion(db: DbOrTx, planId: string) {
  const [row] = await currentVersion(db).execute({ planId });
  return row;
}
