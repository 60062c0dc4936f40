/** Revision proposals: the strategy office's queue with the diff, approve or reject; and the form to propose one. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isStrategyOffice } from '../../auth/authorize.ts';
import type { AppDeps } from '../../deps.ts';
import { formatters } from '../../i18n/format.ts';
import { translator } from '../../i18n/translate.ts';
import type { RevisionMarker } from '../../plans/markers.ts';
import { getPlanTree, listDepartments, listPlans } from '../../plans/queries.ts';
import { UNIT_SYMBOLS } from '../../plans/units.ts';
import { getCycle, listCycles, listProposals } from '../../reviews/cycle-queries.ts';
import { decideProposal, RejectionForm } from '../../reviews/decide-proposal.ts';
import { ProposalBody } from '../../reviews/proposal-kinds.ts';
import { proposeRevision } from '../../reviews/propose-revision.ts';
import { seeOther } from './flash.ts';
import { checkForm, field, noErrors, numberInput, serviceFailure, textInput, type FormBody, type FormErrors } from './forms.ts';
import { proposedFromForm, SUBJECT_KIND } from './proposal-form.ts';
import { proposalDiff, proposalSubject } from './proposal-view.ts';
import { enumParam, uuidParam, type Query } from './query.ts';
import type { PageRenderer } from './render.ts';
import { pageContext, pageUser } from './request-context.ts';
import { ALL_PROPOSABLE_MARKERS, cycleActions, proposableMarkers } from '../../reviews/permissions.ts';

const yearsOf = (plan: { periodStartFiscalYear: number; periodEndFiscalYear: number } | undefined) =>
  plan ? Array.from({ length: plan.periodEndFiscalYear - plan.periodStartFiscalYear + 6 }, (_, i) => plan.periodStartFiscalYear + i) : [];

export const proposalPages = (deps: AppDeps, render: PageRenderer) => async (app: FastifyInstance) => {
  const ctx = (request: FastifyRequest) => pageContext(deps, request);

  async function showList(request: FastifyRequest, reply: FastifyReply, state: { errors?: FormErrors; proposalId?: string; input?: FormBody; status?: number } = {}) {
    const c = ctx(request);
    const user = pageUser(request);
    const [proposals, departments] = await Promise.all([listProposals(c), listDepartments(c, user.organizationId)]);
    const t = translator(request.locale);
    const f = formatters(request.locale);
    const names = new Map(departments.map((d) => [d.id, d.name]));
    const rows = proposals.map((p) => ({ ...p, subject: proposalSubject(p), diff: proposalDiff(p, t, f, names), departmentName: p.departmentId ? names.get(p.departmentId) : null }));
    return render.page(
      request,
      reply,
      'proposals',
      {
        title: t('proposals.title'),
        active: 'proposals',
        path: '/proposals',
        office: isStrategyOffice(user),
        pending: rows.filter((p) => p.status === 'pending'),
        decided: rows.filter((p) => p.status !== 'pending').reverse(),
        errors: state.errors ?? noErrors(),
        errorProposalId: state.proposalId ?? null,
        input: state.input ?? {},
      },
      state.status,
    );
  }

  /** The form: cycles in Decide to choose from, the markers the user may use, and the subjects of the chosen one. */
  async function showForm(request: FastifyRequest, reply: FastifyReply, choice: { cycleId?: string; marker?: RevisionMarker }, state: { errors?: FormErrors; input?: FormBody; status?: number } = {}) {
    const c = ctx(request);
    const user = pageUser(request);
    const plans = await listPlans(c);
    const cycles = (await Promise.all(plans.map((p) => listCycles(c, p.id)))).flat().filter((cy) => cycleActions(c, user, cy).propose);
    const cycleId = choice.cycleId ?? (cycles.length === 1 ? cycles[0]!.id : undefined);
    const markers = proposableMarkers(user);
    const marker = choice.marker && markers.includes(choice.marker) ? choice.marker : undefined;
    let subjects: { id: string; label: string }[] = [];
    let cycle = null;
    if (cycleId) {
      cycle = await getCycle(c, cycleId);
      if (marker) subjects = await subjectsFor(c, cycle, marker);
    }
    const t = translator(request.locale);
    return render.page(
      request,
      reply,
      'proposal-new',
      {
        title: t('proposals.newTitle'),
        active: 'proposals',
        path: `/proposals/new?cycleId=${cycleId ?? ''}&marker=${marker ?? ''}`,
        cycles,
        cycle,
        years: yearsOf(plans.find((p) => p.id === cycle?.planId)),
        cycleId: cycleId ?? null,
        markers,
        marker: marker ?? null,
        subjects,
        units: UNIT_SYMBOLS,
        departments: marker === 'project_added' ? await listDepartments(c, user.organizationId) : [],
        ownDepartmentId: user.departmentId,
        errors: state.errors ?? noErrors(),
        input: state.input ?? null,
      },
      state.status,
    );
  }

  /** The things a proposal of this kind may be about in this cycle, as the user may see them. */
  async function subjectsFor(c: ReturnType<typeof ctx>, cycle: Awaited<ReturnType<typeof getCycle>>, marker: RevisionMarker) {
    switch (SUBJECT_KIND[marker]) {
      case 'kpi':
        return cycle.kpis.map((k) => ({ id: k.id, label: `${k.name}（${cycle.tasks.find((t) => t.projectId === k.projectId)?.projectName ?? ''}）` }));
      case 'project':
        return [...new Map(cycle.tasks.map((t) => [t.projectId, { id: t.projectId, label: t.projectName }])).values()];
      case 'measure':
        return [{ id: cycle.measureId, label: cycle.measureTitle }];
      case 'numericTarget':
      case 'direction': {
        const tree = await getPlanTree(c, cycle.planId);
        const goal = tree.goals.find((g) => g.directions.some((d) => d.measures.some((m) => m.id === cycle.measureId)));
        if (SUBJECT_KIND[marker] === 'numericTarget') return (goal?.numericTargets ?? []).map((k) => ({ id: k.id, label: k.name }));
        return tree.goals.flatMap((g) => g.directions.map((d) => ({ id: d.id, label: `${d.code} ${d.title}` })));
      }
    }
  }

  app.get('/proposals', async (request, reply) => showList(request, reply));

  app.get('/proposals/new', async (request, reply) => {
    const query = request.query as Query;
    return showForm(request, reply, { cycleId: uuidParam(query, 'cycleId'), marker: enumParam(query, 'marker', ALL_PROPOSABLE_MARKERS) });
  });

  app.post('/proposals', async (request, reply) => {
    const body = request.body as FormBody;
    const cycleId = textInput(field(body, 'cycleId')) ?? '';
    const marker = field(body, 'marker') as RevisionMarker;
    const choice = { cycleId: uuidParam({ cycleId }, 'cycleId'), marker: enumParam({ marker }, 'marker', ALL_PROPOSABLE_MARKERS) };
    if (!choice.cycleId || !choice.marker) return showForm(request, reply, choice, { errors: { fields: {}, form: [translator(request.locale)('problems.chooseOne')] }, input: body, status: 400 });
    const input = { marker: choice.marker, subjectId: textInput(field(body, 'subjectId')), proposed: proposedFromForm(choice.marker, body), rationale: textInput(field(body, 'rationale')) };
    const form = checkForm<ProposalBody>(ProposalBody, input, request.locale);
    if (!form.ok) {
      // An empty change has no single field to point at.
      if (form.errors.fields.proposed) {
        delete form.errors.fields.proposed;
        form.errors.form.push(translator(request.locale)('problems.nothingChanged'));
      }
      return showForm(request, reply, choice, { errors: form.errors, input: body, status: 400 });
    }
    let created;
    try {
      created = await proposeRevision({ ctx: ctx(request), input: { ...form.value, cycleId: choice.cycleId } });
    } catch (error) {
      const failure = serviceFailure(error, request.locale);
      return showForm(request, reply, choice, { errors: failure.errors, input: body, status: failure.status });
    }
    return seeOther(reply, `/proposals#proposal-${created.id}`, 'proposed');
  });

  for (const decision of ['approve', 'reject'] as const) {
    app.post<{ Params: { proposalId: string } }>(`/proposals/:proposalId/${decision}`, async (request, reply) => {
      const body = request.body as FormBody;
      const { proposalId } = request.params;
      const reason = textInput(field(body, 'reason')) ?? null;
      const expected = numberInput(field(body, 'expectedVersion'));
      const rename = (f: string) => (f === 'reason' ? `reason-${proposalId}` : null);
      if (decision === 'reject') {
        const form = checkForm(RejectionForm, { reason: reason ?? '' }, request.locale, rename);
        if (!form.ok) return showList(request, reply, { errors: form.errors, proposalId, input: body, status: 400 });
      }
      try {
        await decideProposal({ ctx: ctx(request), input: { proposalId, decision, reason, expectedVersion: typeof expected === 'number' ? expected : undefined } });
      } catch (error) {
        const failure = serviceFailure(error, request.locale, rename);
        return showList(request, reply, { errors: failure.errors, proposalId, input: body, status: failure.status });
      }
      return seeOther(reply, `/proposals#proposal-${proposalId}`, decision === 'approve' ? 'approved' : 'rejected');
    });
  }
};
