/**
 * The dashboard is served from a cache keyed by the plan's content version: the same bytes
 * (and ETag) while nothing changes, revalidated with 304, gzipped for clients that take it —
 * and never stale: accepting actuals or applying a revision changes it on the next request.
 */
import type { FastifyInstance } from 'fastify';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO, signIn, type Client } from '../helpers/client.ts';
import { advanceTo, completeOrient, openCycle } from '../helpers/review-flow.ts';
import { useTestApp } from '../helpers/setup.ts';

let app: FastifyInstance;
let office: Client;
let employment: Client;
let planId: string;

beforeAll(async () => {
  ({ app } = await useTestApp());
  office = await signIn(app, DEMO.strategy);
  employment = await signIn(app, DEMO.employment);
  planId = (await office.get('/api/plans')).json().items[0].id;
});

const url = () => `/api/plans/${planId}/dashboard?fiscalYear=2022&asOf=2023-09-30`;
const get = (client: Client, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url: url(), headers: { ...client.headers, ...headers } });
const kpiIn = (body: any, code: string) =>
  body.goals.flatMap((g: any) => g.directions.flatMap((d: any) => d.measures.flatMap((m: any) => m.projects.flatMap((p: any) => p.kpis)))).find((k: any) => k.code === code);

describe('the cached dashboard', () => {
  it('answers the same bytes, 304 to a matching ETag, and brotli or gzip to clients that take it', async () => {
    const first = await get(office);
    const second = await get(office);
    expect(first.statusCode).toBe(200);
    expect(second.body).toBe(first.body);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect((await get(office, { 'if-none-match': first.headers.etag as string })).statusCode).toBe(304);
    const zipped = await get(office, { 'accept-encoding': 'gzip' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(zipped.rawPayload).toString()).toBe(first.body);
    const brotli = await get(office, { 'accept-encoding': 'gzip, deflate, br' });
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(brotli.rawPayload).toString()).toBe(first.body);
    // Another municipality's staff or a stranger never reach the cache.
    expect((await app.inject({ method: 'GET', url: url() })).statusCode).toBe(401);
  });

  it('changes on the next request once actuals are accepted, and again once a revision is applied', async () => {
    const before = await get(office);
    const cycleId = await openCycle(office, planId, 2022, 1);
    const cycle = (await office.get(`/api/review-cycles/${cycleId}`)).json();
    const task = cycle.tasks.find((t: { departmentName: string; lead: boolean }) => t.departmentName === '工業・雇用振興課' && t.lead);
    const kpis = (await employment.get(`/api/tasks/${task.id}`)).json().kpis as { id: string; code: string }[];
    expect((await employment.post(`/api/tasks/${task.id}/submissions`, { values: kpis.map((k) => ({ kpiId: k.id, value: 4321 })) })).statusCode).toBe(201);
    // Submitted but not accepted: the dashboard still shows the plan as it was.
    expect((await get(office)).headers.etag).toBe(before.headers.etag);
    expect((await office.post(`/api/tasks/${task.id}/accept`, {})).statusCode).toBe(200);

    const accepted = await get(office);
    expect(accepted.headers.etag).not.toBe(before.headers.etag);
    expect(kpiIn(accepted.json(), kpis[0]!.code).assessment.actual.value).toBe(4321);

    for (const t of cycle.tasks.filter((t: { id: string; status: string }) => t.id !== task.id)) await office.post(`/api/tasks/${t.id}/waive`, { reason: 'テストでは対象外' });
    await advanceTo(office, cycleId, 'orient');
    await completeOrient(office, cycleId);
    const proposal = await employment.post(`/api/review-cycles/${cycleId}/proposals`, { marker: 'target_changed', subjectId: kpis[0]!.id, proposed: { fiscalYear: 2024, value: 9999 }, rationale: '実績に合わせる' });
    expect(proposal.statusCode, proposal.body).toBe(201);
    expect((await office.post(`/api/proposals/${proposal.json().id}/approve`, {})).statusCode).toBe(200);
    expect((await get(office)).headers.etag).toBe(accepted.headers.etag);
    await advanceTo(office, cycleId, 'act');

    const revised = await get(office);
    expect(revised.headers.etag).not.toBe(accepted.headers.etag);
    expect(kpiIn(revised.json(), kpis[0]!.code).values.some((v: { kind: string; value: number }) => v.kind === 'target' && v.value === 9999)).toBe(true);
  });
});
