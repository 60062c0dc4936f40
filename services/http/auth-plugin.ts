/**
 * Who is asking: resolves the session cookie (browsers) or bearer token (integrations) on
 * every request into `request.actor`. `requireSignedIn` is added to every scope that needs a
 * user; anything not signed in there gets 401. Live sessions are cached in the process until
 * they expire or a change to their user (sign-out, password, role, deactivation) is announced.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import '@fastify/cookie';
import fp from 'fastify-plugin';
import { resolveApiToken, resolveSession } from '../auth/sessions.ts';
import { tokenHash } from '../auth/tokens.ts';
import type { ChangeFeed } from '../cache/changes.ts';
import { ReadThroughCache } from '../cache/read-through.ts';
import type { Actor, ServiceContext } from '../context.ts';
import type { AppDeps } from '../deps.ts';

export const SESSION_COOKIE = 'cityplan_session';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    /** Set for cookie sessions: the raw token (for logout) and the CSRF secret of forms. */
    session: { token: string; csrfSecret: string } | null;
  }
}

export const authPlugin = fp(async (app: FastifyInstance, { deps, changes }: { deps: AppDeps; changes: ChangeFeed }) => {
  const live = new ReadThroughCache<NonNullable<Awaited<ReturnType<typeof resolveSession>>>>(10_000);
  changes.on('user', (userId) => live.forget((_, session) => session.user.id === userId));
  changes.onReset(() => live.forget());
  app.decorateRequest('actor', null as never);
  app.decorateRequest('session', null);
  app.addHook('onRequest', async (request, reply) => {
    request.actor = { type: 'anonymous' };
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (bearer) {
      const found = await resolveApiToken(deps.db, deps.clock, bearer);
      if (!found) return;
      request.actor = { type: 'user', user: found.user, via: 'token', readOnly: found.readOnly };
      // The one place read-only tokens are held to reading, for every route alike.
      if (found.readOnly && request.method !== 'GET' && request.method !== 'HEAD') {
        return reply.status(403).send({ error: { code: 'FORBIDDEN', message: 'this API token is read-only: it may only use GET and HEAD', requestId: request.id } });
      }
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const found = await live.get(tokenHash(token), () => resolveSession(deps.db, deps.clock, token), (session) => session.expiresAt > deps.clock.now());
      if (found) {
        request.actor = { type: 'user', user: found.user, via: 'session' };
        request.session = { token, csrfSecret: found.csrfSecret };
      }
    }
  });
});

export async function requireSignedIn(request: FastifyRequest, reply: FastifyReply) {
  if (request.actor.type !== 'user') {
    return reply.status(401).send({ error: { code: 'UNAUTHORIZED', message: 'sign in first (session cookie or bearer token)', requestId: request.id } });
  }
}

/** The service context of a request. */
export function contextOf(deps: AppDeps, request: FastifyRequest): ServiceContext {
  return { db: deps.db, clock: deps.clock, actor: request.actor, workflows: deps.workflows };
}
