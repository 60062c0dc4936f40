import { readFile } from 'node:fs/promises';
import { count, sql } from 'drizzle-orm';
import { plans } from '../../db/schema/index.ts';
import { withTransaction, type ServiceContext } from '../context.ts';
import { importPlan, type ImportResult } from './import-plan.ts';

const SEED_LOCK = 7_204_512;

/**
 * Loads the configured plan file when the database holds no plan yet (first start). A lock
 * keeps several API processes starting at once from importing it twice.
 */
export async function seedPlanIfEmpty(ctx: ServiceContext, file: string): Promise<ImportResult | undefined> {
  if (!file) return undefined;
  const input = await readPlanFile(file);
  return withTransaction(ctx, async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK})`);
    const [row] = await tx.select({ n: count() }).from(plans);
    if (row!.n > 0) return undefined;
    return importPlan({ ctx: { ...ctx, db: tx }, input });
  });
}

export async function readPlanFile(file: string): Promise<unknown> {
  const text = await readFile(file, 'utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not valid JSON: ${(error as Error).message}`);
  }
}
