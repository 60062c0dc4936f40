/**
 * Reports for signed-in staff: the Excel and CSV exports, the revised strategy and the
 * committee packet (strategy office only) as data, task sheets, council opinions and
 * publications (their own files), and — under /reports — the print-ready documents.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import Type from 'typebox';
import type { AppDeps } from '../../deps.ts';
import { closeOutHtml, getCloseOut } from '../../reports/close-out.ts';
import { closeOutExcel } from '../../reports/close-out-excel.ts';
import { committeePacketHtml, getCommitteePacket } from '../../reports/committee-packet.ts';
import { CSV_ENCODINGS } from '../../reports/csv.ts';
import { exportCsv } from '../../reports/export-csv.ts';
import { exportExcel } from '../../reports/export-excel.ts';
import { previewProgressHtml } from '../../reports/preview-progress.ts';
import { getRevisedStrategy, revisedStrategyHtml } from '../../reports/revised-strategy.ts';
import { contextOf, requireSignedIn } from '../auth-plugin.ts';
import { sendDownload } from '../downloads.ts';
import { errorResponses, Uuid } from '../schemas.ts';
import { councilOpinionRoutes } from './council-opinions.ts';
import { publicationRoutes } from './publications.ts';
import { taskSheetRoutes } from './task-sheets.ts';

const PlanParams = Type.Object({ planId: Uuid });
const FiscalYear = Type.Integer({ minimum: 2000, maximum: 2100 });
const Binary = (description: string) => Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description });
const Html = Type.String({ description: 'a self-contained HTML document with print CSS' });
const RevisedQuery = Type.Object({
  asOf: Type.Optional(Type.String({ description: 'the plan as it stood then: YYYY-MM-DD (end of that day, Tokyo) or a date-time; default now' })),
  fiscalYear: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100, description: 'the revision whose markers are shown; default the latest' })),
});
const Open = (description: string) => Type.Object({}, { additionalProperties: true, description });

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

    app.get(
      '/plans/:planId/reports/revised-strategy',
      {
        schema: {
          tags: ['reports'],
          summary: 'The revised strategy as of a date: markers from the decision log, underlined changes, the summary of revisions by kind',
          params: PlanParams,
          querystring: RevisedQuery,
          response: { 200: Open('see docs/reports.md'), ...errorResponses },
        },
      },
      async (request) => getRevisedStrategy({ ctx: ctx(request), input: { planId: request.params.planId, ...request.query } }),
    );

    app.get(
      '/plans/:planId/reports/committee-packet',
      {
        schema: {
          tags: ['reports'],
          summary: 'The council’s review sheet per measure for a fiscal year, with the council’s opinions and the city’s responses (strategy office)',
          params: PlanParams,
          querystring: Type.Object({ fiscalYear: FiscalYear }),
          response: { 200: Open('see docs/reports.md'), ...errorResponses },
        },
      },
      async (request) => getCommitteePacket({ ctx: ctx(request), input: { planId: request.params.planId, fiscalYear: request.query.fiscalYear } }),
    );

    app.get(
      '/plans/:planId/reports/close-out',
      {
        schema: {
          tags: ['reports'],
          summary: 'The close of the period (総括) of a plan whose period has ended: every numeric target and KPI judged at the final year by the Orient rules, each project’s grades and next steps by year, every decision (strategy office)',
          params: PlanParams,
          response: { 200: Open('see docs/reports.md'), ...errorResponses },
        },
      },
      async (request) => getCloseOut({ ctx: ctx(request), input: { planId: request.params.planId } }),
    );

    app.get(
      '/plans/:planId/reports/close-out.xlsx',
      { schema: { tags: ['reports'], summary: 'The close of the period (総括) as an Excel workbook (strategy office)', params: PlanParams, response: { 200: Binary('xlsx workbook'), ...errorResponses } } },
      async (request, reply) => sendDownload(reply, await closeOutExcel({ ctx: ctx(request), input: { planId: request.params.planId } })),
    );

    await app.register(taskSheetRoutes(deps));
    await app.register(councilOpinionRoutes(deps));
    await app.register(publicationRoutes(deps));
  };

/** The print-ready documents, for signed-in staff (registered under /reports). */
export const reportDocumentRoutes =
  (deps: AppDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.addHook('onRequest', requireSignedIn);
    const ctx = (request: Parameters<typeof contextOf>[1]) => contextOf(deps, request);
    const html = { 200: Html, ...errorResponses };
    // Internal figures, like the downloads: never stored by a cache.
    const sendHtml = (reply: FastifyReply, document: string) => reply.type('text/html; charset=utf-8').header('cache-control', 'private, no-store').send(document);

    app.get(
      '/plans/:planId/revised-strategy',
      { schema: { tags: ['reports'], summary: 'The revised strategy, print-ready HTML', params: PlanParams, querystring: RevisedQuery, response: html } },
      async (request, reply) => sendHtml(reply, await revisedStrategyHtml({ ctx: ctx(request), input: { planId: request.params.planId, ...request.query } })),
    );

    app.get(
      '/plans/:planId/committee-packet',
      {
        schema: {
          tags: ['reports'],
          summary: 'The committee packet, print-ready HTML (strategy office); without a fiscal year, the reports page asks for one',
          params: PlanParams,
          querystring: Type.Object({ fiscalYear: Type.Optional(FiscalYear) }),
          response: { ...html, 303: Type.Null() },
        },
      },
      async (request, reply) =>
        request.query.fiscalYear === undefined
          ? reply.redirect(`/plans/${request.params.planId}/reports`, 303)
          : sendHtml(reply, await committeePacketHtml({ ctx: ctx(request), input: { planId: request.params.planId, fiscalYear: request.query.fiscalYear } })),
    );

    app.get(
      '/plans/:planId/close-out',
      { schema: { tags: ['reports'], summary: 'The close of the period (総括), print-ready HTML (strategy office)', params: PlanParams, response: html } },
      async (request, reply) => sendHtml(reply, await closeOutHtml({ ctx: ctx(request), input: { planId: request.params.planId } })),
    );

    app.get(
      '/plans/:planId/progress-preview',
      {
        schema: {
          tags: ['reports'],
          summary: 'The citizens’ page as it would be published now, not stored (strategy office)',
          params: PlanParams,
          querystring: Type.Object({ fiscalYear: Type.Optional(FiscalYear) }),
          response: html,
        },
      },
      async (request, reply) => sendHtml(reply, await previewProgressHtml({ ctx: ctx(request), input: { planId: request.params.planId, ...request.query } })),
    );
  };
