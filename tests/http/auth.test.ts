import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { anonymous, bearer, DEMO, organizationOf, signIn } from '../helpers/client.ts';
import { manualClock } from '../helpers/clock.ts';
import { useTestApp } from '../helpers/setup.ts';
import { addOtherCity, OTHER_CITY_PASSWORD } from '../helpers/other-city.ts';

const clock = manualClock(new Date().toISOString());
let app: FastifyInstance;
let deps: Awaited<ReturnType<typeof useTestApp>>['deps'];

beforeAll(async () => {
  // Idle sessions are tests/http/own-sessions.test.ts's: here a session lives out its whole lifetime.
  ({ app, deps } = await useTestApp({ clock, env: { SESSION_IDLE_MINUTES: '1440' } }));
});

const login = (email: string, password: string, organization = organizationOf(email)) => app.inject({ method: 'POST', url: '/api/auth/login', payload: { organization, email, password } });

describe('signing in', () => {
  it('answers a wrong password and an unknown email the same way', async () => {
    const wrong = await login(DEMO.care, 'not-the-password');
    const unknown = await login('nobody@tomakomai.example', 'not-the-password');
    expect([wrong.statusCode, unknown.statusCode]).toEqual([401, 401]);
    expect(wrong.json().error.message).toBe(unknown.json().error.message);
    expect(wrong.cookies).toEqual([]);
  });

  it('sets an httpOnly, SameSite session cookie and knows who you are', async () => {
    const res = await login('  KAIGO@tomakomai.example ', 'tomakomai-demo');
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'cityplan_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const me = await app.inject({ url: '/api/auth/me', headers: { cookie: `cityplan_session=${cookie.value}` } });
    expect(me.json()).toMatchObject({ email: DEMO.care, role: 'department_member', locale: 'ja' });
  });

  it('asks who you are on every API route', async () => {
    expect((await anonymous(app).get('/api/plans')).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/plans', headers: { cookie: 'cityplan_session=forged' } })).statusCode).toBe(401);
    expect((await bearer(app, 'forged').get('/api/plans')).statusCode).toBe(401);
  });

  it('ends the session on the server at logout', async () => {
    const client = await signIn(app, DEMO.care);
    expect((await client.post('/api/auth/logout')).statusCode).toBe(204);
    expect((await client.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('expires sessions after their lifetime (12 hours by default)', async () => {
    const client = await signIn(app, DEMO.care);
    clock.advanceDays(0.49);
    expect((await client.get('/api/auth/me')).statusCode).toBe(200);
    clock.advanceDays(0.02);
    expect((await client.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('limits password guessing per address and account', async () => {
    const statuses = [];
    for (let i = 0; i < 11; i++) statuses.push((await login('someone@tomakomai.example', `guess-${i}`)).statusCode);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
    // Another account from the same address is not locked out.
    expect((await login(DEMO.policy, 'tomakomai-demo')).statusCode).toBe(200);
  });
});

describe('bearer tokens for integrations', () => {
  it('acts as its user until revoked', async () => {
    const owner = await signIn(app, DEMO.employment);
    const created = await owner.post('/api/auth/tokens', { name: '集計システム' });
    expect(created.statusCode).toBe(201);
    const { id, token } = created.json();
    const integration = bearer(app, token);
    expect((await integration.get('/api/auth/me')).json().email).toBe(DEMO.employment);
    expect((await (await signIn(app, DEMO.care)).delete(`/api/auth/tokens/${id}`)).statusCode).toBe(404);
    expect((await owner.delete(`/api/auth/tokens/${id}`)).statusCode).toBe(204);
    expect((await integration.get('/api/auth/me')).statusCode).toBe(401);
  });
});

describe('passwords', () => {
  it('checks the current password and the new one, naming the field', async () => {
    const user = await signIn(app, DEMO.policy);
    const wrong = await user.put('/api/auth/password', { currentPassword: 'nope', newPassword: 'a-new-password-2026' });
    expect(wrong.json().error.problems).toMatchObject([{ field: 'body.currentPassword', message: 'is not correct' }]);
    const short = await user.put('/api/auth/password', { currentPassword: 'tomakomai-demo', newPassword: 'short' });
    expect(short.json().error.problems).toMatchObject([{ field: 'body.newPassword', message: 'must be at least 12 characters long' }]);
  });

  it('changes it and ends the other sessions', async () => {
    const here = await signIn(app, DEMO.policy);
    const elsewhere = await signIn(app, DEMO.policy);
    expect((await here.put('/api/auth/password', { currentPassword: 'tomakomai-demo', newPassword: 'a-new-password-2026' })).statusCode).toBe(204);
    expect((await elsewhere.get('/api/auth/me')).statusCode).toBe(401);
    expect((await login(DEMO.policy, 'tomakomai-demo')).statusCode).toBe(401);
    expect((await login(DEMO.policy, 'a-new-password-2026')).statusCode).toBe(200);
  });

  it('lets an admin reset one, and deactivating a user ends their sessions', async () => {
    const admin = await signIn(app, DEMO.admin);
    const target = await signIn(app, DEMO.children);
    const users = (await admin.get('/api/admin/users')).json().items as { id: string; email: string }[];
    const id = users.find((u) => u.email === DEMO.children)!.id;
    expect((await admin.put(`/api/admin/users/${id}/password`, { password: 'reset-by-admin-1' })).statusCode).toBe(204);
    expect((await target.get('/api/auth/me')).statusCode).toBe(401);
    expect((await login(DEMO.children, 'reset-by-admin-1')).statusCode).toBe(200);
    expect((await admin.patch(`/api/admin/users/${id}`, { active: false })).json()).toMatchObject({ active: false });
    expect((await login(DEMO.children, 'reset-by-admin-1')).statusCode).toBe(401);
    expect((await admin.patch(`/api/admin/users/${id}`, { role: 'department_member', departmentId: null })).json().error.problems).toMatchObject([
      { field: 'body.departmentId', message: 'is required for a department member' },
    ]);
  });
});

describe('organizations are isolated', () => {
  it('never shows one city’s plan to another city’s staff', async () => {
    await addOtherCity(deps.db, [{ email: 'staff@othertown.example', name: '別市 職員', role: 'strategy_office' }]);
    const outsider = await signIn(app, 'staff@othertown.example', OTHER_CITY_PASSWORD);
    const tomakomai = await signIn(app, DEMO.care);
    const tomakomaiPlan = (await tomakomai.get('/api/plans')).json().items[0].id;
    expect((await outsider.get('/api/plans')).json().items.map((p: { code: string }) => p.code)).toEqual(['othertown-2nd']);
    for (const url of [`/api/plans/${tomakomaiPlan}`, `/api/plans/${tomakomaiPlan}/tree`, `/api/plans/${tomakomaiPlan}/export`, `/api/plans/${tomakomaiPlan}/dashboard`, `/api/plans/${tomakomaiPlan}/review-cycles`]) {
      expect((await outsider.get(url)).statusCode, url).toBe(404);
    }
    expect((await outsider.post(`/api/plans/${tomakomaiPlan}/review-cycles`, { fiscalYear: 2022 })).statusCode).toBe(404);
    const otherPlan = (await outsider.get('/api/plans')).json().items[0].id;
    expect((await tomakomai.get(`/api/plans/${otherPlan}/tree`)).statusCode).toBe(404);
  });
});
