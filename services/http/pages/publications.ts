/**
 * The citizens' page, year by year: what is published (and by whom), a preview of what would be
 * published now, publishing, and withdrawing a year after a confirmation that says what goes.
 * Everyone sees the list; the actions are offered to those who may take them.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { capabilitiesOf } from '../../auth/capabilities.ts';
import type { AppDeps } from '../../deps.ts';
import { notFound } from '../../errors.ts';
import { translator } from '../../i18n/translate.ts';
import { listPublications, PublishProgressBody, publishProgress, publicPath } from '../../reports/publish.ts';
import { listPublicTexts } from '../../reports/public-texts.ts';
import { reportYears } from '../../reports/report-years.ts';
import { WithdrawPublicationBody, withdrawPublication } from '../../reports/withdraw-publication.ts';
import { seeOther } from './flash.ts';
import { checkForm, field, noErrors, numberInput, serviceFailure, textInput, type FormBody, type FormErrors } from './forms.ts';
import { intParam } from './query.ts';
import type { PageRenderer } from './render.ts';
import { pageContext, pageUser } from './request-context.ts';

type Params = { planId: string };
type YearParams = Params & { fiscalYear: string };
type State = { errors?: FormErrors; input?: FormBody; status?: number };

/** Each year of the plan with its versions (newest first) and whether citizens see it now. */
async function yearsOf(deps: AppDeps, request: FastifyRequest<{ Params: Params }>) {
  const c = pageContext(deps, request);
  const [years, rows] = await Promise.all([reportYears(c, request.params.planId), listPublications(c, request.params.planId)]);
  const perYear = years.periodYears.map((fiscalYear) => {
    const versions = rows.filter((r) => r.fiscalYear === fiscalYear);
    const latest = versions[0] ?? null;
    const shown = latest !== null && latest.withdrawnAt === null;
    return { fiscalYear, versions, latest, shown, publicPath: shown ? publicPath(years.plan.id, fiscalYear) : null };
  });
  return { ...years, perYear };
}

export const publicationPages = (deps: AppDeps, render: PageRenderer) => async (app: FastifyInstance) => {
  const showList = async (request: FastifyRequest<{ Params: Params }>, reply: FastifyReply, state: State = {}) =>
    render.page(
      request,
      reply,
      'publications',
      { title: translator(request.locale)('publications.title'), active: 'reports', ...(await yearsOf(deps, request)), can: capabilitiesOf(pageUser(request)), errors: state.errors ?? noErrors(), input: state.input ?? null },
      state.status,
    );

  app.get<{ Params: Params }>('/plans/:planId/publications', async (request, reply) => showList(request, reply));

  /** The publish step: the departments' free texts the year would carry, read before the button that publishes them. */
  const showReview = async (request: FastifyRequest<{ Params: Params }>, reply: FastifyReply, fiscalYear: number, state: State = {}) => {
    if (!capabilitiesOf(pageUser(request)).publish) throw notFound('page');
    const review = await listPublicTexts({ ctx: pageContext(deps, request), input: { planId: request.params.planId, fiscalYear } });
    const t = translator(request.locale);
    return render.page(request, reply, 'publication-publish', { title: t('publications.reviewTitle'), active: 'reports', planId: request.params.planId, ...review, errors: state.errors ?? noErrors() }, state.status);
  };

  app.get<{ Params: YearParams }>('/plans/:planId/publications/:fiscalYear/publish', async (request, reply) => {
    const fiscalYear = intParam(request.params, 'fiscalYear', 2000, 2100);
    const year = (await yearsOf(deps, request)).perYear.find((y) => y.fiscalYear === fiscalYear);
    if (!year) throw notFound('page');
    return showReview(request, reply, year.fiscalYear);
  });

  app.post<{ Params: Params }>('/plans/:planId/publications', async (request, reply) => {
    const body = request.body as FormBody;
    const input = { fiscalYear: numberInput(field(body, 'fiscalYear')), reviewedTexts: field(body, 'reviewedTexts') || undefined };
    const form = checkForm<{ fiscalYear: number; reviewedTexts?: string }>(PublishProgressBody, input, request.locale);
    if (!form.ok) return showList(request, reply, { errors: form.errors, input: body, status: 400 });
    try {
      await publishProgress({ ctx: pageContext(deps, request), input: { planId: request.params.planId, ...form.value } });
    } catch (error) {
      const failure = serviceFailure(error, request.locale);
      // A text changed since it was shown (409) or was never shown (400): show the texts as they are now.
      if (failure.status === 409 || failure.errors.fields.reviewedTexts) return showReview(request, reply, form.value.fiscalYear, { errors: failure.status === 409 ? failure.errors : { fields: {}, form: [failure.errors.fields.reviewedTexts!] }, status: failure.status });
      return showList(request, reply, { errors: failure.errors, input: body, status: failure.status });
    }
    return seeOther(reply, `/plans/${request.params.planId}/publications`, 'published');
  });

  const showWithdraw = async (request: FastifyRequest<{ Params: YearParams }>, reply: FastifyReply, state: State = {}) => {
    // Offered only to those who may withdraw, and only for a year citizens see now.
    if (!capabilitiesOf(pageUser(request)).publish) throw notFound('page');
    const fiscalYear = intParam(request.params, 'fiscalYear', 2000, 2100);
    const year = (await yearsOf(deps, request)).perYear.find((y) => y.fiscalYear === fiscalYear);
    if (!year?.shown) throw notFound('publication');
    const t = translator(request.locale);
    return render.page(request, reply, 'publication-withdraw', { title: t('publications.withdrawTitle'), active: 'reports', planId: request.params.planId, year, errors: state.errors ?? noErrors(), input: state.input ?? null }, state.status);
  };

  app.get<{ Params: YearParams }>('/plans/:planId/publications/:fiscalYear/withdraw', async (request, reply) => showWithdraw(request, reply));

  app.post<{ Params: YearParams }>('/plans/:planId/publications/:fiscalYear/withdraw', async (request, reply) => {
    const fiscalYear = intParam(request.params, 'fiscalYear', 2000, 2100);
    if (fiscalYear === undefined) throw notFound('publication');
    const body = request.body as FormBody;
    const form = checkForm<{ reason: string; expectedVersion: number }>(WithdrawPublicationBody, { reason: textInput(field(body, 'reason')), expectedVersion: numberInput(field(body, 'expectedVersion')) }, request.locale);
    if (!form.ok) return showWithdraw(request, reply, { errors: form.errors, input: body, status: 400 });
    try {
      await withdrawPublication({ ctx: pageContext(deps, request), input: { planId: request.params.planId, fiscalYear, ...form.value } });
    } catch (error) {
      const failure = serviceFailure(error, request.locale);
      // Lost a race: the year may be gone already, so the list says what happened.
      if (failure.status === 409) return showList(request, reply, { errors: failure.errors, status: 409 });
      return showWithdraw(request, reply, { errors: failure.errors, input: body, status: failure.status });
    }
    return seeOther(reply, `/plans/${request.params.planId}/publications`, 'publicationWithdrawn');
  });
};
