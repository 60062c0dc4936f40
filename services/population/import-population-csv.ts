/**
 * The strategy office imports a CSV of the 住民基本台帳 totals (population-csv.ts). Every line is
 * checked first; any problem, named by line and column, and nothing is written. Then each year
 * is inserted or overwritten (an import is the city's newer word), each change logged.
 */
import Type, { type Static } from 'typebox';
import { requireStrategyOffice } from '../auth/authorize.ts';
import { withTransaction, type ServiceContext } from '../context.ts';
import { badRequest, type FieldProblem, problemAt } from '../errors.ts';
import { isoDate } from '../fiscal-year.ts';
import type { MessageKey } from '../i18n/translate.ts';
import { isCalendarDate } from '../reviews/open-cycles.ts';
import { decodeCsv, parsePopulationCsv, type CsvProblem } from './population-csv.ts';
import { saveObservation, type ObservationVia } from './save-observation.ts';

export const MAX_POPULATION_CSV_BYTES = 1024 * 1024;

/** The settings of an import; the file itself comes as bytes beside them. */
export const ImportPopulationCsvBody = Type.Object({
  /** The reference date of every total in the file, as month and day (the city's choice, e.g. 01-01 for 1 January). */
  referenceDay: Type.String({ pattern: '^\\d{2}-\\d{2}$', description: 'MM-DD' }),
  source: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
});
export type ImportPopulationCsvInput = Static<typeof ImportPopulationCsvBody> & { file: Buffer | null };

/** The field of a problem: `line 3` or `line 3 / 総人口`. */
export const csvProblemField = (p: Pick<CsvProblem, 'line' | 'column'>) => `line ${p.line}${p.column ? ` / ${p.column}` : ''}`;

export async function importPopulationCsv({ ctx, input, via = 'csv' }: { ctx: ServiceContext; input: ImportPopulationCsvInput; via?: ObservationVia }) {
  const user = requireStrategyOffice(ctx);
  if (!/^\d{2}-\d{2}$/.test(input.referenceDay) || !isCalendarDate(`2024-${input.referenceDay}`)) {
    throw badRequest('referenceDay is not a month and day', [problemAt('body.referenceDay', { key: 'problems.monthDay' })]);
  }
  if (!input.file || input.file.length === 0) throw badRequest('no file', [problemAt('body.file', { key: 'population.csv.noFile' })]);
  if (input.file.length > MAX_POPULATION_CSV_BYTES) throw badRequest('file too large', [problemAt('body.file', { key: 'population.csv.tooLarge' })]);

  const { rows, problems } = parsePopulationCsv(decodeCsv(input.file));
  const [month, day] = input.referenceDay.split('-').map(Number) as [number, number];
  // 29 February exists only in some years: a file of years with a day they lack is refused, line by line.
  for (const row of rows) {
    if (!isCalendarDate(isoDate(row.year, month, day))) problems.push({ line: row.line, column: null, key: 'noSuchDay', params: { year: row.year } });
  }
  if (problems.length) {
    const listed: FieldProblem[] = problems
      .sort((a, b) => a.line - b.line)
      .map((p) =>
        problemAt(csvProblemField(p), {
          key: 'problems.sequence',
          params: { first: { key: 'population.csv.at', params: { line: p.line, column: p.column ?? '—' } }, then: { key: `population.csv.${p.key}` as MessageKey, params: { ...p.params, column: p.column ?? '' } } },
        }),
      );
    throw badRequest(`the CSV has ${listed.length} problem(s); nothing was imported`, listed);
  }
  return withTransaction(ctx, async (tx) => {
    const saved = [];
    for (const row of rows) {
      const figures = { year: row.year, asOf: isoDate(row.year, month, day), total: row.total, births: row.births, deaths: row.deaths, inMigration: row.inMigration, outMigration: row.outMigration, source: input.source?.trim() || null };
      saved.push(await saveObservation(tx, ctx.clock, { organizationId: user.organizationId, userId: user.id, via }, figures, undefined));
    }
    return { imported: saved.length, years: saved.map((s) => s.year) };
  });
}
