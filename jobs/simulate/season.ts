/**
 * A whole review season of the Tomakomai plan, played day by day on a clock the simulation
 * moves: the calendar's daily run (as the hourly job scheduler would start it), departments
 * submitting on time, late or not at all, the strategy office accepting, moving cycles on,
 * assessing and deciding — all through the real services, jobs, outbox and a real SMTP server.
 * Used by `npm run simulate` and by the season test.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { decisionSubscribers, departments, kpis, measures, plans, projects, reviewCycles, reviewTasks, users } from '../../db/schema/index.ts';
import type { AuthUser, Clock, ServiceContext } from '../../services/context.ts';
import type { AppDeps } from '../../services/deps.ts';
import { isoDateInTokyo } from '../../services/fiscal-year.ts';
import { unitOf } from '../../services/plans/units.ts';
import { valuesInForce } from '../../services/plans/load-plan-tree.ts';
import { advanceCycle, advanceFacts } from '../../services/reviews/advance-cycle.ts';
import { assessCycleKpis, kpisNeedingExplanation, suggestProjectGrade } from '../../services/reviews/assess-cycle.ts';
import { assessProject } from '../../services/reviews/assess-project.ts';
import { addActionItem } from '../../services/reviews/action-items.ts';
import { decideProposal } from '../../services/reviews/decide-proposal.ts';
import { explainKpi } from '../../services/reviews/explain-kpi.ts';
import { proposeRevision } from '../../services/reviews/propose-revision.ts';
import { reviewSubmission } from '../../services/reviews/review-submission.ts';
import { submitActuals } from '../../services/reviews/submit-actuals.ts';
import { waiveTask } from '../../services/reviews/waive-task.ts';
import { advanceBlockers } from '../../workflows/review-cycle.machine.ts';
import { addJob } from '../add-job.ts';
import type { RunningWorker } from '../run-worker.ts';

export interface SeasonScript {
  fiscalYear: number;
  /** Departments (codes) that submit only after their head was told. */
  lateDepartments: string[];
  /** Departments that never submit; the strategy office waives their tasks after it was told. */
  silentDepartments: string[];
  /** Days (YYYY-MM-DD, in the season's calendar year) on which things happen. */
  days: { first: string; last: string; onTime: string; late: string; waive: string };
}

export interface SeasonEvent {
  at: Date;
  kind: 'action' | 'email';
  text: string;
}

export interface SimulationHooks {
  /** Waits until every job the day caused is done. */
  idle(): Promise<void>;
  log(event: SeasonEvent): void;
}

/** A manual clock the simulation sets to each moment it plays. */
export function simulationClock(start: Date): Clock & { set(date: Date): void } {
  let now = start;
  return { now: () => new Date(now), set: (date) => (now = date) };
}

const at = (day: string, time: string) => new Date(`${day}T${time}:00+09:00`);
const nextDay = (day: string) => isoDateInTokyo(new Date(at(day, '12:00').getTime() + 86_400_000));

export async function playSeason(deps: AppDeps & { clock: ReturnType<typeof simulationClock> }, worker: RunningWorker, script: SeasonScript, hooks: SimulationHooks) {
  const db = deps.db;
  const [plan] = await db.select().from(plans).where(eq(plans.code, 'tomakomai-2nd'));
  const staff = await simulationStaff(db, plan!.organizationId);
  const ctxOf = (user: AuthUser): ServiceContext => ({ db, clock: deps.clock, actor: { type: 'user', user } });
  const office = ctxOf(staff.office);
  const act = (text: string) => hooks.log({ at: deps.clock.now(), kind: 'action', text });

  for (let day = script.days.first; day <= script.days.last; day = nextDay(day)) {
    // 09:05: the hourly scheduler's tick finds the plan's daily run due.
    deps.clock.set(at(day, '09:05'));
    await addJob(worker.deps.queues, 'daily-tick', {}, { jobId: `sim-tick-${day}` });
    await hooks.idle();

    // 11:00: departments at work.
    deps.clock.set(at(day, '11:00'));
    const submitting = day === script.days.onTime ? 'onTime' : day === script.days.late ? 'late' : null;
    if (submitting) {
      for (const [code, member] of staff.members) {
        const late = script.lateDepartments.includes(code);
        if (script.silentDepartments.includes(code) || late !== (submitting === 'late')) continue;
        const submitted = await submitAll(db, ctxOf(member), plan!.id, script);
        if (submitted) act(`${member.departmentName} submits ${submitted} task(s)`);
      }
    }
    if (day === script.days.waive) {
      const waived = await waiveSilent(db, office, plan!.id, script, staff.members);
      if (waived) act(`the strategy office waives ${waived} task(s) nobody submitted`);
    }
    await hooks.idle();

    // 16:00: the strategy office reviews and moves cycles on.
    deps.clock.set(at(day, '16:00'));
    await officeWork(db, deps.clock, office, ctxOf, staff, plan!.id, script, act);
    await hooks.idle();
  }
}

/**
 * One user per department to act for it — the demo users where they exist, else a simulated
 * clerk who cannot sign in — and the strategy office.
 */
async function simulationStaff(db: Database, organizationId: string) {
  const staffed = await db.select({ departmentId: users.departmentId }).from(users).where(eq(users.organizationId, organizationId));
  const unstaffed = (await db.select().from(departments).where(eq(departments.organizationId, organizationId))).filter((d) => !staffed.some((s) => s.departmentId === d.id));
  if (unstaffed.length) {
    await db.insert(users).values(
      unstaffed.map((d) => ({ organizationId, email: `sim.${d.code}@tomakomai.example`, name: `${d.name} 担当`, role: 'department_member' as const, departmentId: d.id, passwordHash: '!simulation-only' })),
    );
  }
  const rows = await db
    .select({ user: users, department: departments })
    .from(users)
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .where(eq(users.organizationId, organizationId));
  const asAuth = (r: (typeof rows)[number]): AuthUser & { departmentName: string } => ({
    id: r.user.id,
    organizationId: r.user.organizationId,
    email: r.user.email,
    name: r.user.name,
    role: r.user.role,
    departmentId: r.user.departmentId,
    locale: r.user.locale,
    departmentName: r.department?.name ?? '',
  });
  const officeRow = rows.find((r) => r.user.role === 'strategy_office');
  if (!officeRow) throw new Error('the simulation needs a strategy office user (npm run demo:users creates one)');
  const members = new Map<string, AuthUser & { departmentName: string }>();
  for (const r of rows) if (r.department && r.user.role === 'department_member' && !members.has(r.department.code)) members.set(r.department.code, asAuth(r));
  // The strategy office's own department submits through the strategy office user.
  if (officeRow.department && !members.has(officeRow.department.code)) members.set(officeRow.department.code, asAuth(officeRow));
  return { office: asAuth(officeRow), members };
}


async function submitAll(db: Database, ctx: ServiceContext, planId: string, script: SeasonScript) {
  const user = ctx.actor.type === 'user' ? ctx.actor.user : undefined;
  const tasks = await db
    .select({ id: reviewTasks.id, projectId: reviewTasks.projectId })
    .from(reviewTasks)
    .innerJoin(reviewCycles, eq(reviewCycles.id, reviewTasks.cycleId))
    .innerJoin(measures, eq(measures.id, reviewCycles.measureId))
    .where(and(eq(reviewCycles.planId, planId), eq(reviewCycles.fiscalYear, script.fiscalYear), eq(reviewTasks.departmentId, user!.departmentId!), inArray(reviewTasks.status, ['open', 'returned'])));
  for (const task of tasks) {
    const projectKpis = await db.select().from(kpis).where(eq(kpis.projectId, task.projectId)).orderBy(asc(kpis.position));
    const values = await valuesInForce(db, planId, projectKpis.map((k) => k.id));
    await submitActuals({
      ctx,
      input: {
        taskId: task.id,
        values: projectKpis.map((k) => ({ kpiId: k.id, value: plausibleActual(k, values.filter((v) => v.kpiId === k.id), script.fiscalYear) })),
        comment: '令和4年度の実績です',
      },
    });
  }
  return tasks.length;
}

/**
 * A believable figure: the latest printed actual carried on (a running total grows by half
 * again), else half the target — some KPIs end up on track, some behind, as in real life.
 */
function plausibleActual(kpi: typeof kpis.$inferSelect, values: { kind: string; fiscalYear: number; value: number }[], fiscalYear: number): number {
  const latest = values.filter((v) => v.kind === 'actual' && v.fiscalYear < fiscalYear).sort((a, b) => b.fiscalYear - a.fiscalYear)[0];
  const target = values.find((v) => v.kind === 'target');
  const raw = latest ? (kpi.cumulative ? latest.value * 1.5 : latest.value * 1.05) : (target?.value ?? 1) / 2;
  const kind = unitOf(kpi.unit)?.kind;
  if (kind === 'percent') return Math.min(100, Math.round(raw * 10) / 10);
  if (kind === 'score5') return Math.min(5, Math.max(1, Math.round(raw * 10) / 10));
  return kind === 'count' ? Math.round(raw) : Math.round(raw * 10) / 10;
}

async function waiveSilent(db: Database, office: ServiceContext, planId: string, script: SeasonScript, members: Map<string, AuthUser>) {
  const silentIds = script.silentDepartments.flatMap((code) => (members.get(code)?.departmentId ? [members.get(code)!.departmentId!] : []));
  if (!silentIds.length) return 0;
  const open = await db
    .select({ id: reviewTasks.id })
    .from(reviewTasks)
    .innerJoin(reviewCycles, eq(reviewCycles.id, reviewTasks.cycleId))
    .innerJoin(measures, eq(measures.id, reviewCycles.measureId))
    .where(and(eq(reviewCycles.planId, planId), inArray(reviewTasks.departmentId, silentIds), inArray(reviewTasks.status, ['open', 'returned'])));
  for (const task of open) await waiveTask({ ctx: office, input: { taskId: task.id, reason: '期限を大幅に過ぎても提出がないため、今年度は対象外とする' } });
  return open.length;
}

/** The strategy office's afternoon: accept what came in, explain and assess, decide, follow up, move every cycle on that can move. */
async function officeWork(
  db: Database,
  clock: Clock,
  office: ServiceContext,
  ctxOf: (user: AuthUser) => ServiceContext,
  staff: Awaited<ReturnType<typeof simulationStaff>>,
  planId: string,
  script: SeasonScript,
  act: (text: string) => void,
) {
  const submitted = await db
    .select({ id: reviewTasks.id })
    .from(reviewTasks)
    .innerJoin(reviewCycles, eq(reviewCycles.id, reviewTasks.cycleId))
    .innerJoin(measures, eq(measures.id, reviewCycles.measureId))
    .where(and(eq(reviewCycles.planId, planId), eq(reviewTasks.status, 'submitted')));
  for (const task of submitted) await reviewSubmission({ ctx: office, input: { taskId: task.id, decision: 'accept' } });
  if (submitted.length) act(`the strategy office accepts ${submitted.length} submission(s)`);

  const cycles = await db
    .select({ cycle: reviewCycles, measureNumber: measures.number })
    .from(reviewCycles)
    .innerJoin(measures, eq(measures.id, reviewCycles.measureId))
    .where(and(eq(reviewCycles.planId, planId), eq(reviewCycles.fiscalYear, script.fiscalYear)))
    .orderBy(asc(measures.number));
  for (const { cycle, measureNumber } of cycles) {
    if (cycle.phase === 'closed') continue;
    // Orient work waits a day after the cycle entered Orient, so the departments hear of it first.
    if (cycle.phase === 'orient' && isoDateInTokyo(cycle.updatedAt) < isoDateInTokyo(clock.now())) {
      const assessed = await assessCycleKpis(db, clock, cycle);
      for (const k of kpisNeedingExplanation(assessed)) {
        await explainKpi({ ctx: office, input: { cycleId: cycle.id, kpiId: k.kpi.id, cause: '新型コロナウイルス感染症の影響が続いた', improvement: '実施方法を見直し、オンラインを併用する' } });
      }
      for (const projectId of new Set(assessed.map((k) => k.projectId))) {
        const grade = suggestProjectGrade(assessed.filter((k) => k.projectId === projectId)) ?? 'effective';
        await assessProject({ ctx: office, input: { cycleId: cycle.id, projectId, effectGrade: grade, nextStep: 'improve' } });
      }
    }
    if (cycle.phase === 'decide' && measureNumber === 1) {
      await proposeAndDecide(db, office, ctxOf, staff, cycle, act);
    }
    if (cycle.phase === 'act') {
      const [lead] = await db.select({ departmentId: reviewTasks.departmentId }).from(reviewTasks).where(and(eq(reviewTasks.cycleId, cycle.id), eq(reviewTasks.lead, true))).limit(1);
      if (lead) await addActionItem({ ctx: office, input: { cycleId: cycle.id, departmentId: lead.departmentId, text: '改善策の実施状況を半年後に報告する' } });
    }
    const [fresh] = await db.select().from(reviewCycles).where(eq(reviewCycles.id, cycle.id));
    if (advanceBlockers(fresh!.phase, await advanceFacts(db, clock, fresh!)).length === 0) {
      const moved = await advanceCycle({ ctx: office, input: { cycleId: cycle.id } });
      act(`measure ${measureNumber} moves to ${moved.cycle.phase}`);
    }
  }
}

/** Decide in the first measure: its lead department proposes a KPI change and the strategy office approves it. */
async function proposeAndDecide(db: Database, office: ServiceContext, ctxOf: (user: AuthUser) => ServiceContext, staff: Awaited<ReturnType<typeof simulationStaff>>, cycle: typeof reviewCycles.$inferSelect, act: (text: string) => void) {
  const [first] = await db
    .select({ kpi: kpis, departmentCode: departments.code })
    .from(reviewTasks)
    .innerJoin(projects, eq(projects.id, reviewTasks.projectId))
    .innerJoin(kpis, eq(kpis.projectId, projects.id))
    .innerJoin(departments, eq(departments.id, reviewTasks.departmentId))
    .where(and(eq(reviewTasks.cycleId, cycle.id), eq(reviewTasks.lead, true)))
    .orderBy(asc(projects.position), asc(kpis.position))
    .limit(1);
  const member = staff.members.get(first!.departmentCode)!;
  const proposal = await proposeRevision({
    ctx: ctxOf(member),
    input: { cycleId: cycle.id, marker: 'kpi_changed', subjectId: first!.kpi.id, proposed: { name: `${first!.kpi.name}（市内企業）` }, rationale: '市内企業への就職に絞って効果を測るため' },
  });
  act(`${member.departmentName} proposes a KPI change: ${first!.kpi.name}`);
  await decideProposal({ ctx: office, input: { proposalId: proposal.id, decision: 'approve', reason: '妥当' } });
  act('the strategy office approves it');
}

/** Adds a council member who hears of every decision. */
export async function subscribeCouncilMember(db: Database, email: string, name: string) {
  const [plan] = await db.select().from(plans).where(eq(plans.code, 'tomakomai-2nd'));
  await db.insert(decisionSubscribers).values({ planId: plan!.id, email, name }).onConflictDoNothing();
}
