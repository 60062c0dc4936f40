/**
 * Runs the job workers in this process: one BullMQ Worker per queue, the outbox relay loop,
 * and (unless told not to) the job schedulers. Payloads are checked against their job's
 * schema first; an invalid one fails at once, without retries. `close()` stops taking jobs,
 * lets running ones finish, then closes the connections.
 */
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { pino, type Logger } from 'pino';
import { connectRedis } from '../services/boot.ts';
import type { AppDeps } from '../services/deps.ts';
import { inputProblems, inputValidator } from '../services/input-check.ts';
import { createMailer, SMTP_CONNECTIONS, type Mailer } from '../services/notifications/mailer.ts';
import type { WorkerDeps } from './define-job.ts';
import { heartbeat } from './heartbeat.ts';
import { markOutboxCompleted, relayOutbox } from './outbox-relay.ts';
import { closeQueues, createQueues, QUEUE_NAMES } from './queues.ts';
import { JOBS, jobByName } from './registry.ts';
import type { JobPayload } from '../services/outbox/job-payloads.ts';
import { registerSchedulers } from './schedulers.ts';

export interface RunningWorker {
  deps: WorkerDeps;
  close(): Promise<void>;
}

export interface WorkerOptions {
  /** Register the recurring jobs (off in tests that drive the calendar by hand). */
  schedulers?: boolean;
  /** How long the relay sleeps when the outbox is empty. */
  relayIdleMs?: number;
  mailer?: Mailer;
  log?: Logger;
  /** How long `close()` waits for a queue's running jobs before cutting its connections (default: half the shutdown timeout). */
  closeGraceMs?: number;
}

// Every payload schema compiled at start: a broken one fails here, not on its first job.
for (const job of Object.values(JOBS)) inputValidator(job.payload);

export async function runWorker(app: AppDeps, options: WorkerOptions = {}): Promise<RunningWorker> {
  const connection = await connectRedis(app.config, 'worker');
  const log = options.log ?? pino({ level: app.config.logLevel, name: 'worker' });
  const queues = createQueues(app.config, connection, (error) => log.warn({ err: error.message }, 'queue connection error; reconnecting'));
  const mailer = options.mailer ?? createMailer(app.config);
  const deps: WorkerDeps = { ...app, queues, mailer, log };

  const processor = async (job: Job) => {
    const definition = jobByName(job.name);
    if (!definition) throw new UnrecoverableError(`no job is called ${job.name}`);
    const { outboxKey, outboxId, ...payload } = job.data as { outboxKey?: string; outboxId?: number };
    // Checked like every input: strict, nothing coerced (services/input-check.ts).
    const problems = inputProblems(definition.payload, payload, 'payload');
    if (problems.length) throw new UnrecoverableError(`invalid payload for ${job.name}: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`);
    // Checked just above against the schema that defines this type.
    const result = await definition.run(deps, payload as JobPayload<typeof definition.name>, job);
    if (outboxKey) await markOutboxCompleted(deps, { jobKey: outboxKey });
    // Published before migration 0011 (job id `outbox-<serial>`): still matched by its serial id.
    else if (outboxId) await markOutboxCompleted(deps, { id: outboxId });
    return result;
  };

  const workers = QUEUE_NAMES.map((name) => {
    const worker = new Worker(name, processor, {
      connection,
      prefix: app.config.queuePrefix,
      // Email jobs spend most of their time on the database and Redis: four per pooled SMTP connection keep the pool busy.
      concurrency: name === 'schedule' ? 2 : name === 'email' ? 4 * SMTP_CONNECTIONS : 5,
      // A worker that dies mid-job loses its lock after this long; another worker then retries the job.
      lockDuration: app.config.jobLockMs,
      stalledInterval: app.config.jobLockMs,
    });
    worker.on('failed', (job, error) => log.warn({ queue: name, job: job?.name, jobId: job?.id, attempts: job?.attemptsMade, err: error.message }, 'job failed'));
    worker.on('error', (error) => log.error({ queue: name, err: error.message }, 'worker error'));
    return worker;
  });
  if (options.schedulers !== false) await registerSchedulers(queues);

  let stopped = false;
  const beat = heartbeat(app.config.workerHeartbeatFile, connection);
  const relay = (async () => {
    while (!stopped) {
      try {
        const relayed = await relayOutbox(deps);
        await beat();
        if (relayed > 0) continue;
      } catch (error) {
        log.warn({ err: (error as Error).message }, 'outbox relay failed; retrying');
      }
      await new Promise((resolve) => setTimeout(resolve, options.relayIdleMs ?? 500));
    }
  })();

  let closing: Promise<void> | undefined;
  return {
    deps,
    // Once: a second call waits for the first.
    close: () =>
      (closing ??= (async () => {
        stopped = true;
        await relay;
        await Promise.all(workers.map((w) => closeWithin(w, options.closeGraceMs ?? app.config.shutdownTimeoutMs / 2, log)));
        await closeQueues(queues);
        mailer.close();
        connection.disconnect();
      })()),
  };
}

/**
 * Closes a queue's Worker, letting its running jobs finish for up to `graceMs`. After Redis was
 * restarted empty, BullMQ's own close can wait forever on its blocking fetch (seen in
 * tests/jobs/redis-restart.test.ts, about one run in six); past the grace it is left behind and
 * the shared connection is closed after it. A job cut short keeps its lock until it lapses and is
 * then retried, as after a crash (jobs are idempotent).
 */
async function closeWithin(worker: Worker, graceMs: number, log: Logger) {
  let timer: NodeJS.Timeout | undefined;
  const closed = await Promise.race([
    worker.close().then(() => true, () => true),
    new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), graceMs))),
  ]);
  clearTimeout(timer);
  if (!closed) log.warn({ queue: worker.name, graceMs }, 'worker not closed in time; leaving it to the shared connection being closed');
}
