/** The phases of one review cycle (one measure, one fiscal year): the OODA loop, then closed. */
export const CYCLE_PHASES = ['observe', 'orient', 'decide', 'act', 'closed'] as const;
export type CyclePhase = (typeof CYCLE_PHASES)[number];

/**
 * A department's review task for one project: open → submitted → accepted, or returned
 * (back to the department), or waived by the strategy office.
 */
export const TASK_STATUSES = ['open', 'submitted', 'accepted', 'returned', 'waived'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const PROPOSAL_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/** 効果検証: the effect a project had, suggested from the numbers and confirmed by people. */
export const EFFECT_GRADES = ['very_effective', 'considerably_effective', 'effective', 'not_effective'] as const;
export type EffectGrade = (typeof EFFECT_GRADES)[number];

/** What happens to a project next. */
export const NEXT_STEPS = ['expand', 'improve', 'continue', 'abolish', 'complete'] as const;
export type NextStep = (typeof NEXT_STEPS)[number];

export const ACTION_ITEM_STATUSES = ['open', 'done'] as const;
