/**
 * Each API process caches live sessions and plan versions and drops them when another
 * process announces a change (LISTEN/NOTIFY). Two apps on one database stand for two API
 * processes: what one changes, the other stops serving at once — and still does after its
 * listening connection was cut and came back.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../services/http/app.ts';
import { DEMO, signIn, type Client } from '../helpers/client.ts';
import { openCycle } from '../helpers/review-flow.ts';
import { useTestApp, useTestDeps } from '../helpers/setup.ts';

let first: FastifyInstance;
let second: FastifyInstance;
let deps: Awaited<ReturnType<typeof useTestDeps>>;
let planId: string;

beforeAll(async () => {
  ({ app: first, deps } = await useTestApp());
  second = await buildApp(deps);
  afterAll(() => second.close());
  planId = (await (await signIn(first, DEMO.strategy)).get('/api/plans')).json().items[0].id;
});

/** The same signed-in user, sent to the other process. */
const on = (app: FastifyInstance, client: Client) => (url: string) => app.inject({ method: 'GET', url, headers: client.headers });

describe('caches shared by nothing but announcements', () => {
  it('stop serving a session signed out in another process', async () => {
    const staff = await signIn(first, DEMO.care);
    expect((await on(second, staff)('/api/auth/me')).statusCode).toBe(200);
    expect((await staff.post('/api/auth/logout')).statusCode).toBeLessThan(300);
    await expect.poll(async () => (await on(second, staff)('/api/auth/me')).statusCode, { timeout: 2000, interval: 20 }).toBe(401);
  });

  it('serve the new dashboard once another process accepted actuals, also after the listener reconnected', async () => {
    const office = await signIn(first, DEMO.strategy);
    const employment = await signIn(first, DEMO.employment);
    const dashboard = () => on(second, office)(`/api/plans/${planId}/dashboard?fiscalYear=2022&asOf=2023-09-30`);
    const etag = (await dashboard()).headers.etag;

    // Cut the listening connection; it comes back by itself (a new backend).
    const listeners = () => deps.database.sql<{ pid: number }[]>`select pid from pg_stat_activity where datname = current_database() and query ilike 'listen%'`;
    const before = (await listeners()).map((r) => r.pid);
    expect(before.length).toBeGreaterThan(0);
    await deps.database.sql`select pg_terminate_backend(pid) from pg_stat_activity where pid = any(${before})`;
    await expect.poll(async () => (await listeners()).filter((r) => !before.includes(r.pid)).length, { timeout: 5000, interval: 50 }).toBeGreaterThan(0);

    const cycleId = await openCycle(office, planId, 2022, 1);
    const task = (await office.get(`/api/review-cycles/${cycleId}`)).json().tasks.find((t: { departmentName: string; lead: boolean }) => t.departmentName === '工業・雇用振興課' && t.lead);
    const kpis = (await employment.get(`/api/tasks/${task.id}`)).json().kpis as { id: string }[];
    expect((await employment.post(`/api/tasks/${task.id}/submissions`, { values: kpis.map((k) => ({ kpiId: k.id, value: 77 })) })).statusCode).toBe(201);
    expect((await office.post(`/api/tasks/${task.id}/accept`, {})).statusCode).toBe(200);
    await expect.poll(async () => (await dashboard()).headers.etag, { timeout: 2000, interval: 20 }).not.toBe(etag);
  });
});
