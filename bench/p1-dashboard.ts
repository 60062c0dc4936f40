/**
 * P1: the plan dashboard (one plan, every KPI with status and roll-ups) at 50 connections,
 * against a bare Fastify route doing one primary-key SELECT. Both servers are child
 * processes; the load comes from this one. P6 reads the API's peak RSS afterwards.
 */
import { orgCode } from './generate.ts';
import { load, signIn, type LoadResult } from './http-load.ts';
import { startChild, type Child } from './processes.ts';
import type { Bench } from './setup.ts';

export async function benchDashboard(bench: Bench, options: { seconds: number; connections: number }) {
  const { sql } = bench;
  const [plan] = await sql<{ id: string }[]>`select p.id from plans p join organizations o on o.id = p.organization_id where o.code = ${orgCode(1)}`;
  if (!plan) throw new Error('no bench plan: generate first');
  const api = await startChild('services/api.ts', { ...bench.env, PORT: '3900' }, 'API on');
  const raw = await startChild('bench/raw-server.ts', { ...bench.env, PORT: '3901' }, 'raw server ready');
  try {
    const cookie = await signIn('http://127.0.0.1:3900', orgCode(1), `office@${orgCode(1)}.example`);
    // What a browser sends: its session and that it takes gzip.
    const headers = { cookie, 'accept-encoding': 'gzip, deflate, br' };
    const dashboardUrl = `http://127.0.0.1:3900/api/plans/${plan.id}/dashboard`;
    const rawUrl = `http://127.0.0.1:3901/raw/${plan.id}`;
    const check = await fetch(dashboardUrl, { headers: { cookie } });
    if (check.status !== 200) throw new Error(`dashboard answered ${check.status}: ${(await check.text()).slice(0, 300)}`);
    const bytes = (await check.arrayBuffer()).byteLength;

    bench.log(`P1: warming up (dashboard ${Math.round(bytes / 1024)} KB of JSON)`);
    await load(rawUrl, { connections: options.connections, seconds: 2, headers });
    await load(dashboardUrl, { connections: options.connections, seconds: 2, headers });
    // Interleaved rounds, so a noisy moment hurts both sides alike.
    const rounds: { raw: LoadResult; dashboard: LoadResult }[] = [];
    for (let round = 1; round <= 2; round++) {
      bench.log(`P1: round ${round}/2, ${options.seconds} s each at ${options.connections} connections`);
      const rawResult = await load(rawUrl, { ...options, headers });
      const dashboard = await load(dashboardUrl, { ...options, headers });
      rounds.push({ raw: rawResult, dashboard });
    }
    for (const r of rounds) for (const side of [r.raw, r.dashboard]) if (side.failures) throw new Error(`P1: ${side.failures} requests failed`);
    const mean = (pick: (r: (typeof rounds)[number]) => number) => rounds.reduce((s, r) => s + pick(r), 0) / rounds.length;
    return {
      raw: { rps: mean((r) => r.raw.requestsPerSecond), p99: mean((r) => r.raw.p99Ms) },
      dashboard: { rps: mean((r) => r.dashboard.requestsPerSecond), p99: mean((r) => r.dashboard.p99Ms) },
      apiPeakRssMb: api.peakRssMb(),
      rawPeakRssMb: raw.peakRssMb(),
    };
  } finally {
    await stopAll([api, raw]);
  }
}

export async function stopAll(children: Child[]) {
  await Promise.all(children.map((c) => c.stop()));
}
