import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, DEMO } from '../helpers/client.ts';
import { pageSignIn } from '../helpers/pages.ts';
import { useTestApp } from '../helpers/setup.ts';

let app: FastifyInstance;

beforeAll(async () => {
  ({ app } = await useTestApp({ env: { API_TOKEN_MAX_DAYS: '120' } }));
});

// Only the tokens' table: the account page lists one's sessions in a table of its own.
const rowsOf = (html: string) => html.slice(html.indexOf('id="api-tokens"')).match(/<tr>\s*<th scope="row">[\s\S]*?<\/tr>/g) ?? [];

describe('API tokens on the account page', () => {
  it('creates a token, shows its secret once, lists it, and revokes it with 取り消す', async () => {
    const browser = await pageSignIn(app, DEMO.care);
    const empty = await browser.get('/account');
    expect(empty.body).toContain('APIトークンはまだありません。');
    expect(empty.body).toContain('空欄なら90日。最長120日');

    const created = await browser.post('/account/tokens', { name: '介護集計', expiresInDays: '３０', readOnly: 'on' });
    expect(created.statusCode).toBe(201);
    expect(created.headers['cache-control']).toBe('no-store');
    const secret = /<code class="secret" id="new-token">([^<]+)<\/code>/.exec(created.body)?.[1];
    expect(secret).toBeTruthy();
    expect((await bearer(app, secret!).get('/api/auth/me')).json().email).toBe(DEMO.care);
    expect((await bearer(app, secret!).post('/api/auth/logout')).statusCode).toBe(403);

    const listed = await browser.get('/account');
    expect(listed.body).not.toContain(secret);
    const rows = rowsOf(listed.body);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('介護集計');
    expect(rows[0]).toContain('参照のみ');
    expect(rows[0]).toContain('有効');
    expect(rows[0]).toContain('取り消す');

    const tokenId = /action="\/account\/tokens\/([0-9a-f-]{36})\/revoke"/.exec(listed.body)![1]!;
    const revoked = await browser.post(`/account/tokens/${tokenId}/revoke`);
    expect(revoked.statusCode).toBe(303);
    expect(revoked.headers.location).toBe('/account');
    expect((await bearer(app, secret!).get('/api/auth/me')).statusCode).toBe(401);
    const after = await browser.get('/account');
    expect(after.body).toContain('APIトークンを取り消しました。');
    expect(rowsOf(after.body)[0]).toContain('取り消し済み');
    expect(after.body).not.toContain('/revoke"');
  });

  it('shows problems next to the fields, keeps the input and writes nothing', async () => {
    const browser = await pageSignIn(app, DEMO.children);
    await browser.get('/account');
    const tooLong = await browser.post('/account/tokens', { name: '長期連携', expiresInDays: '121' });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.body).toContain('120 以下で入力してください');
    expect(tooLong.body).toContain('value="長期連携"');
    const noName = await browser.post('/account/tokens', { name: '', expiresInDays: '' });
    expect(noName.statusCode).toBe(400);
    expect(noName.body).toMatch(/id="name-error"/);
    expect(rowsOf((await browser.get('/account')).body)).toHaveLength(0);
  });

  it("refuses without the CSRF token, and another user's token is 404", async () => {
    const owner = await pageSignIn(app, DEMO.employment);
    await owner.get('/account');
    await owner.post('/account/tokens', { name: '雇用統計' });
    const tokenId = /action="\/account\/tokens\/([0-9a-f-]{36})\/revoke"/.exec((await owner.get('/account')).body)![1]!;
    expect((await owner.postRaw(`/account/tokens/${tokenId}/revoke`, {})).statusCode).toBe(403);
    const other = await pageSignIn(app, DEMO.policy);
    await other.get('/account');
    expect((await other.post(`/account/tokens/${tokenId}/revoke`)).statusCode).toBe(404);
    expect((await other.post('/account/tokens/not-a-uuid/revoke')).statusCode).toBe(404);
    expect(rowsOf((await owner.get('/account')).body)[0]).toContain('有効');
  });

  it('speaks English too', async () => {
    const browser = await pageSignIn(app, DEMO.strategy);
    const res = await browser.get('/account?lang=en');
    expect(res.body).toContain('API tokens');
    expect(res.body).toContain('You have no API tokens yet.');
  });
});
