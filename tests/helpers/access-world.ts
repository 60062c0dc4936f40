/**
 * The world the access matrices run in (tests/http/permissions.test.ts for the API,
 * tests/pages/page-access.test.ts for the pages): Tomakomai with a cycle in Act and one in
 * Decide for 工業・雇用振興課 (department A, the `member`), 介護福祉課 (department B, the
 * `otherMember`, with no task in them), and another municipality imported from the same seed
 * under other names, with its own admin (`outsider`) and strategy office (`outsiderOffice`).
 * It gives the ids the tables name, random ids that name nothing (`ghost`), and scanners that
 * find anything of Tomakomai's, or of department A's, in a response.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { createEmail } from '../../services/notifications/create-email.ts';
import { DEMO_PASSWORD } from '../../services/users/demo-users.ts';
import { anonymous, DEMO, signIn, type Client } from './client.ts';
import { advanceTo, completeObserve, completeOrient, openCycle } from './review-flow.ts';
import { useTestApp } from './setup.ts';
import { addOtherCity, OTHER_CITY_PASSWORD } from './other-city.ts';

export type Role = 'anonymous' | 'member' | 'otherMember' | 'office' | 'admin' | 'outsider' | 'outsiderOffice';
export const ROLES: Role[] = ['anonymous', 'member', 'otherMember', 'office', 'admin', 'outsider', 'outsiderOffice'];
/** Tomakomai's signed-in roles, for the tables' `allow` columns. */
export const ALL: Role[] = ['member', 'otherMember', 'office', 'admin'];
export const STAFF_OF_DEPARTMENT: Role[] = ['member', 'office', 'admin'];
export const OFFICE: Role[] = ['office', 'admin'];
export const OUTSIDERS: Role[] = ['outsider', 'outsiderOffice'];

export const LOGINS: Record<Exclude<Role, 'anonymous'>, { email: string; password: string }> = {
  member: { email: DEMO.employment, password: DEMO_PASSWORD },
  otherMember: { email: DEMO.care, password: DEMO_PASSWORD },
  office: { email: DEMO.strategy, password: DEMO_PASSWORD },
  admin: { email: DEMO.admin, password: DEMO_PASSWORD },
  outsider: { email: 'admin@othertown.example', password: OTHER_CITY_PASSWORD },
  outsiderOffice: { email: 'senryaku@othertown.example', password: OTHER_CITY_PASSWORD },
};

/** Texts only department A (and the strategy office) may ever read. */
export const A_ONLY = {
  rationale: 'A課だけの提案理由',
  cause: 'A課だけの原因',
  improvement: 'A課だけの改善策',
  actionItem: 'A課への指示事項',
} as const;

const ID_NAMES = ['plan', 'org', 'actCycle', 'department', 'actionItem', 'cycle', 'task', 'measure', 'project', 'kpi', 'proposal', 'user', 'token', 'opinion', 'email', 'attachment', 'session'] as const;
export type Ids = Record<(typeof ID_NAMES)[number], string>;

export interface Forbidden {
  ids: Set<string>;
  words: string[];
}

const PRODUCT_WORDS = readFileSync('services/i18n/messages/ja.ts', 'utf8');
const UUIDS = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** What of `forbidden` a response body shows (ids and words), empty when nothing; an id the request itself sent (a page links to its own address) is no news. */
export function leaks(body: string, forbidden: Forbidden, sent = ''): string[] {
  const found = new Set((body.match(UUIDS) ?? []).map((id) => id.toLowerCase()).filter((id) => forbidden.ids.has(id) && !sent.includes(id)));
  const lower = body.toLowerCase();
  for (const word of forbidden.words) if (lower.includes(word.toLowerCase())) found.add(word);
  return [...found].slice(0, 5);
}

export async function buildAccessWorld() {
  const { app, deps } = await useTestApp();
  const sql = deps.database.sql;
  const clients = { anonymous: anonymous(app) } as Record<Role, Client>;
  for (const role of ['member', 'otherMember', 'office', 'admin'] as const) clients[role] = await signIn(app, LOGINS[role].email, LOGINS[role].password);
  const so = clients.office;
  const a = clients.member;
  const ids = {} as Ids;
  const plan = (await so.get('/api/plans')).json().items[0];
  ids.plan = plan.id;
  ids.org = plan.organizationId;
  const byDepartment = { '工業・雇用振興課': a };

  // Measure ② FY2021 driven to Act with a follow-up for department A.
  ids.actCycle = await openCycle(so, ids.plan, 2021, 2);
  await completeObserve(so, ids.actCycle, byDepartment);
  await completeOrient(so, ids.actCycle);
  await advanceTo(so, ids.actCycle, 'act');
  const act = (await so.get(`/api/review-cycles/${ids.actCycle}`)).json();
  ids.measure = act.measureId;
  ids.department = act.tasks.find((t: { departmentName: string }) => t.departmentName === '工業・雇用振興課').departmentId;
  ids.actionItem = (await so.post(`/api/review-cycles/${ids.actCycle}/action-items`, { departmentId: ids.department, text: A_ONLY.actionItem })).json().id;

  // Measure ② FY2022 driven to Decide, with department A's own explanation and proposal.
  ids.cycle = await openCycle(so, ids.plan, 2022, 2);
  const observe = (await so.get(`/api/review-cycles/${ids.cycle}`)).json();
  ids.task = observe.tasks.find((t: { departmentName: string; lead: boolean }) => t.departmentName === '工業・雇用振興課' && t.lead).id;
  ids.project = observe.tasks.find((t: { id: string }) => t.id === ids.task).projectId;
  await completeObserve(so, ids.cycle, byDepartment);
  await completeOrient(so, ids.cycle);
  ids.kpi = (await a.get(`/api/tasks/${ids.task}`)).json().kpis[0].id;
  const explained = await a.put(`/api/review-cycles/${ids.cycle}/kpis/${ids.kpi}/explanation`, { cause: A_ONLY.cause, improvement: A_ONLY.improvement });
  if (explained.statusCode !== 200) throw new Error(`explanation: ${explained.body}`);
  ids.proposal = (await a.post(`/api/review-cycles/${ids.cycle}/proposals`, { marker: 'target_changed', subjectId: ids.kpi, proposed: { fiscalYear: 2024, value: 500 }, rationale: A_ONLY.rationale })).json().id;
  ids.user = (await clients.admin.get('/api/admin/users')).json().items.find((u: { email: string }) => u.email === DEMO.children).id;
  ids.token = (await a.post('/api/auth/tokens', { name: 'matrix' })).json().id;
  // A second session of department A's member: the one that member may end (DELETE /api/auth/sessions/:sessionId).
  await signIn(app, LOGINS.member.email, LOGINS.member.password);
  ids.session = (await a.get('/api/auth/sessions')).json().items.find((s: { current: boolean }) => !s.current).id;
  ids.opinion = (await so.post(`/api/plans/${ids.plan}/council-opinions`, { fiscalYear: 2021, measureNumber: 2, opinion: '意見' })).json().id;
  ids.email = (await createEmail(deps.db, { organizationId: ids.org, reasonKey: 'access-matrix', template: 'test', locale: 'ja', to: ['koyo@tomakomai.example'], content: { subject: '苫小牧市からのお知らせ', greeting: '様', paragraphs: [], closing: [] } }))!;
  // A file on department A's submission, stored as attachFile stores one (the task is past taking files by now).
  ids.attachment = (
    await sql<{ id: string }[]>`
      insert into submission_attachments (submission_id, file_name, media_type, size, sha256, bytes, uploaded_by)
      select s.id, '根拠資料.pdf', 'application/pdf', 9, 'x', decode('255044462d312e340a', 'hex'), s.submitted_by
      from task_submissions s where s.task_id = ${ids.task} order by s.version desc limit 1
      returning id`
  )[0]!.id;
  for (const name of ID_NAMES) if (!ids[name]) throw new Error(`access world: no ${name}`);

  // Another city, with its own admin and strategy office, and a cycle of its own.
  const other = await addOtherCity(deps.db, [
    { email: LOGINS.outsider.email, name: '別市 管理者', role: 'admin' },
    { email: LOGINS.outsiderOffice.email, name: '別市 戦略室', role: 'strategy_office' },
  ]);
  clients.outsider = await signIn(app, LOGINS.outsider.email, LOGINS.outsider.password);
  clients.outsiderOffice = await signIn(app, LOGINS.outsiderOffice.email, LOGINS.outsiderOffice.password);
  const otherPlanId = (await clients.outsiderOffice.get('/api/plans')).json().items[0].id as string;
  const otherCycle = await openCycle(clients.outsiderOffice, otherPlanId, 2022, 2);

  // Everything of Tomakomai's, by id, plus its names: none of it may reach the other city.
  const tomakomaiIds = await sql<{ id: string }[]>`
    with o as (select id from organizations where id = ${ids.org}),
         p as (select id from plans where organization_id in (select id from o)),
         c as (select id from review_cycles where organization_id in (select id from o))
    select id from o
    union all select id from departments where organization_id in (select id from o)
    union all select id from users where organization_id in (select id from o)
    union all select id from api_tokens where user_id in (select id from users where organization_id in (select id from o))
    union all select id from p
    union all select id from goals where plan_id in (select id from p)
    union all select id from directions where plan_id in (select id from p)
    union all select id from measures where plan_id in (select id from p)
    union all select id from projects where plan_id in (select id from p)
    union all select id from kpis where plan_id in (select id from p)
    union all select id from c
    union all select id from review_tasks where cycle_id in (select id from c)
    union all select id from proposals where cycle_id in (select id from c)
    union all select id from action_items where cycle_id in (select id from c)
    union all select id from kpi_explanations where cycle_id in (select id from c)
    union all select id from council_opinions where organization_id in (select id from o)
    union all select id from emails where organization_id in (select id from o)
    union all select a.id from submission_attachments a join task_submissions s on s.id = a.submission_id join review_tasks t on t.id = s.task_id where t.cycle_id in (select id from c)`;
  const departmentNames = (await sql<{ name: string }[]>`select name from departments where organization_id = ${ids.org}`).map((d) => d.name);
  const userNames = (await sql<{ name: string }[]>`select name from users where organization_id = ${ids.org}`).map((u) => u.name);
  const tomakomai: Forbidden = {
    ids: new Set(tomakomaiIds.map((r) => r.id)),
    // A name the other city's own plan also uses (a department named in a project's text) proves nothing, nor
    // one the product's own words use (the strategy office is 政策推進課 in the catalogue).
    words: ['苫小牧', 'tomakomai', ...Object.values(A_ONLY), ...[...departmentNames, ...userNames].filter((n) => !other.planText.includes(n) && !PRODUCT_WORDS.includes(n))],
  };
  const aTasks = await sql<{ id: string }[]>`select id from review_tasks where department_id = ${ids.department}`;
  const departmentA: Forbidden = { ids: new Set([...aTasks.map((t) => t.id), ids.proposal, ids.actionItem, ids.token, ids.attachment]), words: Object.values(A_ONLY) };

  const ghost = Object.fromEntries(ID_NAMES.map((name) => [name, randomUUID()])) as Ids;
  // What publishing 2021 names as reviewed: the departments' free texts of the year as they are now.
  const reviewedTexts2021 = (await so.get(`/api/plans/${ids.plan}/publications/2021/texts`)).json().reviewedTexts as string;
  return { app: app as FastifyInstance, deps, clients, ids, ghost, tomakomai, departmentA, reviewedTexts2021, other: { planId: otherPlanId, cycleId: otherCycle, organizationId: other.organizationId } };
}

export type AccessWorld = Awaited<ReturnType<typeof buildAccessWorld>>;

/** What a role may not see, when scanning its responses: Tomakomai for the other city, department A for department B. */
export function forbiddenFor(world: AccessWorld, role: Role): Forbidden | null {
  if (OUTSIDERS.includes(role)) return world.tomakomai;
  if (role === 'otherMember') return world.departmentA;
  return null;
}

/** Does a request (its address and body, as text) name anything of the world's? */
export const namesSomething = (world: AccessWorld, text: string) => Object.values(world.ids).some((id) => text.includes(id));

export type Expectation = { allowed: true } | { allowed: false; statuses: number[]; asIfMissing: boolean };

/**
 * What a role gets from a route that Tomakomai's `allow` roles may use (`refusedWith`: what
 * Tomakomai's other staff get, 403 or 404, either if unset). `asIfMissing`: the refusal must be
 * exactly what a random id gets.
 */
export function expectationOf(role: Role, route: { allow: Role[]; refusedWith?: number }, names: boolean): Expectation {
  if (role === 'anonymous') return { allowed: false, statuses: [401], asIfMissing: false };
  if (OUTSIDERS.includes(role)) {
    // The other city's admin and strategy office are as mighty at home as Tomakomai's.
    const counterpart: Role = role === 'outsider' ? 'admin' : 'office';
    if (!names) return route.allow.includes(counterpart) ? { allowed: true } : { allowed: false, statuses: [403], asIfMissing: false };
    // Tomakomai's things do not exist for them: 404, unless their own role rules the route out first.
    return { allowed: false, statuses: route.allow.includes(counterpart) ? [404] : [403, 404], asIfMissing: true };
  }
  if (route.allow.includes(role)) return { allowed: true };
  return { allowed: false, statuses: route.refusedWith ? [route.refusedWith] : [403, 404], asIfMissing: role === 'otherMember' };
}
