/**
 * `npm run worker`: the job worker on its own (production runs API and worker processes
 * separately, as many of each as needed). Stops gracefully on SIGTERM: running jobs finish,
 * then the database and Redis connections close.
 */
import { boot, closeOnSignal, exitOnBootError } from '../services/boot.ts';
import { runWorker, type RunningWorker } from './run-worker.ts';

const deps = await boot(process.env).catch(exitOnBootError);
const running: { worker?: RunningWorker } = {};
closeOnSignal(async () => {
  await running.worker?.close();
  await deps.close();
}, deps.config.shutdownTimeoutMs);
running.worker = await runWorker(deps).catch(exitOnBootError);
console.log('cityplan: worker running (queues: events, email, schedule)');
