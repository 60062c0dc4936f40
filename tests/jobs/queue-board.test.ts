import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { anonymous, DEMO, signIn } from '../helpers/client.ts';
import { useTestApp } from '../helpers/setup.ts';

let app: FastifyInstance;
beforeAll(async () => {
  ({ app } = await useTestApp());
});

describe('the queue view', () => {
  it('is for administrators only', async () => {
    const stranger = await anonymous(app).get('/admin/queues');
    expect(stranger.statusCode).toBe(302);
    expect(stranger.headers.location).toBe('/login?next=%2Fadmin%2Fqueues');
    expect((await (await signIn(app, DEMO.strategy)).get('/admin/queues')).statusCode).toBe(403);
    expect((await (await signIn(app, DEMO.care)).get('/admin/queues/api/queues')).statusCode).toBe(403);
    const admin = await signIn(app, DEMO.admin);
    const page = await admin.get('/admin/queues');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    const queues = await admin.get('/admin/queues/api/queues');
    expect(queues.json().queues.map((q: { name: string }) => q.name).sort()).toEqual(['email', 'events', 'schedule']);
  });
});
