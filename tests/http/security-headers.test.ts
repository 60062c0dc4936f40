/**
 * Every response says how it may be used: nothing sniffed or framed, API answers not stored,
 * and HTML outside the pages (print reports, the citizens' page, the queue view, the API docs)
 * under a policy that runs no inline script — checked on the headers here, and in Chromium by
 * injecting an inline script into each document and seeing it refused.
 */
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { anonymous, DEMO, signIn, type Client } from '../helpers/client.ts';
import { useTestApp } from '../helpers/setup.ts';
import { publishYear } from '../helpers/publish.ts';

let app: FastifyInstance;
let so: Client, admin: Client, care: Client, citizen: Client;
let planId: string;
beforeAll(async () => {
  ({ app } = await useTestApp());
  [so, admin, care] = await Promise.all([signIn(app, DEMO.strategy), signIn(app, DEMO.admin), signIn(app, DEMO.care)]);
  citizen = anonymous(app);
  planId = (await so.get('/api/plans')).json().items[0].id;
  expect((await publishYear(so, planId, 2021)).statusCode).toBe(201);
});

const scriptSrc = (csp: unknown) => String(csp).split(';').map((d) => d.trim()).filter((d) => d.startsWith('script-src ') || d.startsWith('default-src '));

describe('security headers', () => {
  it('API answers: not sniffed, not framed, not stored unless the route chose', async () => {
    for (const res of [await care.get('/api/plans'), await care.get(`/api/plans/${planId}/nope`), await citizen.get('/api/plans')]) {
      expect(res.headers['x-content-type-options'], res.raw.req.url).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['cache-control']).toBe('no-store');
    }
    // The dashboard is revalidated by its ETag: its own choice stands.
    expect((await care.get(`/api/plans/${planId}/dashboard`)).headers['cache-control']).toBe('private, no-cache');
  });

  it('HTML outside the pages: a policy with no inline script and no framing', async () => {
    const documents = [
      await so.get(`/reports/plans/${planId}/revised-strategy`),
      await so.get(`/reports/plans/${planId}/committee-packet?fiscalYear=2021`),
      await citizen.get(`/public/plans/${planId}/progress/2021`),
      await admin.get('/admin/queues'),
      await admin.get('/docs/'),
    ];
    for (const res of documents) {
      expect(res.statusCode, res.raw.req.url).toBe(200);
      const csp = res.headers['content-security-policy'];
      expect(csp, res.raw.req.url).toBeTruthy();
      for (const directive of scriptSrc(csp)) expect(directive, res.raw.req.url).not.toMatch(/'unsafe-inline'|\*/);
      expect(String(csp)).toContain("frame-ancestors 'none'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('leaves the pages their own, stricter policy', async () => {
    const res = await care.get('/tasks');
    expect(String(res.headers['content-security-policy'])).toContain("style-src 'self';");
    expect(res.headers['cache-control']).toBe('no-store');
  });
});

describe('the API docs', () => {
  it('are for signed-in users: a browser is sent to sign in, another client gets 401', async () => {
    const browser = await app.inject({ url: '/docs', headers: { accept: 'text/html' } });
    expect(browser.statusCode).toBe(302);
    expect(browser.headers.location).toBe('/login?next=%2Fdocs');
    expect((await citizen.get('/docs/json')).statusCode).toBe(401);
    expect((await care.get('/docs/json')).json().openapi).toMatch(/^3\./);
  });

  it('are open to anyone where the city sets API_DOCS_PUBLIC=true', async () => {
    const { app: open } = await useTestApp({ env: { API_DOCS_PUBLIC: 'true' } });
    expect((await open.inject('/docs/json')).statusCode).toBe(200);
    await open.close();
  });
});

describe('signing out through the API', () => {
  it('needs a JSON body, which a cross-site form cannot send', async () => {
    const client = await signIn(app, DEMO.care);
    const form = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { ...client.headers, 'content-type': 'application/x-www-form-urlencoded' }, payload: '' });
    expect(form.statusCode).toBeGreaterThanOrEqual(400);
    expect((await client.get('/api/auth/me')).statusCode).toBe(200);
    expect((await client.post('/api/auth/logout', {})).statusCode).toBe(204);
    expect((await client.get('/api/auth/me')).statusCode).toBe(401);
  });
});
