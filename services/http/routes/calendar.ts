import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { getReviewCalendar, ReviewCalendarFields, UpdateReviewCalendarBody, updateReviewCalendar } from '../../calendar/review-calendar.ts';
import type { AppDeps } from '../../deps.ts';
import { contextOf } from '../auth-plugin.ts';
import { errorResponses, Uuid } from '../schemas.ts';

const CalendarResponse = Type.Object({ ...ReviewCalendarFields, version: Type.Integer({ description: '0 while the defaults apply' }) });

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
          body: UpdateReviewCalendarBody,
          response: { 200: CalendarResponse, ...errorResponses },
        },
      },
      async (request) => {
        const { expectedVersion, ...calendar } = request.body;
        return updateReviewCalendar({ ctx: contextOf(deps, request), input: { planId: request.params.planId, expectedVersion, calendar } });
      },
    );
  };
