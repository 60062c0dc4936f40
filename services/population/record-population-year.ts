/** The strategy office records (or corrects) one year's observed population, on the page or through the API. */
import Type, { type Static } from 'typebox';
import { requireStrategyOffice } from '../auth/authorize.ts';
import { withTransaction, type ServiceContext } from '../context.ts';
import { type FieldProblem, invalidInput, problemAt } from '../errors.ts';
import { IsoDate, MAX_INT, OrNull } from '../input-schemas.ts';
import { isCalendarDate } from '../reviews/open-cycles.ts';
import { saveObservation, type ObservationVia } from './save-observation.ts';

const Count = Type.Integer({ minimum: 0, maximum: 100_000_000 });
const OptionalCount = Type.Optional(OrNull(Count));

export const RecordPopulationYearBody = Type.Object({
  /** The calendar year of the reference date. */
  year: Type.Integer({ minimum: 1900, maximum: 2200 }),
  /** The reference date of the total, the city's choice (e.g. 1 January for 住民基本台帳); a day of `year`. */
  asOf: IsoDate,
  total: Count,
  births: OptionalCount,
  deaths: OptionalCount,
  inMigration: OptionalCount,
  outMigration: OptionalCount,
  source: Type.Optional(OrNull(Type.String({ minLength: 1, maxLength: 200 }))),
  /** The version read; absent or null for a year not recorded yet. */
  expectedVersion: Type.Optional(OrNull(Type.Integer({ minimum: 1, maximum: MAX_INT }))),
});
export type RecordPopulationYearInput = Static<typeof RecordPopulationYearBody>;

export async function recordPopulationYear({ ctx, input, via = 'api' }: { ctx: ServiceContext; input: RecordPopulationYearInput; via?: ObservationVia }) {
  const user = requireStrategyOffice(ctx);
  const problems: FieldProblem[] = [];
  if (!isCalendarDate(input.asOf)) problems.push(problemAt('body.asOf', { key: 'problems.invalidDate' }));
  else if (Number(input.asOf.slice(0, 4)) !== input.year) problems.push(problemAt('body.asOf', { key: 'problems.dayOfYear', params: { year: input.year } }));
  if (problems.length) throw invalidInput(problems);
  const figures = {
    year: input.year,
    asOf: input.asOf,
    total: input.total,
    births: input.births ?? null,
    deaths: input.deaths ?? null,
    inMigration: input.inMigration ?? null,
    outMigration: input.outMigration ?? null,
    source: input.source?.trim() || null,
  };
  return withTransaction(ctx, (tx) => saveObservation(tx, ctx.clock, { organizationId: user.organizationId, userId: user.id, via }, figures, input.expectedVersion ?? null));
}
