import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { getReviewCalendar, updateReviewCalendar } from '../../calendar/review-calendar.ts';
import type { AppDeps } from '../../deps.ts';
import { contextOf } from '../auth-plugin.ts';
import { errorResponses, Uuid } from '../schemas.ts';

const Calendar = {
  collectionOpens: Type.String({ description: 'MM-DD of the calendar year after the fiscal year', examples: ['05-01'] }),
  dueOn: Type.String({ description: 'MM-DD', examples: ['06-30'] }),
  remindDaysBefore: Type.Array(Type.Integer({ minimum: 1, maximum: 90 }), { maxItems: 10, description: 'reminders this many days before the due date' }),
  remindOnDueDay: Type.Boolean(),
  overdueEveryDays: Type.Integer({ minimum: 1, maximum: 60 }),
  escalateToHeadAfterDays: Type.Integer({ minimum: 0, maximum: 120 }),
  escalateToOfficeAfterDays: Type.Integer({ minimum: 0, maximum: 120 }),
  dailyRunAt: Type.String({ description: 'HH:MM, Tokyo', examples: ['09:00'] }),
};
const CalendarResponse = Type.Object({ ...Calendar, version: Type.Integer({ description: '0 while the defaults apply' }) });

export const calendarRoutes =
  (deps: AppDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/plans/:planId/calendar',
      { schema: { tags: ['jobs'], summary: 'The review calendar: collection, due date, reminders, escalations', params: Type.Object({ planId: Uuid }), response: { 200: CalendarResponse, ...errorResponses } } },
      async (request) => getReviewCalendar({ ctx: contextOf(deps, request), input: request.params }),
    );

    app.put(
      '/plans/:planId/calendar',
      {
        schema: {
          tags: ['jobs'],
          summary: 'Change the review calendar (strategy office); `expectedVersion` is the version you read',
          params: Type.Object({ planId: Uuid }),
          body: Type.Object({ ...Calendar, expectedVersion: Type.Integer({ minimum: 0 }) }, { additionalProperties: false }),
          response: { 200: CalendarResponse, ...errorResponses },
        },
      },
      async (request) => {
        const { expectedVersion, ...calendar } = request.body;
        return updateReviewCalendar({ ctx: contextOf(deps, request), input: { planId: request.params.planId, expectedVersion, calendar } });
      },
    );
  };
