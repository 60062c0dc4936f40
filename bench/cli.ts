/**
 * `npm run bench`: builds N municipalities (default 1,741, the whole country) if they are not
 * there yet, runs P1–P7 and prints each figure as a ratio against a raw baseline measured in
 * the same run, as a Markdown table. See docs/benchmarks.md.
 *
 *   npm run bench -- --orgs 179 --seconds 10
 *   npm run bench -- --only P1,P6       (P2 runs too whenever P3, P5 or P7 need its cycles)
 *   npm run bench -- --only generate    (build the data and stop)
 */
import { parseArgs } from 'node:util';
import { benchDashboard } from './p1-dashboard.ts';
import { benchOpenCycles } from './p2-open-cycles.ts';
import { benchReminderSweep } from './p3-reminder-sweep.ts';
import { benchEmails } from './p4-emails.ts';
import { benchTransitions } from './p5-transitions.ts';
import { benchPages, P7_PAGES } from './p7-pages.ts';
import { fmt, machine, table, type Row } from './report.ts';
import { openBench } from './setup.ts';

const { values } = parseArgs({
  options: {
    orgs: { type: 'string', default: '1741' },
    only: { type: 'string', default: 'P1,P2,P3,P4,P5,P6,P7' },
    seconds: { type: 'string', default: '10' },
    emails: { type: 'string', default: '2000' },
    transitions: { type: 'string', default: '4000' },
  },
});
const organizations = Number(values.orgs);
if (!Number.isInteger(organizations) || organizations < 1) throw new Error('--orgs must be a whole number ≥ 1');
const only = new Set(values.only!.toUpperCase().split(',').map((s) => s.trim()));
const runs = (...ids: string[]) => ids.some((id) => only.has(id));

const log = (line: string) => console.log(`[bench] ${line}`);
const bench = await openBench({
  databaseUrl: process.env.BENCH_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/cityplan_bench',
  redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  organizations,
  inherited: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
  log,
});
const rows: Row[] = [];
const ratioRow = (row: Omit<Row, 'met'>, meets: (ratio: number) => boolean) => {
  rows.push({ ...row, met: meets(row.ratio) });
  log(`${row.id}: ${row.product} vs ${row.raw}: ${row.ratio.toFixed(2)}×`);
};

try {
  if (runs('P2', 'P3', 'P5', 'P7')) {
    const p2 = await benchOpenCycles(bench, { concurrency: 4 });
    ratioRow(
      {
        id: 'P2',
        what: `Open a fiscal year for all plans (${p2.cycles.toLocaleString('en')} cycles, ${p2.tasks.toLocaleString('en')} tasks); time`,
        product: fmt.ms(p2.productMs),
        raw: `${fmt.ms(p2.rawMs)} (multi-row INSERT)`,
        ratio: p2.productMs / p2.rawMs,
        target: '≤ 5×',
      },
      (r) => r <= 5,
    );
  }
  if (runs('P3')) {
    const p3 = await benchReminderSweep(bench);
    ratioRow(
      {
        id: 'P3',
        what: `Reminder sweep over all open tasks until its ${p3.jobs.toLocaleString('en')} jobs are enqueued; throughput`,
        product: fmt.rate((p3.jobs * 1000) / p3.productMs, 'jobs'),
        raw: `${fmt.rate((p3.jobs * 1000) / p3.rawMs, 'jobs')} (BullMQ addBulk)`,
        ratio: p3.rawMs / p3.productMs,
        target: '≥ 0.5×',
      },
      (r) => r >= 0.5,
    );
  }
  if (runs('P5')) {
    const p5 = await benchTransitions(bench, { transitions: Number(values.transitions), concurrency: 8 });
    ratioRow(
      {
        id: 'P5',
        what: 'Review-cycle transitions with persistence, 8 at a time; throughput',
        product: fmt.rate((p5.transitions * 1000) / p5.productMs, 'transitions'),
        raw: `${fmt.rate((p5.transitions * 1000) / p5.rawMs, 'transitions')} (lock, update, insert)`,
        ratio: p5.rawMs / p5.productMs,
        target: '≥ 0.7×',
      },
      (r) => r >= 0.7,
    );
  }
  // Before P4, which empties the review tables P7's pages show.
  if (runs('P7')) {
    const p7 = await benchPages(bench, { seconds: Number(values.seconds), connections: 20 });
    for (const name of P7_PAGES) {
      const { page, raw } = p7.results[name];
      ratioRow(
        {
          id: 'P7',
          what: `${name} at 20 connections, signed in; throughput (p99 ${page.p99Ms.toFixed(1)} ms, goal < 50 ms; the bare route's ${raw.p99Ms.toFixed(1)} ms)`,
          product: fmt.rate(page.requestsPerSecond, 'req'),
          raw: `${fmt.rate(raw.requestsPerSecond, 'req')} (bare route, one PK SELECT)`,
          ratio: page.requestsPerSecond / raw.requestsPerSecond,
          target: '≥ 0.05×, p99 < 50 ms',
        },
        (r) => r >= 0.05 && page.p99Ms < 50,
      );
    }
    rows.push({ id: 'P6', what: 'Peak RSS of the API during P7', product: fmt.mb(p7.apiPeakRssMb), raw: `${fmt.mb(p7.rawPeakRssMb)} (bare route's process)`, ratio: p7.apiPeakRssMb / p7.rawPeakRssMb, target: '< 250 MB', met: p7.apiPeakRssMb < 250 });
  }
  let workerPeakRssMb: number | undefined;
  if (runs('P4', 'P6')) {
    const p4 = await benchEmails(bench, { emails: Number(values.emails) });
    workerPeakRssMb = p4.workerPeakRssMb;
    ratioRow(
      {
        id: 'P4',
        what: `${p4.emails.toLocaleString('en')} emails through the queue to an SMTP sink; throughput`,
        product: fmt.rate((p4.emails * 1000) / p4.productMs, 'emails'),
        raw: `${fmt.rate((p4.emails * 1000) / p4.rawMs, 'emails')} (nodemailer pooled)`,
        ratio: p4.rawMs / p4.productMs,
        target: '≥ 0.7×',
      },
      (r) => r >= 0.7,
    );
  }
  if (runs('P1', 'P6')) {
    const p1 = await benchDashboard(bench, { seconds: Number(values.seconds), connections: 50 });
    ratioRow(
      {
        id: 'P1',
        what: 'Plan dashboard at 50 connections; throughput',
        product: fmt.rate(p1.dashboard.rps, 'req'),
        raw: `${fmt.rate(p1.raw.rps, 'req')} (bare route, one PK SELECT)`,
        ratio: p1.dashboard.rps / p1.raw.rps,
        target: '≥ 1.0×',
      },
      (r) => r >= 1,
    );
    rows.push({
      id: 'P1',
      what: 'Plan dashboard at 50 connections; p99 latency',
      product: `${p1.dashboard.p99.toFixed(1)} ms`,
      raw: `${p1.raw.p99.toFixed(1)} ms`,
      ratio: p1.dashboard.p99 / p1.raw.p99,
      target: 'p99 < 20 ms',
      met: p1.dashboard.p99 < 20,
    });
    const rss = (what: string, mb: number) =>
      rows.push({ id: 'P6', what, product: fmt.mb(mb), raw: `${fmt.mb(p1.rawPeakRssMb)} (bare route's process)`, ratio: mb / p1.rawPeakRssMb, target: '< 250 MB', met: mb < 250 });
    rss('Peak RSS of the API during P1', p1.apiPeakRssMb);
    if (workerPeakRssMb !== undefined) rss('Peak RSS of the worker during P4', workerPeakRssMb);
  }
  if (rows.length) {
    const [{ version }] = await bench.sql<{ version: string }[]>`select version()`;
    console.log(`\n${machine(version, organizations)}\n\n${table(rows)}\n`);
  }
} finally {
  await bench.close();
}
