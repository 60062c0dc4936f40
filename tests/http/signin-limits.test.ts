/**
 * Failed password checks are counted in one place (services/auth/signin-limits.ts) for the
 * sign-in form and the API together: per address and account, per address across accounts, and
 * the current password on a password change (page and API) per account.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { DEMO, signIn, TEST_ORGANIZATION } from '../helpers/client.ts';
import { pageBrowser, pageSignIn } from '../helpers/pages.ts';
import { useTestApp } from '../helpers/setup.ts';
import { DEMO_PASSWORD } from '../../services/users/demo-users.ts';

let app: FastifyInstance;
let deps: Awaited<ReturnType<typeof useTestApp>>['deps'];

beforeAll(async () => {
  ({ app, deps } = await useTestApp());
});

const apiLogin = (email: string, password: string) => app.inject({ method: 'POST', url: '/api/auth/login', payload: { organization: TEST_ORGANIZATION, email, password } });
const counterKeys = () => deps.redis.keys(`${deps.config.queuePrefix}:signin-failures:*`);
const forget = async () => {
  const keys = await counterKeys();
  if (keys.length) await deps.redis.del(...keys);
};

describe('failed sign-ins per address and account', () => {
  it('form and API share one counter: ten failures in either, then both refuse', async () => {
    const form = pageBrowser(app);
    await form.get('/login');
    for (let i = 0; i < 5; i++) expect((await form.post('/login', { organization: TEST_ORGANIZATION, email: DEMO.care, password: `form-${i}` })).statusCode).toBe(401);
    for (let i = 0; i < 5; i++) expect((await apiLogin(DEMO.care, `api-${i}`)).statusCode).toBe(401);
    // Even the right password waits now, on both.
    const api = await apiLogin(DEMO.care, DEMO_PASSWORD);
    expect(api.statusCode).toBe(429);
    expect(api.json().error.code).toBe('TOO_MANY_REQUESTS');
    expect(Number(api.headers['retry-after'])).toBeGreaterThan(0);
    const page = await form.post('/login', { organization: TEST_ORGANIZATION, email: DEMO.care, password: DEMO_PASSWORD });
    expect(page.statusCode).toBe(429);
    expect(page.body).toMatch(/ログインの試行回数が上限に達しました。\d{2}:\d{2} 以降にもう一度お試しください。/);
    expect(page.body).toContain(`value="${DEMO.care}"`);
    // Another account from the same address is not locked out.
    expect((await apiLogin(DEMO.policy, DEMO_PASSWORD)).statusCode).toBe(200);
    await forget();
  });
});

describe('failed sign-ins per address across accounts', () => {
  it('fifty failures against fifty accounts, form and API mixed, lock the address out of every account', async () => {
    const form = pageBrowser(app);
    await form.get('/login');
    for (let i = 0; i < 50; i++) {
      const email = `spray-${i}@tomakomai.example`;
      const res = i % 2 === 0 ? await apiLogin(email, 'Summer2026!!') : await form.post('/login', { organization: TEST_ORGANIZATION, email, password: 'Summer2026!!' });
      expect(res.statusCode, `attempt ${i}`).toBe(401);
    }
    expect((await apiLogin(DEMO.strategy, DEMO_PASSWORD)).statusCode).toBe(429);
    const page = await form.post('/login', { organization: TEST_ORGANIZATION, email: DEMO.children, password: DEMO_PASSWORD });
    expect(page.statusCode).toBe(429);
    expect(page.body).toContain('ログインの試行回数が上限に達しました');
    // Counted in Redis under this install's queue prefix, for 15 minutes from the first failure.
    const key = `${deps.config.queuePrefix}:signin-failures:address:127.0.0.1`;
    expect(Number(await deps.redis.get(key))).toBe(50);
    const ttl = await deps.redis.ttl(key);
    expect(ttl).toBeGreaterThan(800);
    expect(ttl).toBeLessThanOrEqual(900);
    // Another address is not affected.
    const elsewhere = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { organization: TEST_ORGANIZATION, email: DEMO.strategy, password: DEMO_PASSWORD }, remoteAddress: '192.0.2.7' });
    expect(elsewhere.statusCode).toBe(200);
    // When the window has passed (the key expired), the address may sign in again.
    await forget();
    expect((await apiLogin(DEMO.strategy, DEMO_PASSWORD)).statusCode).toBe(200);
  });
});

describe('the current password on a password change', () => {
  it('five wrong current passwords, page and API together, then 429 with a clear message on both', async () => {
    const page = await pageSignIn(app, DEMO.employment);
    const api = await signIn(app, DEMO.employment);
    await page.get('/account');
    for (let i = 0; i < 3; i++) {
      const res = await page.post('/account/password', { currentPassword: `wrong-${i}`, newPassword: 'a-fresh-passphrase-1', confirmPassword: 'a-fresh-passphrase-1' });
      expect(res.statusCode).toBe(400);
    }
    for (let i = 0; i < 2; i++) expect((await api.put('/api/auth/password', { currentPassword: `wrong-api-${i}`, newPassword: 'a-fresh-passphrase-1' })).statusCode).toBe(400);
    // Locked: the right current password is refused too.
    const refused = await api.put('/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'a-fresh-passphrase-1' });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.message).toContain('too many failed attempts');
    const shown = await page.post('/account/password', { currentPassword: DEMO_PASSWORD, newPassword: 'a-fresh-passphrase-1', confirmPassword: 'a-fresh-passphrase-1' });
    expect(shown.statusCode).toBe(429);
    expect(shown.body).toMatch(/現在のパスワードの入力誤りが続いたため、一時的に変更を受け付けていません。\d{2}:\d{2} 以降/);
    // Other accounts are not affected.
    const other = await signIn(app, DEMO.children);
    expect((await other.put('/api/auth/password', { currentPassword: 'wrong', newPassword: 'a-fresh-passphrase-1' })).statusCode).toBe(400);
    // After the window the change goes through and the counter is forgotten.
    await deps.redis.del(`${deps.config.queuePrefix}:signin-failures:currentPassword:${(await api.get('/api/auth/me')).json().id}`);
    expect((await api.put('/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'a-fresh-passphrase-1' })).statusCode).toBe(204);
    await forget();
  });
});
