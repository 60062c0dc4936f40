/**
 * Drives a review cycle over the API, for tests that need one in a given phase: every task
 * submitted and accepted, every KPI behind explained, every project assessed.
 */
import { expect } from 'vitest';
import type { Client } from './client.ts';

export async function openCycle(so: Client, planId: string, fiscalYear: number, measureNumber: number, dueDate?: string): Promise<string> {
  const res = await so.post(`/api/plans/${planId}/review-cycles`, { fiscalYear, measureNumbers: [measureNumber], ...(dueDate ? { dueDate } : {}) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().opened[0].cycleId;
}

/** Submits (as each task's department) and accepts every task, then moves to Orient. */
export async function completeObserve(so: Client, cycleId: string, clientsByDepartment: Record<string, Client>, value = 1) {
  const cycle = (await so.get(`/api/review-cycles/${cycleId}`)).json();
  for (const task of cycle.tasks as { id: string; departmentName: string }[]) {
    const client = clientsByDepartment[task.departmentName];
    if (!client) {
      expect((await so.post(`/api/tasks/${task.id}/waive`, { reason: 'テストでは対象外' })).statusCode).toBe(200);
      continue;
    }
    const kpis = (await client.get(`/api/tasks/${task.id}`)).json().kpis as { id: string }[];
    const submitted = await client.post(`/api/tasks/${task.id}/submissions`, { values: kpis.map((k) => ({ kpiId: k.id, value })) });
    expect(submitted.statusCode, submitted.body).toBe(201);
    expect((await so.post(`/api/tasks/${task.id}/accept`, {})).statusCode).toBe(200);
  }
  await advanceTo(so, cycleId, 'orient');
}

/** Explains every KPI behind (as the strategy office) and assesses every project, then moves to Decide. */
export async function completeOrient(so: Client, cycleId: string) {
  const cycle = (await so.get(`/api/review-cycles/${cycleId}`)).json();
  for (const kpi of cycle.kpis.filter((k: { needsExplanation: boolean }) => k.needsExplanation)) {
    expect((await so.put(`/api/review-cycles/${cycleId}/kpis/${kpi.id}/explanation`, { cause: '原因', improvement: '改善策' })).statusCode).toBe(200);
  }
  for (const projectId of new Set((cycle.tasks as { projectId: string }[]).map((t) => t.projectId))) {
    expect((await so.put(`/api/review-cycles/${cycleId}/projects/${projectId}/assessment`, { effectGrade: 'effective', nextStep: 'continue' })).statusCode).toBe(200);
  }
  await advanceTo(so, cycleId, 'decide');
}

export async function advanceTo(so: Client, cycleId: string, phase: string) {
  const res = await so.post(`/api/review-cycles/${cycleId}/advance`, {});
  expect(res.statusCode, res.body).toBe(200);
  expect(res.json().cycle.phase).toBe(phase);
}
