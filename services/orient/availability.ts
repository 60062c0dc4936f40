/**
 * When a year's figure can be expected. A fiscal year closes on 31 March; statistics published
 * late (census, vital statistics, surveys) come out a known number of months after that. Until
 * then a missing figure is awaited (判定保留), never a failure.
 */
import { isoDate } from '../fiscal-year.ts';

/**
 * The publication day of a fiscal year's figure: the last day of the month that is `lagMonths`
 * after March of the following year (lag 0: 31 March itself, the day the year closes).
 */
export function publicationDate(fiscalYear: number, lagMonths: number): string {
  const months = (fiscalYear + 1) * 12 + 2 + Math.max(0, Math.trunc(lagMonths)); // 2 = March, zero-based
  const year = Math.floor(months / 12);
  const month = (months % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return isoDate(year, month, lastDay);
}

export interface Availability {
  awaited: boolean;
  /** The day the figure is expected. */
  expectedPublication: string;
  /** The last day of the fiscal year. */
  yearEnd: string;
  /** The fiscal year itself has not closed yet (rather than a publication lag). */
  yearRunning: boolean;
}

/**
 * Whether a missing figure is still to come as of a day (`YYYY-MM-DD`). A KPI without a
 * publication lag is due when its year closes; one with a lag, that many months later.
 */
export function availability(fiscalYear: number, lagMonths: number | null | undefined, asOf: string): Availability {
  const yearEnd = publicationDate(fiscalYear, 0);
  const expectedPublication = publicationDate(fiscalYear, lagMonths ?? 0);
  return { awaited: expectedPublication > asOf, expectedPublication, yearEnd, yearRunning: yearEnd > asOf };
}
