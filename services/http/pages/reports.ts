/**
 * The 「帳票」 menu: the revised strategy and the committee packet with a choice of fiscal year
 * (only years that have something to show), the council's opinions and the citizens' page; and
 * the dashboard's downloads (Excel, CSV in UTF-8 or Shift_JIS) as page addresses, so a failure
 * is a page, never JSON.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { capabilitiesOf } from '../../auth/capabilities.ts';
import type { AppDeps } from '../../deps.ts';
import { translator } from '../../i18n/translate.ts';
import { CSV_ENCODINGS } from '../../reports/csv.ts';
import { exportCsv } from '../../reports/export-csv.ts';
import { exportExcel } from '../../reports/export-excel.ts';
import { reportYears } from '../../reports/report-years.ts';
import { sendDownload } from '../downloads.ts';
import { enumParam, intParam, type Query } from './query.ts';
import type { PageRenderer } from './render.ts';
import { pageContext, pageUser } from './request-context.ts';

type Params = { planId: string };
const yearOf = (request: FastifyRequest) => intParam(request.query as Query, 'fiscalYear', 2000, 2100);

export const reportPages = (deps: AppDeps, render: PageRenderer) => async (app: FastifyInstance) => {
  app.get<{ Params: Params }>('/plans/:planId/reports', async (request, reply) => {
    const years = await reportYears(pageContext(deps, request), request.params.planId);
    return render.page(request, reply, 'reports', { title: translator(request.locale)('reports.title'), active: 'reports', ...years, can: capabilitiesOf(pageUser(request)) });
  });

  app.get<{ Params: Params }>('/plans/:planId/downloads/kpi-tables.xlsx', async (request, reply) =>
    sendDownload(reply, await exportExcel({ ctx: pageContext(deps, request), input: { planId: request.params.planId, fiscalYear: yearOf(request) } })),
  );

  app.get<{ Params: Params }>('/plans/:planId/downloads/kpi-tables.csv', async (request, reply) =>
    sendDownload(reply, await exportCsv({ ctx: pageContext(deps, request), input: { planId: request.params.planId, fiscalYear: yearOf(request), encoding: enumParam(request.query as Query, 'encoding', CSV_ENCODINGS) } })),
  );
};
