/**
 * Withdrawing a year of the citizens' page: the strategy office only, with a reason; the year
 * is gone from the public page and its open data, the record says who and why, a stale or
 * concurrent withdrawal is a 409 that changes nothing; and the same through the pages' form.
 */
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { decisionLog, publicationWithdrawals, users } from '../../db/schema/index.ts';
import { parseCsv } from '../reports/helpers.ts';
import { anonymous, DEMO, signIn, type Client } from '../helpers/client.ts';
import { pageSignIn, type PageClient } from '../helpers/pages.ts';
import { useTestApp } from '../helpers/setup.ts';
import { publishYear } from '../helpers/publish.ts';

const { app, deps } = await useTestApp();
let office: Client, employment: Client, citizen: Client;
let officePages: PageClient, employmentPages: PageClient;
let planId: string;
let page: string;

const fieldError = (html: string, id: string) => new RegExp(`id="${id}-error"><span aria-hidden="true">！</span>([^<]*)<`).exec(html)?.[1] ?? null;
const withdrawals = () => deps.db.select().from(publicationWithdrawals).where(eq(publicationWithdrawals.planId, planId));
const officeUser = async () => (await deps.db.select().from(users).where(eq(users.name, '戦略 太郎')))[0];
const withdraw = (client: Client, fiscalYear: number, body: unknown) => client.post(`/api/plans/${planId}/publications/${fiscalYear}/withdrawal`, body);

beforeAll(async () => {
  [office, employment] = await Promise.all([signIn(app, DEMO.strategy), signIn(app, DEMO.employment)]);
  citizen = anonymous(app);
  planId = (await office.get('/api/plans')).json().items[0].id;
  page = `/public/plans/${planId}/progress`;
  for (const fiscalYear of [2021, 2022]) expect((await publishYear(office, planId, fiscalYear)).statusCode).toBe(201);
  [officePages, employmentPages] = await Promise.all([pageSignIn(app, DEMO.strategy), pageSignIn(app, DEMO.employment)]);
});

describe('withdrawing through the API', () => {
  it('is refused to a department, and without a reason, writing nothing', async () => {
    expect((await withdraw(employment, 2021, { reason: '誤りがあったため', expectedVersion: 1 })).statusCode).toBe(403);
    expect((await withdraw(office, 2021, { reason: '', expectedVersion: 1 })).statusCode).toBe(400);
    const blank = await withdraw(office, 2021, { reason: '   ', expectedVersion: 1 });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().error.problems).toMatchObject([{ field: 'body.reason', message: 'must not be empty' }]);
    expect((await withdraw(office, 2019, { reason: '誤り', expectedVersion: 1 })).statusCode).toBe(404);
    expect(await withdrawals()).toEqual([]);
    expect((await citizen.get(`${page}/2021`)).statusCode).toBe(200);
  });

  it('is a 409 against a version that is no longer the latest', async () => {
    expect((await publishYear(office, planId, 2021)).json().version).toBe(2);
    const stale = await withdraw(office, 2021, { reason: '誤りがあったため', expectedVersion: 1 });
    expect(stale.statusCode).toBe(409);
    expect(await withdrawals()).toEqual([]);
  });

  it('takes the year off the public page and its open data, and records who and why', async () => {
    const res = await withdraw(office, 2021, { reason: '実績値に誤りがあったため', expectedVersion: 2 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ fiscalYear: 2021, upToVersion: 2, withdrawnByName: '戦略 太郎', reason: '実績値に誤りがあったため' });
    for (const url of [`${page}/2021`, `${page}/2021/open-data.json`, `${page}/2021/open-data.csv`]) expect((await citizen.get(url)).statusCode, url).toBe(404);
    // The other year stays, and the latest page no longer links the withdrawn one.
    const latest = await citizen.get(page);
    expect(latest.statusCode).toBe(200);
    expect(latest.body).toContain('（令和4年度）</h1>');
    expect(latest.body).not.toContain(`${page}/2021`);
    const listed = (await office.get(`/api/plans/${planId}/publications`)).json().items.filter((p: { fiscalYear: number }) => p.fiscalYear === 2021);
    expect(listed).toHaveLength(2);
    for (const p of listed) expect(p).toMatchObject({ withdrawnByName: '戦略 太郎', withdrawalReason: '実績値に誤りがあったため' });
    expect(typeof listed[0].withdrawnAt).toBe('string');
    // Already withdrawn: a second try is a conflict, not a second record.
    expect((await withdraw(office, 2021, { reason: 'もう一度', expectedVersion: 2 })).statusCode).toBe(409);
  });

  it('is a decision_log row written with it (who, when, why), shown on the log page, its CSV and the committee packet', async () => {
    const [withdrawal] = (await withdrawals()).filter((w) => w.fiscalYear === 2021);
    const rows = await deps.db.select().from(decisionLog).where(and(eq(decisionLog.planId, planId), eq(decisionLog.marker, 'publication_withdrawn')));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ fiscalYear: 2021, subjectType: 'publication', subjectId: planId, rationale: '実績値に誤りがあったため', source: 'review' });
    // The same moment as the withdrawal: one transaction.
    expect(rows[0]!.decidedAt!.getTime()).toBe(withdrawal!.withdrawnAt.getTime());
    const office = (await officeUser())!;
    expect(rows[0]!.decidedBy).toBe(office.id);

    const log = (await employmentPages.get(`/plans/${planId}/decisions`)).body;
    const row = log.slice(log.indexOf('公開の取り下げ'));
    expect(row).toContain('令和3年度');
    expect(row).toContain('市民向け公開ページ: 公開 → 取り下げ');
    expect(row).toContain('実績値に誤りがあったため');
    expect(row).toContain('戦略 太郎');
    // Its own kind in the filter; a revision marker or another year leaves it out.
    expect((await employmentPages.get(`/plans/${planId}/decisions?marker=publication_withdrawn`)).body).toContain('実績値に誤りがあったため');
    expect((await employmentPages.get(`/plans/${planId}/decisions?marker=kpi_changed`)).body).not.toContain('実績値に誤りがあったため');
    expect((await employmentPages.get(`/plans/${planId}/decisions?fiscalYear=2022`)).body).not.toContain('実績値に誤りがあったため');

    const csv = parseCsv((await employmentPages.get(`/plans/${planId}/decisions.csv`)).body.replace(/^\uFEFF/, ''));
    const line = csv.find((r) => r.includes('実績値に誤りがあったため'))!;
    expect(line).toEqual([String(rows[0]!.id), '令和3年度', '公開の取り下げ', '令和3年度', '市民向け公開ページ: 公開 → 取り下げ', '実績値に誤りがあったため', '戦略 太郎', expect.stringMatching(/^令和\d+年\d+月\d+日（.） \d\d:\d\d$/), '効果検証']);

    const packet = await officePages.get(`/reports/plans/${planId}/committee-packet?fiscalYear=2021`);
    expect(packet.statusCode, packet.body.slice(0, 300)).toBe(200);
    const section = packet.body.slice(packet.body.indexOf('<h3>市民向け公開ページの取り下げ</h3>'));
    expect(section).toContain('市民向け公開ページ（令和3年度）');
    expect(section).toContain('実績値に誤りがあったため');
    expect(section).toContain('戦略 太郎');
    // Another year's packet does not carry it.
    expect((await officePages.get(`/reports/plans/${planId}/committee-packet?fiscalYear=2022`)).body).not.toContain('実績値に誤りがあったため');
  });

  it('writes no decision row when the withdrawal is refused', async () => {
    const count = async () => (await deps.db.select().from(decisionLog).where(eq(decisionLog.marker, 'publication_withdrawn'))).length;
    const before = await count();
    expect((await withdraw(office, 2021, { reason: 'もう一度', expectedVersion: 2 })).statusCode).toBe(409);
    expect((await withdraw(employment, 2022, { reason: '誤り', expectedVersion: 1 })).statusCode).toBe(403);
    expect(await count()).toBe(before);
  });

  it('lets one of two concurrent withdrawals win; the other is a 409', async () => {
    expect((await publishYear(office, planId, 2021)).json().version).toBe(3);
    expect((await citizen.get(`${page}/2021`)).statusCode).toBe(200);
    const results = await Promise.all(['理由A', '理由B'].map((reason) => withdraw(office, 2021, { reason, expectedVersion: 3 })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const v3 = (await withdrawals()).filter((w) => w.fiscalYear === 2021 && w.upToVersion === 3);
    expect(v3).toHaveLength(1);
    expect(results.find((r) => r.statusCode === 200)!.json().reason).toBe(v3[0]!.reason);
    expect((await citizen.get(`${page}/2021`)).statusCode).toBe(404);
  });
});

describe('withdrawing from the pages', () => {
  it('asks for a reason after saying what will happen, then shows who withdrew it and why', async () => {
    const list = await officePages.get(`/plans/${planId}/publications`);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`href="/plans/${planId}/publications/2022/withdraw"`);
    expect(list.body).not.toContain(`href="/plans/${planId}/publications/2021/withdraw"`);
    const confirm = await officePages.get(`/plans/${planId}/publications/2022/withdraw`);
    expect(confirm.body).toContain('市民向けページとオープンデータ（JSON・CSV）から、この年度が消えます。');
    const empty = await officePages.post(`/plans/${planId}/publications/2022/withdraw`, { reason: '', expectedVersion: '1' });
    expect(empty.statusCode).toBe(400);
    expect(fieldError(empty.body, 'reason')).toBe('入力してください（必須項目です）');
    expect((await citizen.get(`${page}/2022`)).statusCode).toBe(200);
    const done = await officePages.post(`/plans/${planId}/publications/2022/withdraw`, { reason: '公表前の数値だったため', expectedVersion: '1' });
    expect(done.statusCode).toBe(303);
    const after = await officePages.get(done.headers.location as string);
    expect(after.body).toContain('公開を取り下げました。');
    expect(after.body).toContain('公表前の数値だったため');
    expect((await citizen.get(`${page}/2022`)).statusCode).toBe(404);
    // Nothing is published any more: the latest page is gone too.
    expect((await citizen.get(page)).statusCode).toBe(404);
  });

  it('offers a department the list only; its withdrawal page does not exist for it', async () => {
    expect((await publishYear(office, planId, 2023)).statusCode).toBe(201);
    const list = await employmentPages.get(`/plans/${planId}/publications`);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('第1版を公開中');
    expect(list.body).not.toContain('/withdraw"');
    expect(list.body).not.toContain('progress-preview');
    expect((await employmentPages.get(`/plans/${planId}/publications/2023/withdraw`)).statusCode).toBe(404);
    const before = (await withdrawals()).length;
    // Refused by the verb, then answered like the page it cannot see.
    expect((await employmentPages.post(`/plans/${planId}/publications/2023/withdraw`, { reason: '誤り', expectedVersion: '1' })).statusCode).toBe(404);
    expect(await withdrawals()).toHaveLength(before);
    expect((await citizen.get(`${page}/2023`)).statusCode).toBe(200);
  });
});
