/** Correcting due dates: a cycle's, one task's, or one department's in a fiscal year (the strategy office; the department is told by email). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import type { AppDeps } from '../../deps.ts';
import { ChangeCycleDueDateBody, changeCycleDueDate } from '../../reviews/change-cycle-due-date.ts';
import { DueDateChangeResult } from '../../reviews/due-date-change.ts';
import { ExtendDepartmentDueDateBody, ExtendTaskDueDateBody, extendDepartmentDueDate, extendTaskDueDate } from '../../reviews/extend-due-date.ts';
import { contextOf } from '../auth-plugin.ts';
import { errorResponses, Uuid } from '../schemas.ts';

const response = { 200: DueDateChangeResult, ...errorResponses };

export const dueDateRoutes =
  (deps: AppDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.put(
      '/review-cycles/:cycleId/due-date',
      {
        schema: {
          tags: ['reviews'],
          summary: 'Change a cycle’s due date and its tasks’ still on it, with the reason the departments are told (409 when `expectedDueDate` is no longer the date)',
          params: Type.Object({ cycleId: Uuid }),
          body: ChangeCycleDueDateBody,
          response,
        },
      },
      async (request) => changeCycleDueDate({ ctx: contextOf(deps, request), input: { cycleId: request.params.cycleId, ...request.body } }),
    );

    app.put(
      '/tasks/:taskId/due-date',
      { schema: { tags: ['reviews'], summary: 'Extend one task’s due date, with the reason its department is told', params: Type.Object({ taskId: Uuid }), body: ExtendTaskDueDateBody, response } },
      async (request) => extendTaskDueDate({ ctx: contextOf(deps, request), input: { taskId: request.params.taskId, ...request.body } }),
    );

    app.put(
      '/plans/:planId/department-due-dates',
      {
        schema: {
          tags: ['reviews'],
          summary: 'Extend one department’s tasks due on `expectedDueDate` in a fiscal year’s cycles, with the reason it is told',
          params: Type.Object({ planId: Uuid }),
          body: ExtendDepartmentDueDateBody,
          response,
        },
      },
      async (request) => extendDepartmentDueDate({ ctx: contextOf(deps, request), input: { planId: request.params.planId, ...request.body } }),
    );
  };
