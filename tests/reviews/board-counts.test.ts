/** The OODA board counts, for a department, only what it may see: its own tasks and its own proposals. */
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO, signIn, type Client } from '../helpers/client.ts';
import { completeObserve, completeOrient, openCycle } from '../helpers/review-flow.ts';
import { useTestApp } from '../helpers/setup.ts';

let app: FastifyInstance;
let so: Client, employment: Client, policy: Client;
let planId: string;

beforeAll(async () => {
  ({ app } = await useTestApp());
  so = await signIn(app, DEMO.strategy);
  employment = await signIn(app, DEMO.employment);
  policy = await signIn(app, DEMO.policy);
  planId = (await so.get('/api/plans')).json().items[0].id;
  const cycleId = await openCycle(so, planId, 2022, 2, new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10));
  await completeObserve(so, cycleId, { '工業・雇用振興課': employment, 政策推進課: policy });
  await completeOrient(so, cycleId);
  const task = (await employment.get('/api/tasks?fiscalYear=2022')).json().items.find((t: { lead: boolean }) => t.lead);
  const kpi = (await employment.get(`/api/tasks/${task.id}`)).json().kpis[0];
  const res = await employment.post(`/api/review-cycles/${cycleId}/proposals`, { marker: 'target_changed', subjectId: kpi.id, proposed: { fiscalYear: 2024, value: 500 }, rationale: '実績に合わせる' });
  expect(res.statusCode).toBe(201);
});

const counts = async (client: Client) => (await client.get(`/api/plans/${planId}/review-cycles?fiscalYear=2022`)).json().items.map((c: { measureNumber: number; tasksTotal: number; proposalsPending: number }) => [c.measureNumber, c.tasksTotal, c.proposalsPending]);

describe('the board', () => {
  it('shows each viewer the counts it may see', async () => {
    expect(await counts(so)).toEqual([[2, 7, 1]]);
    expect(await counts(employment)).toEqual([[2, 3, 1]]);
    expect(await counts(policy)).toEqual([[2, 2, 0]]);
  });
});
