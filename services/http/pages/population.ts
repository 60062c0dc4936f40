/**
 * The population vision, tracked (strategy office enters, all staff read): the chart of the
 * observed population against the vision, the gap in words, a table of the observed years with a
 * form per year, a form for a new year and a CSV import. Forms are checked through the verbs'
 * own schemas; the CSV's problems are listed by line and column, and nothing is written.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isStrategyOffice } from '../../auth/authorize.ts';
import type { AppDeps } from '../../deps.ts';
import { notFound, ServiceError } from '../../errors.ts';
import { say, translator } from '../../i18n/translate.ts';
import { findPlan } from '../../plans/queries.ts';
import { getPopulationTracking } from '../../population/get-population-tracking.ts';
import { ImportPopulationCsvBody, importPopulationCsv, MAX_POPULATION_CSV_BYTES, type ImportPopulationCsvInput } from '../../population/import-population-csv.ts';
import { populationWords } from '../../population/population-words.ts';
import { RecordPopulationYearBody, recordPopulationYear, type RecordPopulationYearInput } from '../../population/record-population-year.ts';
import { populationChart } from '../../reports/population-chart.ts';
import { seeOther } from './flash.ts';
import { checkForm, field, noErrors, numberInput, serviceFailure, textInput, type FormBody, type FormErrors } from './forms.ts';
import type { PageRenderer } from './render.ts';
import { pageContext, pageUser } from './request-context.ts';
import { acceptUploads, uploaded } from './upload-forms.ts';

type Params = { planId: string };
type YearParams = Params & { year: string };
type State = { errors?: FormErrors; input?: FormBody; status?: number; csvProblems?: string[] };

export const CSV_INPUT = 'file';
const FIELDS = ['asOf', 'total', 'births', 'deaths', 'inMigration', 'outMigration'] as const;

/** The chart, the gap sentence and the path note for a page in `locale` (the dashboard shows the same). */
export function populationView(tracking: Awaited<ReturnType<typeof getPopulationTracking>>, locale: 'ja' | 'en', id = 'population-chart') {
  const words = populationWords(locale);
  return { tracking, chart: populationChart(id, tracking, words.chart(tracking)), gap: words.gapSentence(tracking), pathNote: words.pathNote(tracking), people: words.people };
}

/** A year's form as typed into the verb's input: numbers parsed as people type them. */
function yearInput(body: FormBody, year: unknown) {
  const input: Record<string, unknown> = { year, asOf: textInput(field(body, 'asOf')), source: textInput(field(body, 'source')) ?? null };
  for (const name of FIELDS.slice(1)) input[name] = numberInput(field(body, name));
  if (input.total === null) input.total = undefined;
  const version = numberInput(field(body, 'expectedVersion'));
  input.expectedVersion = version;
  return input;
}

export const populationPages = (deps: AppDeps, render: PageRenderer) => async (app: FastifyInstance) => {
  const ctx = (request: FastifyRequest) => pageContext(deps, request);
  const base = (planId: string) => `/plans/${planId}/population`;

  const show = async (request: FastifyRequest<{ Params: Params }>, reply: FastifyReply, state: State = {}) => {
    const c = ctx(request);
    const [plan, tracking] = await Promise.all([findPlan(c, request.params.planId), getPopulationTracking({ ctx: c, input: { planId: request.params.planId } })]);
    const t = translator(request.locale);
    return render.page(
      request,
      reply,
      'population',
      { title: t('population.title'), active: 'dashboard', plan, ...populationView(tracking, request.locale), canEnter: isStrategyOffice(pageUser(request)), errors: state.errors ?? noErrors(), input: state.input ?? null, csvProblems: state.csvProblems ?? [] },
      state.status,
    );
  };

  const showYear = async (request: FastifyRequest<{ Params: YearParams }>, reply: FastifyReply, state: State = {}) => {
    if (!isStrategyOffice(pageUser(request))) throw notFound('page');
    const c = ctx(request);
    const year = Number(request.params.year);
    if (!/^\d{4}$/.test(request.params.year) || year < 1900 || year > 2200) throw notFound('year');
    const [plan, tracking] = await Promise.all([findPlan(c, request.params.planId), getPopulationTracking({ ctx: c, input: { planId: request.params.planId } })]);
    // A year not recorded yet is the same form, empty.
    const observed = tracking.observations.find((o) => o.year === year) ?? null;
    const t = translator(request.locale);
    return render.page(request, reply, 'population-year', { title: t('population.editTitle', { year }), active: 'dashboard', plan, year, observed, errors: state.errors ?? noErrors(), input: state.input ?? null }, state.status);
  };

  app.get<{ Params: Params }>('/plans/:planId/population', async (request, reply) => show(request, reply));

  // A new year (the year typed in the form).
  app.post<{ Params: Params }>('/plans/:planId/population', async (request, reply) => {
    // The figures are the organization's; the plan in the address must be one of its own all the same.
    await findPlan(ctx(request), request.params.planId);
    const body = request.body as FormBody;
    const form = checkForm<RecordPopulationYearInput>(RecordPopulationYearBody, yearInput(body, numberInput(field(body, 'year')) ?? undefined), request.locale);
    if (!form.ok) return show(request, reply, { errors: form.errors, input: body, status: 400 });
    try {
      await recordPopulationYear({ ctx: ctx(request), input: form.value, via: 'form' });
    } catch (error) {
      const failure = serviceFailure(error, request.locale);
      return show(request, reply, { errors: failure.errors, input: body, status: failure.status });
    }
    return seeOther(reply, base(request.params.planId), 'populationRecorded');
  });

  app.get<{ Params: YearParams }>('/plans/:planId/population/years/:year', async (request, reply) => showYear(request, reply));

  app.post<{ Params: YearParams }>('/plans/:planId/population/years/:year', async (request, reply) => {
    // Answered as its form is: a page only the strategy office has.
    if (!isStrategyOffice(pageUser(request))) throw notFound('page');
    await findPlan(ctx(request), request.params.planId);
    if (!/^\d{4}$/.test(request.params.year)) throw notFound('year');
    const body = request.body as FormBody;
    const form = checkForm<RecordPopulationYearInput>(RecordPopulationYearBody, yearInput(body, Number(request.params.year)), request.locale);
    if (!form.ok) return showYear(request, reply, { errors: form.errors, input: body, status: 400 });
    try {
      await recordPopulationYear({ ctx: ctx(request), input: form.value, via: 'form' });
    } catch (error) {
      const failure = serviceFailure(error, request.locale);
      return showYear(request, reply, { errors: failure.errors, input: body, status: failure.status });
    }
    return seeOther(reply, base(request.params.planId), 'populationRecorded');
  });

  await app.register(async (uploads) => {
    await acceptUploads(uploads);
    // One byte over the limit is kept, so the service can say the file is too large, next to its input.
    uploads.post<{ Params: Params }>('/plans/:planId/population/import', { config: { multipartOptions: { limits: { fileSize: MAX_POPULATION_CSV_BYTES + 1 } } } }, async (request, reply) => {
      await findPlan(ctx(request), request.params.planId);
      const body = request.body as Record<string, unknown>;
      const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : undefined);
      const settings = { referenceDay: textInput(text('referenceDay'))?.normalize('NFKC'), source: textInput(text('importSource')) };
      const kept = { referenceDay: text('referenceDay'), importSource: text('importSource') };
      const rename = (f: string) => (f === 'source' ? 'importSource' : f === 'file' ? CSV_INPUT : f);
      const form = checkForm<Omit<ImportPopulationCsvInput, 'file'>>(ImportPopulationCsvBody, settings, request.locale, rename);
      if (!form.ok) return show(request, reply, { errors: form.errors, input: kept, status: 400 });
      try {
        await importPopulationCsv({ ctx: ctx(request), input: { ...form.value, file: uploaded(request, CSV_INPUT)?.bytes ?? null } });
      } catch (error) {
        // The file's problems are named by line and column: listed at the form, one line in the summary.
        const problems = error instanceof ServiceError && error.code === 'BAD_REQUEST' ? (error.details?.problems ?? []) : [];
        const lines = problems.filter((p) => p.field.startsWith('line '));
        const failure = serviceFailure(error, request.locale, rename);
        if (lines.length) failure.errors = { fields: { [CSV_INPUT]: translator(request.locale)('population.importProblems', { n: lines.length }) }, form: [] };
        return show(request, reply, { errors: failure.errors, input: kept, status: failure.status, csvProblems: lines.map((p) => say(p.words, request.locale)) });
      }
      return seeOther(reply, base(request.params.planId), 'populationImported');
    });
  });
};
