/**
 * Drives the review-cycle statechart with XState's pure `initialTransition`/`transition`:
 * restore the stored snapshot, compute the next one and the effects, or explain in words
 * (Japanese and English) why the event is not allowed now. No I/O here: the service persists
 * the result and writes the effects to the outbox in the same transaction.
 */
import { initialTransition, transition } from 'xstate';
import type { CyclePhase } from '../db/schema/reviews/constants.ts';
import {
  advanceBlockers,
  isStrategyOffice,
  REVIEW_CYCLE_MACHINE_VERSION,
  reviewCycleMachine,
  type Blocker,
  type CycleContext,
  type CycleEvent,
  type NotifyParams,
} from './review-cycle.machine.ts';
import { restoreCycleSnapshot, type StoredCycleSnapshot } from './review-cycle.snapshots.ts';

export interface CycleStep {
  phase: CyclePhase;
  machineVersion: number;
  snapshot: StoredCycleSnapshot;
  effects: NotifyParams[];
}

export interface Refusal {
  phase: CyclePhase;
  en: string;
  ja: string;
  blockers?: Blocker[];
}

export function startCycle(context: CycleContext): CycleStep {
  const [snapshot, actions] = initialTransition(reviewCycleMachine, context);
  return toStep(snapshot, actions);
}

export function runCycleEvent(stored: { machineVersion: number; snapshot: unknown }, event: CycleEvent): { ok: true; step: CycleStep } | { ok: false; refusal: Refusal } {
  const current = restoreCycleSnapshot(stored.machineVersion, stored.snapshot);
  const phase = current.value as CyclePhase;
  // Enabled transitions with their guards passing; `can()` would also refuse the targetless,
  // actionless ones that simply accept an event in its phase.
  if (reviewCycleMachine.getTransitionData(current, event).length === 0) return { ok: false, refusal: explainRefusal(phase, event) };
  const [next, actions] = transition(reviewCycleMachine, current, event);
  return { ok: true, step: toStep(next, actions) };
}

type Snapshot = ReturnType<typeof initialTransition<typeof reviewCycleMachine>>[0];
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
function phasesHandling(type: CycleEvent['type']): CyclePhase[] {
  return Object.entries(reviewCycleMachine.config.states ?? {})
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

export function explainRefusal(phase: CyclePhase, event: CycleEvent): Refusal {
  const here = { en: `the cycle is in ${phase}`, ja: `このサイクルは${PHASE_JA[phase]}フェーズです` };
  const action = ACTION_NAMES[event.type];
  const phases = phasesHandling(event.type);
  if (!phases.includes(phase)) {
    return {
      phase,
      en: `${here.en}; ${action.en} is possible only in ${phases.join(', ') || 'no phase'}`,
      ja: `${here.ja}。${action.ja}は${phases.map((p) => PHASE_JA[p]).join('・')}フェーズでのみ行えます`,
    };
  }
  const soOnly = { en: `${here.en}; ${action.en} is for the strategy office only`, ja: `${action.ja}は政策推進課（戦略担当）のみが行えます` };
  switch (event.type) {
    case 'ADVANCE': {
      if (!isStrategyOffice(event.actor)) return { phase, ...soOnly };
      const blockers = advanceBlockers(phase, event.facts);
      return {
        phase,
        blockers,
        en: `${here.en} and cannot move on: ${blockers.map((b) => b.en).join('; ')}`,
        ja: `${here.ja}。次に進めません: ${blockers.map((b) => b.ja).join('、')}`,
      };
    }
    case 'SUBMIT':
    case 'ATTACH':
      if (phase !== 'observe' && !event.task.reopened) {
        return {
          phase,
          en: `${here.en}; a late submission needs the strategy office to reopen the task first`,
          ja: `${here.ja}。期限後の提出には政策推進課による調査票の再開が必要です`,
        };
      }
      if (event.task.status === 'submitted') {
        return {
          phase,
          en: 'the due date has passed; a submitted task can be corrected only after the strategy office returns it',
          ja: '提出期限を過ぎています。提出済みの内容を修正するには政策推進課による差戻しが必要です',
        };
      }
      return {
        phase,
        en: `this task is ${event.task.status}; it can be changed only after the strategy office returns or reopens it`,
        ja: `この調査票は「${event.task.status}」の状態です。修正するには政策推進課による差戻しまたは再開が必要です`,
      };
    case 'REVIEW_SUBMISSION':
      if (!isStrategyOffice(event.actor)) return { phase, ...soOnly };
      return { phase, en: `this task is ${event.task.status}; there is no submission awaiting review`, ja: `この調査票（${event.task.status}）には確認待ちの提出がありません` };
    case 'WAIVE_TASK':
    case 'REOPEN_TASK':
      if (!isStrategyOffice(event.actor)) return { phase, ...soOnly };
      return { phase, en: `this task is already ${event.task.status}`, ja: `この調査票はすでに「${event.task.status}」です` };
    case 'DECIDE_PROPOSAL':
      if (!isStrategyOffice(event.actor)) return { phase, ...soOnly };
      return { phase, en: `this proposal is already ${event.proposal.status}`, ja: `この見直し案はすでに「${event.proposal.status}」です` };
    default:
      return { phase, ...soOnly };
  }
}
