/**
 * The state the fuzzer works on: every role signed in (cookie session with its CSRF token, or a
 * bearer token), review cycles in Observe, Decide and Act with tasks, a pending proposal, an
 * action item, a council opinion, a second municipality with its own admin — and the real ids
 * of each kind, so generated requests reach deep code paths and not only "not found".
 */
import type { FastifyInstance } from 'fastify';
import { createSession } from '../../services/auth/sessions.ts';
import type { AppDeps } from '../../services/deps.ts';
import { anonymous, DEMO, signIn, type Client } from '../helpers/client.ts';
import { csrfOf } from '../helpers/pages.ts';
import { advanceTo, completeObserve, completeOrient, openCycle } from '../helpers/review-flow.ts';
import { addOtherCity, OTHER_CITY_PASSWORD } from '../helpers/other-city.ts';

export const ROLES = ['anonymous', 'memberA', 'memberB', 'office', 'admin', 'otherCityAdmin', 'integration'] as const;
export type Role = (typeof ROLES)[number];

export interface Identity {
  role: Role;
  userId?: string;
  /** Cookie header: the session, or (anonymous) the login form's pre-session CSRF cookie. */
  cookie: string;
  authorization?: string;
  /** The `_csrf` value this identity's forms carry. */
  csrf: string;
}

const OTHER_CITY_ADMIN = 'admin@othertown.example';

export async function buildWorld(app: FastifyInstance, deps: AppDeps) {
  const so = await signIn(app, DEMO.strategy);
  const memberA = await signIn(app, DEMO.employment); // 工業・雇用振興課
  const admin = await signIn(app, DEMO.admin);
  const plan = (await so.get('/api/plans')).json().items[0];
  const byDepartment = { '工業・雇用振興課': memberA };
  const ids: Record<string, Set<string>> = {};
  const add = (kind: string, ...values: (string | undefined)[]) => values.forEach((v) => v && (ids[kind] ??= new Set()).add(v));
  add('planId', plan.id);
  add('organizationId', plan.organizationId);

  // Measure ② driven to Act (FY2021, with an action item) and to Decide (FY2022, with a pending proposal); FY2023 stays in Observe.
  const actCycle = await openCycle(so, plan.id, 2021, 2);
  await completeObserve(so, actCycle, byDepartment);
  await completeOrient(so, actCycle);
  await advanceTo(so, actCycle, 'act');
  const decideCycle = await openCycle(so, plan.id, 2022, 2);
  await completeObserve(so, decideCycle, byDepartment);
  await completeOrient(so, decideCycle);
  const observeCycle = await openCycle(so, plan.id, 2023, 2, '2099-06-30');
  add('cycleId', actCycle, decideCycle, observeCycle);
  for (const cycleId of [actCycle, decideCycle, observeCycle]) {
    const cycle = (await so.get(`/api/review-cycles/${cycleId}`)).json();
    for (const t of cycle.tasks) {
      add('taskId', t.id);
      add('projectId', t.projectId);
      add('departmentId', t.departmentId);
    }
    for (const k of cycle.kpis) add('kpiId', k.id);
  }
  const department = (await so.get(`/api/review-cycles/${actCycle}`)).json().tasks.find((t: { departmentName: string }) => t.departmentName === '工業・雇用振興課').departmentId;
  add('actionItemId', (await so.post(`/api/review-cycles/${actCycle}/action-items`, { departmentId: department, text: '報告' })).json().id);
  const kpi = [...ids.kpiId!][0];
  add('proposalId', (await memberA.post(`/api/review-cycles/${decideCycle}/proposals`, { marker: 'target_changed', subjectId: kpi, proposed: { fiscalYear: 2024, value: 500 }, rationale: '実績に合わせる' })).json().id);
  add('opinionId', (await so.post(`/api/plans/${plan.id}/council-opinions`, { fiscalYear: 2021, measureNumber: 2, opinion: '意見' })).json().id);
  for (const d of (await so.get(`/api/plans/${plan.id}/departments`)).json().items ?? []) add('departmentId', d.id);
  // Only an unused account is offered as a user id, so the fuzzer cannot deactivate or demote the roles it signs in as.
  add('userId', (await admin.get('/api/admin/users')).json().items.find((u: { email: string }) => u.email === DEMO.children).id);
  // A token of its own for DELETE /api/auth/tokens/{tokenId}; the integration's bearer token is another.
  add('tokenId', (await memberA.post('/api/auth/tokens', { name: 'fuzz target' })).json().id);
  const bearerToken = (await memberA.post('/api/auth/tokens', { name: 'fuzz integration' })).json().token as string;
  add('fiscalYear', '2020', '2021', '2022', '2023', '2024');

  // A second municipality, with an admin of its own.
  const other = await addOtherCity(deps.db, [{ email: OTHER_CITY_ADMIN, name: '別市 管理者', role: 'admin' }]);
  const otherAdminUser = other.users[0];
  const otherAdmin = await signIn(app, OTHER_CITY_ADMIN, OTHER_CITY_PASSWORD);
  add('planId', (await otherAdmin.get('/api/plans')).json().items[0].id);
  add('organizationId', other.organizationId);

  // A filled task sheet to upload, whole or damaged.
  const sheetTask = (await memberA.get(`/api/review-cycles/${observeCycle}`)).json().tasks.find((t: { departmentName: string }) => t.departmentName === '工業・雇用振興課').id;
  const sheet = (await memberA.get(`/api/tasks/${sheetTask}/sheet`)).rawPayload;

  const users = (await admin.get('/api/admin/users')).json().items as { id: string; email: string }[];
  const userIdOf = (email: string) => users.find((u) => u.email === email)?.id;
  const emails: Record<Exclude<Role, 'anonymous' | 'integration' | 'otherCityAdmin'>, string> = { memberA: DEMO.employment, memberB: DEMO.care, office: DEMO.strategy, admin: DEMO.admin };
  const identities = {} as Record<Role, Identity>;
  const sessionOf = async (role: Role, client: Client, userId: string | undefined) => {
    identities[role] = { role, userId, cookie: client.headers.cookie!, csrf: csrfOf((await app.inject({ url: '/tasks', headers: { cookie: client.headers.cookie! } })).body) };
  };
  for (const [role, email] of Object.entries(emails) as [Role, string][]) await sessionOf(role, await signIn(app, email), userIdOf(email));
  await sessionOf('otherCityAdmin', otherAdmin, otherAdminUser!.id);
  identities.integration = { role: 'integration', cookie: '', authorization: `Bearer ${bearerToken}`, csrf: '' };
  const login = await anonymous(app).get('/login');
  identities.anonymous = { role: 'anonymous', cookie: login.cookies.map((c) => `${c.name}=${c.value}`).join('; '), csrf: csrfOf(login.body) };

  /** A new session for a role whose session a fuzzed logout ended. */
  async function renewSession(role: Role) {
    const identity = identities[role];
    if (!identity.cookie.startsWith('cityplan_session=') || !identity.userId) return;
    const session = await createSession(deps.db, deps.clock, identity.userId, deps.config.sessionTtlHours);
    identity.cookie = `cityplan_session=${session.token}`;
    identity.csrf = csrfOf((await app.inject({ url: '/tasks', headers: { cookie: identity.cookie } })).body);
  }

  return {
    identities,
    renewSession,
    ids: Object.fromEntries(Object.entries(ids).map(([k, v]) => [k, [...v]])) as Record<string, string[]>,
    sheet,
    /** Pages to read for their forms, as each role. */
    pages: [
      '/tasks',
      '/account',
      '/login',
      '/proposals',
      ...[actCycle, decideCycle, observeCycle].map((c) => `/cycles/${c}`),
      ...[...ids.taskId!].map((t) => `/tasks/${t}`),
      `/plans/${plan.id}/board`,
      `/proposals/new?cycleId=${decideCycle}`,
      ...['kpi_changed', 'target_changed', 'project_added', 'measure_added', 'project_ended'].map((m) => `/proposals/new?cycleId=${decideCycle}&marker=${m}`),
      '/admin/users',
      `/admin/users/${[...ids.userId!][0]}`,
      `/admin/departments/${department}`,
      `/admin/calendar?planId=${plan.id}`,
    ],
  };
}

export type World = Awaited<ReturnType<typeof buildWorld>>;
