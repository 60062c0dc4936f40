/** Which plan is current (services/plans/current-plan.ts): pure, by today's fiscal year. */
import { describe, expect, it } from 'vitest';
import { pickCurrentPlan, reviewRunsOn, standingOf } from '../../services/plans/current-plan.ts';

const second = { id: '2nd', periodStartFiscalYear: 2020, periodEndFiscalYear: 2024, status: 'adopted' };
const third = { id: '3rd', periodStartFiscalYear: 2025, periodEndFiscalYear: 2029, status: 'adopted' };
const fifth = { id: '5th', periodStartFiscalYear: 2035, periodEndFiscalYear: 2039, status: 'adopted' };
const thirdDraft = { ...third, id: '3rd-draft', status: 'draft' };

describe('the current plan', () => {
  it('is the one whose period covers today, whatever the order given', () => {
    expect(pickCurrentPlan([third, second], 2024)?.id).toBe('2nd');
    expect(pickCurrentPlan([third, second], 2025)?.id).toBe('3rd');
  });

  it('else the latest that has started; a plan still to come is not current before its time', () => {
    expect(pickCurrentPlan([second], 2026)?.id).toBe('2nd');
    expect(pickCurrentPlan([second, third, fifth], 2031)?.id).toBe('3rd');
  });

  it('else the earliest, when every plan lies ahead; none without plans', () => {
    expect(pickCurrentPlan([fifth, third], 2020)?.id).toBe('3rd');
    expect(pickCurrentPlan([], 2025)).toBeNull();
  });

  it('makes earlier plans past and later ones next', () => {
    expect([second, third, fifth].map((p) => standingOf(p, third))).toEqual(['past', 'current', 'next']);
  });

  it('never makes a draft current: the plan in force stays current while the next is written', () => {
    expect(pickCurrentPlan([second, thirdDraft], 2025)?.id).toBe('2nd');
    expect(standingOf(thirdDraft, second)).toBe('draft');
  });

  it('runs reviews on the current plan, and on a past plan only for its final year (its actuals come in after the next period began)', () => {
    expect(reviewRunsOn(third, 'current', 2025)).toBe(true);
    expect(reviewRunsOn(second, 'past', 2024)).toBe(true);
    expect(reviewRunsOn(second, 'past', 2023)).toBe(false);
    expect(reviewRunsOn(fifth, 'next', 2035)).toBe(false);
    expect(reviewRunsOn(thirdDraft, 'draft', 2025)).toBe(false);
  });
});
