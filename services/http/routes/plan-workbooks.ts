/** The plan as an Excel workbook, and a filled workbook imported as a new plan or as a draft's new content (problems named by sheet and cell). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import type { AppDeps } from '../../deps.ts';
import { exportPlanWorkbook } from '../../plans/workbook/export-plan-workbook.ts';
import { importDraftWorkbook } from '../../plans/workbook/import-draft-workbook.ts';
import { importPlanWorkbook } from '../../plans/workbook/import-plan-workbook.ts';
import { MAX_WORKBOOK_BYTES } from '../../plans/workbook/limits.ts';
import { XLSX_TYPE } from '../../reports/export-excel.ts';
import { contextOf } from '../auth-plugin.ts';
import { sendDownload } from '../downloads.ts';
import { errorResponses, Uuid } from '../schemas.ts';

const Count = Type.Integer({ minimum: 0 });
const ImportResult = Type.Object({
  status: Type.Enum(['created', 'unchanged'] as const),
  planId: Uuid,
  organizationId: Uuid,
  counts: Type.Object({ goals: Count, directions: Count, measures: Count, projects: Count, kpis: Count, values: Count, decisions: Count }),
});

const DraftVersion = Type.String({ pattern: '^[0-9a-f]{64}$', description: 'the draft’s version (its content hash)' });
const DraftResult = Type.Object({ planId: Uuid, status: Type.Enum(['replaced', 'unchanged'] as const), version: DraftVersion });

export const planWorkbookRoutes =
  (deps: AppDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    // Only in this plugin: the workbook arrives as the raw request body.
    app.addContentTypeParser([XLSX_TYPE, 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: MAX_WORKBOOK_BYTES }, (_request, body, done) => done(null, body));

    app.get(
      '/plans/:planId/workbook.xlsx',
      {
        schema: {
          tags: ['plans'],
          summary: 'The plan as an Excel workbook in the document’s KPI layout (the plan file, sheet by sheet); importing it gives back the same plan file',
          params: Type.Object({ planId: Uuid }),
          response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }), ...errorResponses },
        },
      },
      async (request, reply) => sendDownload(reply, await exportPlanWorkbook({ ctx: contextOf(deps, request), input: { planId: request.params.planId } })),
    );

    app.post(
      '/plans/workbook',
      {
        schema: {
          tags: ['plans'],
          summary: `Import a filled plan workbook as a new plan of your organization (strategy office), the body being the file (Content-Type ${XLSX_TYPE}); every problem named by sheet and cell (ＫＰＩ!F12), nothing written unless all is valid`,
          response: { 201: ImportResult, 200: ImportResult, ...errorResponses },
        },
      },
      async (request, reply) => {
        const result = await importPlanWorkbook({ ctx: contextOf(deps, request), input: { file: request.body } });
        return reply.status(result.status === 'created' ? 201 : 200).send(result);
      },
    );

    app.post(
      '/plans/:planId/draft/workbook',
      {
        schema: {
          tags: ['plans'],
          summary: `Replace a draft's content with a filled workbook exported from it (strategy office), the body being the file (Content-Type ${XLSX_TYPE}); every problem named by sheet and cell, nothing written unless all is valid; 409 if the plan is adopted or the draft changed since the workbook's export (or since \`version\`)`,
          params: Type.Object({ planId: Uuid }),
          querystring: Type.Object({ version: Type.Optional(DraftVersion) }),
          response: { 200: DraftResult, ...errorResponses },
        },
      },
      async (request) => importDraftWorkbook({ ctx: contextOf(deps, request), input: { planId: request.params.planId, file: request.body, version: request.query.version } }),
    );
  };
