/** Two people acting on the same thing at the same moment: exactly one wins, the other gets 409, nothing is lost. */
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO, signIn, type Client } from '../helpers/client.ts';
import { openCycle } from '../helpers/review-flow.ts';
import { useTestApp } from '../helpers/setup.ts';

let app: FastifyInstance;
let so: Client, clerk: Client;
let cycleId: string;
let taskId: string;
let kpiId: string;

beforeAll(async () => {
  ({ app } = await useTestApp());
  so = await signIn(app, DEMO.strategy);
  clerk = await signIn(app, DEMO.care);
  const planId = (await so.get('/api/plans')).json().items[0].id;
  const inAMonth = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  cycleId = await openCycle(so, planId, 2022, 1, inAMonth);
  taskId = (await clerk.get('/api/tasks')).json().items[0].id;
  kpiId = (await clerk.get(`/api/tasks/${taskId}`)).json().kpis[0].id;
});

describe('simultaneous requests', () => {
  it('keeps both of two simultaneous submissions as consecutive versions', async () => {
    const results = await Promise.all([5, 6, 7].map((value) => clerk.post(`/api/tasks/${taskId}/submissions`, { values: [{ kpiId, value }] })));
    expect(results.map((r) => r.statusCode), results.map((r) => r.body).join("\n")).toEqual([201, 201, 201]);
    expect(results.map((r) => r.json().submission.version).sort()).toEqual([1, 2, 3]);
  });

  it('lets one of accept and return win', async () => {
    const [accept, ret] = await Promise.all([so.post(`/api/tasks/${taskId}/accept`, {}), so.post(`/api/tasks/${taskId}/return`, { comment: '確認してください' })]);
    expect([accept.statusCode, ret.statusCode].sort()).toEqual([200, 409]);
    const task = (await clerk.get(`/api/tasks/${taskId}`)).json();
    expect(task.status).toBe(accept.statusCode === 200 ? 'accepted' : 'returned');
    expect(task.history.filter((h: { type: string }) => h.type === 'REVIEW_SUBMISSION')).toHaveLength(1);
  });

  it('moves a cycle on once when two people press the button', async () => {
    const tasks = (await so.get(`/api/review-cycles/${cycleId}`)).json().tasks as { id: string; status: string }[];
    for (const t of tasks.filter((t) => t.status === 'open' || t.status === 'returned')) await so.post(`/api/tasks/${t.id}/waive`, { reason: '対象外' });
    const results = await Promise.all([1, 2].map(() => so.post(`/api/review-cycles/${cycleId}/advance`, { expectedPhase: 'observe' })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.statusCode === 409)!.json().error.message).toBe('the cycle is already in orient, not observe; reload to see what changed');
    expect((await so.get(`/api/review-cycles/${cycleId}`)).json()).toMatchObject({ phase: 'orient', version: expect.any(Number) });
  });
});
