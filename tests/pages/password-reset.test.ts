/**
 * "Forgot my password" end to end, over the real SMTP server: ask, read the email, follow the
 * link, set the password, sign in with it. The link works once and expires; an unknown address
 * gets the same page and no email; every session and API token of the user ends.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emails, passwordResets, users } from '../../db/schema/index.ts';
import { bearer, DEMO, signIn, TEST_ORGANIZATION } from '../helpers/client.ts';
import { manualClock } from '../helpers/clock.ts';
import { pageBrowser, pageSignIn } from '../helpers/pages.ts';
import { useTestApp } from '../helpers/setup.ts';
import { startSmtpSink } from '../helpers/smtp.ts';
import { useWorker, waitForIdle } from '../helpers/worker.ts';

const clock = manualClock(new Date().toISOString());
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let app: Awaited<ReturnType<typeof useTestApp>>['app'];
let deps: Awaited<ReturnType<typeof useTestApp>>['deps'];
let worker: Awaited<ReturnType<typeof useWorker>>;

beforeAll(async () => {
  smtp = await startSmtpSink();
  ({ app, deps } = await useTestApp({ clock, env: { SMTP_URL: smtp.url, PUBLIC_URL: 'http://cityplan.test' } }));
  worker = await useWorker(deps);
});
afterAll(() => smtp?.stop());

const LINK = /http:\/\/cityplan\.test\/password-reset\/([A-Za-z0-9_-]+)/;

/** Asks for a link through the pages and returns the page's answer. */
async function ask(email: string) {
  const visitor = pageBrowser(app);
  const form = await visitor.get('/password-reset');
  expect(form.statusCode).toBe(200);
  return visitor.post('/password-reset', { organization: TEST_ORGANIZATION, email });
}

async function linkFor(address: string) {
  await waitForIdle(worker);
  const mails = smtp.received.filter((m) => m.to.includes(address));
  const text = mails.at(-1)?.text ?? '';
  return { mails, path: `/password-reset/${LINK.exec(text)?.[1]}`, token: LINK.exec(text)?.[1] ?? '' };
}

const answerOf = (html: string) => html.replace(/name="_csrf" value="[^"]*"/g, '');

describe('forgot my password', () => {
  it('is offered on the login page', async () => {
    const login = await pageBrowser(app).get('/login');
    expect(login.body).toContain('<a href="/password-reset">パスワードをお忘れの方</a>');
  });

  it('emails a link that sets a new password once, ending every session and API token', async () => {
    const before = await signIn(app, DEMO.care);
    const token = (await before.post('/api/auth/tokens', { name: '集計システム' })).json().token as string;

    const answer = await ask('  KAIGO@tomakomai.example ');
    expect(answer.statusCode).toBe(200);
    expect(answer.body).toContain('パスワード再設定用のリンクをお送りしました');
    const { mails, path, token: secret } = await linkFor(DEMO.care);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('【総合戦略】パスワード再設定のご案内');
    expect(mails[0]!.text).toContain('介護 次郎 様');
    expect(mails[0]!.text).toContain('60分間、1回だけ使えます');
    // Only the token's hash is kept.
    const stored = await deps.db.select().from(passwordResets);
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(secret);
    // Nor does the stored copy of the sent email (administrators can read those).
    const [copy] = await deps.db.select().from(emails).where(eq(emails.template, 'password-reset'));
    expect(copy!.status).toBe('sent');
    expect(copy!.text).toContain('/password-reset/…');
    expect(copy!.text + copy!.html).not.toContain(secret);

    const browser = pageBrowser(app);
    const form = await browser.get(path);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('新しいパスワードの設定');
    const mismatch = await browser.post(path, { newPassword: 'kaigo-new-password', confirmPassword: 'something-else-1' });
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.body).toContain('確認用のパスワードが一致しません');
    const short = await browser.post(path, { newPassword: 'short-one', confirmPassword: 'short-one' });
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain('12文字以上で入力してください');
    const done = await browser.post(path, { newPassword: 'kaigo-new-password', confirmPassword: 'kaigo-new-password' });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/login');

    expect((await before.get('/api/auth/me')).statusCode).toBe(401);
    expect((await bearer(app, token).get('/api/auth/me')).statusCode).toBe(401);
    await expect(pageSignIn(app, DEMO.care)).rejects.toThrow('failed: 401');
    const signedIn = await pageSignIn(app, DEMO.care, 'kaigo-new-password');
    expect((await signedIn.get('/tasks')).statusCode).toBe(200);

    // Used once: the link is refused, and the password stays.
    const reuse = pageBrowser(app);
    const again = await reuse.get(path);
    expect(again.statusCode).toBe(410);
    expect(again.body).toContain('このリンクは使えません');
    await reuse.get('/password-reset'); // a page with a form, for a valid CSRF token
    expect((await reuse.post(path, { newPassword: 'attacker-password', confirmPassword: 'attacker-password' })).statusCode).toBe(410);
    await pageSignIn(app, DEMO.care, 'kaigo-new-password');
  });

  it('refuses a link older than 60 minutes', async () => {
    await ask(DEMO.employment);
    const { path } = await linkFor(DEMO.employment);
    clock.advanceDays(61 / 1440);
    const browser = pageBrowser(app);
    expect((await browser.get(path)).statusCode).toBe(410);
    await browser.get('/password-reset');
    expect((await browser.post(path, { newPassword: 'too-late-password', confirmPassword: 'too-late-password' })).statusCode).toBe(410);
    await pageSignIn(app, DEMO.employment);
  });

  it('answers an unknown address with the same page and sends nothing', async () => {
    const known = await ask(DEMO.children);
    const unknown = await ask('nobody@tomakomai.example');
    expect(unknown.statusCode).toBe(known.statusCode);
    expect(answerOf(unknown.body)).toBe(answerOf(known.body));
    await waitForIdle(worker);
    expect(smtp.received.filter((m) => m.to.includes('nobody@tomakomai.example'))).toEqual([]);
    expect(await deps.db.select().from(emails).where(eq(emails.template, 'password-reset'))).toHaveLength(3);
  });

  it('limits requests per address and account', async () => {
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await ask('limit@tomakomai.example')).statusCode);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it('writes in English to a user who reads English', async () => {
    await deps.db.update(users).set({ locale: 'en' }).where(eq(users.email, DEMO.policy));
    await ask(DEMO.policy);
    const { mails, token } = await linkFor(DEMO.policy);
    expect(mails[0]!.subject).toBe('[Strategy] Resetting your password');
    expect(mails[0]!.text).toContain('The link works once, for 60 minutes.');
    expect(token).not.toBe('');
  });
});

describe('a new install', () => {
  let empty: typeof app;
  beforeAll(async () => {
    ({ app: empty } = await useTestApp({ seeded: false }));
  });

  it('says on the login page how to create the first administrator', async () => {
    const login = await pageBrowser(empty).get('/login');
    expect(login.body).toContain('npm run admin:create');
    expect((await pageBrowser(app).get('/login')).body).not.toContain('npm run admin:create');
  });
});
