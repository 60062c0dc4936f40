/**
 * Who may accept a submission is decided in one place, the statechart's actor guard
 * (`mayReviewSubmission`). Two apps on one database: one with the machine as written, one
 * with that single guard flipped so that the task's department accepts and the strategy
 * office may not. The API and the task page follow the machine in both: the refusal, the
 * acceptance and the button change together, with no other code changed.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../services/http/app.ts';
import { reviewCycleMachine } from '../../workflows/review-cycle.machine.ts';
import { DEMO, signIn, type Client } from '../helpers/client.ts';
import { openCycle } from '../helpers/review-flow.ts';
import { useTestDeps } from '../helpers/setup.ts';

type Clients = { office: Client; employment: Client };
let real: Clients;
let flipped: Clients;
let taskId: string;

beforeAll(async () => {
  const deps = await useTestDeps();
  const apps: FastifyInstance[] = [
    await buildApp(deps),
    await buildApp({ ...deps, workflows: { reviewCycle: reviewCycleMachine.provide({ guards: { mayReviewSubmission: ({ event }) => event.actor.role === 'department_member' } }) } }),
  ];
  afterAll(() => Promise.all(apps.map((app) => app.close())));
  const clients = async (app: FastifyInstance) => ({ office: await signIn(app, DEMO.strategy), employment: await signIn(app, DEMO.employment) });
  [real, flipped] = [await clients(apps[0]!), await clients(apps[1]!)];

  const planId = (await real.office.get('/api/plans')).json().items[0].id;
  const cycleId = await openCycle(real.office, planId, 2022, 1);
  const cycle = (await real.office.get(`/api/review-cycles/${cycleId}`)).json();
  taskId = cycle.tasks.find((t: { departmentName: string; lead: boolean }) => t.departmentName === '工業・雇用振興課' && t.lead).id;
  const kpis = (await real.employment.get(`/api/tasks/${taskId}`)).json().kpis as { id: string }[];
  const submitted = await real.employment.post(`/api/tasks/${taskId}/submissions`, { values: kpis.map((k) => ({ kpiId: k.id, value: 12 })) });
  expect(submitted.statusCode, submitted.body).toBe(201);
});

/** Whether the task page offers the accept form to this client. */
const pageOffersAccept = async (client: Client) => {
  const page = await client.get(`/tasks/${taskId}`);
  expect(page.statusCode).toBe(200);
  return page.body.includes(`action="/tasks/${taskId}/accept"`);
};

describe('who may accept a submission', () => {
  it('as written: the strategy office sees the button, the department does not', async () => {
    expect(await pageOffersAccept(real.office)).toBe(true);
    expect(await pageOffersAccept(real.employment)).toBe(false);
  });

  it('flipped in the machine: the department sees the button, the strategy office does not', async () => {
    expect(await pageOffersAccept(flipped.office)).toBe(false);
    expect(await pageOffersAccept(flipped.employment)).toBe(true);
  });

  it('the API refuses whom each machine refuses, with 403, and writes nothing', async () => {
    const asWritten = await real.employment.post(`/api/tasks/${taskId}/accept`, {});
    expect(asWritten.statusCode, asWritten.body).toBe(403);
    const officeFlipped = await flipped.office.post(`/api/tasks/${taskId}/accept`, {});
    expect(officeFlipped.statusCode, officeFlipped.body).toBe(403);
    expect((await real.office.get(`/api/tasks/${taskId}`)).json().status).toBe('submitted');
  });

  it('the API lets the department accept under the flipped machine, and the page then offers it no more', async () => {
    const accepted = await flipped.employment.post(`/api/tasks/${taskId}/accept`, {});
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect((await real.office.get(`/api/tasks/${taskId}`)).json().status).toBe('accepted');
    expect(await pageOffersAccept(flipped.employment)).toBe(false);
  });
});
