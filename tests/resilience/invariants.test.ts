/**
 * The invariant checker itself: clean after a real review's work is done, and each kind of
 * loss or doubling, planted in a transaction that is rolled back, is named. Without this the
 * resilience tests could pass by checking nothing.
 */
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Queues } from '../../jobs/queues.ts';
import { runWorker } from '../../jobs/run-worker.ts';
import { buildApp } from '../../services/http/app.ts';
import { DEMO, signIn, type Client } from '../helpers/client.ts';
import { completeObserve, completeOrient } from '../helpers/review-flow.ts';
import { checkInvariants } from './invariants.ts';
import { inDays, type Scenario, settle, useScenario } from './scenario.ts';
import { cleanUp, onCleanUp } from './servers.ts';

let smtp: Scenario['smtp'];
let deps: Scenario['deps'];
let queues: Queues;
let app: FastifyInstance;

afterAll(cleanUp);

beforeAll(async () => {
  ({ smtp, deps, queues } = await useScenario());
  app = await buildApp(deps);
  onCleanUp(() => app.close());
  const worker = await runWorker(deps, { schedulers: false, relayIdleMs: 50, log: pino({ level: 'silent' }) });
  onCleanUp(() => worker.close());

  // A review of measure ② up to Act: submissions, a return, a proposal approved and one pending elsewhere, emails sent.
  const [so, employment, policy] = (await Promise.all([DEMO.strategy, DEMO.employment, DEMO.policy].map((email) => signIn(app, email)))) as [Client, Client, Client];
  const planId = (await so.get('/api/plans')).json().items[0].id;
  const { opened } = (await so.post(`/api/plans/${planId}/review-cycles`, { fiscalYear: 2022, measureNumbers: [1, 2], dueDate: inDays(20) })).json();
  const [first, second] = opened.map((o: { cycleId: string }) => o.cycleId);
  const task = (await employment.get('/api/tasks?fiscalYear=2022')).json().items.find((t: { cycleId: string }) => t.cycleId === first);
  const kpis = (await employment.get(`/api/tasks/${task.id}`)).json().kpis as { id: string }[];
  expect((await employment.post(`/api/tasks/${task.id}/submissions`, { values: kpis.map((k) => ({ kpiId: k.id, value: 1 })) })).statusCode).toBe(201);
  expect((await so.post(`/api/tasks/${task.id}/return`, { comment: '確認してください' })).statusCode).toBe(200);
  await completeObserve(so, second, { '工業・雇用振興課': employment, 政策推進課: policy });
  await completeOrient(so, second);
  const lead = (await employment.get('/api/tasks?fiscalYear=2022')).json().items.find((t: { lead: boolean; cycleId: string }) => t.lead && t.cycleId === second);
  const kpi = (await employment.get(`/api/tasks/${lead.id}`)).json().kpis[0];
  for (const value of [500, 600]) {
    const proposal = await employment.post(`/api/review-cycles/${second}/proposals`, { marker: 'target_changed', subjectId: kpi.id, proposed: { fiscalYear: 2024, value }, rationale: '実績に合わせる' });
    expect(proposal.statusCode).toBe(201);
    expect((await so.post(`/api/proposals/${proposal.json().id}/${value === 500 ? 'approve' : 'reject'}`, { reason: '妥当' })).statusCode).toBe(200);
  }
  expect((await so.post(`/api/review-cycles/${second}/advance`, {})).statusCode).toBe(200);
  await settle(deps, queues);
  expect(smtp.received.length).toBeGreaterThan(0);
}, 60_000);

/** Runs the checker on the database with `corruption` applied, then rolls it back. */
async function violationsWith(corruption: string, received = smtp.received) {
  let found: string[] = [];
  await deps.database.sql
    .begin(async (tx) => {
      await tx.unsafe(corruption);
      found = await checkInvariants(tx as unknown as typeof deps.database.sql, { received });
      throw new Error('roll back');
    })
    .catch((error: Error) => {
      if (error.message !== 'roll back') throw error;
    });
  return found;
}

describe('the invariant checker', () => {
  it('finds nothing wrong after real work', async () => {
    expect(await checkInvariants(deps.database.sql, { received: smtp.received })).toEqual([]);
  });

  it.each([
    ['an outbox job never done', `update outbox set completed_at = null where id = (select min(id) from outbox)`, 'every outbox row is published and completed'],
    ['an email never sent', `update emails set status = 'pending' where id = (select id from emails limit 1)`, 'no email is left pending or failed'],
    // Submissions and events are append-only: what a fault could do there is add, not change.
    ['a lost submission version', `insert into task_submissions (task_id, version, submitted_by) select task_id, max(version) + 2, (array_agg(submitted_by))[1] from task_submissions group by task_id limit 1`, 'submission versions are 1..n per task'],
    [
      'a submission without its event',
      `with s as (insert into task_submissions (task_id, version, submitted_by) select task_id, max(version) + 1, (array_agg(submitted_by))[1] from task_submissions group by task_id limit 1 returning id, task_id)
       insert into submission_values (submission_id, kpi_id, value) select s.id, v.kpi_id, v.value from s join task_submissions o on o.task_id = s.task_id and o.version = 1 join submission_values v on v.submission_id = o.id`,
      'one SUBMIT event per submission',
    ],
    ['a task changed twice in one version', `update review_tasks set version = version - 1 where id = (select task_id from review_events where type = 'REVIEW_SUBMISSION' limit 1)`, "a task's version is 1 + its events"],
    ['a return announced twice', `insert into outbox (job, payload, published_at, completed_at) select job, payload, now(), now() from outbox where job = 'announce-task-returned'`, 'every returned or reopened task is announced once per event'],
    ['a cycle event lost', `update review_cycles set version = version + 1 where id = (select id from review_cycles limit 1)`, "a cycle's events number its version"],
    ['a task lost', `delete from review_tasks where id = (select t.id from review_tasks t where not exists (select 1 from review_events e where e.task_id = t.id) limit 1)`, 'a cycle has the tasks it was opened with'],
    ['a phase announced twice', `insert into outbox (job, payload, published_at, completed_at) select job, payload, now(), now() from outbox where job = 'announce-phase' limit 1`, 'every phase a cycle entered is announced once'],
    ['a proposal decided without its event', `update proposals set status = 'approved' where status = 'rejected'`, 'a decided proposal has one decision event'],
    ['a decision logged twice', `insert into decision_log (organization_id, plan_id, fiscal_year, marker, subject_type, subject_id, subject_code, source, cycle_id, proposal_id) select organization_id, plan_id, fiscal_year, marker, subject_type, subject_id, subject_code, source, cycle_id, proposal_id from decision_log where source = 'review' limit 1`, 'a decision-log entry of a review belongs to one approved proposal'],
  ])('names %s', async (_what, corruption, rule) => {
    const found = await violationsWith(corruption);
    expect(found.some((v) => v.startsWith(rule)), found.join('\n')).toBe(true);
  });

  it('names an email that arrived twice, or one the database never sent', async () => {
    const [first] = smtp.received;
    expect(await violationsWith('select 1', [...smtp.received, first!])).toEqual([`a sent email arrives exactly once: ${first!.messageId} arrived 2 times`]);
    expect(await violationsWith('select 1', [...smtp.received, { ...first!, messageId: '<stranger@cityplan>' }])).toEqual([
      'the SMTP server got only emails the database sent: <stranger@cityplan> (1×) is not a sent email',
    ]);
  });
});
