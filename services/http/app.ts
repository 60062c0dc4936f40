/**
 * The HTTP application as a function of its dependencies. Tests build it and call `inject`;
 * services/server.ts is the one file that listens.
 */
import { randomUUID } from 'node:crypto';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import type { AppDeps } from '../deps.ts';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import { listenForChanges } from '../cache/changes.ts';
import { apiDocs } from './api-docs.ts';
import { authPlugin, requireSignedIn } from './auth-plugin.ts';
import { errorHandler } from './error-handler.ts';
import { refuseNonFiniteNumbers } from './finite-numbers.ts';
import { metricsRoutes } from './metrics.ts';
import { queueBoard } from './queue-board.ts';
import { dashboardRoutes } from './routes/dashboard.ts';
import { accountRoutes, authRoutes } from './routes/auth.ts';
import { calendarRoutes } from './routes/calendar.ts';
import { dueDateRoutes } from './routes/due-dates.ts';
import { vocabularyRoutes } from './routes/vocabulary.ts';
import { decisionRoutes } from './routes/decisions.ts';
import { reviewRoutes } from './routes/reviews.ts';
import { seasonRoutes } from './routes/season.ts';
import { populationRoutes } from './routes/population.ts';
import { taskRoutes } from './routes/tasks.ts';
import { attachmentRoutes } from './routes/attachments.ts';
import { userRoutes } from './routes/users.ts';
import { healthRoutes } from './routes/health.ts';
import { kpiRoutes } from './routes/kpis.ts';
import { organizationRoutes } from './routes/organizations.ts';
import { planRoutes } from './routes/plans.ts';
import { planAmendmentRoutes } from './routes/plan-amendments.ts';
import { planWorkbookRoutes } from './routes/plan-workbooks.ts';
import { publicRoutes } from './routes/public.ts';
import { reportDocumentRoutes, reportRoutes } from './routes/reports.ts';
import { notFoundPage, pageErrorFor, pagesPlugin, wantsPage } from './pages/plugin.ts';
import { RequestLog } from './request-log.ts';
import { securityHeaders } from './security-headers.ts';
import { strictInputs, validatorCompiler } from './strict-inputs.ts';

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: deps.config.logLevel },
    logController: new RequestLog(),
    genReqId: () => randomUUID(),
    // A malformed percent-encoding or an over-long path segment is answered in the API's error shape, not Fastify's own.
    frameworkErrors: errorHandler,
  }).withTypeProvider<TypeBoxTypeProvider>();

  // Unknown fields are refused with their name, not dropped; JSON bodies are not coerced (strict-inputs.ts).
  app.setValidatorCompiler(validatorCompiler);
  app.addHook('onRoute', strictInputs);
  // A browser's failed request outside the pages (reports, public page, queue view) gets an HTML page; the API keeps JSON.
  const pageErrors = pageErrorFor(deps);
  app.setErrorHandler((error, request, reply) => (wantsPage(request) ? pageErrors(error as Error, request, reply) : errorHandler(error as Error, request, reply)));
  app.addHook('onSend', securityHeaders);
  // First, so that its latency hook sees every route registered after it.
  await metricsRoutes(app, deps);
  app.addHook('preHandler', refuseNonFiniteNumbers);
  const pageNotFound = notFoundPage(deps);
  app.setNotFoundHandler((request, reply) =>
    wantsPage(request)
      ? pageNotFound(request, reply)
      : reply.status(404).send({ error: { code: 'NOT_FOUND', message: `no route ${request.method} ${request.url}`, requestId: request.id } }),
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

  await app.register(cookie);
  // Limits are shared by every API process through Redis; only routes that opt in are limited.
  await app.register(rateLimit, { global: false, redis: deps.redis, nameSpace: `${deps.config.queuePrefix}:rate-limit:` });
  // What this process caches (sessions, dashboard versions) is dropped when another changes it;
  // a write request answers only once this process has heard of its own changes.
  const changes = await listenForChanges(deps.db);
  app.addHook('onClose', () => changes.close());
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.method !== 'GET' && request.method !== 'HEAD' && reply.statusCode < 400) await changes.barrier();
    return payload;
  });
  await app.register(authPlugin, { deps, changes });
  await apiDocs(app, deps);

  await app.register(healthRoutes(deps));
  await queueBoard(app, deps);
  await app.register(authRoutes(deps), { prefix: '/api' });
  await app.register(
    async (api) => {
      api.addHook('onRequest', requireSignedIn);
      await api.register(accountRoutes(deps));
      await api.register(organizationRoutes(deps));
      await api.register(planRoutes(deps));
      await api.register(planWorkbookRoutes(deps));
      await api.register(planAmendmentRoutes(deps));
      await api.register(kpiRoutes(deps));
      await api.register(dashboardRoutes(deps, changes));
      await api.register(userRoutes(deps));
      await api.register(reviewRoutes(deps));
      await api.register(seasonRoutes(deps));
      await api.register(taskRoutes(deps));
      await api.register(attachmentRoutes(deps));
      await api.register(decisionRoutes(deps));
      await api.register(calendarRoutes(deps));
      await api.register(dueDateRoutes(deps));
      await api.register(vocabularyRoutes(deps));
      await api.register(reportRoutes(deps));
      await api.register(populationRoutes(deps));
    },
    { prefix: '/api' },
  );
  await app.register(reportDocumentRoutes(deps), { prefix: '/reports' });
  // Citizens' progress page: no sign-in, only what the strategy office published.
  await app.register(publicRoutes(deps), { prefix: '/public' });
  // The web pages for staff: their own scope with form parsing, security headers and CSRF checks.
  await app.register(pagesPlugin(deps, changes));
  return app;
}
