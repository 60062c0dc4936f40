/** Login, logout, the user's own account and password. */
import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { createApiToken, listApiTokens, NewApiTokenBody, revokeApiToken } from '../../auth/api-tokens.ts';
import { requireUser } from '../../auth/authorize.ts';
import { ChangePasswordBody, changePassword } from '../../auth/change-password.ts';
import { login, LoginBody, organizationCodeOf, soleOrganizationCode } from '../../auth/login.ts';
import { listOwnSessions, revokeOtherSessions, revokeOwnSession } from '../../auth/own-sessions.ts';
import { revokeSession } from '../../auth/sessions.ts';
import type { AppDeps } from '../../deps.ts';
import { notFound, ServiceError } from '../../errors.ts';
import { adminExists } from '../../users/create-admin.ts';
import { translator } from '../../i18n/translate.ts';
import { CHANGE_PASSWORD_PAGE } from '../auth-plugin.ts';
import { retryTime } from '../../auth/signin-limits.ts';
import { clearSessionCookie, limitsOf, sessionInput, setSessionCookie, tokenLifetimes } from '../routes/auth.ts';
import { PRE_SESSION_COOKIE } from './csrf.ts';
import { seeOther } from './flash.ts';
import { checkForm, field, noErrors, numberInput, serviceFailure, textInput, type FormBody, type FormErrors } from './forms.ts';
import { uuidParam } from './query.ts';
import type { PageRenderer } from './render.ts';
import { pageContext } from './request-context.ts';

/** The organization code of the last sign-in on this device, so the form starts with it (not secret: it names a city, not an account). */
export const ORGANIZATION_COOKIE = 'cityplan_organization';

// The page asks for the new password twice; the service takes it once.
const PasswordForm = Type.Object({ ...ChangePasswordBody.properties, confirmPassword: ChangePasswordBody.properties.newPassword });

/** Only a path on this site: never another origin (`//evil`, `/\evil`). */
export function safeNext(raw: unknown): string {
  return typeof raw === 'string' && /^\/(?![/\\])[^\s]*$/.test(raw) && !raw.startsWith('/login') ? raw : '/tasks';
}

export const authPages = (deps: AppDeps, render: PageRenderer) => async (app: FastifyInstance) => {
  app.get('/', { config: { publicPage: true } }, async (request, reply) => reply.redirect(request.actor.type === 'user' ? '/tasks' : '/login'));

  const secure = deps.config.publicUrl.startsWith('https:');

  app.get('/login', { config: { publicPage: true } }, async (request, reply) => {
    const next = safeNext((request.query as Record<string, unknown>).next);
    if (request.actor.type === 'user' && request.session) return reply.redirect(next);
    const ctx = pageContext(deps, request);
    const noAdmin = !(await adminExists(ctx));
    const organization = request.cookies[ORGANIZATION_COOKIE] ?? (await soleOrganizationCode(ctx)) ?? '';
    return render.page(request, reply, 'login', { title: translator(request.locale)('login.title'), input: { organization }, errors: noErrors(), next, noAdmin });
  });

  app.post(
    '/login',
    // Failed attempts share the API's counters (auth/signin-limits.ts).
    { config: { publicPage: true } },
    async (request, reply) => {
      const body = request.body as FormBody;
      const t = translator(request.locale);
      const next = safeNext(body.next);
      const input = { organization: field(body, 'organization') ?? '', email: field(body, 'email') ?? '' };
      const show = (errors: FormErrors, status: number) => render.page(request, reply, 'login', { title: t('login.title'), input, errors, next, path: '/login' }, status);
      const form = checkForm<{ organization: string; email: string; password: string }>(LoginBody, { organization: body.organization, email: body.email, password: body.password }, request.locale);
      if (!form.ok) return show(form.errors, 400);
      try {
        const session = await login({ ctx: pageContext(deps, request), input: { ...form.value, ...sessionInput(deps, request) }, limits: limitsOf(deps) });
        setSessionCookie(deps, reply, session);
        reply.setCookie(ORGANIZATION_COOKIE, organizationCodeOf(form.value.organization), { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: 365 * 86_400 });
        reply.clearCookie(PRE_SESSION_COOKIE, { path: '/' });
        // An administrator's password is changed before anything else (auth-plugin.ts holds every other page back).
        return seeOther(reply, session.mustChangePassword ? CHANGE_PASSWORD_PAGE : next, 'signedIn');
      } catch (error) {
        if (error instanceof ServiceError && error.code === 'UNAUTHORIZED') return show({ fields: {}, form: [t('login.failed')] }, 401);
        if (error instanceof ServiceError && error.code === 'TOO_MANY_REQUESTS') return show({ fields: {}, form: [t('login.locked', { time: retryTime(error, request.locale) })] }, 429);
        throw error;
      }
    },
  );

  app.post('/logout', async (request, reply) => {
    if (request.session) await revokeSession(deps.db, deps.clock, request.session.token);
    clearSessionCookie(deps, reply);
    return seeOther(reply, '/login', 'signedOut');
  });

  type TokenState = { tokenErrors?: FormErrors; tokenInput?: FormBody; created?: { name: string; token: string; expiresAt: Date } };
  const account = async (request: Parameters<typeof pageContext>[1], reply: Parameters<typeof render.page>[1], errors: FormErrors, status = 200, tokens: TokenState = {}) => {
    const t = translator(request.locale);
    const ctx = pageContext(deps, request);
    const [apiTokens, sessions] = await Promise.all([listApiTokens({ ctx }), listOwnSessions({ ctx, input: { currentSessionId: request.session?.id ?? null, idleMinutes: deps.config.sessionIdleMinutes } })]);
    const state = { tokenErrors: noErrors(), tokenInput: {}, ...tokens, apiTokens, sessions, idleMinutes: deps.config.sessionIdleMinutes, now: deps.clock.now(), lifetimes: tokenLifetimes(deps) };
    return render.page(request, reply, 'account', { title: t('account.title'), active: 'account', path: '/account', me: requireUser(ctx), errors, ...state }, status);
  };

  /** The change-password page; a user whose password an administrator set is held on it (no menu: nothing else opens). */
  const forcedChange = (request: Parameters<typeof pageContext>[1], reply: Parameters<typeof render.page>[1], errors: FormErrors, status = 200) => {
    const forced = request.session?.mustChangePassword === true;
    const title = translator(request.locale)(forced ? 'account.forcedTitle' : 'account.passwordTitle');
    return render.page(request, reply, 'account-password', { title, forced, path: CHANGE_PASSWORD_PAGE, errors, active: 'account', ...(forced ? { nav: null } : {}) }, status);
  };
  const passwordFormPage = (request: Parameters<typeof pageContext>[1], reply: Parameters<typeof render.page>[1], errors: FormErrors, status = 200) =>
    request.session?.mustChangePassword ? forcedChange(request, reply, errors, status) : account(request, reply, errors, status);

  app.get('/account', async (request, reply) => account(request, reply, noErrors()));

  app.get(CHANGE_PASSWORD_PAGE, async (request, reply) => forcedChange(request, reply, noErrors()));

  app.post('/account/sessions/sign-out-others', async (request, reply) => {
    await revokeOtherSessions({ ctx: pageContext(deps, request), input: { currentSessionId: request.session?.id ?? null } });
    return seeOther(reply, '/account', 'otherSessionsRevoked');
  });

  app.post<{ Params: { sessionId: string } }>('/account/sessions/:sessionId/revoke', async (request, reply) => {
    const sessionId = uuidParam(request.params, 'sessionId');
    if (!sessionId) throw notFound('session');
    await revokeOwnSession({ ctx: pageContext(deps, request), input: { sessionId } });
    // Ending this very session is signing out.
    if (sessionId === request.session?.id) {
      clearSessionCookie(deps, reply);
      return seeOther(reply, '/login', 'signedOut');
    }
    return seeOther(reply, '/account', 'sessionRevoked');
  });

  app.post('/account/tokens', async (request, reply) => {
    const body = request.body as FormBody;
    // Empty days means the default (API_TOKEN_DEFAULT_DAYS).
    const input = { name: textInput(field(body, 'name')), expiresInDays: numberInput(field(body, 'expiresInDays')) ?? undefined, readOnly: field(body, 'readOnly') === 'on' };
    const form = checkForm<{ name: string; expiresInDays?: number; readOnly: boolean }>(NewApiTokenBody, input, request.locale);
    if (!form.ok) return account(request, reply, noErrors(), 400, { tokenErrors: form.errors, tokenInput: body });
    try {
      const created = await createApiToken({ ctx: pageContext(deps, request), input: { ...form.value, lifetimes: tokenLifetimes(deps) } });
      // The secret is shown on this response only: no redirect (it must not travel in a flash cookie), and no cache keeps it.
      reply.header('cache-control', 'no-store');
      return account(request, reply, noErrors(), 201, { created });
    } catch (error) {
      const failure = serviceFailure(error, request.locale);
      return account(request, reply, noErrors(), failure.status, { tokenErrors: failure.errors, tokenInput: body });
    }
  });

  // No confirmation step: revoking only stops an integration, which a new token restores.
  app.post<{ Params: { tokenId: string } }>('/account/tokens/:tokenId/revoke', async (request, reply) => {
    const tokenId = uuidParam(request.params, 'tokenId');
    if (!tokenId) throw notFound('token');
    await revokeApiToken({ ctx: pageContext(deps, request), input: { tokenId } });
    return seeOther(reply, '/account', 'tokenRevoked');
  });

  app.post(CHANGE_PASSWORD_PAGE, async (request, reply) => {
    const body = request.body as FormBody;
    const t = translator(request.locale);
    const form = checkForm<{ currentPassword: string; newPassword: string; confirmPassword: string }>(PasswordForm, { currentPassword: body.currentPassword, newPassword: body.newPassword, confirmPassword: body.confirmPassword }, request.locale);
    if (!form.ok) return passwordFormPage(request, reply, form.errors, 400);
    if (form.value.newPassword !== form.value.confirmPassword) return passwordFormPage(request, reply, { fields: { confirmPassword: t('problems.passwordMismatch') }, form: [] }, 400);
    try {
      await changePassword({ ctx: pageContext(deps, request), input: form.value, limits: limitsOf(deps) });
    } catch (error) {
      if (error instanceof ServiceError && error.code === 'TOO_MANY_REQUESTS') {
        return passwordFormPage(request, reply, { fields: { currentPassword: t('account.currentPasswordLocked', { time: retryTime(error, request.locale) }) }, form: [] }, 429);
      }
      const failure = serviceFailure(error, request.locale);
      return passwordFormPage(request, reply, failure.errors, failure.status);
    }
    // Every session of the user ended, this one too: sign in again with the new password.
    clearSessionCookie(deps, reply);
    return seeOther(reply, '/login', 'passwordChanged');
  });
};
