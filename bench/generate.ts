/**
 * Builds N municipalities for the benchmarks, each with a plan shaped like Tomakomai's (its
 * goals, 19 measures, 75 projects, 104 KPIs and 27 departments, with the actuals varied by a
 * seeded random factor so no two plans are the same) and its staff: an admin, a strategy
 * office user and one member per department, with department mailboxes. Plans go through the
 * product's own importer; users are inserted in bulk with one shared password hash (argon2
 * per user would take an hour at N = 1,741 and measures nothing). Resumable: organizations
 * already present are skipped.
 */
import { inArray } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { departments, organizations, users } from '../db/schema/index.ts';
import { hashPassword } from '../services/auth/passwords.ts';
import { systemClock } from '../services/context.ts';
import { importPlan } from '../services/plans/import-plan.ts';
import { readPlanFile } from '../services/plans/seed-plan.ts';
import { progress } from './progress.ts';

export const BENCH_PASSWORD = 'bench-password';
export const SEED_PLAN_FILE = 'db/seed/tomakomai-2020-2024.plan.json';

export const orgCode = (i: number) => `bench-${String(i).padStart(4, '0')}`;

interface PlanFileShape {
  organization: { code: string; name: string; nameEn?: string };
  plan: { code: string; name: string };
  goals: unknown[];
  [key: string]: unknown;
}

/** A copy of the seed plan for municipality `i`: its own codes, and actuals scaled by 0.8–1.2. */
function planFor(seed: PlanFileShape, i: number): PlanFileShape {
  const random = mulberry32(i);
  const copy = structuredClone(seed);
  copy.organization = { code: orgCode(i), name: `ベンチ市${i}`, nameEn: `Bench City ${i}` };
  // A KPI's actuals keep their kind of number: whole counts stay whole, percentages stay within 0–100.
  const vary = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(vary);
    if (!node || typeof node !== 'object') return;
    const record = node as { unit?: string; values?: { kind: string; value?: number }[] };
    for (const v of record.unit && record.values ? record.values : []) {
      if (v.kind !== 'actual' || typeof v.value !== 'number') continue;
      const scaled = v.value * (0.8 + 0.4 * random());
      const rounded = Number.isInteger(v.value) ? Math.round(scaled) : Math.round(scaled * 10) / 10;
      v.value = record.unit === '%' ? Math.min(100, rounded) : rounded;
    }
    Object.values(record).forEach(vary);
  };
  vary(copy.goals);
  return copy;
}

export async function generate(db: Database, count: number, options: { concurrency?: number; log?: (line: string) => void } = {}) {
  const log = options.log ?? ((line: string) => console.log(line));
  const seed = (await readPlanFile(SEED_PLAN_FILE)) as PlanFileShape;
  const codes = Array.from({ length: count }, (_, k) => orgCode(k + 1));
  const present = new Set((await db.select({ code: organizations.code }).from(organizations).where(inArray(organizations.code, codes))).map((o) => o.code));
  const missing = codes.map((code, k) => ({ code, i: k + 1 })).filter((o) => !present.has(o.code));
  log(`generate: ${count} municipalities wanted, ${present.size} present, ${missing.length} to build`);
  if (!missing.length) return;

  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const ctx = { db, clock: systemClock, actor: { type: 'system' as const, name: 'bench-generate' } };
  const tick = progress('generate', missing.length, log);
  let next = 0;
  const worker = async () => {
    while (next < missing.length) {
      const { i } = missing[next++]!;
      const imported = await importPlan({ ctx, input: planFor(seed, i) });
      await addStaff(db, imported.organizationId, orgCode(i), passwordHash);
      tick();
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));
}

async function addStaff(db: Database, organizationId: string, code: string, passwordHash: string) {
  const domain = `${code}.example`;
  await db.transaction(async (tx) => {
    const depts = await tx.select().from(departments).where(inArray(departments.organizationId, [organizationId]));
    for (const d of depts) {
      await tx.update(departments).set({ email: `${d.code}@${domain}`, headEmail: `head.${d.code}@${domain}`, deputyEmail: `deputy.${d.code}@${domain}` }).where(inArray(departments.id, [d.id]));
    }
    const office = depts.find((d) => d.code === 'policy-promotion') ?? depts[0]!;
    await tx.insert(users).values([
      { organizationId, email: `admin@${domain}`, name: '管理者', role: 'admin' as const, departmentId: office.id, passwordHash },
      { organizationId, email: `office@${domain}`, name: '戦略担当', role: 'strategy_office' as const, departmentId: office.id, passwordHash },
      ...depts.map((d) => ({ organizationId, email: `member.${d.code}@${domain}`, name: `${d.name} 担当`, role: 'department_member' as const, departmentId: d.id, passwordHash })),
    ]);
  });
}

/** A small seeded PRNG, so the same N always builds the same data. */
function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
