/** `npm run api`: the HTTP API alone; production runs API and worker processes separately. */
import type { FastifyInstance } from 'fastify';
import { boot, closeOnSignal, exitOnBootError } from './boot.ts';
import { startApi } from './server.ts';

const deps = await boot(process.env).catch(exitOnBootError);
const running: { app?: FastifyInstance } = {};
closeOnSignal(async () => {
  await running.app?.close();
  await deps.close();
}, deps.config.shutdownTimeoutMs);
running.app = await startApi(deps).catch(exitOnBootError);
