/**
 * The 「帳票」 menu: the revised strategy and the committee packet with a choice of fiscal year
 * (only years that have something to show), the council's opinions and the citizens' page; and
 * the dashboard's downloads (Excel, CSV in UTF-8 or Shift_JIS) as page addresses, so a failure
 * is a page, never JSON. Also the plan as an Excel workbook (「Excelで出力」), a filled workbook
 * imported as a new plan (「Excelから取り込む」, its problems listed by sheet and cell), and the
 * close of a period (総括) once the plan's period has ended.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { capabilitiesOf } from '../../auth/capabilities.ts';
import type { AppDeps } from '../../deps.ts';
import { ServiceError, type FieldProblem } from '../../errors.ts';
import { say, translator } from '../../i18n/translate.ts';
import type { Locale } from '../../i18n/locale.ts';
import { exportPlanWorkbook } from '../../plans/workbook/export-plan-workbook.ts';
import { importPlanWorkbook } from '../../plans/workbook/import-plan-workbook.ts';
import { MAX_WORKBOOK_BYTES } from '../../plans/workbook/limits.ts';
import { getCloseOut, periodEnded } from '../../reports/close-out.ts';
import { closeOutExcel } from '../../reports/close-out-excel.ts';
import { CSV_ENCODINGS } from '../../reports/csv.ts';
import { exportCsv } from '../../reports/export-csv.ts';
import { exportExcel } from '../../reports/export-excel.ts';
import { reportYears } from '../../reports/report-years.ts';
import { sendDownload } from '../downloads.ts';
import { seeOther } from './flash.ts';
import { serviceFailure, type FormErrors } from './forms.ts';
import { enumParam, intParam, type Query } from './query.ts';
import type { PageRenderer } from './render.ts';
import { pageContext, pageUser } from './request-context.ts';
import { acceptUploads, uploaded } from './upload-forms.ts';

type Params = { planId: string };
const yearOf = (request: FastifyRequest) => intParam(request.query as Query, 'fiscalYear', 2000, 2100);
/** The import form's file input. */
export const WORKBOOK_INPUT = 'workbook';

export const reportPages = (deps: AppDeps, render: PageRenderer) => async (app: FastifyInstance) => {
  const showReports = async (request: FastifyRequest<{ Params: Params }>, reply: FastifyReply, extra: { errors?: FormErrors; workbookProblems?: { sheet: string | null; cell: string | null; message: string }[] } = {}, status = 200) => {
    const ctx = pageContext(deps, request);
    const years = await reportYears(ctx, request.params.planId);
    return render.page(
      request,
      reply,
      'reports',
      { title: translator(request.locale)('reports.title'), active: 'reports', path: `/plans/${request.params.planId}/reports`, ...years, periodEnded: periodEnded(years.plan, ctx.clock.now()), can: capabilitiesOf(pageUser(request)), ...extra },
      status,
    );
  };

  app.get<{ Params: Params }>('/plans/:planId/reports', async (request, reply) => showReports(request, reply));

  app.get<{ Params: Params }>('/plans/:planId/downloads/kpi-tables.xlsx', async (request, reply) =>
    sendDownload(reply, await exportExcel({ ctx: pageContext(deps, request), input: { planId: request.params.planId, fiscalYear: yearOf(request) } })),
  );

  app.get<{ Params: Params }>('/plans/:planId/downloads/kpi-tables.csv', async (request, reply) =>
    sendDownload(reply, await exportCsv({ ctx: pageContext(deps, request), input: { planId: request.params.planId, fiscalYear: yearOf(request), encoding: enumParam(request.query as Query, 'encoding', CSV_ENCODINGS) } })),
  );

  app.get<{ Params: Params }>('/plans/:planId/downloads/plan.xlsx', async (request, reply) => sendDownload(reply, await exportPlanWorkbook({ ctx: pageContext(deps, request), input: { planId: request.params.planId } })));

  app.get<{ Params: Params }>('/plans/:planId/close-out', async (request, reply) => {
    const closeOut = await getCloseOut({ ctx: pageContext(deps, request), input: { planId: request.params.planId } });
    return render.page(request, reply, 'close-out', { title: translator(request.locale)('closeOut.title'), active: 'reports', closeOut });
  });

  app.get<{ Params: Params }>('/plans/:planId/downloads/close-out.xlsx', async (request, reply) => sendDownload(reply, await closeOutExcel({ ctx: pageContext(deps, request), input: { planId: request.params.planId } })));

  await app.register(async (uploads) => {
    await acceptUploads(uploads);
    uploads.post<{ Params: Params }>('/plans/:planId/plan-workbook', { config: { multipartOptions: { limits: { fileSize: MAX_WORKBOOK_BYTES + 1 } } } }, async (request, reply) => {
      const file = uploaded(request, WORKBOOK_INPUT);
      let planId: string;
      try {
        // The page is the plan's; the workbook may be any plan of the organization (the verb checks it).
        await reportYears(pageContext(deps, request), request.params.planId);
        ({ planId } = await importPlanWorkbook({ ctx: pageContext(deps, request), input: { file: file?.bytes ?? null } }));
      } catch (error) {
        // The workbook's problems are named by sheet and cell: listed at the form, one line in the summary.
        const problems = error instanceof ServiceError && error.code === 'BAD_REQUEST' ? (error.details?.problems ?? []) : [];
        const failure = serviceFailure(error, request.locale, () => null);
        if (problems.length) failure.errors = { fields: { [WORKBOOK_INPUT]: translator(request.locale)('planWorkbook.problems', { n: problems.length }) }, form: [] };
        return showReports(request, reply, { errors: failure.errors, workbookProblems: problems.map((p) => cellProblem(p, request.locale)) }, failure.status);
      }
      return seeOther(reply, `/plans/${planId}/reports`, 'planImported');
    });
  });
};

/** `ＫＰＩ!F12` names a sheet and a cell; `body` (the file as a whole) names none. */
export function cellProblem(p: FieldProblem, locale: Locale) {
  const m = /^(.+)!([A-Z]{1,3}\d+)$/.exec(p.field);
  return { sheet: m ? m[1]! : null, cell: m ? m[2]! : null, message: say(p.words, locale) };
}
