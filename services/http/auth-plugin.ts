/**
 * Who is asking: resolves the session cookie (browsers) or bearer token (integrations) on
 * every request into `request.actor`. `requireSignedIn` is added to every scope that needs a
 * user; anything not signed in there gets 401. Live sessions are cached in the process until
 * they expire or idle out, or a change to their user (sign-out, password, role, deactivation)
 * is announced. A user whose password an administrator set reaches only the password change
 * and sign-out until they choose their own (`passwordChangeGate`).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import '@fastify/cookie';
import fp from 'fastify-plugin';
import { resolveApiToken, resolveSession, SEEN_EVERY_MS, touchSession } from '../auth/sessions.ts';
import { tokenHash } from '../auth/tokens.ts';
import type { ChangeFeed } from '../cache/changes.ts';
import { ReadThroughCache } from '../cache/read-through.ts';
import type { Actor, ServiceContext } from '../context.ts';
import type { AppDeps } from '../deps.ts';

export const SESSION_COOKIE = 'cityplan_session';

/**
 * Over https the cookie is `__Host-cityplan_session`: a browser keeps such a cookie only when it
 * is Secure, has Path=/ and no Domain, so no other host (a subdomain) can set or shadow it.
 */
export const sessionCookieName = (deps: Pick<AppDeps, 'config'>) => (deps.config.publicUrl.startsWith('https:') ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE);

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    /** Set for cookie sessions: the raw token (for logout), its id (the list of one's sessions) and the CSRF secret of forms. */
    session: { token: string; id: string; csrfSecret: string; mustChangePassword: boolean } | null;
  }
}

export const authPlugin = fp(async (app: FastifyInstance, { deps, changes }: { deps: AppDeps; changes: ChangeFeed }) => {
  const live = new ReadThroughCache<NonNullable<Awaited<ReturnType<typeof resolveSession>>>>(10_000);
  changes.on('user', (userId) => live.forget((_, session) => session.user.id === userId));
  changes.onReset(() => live.forget());
  app.decorateRequest('actor', null as never);
  app.decorateRequest('session', null);
  const cookieName = sessionCookieName(deps);
  const idleMs = deps.config.sessionIdleMinutes * 60_000;
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
      if (found.mustChangePassword) return passwordChangeGate(request, reply);
      return;
    }
    const token = request.cookies[cookieName];
    if (token) {
      const now = deps.clock.now().getTime();
      // A cached session whose last request looks too old is read again: another process may have seen a newer one.
      const found = await live.get(tokenHash(token), () => resolveSession(deps.db, deps.clock, token, deps.config.sessionIdleMinutes), (s) => s.expiresAt.getTime() > now && now - s.lastSeenAt.getTime() < idleMs);
      if (found) {
        if (now - found.lastSeenAt.getTime() >= SEEN_EVERY_MS) {
          await touchSession(deps.db, deps.clock, found.id);
          found.lastSeenAt = new Date(now);
        }
        request.actor = { type: 'user', user: found.user, via: 'session' };
        request.session = { token, id: found.id, csrfSecret: found.csrfSecret, mustChangePassword: found.mustChangePassword };
        if (found.mustChangePassword) return passwordChangeGate(request, reply);
      }
    }
  });
});

/** The page where a user whose password an administrator set chooses their own. */
export const CHANGE_PASSWORD_PAGE = '/account/password';
const ALLOWED_WHILE_CHANGING = new Set(['PUT /api/auth/password', 'POST /api/auth/logout', `GET ${CHANGE_PASSWORD_PAGE}`, `POST ${CHANGE_PASSWORD_PAGE}`, 'POST /logout']);

/**
 * While an administrator's password stands (new user, reset), the user reaches only the password
 * change and sign-out: the API answers 403 PASSWORD_CHANGE_REQUIRED, every page sends the
 * browser to the change-password page. Anything else (static files, the public page) is public.
 */
function passwordChangeGate(request: FastifyRequest, reply: FastifyReply) {
  const path = request.url.split('?')[0]!;
  if (ALLOWED_WHILE_CHANGING.has(`${request.method} ${path}`) || path.startsWith('/static/') || path.startsWith('/public/')) return;
  if (path.startsWith('/api/') || path === '/api') {
    return reply.status(403).send({
      error: { code: 'PASSWORD_CHANGE_REQUIRED', message: 'an administrator set this password: change it first (PUT /api/auth/password); until then only that and sign-out are answered', requestId: request.id },
    });
  }
  return reply.redirect(CHANGE_PASSWORD_PAGE, 303);
}

export async function requireSignedIn(request: FastifyRequest, reply: FastifyReply) {
  if (request.actor.type !== 'user') {
    return reply.status(401).send({ error: { code: 'UNAUTHORIZED', message: 'sign in first (session cookie or bearer token)', requestId: request.id } });
  }
}

/** The service context of a request. */
export function contextOf(deps: AppDeps, request: FastifyRequest): ServiceContext {
  return { db: deps.db, clock: deps.clock, actor: request.actor, workflows: deps.workflows };
}
