/**
 * `npm start`: migrate, load the default plan on first start, then run the HTTP API and the
 * job worker in this one process until SIGTERM. Production can run `npm run api` and
 * `npm run worker` as separate processes instead, as many of each as needed.
 */
import { runWorker } from '../jobs/run-worker.ts';
import { boot, exitOnBootError } from './boot.ts';
import { startApi } from './server.ts';

const deps = await boot(process.env).catch(exitOnBootError);
const app = await startApi(deps).catch(exitOnBootError);
const worker = await runWorker(deps).catch(exitOnBootError);

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, async () => {
    await app.close();
    await worker.close();
    await deps.close();
    process.exit(0);
  });
}
