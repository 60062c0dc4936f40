/**
 * A crawler of the pages, as a person clicks: signed in, it starts at the page after sign-in and
 * follows links and the default submission of GET forms within the site, a few pages of each
 * shape; documents (reports, downloads, CSV) are fetched but not read for links. POST forms a
 * crawled page carries are collected as `offered`.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { organizationOf } from './client.ts';
import { pageBrowser } from './pages.ts';

export const HTML = 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8';
const decode = (s: string) => s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'");
const attr = (tag: string, name: string) => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? decode(m[1]!) : undefined;
};

/** What a person can click on a page: links, GET forms as submitted untouched, and the POST forms it offers. */
export function clickables(html: string) {
  const links = [...html.matchAll(/<a\s[^>]*>/g)].map((m) => attr(m[0], 'href')).filter((h): h is string => h !== undefined);
  const gets: string[] = [];
  const posts: string[] = [];
  for (const [, open, body] of html.matchAll(/<form([^>]*)>([\s\S]*?)<\/form>/g)) {
    const action = attr(open!, 'action') ?? '';
    if ((attr(open!, 'method') ?? 'get').toLowerCase() === 'post') {
      posts.push(action);
      continue;
    }
    const query = new URLSearchParams();
    for (const [input] of body!.matchAll(/<input\s[^>]*>/g)) {
      const name = attr(input, 'name');
      const type = attr(input, 'type') ?? 'text';
      if (!name || type === 'submit' || ((type === 'checkbox' || type === 'radio') && !/\schecked/.test(input))) continue;
      query.append(name, attr(input, 'value') ?? (type === 'checkbox' ? 'on' : ''));
    }
    for (const [, open2, options] of body!.matchAll(/<select([^>]*)>([\s\S]*?)<\/select>/g)) {
      const name = attr(open2!, 'name');
      const all = [...options!.matchAll(/<option([^>]*)>/g)].map((o) => o[1]!);
      const chosen = all.find((o) => /\sselected/.test(o)) ?? all[0];
      if (name && chosen !== undefined) query.append(name, attr(` ${chosen}`, 'value') ?? '');
    }
    const text = query.toString();
    gets.push(text ? `${action}?${text}` : action);
  }
  return { follow: [...links, ...gets], posts };
}

/** Pages of one shape (ids and years aside, the same query names) are crawled a few times, not all. */
const shapeOf = (url: string) => {
  const u = new URL(url, 'http://x');
  const path = u.pathname.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, ':id').replace(/\/\d+(?=\/|$)/g, '/:n');
  return `${path}?${[...new Set(u.searchParams.keys())].sort().join('&')}`;
};
const PER_SHAPE = 3;
const MAX_PAGES = 400;
/** Not navigation: other languages of the same pages, static files, the API's own docs. */
const skipped = (url: string) => /[?&]lang=/.test(url) || url.startsWith('/static/') || url.startsWith('/docs') || url.startsWith('/api/');
/** Documents and files are fetched, not read for links (their links are for citizens or print). */
const isDocument = (url: string) => /^\/(reports|public|admin\/queues)\b/.test(url) || url.includes('/downloads/') || url.endsWith('.csv');

/** Signs in as `email` and follows what a person can click, from the page after sign-in. */
export async function crawl(app: FastifyInstance, email: string) {
  const browser = pageBrowser(app);
  await browser.get('/login');
  const login = await browser.post('/login', { organization: organizationOf(email), email, password: 'tomakomai-demo' });
  expect(login.statusCode).toBe(303);
  const start = login.headers.location as string;
  const seen = new Set<string>([start]);
  const perShape = new Map<string, number>();
  const queue = [start];
  const fetched: { url: string; res: LightMyRequestResponse }[] = [];
  const offered = new Set<string>();
  while (queue.length && fetched.length < MAX_PAGES) {
    const url = queue.shift()!;
    const res = await app.inject({ url, headers: { cookie: browser.cookies(), accept: HTML } });
    fetched.push({ url, res });
    const type = String(res.headers['content-type'] ?? '');
    if (!type.startsWith('text/html') || isDocument(url)) continue;
    const { follow, posts } = clickables(res.body);
    for (const action of posts) offered.add(action);
    for (const raw of follow) {
      if (!raw.startsWith('/') || raw.startsWith('//')) continue;
      const next = new URL(raw, `http://x${url}`);
      const target = `${next.pathname}${next.search}`;
      if (skipped(target) || seen.has(target)) continue;
      const shape = shapeOf(target);
      if ((perShape.get(shape) ?? 0) >= PER_SHAPE) continue;
      perShape.set(shape, (perShape.get(shape) ?? 0) + 1);
      seen.add(target);
      queue.push(target);
    }
  }
  return { fetched, offered, exhausted: queue.length === 0 };
}
