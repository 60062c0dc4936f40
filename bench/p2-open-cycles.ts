/**
 * P2: opening a fiscal year's review cycles for every plan (N × 19 cycles, each with its
 * tasks, its OPEN event and its outbox row), through the product's openCycles as the
 * collect-actuals job runs it, against raw multi-row INSERTs of the same rows.
 */
import { startCycle } from '../workflows/review-cycle.runner.ts';
import { openCycles } from '../services/reviews/open-cycles.ts';
import { progress } from './progress.ts';
import type { Bench } from './setup.ts';

export const BENCH_FISCAL_YEAR = 2024;
export const BENCH_DUE_DATE = '2025-06-30';

/** Removes what earlier runs opened (cycles and everything hanging from them, queued work, emails). */
export async function resetReviews(bench: Bench) {
  await bench.sql`truncate review_cycles, outbox, emails, escalations cascade`;
}

export async function benchOpenCycles(bench: Bench, options: { concurrency: number }) {
  const { sql } = bench;
  await resetReviews(bench);
  const plans = await sql<{ id: string; organizationId: string }[]>`select id, organization_id as "organizationId" from plans order by id`;

  // Raw: the same rows, built in memory, then inserted a thousand per statement in one transaction.
  const measures = await sql<{ id: string; planId: string; number: number }[]>`select id, plan_id as "planId", number from measures`;
  const owners = await sql<{ measureId: string; projectId: string; departmentId: string; position: number }[]>`
    select p.measure_id as "measureId", p.id as "projectId", pd.department_id as "departmentId", pd.position
    from projects p join project_departments pd on pd.project_id = p.id where p.status = 'active'`;
  const orgOf = new Map(plans.map((p) => [p.id, p.organizationId]));
  const ownersOf = new Map<string, typeof owners>();
  for (const o of owners) ownersOf.set(o.measureId, [...(ownersOf.get(o.measureId) ?? []), o]);
  const now = new Date();
  const cycles = measures.map((m) => {
    const id = crypto.randomUUID();
    const step = startCycle({ cycleId: id, measureNumber: m.number, fiscalYear: BENCH_FISCAL_YEAR });
    return {
      id,
      organization_id: orgOf.get(m.planId)!,
      plan_id: m.planId,
      measure_id: m.id,
      fiscal_year: BENCH_FISCAL_YEAR,
      phase: step.phase,
      machine_version: step.machineVersion,
      snapshot: step.snapshot as never,
      due_date: BENCH_DUE_DATE,
      opened_at: now,
      updated_at: now,
    };
  });
  const tasks = cycles.flatMap((c) =>
    (ownersOf.get(c.measure_id) ?? []).map((o) => ({ cycle_id: c.id, project_id: o.projectId, department_id: o.departmentId, lead: o.position === 0, due_date: BENCH_DUE_DATE })),
  );
  const events = cycles.map((c) => ({ cycle_id: c.id, type: 'OPEN', phase: 'observe', detail: { dueDate: BENCH_DUE_DATE } as never, at: now }));
  const outbox = cycles.map((c) => ({ job: 'announce-phase', payload: { cycleId: c.id, phase: 'observe' } as never }));
  bench.log(`P2: raw insert of ${cycles.length} cycles, ${tasks.length} tasks, ${events.length} events, ${outbox.length} outbox rows`);
  const rawStarted = performance.now();
  await sql.begin(async (tx) => {
    for (const [table, rows] of [['review_cycles', cycles], ['review_tasks', tasks], ['review_events', events], ['outbox', outbox]] as const) {
      for (let i = 0; i < rows.length; i += 1000) await tx`insert into ${tx(table)} ${tx(rows.slice(i, i + 1000) as Record<string, unknown>[])}`;
    }
  });
  const rawMs = performance.now() - rawStarted;
  await resetReviews(bench);

  // The product: openCycles per plan, as many at once as the worker's schedule queue runs.
  bench.log(`P2: opening FY${BENCH_FISCAL_YEAR} for ${plans.length} plans, ${options.concurrency} at a time`);
  const tick = progress('P2', plans.length, bench.log);
  const ctx = { db: bench.deps.db, clock: bench.deps.clock, actor: { type: 'system' as const, name: 'bench' } };
  let next = 0;
  let opened = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (next < plans.length) {
        const plan = plans[next++]!;
        const result = await openCycles({ ctx, input: { planId: plan.id, fiscalYear: BENCH_FISCAL_YEAR, dueDate: BENCH_DUE_DATE } });
        opened += result.opened.length;
        tick();
      }
    }),
  );
  const productMs = performance.now() - started;
  const [{ tasks: openedTasks }] = await sql<{ tasks: number }[]>`select count(*)::int as tasks from review_tasks`;
  if (opened !== cycles.length || openedTasks !== tasks.length) throw new Error(`P2: opened ${opened} cycles and ${openedTasks} tasks, expected ${cycles.length} and ${tasks.length}`);
  return { cycles: cycles.length, tasks: tasks.length, rawMs, productMs };
}
