/**
 * Renders pages from templates/pages with Eta. Every page gets the same frame: the user, the
 * language and its switch, the CSRF token for its forms, a flash message left by the last
 * redirect, and the menu for the user's plan. Interpolations are HTML-escaped by default.
 */
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Eta } from 'eta';
import { eq } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { departments } from '../../../db/schema/index.ts';
import { capabilitiesOf } from '../../auth/capabilities.ts';
import type { FragmentCache } from '../../cache/fragments.ts';
import type { AuthUser } from '../../context.ts';
import type { AppDeps } from '../../deps.ts';
import { isoDateInTokyo } from '../../fiscal-year.ts';
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

/** A cached body's page: the layout around it (templates/pages/cached.eta). */
export interface CachedBody {
  /** Whose pages it belongs to: a notice about the organization drops it (services/cache/fragments.ts). */
  organizationId: string;
  /** Everything else the body depends on besides the view and the language: who asks (as far as it shows), the day, the query. */
  key: string;
  /** The body's own data, read only when it is not cached. */
  load: () => Promise<Record<string, unknown>>;
}

/**
 * Pages render with `fragments` (the API's pages) caching what does not change per request: the
 * menu and the bodies of the most used pages. Without it (error pages), everything is read each time.
 */
export function pageRenderer(deps: AppDeps, fragments?: FragmentCache) {
  const secure = deps.config.publicUrl.startsWith('https:');
  // Stands for the CSRF token in a cached body; each request puts in its own (a random mark: no page text can hold it).
  const csrfMark = `csrf-${randomUUID()}`;
  // Where a cached body goes in its layout.
  const bodyMark = `body-${randomUUID()}`;

  async function frame(request: FastifyRequest, reply: FastifyReply, data: PageData) {
    const lang = request.locale;
    const user = request.actor.type === 'user' ? pageUser(request) : null;
    const nav = user ? await cachedNav(request, user) : null;
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

  /** The menu's data, the same for every member of a department (or role) of an organization on one day. */
  function cachedNav(request: FastifyRequest, user: AuthUser) {
    if (!fragments) return navOf(deps, request, user);
    const key = `nav|${user.role}|${user.departmentId ?? '-'}|${isoDateInTokyo(deps.clock.now())}`;
    return fragments.get(user.organizationId, key, () => navOf(deps, request, user));
  }

  return {
    /**
     * A page whose body (`view`, a template without layout) is cached by `body.key`; the frame
     * around it (the user's name, the flash, the language switch, the CSRF token) is each request's.
     */
    async cachedPage(request: FastifyRequest, reply: FastifyReply, view: string, data: PageData, body: CachedBody) {
      const framed = await frame(request, reply, data);
      const build = async () => {
        const loaded = await body.load();
        const html = eta.render(view, { ...framed, csrf: csrfMark, flash: null, ...loaded });
        // Kept as UTF-8, cut where each request's token goes: a request then neither encodes nor measures
        // the body's text again (for the dashboard, that was most of the time it took). A title read
        // with the body (a cycle's measure) is kept with it.
        return { parts: html.split(csrfMark).map((part) => Buffer.from(part)), title: typeof loaded.title === 'string' ? loaded.title : data.title };
      };
      const { parts, title } = fragments ? await fragments.get(body.organizationId, `${view}|${request.locale}|${body.key}`, build) : await build();
      const [head, tail] = eta.render('cached', { ...framed, title, pageBody: bodyMark }).split(bodyMark) as [string, string];
      const token = Buffer.from(framed.csrf);
      const page = Buffer.concat([Buffer.from(head), ...parts.flatMap((part, i) => (i ? [token, part] : [part])), Buffer.from(tail)]);
      return reply.status(200).type('text/html; charset=utf-8').send(page);
    },
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
