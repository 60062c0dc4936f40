/**
 * The season at a glance (counts per measure and per department), the lists behind its counts,
 * and bulk work from them: accept several submissions, approve or reject several proposals —
 * each chosen on a list, confirmed on a page that says how many and which departments, then
 * done one by one with each item's result in words. A wrong query is a message beside its
 * filter, never an error page; nothing is written before the confirmation is sent.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Static } from 'typebox';
import { CYCLE_PHASES } from '../../../db/schema/reviews/constants.ts';
import type { AppDeps } from '../../deps.ts';
import { formatters } from '../../i18n/format.ts';
import { translator, type MessageKey } from '../../i18n/translate.ts';
import { listDepartments } from '../../plans/queries.ts';
import { acceptSubmissions, BulkAcceptBody, BulkDecideBody, decideProposals, MAX_BULK, type BulkItemResult } from '../../reviews/bulk-review.ts';
import { chosenProposals, chosenTasks, getSeason, listSeasonProposals, listSeasonTasks, SEASON_SORTS, SEASON_TASK_STATUSES, SeasonQuery, SeasonTasksQuery } from '../../reviews/season.ts';
import { checkForm, field, fieldList, noErrors, numberInput, textInput, type FormBody, type FormErrors } from './forms.ts';
import { queryString } from './query.ts';
import type { PageRenderer } from './render.ts';
import { pageContext, pageUser } from './request-context.ts';

type Params = { planId: string };
type Req = FastifyRequest<{ Params: Params }>;

/** A query or form value as the schema should see it: absent when empty, a number when it is one, else the text (so the schema names it). */
const given = (raw: string | undefined) => textInput(raw);
const year = (raw: string | undefined) => numberInput(raw) ?? undefined;
const flag = (raw: string | undefined) => (raw === undefined || raw === '' ? undefined : raw === '1' || raw === 'true' ? true : raw === '0' || raw === 'false' ? false : raw);
const compact = <T extends Record<string, unknown>>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

const seasonInput = (q: FormBody) => compact({ fiscalYear: year(field(q, 'fiscalYear')), phase: given(field(q, 'phase')), departmentId: given(field(q, 'departmentId')), overdue: flag(field(q, 'overdue')), sort: given(field(q, 'sort')) });
const tasksInput = (q: FormBody) => compact({ fiscalYear: year(field(q, 'fiscalYear')), phase: given(field(q, 'phase')), departmentId: given(field(q, 'departmentId')), measureId: given(field(q, 'measureId')), status: given(field(q, 'status')) });

/** The chosen ids, checked as the bulk verb's schema checks them; a person is told to choose one, or how many at most. */
function checkChosen<T>(schema: Parameters<typeof checkForm>[0], data: Record<string, unknown>, ids: string[], idsField: string, request: FastifyRequest) {
  const t = translator(request.locale);
  if (ids.length === 0) return { ok: false as const, errors: { fields: { [idsField]: t('bulk.chooseOne') }, form: [] } };
  if (ids.length > MAX_BULK) return { ok: false as const, errors: { fields: { [idsField]: t('bulk.tooMany', { n: MAX_BULK }) }, form: [] } };
  // A malformed id is a problem of the choice as a whole, shown beside the list.
  return checkForm<T>(schema, data, request.locale, (f) => (f.startsWith(idsField) ? idsField : f));
}

export const seasonPages = (deps: AppDeps, render: PageRenderer) => async (app: FastifyInstance) => {
  const ctx = (request: FastifyRequest) => pageContext(deps, request);
  const title = (request: FastifyRequest, key: MessageKey) => translator(request.locale)(key);
  const departmentNames = async (request: FastifyRequest) => new Map((await listDepartments(ctx(request), pageUser(request).organizationId)).map((d) => [d.id, d.name]));
  const pendingProposals = (request: Req, proposalIds: string[]) => chosenProposals({ ctx: ctx(request), input: { planId: request.params.planId, proposalIds } });

  app.get<{ Params: Params }>('/plans/:planId/season', async (request, reply) => {
    const input = seasonInput(request.query as FormBody);
    const form = checkForm<Static<typeof SeasonQuery>>(SeasonQuery, input, request.locale);
    // A wrong filter is named beside it; the season is shown without filters meanwhile.
    const season = await getSeason({ ctx: ctx(request), input: { planId: request.params.planId, ...(form.ok ? form.value : {}) } });
    const base = `/plans/${season.plan.id}`;
    const tasksUrl = (params: Record<string, string | number | undefined>) => `${base}/season/tasks${queryString({ fiscalYear: season.fiscalYear, phase: season.filter.phase ?? undefined, departmentId: season.filter.departmentId ?? undefined, ...params })}`;
    return render.page(
      request,
      reply,
      'season',
      {
        title: title(request, 'season.title'),
        active: 'season',
        season,
        phases: CYCLE_PHASES,
        sorts: SEASON_SORTS,
        tasksUrl,
        proposalsUrl: `${base}/season/proposals${queryString({ fiscalYear: season.fiscalYear })}`,
        errors: form.ok ? noErrors() : { ...form.errors, form: [title(request, 'season.badQuery')] },
        input: form.ok ? null : (request.query as FormBody),
      },
      form.ok ? 200 : 400,
    );
  });

  async function showTasks(request: Req, reply: FastifyReply, query: FormBody, state: { errors?: FormErrors; chosen?: string[]; status?: number } = {}) {
    const form = checkForm<Static<typeof SeasonTasksQuery>>(SeasonTasksQuery, tasksInput(query), request.locale);
    const list = await listSeasonTasks({ ctx: ctx(request), input: { planId: request.params.planId, ...(form.ok ? form.value : {}) } });
    const filter = form.ok ? form.value : {};
    const errors = state.errors ?? (form.ok ? noErrors() : { ...form.errors, form: [title(request, 'season.badQuery')] });
    const departments = await listDepartments(ctx(request), pageUser(request).organizationId);
    return render.page(
      request,
      reply,
      'season-tasks',
      {
        title: title(request, 'season.tasksTitle'),
        active: 'season',
        path: `/plans/${list.plan.id}/season/tasks${queryString({ ...filter, fiscalYear: list.fiscalYear })}`,
        list,
        filter: { ...filter, fiscalYear: list.fiscalYear },
        phases: CYCLE_PHASES,
        statuses: SEASON_TASK_STATUSES,
        departments,
        chosen: state.chosen ?? [],
        errors,
        input: form.ok ? null : query,
      },
      state.status ?? (form.ok ? 200 : 400),
    );
  }

  app.get<{ Params: Params }>('/plans/:planId/season/tasks', async (request, reply) => showTasks(request, reply, request.query as FormBody));

  // Accepting several: the chosen submissions, confirmed (how many, which departments), then each on its own.
  app.post<{ Params: Params }>('/plans/:planId/season/accept/confirm', async (request, reply) => {
    const body = request.body as FormBody;
    const taskIds = fieldList(body, 'taskIds');
    const form = checkChosen<Static<typeof BulkAcceptBody>>(BulkAcceptBody, { taskIds }, taskIds, 'taskIds', request);
    if (!form.ok) return showTasks(request, reply, body, { errors: form.errors, chosen: taskIds, status: 400 });
    const tasks = await chosenTasks({ ctx: ctx(request), input: { planId: request.params.planId, taskIds: form.value.taskIds } });
    return render.page(request, reply, 'season-confirm', {
      title: title(request, 'bulk.confirmTitle'),
      active: 'season',
      path: `/plans/${request.params.planId}/season/tasks`,
      kind: 'accept',
      action: `/plans/${request.params.planId}/season/accept`,
      items: tasks.map((t) => ({ id: t.id, measureNumber: t.measureNumber, name: t.projectName, departmentName: t.departmentName })),
      departments: [...new Set(tasks.map((t) => t.departmentName))],
      hidden: { taskIds: tasks.map((t) => t.id) },
      back: `/plans/${request.params.planId}/season/tasks${queryString({ fiscalYear: field(body, 'fiscalYear'), status: field(body, 'status'), phase: field(body, 'phase'), departmentId: field(body, 'departmentId'), measureId: field(body, 'measureId') })}`,
    });
  });

  app.post<{ Params: Params }>('/plans/:planId/season/accept', async (request, reply) => {
    const body = request.body as FormBody;
    const taskIds = fieldList(body, 'taskIds');
    const form = checkChosen<Static<typeof BulkAcceptBody>>(BulkAcceptBody, { taskIds }, taskIds, 'taskIds', request);
    if (!form.ok) return showTasks(request, reply, {}, { errors: form.errors, status: 400 });
    // The names first: an item refused as not found is still named by what the person chose.
    const tasks = await chosenTasks({ ctx: ctx(request), input: { planId: request.params.planId, taskIds: form.value.taskIds } });
    const { items } = await acceptSubmissions({ ctx: ctx(request), input: form.value });
    const named = new Map(tasks.map((t) => [t.id, { measureNumber: t.measureNumber, name: t.projectName, departmentName: t.departmentName, href: `/tasks/${t.id}` }]));
    return showResult(request, reply, 'accepted', items, named);
  });

  async function showProposals(request: Req, reply: FastifyReply, query: FormBody, state: { errors?: FormErrors; input?: FormBody; status?: number } = {}) {
    const fy = year(field(query, 'fiscalYear'));
    const list = await listSeasonProposals({ ctx: ctx(request), input: { planId: request.params.planId, fiscalYear: typeof fy === 'number' && fy >= 2000 && fy <= 2100 ? fy : undefined } });
    const departments = await departmentNames(request);
    return render.page(
      request,
      reply,
      'season-proposals',
      {
        title: title(request, 'season.proposalsTitle'),
        active: 'season',
        path: `/plans/${list.plan.id}/season/proposals?fiscalYear=${list.fiscalYear}`,
        list,
        rows: list.proposals.map((p) => ({ ...p, departmentName: p.departmentId ? (departments.get(p.departmentId) ?? null) : null })),
        errors: state.errors ?? noErrors(),
        input: state.input ?? {},
      },
      state.status,
    );
  }

  app.get<{ Params: Params }>('/plans/:planId/season/proposals', async (request, reply) => showProposals(request, reply, request.query as FormBody));

  /** The decision form read and checked by the bulk verb's schema (a rejection's reason as its single verb asks it). */
  function readDecision(request: Req) {
    const body = request.body as FormBody;
    const proposalIds = fieldList(body, 'proposalIds');
    const input = compact({ proposalIds, decision: given(field(body, 'decision')), reason: given(field(body, 'reason')) });
    const form = checkChosen<Static<typeof BulkDecideBody>>(BulkDecideBody, input, proposalIds, 'proposalIds', request);
    if (form.ok && form.value.decision === 'reject' && !form.value.reason) {
      return { body, form: { ok: false as const, errors: { fields: { reason: translator(request.locale)('problems.required') }, form: [] } } };
    }
    return { body, form };
  }

  app.post<{ Params: Params }>('/plans/:planId/season/proposals/confirm', async (request, reply) => {
    const { body, form } = readDecision(request);
    if (!form.ok) return showProposals(request, reply, body, { errors: form.errors, input: body, status: 400 });
    const [chosen, departments] = await Promise.all([pendingProposals(request, form.value.proposalIds), departmentNames(request)]);
    const f = formatters(request.locale);
    return render.page(request, reply, 'season-confirm', {
      title: title(request, 'bulk.confirmTitle'),
      active: 'season',
      path: `/plans/${request.params.planId}/season/proposals`,
      kind: form.value.decision,
      action: `/plans/${request.params.planId}/season/proposals/decide`,
      items: chosen.map((p) => ({ id: p.id, measureNumber: p.measureNumber, name: f.marker(p.marker), departmentName: p.departmentId ? (departments.get(p.departmentId) ?? null) : null })),
      departments: [...new Set(chosen.flatMap((p) => (p.departmentId && departments.get(p.departmentId) ? [departments.get(p.departmentId)!] : [])))],
      hidden: { proposalIds: chosen.map((p) => p.id), decision: form.value.decision, reason: form.value.reason ?? '' },
      reason: form.value.reason ?? null,
      back: `/plans/${request.params.planId}/season/proposals${queryString({ fiscalYear: field(body, 'fiscalYear') })}`,
    });
  });

  app.post<{ Params: Params }>('/plans/:planId/season/proposals/decide', async (request, reply) => {
    const { body, form } = readDecision(request);
    if (!form.ok) return showProposals(request, reply, body, { errors: form.errors, input: body, status: 400 });
    // The names first: an item refused as not found is still named by what the person chose.
    const [pending, departments] = await Promise.all([pendingProposals(request, form.value.proposalIds), departmentNames(request)]);
    const f = formatters(request.locale);
    const { items } = await decideProposals({ ctx: ctx(request), input: form.value });
    const named = new Map(pending.map((p) => [p.id, { measureNumber: p.measureNumber, name: f.marker(p.marker), departmentName: p.departmentId ? (departments.get(p.departmentId) ?? null) : null, href: `/proposals#proposal-${p.id}` }]));
    return showResult(request, reply, form.value.decision === 'approve' ? 'approved' : 'rejected', items, named);
  });

  function showResult(request: Req, reply: FastifyReply, doneKey: 'accepted' | 'approved' | 'rejected', items: BulkItemResult[], named: Map<string, { measureNumber: number; name: string; departmentName: string | null; href: string }>) {
    const rows = items.map((item) => ({ ...item, what: named.get(item.id) ?? null, outcomeKey: item.outcome === 'done' ? doneKey : item.outcome }));
    const done = items.filter((i) => i.outcome === 'done').length;
    return render.page(request, reply, 'season-result', {
      title: title(request, 'bulk.resultTitle'),
      active: 'season',
      path: `/plans/${request.params.planId}/season`,
      rows,
      done,
      failed: items.length - done,
      seasonUrl: `/plans/${request.params.planId}/season`,
    });
  }
};
