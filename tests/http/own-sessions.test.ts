/**
 * One's own sessions (issue 18, item 3): a session unused for SESSION_IDLE_MINUTES ends, checked
 * on the server against last_seen_at, which is written at most once a minute; the list of one's
 * sessions (API and account page) with this one marked; ending one, or all the others, with the
 * page's CSRF token; and over https the cookie is `__Host-`.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { sessions, users } from '../../db/schema/index.ts';
import { buildApp } from '../../services/http/app.ts';
import { DEMO_PASSWORD } from '../../services/users/demo-users.ts';
import { DEMO, TEST_ORGANIZATION } from '../helpers/client.ts';
import { manualClock } from '../helpers/clock.ts';
import { pageSignIn } from '../helpers/pages.ts';
import { useTestApp, useTestDeps } from '../helpers/setup.ts';

const clock = manualClock(new Date(Date.now() + 86_400_000).toISOString());
const { app, deps } = await useTestApp({ clock, env: { SESSION_IDLE_MINUTES: '30' } });
const minutes = (n: number) => clock.set(new Date(clock.now().getTime() + n * 60_000).toISOString());

const CHROME_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const SAFARI_IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

async function apiSession(email: string, userAgent: string) {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'user-agent': userAgent }, payload: { organization: TEST_ORGANIZATION, email, password: DEMO_PASSWORD } });
  expect(res.statusCode, res.body).toBe(200);
  const cookie = `cityplan_session=${res.cookies.find((c) => c.name === 'cityplan_session')!.value}`;
  return {
    get: (url: string) => app.inject({ url, headers: { cookie } }),
    send: (method: 'POST' | 'DELETE', url: string, payload?: unknown) => app.inject({ method, url, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as object }) }),
  };
}

const lastSeen = async (email: string) =>
  (await deps.db.select({ at: sessions.lastSeenAt }).from(sessions).innerJoin(users, eq(users.id, sessions.userId)).where(eq(users.email, email))).map((r) => r.at.getTime());

describe('the idle timeout', () => {
  it('ends a session unused for SESSION_IDLE_MINUTES, counted from its last request', async () => {
    const clerk = await apiSession(DEMO.care, CHROME_WINDOWS);
    for (let i = 0; i < 4; i++) {
      minutes(25);
      expect((await clerk.get('/api/auth/me')).statusCode, `after ${(i + 1) * 25} minutes`).toBe(200);
    }
    minutes(31);
    expect((await clerk.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('writes last_seen_at at most once a minute', async () => {
    const clerk = await apiSession(DEMO.policy, CHROME_WINDOWS);
    const [signedIn] = await lastSeen(DEMO.policy);
    minutes(0.5);
    expect((await clerk.get('/api/auth/me')).statusCode).toBe(200);
    expect(await lastSeen(DEMO.policy)).toEqual([signedIn]);
    minutes(0.6);
    expect((await clerk.get('/api/auth/me')).statusCode).toBe(200);
    expect(await lastSeen(DEMO.policy)).toEqual([clock.now().getTime()]);
  });
});

describe('the list of one’s sessions', () => {
  it('lists one’s live sessions with the browser in words, this one marked, and never another user’s', async () => {
    const desk = await apiSession(DEMO.employment, CHROME_WINDOWS);
    const phone = await apiSession(DEMO.employment, SAFARI_IPHONE);
    await apiSession(DEMO.children, CHROME_WINDOWS);
    const list = (await desk.get('/api/auth/sessions')).json().items as { id: string; browser: string; current: boolean; userAgent: string }[];
    expect(list.map((s) => [s.browser, s.current]).sort()).toEqual([
      ['Chrome · Windows', true],
      ['Safari · iOS', false],
    ]);
    expect(list.find((s) => !s.current)!.userAgent).toBe(SAFARI_IPHONE);
    const phoneId = list.find((s) => !s.current)!.id;
    // Another user cannot end it: not found, like a random id.
    const other = await apiSession(DEMO.children, CHROME_WINDOWS);
    expect((await other.send('DELETE', `/api/auth/sessions/${phoneId}`)).statusCode).toBe(404);
    expect((await phone.get('/api/auth/me')).statusCode).toBe(200);
    expect((await desk.send('DELETE', `/api/auth/sessions/${phoneId}`)).statusCode).toBe(204);
    expect((await phone.get('/api/auth/me')).statusCode).toBe(401);
    expect((await desk.send('DELETE', `/api/auth/sessions/${phoneId}`)).statusCode).toBe(404);
    expect((await desk.get('/api/auth/sessions')).json().items).toHaveLength(1);
  });

  it('signs out of every other device, keeping this one', async () => {
    const here = await apiSession(DEMO.strategy, CHROME_WINDOWS);
    const elsewhere = [await apiSession(DEMO.strategy, SAFARI_IPHONE), await apiSession(DEMO.strategy, 'curl/8.5')];
    const res = await here.send('POST', '/api/auth/sessions/sign-out-others', {});
    expect(res.json()).toEqual({ revoked: 2 });
    for (const s of elsewhere) expect((await s.get('/api/auth/me')).statusCode).toBe(401);
    expect((await here.get('/api/auth/me')).statusCode).toBe(200);
  });

  it('the account page lists them; its buttons need the CSRF token and sign the other devices out', async () => {
    const phone = await apiSession(DEMO.admin, SAFARI_IPHONE);
    const desk = await pageSignIn(app, DEMO.admin);
    const page = await desk.get('/account');
    expect(page.body).toContain('ログイン中の端末');
    expect(page.body).toContain('30分間操作がないと');
    expect(page.body).toContain('この端末');
    expect(page.body).toContain('Safari · iOS');
    expect(page.body).toContain('他の端末からサインアウト');
    const [phoneId] = /action="\/account\/sessions\/([0-9a-f-]{36})\/revoke"/.exec(page.body)!.slice(1);
    expect((await desk.postRaw(`/account/sessions/${phoneId}/revoke`, {})).statusCode).toBe(403);
    expect((await desk.postRaw('/account/sessions/sign-out-others', {})).statusCode).toBe(403);
    expect((await phone.get('/api/auth/me')).statusCode).toBe(200);
    const revoked = await desk.post(`/account/sessions/${phoneId}/revoke`);
    expect(revoked.headers.location).toBe('/account');
    expect((await phone.get('/api/auth/me')).statusCode).toBe(401);
    const another = await apiSession(DEMO.admin, CHROME_WINDOWS);
    await desk.get('/account');
    expect((await desk.post('/account/sessions/sign-out-others')).headers.location).toBe('/account');
    expect((await another.get('/api/auth/me')).statusCode).toBe(401);
    const after = await desk.get('/account');
    expect(after.statusCode).toBe(200);
    expect(after.body).toContain('他の端末でのログインはありません。');
  });
});

describe('the cookie over https', () => {
  it('is __Host-cityplan_session: Secure, Path=/, no Domain; the plain name opens nothing there', async () => {
    const secureDeps = await useTestDeps({ env: { PUBLIC_URL: 'https://strategy.city.example', SESSION_SECRET: 's'.repeat(48) } });
    const secureApp = await buildApp(secureDeps);
    try {
      const res = await secureApp.inject({ method: 'POST', url: '/api/auth/login', payload: { organization: TEST_ORGANIZATION, email: DEMO.care, password: DEMO_PASSWORD } });
      expect(res.statusCode).toBe(200);
      const cookie = res.cookies.find((c) => c.name === '__Host-cityplan_session')!;
      expect(cookie).toMatchObject({ secure: true, path: '/', httpOnly: true, sameSite: 'Lax' });
      expect(cookie.domain).toBeUndefined();
      expect(res.cookies.map((c) => c.name)).not.toContain('cityplan_session');
      expect((await secureApp.inject({ url: '/api/auth/me', headers: { cookie: `__Host-cityplan_session=${cookie.value}` } })).statusCode).toBe(200);
      expect((await secureApp.inject({ url: '/api/auth/me', headers: { cookie: `cityplan_session=${cookie.value}` } })).statusCode).toBe(401);
      const out = await secureApp.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: `__Host-cityplan_session=${cookie.value}` }, payload: {} });
      expect(out.cookies.find((c) => c.name === '__Host-cityplan_session')).toMatchObject({ value: '', secure: true, path: '/' });
    } finally {
      await secureApp.close();
    }
  });
});
