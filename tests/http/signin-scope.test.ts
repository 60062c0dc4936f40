/**
 * Sign-in names the organization (issue 18, item 3): an address is unique within its city only,
 * so two cities may each have it; an unknown organization, an unknown account and a wrong
 * password get the same 401 after the same work (a password hash is always verified); a
 * password-reset request names the organization too. And a password an administrator chose
 * (new user, reset, admin:create) must be changed before anything else.
 */
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { organizations, passwordResets, users } from '../../db/schema/index.ts';
import { createAdmin } from '../../services/users/create-admin.ts';
import { createUser } from '../../services/users/create-user.ts';
import { DEMO_PASSWORD } from '../../services/users/demo-users.ts';
import { anonymous, DEMO, signIn, TEST_ORGANIZATION, type Client } from '../helpers/client.ts';
import { addOtherCity, OTHER_CITY_PASSWORD } from '../helpers/other-city.ts';
import { pageBrowser, pageSignIn } from '../helpers/pages.ts';
import { systemCtx, useTestApp } from '../helpers/setup.ts';

const { app, deps } = await useTestApp();
let admin: Client;
let otherOrgId: string;

const login = (organization: string, email: string, password: string) => app.inject({ method: 'POST', url: '/api/auth/login', payload: { organization, email, password } });
const forget = async () => {
  const keys = await deps.redis.keys(`${deps.config.queuePrefix}:signin-failures:*`);
  if (keys.length) await deps.redis.del(...keys);
};

beforeAll(async () => {
  // The other city has a strategy-office account with the very address of Tomakomai's care clerk.
  ({ organizationId: otherOrgId } = await addOtherCity(deps.db, [{ email: DEMO.care, name: '別市 同じ宛先', role: 'strategy_office' }]));
  admin = await signIn(app, DEMO.admin);
});

describe('an account is its organization’s', () => {
  it('the same address in two cities is two accounts, each reached with its own organization code', async () => {
    const rows = await deps.db.select({ organizationId: users.organizationId }).from(users).where(eq(users.email, DEMO.care));
    expect(rows).toHaveLength(2);
    const mine = await login(TEST_ORGANIZATION, DEMO.care, DEMO_PASSWORD);
    expect(mine.statusCode).toBe(200);
    expect(mine.json().user).toMatchObject({ email: DEMO.care, role: 'department_member' });
    const theirs = await login('othertown', DEMO.care, OTHER_CITY_PASSWORD);
    expect(theirs.statusCode).toBe(200);
    expect(theirs.json().user).toMatchObject({ email: DEMO.care, role: 'strategy_office', organizationId: otherOrgId });
    // One city's password does not open the other city's account.
    expect((await login('othertown', DEMO.care, DEMO_PASSWORD)).statusCode).toBe(401);
    // Codes are read as people type them.
    expect((await login('  TomaKomai ', DEMO.care, DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('an administrator may add an address another city already uses, but not one of their own city twice', async () => {
    const other = await admin.post('/api/admin/users', { email: 'staff@othertown.example', name: '同じ宛先 職員', role: 'strategy_office', password: 'a-long-enough-passphrase' });
    expect(other.statusCode, other.body).toBe(201);
    await createUser({ ctx: systemCtx(deps.db), organizationId: otherOrgId, input: { email: 'only@othertown.example', name: '別市 職員', role: 'strategy_office', password: OTHER_CITY_PASSWORD } });
    const twice = await admin.post('/api/admin/users', { email: DEMO.policy, name: '二重', role: 'strategy_office', password: 'a-long-enough-passphrase' });
    expect(twice.statusCode).toBe(409);
  });

  it('an unknown organization, an unknown account and a wrong password are one answer, after the same work', async () => {
    await forget();
    const cases = { organization: ['nowhere', DEMO.care, DEMO_PASSWORD], account: [TEST_ORGANIZATION, 'nobody@tomakomai.example', DEMO_PASSWORD], password: [TEST_ORGANIZATION, DEMO.care, 'not-the-password'] } as const;
    const answers: Record<string, { status: number; body: unknown; ms: number }[]> = {};
    for (let round = 0; round < 3; round++) {
      for (const [name, [org, email, password]] of Object.entries(cases)) {
        const started = performance.now();
        const res = await login(org, email, password);
        (answers[name] ??= []).push({ status: res.statusCode, body: { ...res.json().error, requestId: undefined }, ms: performance.now() - started });
        expect(res.cookies).toEqual([]);
      }
    }
    const first = answers.password![0]!;
    expect(first.status).toBe(401);
    for (const list of Object.values(answers)) for (const a of list) expect({ status: a.status, body: a.body }).toEqual({ status: first.status, body: first.body });
    expect((first.body as { message: string }).message).toBe('the organization code, email address or password is not correct');
    // An argon2 verification happens either way: an unknown organization or account is not answered faster.
    const median = (name: string) => answers[name]!.map((a) => a.ms).sort((x, y) => x - y)[1]!;
    expect(median('organization')).toBeGreaterThan(median('password') * 0.4);
    expect(median('account')).toBeGreaterThan(median('password') * 0.4);
    await forget();
  });

  it('the organization is required, and named when missing', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: DEMO.care, password: DEMO_PASSWORD } });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json().error)).toContain('organization');
  });

  it('the sign-in page asks for the organization code, starts with the only city’s, then remembers the one used', async () => {
    // Two cities now: the form does not guess.
    const visitor = pageBrowser(app);
    const empty = await visitor.get('/login');
    expect(empty.body).toContain('<label for="organization">団体コード');
    expect(empty.body).toMatch(/id="organization" name="organization" type="text" value=""/);
    const wrong = await visitor.post('/login', { organization: 'nowhere', email: DEMO.care, password: DEMO_PASSWORD });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toContain('団体コード、メールアドレスまたはパスワードが正しくありません。');
    expect(wrong.body).toContain('value="nowhere"');
    const ok = await visitor.post('/login', { organization: 'othertown', email: DEMO.care, password: OTHER_CITY_PASSWORD });
    expect(ok.statusCode).toBe(303);
    expect(ok.cookies.find((c) => c.name === 'cityplan_organization')).toMatchObject({ value: 'othertown', httpOnly: true, path: '/' });
    await visitor.get('/tasks');
    expect((await visitor.post('/logout')).headers.location).toBe('/login');
    expect((await visitor.get('/login')).body).toMatch(/id="organization" name="organization" type="text" value="othertown"/);
    await forget();
  });

  it('a password-reset request names the organization: another city’s address makes no link', async () => {
    const resets = async (organizationId: string) =>
      (await deps.db.select({ id: passwordResets.id }).from(passwordResets).innerJoin(users, eq(users.id, passwordResets.userId)).where(and(eq(users.email, DEMO.care), eq(users.organizationId, organizationId)))).length;
    const [tomakomai] = await deps.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, TEST_ORGANIZATION));
    const visitor = pageBrowser(app);
    const form = await visitor.get('/password-reset');
    expect(form.body).toContain('<label for="organization">団体コード');
    const unknown = await visitor.post('/password-reset', { organization: 'nowhere', email: DEMO.care });
    const known = await visitor.post('/password-reset', { organization: 'othertown', email: DEMO.care });
    expect([unknown.statusCode, known.statusCode]).toEqual([200, 200]);
    expect(unknown.body.replace(/name="_csrf" value="[^"]*"/g, '')).toBe(known.body.replace(/name="_csrf" value="[^"]*"/g, ''));
    expect(await resets(otherOrgId)).toBe(1);
    expect(await resets(tomakomai!.id)).toBe(0);
  });
});

describe('a password an administrator set is changed first', () => {
  it('a new user: the API answers 403 PASSWORD_CHANGE_REQUIRED to all but the password change and sign-out', async () => {
    expect((await admin.post('/api/admin/users', { email: 'new.clerk@tomakomai.example', name: '新人 職員', role: 'strategy_office', password: 'set-by-the-admin-1' })).statusCode).toBe(201);
    const res = await login(TEST_ORGANIZATION, 'new.clerk@tomakomai.example', 'set-by-the-admin-1');
    expect(res.json()).toMatchObject({ mustChangePassword: true });
    const clerk = await signIn(app, 'new.clerk@tomakomai.example', 'set-by-the-admin-1');
    for (const [method, url] of [['get', '/api/plans'], ['get', '/api/auth/me'], ['get', '/api/auth/tokens'], ['post', '/api/auth/tokens']] as const) {
      const refused = await clerk[method](url, { name: 'x' } as never);
      expect(refused.statusCode, url).toBe(403);
      expect(refused.json().error).toMatchObject({ code: 'PASSWORD_CHANGE_REQUIRED' });
      expect(refused.json().error.message).toContain('PUT /api/auth/password');
    }
    // The administrator's own password cannot be "chosen" again.
    const same = await clerk.put('/api/auth/password', { currentPassword: 'set-by-the-admin-1', newPassword: 'set-by-the-admin-1' });
    expect(same.statusCode).toBe(400);
    expect(same.json().error.problems).toMatchObject([{ field: 'body.newPassword', message: 'must differ from the current password' }]);
    expect((await clerk.put('/api/auth/password', { currentPassword: 'set-by-the-admin-1', newPassword: 'my-own-passphrase-1' })).statusCode).toBe(204);
    const after = await login(TEST_ORGANIZATION, 'new.clerk@tomakomai.example', 'my-own-passphrase-1');
    expect(after.json()).toMatchObject({ mustChangePassword: false });
    const free = await signIn(app, 'new.clerk@tomakomai.example', 'my-own-passphrase-1');
    expect((await free.get('/api/plans')).statusCode).toBe(200);
  });

  it('sign-out is answered while the change is pending', async () => {
    const [row] = await deps.db.select({ id: users.id }).from(users).where(eq(users.email, DEMO.children));
    expect((await admin.put(`/api/admin/users/${row!.id}/password`, { password: 'reset-by-the-admin-2' })).statusCode).toBe(204);
    const clerk = await signIn(app, DEMO.children, 'reset-by-the-admin-2');
    expect((await clerk.get('/api/plans')).statusCode).toBe(403);
    expect((await clerk.post('/api/auth/logout', {})).statusCode).toBe(204);
    expect((await clerk.get('/api/plans')).statusCode).toBe(401);
  });

  it('the pages send the user to the change-password page, and the change frees them', async () => {
    const [row] = await deps.db.select({ id: users.id }).from(users).where(eq(users.email, DEMO.employment));
    expect((await admin.put(`/api/admin/users/${row!.id}/password`, { password: 'reset-by-the-admin-3' })).statusCode).toBe(204);
    const visitor = pageBrowser(app);
    await visitor.get('/login');
    const signedIn = await visitor.post('/login', { organization: TEST_ORGANIZATION, email: DEMO.employment, password: 'reset-by-the-admin-3' });
    expect(signedIn.headers.location).toBe('/account/password');
    for (const url of ['/tasks', '/account', '/proposals', '/admin']) {
      const res = await visitor.get(url);
      expect(res.statusCode, url).toBe(303);
      expect(res.headers.location, url).toBe('/account/password');
    }
    const page = await visitor.get('/account/password');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('パスワードの変更が必要です');
    expect(page.body).not.toContain('href="/tasks"');
    // A form elsewhere is not taken either.
    expect((await visitor.post('/account/tokens', { name: 'sneaky' })).headers.location).toBe('/account/password');
    const mismatch = await visitor.post('/account/password', { currentPassword: 'reset-by-the-admin-3', newPassword: 'my-own-passphrase-3', confirmPassword: 'other' });
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.body).toContain('パスワードの変更が必要です');
    const changed = await visitor.post('/account/password', { currentPassword: 'reset-by-the-admin-3', newPassword: 'my-own-passphrase-3', confirmPassword: 'my-own-passphrase-3' });
    expect(changed.headers.location).toBe('/login');
    const again = await pageSignIn(app, DEMO.employment, 'my-own-passphrase-3');
    expect((await again.get('/tasks')).statusCode).toBe(200);
    const plain = await again.get('/account/password');
    expect(plain.statusCode).toBe(200);
    expect(plain.body).not.toContain('パスワードの変更が必要です');
  });

  it('an administrator created on the command line chooses their own password at the first sign-in', async () => {
    await createAdmin({ ctx: systemCtx(deps.db), input: { email: 'first.admin@tomakomai.example', name: '最初 管理者', password: 'chosen-at-the-console', organizationCode: TEST_ORGANIZATION } });
    const res = await login(TEST_ORGANIZATION, 'first.admin@tomakomai.example', 'chosen-at-the-console');
    expect(res.json()).toMatchObject({ mustChangePassword: true });
    // Demo and seeded accounts are not held back.
    expect((await login(TEST_ORGANIZATION, DEMO.strategy, DEMO_PASSWORD)).json()).toMatchObject({ mustChangePassword: false });
    expect((await anonymous(app).get('/api/plans')).statusCode).toBe(401);
  });
});
