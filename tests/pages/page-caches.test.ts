/**
 * The dashboard page, the OODA board, a cycle's page and マイタスク keep their bodies in the
 * process (services/cache/fragments.ts). They are never stale: a write through the app shows on
 * the very next request, a write from elsewhere (another process, SQL by hand) once its notice
 * arrives; and a body is never shown to someone it was not built for (another role, another
 * department, another session's CSRF token).
 */
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO, signIn, type Client } from '../helpers/client.ts';
import { csrfOf, pageSignIn, type PageClient } from '../helpers/pages.ts';
import { openCycle } from '../helpers/review-flow.ts';
import { useTestApp } from '../helpers/setup.ts';

const { app, deps } = await useTestApp();
let office: Client;
let employment: Client;
let officePage: PageClient;
let employmentPage: PageClient;
/** A department member with no task in the cycle. */
let outsiderPage: PageClient;
let planId: string;
let cycleId: string;
let task: { id: string; departmentName: string; lead: boolean; projectId: string };

const dashboard = () => `/plans/${planId}/dashboard?fiscalYear=2022`;
const board = () => `/plans/${planId}/board?fiscalYear=2022`;
const tokens = (html: string) => [...new Set([...html.matchAll(/name="_csrf" value="([^"]+)"/g)].map((m) => m[1]))];

beforeAll(async () => {
  office = await signIn(app, DEMO.strategy);
  employment = await signIn(app, DEMO.employment);
  planId = (await office.get('/api/plans')).json().items[0].id;
  officePage = await pageSignIn(app, DEMO.strategy);
  employmentPage = await pageSignIn(app, DEMO.employment);
  cycleId = await openCycle(office, planId, 2022, 1);
  const cycle = (await office.get(`/api/review-cycles/${cycleId}`)).json();
  task = cycle.tasks.find((t: typeof task) => t.departmentName === '工業・雇用振興課' && t.lead);
  const inCycle = new Set((cycle.tasks as { departmentName: string }[]).map((t) => t.departmentName));
  const outsider = ([[DEMO.policy, '政策推進課'], [DEMO.care, '介護福祉課'], [DEMO.children, 'こども育成課']] as const).find(([, name]) => !inCycle.has(name));
  outsiderPage = await pageSignIn(app, outsider![0]);
});

describe('cached page bodies', () => {
  it('show a submission, its acceptance and an assessment on the very next request', async () => {
    // Each page read twice: the second answer comes from the cache.
    for (const url of [dashboard(), board(), `/cycles/${cycleId}`, '/tasks']) {
      expect((await officePage.get(url)).statusCode).toBe(200);
      expect((await officePage.get(url)).statusCode).toBe(200);
    }
    expect((await officePage.get('/tasks')).body).not.toContain(`/tasks/${task.id}"`);
    expect((await officePage.get(dashboard())).body).not.toContain('4,321');

    const kpis = (await employment.get(`/api/tasks/${task.id}`)).json().kpis as { id: string }[];
    expect((await employment.post(`/api/tasks/${task.id}/submissions`, { values: kpis.map((k) => ({ kpiId: k.id, value: 4321 })) })).statusCode).toBe(201);
    // To review in the office's inbox; not yet the plan's figure.
    expect((await officePage.get('/tasks')).body).toContain(`/tasks/${task.id}"`);
    expect((await officePage.get(dashboard())).body).not.toContain('4,321');

    expect((await office.post(`/api/tasks/${task.id}/accept`, {})).statusCode).toBe(200);
    expect((await officePage.get(dashboard())).body).toContain('4,321');
    expect((await officePage.get('/tasks')).body).not.toContain(`/tasks/${task.id}"`);

    const before = (await officePage.get(`/cycles/${cycleId}`)).body;
    const cycle = (await office.get(`/api/review-cycles/${cycleId}`)).json();
    for (const t of cycle.tasks.filter((t: { status: string }) => t.status === 'open')) expect((await office.post(`/api/tasks/${t.id}/waive`, { reason: 'テストでは対象外' })).statusCode).toBe(200);
    expect((await office.post(`/api/review-cycles/${cycleId}/advance`, {})).statusCode).toBe(200);
    const orient = (await officePage.get(`/cycles/${cycleId}`)).body;
    expect(orient).not.toBe(before);
    expect(orient).toMatch(/class="current" aria-current="step">状況判断/);
    expect((await office.put(`/api/review-cycles/${cycleId}/projects/${task.projectId}/assessment`, { effectGrade: 'effective', nextStep: 'continue', comment: 'キャッシュ確認の所見' })).statusCode).toBe(200);
    expect((await officePage.get(`/cycles/${cycleId}`)).body).toContain('キャッシュ確認の所見');
  });

  it('show a change written elsewhere once its notice arrives', async () => {
    const before = (await officePage.get(`/cycles/${cycleId}`)).body;
    expect((await officePage.get(`/cycles/${cycleId}`)).body).toBe(before);
    expect((await officePage.get(board())).body).not.toContain('キャッシュ確認の施策名');
    // As another API process or a fix by hand would: no request of this process wrote these.
    await deps.db.execute(sql`update review_cycles set due_date = '2099-12-31' where id = ${cycleId}`);
    await expect.poll(async () => (await officePage.get(`/cycles/${cycleId}`)).body, { timeout: 5000 }).not.toBe(before);
    await deps.db.execute(sql`update measures set title = 'キャッシュ確認の施策名' where plan_id = ${planId} and number = 1`);
    await expect.poll(async () => (await officePage.get(board())).body, { timeout: 5000 }).toContain('キャッシュ確認の施策名');
    await expect.poll(async () => (await officePage.get(dashboard())).body, { timeout: 5000 }).toContain('キャッシュ確認の施策名');
  });

  it('are never another role’s, another department’s or another session’s', async () => {
    for (const url of [dashboard(), board(), `/cycles/${cycleId}`, '/tasks']) await officePage.get(url);
    // The office's links (the season, opening a year) are not a department member's.
    const dashboardPage = (await employmentPage.get(dashboard())).body;
    expect(dashboardPage).toContain('4,321');
    expect(dashboardPage).not.toContain(`/plans/${planId}/season`);
    expect((await employmentPage.get(board())).body).not.toContain('review-cycles/confirm');
    expect((await officePage.get(board())).body).toContain('review-cycles/confirm');
    // A department without a task in the cycle does not see it, though the office's page is cached.
    expect((await outsiderPage.get(`/cycles/${cycleId}`)).statusCode).toBe(404);
    // Each page's forms carry the reader's own token.
    const mine = await employmentPage.get(`/cycles/${cycleId}`);
    expect(mine.statusCode).toBe(200);
    const theirs = await officePage.get(`/cycles/${cycleId}`);
    expect(tokens(mine.body)).toEqual([csrfOf(mine.body)]);
    expect(tokens(theirs.body)).toEqual([csrfOf(theirs.body)]);
    expect(csrfOf(mine.body)).not.toBe(csrfOf(theirs.body));
    // The menu and the name are each reader's own.
    expect((await employmentPage.get('/tasks')).body).toContain('工業・雇用振興課');
    expect((await outsiderPage.get('/tasks')).body).not.toContain(`/tasks/${task.id}"`);
  });
});
