/**
 * GET /metrics in Prometheus' text format, for a scraper that sends `Authorization: Bearer
 * <METRICS_TOKEN>`; without METRICS_TOKEN there is no such route (404). Request latency
 * is measured in this process; queue depths, emails and outbox lag are read from Redis and
 * PostgreSQL at scrape time, so they cover every worker process, however many run.
 */
import { timingSafeEqual } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { closeQueues, createQueues, QUEUE_NAMES } from '../../jobs/queues.ts';
import type { AppDeps } from '../deps.ts';

const JOB_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

export async function metricsRoutes(app: FastifyInstance, deps: AppDeps) {
  const token = deps.config.metricsToken;
  // Off: no route (a 404 like any unknown URL), no measuring, no queue connections.
  if (token === '') return;
  // One registry per app: tests build several apps in one process.
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'cityplan_' });

  const latency = new Histogram({
    name: 'cityplan_http_request_duration_seconds',
    help: 'HTTP request latency by route pattern (not the URL, so ids do not multiply the series)',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    // Unmatched URLs (404s, scanners) share one series.
    const route = request.routeOptions.url ?? 'unmatched';
    latency.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });

  const queues = createQueues(deps.config, deps.redis);
  app.addHook('onClose', () => closeQueues(queues));
  new Gauge({
    name: 'cityplan_queue_jobs',
    help: 'Jobs per BullMQ queue and state; failed counts jobs that used up their attempts (kept two weeks)',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const name of QUEUE_NAMES) {
        const counts = await queues[name].getJobCounts(...JOB_STATES);
        for (const state of JOB_STATES) this.set({ queue: name, state }, counts[state] ?? 0);
      }
    },
  });

  new Gauge({
    name: 'cityplan_emails',
    help: 'Recorded emails by delivery status (sent, pending: waiting or being retried, failed: given up)',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      const rows = await deps.db.execute<{ status: string; count: number }>(sql`select status, count(*)::int as count from emails group by status`);
      this.reset();
      for (const status of ['sent', 'pending', 'failed']) this.set({ status }, 0);
      for (const row of rows) this.set({ status: row.status }, row.count);
    },
  });

  new Gauge({
    name: 'cityplan_outbox_lag_seconds',
    // Measured on the database's clock: run_at of deadline jobs is on the application's clock, which
    // differs only when CLOCK_OFFSET_MS shifts it for a demo.
    help: 'Age of the oldest outbox job that is due and not yet done (0 when none): how far the worker is behind',
    registers: [registry],
    async collect() {
      const [row] = await deps.db.execute<{ lag: number }>(
        sql`select coalesce(extract(epoch from now() - min(coalesce(run_at, created_at))), 0)::float8 as lag
            from outbox where completed_at is null and coalesce(run_at, created_at) <= now()`,
      );
      this.set(Math.max(0, row?.lag ?? 0));
    },
  });
  new Gauge({
    name: 'cityplan_outbox_undone',
    help: 'Outbox jobs not yet done, including those scheduled for later',
    registers: [registry],
    async collect() {
      const [row] = await deps.db.execute<{ count: number }>(sql`select count(*)::int as count from outbox where completed_at is null`);
      this.set(row?.count ?? 0);
    },
  });

  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    if (!sameToken(request.headers.authorization, `Bearer ${token}`)) {
      return reply
        .status(401)
        .header('www-authenticate', 'Bearer')
        .send({ error: { code: 'UNAUTHORIZED', message: 'GET /metrics needs Authorization: Bearer <METRICS_TOKEN>', requestId: request.id } });
    }
    return reply.type(registry.contentType).send(await registry.metrics());
  });
}

function sameToken(given: string | undefined, expected: string): boolean {
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
