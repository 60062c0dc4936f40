/**
 * What the cycle page shows: the cycle with its tasks, KPI statuses, assessments, proposals and
 * follow-ups (as the user may see them), the projects in it with the grade their figures
 * suggest, the phase it moves to next, and which forms the user may use: every flag is the
 * services' answer (cycleActions: the statechart for this user; mayCompleteActionItem), the
 * one the verbs refuse by.
 */
import { requireUser } from '../../auth/authorize.ts';
import type { ServiceContext } from '../../context.ts';
import { CYCLE_PHASES, EFFECT_GRADES, NEXT_STEPS, type CyclePhase } from '../../../db/schema/reviews/constants.ts';
import { assessCycleKpis, suggestProjectGrade } from '../../reviews/assess-cycle.ts';
import { getCycle } from '../../reviews/cycle-queries.ts';
import { mayChangeDueDates } from '../../reviews/due-date-change.ts';
import { cycleActions, mayCompleteActionItem } from '../../reviews/permissions.ts';

/** The phase a cycle moves to from this one; none once closed. */
const nextPhase = (phase: CyclePhase): CyclePhase | null => CYCLE_PHASES[CYCLE_PHASES.indexOf(phase) + 1] ?? null;

export async function loadCycleView(ctx: ServiceContext, cycleId: string) {
  const user = requireUser(ctx);
  const cycle = await getCycle(ctx, cycleId);
  const may = cycleActions(ctx, user, cycle);
  // Suggested grades help whoever assesses; nobody else is shown them.
  const assessed = may.assess ? await assessCycleKpis(ctx.db, ctx.clock, cycle) : [];
  const projects = new Map<string, { id: string; name: string; leadTaskId: string | null; departments: { id: string; name: string }[] }>();
  for (const t of cycle.tasks) {
    const p = projects.get(t.projectId) ?? { id: t.projectId, name: t.projectName, leadTaskId: null, departments: [] };
    if (t.lead) p.leadTaskId = t.id;
    p.departments.push({ id: t.departmentId, name: t.departmentName });
    projects.set(t.projectId, p);
  }
  const departments = new Map(cycle.tasks.map((t) => [t.departmentId, t.departmentName]));
  return {
    cycle: { ...cycle, actionItems: cycle.actionItems.map((item) => ({ ...item, canComplete: mayCompleteActionItem(user, item) })) },
    nextPhase: nextPhase(cycle.phase),
    phases: CYCLE_PHASES,
    effectGrades: EFFECT_GRADES,
    nextSteps: NEXT_STEPS,
    canAdvance: may.advance,
    canAssess: may.assess,
    canPropose: may.propose,
    canAddActionItem: may.addActionItem,
    canChangeDueDate: mayChangeDueDates(user, cycle),
    // Revisions are proposed in Decide only; before it the page says so (a hint, not a permission).
    proposalsLater: cycle.phase === 'observe' || cycle.phase === 'orient',
    projects: [...projects.values()].map((p) => ({
      ...p,
      // Any task of the project leads the reader to its KPIs when the lead's is not theirs to see.
      taskId: p.leadTaskId ?? cycle.tasks.find((t) => t.projectId === p.id)?.id ?? null,
      suggestedGrade: may.assess ? suggestProjectGrade(assessed.filter((k) => k.projectId === p.id)) : null,
      assessment: cycle.assessments.find((a) => a.projectId === p.id) ?? null,
    })),
    departments: [...departments].map(([id, name]) => ({ id, name })),
  };
}

export type CycleView = Awaited<ReturnType<typeof loadCycleView>>;
