/** The OODA board (measures × phases for a fiscal year), opening a year's review, and one cycle's page. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Static } from 'typebox';
import { CYCLE_PHASES, type CyclePhase } from '../../../db/schema/reviews/constants.ts';
import { getReviewCalendar } from '../../calendar/review-calendar.ts';
import { defaultDueDate } from '../../calendar/season.ts';
import type { AppDeps } from '../../deps.ts';
import { isoDateInTokyo } from '../../fiscal-year.ts';
import { translator } from '../../i18n/translate.ts';
import { AddActionItemBody, addActionItem } from '../../reviews/action-items.ts';
import { advanceCycle } from '../../reviews/advance-cycle.ts';
import { previewAdvance } from '../../reviews/advance-preview.ts';
import { AssessProjectBody, assessProject } from '../../reviews/assess-project.ts';
import { getBoard } from '../../reviews/board.ts';
import { OpenCyclesBody, openCycles, previewOpenCycles } from '../../reviews/open-cycles.ts';
import { loadCycleView } from './cycle-view.ts';
import { seeOther } from './flash.ts';
import { checkForm, field, fieldList, noErrors, numberInput, serviceFailure, textInput, type FormBody, type FormErrors } from './forms.ts';
import { intParam, type Query } from './query.ts';
import type { PageRenderer } from './render.ts';
import { cachedFor, pageContext } from './request-context.ts';


const isPhase = (value: unknown): value is CyclePhase => (CYCLE_PHASES as readonly unknown[]).includes(value);

type PlanParams = { planId: string };
type CycleParams = { cycleId: string };
interface FormState {
  errors?: FormErrors;
  input?: FormBody;
  status?: number;
  /** Which form on the page the errors and input belong to. */
  form?: string;
  blockers?: unknown;
}

export const boardPages = (deps: AppDeps, render: PageRenderer) => async (app: FastifyInstance) => {
  const ctx = (request: FastifyRequest) => pageContext(deps, request);

  async function boardData(request: FastifyRequest<{ Params: PlanParams }>, fiscalYear: number | undefined) {
    const c = ctx(request);
    const [board, calendar] = await Promise.all([getBoard(c, request.params.planId, fiscalYear), getReviewCalendar({ ctx: c, input: { planId: request.params.planId } })]);
    return { board, phases: CYCLE_PHASES, defaultDueDate: defaultDueDate(calendar, board.fiscalYear, isoDateInTokyo(deps.clock.now())) };
  }

  async function showBoard(request: FastifyRequest<{ Params: PlanParams }>, reply: FastifyReply, fiscalYear: number | undefined, state: FormState = {}) {
    const data = await boardData(request, fiscalYear);
    return render.page(
      request,
      reply,
      'board',
      {
        title: translator(request.locale)('board.title'),
        active: 'board',
        path: `/plans/${data.board.plan.id}/board?fiscalYear=${data.board.fiscalYear}`,
        ...data,
        errors: state.errors ?? noErrors(),
        input: state.input ?? null,
      },
      state.status,
    );
  }

  async function showCycle(request: FastifyRequest<{ Params: CycleParams }>, reply: FastifyReply, state: FormState = {}) {
    const view = await loadCycleView(ctx(request), request.params.cycleId);
    const t = translator(request.locale);
    return render.page(
      request,
      reply,
      'cycle',
      { title: t('cycle.title', { n: view.cycle.measureNumber, title: view.cycle.measureTitle }), active: 'board', path: `/cycles/${view.cycle.id}`, ...view, errors: state.errors ?? noErrors(), input: state.input ?? {}, form: state.form ?? null, refusedBlockers: state.blockers ?? null },
      state.status,
    );
  }

  // The board as opened (no form's errors): cached for this user, this day, until a notice about the organization's reviews or plans.
  app.get<{ Params: PlanParams }>('/plans/:planId/board', async (request, reply) => {
    const fiscalYear = intParam(request.query as Query, 'fiscalYear', 1900, 2200);
    return render.cachedPage(request, reply, 'partials/board-body', { title: translator(request.locale)('board.title'), active: 'board' }, {
      ...cachedFor(deps, request, `board|${request.params.planId}|${fiscalYear ?? 'latest'}`),
      load: async () => ({ ...(await boardData(request, fiscalYear)), errors: noErrors(), input: null }),
    });
  });

  /** The board's open form, read and checked by the verb's own schema (the confirmation reads it from the query, opening from the body). */
  function openForm(request: FastifyRequest, body: FormBody) {
    const numbers = fieldList(body, 'measureNumbers').map(numberInput);
    const input = { fiscalYear: numberInput(field(body, 'fiscalYear')), dueDate: textInput(field(body, 'dueDate')), measureNumbers: numbers.length ? numbers : undefined };
    // The board shown again with the errors: a year it can show (as the board's own query takes it).
    const year = typeof input.fiscalYear === 'number' && input.fiscalYear >= 1900 && input.fiscalYear <= 2200 ? input.fiscalYear : undefined;
    return { year, form: checkForm<Static<typeof OpenCyclesBody>>(OpenCyclesBody, input, request.locale) };
  }

  // 調査を開始する shows what will happen first (GET, nothing written); its button posts the same fields to open.
  app.get<{ Params: PlanParams }>('/plans/:planId/review-cycles/confirm', async (request, reply) => {
    const query = request.query as FormBody;
    const { year, form } = openForm(request, query);
    if (!form.ok) return showBoard(request, reply, year, { errors: form.errors, input: query, status: 400 });
    let preview;
    try {
      preview = await previewOpenCycles({ ctx: ctx(request), input: { planId: request.params.planId, ...form.value } });
    } catch (error) {
      const failure = serviceFailure(error, request.locale);
      return showBoard(request, reply, year, { errors: failure.errors, input: query, status: failure.status });
    }
    return render.page(request, reply, 'open-confirm', {
      title: translator(request.locale)('confirmOpen.title'),
      active: 'board',
      path: `/plans/${request.params.planId}/board?fiscalYear=${preview.fiscalYear}`,
      planId: request.params.planId,
      preview,
      chosen: form.value.measureNumbers ?? [],
    });
  });

  app.post<{ Params: PlanParams }>('/plans/:planId/review-cycles', async (request, reply) => {
    const body = request.body as FormBody;
    const { year, form } = openForm(request, body);
    if (!form.ok) return showBoard(request, reply, year, { errors: form.errors, input: body, status: 400 });
    try {
      const result = await openCycles({ ctx: ctx(request), input: { planId: request.params.planId, ...form.value } });
      return seeOther(reply, `/plans/${request.params.planId}/board?fiscalYear=${result.fiscalYear}`, result.opened.length ? 'cyclesOpened' : 'cyclesAlreadyOpen');
    } catch (error) {
      const failure = serviceFailure(error, request.locale);
      return showBoard(request, reply, year, { errors: failure.errors, input: body, status: failure.status });
    }
  });

  app.get<{ Params: CycleParams }>('/cycles/:cycleId', async (request, reply) =>
    render.cachedPage(request, reply, 'partials/cycle-body', { title: '', active: 'board' }, {
      ...cachedFor(deps, request, `cycle|${request.params.cycleId}`),
      load: async () => {
        const view = await loadCycleView(ctx(request), request.params.cycleId);
        const title = translator(request.locale)('cycle.title', { n: view.cycle.measureNumber, title: view.cycle.measureTitle });
        return { title, ...view, errors: noErrors(), input: {}, form: null, refusedBlockers: null };
      },
    }),
  );

  /** What moving on would do (the service's figures), with the refusal of a try that failed. */
  async function showAdvance(request: FastifyRequest<{ Params: CycleParams }>, reply: FastifyReply, state: FormState = {}) {
    const preview = await previewAdvance({ ctx: ctx(request), input: { cycleId: request.params.cycleId } });
    const view = await loadCycleView(ctx(request), request.params.cycleId);
    return render.page(
      request,
      reply,
      'advance-confirm',
      { title: translator(request.locale)('confirmAdvance.title'), active: 'board', path: `/cycles/${request.params.cycleId}`, preview, measure: { number: view.cycle.measureNumber, title: view.cycle.measureTitle }, back: field((request.query ?? {}) as FormBody, 'back') === 'board' ? 'board' : '', errors: state.errors ?? noErrors() },
      state.status,
    );
  }

  // 次のフェーズへ進める shows what will happen (GET); its button, with 承知のうえで進める when offered, posts to move on.
  app.get<{ Params: CycleParams }>('/cycles/:cycleId/advance', async (request, reply) => showAdvance(request, reply));

  app.post<{ Params: CycleParams }>('/cycles/:cycleId/advance', async (request, reply) => {
    const body = request.body as FormBody;
    const expected = field(body, 'expectedPhase');
    let moved;
    try {
      moved = await advanceCycle({ ctx: ctx(request), input: { cycleId: request.params.cycleId, expectedPhase: isPhase(expected) ? expected : undefined, acknowledged: field(body, 'acknowledged') === 'on' } });
    } catch (error) {
      const failure = serviceFailure(error, request.locale);
      if (failure.status === 409) return showAdvance(request, reply, { errors: failure.errors, status: failure.status });
      return showCycle(request, reply, { errors: failure.errors, status: failure.status, form: 'advance', blockers: failure.details?.blockers });
    }
    const { planId, fiscalYear } = moved.cycle;
    return seeOther(reply, field(body, 'back') === 'board' ? `/plans/${planId}/board?fiscalYear=${fiscalYear}` : `/cycles/${request.params.cycleId}`, 'advanced');
  });

  app.post<{ Params: CycleParams & { projectId: string } }>('/cycles/:cycleId/projects/:projectId/assessment', async (request, reply) => {
    const body = request.body as FormBody;
    const { cycleId, projectId } = request.params;
    const formName = `assess-${projectId}`;
    const rename = (f: string) => (['effectGrade', 'nextStep', 'comment'].includes(f) ? `${f}-${projectId}` : null);
    const input = { effectGrade: textInput(field(body, 'effectGrade')), nextStep: textInput(field(body, 'nextStep')), comment: textInput(field(body, 'comment')) };
    const form = checkForm<Static<typeof AssessProjectBody>>(AssessProjectBody, input, request.locale, rename);
    if (!form.ok) return showCycle(request, reply, { errors: form.errors, input: body, status: 400, form: formName });
    try {
      await assessProject({ ctx: ctx(request), input: { cycleId, projectId, ...form.value } });
    } catch (error) {
      const failure = serviceFailure(error, request.locale, rename);
      return showCycle(request, reply, { errors: failure.errors, input: body, status: failure.status, form: formName });
    }
    return seeOther(reply, `/cycles/${cycleId}#project-${projectId}`, 'assessed');
  });

  app.post<{ Params: CycleParams }>('/cycles/:cycleId/action-items', async (request, reply) => {
    const body = request.body as FormBody;
    const input = { departmentId: textInput(field(body, 'departmentId')), projectId: textInput(field(body, 'projectId')), text: textInput(field(body, 'text')), dueDate: textInput(field(body, 'dueDate')) };
    const form = checkForm<Static<typeof AddActionItemBody>>(AddActionItemBody, input, request.locale);
    if (!form.ok) return showCycle(request, reply, { errors: form.errors, input: body, status: 400, form: 'action' });
    try {
      await addActionItem({ ctx: ctx(request), input: { cycleId: request.params.cycleId, ...form.value } });
    } catch (error) {
      const failure = serviceFailure(error, request.locale);
      return showCycle(request, reply, { errors: failure.errors, input: body, status: failure.status, form: 'action' });
    }
    return seeOther(reply, `/cycles/${request.params.cycleId}#action-items`, 'actionItemAdded');
  });
};
