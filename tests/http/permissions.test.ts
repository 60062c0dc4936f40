/**
 * Every API route × every role: who may do what, checked on the server. The roles are
 * anonymous, a member of 工業・雇用振興課 (department A), a member of 介護福祉課 (department B),
 * the strategy office, the admin, and the admin and strategy office of another city.
 * "Refused" is 401 for anyone not signed in, and 403 or 404 for a signed-in user without the
 * right — 404 where the thing belongs to another department or city, and then exactly the 404
 * a random id gets, so not even its existence is revealed. "Allowed" means the request got past
 * authorization (it may still be a 400 or 409 for other reasons). Whatever another city's
 * staff get back never names anything of Tomakomai's, and department B's never anything of
 * department A's. A route missing from this table fails the last test.
 */
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { ALL, buildAccessWorld, expectationOf, forbiddenFor, leaks, namesSomething, OFFICE, ROLES, STAFF_OF_DEPARTMENT, type AccessWorld, type Ids, type Role } from '../helpers/access-world.ts';
import { recordCount } from '../helpers/counts.ts';

interface Case {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  route: string;
  /** Given the world's ids, or random ones that name nothing. */
  url: (i: Ids) => string;
  body?: (i: Ids) => unknown;
  allow: Role[];
  /** What a refused signed-in user of Tomakomai gets: 404 (hidden) or 403 (role). Default: either. */
  refusedWith?: number;
}

let world: AccessWorld;

beforeAll(async () => {
  world = await buildAccessWorld();
});

const NOBODY = '00000000-0000-4000-8000-000000000000';

const cases: Case[] = [
  { method: 'GET', route: '/api/auth/me', url: () => '/api/auth/me', allow: ALL },
  { method: 'PUT', route: '/api/auth/password', url: () => '/api/auth/password', body: () => ({ currentPassword: 'wrong-password', newPassword: 'x' }), allow: ALL },
  { method: 'GET', route: '/api/auth/tokens', url: () => '/api/auth/tokens', allow: ALL },
  { method: 'POST', route: '/api/auth/tokens', url: () => '/api/auth/tokens', body: () => ({ name: 'integration' }), allow: ALL },
  { method: 'DELETE', route: '/api/auth/tokens/:tokenId', url: (i) => `/api/auth/tokens/${i.token}`, allow: ['member'], refusedWith: 404 },
  { method: 'GET', route: '/api/auth/sessions', url: () => '/api/auth/sessions', allow: ALL },
  { method: 'DELETE', route: '/api/auth/sessions/:sessionId', url: (i) => `/api/auth/sessions/${i.session}`, allow: ['member'], refusedWith: 404 },
  { method: 'GET', route: '/api/organizations', url: () => '/api/organizations', allow: ALL },
  { method: 'GET', route: '/api/organizations/:organizationId/departments', url: (i) => `/api/organizations/${i.org}/departments`, allow: ALL },
  { method: 'GET', route: '/api/plans', url: () => '/api/plans', allow: ALL },
  { method: 'GET', route: '/api/plans/:planId', url: (i) => `/api/plans/${i.plan}`, allow: ALL },
  { method: 'GET', route: '/api/plans/:planId/tree', url: (i) => `/api/plans/${i.plan}/tree`, allow: ALL },
  { method: 'GET', route: '/api/plans/:planId/export', url: (i) => `/api/plans/${i.plan}/export`, allow: ALL },
  { method: 'GET', route: '/api/plans/:planId/departments', url: (i) => `/api/plans/${i.plan}/departments`, allow: ALL },
  { method: 'GET', route: '/api/plans/:planId/dashboard', url: (i) => `/api/plans/${i.plan}/dashboard`, allow: ALL },
  { method: 'GET', route: '/api/plans/:planId/population', url: (i) => `/api/plans/${i.plan}/population`, allow: ALL },
  // The organization's own figures: the second of office and admin to write 2026 as new is told it exists (409).
  { method: 'PUT', route: '/api/population/years/:year', url: () => '/api/population/years/2026', body: () => ({ asOf: '2026-01-01', total: 160000 }), allow: OFFICE, refusedWith: 403 },
  { method: 'POST', route: '/api/population/import', url: () => '/api/population/import?referenceDay=01-01', body: () => ({}), allow: OFFICE, refusedWith: 403 },
  { method: 'GET', route: '/api/plans/:planId/decisions', url: (i) => `/api/plans/${i.plan}/decisions`, allow: ALL },
  { method: 'GET', route: '/api/kpis/:kpiId', url: (i) => `/api/kpis/${i.kpi}`, allow: ALL },
  { method: 'GET', route: '/api/admin/users', url: () => '/api/admin/users', allow: ['admin'], refusedWith: 403 },
  { method: 'POST', route: '/api/admin/users', url: () => '/api/admin/users', body: () => ({ email: `new-${Math.random()}@example.org`, name: '新規', role: 'strategy_office', password: 'a-long-enough-password' }), allow: ['admin'], refusedWith: 403 },
  { method: 'PATCH', route: '/api/admin/users/:userId', url: (i) => `/api/admin/users/${i.user}`, body: () => ({ name: '子育 四郎' }), allow: ['admin'], refusedWith: 403 },
  { method: 'PUT', route: '/api/admin/users/:userId/password', url: (i) => `/api/admin/users/${i.user}/password`, body: () => ({ password: 'tomakomai-demo' }), allow: ['admin'], refusedWith: 403 },
  { method: 'POST', route: '/api/plans/:planId/review-cycles', url: (i) => `/api/plans/${i.plan}/review-cycles`, body: () => ({ fiscalYear: 2020, measureNumbers: [5] }), allow: OFFICE, refusedWith: 403 },
  { method: 'GET', route: '/api/plans/:planId/review-cycles', url: (i) => `/api/plans/${i.plan}/review-cycles`, allow: ALL },
  { method: 'GET', route: '/api/review-cycles/:cycleId', url: (i) => `/api/review-cycles/${i.cycle}`, allow: STAFF_OF_DEPARTMENT, refusedWith: 404 },
  // The review's own verbs ask the statechart who may (403); a department that has no task in the cycle sees none of it (404).
  { method: 'POST', route: '/api/review-cycles/:cycleId/advance', url: (i) => `/api/review-cycles/${i.cycle}/advance`, body: () => ({ expectedPhase: 'observe' }), allow: OFFICE },
  { method: 'PUT', route: '/api/review-cycles/:cycleId/kpis/:kpiId/explanation', url: (i) => `/api/review-cycles/${i.cycle}/kpis/${i.kpi}/explanation`, body: () => ({ cause: '原因', improvement: '改善' }), allow: STAFF_OF_DEPARTMENT, refusedWith: 404 },
  { method: 'PUT', route: '/api/review-cycles/:cycleId/projects/:projectId/assessment', url: (i) => `/api/review-cycles/${i.cycle}/projects/${i.project}/assessment`, body: () => ({ effectGrade: 'effective', nextStep: 'continue' }), allow: OFFICE },
  { method: 'POST', route: '/api/review-cycles/:cycleId/proposals', url: (i) => `/api/review-cycles/${i.cycle}/proposals`, body: (i) => ({ marker: 'project_content_changed', subjectId: i.project, proposed: { description: '内容を更新' }, rationale: '見直し' }), allow: STAFF_OF_DEPARTMENT, refusedWith: 404 },
  { method: 'GET', route: '/api/proposals', url: () => '/api/proposals', allow: ALL },
  { method: 'POST', route: '/api/proposals/:proposalId/approve', url: (i) => `/api/proposals/${i.proposal}/approve`, body: () => ({}), allow: OFFICE },
  { method: 'POST', route: '/api/proposals/:proposalId/reject', url: (i) => `/api/proposals/${i.proposal}/reject`, body: () => ({ reason: '不要' }), allow: OFFICE },
  { method: 'POST', route: '/api/review-cycles/:cycleId/action-items', url: (i) => `/api/review-cycles/${i.actCycle}/action-items`, body: (i) => ({ departmentId: i.department, text: '追加の報告' }), allow: OFFICE },
  { method: 'POST', route: '/api/action-items/:actionItemId/done', url: (i) => `/api/action-items/${i.actionItem}/done`, body: () => ({}), allow: STAFF_OF_DEPARTMENT, refusedWith: 404 },
  { method: 'GET', route: '/api/plans/:planId/calendar', url: (i) => `/api/plans/${i.plan}/calendar`, allow: ALL },
  { method: 'PUT', route: '/api/plans/:planId/calendar', url: (i) => `/api/plans/${i.plan}/calendar`, body: () => ({ collectionOpens: '05-01', dueOn: '06-30', remindDaysBefore: [14, 3], remindOnDueDay: true, overdueEveryDays: 7, escalateToHeadAfterDays: 7, escalateToOfficeAfterDays: 14, dailyRunAt: '09:00', expectedVersion: 0 }), allow: OFFICE, refusedWith: 403 },
  { method: 'GET', route: '/api/vocabulary', url: () => '/api/vocabulary', allow: ALL },
  { method: 'PUT', route: '/api/vocabulary', url: () => '/api/vocabulary', body: () => ({ nextSteps: { complete: { ja: '事業完了', en: 'Completed' } } }), allow: ['admin'], refusedWith: 403 },
  { method: 'GET', route: '/api/tasks', url: () => '/api/tasks', allow: ALL },
  { method: 'GET', route: '/api/tasks/:taskId', url: (i) => `/api/tasks/${i.task}`, allow: STAFF_OF_DEPARTMENT, refusedWith: 404 },
  // Only the department itself submits: the strategy office accepts or returns instead.
  // Drafts before the submission that deletes them; only the owning department's members keep one (never the office).
  { method: 'PUT', route: '/api/tasks/:taskId/draft', url: (i) => `/api/tasks/${i.task}/draft`, body: (i) => ({ values: [{ kpiId: i.kpi, value: 1 }] }), allow: ['member'] },
  { method: 'GET', route: '/api/tasks/:taskId/draft', url: (i) => `/api/tasks/${i.task}/draft`, allow: STAFF_OF_DEPARTMENT, refusedWith: 404 },
  { method: 'POST', route: '/api/tasks/:taskId/submissions', url: (i) => `/api/tasks/${i.task}/submissions`, body: (i) => ({ values: [{ kpiId: i.kpi, value: 1 }] }), allow: ['member'] },
  // Bulk work names its items in the body: ids that name nothing, so another city's office is answered as at home (each item not found).
  { method: 'POST', route: '/api/tasks/bulk-accept', url: () => '/api/tasks/bulk-accept', body: () => ({ taskIds: [NOBODY] }), allow: OFFICE, refusedWith: 403 },
  { method: 'POST', route: '/api/proposals/bulk-decide', url: () => '/api/proposals/bulk-decide', body: () => ({ proposalIds: [NOBODY], decision: 'approve' }), allow: OFFICE, refusedWith: 403 },
  { method: 'GET', route: '/api/plans/:planId/season', url: (i) => `/api/plans/${i.plan}/season`, allow: OFFICE, refusedWith: 403 },
  { method: 'GET', route: '/api/search', url: () => `/api/search?q=${encodeURIComponent('課')}`, allow: ALL },
  { method: 'POST', route: '/api/tasks/:taskId/accept', url: (i) => `/api/tasks/${i.task}/accept`, body: () => ({}), allow: OFFICE },
  { method: 'POST', route: '/api/tasks/:taskId/return', url: (i) => `/api/tasks/${i.task}/return`, body: () => ({ comment: '再確認' }), allow: OFFICE },
  { method: 'POST', route: '/api/tasks/:taskId/waive', url: (i) => `/api/tasks/${i.task}/waive`, body: () => ({ reason: '対象外' }), allow: OFFICE },
  { method: 'POST', route: '/api/tasks/:taskId/reopen', url: (i) => `/api/tasks/${i.task}/reopen`, body: () => ({ reason: '遅れて提出' }), allow: OFFICE },
  // Reports: all staff read them (the committee packet is the strategy office's); a department downloads and uploads its own task sheets; the strategy office publishes and answers the council.
  { method: 'GET', route: '/api/plans/:planId/reports/kpi-tables.xlsx', url: (i) => `/api/plans/${i.plan}/reports/kpi-tables.xlsx?fiscalYear=2021`, allow: ALL },
  { method: 'GET', route: '/api/plans/:planId/reports/kpi-tables.csv', url: (i) => `/api/plans/${i.plan}/reports/kpi-tables.csv?fiscalYear=2021`, allow: ALL },
  { method: 'GET', route: '/api/tasks/:taskId/sheet', url: (i) => `/api/tasks/${i.task}/sheet`, allow: STAFF_OF_DEPARTMENT, refusedWith: 404 },
  // The matrix sends JSON, so the owner gets 400 (no workbook) — after authorization, as the form.
  { method: 'POST', route: '/api/tasks/:taskId/sheet', url: (i) => `/api/tasks/${i.task}/sheet`, allow: ['member'] },
  // Attachments: read by who sees the task, added by its department only.
  { method: 'GET', route: '/api/tasks/:taskId/attachments', url: (i) => `/api/tasks/${i.task}/attachments`, allow: STAFF_OF_DEPARTMENT, refusedWith: 404 },
  { method: 'POST', route: '/api/tasks/:taskId/attachments', url: (i) => `/api/tasks/${i.task}/attachments?filename=evidence.pdf`, allow: ['member'] },
  { method: 'GET', route: '/api/tasks/:taskId/attachments/:attachmentId', url: (i) => `/api/tasks/${i.task}/attachments/${i.attachment}`, allow: STAFF_OF_DEPARTMENT, refusedWith: 404 },
  { method: 'GET', route: '/api/plans/:planId/reports/revised-strategy', url: (i) => `/api/plans/${i.plan}/reports/revised-strategy`, allow: ALL },
  // The strategy office's document for the council: it carries every department's causes and improvements.
  { method: 'GET', route: '/api/plans/:planId/reports/committee-packet', url: (i) => `/api/plans/${i.plan}/reports/committee-packet?fiscalYear=2021`, allow: OFFICE, refusedWith: 403 },
  { method: 'GET', route: '/api/plans/:planId/council-opinions', url: (i) => `/api/plans/${i.plan}/council-opinions`, allow: ALL },
  { method: 'POST', route: '/api/plans/:planId/council-opinions', url: (i) => `/api/plans/${i.plan}/council-opinions`, body: () => ({ fiscalYear: 2021, opinion: '意見' }), allow: OFFICE, refusedWith: 403 },
  { method: 'PUT', route: '/api/council-opinions/:opinionId/response', url: (i) => `/api/council-opinions/${i.opinion}/response`, body: () => ({ response: '対応' }), allow: OFFICE, refusedWith: 403 },
  { method: 'GET', route: '/api/plans/:planId/publications', url: (i) => `/api/plans/${i.plan}/publications`, allow: ALL },
  { method: 'GET', route: '/api/plans/:planId/publications/:fiscalYear/texts', url: (i) => `/api/plans/${i.plan}/publications/2021/texts`, allow: OFFICE, refusedWith: 403 },
  { method: 'POST', route: '/api/plans/:planId/publications', url: (i) => `/api/plans/${i.plan}/publications`, body: () => ({ fiscalYear: 2021, reviewedTexts: world.reviewedTexts2021 }), allow: OFFICE, refusedWith: 403 },
  // Runs after the two publications above (versions 1 and 2): the office withdraws, the admin then finds it withdrawn (409).
  { method: 'POST', route: '/api/plans/:planId/publications/:fiscalYear/withdrawal', url: (i) => `/api/plans/${i.plan}/publications/2021/withdrawal`, body: () => ({ reason: '誤りがあったため', expectedVersion: 2 }), allow: OFFICE, refusedWith: 403 },
  // The print-ready documents, outside /api but for signed-in staff all the same.
  { method: 'GET', route: '/reports/plans/:planId/revised-strategy', url: (i) => `/reports/plans/${i.plan}/revised-strategy`, allow: ALL },
  { method: 'GET', route: '/reports/plans/:planId/committee-packet', url: (i) => `/reports/plans/${i.plan}/committee-packet?fiscalYear=2021`, allow: OFFICE, refusedWith: 403 },
  { method: 'GET', route: '/reports/plans/:planId/progress-preview', url: (i) => `/reports/plans/${i.plan}/progress-preview?fiscalYear=2021`, allow: OFFICE, refusedWith: 403 },
  // The plan's life: the next period, the plan as a workbook, the close of a period (office only; a bare body is a 400, past authorization).
  // A next period overlapping this one: refused by the verb, after authorization (nothing is created).
  { method: 'POST', route: '/api/plans/:planId/next-plan', url: (i) => `/api/plans/${i.plan}/next-plan`, body: () => ({ name: '次期', periodStartFiscalYear: 2020, periodEndFiscalYear: 2024, rationale: '確認', choices: [] }), allow: OFFICE, refusedWith: 403 },
  { method: 'GET', route: '/api/plans/:planId/workbook.xlsx', url: (i) => `/api/plans/${i.plan}/workbook.xlsx`, allow: ALL },
  { method: 'POST', route: '/api/plans/workbook', url: () => '/api/plans/workbook', body: () => ({}), allow: OFFICE, refusedWith: 403 },
  // Amendments of the adopted plan: a reason of blanks is refused by the verb (400), after authorization, so nothing is written.
  { method: 'POST', route: '/api/kpis/:kpiId/amendments/targets', url: (i) => `/api/kpis/${i.kpi}/amendments/targets`, body: () => ({ targets: [{ fiscalYear: 2024, value: 1 }], rationale: ' ' }), allow: OFFICE, refusedWith: 403 },
  { method: 'POST', route: '/api/kpis/:kpiId/amendments/definition', url: (i) => `/api/kpis/${i.kpi}/amendments/definition`, body: () => ({ name: '確認', rationale: ' ' }), allow: OFFICE, refusedWith: 403 },
  { method: 'POST', route: '/api/projects/:projectId/amendments/departments', url: (i) => `/api/projects/${i.project}/amendments/departments`, body: (i) => ({ leadDepartmentId: i.department, coDepartmentIds: [], rationale: ' ' }), allow: OFFICE, refusedWith: 403 },
  { method: 'POST', route: '/api/measures/:measureId/amendments', url: (i) => `/api/measures/${i.measure}/amendments`, body: () => ({ title: '確認', rationale: ' ' }), allow: OFFICE, refusedWith: 403 },
  // The plan is adopted: the office is refused by the verb (409), after authorization.
  { method: 'POST', route: '/api/plans/:planId/draft/workbook', url: (i) => `/api/plans/${i.plan}/draft/workbook`, body: () => ({}), allow: OFFICE, refusedWith: 403 },
  { method: 'GET', route: '/api/plans/:planId/reports/close-out', url: (i) => `/api/plans/${i.plan}/reports/close-out`, allow: OFFICE, refusedWith: 403 },
  { method: 'GET', route: '/api/plans/:planId/reports/close-out.xlsx', url: (i) => `/api/plans/${i.plan}/reports/close-out.xlsx`, allow: OFFICE, refusedWith: 403 },
  { method: 'GET', route: '/reports/plans/:planId/close-out', url: (i) => `/reports/plans/${i.plan}/close-out`, allow: OFFICE, refusedWith: 403 },
  // Correcting due dates (office only); a date in the past is refused by the verb, after authorization.
  { method: 'PUT', route: '/api/review-cycles/:cycleId/due-date', url: (i) => `/api/review-cycles/${i.cycle}/due-date`, body: () => ({ dueDate: '2000-01-01', expectedDueDate: '2000-01-01', reason: '確認' }), allow: OFFICE },
  { method: 'PUT', route: '/api/tasks/:taskId/due-date', url: (i) => `/api/tasks/${i.task}/due-date`, body: () => ({ dueDate: '2000-01-01', expectedDueDate: '2000-01-01', reason: '確認' }), allow: OFFICE },
  { method: 'PUT', route: '/api/plans/:planId/department-due-dates', url: (i) => `/api/plans/${i.plan}/department-due-dates`, body: (i) => ({ fiscalYear: 2021, departmentId: i.department, dueDate: '2000-01-01', expectedDueDate: '2000-01-01', reason: '確認' }), allow: OFFICE, refusedWith: 403 },
  // Last: it ends every other session of the role's user.
  { method: 'POST', route: '/api/auth/sessions/sign-out-others', url: () => '/api/auth/sessions/sign-out-others', body: () => ({}), allow: ALL },
];

/** Does the request name anything of Tomakomai's (in its address or its body)? */
const names = (c: Case) => namesSomething(world, c.url(world.ids) + JSON.stringify(c.body?.(world.ids) ?? {}));

function send(role: Role, c: Case, ids: Ids = world.ids) {
  const client = world.clients[role];
  const url = c.url(ids);
  switch (c.method) {
    case 'GET':
      return client.get(url);
    case 'DELETE':
      return client.delete(url);
    default:
      return client[c.method.toLowerCase() as 'post' | 'put' | 'patch'](url, c.body?.(ids) ?? {});
  }
}

/** An error as a caller can tell it apart: status, code and message (the request id aside). */
function errorOf(res: LightMyRequestResponse) {
  const error = (res.json() as { error?: { code?: string; message?: string } }).error;
  return { status: res.statusCode, code: error?.code, message: error?.message };
}

let cells = 0;

describe('who may do what', () => {
  // Refused roles first: a refusal must change nothing, so the allowed roles still find the state they expect.
  for (const c of cases) {
    it(`${c.method} ${c.route}`, async () => {
      const ordered = [...ROLES.filter((r) => !expectationOf(r, c, names(c)).allowed), ...ROLES.filter((r) => expectationOf(r, c, names(c)).allowed)];
      for (const role of ordered) {
        const expected = expectationOf(role, c, names(c));
        const res = await send(role, c);
        const said = `${role}: ${res.statusCode} ${res.body.slice(0, 200)}`;
        if (expected.allowed) {
          expect([401, 403, 404], said).not.toContain(res.statusCode);
          expect(res.statusCode, said).toBeLessThan(500);
        } else {
          expect(expected.statuses, said).toContain(res.statusCode);
          // Hidden means hidden: the same answer as for an id that never existed.
          if (expected.asIfMissing && res.statusCode !== 403) expect(errorOf(await send(role, c, world.ghost)), said).toEqual(errorOf(res));
        }
        const forbidden = forbiddenFor(world, role);
        if (forbidden) expect(leaks(res.body, forbidden), said).toEqual([]);
        cells++;
      }
    });
  }

  it('covers every API route', async () => {
    const listed = new Set(cases.map((c) => `${c.method} ${c.route}`));
    // The OpenAPI document lists every route the app serves.
    const doc = world.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/api/') || path.startsWith('/reports/'))
      .flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`));
    // Signing in and out is anyone's; /public is the citizens' page, open to all (tests/reports/public-progress.test.ts).
    const public_ = new Set(['POST /api/auth/login', 'POST /api/auth/logout']);
    const missing = routes.filter((r) => !listed.has(r) && !public_.has(r));
    expect(missing, 'add these routes to tests/http/permissions.test.ts').toEqual([]);
    expect(routes.length).toBeGreaterThan(30);
    expect(cells, 'every route × role cell was asserted').toBe(cases.length * ROLES.length);
    recordCount('access route × role cells', cells, `API: ${cases.length} routes × ${ROLES.length} roles`);
  });
});

describe('the scanners', () => {
  it('find what they look for, so a clean scan means something', async () => {
    const cycle = await world.clients.office.get(`/api/review-cycles/${world.ids.cycle}`);
    expect(leaks(cycle.body, world.departmentA)).not.toEqual([]);
    expect(leaks((await world.clients.office.get('/api/plans')).body, world.tomakomai)).not.toEqual([]);
  });
});

describe('another city, through its own things', () => {
  it('gets for a Tomakomai KPI or department exactly what it gets for a random id', async () => {
    const outsider = world.clients.outsider;
    const propose = (subjectId: string) => outsider.post(`/api/review-cycles/${world.other.cycleId}/proposals`, { marker: 'target_changed', subjectId, proposed: { fiscalYear: 2024, value: 1 }, rationale: '理由' });
    const addUser = (departmentId: string) => outsider.post('/api/admin/users', { email: 'staff@othertown.example', name: '別市 職員', role: 'department_member', departmentId, password: 'a-long-enough-password' });
    for (const [foreign, ghost] of [
      [await propose(world.ids.kpi), await propose(world.ghost.kpi)],
      [await addUser(world.ids.department), await addUser(world.ghost.department)],
    ]) {
      expect(foreign!.statusCode, foreign!.body).toBeGreaterThanOrEqual(400);
      expect({ ...foreign!.json().error, requestId: undefined }).toEqual({ ...ghost!.json().error, requestId: undefined });
      expect(leaks(foreign!.body, world.tomakomai)).toEqual([]);
    }
  });
});
