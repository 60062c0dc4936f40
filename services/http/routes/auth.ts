import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { createApiToken, listApiTokens, NewApiTokenBody, revokeApiToken } from '../../auth/api-tokens.ts';
import { requireUser } from '../../auth/authorize.ts';
import { ChangePasswordBody, changePassword } from '../../auth/change-password.ts';
import { login, LoginBody } from '../../auth/login.ts';
import { listOwnSessions, revokeOtherSessions, revokeOwnSession } from '../../auth/own-sessions.ts';
import { revokeSession } from '../../auth/sessions.ts';
import { signinLimits, type SigninLimits } from '../../auth/signin-limits.ts';
import type { AppDeps } from '../../deps.ts';
import { contextOf, sessionCookieName } from '../auth-plugin.ts';
import type { FastifyReply } from 'fastify';
import { DateTime, errorResponses, Nullable, Uuid } from '../schemas.ts';

export const Me = Type.Object({
  id: Uuid,
  organizationId: Uuid,
  email: Type.String(),
  name: Type.String(),
  role: Type.Enum(['department_member', 'strategy_office', 'admin'] as const),
  departmentId: Nullable(Uuid),
  locale: Type.Enum(['ja', 'en'] as const),
});

export const authRoutes =
  (deps: AppDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.post(
      '/auth/login',
      {
        // Failed attempts are counted with the sign-in form's, per address and account and per address (auth/signin-limits.ts).
        schema: {
          tags: ['auth'],
          summary: 'Sign in with the organization code, email and password; sets the session cookie',
          description:
            'An unknown organization, an unknown account and a wrong password get the same 401. When `mustChangePassword` is true (an administrator set the password), every other request answers 403 PASSWORD_CHANGE_REQUIRED until PUT /api/auth/password.',
          body: LoginBody,
          response: { 200: Type.Object({ user: Me, mustChangePassword: Type.Boolean() }), ...errorResponses },
        },
      },
      async (request, reply) => {
        const session = await login({ ctx: contextOf(deps, request), input: { ...request.body, ...sessionInput(deps, request) }, limits: limitsOf(deps) });
        setSessionCookie(deps, reply, session);
        return { user: session.user, mustChangePassword: session.mustChangePassword };
      },
    );

    app.post(
      '/auth/logout',
      // The empty JSON body is required: a cross-site form cannot send one, so no other site can sign a user out.
      { schema: { tags: ['auth'], summary: 'Sign out (send the body {}); the session is revoked on the server', body: Type.Object({}), response: { 204: Type.Null(), ...errorResponses } } },
      async (request, reply) => {
        if (request.session) await revokeSession(deps.db, deps.clock, request.session.token);
        clearSessionCookie(deps, reply);
        return reply.status(204).send(null);
      },
    );
  };

/** The signed-in user's own account: who am I, password, API tokens. */
export const accountRoutes =
  (deps: AppDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get('/auth/me', { schema: { tags: ['auth'], summary: 'The signed-in user', response: { 200: Me, ...errorResponses } } }, async (request) =>
      requireUser(contextOf(deps, request)),
    );

    app.put(
      '/auth/password',
      {
        schema: {
          tags: ['auth'],
          summary: 'Change your password; your other sessions end',
          body: ChangePasswordBody,
          response: { 204: Type.Null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await changePassword({ ctx: contextOf(deps, request), input: request.body, limits: limitsOf(deps) });
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/auth/sessions',
      {
        schema: {
          tags: ['auth'],
          summary: 'Your live browser sessions, the latest used first; `current` marks the one of this request',
          response: { 200: Type.Object({ items: Type.Array(OwnSession) }), ...errorResponses },
        },
      },
      async (request) => ({ items: await listOwnSessions({ ctx: contextOf(deps, request), input: { currentSessionId: request.session?.id ?? null, idleMinutes: deps.config.sessionIdleMinutes } }) }),
    );

    app.post(
      '/auth/sessions/sign-out-others',
      { schema: { tags: ['auth'], summary: 'End every session of yours but this one (send the body {})', body: Type.Object({}), response: { 200: Type.Object({ revoked: Type.Integer() }), ...errorResponses } } },
      async (request) => revokeOtherSessions({ ctx: contextOf(deps, request), input: { currentSessionId: request.session?.id ?? null } }),
    );

    app.delete(
      '/auth/sessions/:sessionId',
      { schema: { tags: ['auth'], summary: 'End one of your sessions', params: Type.Object({ sessionId: Uuid }), response: { 204: Type.Null(), ...errorResponses } } },
      async (request, reply) => {
        await revokeOwnSession({ ctx: contextOf(deps, request), input: request.params });
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/auth/tokens',
      { schema: { tags: ['auth'], summary: 'Your API tokens, newest first (never their secret)', response: { 200: Type.Object({ items: Type.Array(ApiToken) }), ...errorResponses } } },
      async (request) => ({ items: await listApiTokens({ ctx: contextOf(deps, request) }) }),
    );

    app.post(
      '/auth/tokens',
      {
        schema: {
          tags: ['auth'],
          summary: 'Create a bearer token for an integration (shown once); only from a signed-in session, never with a token',
          body: NewApiTokenBody,
          response: { 201: Type.Object({ id: Uuid, name: Type.String(), token: Type.String(), createdAt: DateTime, expiresAt: DateTime, readOnly: Type.Boolean() }), ...errorResponses },
        },
      },
      async (request, reply) => reply.status(201).send(await createApiToken({ ctx: contextOf(deps, request), input: { ...request.body, lifetimes: tokenLifetimes(deps) } })),
    );

    app.delete(
      '/auth/tokens/:tokenId',
      { schema: { tags: ['auth'], summary: 'Revoke one of your tokens', params: Type.Object({ tokenId: Uuid }), response: { 204: Type.Null(), ...errorResponses } } },
      async (request, reply) => {
        await revokeApiToken({ ctx: contextOf(deps, request), input: request.params });
        return reply.status(204).send(null);
      },
    );
  };

const OwnSession = Type.Object({
  id: Uuid,
  createdAt: DateTime,
  lastSeenAt: DateTime,
  expiresAt: DateTime,
  userAgent: Nullable(Type.String()),
  /** 「Chrome · Windows」, or null when the browser is not recognised. */
  browser: Nullable(Type.String()),
  current: Type.Boolean(),
});

const ApiToken = Type.Object({
  id: Uuid,
  name: Type.String(),
  createdAt: DateTime,
  lastUsedAt: Nullable(DateTime),
  expiresAt: DateTime,
  readOnly: Type.Boolean(),
  revokedAt: Nullable(DateTime),
});

export function tokenLifetimes(deps: AppDeps) {
  return { defaultDays: deps.config.apiTokenDefaultDays, maxDays: deps.config.apiTokenMaxDays };
}

/** The failed-attempt counters shared by the sign-in form, the account page and the API. */
export const limitsOf = (deps: AppDeps): SigninLimits => signinLimits(deps.redis, deps.config.queuePrefix, deps.clock);

/** The rate-limit key of a form naming an account: address, organization code and email. */
export function loginKey(request: { ip: string; body: unknown }) {
  const { organization, email } = (request.body ?? {}) as { organization?: unknown; email?: unknown };
  const part = (v: unknown) => (typeof v === 'string' ? v.trim().toLowerCase() : '');
  return `${request.ip}|${part(organization)}|${part(email)}`;
}

/** What a sign-in takes from the request besides the form: the session's lifetime, the client's address and browser. */
export function sessionInput(deps: AppDeps, request: { ip: string; headers: { 'user-agent'?: string } }) {
  return { ttlHours: deps.config.sessionTtlHours, address: request.ip, userAgent: request.headers['user-agent'] };
}

// Path=/ and no Domain always: with Secure (https) that is what a `__Host-` cookie requires.
const cookieBase = (deps: AppDeps) => ({ path: '/', httpOnly: true, sameSite: 'lax' as const, secure: deps.config.publicUrl.startsWith('https:') });

export function setSessionCookie(deps: AppDeps, reply: FastifyReply, session: { token: string; expiresAt: Date }) {
  reply.setCookie(sessionCookieName(deps), session.token, { ...cookieBase(deps), expires: session.expiresAt });
}

export function clearSessionCookie(deps: AppDeps, reply: FastifyReply) {
  reply.clearCookie(sessionCookieName(deps), cookieBase(deps));
}
