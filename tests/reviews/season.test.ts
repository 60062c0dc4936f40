/**
 * The season at a glance against a seeded review: measure ⑩ taken through Observe into Orient
 * and Decide (explanations, assessments and a proposal), measure ② in Observe with submitted,
 * returned, waived and overdue tasks. Every count is checked against what was done, the
 * filters and sorting, and bulk accepting with one item someone else accepted first.
 */
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../helpers/clock.ts';
import { DEMO, signIn, type Client } from '../helpers/client.ts';
import { advanceTo, completeObserve, openCycle } from '../helpers/review-flow.ts';
import { useTestApp } from '../helpers/setup.ts';

const day0 = Date.now();
const day = (n: number) => new Date(day0 + n * 86_400_000).toISOString();
const clock = manualClock(day(0));

let app: FastifyInstance;
let so: Client, employment: Client, policy: Client, care: Client;
let planId: string;
let m10: string;
interface TaskRow { id: string; status: string; lead: boolean; departmentId: string; departmentName: string; measureNumber: number; projectId: string }
const employmentName = '工業・雇用振興課';
const policyName = '政策推進課';

const season = async (query = '') => {
  const res = await so.get(`/api/plans/${planId}/season?fiscalYear=2024${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const row = (s: { measures: { measure: { number: number }; counts: Record<string, number> }[] }, n: number) => s.measures.find((m) => m.measure.number === n)?.counts;
const tasksOf = async (client: Client, n: number): Promise<TaskRow[]> => ((await client.get('/api/tasks?fiscalYear=2024&limit=200')).json().items as TaskRow[]).filter((t) => t.measureNumber === n);

async function submit(client: Client, taskId: string) {
  const kpis = (await client.get(`/api/tasks/${taskId}`)).json().kpis as { id: string }[];
  const res = await client.post(`/api/tasks/${taskId}/submissions`, { values: kpis.map((k) => ({ kpiId: k.id, value: 1 })) });
  expect(res.statusCode, res.body).toBe(201);
}

beforeAll(async () => {
  ({ app } = await useTestApp({ clock, env: { SESSION_TTL_HOURS: '720' } }));
  so = await signIn(app, DEMO.strategy);
  employment = await signIn(app, DEMO.employment);
  policy = await signIn(app, DEMO.policy);
  care = await signIn(app, DEMO.care);
  planId = (await so.get('/api/plans')).json().items[0].id;
  m10 = await openCycle(so, planId, 2024, 10, day(30).slice(0, 10));
  await openCycle(so, planId, 2024, 2, day(3).slice(0, 10));
});

describe('the season at a glance', () => {
  it('counts each task status, overdue, and what Orient and Decide still wait for', async () => {
    let s = await season();
    expect(s.fiscalYear).toBe(2024);
    expect(s.measures).toHaveLength((await so.get(`/api/plans/${planId}`)).json().counts.measures);
    expect(row(s, 2)).toMatchObject({ total: 7, open: 7, overdue: 0 });
    expect(row(s, 1)).toMatchObject({ total: 0 });
    expect(s.measures.find((m: { measure: { number: number } }) => m.measure.number === 1).cycle).toBeNull();

    // Measure ⑩ into Orient: what the cycle itself says is missing is what the season counts.
    await completeObserve(so, m10, { [policyName]: policy });
    const cycle = (await so.get(`/api/review-cycles/${m10}`)).json();
    const needing = cycle.kpis.filter((k: { needsExplanation: boolean; explanation: unknown }) => k.needsExplanation && !k.explanation);
    const leads = cycle.tasks.filter((t: { lead: boolean; status: string }) => t.lead && t.status !== 'waived');
    expect(leads.length).toBeGreaterThan(0);
    expect(needing.length, 'a KPI behind, so the explanations count means something').toBeGreaterThan(0);
    s = await season();
    expect(row(s, 10)).toMatchObject({ total: 3, accepted: 3, explanationsMissing: needing.length, assessmentsMissing: leads.length });
    expect(s.departments.find((d: { department: { name: string } }) => d.department.name === policyName).counts.assessmentsMissing).toBe(leads.length);
    for (const kpi of needing) expect((await so.put(`/api/review-cycles/${m10}/kpis/${kpi.id}/explanation`, { cause: '原因', improvement: '改善策' })).statusCode).toBe(200);
    expect((await so.put(`/api/review-cycles/${m10}/projects/${leads[0].projectId}/assessment`, { effectGrade: 'effective', nextStep: 'continue' })).statusCode).toBe(200);
    expect(row(await season(), 10)).toMatchObject({ explanationsMissing: 0, assessmentsMissing: leads.length - 1 });
    for (const t of leads.slice(1)) expect((await so.put(`/api/review-cycles/${m10}/projects/${t.projectId}/assessment`, { effectGrade: 'effective', nextStep: 'continue' })).statusCode).toBe(200);
    await advanceTo(so, m10, 'decide');
    const kpi = cycle.kpis[0];
    expect((await policy.post(`/api/review-cycles/${m10}/proposals`, { marker: 'target_changed', subjectId: kpi.id, proposed: { fiscalYear: 2024, value: 5 }, rationale: '実績に合わせる' })).statusCode).toBe(201);

    // Measure ②: two submitted (one returned), one waived, the rest overdue once the due date passes.
    const tasks2 = await tasksOf(so, 2);
    const [e1, e2] = tasks2.filter((t) => t.departmentName === employmentName);
    const other = tasks2.find((t) => t.departmentName !== employmentName && t.departmentName !== policyName)!;
    await submit(employment, e1!.id);
    await submit(employment, e2!.id);
    expect((await so.post(`/api/tasks/${e2!.id}/return`, { comment: '単位を確認してください' })).statusCode).toBe(200);
    expect((await so.post(`/api/tasks/${other.id}/waive`, { reason: '対象外' })).statusCode).toBe(200);
    clock.set(day(5));
    // Five days idle end every session (SESSION_IDLE_MINUTES): everyone signs in again.
    [so, employment, policy, care] = (await Promise.all([DEMO.strategy, DEMO.employment, DEMO.policy, DEMO.care].map((email) => signIn(app, email)))) as [Client, Client, Client, Client];
    s = await season();
    expect(row(s, 2)).toEqual({ total: 7, open: 4, submitted: 1, returned: 1, accepted: 0, waived: 1, overdue: 5, explanationsMissing: 0, assessmentsMissing: 0, proposalsPending: 0 });
    expect(row(s, 10)).toMatchObject({ total: 3, accepted: 3, overdue: 0, proposalsPending: 1, assessmentsMissing: 0 });
    const employmentRow = s.departments.find((d: { department: { name: string } }) => d.department.name === employmentName).counts;
    expect(employmentRow).toMatchObject({ total: 3, submitted: 1, returned: 1, open: 1, overdue: 2 });
    const policyRow = s.departments.find((d: { department: { name: string } }) => d.department.name === policyName).counts;
    expect(policyRow).toMatchObject({ total: 5, accepted: 3, open: 2, overdue: 2, proposalsPending: 1 });
    // The totals are the sums of the rows shown.
    for (const key of ['total', 'open', 'submitted', 'returned', 'accepted', 'waived', 'overdue', 'proposalsPending']) {
      expect(s.totals[key]).toBe(s.measures.reduce((sum: number, m: { counts: Record<string, number> }) => sum + m.counts[key]!, 0));
    }
    expect(s.totals).toMatchObject({ total: 10, overdue: 5, submitted: 1, proposalsPending: 1 });
  });

  it('filters by phase, department and overdue, and sorts by a count', async () => {
    const decide = await season('&phase=decide');
    expect(decide.measures.map((m: { measure: { number: number } }) => m.measure.number)).toEqual([10]);
    expect(decide.totals.total).toBe(3);
    const departmentId = (await season()).departmentChoices.find((d: { name: string }) => d.name === employmentName).id;
    const own = await season(`&departmentId=${departmentId}`);
    expect(own.measures.map((m: { measure: { number: number } }) => m.measure.number)).toEqual([2]);
    expect(own.totals).toMatchObject({ total: 3, overdue: 2, submitted: 1 });
    expect(own.departments).toHaveLength(1);
    const late = await season('&overdue=true');
    expect(late.measures.map((m: { measure: { number: number } }) => m.measure.number)).toEqual([2]);
    expect(late.departments.every((d: { counts: { overdue: number } }) => d.counts.overdue > 0)).toBe(true);
    const sorted = await season('&sort=overdue');
    expect(sorted.measures[0].measure.number).toBe(2);
    const byOpen = await season('&sort=open');
    expect(byOpen.measures[0].measure.number).toBe(2);
  });

  it('refuses a wrong filter by name, and the season is the office’s only', async () => {
    const bad = await so.get(`/api/plans/${planId}/season?phase=later`);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('phase');
    expect((await so.get(`/api/plans/${planId}/season?departmentId=abc`)).statusCode).toBe(400);
    expect((await employment.get(`/api/plans/${planId}/season`)).statusCode).toBe(403);
  });
});

describe('bulk accepting', () => {
  it('accepts each on its own: one accepted by someone else first is a conflict, the others are accepted', async () => {
    const tasks2 = await tasksOf(so, 2);
    const policyTasks = tasks2.filter((t) => t.departmentName === policyName);
    for (const t of policyTasks) await submit(policy, t.id);
    const employmentSubmitted = tasks2.find((t) => t.departmentName === employmentName && t.status === 'submitted')!;
    // Someone accepts one of them alone first.
    expect((await so.post(`/api/tasks/${policyTasks[0]!.id}/accept`, {})).statusCode).toBe(200);
    const ids = [employmentSubmitted.id, policyTasks[0]!.id, policyTasks[1]!.id];
    const res = await so.post('/api/tasks/bulk-accept', { taskIds: ids });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items.map((i: { outcome: string }) => i.outcome)).toEqual(['done', 'conflict', 'done']);
    const after = await tasksOf(so, 2);
    for (const id of ids) expect(after.find((t) => t.id === id)!.status).toBe('accepted');
    expect(row(await season(), 2)).toMatchObject({ submitted: 0, accepted: 3 });
  });

  it('is the office’s: a department member is refused whole; a bad list is refused whole; nothing changes', async () => {
    const returned = (await tasksOf(so, 2)).find((t) => t.status === 'returned')!;
    await submit(employment, returned.id);
    expect((await employment.post('/api/tasks/bulk-accept', { taskIds: [returned.id] })).statusCode).toBe(403);
    expect((await care.post('/api/proposals/bulk-decide', { proposalIds: [returned.id], decision: 'approve' })).statusCode).toBe(403);
    // An id that names no task of this city is that item's "not found", the others still done.
    const nobody = '00000000-0000-4000-8000-000000000000';
    expect((await so.post('/api/tasks/bulk-accept', { taskIds: [nobody] })).json().items).toEqual([{ id: nobody, outcome: 'not_found', message: 'task not found' }]);
    expect((await so.post('/api/tasks/bulk-accept', { taskIds: [] })).statusCode).toBe(400);
    expect((await so.post('/api/tasks/bulk-accept', { taskIds: Array.from({ length: 101 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`) })).statusCode).toBe(400);
    expect((await so.post('/api/tasks/bulk-accept', { taskIds: [returned.id, returned.id] })).statusCode).toBe(400);
    expect((await so.get(`/api/tasks/${returned.id}`)).json().status).toBe('submitted');
  });

  it('approves or rejects several proposals, a rejection only with its reason', async () => {
    const pending = (await so.get('/api/proposals?status=pending')).json().items as { id: string }[];
    expect(pending.length).toBeGreaterThan(0);
    const ids = pending.map((p) => p.id);
    expect((await so.post('/api/proposals/bulk-decide', { proposalIds: ids, decision: 'reject' })).json().items[0].outcome).toBe('bad_request');
    const res = await so.post('/api/proposals/bulk-decide', { proposalIds: ids, decision: 'reject', reason: '据え置く' });
    expect(res.json().items.every((i: { outcome: string }) => i.outcome === 'done')).toBe(true);
    expect((await so.post('/api/proposals/bulk-decide', { proposalIds: ids, decision: 'approve' })).json().items[0].outcome).toBe('conflict');
    expect(row(await season(), 10)).toMatchObject({ proposalsPending: 0 });
  });
});
