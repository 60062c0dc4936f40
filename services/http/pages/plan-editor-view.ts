/**
 * The plan editor's forms and lists as data (templates/pages/partials/editor-form.eta draws
 * them), and the parsing of each form back into its verb's input. Field names are the verb
 * schemas' paths; an add form on a page that also edits puts its fields under `new.` so the
 * two never share a name or an element id.
 */
import type { PlanFileKpi } from '../../plans/plan-file.ts';
import { UNIT_SYMBOLS } from '../../plans/units.ts';
import type { Formatters } from '../../i18n/format.ts';
import type { Translate } from '../../i18n/translate.ts';
import { field, fieldList, numberInput, textInput, type FormBody } from './forms.ts';

export interface FormField {
  kind: 'text' | 'textarea' | 'number' | 'select' | 'checks' | 'hidden' | 'date';
  name: string;
  label?: string;
  value?: unknown;
  options?: { value: string; label: string }[];
  optional?: boolean;
  hint?: string;
}

export interface FormView {
  /** Which form of the page failed: only it shows the errors and the input. */
  id: string;
  action: string;
  title?: string;
  lead?: string;
  fields: FormField[];
  submit: string;
  danger?: boolean;
}

export interface Words {
  t: Translate;
  f: Formatters;
}

type Department = { id: string; name: string };

export const editorBase = (planId: string) => `/plans/${planId}/editor`;

// ---- parsing: the form's text as the verb's input (numbers parsed, empty text absent) ----

const at = (prefix: string) => (body: FormBody, name: string) => field(body, `${prefix}${name}`);

export function parsePlan(body: FormBody) {
  return { name: textInput(field(body, 'name')), periodStartFiscalYear: numberInput(field(body, 'periodStartFiscalYear')), periodEndFiscalYear: numberInput(field(body, 'periodEndFiscalYear')) };
}
export function parseGoal(body: FormBody, prefix = '') {
  const get = at(prefix);
  return { number: numberInput(get(body, 'number')), title: textInput(get(body, 'title')) };
}
export function parseDirection(body: FormBody, prefix = '') {
  return { title: textInput(at(prefix)(body, 'title')) };
}
export function parseMeasure(body: FormBody, prefix = '') {
  const get = at(prefix);
  return { number: numberInput(get(body, 'number')), title: textInput(get(body, 'title')), summary: textInput(get(body, 'summary')) };
}
export function parseDepartments(body: FormBody, prefix = '') {
  return { leadDepartmentId: textInput(at(prefix)(body, 'leadDepartmentId')), coDepartmentIds: fieldList(body, `${prefix}coDepartmentIds`) };
}
export function parseProject(body: FormBody, prefix = '') {
  const get = at(prefix);
  return { name: textInput(get(body, 'name')), description: textInput(get(body, 'description')), ...parseDepartments(body, prefix) };
}
const parseBoolean = (raw: string | undefined) => (raw === 'true' ? true : raw === 'false' ? false : raw);
export const parseTargets = (body: FormBody, years: number[]) => years.map((fiscalYear, i) => ({ fiscalYear, value: numberInput(field(body, `targets[${i}].value`)) }));
export function parseKpi(body: FormBody, years: number[]) {
  const baselineYear = numberInput(field(body, 'baseline.fiscalYear'));
  const baselineValue = numberInput(field(body, 'baseline.value'));
  return {
    name: textInput(field(body, 'name')),
    // "" is a unit: a dimensionless rate.
    unit: field(body, 'unit'),
    cumulative: parseBoolean(field(body, 'cumulative')),
    direction: textInput(field(body, 'direction')),
    baseline: baselineYear === null && baselineValue === null ? undefined : { fiscalYear: baselineYear ?? undefined, value: baselineValue ?? undefined },
    targets: parseTargets(body, years),
    note: textInput(field(body, 'note')),
  };
}

/** Schema paths of an add form (`title`) as its field names (`new.title`). */
export const underNew = (name: string) => `new.${name}`;

// ---- forms ----

export const yearsOf = (start: number, end: number) => Array.from({ length: end - start + 1 }, (_, i) => start + i);

function yearOptions(w: Words, from: number, to: number, blank?: string) {
  return [...(blank === undefined ? [] : [{ value: '', label: blank }]), ...yearsOf(from, to).map((y) => ({ value: String(y), label: w.f.fyBoth(y) }))];
}

export function planForm(w: Words, action: string, id: string, now: number, plan?: { name: string; periodStartFiscalYear: number; periodEndFiscalYear: number }): FormView {
  const { t } = w;
  return {
    id,
    action,
    title: plan ? t('planEditor.planForm') : undefined,
    fields: [
      { kind: 'text', name: 'name', label: t('planEditor.name'), value: plan?.name },
      { kind: 'select', name: 'periodStartFiscalYear', label: t('planEditor.periodStart'), options: yearOptions(w, now - 10, now + 10, t('problems.chooseOne')), value: plan?.periodStartFiscalYear },
      { kind: 'select', name: 'periodEndFiscalYear', label: t('planEditor.periodEnd'), options: yearOptions(w, now - 10, now + 15, t('problems.chooseOne')), value: plan?.periodEndFiscalYear },
    ],
    submit: plan ? t('planEditor.save') : t('planEditor.create'),
  };
}

const prefixed = (prefix: string, fields: FormField[]) => fields.map((f) => ({ ...f, name: `${prefix}${f.name}` }));

export function goalFields(w: Words, goal?: { number: number; title: string }, prefix = ''): FormField[] {
  return prefixed(prefix, [
    { kind: 'number', name: 'number', label: w.t('planEditor.goalNumber'), value: goal?.number },
    { kind: 'text', name: 'title', label: w.t('planEditor.goalTitle'), value: goal?.title },
  ]);
}

export function directionFields(w: Words, direction?: { title: string }, prefix = ''): FormField[] {
  return prefixed(prefix, [{ kind: 'text', name: 'title', label: w.t('planEditor.directionTitle'), value: direction?.title }]);
}

export function measureFields(w: Words, measure?: { number: number; title: string; summary?: string }, prefix = ''): FormField[] {
  return prefixed(prefix, [
    { kind: 'number', name: 'number', label: w.t('planEditor.measureNumber'), value: measure?.number },
    { kind: 'text', name: 'title', label: w.t('planEditor.measureTitle'), value: measure?.title },
    { kind: 'textarea', name: 'summary', label: w.t('planEditor.measureSummary'), value: measure?.summary, optional: true },
  ]);
}

export function departmentFields(w: Words, departments: Department[], chosen?: string[], prefix = ''): FormField[] {
  const [lead, ...co] = chosen ?? [];
  return prefixed(prefix, [
    { kind: 'select', name: 'leadDepartmentId', label: w.t('planEditor.leadDepartment'), options: [{ value: '', label: w.t('problems.chooseOne') }, ...departments.map((d) => ({ value: d.id, label: d.name }))], value: lead },
    { kind: 'checks', name: 'coDepartmentIds', label: w.t('planEditor.coDepartments'), options: departments.map((d) => ({ value: d.id, label: d.name })), value: co, optional: true },
  ]);
}

export function projectFields(w: Words, departments: Department[], project?: { name: string; description?: string; departmentIds: string[] }, prefix = ''): FormField[] {
  return [
    ...prefixed(prefix, [
      { kind: 'text', name: 'name', label: w.t('planEditor.projectName'), value: project?.name },
      { kind: 'textarea', name: 'description', label: w.t('planEditor.projectDescription'), value: project?.description, optional: true },
    ]),
    ...departmentFields(w, departments, project?.departmentIds, prefix),
  ];
}

export function targetFields(w: Words, years: number[], targets: Map<number, number>): FormField[] {
  return years.map((y, i) => ({ kind: 'number', name: `targets[${i}].value`, label: w.t('planEditor.targetOf', { year: w.f.fy(y) }), value: targets.get(y), optional: true }));
}

export function kpiFields(w: Words, years: number[], kpi?: PlanFileKpi): FormField[] {
  const { t } = w;
  const baseline = kpi?.values.find((v) => v.kind === 'baseline');
  const targets = new Map((kpi?.values ?? []).filter((v) => v.kind === 'target').map((v) => [v.fiscalYear, v.value]));
  return [
    { kind: 'text', name: 'name', label: t('planEditor.kpiName'), value: kpi?.name },
    { kind: 'select', name: 'unit', label: t('planEditor.unit'), options: UNIT_SYMBOLS.map((u) => ({ value: u, label: u === '' ? `（${t('app.none')}）` : u })), value: kpi?.unit ?? '人' },
    { kind: 'select', name: 'cumulative', label: t('planEditor.cumulative'), options: [{ value: 'false', label: t('planEditor.cumulativeNo') }, { value: 'true', label: t('planEditor.cumulativeYes') }], value: String(kpi?.cumulative ?? false) },
    { kind: 'select', name: 'direction', label: t('planEditor.direction'), options: (['higher', 'lower', 'keep'] as const).map((d) => ({ value: d, label: t(`directions.${d}`) })), value: kpi?.direction ?? 'higher' },
    { kind: 'select', name: 'baseline.fiscalYear', label: t('planEditor.baselineYear'), options: yearOptions(w, years[0]! - 15, years.at(-1)!, t('planEditor.noBaseline')), value: baseline?.fiscalYear, optional: true },
    { kind: 'number', name: 'baseline.value', label: t('planEditor.baselineValue'), value: baseline?.value, optional: true },
    ...targetFields(w, years, targets),
    { kind: 'textarea', name: 'note', label: t('planEditor.note'), value: kpi?.note, optional: true },
  ];
}

export const rationaleField = (w: Words): FormField => ({ kind: 'textarea', name: 'rationale', label: w.t('planEditor.rationale') });

export const removeForm = (w: Words, action: string, name: string): FormView => ({ id: 'remove', action, fields: [], submit: w.t('planEditor.remove', { name }), danger: true });
