/**
 * The vision path and the gap to it (pure): the straight line between the stored points, the
 * starting population placed at the end of its month, a year-only goal on 1 January, nothing
 * outside the path; and the CSV of 住民基本台帳 totals read line by line, in UTF-8 or Shift_JIS.
 */
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeCsv, parseCount, parsePopulationCsv, parseYear } from '../../services/population/population-csv.ts';
import { naturalChange, pathValueAt, socialChange, timeOfDay, visionGap, visionPath } from '../../services/population/vision-path.ts';

// The document's figures (db/seed/tomakomai-2020-2024.plan.json, populationVision).
const FIGURES = [
  { kind: 'current', year: 2019, month: 11, value: 171290 },
  { kind: 'goal', year: 2040, month: null, value: 150000 },
  { kind: 'goal', year: 2060, month: null, value: 130000 },
  { kind: 'projection', year: 2040, month: null, value: 148000 },
  { kind: 'simulation', year: 2060, month: null, value: 133000 },
];

describe('the vision path', () => {
  const path = visionPath(FIGURES);

  it('joins the starting population and the goals, in time order, and nothing else', () => {
    expect(path.map((p) => p.value)).toEqual([171290, 150000, 130000]);
    expect(path[0]!.at).toBeCloseTo(2019 + 11 / 12, 10);
    expect(path[1]!.at).toBe(2040);
  });

  it('is a straight line between two points, and absent outside them', () => {
    expect(pathValueAt(path, 2050)).toBe(140000);
    expect(pathValueAt(path, 2040)).toBe(150000);
    expect(pathValueAt(path, 2019)).toBeNull();
    expect(pathValueAt(path, 2061)).toBeNull();
    expect(pathValueAt([], 2030)).toBeNull();
  });

  it('places a day by its share of the year', () => {
    expect(timeOfDay('2025-01-01')).toBe(2025);
    expect(timeOfDay('2024-07-02')).toBeCloseTo(2024 + 183 / 366, 10);
  });

  it('states the gap on 1 January 2025 against the interpolated path', () => {
    // 2019-11 end → 2040-01-01: 20 years and 1 month; 2025-01-01 is 5 years and 1 month in.
    const expected = 171290 + ((150000 - 171290) * (2025 - (2019 + 11 / 12))) / (2040 - (2019 + 11 / 12));
    const gap = visionGap(path, { year: 2025, asOf: '2025-01-01', total: 165000 })!;
    expect(gap.expected).toBe(Math.round(expected));
    expect(gap.expected).toBe(165901); // 171,290 − 21,290 × 61/241
    expect(gap.difference).toBe(-901);
    expect(gap.from.value).toBe(171290);
    expect(gap.to.value).toBe(150000);
    expect(visionGap(path, { year: 2019, asOf: '2019-01-01', total: 172000 })).toBeNull();
  });

  it('derives natural and social change only from both counts', () => {
    expect(naturalChange({ births: 1000, deaths: 1900 })).toBe(-900);
    expect(naturalChange({ births: 1000, deaths: null })).toBeNull();
    expect(socialChange({ inMigration: 6000, outMigration: 5800 })).toBe(200);
    expect(socialChange({ inMigration: null, outMigration: 5800 })).toBeNull();
  });
});

describe('the CSV of 住民基本台帳 totals', () => {
  const CSV = '年,総人口,出生,死亡,転入,転出\r\n2024,"168,563",1020,2011,6010,5905\r\n令和7年,１６７８９０,998,2050,5950,5990\r\n';

  it('reads UTF-8 and Shift_JIS alike, with a BOM or without', () => {
    for (const bytes of [Buffer.from(CSV, 'utf8'), Buffer.from(`\uFEFF${CSV}`, 'utf8'), iconv.encode(CSV, 'Shift_JIS')]) {
      const { rows, problems } = parsePopulationCsv(decodeCsv(bytes));
      expect(problems).toMatchObject([]);
      expect(rows).toEqual([
        { line: 2, year: 2024, total: 168563, births: 1020, deaths: 2011, inMigration: 6010, outMigration: 5905 },
        { line: 3, year: 2025, total: 167890, births: 998, deaths: 2050, inMigration: 5950, outMigration: 5990 },
      ]);
    }
  });

  it('names every problem by line and column', () => {
    const text = '年,総人口,出生数,死亡,転入者数,転出,備考\n2020,170000,abc,1,2,3\n2021,,1,1,1,1\n2020,169000,1,1,1,1\n平成,1,1,1,1,1\n';
    const { rows, problems } = parsePopulationCsv(text);
    expect(problems).toMatchObject([
      { line: 1, column: '備考', key: 'unknownColumn' },
      { line: 2, column: '出生数', key: 'notCount', params: { value: 'abc' } },
      { line: 3, column: '総人口', key: 'required' },
      { line: 4, column: '年', key: 'duplicateYear', params: { year: 2020, other: 2 } },
      { line: 5, column: '年', key: 'notYear', params: { value: '平成' } },
    ]);
    expect(rows.map((r) => r.line)).toEqual([]);
  });

  it('needs the year and the total, and a header', () => {
    expect(parsePopulationCsv('年,出生\n2020,1\n').problems).toMatchObject([{ line: 1, column: '総人口', key: 'missingColumn' }]);
    expect(parsePopulationCsv('a,b\n1,2\n').problems.at(-1)).toEqual({ line: 1, column: null, key: 'noHeader' });
    expect(parsePopulationCsv('').problems).toMatchObject([{ line: 1, column: null, key: 'empty' }]);
  });

  it('reads years and counts as people write them', () => {
    expect([parseYear('2025'), parseYear('2025年'), parseYear('令和元年'), parseYear('R7'), parseYear('平成31年'), parseYear('25')]).toEqual([2025, 2025, 2019, 2025, 2019, null]);
    expect([parseCount('168,563'), parseCount('168563人'), parseCount('-1'), parseCount('1.5')]).toEqual([168563, 168563, null, null]);
  });
});
