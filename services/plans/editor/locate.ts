/**
 * Finding an item of a draft by the key people see (goal and measure numbers) or its stable
 * code (directions, projects, KPIs), with its JSON path for problems. Missing is 404.
 */
import { notFound } from '../../errors.ts';
import type { PlanFile, PlanFileGoal, PlanFileKpi, PlanFileMeasure, PlanFileProject } from '../plan-file.ts';

type Direction = PlanFileGoal['directions'][number];

export function findGoal(draft: PlanFile, number: number) {
  const index = draft.goals.findIndex((g) => g.number === number);
  if (index < 0) throw notFound('goal');
  return { goal: draft.goals[index]!, index, path: `$.goals[${index}]` };
}

function* directionsOf(draft: PlanFile) {
  for (const [g, goal] of draft.goals.entries()) {
    for (const [d, direction] of goal.directions.entries()) yield { goal, direction, index: d, path: `$.goals[${g}].directions[${d}]` };
  }
}

export function findDirection(draft: PlanFile, code: string) {
  for (const found of directionsOf(draft)) if (found.direction.code === code) return found;
  throw notFound('direction');
}

function* measuresOf(draft: PlanFile) {
  for (const { direction, path } of directionsOf(draft)) {
    for (const [m, measure] of direction.measures.entries()) yield { direction, measure, index: m, path: `${path}.measures[${m}]` };
  }
}

export function findMeasure(draft: PlanFile, number: number): { direction: Direction; measure: PlanFileMeasure; index: number; path: string } {
  for (const found of measuresOf(draft)) if (found.measure.number === number) return found;
  throw notFound('measure');
}

function* projectsOf(draft: PlanFile) {
  for (const { measure, path } of measuresOf(draft)) {
    for (const [p, project] of measure.projects.entries()) yield { measure, project, index: p, path: `${path}.projects[${p}]` };
  }
}

export function findProject(draft: PlanFile, code: string): { measure: PlanFileMeasure; project: PlanFileProject; index: number; path: string } {
  for (const found of projectsOf(draft)) if (found.project.code === code) return found;
  throw notFound('project');
}

/** A KPI of a project, or a numeric target of a goal: the list it sits in and its path. */
export function findKpi(draft: PlanFile, code: string): { list: PlanFileKpi[]; kpi: PlanFileKpi; index: number; path: string } {
  for (const [g, goal] of draft.goals.entries()) {
    const index = goal.numericTargets.findIndex((k) => k.code === code);
    if (index >= 0) return { list: goal.numericTargets, kpi: goal.numericTargets[index]!, index, path: `$.goals[${g}].numericTargets[${index}]` };
  }
  for (const { project, path } of projectsOf(draft)) {
    const index = project.kpis.findIndex((k) => k.code === code);
    if (index >= 0) return { list: project.kpis, kpi: project.kpis[index]!, index, path: `${path}.kpis[${index}]` };
  }
  throw notFound('KPI');
}

export const allMeasures = (draft: PlanFile) => [...measuresOf(draft)].map((m) => m.measure);
export const allProjects = (draft: PlanFile) => [...projectsOf(draft)].map((p) => p.project);
export const allKpiCodes = (draft: PlanFile) => [
  ...draft.goals.flatMap((g) => g.numericTargets.map((k) => k.code)),
  ...allProjects(draft).flatMap((p) => p.kpis.map((k) => k.code)),
];

/** The first `prefix + n` not yet taken, n counting from 1 (codes are never shown; they only keep items apart). */
export function freeCode(taken: Iterable<string>, prefix: string, pad = 0): string {
  const used = new Set(taken);
  for (let n = 1; ; n++) {
    const code = `${prefix}${String(n).padStart(pad, '0')}`;
    if (!used.has(code)) return code;
  }
}
