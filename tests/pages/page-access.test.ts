/**
 * Every page × every role (the roles of tests/http/permissions.test.ts: anonymous, department A,
 * department B, the strategy office, the admin, another city's admin and strategy office).
 * Anonymous visitors are sent to the login page (and their forms write nothing); each role gets
 * exactly its pages; another department's task or cycle, and anything of another city's, is the
 * "not found" page a random id gets, and no page shows their names. A page missing from the
 * table fails the last test.
 */
import Fastify, { type LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { pagesPlugin } from '../../services/http/pages/plugin.ts';
import { ALL, buildAccessWorld, expectationOf, forbiddenFor, LOGINS, leaks, namesSomething, OFFICE, OUTSIDERS, ROLES, STAFF_OF_DEPARTMENT, type Ids, type Role } from '../helpers/access-world.ts';
import { recordCount } from '../helpers/counts.ts';
import { systemClock } from '../../services/context.ts';
import { buildSmallPlan, userContext } from '../helpers/small-plan.ts';
import { pageBrowser, pageSignIn, type PageClient } from '../helpers/pages.ts';

const world = await buildAccessWorld();
const { app, deps, ids } = world;
const browsers = {} as Record<Role, PageClient>;
const submissions = async () => (await deps.database.sql`select count(*)::int as n from task_submissions`)[0]!.n as number;

beforeAll(async () => {
  browsers.anonymous = pageBrowser(app);
  for (const role of ROLES.filter((r) => r !== 'anonymous') as Exclude<Role, 'anonymous'>[]) browsers[role] = await pageSignIn(app, LOGINS[role].email, LOGINS[role].password);
});

interface PageCase {
  method: 'GET' | 'POST';
  route: string;
  url: (i: Ids) => string;
  form?: (i: Ids) => Record<string, string>;
  allow: Role[];
  /** What a refused signed-in user of Tomakomai gets: 404 (hidden) or 403 (role). Default: either. */
  refusedWith?: number;
  /** Another city's staff see their own city's page here (the id in the query only picks among theirs). */
  outsiderOwn?: true;
  /** The URL names Tomakomai's draft plan (made below, not one of the world's ids). */
  draft?: true;
}

// A draft plan of Tomakomai for the editor's pages: built through the verbs, adopted by the adoption row.
const draftId = (await buildSmallPlan(await userContext(deps.db, systemClock, LOGINS.office.email), deps.db)).planId;
/** The draft in the world, a random plan id among the ghost's. */
const draft = (i: Ids) => (i === ids ? draftId : i.plan);
const ed = (i: Ids) => `/plans/${draft(i)}/editor`;
const kpiForm = { unit: '人', cumulative: 'false', direction: 'higher', 'targets[0].value': '1' };

let newUsers = 0;
const ADMIN: Role[] = ['admin'];
const calendarForm = (i: Ids) => ({ planId: i.plan, collectionOpens: '05-01', dueOn: '06-30', remindDaysBefore: '14,3', remindOnDueDay: 'on', overdueEveryDays: '7', escalateToHeadAfterDays: '7', escalateToOfficeAfterDays: '14', dailyRunAt: '09:00', expectedVersion: '0' });

const pages: PageCase[] = [
  { method: 'GET', route: '/tasks', url: () => '/tasks', allow: ALL },
  { method: 'GET', route: '/tasks/:taskId', url: (i) => `/tasks/${i.task}`, allow: STAFF_OF_DEPARTMENT, refusedWith: 404 },
  { method: 'POST', route: '/tasks/:taskId/draft', url: (i) => `/tasks/${i.task}/draft`, form: () => ({ 'values[0].value': '1' }), allow: ['member'] },
  { method: 'POST', route: '/tasks/:taskId/confirm', url: (i) => `/tasks/${i.task}/confirm`, form: () => ({ 'values[0].value': '1' }), allow: ['member'] },
  { method: 'POST', route: '/tasks/:taskId/edit', url: (i) => `/tasks/${i.task}/edit`, form: () => ({ 'values[0].value': '1' }), allow: STAFF_OF_DEPARTMENT, refusedWith: 404 },
  { method: 'POST', route: '/tasks/:taskId/submit', url: (i) => `/tasks/${i.task}/submit`, form: () => ({ 'values[0].value': '1' }), allow: ['member'] },
  { method: 'POST', route: '/tasks/:taskId/accept', url: (i) => `/tasks/${i.task}/accept`, allow: OFFICE },
  { method: 'POST', route: '/tasks/:taskId/return', url: (i) => `/tasks/${i.task}/return`, form: () => ({ returnComment: '再確認' }), allow: OFFICE },
  { method: 'POST', route: '/tasks/:taskId/waive/confirm', url: (i) => `/tasks/${i.task}/waive/confirm`, form: () => ({ waiveReason: '対象外' }), allow: OFFICE },
  { method: 'POST', route: '/tasks/:taskId/waive', url: (i) => `/tasks/${i.task}/waive`, form: () => ({ waiveReason: '対象外' }), allow: OFFICE },
  { method: 'POST', route: '/tasks/:taskId/reopen', url: (i) => `/tasks/${i.task}/reopen`, form: () => ({ reopenReason: '遅れて提出' }), allow: OFFICE },
  { method: 'POST', route: '/tasks/:taskId/kpis/:kpiId/explanation', url: (i) => `/tasks/${i.task}/kpis/${i.kpi}/explanation`, form: () => ({ cause: '原因', improvement: '改善' }), allow: STAFF_OF_DEPARTMENT, refusedWith: 404 },
  { method: 'GET', route: '/tasks/:taskId/attachments/:attachmentId', url: (i) => `/tasks/${i.task}/attachments/${i.attachment}`, allow: STAFF_OF_DEPARTMENT, refusedWith: 404 },
  { method: 'POST', route: '/tasks/:taskId/attachments', url: (i) => `/tasks/${i.task}/attachments`, allow: ['member'] },
  { method: 'GET', route: '/tasks/:taskId/sheet', url: (i) => `/tasks/${i.task}/sheet`, allow: STAFF_OF_DEPARTMENT, refusedWith: 404 },
  { method: 'POST', route: '/tasks/:taskId/sheet', url: (i) => `/tasks/${i.task}/sheet`, allow: ['member'] },
  { method: 'POST', route: '/action-items/:actionItemId/done', url: (i) => `/action-items/${i.actionItem}/done`, allow: STAFF_OF_DEPARTMENT, refusedWith: 404 },
  { method: 'GET', route: '/plans/:planId/dashboard', url: (i) => `/plans/${i.plan}/dashboard`, allow: ALL },
  { method: 'GET', route: '/plans/:planId/kpis/:kpiId', url: (i) => `/plans/${i.plan}/kpis/${i.kpi}`, allow: ALL },
  { method: 'GET', route: '/plans/:planId/board', url: (i) => `/plans/${i.plan}/board`, allow: ALL },
  { method: 'POST', route: '/plans/:planId/review-cycles', url: (i) => `/plans/${i.plan}/review-cycles`, form: () => ({ fiscalYear: '2020', measureNumbers: '5' }), allow: OFFICE, refusedWith: 403 },
  { method: 'GET', route: '/cycles/:cycleId', url: (i) => `/cycles/${i.cycle}`, allow: STAFF_OF_DEPARTMENT, refusedWith: 404 },
  { method: 'GET', route: '/plans/:planId/review-cycles/confirm', url: (i) => `/plans/${i.plan}/review-cycles/confirm?fiscalYear=2020&measureNumbers=5`, allow: OFFICE, refusedWith: 403 },
  { method: 'GET', route: '/cycles/:cycleId/advance', url: (i) => `/cycles/${i.cycle}/advance`, allow: OFFICE },
  { method: 'POST', route: '/cycles/:cycleId/advance', url: (i) => `/cycles/${i.cycle}/advance`, form: () => ({ expectedPhase: 'observe' }), allow: OFFICE },
  { method: 'GET', route: '/cycles/:cycleId/due-date', url: (i) => `/cycles/${i.cycle}/due-date`, allow: OFFICE },
  { method: 'POST', route: '/cycles/:cycleId/due-date', url: (i) => `/cycles/${i.cycle}/due-date`, form: () => ({ expectedDueDate: '2099-01-01', dueDate: '2099-02-01', reason: '延長' }), allow: OFFICE },
  { method: 'POST', route: '/cycles/:cycleId/extension', url: (i) => `/cycles/${i.cycle}/extension`, form: () => ({ target: '', extendDueDate: '2099-02-01', extendReason: '延長' }), allow: OFFICE },
  { method: 'POST', route: '/cycles/:cycleId/projects/:projectId/assessment', url: (i) => `/cycles/${i.cycle}/projects/${i.project}/assessment`, form: () => ({ effectGrade: 'effective', nextStep: 'continue' }), allow: OFFICE },
  { method: 'POST', route: '/cycles/:cycleId/action-items', url: (i) => `/cycles/${i.actCycle}/action-items`, form: (i) => ({ departmentId: i.department, text: '追加の報告' }), allow: OFFICE },
  { method: 'GET', route: '/proposals', url: () => '/proposals', allow: ALL },
  { method: 'GET', route: '/proposals/new', url: (i) => `/proposals/new?cycleId=${i.cycle}`, allow: STAFF_OF_DEPARTMENT, refusedWith: 404 },
  { method: 'POST', route: '/proposals', url: () => '/proposals', form: (i) => ({ cycleId: i.cycle, marker: 'project_content_changed', subjectId: i.project, 'proposed.description': '内容を更新', rationale: '見直し' }), allow: STAFF_OF_DEPARTMENT, refusedWith: 404 },
  { method: 'POST', route: '/proposals/:proposalId/approve', url: (i) => `/proposals/${i.proposal}/approve`, allow: OFFICE },
  { method: 'POST', route: '/proposals/:proposalId/reject', url: (i) => `/proposals/${i.proposal}/reject`, form: () => ({ reason: '不要' }), allow: OFFICE },
  { method: 'GET', route: '/plans/:planId/decisions', url: (i) => `/plans/${i.plan}/decisions`, allow: ALL },
  { method: 'GET', route: '/plans/:planId/decisions.csv', url: (i) => `/plans/${i.plan}/decisions.csv`, allow: ALL },
  // 帳票: everyone reads; the strategy office records the council's opinions and publishes, and withdraws.
  { method: 'GET', route: '/plans/:planId/reports', url: (i) => `/plans/${i.plan}/reports`, allow: ALL },
  { method: 'GET', route: '/plans/:planId/downloads/kpi-tables.xlsx', url: (i) => `/plans/${i.plan}/downloads/kpi-tables.xlsx?fiscalYear=2021`, allow: ALL },
  { method: 'GET', route: '/plans/:planId/downloads/kpi-tables.csv', url: (i) => `/plans/${i.plan}/downloads/kpi-tables.csv?fiscalYear=2021&encoding=shift_jis`, allow: ALL },
  { method: 'GET', route: '/plans/:planId/council-opinions', url: (i) => `/plans/${i.plan}/council-opinions`, allow: ALL },
  { method: 'POST', route: '/plans/:planId/council-opinions', url: (i) => `/plans/${i.plan}/council-opinions`, form: () => ({ fiscalYear: '2021', opinion: '意見' }), allow: OFFICE, refusedWith: 403 },
  { method: 'GET', route: '/plans/:planId/council-opinions/:opinionId/response', url: (i) => `/plans/${i.plan}/council-opinions/${i.opinion}/response`, allow: OFFICE, refusedWith: 404 },
  { method: 'POST', route: '/plans/:planId/council-opinions/:opinionId/response', url: (i) => `/plans/${i.plan}/council-opinions/${i.opinion}/response`, form: () => ({ response: '対応' }), allow: OFFICE, refusedWith: 403 },
  { method: 'GET', route: '/plans/:planId/publications', url: (i) => `/plans/${i.plan}/publications`, allow: ALL },
  // Publishes 2021 twice (office, admin): versions 1 and 2, which the next two pages act on.
  { method: 'GET', route: '/plans/:planId/publications/:fiscalYear/publish', url: (i) => `/plans/${i.plan}/publications/2021/publish`, allow: OFFICE, refusedWith: 404 },
  { method: 'POST', route: '/plans/:planId/publications', url: (i) => `/plans/${i.plan}/publications`, form: () => ({ fiscalYear: '2021', reviewedTexts: world.reviewedTexts2021 }), allow: OFFICE, refusedWith: 403 },
  { method: 'GET', route: '/plans/:planId/publications/:fiscalYear/withdraw', url: (i) => `/plans/${i.plan}/publications/2021/withdraw`, allow: OFFICE, refusedWith: 404 },
  // The office withdraws; the admin, second, is told it changed meanwhile (409). A department is answered as for the page it cannot see.
  { method: 'POST', route: '/plans/:planId/publications/:fiscalYear/withdraw', url: (i) => `/plans/${i.plan}/publications/2021/withdraw`, form: () => ({ reason: '誤りがあったため', expectedVersion: '2' }), allow: OFFICE, refusedWith: 404 },
  // The population vision: everyone reads; the strategy office enters (the second of office and admin to write 2026 is told it exists: 409).
  { method: 'GET', route: '/plans/:planId/population', url: (i) => `/plans/${i.plan}/population`, allow: ALL },
  { method: 'POST', route: '/plans/:planId/population', url: (i) => `/plans/${i.plan}/population`, form: () => ({ year: '2026', asOf: '2026-01-01', total: '160000' }), allow: OFFICE, refusedWith: 403 },
  { method: 'GET', route: '/plans/:planId/population/years/:year', url: (i) => `/plans/${i.plan}/population/years/2027`, allow: OFFICE, refusedWith: 404 },
  { method: 'POST', route: '/plans/:planId/population/years/:year', url: (i) => `/plans/${i.plan}/population/years/2027`, form: () => ({ asOf: '2027-01-01', total: '159000' }), allow: OFFICE, refusedWith: 404 },
  { method: 'POST', route: '/plans/:planId/population/import', url: (i) => `/plans/${i.plan}/population/import`, form: () => ({ referenceDay: '01-01' }), allow: OFFICE, refusedWith: 403 },
  { method: 'GET', route: '/account', url: () => '/account', allow: ALL },
  { method: 'POST', route: '/account/password', url: () => '/account/password', form: () => ({ currentPassword: 'wrong-password', newPassword: 'x' }), allow: ALL },
  { method: 'POST', route: '/account/tokens', url: () => '/account/tokens', form: () => ({ name: 'integration' }), allow: ALL },
  { method: 'POST', route: '/account/tokens/:tokenId/revoke', url: (i) => `/account/tokens/${i.token}/revoke`, allow: ['member'], refusedWith: 404 },
  { method: 'GET', route: '/account/password', url: () => '/account/password', allow: ALL },
  { method: 'POST', route: '/account/sessions/:sessionId/revoke', url: (i) => `/account/sessions/${i.session}/revoke`, allow: ['member'], refusedWith: 404 },
  { method: 'GET', route: '/admin', url: () => '/admin', allow: OFFICE, refusedWith: 403 },
  { method: 'GET', route: '/admin/users', url: () => '/admin/users', allow: ADMIN, refusedWith: 403 },
  { method: 'POST', route: '/admin/users', url: () => '/admin/users', form: () => ({ email: `page-${++newUsers}@example.org`, name: '新規', role: 'strategy_office', password: 'a-long-enough-password' }), allow: ADMIN, refusedWith: 403 },
  { method: 'GET', route: '/admin/users/:userId', url: (i) => `/admin/users/${i.user}`, allow: ADMIN, refusedWith: 403 },
  { method: 'POST', route: '/admin/users/:userId', url: (i) => `/admin/users/${i.user}`, form: (i) => ({ name: '子育 四郎', role: 'department_member', departmentId: i.department, active: 'on' }), allow: ADMIN, refusedWith: 403 },
  { method: 'POST', route: '/admin/users/:userId/password', url: (i) => `/admin/users/${i.user}/password`, form: () => ({ password: 'tomakomai-demo' }), allow: ADMIN, refusedWith: 403 },
  { method: 'GET', route: '/admin/departments', url: () => '/admin/departments', allow: ADMIN, refusedWith: 403 },
  { method: 'GET', route: '/admin/departments/:departmentId', url: (i) => `/admin/departments/${i.department}`, allow: ADMIN, refusedWith: 403 },
  { method: 'POST', route: '/admin/departments/:departmentId', url: (i) => `/admin/departments/${i.department}`, form: () => ({ email: 'koyo@example.org' }), allow: ADMIN, refusedWith: 403 },
  { method: 'GET', route: '/admin/calendar', url: (i) => `/admin/calendar?planId=${i.plan}`, allow: OFFICE, refusedWith: 403, outsiderOwn: true },
  { method: 'POST', route: '/admin/calendar', url: () => '/admin/calendar', form: calendarForm, allow: OFFICE, refusedWith: 403 },
  { method: 'GET', route: '/admin/emails', url: () => '/admin/emails', allow: ADMIN, refusedWith: 403 },
  { method: 'GET', route: '/admin/emails/:emailId', url: (i) => `/admin/emails/${i.email}`, allow: ADMIN, refusedWith: 403 },
  { method: 'GET', route: '/search', url: () => '/search?q=%E8%AA%B2', allow: ALL },
  { method: 'GET', route: '/plans/:planId/season', url: (i) => `/plans/${i.plan}/season`, allow: OFFICE, refusedWith: 403 },
  { method: 'GET', route: '/plans/:planId/season/tasks', url: (i) => `/plans/${i.plan}/season/tasks?fiscalYear=2022`, allow: OFFICE, refusedWith: 403 },
  { method: 'POST', route: '/plans/:planId/season/accept/confirm', url: (i) => `/plans/${i.plan}/season/accept/confirm`, form: (i) => ({ taskIds: i.task }), allow: OFFICE, refusedWith: 403 },
  { method: 'POST', route: '/plans/:planId/season/accept', url: (i) => `/plans/${i.plan}/season/accept`, form: (i) => ({ taskIds: i.task }), allow: OFFICE, refusedWith: 403 },
  { method: 'GET', route: '/plans/:planId/season/proposals', url: (i) => `/plans/${i.plan}/season/proposals?fiscalYear=2022`, allow: OFFICE, refusedWith: 403 },
  { method: 'POST', route: '/plans/:planId/season/proposals/confirm', url: (i) => `/plans/${i.plan}/season/proposals/confirm`, form: (i) => ({ proposalIds: i.proposal, decision: 'reject', reason: '据え置く' }), allow: OFFICE, refusedWith: 403 },
  { method: 'POST', route: '/plans/:planId/season/proposals/decide', url: (i) => `/plans/${i.plan}/season/proposals/decide`, form: (i) => ({ proposalIds: i.proposal, decision: 'reject', reason: '据え置く' }), allow: OFFICE, refusedWith: 403 },
  // The plans and the editor: everyone reads; the strategy office writes a draft, adopts it, and amends an adopted plan.
  { method: 'GET', route: '/plans', url: () => '/plans', allow: ALL },
  { method: 'GET', route: '/plans/new', url: () => '/plans/new', allow: OFFICE, refusedWith: 403 },
  { method: 'POST', route: '/plans', url: () => '/plans', form: () => ({ name: '次期計画', periodStartFiscalYear: '2030', periodEndFiscalYear: '2034' }), allow: OFFICE, refusedWith: 403 },
  { method: 'GET', route: '/plans/:planId', url: (i) => `/plans/${draft(i)}`, allow: ALL, draft: true },
  { method: 'POST', route: '/plans/:planId/editor', url: (i) => ed(i), form: () => ({ name: '第3期', periodStartFiscalYear: '2025', periodEndFiscalYear: '2029' }), allow: OFFICE, refusedWith: 403, draft: true },
  { method: 'POST', route: '/plans/:planId/editor/goals', url: (i) => `${ed(i)}/goals`, form: () => ({ 'new.number': '5', 'new.title': '追加の目標' }), allow: OFFICE, refusedWith: 403, draft: true },
  { method: 'GET', route: '/plans/:planId/editor/goals/:goalNumber', url: (i) => `${ed(i)}/goals/1`, allow: OFFICE, refusedWith: 403, draft: true },
  { method: 'POST', route: '/plans/:planId/editor/goals/:goalNumber', url: (i) => `${ed(i)}/goals/1`, form: () => ({ number: '1', title: 'しごと' }), allow: OFFICE, refusedWith: 403, draft: true },
  { method: 'POST', route: '/plans/:planId/editor/goals/:goalNumber/directions', url: (i) => `${ed(i)}/goals/1/directions`, form: () => ({ 'new.title': '追加の方向' }), allow: OFFICE, refusedWith: 403, draft: true },
  { method: 'GET', route: '/plans/:planId/editor/directions/:directionCode', url: (i) => `${ed(i)}/directions/1-1`, allow: OFFICE, refusedWith: 403, draft: true },
  { method: 'POST', route: '/plans/:planId/editor/directions/:directionCode', url: (i) => `${ed(i)}/directions/1-1`, form: () => ({ title: '雇用' }), allow: OFFICE, refusedWith: 403, draft: true },
  { method: 'POST', route: '/plans/:planId/editor/directions/:directionCode/measures', url: (i) => `${ed(i)}/directions/1-1/measures`, form: () => ({ 'new.number': '7', 'new.title': '追加の施策' }), allow: OFFICE, refusedWith: 403, draft: true },
  { method: 'GET', route: '/plans/:planId/editor/measures/:measureNumber', url: (i) => `${ed(i)}/measures/1`, allow: OFFICE, refusedWith: 403, draft: true },
  { method: 'POST', route: '/plans/:planId/editor/measures/:measureNumber', url: (i) => `${ed(i)}/measures/1`, form: () => ({ number: '1', title: '就職' }), allow: OFFICE, refusedWith: 403, draft: true },
  { method: 'POST', route: '/plans/:planId/editor/measures/:measureNumber/projects', url: (i) => `${ed(i)}/measures/1/projects`, form: (i) => ({ 'new.name': '追加の事業', 'new.leadDepartmentId': i.department }), allow: OFFICE, refusedWith: 403, draft: true },
  { method: 'GET', route: '/plans/:planId/editor/projects/:projectCode', url: (i) => `${ed(i)}/projects/m01-p01`, allow: OFFICE, refusedWith: 403, draft: true },
  { method: 'POST', route: '/plans/:planId/editor/projects/:projectCode', url: (i) => `${ed(i)}/projects/m01-p01`, form: (i) => ({ name: '説明会', leadDepartmentId: i.department }), allow: OFFICE, refusedWith: 403, draft: true },
  { method: 'GET', route: '/plans/:planId/editor/kpis/new', url: (i) => `${ed(i)}/kpis/new?project=m01-p01`, allow: OFFICE, refusedWith: 403, draft: true },
  { method: 'POST', route: '/plans/:planId/editor/kpis', url: (i) => `${ed(i)}/kpis`, form: () => ({ project: 'm01-p01', name: '追加の指標', ...kpiForm }), allow: OFFICE, refusedWith: 403, draft: true },
  { method: 'GET', route: '/plans/:planId/editor/kpis/:kpiCode', url: (i) => `${ed(i)}/kpis/m01-p01-k1`, allow: OFFICE, refusedWith: 403, draft: true },
  { method: 'POST', route: '/plans/:planId/editor/kpis/:kpiCode', url: (i) => `${ed(i)}/kpis/m01-p01-k1`, form: () => ({ name: '内定者数', ...kpiForm }), allow: OFFICE, refusedWith: 403, draft: true },
  // Removing twice is done, not an error (the second of the office and the admin finds it gone).
  { method: 'POST', route: '/plans/:planId/editor/kpis/:kpiCode/remove', url: (i) => `${ed(i)}/kpis/m01-p01-k2/remove`, allow: OFFICE, refusedWith: 403, draft: true },
  { method: 'POST', route: '/plans/:planId/editor/projects/:projectCode/remove', url: (i) => `${ed(i)}/projects/m02-p01/remove`, allow: OFFICE, refusedWith: 403, draft: true },
  { method: 'POST', route: '/plans/:planId/editor/measures/:measureNumber/remove', url: (i) => `${ed(i)}/measures/7/remove`, allow: OFFICE, refusedWith: 403, draft: true },
  { method: 'POST', route: '/plans/:planId/editor/directions/:directionCode/remove', url: (i) => `${ed(i)}/directions/1-2/remove`, allow: OFFICE, refusedWith: 403, draft: true },
  { method: 'POST', route: '/plans/:planId/editor/goals/:goalNumber/remove', url: (i) => `${ed(i)}/goals/5/remove`, allow: OFFICE, refusedWith: 403, draft: true },
  // No file chosen: the office is told so at the input (400), nothing written.
  { method: 'POST', route: '/plans/:planId/editor/workbook', url: (i) => `${ed(i)}/workbook`, form: () => ({}), allow: OFFICE, refusedWith: 403, draft: true },
  { method: 'GET', route: '/plans/:planId/adopt', url: (i) => `/plans/${draft(i)}/adopt`, allow: OFFICE, refusedWith: 403, draft: true },
  // The office adopts; the admin, second, is told it is adopted already (409).
  { method: 'POST', route: '/plans/:planId/adopt', url: (i) => `/plans/${draft(i)}/adopt`, form: () => ({ adoptedOn: '2025-03-31' }), allow: OFFICE, refusedWith: 403, draft: true },
  { method: 'GET', route: '/plans/:planId/amend/kpis/:kpiId', url: (i) => `/plans/${i.plan}/amend/kpis/${i.kpi}`, allow: OFFICE, refusedWith: 403 },
  { method: 'POST', route: '/plans/:planId/amend/kpis/:kpiId', url: (i) => `/plans/${i.plan}/amend/kpis/${i.kpi}`, form: () => ({ 'targets[4].value': '1', rationale: '改訂の理由' }), allow: OFFICE, refusedWith: 403 },
  { method: 'GET', route: '/plans/:planId/amend/projects/:projectId', url: (i) => `/plans/${i.plan}/amend/projects/${i.project}`, allow: OFFICE, refusedWith: 403 },
  { method: 'POST', route: '/plans/:planId/amend/projects/:projectId', url: (i) => `/plans/${i.plan}/amend/projects/${i.project}`, form: (i) => ({ leadDepartmentId: i.department, rationale: '改訂の理由' }), allow: OFFICE, refusedWith: 403 },
  // Sent without confirming: the confirmation page (before → after), nothing written.
  { method: 'GET', route: '/plans/:planId/amend/kpis/:kpiId/definition', url: (i) => `/plans/${i.plan}/amend/kpis/${i.kpi}/definition`, allow: OFFICE, refusedWith: 403 },
  { method: 'POST', route: '/plans/:planId/amend/kpis/:kpiId/definition', url: (i) => `/plans/${i.plan}/amend/kpis/${i.kpi}/definition`, form: () => ({ name: '確認用の名称', rationale: '改訂の理由' }), allow: OFFICE, refusedWith: 403 },
  { method: 'GET', route: '/plans/:planId/amend/measures/:measureId', url: (i) => `/plans/${i.plan}/amend/measures/${i.measure}`, allow: OFFICE, refusedWith: 403 },
  { method: 'POST', route: '/plans/:planId/amend/measures/:measureId', url: (i) => `/plans/${i.plan}/amend/measures/${i.measure}`, form: () => ({ title: '確認用の施策名', rationale: '改訂の理由' }), allow: OFFICE, refusedWith: 403 },
  // The plan's life: the next period, the plan as a workbook, the close of a period.
  { method: 'GET', route: '/plans/:planId/next', url: (i) => `/plans/${i.plan}/next`, allow: OFFICE, refusedWith: 403 },
  { method: 'POST', route: '/plans/:planId/next', url: (i) => `/plans/${i.plan}/next`, form: () => ({}), allow: OFFICE, refusedWith: 403 },
  { method: 'GET', route: '/plans/:planId/downloads/plan.xlsx', url: (i) => `/plans/${i.plan}/downloads/plan.xlsx`, allow: ALL },
  { method: 'POST', route: '/plans/:planId/plan-workbook', url: (i) => `/plans/${i.plan}/plan-workbook`, form: () => ({}), allow: OFFICE, refusedWith: 403 },
  { method: 'GET', route: '/plans/:planId/close-out', url: (i) => `/plans/${i.plan}/close-out`, allow: OFFICE, refusedWith: 403 },
  { method: 'GET', route: '/plans/:planId/downloads/close-out.xlsx', url: (i) => `/plans/${i.plan}/downloads/close-out.xlsx`, allow: OFFICE, refusedWith: 403 },
  // Last: it ends every other session of the role's user.
  { method: 'POST', route: '/account/sessions/sign-out-others', url: () => '/account/sessions/sign-out-others', allow: ALL },
];

const names = (p: PageCase) => !p.outsiderOwn && (Boolean(p.draft) || namesSomething(world, p.url(ids) + JSON.stringify(p.form?.(ids) ?? {})));
const send = (role: Role, p: PageCase, i: Ids = ids) => (p.method === 'GET' ? browsers[role].get(p.url(i)) : browsers[role].post(p.url(i), p.form?.(i) ?? {}));
/** What a reader can tell of an error page: its status, heading and message. */
const shown = (res: LightMyRequestResponse) => ({ status: res.statusCode, text: /<h1>[\s\S]*?<\/p>/.exec(res.body)?.[0] });

let cells = 0;

describe('who may open what', () => {
  // Refused roles first: a refusal must change nothing, so the allowed roles still find the state they expect.
  for (const p of pages) {
    it(`${p.method} ${p.route}`, async () => {
      const ordered = [...ROLES.filter((r) => !expectationOf(r, p, names(p)).allowed), ...ROLES.filter((r) => expectationOf(r, p, names(p)).allowed)];
      for (const role of ordered) {
        const expected = expectationOf(role, p, names(p));
        const res = await send(role, p);
        const said = `${role}: ${res.statusCode} ${res.headers.location ?? ''}`;
        if (role === 'anonymous') {
          // Sent to sign in, and back here afterwards when it was a page to read.
          expect(res.statusCode, said).toBe(p.method === 'GET' ? 302 : 303);
          expect(res.headers.location, said).toBe(p.method === 'GET' ? `/login?next=${encodeURIComponent(p.url(ids))}` : '/login');
        } else if (expected.allowed) {
          if (p.method === 'GET') expect(res.statusCode, said).toBe(200);
          expect([401, 403, 404], said).not.toContain(res.statusCode);
          expect(res.statusCode, said).toBeLessThan(500);
        } else {
          expect(expected.statuses, said).toContain(res.statusCode);
          if (p.method === 'GET') expect(res.body, said).toContain(res.statusCode === 403 ? '権限がありません' : 'ページが見つかりません');
          if (expected.asIfMissing && res.statusCode === 404) expect(shown(await send(role, p, world.ghost)), said).toEqual(shown(res));
        }
        const forbidden = forbiddenFor(world, role);
        if (forbidden) expect(leaks(res.body, forbidden, p.url(ids)), said).toEqual([]);
        cells++;
      }
    });
  }

  it('covers every page', async () => {
    // The pages' own routes, as Fastify registers them.
    const probe = Fastify();
    const routes: string[] = [];
    probe.addHook('onRoute', (r) => {
      for (const method of [r.method].flat()) if (method !== 'HEAD' && !r.url.startsWith('/static/')) routes.push(`${method} ${r.url}`);
    });
    await probe.register(pagesPlugin(deps, { on: () => {}, onReset: () => {}, barrier: async () => {}, close: async () => {} }));
    await probe.ready();
    await probe.close();
    // Signing in and out: tests/pages/sessions.test.ts; a forgotten password: tests/pages/password-reset.test.ts.
    const public_ = new Set(['GET /', 'GET /login', 'POST /login', 'POST /logout', 'GET /password-reset', 'POST /password-reset', 'GET /password-reset/:token', 'POST /password-reset/:token']);
    const listed = new Set(pages.map((p) => `${p.method} ${p.route}`));
    expect(routes.filter((r) => !listed.has(r) && !public_.has(r)), 'add these pages to tests/pages/page-access.test.ts').toEqual([]);
    expect(routes.length).toBeGreaterThan(30);
    expect(cells, 'every page × role cell was asserted').toBe(pages.length * ROLES.length);
    recordCount('access route × role cells', cells, `pages: ${pages.length} routes × ${ROLES.length} roles`);
  });
});

describe('anonymous visitors', () => {
  it('write nothing by posting a form; they are sent to the login page', async () => {
    const anonymous = pageBrowser(app);
    await anonymous.get('/login');
    const before = await submissions();
    const res = await anonymous.post(`/tasks/${ids.task}/submit`, { 'values[0].value': '5', 'values[1].value': '5' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/login');
    expect(await submissions()).toBe(before);
    expect((await anonymous.get('/')).headers.location).toBe('/login');
    expect((await anonymous.get('/login')).statusCode).toBe(200);
  });

  it('get the stylesheet and our own copy of htmx, and nothing else from node_modules', async () => {
    const anonymous = pageBrowser(app);
    expect((await anonymous.get('/static/app.css')).statusCode).toBe(200);
    const htmx = await anonymous.get('/static/htmx.min.js');
    expect(htmx.statusCode).toBe(200);
    expect(htmx.headers['content-type']).toContain('javascript');
    expect((await anonymous.get('/static/htmx.js')).statusCode).toBe(404);
    expect((await anonymous.get('/static/../package.json')).statusCode).toBe(404);
  });
});

describe('another department or city', () => {
  it('cannot submit, explain or act on a task: 404 and nothing written', async () => {
    for (const role of ['otherMember', ...OUTSIDERS] as Role[]) {
      const before = await submissions();
      const browser = browsers[role];
      await browser.get('/tasks');
      expect((await browser.post(`/tasks/${ids.task}/submit`, { 'values[0].value': '5' })).statusCode, role).toBe(404);
      expect((await browser.post(`/tasks/${ids.task}/kpis/${ids.kpi}/explanation`, { cause: 'x', improvement: 'y' })).statusCode, role).toBe(404);
      expect(await submissions()).toBe(before);
    }
  });
});

describe('addresses people type', () => {
  it('are "not found" pages, never errors, when an id is malformed or unknown', async () => {
    const browser = browsers.office;
    for (const url of ['/tasks/not-a-task', '/tasks/00000000-0000-4000-8000-000000000000', '/plans/x/dashboard', '/cycles/123', `/plans/${ids.plan}/kpis/00000000-0000-4000-8000-000000000000`, '/admin/emails/nope']) {
      const res = await browser.get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toContain('text/html');
    }
    for (const url of [`/plans/${ids.plan}/dashboard?fiscalYear=abc&goal=-1&status=bogus&department=x`, `/plans/${ids.plan}/decisions?page=-3&marker=x&fiscalYear=1`, '/proposals/new?cycleId=x&marker=y']) {
      expect((await browser.get(url)).statusCode, url).toBe(200);
    }
  });
});
