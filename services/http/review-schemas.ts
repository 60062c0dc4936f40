/** Request and response schemas of the review routes. */
import Type from 'typebox';
import { CYCLE_PHASES, EFFECT_GRADES, NEXT_STEPS, PROPOSAL_STATUSES, TASK_STATUSES } from '../../db/schema/reviews/constants.ts';
import { DECISION_MARKERS, REVISION_MARKERS } from '../plans/markers.ts';
import { PLAUSIBILITY_CODES } from '../reviews/plausibility.ts';
import { DateTime, Nullable, Uuid } from './schemas.ts';

export const Phase = Type.Enum(CYCLE_PHASES);
export const TaskStatus = Type.Enum(TASK_STATUSES);
const Json = Type.Unsafe<unknown>({ description: 'JSON' });
const Open = <T extends Record<string, Type.TSchema>>(properties: T) => Type.Object(properties, { additionalProperties: true });

export const CycleSummary = Type.Object({
  id: Uuid,
  fiscalYear: Type.Integer(),
  phase: Phase,
  dueDate: Type.String(),
  version: Type.Integer(),
  measureId: Uuid,
  measureNumber: Type.Integer(),
  measureTitle: Type.String(),
  tasksTotal: Type.Integer(),
  tasksOpen: Type.Integer(),
  tasksOverdue: Type.Integer(),
  proposalsPending: Type.Integer(),
});

export const Task = Type.Object({
  id: Uuid,
  status: TaskStatus,
  dueDate: Type.String(),
  lead: Type.Boolean(),
  reopened: Type.Boolean(),
  overdue: Type.Optional(Type.Boolean()),
  cycleId: Type.Optional(Uuid),
  phase: Type.Optional(Phase),
  fiscalYear: Type.Optional(Type.Integer()),
  measureNumber: Type.Optional(Type.Integer()),
  measureTitle: Type.Optional(Type.String()),
  projectId: Uuid,
  projectCode: Type.String(),
  projectName: Type.String(),
  departmentId: Uuid,
  departmentName: Type.String(),
});

const SubmissionValue = Type.Object({
  kpiId: Uuid,
  value: Nullable(Type.Number()),
  quality: Type.String(),
  cancelledReason: Nullable(Type.String()),
  note: Nullable(Type.String()),
});

export const Submission = Type.Object({
  id: Uuid,
  taskId: Uuid,
  version: Type.Integer(),
  comment: Nullable(Type.String()),
  evidenceUrl: Nullable(Type.String()),
  submittedBy: Uuid,
  submittedByName: Type.Optional(Type.String()),
  submittedAt: DateTime,
  values: Type.Optional(Type.Array(SubmissionValue)),
});

/** A department's unsent draft of a task's actuals (only the owning department ever gets it). */
export const SubmissionDraft = Type.Object({
  taskId: Uuid,
  version: Type.Integer(),
  values: Type.Array(Type.Object({ kpiId: Uuid, value: Type.Optional(Nullable(Type.Number())), cancelledReason: Type.Optional(Nullable(Type.String())), quality: Type.Optional(Type.String()), note: Type.Optional(Nullable(Type.String())), fiscalYear: Type.Optional(Type.Integer()) })),
  comment: Nullable(Type.String()),
  evidenceUrl: Nullable(Type.String()),
  savedBy: Uuid,
  savedAt: DateTime,
});

export const TaskRecord = Type.Object({ id: Uuid, status: TaskStatus, version: Type.Integer(), reopened: Type.Boolean(), dueDate: Type.String() });

/** A plausibility warning on a submitted value (services/reviews/plausibility.ts): never a refusal. */
export const ValueWarnings = Type.Object({
  index: Type.Integer({ description: 'position in the submitted values: the warning is about values[index].value' }),
  kpiId: Uuid,
  warnings: Type.Array(
    Type.Object({
      code: Type.Enum(PLAUSIBILITY_CODES),
      fiscalYear: Type.Optional(Type.Integer({ description: 'the year of the figure compared with' })),
      previous: Type.Optional(Type.Number()),
      from: Type.Optional(Type.Enum(['actual', 'baseline'] as const)),
      change: Type.Optional(Type.Enum(['up', 'down'] as const)),
      target: Type.Optional(Type.Number()),
      factor: Type.Optional(Type.Number({ description: 'the city setting used (orient_settings.plausibility)' })),
    }),
  ),
});

/** Per KPI of a submitted task awaiting review: change from last year, warnings, and the status the value would give. */
export const ValueReview = Type.Object({
  kpiId: Uuid,
  change: Nullable(Type.Object({ fiscalYear: Type.Integer(), previous: Type.Number(), difference: Type.Number() })),
  warnings: ValueWarnings.properties.warnings,
  preview: Nullable(Open({ fiscalYear: Type.Integer(), status: Type.String(), label: Type.Object({ ja: Type.String(), en: Type.String() }), reason: Type.Object({ ja: Type.String(), en: Type.String() }) })),
});

export const TaskDetail = Open({
  id: Uuid,
  status: TaskStatus,
  dueDate: Type.String(),
  lead: Type.Boolean(),
  reopened: Type.Boolean(),
  overdue: Type.Boolean(),
  version: Type.Integer(),
  cycle: Type.Object({ id: Uuid, phase: Phase, fiscalYear: Type.Integer(), planId: Uuid }),
  project: Open({ id: Uuid, code: Type.String(), name: Type.String() }),
  department: Type.Object({ id: Uuid, name: Type.String() }),
  kpis: Type.Array(Open({ id: Uuid, code: Type.String(), name: Type.String(), unit: Type.String(), cumulative: Type.Boolean(), values: Type.Array(Json) })),
  submissions: Type.Array(Submission),
  coOwners: Type.Array(Open({ id: Uuid, status: TaskStatus, departmentName: Type.String(), latest: Nullable(Submission) })),
  history: Type.Array(Open({ type: Type.String(), phase: Phase, at: DateTime, actorName: Nullable(Type.String()), detail: Json })),
  /** Present while the latest submission awaits the office's review (issue 16 item 2). */
  valueReview: Type.Optional(Type.Array(ValueReview)),
});

export const Assessment = Open({
  fiscalYear: Type.Integer(),
  status: Type.String(),
  label: Type.Object({ ja: Type.String(), en: Type.String() }),
  reason: Type.Object({ ja: Type.String(), en: Type.String() }),
  achievement: Nullable(Type.Number()),
  progress: Nullable(Type.Number()),
  expected: Nullable(Type.Number()),
});

export const Proposal = Open({
  id: Uuid,
  cycleId: Uuid,
  marker: Type.Enum(REVISION_MARKERS),
  subjectId: Uuid,
  departmentId: Nullable(Uuid),
  before: Json,
  proposed: Json,
  rationale: Type.String(),
  status: Type.Enum(PROPOSAL_STATUSES),
  version: Type.Integer(),
  proposedBy: Uuid,
  proposedAt: DateTime,
  decidedBy: Nullable(Uuid),
  decidedAt: Nullable(DateTime),
  decisionReason: Nullable(Type.String()),
  decisionId: Nullable(Type.Integer()),
});

export const ActionItem = Type.Object({
  id: Uuid,
  cycleId: Uuid,
  departmentId: Uuid,
  projectId: Nullable(Uuid),
  text: Type.String(),
  dueDate: Nullable(Type.String()),
  status: Type.Enum(['open', 'done'] as const),
  createdAt: DateTime,
  doneAt: Nullable(DateTime),
});

const Blocker = Type.Object({ code: Type.String(), count: Type.Integer(), en: Type.String(), ja: Type.String(), acknowledgeable: Type.Boolean() });

export const CycleDetail = Open({
  id: Uuid,
  planId: Uuid,
  measureId: Uuid,
  measureNumber: Type.Integer(),
  measureTitle: Type.String(),
  fiscalYear: Type.Integer(),
  phase: Phase,
  version: Type.Integer(),
  machineVersion: Type.Integer(),
  dueDate: Type.String(),
  openedAt: DateTime,
  closedAt: Nullable(DateTime),
  tasks: Type.Array(Task),
  kpis: Type.Array(
    Open({ id: Uuid, code: Type.String(), name: Type.String(), unit: Type.String(), projectId: Uuid, assessment: Assessment, needsExplanation: Type.Boolean(), explanation: Nullable(Json) }),
  ),
  assessments: Type.Array(
    Open({ projectId: Uuid, effectGrade: Type.Enum(EFFECT_GRADES), suggestedGrade: Nullable(Type.Enum(EFFECT_GRADES)), nextStep: Type.Enum(NEXT_STEPS), comment: Nullable(Type.String()), assessedAt: DateTime }),
  ),
  proposals: Type.Array(Proposal),
  actionItems: Type.Array(ActionItem),
  blockers: Type.Array(Blocker),
  events: Type.Array(Open({ id: Type.Integer(), type: Type.String(), phase: Phase, at: DateTime, actorId: Nullable(Uuid), taskId: Nullable(Uuid), detail: Json })),
});

export const CycleRecord = Type.Object({ id: Uuid, phase: Phase, version: Type.Integer(), fiscalYear: Type.Integer() });

export const Decision = Open({
  id: Type.Integer(),
  fiscalYear: Type.Integer(),
  marker: Type.Enum(DECISION_MARKERS),
  subjectType: Type.String(),
  subjectId: Uuid,
  subjectCode: Type.String(),
  subjectName: Nullable(Type.String()),
  before: Json,
  after: Json,
  rationale: Nullable(Type.String()),
  source: Type.String(),
  cycleId: Nullable(Uuid),
  proposalId: Nullable(Uuid),
  decidedBy: Nullable(Uuid),
  decidedByName: Nullable(Type.String()),
  decidedAt: Nullable(DateTime),
});

export const EffectGrade = Type.Enum(EFFECT_GRADES);
export const NextStep = Type.Enum(NEXT_STEPS);

