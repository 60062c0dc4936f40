/** Turning the editor's input into plan-file items, with the checks the file cannot make (ids of this organization, years of the period). */
import type { Static } from 'typebox';
import { type FieldProblem, problemAt } from '../../errors.ts';
import type { PlanFileKpi, PlanFileKpiValue } from '../plan-file.ts';
import type { DraftScope } from './draft.ts';
import { refuse } from './draft.ts';
import type { KpiBody } from './inputs.ts';
import { periodWords } from '../find-plan.ts';

type Departments = { leadDepartmentId: string; coDepartmentIds: string[] };
export type KpiInput = Static<typeof KpiBody>;

/** Department codes, the lead first, from ids of the user's organization; a foreign or repeated id is refused at its field. */
export function departmentCodes(input: Departments, departments: DraftScope['departments']): string[] {
  const problems: FieldProblem[] = [];
  const codeOf = (id: string, field: string) => {
    const department = departments.get(id);
    if (!department) problems.push(problemAt(field, { key: 'problems.notADepartment' }));
    return department?.code ?? '';
  };
  const lead = codeOf(input.leadDepartmentId, 'body.leadDepartmentId');
  const co = input.coDepartmentIds.map((id, i) => {
    if (id === input.leadDepartmentId || input.coDepartmentIds.indexOf(id) !== i) problems.push(problemAt('body.coDepartmentIds', { key: 'problems.leadTwice' }));
    return codeOf(id, 'body.coDepartmentIds');
  });
  if (problems.length) throw refuse(problems);
  return [lead, ...co];
}

/** A number taken by another item of the same kind: refused at the number's field. */
export function assertFreeNumber(taken: number[], number: number, what: 'goal' | 'measure') {
  if (taken.includes(number)) throw refuse([problemAt('body.number', { key: 'problems.numberTaken', params: { what, number } })]);
}

/**
 * The KPI as the plan file holds it: the baseline, then each year's target (累計 when the KPI
 * is), then the values it had that the editor does not edit (actuals carried over). `fieldOf`
 * maps `.values[j]…` problems back to the form's baseline and target fields.
 */
export function kpiFromInput(input: KpiInput, code: string, period: { start: number; end: number }, kept: PlanFileKpiValue[] = []) {
  const problems: FieldProblem[] = [];
  input.targets.forEach((t, i) => {
    if (t.fiscalYear < period.start || t.fiscalYear > period.end) problems.push(problemAt(`body.targets[${i}].fiscalYear`, periodWords({ periodStartFiscalYear: period.start, periodEndFiscalYear: period.end })));
  });
  const targets = input.targets.flatMap((t, i) => (t.value === null ? [] : [{ i, fiscalYear: t.fiscalYear, value: t.value }]));
  if (targets.length === 0) problems.push(problemAt('body.targets', { key: 'problems.needsTarget' }));
  if (problems.length) throw refuse(problems);
  const fields: string[] = [];
  const values: PlanFileKpiValue[] = [];
  if (input.baseline) {
    values.push({ kind: 'baseline', fiscalYear: input.baseline.fiscalYear, value: input.baseline.value });
    fields.push('baseline');
  }
  for (const t of targets) {
    values.push({ kind: 'target', fiscalYear: t.fiscalYear, value: t.value, ...(input.cumulative ? { cumulative: true } : {}) });
    fields.push(`targets[${t.i}]`);
  }
  const kpi: PlanFileKpi = {
    code,
    name: input.name,
    unit: input.unit,
    cumulative: input.cumulative,
    direction: input.direction,
    ...(input.note ? { note: input.note } : {}),
    values: [...values, ...kept],
  };
  const rename = (field: string) => {
    const value = /^\.values\[(\d+)\](?:\.(\w+))?$/.exec(field);
    if (value) {
      const at = fields[Number(value[1])];
      return at ? `${at}.${value[2] ?? 'value'}` : null;
    }
    return /^\.(\w+)$/.exec(field)?.[1] ?? null;
  };
  return { kpi, rename };
}

/** Values of a KPI the editor's form does not show (actuals), kept through an edit. */
export const valuesNotEdited = (kpi: PlanFileKpi) => kpi.values.filter((v) => v.kind === 'actual');

