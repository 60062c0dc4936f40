/**
 * `npm run worker`: the job worker on its own (production runs API and worker processes
 * separately, as many of each as needed). Stops gracefully on SIGTERM: running jobs finish,
 * then the database and Redis connections close.
 */
import { boot, exitOnBootError } from '../services/boot.ts';
import { runWorker } from './run-worker.ts';

const deps = await boot(process.env).catch(exitOnBootError);
const worker = await runWorker(deps).catch(exitOnBootError);
console.log('cityplan: worker running (queues: events, email, schedule)');

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, async () => {
    await worker.close();
    await deps.close();
    process.exit(0);
  });
}
