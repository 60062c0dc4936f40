/**
 * A plan's review calendar: when collection opens and is due, when reminders go out and when
 * late tasks are escalated. Defaults (documented in the README) apply until the strategy
 * office saves its own; saving is a conditional update on the version it read.
 */
import { and, eq, inArray } from 'drizzle-orm';
import Type, { type Static } from 'typebox';
import type { DbOrTx } from '../../db/client.ts';
import { reviewCalendars } from '../../db/schema/index.ts';
import { requireStrategyOffice } from '../auth/authorize.ts';
import { withTransaction, type ServiceContext } from '../context.ts';
import { badRequest, conflict, type FieldProblem, problemAt } from '../errors.ts';
import { findPlan } from '../plans/queries.ts';

const MonthDay = (example: string, description: string) => Type.String({ minLength: 1, maxLength: 5, description, examples: [example] });

/**
 * The calendar's fields, one definition for the API and the admin page. The limits were the
 * API's (the page allowed more: reminders 120 days ahead, escalation after a year), kept as the
 * tighter of the two: a reminder more than 90 days before the due date falls before collection
 * opens, and an escalation after 120 days reaches into the next review.
 */
export const ReviewCalendarFields = {
  collectionOpens: MonthDay('05-01', 'MM-DD of the calendar year after the fiscal year'),
  dueOn: MonthDay('06-30', 'MM-DD'),
  remindDaysBefore: Type.Array(Type.Integer({ minimum: 1, maximum: 90 }), { maxItems: 10, description: 'reminders this many days before the due date' }),
  remindOnDueDay: Type.Boolean(),
  overdueEveryDays: Type.Integer({ minimum: 1, maximum: 60 }),
  escalateToHeadAfterDays: Type.Integer({ minimum: 0, maximum: 120 }),
  escalateToOfficeAfterDays: Type.Integer({ minimum: 0, maximum: 120 }),
  dailyRunAt: Type.String({ minLength: 1, maxLength: 5, description: 'HH:MM, Tokyo', examples: ['09:00'] }),
};
/** The calendar itself, as jobs read it. */
export const ReviewCalendarObject = Type.Object(ReviewCalendarFields);
export type ReviewCalendar = Static<typeof ReviewCalendarObject>;

/** A change: the whole calendar and the version it was read at (0 while the defaults apply). */
export const UpdateReviewCalendarBody = Type.Object({ ...ReviewCalendarFields, expectedVersion: Type.Integer({ minimum: 0 }) });

export const DEFAULT_CALENDAR: Readonly<ReviewCalendar> = Object.freeze({
  collectionOpens: '05-01',
  dueOn: '06-30',
  remindDaysBefore: [14, 3],
  remindOnDueDay: true,
  overdueEveryDays: 7,
  escalateToHeadAfterDays: 7,
  escalateToOfficeAfterDays: 14,
  dailyRunAt: '09:00',
});

/** The calendar in force for a plan (no authorization: jobs read it too). */
export async function calendarOf(db: DbOrTx, planId: string): Promise<ReviewCalendar & { version: number }> {
  const [row] = await db.select().from(reviewCalendars).where(eq(reviewCalendars.planId, planId));
  return row ? pickCalendar(row) : { ...defaultCalendar(), version: 0 };
}

/** The calendars of many plans at once (a sweep's), by plan id. */
export async function calendarsOf(db: DbOrTx, planIds: string[]): Promise<Map<string, ReviewCalendar>> {
  const saved = new Map((await db.select().from(reviewCalendars).where(inArray(reviewCalendars.planId, planIds))).map((row) => [row.planId, pickCalendar(row)]));
  return new Map(planIds.map((id) => [id, saved.get(id) ?? defaultCalendar()]));
}

/** A copy of the defaults that a caller may change. */
function defaultCalendar(): ReviewCalendar {
  return { ...DEFAULT_CALENDAR, remindDaysBefore: [...DEFAULT_CALENDAR.remindDaysBefore] };
}

export async function getReviewCalendar({ ctx, input }: { ctx: ServiceContext; input: { planId: string } }) {
  await findPlan(ctx, input.planId);
  return calendarOf(ctx.db, input.planId);
}

/** The strategy office saves the calendar; `expectedVersion` is the version it read (0 = the defaults). */
export async function updateReviewCalendar({ ctx, input }: { ctx: ServiceContext; input: { planId: string; expectedVersion: number; calendar: ReviewCalendar } }) {
  const user = requireStrategyOffice(ctx);
  await findPlan(ctx, input.planId);
  const problems = calendarProblems(input.calendar);
  if (problems.length) throw badRequest(problems.map((p) => `${p.field} ${p.message}`).join('; '), problems);
  return withTransaction(ctx, async (tx) => {
    const values = { ...input.calendar, remindDaysBefore: [...new Set(input.calendar.remindDaysBefore)].sort((a, b) => b - a), updatedBy: user.id, updatedAt: ctx.clock.now() };
    const rows =
      input.expectedVersion === 0
        ? await tx.insert(reviewCalendars).values({ planId: input.planId, ...values, version: 1 }).onConflictDoNothing().returning()
        : await tx
            .update(reviewCalendars)
            .set({ ...values, version: input.expectedVersion + 1 })
            .where(and(eq(reviewCalendars.planId, input.planId), eq(reviewCalendars.version, input.expectedVersion)))
            .returning();
    if (rows.length === 0) throw conflict('the review calendar was changed by someone else; reload it and try again');
    return pickCalendar(rows[0]!);
  });
}

function pickCalendar(row: typeof reviewCalendars.$inferSelect): ReviewCalendar & { version: number } {
  const { planId: _p, updatedBy: _u, updatedAt: _a, ...calendar } = row;
  return calendar;
}

export function calendarProblems(c: ReviewCalendar): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const monthDay = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
  if (!monthDay.test(c.collectionOpens)) problems.push(problemAt('body.collectionOpens', { key: 'problems.monthDay' }));
  if (!monthDay.test(c.dueOn)) problems.push(problemAt('body.dueOn', { key: 'problems.monthDay' }));
  if (monthDay.test(c.collectionOpens) && monthDay.test(c.dueOn) && c.dueOn <= c.collectionOpens) {
    problems.push(problemAt('body.dueOn', { key: 'problems.dueAfterOpening' }));
  }
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(c.dailyRunAt)) problems.push(problemAt('body.dailyRunAt', { key: 'problems.timeOfDay' }));
  if (c.escalateToOfficeAfterDays < c.escalateToHeadAfterDays) {
    problems.push(problemAt('body.escalateToOfficeAfterDays', { key: 'problems.officeAfterHead' }));
  }
  return problems;
}
