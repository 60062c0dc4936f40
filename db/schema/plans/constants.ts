export const KPI_DIRECTIONS = ['higher', 'lower', 'keep'] as const;
export type KpiDirection = (typeof KPI_DIRECTIONS)[number];

export const VALUE_KINDS = ['baseline', 'actual', 'target'] as const;
export type ValueKind = (typeof VALUE_KINDS)[number];

/** Where a value or version came from: the plan document (or a plan file), a department's submission in a review, or an approved decision. */
export const PROVENANCES = ['document', 'review', 'decision'] as const;
export type Provenance = (typeof PROVENANCES)[number];

export const VALUE_QUALITIES = ['provisional', 'final'] as const;
export type ValueQuality = (typeof VALUE_QUALITIES)[number];

export const YEAR_BASES = ['fiscal', 'calendar'] as const;
export type YearBasis = (typeof YEAR_BASES)[number];

export const PROJECT_STATUSES = ['active', 'ended'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

export const POPULATION_FIGURE_KINDS = ['current', 'goal', 'projection', 'simulation', 'outlook'] as const;

/** A plan is a draft while the strategy office writes it, adopted once 策定・公表 (then it changes only by revision or amendment). */
export const PLAN_STATUSES = ['draft', 'adopted'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];
