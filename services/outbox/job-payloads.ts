/**
 * Every job there is, by name, with the payload it takes: the contract between the code that
 * asks for work (service verbs writing outbox rows, the daily run fanning out, the schedulers)
 * and the worker that does it (jobs/registry.ts has exactly one handler per name, checked by
 * its type). It lives here, below both, because services write outbox rows and must not import
 * `jobs/`. A name not in this map, or a payload of the wrong shape, does not compile
 * (tests/jobs/job-types.test.ts); the worker checks payloads against these schemas again at
 * run time, strictly (services/input-check.ts).
 */
import Type, { type Static } from 'typebox';
import { CYCLE_PHASES } from '../../db/schema/reviews/constants.ts';
import { IsoDate, Uuid } from '../input-schemas.ts';

const Empty = Type.Object({});
const PlanDay = Type.Object({ planId: Uuid, date: IsoDate });
const TaskId = Type.Object({ taskId: Uuid });

/** A step of the reminder season (services/calendar/season.ts `reminderStep`). */
const ReminderStep = Type.Union([
  Type.Object({ kind: Type.Literal('kickoff') }),
  Type.Object({ kind: Type.Literal('before'), days: Type.Integer({ minimum: 0 }) }),
  Type.Object({ kind: Type.Literal('due') }),
  Type.Object({ kind: Type.Literal('overdue'), days: Type.Integer({ minimum: 1 }) }),
]);

/** One department's overdue tasks of one due date (what the head is told about). */
const DepartmentDue = {
  planId: Uuid,
  fiscalYear: Type.Integer(),
  departmentId: Uuid,
  dueDate: IsoDate,
};

export const JOB_PAYLOADS = {
  'send-email': Type.Object({ emailId: Uuid }),
  'daily-tick': Empty,
  'plan-daily-run': PlanDay,
  'send-reminder': Type.Object({ ...DepartmentDue, step: ReminderStep, stepKey: Type.String() }),
  'escalate-to-head': Type.Object({ ...DepartmentDue, daysOverdue: Type.Integer({ minimum: 0 }) }),
  'office-summary': PlanDay,
  'announce-phase': Type.Object({ cycleId: Uuid, phase: Type.Enum(CYCLE_PHASES) }),
  'announce-task-returned': TaskId,
  'announce-task-reopened': TaskId,
  'announce-action-item': Type.Object({ actionItemId: Uuid }),
  /** One department told of one due-date change (services/reviews/due-date-change.ts). */
  'announce-due-date': Type.Object({ changeId: Uuid, departmentId: Uuid, taskIds: Type.Array(Uuid, { minItems: 1 }), previousDueDate: IsoDate, dueDate: IsoDate, reason: Type.String({ minLength: 1 }) }),
  'publish-decision': Type.Object({ decisionId: Type.Integer({ minimum: 1 }) }),
  'sweep-outbox': Empty,
  'sweep-emails': Empty,
};

export type JobName = keyof typeof JOB_PAYLOADS;
export type JobPayloadSchema<N extends JobName> = (typeof JOB_PAYLOADS)[N];
export type JobPayload<N extends JobName> = Static<JobPayloadSchema<N>>;

/** A job with its payload, as one value: `{ job: 'announce-phase', payload: { cycleId, phase } }`. */
export type JobRequest = { [N in JobName]: { job: N; payload: JobPayload<N> } }[JobName];

export const JOB_NAMES = Object.keys(JOB_PAYLOADS) as JobName[];
export const isJobName = (name: string): name is JobName => Object.hasOwn(JOB_PAYLOADS, name);
