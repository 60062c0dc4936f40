/**
 * The review season of a fiscal year as dates, and which reminder is due on a given day. Pure:
 * the jobs read "today" from the application clock and pass it in.
 */
import type { ReminderStep } from '../../templates/emails/reminder.ts';
import type { ReviewCalendar } from './review-calendar.ts';

/** Collection for fiscal year Y opens and is due in calendar year Y + 1. */
export function seasonOf(calendar: Pick<ReviewCalendar, 'collectionOpens' | 'dueOn'>, fiscalYear: number) {
  return { opens: `${fiscalYear + 1}-${calendar.collectionOpens}`, due: `${fiscalYear + 1}-${calendar.dueOn}` };
}

/** Whole days from `from` to `to` (YYYY-MM-DD); positive when `to` is later. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * The latest reminder a task due on `due` has reached by `today`. Only the latest is sent, so
 * a worker that was down for a week sends one reminder, not a burst; earlier steps that were
 * missed stay missed.
 */
export function reminderStep(calendar: Pick<ReviewCalendar, 'remindDaysBefore' | 'remindOnDueDay' | 'overdueEveryDays'>, due: string, today: string): ReminderStep {
  const untilDue = daysBetween(today, due);
  if (untilDue < 0) {
    const overdue = -untilDue;
    const every = Math.max(1, calendar.overdueEveryDays);
    if (overdue >= every) return { kind: 'overdue', days: Math.floor(overdue / every) * every };
  }
  if (untilDue <= 0 && calendar.remindOnDueDay) return { kind: 'due' };
  const before = [...calendar.remindDaysBefore].sort((a, b) => a - b).find((n) => untilDue <= n);
  return before === undefined ? { kind: 'kickoff' } : { kind: 'before', days: before };
}

export function daysOverdue(due: string, today: string): number {
  return Math.max(0, daysBetween(due, today));
}

/** `date` (YYYY-MM-DD) moved by `days` whole days. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The one rule for the due date a season is opened with unless someone chooses another (the
 * API's default and the board's form alike): the calendar's due date for the fiscal year; once
 * that has passed, as long from today as the calendar gives collection (opens → due).
 */
export function defaultDueDate(calendar: Pick<ReviewCalendar, 'collectionOpens' | 'dueOn'>, fiscalYear: number, today: string): string {
  const { opens, due } = seasonOf(calendar, fiscalYear);
  return due > today ? due : addDays(today, daysBetween(opens, due));
}
