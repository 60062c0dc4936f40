import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import type { AppDeps } from '../../deps.ts';
import { getDraft } from '../../reviews/draft-queries.ts';
import { SaveDraftBody, saveDraft } from '../../reviews/save-draft.ts';
import { ReviewSubmissionBody, reviewSubmission } from '../../reviews/review-submission.ts';
import { SubmitActualsBody, submitActuals } from '../../reviews/submit-actuals.ts';
import { getTask, listTasks } from '../../reviews/task-queries.ts';
import { withValueReview } from '../../reviews/value-review.ts';
import { reopenTask, TaskReasonBody, waiveTask } from '../../reviews/waive-task.ts';
import { contextOf } from '../auth-plugin.ts';
import { Submission, SubmissionDraft, Task, TaskDetail, TaskRecord, TaskStatus, ValueWarnings } from '../review-schemas.ts';
import { errorResponses, MAX_INT, Uuid } from '../schemas.ts';

const TaskParams = Type.Object({ taskId: Uuid });

export const taskRoutes =
  (deps: AppDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    const ctx = (request: Parameters<typeof contextOf>[1]) => contextOf(deps, request);

    app.get(
      '/tasks',
      {
        schema: {
          tags: ['tasks'],
          summary: 'My tasks, by due date (a department member sees its department’s; the strategy office all)',
          querystring: Type.Object({
            status: Type.Optional(Type.Array(TaskStatus)),
            fiscalYear: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
            departmentId: Type.Optional(Uuid),
            planId: Type.Optional(Uuid),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
            offset: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_INT })),
          }),
          response: { 200: Type.Object({ items: Type.Array(Task) }), ...errorResponses },
        },
      },
      async (request) => ({ items: await listTasks(ctx(request), request.query) }),
    );

    app.get(
      '/tasks/:taskId',
      { schema: { tags: ['tasks'], summary: 'One task: KPIs with earlier values, submissions, co-owners’ inputs, history', params: TaskParams, response: { 200: TaskDetail, ...errorResponses } } },
      async (request) => withValueReview(ctx(request), await getTask(ctx(request), request.params.taskId)),
    );

    app.post(
      '/tasks/:taskId/submissions',
      {
        schema: {
          tags: ['tasks'],
          summary: 'Submit (or, before the due date, correct) the actuals of the cycle’s fiscal year',
          params: TaskParams,
          body: SubmitActualsBody,
          response: { 201: Type.Object({ submission: Submission, task: TaskRecord, warnings: Type.Array(ValueWarnings) }), ...errorResponses },
        },
      },
      async (request, reply) => reply.status(201).send(await submitActuals({ ctx: ctx(request), input: { taskId: request.params.taskId, ...request.body } })),
    );

    app.get(
      '/tasks/:taskId/draft',
      {
        schema: {
          tags: ['tasks'],
          summary: 'The department’s unsent draft of the actuals, or null (always null for anyone but the owning department’s members)',
          params: TaskParams,
          response: { 200: Type.Object({ draft: Type.Union([SubmissionDraft, Type.Null()]) }), ...errorResponses },
        },
      },
      async (request) => ({ draft: await getDraft(ctx(request), request.params.taskId) }),
    );

    app.put(
      '/tasks/:taskId/draft',
      {
        schema: {
          tags: ['tasks'],
          summary: 'Keep a draft of the actuals (一時保存): give the version last read, none for the first; a stale one is 409',
          params: TaskParams,
          body: SaveDraftBody,
          response: { 200: SubmissionDraft, ...errorResponses },
        },
      },
      async (request) => saveDraft({ ctx: ctx(request), input: { taskId: request.params.taskId, ...request.body } }),
    );

    for (const decision of ['accept', 'return'] as const) {
      app.post(
        `/tasks/:taskId/${decision}`,
        {
          schema: {
            tags: ['tasks'],
            summary: decision === 'accept' ? 'Accept the latest submission (the lead’s becomes the project’s actuals)' : 'Return the submission to the department, with a comment',
            params: TaskParams,
            body: ReviewSubmissionBody,
            response: { 200: TaskRecord, ...errorResponses },
          },
        },
        async (request) => reviewSubmission({ ctx: ctx(request), input: { taskId: request.params.taskId, decision, comment: request.body.comment } }),
      );
    }

    app.post(
      '/tasks/:taskId/waive',
      { schema: { tags: ['tasks'], summary: 'Waive a task, with the reason', params: TaskParams, body: TaskReasonBody, response: { 200: TaskRecord, ...errorResponses } } },
      async (request) => waiveTask({ ctx: ctx(request), input: { taskId: request.params.taskId, reason: request.body.reason } }),
    );

    app.post(
      '/tasks/:taskId/reopen',
      { schema: { tags: ['tasks'], summary: 'Reopen a task for a late submission, with the reason', params: TaskParams, body: TaskReasonBody, response: { 200: TaskRecord, ...errorResponses } } },
      async (request) => reopenTask({ ctx: ctx(request), input: { taskId: request.params.taskId, reason: request.body.reason } }),
    );
  };
