import type { Job, JobsOptions } from 'bullmq';
import type { Static, TSchema } from 'typebox';
import type { Logger } from 'pino';
import type { AppDeps } from '../services/deps.ts';
import type { Mailer } from '../services/notifications/mailer.ts';
import type { QueueName, Queues } from './queues.ts';

/** What every job handler is given. */
export interface WorkerDeps extends AppDeps {
  queues: Queues;
  mailer: Mailer;
  log: Logger;
}

/** A job is data: its name, its queue, the schema of its payload and its handler. */
export interface JobDefinition<S extends TSchema = TSchema> {
  name: string;
  queue: QueueName;
  payload: S;
  options?: JobsOptions;
  run(deps: WorkerDeps, payload: Static<S>, job: Job): Promise<unknown>;
}

export const defineJob = <S extends TSchema>(definition: JobDefinition<S>) => definition;
