/** A job worker for tests, on the file's own queues, and a way to wait until all the work it caused is done. */
import { afterAll } from 'vitest';
import { runWorker, type RunningWorker } from '../../jobs/run-worker.ts';
import type { AppDeps } from '../../services/deps.ts';

export { waitForIdle } from '../../jobs/idle.ts';

export async function useWorker(deps: AppDeps): Promise<RunningWorker> {
  const worker = await runWorker(deps, { schedulers: false, relayIdleMs: 50 });
  afterAll(() => worker.close());
  return worker;
}
