/**
 * The queues: `events` carries what state changes caused (from the outbox), `email` the
 * sending itself, `schedule` the sweeps and the per-department work they fan out. Finished
 * jobs are kept for a bounded time: completed a day (at most 1,000 per queue), failed two
 * weeks (at most 10,000), so Redis does not grow with the years.
 */
import { Queue, type DefaultJobOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Config } from '../services/config.ts';

export const QUEUE_NAMES = ['events', 'email', 'schedule'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];
export type Queues = Record<QueueName, Queue>;

export const DEFAULT_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 5_000 },
  removeOnComplete: { age: 24 * 3600, count: 1000 },
  removeOnFail: { age: 14 * 24 * 3600, count: 10_000 },
};

/**
 * `onError` hears connection errors (Redis restarting, say); the connection reconnects by
 * itself meanwhile. Without a listener they would be printed to stderr one by one.
 */
export function createQueues(config: Pick<Config, 'queuePrefix'>, connection: Redis, onError: (error: Error) => void = () => {}): Queues {
  const make = (name: QueueName) => {
    const queue = new Queue(name, { connection, prefix: config.queuePrefix, defaultJobOptions: DEFAULT_JOB_OPTIONS });
    queue.on('error', onError);
    return queue;
  };
  return { events: make('events'), email: make('email'), schedule: make('schedule') };
}

export async function closeQueues(queues: Queues) {
  await Promise.all(Object.values(queues).map((q) => q.close()));
}
