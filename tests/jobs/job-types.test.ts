/**
 * Jobs are typed data. At run time: the job map, the queues and the registry name the same
 * jobs. At compile time (`tsc --noEmit -p .`, part of `npm test`): each `@ts-expect-error` line
 * below must be an error — a job name no job has, or a payload of the wrong shape, through
 * every way of asking for work. Should one of them start compiling, tsc fails on the unused
 * directive.
 */
import { describe, expect, it } from 'vitest';
import type { Tx } from '../../db/client.ts';
import { addJob, addJobs } from '../../jobs/add-job.ts';
import { JOB_QUEUES } from '../../jobs/job-queues.ts';
import type { Queues } from '../../jobs/queues.ts';
import { JOBS, jobByName } from '../../jobs/registry.ts';
import { SCHEDULES, type Schedule } from '../../jobs/schedulers.ts';
import { enqueue, enqueueMany } from '../../services/outbox/enqueue.ts';
import { isJobName, JOB_NAMES, JOB_PAYLOADS } from '../../services/outbox/job-payloads.ts';

const uuid = '00000000-0000-4000-8000-000000000000';

// Never called: only compiled.
export function askingForWork(queues: Queues, tx: Tx) {
  void addJob(queues, 'send-email', { emailId: uuid }, { jobId: 'email-x' });
  void addJobs(queues, 'send-reminder', [{ payload: { planId: uuid, fiscalYear: 2024, departmentId: uuid, dueDate: '2025-06-30', step: { kind: 'due' }, stepKey: 'due' }, jobId: 'r' }]);
  void enqueue(tx, 'publish-decision', { decisionId: 1 });
  void enqueueMany(tx, [{ job: 'announce-phase', payload: { cycleId: uuid, phase: 'orient' } }]);

  // @ts-expect-error a name no job has
  void addJob(queues, 'send-emails', { emailId: uuid });
  // @ts-expect-error a payload of another job
  void addJob(queues, 'send-email', { planId: uuid, date: '2025-06-30' });
  // @ts-expect-error a field missing
  void addJob(queues, 'plan-daily-run', { planId: uuid });
  // @ts-expect-error a step the reminder does not know
  void addJobs(queues, 'send-reminder', [{ payload: { planId: uuid, fiscalYear: 2024, departmentId: uuid, dueDate: '2025-06-30', step: { kind: 'soon' }, stepKey: 'x' }, jobId: 'r' }]);
  // @ts-expect-error a field of the wrong type
  void enqueue(tx, 'publish-decision', { decisionId: '1' });
  // @ts-expect-error a phase no cycle has
  void enqueue(tx, 'announce-phase', { cycleId: uuid, phase: 'done' });
  // @ts-expect-error a name no job has, in the outbox
  void enqueue(tx, 'publish-decisions', { decisionId: 1 });
  // @ts-expect-error one job's name with another's payload
  void enqueueMany(tx, [{ job: 'announce-phase', payload: { taskId: uuid } }]);
  // @ts-expect-error a schedule of a job that does not exist
  const wrong: Schedule = { id: 'x', job: 'daily-tock', data: {}, repeat: { every: 1 } };
  return wrong;
}

describe('the job map', () => {
  it('gives every job a payload schema, a queue and a handler of its own name, and nothing more', () => {
    expect(Object.keys(JOBS).sort()).toEqual([...JOB_NAMES].sort());
    expect(Object.keys(JOB_QUEUES).sort()).toEqual([...JOB_NAMES].sort());
    for (const name of JOB_NAMES) {
      const definition = jobByName(name)!;
      expect(definition.name).toBe(name);
      expect(definition.payload).toBe(JOB_PAYLOADS[name]);
      expect(definition.queue).toBe(JOB_QUEUES[name].queue);
    }
  });

  it('knows no job by a name it does not have, nor by an inherited property', () => {
    expect(jobByName('no-such-job')).toBeUndefined();
    expect(jobByName('toString')).toBeUndefined();
    expect(isJobName('constructor')).toBe(false);
  });

  it('schedules only jobs it has, each on its own queue', () => {
    for (const schedule of SCHEDULES) expect(isJobName(schedule.job)).toBe(true);
  });
});
