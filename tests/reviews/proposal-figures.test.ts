/** A proposed target or baseline must be a figure that can be right for its unit — or the proposal is refused, naming the field. */
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { numberInput } from '../../services/http/pages/forms.ts';
import { DEMO, signIn, type Client } from '../helpers/client.ts';
import { completeObserve, completeOrient, openCycle } from '../helpers/review-flow.ts';
import { useTestApp } from '../helpers/setup.ts';

let app: FastifyInstance;
let so: Client;
let cycleId: string;
let kpiId: string;

beforeAll(async () => {
  ({ app } = await useTestApp());
  so = await signIn(app, DEMO.strategy);
  const clerk = await signIn(app, DEMO.children);
  const planId = (await so.get('/api/plans')).json().items[0].id;
  cycleId = await openCycle(so, planId, 2022, 6, new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10));
  await completeObserve(so, cycleId, { こども育成課: clerk });
  await completeOrient(so, cycleId);
  kpiId = (await so.get(`/api/review-cycles/${cycleId}`)).json().kpis[0].id;
});

const propose = (body: unknown) => app.inject({ method: 'POST', url: `/api/review-cycles/${cycleId}/proposals`, headers: { ...so.headers, 'content-type': 'application/json' }, payload: body as string });

describe('proposed figures', () => {
  it('refuses a negative count, naming the field', async () => {
    const res = await propose(JSON.stringify({ marker: 'target_changed', subjectId: kpiId, proposed: { fiscalYear: 2024, value: -5 }, rationale: '見直し' }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.problems).toMatchObject([{ field: 'body.proposed.value', message: '件数・人数は 0 以上で入力してください' }]);
  });

  it('refuses a figure too large to be a number, and stores nothing', async () => {
    const res = await propose(`{"marker":"target_changed","subjectId":"${kpiId}","proposed":{"fiscalYear":2024,"value":1e400},"rationale":"見直し"}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.problems[0].field).toBe('body.proposed.value');
    expect((await so.get('/api/proposals?status=pending')).json().items).toEqual([]);
  });

  it('checks every new KPI of a proposed project by its own unit', async () => {
    const departmentId = (await so.get(`/api/review-cycles/${cycleId}`)).json().tasks[0].departmentId;
    const measureId = (await so.get(`/api/review-cycles/${cycleId}`)).json().measureId;
    const res = await propose(JSON.stringify({
      marker: 'project_added',
      subjectId: measureId,
      proposed: { name: '新事業', departmentIds: [departmentId], kpis: [{ name: '満足度', unit: '%', cumulative: false, direction: 'higher', baseline: { fiscalYear: 2022, value: 50 }, target: { fiscalYear: 2024, value: 120 } }] },
      rationale: '新規',
    }));
    expect(res.json().error.problems).toMatchObject([{ field: 'body.proposed.kpis[0].target.value', message: '割合（%）は 0 から 100 の範囲で入力してください' }]);
  });

  it('reads a figure typed on a page only when it is a real number', () => {
    expect(numberInput('１３，２０５')).toBe(13205);
    expect(numberInput('9'.repeat(400))).toBe('9'.repeat(400));
  });
});
