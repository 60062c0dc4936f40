/** What a page handler needs from its request: the signed-in user and a service context in the page's language. */
import type { FastifyRequest } from 'fastify';
import type { AuthUser, ServiceContext } from '../../context.ts';
import type { AppDeps } from '../../deps.ts';
import { isoDateInTokyo } from '../../fiscal-year.ts';
import type { Locale } from '../../i18n/locale.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The language this page is shown in (services/i18n/locale.ts). */
    locale: Locale;
  }
}

/** The signed-in user; page routes run only after the sign-in check. */
export function pageUser(request: FastifyRequest): AuthUser {
  if (request.actor.type !== 'user') throw new Error('page handler reached without a signed-in user');
  return request.actor.user;
}

/**
 * The user's context, speaking the page's language: services that word their problems in the
 * user's locale then match what the page shows.
 */
export function pageContext(deps: AppDeps, request: FastifyRequest): ServiceContext {
  const actor = request.actor.type === 'user' ? { ...request.actor, user: { ...request.actor.user, locale: request.locale } } : request.actor;
  return { db: deps.db, clock: deps.clock, actor, workflows: deps.workflows };
}

/**
 * Where a page body about review work is cached: the user's organization, keyed by what the
 * services decide with (the user: their department's tasks, the statechart's answers for them),
 * the day (overdue, due-date words) and `what`. Shared by nobody else, so no visibility rule can leak.
 */
export function cachedFor(deps: AppDeps, request: FastifyRequest, what: string) {
  const user = pageUser(request);
  return { organizationId: user.organizationId, key: `${what}|${user.id}|${user.role}|${user.departmentId ?? '-'}|${isoDateInTokyo(deps.clock.now())}` };
}
