/** The decision log: filtered by marker, department and fiscal year, a page at a time or all of it as CSV. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { listAllDecisions, listDecisions, type DecisionFilter, type DecisionItem } from '../../decisions/list-decisions.ts';
import type { AppDeps } from '../../deps.ts';
import { formatters, type Formatters } from '../../i18n/format.ts';
import { translator } from '../../i18n/translate.ts';
import { DECISION_MARKERS } from '../../plans/markers.ts';
import { getPlan, listDepartments } from '../../plans/queries.ts';
import { csvText, encodeCsv } from '../../reports/csv.ts';
import { changeLines } from '../../decisions/describe-changes.ts';
import { decisionNames } from '../../decisions/decision-names.ts';
import { enumParam, intParam, queryString, uuidParam, type Query } from './query.ts';
import type { PageRenderer } from './render.ts';
import { pageContext, pageUser } from './request-context.ts';

type Params = { planId: string };
const PAGE_SIZE = 50;

export const decisionPages = (deps: AppDeps, render: PageRenderer) => async (app: FastifyInstance) => {
  const filterOf = (request: FastifyRequest): DecisionFilter => {
    const q = request.query as Query;
    return { marker: enumParam(q, 'marker', DECISION_MARKERS), departmentId: uuidParam(q, 'department'), fiscalYear: intParam(q, 'fiscalYear', 1900, 2200) };
  };

  app.get<{ Params: Params }>('/plans/:planId/decisions', async (request, reply) => {
    const ctx = pageContext(deps, request);
    const filter = filterOf(request);
    const page = intParam(request.query as Query, 'page', 1, 100_000) ?? 1;
    const [plan, departments, log, nameOf] = await Promise.all([
      getPlan(ctx, request.params.planId),
      listDepartments(ctx, pageUser(request).organizationId),
      listDecisions(ctx, request.params.planId, { ...filter, page, pageSize: PAGE_SIZE }),
      decisionNames(ctx, request.params.planId),
    ]);
    const t = translator(request.locale);
    const f = formatters(request.locale);
    const filterQuery = { marker: filter.marker, department: filter.departmentId, fiscalYear: filter.fiscalYear };
    return render.page(request, reply, 'decisions', {
      title: t('decisions.title'),
      active: 'decisions',
      plan,
      departments,
      markers: DECISION_MARKERS,
      years: Array.from({ length: plan.periodEndFiscalYear - plan.periodStartFiscalYear + 3 }, (_, i) => plan.periodStartFiscalYear + i),
      filter,
      log: { ...log, pages: Math.max(1, Math.ceil(log.total / log.pageSize)) },
      items: log.items.map((d) => ({ ...d, subjectLabel: subjectLabel(d, f), changes: changeLines(d.before, d.after, request.locale, nameOf) })),
      csvUrl: `/plans/${plan.id}/decisions.csv${queryString(filterQuery)}`,
      pageUrl: (n: number) => `/plans/${plan.id}/decisions${queryString({ ...filterQuery, page: n })}`,
    });
  });

  app.get<{ Params: Params }>('/plans/:planId/decisions.csv', async (request, reply) => {
    const ctx = pageContext(deps, request);
    const [items, nameOf] = await Promise.all([listAllDecisions(ctx, request.params.planId, filterOf(request)), decisionNames(ctx, request.params.planId)]);
    const t = translator(request.locale);
    const f = formatters(request.locale);
    const h = (key: string) => t(`decisions.csvHeaders.${key}` as never);
    const rows = [
      ['id', 'fiscalYear', 'marker', 'subjectName', 'changes', 'rationale', 'decidedBy', 'decidedAt', 'source'].map(h),
      ...items.map((d) => [
        d.id,
        f.fy(d.fiscalYear),
        f.marker(d.marker),
        subjectLabel(d, f),
        changeLines(d.before, d.after, request.locale, nameOf).join('\n'),
        d.rationale,
        d.decidedByName,
        f.decidedOn(d.decidedAt, d.fiscalYear),
        t(`decisions.sources.${d.source}` as never),
      ]),
    ];
    // UTF-8 with a BOM for Excel, formulas defused: the same CSV as the reports.
    const csv = encodeCsv(csvText(rows), 'utf-8');
    return reply
      .type(csv.contentType)
      .header('content-disposition', `attachment; filename="decisions.csv"; filename*=UTF-8''${encodeURIComponent(`${t('decisions.title')}.csv`)}`)
      .send(csv.body);
  });
};

/** What a decision is about, by name: a withdrawal's subject is a year of the citizens' page. */
const subjectLabel = (d: DecisionItem, f: Formatters) => (d.subjectType === 'publication' ? f.fy(d.fiscalYear) : (d.subjectName ?? ''));
