/**
 * Many hands at once: 100 simultaneous submissions, acceptances and decisions on the same
 * tasks and proposals over HTTP, and the daily reminder run started twice, concurrently and
 * again. Each request is kept or refused with 409, never lost, doubled or answered with 500;
 * each reminder goes out once.
 */
import type { FastifyInstance } from 'fastify';
import { inArray, like } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emails, reviewTasks, taskSubmissions } from '../../db/schema/index.ts';
import { addJob } from '../../jobs/add-job.ts';
import { sendReminder } from '../../jobs/definitions/send-reminder.ts';
import type { Queues } from '../../jobs/queues.ts';
import { runWorker, type RunningWorker } from '../../jobs/run-worker.ts';
import { isoDateInTokyo } from '../../services/fiscal-year.ts';
import { buildApp } from '../../services/http/app.ts';
import { openCycles } from '../../services/reviews/open-cycles.ts';
import { systemCtx } from '../helpers/setup.ts';
import { DEMO, signIn, type Client } from '../helpers/client.ts';
import { recordCount } from '../helpers/counts.ts';
import { completeObserve, completeOrient, openCycle } from '../helpers/review-flow.ts';
import { expectSurvived, inDays, type Scenario, settle, useScenario } from './scenario.ts';
import { cleanUp, onCleanUp } from './servers.ts';

let smtp: Scenario['smtp'];
let deps: Scenario['deps'];
let queues: Queues;
let worker: RunningWorker;
let app: FastifyInstance;
let so: Client, employment: Client, policy: Client, care: Client;
let planId: string;

afterAll(cleanUp);

beforeAll(async () => {
  ({ smtp, deps, queues } = await useScenario({ JOB_LOCK_MS: '1000' }));
  app = await buildApp(deps);
  onCleanUp(() => app.close());
  worker = await runWorker(deps, { schedulers: false, relayIdleMs: 50, log: pino({ level: 'silent' }) });
  onCleanUp(() => worker.close());
  [so, employment, policy, care] = (await Promise.all([DEMO.strategy, DEMO.employment, DEMO.policy, DEMO.care].map((email) => signIn(app, email)))) as [Client, Client, Client, Client];
  planId = (await so.get('/api/plans')).json().items[0].id;
}, 60_000);

const statusesOf = (responses: { statusCode: number }[]) => [...new Set(responses.map((r) => r.statusCode))].sort();

describe('100 simultaneous requests on the same tasks and proposals', () => {
  it('keeps every accepted submission as the next version, lets one decision per proposal win, and answers the rest 409', { timeout: 60_000 }, async () => {
    // Measure ①: tasks in Observe, to be submitted and accepted at once.
    const observeCycle = await openCycle(so, planId, 2022, 1, inDays(30));
    const tasks = ((await so.get(`/api/review-cycles/${observeCycle}`)).json().tasks as { id: string; departmentName: string }[]).filter((t) => ['工業・雇用振興課', '介護福祉課'].includes(t.departmentName));
    const clientOf = (t: { departmentName: string }) => (t.departmentName === '介護福祉課' ? care : employment);
    const kpisOf = new Map<string, { id: string }[]>();
    expect(tasks.length).toBeGreaterThan(1);
    for (const t of tasks) kpisOf.set(t.id, (await clientOf(t).get(`/api/tasks/${t.id}`)).json().kpis);

    // Measure ②: in Decide with four pending proposals, to be approved and rejected at once.
    const decideCycle = await openCycle(so, planId, 2022, 2, inDays(30));
    await completeObserve(so, decideCycle, { '工業・雇用振興課': employment, 政策推進課: policy });
    await completeOrient(so, decideCycle);
    const lead = (await employment.get('/api/tasks?fiscalYear=2022')).json().items.find((t: { lead: boolean; cycleId: string }) => t.lead && t.cycleId === decideCycle);
    const kpi = (await employment.get(`/api/tasks/${lead.id}`)).json().kpis[0];
    const proposals: string[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await employment.post(`/api/review-cycles/${decideCycle}/proposals`, { marker: 'target_changed', subjectId: kpi.id, proposed: { fiscalYear: 2024, value: 500 + i }, rationale: `案${i + 1}` });
      expect(res.statusCode, res.body).toBe(201);
      proposals.push(res.json().id);
    }

    // 48 submissions and 12 acceptances over the tasks, 40 decisions over the proposals: all at once.
    const requests = [
      ...Array.from({ length: 48 }, (_, i) => ({ kind: 'submit', id: tasks[i % tasks.length]!.id, send: () => clientOf(tasks[i % tasks.length]!).post(`/api/tasks/${tasks[i % tasks.length]!.id}/submissions`, { values: kpisOf.get(tasks[i % tasks.length]!.id)!.map((k) => ({ kpiId: k.id, value: i })) }) })),
      // The last task is never accepted, so it is still open for the submission after the storm.
      ...Array.from({ length: 12 }, (_, i) => ({ kind: 'accept', id: tasks[i % (tasks.length - 1)]!.id, send: () => so.post(`/api/tasks/${tasks[i % (tasks.length - 1)]!.id}/accept`, {}) })),
      ...Array.from({ length: 40 }, (_, i) => {
        const kind = Math.floor(i / 4) % 2 ? 'approve' : 'reject';
        return { kind, id: proposals[i % 4]!, send: () => so.post(`/api/proposals/${proposals[i % 4]}/${kind}`, { reason: kind === 'approve' ? '妥当' : '根拠が不十分' }) };
      }),
    ];
    expect(requests).toHaveLength(100);
    const responses = await Promise.all(requests.map((r) => r.send()));
    const results = requests.map((r, i) => ({ ...r, status: responses[i]!.statusCode, body: responses[i]!.body }));
    expect(statusesOf(responses).every((s) => [200, 201, 409].includes(s)), JSON.stringify(results.filter((r) => ![200, 201, 409].includes(r.status)).slice(0, 3))).toBe(true);

    // Submissions: every 201 is a version, in order, none lost or doubled; a refused one wrote nothing.
    for (const task of tasks) {
      const kept = results.filter((r) => r.kind === 'submit' && r.id === task.id && r.status === 201);
      const versions = await deps.db.select({ version: taskSubmissions.version }).from(taskSubmissions).where(inArray(taskSubmissions.taskId, [task.id]));
      expect(versions.map((v) => v.version).sort((a, b) => a - b)).toEqual(kept.map((_, i) => i + 1));
      expect(kept.map((r) => JSON.parse(r.body).submission.version).sort((a, b) => a - b)).toEqual(kept.map((_, i) => i + 1));
      // At most one acceptance wins, and only of a task that had been submitted.
      const accepted = results.filter((r) => r.kind === 'accept' && r.id === task.id && r.status === 200);
      expect(accepted.length).toBeLessThanOrEqual(1);
      const [row] = await deps.db.select().from(reviewTasks).where(inArray(reviewTasks.id, [task.id]));
      expect(row!.status).toBe(accepted.length ? 'accepted' : kept.length ? 'submitted' : 'open');
    }
    expect(results.filter((r) => r.kind === 'submit' && r.status === 201).length).toBeGreaterThan(tasks.length);

    // Decisions: exactly one per proposal, the others 409; what won is what is stored.
    let approved = 0;
    for (const id of proposals) {
      const won = results.filter((r) => r.id === id && r.status === 200);
      expect(won).toHaveLength(1);
      expect(results.filter((r) => r.id === id && r.status === 409)).toHaveLength(9);
      const stored = (await so.get(`/api/proposals?status=approved&status=rejected`)).json().items.find((p: { id: string }) => p.id === id);
      expect(stored.status).toBe(won[0]!.kind === 'approve' ? 'approved' : 'rejected');
      if (won[0]!.kind === 'approve') approved++;
    }

    // The system serves on: the next submission is the next version, and Act applies each approval once.
    const open = tasks.at(-1)!;
    const next = await clientOf(open).post(`/api/tasks/${open.id}/submissions`, { values: kpisOf.get(open.id)!.map((k) => ({ kpiId: k.id, value: 1 })) });
    expect(next.statusCode, next.body).toBe(201);
    expect(next.json().submission.version).toBe(results.filter((r) => r.kind === 'submit' && r.id === open.id && r.status === 201).length + 1);
    const act = await so.post(`/api/review-cycles/${decideCycle}/advance`, {});
    expect(act.statusCode, act.body).toBe(200);
    expect(act.json().decisionIds).toHaveLength(approved);
    await settle(deps, queues);
    await expectSurvived('100 concurrent submissions and decisions', deps.database.sql, smtp.received, smtp.received.length);
    const tally = (kind: string, status: number) => results.filter((r) => r.kind === kind && r.status === status).length;
    recordCount(
      'resilience concurrent requests',
      requests.length,
      `submissions ${tally('submit', 201)} kept / ${tally('submit', 409)} refused; acceptances ${tally('accept', 200)} / ${tally('accept', 409)}; decisions ${tally('approve', 200) + tally('reject', 200)} / ${tally('approve', 409) + tally('reject', 409)}`,
    );
  });
});

describe('the daily reminder run started twice', () => {
  it('concurrently and again the same day: each reminder, escalation and summary goes out once', { timeout: 60_000 }, async () => {
    // Every other measure's review is 15 days overdue: reminders, escalations to heads, the office's summary.
    // Opened by the system as the season was (a person may not open one already past its due date); its kick-off goes at once.
    expect((await openCycles({ ctx: systemCtx(deps.db), input: { planId, fiscalYear: 2022, dueDate: inDays(-15) } })).opened.length).toBeGreaterThan(0);
    await settle(deps, queues);
    const before = smtp.received.length;
    // Opening sent each department its reminder for today at once (with the daily run's own reason key).
    const remindedAtOpening = new Set((await deps.db.select({ reasonKey: emails.reasonKey }).from(emails).where(like(emails.reasonKey, `remind:${planId}:%`))).map((e) => e.reasonKey));
    const date = isoDateInTokyo(new Date());
    // Two runs of the same day at once (as two ticks racing past the job id would), then a third after them.
    await Promise.all(['a', 'b'].map((run) => addJob(queues, 'plan-daily-run', { planId, date }, { jobId: `daily-${planId}-${date}-${run}` })));
    await settle(deps, queues);
    // The daily run's reminders (the kick-offs went when the seasons were opened).
    const reminderJobs = (await queues.schedule.getJobs(['completed'])).filter((j) => j.name === 'send-reminder' && j.data.step.kind !== 'kickoff');
    await addJob(queues, 'plan-daily-run', { planId, date }, { jobId: `daily-${planId}-${date}-c` });
    // And each reminder's handler twice at once, bypassing the job ids: only the reason key stands between them.
    // A job relayed from the outbox carries its outbox key, which the worker takes off before the handler (jobs/run-worker.ts).
    const payloadOf = (data: Record<string, unknown>) => Object.fromEntries(Object.entries(data).filter(([key]) => key !== 'outboxKey' && key !== 'outboxId')) as typeof data;
    await Promise.all(reminderJobs.flatMap((job) => [1, 2].map(() => sendReminder.run(worker.deps, payloadOf(job.data) as typeof job.data, job))));
    await settle(deps, queues);

    const waiting = await deps.db.select({ departmentId: reviewTasks.departmentId, dueDate: reviewTasks.dueDate }).from(reviewTasks).where(inArray(reviewTasks.status, ['open', 'returned']));
    const groups = new Set(waiting.map((t) => `${t.departmentId}:${t.dueDate}`));
    const overdueDepartments = new Set(waiting.filter((t) => t.dueDate < date).map((t) => t.departmentId));
    const allReminders = await deps.db.select().from(emails).where(like(emails.reasonKey, `remind:${planId}:%`));
    // Every department and due date still waiting was reminded (at its kick-off or by the run), and each run's reminder exists once.
    for (const group of groups) expect(allReminders.some((e) => e.reasonKey.includes(`:${group}:`)), group).toBe(true);
    const reminders = allReminders.filter((e) => !e.reasonKey.endsWith(':kickoff'));
    expect(reminders.length).toBeGreaterThan(0);
    // Both runs asked for each reminder, and each handler ran twice more: what went out is counted once per reason below.
    expect(reminderJobs.length).toBeGreaterThanOrEqual(reminders.length);
    expect(await deps.db.select().from(emails).where(like(emails.reasonKey, `escalate-head:${planId}:%`))).toHaveLength(overdueDepartments.size);
    const summaries = await deps.db.select().from(emails).where(like(emails.reasonKey, `office-summary:${planId}:${date}:%`));
    expect(summaries.length).toBeGreaterThanOrEqual(1);
    const remindedByRuns = reminders.filter((e) => !remindedAtOpening.has(e.reasonKey));
    expect(smtp.received.length - before).toBe(remindedByRuns.length + overdueDepartments.size + summaries.length);
    await expectSurvived('daily reminder run twice, concurrently and again', deps.database.sql, smtp.received, smtp.received.length - before);
  });
});
