/**
 * Drives the review-cycle statechart with XState's pure `initialTransition`/`transition`:
 * restore the stored snapshot, compute the next one and the effects, or explain in words
 * (Japanese and English) why the event is not allowed now. No I/O here: the service persists
 * the result and writes the effects to the outbox in the same transaction. `cycleAccepts`
 * answers the same question without moving: what the pages ask before showing a button.
 * Every function takes the machine to ask (default: the real one), so a test can provide
 * other guards (`reviewCycleMachine.provide({ guards })`) through the service context.
 */
import { initialTransition, transition } from 'xstate';
import type { CyclePhase } from '../db/schema/reviews/constants.ts';
import {
  ACTOR_GUARDS,
  advanceBlockers,
  REVIEW_CYCLE_MACHINE_VERSION,
  reviewCycleMachine,
  type Blocker,
  type CycleContext,
  type CycleEvent,
  type NotifyParams,
  type ReviewCycleMachine,
} from './review-cycle.machine.ts';
import { restoreCycleSnapshot, type StoredCycleSnapshot } from './review-cycle.snapshots.ts';

export interface CycleStep {
  phase: CyclePhase;
  machineVersion: number;
  snapshot: StoredCycleSnapshot;
  effects: NotifyParams[];
}

/** Why the machine refuses an event, as data; the services say it in words (services/reviews/refusal-words.ts). */
export type RefusalReason = 'officeOnly' | 'wrongPhase' | 'blocked' | 'lateNeedsReopen' | 'submittedPastDue' | 'taskLocked' | 'nothingToReview' | 'taskAlready' | 'proposalAlready' | 'notNow';

export interface Refusal {
  /** `forbidden`: not this actor's to do (the actor guard); `conflict`: not now (phase, task or blockers). */
  kind: 'forbidden' | 'conflict';
  reason: RefusalReason;
  phase: CyclePhase;
  action: CycleEvent['type'];
  /** The phases the action is possible in (wrongPhase). */
  phases?: CyclePhase[];
  /** The task's or the proposal's status (taskLocked, nothingToReview, taskAlready, proposalAlready). */
  status?: string;
  blockers?: Blocker[];
}

export function startCycle(context: CycleContext): CycleStep {
  const [snapshot, actions] = initialTransition(reviewCycleMachine, context);
  return toStep(snapshot, actions);
}

type Stored = { machineVersion: number; snapshot: unknown };
type Snapshot = ReturnType<typeof initialTransition<typeof reviewCycleMachine>>[0];

export function runCycleEvent(stored: Stored, event: CycleEvent, machine: ReviewCycleMachine = reviewCycleMachine): { ok: true; step: CycleStep } | { ok: false; refusal: Refusal } {
  const current = restoreCycleSnapshot(stored.machineVersion, stored.snapshot, machine);
  if (!enabled(machine, current, event)) return { ok: false, refusal: explainRefusal(machine, current, event) };
  const [next, actions] = transition(machine, current, event);
  return { ok: true, step: toStep(next, actions) };
}

/** Whether the cycle, as stored, would take `event` now (the same question runCycleEvent asks). */
export function cycleAccepts(stored: Stored, event: CycleEvent, machine: ReviewCycleMachine = reviewCycleMachine): boolean {
  return enabled(machine, restoreCycleSnapshot(stored.machineVersion, stored.snapshot, machine), event);
}

/**
 * Enabled transitions with their guards passing. `snapshot.can()` would also refuse the
 * targetless, actionless ones that simply accept an event in its phase (EXPLAIN, SUBMIT).
 */
const enabled = (machine: ReviewCycleMachine, snapshot: Snapshot, event: CycleEvent) => machine.getTransitionData(snapshot, event).length > 0;

/** Whether this actor may ever send the event (its actor guard alone), for a verb that must ask before anything else. */
export function cycleActorMay(stored: Stored, event: CycleEvent, machine: ReviewCycleMachine = reviewCycleMachine): boolean {
  return actorMay(machine, restoreCycleSnapshot(stored.machineVersion, stored.snapshot, machine), event);
}

/** The event's actor guard alone, as the machine implements it (a provided machine's included). */
function actorMay(machine: ReviewCycleMachine, snapshot: Snapshot, event: CycleEvent): boolean {
  const guard = machine.implementations.guards[ACTOR_GUARDS[event.type]] as unknown as (args: { context: CycleContext; event: CycleEvent }) => boolean;
  return guard({ context: snapshot.context, event });
}
type Actions = ReturnType<typeof initialTransition<typeof reviewCycleMachine>>[1];

function toStep(snapshot: Snapshot, actions: Actions): CycleStep {
  return {
    phase: snapshot.value as CyclePhase,
    machineVersion: REVIEW_CYCLE_MACHINE_VERSION,
    // Only what is needed to resolve the state again: value and context.
    snapshot: { value: snapshot.value as CyclePhase, context: snapshot.context },
    effects: actions.filter((a) => a.type === 'notify').map((a) => a.params as NotifyParams),
  };
}

/** The phases in which an event type is handled at all, read from the machine itself. */
function phasesHandling(machine: ReviewCycleMachine, type: CycleEvent['type']): CyclePhase[] {
  return Object.entries(machine.config.states ?? {})
    .filter(([, state]) => state.on && type in state.on)
    .map(([phase]) => phase as CyclePhase);
}

function explainRefusal(machine: ReviewCycleMachine, snapshot: Snapshot, event: CycleEvent): Refusal {
  const phase = snapshot.value as CyclePhase;
  const refuse = (reason: RefusalReason, more: Partial<Refusal> = {}): Refusal => ({ kind: 'conflict', reason, phase, action: event.type, ...more });
  // Who comes before when: a role that may never do this hears so, whatever the phase.
  // Every actor guard but "anyone" is the strategy office's in the machine as written.
  if (!actorMay(machine, snapshot, event)) return refuse('officeOnly', { kind: 'forbidden' });
  const phases = phasesHandling(machine, event.type);
  if (!phases.includes(phase)) return refuse('wrongPhase', { phases });
  switch (event.type) {
    case 'ADVANCE':
      return refuse('blocked', { blockers: advanceBlockers(phase, event.facts, event.acknowledged) });
    case 'SUBMIT':
    case 'ATTACH':
      if (phase !== 'observe' && !event.task.reopened) return refuse('lateNeedsReopen');
      if (event.task.status === 'submitted') return refuse('submittedPastDue');
      return refuse('taskLocked', { status: event.task.status });
    case 'REVIEW_SUBMISSION':
      return refuse('nothingToReview', { status: event.task.status });
    case 'WAIVE_TASK':
    case 'REOPEN_TASK':
      return refuse('taskAlready', { status: event.task.status });
    case 'DECIDE_PROPOSAL':
      return refuse('proposalAlready', { status: event.proposal.status });
    default:
      return refuse('notNow');
  }
}
