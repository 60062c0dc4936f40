import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { count, eq, sql } from 'drizzle-orm';
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
  const settingsFile = seedSettingsFile(file);
  const settings = settingsFile ? await readPlanFile(settingsFile) : undefined;
  return withTransaction(ctx, async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK})`);
    const [row] = await tx.select({ n: count() }).from(plans);
    if (row!.n > 0) return undefined;
    const result = await importPlan({ ctx: { ...ctx, db: tx }, input });
    // The city's own settings for the plan (e.g. when late statistics are published) sit beside
    // the plan file, never in it: they are not the document's data.
    if (settings !== undefined) await tx.update(plans).set({ orientSettings: settings as never }).where(eq(plans.id, result.planId));
    return result;
  });
}

/** `x.plan.json` → `x.settings.json`, the city's settings for the plan, if there is such a file. */
export function seedSettingsFile(planFile: string): string | undefined {
  const file = planFile.replace(/\.plan\.json$/, '.settings.json');
  return file !== planFile && existsSync(file) ? file : undefined;
}

export async function readPlanFile(file: string): Promise<unknown> {
  const text = await readFile(file, 'utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not valid JSON: ${(error as Error).message}`);
  }
}
