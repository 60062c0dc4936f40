/** The population vision, tracked: the observed years with the gap to the vision, one year recorded, a CSV imported. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import type { AppDeps } from '../../deps.ts';
import { getPopulationTracking } from '../../population/get-population-tracking.ts';
import { ImportPopulationCsvBody, importPopulationCsv, MAX_POPULATION_CSV_BYTES } from '../../population/import-population-csv.ts';
import { RecordPopulationYearBody, recordPopulationYear } from '../../population/record-population-year.ts';
import { contextOf } from '../auth-plugin.ts';
import { DateTime, errorResponses, Nullable, Uuid } from '../schemas.ts';

const Count = Nullable(Type.Integer());
const ObservedYear = Type.Object({
  year: Type.Integer(),
  asOf: Type.String({ format: 'date' }),
  total: Type.Integer(),
  births: Count,
  deaths: Count,
  inMigration: Count,
  outMigration: Count,
  naturalChange: Count,
  socialChange: Count,
  source: Nullable(Type.String()),
  version: Type.Integer(),
});
const PathPoint = Type.Object({ at: Type.Number({ description: 'time in years: 2025.0 is 1 January 2025' }), value: Type.Number() });
const Series = Type.Object({
  kind: Type.String(),
  label: Type.String(),
  note: Nullable(Type.String()),
  points: Type.Array(Type.Object({ year: Type.Integer(), month: Nullable(Type.Integer()), value: Type.Integer(), printed: Nullable(Type.String()), at: Type.Number() })),
});
const Gap = Type.Object({ year: Type.Integer(), asOf: Type.String(), observed: Type.Integer(), expected: Type.Integer(), difference: Type.Integer(), from: PathPoint, to: PathPoint });
const Tracking = Type.Object({
  observations: Type.Array(ObservedYear),
  start: Nullable(Series),
  goal: Nullable(Series),
  others: Type.Array(Series),
  path: Type.Array(PathPoint, { description: 'the vision path: the starting population and the goals, joined by straight lines' }),
  gaps: Type.Array(Gap),
  latest: Nullable(Gap),
});
const { naturalChange: _n, socialChange: _s, ...stored } = ObservedYear.properties;
const Saved = Type.Object({ ...stored, id: Uuid, organizationId: Uuid, updatedAt: DateTime });

export const populationRoutes =
  (deps: AppDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    // Only in this plugin: the CSV arrives as the raw request body.
    app.addContentTypeParser('text/csv', { parseAs: 'buffer', bodyLimit: MAX_POPULATION_CSV_BYTES + 1 }, (_request, body, done) => done(null, body));

    app.get(
      '/plans/:planId/population',
      { schema: { tags: ['population'], summary: 'The observed population against the plan’s population vision, with the gap of each year to the vision path', params: Type.Object({ planId: Uuid }), response: { 200: Tracking, ...errorResponses } } },
      async (request) => getPopulationTracking({ ctx: contextOf(deps, request), input: { planId: request.params.planId } }),
    );

    app.put(
      '/population/years/:year',
      {
        schema: {
          tags: ['population'],
          summary: 'Record or correct one year of the organization’s observed population (strategy office); give the version read to correct, none for a new year; a stale one is 409',
          params: Type.Object({ year: Type.Integer({ minimum: 1900, maximum: 2200 }) }),
          body: Type.Omit(RecordPopulationYearBody, ['year']),
          response: { 200: Saved, ...errorResponses },
        },
      },
      async (request) => recordPopulationYear({ ctx: contextOf(deps, request), input: { ...request.body, year: request.params.year } }),
    );

    app.post(
      '/population/import',
      {
        schema: {
          tags: ['population'],
          summary: 'Import a CSV of 住民基本台帳 totals as the request body (Content-Type text/csv; UTF-8 or Shift_JIS; header 年, 総人口, 出生, 死亡, 転入, 転出); every problem by line and column, nothing written unless all valid',
          querystring: ImportPopulationCsvBody,
          response: { 201: Type.Object({ imported: Type.Integer(), years: Type.Array(Type.Integer()) }), ...errorResponses },
        },
      },
      async (request, reply) => reply.status(201).send(await importPopulationCsv({ ctx: contextOf(deps, request), input: { ...request.query, file: Buffer.isBuffer(request.body) ? request.body : null }, via: 'api' })),
    );
  };
