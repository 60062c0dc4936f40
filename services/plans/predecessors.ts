/**
 * A continued item's link to its predecessor, between the plan file and the tables. The file
 * names the predecessor by the earlier plan's code and the item's code (a measure: its number);
 * the tables hold the predecessor's id (measures/projects/kpis.predecessor_*_id), which the KPI
 * page follows to show both periods in one series. Reading a file resolves codes to ids (a
 * predecessor that is not in the organization's earlier plans is a field problem); writing one
 * turns ids back into codes.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { kpis, measures, plans, projects } from '../../db/schema/index.ts';
import { type FieldProblem, problemAt } from '../errors.ts';
import type { Words } from '../i18n/translate.ts';
import type { PlanFile, PlanFileKpi, PlanFileMeasure, PlanFileMeasurePredecessor, PlanFilePredecessor, PlanFileProject } from './plan-file.ts';

/** The predecessor's id of each continued item, keyed by the item of the file being written. */
export interface PredecessorLinks {
  measures: Map<PlanFileMeasure, string>;
  projects: Map<PlanFileProject, string>;
  kpis: Map<PlanFileKpi, string>;
}

export const noPredecessors = (): PredecessorLinks => ({ measures: new Map(), projects: new Map(), kpis: new Map() });

const words = (key: 'noPlan' | 'notEarlier' | 'noMeasure' | 'noProject' | 'noKpi', params: Words['params']): Words => ({ key: `problems.predecessor.${key}`, params });

type Ref =
  | { kind: 'measure'; item: PlanFileMeasure; path: string; ref: PlanFileMeasurePredecessor }
  | { kind: 'project'; item: PlanFileProject; path: string; ref: PlanFilePredecessor }
  | { kind: 'kpi'; item: PlanFileKpi; path: string; ref: PlanFilePredecessor };

function refsOf(file: PlanFile): Ref[] {
  const refs: Ref[] = [];
  const kpi = (k: PlanFileKpi, path: string) => k.predecessor && refs.push({ kind: 'kpi', item: k, path, ref: k.predecessor });
  file.goals.forEach((goal, g) => {
    goal.numericTargets.forEach((k, i) => kpi(k, `$.goals[${g}].numericTargets[${i}]`));
    goal.directions.forEach((direction, d) =>
      direction.measures.forEach((measure, m) => {
        const measurePath = `$.goals[${g}].directions[${d}].measures[${m}]`;
        if (measure.predecessor) refs.push({ kind: 'measure', item: measure, path: measurePath, ref: measure.predecessor });
        measure.projects.forEach((project, p) => {
          const projectPath = `${measurePath}.projects[${p}]`;
          if (project.predecessor) refs.push({ kind: 'project', item: project, path: projectPath, ref: project.predecessor });
          project.kpis.forEach((k, i) => kpi(k, `${projectPath}.kpis[${i}]`));
        });
      }),
    );
  });
  return refs;
}

/**
 * The file's predecessors as ids, or a problem at each one that names no item of an earlier
 * plan of the organization (`organizationId` null: an organization not yet in the install).
 */
export async function resolvePredecessors(db: DbOrTx, organizationId: string | null, file: PlanFile): Promise<{ problems: FieldProblem[]; links: PredecessorLinks }> {
  const links = noPredecessors();
  const refs = refsOf(file);
  if (!refs.length) return { problems: [], links };
  const codes = [...new Set(refs.map((r) => r.ref.plan))];
  const earlier = organizationId
    ? await db.select({ id: plans.id, code: plans.code, end: plans.periodEndFiscalYear }).from(plans).where(and(eq(plans.organizationId, organizationId), inArray(plans.code, codes)))
    : [];
  const planIds = earlier.map((p) => p.id);
  const [measureRows, projectRows, kpiRows] = planIds.length
    ? await Promise.all([
        db.select({ id: measures.id, planId: measures.planId, key: measures.number }).from(measures).where(inArray(measures.planId, planIds)),
        db.select({ id: projects.id, planId: projects.planId, key: projects.code }).from(projects).where(inArray(projects.planId, planIds)),
        db.select({ id: kpis.id, planId: kpis.planId, key: kpis.code }).from(kpis).where(inArray(kpis.planId, planIds)),
      ])
    : [[], [], []];
  const index = (rows: { id: string; planId: string; key: string | number }[]) => new Map(rows.map((r) => [`${r.planId}/${r.key}`, r.id]));
  const ids = { measure: index(measureRows), project: index(projectRows), kpi: index(kpiRows) };

  const problems: FieldProblem[] = [];
  for (const r of refs) {
    const plan = earlier.find((p) => p.code === r.ref.plan);
    if (!plan) {
      problems.push(problemAt(`${r.path}.predecessor.plan`, words('noPlan', { plan: r.ref.plan })));
      continue;
    }
    if (plan.end >= file.plan.periodStartFiscalYear) {
      problems.push(problemAt(`${r.path}.predecessor.plan`, words('notEarlier', { plan: r.ref.plan })));
      continue;
    }
    const key = r.kind === 'measure' ? r.ref.number : r.ref.code;
    const id = ids[r.kind].get(`${plan.id}/${key}`);
    if (!id) {
      problems.push(problemAt(`${r.path}.predecessor.${r.kind === 'measure' ? 'number' : 'code'}`, words(r.kind === 'measure' ? 'noMeasure' : r.kind === 'project' ? 'noProject' : 'noKpi', { plan: r.ref.plan, item: key })));
      continue;
    }
    if (r.kind === 'measure') links.measures.set(r.item, id);
    else if (r.kind === 'project') links.projects.set(r.item, id);
    else links.kpis.set(r.item, id);
  }
  return { problems, links };
}

/** For the export: each predecessor id of a plan's items as the file names it (plan code and item code or number). */
export async function predecessorRefs(db: DbOrTx, ids: { measures: string[]; projects: string[]; kpis: string[] }) {
  const [measureRows, projectRows, kpiRows] = await Promise.all([
    ids.measures.length
      ? db.select({ id: measures.id, plan: plans.code, number: measures.number }).from(measures).innerJoin(plans, eq(plans.id, measures.planId)).where(inArray(measures.id, ids.measures))
      : [],
    ids.projects.length
      ? db.select({ id: projects.id, plan: plans.code, code: projects.code }).from(projects).innerJoin(plans, eq(plans.id, projects.planId)).where(inArray(projects.id, ids.projects))
      : [],
    ids.kpis.length ? db.select({ id: kpis.id, plan: plans.code, code: kpis.code }).from(kpis).innerJoin(plans, eq(plans.id, kpis.planId)).where(inArray(kpis.id, ids.kpis)) : [],
  ]);
  const measureRefs = new Map(measureRows.map((r): [string, PlanFileMeasurePredecessor] => [r.id, { plan: r.plan, number: r.number }]));
  const projectRefs = new Map(projectRows.map((r): [string, PlanFilePredecessor] => [r.id, { plan: r.plan, code: r.code }]));
  const kpiRefs = new Map(kpiRows.map((r): [string, PlanFilePredecessor] => [r.id, { plan: r.plan, code: r.code }]));
  return {
    measure: (id: string | null) => (id ? measureRefs.get(id) : undefined),
    project: (id: string | null) => (id ? projectRefs.get(id) : undefined),
    kpi: (id: string | null) => (id ? kpiRefs.get(id) : undefined),
  };
}
