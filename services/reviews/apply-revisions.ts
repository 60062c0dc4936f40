/**
 * Act: the cycle's approved revisions become part of the plan, as new versions (history is
 * never overwritten), each with its append-only decision-log entry — who approved it, when,
 * the marker, before and after, the cycle — and a job to announce it. Runs inside the
 * transaction that moves the cycle into Act.
 */
import { and, asc, eq, isNull, max, sql } from 'drizzle-orm';
import type { Static } from 'typebox';
import type { Tx } from '../../db/client.ts';
import {
  decisionLog,
  directions,
  kpis,
  kpiValues,
  kpiVersions,
  measures,
  projectDepartments,
  projects,
  projectVersions,
  proposals,
} from '../../db/schema/index.ts';
import type { Clock } from '../context.ts';
import { conflict } from '../errors.ts';
import { enqueue } from '../outbox/enqueue.ts';
import { assertWritablePlan } from '../plans/current-plan.ts';
import type { ReviewCycle } from './cycle-transition.ts';
import type { NewKpi, ProposedValues } from './proposal-kinds.ts';

type Proposal = typeof proposals.$inferSelect;
type Applied = { subjectType: 'measure' | 'project' | 'kpi'; subjectId: string; subjectCode: string; after: Record<string, unknown> };

export async function applyApprovedRevisions(tx: Tx, clock: Clock, cycle: ReviewCycle): Promise<number[]> {
  const approved = await tx
    .select()
    .from(proposals)
    .where(and(eq(proposals.cycleId, cycle.id), eq(proposals.status, 'approved'), isNull(proposals.decisionId)))
    .orderBy(asc(proposals.decidedAt));
  // Revisions change the plan: a past plan is read only.
  if (approved.length) await assertWritablePlan(tx, cycle.planId, cycle.fiscalYear, clock);
  const decisionIds: number[] = [];
  for (const proposal of approved) {
    // The id is taken first so the new versions can point at their decision, and the
    // append-only entry is written once, complete with what the revision produced.
    const [{ id: decisionId }] = (await tx.execute<{ id: string }>(sql`select nextval(pg_get_serial_sequence('decision_log', 'id')) as id`)) as unknown as [{ id: string }];
    const applied = await apply(tx, clock, cycle, proposal, Number(decisionId));
    await tx.insert(decisionLog).values({
      id: Number(decisionId),
      organizationId: cycle.organizationId,
      planId: cycle.planId,
      fiscalYear: cycle.fiscalYear,
      marker: proposal.marker,
      ...applied,
      before: proposal.before,
      rationale: proposal.rationale,
      source: 'review',
      cycleId: cycle.id,
      proposalId: proposal.id,
      decidedBy: proposal.decidedBy,
      decidedAt: proposal.decidedAt ?? clock.now(),
    });
    await tx.update(proposals).set({ decisionId: Number(decisionId) }).where(eq(proposals.id, proposal.id));
    await enqueue(tx, 'publish-decision', { decisionId: Number(decisionId) });
    decisionIds.push(Number(decisionId));
  }
  return decisionIds;
}

async function apply(tx: Tx, clock: Clock, cycle: ReviewCycle, proposal: Proposal, decisionId: number): Promise<Applied> {
  // Revisions decided in a cycle take effect from the next fiscal year.
  const effectiveFiscalYear = cycle.fiscalYear + 1;
  const now = clock.now();
  const proposed = proposal.proposed as Record<string, unknown>;
  switch (proposal.marker) {
    case 'kpi_changed':
    case 'target_changed':
    case 'numeric_target_changed': {
      const [kpi] = await tx.select().from(kpis).where(eq(kpis.id, proposal.subjectId)).for('update');
      const definition = pick(proposed, ['name', 'unit', 'cumulative', 'direction', 'note']);
      let current = kpi!;
      if (Object.keys(definition).length > 0) current = await newKpiVersion(tx, current, definition, { effectiveFiscalYear, decisionId, now });
      const target = proposal.marker === 'target_changed' ? (proposed as ProposedValues<'target_changed'>) : (proposed.target as ProposedValues<'target_changed'> | undefined);
      if (target) {
        await tx.insert(kpiValues).values({
          kpiId: current.id,
          kind: 'target',
          fiscalYear: target.fiscalYear,
          value: target.value,
          cumulative: current.cumulative,
          provenance: 'decision',
          // Applies from the effective year only: the year under review keeps the target it was judged on.
          sourceRef: { decisionId, effectiveFiscalYear },
          recordedBy: proposal.decidedBy,
          recordedAt: now,
        });
      }
      return { subjectType: 'kpi', subjectId: current.id, subjectCode: current.code, after: { ...definition, ...(target ? { target } : {}), version: current.version } };
    }
    case 'project_content_changed':
    case 'project_ended': {
      const [project] = await tx.select().from(projects).where(eq(projects.id, proposal.subjectId)).for('update');
      const changes =
        proposal.marker === 'project_ended'
          ? { status: 'ended' as const }
          : (pick(proposed, ['name', 'description']) as { name?: string; description?: string });
      const effective = proposal.marker === 'project_ended' ? (proposed as ProposedValues<'project_ended'>).effectiveFiscalYear : effectiveFiscalYear;
      const updated = await newProjectVersion(tx, project!, changes, { effectiveFiscalYear: effective, decisionId, now });
      return { subjectType: 'project', subjectId: updated.id, subjectCode: updated.code, after: { ...changes, effectiveFiscalYear: effective, version: updated.version } };
    }
    case 'project_added':
      return addProject(tx, cycle, proposed as ProposedValues<'project_added'>, { effectiveFiscalYear, decisionId, now, by: proposal.decidedBy });
    case 'measure_added':
      return addMeasure(tx, cycle, proposal.subjectId, proposed as ProposedValues<'measure_added'>, now);
  }
}

interface VersionMeta {
  effectiveFiscalYear: number;
  decisionId: number;
  now: Date;
}

async function newKpiVersion(tx: Tx, kpi: typeof kpis.$inferSelect, changes: Record<string, unknown>, meta: VersionMeta) {
  const [updated] = await tx
    .update(kpis)
    .set({ ...changes, version: kpi.version + 1 })
    .where(and(eq(kpis.id, kpi.id), eq(kpis.version, kpi.version)))
    .returning();
  if (!updated) throw conflict(`KPI ${kpi.code} changed while the revision was applied`);
  await tx.insert(kpiVersions).values({
    kpiId: kpi.id,
    version: updated.version,
    name: updated.name,
    unit: updated.unit,
    cumulative: updated.cumulative,
    direction: updated.direction,
    note: updated.note,
    dataSourceName: updated.dataSourceName,
    dataSourceLagMonths: updated.dataSourceLagMonths,
    provenance: 'decision',
    effectiveFiscalYear: meta.effectiveFiscalYear,
    decisionId: meta.decisionId,
    recordedAt: meta.now,
  });
  return updated;
}

async function newProjectVersion(tx: Tx, project: typeof projects.$inferSelect, changes: Partial<Pick<typeof projects.$inferSelect, 'name' | 'description' | 'status'>>, meta: VersionMeta) {
  const [updated] = await tx
    .update(projects)
    .set({ ...changes, version: project.version + 1 })
    .where(and(eq(projects.id, project.id), eq(projects.version, project.version)))
    .returning();
  if (!updated) throw conflict(`project ${project.code} changed while the revision was applied`);
  await tx.insert(projectVersions).values({
    projectId: project.id,
    version: updated.version,
    name: updated.name,
    description: updated.description,
    status: updated.status,
    provenance: 'decision',
    effectiveFiscalYear: meta.effectiveFiscalYear,
    decisionId: meta.decisionId,
    recordedAt: meta.now,
  });
  return updated;
}

async function addProject(tx: Tx, cycle: ReviewCycle, proposed: ProposedValues<'project_added'>, meta: VersionMeta & { by: string | null }): Promise<Applied> {
  const [measure] = await tx.select().from(measures).where(eq(measures.id, cycle.measureId));
  const [{ position }] = (await tx.select({ position: max(projects.position) }).from(projects).where(eq(projects.measureId, measure!.id))) as [{ position: number | null }];
  const existingCodes = new Set((await tx.select({ code: projects.code }).from(projects).where(eq(projects.planId, cycle.planId))).map((r) => r.code));
  let n = (position ?? -1) + 2;
  const prefix = `m${String(measure!.number).padStart(2, '0')}-p`;
  while (existingCodes.has(`${prefix}${String(n).padStart(2, '0')}`)) n++;
  const code = `${prefix}${String(n).padStart(2, '0')}`;
  const content = { name: proposed.name, description: proposed.description ?? null, status: 'active' as const };
  const [project] = await tx
    .insert(projects)
    .values({ planId: cycle.planId, measureId: measure!.id, code, position: (position ?? -1) + 1, ...content, createdAt: meta.now })
    .returning();
  await tx.insert(projectVersions).values({ projectId: project!.id, version: 1, ...content, provenance: 'decision', effectiveFiscalYear: meta.effectiveFiscalYear, decisionId: meta.decisionId, recordedAt: meta.now });
  await tx.insert(projectDepartments).values(proposed.departmentIds.map((departmentId, i) => ({ projectId: project!.id, departmentId, position: i })));
  const kpiCodes: string[] = [];
  for (const [i, k] of proposed.kpis.entries()) kpiCodes.push(await addKpi(tx, cycle.planId, project!.id, `${code}-k${i + 1}`, i, k, meta));
  return { subjectType: 'project', subjectId: project!.id, subjectCode: code, after: { ...content, code, departmentIds: proposed.departmentIds, kpis: kpiCodes } };
}

async function addKpi(tx: Tx, planId: string, projectId: string, code: string, position: number, k: Static<typeof NewKpi>, meta: VersionMeta & { by: string | null }) {
  const definition = { name: k.name, unit: k.unit, cumulative: k.cumulative, direction: k.direction, note: k.note ?? null };
  const [kpi] = await tx.insert(kpis).values({ planId, projectId, code, position, ...definition, createdAt: meta.now }).returning();
  await tx.insert(kpiVersions).values({ kpiId: kpi!.id, version: 1, ...definition, provenance: 'decision', effectiveFiscalYear: meta.effectiveFiscalYear, decisionId: meta.decisionId, recordedAt: meta.now });
  const values = [
    ...(k.baseline ? [{ kind: 'baseline' as const, ...k.baseline, cumulative: false }] : []),
    { kind: 'target' as const, ...k.target, cumulative: k.cumulative },
  ];
  await tx.insert(kpiValues).values(values.map((v) => ({ kpiId: kpi!.id, ...v, provenance: 'decision' as const, sourceRef: { decisionId: meta.decisionId }, recordedBy: meta.by, recordedAt: meta.now })));
  return code;
}

async function addMeasure(tx: Tx, cycle: ReviewCycle, directionId: string, proposed: ProposedValues<'measure_added'>, now: Date): Promise<Applied> {
  const [direction] = await tx.select().from(directions).where(eq(directions.id, directionId));
  const [{ number, position }] = (await tx
    .select({ number: max(measures.number), position: max(measures.position) })
    .from(measures)
    .where(eq(measures.planId, cycle.planId))) as [{ number: number | null; position: number | null }];
  const [measure] = await tx
    .insert(measures)
    .values({ planId: cycle.planId, directionId: direction!.id, number: (number ?? 0) + 1, title: proposed.title, summary: proposed.summary ?? null, position: (position ?? -1) + 1, createdAt: now })
    .returning();
  return { subjectType: 'measure', subjectId: measure!.id, subjectCode: `m${String(measure!.number).padStart(2, '0')}`, after: { number: measure!.number, title: measure!.title, summary: measure!.summary, direction: direction!.code } };
}

function pick(source: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => source[k] !== undefined).map((k) => [k, source[k]]));
}
