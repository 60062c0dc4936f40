/**
 * Signed-in browsers over `app.inject` for the web pages: logs in through the login form
 * (with its CSRF token), keeps the cookies, and posts forms with the session's token.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { DEMO_PASSWORD } from '../../services/users/demo-users.ts';
import { organizationOf } from './client.ts';

export type PageClient = Awaited<ReturnType<typeof pageSignIn>>;

/** The value of the first hidden CSRF field on a page. */
export const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

function cookieJar() {
  const jar = new Map<string, string>();
  return {
    header: () => [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
    take(res: LightMyRequestResponse) {
      for (const c of res.cookies) {
        if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) jar.delete(c.name);
        else jar.set(c.name, c.value);
      }
    },
  };
}

export function pageBrowser(app: FastifyInstance) {
  const jar = cookieJar();
  let token = '';
  const send = async (method: 'GET' | 'POST', url: string, form?: Record<string, string | string[]>) => {
    const payload = form === undefined ? undefined : new URLSearchParams(Object.entries(form).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x): [string, string] => [k, x]))).toString();
    const res = await app.inject({
      method,
      url,
      headers: { cookie: jar.header(), ...(payload === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' }) },
      ...(payload === undefined ? {} : { payload }),
    });
    jar.take(res);
    if (method === 'GET' && res.headers['content-type']?.toString().startsWith('text/html')) token = csrfOf(res.body) || token;
    return res;
  };
  return {
    get: (url: string) => send('GET', url),
    /** Posts a form with the CSRF token of the last page read (unless the form gives its own `_csrf`). */
    post: (url: string, form: Record<string, string | string[]> = {}) => send('POST', url, { _csrf: token, ...form }),
    /** Posts without adding a token. */
    postRaw: (url: string, form: Record<string, string | string[]>) => send('POST', url, form),
    cookies: () => jar.header(),
  };
}

export async function pageSignIn(app: FastifyInstance, email: string, password = DEMO_PASSWORD, organization = organizationOf(email)) {
  const browser = pageBrowser(app);
  await browser.get('/login');
  const res = await browser.post('/login', { organization, email, password });
  if (res.statusCode !== 303) throw new Error(`page sign-in of ${email} failed: ${res.statusCode}`);
  await browser.get('/tasks');
  return browser;
}
