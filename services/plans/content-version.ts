/**
 * A plan's content version: what its dashboard is cached by. No service bumps it: triggers on
 * every table the dashboard reads do, in the writing transaction, and announce the plan on
 * the change feed at commit (db/migrations/0017_content_version_trigger.sql). A cached
 * dashboard is valid exactly while the version it was built from is the current one.
 */
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { preparedQuery } from '../../db/prepared.ts';
import { plans } from '../../db/schema/index.ts';

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
