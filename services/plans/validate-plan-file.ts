/**
 * Checks a whole plan file before anything is written: first its shape against the JSON
 * Schema, then the rules a schema cannot say (unique codes, known departments, values in
 * range for their unit). Every problem carries its JSON path and a plain-words message.
 */
import { Ajv } from 'ajv';
import { problemAt, type FieldProblem } from '../errors.ts';
import type { MessageKey, Words } from '../i18n/translate.ts';
import { describeAjvErrors } from '../validation-messages.ts';
import { PlanFile } from './plan-file.ts';
import { isCalendarDate } from '../input-formats.ts';
import { rangeProblem, rangeWords, unitOf } from './units.ts';

/** Each problem's `field` is its JSON path, e.g. `$.goals[0].title`. */
export type PlanFileCheck = { ok: true; plan: PlanFile } | { ok: false; problems: FieldProblem[] };

// strictNumbers: a figure must be a real number (1e400 parses to Infinity; it is refused).
const ajv = new Ajv({ allErrors: true, strict: false, strictNumbers: true });
const validateShape = ajv.compile(PlanFile);

/** Each problem in the catalogue's words: the command line and the API say them in English, pages in the reader's language. */
export function validatePlanFile(input: unknown): PlanFileCheck {
  const problems: FieldProblem[] = [];
  if (!validateShape(input)) {
    problems.push(...describeAjvErrors(validateShape.errors ?? [], '$'));
  }
  problems.push(...checkRules(input));
  return problems.length === 0 ? { ok: true, plan: input as PlanFile } : { ok: false, problems };
}

// ---- rules beyond the schema; written defensively because the shape may be wrong too ----

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): [unknown, number][] => (Array.isArray(v) ? v.map((item, i) => [item, i]) : []);

const KINDS = new Set(['baseline', 'actual', 'target']);
const rule = (key: string, params?: Words['params']): Words => ({ key: `problems.planFile.${key}` as MessageKey, params });

function checkRules(input: unknown): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!isObj(input)) return problems;
  const add = (field: string, words: Words) => problems.push(problemAt(field, words));

  const firstSeen = new Map<string, string>();
  const unique = (scope: 'department' | 'kpi' | 'goal' | 'direction' | 'measure' | 'project', value: unknown, path: string) => {
    if (typeof value !== 'string' && typeof value !== 'number') return;
    const key = `${scope}:${value}`;
    const earlier = firstSeen.get(key);
    if (earlier) add(path, rule('usedTwice', { what: rule(`what.${scope}`), value, quoted: JSON.stringify(value), earlier }));
    else firstSeen.set(key, path);
  };

  const departmentCodes = new Set<string>();
  for (const [dept, i] of list(input.departments)) {
    if (!isObj(dept)) continue;
    unique('department', dept.code, `$.departments[${i}].code`);
    if (typeof dept.code === 'string') departmentCodes.add(dept.code);
  }

  const plan = isObj(input.plan) ? input.plan : {};
  if (typeof plan.periodStartFiscalYear === 'number' && typeof plan.periodEndFiscalYear === 'number' && plan.periodStartFiscalYear > plan.periodEndFiscalYear) {
    add('$.plan.periodEndFiscalYear', rule('periodOrder'));
  }
  if (typeof plan.adoptedOn === 'string' && !isCalendarDate(plan.adoptedOn)) add('$.plan.adoptedOn', { key: 'problems.invalidDate' });

  const period =
    typeof plan.periodStartFiscalYear === 'number' && typeof plan.periodEndFiscalYear === 'number' ? { start: plan.periodStartFiscalYear, end: plan.periodEndFiscalYear } : null;
  // Whether the earlier plan and its item exist is the database's to say (predecessors.ts).
  const checkPredecessor = (item: Obj, path: string) => {
    if (isObj(item.predecessor) && item.predecessor.plan === plan.code) add(`${path}.predecessor.plan`, rule('ownPredecessor'));
  };
  const checkKpi = (kpi: unknown, path: string) => {
    if (!isObj(kpi)) return;
    unique('kpi', kpi.code, `${path}.code`);
    checkPredecessor(kpi, path);
    const unit = typeof kpi.unit === 'string' ? unitOf(kpi.unit) : undefined;
    const seenValues = new Set<string>();
    for (const [value, j] of list(kpi.values)) {
      if (!isObj(value)) continue;
      const valuePath = `${path}.values[${j}]`;
      const key = `${String(value.kind)}/${String(value.fiscalYear)}/${String(value.quality ?? 'final')}`;
      if (seenValues.has(key)) add(valuePath, rule('givenTwice', { kind: KINDS.has(String(value.kind)) ? rule(`kinds.${String(value.kind)}`) : String(value.kind), year: String(value.fiscalYear) }));
      seenValues.add(key);
      if (value.cancelled !== undefined && value.kind !== 'actual') add(`${valuePath}.cancelled`, rule('cancelledOnlyActual'));
      // A target before the last year is an interim target; one outside the period aims at nothing the plan reviews.
      if (value.kind === 'target' && period && typeof value.fiscalYear === 'number' && (value.fiscalYear < period.start || value.fiscalYear > period.end)) {
        add(`${valuePath}.fiscalYear`, rule('targetOutside', period));
      }
      if (unit && typeof value.value === 'number') {
        const problem = rangeProblem(unit.kind, value.value);
        if (problem) add(`${valuePath}.value`, rangeWords(problem));
      }
    }
  };

  for (const [goal, g] of list(input.goals)) {
    if (!isObj(goal)) continue;
    const goalPath = `$.goals[${g}]`;
    unique('goal', goal.number, `${goalPath}.number`);
    for (const [kpi, k] of list(goal.numericTargets)) checkKpi(kpi, `${goalPath}.numericTargets[${k}]`);
    for (const [direction, d] of list(goal.directions)) {
      if (!isObj(direction)) continue;
      const directionPath = `${goalPath}.directions[${d}]`;
      unique('direction', direction.code, `${directionPath}.code`);
      if (typeof direction.code === 'string' && typeof goal.number === 'number' && !direction.code.startsWith(`${goal.number}-`)) {
        add(`${directionPath}.code`, rule('directionPrefix', { goal: goal.number }));
      }
      for (const [measure, m] of list(direction.measures)) {
        if (!isObj(measure)) continue;
        const measurePath = `${directionPath}.measures[${m}]`;
        unique('measure', measure.number, `${measurePath}.number`);
        checkPredecessor(measure, measurePath);
        for (const [project, p] of list(measure.projects)) {
          if (!isObj(project)) continue;
          const projectPath = `${measurePath}.projects[${p}]`;
          unique('project', project.code, `${projectPath}.code`);
          checkPredecessor(project, projectPath);
          const owners = new Set<unknown>();
          for (const [code, c] of list(project.departments)) {
            if (typeof code !== 'string') continue;
            if (!departmentCodes.has(code)) add(`${projectPath}.departments[${c}]`, rule('unknownDepartment', { code, quoted: JSON.stringify(code) }));
            if (owners.has(code)) add(`${projectPath}.departments[${c}]`, rule('departmentTwice', { code, quoted: JSON.stringify(code) }));
            owners.add(code);
          }
          for (const [kpi, k] of list(project.kpis)) checkKpi(kpi, `${projectPath}.kpis[${k}]`);
        }
      }
    }
  }
  return problems;
}
