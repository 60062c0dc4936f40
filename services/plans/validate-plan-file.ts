/**
 * Checks a whole plan file before anything is written: first its shape against the JSON
 * Schema, then the rules a schema cannot say (unique codes, known departments, values in
 * range for their unit). Every problem carries its JSON path and a plain-words message.
 */
import { Ajv } from 'ajv';
import type { FieldProblem } from '../errors.ts';
import { describeAjvErrors, type Locale } from '../validation-messages.ts';
import { PlanFile } from './plan-file.ts';
import { isCalendarDate } from '../input-formats.ts';
import { RANGE_MESSAGES, rangeProblem, unitOf } from './units.ts';

/** Each problem's `field` is its JSON path, e.g. `$.goals[0].title`. */
export type PlanFileCheck = { ok: true; plan: PlanFile } | { ok: false; problems: FieldProblem[] };

// strictNumbers: a figure must be a real number (1e400 parses to Infinity; it is refused).
const ajv = new Ajv({ allErrors: true, strict: false, strictNumbers: true });
const validateShape = ajv.compile(PlanFile);

/** Messages in `locale` (English by default: the command line's and the API's plan file). */
export function validatePlanFile(input: unknown, locale: Locale = 'en'): PlanFileCheck {
  const problems: FieldProblem[] = [];
  if (!validateShape(input)) {
    problems.push(...describeAjvErrors(validateShape.errors ?? [], '$', locale));
  }
  problems.push(...checkRules(input, locale));
  return problems.length === 0 ? { ok: true, plan: input as PlanFile } : { ok: false, problems };
}

// ---- rules beyond the schema; written defensively because the shape may be wrong too ----

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): [unknown, number][] => (Array.isArray(v) ? v.map((item, i) => [item, i]) : []);

const RULE_WORDS = {
  en: {
    usedTwice: (what: string, value: unknown, earlier: string) => `${what} ${JSON.stringify(value)} is used twice (first at ${earlier})`,
    what: { department: 'department code', kpi: 'KPI code', goal: 'goal number', direction: 'direction code', measure: 'measure number', project: 'project code' },
    periodOrder: 'must not be before periodStartFiscalYear',
    givenTwice: (kind: string, year: string) => `a ${kind} for ${year} is given twice`,
    cancelledOnlyActual: 'only an actual can be marked cancelled',
    targetOutside: (start: number, end: number) => `a target must be for a year of the plan period (${start}–${end})`,
    directionPrefix: (goal: number) => `must start with the goal number (${goal}-)`,
    unknownDepartment: (code: string) => `department ${JSON.stringify(code)} is not listed in $.departments`,
    departmentTwice: (code: string) => `department ${JSON.stringify(code)} is listed twice`,
    ownPredecessor: 'must name an earlier plan, not this one',
  },
  ja: {
    usedTwice: (what: string, value: unknown, earlier: string) => `${what}「${String(value)}」が重複しています（最初は ${earlier}）`,
    what: { department: '担当課コード', kpi: 'ＫＰＩコード', goal: '基本目標の番号', direction: '基本的方向のコード', measure: '施策番号', project: '事業コード' },
    periodOrder: '計画期間の最終年度が初年度より前です',
    givenTwice: (kind: string, year: string) => `${({ baseline: '基準値', actual: '実績値', target: '目標値' } as Record<string, string>)[kind] ?? kind}（${year}）が二重に入力されています`,
    cancelledOnlyActual: '中止にできるのは実績値だけです',
    targetOutside: (start: number, end: number) => `目標年度は計画期間（${start}〜${end}年度）内の年度にしてください`,
    directionPrefix: (goal: number) => `基本目標の番号で始めてください（${goal}-）`,
    unknownDepartment: (code: string) => `担当課「${code}」は担当課の一覧にありません`,
    departmentTwice: (code: string) => `担当課「${code}」が二度指定されています`,
    ownPredecessor: '前期の計画を指定してください（この計画自身は指定できません）',
  },
};

function checkRules(input: unknown, locale: Locale): FieldProblem[] {
  const w = RULE_WORDS[locale];
  const problems: FieldProblem[] = [];
  if (!isObj(input)) return problems;
  const add = (field: string, message: string) => problems.push({ field, message });

  const firstSeen = new Map<string, string>();
  const unique = (scope: keyof typeof w.what, value: unknown, path: string) => {
    if (typeof value !== 'string' && typeof value !== 'number') return;
    const key = `${scope}:${value}`;
    const earlier = firstSeen.get(key);
    if (earlier) add(path, w.usedTwice(w.what[scope], value, earlier));
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
    add('$.plan.periodEndFiscalYear', w.periodOrder);
  }
  if (typeof plan.adoptedOn === 'string' && !isCalendarDate(plan.adoptedOn)) add('$.plan.adoptedOn', 'must be a date (YYYY-MM-DD)');

  const period =
    typeof plan.periodStartFiscalYear === 'number' && typeof plan.periodEndFiscalYear === 'number' ? { start: plan.periodStartFiscalYear, end: plan.periodEndFiscalYear } : null;
  // Whether the earlier plan and its item exist is the database's to say (predecessors.ts).
  const checkPredecessor = (item: Obj, path: string) => {
    if (isObj(item.predecessor) && item.predecessor.plan === plan.code) add(`${path}.predecessor.plan`, w.ownPredecessor);
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
      if (seenValues.has(key)) add(valuePath, w.givenTwice(String(value.kind), String(value.fiscalYear)));
      seenValues.add(key);
      if (value.cancelled !== undefined && value.kind !== 'actual') add(`${valuePath}.cancelled`, w.cancelledOnlyActual);
      // A target before the last year is an interim target; one outside the period aims at nothing the plan reviews.
      if (value.kind === 'target' && period && typeof value.fiscalYear === 'number' && (value.fiscalYear < period.start || value.fiscalYear > period.end)) {
        add(`${valuePath}.fiscalYear`, w.targetOutside(period.start, period.end));
      }
      if (unit && typeof value.value === 'number') {
        const problem = rangeProblem(unit.kind, value.value);
        if (problem) add(`${valuePath}.value`, RANGE_MESSAGES[problem][locale]);
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
        add(`${directionPath}.code`, w.directionPrefix(goal.number));
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
            if (!departmentCodes.has(code)) add(`${projectPath}.departments[${c}]`, w.unknownDepartment(code));
            if (owners.has(code)) add(`${projectPath}.departments[${c}]`, w.departmentTwice(code));
            owners.add(code);
          }
          for (const [kpi, k] of list(project.kpis)) checkKpi(kpi, `${projectPath}.kpis[${k}]`);
        }
      }
    }
  }
  return problems;
}
