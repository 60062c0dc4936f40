/**
 * Forms: a missing or wrong CSRF token is refused with 403 and writes nothing; a wrong figure is
 * named next to its field in Japanese (or English when switched), the user's input kept; the
 * security headers are on every page and only on pages.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO, signIn, TEST_ORGANIZATION } from '../helpers/client.ts';
import { pageBrowser, pageSignIn, type PageClient } from '../helpers/pages.ts';
import { useTestApp } from '../helpers/setup.ts';

const { app, deps } = await useTestApp();
let clerk: PageClient;
let taskId: string;
const submissions = async () => (await deps.database.sql`select count(*)::int as n from task_submissions`)[0]!.n as number;

/** The text of the field error shown next to the input named `name`, if any. */
function errorNextTo(html: string, name: string): string | null {
  const input = new RegExp(`name="${name.replace(/[[\].]/g, (c) => `\\${c}`)}"[^>]*aria-describedby="([^"]+)"`).exec(html);
  if (!input) return null;
  const error = new RegExp(`id="${input[1]}"><span aria-hidden="true">！</span>([^<]*)<`).exec(html);
  return error?.[1] ?? null;
}

beforeAll(async () => {
  const so = await signIn(app, DEMO.strategy);
  const planId = (await so.get('/api/plans')).json().items[0].id;
  await so.post(`/api/plans/${planId}/review-cycles`, { fiscalYear: 2024, measureNumbers: [12], dueDate: '2099-06-30' });
  const policy = await signIn(app, DEMO.policy);
  // とまこまい縁結びサポート助成事業: 婚姻率 (%) and とましん結婚相談所登録者の結婚数 (組, cumulative)
  taskId = (await policy.get('/api/tasks?fiscalYear=2024')).json().items.find((t: { projectName: string }) => t.projectName === 'とまこまい縁結びサポート助成事業').id;
  clerk = await pageSignIn(app, DEMO.policy);
  await clerk.get(`/tasks/${taskId}`);
});

describe('CSRF', () => {
  it('refuses a form without a token: 403, nothing written', async () => {
    const before = await submissions();
    const res = await clerk.postRaw(`/tasks/${taskId}/submit`, { 'values[0].value': '5', 'values[1].value': '5' });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('送信を受け付けられませんでした');
    expect(await submissions()).toBe(before);
  });

  it('refuses a wrong token and a token of another session', async () => {
    const before = await submissions();
    expect((await clerk.postRaw(`/tasks/${taskId}/submit`, { _csrf: 'forged', 'values[0].value': '5', 'values[1].value': '5' })).statusCode).toBe(403);
    const other = await pageSignIn(app, DEMO.policy);
    const otherToken = /name="_csrf" value="([^"]+)"/.exec((await other.get('/tasks')).body)![1]!;
    expect((await clerk.postRaw(`/tasks/${taskId}/submit`, { _csrf: otherToken, 'values[0].value': '5', 'values[1].value': '5' })).statusCode).toBe(403);
    expect(await submissions()).toBe(before);
  });

  it('guards the login form too: no token, no session', async () => {
    const visitor = pageBrowser(app);
    const sessions = async () => (await deps.database.sql`select count(*)::int as n from sessions`)[0]!.n as number;
    const before = await sessions();
    const res = await visitor.postRaw('/login', { organization: TEST_ORGANIZATION, email: DEMO.policy, password: 'tomakomai-demo' });
    expect(res.statusCode).toBe(403);
    expect(await sessions()).toBe(before);
  });

  it('guards logout: a forged logout does not end the session', async () => {
    expect((await clerk.postRaw('/logout', {})).statusCode).toBe(403);
    expect((await clerk.get('/tasks')).statusCode).toBe(200);
  });
});

describe('validation', () => {
  it('names each wrong figure next to its field in Japanese and keeps what was typed', async () => {
    const before = await submissions();
    const res = await clerk.post(`/tasks/${taskId}/submit`, { 'values[0].value': '150', 'values[1].value': '12', comment: '令和6年度分' });
    expect(res.statusCode).toBe(400);
    expect(errorNextTo(res.body, 'values[0].value')).toBe('「婚姻率」の実績値：割合（%）は 0 から 100 の範囲で入力してください');
    expect(errorNextTo(res.body, 'values[1].value')).toBeNull();
    expect(res.body).toMatch(/name="values\[1\]\.value"[^>]*value="12"/);
    expect(res.body).toContain('令和6年度分</textarea>');
    expect(await submissions()).toBe(before);
  });

  it('says "a number" for text, and asks for the reason of a cancellation', async () => {
    const res = await clerk.post(`/tasks/${taskId}/submit`, { 'values[0].value': 'たくさん', 'values[1].cancelled': 'on' });
    expect(res.statusCode).toBe(400);
    expect(errorNextTo(res.body, 'values[0].value')).toBe('「婚姻率」の実績値：数値で入力してください');
    expect(errorNextTo(res.body, 'values[1].cancelledReason')).toBe('「とましん結婚相談所登録者の結婚数」の中止の理由：中止にした場合は記入してください（必須）');
  });

  it('says a missing figure is missing, with the KPI named', async () => {
    const res = await clerk.post(`/tasks/${taskId}/submit`, { 'values[0].value': '5' });
    expect(res.statusCode).toBe(400);
    expect(errorNextTo(res.body, 'values[1].value')).toBe('「とましん結婚相談所登録者の結婚数」の実績値：入力するか、中止の理由を記入してください');
  });

  it('speaks English after the language switch', async () => {
    const english = await pageSignIn(app, DEMO.policy);
    await english.get(`/tasks/${taskId}?lang=en`);
    const res = await english.post(`/tasks/${taskId}/submit`, { 'values[0].value': 'lots', 'values[1].value': '12' });
    expect(res.statusCode).toBe(400);
    expect(errorNextTo(res.body, 'values[0].value')).toBe('婚姻率, value: must be a number');
    expect(res.body).toContain('<html lang="en">');
  });

  it('takes figures as people type them (full-width digits, separators) and redirects with a message', async () => {
    const res = await clerk.post(`/tasks/${taskId}/submit`, { 'values[0].value': '５．２', 'values[1].value': '1,2' });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(303);
    expect(res.headers.location).toBe(`/tasks/${taskId}`);
    const page = await clerk.get(`/tasks/${taskId}`);
    expect(page.body).toContain('実績値を提出しました。');
    expect(page.body).toContain('5.2%');
    // The message is shown once.
    expect((await clerk.get(`/tasks/${taskId}`)).body).not.toContain('実績値を提出しました。');
  });
});

describe('security headers', () => {
  it('sends a strict CSP and friends on pages, and does not cache them', async () => {
    const res = await clerk.get('/tasks');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('has no inline script or style on any page', async () => {
    for (const url of ['/tasks', `/tasks/${taskId}`, '/proposals', '/account']) {
      const html = (await clerk.get(url)).body;
      expect(html, url).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(html, url).not.toMatch(/\sstyle="/);
      expect(html, url).not.toMatch(/\son[a-z]+="/);
    }
  });
});
