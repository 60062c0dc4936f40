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

export interface Refusal {
  /** `forbidden`: not this actor's to do (the actor guard); `conflict`: not now (phase, task or blockers). */
  kind: 'forbidden' | 'conflict';
  phase: CyclePhase;
  en: string;
  ja: string;
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

const PHASE_JA: Record<CyclePhase, string> = {
  observe: 'Observe（実績収集）',
  orient: 'Orient（状況判断）',
  decide: 'Decide（意思決定）',
  act: 'Act（実行）',
  closed: '完了',
};

/** The phases in which an event type is handled at all, read from the machine itself. */
function phasesHandling(machine: ReviewCycleMachine, type: CycleEvent['type']): CyclePhase[] {
  return Object.entries(machine.config.states ?? {})
    .filter(([, state]) => state.on && type in state.on)
    .map(([phase]) => phase as CyclePhase);
}

const ACTION_NAMES: Record<CycleEvent['type'], { en: string; ja: string }> = {
  SUBMIT: { en: 'submitting actuals', ja: '実績値の提出' },
  ATTACH: { en: 'attaching a file to the submission', ja: '提出への資料の添付' },
  REVIEW_SUBMISSION: { en: 'accepting or returning a submission', ja: '提出内容の受理・差戻し' },
  WAIVE_TASK: { en: 'waiving a task', ja: '調査票の免除' },
  REOPEN_TASK: { en: 'reopening a task', ja: '調査票の再開' },
  EXPLAIN: { en: 'explaining a KPI', ja: 'ＫＰＩの原因・改善策の記入' },
  ASSESS: { en: 'assessing a project', ja: '事業の効果検証' },
  PROPOSE: { en: 'proposing a revision', ja: '見直し案の提出' },
  DECIDE_PROPOSAL: { en: 'deciding a proposal', ja: '見直し案の承認・却下' },
  ADD_ACTION_ITEM: { en: 'adding a follow-up', ja: 'フォローアップ項目の追加' },
  ADVANCE: { en: 'moving the cycle on', ja: '次のフェーズへの移行' },
};

function explainRefusal(machine: ReviewCycleMachine, snapshot: Snapshot, event: CycleEvent): Refusal {
  const phase = snapshot.value as CyclePhase;
  const here = { en: `the cycle is in ${phase}`, ja: `このサイクルは${PHASE_JA[phase]}フェーズです` };
  const action = ACTION_NAMES[event.type];
  // Who comes before when: a role that may never do this hears so, whatever the phase.
  // Every actor guard but "anyone" is the strategy office's in the machine as written.
  if (!actorMay(machine, snapshot, event)) {
    return { kind: 'forbidden', phase, en: `${here.en}; ${action.en} is for the strategy office only`, ja: `${action.ja}は政策推進課（戦略担当）のみが行えます` };
  }
  const phases = phasesHandling(machine, event.type);
  if (!phases.includes(phase)) {
    return {
      kind: 'conflict',
      phase,
      en: `${here.en}; ${action.en} is possible only in ${phases.join(', ') || 'no phase'}`,
      ja: `${here.ja}。${action.ja}は${phases.map((p) => PHASE_JA[p]).join('・')}フェーズでのみ行えます`,
    };
  }
  const refuse = (en: string, ja: string, blockers?: Blocker[]): Refusal => ({ kind: 'conflict', phase, en, ja, ...(blockers ? { blockers } : {}) });
  switch (event.type) {
    case 'ADVANCE': {
      const blockers = advanceBlockers(phase, event.facts, event.acknowledged);
      return refuse(`${here.en} and cannot move on: ${blockers.map((b) => b.en).join('; ')}`, `${here.ja}。次に進めません: ${blockers.map((b) => b.ja).join('、')}`, blockers);
    }
    case 'SUBMIT':
    case 'ATTACH':
      if (phase !== 'observe' && !event.task.reopened) {
        return refuse(`${here.en}; a late submission needs the strategy office to reopen the task first`, `${here.ja}。期限後の提出には政策推進課による調査票の再開が必要です`);
      }
      if (event.task.status === 'submitted') {
        return refuse(
          'the due date has passed; a submitted task can be corrected only after the strategy office returns it',
          '提出期限を過ぎています。提出済みの内容を修正するには政策推進課による差戻しが必要です',
        );
      }
      return refuse(
        `this task is ${event.task.status}; it can be changed only after the strategy office returns or reopens it`,
        `この調査票は「${event.task.status}」の状態です。修正するには政策推進課による差戻しまたは再開が必要です`,
      );
    case 'REVIEW_SUBMISSION':
      return refuse(`this task is ${event.task.status}; there is no submission awaiting review`, `この調査票（${event.task.status}）には確認待ちの提出がありません`);
    case 'WAIVE_TASK':
    case 'REOPEN_TASK':
      return refuse(`this task is already ${event.task.status}`, `この調査票はすでに「${event.task.status}」です`);
    case 'DECIDE_PROPOSAL':
      return refuse(`this proposal is already ${event.proposal.status}`, `この見直し案はすでに「${event.proposal.status}」です`);
    default:
      return refuse(`${here.en}; ${action.en} is not possible now`, `${here.ja}。${action.ja}は現在行えません`);
  }
}
