/** The one place that listens: loads the default plan on first start, builds the HTTP app and serves it. */
import type { FastifyInstance } from 'fastify';
import { ConfigError } from './config.ts';
import { systemContext, type AppDeps } from './deps.ts';
import { buildApp } from './http/app.ts';
import { adminExists } from './users/create-admin.ts';
import { seedPlanIfEmpty } from './plans/seed-plan.ts';

export async function startApi(deps: AppDeps): Promise<FastifyInstance> {
  const seeded = await seedPlanIfEmpty(systemContext(deps, 'seed'), deps.config.seedPlanFile);
  if (seeded) {
    const c = seeded.counts;
    console.log(`cityplan: loaded ${deps.config.seedPlanFile}: ${c.goals} goals, ${c.measures} measures, ${c.projects} projects, ${c.kpis} KPIs`);
  }
  const app = await buildApp(deps);
  await app.listen({ host: deps.config.host, port: deps.config.port }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE') throw new ConfigError('PORT', `${deps.config.port} is already in use on ${deps.config.host} (another cityplan or program listens there); stop it or set another PORT`);
    throw error;
  });
  console.log(`cityplan: API on ${deps.config.publicUrl} (OpenAPI at ${deps.config.publicUrl}/docs)`);
  console.log(`cityplan: sign in at ${deps.config.publicUrl}/login`);
  if (!(await adminExists(systemContext(deps, 'start')))) {
    console.log('cityplan: no administrator yet: create the first with npm run admin:create (demo accounts for trying it out: npm run demo:users)');
  }
  return app;
}
