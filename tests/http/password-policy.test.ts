/**
 * One password rule (services/auth/passwords.ts, ASVS 5.0 6.2) wherever a password is set: the
 * user's own change (page and API), an administrator's new user and reset (page and API), the
 * emailed reset link. admin:create is covered in tests/cli/create-admin.test.ts.
 */
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { passwordResets, users } from '../../db/schema/index.ts';
import { passwordProblem, verifyPassword } from '../../services/auth/passwords.ts';
import { say, type Words } from '../../services/i18n/translate.ts';
import { newToken, tokenHash } from '../../services/auth/tokens.ts';
import { DEMO_PASSWORD } from '../../services/users/demo-users.ts';
import { DEMO, signIn } from '../helpers/client.ts';
import { pageBrowser, pageSignIn } from '../helpers/pages.ts';
import { useTestApp } from '../helpers/setup.ts';

// On the list (from @zxcvbn-ts/language-common), 12 characters: only the list refuses it.
const COMMON = 'qwerty123456';
const COMMON_JA = 'よく使われているパスワードの一覧に含まれているため使えません';
const SHORT_JA = '12文字以上で入力してください';

let app: FastifyInstance;
let deps: Awaited<ReturnType<typeof useTestApp>>['deps'];

beforeAll(async () => {
  ({ app, deps } = await useTestApp());
});

const english = (words: Words | undefined) => words && say(words, 'en');
const passwordOf = async (email: string) => (await deps.db.select({ hash: users.passwordHash }).from(users).where(eq(users.email, email)))[0]!.hash;

describe('the rule', () => {
  it('wants 12 to 200 characters, no composition, not a common password (any case)', () => {
    expect(english(passwordProblem('short-pw'))).toBe('must be at least 12 characters long');
    expect(english(passwordProblem('x'.repeat(201)))).toBe('must be at most 200 characters long');
    expect(english(passwordProblem(COMMON))).toBe('is on a list of commonly used passwords');
    expect(english(passwordProblem('QWERTY123456'))).toBe('is on a list of commonly used passwords');
    expect(passwordProblem('1q2w3e4r5t6y')).toBeDefined();
    // No composition rules: lowercase letters only, or a long passphrase, are fine.
    expect(passwordProblem('correcthorsebatterystaple')).toBeUndefined();
    expect(passwordProblem('x'.repeat(200))).toBeUndefined();
    // The public demo password still passes (it is for demo data only).
    expect(passwordProblem(DEMO_PASSWORD)).toBeUndefined();
  });
});

describe('every place a password is set', () => {
  it('the API: own change, an administrator’s new user and reset; the field is named', async () => {
    const self = await signIn(app, DEMO.care);
    const common = await self.put('/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: COMMON });
    expect(common.statusCode).toBe(400);
    expect(common.json().error.problems).toMatchObject([{ field: 'body.newPassword', message: 'is on a list of commonly used passwords' }]);
    expect((await self.put('/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'short-pw' })).statusCode).toBe(400);
    expect(await verifyPassword(await passwordOf(DEMO.care), DEMO_PASSWORD)).toBe(true);

    const admin = await signIn(app, DEMO.admin);
    const user = { name: '新人 六郎', email: 'rokuro@tomakomai.example', role: 'strategy_office', locale: 'ja' };
    const refused = await admin.post('/api/admin/users', { ...user, password: COMMON });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.problems).toMatchObject([{ field: 'body.password', message: 'is on a list of commonly used passwords' }]);
    const created = await admin.post('/api/admin/users', { ...user, password: 'rokuro-first-pass' });
    expect(created.statusCode).toBe(201);
    const reset = await admin.put(`/api/admin/users/${created.json().id}/password`, { password: COMMON });
    expect(reset.statusCode).toBe(400);
    expect(reset.json().error.problems).toMatchObject([{ field: 'body.password', message: 'is on a list of commonly used passwords' }]);
    expect((await admin.put(`/api/admin/users/${created.json().id}/password`, { password: 'rokuro-second-pass' })).statusCode).toBe(204);
    expect(await verifyPassword(await passwordOf(user.email), 'rokuro-second-pass')).toBe(true);
  });

  it('the pages: own change, an administrator’s new user and reset, in Japanese next to the field, input kept', async () => {
    const self = await pageSignIn(app, DEMO.children);
    await self.get('/account');
    const common = await self.post('/account/password', { currentPassword: DEMO_PASSWORD, newPassword: COMMON, confirmPassword: COMMON });
    expect(common.statusCode).toBe(400);
    expect(common.body).toContain(COMMON_JA);
    expect(await verifyPassword(await passwordOf(DEMO.children), DEMO_PASSWORD)).toBe(true);

    const admin = await pageSignIn(app, DEMO.admin);
    await admin.get('/admin/users');
    const refused = await admin.post('/admin/users', { name: '新人 七子', email: 'nanako@tomakomai.example', role: 'strategy_office', password: COMMON, locale: 'ja' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain(COMMON_JA);
    expect(refused.body).toContain('value="nanako@tomakomai.example"');
    expect((await deps.db.select().from(users).where(eq(users.email, 'nanako@tomakomai.example'))).length).toBe(0);

    const [target] = await deps.db.select({ id: users.id }).from(users).where(eq(users.email, DEMO.policy));
    await admin.get(`/admin/users/${target!.id}`);
    const reset = await admin.post(`/admin/users/${target!.id}/password`, { password: COMMON });
    expect(reset.statusCode).toBe(400);
    expect(reset.body).toContain(COMMON_JA);
    expect(await verifyPassword(await passwordOf(DEMO.policy), DEMO_PASSWORD)).toBe(true);
  });

  it('the emailed reset link: too short, common, then a good one', async () => {
    const [target] = await deps.db.select({ id: users.id }).from(users).where(eq(users.email, DEMO.strategy));
    const token = newToken();
    const now = deps.clock.now();
    await deps.db.insert(passwordResets).values({ userId: target!.id, tokenHash: tokenHash(token), createdAt: now, expiresAt: new Date(now.getTime() + 3_600_000) });
    const visitor = pageBrowser(app);
    await visitor.get(`/password-reset/${token}`);
    const short = await visitor.post(`/password-reset/${token}`, { newPassword: 'short-pw', confirmPassword: 'short-pw' });
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain(SHORT_JA);
    const common = await visitor.post(`/password-reset/${token}`, { newPassword: COMMON, confirmPassword: COMMON });
    expect(common.statusCode).toBe(400);
    expect(common.body).toContain(COMMON_JA);
    const ok = await visitor.post(`/password-reset/${token}`, { newPassword: 'senryaku-new-pass', confirmPassword: 'senryaku-new-pass' });
    expect(ok.statusCode).toBe(303);
    expect(await verifyPassword(await passwordOf(DEMO.strategy), 'senryaku-new-pass')).toBe(true);
  });
});
