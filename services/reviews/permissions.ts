/**
 * What a user may do on a review task or cycle now: the statechart's answer for this actor
 * (workflows/review-cycle.runner.ts `cycleAccepts`, the same question the verbs' transitions
 * ask), joined with the services' own ownership rules, which live here and nowhere else.
 * Views derive every button from these answers; the verbs refuse with the same rules, so a
 * page never shows a form that would be refused, and changing who may do something in the
 * machine changes the API and the pages together.
 */
import type { CycleEvent } from '../../workflows/review-cycle.machine.ts';
import { cycleAccepts } from '../../workflows/review-cycle.runner.ts';
import { canActFor, isStrategyOffice } from '../auth/authorize.ts';
import type { RevisionMarker } from '../plans/markers.ts';
import type { AuthUser, ServiceContext } from '../context.ts';
import { eventActor } from './cycle-transition.ts';
import { taskFacts, type ReviewTask } from './lock-task.ts';

type StoredCycle = { machineVersion: number; snapshot: unknown };

/** Only the department that owns a task submits its actuals (the strategy office accepts or returns them). */
export const ownsTask = (user: AuthUser, task: Pick<ReviewTask, 'departmentId'>) => user.departmentId === task.departmentId;

/** A KPI's cause and improvement are written by its project's lead department, or the strategy office. */
export const mayExplainFor = (user: AuthUser, leadDepartmentId: string | null) => canActFor(user, leadDepartmentId ?? []);

/** An open follow-up is marked done by its department, or the strategy office. */
export const mayCompleteActionItem = (user: AuthUser, item: { departmentId: string; status: string }) => item.status === 'open' && canActFor(user, item.departmentId);

/** The strategy office opens a year's reviews (the worker does too, as the system). */
export const mayOpenReviews = (user: AuthUser) => isStrategyOffice(user);

/** Revisions a department may propose about its own projects; the strategy office also proposes these, about the plan itself. */
const DEPARTMENT_MARKERS: RevisionMarker[] = ['kpi_changed', 'target_changed', 'project_content_changed', 'project_ended', 'project_added'];
const OFFICE_MARKERS: RevisionMarker[] = ['kpi_changed', 'target_changed', 'numeric_target_changed', 'project_content_changed', 'project_ended', 'project_added', 'measure_added'];
export const proposableMarkers = (user: AuthUser): RevisionMarker[] => (isStrategyOffice(user) ? OFFICE_MARKERS : DEPARTMENT_MARKERS);
/** Every marker anyone may propose (to read a form's choice before knowing whether it is this user's). */
export const ALL_PROPOSABLE_MARKERS = OFFICE_MARKERS;

const accepts = (ctx: Pick<ServiceContext, 'workflows'>, cycle: StoredCycle) => (event: CycleEvent) => cycleAccepts(cycle, event, ctx.workflows?.reviewCycle);

/** The task's buttons: submit, accept or return, waive, reopen, explain its KPIs. */
export function taskActions(ctx: Pick<ServiceContext, 'clock' | 'workflows'>, user: AuthUser, cycle: StoredCycle, task: Pick<ReviewTask, 'id' | 'status' | 'dueDate' | 'reopened' | 'departmentId' | 'lead'>) {
  const may = accepts(ctx, cycle);
  const actor = eventActor(user);
  const facts = taskFacts(task as ReviewTask, ctx.clock);
  return {
    submit: ownsTask(user, task) && may({ type: 'SUBMIT', actor, task: { ...facts, reopened: task.reopened } }),
    accept: may({ type: 'REVIEW_SUBMISSION', actor, decision: 'accept', task: facts }),
    return: may({ type: 'REVIEW_SUBMISSION', actor, decision: 'return', task: facts }),
    waive: may({ type: 'WAIVE_TASK', actor, task: facts }),
    reopen: may({ type: 'REOPEN_TASK', actor, task: facts }),
    // The task page explains the task's own KPIs: its department leads the project when the task is the lead's.
    explain: mayExplainFor(user, task.lead ? task.departmentId : null) && may({ type: 'EXPLAIN', actor }),
  };
}

/** A proposal's approve and reject buttons. */
export function proposalActions(ctx: Pick<ServiceContext, 'workflows'>, user: AuthUser, cycle: StoredCycle, proposal: { status: string }) {
  const may = accepts(ctx, cycle);
  return { decide: may({ type: 'DECIDE_PROPOSAL', actor: eventActor(user), decision: 'approve', proposal }) };
}

/** The cycle's buttons. Moving on is offered to whoever may once nothing blocks; the 409 then names what still does. */
export function cycleActions(ctx: Pick<ServiceContext, 'workflows'>, user: AuthUser, cycle: StoredCycle) {
  const may = accepts(ctx, cycle);
  const actor = eventActor(user);
  const nothingMissing = { tasksOutstanding: 0, explanationsMissing: 0, assessmentsMissing: 0, proposalsPending: 0, submissionsAwaitingReview: 0 };
  return {
    advance: may({ type: 'ADVANCE', actor, facts: nothingMissing }),
    assess: may({ type: 'ASSESS', actor }),
    propose: may({ type: 'PROPOSE', actor }),
    addActionItem: may({ type: 'ADD_ACTION_ITEM', actor }),
  };
}
