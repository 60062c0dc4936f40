import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { createApiToken, listApiTokens, NewApiTokenBody, revokeApiToken } from '../../auth/api-tokens.ts';
import { requireUser } from '../../auth/authorize.ts';
import { ChangePasswordBody, changePassword } from '../../auth/change-password.ts';
import { login, LoginBody } from '../../auth/login.ts';
import { revokeSession } from '../../auth/sessions.ts';
import { signinLimits, type SigninLimits } from '../../auth/signin-limits.ts';
import type { AppDeps } from '../../deps.ts';
import { contextOf, SESSION_COOKIE } from '../auth-plugin.ts';
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
          summary: 'Sign in; sets the session cookie',
          body: LoginBody,
          response: { 200: Type.Object({ user: Me }), ...errorResponses },
        },
      },
      async (request, reply) => {
        const session = await login({ ctx: contextOf(deps, request), input: { ...request.body, ttlHours: deps.config.sessionTtlHours, address: request.ip }, limits: limitsOf(deps) });
        reply.setCookie(SESSION_COOKIE, session.token, sessionCookieOptions(deps, session.expiresAt));
        return { user: session.user };
      },
    );

    app.post(
      '/auth/logout',
      // The empty JSON body is required: a cross-site form cannot send one, so no other site can sign a user out.
      { schema: { tags: ['auth'], summary: 'Sign out (send the body {}); the session is revoked on the server', body: Type.Object({}), response: { 204: Type.Null(), ...errorResponses } } },
      async (request, reply) => {
        if (request.session) await revokeSession(deps.db, deps.clock, request.session.token);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
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

export function loginKey(request: { ip: string; body: unknown }) {
  const email = (request.body as { email?: unknown } | undefined)?.email;
  return `${request.ip}|${typeof email === 'string' ? email.trim().toLowerCase() : ''}`;
}

export function sessionCookieOptions(deps: AppDeps, expires: Date) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: deps.config.publicUrl.startsWith('https:'), expires };
}
