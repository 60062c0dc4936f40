/** CSV as every download writes it (csv.ts): RFC 4180 quoting, CRLF, a BOM, formulas defused. */
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { csvText, encodeCsv, type CsvCell } from '../../services/reports/csv.ts';

/** One cell as written, without the line break. */
const cell = (value: CsvCell) => csvText([[value]]).slice(0, -2);

describe('CSV', () => {
  it('quotes what needs quoting and defuses formulas', () => {
    expect(cell('a,b')).toBe('"a,b"');
    expect(cell('say "hi"')).toBe('"say ""hi"""');
    expect(cell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(cell('-1')).toBe("'-1");
    expect([cell('+1'), cell('@SUM(A1)'), cell('\tx')]).toEqual(["'+1", "'@SUM(A1)", "'\tx"]);
    expect(cell(null)).toBe('');
    // A number is a number, not a formula.
    expect(cell(-1)).toBe('-1');
    expect(encodeCsv(csvText([['年度', '区分'], [2024, 'ＫＰＩ変更']]), 'utf-8').body.toString('utf8')).toBe('\uFEFF年度,区分\r\n2024,ＫＰＩ変更\r\n');
  });

  it('defuses formulas in Shift_JIS too', () => {
    expect(iconv.decode(encodeCsv(csvText([['=1+1', '理由']]), 'shift_jis').body, 'Shift_JIS')).toBe("'=1+1,理由\r\n");
  });
});
