/**
 * Due dates, as the strategy office runs a season through the API: the default comes from the
 * plan's review calendar, a date in the past is refused at opening, opening tells the
 * departments at once (the real SMTP server), and a cycle's, a task's or a department's due
 * date is corrected with a reason the department receives — each change recorded, a stale one
 * a 409. Moving on from Observe while a submission waits for review is refused unless acknowledged.
 */
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { departments, reviewCycles, reviewEvents, reviewTasks } from '../../db/schema/index.ts';
import { DEMO, signIn, type Client } from '../helpers/client.ts';
import { manualClock } from '../helpers/clock.ts';
import { useTestApp } from '../helpers/setup.ts';
import { startSmtpSink } from '../helpers/smtp.ts';
import { useWorker, waitForIdle } from '../helpers/worker.ts';

const clock = manualClock('2025-05-10T10:00:00+09:00');
const smtp = await startSmtpSink();
const { app, deps } = await useTestApp({ clock, env: { SMTP_URL: smtp.url } });
const worker = await useWorker(deps);
let so: Client;
let planId: string;
let cycleId: string;
let policyId: string;
const REASON = '庁内システム更新のため、提出期限を延長します';

const tasksOf = (id: string) => deps.db.select().from(reviewTasks).where(eq(reviewTasks.cycleId, id));
const mailTo = (address: string, subject: string) => smtp.received.filter((m) => m.to.includes(address) && m.subject.includes(subject));

beforeAll(async () => {
  so = await signIn(app, DEMO.strategy);
  planId = (await so.get('/api/plans')).json().items[0].id;
  policyId = (await deps.db.select().from(departments).where(eq(departments.code, 'policy-promotion')))[0]!.id;
});

describe('opening a season', () => {
  it('takes the due date from the plan’s review calendar when none is given', async () => {
    const res = await so.post(`/api/plans/${planId}/review-cycles`, { fiscalYear: 2024, measureNumbers: [12] });
    expect(res.statusCode).toBe(201);
    expect(res.json().dueDate).toBe('2025-06-30');
    cycleId = res.json().opened[0].cycleId;
    expect((await tasksOf(cycleId)).every((t) => t.dueDate === '2025-06-30')).toBe(true);
  });

  it('tells each department at once, without waiting for the next daily run', async () => {
    await waitForIdle(worker);
    const kickoff = mailTo('policy-promotion@tomakomai.example', '実績の提出のお願い');
    expect(kickoff).toHaveLength(1);
    expect(kickoff[0]!.subject).toContain('令和7年6月30日');
  });

  it('refuses a due date in the past, naming the field, and opens nothing', async () => {
    const res = await so.post(`/api/plans/${planId}/review-cycles`, { fiscalYear: 2024, measureNumbers: [1], dueDate: '2025-05-09' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.problems).toMatchObject([{ field: 'body.dueDate', message: 'must not be in the past (today is 2025-05-10)' }]);
    expect(await deps.db.select().from(reviewCycles).where(eq(reviewCycles.fiscalYear, 2024))).toHaveLength(1);
  });

  it('after the calendar’s due date, gives as long from today as the calendar’s season', async () => {
    clock.set('2025-07-05T10:00:00+09:00');
    try {
      // Signed in again: the session of 10 May has expired by July.
      const res = await (await signIn(app, DEMO.strategy)).post(`/api/plans/${planId}/review-cycles`, { fiscalYear: 2024, measureNumbers: [2] });
      expect(res.statusCode).toBe(201);
      expect(res.json().dueDate).toBe('2025-09-03');
    } finally {
      clock.set('2025-05-10T10:00:00+09:00');
    }
  });
});

describe('correcting due dates', () => {
  it('moves a cycle’s due date with its tasks, records it and tells the departments why', async () => {
    const res = await so.put(`/api/review-cycles/${cycleId}/due-date`, { dueDate: '2025-07-15', expectedDueDate: '2025-06-30', reason: REASON });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ dueDate: '2025-07-15', tasks: (await tasksOf(cycleId)).length });
    expect((await tasksOf(cycleId)).every((t) => t.dueDate === '2025-07-15')).toBe(true);
    const [cycle] = await deps.db.select().from(reviewCycles).where(eq(reviewCycles.id, cycleId));
    expect(cycle!.dueDate).toBe('2025-07-15');
    const [event] = await deps.db.select().from(reviewEvents).where(and(eq(reviewEvents.cycleId, cycleId), eq(reviewEvents.type, 'DUE_DATE_CHANGED')));
    expect(event!.detail).toMatchObject({ scope: 'cycle', from: '2025-06-30', to: '2025-07-15', reason: REASON });
    await waitForIdle(worker);
    const [email] = mailTo('policy-promotion@tomakomai.example', '提出期限を');
    expect(email!.subject).toBe('【総合戦略】令和6年度実績の提出期限を令和7年7月15日（火）に変更しました');
    expect(email!.text).toContain(`変更の理由：${REASON}`);
    expect(email!.text).toContain('変更前：令和7年6月30日');
  });

  it('refuses a stale change (409) and a date in the past (400), changing nothing', async () => {
    expect((await so.put(`/api/review-cycles/${cycleId}/due-date`, { dueDate: '2025-07-20', expectedDueDate: '2025-06-30', reason: REASON })).statusCode).toBe(409);
    const past = await so.put(`/api/review-cycles/${cycleId}/due-date`, { dueDate: '2025-05-01', expectedDueDate: '2025-07-15', reason: REASON });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.problems.map((p: { field: string }) => p.field)).toEqual(['body.dueDate']);
    expect((await so.put(`/api/review-cycles/${cycleId}/due-date`, { dueDate: '2025-07-20', expectedDueDate: '2025-07-15', reason: '' })).statusCode).toBe(400);
    expect((await tasksOf(cycleId)).every((t) => t.dueDate === '2025-07-15')).toBe(true);
  });

  it('extends one department’s tasks of the year, later only, and tells that department alone', async () => {
    const url = `/api/plans/${planId}/department-due-dates`;
    const body = { fiscalYear: 2024, departmentId: policyId, expectedDueDate: '2025-07-15', reason: '議会対応のため' };
    const earlier = await so.put(url, { ...body, dueDate: '2025-07-10' });
    expect(earlier.statusCode).toBe(400);
    expect(earlier.json().error.problems).toMatchObject([{ field: 'body.dueDate', message: 'must be later than the current due date 2025-07-15' }]);
    const before = smtp.received.length;
    const res = await so.put(url, { ...body, dueDate: '2025-07-31' });
    expect(res.statusCode).toBe(200);
    const tasks = await tasksOf(cycleId);
    expect(tasks.filter((t) => t.departmentId === policyId).every((t) => t.dueDate === '2025-07-31')).toBe(true);
    expect(tasks.filter((t) => t.departmentId !== policyId).every((t) => t.dueDate === '2025-07-15')).toBe(true);
    expect((await so.put(url, { ...body, dueDate: '2025-08-05' })).statusCode).toBe(409);
    await waitForIdle(worker);
    const sent = smtp.received.slice(before);
    expect(sent.map((m) => m.to)).toEqual([['policy-promotion@tomakomai.example']]);
    expect(sent[0]!.text).toContain('変更の理由：議会対応のため');
  });

  it('extends one task, and only the strategy office may', async () => {
    const [task] = await tasksOf(cycleId);
    const body = { dueDate: '2025-08-29', expectedDueDate: task!.dueDate, reason: '個別の事情' };
    const policy = await signIn(app, DEMO.policy);
    expect((await policy.put(`/api/tasks/${task!.id}/due-date`, body)).statusCode).toBe(403);
    expect((await so.put(`/api/tasks/${task!.id}/due-date`, body)).statusCode).toBe(200);
    expect((await deps.db.select().from(reviewTasks).where(eq(reviewTasks.id, task!.id)))[0]!.dueDate).toBe('2025-08-29');
  });
});

describe('moving on from Observe', () => {
  it('is refused while a submission waits for review, and allowed when the office acknowledges it', async () => {
    // The office waives the other departments' tasks and the department sends its own: they wait for review.
    for (const t of await tasksOf(cycleId)) {
      if (t.departmentId !== policyId) expect((await so.post(`/api/tasks/${t.id}/waive`, { reason: '対象外' })).statusCode).toBe(200);
    }
    const policy = await signIn(app, DEMO.policy);
    for (const t of (await tasksOf(cycleId)).filter((x) => x.departmentId === policyId)) {
      const kpis = (await policy.get(`/api/tasks/${t.id}`)).json().kpis as { id: string }[];
      expect((await policy.post(`/api/tasks/${t.id}/submissions`, { values: kpis.map((k) => ({ kpiId: k.id, value: 1 })) })).statusCode).toBe(201);
    }
    const refused = await so.post(`/api/review-cycles/${cycleId}/advance`, { expectedPhase: 'observe' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.blockers).toEqual([expect.objectContaining({ code: 'submissionsAwaitingReview', acknowledgeable: true })]);
    const moved = await so.post(`/api/review-cycles/${cycleId}/advance`, { expectedPhase: 'observe', acknowledged: true });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().cycle.phase).toBe('orient');
  });
});
