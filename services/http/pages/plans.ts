/**
 * The plans of the organization (/plans), a plan's page, and the strategy office's editor:
 * a draft is written item by item (each form posts to one verb of services/plans/editor/),
 * adopted on a confirmation page, and afterwards amended (改訂) only on the amendment pages.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Static, TSchema } from 'typebox';
import Type from 'typebox';
import { isStrategyOffice, requireStrategyOffice, requireUser } from '../../auth/authorize.ts';
import type { AppDeps } from '../../deps.ts';
import { forbidden, notFound, ServiceError } from '../../errors.ts';
import { fiscalYearOf, isoDateInTokyo } from '../../fiscal-year.ts';
import { formatters } from '../../i18n/format.ts';
import { translator } from '../../i18n/translate.ts';
import { changeLines } from '../../decisions/describe-changes.ts';
import { AddDirectionBody, addDirection } from '../../plans/editor/add-direction.ts';
import { AddGoalBody, addGoal } from '../../plans/editor/add-goal.ts';
import { AddKpiBody, addKpi, type KpiOwner } from '../../plans/editor/add-kpi.ts';
import { AddMeasureBody, addMeasure } from '../../plans/editor/add-measure.ts';
import { AddProjectBody, addProject } from '../../plans/editor/add-project.ts';
import { AdoptPlanBody, adoptPlan } from '../../plans/editor/adopt-plan.ts';
import { AmendKpiDefinitionBody, amendKpiDefinition } from '../../plans/editor/amend-kpi-definition.ts';
import { AmendKpiTargetsBody, amendKpiTargets } from '../../plans/editor/amend-kpi-targets.ts';
import { AmendMeasureBody, amendMeasure } from '../../plans/editor/amend-measure.ts';
import { AmendProjectDepartmentsBody, amendProjectDepartments } from '../../plans/editor/amend-project-departments.ts';
import { CreatePlanBody, createPlan } from '../../plans/editor/create-plan.ts';
import { findDirection, findGoal, findKpi, findMeasure, findProject } from '../../plans/editor/locate.ts';
import { readPlanForEditor } from '../../plans/editor/read-plan.ts';
import { removeDirection } from '../../plans/editor/remove-direction.ts';
import { removeGoal } from '../../plans/editor/remove-goal.ts';
import { removeKpi } from '../../plans/editor/remove-kpi.ts';
import { removeMeasure } from '../../plans/editor/remove-measure.ts';
import { removeProject } from '../../plans/editor/remove-project.ts';
import { UpdateDirectionBody, updateDirection } from '../../plans/editor/update-direction.ts';
import { UpdateGoalBody, updateGoal } from '../../plans/editor/update-goal.ts';
import { UpdateKpiBody, updateKpi } from '../../plans/editor/update-kpi.ts';
import { UpdateMeasureBody, updateMeasure } from '../../plans/editor/update-measure.ts';
import { UpdatePlanBody, updatePlan } from '../../plans/editor/update-plan.ts';
import { UpdateProjectBody, updateProject } from '../../plans/editor/update-project.ts';
import type { PlanFile } from '../../plans/plan-file.ts';
import { importDraftWorkbook } from '../../plans/workbook/import-draft-workbook.ts';
import { MAX_WORKBOOK_BYTES } from '../../plans/workbook/limits.ts';
import { getPlanTree, listPlans } from '../../plans/queries.ts';
import { seeOther, type FlashKey } from './flash.ts';
import { checkForm, field, noErrors, serviceFailure, type FieldRename, type FormBody, type FormErrors } from './forms.ts';
import {
  departmentFields,
  directionFields,
  editorBase,
  goalFields,
  kpiFields,
  measureFields,
  parseDepartments,
  parseDirection,
  parseGoal,
  parseKpi,
  parseMeasure,
  parsePlan,
  parseProject,
  parseTargets,
  planForm,
  projectFields,
  rationaleField,
  removeForm,
  targetFields,
  underNew,
  yearsOf,
  type FormView,
  type Words,
} from './plan-editor-view.ts';
import type { PageRenderer } from './render.ts';
import { cellProblem, WORKBOOK_INPUT } from './reports.ts';
import { pageContext } from './request-context.ts';
import { acceptUploads, uploaded } from './upload-forms.ts';

interface FormState {
  errors?: FormErrors;
  input?: FormBody;
  status?: number;
  form?: string;
  /** A draft's workbook upload refused: its problems by sheet and cell. */
  workbookProblems?: ReturnType<typeof cellProblem>[];
}

interface EditPage {
  title: string;
  breadcrumbs: { href: string; label: string }[];
  heading: string;
  lead?: string;
  notice?: string;
  lists: { heading: string; items: { label: string; href?: string; detail?: string }[]; empty: string; link?: { href: string; label: string } }[];
  forms: FormView[];
}

type Read = Awaited<ReturnType<typeof readPlanForEditor>>;
type Draft = Read & { draft: PlanFile };
type Req<P = Record<string, string>> = FastifyRequest<{ Params: { planId: string } & P }>;

const number = (raw: string) => {
  if (!/^\d{1,2}$/.test(raw)) throw notFound('page');
  return Number(raw);
};
const NoInput = Type.Object({});

export const planPages = (deps: AppDeps, render: PageRenderer) => async (app: FastifyInstance) => {
  const ctx = (request: FastifyRequest) => pageContext(deps, request);
  const words = (request: FastifyRequest): Words => ({ t: translator(request.locale), f: formatters(request.locale) });
  const now = () => fiscalYearOf(deps.clock.now());

  const crumbs = (w: Words, read: Read) => [
    { href: '/plans', label: w.t('planEditor.listTitle') },
    { href: `/plans/${read.plan.id}`, label: read.plan.name },
  ];

  function showEdit(request: FastifyRequest, reply: FastifyReply, page: EditPage, state: FormState = {}) {
    return render.page(request, reply, 'plan-edit', { active: 'plans', path: request.url, ...page, errors: state.errors ?? noErrors(), input: state.input ?? null, failedForm: state.form ?? null }, state.status);
  }

  /** The draft for an editor page; an adopted plan's editor page says why it cannot be edited (409). */
  async function draftOrRefusal(request: Req, reply: FastifyReply): Promise<Draft | null> {
    const read = await readPlanForEditor(ctx(request), request.params.planId);
    if (!read.mayEdit) throw forbidden('only the strategy office edits plans');
    if (read.draft) return read as Draft;
    const w = words(request);
    await showEdit(request, reply, { title: read.plan.name, breadcrumbs: crumbs(w, read), heading: read.plan.name, notice: w.t('planEditor.adoptedNotice'), lists: [], forms: [] }, { status: 409 });
    return null;
  }

  /** A form sent: checked by the verb's own schema, then the verb; refused → the same page with the problems at their fields. */
  async function post<S extends TSchema>(
    request: FastifyRequest,
    reply: FastifyReply,
    spec: { schema: S; form: string; input: unknown; rename?: FieldRename; run: (value: Static<S>) => Promise<string>; flash: FlashKey; show: (state: FormState) => Promise<unknown> },
  ) {
    const body = request.body as FormBody;
    const checked = checkForm<Static<S>>(spec.schema, spec.input, request.locale, spec.rename);
    if (!checked.ok) return spec.show({ errors: checked.errors, input: body, status: 400, form: spec.form });
    let next: string;
    try {
      next = await spec.run(checked.value);
    } catch (error) {
      const failure = serviceFailure(error, request.locale, spec.rename);
      return spec.show({ errors: failure.errors, input: body, status: failure.status, form: spec.form });
    }
    return seeOther(reply, next, spec.flash);
  }

  // ---- the list, a new plan, a plan's page ----

  app.get('/plans', async (request, reply) => {
    const c = ctx(request);
    const plans = await listPlans(c);
    return render.page(request, reply, 'plans', { title: translator(request.locale)('planEditor.listTitle'), active: 'plans', path: '/plans', plans, mayEdit: isStrategyOffice(requireUser(c)) });
  });

  const showNew = (request: FastifyRequest, reply: FastifyReply, state: FormState = {}) => {
    const w = words(request);
    return showEdit(
      request,
      reply,
      { title: w.t('planEditor.newTitle'), breadcrumbs: [{ href: '/plans', label: w.t('planEditor.listTitle') }], heading: w.t('planEditor.newTitle'), lead: w.t('planEditor.newLead'), lists: [], forms: [planForm(w, '/plans', 'plan', now())] },
      state,
    );
  };
  app.get('/plans/new', async (request, reply) => {
    requireStrategyOffice(ctx(request));
    return showNew(request, reply);
  });
  app.post('/plans', async (request, reply) =>
    post(request, reply, {
      schema: CreatePlanBody,
      form: 'plan',
      input: parsePlan(request.body as FormBody),
      run: async (value) => `/plans/${(await createPlan({ ctx: ctx(request), input: value })).planId}`,
      flash: 'planCreated',
      show: (state) => showNew(request, reply, state),
    }),
  );

  async function showPlan(request: Req, reply: FastifyReply, state: FormState = {}) {
    const c = ctx(request);
    const read = await readPlanForEditor(c, request.params.planId);
    const w = words(request);
    const base = editorBase(read.plan.id);
    const goals = read.draft ? draftTree(w, read.draft, read.mayEdit ? base : null, read.departments) : adoptedTree(w, await getPlanTree(c, read.plan.id), read.mayEdit ? read.plan.id : null);
    const forms: FormView[] =
      read.draft && read.mayEdit
        ? [planForm(w, base, 'plan', now(), read.plan), { id: 'add', action: `${base}/goals`, title: w.t('planEditor.addGoal'), fields: goalFields(w, undefined, 'new.'), submit: w.t('planEditor.addGoal') }]
        : [];
    return render.page(
      request,
      reply,
      'plan',
      { title: read.plan.name, active: 'plans', path: `/plans/${read.plan.id}`, plan: read.plan, mayEdit: read.mayEdit, goals, forms, errors: state.errors ?? noErrors(), input: state.input ?? null, failedForm: state.form ?? null, workbookProblems: state.workbookProblems ?? [] },
      state.status,
    );
  }
  app.get<{ Params: { planId: string } }>('/plans/:planId', async (request, reply) => showPlan(request, reply));

  // A filled workbook as the draft's new content: its problems listed by sheet and cell, nothing written.
  await app.register(async (uploads) => {
    await acceptUploads(uploads);
    uploads.post<{ Params: { planId: string } }>('/plans/:planId/editor/workbook', { config: { multipartOptions: { limits: { fileSize: MAX_WORKBOOK_BYTES + 1 } } } }, async (request, reply) => {
      try {
        await importDraftWorkbook({ ctx: ctx(request), input: { planId: request.params.planId, file: uploaded(request, WORKBOOK_INPUT)?.bytes ?? null } });
      } catch (error) {
        const problems = error instanceof ServiceError && error.code === 'BAD_REQUEST' ? (error.details?.problems ?? []) : [];
        const failure = serviceFailure(error, request.locale, () => null);
        if (problems.length) failure.errors = { fields: { [WORKBOOK_INPUT]: translator(request.locale)('planWorkbook.draftProblems', { n: problems.length }) }, form: [] };
        return showPlan(request, reply, { errors: failure.errors, status: failure.status, form: 'workbook', workbookProblems: problems.map((p) => cellProblem(p, request.locale)) });
      }
      return seeOther(reply, `/plans/${request.params.planId}`, 'draftWorkbookImported');
    });
  });

  app.post<{ Params: { planId: string } }>('/plans/:planId/editor', async (request, reply) =>
    post(request, reply, {
      schema: UpdatePlanBody,
      form: 'plan',
      input: parsePlan(request.body as FormBody),
      run: async (value) => `/plans/${(await updatePlan({ ctx: ctx(request), input: { planId: request.params.planId, ...value } })).planId}`,
      flash: 'planSaved',
      show: (state) => showPlan(request, reply, state),
    }),
  );

  app.post<{ Params: { planId: string } }>('/plans/:planId/editor/goals', async (request, reply) =>
    post(request, reply, {
      schema: AddGoalBody,
      form: 'add',
      input: parseGoal(request.body as FormBody, 'new.'),
      rename: underNew,
      run: async (value) => `${editorBase(request.params.planId)}/goals/${(await addGoal({ ctx: ctx(request), input: { planId: request.params.planId, ...value } })).number}`,
      flash: 'planItemAdded',
      show: (state) => showPlan(request, reply, state),
    }),
  );

  // ---- a goal: its numeric targets and directions ----

  type GoalReq = Req<{ goalNumber: string }>;
  async function showGoal(request: GoalReq, reply: FastifyReply, state: FormState = {}) {
    const read = await draftOrRefusal(request, reply);
    if (!read) return reply;
    const w = words(request);
    const n = number(request.params.goalNumber);
    const { goal } = findGoal(read.draft, n);
    const base = editorBase(read.plan.id);
    const label = w.t('planEditor.goalLabel', { n: goal.number, title: goal.title });
    return showEdit(
      request,
      reply,
      {
        title: label,
        breadcrumbs: crumbs(w, read),
        heading: label,
        lists: [
          { heading: w.t('planEditor.numericTargets'), items: goal.numericTargets.map((k) => ({ label: k.name, href: `${base}/kpis/${k.code}` })), empty: w.t('planEditor.noneYet'), link: { href: `${base}/kpis/new?goal=${goal.number}`, label: w.t('planEditor.addNumericTarget') } },
          { heading: w.t('planEditor.directions'), items: goal.directions.map((d) => ({ label: d.title, href: `${base}/directions/${d.code}` })), empty: w.t('planEditor.noneYet') },
        ],
        forms: [
          { id: 'edit', action: `${base}/goals/${goal.number}`, title: w.t('planEditor.editGoal'), fields: goalFields(w, goal), submit: w.t('planEditor.save') },
          { id: 'add', action: `${base}/goals/${goal.number}/directions`, title: w.t('planEditor.addDirection'), fields: directionFields(w, undefined, 'new.'), submit: w.t('planEditor.addDirection') },
          removeForm(w, `${base}/goals/${goal.number}/remove`, label),
        ],
      },
      state,
    );
  }
  app.get<{ Params: { planId: string; goalNumber: string } }>('/plans/:planId/editor/goals/:goalNumber', async (request, reply) => showGoal(request, reply));
  app.post<{ Params: { planId: string; goalNumber: string } }>('/plans/:planId/editor/goals/:goalNumber', async (request, reply) =>
    post(request, reply, {
      schema: UpdateGoalBody,
      form: 'edit',
      input: parseGoal(request.body as FormBody),
      run: async (value) => `${editorBase(request.params.planId)}/goals/${(await updateGoal({ ctx: ctx(request), input: { planId: request.params.planId, goalNumber: number(request.params.goalNumber), ...value } })).number}`,
      flash: 'planItemSaved',
      show: (state) => showGoal(request, reply, state),
    }),
  );
  app.post<{ Params: { planId: string; goalNumber: string } }>('/plans/:planId/editor/goals/:goalNumber/remove', async (request, reply) =>
    post(request, reply, {
      schema: NoInput,
      form: 'remove',
      input: {},
      run: async () => {
        await removedOnce(removeGoal({ ctx: ctx(request), input: { planId: request.params.planId, goalNumber: number(request.params.goalNumber) } }));
        return `/plans/${request.params.planId}`;
      },
      flash: 'planItemRemoved',
      show: (state) => showGoal(request, reply, state),
    }),
  );
  app.post<{ Params: { planId: string; goalNumber: string } }>('/plans/:planId/editor/goals/:goalNumber/directions', async (request, reply) =>
    post(request, reply, {
      schema: AddDirectionBody,
      form: 'add',
      input: parseDirection(request.body as FormBody, 'new.'),
      rename: underNew,
      run: async (value) => `${editorBase(request.params.planId)}/directions/${(await addDirection({ ctx: ctx(request), input: { planId: request.params.planId, goalNumber: number(request.params.goalNumber), ...value } })).code}`,
      flash: 'planItemAdded',
      show: (state) => showGoal(request, reply, state),
    }),
  );

  // ---- a direction: its measures ----

  type DirectionReq = Req<{ directionCode: string }>;
  async function showDirection(request: DirectionReq, reply: FastifyReply, state: FormState = {}) {
    const read = await draftOrRefusal(request, reply);
    if (!read) return reply;
    const w = words(request);
    const { goal, direction } = findDirection(read.draft, request.params.directionCode);
    const base = editorBase(read.plan.id);
    return showEdit(
      request,
      reply,
      {
        title: direction.title,
        breadcrumbs: [...crumbs(w, read), { href: `${base}/goals/${goal.number}`, label: w.t('planEditor.goalLabel', { n: goal.number, title: goal.title }) }],
        heading: w.t('planEditor.directionLabel', { title: direction.title }),
        lists: [{ heading: w.t('planEditor.measures'), items: direction.measures.map((m) => ({ label: `${w.f.measure(m.number)} ${m.title}`, href: `${base}/measures/${m.number}` })), empty: w.t('planEditor.noneYet') }],
        forms: [
          { id: 'edit', action: `${base}/directions/${direction.code}`, title: w.t('planEditor.editDirection'), fields: directionFields(w, direction), submit: w.t('planEditor.save') },
          { id: 'add', action: `${base}/directions/${direction.code}/measures`, title: w.t('planEditor.addMeasure'), fields: measureFields(w, undefined, 'new.'), submit: w.t('planEditor.addMeasure') },
          removeForm(w, `${base}/directions/${direction.code}/remove`, direction.title),
        ],
      },
      state,
    );
  }
  app.get<{ Params: { planId: string; directionCode: string } }>('/plans/:planId/editor/directions/:directionCode', async (request, reply) => showDirection(request, reply));
  app.post<{ Params: { planId: string; directionCode: string } }>('/plans/:planId/editor/directions/:directionCode', async (request, reply) =>
    post(request, reply, {
      schema: UpdateDirectionBody,
      form: 'edit',
      input: parseDirection(request.body as FormBody),
      run: async (value) => `${editorBase(request.params.planId)}/directions/${(await updateDirection({ ctx: ctx(request), input: { planId: request.params.planId, directionCode: request.params.directionCode, ...value } })).code}`,
      flash: 'planItemSaved',
      show: (state) => showDirection(request, reply, state),
    }),
  );
  app.post<{ Params: { planId: string; directionCode: string } }>('/plans/:planId/editor/directions/:directionCode/remove', async (request, reply) =>
    post(request, reply, {
      schema: NoInput,
      form: 'remove',
      input: {},
      run: async () => {
        await removedOnce(removeDirection({ ctx: ctx(request), input: { planId: request.params.planId, directionCode: request.params.directionCode } }));
        return `/plans/${request.params.planId}`;
      },
      flash: 'planItemRemoved',
      show: (state) => showDirection(request, reply, state),
    }),
  );
  app.post<{ Params: { planId: string; directionCode: string } }>('/plans/:planId/editor/directions/:directionCode/measures', async (request, reply) =>
    post(request, reply, {
      schema: AddMeasureBody,
      form: 'add',
      input: parseMeasure(request.body as FormBody, 'new.'),
      rename: underNew,
      run: async (value) => `${editorBase(request.params.planId)}/measures/${(await addMeasure({ ctx: ctx(request), input: { planId: request.params.planId, directionCode: request.params.directionCode, ...value } })).number}`,
      flash: 'planItemAdded',
      show: (state) => showDirection(request, reply, state),
    }),
  );

  // ---- a measure: its projects ----

  type MeasureReq = Req<{ measureNumber: string }>;
  async function showMeasure(request: MeasureReq, reply: FastifyReply, state: FormState = {}) {
    const read = await draftOrRefusal(request, reply);
    if (!read) return reply;
    const w = words(request);
    const { direction, measure } = findMeasure(read.draft, number(request.params.measureNumber));
    const base = editorBase(read.plan.id);
    const label = `${w.f.measure(measure.number)} ${measure.title}`;
    return showEdit(
      request,
      reply,
      {
        title: label,
        breadcrumbs: [...crumbs(w, read), { href: `${base}/directions/${direction.code}`, label: direction.title }],
        heading: label,
        lists: [{ heading: w.t('planEditor.projects'), items: measure.projects.map((p) => ({ label: p.name, href: `${base}/projects/${p.code}`, detail: departmentNames(read, p.departments) })), empty: w.t('planEditor.noneYet') }],
        forms: [
          { id: 'edit', action: `${base}/measures/${measure.number}`, title: w.t('planEditor.editMeasure'), fields: measureFields(w, measure), submit: w.t('planEditor.save') },
          { id: 'add', action: `${base}/measures/${measure.number}/projects`, title: w.t('planEditor.addProject'), fields: projectFields(w, read.departments, undefined, 'new.'), submit: w.t('planEditor.addProject') },
          removeForm(w, `${base}/measures/${measure.number}/remove`, label),
        ],
      },
      state,
    );
  }
  app.get<{ Params: { planId: string; measureNumber: string } }>('/plans/:planId/editor/measures/:measureNumber', async (request, reply) => showMeasure(request, reply));
  app.post<{ Params: { planId: string; measureNumber: string } }>('/plans/:planId/editor/measures/:measureNumber', async (request, reply) =>
    post(request, reply, {
      schema: UpdateMeasureBody,
      form: 'edit',
      input: parseMeasure(request.body as FormBody),
      run: async (value) => `${editorBase(request.params.planId)}/measures/${(await updateMeasure({ ctx: ctx(request), input: { planId: request.params.planId, measureNumber: number(request.params.measureNumber), ...value } })).number}`,
      flash: 'planItemSaved',
      show: (state) => showMeasure(request, reply, state),
    }),
  );
  app.post<{ Params: { planId: string; measureNumber: string } }>('/plans/:planId/editor/measures/:measureNumber/remove', async (request, reply) =>
    post(request, reply, {
      schema: NoInput,
      form: 'remove',
      input: {},
      run: async () => {
        await removedOnce(removeMeasure({ ctx: ctx(request), input: { planId: request.params.planId, measureNumber: number(request.params.measureNumber) } }));
        return `/plans/${request.params.planId}`;
      },
      flash: 'planItemRemoved',
      show: (state) => showMeasure(request, reply, state),
    }),
  );
  app.post<{ Params: { planId: string; measureNumber: string } }>('/plans/:planId/editor/measures/:measureNumber/projects', async (request, reply) =>
    post(request, reply, {
      schema: AddProjectBody,
      form: 'add',
      input: parseProject(request.body as FormBody, 'new.'),
      rename: underNew,
      run: async (value) => `${editorBase(request.params.planId)}/projects/${(await addProject({ ctx: ctx(request), input: { planId: request.params.planId, measureNumber: number(request.params.measureNumber), ...value } })).code}`,
      flash: 'planItemAdded',
      show: (state) => showMeasure(request, reply, state),
    }),
  );

  // ---- a project: its departments and KPIs ----

  type ProjectReq = Req<{ projectCode: string }>;
  async function showProject(request: ProjectReq, reply: FastifyReply, state: FormState = {}) {
    const read = await draftOrRefusal(request, reply);
    if (!read) return reply;
    const w = words(request);
    const { measure, project } = findProject(read.draft, request.params.projectCode);
    const base = editorBase(read.plan.id);
    const ids = project.departments.map((code) => read.departments.find((d) => d.code === code)?.id ?? '');
    return showEdit(
      request,
      reply,
      {
        title: project.name,
        breadcrumbs: [...crumbs(w, read), { href: `${base}/measures/${measure.number}`, label: `${w.f.measure(measure.number)} ${measure.title}` }],
        heading: project.name,
        lead: departmentNames(read, project.departments),
        lists: [{ heading: w.t('planEditor.kpis'), items: project.kpis.map((k) => ({ label: k.name, href: `${base}/kpis/${k.code}` })), empty: w.t('planEditor.noneYet'), link: { href: `${base}/kpis/new?project=${project.code}`, label: w.t('planEditor.addKpi') } }],
        forms: [
          { id: 'edit', action: `${base}/projects/${project.code}`, title: w.t('planEditor.editProject'), fields: projectFields(w, read.departments, { ...project, departmentIds: ids }), submit: w.t('planEditor.save') },
          removeForm(w, `${base}/projects/${project.code}/remove`, project.name),
        ],
      },
      state,
    );
  }
  app.get<{ Params: { planId: string; projectCode: string } }>('/plans/:planId/editor/projects/:projectCode', async (request, reply) => showProject(request, reply));
  app.post<{ Params: { planId: string; projectCode: string } }>('/plans/:planId/editor/projects/:projectCode', async (request, reply) =>
    post(request, reply, {
      schema: UpdateProjectBody,
      form: 'edit',
      input: parseProject(request.body as FormBody),
      run: async (value) => {
        await updateProjectVerb(request, value);
        return `${editorBase(request.params.planId)}/projects/${request.params.projectCode}`;
      },
      flash: 'planItemSaved',
      show: (state) => showProject(request, reply, state),
    }),
  );
  const updateProjectVerb = (request: ProjectReq, value: Static<typeof UpdateProjectBody>) =>
    updateProject({ ctx: ctx(request), input: { planId: request.params.planId, projectCode: request.params.projectCode, ...value } });
  app.post<{ Params: { planId: string; projectCode: string } }>('/plans/:planId/editor/projects/:projectCode/remove', async (request, reply) =>
    post(request, reply, {
      schema: NoInput,
      form: 'remove',
      input: {},
      run: async () => {
        const read = await readPlanForEditor(ctx(request), request.params.planId);
        const measureNumber = read.draft ? (allProjectsWithMeasure(read.draft).find((p) => p.code === request.params.projectCode)?.measureNumber ?? null) : null;
        await removedOnce(removeProject({ ctx: ctx(request), input: { planId: request.params.planId, projectCode: request.params.projectCode } }));
        return measureNumber === null ? `/plans/${request.params.planId}` : `${editorBase(request.params.planId)}/measures/${measureNumber}`;
      },
      flash: 'planItemRemoved',
      show: (state) => showProject(request, reply, state),
    }),
  );

  // ---- a KPI or numeric target ----

  /** Where a KPI sits, for the way back: its project's page or its goal's. */
  function ownerOf(draft: PlanFile, kpiCode: string): { href: string; owner: KpiOwner; label: string } {
    for (const goal of draft.goals) {
      if (goal.numericTargets.some((k) => k.code === kpiCode)) return { href: `goals/${goal.number}`, owner: { goalNumber: goal.number }, label: goal.title };
      for (const m of goal.directions.flatMap((d) => d.measures)) {
        const project = m.projects.find((p) => p.kpis.some((k) => k.code === kpiCode));
        if (project) return { href: `projects/${project.code}`, owner: { projectCode: project.code }, label: project.name };
      }
    }
    throw notFound('KPI');
  }
  function ownerFromQuery(draft: PlanFile, body: Record<string, unknown>) {
    const projectCode = typeof body.project === 'string' ? body.project : undefined;
    const goal = typeof body.goal === 'string' ? body.goal : undefined;
    if (projectCode) {
      const { project } = findProject(draft, projectCode);
      return { href: `projects/${project.code}`, owner: { projectCode: project.code } as KpiOwner, label: project.name };
    }
    if (goal) {
      const found = findGoal(draft, number(goal)).goal;
      return { href: `goals/${found.number}`, owner: { goalNumber: found.number } as KpiOwner, label: found.title };
    }
    throw notFound('page');
  }

  type KpiReq = Req<{ kpiCode?: string }>;
  async function showKpi(request: KpiReq, reply: FastifyReply, state: FormState = {}) {
    const read = await draftOrRefusal(request, reply);
    if (!read) return reply;
    const w = words(request);
    const base = editorBase(read.plan.id);
    const code = request.params.kpiCode;
    const kpi = code ? findKpi(read.draft, code).kpi : undefined;
    const where = code ? ownerOf(read.draft, code) : ownerFromQuery(read.draft, { ...(request.query as object), ...((request.body as object) ?? {}) });
    const years = yearsOf(read.draft.plan.periodStartFiscalYear, read.draft.plan.periodEndFiscalYear);
    const hidden = 'projectCode' in where.owner ? { kind: 'hidden' as const, name: 'project', value: where.owner.projectCode } : { kind: 'hidden' as const, name: 'goal', value: String(where.owner.goalNumber) };
    const heading = kpi ? kpi.name : 'goalNumber' in where.owner ? w.t('planEditor.addNumericTarget') : w.t('planEditor.addKpi');
    return showEdit(
      request,
      reply,
      {
        title: heading,
        breadcrumbs: [...crumbs(w, read), { href: `${base}/${where.href}`, label: where.label }],
        heading,
        lead: kpi?.predecessor ? `${w.t('planEditor.continuedKpiLead', { plan: read.planNames.get(kpi.predecessor.plan) ?? '' })}${w.t('planEditor.kpiLead')}` : w.t('planEditor.kpiLead'),
        lists: [],
        forms: [
          { id: 'kpi', action: kpi ? `${base}/kpis/${kpi.code}` : `${base}/kpis`, fields: [...(kpi ? [] : [hidden]), ...kpiFields(w, years, kpi)], submit: kpi ? w.t('planEditor.save') : heading },
          ...(kpi ? [removeForm(w, `${base}/kpis/${kpi.code}/remove`, kpi.name)] : []),
        ],
      },
      state,
    );
  }
  const periodYears = async (request: Req) => {
    const read = await readPlanForEditor(ctx(request), request.params.planId);
    return read.draft ? yearsOf(read.draft.plan.periodStartFiscalYear, read.draft.plan.periodEndFiscalYear) : [];
  };
  app.get<{ Params: { planId: string } }>('/plans/:planId/editor/kpis/new', async (request, reply) => showKpi(request, reply));
  app.post<{ Params: { planId: string } }>('/plans/:planId/editor/kpis', async (request, reply) => {
    const body = request.body as FormBody;
    const project = field(body, 'project');
    const goal = field(body, 'goal');
    const owner: KpiOwner | null = project ? { projectCode: project } : goal && /^\d{1,2}$/.test(goal) ? { goalNumber: Number(goal) } : null;
    if (!owner) throw notFound('page');
    return post(request, reply, {
      schema: AddKpiBody,
      form: 'kpi',
      input: parseKpi(body, await periodYears(request)),
      run: async (value) => {
        await addKpi({ ctx: ctx(request), input: { planId: request.params.planId, owner, ...value } });
        return `${editorBase(request.params.planId)}/${'projectCode' in owner ? `projects/${owner.projectCode}` : `goals/${owner.goalNumber}`}`;
      },
      flash: 'planItemAdded',
      show: (state) => showKpi(request, reply, state),
    });
  });
  app.get<{ Params: { planId: string; kpiCode: string } }>('/plans/:planId/editor/kpis/:kpiCode', async (request, reply) => showKpi(request, reply));
  app.post<{ Params: { planId: string; kpiCode: string } }>('/plans/:planId/editor/kpis/:kpiCode', async (request, reply) =>
    post(request, reply, {
      schema: UpdateKpiBody,
      form: 'kpi',
      input: parseKpi(request.body as FormBody, await periodYears(request)),
      run: async (value) => {
        await updateKpi({ ctx: ctx(request), input: { planId: request.params.planId, kpiCode: request.params.kpiCode, ...value } });
        return backFromKpi(request);
      },
      flash: 'planItemSaved',
      show: (state) => showKpi(request, reply, state),
    }),
  );
  const backFromKpi = async (request: Req<{ kpiCode: string }>) => {
    const read = await readPlanForEditor(ctx(request), request.params.planId);
    return `${editorBase(request.params.planId)}/${read.draft ? ownerOf(read.draft, request.params.kpiCode).href : ''}`;
  };
  app.post<{ Params: { planId: string; kpiCode: string } }>('/plans/:planId/editor/kpis/:kpiCode/remove', async (request, reply) =>
    post(request, reply, {
      schema: NoInput,
      form: 'remove',
      input: {},
      run: async () => {
        const back = await backFromKpi(request).catch(() => `/plans/${request.params.planId}`);
        await removedOnce(removeKpi({ ctx: ctx(request), input: { planId: request.params.planId, kpiCode: request.params.kpiCode } }));
        return back;
      },
      flash: 'planItemRemoved',
      show: (state) => showKpi(request, reply, state),
    }),
  );

  // ---- adoption ----

  async function showAdopt(request: Req, reply: FastifyReply, state: FormState = {}) {
    const read = await draftOrRefusal(request, reply);
    if (!read) return reply;
    const w = words(request);
    const counts = countsOf(read.draft);
    return showEdit(
      request,
      reply,
      {
        title: w.t('planEditor.adoptTitle'),
        breadcrumbs: crumbs(w, read),
        heading: w.t('planEditor.adoptTitle'),
        lead: w.t('planEditor.adoptLead', { name: read.plan.name, ...counts }),
        lists: [],
        forms: [{ id: 'adopt', action: `/plans/${read.plan.id}/adopt`, fields: [{ kind: 'date', name: 'adoptedOn', label: w.t('planEditor.adoptedOn'), value: isoDateInTokyo(deps.clock.now()) }], submit: w.t('planEditor.adoptConfirm') }],
      },
      state,
    );
  }
  app.get<{ Params: { planId: string } }>('/plans/:planId/adopt', async (request, reply) => showAdopt(request, reply));
  app.post<{ Params: { planId: string } }>('/plans/:planId/adopt', async (request, reply) =>
    post(request, reply, {
      schema: AdoptPlanBody,
      form: 'adopt',
      input: { adoptedOn: field(request.body as FormBody, 'adoptedOn')?.trim() || undefined },
      run: async (value) => `/plans/${(await adoptPlan({ ctx: ctx(request), input: { planId: request.params.planId, ...value } })).planId}`,
      flash: 'planAdopted',
      show: (state) => showAdopt(request, reply, state),
    }),
  );

  // ---- amendments (改訂) of an adopted plan ----

  async function adoptedPlan(request: Req) {
    const c = ctx(request);
    const read = await readPlanForEditor(c, request.params.planId);
    if (!read.mayEdit) throw forbidden('only the strategy office amends plans');
    return { read, tree: read.draft ? null : await getPlanTree(c, read.plan.id) };
  }

  type AmendKpiReq = Req<{ kpiId: string }>;
  async function showAmendKpi(request: AmendKpiReq, reply: FastifyReply, state: FormState = {}) {
    const { read, tree } = await adoptedPlan(request);
    const w = words(request);
    const kpi = tree && allTreeKpis(tree).find((k) => k.id === request.params.kpiId);
    if (!tree) return showEdit(request, reply, { title: read.plan.name, breadcrumbs: crumbs(w, read), heading: read.plan.name, notice: w.t('planEditor.draftAmendNotice'), lists: [], forms: [] }, { status: 409 });
    if (!kpi) throw notFound('KPI');
    const years = yearsOf(read.plan.periodStartFiscalYear, read.plan.periodEndFiscalYear);
    const targets = new Map(kpi.values.filter((v) => v.kind === 'target').map((v) => [v.fiscalYear, v.value]));
    return showEdit(
      request,
      reply,
      {
        title: w.t('planEditor.amendTargetsTitle', { name: kpi.name }),
        breadcrumbs: crumbs(w, read),
        heading: w.t('planEditor.amendTargetsTitle', { name: kpi.name }),
        lead: w.t('planEditor.amendLead'),
        lists: [],
        forms: [{ id: 'amend', action: `/plans/${read.plan.id}/amend/kpis/${kpi.id}`, fields: [...targetFields(w, years, targets), rationaleField(w)], submit: w.t('planEditor.amendCheck') }],
      },
      state,
    );
  }
  app.get<{ Params: { planId: string; kpiId: string } }>('/plans/:planId/amend/kpis/:kpiId', async (request, reply) => showAmendKpi(request, reply));
  app.post<{ Params: { planId: string; kpiId: string } }>('/plans/:planId/amend/kpis/:kpiId', async (request, reply) => {
    const { read, tree } = await adoptedPlan(request);
    if (!tree) return draftAmendRefusal(request, reply, read);
    const kpi = allTreeKpis(tree).find((k) => k.id === request.params.kpiId);
    if (!kpi) throw notFound('KPI');
    const body = request.body as FormBody;
    const inForce = new Map(kpi.values.filter((v) => v.kind === 'target').map((v) => [v.fiscalYear, v.value]));
    return amendWithConfirmation(request, reply, {
      schema: AmendKpiTargetsBody,
      input: { targets: parseTargets(body, yearsOf(read.plan.periodStartFiscalYear, read.plan.periodEndFiscalYear)), rationale: field(body, 'rationale')?.trim() || undefined },
      title: words(request).t('planEditor.amendTargetsTitle', { name: kpi.name }),
      changes: (value) => {
        const changed = value.targets.flatMap((t) => (t.value !== null && t.value !== inForce.get(t.fiscalYear) ? [{ fiscalYear: t.fiscalYear, value: t.value }] : []));
        // One line a year: what it was (if any) → what it becomes.
        return changed.flatMap((t) => changeLines({ unit: kpi.unit, ...(inForce.has(t.fiscalYear) ? { target: { fiscalYear: t.fiscalYear, value: inForce.get(t.fiscalYear) } } : {}) }, { unit: kpi.unit, target: t }, request.locale));
      },
      run: async (value) => `/plans/${(await amendKpiTargets({ ctx: ctx(request), input: { kpiId: request.params.kpiId, ...value } })).planId}`,
      show: (state) => showAmendKpi(request, reply, state),
    });
  });

  type AmendProjectReq = Req<{ projectId: string }>;
  async function showAmendProject(request: AmendProjectReq, reply: FastifyReply, state: FormState = {}) {
    const { read, tree } = await adoptedPlan(request);
    const w = words(request);
    if (!tree) return showEdit(request, reply, { title: read.plan.name, breadcrumbs: crumbs(w, read), heading: read.plan.name, notice: w.t('planEditor.draftAmendNotice'), lists: [], forms: [] }, { status: 409 });
    const project = tree.goals.flatMap((g) => g.directions.flatMap((d) => d.measures.flatMap((m) => m.projects))).find((p) => p.id === request.params.projectId);
    if (!project) throw notFound('project');
    return showEdit(
      request,
      reply,
      {
        title: w.t('planEditor.amendDepartmentsTitle', { name: project.name }),
        breadcrumbs: crumbs(w, read),
        heading: w.t('planEditor.amendDepartmentsTitle', { name: project.name }),
        lead: w.t('planEditor.amendLead'),
        lists: [],
        forms: [{ id: 'amend', action: `/plans/${read.plan.id}/amend/projects/${project.id}`, fields: [...departmentFields(w, read.departments, project.departments.map((d) => d.id)), rationaleField(w)], submit: w.t('planEditor.amendCheck') }],
      },
      state,
    );
  }
  app.get<{ Params: { planId: string; projectId: string } }>('/plans/:planId/amend/projects/:projectId', async (request, reply) => showAmendProject(request, reply));
  app.post<{ Params: { planId: string; projectId: string } }>('/plans/:planId/amend/projects/:projectId', async (request, reply) => {
    const { read, tree } = await adoptedPlan(request);
    if (!tree) return draftAmendRefusal(request, reply, read);
    const project = tree.goals.flatMap((g) => g.directions.flatMap((d) => d.measures.flatMap((m) => m.projects))).find((p) => p.id === request.params.projectId);
    if (!project) throw notFound('project');
    const body = request.body as FormBody;
    const names = (ids: string[]) => ids.map((id) => read.departments.find((d) => d.id === id)?.name ?? '');
    return amendWithConfirmation(request, reply, {
      schema: AmendProjectDepartmentsBody,
      input: { ...parseDepartments(body), rationale: field(body, 'rationale')?.trim() || undefined },
      title: words(request).t('planEditor.amendDepartmentsTitle', { name: project.name }),
      changes: (value) => changeLines({ departments: project.departments.map((d) => d.name) }, { departments: names([value.leadDepartmentId, ...value.coDepartmentIds]) }, request.locale),
      run: async (value) => `/plans/${(await amendProjectDepartments({ ctx: ctx(request), input: { projectId: request.params.projectId, ...value } })).planId}`,
      show: (state) => showAmendProject(request, reply, state),
    });
  });

  /**
   * An amendment sent: checked by its schema, then shown for confirmation (before → after, the
   * reason) with the values carried in hidden fields; applied only when that page is sent.
   */
  async function amendWithConfirmation<S extends TSchema>(
    request: Req,
    reply: FastifyReply,
    spec: { schema: S; input: unknown; title: string; changes: (value: Static<S>) => string[]; run: (value: Static<S>) => Promise<string>; show: (state: FormState) => Promise<unknown> },
  ) {
    const body = request.body as FormBody;
    if (field(body, 'confirmed') === 'yes') return post(request, reply, { schema: spec.schema, form: 'amend', input: spec.input, run: spec.run, flash: 'planAmended', show: spec.show });
    const checked = checkForm<Static<S>>(spec.schema, spec.input, request.locale);
    if (!checked.ok) return spec.show({ errors: checked.errors, input: body, status: 400, form: 'amend' });
    const w = words(request);
    const { read } = await adoptedPlan(request);
    const carried = Object.entries(body).flatMap(([name, v]) => (name === '_csrf' || name === 'confirmed' ? [] : [v ?? []].flat().map((value) => ({ kind: 'hidden' as const, name, value }))));
    const rationale = (checked.value as { rationale: string }).rationale.trim();
    return showEdit(request, reply, {
      title: w.t('planEditor.amendCheckTitle', { title: spec.title }),
      breadcrumbs: crumbs(w, read),
      heading: w.t('planEditor.amendCheckTitle', { title: spec.title }),
      lead: w.t('planEditor.amendCheckLead'),
      lists: [
        {
          heading: w.t('planEditor.amendChanges'),
          items: [...spec.changes(checked.value).map((label) => ({ label })), { label: w.t('planEditor.amendRationaleLine', { text: rationale }) }],
          empty: w.t('planEditor.amendNothing'),
          link: { href: request.url, label: w.t('planEditor.amendBack') },
        },
      ],
      forms: [{ id: 'amend', action: request.url, fields: [...carried, { kind: 'hidden', name: 'confirmed', value: 'yes' }], submit: w.t('planEditor.amendConfirm') }],
    });
  }

  type AmendDefinitionReq = Req<{ kpiId: string }>;
  const amendedKpi = async (request: AmendDefinitionReq) => {
    const { read, tree } = await adoptedPlan(request);
    const kpi = tree && allTreeKpis(tree).find((k) => k.id === request.params.kpiId);
    if (tree && !kpi) throw notFound('KPI');
    return { read, kpi };
  };
  async function showAmendDefinition(request: AmendDefinitionReq, reply: FastifyReply, state: FormState = {}) {
    const { read, kpi } = await amendedKpi(request);
    const w = words(request);
    if (!kpi) return draftAmendRefusal(request, reply, read);
    const title = w.t('planEditor.amendDefinitionTitle', { name: kpi.name });
    const fields: FormView['fields'] = [
      { kind: 'text', name: 'name', label: w.t('planEditor.kpiName'), value: kpi.name },
      { kind: 'textarea', name: 'note', label: w.t('planEditor.note'), value: kpi.note ?? undefined, optional: true },
      rationaleField(w),
    ];
    return showEdit(request, reply, { title, breadcrumbs: crumbs(w, read), heading: title, lead: w.t('planEditor.amendDefinitionLead'), lists: [], forms: [{ id: 'amend', action: request.url, fields, submit: w.t('planEditor.amendCheck') }] }, state);
  }
  app.get<{ Params: { planId: string; kpiId: string } }>('/plans/:planId/amend/kpis/:kpiId/definition', async (request, reply) => showAmendDefinition(request, reply));
  app.post<{ Params: { planId: string; kpiId: string } }>('/plans/:planId/amend/kpis/:kpiId/definition', async (request, reply) => {
    const { read, kpi } = await amendedKpi(request);
    if (!kpi) return draftAmendRefusal(request, reply, read);
    const body = request.body as FormBody;
    return amendWithConfirmation(request, reply, {
      schema: AmendKpiDefinitionBody,
      input: { name: field(body, 'name')?.trim() || undefined, note: field(body, 'note')?.trim() || undefined, rationale: field(body, 'rationale')?.trim() || undefined },
      title: words(request).t('planEditor.amendDefinitionTitle', { name: kpi.name }),
      changes: (value) => changeLines({ name: kpi.name, note: kpi.note }, { name: value.name.trim(), note: value.note?.trim() || null }, request.locale),
      run: async (value) => `/plans/${(await amendKpiDefinition({ ctx: ctx(request), input: { kpiId: request.params.kpiId, ...value } })).planId}`,
      show: (state) => showAmendDefinition(request, reply, state),
    });
  });

  type AmendMeasureReq = Req<{ measureId: string }>;
  const amendedMeasure = async (request: AmendMeasureReq) => {
    const { read, tree } = await adoptedPlan(request);
    const measure = tree && tree.goals.flatMap((g) => g.directions.flatMap((d) => d.measures)).find((m) => m.id === request.params.measureId);
    if (tree && !measure) throw notFound('measure');
    return { read, measure };
  };
  async function showAmendMeasure(request: AmendMeasureReq, reply: FastifyReply, state: FormState = {}) {
    const { read, measure } = await amendedMeasure(request);
    const w = words(request);
    if (!measure) return draftAmendRefusal(request, reply, read);
    const title = w.t('planEditor.amendMeasureTitle', { name: `${w.f.measure(measure.number)} ${measure.title}` });
    const fields: FormView['fields'] = [
      { kind: 'text', name: 'title', label: w.t('planEditor.measureTitle'), value: measure.title },
      { kind: 'textarea', name: 'summary', label: w.t('planEditor.measureSummary'), value: measure.summary ?? undefined, optional: true },
      rationaleField(w),
    ];
    return showEdit(request, reply, { title, breadcrumbs: crumbs(w, read), heading: title, lead: w.t('planEditor.amendLead'), lists: [], forms: [{ id: 'amend', action: request.url, fields, submit: w.t('planEditor.amendCheck') }] }, state);
  }
  app.get<{ Params: { planId: string; measureId: string } }>('/plans/:planId/amend/measures/:measureId', async (request, reply) => showAmendMeasure(request, reply));
  app.post<{ Params: { planId: string; measureId: string } }>('/plans/:planId/amend/measures/:measureId', async (request, reply) => {
    const { read, measure } = await amendedMeasure(request);
    if (!measure) return draftAmendRefusal(request, reply, read);
    const body = request.body as FormBody;
    const w = words(request);
    return amendWithConfirmation(request, reply, {
      schema: AmendMeasureBody,
      input: { title: field(body, 'title')?.trim() || undefined, summary: field(body, 'summary')?.trim() || undefined, rationale: field(body, 'rationale')?.trim() || undefined },
      title: w.t('planEditor.amendMeasureTitle', { name: `${w.f.measure(measure.number)} ${measure.title}` }),
      changes: (value) => changeLines({ title: measure.title, summary: measure.summary }, { title: value.title.trim(), summary: value.summary?.trim() || null }, request.locale),
      run: async (value) => `/plans/${(await amendMeasure({ ctx: ctx(request), input: { measureId: request.params.measureId, ...value } })).planId}`,
      show: (state) => showAmendMeasure(request, reply, state),
    });
  });

  /** A draft is changed in the editor, not amended: its amendment pages say so (409). */
  function draftAmendRefusal(request: FastifyRequest, reply: FastifyReply, read: Read) {
    const w = words(request);
    return showEdit(request, reply, { title: read.plan.name, breadcrumbs: crumbs(w, read), heading: read.plan.name, notice: w.t('planEditor.draftAmendNotice'), lists: [], forms: [] }, { status: 409 });
  }
};

/**
 * Removing what is already gone (the button pressed twice, a second tab) is done, not an
 * error; a plan that is not the user's is still "not found".
 */
async function removedOnce(removal: Promise<unknown>) {
  try {
    await removal;
  } catch (error) {
    if (!(error instanceof ServiceError && error.code === 'NOT_FOUND' && error.message !== 'plan not found')) throw error;
  }
}

const allProjectsWithMeasure = (draft: PlanFile) => draft.goals.flatMap((g) => g.directions.flatMap((d) => d.measures.flatMap((m) => m.projects.map((p) => ({ code: p.code, measureNumber: m.number })))));

// ---- the plan's page: one tree for a draft and an adopted plan ----

interface KpiView {
  name: string;
  unit: string;
  cumulative: boolean;
  direction: string;
  baseline: { fiscalYear: number; value: number } | null;
  targets: { fiscalYear: number; value: number }[];
  href?: string;
  /** An adopted plan's KPI: where its name and note are amended. */
  definitionHref?: string;
  /** A draft's KPI continued from the earlier period: its baseline and targets are the office's to enter. */
  continued?: boolean;
}

function departmentNames(read: Read, codes: string[]) {
  return codes.map((code) => read.departments.find((d) => d.code === code)?.name ?? code).join('、');
}

function kpiView(k: { name: string; unit: string; cumulative: boolean; direction: string; values: { kind: string; fiscalYear: number; value: number }[] }, href?: string, definitionHref?: string): KpiView {
  const baseline = k.values.find((v) => v.kind === 'baseline');
  return { name: k.name, unit: k.unit, cumulative: k.cumulative, direction: k.direction, baseline: baseline ? { fiscalYear: baseline.fiscalYear, value: baseline.value } : null, targets: k.values.filter((v) => v.kind === 'target').map((v) => ({ fiscalYear: v.fiscalYear, value: v.value })), href, definitionHref };
}

const draftKpi = (k: PlanFile['goals'][number]['numericTargets'][number], href?: string): KpiView => ({ ...kpiView(k, href), continued: Boolean(k.predecessor) });

function draftTree(w: Words, draft: PlanFile, base: string | null, departments: Read['departments']) {
  const names = (codes: string[]) => codes.map((code) => departments.find((d) => d.code === code)?.name ?? code);
  const link = (path: string) => (base ? `${base}/${path}` : undefined);
  return draft.goals.map((g) => ({
    label: w.t('planEditor.goalLabel', { n: g.number, title: g.title }),
    href: link(`goals/${g.number}`),
    numericTargets: g.numericTargets.map((k) => draftKpi(k, link(`kpis/${k.code}`))),
    directions: g.directions.map((d) => ({
      label: d.title,
      href: link(`directions/${d.code}`),
      measures: d.measures.map((m) => ({
        label: `${w.f.measure(m.number)} ${m.title}`,
        href: link(`measures/${m.number}`),
        projects: m.projects.map((p) => {
          const [lead, ...co] = names(p.departments);
          return { label: p.name, href: link(`projects/${p.code}`), lead: lead ?? '', co: co.join('、'), kpis: p.kpis.map((k) => draftKpi(k, link(`kpis/${k.code}`))) };
        }),
      })),
    })),
  }));
}

type Tree = Awaited<ReturnType<typeof getPlanTree>>;
const allTreeKpis = (tree: Tree) => [...tree.goals.flatMap((g) => g.numericTargets), ...tree.goals.flatMap((g) => g.directions.flatMap((d) => d.measures.flatMap((m) => m.projects.flatMap((p) => p.kpis))))];

function adoptedTree(w: Words, tree: Tree, amendPlanId: string | null) {
  const amend = (path: string) => (amendPlanId ? `/plans/${amendPlanId}/amend/${path}` : undefined);
  return tree.goals.map((g) => ({
    label: w.t('planEditor.goalLabel', { n: g.number, title: g.title }),
    numericTargets: g.numericTargets.map((k) => kpiView(k, amend(`kpis/${k.id}`), amend(`kpis/${k.id}/definition`))),
    directions: g.directions.map((d) => ({
      label: d.title,
      measures: d.measures.map((m) => ({
        label: `${w.f.measure(m.number)} ${m.title}`,
        amendHref: amend(`measures/${m.id}`),
        projects: m.projects.map((p) => ({
          label: p.name,
          lead: p.departments.find((d) => d.lead)?.name ?? '',
          co: p.departments.filter((d) => !d.lead).map((d) => d.name).join('、'),
          amendHref: amend(`projects/${p.id}`),
          kpis: p.kpis.map((k) => kpiView(k, amend(`kpis/${k.id}`), amend(`kpis/${k.id}/definition`))),
        })),
      })),
    })),
  }));
}

function countsOf(draft: PlanFile) {
  const measures = draft.goals.flatMap((g) => g.directions.flatMap((d) => d.measures));
  const projects = measures.flatMap((m) => m.projects);
  return { goals: draft.goals.length, measures: measures.length, projects: projects.length, kpis: projects.reduce((n, p) => n + p.kpis.length, 0) };
}
