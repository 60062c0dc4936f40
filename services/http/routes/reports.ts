/**
 * Reports for signed-in staff: the Excel and CSV exports, and task sheets (their own file).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import type { AppDeps } from '../../deps.ts';
import { CSV_ENCODINGS } from '../../reports/csv.ts';
import { exportCsv } from '../../reports/export-csv.ts';
import { exportExcel } from '../../reports/export-excel.ts';
import { contextOf } from '../auth-plugin.ts';
import { sendDownload } from '../downloads.ts';
import { errorResponses, Uuid } from '../schemas.ts';
import { taskSheetRoutes } from './task-sheets.ts';

const PlanParams = Type.Object({ planId: Uuid });
const FiscalYear = Type.Integer({ minimum: 2000, maximum: 2100 });
const Binary = (description: string) => Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description });

export const reportRoutes =
  (deps: AppDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    const ctx = (request: Parameters<typeof contextOf>[1]) => contextOf(deps, request);

    app.get(
      '/plans/:planId/reports/kpi-tables.xlsx',
      {
        schema: {
          tags: ['reports'],
          summary: 'Excel: a sheet per basic goal in the document’s layout, the decision log, a sheet per department of its tasks',
          params: PlanParams,
          querystring: Type.Object({ fiscalYear: Type.Optional(FiscalYear) }),
          response: { 200: Binary('xlsx workbook'), ...errorResponses },
        },
      },
      async (request, reply) => sendDownload(reply, await exportExcel({ ctx: ctx(request), input: { planId: request.params.planId, ...request.query } })),
    );

    app.get(
      '/plans/:planId/reports/kpi-tables.csv',
      {
        schema: {
          tags: ['reports'],
          summary: 'CSV of every numeric target and KPI at a fiscal year (UTF-8 with BOM, or Shift_JIS)',
          params: PlanParams,
          querystring: Type.Object({ fiscalYear: Type.Optional(FiscalYear), encoding: Type.Optional(Type.Enum(CSV_ENCODINGS)) }),
          response: { 200: Binary('text/csv'), ...errorResponses },
        },
      },
      async (request, reply) => sendDownload(reply, await exportCsv({ ctx: ctx(request), input: { planId: request.params.planId, ...request.query } })),
    );

    await app.register(taskSheetRoutes(deps));
  };
