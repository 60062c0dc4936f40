/** Search by name (the header's box): measures, projects, KPIs and departments, each linking to its page. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Static } from 'typebox';
import { isStrategyOffice } from '../../auth/authorize.ts';
import type { AppDeps } from '../../deps.ts';
import { translator } from '../../i18n/translate.ts';
import { listPlans } from '../../plans/queries.ts';
import { searchByName, SearchQuery } from '../../plans/search.ts';
import { checkForm, field, noErrors, numberInput, textInput, type FormBody } from './forms.ts';
import { queryString } from './query.ts';
import type { PageRenderer } from './render.ts';
import { pageContext, pageUser } from './request-context.ts';

type Found = Awaited<ReturnType<typeof searchByName>>['items'][number];

export const searchPages = (deps: AppDeps, render: PageRenderer) => async (app: FastifyInstance) => {
  const ctx = (request: FastifyRequest) => pageContext(deps, request);

  app.get('/search', async (request, reply) => {
    const query = request.query as FormBody;
    const words = textInput(field(query, 'q'));
    const t = translator(request.locale);
    const data = { title: t('search.title'), active: 'search' as const, q: words ?? '', result: null as Awaited<ReturnType<typeof searchByName>> | null, errors: noErrors(), hrefOf: (_: Found) => '', pageUrl: (_: number) => '' };
    if (words === undefined) return render.page(request, reply, 'search', data);
    const input = { q: words, ...(field(query, 'page') ? { page: numberInput(field(query, 'page')) } : {}) };
    const form = checkForm<Static<typeof SearchQuery>>(SearchQuery, input, request.locale, (f) => (f === 'q' ? 'q' : null));
    if (!form.ok) return render.page(request, reply, 'search', { ...data, errors: form.errors }, 400);
    const result = await searchByName({ ctx: ctx(request), input: form.value });
    const office = isStrategyOffice(pageUser(request));
    const plan = office ? ((await listPlans(ctx(request))).find((p) => p.standing === 'current') ?? null) : null;
    // Each result's own page, as this person may open it: a department's is the office's season view (or one's own tasks).
    const hrefOf = (item: Found) => {
      switch (item.kind) {
        case 'measure':
        case 'project':
          return `/plans/${item.planId}/dashboard#measure-${item.measureId}`;
        case 'kpi':
          return `/plans/${item.planId}/kpis/${item.id}`;
        case 'department':
          return plan ? `/plans/${plan.id}/season${queryString({ departmentId: item.id })}` : '/tasks';
      }
    };
    const pageUrl = (page: number) => `/search${queryString({ q: form.value.q, page })}`;
    return render.page(request, reply, 'search', { ...data, result, hrefOf, pageUrl });
  });
};
