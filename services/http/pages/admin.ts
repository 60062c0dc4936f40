/**
 * Administration: users (add, change role/department/status, reset a password), departments'
 * contact addresses, the review calendar, sent emails (read-only) and a link to the job
 * dashboard mounted by the jobs module at /admin/queues. The services check the roles.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Static } from 'typebox';
import { ROLES } from '../../../db/schema/access/constants.ts';
import { getSentEmail, listSentEmails } from '../../admin/sent-emails.ts';
import { requireAdmin, requireStrategyOffice } from '../../auth/authorize.ts';
import { getReviewCalendar, UpdateReviewCalendarBody, updateReviewCalendar, type ReviewCalendar } from '../../calendar/review-calendar.ts';
import { DepartmentContacts, getDepartment, updateDepartment } from '../../departments/update-department.ts';
import type { AppDeps } from '../../deps.ts';
import { ServiceError } from '../../errors.ts';
import { translator } from '../../i18n/translate.ts';
import { listDepartments, listPlans } from '../../plans/queries.ts';
import { createUser, NewUserBody, type NewUser } from '../../users/create-user.ts';
import { EditUserForm, listUsers, resetPassword, ResetPasswordBody, updateUser } from '../../users/manage-users.ts';
import { seeOther } from './flash.ts';
import { checkForm, field, noErrors, numberInput, serviceFailure, textInput, type FormBody, type FormErrors } from './forms.ts';
import { intParam, uuidParam, type Query } from './query.ts';
import type { PageRenderer } from './render.ts';
import { pageContext, pageUser } from './request-context.ts';


type State = { errors?: FormErrors; input?: FormBody; status?: number };

export const adminPages = (deps: AppDeps, render: PageRenderer) => async (app: FastifyInstance) => {
  const ctx = (request: FastifyRequest) => pageContext(deps, request);
  const title = (request: FastifyRequest, key: Parameters<ReturnType<typeof translator>>[0]) => translator(request.locale)(key);
  const page = (request: FastifyRequest, reply: FastifyReply, view: string, data: Record<string, unknown> & { title: string }, state: State = {}) =>
    render.page(request, reply, view, { active: 'admin', errors: state.errors ?? noErrors(), input: state.input ?? null, ...data }, state.status);

  app.get('/admin', async (request, reply) => {
    requireStrategyOffice(ctx(request));
    return page(request, reply, 'admin/index', { title: title(request, 'admin.title'), isAdmin: pageUser(request).role === 'admin' });
  });

  // ---- users ----
  const showUsers = async (request: FastifyRequest, reply: FastifyReply, state: State = {}) => {
    const c = ctx(request);
    const [users, departments] = await Promise.all([listUsers({ ctx: c }), listDepartments(c, pageUser(request).organizationId)]);
    return page(request, reply, 'admin/users', { title: title(request, 'admin.users'), users, departments, roles: ROLES }, state);
  };
  app.get('/admin/users', async (request, reply) => showUsers(request, reply));
  app.post('/admin/users', async (request, reply) => {
    const body = request.body as FormBody;
    const input = {
      email: textInput(field(body, 'email')),
      name: textInput(field(body, 'name')),
      role: field(body, 'role'),
      departmentId: textInput(field(body, 'departmentId')),
      password: field(body, 'password') || undefined,
      locale: field(body, 'locale') === 'en' ? 'en' : 'ja',
    };
    const form = checkForm<NewUser>(NewUserBody, input, request.locale);
    if (!form.ok) return showUsers(request, reply, { errors: form.errors, input: body, status: 400 });
    try {
      await createUser({ ctx: ctx(request), input: form.value });
    } catch (error) {
      if (error instanceof ServiceError && error.code === 'CONFLICT') {
        return showUsers(request, reply, { errors: { fields: { email: translator(request.locale)('problems.emailTaken') }, form: [] }, input: body, status: 409 });
      }
      const failure = serviceFailure(error, request.locale);
      return showUsers(request, reply, { errors: failure.errors, input: body, status: failure.status });
    }
    return seeOther(reply, '/admin/users', 'userCreated');
  });

  type UserParams = { Params: { userId: string } };
  const showUser = async (request: FastifyRequest<UserParams>, reply: FastifyReply, state: State = {}) => {
    const c = ctx(request);
    const [users, departments] = await Promise.all([listUsers({ ctx: c }), listDepartments(c, pageUser(request).organizationId)]);
    const user = users.find((u) => u.id === request.params.userId);
    if (!user) throw new ServiceError('NOT_FOUND', 'user not found');
    return page(request, reply, 'admin/user', { title: `${user.name} — ${title(request, 'admin.users')}`, user, departments, roles: ROLES }, state);
  };
  app.get<UserParams>('/admin/users/:userId', async (request, reply) => showUser(request, reply));
  app.post<UserParams>('/admin/users/:userId', async (request, reply) => {
    const body = request.body as FormBody;
    const input = { name: textInput(field(body, 'name')), role: field(body, 'role'), departmentId: textInput(field(body, 'departmentId')), active: field(body, 'active') === 'on' };
    const form = checkForm<Static<typeof EditUserForm>>(EditUserForm, input, request.locale);
    if (!form.ok) return showUser(request, reply, { errors: form.errors, input: body, status: 400 });
    try {
      await updateUser({ ctx: ctx(request), input: { userId: request.params.userId, ...form.value, departmentId: form.value.departmentId ?? null } });
    } catch (error) {
      const failure = serviceFailure(error, request.locale);
      return showUser(request, reply, { errors: failure.errors, input: body, status: failure.status });
    }
    return seeOther(reply, `/admin/users/${request.params.userId}`, 'userUpdated');
  });
  app.post<UserParams>('/admin/users/:userId/password', async (request, reply) => {
    const body = request.body as FormBody;
    const form = checkForm<{ password: string }>(ResetPasswordBody, { password: field(body, 'password') || undefined }, request.locale);
    if (!form.ok) return showUser(request, reply, { errors: form.errors, status: 400 });
    try {
      await resetPassword({ ctx: ctx(request), input: { userId: request.params.userId, password: form.value.password } });
    } catch (error) {
      const failure = serviceFailure(error, request.locale);
      return showUser(request, reply, { errors: failure.errors, status: failure.status });
    }
    return seeOther(reply, `/admin/users/${request.params.userId}`, 'passwordReset');
  });

  // ---- departments ----
  app.get('/admin/departments', async (request, reply) => {
    const c = ctx(request);
    // Departments are readable by all staff through the API; their contacts page is the administrator's.
    requireAdmin(c);
    const departments = await listDepartments(c, pageUser(request).organizationId);
    return page(request, reply, 'admin/departments', { title: title(request, 'admin.departments'), departments });
  });
  type DeptParams = { Params: { departmentId: string } };
  const showDepartment = async (request: FastifyRequest<DeptParams>, reply: FastifyReply, state: State = {}) => {
    const department = await getDepartment({ ctx: ctx(request), input: { departmentId: request.params.departmentId } });
    return page(request, reply, 'admin/department', { title: `${department.name} — ${title(request, 'admin.departments')}`, department }, state);
  };
  app.get<DeptParams>('/admin/departments/:departmentId', async (request, reply) => showDepartment(request, reply));
  app.post<DeptParams>('/admin/departments/:departmentId', async (request, reply) => {
    const body = request.body as FormBody;
    const address = (name: string) => textInput(field(body, name)) ?? null;
    const input = { email: address('email'), headEmail: address('headEmail'), deputyEmail: address('deputyEmail'), headDelegated: field(body, 'headDelegated') === 'on' };
    const form = checkForm<DepartmentContacts>(DepartmentContacts, input, request.locale);
    if (!form.ok) return showDepartment(request, reply, { errors: form.errors, input: body, status: 400 });
    try {
      await updateDepartment({
        ctx: ctx(request),
        input: { departmentId: request.params.departmentId, ...form.value },
      });
    } catch (error) {
      const failure = serviceFailure(error, request.locale);
      return showDepartment(request, reply, { errors: failure.errors, input: body, status: failure.status });
    }
    return seeOther(reply, '/admin/departments', 'departmentUpdated');
  });

  // ---- review calendar (the strategy office's) ----
  const showCalendar = async (request: FastifyRequest, reply: FastifyReply, planId: string | undefined, state: State = {}) => {
    const c = ctx(request);
    requireStrategyOffice(c);
    const plans = await listPlans(c);
    // By default the current plan (services/plans/current-plan.ts): a draft has no reviews to schedule yet.
    const plan = plans.find((p) => p.id === planId) ?? plans.find((p) => p.standing === 'current');
    const calendar = plan ? await getReviewCalendar({ ctx: c, input: { planId: plan.id } }) : null;
    return page(request, reply, 'admin/calendar', { title: title(request, 'admin.calendar'), plans, plan, calendar }, state);
  };
  app.get('/admin/calendar', async (request, reply) => showCalendar(request, reply, uuidParam(request.query as Query, 'planId')));
  app.post('/admin/calendar', async (request, reply) => {
    const body = request.body as FormBody;
    const planId = uuidParam({ planId: field(body, 'planId') }, 'planId');
    const days = (field(body, 'remindDaysBefore') ?? '').normalize('NFKC').split(/[,、\s]+/).filter(Boolean).map(numberInput);
    const input = {
      collectionOpens: textInput(field(body, 'collectionOpens')),
      dueOn: textInput(field(body, 'dueOn')),
      remindDaysBefore: days,
      remindOnDueDay: field(body, 'remindOnDueDay') === 'on',
      overdueEveryDays: numberInput(field(body, 'overdueEveryDays')),
      escalateToHeadAfterDays: numberInput(field(body, 'escalateToHeadAfterDays')),
      escalateToOfficeAfterDays: numberInput(field(body, 'escalateToOfficeAfterDays')),
      dailyRunAt: textInput(field(body, 'dailyRunAt')),
      expectedVersion: numberInput(field(body, 'expectedVersion')),
    };
    // `remindDaysBefore[1]` and the like point at the one text field that holds the list.
    const rename = (f: string) => f.replace(/^remindDaysBefore\[\d+\]$/, 'remindDaysBefore');
    const form = checkForm<ReviewCalendar & { expectedVersion: number }>(UpdateReviewCalendarBody, input, request.locale, rename);
    if (!planId || !form.ok) return showCalendar(request, reply, planId, { errors: form.ok ? noErrors() : form.errors, input: body, status: 400 });
    const { expectedVersion, ...calendar } = form.value;
    try {
      await updateReviewCalendar({ ctx: ctx(request), input: { planId, expectedVersion, calendar } });
    } catch (error) {
      const failure = serviceFailure(error, request.locale, rename);
      return showCalendar(request, reply, planId, { errors: failure.errors, input: body, status: failure.status });
    }
    return seeOther(reply, `/admin/calendar?planId=${planId}`, 'calendarSaved');
  });

  // ---- sent emails (read-only) ----
  app.get('/admin/emails', async (request, reply) => {
    const list = await listSentEmails({ ctx: ctx(request), input: { page: intParam(request.query as Query, 'page', 1, 100_000) } });
    return page(request, reply, 'admin/emails', { title: title(request, 'admin.emails'), list: { ...list, pages: Math.max(1, Math.ceil(list.total / list.pageSize)) } });
  });
  app.get<{ Params: { emailId: string } }>('/admin/emails/:emailId', async (request, reply) => {
    const email = await getSentEmail({ ctx: ctx(request), input: { emailId: request.params.emailId } });
    return page(request, reply, 'admin/email', { title: `${email.subject} — ${title(request, 'admin.emails')}`, email });
  });
};
