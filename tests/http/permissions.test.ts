/**
 * Every API route × every role: who may do what, checked on the server. "Refused" is 401 for
 * anyone not signed in, and 403 or 404 for a signed-in user without the right — 404 where
 * the thing belongs to another department, so its existence is not revealed. "Allowed" means
 * the request got past authorization (it may still be a 400 or 409 for other reasons).
 * A route missing from this table fails the last test.
 */
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { anonymous, DEMO, signIn, type Client } from '../helpers/client.ts';
import { advanceTo, completeObserve, completeOrient, openCycle } from '../helpers/review-flow.ts';
import { useTestApp } from '../helpers/setup.ts';

type Role = 'anonymous' | 'member' | 'otherMember' | 'office' | 'admin';
const ALL: Role[] = ['member', 'otherMember', 'office', 'admin'];
const STAFF_OF_DEPARTMENT: Role[] = ['member', 'office', 'admin'];
const OFFICE: Role[] = ['office', 'admin'];

interface Case {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  route: string;
  url: () => string;
  body?: () => unknown;
  allow: Role[];
  /** What a refused signed-in user gets: 404 (hidden) or 403 (role). Default: either. */
  refusedWith?: number;
}

let app: FastifyInstance;
const clients = {} as Record<Role, Client>;
const ids = {} as Record<'plan' | 'org' | 'actCycle' | 'department' | 'actionItem' | 'cycle' | 'task' | 'project' | 'kpi' | 'proposal' | 'user' | 'token' | 'opinion', string>;

beforeAll(async () => {
  ({ app } = await useTestApp());
  clients.anonymous = anonymous(app);
  clients.member = await signIn(app, DEMO.employment); // 工業・雇用振興課
  clients.otherMember = await signIn(app, DEMO.care); // 介護福祉課: no project in measure ②
  clients.office = await signIn(app, DEMO.strategy);
  clients.admin = await signIn(app, DEMO.admin);
  const so = clients.office;
  const plan = (await so.get('/api/plans')).json().items[0];
  ids.plan = plan.id;
  ids.org = plan.organizationId;
  const byDepartment = { '工業・雇用振興課': clients.member };

  // Measure ② FY2021 driven to Act with a follow-up for the member's department.
  ids.actCycle = await openCycle(so, ids.plan, 2021, 2);
  await completeObserve(so, ids.actCycle, byDepartment);
  await completeOrient(so, ids.actCycle);
  await advanceTo(so, ids.actCycle, 'act');
  const act = (await so.get(`/api/review-cycles/${ids.actCycle}`)).json();
  const memberDepartment = act.tasks.find((t: { departmentName: string }) => t.departmentName === '工業・雇用振興課');
  ids.department = memberDepartment.departmentId;
  ids.actionItem = (await so.post(`/api/review-cycles/${ids.actCycle}/action-items`, { departmentId: ids.department, text: '報告' })).json().id;

  // Measure ② FY2022 driven to Decide, with a proposal by the member's department.
  ids.cycle = await openCycle(so, ids.plan, 2022, 2);
  const observe = (await so.get(`/api/review-cycles/${ids.cycle}`)).json();
  ids.task = observe.tasks.find((t: { departmentName: string; lead: boolean }) => t.departmentName === '工業・雇用振興課' && t.lead).id;
  ids.project = observe.tasks.find((t: { id: string }) => t.id === ids.task).projectId;
  await completeObserve(so, ids.cycle, byDepartment);
  await completeOrient(so, ids.cycle);
  const kpi = (await clients.member.get(`/api/tasks/${ids.task}`)).json().kpis[0];
  ids.kpi = kpi.id;
  ids.proposal = (
    await clients.member.post(`/api/review-cycles/${ids.cycle}/proposals`, { marker: 'target_changed', subjectId: ids.kpi, proposed: { fiscalYear: 2024, value: 500 }, rationale: '実績に合わせる' })
  ).json().id;
  ids.user = (await clients.admin.get('/api/admin/users')).json().items.find((u: { email: string }) => u.email === DEMO.children).id;
  ids.token = (await clients.member.post('/api/auth/tokens', { name: 'matrix' })).json().id;
  ids.opinion = (await so.post(`/api/plans/${ids.plan}/council-opinions`, { fiscalYear: 2021, measureNumber: 2, opinion: '意見' })).json().id;
});

const cases: Case[] = [
  { method: 'GET', route: '/api/auth/me', url: () => '/api/auth/me', allow: ALL },
  { method: 'PUT', route: '/api/auth/password', url: () => '/api/auth/password', body: () => ({ currentPassword: 'wrong-password', newPassword: 'x' }), allow: ALL },
  { method: 'POST', route: '/api/auth/tokens', url: () => '/api/auth/tokens', body: () => ({ name: 'integration' }), allow: ALL },
  { method: 'DELETE', route: '/api/auth/tokens/:tokenId', url: () => `/api/auth/tokens/${ids.token}`, allow: ['member'], refusedWith: 404 },
  { method: 'GET', route: '/api/organizations', url: () => '/api/organizations', allow: ALL },
  { method: 'GET', route: '/api/organizations/:organizationId/departments', url: () => `/api/organizations/${ids.org}/departments`, allow: ALL },
  { method: 'GET', route: '/api/plans', url: () => '/api/plans', allow: ALL },
  { method: 'GET', route: '/api/plans/:planId', url: () => `/api/plans/${ids.plan}`, allow: ALL },
  { method: 'GET', route: '/api/plans/:planId/tree', url: () => `/api/plans/${ids.plan}/tree`, allow: ALL },
  { method: 'GET', route: '/api/plans/:planId/export', url: () => `/api/plans/${ids.plan}/export`, allow: ALL },
  { method: 'GET', route: '/api/plans/:planId/departments', url: () => `/api/plans/${ids.plan}/departments`, allow: ALL },
  { method: 'GET', route: '/api/plans/:planId/dashboard', url: () => `/api/plans/${ids.plan}/dashboard`, allow: ALL },
  { method: 'GET', route: '/api/plans/:planId/decisions', url: () => `/api/plans/${ids.plan}/decisions`, allow: ALL },
  { method: 'GET', route: '/api/kpis/:kpiId', url: () => `/api/kpis/${ids.kpi}`, allow: ALL },
  { method: 'GET', route: '/api/admin/users', url: () => '/api/admin/users', allow: ['admin'], refusedWith: 403 },
  { method: 'POST', route: '/api/admin/users', url: () => '/api/admin/users', body: () => ({ email: `new-${Math.random()}@tomakomai.example`, name: '新規', role: 'strategy_office', password: 'a-long-enough-password' }), allow: ['admin'], refusedWith: 403 },
  { method: 'PATCH', route: '/api/admin/users/:userId', url: () => `/api/admin/users/${ids.user}`, body: () => ({ name: '子育 四郎' }), allow: ['admin'], refusedWith: 403 },
  { method: 'PUT', route: '/api/admin/users/:userId/password', url: () => `/api/admin/users/${ids.user}/password`, body: () => ({ password: 'tomakomai-demo' }), allow: ['admin'], refusedWith: 403 },
  { method: 'POST', route: '/api/plans/:planId/review-cycles', url: () => `/api/plans/${ids.plan}/review-cycles`, body: () => ({ fiscalYear: 2020, measureNumbers: [5] }), allow: OFFICE, refusedWith: 403 },
  { method: 'GET', route: '/api/plans/:planId/review-cycles', url: () => `/api/plans/${ids.plan}/review-cycles`, allow: ALL },
  { method: 'GET', route: '/api/review-cycles/:cycleId', url: () => `/api/review-cycles/${ids.cycle}`, allow: STAFF_OF_DEPARTMENT, refusedWith: 404 },
  { method: 'POST', route: '/api/review-cycles/:cycleId/advance', url: () => `/api/review-cycles/${ids.cycle}/advance`, body: () => ({ expectedPhase: 'observe' }), allow: OFFICE, refusedWith: 403 },
  { method: 'PUT', route: '/api/review-cycles/:cycleId/kpis/:kpiId/explanation', url: () => `/api/review-cycles/${ids.cycle}/kpis/${ids.kpi}/explanation`, body: () => ({ cause: '原因', improvement: '改善' }), allow: STAFF_OF_DEPARTMENT, refusedWith: 404 },
  { method: 'PUT', route: '/api/review-cycles/:cycleId/projects/:projectId/assessment', url: () => `/api/review-cycles/${ids.cycle}/projects/${ids.project}/assessment`, body: () => ({ effectGrade: 'effective', nextStep: 'continue' }), allow: OFFICE, refusedWith: 403 },
  { method: 'POST', route: '/api/review-cycles/:cycleId/proposals', url: () => `/api/review-cycles/${ids.cycle}/proposals`, body: () => ({ marker: 'project_content_changed', subjectId: ids.project, proposed: { description: '内容を更新' }, rationale: '見直し' }), allow: STAFF_OF_DEPARTMENT, refusedWith: 404 },
  { method: 'GET', route: '/api/proposals', url: () => '/api/proposals', allow: ALL },
  { method: 'POST', route: '/api/proposals/:proposalId/approve', url: () => `/api/proposals/${ids.proposal}/approve`, body: () => ({}), allow: OFFICE, refusedWith: 403 },
  { method: 'POST', route: '/api/proposals/:proposalId/reject', url: () => `/api/proposals/${ids.proposal}/reject`, body: () => ({ reason: '不要' }), allow: OFFICE, refusedWith: 403 },
  { method: 'POST', route: '/api/review-cycles/:cycleId/action-items', url: () => `/api/review-cycles/${ids.actCycle}/action-items`, body: () => ({ departmentId: ids.department, text: '追加の報告' }), allow: OFFICE, refusedWith: 403 },
  { method: 'POST', route: '/api/action-items/:actionItemId/done', url: () => `/api/action-items/${ids.actionItem}/done`, body: () => ({}), allow: STAFF_OF_DEPARTMENT, refusedWith: 404 },
  { method: 'GET', route: '/api/plans/:planId/calendar', url: () => `/api/plans/${ids.plan}/calendar`, allow: ALL },
  { method: 'PUT', route: '/api/plans/:planId/calendar', url: () => `/api/plans/${ids.plan}/calendar`, body: () => ({ collectionOpens: '05-01', dueOn: '06-30', remindDaysBefore: [14, 3], remindOnDueDay: true, overdueEveryDays: 7, escalateToHeadAfterDays: 7, escalateToOfficeAfterDays: 14, dailyRunAt: '09:00', expectedVersion: 0 }), allow: OFFICE, refusedWith: 403 },
  { method: 'GET', route: '/api/vocabulary', url: () => '/api/vocabulary', allow: ALL },
  { method: 'PUT', route: '/api/vocabulary', url: () => '/api/vocabulary', body: () => ({ nextSteps: { complete: { ja: '事業完了', en: 'Completed' } } }), allow: ['admin'], refusedWith: 403 },
  { method: 'GET', route: '/api/tasks', url: () => '/api/tasks', allow: ALL },
  { method: 'GET', route: '/api/tasks/:taskId', url: () => `/api/tasks/${ids.task}`, allow: STAFF_OF_DEPARTMENT, refusedWith: 404 },
  // Only the department itself submits: the strategy office accepts or returns instead.
  { method: 'POST', route: '/api/tasks/:taskId/submissions', url: () => `/api/tasks/${ids.task}/submissions`, body: () => ({ values: [{ kpiId: ids.kpi, value: 1 }] }), allow: ['member'] },
  { method: 'POST', route: '/api/tasks/:taskId/accept', url: () => `/api/tasks/${ids.task}/accept`, body: () => ({}), allow: OFFICE, refusedWith: 403 },
  { method: 'POST', route: '/api/tasks/:taskId/return', url: () => `/api/tasks/${ids.task}/return`, body: () => ({ comment: '再確認' }), allow: OFFICE, refusedWith: 403 },
  { method: 'POST', route: '/api/tasks/:taskId/waive', url: () => `/api/tasks/${ids.task}/waive`, body: () => ({ reason: '対象外' }), allow: OFFICE, refusedWith: 403 },
  { method: 'POST', route: '/api/tasks/:taskId/reopen', url: () => `/api/tasks/${ids.task}/reopen`, body: () => ({ reason: '遅れて提出' }), allow: OFFICE, refusedWith: 403 },
  // Reports: all staff read them (the committee packet is the strategy office's); a department downloads and uploads its own task sheets; the strategy office publishes and answers the council.
  { method: 'GET', route: '/api/plans/:planId/reports/kpi-tables.xlsx', url: () => `/api/plans/${ids.plan}/reports/kpi-tables.xlsx?fiscalYear=2021`, allow: ALL },
  { method: 'GET', route: '/api/plans/:planId/reports/kpi-tables.csv', url: () => `/api/plans/${ids.plan}/reports/kpi-tables.csv?fiscalYear=2021`, allow: ALL },
  { method: 'GET', route: '/api/tasks/:taskId/sheet', url: () => `/api/tasks/${ids.task}/sheet`, allow: STAFF_OF_DEPARTMENT, refusedWith: 404 },
  // The matrix sends JSON, so the owner gets 400 (no workbook) — after authorization, as the form.
  { method: 'POST', route: '/api/tasks/:taskId/sheet', url: () => `/api/tasks/${ids.task}/sheet`, allow: ['member'] },
  { method: 'GET', route: '/api/plans/:planId/reports/revised-strategy', url: () => `/api/plans/${ids.plan}/reports/revised-strategy`, allow: ALL },
  // The strategy office's document for the council: it carries every department's causes and improvements.
  { method: 'GET', route: '/api/plans/:planId/reports/committee-packet', url: () => `/api/plans/${ids.plan}/reports/committee-packet?fiscalYear=2021`, allow: OFFICE, refusedWith: 403 },
  { method: 'GET', route: '/api/plans/:planId/council-opinions', url: () => `/api/plans/${ids.plan}/council-opinions`, allow: ALL },
  { method: 'POST', route: '/api/plans/:planId/council-opinions', url: () => `/api/plans/${ids.plan}/council-opinions`, body: () => ({ fiscalYear: 2021, opinion: '意見' }), allow: OFFICE, refusedWith: 403 },
  { method: 'PUT', route: '/api/council-opinions/:opinionId/response', url: () => `/api/council-opinions/${ids.opinion}/response`, body: () => ({ response: '対応' }), allow: OFFICE, refusedWith: 403 },
  { method: 'GET', route: '/api/plans/:planId/publications', url: () => `/api/plans/${ids.plan}/publications`, allow: ALL },
  { method: 'POST', route: '/api/plans/:planId/publications', url: () => `/api/plans/${ids.plan}/publications`, body: () => ({ fiscalYear: 2021 }), allow: OFFICE, refusedWith: 403 },
];

async function send(role: Role, c: Case) {
  const client = clients[role];
  switch (c.method) {
    case 'GET':
      return client.get(c.url());
    case 'DELETE':
      return client.delete(c.url());
    default:
      return client[c.method.toLowerCase() as 'post' | 'put' | 'patch'](c.url(), c.body?.() ?? {});
  }
}

describe('who may do what', () => {
  // Refused roles first: a refusal must change nothing, so the allowed role still finds the state it expects.
  for (const c of cases) {
    it(`${c.method} ${c.route}`, async () => {
      const refused: Role[] = (['anonymous', ...ALL] as Role[]).filter((r) => !c.allow.includes(r));
      for (const role of refused) {
        const res = await send(role, c);
        const expected = role === 'anonymous' ? [401] : c.refusedWith ? [c.refusedWith] : [403, 404];
        expect(expected, `${role}: ${res.statusCode} ${res.body.slice(0, 200)}`).toContain(res.statusCode);
      }
      for (const role of c.allow) {
        const res = await send(role, c);
        expect([401, 403, 404], `${role}: ${res.statusCode} ${res.body.slice(0, 200)}`).not.toContain(res.statusCode);
        expect(res.statusCode, `${role}: ${res.body.slice(0, 200)}`).toBeLessThan(500);
      }
    });
  }

  it('covers every API route', async () => {
    const listed = new Set(cases.map((c) => `${c.method} ${c.route}`));
    // The OpenAPI document lists every route the app serves.
    const doc = (await app.inject('/docs/json')).json() as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/api/'))
      .flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`));
    const public_ = new Set(['POST /api/auth/login', 'POST /api/auth/logout']);
    const missing = routes.filter((r) => !listed.has(r) && !public_.has(r));
    expect(missing, 'add these routes to tests/http/permissions.test.ts').toEqual([]);
    expect(routes.length).toBeGreaterThan(30);
  });
});
