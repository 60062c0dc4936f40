/**
 * Correcting due dates from the pages (the strategy office): a cycle's own due date, and an
 * extension for one department (its tasks of the year on the date shown) or one task. The
 * same verbs and input schemas as the API; the date the page showed goes with each form as
 * the guard against a change made meanwhile (a 409 comes back as the form's error).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Static } from 'typebox';
import type { AppDeps } from '../../deps.ts';
import { requireStrategyOffice } from '../../auth/authorize.ts';
import { translator } from '../../i18n/translate.ts';
import { ChangeCycleDueDateBody, changeCycleDueDate } from '../../reviews/change-cycle-due-date.ts';
import { STILL_DUE } from '../../reviews/due-date-change.ts';
import { ExtendDepartmentDueDateBody, ExtendTaskDueDateBody, extendDepartmentDueDate, extendTaskDueDate } from '../../reviews/extend-due-date.ts';
import { loadCycleView } from './cycle-view.ts';
import { seeOther } from './flash.ts';
import { checkForm, field, noErrors, serviceFailure, textInput, type FormBody, type FormErrors } from './forms.ts';
import type { PageRenderer } from './render.ts';
import { pageContext } from './request-context.ts';

type Params = { cycleId: string };
interface State {
  errors?: FormErrors;
  input?: FormBody;
  status?: number;
  form?: 'cycle' | 'extend';
}

/** An extension's target as the page offers it: `department:<id>:<date>` or `task:<id>:<date>` (the date it showed). */
function parseTarget(raw: string | undefined) {
  const m = /^(department|task):([0-9a-f-]{36}):(\d{4}-\d{2}-\d{2})$/.exec(raw ?? '');
  return m ? { kind: m[1] as 'department' | 'task', id: m[2]!, expectedDueDate: m[3]! } : null;
}

export const dueDatePages = (deps: AppDeps, render: PageRenderer) => async (app: FastifyInstance) => {
  const ctx = (request: FastifyRequest) => pageContext(deps, request);

  async function show(request: FastifyRequest<{ Params: Params }>, reply: FastifyReply, state: State = {}) {
    const c = ctx(request);
    requireStrategyOffice(c);
    const view = await loadCycleView(c, request.params.cycleId);
    const waiting = view.cycle.tasks.filter((t) => (STILL_DUE as readonly string[]).includes(t.status));
    const departments = [...new Map(waiting.map((t) => [`${t.departmentId}:${t.dueDate}`, { value: `department:${t.departmentId}:${t.dueDate}`, name: t.departmentName, dueDate: t.dueDate }])).values()];
    const tasks = waiting.map((t) => ({ value: `task:${t.id}:${t.dueDate}`, project: t.projectName, name: t.departmentName, dueDate: t.dueDate }));
    return render.page(
      request,
      reply,
      'due-dates',
      { title: translator(request.locale)('deadlines.title'), active: 'board', path: `/cycles/${view.cycle.id}`, cycle: view.cycle, departments, tasks, errors: state.errors ?? noErrors(), input: state.input ?? {}, form: state.form ?? null },
      state.status,
    );
  }

  app.get<{ Params: Params }>('/cycles/:cycleId/due-date', async (request, reply) => show(request, reply));

  app.post<{ Params: Params }>('/cycles/:cycleId/due-date', async (request, reply) => {
    const body = request.body as FormBody;
    const input = { dueDate: textInput(field(body, 'dueDate')) ?? '', expectedDueDate: textInput(field(body, 'expectedDueDate')) ?? '', reason: textInput(field(body, 'reason')) ?? '' };
    const rename = (f: string) => (f === 'expectedDueDate' ? 'dueDate' : f);
    const form = checkForm<Static<typeof ChangeCycleDueDateBody>>(ChangeCycleDueDateBody, input, request.locale, rename);
    if (!form.ok) return show(request, reply, { errors: form.errors, input: body, status: 400, form: 'cycle' });
    try {
      await changeCycleDueDate({ ctx: ctx(request), input: { cycleId: request.params.cycleId, ...form.value } });
    } catch (error) {
      const failure = serviceFailure(error, request.locale, rename);
      return show(request, reply, { errors: failure.errors, input: body, status: failure.status, form: 'cycle' });
    }
    return seeOther(reply, `/cycles/${request.params.cycleId}`, 'dueDateChanged');
  });

  app.post<{ Params: Params }>('/cycles/:cycleId/extension', async (request, reply) => {
    const body = request.body as FormBody;
    const rename = (f: string) => ({ dueDate: 'extendDueDate', reason: 'extendReason', departmentId: 'target', expectedDueDate: 'target', fiscalYear: 'target' })[f] ?? f;
    const fail = (errors: FormErrors, status: number) => show(request, reply, { errors, input: body, status, form: 'extend' });
    const target = parseTarget(field(body, 'target'));
    const common = { dueDate: textInput(field(body, 'extendDueDate')) ?? '', reason: textInput(field(body, 'extendReason')) ?? '', expectedDueDate: target?.expectedDueDate ?? '' };
    const t = translator(request.locale);
    try {
      if (target?.kind === 'task') {
        const form = checkForm<Static<typeof ExtendTaskDueDateBody>>(ExtendTaskDueDateBody, common, request.locale, rename);
        if (!form.ok) return fail(form.errors, 400);
        await extendTaskDueDate({ ctx: ctx(request), input: { taskId: target.id, ...form.value } });
      } else {
        const view = await loadCycleView(ctx(request), request.params.cycleId);
        const form = checkForm<Static<typeof ExtendDepartmentDueDateBody>>(ExtendDepartmentDueDateBody, { ...common, fiscalYear: view.cycle.fiscalYear, departmentId: target?.id ?? '' }, request.locale, rename);
        if (!form.ok || !target) {
          const errors = form.ok ? noErrors() : form.errors;
          if (!target) errors.fields.target = t('problems.chooseOne');
          return fail(errors, 400);
        }
        await extendDepartmentDueDate({ ctx: ctx(request), input: { planId: view.cycle.planId, ...form.value } });
      }
    } catch (error) {
      const failure = serviceFailure(error, request.locale, rename);
      return fail(failure.errors, failure.status);
    }
    return seeOther(reply, `/cycles/${request.params.cycleId}`, 'dueDateChanged');
  });
};
