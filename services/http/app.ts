/**
 * The HTTP application as a function of its dependencies. Tests build it and call `inject`;
 * services/server.ts is the one file that listens.
 */
import { randomUUID } from 'node:crypto';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import type { AppDeps } from '../deps.ts';
import { errorHandler } from './error-handler.ts';
import { dashboardRoutes } from './routes/dashboard.ts';
import { healthRoutes } from './routes/health.ts';
import { kpiRoutes } from './routes/kpis.ts';
import { organizationRoutes } from './routes/organizations.ts';
import { planRoutes } from './routes/plans.ts';

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: deps.config.logLevel },
    genReqId: () => randomUUID(),
    ajv: { customOptions: { allErrors: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({ error: { code: 'NOT_FOUND', message: `no route ${request.method} ${request.url}`, requestId: request.id } }),
  );

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'cityplan API',
        description: 'Comprehensive strategy plans, KPIs and their yearly OODA review. 総合戦略・KPI・OODAレビューのAPI。',
        version: '1',
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  await app.register(healthRoutes(deps));
  await app.register(organizationRoutes(deps), { prefix: '/api' });
  await app.register(planRoutes(deps), { prefix: '/api' });
  await app.register(kpiRoutes(deps), { prefix: '/api' });
  await app.register(dashboardRoutes(deps), { prefix: '/api' });
  return app;
}
