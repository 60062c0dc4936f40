import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { anonymous } from '../helpers/client.ts';
import { useTestApp } from '../helpers/setup.ts';

let app: FastifyInstance;
beforeAll(async () => {
  ({ app } = await useTestApp());
});

describe('an address nobody serves', () => {
  it('is a page for a browser, in its language', async () => {
    const ja = await app.inject({ url: '/no/such/page', headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(ja.statusCode).toBe(404);
    expect(ja.headers['content-type']).toMatch(/text\/html/);
    expect(ja.body).toContain('<html lang="ja"');
    const en = await app.inject({ url: '/no/such/page?lang=en', headers: { accept: 'text/html' } });
    expect(en.body).toContain('<html lang="en"');
  });

  it('is JSON for the API and for clients that do not ask for HTML', async () => {
    expect((await anonymous(app).get('/api/no-such-route')).json().error.code).toBe('NOT_FOUND');
    const res = await app.inject({ url: '/api/no-such-route', headers: { accept: 'text/html' } });
    expect(res.json().error.code).toBe('NOT_FOUND');
    expect((await app.inject('/no/such/page')).json().error.code).toBe('NOT_FOUND');
  });
});
