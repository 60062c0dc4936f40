/** Which plan is current (services/plans/current-plan.ts): pure, by today's fiscal year. */
import { describe, expect, it } from 'vitest';
import { pickCurrentPlan, standingOf } from '../../services/plans/current-plan.ts';

const second = { id: '2nd', periodStartFiscalYear: 2020, periodEndFiscalYear: 2024 };
const third = { id: '3rd', periodStartFiscalYear: 2025, periodEndFiscalYear: 2029 };
const fifth = { id: '5th', periodStartFiscalYear: 2035, periodEndFiscalYear: 2039 };

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
});
