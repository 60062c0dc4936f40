/**
 * Signing in and out through the pages: the session is revoked on the server at logout and
 * expires on time; login is rate limited; `next` never leads off the site; a password change
 * and an administrator's reset end the user's sessions.
 */
import { describe, expect, it } from 'vitest';
import { DEMO, TEST_ORGANIZATION } from '../helpers/client.ts';
import { manualClock } from '../helpers/clock.ts';
import { pageBrowser, pageSignIn } from '../helpers/pages.ts';
import { useTestApp } from '../helpers/setup.ts';

const clock = manualClock(new Date(Date.now() + 86_400_000).toISOString());
const { app } = await useTestApp({ clock, env: { SESSION_TTL_HOURS: '2', SESSION_IDLE_MINUTES: '1440' } });

describe('sessions', () => {
  it('logout revokes the session on the server: the old cookie opens nothing', async () => {
    const clerk = await pageSignIn(app, DEMO.policy);
    const cookie = clerk.cookies();
    const res = await clerk.post('/logout');
    expect(res.headers.location).toBe('/login');
    const replay = await app.inject({ url: '/tasks', headers: { cookie } });
    expect(replay.statusCode).toBe(302);
    expect(replay.headers.location).toBe('/login?next=%2Ftasks');
  });

  it('a session expires after its lifetime', async () => {
    const clerk = await pageSignIn(app, DEMO.policy);
    clock.advanceDays(1 / 24);
    expect((await clerk.get('/tasks')).statusCode).toBe(200);
    clock.advanceDays(2 / 24);
    expect((await clerk.get('/tasks')).statusCode).toBe(302);
  });

  it('a wrong password is said plainly, and the email stays filled in', async () => {
    const visitor = pageBrowser(app);
    await visitor.get('/login');
    const res = await visitor.post('/login', { organization: TEST_ORGANIZATION, email: DEMO.care, password: 'wrong-password' });
    expect(res.statusCode).toBe(401);
    expect(res.body).toContain('メールアドレスまたはパスワードが正しくありません。');
    expect(res.body).toContain(`value="${DEMO.care}"`);
  });

  it('goes back to the page asked for, but never to another site', async () => {
    for (const [next, expected] of [['/proposals', '/proposals'], ['//evil.example/x', '/tasks'], ['/\\evil.example', '/tasks'], ['https://evil.example', '/tasks']]) {
      const visitor = pageBrowser(app);
      await visitor.get(`/login?next=${encodeURIComponent(next!)}`);
      const res = await visitor.post('/login', { organization: TEST_ORGANIZATION, email: DEMO.children, password: 'tomakomai-demo', next: next! });
      expect(res.headers.location, next).toBe(expected);
    }
  });

  it('limits login attempts per address and account, in Japanese', async () => {
    const visitor = pageBrowser(app);
    await visitor.get('/login');
    const statuses = [];
    for (let i = 0; i < 11; i++) statuses.push((await visitor.post('/login', { organization: TEST_ORGANIZATION, email: 'guess@tomakomai.example', password: `try-${i}` })).statusCode);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    const limited = await visitor.post('/login', { organization: TEST_ORGANIZATION, email: 'guess@tomakomai.example', password: 'again' });
    expect(limited.statusCode).toBe(429);
    expect(limited.body).toContain('ログインの試行回数が上限に達しました');
  });
});

describe('passwords', () => {
  it('a user changes their password; a mismatch or a short one is named next to the field', async () => {
    const user = await pageSignIn(app, DEMO.children);
    await user.get('/account');
    const mismatch = await user.post('/account/password', { currentPassword: 'tomakomai-demo', newPassword: 'a-new-password-1', confirmPassword: 'another-one-123' });
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.body).toContain('確認用のパスワードが一致しません');
    const short = await user.post('/account/password', { currentPassword: 'tomakomai-demo', newPassword: 'short', confirmPassword: 'short' });
    expect(short.body).toContain('12文字以上で入力してください');
    const wrong = await user.post('/account/password', { currentPassword: 'not-it', newPassword: 'a-new-password-1', confirmPassword: 'a-new-password-1' });
    expect(wrong.body).toContain('正しくありません');
    const done = await user.post('/account/password', { currentPassword: 'tomakomai-demo', newPassword: 'a-new-password-1', confirmPassword: 'a-new-password-1' });
    expect(done.headers.location).toBe('/login');
    expect((await user.get('/tasks')).statusCode).toBe(302);
    await pageSignIn(app, DEMO.children, 'a-new-password-1');
  });

  it('an administrator adds a user and resets a password; the user’s sessions end', async () => {
    const admin = await pageSignIn(app, DEMO.admin);
    await admin.get('/admin/users');
    const bad = await admin.post('/admin/users', { name: '新人 五郎', email: 'not-an-email', role: 'department_member', password: 'short', locale: 'ja' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('メールアドレスの形式が正しくありません');
    const taken = await admin.post('/admin/users', { name: '重複', email: DEMO.care, role: 'strategy_office', password: 'long-enough-pw', locale: 'ja' });
    expect(taken.statusCode).toBe(409);
    expect(taken.body).toContain('このメールアドレスは既に登録されています');
    const noDept = await admin.post('/admin/users', { name: '新人 五郎', email: 'goro@tomakomai.example', role: 'department_member', password: 'long-enough-pw', locale: 'ja' });
    expect(noDept.body).toContain('担当課職員には所属課の指定が必要です');
    const created = await admin.post('/admin/users', { name: '新人 五郎', email: 'goro@tomakomai.example', role: 'strategy_office', password: 'long-enough-pw', locale: 'ja' });
    expect(created.statusCode).toBe(303);

    const goro = await pageSignIn(app, 'goro@tomakomai.example', 'long-enough-pw');
    const list = (await admin.get('/admin/users')).body;
    const goroId = new RegExp(`/admin/users/([0-9a-f-]{36})">[^<]*<span class="visually-hidden">: 新人 五郎`).exec(list)![1]!;
    await admin.get(`/admin/users/${goroId}`);
    expect((await admin.post(`/admin/users/${goroId}/password`, { password: 'reset-password-2' })).statusCode).toBe(303);
    expect((await goro.get('/tasks')).statusCode).toBe(302);
    await pageSignIn(app, 'goro@tomakomai.example', 'reset-password-2');
  });
});
