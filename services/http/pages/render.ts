/**
 * Renders pages from templates/pages with Eta. Every page gets the same frame: the user, the
 * language and its switch, the CSRF token for its forms, a flash message left by the last
 * redirect, and the menu for the user's plan. Interpolations are HTML-escaped by default.
 */
import { fileURLToPath } from 'node:url';
import { Eta } from 'eta';
import { eq } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { departments } from '../../../db/schema/index.ts';
import { capabilitiesOf } from '../../auth/capabilities.ts';
import type { AuthUser } from '../../context.ts';
import type { AppDeps } from '../../deps.ts';
import { formatters } from '../../i18n/format.ts';
import { translator } from '../../i18n/translate.ts';
import { listPlans } from '../../plans/queries.ts';
import { getVocabulary } from '../../reviews/vocabulary.ts';
import { csrfTokenFor, CSRF_FIELD } from './csrf.ts';
import { FLASH_COOKIE, flashKey } from './flash.ts';
import { pageContext, pageUser } from './request-context.ts';

const views = fileURLToPath(new URL('../../../templates/pages', import.meta.url));
const eta = new Eta({ views, cache: true, defaultExtension: '.eta' });

export type NavKey = 'tasks' | 'dashboard' | 'board' | 'season' | 'search' | 'proposals' | 'decisions' | 'reports' | 'plans' | 'admin' | 'account' | null;

export interface PageData {
  title: string;
  active?: NavKey;
  /** The GET address of this page, for the language switch when rendering after a POST. */
  path?: string;
  [key: string]: unknown;
}

export function pageRenderer(deps: AppDeps) {
  const secure = deps.config.publicUrl.startsWith('https:');

  async function frame(request: FastifyRequest, reply: FastifyReply, data: PageData) {
    const lang = request.locale;
    const user = request.actor.type === 'user' ? pageUser(request) : null;
    const nav = user ? await navOf(deps, request, user) : null;
    return {
      lang,
      t: translator(lang),
      f: formatters(lang, nav?.vocabulary),
      user,
      nav,
      csrfField: CSRF_FIELD,
      csrf: csrfTokenFor(request, reply, deps.config.sessionSecret, secure),
      flash: takeFlash(request, reply),
      langSwitchUrl: switchUrl(data.path ?? (request.method === 'GET' ? request.url : '/'), lang === 'ja' ? 'en' : 'ja'),
      requestId: request.id,
      active: null,
      ...data,
    };
  }

  return {
    /** A whole page, or a piece of one for htmx to swap in: a view without a layout (e.g. a partial) renders alone. */
    async page(request: FastifyRequest, reply: FastifyReply, view: string, data: PageData, status = 200) {
      const html = eta.render(view, await frame(request, reply, data));
      return reply.status(status).type('text/html; charset=utf-8').send(html);
    },
  };
}

export type PageRenderer = ReturnType<typeof pageRenderer>;

/** The menu: the plan the user works on (the current one: services/plans/current-plan.ts), their department's name and their organization's words. */
async function navOf(deps: AppDeps, request: FastifyRequest, user: AuthUser) {
  const ctx = pageContext(deps, request);
  const [plans, department, vocabulary] = await Promise.all([
    listPlans(ctx),
    user.departmentId ? ctx.db.select({ name: departments.name }).from(departments).where(eq(departments.id, user.departmentId)) : Promise.resolve([]),
    getVocabulary({ ctx }),
  ]);
  const plan = plans.find((p) => p.standing === 'current') ?? null;
  return {
    planId: plan?.id ?? null,
    departmentName: department[0]?.name ?? null,
    isOffice: user.role === 'strategy_office' || user.role === 'admin',
    isAdmin: user.role === 'admin',
    /** Which menus and links to show (services/auth/capabilities.ts). */
    can: capabilitiesOf(user),
    vocabulary,
  };
}

function takeFlash(request: FastifyRequest, reply: FastifyReply): string | null {
  const raw = request.cookies[FLASH_COOKIE];
  if (!raw || request.method !== 'GET') return null;
  reply.clearCookie(FLASH_COOKIE, { path: '/' });
  return flashKey(raw);
}

function switchUrl(current: string, lang: string): string {
  const url = new URL(current, 'http://x');
  url.searchParams.set('lang', lang);
  return `${url.pathname}${url.search}`;
}
