/**
 * The API's documentation at /docs (Swagger UI and the OpenAPI document): for signed-in users,
 * unless the city makes it public with API_DOCS_PUBLIC=true (it lists every route, which helps an
 * attacker map the system). A browser is sent to sign in first; any other client gets 401.
 */
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../deps.ts';
import { requireSignedIn } from './auth-plugin.ts';

export const API_DOCS_PATH = '/docs';

export async function apiDocs(app: FastifyInstance, deps: AppDeps) {
  const https = deps.config.publicUrl.startsWith('https:');
  await app.register(async (docs) => {
    if (!deps.config.apiDocsPublic) {
      docs.addHook('onRequest', async (request, reply) => {
        if (request.actor.type === 'user' || !request.headers.accept?.includes('text/html')) return requireSignedIn(request, reply);
        return reply.redirect(`/login?next=${encodeURIComponent(API_DOCS_PATH)}`);
      });
    }
    // The UI's own policy (hashes of its scripts), so no other inline script runs there; never
    // framed; requests upgraded to https only where the site is https (it breaks an http intranet install).
    await docs.register(swaggerUi, {
      routePrefix: API_DOCS_PATH,
      staticCSP: true,
      transformStaticCSP: (csp) => csp.replace("frame-ancestors 'self'", "frame-ancestors 'none'").replace(' upgrade-insecure-requests;', https ? ' upgrade-insecure-requests;' : ''),
    });
  });
}
