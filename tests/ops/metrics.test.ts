import { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { outbox, emails } from '../../db/schema/index.ts';
import type { AppDeps } from '../../services/deps.ts';
import { buildApp } from '../../services/http/app.ts';
import { DEMO, signIn } from '../helpers/client.ts';
import { useTestApp } from '../helpers/setup.ts';

const TOKEN = 'metrics-token-for-the-test-0123456789abcdef';
const scrape = (app: FastifyInstance, authorization?: string) => app.inject({ url: '/metrics', headers: authorization ? { authorization } : {} });

/** The value of one sample line, e.g. `cityplan_queue_jobs{queue="email",state="waiting"}`. */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  if (!line) throw new Error(`no sample ${series} in:\n${text.slice(0, 2000)}`);
  return Number(line.slice(series.length + 1));
}

let app: FastifyInstance;
let deps: AppDeps;
beforeAll(async () => {
  ({ app, deps } = await useTestApp({ env: { METRICS_TOKEN: TOKEN } }));
});

describe('GET /metrics', () => {
  it('is refused without the token or with a wrong one', async () => {
    for (const authorization of [undefined, 'Bearer wrong', `Bearer ${TOKEN}x`, TOKEN]) {
      const response = await scrape(app, authorization);
      expect(response.statusCode).toBe(401);
      expect(response.body).not.toContain('cityplan_');
    }
  });

  it('reports request latency by route pattern, queue depths, emails and outbox lag', async () => {
    const staff = await signIn(app, DEMO.care);
    const planId = (await staff.get('/api/plans')).json().items[0].id as string;
    expect((await staff.get(`/api/plans/${planId}`)).statusCode).toBe(200);

    // Two jobs waiting, one delayed in the email queue; an email given up; an outbox job due a minute ago.
    const queue = new Queue('email', { connection: deps.redis, prefix: deps.config.queuePrefix });
    await queue.add('send-email', { emailId: 'a' });
    await queue.add('send-email', { emailId: 'b' });
    await queue.add('send-email', { emailId: 'c' }, { delay: 3_600_000 });
    await queue.close();
    await deps.db.insert(emails).values({ reasonKey: 'metrics-test', template: 'test', to: ['a@example.jp'], subject: 's', text: 't', html: 'h', status: 'failed' });
    await deps.db.insert(outbox).values({ job: 'send-email', payload: {}, createdAt: new Date(Date.now() - 60_000) });

    const response = await scrape(app, `Bearer ${TOKEN}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    const text = response.body;

    expect(text).toContain('# TYPE cityplan_http_request_duration_seconds histogram');
    // The pattern, not the URL with the plan's id in it.
    expect(sample(text, 'cityplan_http_request_duration_seconds_count{method="GET",route="/api/plans/:planId",status="200"}')).toBe(1);
    expect(text).not.toContain(planId);

    expect(sample(text, 'cityplan_queue_jobs{queue="email",state="waiting"}')).toBe(2);
    expect(sample(text, 'cityplan_queue_jobs{queue="email",state="delayed"}')).toBe(1);
    expect(sample(text, 'cityplan_queue_jobs{queue="events",state="failed"}')).toBe(0);
    expect(sample(text, 'cityplan_emails{status="failed"}')).toBe(1);
    expect(sample(text, 'cityplan_emails{status="sent"}')).toBe(0);
    expect(sample(text, 'cityplan_outbox_lag_seconds')).toBeGreaterThanOrEqual(59);
    expect(sample(text, 'cityplan_outbox_undone')).toBeGreaterThanOrEqual(1);
    expect(text).toContain('cityplan_process_cpu_seconds_total');
  });
});

describe('without METRICS_TOKEN', () => {
  it('has no /metrics at all', async () => {
    const plain = await buildApp({ ...deps, config: { ...deps.config, metricsToken: '' } });
    const response = await scrape(plain, `Bearer ${TOKEN}`).finally(() => plain.close());
    expect(response.statusCode).toBe(404);
    expect(response.body).not.toContain('cityplan_');
  });
});
