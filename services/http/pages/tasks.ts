/**
 * My tasks (the one inbox) and the task page: keep a draft of the actuals, confirm and send them,
 * explain a miss, and the strategy office's review.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Static, TSchema } from 'typebox';
import type { AppDeps } from '../../deps.ts';
import { isoDateInTokyo } from '../../fiscal-year.ts';
import { translator } from '../../i18n/translate.ts';
import { completeActionItem } from '../../reviews/action-items.ts';
import { ExplainKpiBody, explainKpi } from '../../reviews/explain-kpi.ts';
import { getInbox } from '../../reviews/inbox.ts';
import { ReturnForm, ReviewSubmissionBody, reviewSubmission } from '../../reviews/review-submission.ts';
import { SaveDraftBody, saveDraft } from '../../reviews/save-draft.ts';
import { checkValues, SubmitActualsBody, submitActuals } from '../../reviews/submit-actuals.ts';
import { conflict, forbidden } from '../../errors.ts';
import { requireStrategyOffice } from '../../auth/authorize.ts';
import { reopenTask, TaskReasonBody, waiveTask } from '../../reviews/waive-task.ts';
import { safeNext } from './auth.ts';
import { seeOther, type FlashKey } from './flash.ts';
import { checkForm, field, hasErrors, problemsToErrors, serviceFailure, textInput, type FormBody } from './forms.ts';
import type { PageRenderer } from './render.ts';
import { unconfirmedWarnings } from './plausibility-form.ts';
import { cachedFor, pageContext, pageUser } from './request-context.ts';
import { carriedFields, draftVersionInput, readActuals, submissionField } from './task-form.ts';
import { taskGuide } from './task-guide.ts';
import { taskPageRenderer } from './task-page.ts';
import { loadTaskView, type TaskView } from './task-view.ts';

type Params = { taskId: string };


export const taskPages = (deps: AppDeps, render: PageRenderer) => async (app: FastifyInstance) => {
  const ctx = (request: FastifyRequest) => pageContext(deps, request);

  const showTask = taskPageRenderer(deps, render);

  /** The figures form's own fields, read and checked as for sending; the view too, for what follows. */
  async function checkedActuals(request: FastifyRequest<{ Params: Params }>) {
    const body = request.body as FormBody;
    const view = await loadTaskView(ctx(request), request.params.taskId);
    if (!taskGuide(view, pageUser(request), deps.clock).own) throw forbidden('only the department that owns the task sends its actuals');
    const { errors, ...input } = readActuals(body, view, request.locale, true);
    const form = checkForm<Static<typeof SubmitActualsBody>>(SubmitActualsBody, input, request.locale, submissionField);
    if (!form.ok) {
      errors.fields = { ...form.errors.fields, ...errors.fields };
      errors.form.push(...form.errors.form);
    }
    // The figures against their KPIs before the confirmation screen, so a wrong one goes back to the form with
    // all the others; a field the schema already refused (text for a number) keeps that first problem.
    const figures = input.values.map((v) => ({ ...v, value: typeof v.value === 'number' ? v.value : null }));
    problemsToErrors(checkValues(figures, view.kpis, view.cycle.fiscalYear), request.locale, submissionField, errors);
    return { body, view, errors, value: form.ok ? form.value : null };
  }

  // The inbox, cached for this user and day until a notice about the organization's reviews or plans.
  app.get('/tasks', async (request, reply) =>
    render.cachedPage(request, reply, 'partials/tasks-body', { title: translator(request.locale)('tasks.title'), active: 'tasks' }, {
      ...cachedFor(deps, request, 'tasks'),
      load: async () => ({ inbox: await getInbox(ctx(request)), todayIso: isoDateInTokyo(deps.clock.now()) }),
    }),
  );

  app.get<{ Params: Params }>('/tasks/:taskId', async (request, reply) => showTask(request, reply));

  // 送信 shows what will be sent first; its 「送信する」 posts the same fields to /submit, 「戻って修正」 to /edit.
  app.post<{ Params: Params }>('/tasks/:taskId/confirm', async (request, reply) => {
    const { body, view, errors, value } = await checkedActuals(request);
    if (hasErrors(errors) || !value) return showTask(request, reply, { errors, input: body, status: 400 });
    // Plausibility: values with warnings and no note come back once, beside their fields (not an error), before the confirmation screen.
    const warnings = unconfirmedWarnings(view, value.values);
    if (warnings.length) return showTask(request, reply, { input: body, warnings });
    return render.page(request, reply, 'task-confirm', { title: translator(request.locale)('task.confirmTitle'), active: 'tasks', path: `/tasks/${view.task.id}`, ...view, rows: confirmRows(body, view), carried: carriedFields(body, view) });
  });

  app.post<{ Params: Params }>('/tasks/:taskId/edit', async (request, reply) => showTask(request, reply, { input: request.body as FormBody }));

  app.post<{ Params: Params }>('/tasks/:taskId/submit', async (request, reply) => {
    const { body, view, errors, value } = await checkedActuals(request);
    if (hasErrors(errors) || !value) return showTask(request, reply, { errors, input: body, status: 400 });
    // The same check as at confirmation, for a post that skipped it.
    const warnings = unconfirmedWarnings(view, value.values);
    if (warnings.length) return showTask(request, reply, { input: body, warnings });
    try {
      await submitActuals({ ctx: ctx(request), input: { ...value, taskId: request.params.taskId } });
    } catch (error) {
      const failure = serviceFailure(error, request.locale, submissionField);
      return showTask(request, reply, { errors: failure.errors, input: body, status: failure.status });
    }
    return seeOther(reply, `/tasks/${request.params.taskId}`, 'submitted');
  });

  // 一時保存: whatever is typed so far, checked by the draft's own schema (values may be missing).
  app.post<{ Params: Params }>('/tasks/:taskId/draft', async (request, reply) => {
    const body = request.body as FormBody;
    const view = await loadTaskView(ctx(request), request.params.taskId);
    const { values, comment, evidenceUrl } = readActuals(body, view, request.locale, false);
    const form = checkForm<Static<typeof SaveDraftBody>>(SaveDraftBody, { values, comment, evidenceUrl, version: draftVersionInput(body) }, request.locale, submissionField);
    if (!form.ok) return showTask(request, reply, { errors: form.errors, input: body, status: 400 });
    try {
      await saveDraft({ ctx: ctx(request), input: { ...form.value, taskId: request.params.taskId } });
    } catch (error) {
      const failure = serviceFailure(error, request.locale, submissionField);
      return showTask(request, reply, { errors: failure.errors, input: body, status: failure.status });
    }
    return seeOther(reply, `/tasks/${request.params.taskId}#figures`, 'draftSaved');
  });

  // 免除する shows what waiving means first (the reason carried on, hidden); its button posts to /waive.
  app.post<{ Params: Params }>('/tasks/:taskId/waive/confirm', async (request, reply) => {
    const body = request.body as FormBody;
    const reason = textInput(field(body, 'waiveReason')) ?? '';
    const form = checkForm(TaskReasonBody, { reason }, request.locale, () => 'waiveReason');
    if (!form.ok) return showTask(request, reply, { errors: form.errors, input: body, status: 400 });
    const c = ctx(request);
    requireStrategyOffice(c);
    const view = await loadTaskView(c, request.params.taskId);
    // Accepted or waived already: said on the task page, as the verb would refuse it.
    if (!view.canWaive) return showTask(request, reply, { errors: serviceFailure(conflict('this task is accepted or waived already; it cannot be waived'), request.locale).errors, input: body, status: 409 });
    return render.page(request, reply, 'waive-confirm', { title: translator(request.locale)('waiveConfirm.title'), active: 'tasks', path: `/tasks/${view.task.id}`, ...view, reason });
  });

  // The strategy office's decisions on a task: each with the reason it needs, if any, checked by its service's schema.
  const officeActions: { path: string; field: string | null; check: { schema: TSchema; key: string }; flash: FlashKey; after: 'inbox' | 'task'; run: (c: ReturnType<typeof ctx>, taskId: string, text: string | null) => Promise<unknown> }[] = [
    { path: 'accept', field: null, check: { schema: ReviewSubmissionBody, key: 'comment' }, flash: 'accepted', after: 'inbox', run: (c, taskId, text) => reviewSubmission({ ctx: c, input: { taskId, decision: 'accept', comment: text } }) },
    { path: 'return', field: 'returnComment', check: { schema: ReturnForm, key: 'comment' }, flash: 'returned', after: 'inbox', run: (c, taskId, text) => reviewSubmission({ ctx: c, input: { taskId, decision: 'return', comment: text } }) },
    { path: 'waive', field: 'waiveReason', check: { schema: TaskReasonBody, key: 'reason' }, flash: 'waived', after: 'task', run: (c, taskId, text) => waiveTask({ ctx: c, input: { taskId, reason: text ?? '' } }) },
    { path: 'reopen', field: 'reopenReason', check: { schema: TaskReasonBody, key: 'reason' }, flash: 'reopened', after: 'task', run: (c, taskId, text) => reopenTask({ ctx: c, input: { taskId, reason: text ?? '' } }) },
  ];
  for (const action of officeActions) {
    app.post<{ Params: Params }>(`/tasks/:taskId/${action.path}`, async (request, reply) => {
      const body = request.body as FormBody;
      const text = textInput(field(body, action.field ?? 'comment')) ?? null;
      const form = checkForm(action.check.schema, { [action.check.key]: text ?? '' }, request.locale, () => action.field);
      if (!form.ok) return showTask(request, reply, { errors: form.errors, input: body, status: 400 });
      try {
        await action.run(ctx(request), request.params.taskId, text);
      } catch (error) {
        const failure = serviceFailure(error, request.locale, () => action.field);
        return showTask(request, reply, { errors: failure.errors, input: body, status: failure.status });
      }
      return seeOther(reply, action.after === 'inbox' ? '/tasks' : `/tasks/${request.params.taskId}`, action.flash);
    });
  }

  app.post<{ Params: Params & { kpiId: string } }>('/tasks/:taskId/kpis/:kpiId/explanation', async (request, reply) => {
    const body = request.body as FormBody;
    const { taskId, kpiId } = request.params;
    const view = await loadTaskView(ctx(request), taskId);
    const rename = (f: string) => (f === 'cause' || f === 'improvement' ? `${f}-${kpiId}` : null);
    const input = { cause: textInput(field(body, 'cause')) ?? '', improvement: textInput(field(body, 'improvement')) ?? '' };
    const form = checkForm<typeof input>(ExplainKpiBody, input, request.locale, rename);
    if (!form.ok) return showTask(request, reply, { errors: form.errors, input: { ...body, explaining: kpiId }, status: 400 });
    try {
      await explainKpi({ ctx: ctx(request), input: { cycleId: view.cycle.id, kpiId, ...form.value } });
    } catch (error) {
      const failure = serviceFailure(error, request.locale, rename);
      return showTask(request, reply, { errors: failure.errors, input: { ...body, explaining: kpiId }, status: failure.status });
    }
    return seeOther(reply, `/tasks/${taskId}#explain-${kpiId}`, 'explained');
  });

  app.post<{ Params: { actionItemId: string } }>('/action-items/:actionItemId/done', async (request, reply) => {
    await completeActionItem({ ctx: ctx(request), input: { actionItemId: request.params.actionItemId } });
    return seeOther(reply, safeNext(field(request.body as FormBody, 'back')), 'actionItemDone');
  });
};

/** What the confirmation screen lists: each KPI with the figure as it will be recorded. */
function confirmRows(body: FormBody, view: TaskView) {
  const { values } = readActuals(body, view, 'ja', false);
  return view.kpis.map((kpi, i) => ({ kpi, ...values[i]!, value: typeof values[i]!.value === 'number' ? values[i]!.value : null }));
}
