import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fiscalYearLabel,
  fiscalYearOf,
  fiscalYearRange,
  formatDateEn,
  formatDateJa,
  isoDateInTokyo,
  japaneseYear,
  tokyoMidnight,
} from '../../services/fiscal-year.ts';

describe('fiscal year of a date (April–March, Asia/Tokyo)', () => {
  it.each([
    ['2021-04-01T00:00:00+09:00', 2021],
    ['2021-03-31T23:59:59+09:00', 2020],
    ['2021-03-31T15:00:00Z', 2021], // already 1 April in Tokyo
    ['2021-03-31T14:59:59Z', 2020],
    ['2022-03-31T12:00:00+09:00', 2021],
    ['2019-05-01T00:00:00+09:00', 2019],
  ])('%s → FY%i', (iso, fy) => expect(fiscalYearOf(new Date(iso))).toBe(fy));

  it('gives the first and last day of a fiscal year', () => {
    expect(fiscalYearRange(2021)).toEqual({ start: '2021-04-01', end: '2022-03-31' });
  });

  it('puts every instant inside the range of its fiscal year', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2200-01-01T00:00:00Z'), noInvalidDate: true }), (date) => {
        const { start, end } = fiscalYearRange(fiscalYearOf(date));
        const day = isoDateInTokyo(date);
        return start <= day && day <= end;
      }),
    );
  });
});

describe('Japanese labels', () => {
  it.each([
    [2021, '令和3年度', 'FY2021'],
    [2019, '令和元年度', 'FY2019'], // Heisei ended 30 April 2019; the city prints 令和元年度
    [2020, '令和2年度', 'FY2020'],
    [2018, '平成30年度', 'FY2018'],
    [2024, '令和6年度', 'FY2024'],
    [1989, '平成元年度', 'FY1989'],
    [1988, '昭和63年度', 'FY1988'],
  ])('FY%i is %s / %s', (fy, ja, en) => expect(fiscalYearLabel(fy)).toEqual({ ja, en }));

  it('labels calendar-year figures without 度', () => {
    expect(fiscalYearLabel(2018, 'calendar')).toEqual({ ja: '平成30年', en: '2018' });
    expect(fiscalYearLabel(2024, 'calendar')).toEqual({ ja: '令和6年', en: '2024' });
  });

  it('counts Reiwa years from 2019', () => {
    fc.assert(fc.property(fc.integer({ min: 2020, max: 2200 }), (y) => japaneseYear(y) === `令和${y - 2018}年`));
  });

  it('writes dates for letters with the era of that very day and the weekday', () => {
    expect(formatDateJa(new Date('2024-06-30T09:00:00+09:00'))).toBe('令和6年6月30日（日）');
    expect(formatDateEn(new Date('2024-06-30T09:00:00+09:00'))).toBe('Sun 30 June 2024');
    expect(formatDateJa(new Date('2019-04-30T12:00:00+09:00'))).toBe('平成31年4月30日（火）');
    expect(formatDateJa(new Date('2019-05-01T00:00:00+09:00'))).toBe('令和元年5月1日（水）');
    // 23:30 UTC on 29 June is already 30 June in Tokyo.
    expect(formatDateJa(new Date('2024-06-29T23:30:00Z'))).toBe('令和6年6月30日（日）');
  });

  it('parses a calendar day in Tokyo and refuses what is not one', () => {
    expect(isoDateInTokyo(tokyoMidnight('2023-11-30'))).toBe('2023-11-30');
    expect(() => tokyoMidnight('2023-02-30')).toThrow(RangeError);
    expect(() => tokyoMidnight('30/11/2023')).toThrow(RangeError);
    expect(() => fiscalYearOf(new Date(Number.NaN))).toThrow(RangeError);
  });
});
