import type { Job } from 'bullmq';
import type { Logger } from 'pino';
import type { ServiceContext } from '../services/context.ts';
import type { AppDeps } from '../services/deps.ts';
import type { Mailer } from '../services/notifications/mailer.ts';
import { JOB_PAYLOADS, type JobName, type JobPayload, type JobPayloadSchema } from '../services/outbox/job-payloads.ts';
import { JOB_QUEUES, type JobRoute } from './job-queues.ts';
import type { Queues } from './queues.ts';

/** What every job handler is given. */
export interface WorkerDeps extends AppDeps {
  queues: Queues;
  mailer: Mailer;
  log: Logger;
}

/** A job is data: its name, its queue, the schema of its payload and its handler. */
export interface JobDefinition<N extends JobName = JobName> extends JobRoute {
  name: N;
  payload: JobPayloadSchema<N>;
  run(deps: WorkerDeps, payload: JobPayload<N>, job: Job): Promise<unknown>;
}

/** The handler of job `name`; its payload schema and queue come from the maps, by name. */
export function defineJob<N extends JobName>(name: N, handler: Pick<JobDefinition<N>, 'run'>): JobDefinition<N> {
  return { name, payload: JOB_PAYLOADS[name], ...JOB_QUEUES[name], run: handler.run };
}

/** The context a job calls service verbs with: the system actor, named after the job (what records show as the actor). */
export function systemContext(deps: Pick<WorkerDeps, 'db' | 'clock'>, name: string): ServiceContext {
  return { db: deps.db, clock: deps.clock, actor: { type: 'system', name } };
}
