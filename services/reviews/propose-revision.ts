/**
 * Decide: a department (for its own projects) or the strategy office proposes a revision,
 * typed like the document's markers, with its rationale and the proposed new values. What the
 * subject looks like now is kept as `before`, so the approver sees the difference.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { departments, directions, kpis, measures, projectDepartments, projects, proposals } from '../../db/schema/index.ts';
import { assertCanActFor, isStrategyOffice, requireUser } from '../auth/authorize.ts';
import { withTransaction, type AuthUser, type ServiceContext } from '../context.ts';
import { badRequest, type FieldProblem, forbidden, notFound, problemAt } from '../errors.ts';
import { rangeProblem, rangeWords, unitOf } from '../plans/units.ts';
import { valuesInForce } from '../plans/load-plan-tree.ts';
import { eventActor, lockCycle, transitionCycle, type ReviewCycle } from './cycle-transition.ts';
import type { ProposalBody } from './proposal-kinds.ts';
import { proposableMarkers } from './permissions.ts';

export async function proposeRevision({ ctx, input }: { ctx: ServiceContext; input: ProposalBody & { cycleId: string } }) {
  const user = requireUser(ctx);
  return withTransaction(ctx, async (tx) => {
    const cycle = await lockCycle(tx, input.cycleId, user);
    const { before, departmentId } = await resolveSubject(tx, user, cycle, input);
    const problems = figureProblems(input, (before as { unit?: string } | null)?.unit);
    if (problems.length) throw badRequest(problems.map((p) => `${p.field} ${p.message}`).join('; '), problems);
    await transitionCycle(tx, ctx, cycle, { type: 'PROPOSE', actor: eventActor(user) }, { marker: input.marker, subjectId: input.subjectId });
    const [row] = await tx
      .insert(proposals)
      .values({
        cycleId: cycle.id,
        marker: input.marker,
        subjectId: input.subjectId,
        departmentId,
        before,
        proposed: input.proposed,
        rationale: input.rationale,
        proposedBy: user.id,
        proposedAt: ctx.clock.now(),
      })
      .returning();
    return row!;
  });
}

/** Checks the subject belongs to this cycle and the user may propose about it; returns what it looks like now. */
async function resolveSubject(tx: Tx, user: AuthUser, cycle: ReviewCycle, input: ProposalBody): Promise<{ before: unknown; departmentId: string | null }> {
  const ownDepartment = isStrategyOffice(user) ? null : user.departmentId;
  const soOnly = () => {
    if (!proposableMarkers(user).includes(input.marker)) throw forbidden(`only the strategy office may propose ${input.marker}`);
  };
  switch (input.marker) {
    case 'kpi_changed':
    case 'target_changed': {
      const [row] = await tx
        .select({ kpi: kpis, projectId: projects.id })
        .from(kpis)
        .innerJoin(projects, eq(projects.id, kpis.projectId))
        .where(and(eq(kpis.id, input.subjectId), eq(projects.measureId, cycle.measureId)));
      if (!row) throw notFound('KPI');
      assertCanActFor(user, await ownersOf(tx, row.projectId), 'KPI');
      return { before: await kpiSnapshot(tx, row.kpi), departmentId: ownDepartment };
    }
    case 'numeric_target_changed': {
      soOnly();
      const [row] = await tx
        .select({ kpi: kpis })
        .from(kpis)
        .innerJoin(directions, eq(directions.goalId, kpis.goalId))
        .innerJoin(measures, eq(measures.directionId, directions.id))
        .where(and(eq(kpis.id, input.subjectId), eq(measures.id, cycle.measureId)));
      if (!row) throw notFound('numeric target');
      return { before: await kpiSnapshot(tx, row.kpi), departmentId: null };
    }
    case 'project_content_changed':
    case 'project_ended': {
      const [project] = await tx.select().from(projects).where(and(eq(projects.id, input.subjectId), eq(projects.measureId, cycle.measureId)));
      if (!project) throw notFound('project');
      const owners = await ownersOf(tx, project.id);
      assertCanActFor(user, owners, 'project');
      return { before: { name: project.name, description: project.description, status: project.status, version: project.version }, departmentId: ownDepartment };
    }
    case 'project_added': {
      if (input.subjectId !== cycle.measureId) throw notFound('measure');
      const departmentIds = (input.proposed as { departmentIds: string[] }).departmentIds;
      const known = await tx.select({ id: departments.id }).from(departments).where(and(inArray(departments.id, departmentIds), eq(departments.organizationId, user.organizationId)));
      const unknown = departmentIds.findIndex((id) => !known.some((k) => k.id === id));
      if (unknown >= 0) throw badRequest('unknown department', [problemAt(`body.proposed.departmentIds[${unknown}]`, { key: 'problems.notADepartment' })]);
      if (!isStrategyOffice(user) && !departmentIds.includes(user.departmentId!)) {
        throw forbidden('a department proposes new projects that it runs itself: include your department');
      }
      return { before: null, departmentId: ownDepartment };
    }
    case 'measure_added': {
      soOnly();
      const [direction] = await tx.select().from(directions).where(and(eq(directions.id, input.subjectId), eq(directions.planId, cycle.planId)));
      if (!direction) throw notFound('direction');
      return { before: null, departmentId: null };
    }
  }
}

/** Proposed targets and baselines must be figures that can be right for their unit, as submitted actuals must. */
function figureProblems(input: ProposalBody, currentUnit: string | undefined): FieldProblem[] {
  const proposed = input.proposed as Record<string, any>;
  const figures: { field: string; value: number; unit: string | undefined }[] = [];
  if (input.marker === 'target_changed') figures.push({ field: 'body.proposed.value', value: proposed.value, unit: currentUnit });
  if (input.marker === 'numeric_target_changed' && proposed.target) figures.push({ field: 'body.proposed.target.value', value: proposed.target.value, unit: proposed.unit ?? currentUnit });
  if (input.marker === 'project_added') {
    (proposed.kpis as { unit: string; baseline?: { value: number }; target: { value: number } }[]).forEach((k, i) => {
      if (k.baseline) figures.push({ field: `body.proposed.kpis[${i}].baseline.value`, value: k.baseline.value, unit: k.unit });
      figures.push({ field: `body.proposed.kpis[${i}].target.value`, value: k.target.value, unit: k.unit });
    });
  }
  return figures.flatMap(({ field, value, unit }) => {
    const problem = rangeProblem(unitOf(unit ?? '')?.kind ?? 'amount', value);
    return problem ? [problemAt(field, rangeWords(problem))] : [];
  });
}

async function ownersOf(tx: Tx, projectId: string): Promise<string[]> {
  const rows = await tx.select({ id: projectDepartments.departmentId }).from(projectDepartments).where(eq(projectDepartments.projectId, projectId));
  return rows.map((r) => r.id);
}

/** A KPI's definition and targets in force, as the approver should see them next to the proposal. */
export async function kpiSnapshot(tx: Tx, kpi: typeof kpis.$inferSelect) {
  const values = await valuesInForce(tx, kpi.planId, [kpi.id]);
  return {
    name: kpi.name,
    unit: kpi.unit,
    cumulative: kpi.cumulative,
    direction: kpi.direction,
    note: kpi.note,
    version: kpi.version,
    targets: values.filter((v) => v.kind === 'target').map((v) => ({ fiscalYear: v.fiscalYear, value: v.value })),
  };
}
