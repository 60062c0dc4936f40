import { describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR, calendarProblems } from '../../services/calendar/review-calendar.ts';
import { daysBetween, reminderStep, seasonOf } from '../../services/calendar/season.ts';

const due = '2023-06-30';

describe('the reminder a task has reached', () => {
  it.each([
    ['2023-05-01', { kind: 'kickoff' }],
    ['2023-06-15', { kind: 'kickoff' }],
    ['2023-06-16', { kind: 'before', days: 14 }],
    ['2023-06-26', { kind: 'before', days: 14 }],
    ['2023-06-27', { kind: 'before', days: 3 }],
    ['2023-06-30', { kind: 'due' }],
    ['2023-07-06', { kind: 'due' }],
    ['2023-07-07', { kind: 'overdue', days: 7 }],
    ['2023-07-13', { kind: 'overdue', days: 7 }],
    ['2023-07-14', { kind: 'overdue', days: 14 }],
    ['2023-08-25', { kind: 'overdue', days: 56 }],
  ])('on %s', (today, step) => {
    expect(reminderStep(DEFAULT_CALENDAR, due, today)).toEqual(step);
  });

  it('follows the calendar the strategy office set', () => {
    const calendar = { ...DEFAULT_CALENDAR, remindDaysBefore: [7], remindOnDueDay: false, overdueEveryDays: 3 };
    expect(reminderStep(calendar, due, '2023-06-23')).toEqual({ kind: 'before', days: 7 });
    expect(reminderStep(calendar, due, '2023-06-30')).toEqual({ kind: 'before', days: 7 });
    expect(reminderStep(calendar, due, '2023-07-05')).toEqual({ kind: 'overdue', days: 3 });
  });

  it('places the season in the year after the fiscal year', () => {
    expect(seasonOf(DEFAULT_CALENDAR, 2022)).toEqual({ opens: '2023-05-01', due: '2023-06-30' });
    expect(daysBetween('2023-06-30', '2023-07-14')).toBe(14);
  });

  it('names what is wrong with a calendar', () => {
    expect(calendarProblems({ ...DEFAULT_CALENDAR, dueOn: '04-30', dailyRunAt: '25:00', escalateToOfficeAfterDays: 3 }).map((p) => p.field)).toEqual([
      'body.dueOn',
      'body.dailyRunAt',
      'body.escalateToOfficeAfterDays',
    ]);
    expect(calendarProblems({ ...DEFAULT_CALENDAR, collectionOpens: '13-01' })).toMatchObject([{ field: 'body.collectionOpens', message: 'must be a month and day, MM-DD' }]);
  });
});
