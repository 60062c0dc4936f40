/**
 * `npm run api`: the HTTP API alone; production runs API and worker processes separately.
 */
import { boot, exitOnBootError } from './boot.ts';
import { startApi } from './server.ts';

const deps = await boot(process.env).catch(exitOnBootError);
const app = await startApi(deps).catch(exitOnBootError);

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, async () => {
    await app.close();
    await deps.close();
    process.exit(0);
  });
}
