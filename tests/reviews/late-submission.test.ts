/** After a cycle moved on, a department can still submit — once the strategy office reopened its task. */
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO, signIn, type Client } from '../helpers/client.ts';
import { advanceTo, openCycle } from '../helpers/review-flow.ts';
import { useTestApp } from '../helpers/setup.ts';

let app: FastifyInstance;
let so: Client, clerk: Client;
let cycleId: string;
let task: { id: string };
let kpiId: string;

beforeAll(async () => {
  ({ app } = await useTestApp());
  so = await signIn(app, DEMO.strategy);
  clerk = await signIn(app, DEMO.children); // こども育成課
  const planId = (await so.get('/api/plans')).json().items[0].id;
  cycleId = await openCycle(so, planId, 2022, 6, new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10));
  const cycle = (await so.get(`/api/review-cycles/${cycleId}`)).json();
  task = cycle.tasks.find((t: { departmentName: string }) => t.departmentName === 'こども育成課');
  for (const t of cycle.tasks) await so.post(`/api/tasks/${t.id}/waive`, { reason: '対象外' });
  await advanceTo(so, cycleId, 'orient');
  kpiId = (await clerk.get(`/api/tasks/${task.id}`)).json().kpis[0].id;
});

describe('a late submission', () => {
  it('is refused while the task is not reopened, saying what is needed', async () => {
    const res = await clerk.post(`/api/tasks/${task.id}/submissions`, { values: [{ kpiId, value: 40000 }] });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.messageJa).toBe('このサイクルは状況判断フェーズです。期限後の提出には政策推進課による調査票の再開が必要です');
  });

  it('is taken once the strategy office reopens the task, and its acceptance records the actual', async () => {
    expect((await so.post(`/api/tasks/${task.id}/reopen`, { reason: '提出漏れの申し出' })).json()).toMatchObject({ status: 'open', reopened: true });
    const kpis = (await clerk.get(`/api/tasks/${task.id}`)).json().kpis as { id: string }[];
    const res = await clerk.post(`/api/tasks/${task.id}/submissions`, { values: kpis.map((k) => ({ kpiId: k.id, value: 40000 })) });
    expect(res.statusCode, res.body).toBe(201);
    expect((await so.post(`/api/tasks/${task.id}/accept`, {})).json().status).toBe('accepted');
    const history = (await clerk.get(`/api/kpis/${kpiId}`)).json();
    expect(history.values.find((v: { kind: string; fiscalYear: number }) => v.kind === 'actual' && v.fiscalYear === 2022)).toMatchObject({ value: 40000, provenance: 'review' });
    expect((await so.get(`/api/review-cycles/${cycleId}`)).json().phase).toBe('orient');
  });
});
