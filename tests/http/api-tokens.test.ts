import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, DEMO, signIn, type Client } from '../helpers/client.ts';
import { manualClock } from '../helpers/clock.ts';
import { useTestApp } from '../helpers/setup.ts';

const DAY = 86_400_000;
const clock = manualClock(new Date().toISOString());
let app: FastifyInstance;

beforeAll(async () => {
  // A maximum below the shipped 365 shows the setting, not a constant, decides.
  ({ app } = await useTestApp({ clock, env: { API_TOKEN_DEFAULT_DAYS: '30', API_TOKEN_MAX_DAYS: '60' } }));
});

async function mint(owner: Client, body: Record<string, unknown> = {}) {
  const res = await owner.post('/api/auth/tokens', { name: '集計システム', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; token: string; createdAt: string; expiresAt: string; readOnly: boolean };
}

describe('token lifetime', () => {
  it('lives the default days when none are given, and is refused (401) once expired', async () => {
    const owner = await signIn(app, DEMO.employment);
    const made = await mint(owner);
    expect(Date.parse(made.expiresAt) - Date.parse(made.createdAt)).toBe(30 * DAY);
    const short = await mint(owner, { expiresInDays: 2 });
    expect(Date.parse(short.expiresAt) - Date.parse(short.createdAt)).toBe(2 * DAY);
    const integration = bearer(app, short.token);
    clock.advanceDays(1.99);
    expect((await integration.get('/api/auth/me')).statusCode).toBe(200);
    clock.advanceDays(0.02);
    expect((await integration.get('/api/auth/me')).statusCode).toBe(401);
    // The 30-day one still works: expiry is per token.
    expect((await bearer(app, made.token).get('/api/auth/me')).statusCode).toBe(200);
  });

  it('refuses more days than the maximum with 400 naming the field, and writes nothing', async () => {
    const owner = await signIn(app, DEMO.employment);
    const before = (await owner.get('/api/auth/tokens')).json().items.length;
    const res = await owner.post('/api/auth/tokens', { name: '長すぎる', expiresInDays: 61 });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.problems).toMatchObject([{ field: 'body.expiresInDays', message: 'must be at most 60' }]);
    expect((await owner.post('/api/auth/tokens', { name: 'ゼロ', expiresInDays: 0 })).statusCode).toBe(400);
    expect((await owner.post('/api/auth/tokens', { name: '文字', expiresInDays: '30' })).statusCode).toBe(400);
    expect((await owner.get('/api/auth/tokens')).json().items).toHaveLength(before);
    expect((await mint(owner, { expiresInDays: 60 })).id).toBeTruthy();
  });
});

describe('listing and revoking', () => {
  it("lists one's own tokens with their dates, never the secret", async () => {
    const owner = await signIn(app, DEMO.care);
    const made = await mint(owner, { name: '介護集計', readOnly: true });
    await bearer(app, made.token).get('/api/auth/me');
    const res = await owner.get('/api/auth/tokens');
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain(made.token);
    const rows = res.json().items as Record<string, unknown>[];
    expect(rows.map((r) => r.id)).toEqual([made.id]);
    expect(Object.keys(rows[0]!).sort()).toEqual(['createdAt', 'expiresAt', 'id', 'lastUsedAt', 'name', 'readOnly', 'revokedAt']);
    expect(rows[0]).toMatchObject({ name: '介護集計', readOnly: true, revokedAt: null, lastUsedAt: clock.now().toISOString() });
    // Another user's list does not show it.
    expect((await (await signIn(app, DEMO.children)).get('/api/auth/tokens')).json().items.map((r: { id: string }) => r.id)).not.toContain(made.id);
  });

  it("revokes one's own token; another user's token id is 404 and stays alive", async () => {
    const owner = await signIn(app, DEMO.care);
    const made = await mint(owner);
    const other = await signIn(app, DEMO.children);
    expect((await other.delete(`/api/auth/tokens/${made.id}`)).statusCode).toBe(404);
    expect((await bearer(app, made.token).get('/api/auth/me')).statusCode).toBe(200);
    expect((await owner.delete(`/api/auth/tokens/${made.id}`)).statusCode).toBe(204);
    expect((await bearer(app, made.token).get('/api/auth/me')).statusCode).toBe(401);
    expect((await owner.get('/api/auth/tokens')).json().items.find((r: { id: string }) => r.id === made.id).revokedAt).toBe(clock.now().toISOString());
    expect((await owner.delete(`/api/auth/tokens/${made.id}`)).statusCode).toBe(404);
  });
});

describe('a token outlives nothing', () => {
  it('ends with a password change (the old bearer gets 401), with the other sessions', async () => {
    const owner = await signIn(app, DEMO.children);
    const other = await signIn(app, DEMO.children);
    const made = await mint(owner);
    expect((await bearer(app, made.token).get('/api/auth/me')).statusCode).toBe(200);
    const changed = await owner.put('/api/auth/password', { currentPassword: 'tomakomai-demo', newPassword: 'kodomo-ikusei-new-passphrase-2026' });
    expect(changed.statusCode, changed.body).toBe(204);
    expect((await bearer(app, made.token).get('/api/auth/me')).statusCode).toBe(401);
    expect((await other.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('ends with deactivation, and reactivation does not revive it', async () => {
    const member = await signIn(app, DEMO.policy);
    const made = await mint(member);
    const admin = await signIn(app, DEMO.admin);
    const user = (await admin.get('/api/admin/users')).json().items.find((u: { email: string }) => u.email === DEMO.policy);
    expect((await admin.patch(`/api/admin/users/${user.id}`, { active: false })).statusCode).toBe(200);
    expect((await bearer(app, made.token).get('/api/auth/me')).statusCode).toBe(401);
    expect((await admin.patch(`/api/admin/users/${user.id}`, { active: true })).statusCode).toBe(200);
    expect((await bearer(app, made.token).get('/api/auth/me')).statusCode).toBe(401);
    expect((await member.get('/api/auth/me')).statusCode).toBe(401);
  });
});

describe('what a token may do', () => {
  it('cannot mint a token (403), nor can a read-only one', async () => {
    const owner = await signIn(app, DEMO.strategy);
    for (const readOnly of [false, true]) {
      const integration = bearer(app, (await mint(owner, { readOnly })).token);
      const before = (await owner.get('/api/auth/tokens')).json().items.length;
      const res = await integration.post('/api/auth/tokens', { name: '子トークン' });
      expect(res.statusCode).toBe(403);
      expect((await owner.get('/api/auth/tokens')).json().items).toHaveLength(before);
    }
  });

  it('a read-only token reads but may not write: 403 saying why', async () => {
    const owner = await signIn(app, DEMO.strategy);
    const reader = bearer(app, (await mint(owner, { readOnly: true })).token);
    const writer = bearer(app, (await mint(owner)).token);
    expect((await reader.get('/api/auth/me')).statusCode).toBe(200);
    expect((await reader.get('/api/auth/tokens')).statusCode).toBe(200);
    const refused = await reader.put('/api/auth/password', { currentPassword: 'tomakomai-demo', newPassword: 'senryaku-new-passphrase-2026' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toMatch(/read-only/);
    const own = (await owner.get('/api/auth/tokens')).json().items[0].id as string;
    expect((await reader.delete(`/api/auth/tokens/${own}`)).statusCode).toBe(403);
    // A writing token of the same user gets past the plugin (to the verb's own 400 here).
    expect((await writer.put('/api/auth/password', { currentPassword: 'wrong-password', newPassword: 'x' })).statusCode).toBe(400);
    expect((await owner.get('/api/auth/me')).statusCode).toBe(200);
  });
});
