/**
 * P7: the four staff pages people use most — the dashboard page, a review cycle's page, the OODA
 * board and マイタスク — each under wrk at 20 connections with a signed-in strategy officer's
 * session, against the same bare route as P1 in the same run. Needs P2's open cycles (a cycle's
 * page and the board show them).
 */
import { orgCode } from './generate.ts';
import { load, signIn, type LoadResult } from './http-load.ts';
import { stopAll } from './p1-dashboard.ts';
import { BENCH_FISCAL_YEAR } from './p2-open-cycles.ts';
import { startChild } from './processes.ts';
import type { Bench } from './setup.ts';

export const P7_PAGES = ['dashboard page', 'cycle page', 'OODA board', 'マイタスク'] as const;
export type P7Page = (typeof P7_PAGES)[number];

export async function benchPages(bench: Bench, options: { seconds: number; connections: number }) {
  const { sql } = bench;
  const [plan] = await sql<{ id: string }[]>`select p.id from plans p join organizations o on o.id = p.organization_id where o.code = ${orgCode(1)}`;
  if (!plan) throw new Error('no bench plan: generate first');
  // The measure with the most tasks: the heaviest cycle page a strategy officer opens.
  const [cycle] = await sql<{ id: string }[]>`
    select c.id from review_cycles c join review_tasks t on t.cycle_id = c.id
    where c.plan_id = ${plan.id} and c.fiscal_year = ${BENCH_FISCAL_YEAR} group by c.id order by count(*) desc limit 1`;
  if (!cycle) throw new Error('no open cycle: P7 runs after P2');
  // P2 has just inserted ~150,000 tasks; in production autovacuum analyzes such a change within
  // minutes. Without fresh statistics the planner scans every open task per cycle (the board
  // took 374 ms instead of 0.6 ms for its cycle list), which no city would see for long.
  bench.log('P7: ANALYZE after P2, as autovacuum would');
  await sql`analyze`;
  const api = await startChild('services/api.ts', { ...bench.env, PORT: '3900' }, 'API on');
  const raw = await startChild('bench/raw-server.ts', { ...bench.env, PORT: '3901' }, 'raw server ready');
  try {
    const base = 'http://127.0.0.1:3900';
    const cookie = await signIn(base, orgCode(1), `office@${orgCode(1)}.example`);
    const headers = { cookie, 'accept-encoding': 'gzip, deflate, br', accept: 'text/html' };
    const pages: Record<P7Page, string> = {
      'dashboard page': `${base}/plans/${plan.id}/dashboard`,
      'cycle page': `${base}/cycles/${cycle.id}`,
      'OODA board': `${base}/plans/${plan.id}/board?fiscalYear=${BENCH_FISCAL_YEAR}`,
      マイタスク: `${base}/tasks`,
    };
    const rawUrl = `http://127.0.0.1:3901/raw/${plan.id}`;
    for (const [name, url] of Object.entries(pages)) {
      const res = await fetch(url, { headers: { cookie, accept: 'text/html' }, redirect: 'manual' });
      if (res.status !== 200) throw new Error(`P7: ${name} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
    }
    bench.log('P7: warming up');
    await load(rawUrl, { connections: options.connections, seconds: 2, headers });
    for (const url of Object.values(pages)) await load(url, { connections: options.connections, seconds: 2, headers });
    const results = {} as Record<P7Page, { page: LoadResult; raw: LoadResult }>;
    for (const [name, url] of Object.entries(pages) as [P7Page, string][]) {
      bench.log(`P7: ${name}, ${options.seconds} s at ${options.connections} connections (and the bare route right before it)`);
      const rawResult = await load(rawUrl, { ...options, headers });
      const page = await load(url, { ...options, headers });
      if (page.failures || rawResult.failures) throw new Error(`P7: ${name}: ${page.failures + rawResult.failures} requests failed`);
      results[name] = { page, raw: rawResult };
    }
    return { results, apiPeakRssMb: api.peakRssMb(), rawPeakRssMb: raw.peakRssMb() };
  } finally {
    await stopAll([api, raw]);
  }
}
