/**
 * What P7's pages cost one request at a time, on the bench data (after `npm run bench -- --only P7`,
 * which leaves the open cycles): for each page, the first answer's time, the mean of 20 more, and
 * how many statements PostgreSQL ran per request (the database's committed transactions: every
 * statement outside a transaction is one). With `--cpu-prof`, the API also writes a CPU profile
 * of 10 s of load per page to /tmp/cityplan-profile. With `log_min_duration_statement = 0` set on the
 * database, PostgreSQL's log holds every statement between the marks `profile-mark start|end <page>`.
 *
 *   node bench/profile-pages.ts [--cpu-prof]
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { spawn } from 'node:child_process';
import postgres from 'postgres';
import { orgCode } from './generate.ts';
import { load, signIn } from './http-load.ts';
import { BENCH_FISCAL_YEAR } from './p2-open-cycles.ts';

const databaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/cityplan_bench';
const cpuProfile = process.argv.includes('--cpu-prof');
const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATABASE_URL: databaseUrl, REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', QUEUE_PREFIX: 'cityplan-bench', SEED_PLAN_FILE: '', LOG_LEVEL: 'warn', SMTP_URL: 'smtp://127.0.0.1:2525', PORT: '3910' };
const args = cpuProfile ? ['--cpu-prof', '--cpu-prof-dir=/tmp/cityplan-profile', 'services/api.ts'] : ['services/api.ts'];
const api = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise<void>((resolve) => api.stdout!.on('data', (d: Buffer) => d.toString().includes('API on') && resolve()));
api.stdout!.resume();

try {
  const [plan] = await sql<{ id: string }[]>`select p.id from plans p join organizations o on o.id = p.organization_id where o.code = ${orgCode(1)}`;
  const [cycle] = await sql<{ id: string }[]>`
    select c.id from review_cycles c join review_tasks t on t.cycle_id = c.id
    where c.plan_id = ${plan!.id} and c.fiscal_year = ${BENCH_FISCAL_YEAR} group by c.id order by count(*) desc limit 1`;
  const base = 'http://127.0.0.1:3910';
  const cookie = await signIn(base, orgCode(1), `office@${orgCode(1)}.example`);
  const pages = {
    'dashboard page': `${base}/plans/${plan!.id}/dashboard`,
    'cycle page': `${base}/cycles/${cycle!.id}`,
    'OODA board': `${base}/plans/${plan!.id}/board?fiscalYear=${BENCH_FISCAL_YEAR}`,
    マイタスク: `${base}/tasks`,
  };
  const commits = async () => {
    // Backends report their counts when idle, at most once a second.
    await sleep(1500);
    const [row] = await sql<{ n: string }[]>`select xact_commit::text as n from pg_stat_database where datname = current_database()`;
    return Number(row!.n);
  };
  const get = async (url: string) => {
    const started = performance.now();
    const res = await fetch(url, { headers: { cookie, accept: 'text/html' } });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
    return { ms: performance.now() - started, bytes: body.length };
  };
  for (const [name, url] of Object.entries(pages)) {
    const first = await get(url);
    const before = await commits();
    // With log_min_duration_statement = 0 on the database, the statements between two marks are this page's.
    await sql.unsafe(`select 'profile-mark start ${name}'`);
    let total = 0;
    for (let i = 0; i < 20; i++) total += (await get(url)).ms;
    await sql.unsafe(`select 'profile-mark end ${name}'`);
    // The two reads of the counter are themselves statements on another connection.
    const statements = ((await commits()) - before - 1) / 20;
    console.log(`${name}: first ${first.ms.toFixed(1)} ms, then ${(total / 20).toFixed(1)} ms mean, ${statements.toFixed(1)} statements per request, ${(first.bytes / 1024).toFixed(0)} KB`);
    if (cpuProfile) await load(url, { connections: 20, seconds: 10, headers: { cookie, accept: 'text/html' } });
  }
} finally {
  const exited = new Promise((resolve) => api.once('exit', resolve));
  api.kill('SIGINT');
  await exited;
  await sql.end();
}
