/**
 * `npm start`: migrate, load the default plan on first start, then run the HTTP API and the
 * job worker in this one process until SIGTERM. Production can run `npm run api` and
 * `npm run worker` as separate processes instead, as many of each as needed.
 */
import type { FastifyInstance } from 'fastify';
import { runWorker, type RunningWorker } from '../jobs/run-worker.ts';
import { boot, closeOnSignal, exitOnBootError } from './boot.ts';
import { startApi } from './server.ts';

const deps = await boot(process.env).catch(exitOnBootError);
const running: { app?: FastifyInstance; worker?: RunningWorker } = {};
closeOnSignal(async () => {
  await running.app?.close();
  await running.worker?.close();
  await deps.close();
}, deps.config.shutdownTimeoutMs);
running.app = await startApi(deps).catch(exitOnBootError);
running.worker = await runWorker(deps).catch(exitOnBootError);
console.log('cityplan: job worker running (reminders, escalations, emails)');
