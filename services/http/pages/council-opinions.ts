/**
 * The strategy council's opinions and the city's responses: everyone reads them; the strategy
 * office records an opinion and answers it, linking the decisions it led to. The forms are
 * checked through the verbs' own schemas, as the API does.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { capabilitiesOf } from '../../auth/capabilities.ts';
import { listDecisions } from '../../decisions/list-decisions.ts';
import type { AppDeps } from '../../deps.ts';
import { notFound } from '../../errors.ts';
import { translator } from '../../i18n/translate.ts';
import { listCouncilOpinions } from '../../reports/list-council-opinions.ts';
import { RecordCouncilOpinionBody, recordCouncilOpinion, type RecordCouncilOpinionInput } from '../../reports/record-council-opinion.ts';
import { measureChoices, reportYears } from '../../reports/report-years.ts';
import { RespondToCouncilOpinionBody, respondToCouncilOpinion, type RespondToCouncilOpinionInput } from '../../reports/respond-to-council-opinion.ts';
import { seeOther } from './flash.ts';
import { checkForm, field, fieldList, noErrors, numberInput, serviceFailure, textInput, type FormBody, type FormErrors } from './forms.ts';
import { intParam, type Query } from './query.ts';
import type { PageRenderer } from './render.ts';
import { pageContext, pageUser } from './request-context.ts';

type Params = { planId: string };
type OpinionParams = Params & { opinionId: string };
type State = { errors?: FormErrors; input?: FormBody; status?: number };

export const councilOpinionPages = (deps: AppDeps, render: PageRenderer) => async (app: FastifyInstance) => {
  const ctx = (request: FastifyRequest) => pageContext(deps, request);

  const showList = async (request: FastifyRequest<{ Params: Params }>, reply: FastifyReply, fiscalYear: number | undefined, state: State = {}) => {
    const c = ctx(request);
    const [years, measures, opinions] = await Promise.all([
      reportYears(c, request.params.planId),
      measureChoices(c, request.params.planId),
      listCouncilOpinions(c, request.params.planId, { fiscalYear }),
    ]);
    return render.page(
      request,
      reply,
      'council-opinions',
      { title: translator(request.locale)('opinions.title'), active: 'reports', ...years, measures, opinions, fiscalYear, can: capabilitiesOf(pageUser(request)), errors: state.errors ?? noErrors(), input: state.input ?? null },
      state.status,
    );
  };

  app.get<{ Params: Params }>('/plans/:planId/council-opinions', async (request, reply) => showList(request, reply, intParam(request.query as Query, 'fiscalYear', 2000, 2100)));

  app.post<{ Params: Params }>('/plans/:planId/council-opinions', async (request, reply) => {
    const body = request.body as FormBody;
    const input = { fiscalYear: numberInput(field(body, 'fiscalYear')), measureNumber: numberInput(field(body, 'measureNumber')), meetingDate: textInput(field(body, 'meetingDate')), opinion: textInput(field(body, 'opinion')) };
    const form = checkForm<Omit<RecordCouncilOpinionInput, 'planId'>>(RecordCouncilOpinionBody, input, request.locale);
    if (!form.ok) return showList(request, reply, undefined, { errors: form.errors, input: body, status: 400 });
    try {
      await recordCouncilOpinion({ ctx: ctx(request), input: { ...form.value, planId: request.params.planId } });
    } catch (error) {
      const failure = serviceFailure(error, request.locale);
      return showList(request, reply, undefined, { errors: failure.errors, input: body, status: failure.status });
    }
    return seeOther(reply, `/plans/${request.params.planId}/council-opinions?fiscalYear=${form.value.fiscalYear}`, 'opinionRecorded');
  });

  const showResponse = async (request: FastifyRequest<{ Params: OpinionParams }>, reply: FastifyReply, state: State = {}) => {
    const c = ctx(request);
    const opinion = (await listCouncilOpinions(c, request.params.planId)).find((o) => o.id === request.params.opinionId);
    if (!opinion) throw notFound('council opinion');
    // The decisions an opinion can lead to: those of its year and the next.
    const [same, next] = await Promise.all([opinion.fiscalYear, opinion.fiscalYear + 1].map((fiscalYear) => listDecisions(c, request.params.planId, { fiscalYear, pageSize: 200 })));
    const t = translator(request.locale);
    return render.page(
      request,
      reply,
      'council-opinion-response',
      { title: t('opinions.respondTitle'), active: 'reports', planId: request.params.planId, opinion, decisions: [...same!.items, ...next!.items], errors: state.errors ?? noErrors(), input: state.input ?? null },
      state.status,
    );
  };

  app.get<{ Params: OpinionParams }>('/plans/:planId/council-opinions/:opinionId/response', async (request, reply) => {
    // Only those who may answer see the form; anyone else the same "not found" as a wrong id.
    if (!capabilitiesOf(pageUser(request)).answerCouncil) throw notFound('page');
    return showResponse(request, reply);
  });

  app.post<{ Params: OpinionParams }>('/plans/:planId/council-opinions/:opinionId/response', async (request, reply) => {
    const body = request.body as FormBody;
    const ids = fieldList(body, 'decisionIds').map(numberInput);
    const input = { response: textInput(field(body, 'response')), decisionIds: ids, expectedVersion: numberInput(field(body, 'expectedVersion')) ?? undefined };
    // `decisionIds[2]` points at the list of checkboxes.
    const rename = (f: string) => f.replace(/^decisionIds\[\d+\]$/, 'decisionIds');
    const form = checkForm<Omit<RespondToCouncilOpinionInput, 'opinionId'>>(RespondToCouncilOpinionBody, input, request.locale, rename);
    if (!form.ok) return showResponse(request, reply, { errors: form.errors, input: body, status: 400 });
    try {
      await respondToCouncilOpinion({ ctx: ctx(request), input: { ...form.value, opinionId: request.params.opinionId } });
    } catch (error) {
      const failure = serviceFailure(error, request.locale, rename);
      return showResponse(request, reply, { errors: failure.errors, input: body, status: failure.status });
    }
    return seeOther(reply, `/plans/${request.params.planId}/council-opinions`, 'opinionAnswered');
  });
};
