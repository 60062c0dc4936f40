/**
 * A CSV of the 住民基本台帳 totals, one year a line: UTF-8 (with or without BOM) or Shift_JIS,
 * told apart by whether the bytes are valid UTF-8. The header names the columns in Japanese
 * (年, 総人口, 出生, 死亡, 転入, 転出; 「数」 or 「人口」 may follow: 出生数, 転入者数); their order
 * is free and only 年 and 総人口 are required. Every problem is reported by line and column.
 */
import iconv from 'iconv-lite';

export const POPULATION_COLUMNS = ['year', 'total', 'births', 'deaths', 'inMigration', 'outMigration'] as const;
export type PopulationColumn = (typeof POPULATION_COLUMNS)[number];

/** The header words each column answers to (after NFKC, spaces removed). */
const HEADERS: Record<PopulationColumn, string[]> = {
  year: ['年', '年次', '西暦', '年度'],
  total: ['総人口', '人口', '人口総数', '総数'],
  births: ['出生', '出生数'],
  deaths: ['死亡', '死亡数'],
  inMigration: ['転入', '転入数', '転入者数'],
  outMigration: ['転出', '転出数', '転出者数'],
};
/** The column's name as the file's header should say it. */
export const COLUMN_HEADER: Record<PopulationColumn, string> = { year: '年', total: '総人口', births: '出生', deaths: '死亡', inMigration: '転入', outMigration: '転出' };

export type CsvProblemKey = 'empty' | 'noHeader' | 'missingColumn' | 'duplicateColumn' | 'unknownColumn' | 'notYear' | 'notCount' | 'required' | 'duplicateYear' | 'fieldCount' | 'noSuchDay';

export interface CsvProblem {
  /** 1-based line of the file; 1 is the header. */
  line: number;
  /** The column's header as written in the file (or the one expected). */
  column: string | null;
  key: CsvProblemKey;
  params?: Record<string, string | number>;
}

export interface PopulationRow {
  line: number;
  year: number;
  total: number;
  births: number | null;
  deaths: number | null;
  inMigration: number | null;
  outMigration: number | null;
}

export function decodeCsv(bytes: Buffer): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = iconv.decode(bytes, 'Shift_JIS');
  }
  return text.replace(/^\uFEFF/, '');
}

/** Fields of one CSV line: commas, double quotes around a field, "" for a quote inside. */
function splitLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted && ch === '"' && line[i + 1] === '"') {
      cur += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (ch === ',' && !quoted) {
      out.push(cur);
      cur = '';
    } else {
      cur += ch;
    }
  }
  out.push(cur);
  return out.map((f) => f.trim());
}

const ERAS: Record<string, number> = { 令和: 2018, 平成: 1988 };

/** 2025, 2025年, 令和7年, R7: a calendar year, or null. */
export function parseYear(text: string): number | null {
  const t = text.normalize('NFKC').replace(/\s/g, '').replace(/年$/, '');
  if (/^\d{4}$/.test(t)) return Number(t);
  const era = /^(令和|平成|R|H)(元|\d{1,2})$/.exec(t);
  if (!era) return null;
  const base = ERAS[era[1] === 'R' ? '令和' : era[1] === 'H' ? '平成' : era[1]!]!;
  return base + (era[2] === '元' ? 1 : Number(era[2]));
}

/** 168,563 or １６８５６３ or 168563人: a whole count, or null. */
export function parseCount(text: string): number | null {
  const t = text.normalize('NFKC').replace(/[,\s]/g, '').replace(/人$/, '');
  return /^\d{1,9}$/.test(t) ? Number(t) : null;
}

export function parsePopulationCsv(text: string): { rows: PopulationRow[]; problems: CsvProblem[] } {
  const lines = text.split(/\r\n|\n|\r/);
  while (lines.length && lines.at(-1)!.trim() === '') lines.pop();
  const problems: CsvProblem[] = [];
  if (lines.length === 0) return { rows: [], problems: [{ line: 1, column: null, key: 'empty' }] };

  const header = splitLine(lines[0]!);
  const at = new Map<PopulationColumn, number>();
  header.forEach((name, index) => {
    const word = name.normalize('NFKC').replace(/\s/g, '');
    const column = POPULATION_COLUMNS.find((c) => HEADERS[c].includes(word));
    if (!column) {
      if (word) problems.push({ line: 1, column: name, key: 'unknownColumn' });
    } else if (at.has(column)) problems.push({ line: 1, column: name, key: 'duplicateColumn' });
    else at.set(column, index);
  });
  if (at.size === 0) return { rows: [], problems: [{ line: 1, column: null, key: 'noHeader' }] };
  for (const required of ['year', 'total'] as const) if (!at.has(required)) problems.push({ line: 1, column: COLUMN_HEADER[required], key: 'missingColumn' });

  const rows: PopulationRow[] = [];
  const seen = new Map<number, number>();
  lines.slice(1).forEach((raw, i) => {
    const line = i + 2;
    if (raw.trim() === '') return;
    const fields = splitLine(raw);
    if (fields.length > header.length) problems.push({ line, column: null, key: 'fieldCount', params: { n: fields.length, expected: header.length } });
    const cell = (c: PopulationColumn) => (at.has(c) ? (fields[at.get(c)!] ?? '') : '');
    const name = (c: PopulationColumn) => header[at.get(c)!] ?? COLUMN_HEADER[c];
    const before = problems.length;
    let year: number | null = null;
    if (at.has('year')) {
      year = parseYear(cell('year'));
      if (cell('year') === '') problems.push({ line, column: name('year'), key: 'required' });
      else if (year === null || year < 1900 || year > 2200) problems.push({ line, column: name('year'), key: 'notYear', params: { value: cell('year') } });
      else if (seen.has(year)) problems.push({ line, column: name('year'), key: 'duplicateYear', params: { year, other: seen.get(year)! } });
      else seen.set(year, line);
    }
    const counts = {} as Record<Exclude<PopulationColumn, 'year'>, number | null>;
    for (const c of ['total', 'births', 'deaths', 'inMigration', 'outMigration'] as const) {
      const value = cell(c);
      counts[c] = value === '' ? null : parseCount(value);
      if (!at.has(c)) continue;
      if (value === '' && c === 'total') problems.push({ line, column: name(c), key: 'required' });
      else if (value !== '' && counts[c] === null) problems.push({ line, column: name(c), key: 'notCount', params: { value } });
    }
    if (problems.length === before && year !== null && counts.total !== null) rows.push({ line, year, ...counts, total: counts.total });
  });
  return { rows, problems };
}
