/**
 * The web pages (server-rendered, Japanese first): one encapsulated scope with its own form
 * parser, security headers, sign-in check, CSRF check on every POST and HTML error pages, so
 * none of it changes the JSON API. Handlers call the same services as the API routes.
 */
import { fileURLToPath } from 'node:url';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ChangeFeed } from '../../cache/changes.ts';
import { FragmentCache } from '../../cache/fragments.ts';
import type { AppDeps } from '../../deps.ts';
import { notFound, refusedByDatabase, ServiceError } from '../../errors.ts';
import { LANG_COOKIE, isLocale, pickLocale } from '../../i18n/locale.ts';
import { say, translator } from '../../i18n/translate.ts';
import { adminPages } from './admin.ts';
import { authPages } from './auth.ts';
import { nextPlanPages } from './next-plan.ts';
import { passwordResetPages } from './password-reset.ts';
import { boardPages } from './board.ts';
import { dueDatePages } from './due-dates.ts';
import { csrfTokenOk } from './csrf.ts';
import { dashboardPages } from './dashboard.ts';
import { decisionPages } from './decisions.ts';
import { planPages } from './plans.ts';
import { proposalPages } from './proposals.ts';
import { councilOpinionPages } from './council-opinions.ts';
import { populationPages } from './population.ts';
import { publicationPages } from './publications.ts';
import { reportPages } from './reports.ts';
import { pageRenderer, type PageRenderer } from './render.ts';
import { helmetOptions } from './security.ts';
import { taskFilePages } from './task-files.ts';
import { taskPages } from './tasks.ts';
import { seasonPages } from './season.ts';
import { searchPages } from './search.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A page anyone may open (the login form). */
    publicPage?: boolean;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const staticRoot = fileURLToPath(new URL('../../../templates/pages/static', import.meta.url));
const htmxRoot = fileURLToPath(new URL('../../../node_modules/htmx.org/dist', import.meta.url));

export function pagesPlugin(deps: AppDeps, changes: ChangeFeed) {
  return async function pages(app: FastifyInstance) {
    const secure = deps.config.publicUrl.startsWith('https:');
    // The menu and the most used pages' bodies, kept until a notice says what they show changed.
    const fragments = new FragmentCache(changes);
    const render = pageRenderer(deps, fragments);
    await app.register(formbody, { bodyLimit: 256 * 1024 });
    await app.register(helmet, helmetOptions(secure));
    // htmx is served from here, never a CDN; only its minified build is reachable.
    await app.register(fastifyStatic, {
      root: [staticRoot, htmxRoot],
      prefix: '/static/',
      decorateReply: false,
      maxAge: 3_600_000,
      allowedPath: (path, root) => root !== htmxRoot || path === '/htmx.min.js',
    });

    app.decorateRequest('locale', 'ja');
    app.addHook('onRequest', async (request, reply) => {
      const query = (request.query as Record<string, unknown>).lang;
      request.locale = localeOf(request);
      if (isLocale(query)) reply.setCookie(LANG_COOKIE, query, { path: '/', sameSite: 'lax', httpOnly: true, secure, maxAge: 365 * 86_400 });
      if (!request.url.startsWith('/static/')) reply.header('cache-control', 'no-store');
    });
    app.addHook('preHandler', async (request, reply) => {
      if (request.url.startsWith('/static/')) return;
      // A malformed id is a page that does not exist, not a database error.
      for (const [name, value] of Object.entries((request.params ?? {}) as Record<string, string>)) {
        if (name.endsWith('Id') && !UUID.test(value)) throw notFound('page');
      }
      if (!request.routeOptions.config.publicPage && !(request.actor.type === 'user' && request.session)) return toLogin(request, reply);
      if (request.method === 'POST' && !csrfTokenOk(request, deps.config.sessionSecret)) {
        const t = translator(request.locale);
        return render.page(request, reply, 'error', { title: t('errors.csrfTitle'), message: t('errors.csrf') }, 403);
      }
    });
    app.setErrorHandler((error, request, reply) => pageError(render, error as Error & { statusCode?: number }, request, reply));

    await app.register(authPages(deps, render));
    await app.register(passwordResetPages(deps, render));
    await app.register(taskPages(deps, render));
    await app.register(taskFilePages(deps, render));
    await app.register(dashboardPages(deps, render, fragments));
    await app.register(boardPages(deps, render));
    await app.register(planPages(deps, render));
    await app.register(nextPlanPages(deps, render));
    await app.register(dueDatePages(deps, render));
    await app.register(proposalPages(deps, render));
    await app.register(decisionPages(deps, render));
    await app.register(adminPages(deps, render));
    await app.register(reportPages(deps, render));
    await app.register(councilOpinionPages(deps, render));
    await app.register(publicationPages(deps, render));
    await app.register(seasonPages(deps, render));
    await app.register(searchPages(deps, render));
    await app.register(populationPages(deps, render));
  };
}

/**
 * For the app's not-found handler: an address nobody serves, asked for by a browser, gets the
 * page "not found" in the reader's language rather than the API's JSON.
 */
export function notFoundPage(deps: AppDeps) {
  const render = pageRenderer(deps);
  return (request: FastifyRequest, reply: FastifyReply) => {
    request.locale = localeOf(request);
    const t = translator(request.locale);
    return render.page(request, reply, 'error', { title: t('errors.notFoundTitle'), message: t('errors.notFound') }, 404);
  };
}

/**
 * For the app's error handler: a browser's request outside the pages (a report under /reports,
 * the public page, the queue view) that fails gets the error page in the reader's language; the
 * API under /api keeps its JSON.
 */
export function pageErrorFor(deps: AppDeps) {
  const render = pageRenderer(deps);
  return (error: Error & { statusCode?: number }, request: FastifyRequest, reply: FastifyReply) => {
    request.locale = localeOf(request);
    return pageError(render, error, request, reply);
  };
}

/** The reader's language: `?lang=`, then the language cookie, then the signed-in user's own. */
function localeOf(request: FastifyRequest) {
  return pickLocale({ query: (request.query as Record<string, unknown> | undefined)?.lang, cookie: request.cookies[LANG_COOKIE], user: request.actor?.type === 'user' ? request.actor.user.locale : null });
}

/** A person's browser asking for a page (not the API, not a script). */
export const wantsPage = (request: FastifyRequest) => !request.url.startsWith('/api/') && (request.headers.accept ?? '').includes('text/html');

function toLogin(request: FastifyRequest, reply: FastifyReply) {
  if (request.headers['hx-request']) return reply.header('hx-redirect', '/login').status(401).send('');
  if (request.method !== 'GET') return reply.redirect('/login', 303);
  return reply.redirect(`/login?next=${encodeURIComponent(request.url)}`, 302);
}

async function pageError(render: PageRenderer, error: Error & { statusCode?: number }, request: FastifyRequest, reply: FastifyReply) {
  const t = translator(request.locale ?? 'ja');
  const refused = refusedByDatabase(error);
  if (refused) {
    request.log.info({ err: error }, 'input refused by the database');
    error = refused;
  }
  if (error instanceof ServiceError) {
    if (error.code === 'UNAUTHORIZED') return toLogin(request, reply);
    // A citizen on the public page is not staff: no word of My tasks, no link into the staff pages.
    if (error.code === 'NOT_FOUND' && request.url.startsWith('/public/')) return render.page(request, reply, 'error', { title: t('errors.notFoundTitle'), message: t('errors.publicNotFound'), citizen: true }, 404);
    if (error.code === 'NOT_FOUND') return render.page(request, reply, 'error', { title: t('errors.notFoundTitle'), message: t('errors.notFound') }, 404);
    if (error.code === 'FORBIDDEN') return render.page(request, reply, 'error', { title: t('errors.forbiddenTitle'), message: t('errors.forbidden') }, 403);
    const fallback = error.code === 'CONFLICT' ? t('errors.conflict') : t('errors.badInput');
    const message = error.words ? say(error.words, request.locale ?? 'ja') : fallback;
    return render.page(request, reply, 'error', { title: t('errors.badInput'), message }, error.code === 'CONFLICT' ? 409 : 400);
  }
  const status = error.statusCode ?? 500;
  if (status === 429) return render.page(request, reply, 'login', { title: t('login.title'), formError: t('errors.tooManyLogins'), input: {}, next: '' }, 429);
  if (status < 500) return render.page(request, reply, 'error', { title: t('errors.badInput'), message: t('errors.badInput') }, status);
  request.log.error({ err: error }, 'page failed');
  return render.page(request, reply, 'error', { title: t('errors.serverTitle'), message: t('errors.server'), showRequestId: true }, 500);
}
