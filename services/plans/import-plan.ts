/**
 * Imports a plan file: validates the whole file, then writes the organization, its
 * departments and the plan in one transaction. A file that was imported before (same
 * organization, plan code and content) is a no-op; the same code with other content is a
 * conflict, never a silent overwrite.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import {
  decisionLog,
  departments,
  directions,
  goals,
  kpis,
  kpiValues,
  kpiVersions,
  measures,
  organizations,
  plans,
  populationFigures,
  projectDepartments,
  projects,
  projectVersions,
} from '../../db/schema/index.ts';
import { withTransaction, type ServiceContext } from '../context.ts';
import { badRequest, conflict, problemAt } from '../errors.ts';
import { canonicalJson, sha256 } from './canonical-json.ts';
import { normalizePlanFile } from './normalize-plan-file.ts';
import type { PlanFile, PlanFileKpi, PlanFileRevision } from './plan-file.ts';
import { validatePlanFile } from './validate-plan-file.ts';
import { noPredecessors, resolvePredecessors, type PredecessorLinks } from './predecessors.ts';
import { requireSystem } from '../auth/authorize.ts';

export interface ImportResult {
  status: 'created' | 'unchanged';
  planId: string;
  organizationId: string;
  counts: { goals: number; directions: number; measures: number; projects: number; kpis: number; values: number; decisions: number };
}

export async function importPlan({ ctx, input }: { ctx: ServiceContext; input: unknown }): Promise<ImportResult> {
  requireSystem(ctx, 'plans are imported from the command line');
  return importPlanFile(ctx, input);
}

/**
 * The import itself, for a verb that has authorized its caller already (the strategy office's
 * workbook upload, services/plans/workbook/import-plan-workbook.ts, for its own organization).
 */
export async function importPlanFile(ctx: ServiceContext, input: unknown): Promise<ImportResult> {
  const check = validatePlanFile(input);
  if (!check.ok) {
    throw badRequest(
      `the plan file has ${check.problems.length} problem(s); nothing was imported`,
      check.problems,
    );
  }
  const file = normalizePlanFile(check.plan);
  const sourceHash = sha256(canonicalJson(file));

  return withTransaction(ctx, async (tx) => {
    const organizationId = await upsertOrganization(tx, file.organization);
    const [existing] = await tx
      .select({ id: plans.id, sourceHash: plans.sourceHash })
      .from(plans)
      .where(and(eq(plans.organizationId, organizationId), eq(plans.code, file.plan.code)));
    if (existing) {
      if (existing.sourceHash !== sourceHash) {
        throw conflict(`plan "${file.plan.code}" already exists in organization "${file.organization.code}" with other content; import it under a new plan code`);
      }
      return { status: 'unchanged', planId: existing.id, organizationId, counts: countOf(file, 0) };
    }
    // A continued item's predecessor must be in an earlier plan already here (the transaction undoes the organization's upsert).
    const { problems, links } = await resolvePredecessors(tx, organizationId, file);
    if (problems.length) throw badRequest(`the plan file has ${problems.length} problem(s); nothing was imported`, problems);
    const departmentIds = await upsertDepartments(tx, organizationId, file.departments);
    const written = await writePlan(tx, organizationId, departmentIds, file, sourceHash, links);
    return { status: 'created', planId: written.planId, organizationId, counts: countOf(file, written.decisions) };
  });
}

async function upsertOrganization(tx: Tx, org: PlanFile['organization']): Promise<string> {
  await tx
    .insert(organizations)
    .values({ code: org.code, name: org.name, nameEn: org.nameEn })
    .onConflictDoNothing({ target: organizations.code });
  const [row] = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, org.code));
  return row!.id;
}

async function upsertDepartments(tx: Tx, organizationId: string, list: PlanFile['departments']): Promise<Map<string, string>> {
  const existing = list.length
    ? await tx
        .select()
        .from(departments)
        .where(and(eq(departments.organizationId, organizationId), inArray(departments.code, list.map((d) => d.code))))
    : [];
  const ids = new Map(existing.map((d) => [d.code, d.id]));
  const clashes = list.flatMap((d, i) => {
    const found = existing.find((e) => e.code === d.code);
    return found && found.name !== d.name
      ? [problemAt(`$.departments[${i}].name`, { key: 'problems.departmentExists', params: { code: d.code, name: found.name } })]
      : [];
  });
  if (clashes.length) throw badRequest('the plan file disagrees with departments already in the organization; nothing was imported', clashes);
  const fresh = list.filter((d) => !ids.has(d.code)).map((d) => ({ id: randomUUID(), organizationId, ...d }));
  if (fresh.length) await tx.insert(departments).values(fresh);
  for (const d of fresh) ids.set(d.code, d.id);
  return ids;
}

type Row<T extends { $inferInsert: unknown }> = T['$inferInsert'];

async function writePlan(tx: Tx, organizationId: string, departmentIds: Map<string, string>, file: PlanFile, sourceHash: string, links: PredecessorLinks) {
  const planId = randomUUID();
  await tx.insert(plans).values({
    id: planId,
    organizationId,
    code: file.plan.code,
    name: file.plan.name,
    nameEn: file.plan.nameEn,
    periodStartFiscalYear: file.plan.periodStartFiscalYear,
    periodEndFiscalYear: file.plan.periodEndFiscalYear,
    source: file.plan.source,
    sourceHash,
    // An imported plan is in force: adopted, on the day the file says (else unknown, never made up).
    status: 'adopted',
    adoptedOn: file.plan.adoptedOn ?? null,
  });
  return { planId, decisions: await writePlanContent(tx, planId, organizationId, departmentIds, file, links) };
}

/**
 * Writes a checked plan file's content (population vision, goals down to KPI values, the
 * document's revisions) under a plan row that exists: the importer's new row, or a draft
 * being adopted (services/plans/editor/adopt-plan.ts), continued items linked to their
 * predecessors (resolvePredecessors). Returns how many decisions it logged.
 */
export async function writePlanContent(
  tx: Tx,
  planId: string,
  organizationId: string,
  departmentIds: Map<string, string>,
  file: PlanFile,
  links: PredecessorLinks = noPredecessors(),
): Promise<number> {
  const rows = {
    goals: [] as Row<typeof goals>[],
    directions: [] as Row<typeof directions>[],
    measures: [] as Row<typeof measures>[],
    projects: [] as Row<typeof projects>[],
    projectVersions: [] as Row<typeof projectVersions>[],
    projectDepartments: [] as Row<typeof projectDepartments>[],
    kpis: [] as Row<typeof kpis>[],
    kpiVersions: [] as Row<typeof kpiVersions>[],
    kpiValues: [] as Row<typeof kpiValues>[],
    decisions: [] as Row<typeof decisionLog>[],
  };
  const decide = (subjectType: 'measure' | 'project' | 'kpi', subjectId: string, subjectCode: string, revisions: PlanFileRevision[] | undefined, after: unknown) => {
    for (const r of revisions ?? []) {
      rows.decisions.push({
        organizationId,
        planId,
        fiscalYear: r.fiscalYear,
        marker: r.marker,
        subjectType,
        subjectId,
        subjectCode,
        before: null,
        after,
        rationale: r.note,
        source: 'document',
        // The print dates the revision by its fiscal year only (令和4年度に中間見直しを実施): no day is made up.
        decidedAt: null,
      });
    }
  };
  const addKpi = (kpi: PlanFileKpi, position: number, owner: { projectId?: string; goalId?: string }) => {
    const id = randomUUID();
    const definition = {
      name: kpi.name,
      unit: kpi.unit,
      cumulative: kpi.cumulative,
      direction: kpi.direction,
      note: kpi.note,
      dataSourceName: kpi.dataSource?.name,
    };
    rows.kpis.push({ id, planId, code: kpi.code, position, ...owner, ...definition, predecessorKpiId: links.kpis.get(kpi) ?? null });
    rows.kpiVersions.push({ kpiId: id, version: 1, ...definition, provenance: 'document' });
    for (const v of kpi.values) {
      rows.kpiValues.push({
        kpiId: id,
        kind: v.kind,
        fiscalYear: v.fiscalYear,
        yearBasis: v.yearBasis ?? 'fiscal',
        value: v.value,
        cumulative: v.cumulative ?? false,
        quality: v.quality ?? 'final',
        cancelledReason: v.cancelled?.reason,
        printed: v.printed,
        note: v.note,
        provenance: 'document',
      });
    }
    decide('kpi', id, kpi.code, kpi.revisions, { name: kpi.name, unit: kpi.unit });
  };

  let directionPosition = 0;
  let measurePosition = 0;
  for (const goal of file.goals) {
    const goalId = randomUUID();
    rows.goals.push({ id: goalId, planId, number: goal.number, title: goal.title, situation: goal.situation, approach: goal.approach });
    goal.numericTargets.forEach((kpi, i) => addKpi(kpi, i, { goalId }));
    for (const direction of goal.directions) {
      const directionId = randomUUID();
      rows.directions.push({ id: directionId, planId, goalId, code: direction.code, title: direction.title, position: directionPosition++ });
      for (const measure of direction.measures) {
        const measureId = randomUUID();
        rows.measures.push({
          id: measureId,
          planId,
          directionId,
          number: measure.number,
          title: measure.title,
          summary: measure.summary,
          audiences: measure.audiences ?? [],
          outcomes: measure.outcomes ?? [],
          position: measurePosition++,
          predecessorMeasureId: links.measures.get(measure) ?? null,
        });
        decide('measure', measureId, `m${String(measure.number).padStart(2, '0')}`, measure.revisions, { title: measure.title });
        measure.projects.forEach((project, p) => {
          const projectId = randomUUID();
          const content = { name: project.name, description: project.description, status: project.status ?? 'active' };
          rows.projects.push({ id: projectId, planId, measureId, code: project.code, position: p, ...content, predecessorProjectId: links.projects.get(project) ?? null });
          rows.projectVersions.push({ projectId, version: 1, ...content, provenance: 'document' });
          project.departments.forEach((code, position) =>
            rows.projectDepartments.push({ projectId, departmentId: departmentIds.get(code)!, position }),
          );
          project.kpis.forEach((kpi, k) => addKpi(kpi, k, { projectId }));
          decide('project', projectId, project.code, project.revisions, { ...content, departments: project.departments });
        });
      }
    }
  }

  if (file.populationVision.length) {
    await tx.insert(populationFigures).values(file.populationVision.map((f, position) => ({ planId, position, ...f })));
  }
  // Parents before children, in batches small enough for the parameter limit.
  for (const [table, values] of [
    [goals, rows.goals],
    [directions, rows.directions],
    [measures, rows.measures],
    [projects, rows.projects],
    [projectVersions, rows.projectVersions],
    [projectDepartments, rows.projectDepartments],
    [kpis, rows.kpis],
    [kpiVersions, rows.kpiVersions],
    [kpiValues, rows.kpiValues],
    [decisionLog, rows.decisions],
  ] as const) {
    for (let i = 0; i < values.length; i += 500) {
      await tx.insert(table).values(values.slice(i, i + 500) as never);
    }
  }
  return rows.decisions.length;
}

function countOf(file: PlanFile, decisions: number): ImportResult['counts'] {
  const directionList = file.goals.flatMap((g) => g.directions);
  const measureList = directionList.flatMap((d) => d.measures);
  const projectList = measureList.flatMap((m) => m.projects);
  const kpiList = [...file.goals.flatMap((g) => g.numericTargets), ...projectList.flatMap((p) => p.kpis)];
  return {
    goals: file.goals.length,
    directions: directionList.length,
    measures: measureList.length,
    projects: projectList.length,
    kpis: kpiList.length,
    values: kpiList.reduce((n, k) => n + k.values.length, 0),
    decisions,
  };
}
