import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO, signIn, type Client } from '../helpers/client.ts';
import { useTestApp } from '../helpers/setup.ts';

let app: FastifyInstance;
let so: Client;
let url: string;
const body = { collectionOpens: '05-07', dueOn: '07-15', remindDaysBefore: [10, 2], remindOnDueDay: true, overdueEveryDays: 5, escalateToHeadAfterDays: 5, escalateToOfficeAfterDays: 10, dailyRunAt: '08:30' };

beforeAll(async () => {
  ({ app } = await useTestApp());
  so = await signIn(app, DEMO.strategy);
  url = `/api/plans/${(await so.get('/api/plans')).json().items[0].id}/calendar`;
});

describe('the review calendar', () => {
  it('starts from the documented defaults', async () => {
    expect((await so.get(url)).json()).toEqual({
      collectionOpens: '05-01', dueOn: '06-30', remindDaysBefore: [14, 3], remindOnDueDay: true, overdueEveryDays: 7,
      escalateToHeadAfterDays: 7, escalateToOfficeAfterDays: 14, dailyRunAt: '09:00', version: 0,
    });
  });

  it('is changed by the strategy office, from the version it read', async () => {
    const saved = await so.put(url, { ...body, expectedVersion: 0 });
    expect(saved.json()).toEqual({ ...body, version: 1 });
    const stale = await so.put(url, { ...body, dueOn: '07-31', expectedVersion: 0 });
    expect(stale.statusCode).toBe(409);
    expect((await so.get(url)).json().dueOn).toBe('07-15');
  });

  it('names every field that is wrong, and changes nothing', async () => {
    const res = await so.put(url, { ...body, dueOn: '04-01', dailyRunAt: '9am', expectedVersion: 1 });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.problems.map((p: { field: string }) => p.field)).toEqual(['body.dueOn', 'body.dailyRunAt']);
    expect((await so.get(url)).json()).toMatchObject({ dueOn: '07-15', version: 1 });
  });
});
