/** Nothing a user can type into a form gives a server error: odd numbers, repeated fields, malformed ids, tampered choices. */
import { expect, it } from 'vitest';
import { DEMO, signIn } from '../helpers/client.ts';
import { pageSignIn } from '../helpers/pages.ts';
import { useTestApp } from '../helpers/setup.ts';
const { app } = await useTestApp();
it('answers every odd form with a page (400, 404 or 409), never a 500', async () => {
  const so = await signIn(app, DEMO.strategy);
  const planId = (await so.get('/api/plans')).json().items[0].id;
  const cycleId = (await so.post(`/api/plans/${planId}/review-cycles`, { fiscalYear: 2024, measureNumbers: [12], dueDate: '2099-06-30' })).json().opened[0].cycleId;
  const policy = await signIn(app, DEMO.policy);
  const taskId = (await policy.get('/api/tasks?fiscalYear=2024')).json().items[0].id;
  const clerk = await pageSignIn(app, DEMO.policy);
  const office = await pageSignIn(app, DEMO.admin);
  await clerk.get(`/tasks/${taskId}`);
  const big = '9'.repeat(400);
  const results: string[] = [];
  const tries: [typeof clerk, string, Record<string, string | string[]>][] = [
    [clerk, `/tasks/${taskId}/submit`, { 'values[0].value': big, 'values[1].value': '1' }],
    [clerk, `/tasks/${taskId}/submit`, { 'values[0].value': '1e5', 'values[1].value': '-0' }],
    [clerk, `/tasks/${taskId}/submit`, { 'values[0].value': ['1', '2'], 'values[1].value': '1', evidenceUrl: 'javascript:alert(1)' }],
    [clerk, `/tasks/${taskId}/submit`, { 'values[0].value': '1', 'values[1].value': '1', comment: 'x'.repeat(5000) }],
    [office, `/plans/${planId}/review-cycles`, { fiscalYear: '99999999999', dueDate: '9999-99-99', measureNumbers: ['0', 'x'] }],
    [office, `/plans/${planId}/review-cycles`, { fiscalYear: '2024', measureNumbers: '999' }],
    [office, '/proposals', { cycleId, marker: 'kpi_changed', subjectId: 'x', rationale: 'r' }],
    [office, '/proposals', { cycleId: 'x', marker: 'nope' }],
    [office, '/proposals', { cycleId, marker: 'target_changed', subjectId: cycleId, 'proposed.fiscalYear': '2024', 'proposed.value': big, rationale: 'r' }],
    [office, `/cycles/${cycleId}/advance`, { expectedPhase: 'bogus' }],
    [office, `/cycles/${cycleId}/advance`, { expectedPhase: 'observe', acknowledged: ['on', 'x'] }],
    [office, `/cycles/${cycleId}/due-date`, { expectedDueDate: 'x', dueDate: '9999-99-99', reason: 'x'.repeat(5000) }],
    [office, `/cycles/${cycleId}/extension`, { target: `department:${cycleId}:2099-01-01`, extendDueDate: '2099-13-01', extendReason: '' }],
    [office, `/cycles/${cycleId}/extension`, { target: `task:${cycleId}:2099-01-01`, extendDueDate: '2099-02-01', extendReason: 'x' }],
    [office, `/cycles/${cycleId}/action-items`, { departmentId: 'x', text: 'y' }],
    [office, `/cycles/${cycleId}/projects/00000000-0000-4000-8000-000000000000/assessment`, { effectGrade: 'effective', nextStep: 'continue' }],
    [office, '/admin/calendar', { planId, expectedVersion: '-1', collectionOpens: 'x', dueOn: 'y', remindDaysBefore: 'a,b', overdueEveryDays: '0', escalateToHeadAfterDays: '', escalateToOfficeAfterDays: '1e9', dailyRunAt: '25:99' }],
    [office, '/admin/users', { email: 'a@b.co', name: 'x'.repeat(300), role: 'root', password: 'p', locale: 'xx', departmentId: 'zz' }],
    [office, '/proposals/00000000-0000-4000-8000-000000000000/approve', {}],
  ];
  for (const [who, url, form] of tries) {
    await who.get('/tasks');
    const r = await who.post(url, form);
    results.push(`${r.statusCode} ${url}`);
  }
  expect(results.filter((r) => r.startsWith('5'))).toEqual([]);
  // A link someone typed is shown, but only an http(s) one is ever a link.
  expect((await clerk.get(`/tasks/${taskId}`)).body).not.toContain('href="javascript:');
});
