/**
 * One review cycle: one measure (施策) for one fiscal year, through the OODA loop.
 *
 *   observe ──ADVANCE──▶ orient ──ADVANCE──▶ decide ──ADVANCE──▶ act ──ADVANCE──▶ closed
 *
 * The machine is pure: it decides which event is allowed in which phase and by whom, and it
 * names the effects (`notify`) a transition causes. Who may send an event is one guard per
 * event type (ACTOR_GUARDS), the only place a role is decided for the review: the services
 * refuse with it, and the pages show a button only where it (and the services' ownership
 * rules, services/reviews/permissions.ts) would let the user through. The service that drives it supplies the
 * facts its guards need inside each event (task status, counts of what is still missing),
 * writes the domain rows, persists the snapshot and turns the effects into outbox rows, all
 * in one transaction. Deadlines are data plus jobs, never timers here.
 */
import { and, setup } from 'xstate';
import type { CyclePhase, TaskStatus } from '../db/schema/reviews/constants.ts';
import type { Role } from '../db/schema/access/constants.ts';

/** Bump when states, context or events change shape; add an upgrade in review-cycle.snapshots.ts. */
export const REVIEW_CYCLE_MACHINE_VERSION = 1;

export interface CycleContext {
  cycleId: string;
  measureNumber: number;
  fiscalYear: number;
}

export interface EventActor {
  userId: string;
  role: Role;
}

/** Facts about the cycle the service counts in the database before asking to advance. */
export interface AdvanceFacts {
  /** Tasks still open or returned to their department. */
  tasksOutstanding: number;
  /** At-risk or off-track KPIs without the department's cause and improvement. */
  explanationsMissing: number;
  /** Projects without the strategy office's assessment. */
  assessmentsMissing: number;
  /** Proposals not yet approved or rejected. */
  proposalsPending: number;
  /** Submissions the strategy office has not yet accepted or returned (blocks leaving Observe unless acknowledged). */
  submissionsAwaitingReview: number;
}

export type CycleEvent =
  | { type: 'SUBMIT'; actor: EventActor; task: TaskFacts & { reopened: boolean } }
  /** A file attached to the latest submission: allowed exactly when a submission would be. */
  | { type: 'ATTACH'; actor: EventActor; task: TaskFacts & { reopened: boolean } }
  | { type: 'REVIEW_SUBMISSION'; actor: EventActor; decision: 'accept' | 'return'; task: TaskFacts }
  | { type: 'WAIVE_TASK'; actor: EventActor; task: TaskFacts }
  | { type: 'REOPEN_TASK'; actor: EventActor; task: TaskFacts }
  | { type: 'EXPLAIN'; actor: EventActor }
  | { type: 'ASSESS'; actor: EventActor }
  | { type: 'PROPOSE'; actor: EventActor }
  | { type: 'DECIDE_PROPOSAL'; actor: EventActor; decision: 'approve' | 'reject'; proposal: { status: string } }
  | { type: 'ADD_ACTION_ITEM'; actor: EventActor }
  /** `acknowledged`: the strategy office moves on knowing what the acknowledgeable blockers say (承知のうえで進める). */
  | { type: 'ADVANCE'; actor: EventActor; facts: AdvanceFacts; acknowledged?: boolean };

/** The task an event is about, as the service read it (locked) in the transaction. */
export interface TaskFacts {
  id: string;
  status: TaskStatus;
  /** The task's due date has passed (Tokyo time). */
  pastDue: boolean;
}

export type CycleEventType = CycleEvent['type'];

/** An effect named by a transition, run after commit via the outbox. */
export interface NotifyParams {
  topic: 'phase_entered' | 'submission_returned' | 'task_reopened';
  phase?: CyclePhase;
  taskId?: string;
}

const taskId = ({ event }: { event: CycleEvent }) => ('task' in event ? event.task.id : undefined);

export const isStrategyOffice = (actor: EventActor) => actor.role === 'strategy_office' || actor.role === 'admin';

/** One thing that keeps a cycle in its phase, and how many (the services say it in words: services/reviews/refusal-words.ts). */
export interface Blocker {
  code: keyof AdvanceFacts;
  count: number;
  /** The strategy office may move on anyway by acknowledging it (the event's `acknowledged`). */
  acknowledgeable: boolean;
}

/**
 * What must be settled before each phase may move on. A submission still waiting for review
 * keeps a cycle in Observe unless the strategy office acknowledges it: it can still be reviewed
 * later, but moving on without looking is a mistake more often than a choice.
 */
const BLOCKERS_OF: Partial<Record<CyclePhase, { code: keyof AdvanceFacts; acknowledgeable?: true }[]>> = {
  observe: [{ code: 'tasksOutstanding' }, { code: 'submissionsAwaitingReview', acknowledgeable: true }],
  orient: [{ code: 'explanationsMissing' }, { code: 'assessmentsMissing' }],
  decide: [{ code: 'proposalsPending' }],
};

/** What keeps a cycle in its phase; empty when it may move on. */
export function advanceBlockers(phase: CyclePhase, facts: AdvanceFacts, acknowledged = false): Blocker[] {
  return (BLOCKERS_OF[phase] ?? [])
    .filter(({ code, acknowledgeable }) => facts[code] > 0 && !(acknowledgeable && acknowledged))
    .map(({ code, acknowledgeable }) => ({ code, count: facts[code], acknowledgeable: acknowledgeable ?? false }));
}

/** Open or returned tasks take a submission; a submitted one can be corrected until its due date. */
const openForSubmission = (task: TaskFacts) => task.status === 'open' || task.status === 'returned' || (task.status === 'submitted' && !task.pastDue);

/** The guard that decides who may send each event type, whatever the phase. */
export const ACTOR_GUARDS = {
  SUBMIT: 'maySubmit',
  ATTACH: 'maySubmit',
  REVIEW_SUBMISSION: 'mayReviewSubmission',
  WAIVE_TASK: 'mayWaiveTask',
  REOPEN_TASK: 'mayReopenTask',
  EXPLAIN: 'mayExplain',
  ASSESS: 'mayAssess',
  PROPOSE: 'mayPropose',
  DECIDE_PROPOSAL: 'mayDecideProposal',
  ADD_ACTION_ITEM: 'mayAddActionItem',
  ADVANCE: 'mayAdvance',
} as const satisfies Record<CycleEventType, string>;

type ActorGuard = ({ event }: { event: CycleEvent }) => boolean;
/** Any signed-in user: which task or KPI is theirs is the services' rule (their own department's). */
const anyone: ActorGuard = () => true;
const strategyOffice: ActorGuard = ({ event }) => isStrategyOffice(event.actor);

const machineSetup = setup({
  types: {
    context: {} as CycleContext,
    events: {} as CycleEvent,
    input: {} as CycleContext,
  },
  guards: {
    // Who (ACTOR_GUARDS): departments submit, explain and propose; the strategy office reviews, assesses, decides and moves on.
    maySubmit: anyone,
    mayReviewSubmission: strategyOffice,
    mayWaiveTask: strategyOffice,
    mayReopenTask: strategyOffice,
    mayExplain: anyone,
    mayAssess: strategyOffice,
    mayPropose: anyone,
    mayDecideProposal: strategyOffice,
    mayAddActionItem: strategyOffice,
    mayAdvance: strategyOffice,
    // When: the phase and the task, proposal or cycle the event is about.
    submissionOpen: ({ event }) => (event.type === 'SUBMIT' || event.type === 'ATTACH') && openForSubmission(event.task),
    lateSubmissionAllowed: ({ event }) => (event.type === 'SUBMIT' || event.type === 'ATTACH') && event.task.reopened && openForSubmission(event.task),
    submissionAwaitingReview: ({ event }, params: { decision: 'accept' | 'return' }) =>
      event.type === 'REVIEW_SUBMISSION' && event.decision === params.decision && event.task.status === 'submitted',
    taskWaivable: ({ event }) => event.type === 'WAIVE_TASK' && event.task.status !== 'accepted' && event.task.status !== 'waived',
    taskReopenable: ({ event }) => event.type === 'REOPEN_TASK' && event.task.status !== 'open',
    proposalPending: ({ event }) => event.type === 'DECIDE_PROPOSAL' && event.proposal.status === 'pending',
    nothingBlocks: ({ event }, params: { phase: CyclePhase }) => event.type === 'ADVANCE' && advanceBlockers(params.phase, event.facts, event.acknowledged).length === 0,
  },
  actions: {
    // Effects are data: the runner reads `params` and writes outbox rows. Nothing runs here.
    notify: (_, _params: NotifyParams) => {},
  },
});

/** The strategy office reviews tasks in every phase until Act (late submissions arrive after Observe). */
const taskReview = {
  REVIEW_SUBMISSION: [
    { guard: and(['mayReviewSubmission', { type: 'submissionAwaitingReview', params: { decision: 'accept' as const } }]) },
    {
      guard: and(['mayReviewSubmission', { type: 'submissionAwaitingReview', params: { decision: 'return' as const } }]),
      actions: { type: 'notify', params: ({ event }: { event: CycleEvent }) => ({ topic: 'submission_returned' as const, taskId: taskId({ event }) }) },
    },
  ],
  WAIVE_TASK: { guard: and(['mayWaiveTask', 'taskWaivable']) },
  REOPEN_TASK: {
    guard: and(['mayReopenTask', 'taskReopenable']),
    actions: { type: 'notify', params: ({ event }: { event: CycleEvent }) => ({ topic: 'task_reopened' as const, taskId: taskId({ event }) }) },
  },
} as const;

export const reviewCycleMachine = machineSetup.createMachine({
  id: 'reviewCycle',
  context: ({ input }) => input,
  initial: 'observe',
  states: {
    observe: {
      entry: { type: 'notify', params: { topic: 'phase_entered', phase: 'observe' } },
      on: {
        SUBMIT: { guard: and(['maySubmit', 'submissionOpen']) },
        ATTACH: { guard: and(['maySubmit', 'submissionOpen']) },
        ...taskReview,
        ADVANCE: { guard: and(['mayAdvance', { type: 'nothingBlocks', params: { phase: 'observe' as const } }]), target: 'orient' },
      },
    },
    orient: {
      entry: { type: 'notify', params: { topic: 'phase_entered', phase: 'orient' } },
      on: {
        SUBMIT: { guard: and(['maySubmit', 'lateSubmissionAllowed']) },
        ATTACH: { guard: and(['maySubmit', 'lateSubmissionAllowed']) },
        ...taskReview,
        EXPLAIN: { guard: 'mayExplain' },
        ASSESS: { guard: 'mayAssess' },
        ADVANCE: { guard: and(['mayAdvance', { type: 'nothingBlocks', params: { phase: 'orient' as const } }]), target: 'decide' },
      },
    },
    decide: {
      entry: { type: 'notify', params: { topic: 'phase_entered', phase: 'decide' } },
      on: {
        SUBMIT: { guard: and(['maySubmit', 'lateSubmissionAllowed']) },
        ATTACH: { guard: and(['maySubmit', 'lateSubmissionAllowed']) },
        ...taskReview,
        EXPLAIN: { guard: 'mayExplain' },
        ASSESS: { guard: 'mayAssess' },
        PROPOSE: { guard: 'mayPropose' },
        DECIDE_PROPOSAL: { guard: and(['mayDecideProposal', 'proposalPending']) },
        ADVANCE: { guard: and(['mayAdvance', { type: 'nothingBlocks', params: { phase: 'decide' as const } }]), target: 'act' },
      },
    },
    act: {
      entry: { type: 'notify', params: { topic: 'phase_entered', phase: 'act' } },
      on: {
        ADD_ACTION_ITEM: { guard: 'mayAddActionItem' },
        ADVANCE: { guard: and(['mayAdvance', { type: 'nothingBlocks', params: { phase: 'act' as const } }]), target: 'closed' },
      },
    },
    closed: {
      type: 'final',
      entry: { type: 'notify', params: { topic: 'phase_entered', phase: 'closed' } },
    },
  },
});

export type ReviewCycleMachine = typeof reviewCycleMachine;
