/** My tasks (the one inbox) and the task page: submit actuals, explain a miss, and the strategy office's review. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Static, TSchema } from 'typebox';
import type { AppDeps } from '../../deps.ts';
import { isoDateInTokyo } from '../../fiscal-year.ts';
import { translator } from '../../i18n/translate.ts';
import { completeActionItem } from '../../reviews/action-items.ts';
import { ExplainKpiBody, explainKpi } from '../../reviews/explain-kpi.ts';
import { getInbox } from '../../reviews/inbox.ts';
import { ReturnForm, ReviewSubmissionBody, reviewSubmission } from '../../reviews/review-submission.ts';
import { SubmitActualsBody, submitActuals } from '../../reviews/submit-actuals.ts';
import { reopenTask, TaskReasonBody, waiveTask } from '../../reviews/waive-task.ts';
import { safeNext } from './auth.ts';
import { seeOther, type FlashKey } from './flash.ts';
import { checkForm, field, hasErrors, noErrors, numberInput, serviceFailure, textInput, type FormBody } from './forms.ts';
import type { PageRenderer } from './render.ts';
import { pageContext } from './request-context.ts';
import { taskPageRenderer } from './task-page.ts';
import { loadTaskView } from './task-view.ts';

type Params = { taskId: string };

/** Problems of `values[i].x` stay on that field; any other (a missing KPI, say) goes to the top of the form. */
const submissionField = (f: string) => (/^values\[\d+\]\.(value|cancelledReason|quality|note)$/.test(f) || f === 'comment' || f === 'evidenceUrl' ? f : null);

export const taskPages = (deps: AppDeps, render: PageRenderer) => async (app: FastifyInstance) => {
  const ctx = (request: FastifyRequest) => pageContext(deps, request);

  const showTask = taskPageRenderer(deps, render);

  app.get('/tasks', async (request, reply) => {
    const inbox = await getInbox(ctx(request));
    return render.page(request, reply, 'tasks', { title: translator(request.locale)('tasks.title'), active: 'tasks', inbox, todayIso: isoDateInTokyo(deps.clock.now()) });
  });

  app.get<{ Params: Params }>('/tasks/:taskId', async (request, reply) => showTask(request, reply));

  app.post<{ Params: Params }>('/tasks/:taskId/submit', async (request, reply) => {
    const body = request.body as FormBody;
    const t = translator(request.locale);
    const view = await loadTaskView(ctx(request), request.params.taskId);
    const errors = noErrors();
    const values = view.kpis.map((kpi) => {
      const at = `values[${kpi.index}]`;
      const cancelled = field(body, `${at}.cancelled`) === 'on';
      const reason = textInput(field(body, `${at}.cancelledReason`));
      if (cancelled && !reason) errors.fields[`${at}.cancelledReason`] = t('problems.cancelReasonRequired');
      return {
        kpiId: kpi.id,
        value: numberInput(field(body, `${at}.value`)),
        cancelledReason: cancelled ? (reason ?? null) : null,
        quality: field(body, `${at}.quality`) === 'provisional' ? ('provisional' as const) : ('final' as const),
        note: textInput(field(body, `${at}.note`)) ?? null,
      };
    });
    const input = { values, comment: textInput(field(body, 'comment')) ?? null, evidenceUrl: textInput(field(body, 'evidenceUrl')) ?? null };
    const form = checkForm<Static<typeof SubmitActualsBody>>(SubmitActualsBody, input, request.locale, submissionField);
    if (!form.ok) {
      errors.fields = { ...form.errors.fields, ...errors.fields };
      errors.form.push(...form.errors.form);
    }
    if (hasErrors(errors)) return showTask(request, reply, { errors, input: body, status: 400 });
    try {
      await submitActuals({ ctx: ctx(request), input: { ...(form as { value: Static<typeof SubmitActualsBody> }).value, taskId: request.params.taskId } });
    } catch (error) {
      const failure = serviceFailure(error, request.locale, submissionField);
      return showTask(request, reply, { errors: failure.errors, input: body, status: failure.status });
    }
    return seeOther(reply, `/tasks/${request.params.taskId}`, 'submitted');
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
    return seeOther(reply, `/tasks/${taskId}#kpi-${kpiId}`, 'explained');
  });

  app.post<{ Params: { actionItemId: string } }>('/action-items/:actionItemId/done', async (request, reply) => {
    await completeActionItem({ ctx: ctx(request), input: { actionItemId: request.params.actionItemId } });
    return seeOther(reply, safeNext(field(request.body as FormBody, 'back')), 'actionItemDone');
  });
};
