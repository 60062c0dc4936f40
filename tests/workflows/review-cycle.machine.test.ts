/**
 * The review-cycle statechart on its own: no database, no I/O. Transitions are asserted on the
 * [snapshot, actions] pairs the pure `transition` returns, via the runner the services use.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ACTOR_GUARDS, advanceBlockers, REVIEW_CYCLE_MACHINE_VERSION, reviewCycleMachine, type AdvanceFacts, type CycleEvent, type EventActor } from '../../workflows/review-cycle.machine.ts';
import { cycleAccepts, cycleActorMay, runCycleEvent, startCycle, type CycleStep } from '../../workflows/review-cycle.runner.ts';
import { restoreCycleSnapshot } from '../../workflows/review-cycle.snapshots.ts';
import { say } from '../../services/i18n/translate.ts';
import { refusalWords } from '../../services/reviews/refusal-words.ts';

const office: EventActor = { userId: 'u-office', role: 'strategy_office' };
const clerk: EventActor = { userId: 'u-clerk', role: 'department_member' };
const none: AdvanceFacts = { tasksOutstanding: 0, explanationsMissing: 0, assessmentsMissing: 0, proposalsPending: 0, submissionsAwaitingReview: 0 };
const task = (status: 'open' | 'submitted' | 'accepted' | 'returned' | 'waived', extra: { pastDue?: boolean; reopened?: boolean } = {}) => ({
  id: 't1',
  status,
  pastDue: extra.pastDue ?? false,
  reopened: extra.reopened ?? false,
});

function step(from: CycleStep, event: CycleEvent) {
  const result = runCycleEvent(from, event);
  if (!result.ok) throw new Error(`refused: ${say(refusalWords(result.refusal), 'en')}`);
  return result.step;
}
const refusal = (from: CycleStep, event: CycleEvent) => {
  const result = runCycleEvent(from, event);
  if (result.ok) throw new Error(`accepted ${event.type} in ${from.phase}`);
  // The machine says why as data; the words are the catalogue's (services/reviews/refusal-words.ts).
  return { ...result.refusal, en: say(refusalWords(result.refusal), 'en'), ja: say(refusalWords(result.refusal), 'ja') };
};
const advance = (from: CycleStep, facts: Partial<AdvanceFacts> = {}, actor = office) => ({ type: 'ADVANCE', actor, facts: { ...none, ...facts } }) as const;

describe('the review cycle statechart', () => {
  const opened = startCycle({ cycleId: 'c1', measureNumber: 1, fiscalYear: 2022 });

  it('starts in observe and announces it', () => {
    expect(opened).toMatchObject({ phase: 'observe', machineVersion: REVIEW_CYCLE_MACHINE_VERSION, effects: [{ topic: 'phase_entered', phase: 'observe' }] });
    expect(opened.snapshot).toEqual({ value: 'observe', context: { cycleId: 'c1', measureNumber: 1, fiscalYear: 2022 } });
  });

  it('goes observe → orient → decide → act → closed, one step at a time, announcing each phase', () => {
    let s = opened;
    const phases = [];
    for (let i = 0; i < 4; i++) {
      s = step(s, advance(s));
      phases.push(s.phase);
      expect(s.effects).toEqual([{ topic: 'phase_entered', phase: s.phase }]);
    }
    expect(phases).toEqual(['orient', 'decide', 'act', 'closed']);
    expect(refusal(s, advance(s)).en).toBe('the cycle is in Closed; moving the cycle on is possible only in Observe, Orient, Decide, Act');
  });

  it('never skips a step and names what is missing', () => {
    expect(refusal(opened, advance(opened, { tasksOutstanding: 2 }))).toMatchObject({
      phase: 'observe',
      blockers: [{ code: 'tasksOutstanding', count: 2 }],
      en: 'the cycle is in Observe and cannot move on: 2 task(s) are neither submitted nor waived',
    });
    const orient = step(opened, advance(opened));
    const blocked = refusal(orient, advance(orient, { explanationsMissing: 3, assessmentsMissing: 1 }));
    expect(blocked.blockers!.map((b) => b.code)).toEqual(['explanationsMissing', 'assessmentsMissing']);
    expect(blocked.ja).toContain('原因と改善策');
    // Facts that belong to other phases do not block this one.
    expect(step(orient, advance(orient, { tasksOutstanding: 5, submissionsAwaitingReview: 2 })).phase).toBe('decide');
  });

  it('keeps a cycle in observe while a submission waits for review, unless the office moves on acknowledging it', () => {
    const waiting = refusal(opened, advance(opened, { submissionsAwaitingReview: 2 }));
    expect(waiting.blockers).toEqual([expect.objectContaining({ code: 'submissionsAwaitingReview', count: 2, acknowledgeable: true })]);
    expect(waiting.ja).toContain('確認待ちの提出が 2 件あります');
    expect(step(opened, { ...advance(opened, { submissionsAwaitingReview: 2 }), acknowledged: true }).phase).toBe('orient');
    // Acknowledging does not excuse a task nobody has sent.
    expect(refusal(opened, { ...advance(opened, { tasksOutstanding: 1, submissionsAwaitingReview: 2 }), acknowledged: true }).blockers!.map((b) => b.code)).toEqual(['tasksOutstanding']);
  });

  it('lets only the strategy office move a cycle on or decide', () => {
    expect(refusal(opened, advance(opened, {}, clerk)).en).toBe('moving the cycle on is for the strategy office only');
    const decide = step(step(opened, advance(opened)), advance(opened));
    expect(refusal(decide, { type: 'DECIDE_PROPOSAL', actor: clerk, decision: 'approve', proposal: { status: 'pending' } }).ja).toContain('政策推進課');
    expect(step(decide, { type: 'DECIDE_PROPOSAL', actor: office, decision: 'approve', proposal: { status: 'pending' } }).phase).toBe('decide');
    expect(refusal(decide, { type: 'DECIDE_PROPOSAL', actor: office, decision: 'reject', proposal: { status: 'approved' } }).en).toBe('this proposal is already “Approved”');
  });

  it('takes submissions in observe, corrections until the due date, and late ones only when reopened', () => {
    expect(step(opened, { type: 'SUBMIT', actor: clerk, task: task('open') }).effects).toEqual([]);
    expect(step(opened, { type: 'SUBMIT', actor: clerk, task: task('open', { pastDue: true }) }).phase).toBe('observe');
    expect(step(opened, { type: 'SUBMIT', actor: clerk, task: task('submitted') }).phase).toBe('observe');
    expect(refusal(opened, { type: 'SUBMIT', actor: clerk, task: task('submitted', { pastDue: true }) }).en).toMatch(/due date has passed/);
    expect(refusal(opened, { type: 'SUBMIT', actor: clerk, task: task('accepted') }).en).toBe('this task is “Accepted”; it can be changed only after the strategy office returns or reopens it');

    const orient = step(opened, advance(opened));
    expect(refusal(orient, { type: 'SUBMIT', actor: clerk, task: task('open') }).en).toMatch(/late submission needs the strategy office to reopen/);
    const reopened = step(orient, { type: 'REOPEN_TASK', actor: office, task: task('accepted') });
    expect(reopened.effects).toEqual([{ topic: 'task_reopened', taskId: 't1' }]);
    expect(step(orient, { type: 'SUBMIT', actor: clerk, task: task('open', { reopened: true }) }).phase).toBe('orient');
  });

  it('names the returned task as an effect, to tell its department', () => {
    const returned = step(opened, { type: 'REVIEW_SUBMISSION', actor: office, decision: 'return', task: task('submitted') });
    expect(returned.effects).toEqual([{ topic: 'submission_returned', taskId: 't1' }]);
    expect(step(opened, { type: 'REVIEW_SUBMISSION', actor: office, decision: 'accept', task: task('submitted') }).effects).toEqual([]);
    expect(refusal(opened, { type: 'REVIEW_SUBMISSION', actor: office, decision: 'accept', task: task('open') }).en).toBe('this task is “Not submitted”; there is no submission awaiting review');
  });

  it('accepts each event only in its phases', () => {
    expect(refusal(opened, { type: 'PROPOSE', actor: clerk }).en).toBe('the cycle is in Observe; proposing a revision is possible only in Decide');
    expect(refusal(opened, { type: 'EXPLAIN', actor: clerk }).ja).toBe('このサイクルは実績収集フェーズです。ＫＰＩの原因・改善策の記入は状況判断・意思決定フェーズでのみ行えます');
    expect(refusal(opened, { type: 'ADD_ACTION_ITEM', actor: office }).en).toBe('the cycle is in Observe; adding a follow-up is possible only in Act');
  });

  it('computes blockers per phase from the facts', () => {
    const facts = { tasksOutstanding: 1, explanationsMissing: 1, assessmentsMissing: 1, proposalsPending: 1, submissionsAwaitingReview: 1 };
    expect(advanceBlockers('observe', facts).map((b) => b.code)).toEqual(['tasksOutstanding', 'submissionsAwaitingReview']);
    // Acknowledging lets a waiting submission through, never a task nobody has sent.
    expect(advanceBlockers('observe', facts, true).map((b) => b.code)).toEqual(['tasksOutstanding']);
    expect(advanceBlockers('orient', facts, true).map((b) => b.code)).toEqual(['explanationsMissing', 'assessmentsMissing']);
    expect(advanceBlockers('orient', facts).map((b) => b.code)).toEqual(['explanationsMissing', 'assessmentsMissing']);
    expect(advanceBlockers('decide', facts).map((b) => b.code)).toEqual(['proposalsPending']);
    expect(advanceBlockers('act', facts)).toEqual([]);
  });
});

describe('who may: one actor guard per event', () => {
  const opened = startCycle({ cycleId: 'c1', measureNumber: 1, fiscalYear: 2022 });
  const accept = (actor: EventActor) => ({ type: 'REVIEW_SUBMISSION', actor, decision: 'accept', task: task('submitted') }) as const;

  it('names a guard for every event type, each implemented by the machine', () => {
    for (const guard of Object.values(ACTOR_GUARDS)) expect(typeof reviewCycleMachine.implementations.guards[guard], guard).toBe('function');
  });

  it('refuses the wrong role as forbidden, whatever the phase, and the wrong moment as a conflict', () => {
    expect(refusal(opened, accept(clerk))).toMatchObject({ kind: 'forbidden' });
    expect(refusal(opened, { type: 'ADD_ACTION_ITEM', actor: clerk })).toMatchObject({ kind: 'forbidden' });
    expect(refusal(opened, { type: 'ADD_ACTION_ITEM', actor: office })).toMatchObject({ kind: 'conflict' });
    expect(refusal(opened, { ...accept(office), task: task('open') })).toMatchObject({ kind: 'conflict' });
  });

  it('answers without moving what runCycleEvent would do: cycleAccepts and cycleActorMay', () => {
    expect(cycleAccepts(opened, accept(office))).toBe(true);
    expect(cycleAccepts(opened, accept(clerk))).toBe(false);
    expect(cycleAccepts(opened, { type: 'SUBMIT', actor: clerk, task: task('open') })).toBe(true);
    expect(cycleAccepts(opened, { type: 'PROPOSE', actor: clerk })).toBe(false);
    expect(cycleActorMay(opened, { type: 'PROPOSE', actor: clerk })).toBe(true);
    expect(cycleActorMay(opened, advance(opened, {}, clerk))).toBe(false);
  });

  it('follows a provided guard: flipping mayReviewSubmission flips who may accept, and nothing else', () => {
    const flipped = reviewCycleMachine.provide({ guards: { mayReviewSubmission: ({ event }) => event.actor.role === 'department_member' } });
    expect(cycleAccepts(opened, accept(clerk), flipped)).toBe(true);
    expect(cycleAccepts(opened, accept(office), flipped)).toBe(false);
    expect(runCycleEvent(opened, accept(office), flipped)).toMatchObject({ ok: false, refusal: { kind: 'forbidden' } });
    expect(runCycleEvent(opened, accept(clerk), flipped)).toMatchObject({ ok: true });
    // The other office-only events are their own guards.
    expect(cycleAccepts(opened, { type: 'WAIVE_TASK', actor: office, task: task('open') }, flipped)).toBe(true);
    expect(cycleAccepts(opened, { type: 'WAIVE_TASK', actor: clerk, task: task('open') }, flipped)).toBe(false);
  });
});

describe('stored snapshots', () => {
  const dir = 'tests/fixtures/review-cycle-snapshots';

  it('loads every snapshot ever written by an earlier machine version, without replaying entry actions', () => {
    const versions = readdirSync(dir).map((v) => Number(v.replace(/^v/, '')));
    expect(versions).toContain(1);
    for (const version of versions) {
      for (const file of readdirSync(`${dir}/v${version}`)) {
        const stored = JSON.parse(readFileSync(`${dir}/v${version}/${file}`, 'utf8'));
        const snapshot = restoreCycleSnapshot(version, stored);
        expect(snapshot.value).toBe(file.replace('.json', ''));
        expect(snapshot.context.fiscalYear).toBe(2022);
        if (snapshot.value !== 'closed') {
          // Resuming: the next event works from the restored phase, and only its own effects come out.
          const next = runCycleEvent({ machineVersion: version, snapshot: stored }, advance({} as CycleStep));
          expect(next.ok && next.step.effects).toEqual([{ topic: 'phase_entered', phase: next.ok ? next.step.phase : '' }]);
        }
      }
    }
  });

  it('fails loudly on a state or version this build does not know', () => {
    expect(() => restoreCycleSnapshot(1, { value: 'observing', context: {} })).toThrow("State 'observing' does not exist");
    expect(() => restoreCycleSnapshot(REVIEW_CYCLE_MACHINE_VERSION + 1, { value: 'observe', context: {} })).toThrow(/machine version/);
    expect(() => restoreCycleSnapshot(0, { value: 'observe', context: {} })).toThrow(/machine version 0/);
  });
});
