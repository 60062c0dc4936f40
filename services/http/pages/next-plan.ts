/**
 * Starting the next period (the strategy office): the plan's measures, projects, KPIs and
 * numeric targets, each to continue, end or leave out, with the new plan's name and period.
 * The form is checked with the verb's own schema (CreateNextPlanBody); on success the new
 * plan's draft opens in the editor, with a message saying what is left to fill in.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Static } from 'typebox';
import type { AppDeps } from '../../deps.ts';
import { translator } from '../../i18n/translate.ts';
import { createNextPlan, CreateNextPlanBody, NEXT_PLAN_CHOICES, type NextPlanChoice } from '../../plans/create-next-plan.ts';
import type { PlanTree } from '../../plans/load-plan-tree.ts';
import { getPlanTree } from '../../plans/queries.ts';
import { requireStrategyOffice } from '../../auth/authorize.ts';
import { seeOther } from './flash.ts';
import { checkForm, field, noErrors, numberInput, serviceFailure, textInput, type FormBody, type FormErrors } from './forms.ts';
import type { PageRenderer } from './render.ts';
import { pageContext } from './request-context.ts';

type Params = { planId: string };

/** One row of the form: a thing of the plan to continue, end or leave out, in the plan's order. */
export interface CarryItem {
  id: string;
  kind: 'target' | 'measure' | 'project' | 'kpi';
  name: string;
  /** The measure's number (施策⑫) or the project's code's place, for the label. */
  number?: number;
  depth: number;
}

/** The form's rows by goal: its numeric targets, then each measure with its projects and their KPIs. */
export function carryItems(tree: PlanTree) {
  return tree.goals.map((g) => ({
    goal: { number: g.number, title: g.title },
    targets: g.numericTargets.map((k): CarryItem => ({ id: k.id, kind: 'target', name: k.name, depth: 0 })),
    measures: g.directions.flatMap((d) =>
      d.measures.map((m) => [
        { id: m.id, kind: 'measure', name: m.title, number: m.number, depth: 0 } as CarryItem,
        ...m.projects.flatMap((p): CarryItem[] => [
          { id: p.id, kind: 'project', name: p.name, depth: 1 },
          ...p.kpis.map((k): CarryItem => ({ id: k.id, kind: 'kpi', name: k.name, depth: 2 })),
        ]),
      ]),
    ),
  }));
}

const isChoice = (v: unknown): v is NextPlanChoice => (NEXT_PLAN_CHOICES as readonly unknown[]).includes(v);

export const nextPlanPages = (deps: AppDeps, render: PageRenderer) => async (app: FastifyInstance) => {
  async function showForm(request: FastifyRequest<{ Params: Params }>, reply: FastifyReply, state: { errors?: FormErrors; input?: FormBody; status?: number } = {}) {
    const ctx = pageContext(deps, request);
    requireStrategyOffice(ctx);
    const tree = await getPlanTree(ctx, request.params.planId);
    const groups = carryItems(tree);
    // Nothing is carried unless chosen; 「すべて継続」 starts from everything continued.
    const preset: NextPlanChoice = (request.query as Record<string, unknown>).preset === 'continue' ? 'continue' : 'omit';
    let i = 0;
    const rowOf = (item: CarryItem) => {
      const index = i++;
      const typed = state.input ? field(state.input, `choices[${index}].choice`) : undefined;
      return { ...item, index, choice: isChoice(typed) ? typed : preset, error: state.errors?.fields[`choices[${index}].choice`] };
    };
    const rows = groups.map((g) => ({
      goal: g.goal,
      targets: g.targets.map(rowOf),
      // A measure's rows fold away unless something in it is chosen or has a problem.
      measures: g.measures.map((items) => {
        const list = items.map(rowOf);
        return { measure: list[0]!, items: list, open: list.some((r) => r.choice !== 'omit' || r.error) };
      }),
    }));
    const plan = tree.plan;
    const t = translator(request.locale);
    return render.page(
      request,
      reply,
      'next-plan',
      {
        title: t('nextPlan.title'),
        active: 'dashboard',
        path: `/plans/${plan.id}/next`,
        plan,
        groups: rows,
        choices: NEXT_PLAN_CHOICES,
        defaults: { periodStartFiscalYear: String(plan.periodEndFiscalYear + 1), periodEndFiscalYear: String(plan.periodEndFiscalYear + 1 + (plan.periodEndFiscalYear - plan.periodStartFiscalYear)) },
        errors: state.errors ?? noErrors(),
        input: state.input ?? null,
        // A choice's problem links to its first radio button.
        fieldId: (name: string) => name.replace(/[^A-Za-z0-9_-]/g, '-'),
      },
      state.status,
    );
  }

  app.get<{ Params: Params }>('/plans/:planId/next', async (request, reply) => showForm(request, reply));

  app.post<{ Params: Params }>('/plans/:planId/next', async (request, reply) => {
    const body = request.body as FormBody;
    // Each row posts its id (hidden) and its choice, named by the row's place on the page.
    const rowNumbers = Object.keys(body).flatMap((k) => /^choices\[(\d{1,5})\]\.id$/.exec(k)?.[1] ?? []).map(Number).sort((a, b) => a - b);
    const choices = rowNumbers.map((n) => ({ id: field(body, `choices[${n}].id`), choice: field(body, `choices[${n}].choice`), row: n }));
    const input = {
      name: textInput(field(body, 'name')),
      nameEn: textInput(field(body, 'nameEn')),
      periodStartFiscalYear: numberInput(field(body, 'periodStartFiscalYear')),
      periodEndFiscalYear: numberInput(field(body, 'periodEndFiscalYear')),
      rationale: textInput(field(body, 'rationale')),
      // Left out is the same as not listed: only what is continued or ended goes to the verb.
      choices: choices.filter((c) => c.choice !== 'omit').map(({ id, choice }) => ({ id, choice })),
    };
    // The verb names a choice by its place in the list it got; the form by its row.
    const rows = choices.filter((c) => c.choice !== 'omit');
    const rename = (f: string) => f.replace(/^choices\[(\d+)\]/, (_, n: string) => `choices[${rows[Number(n)]?.row ?? n}]`);
    const form = checkForm<Static<typeof CreateNextPlanBody>>(CreateNextPlanBody, input, request.locale, rename);
    if (!form.ok) return showForm(request, reply, { errors: form.errors, input: body, status: 400 });
    try {
      const created = await createNextPlan({ ctx: pageContext(deps, request), input: { ...form.value, planId: request.params.planId } });
      return seeOther(reply, `/plans/${created.planId}`, 'nextPlanCreated');
    } catch (error) {
      const failure = serviceFailure(error, request.locale, rename);
      return showForm(request, reply, { errors: failure.errors, input: body, status: failure.status });
    }
  });
};
