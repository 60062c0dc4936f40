/**
 * Free text written by departments reaches citizens only as the strategy office saw it at
 * publication (issue 18, item 6): the publish step lists the texts (API and page), publishing
 * without naming them or after one changed is refused, the publication records each text by
 * its SHA-256, and a text changed after publishing stays off the public page and the open
 * data until the next publication.
 */
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { kpis, kpiValues, publications } from '../../db/schema/index.ts';
import { anonymous, DEMO, signIn, type Client } from '../helpers/client.ts';
import { pageSignIn, type PageClient } from '../helpers/pages.ts';
import { useTestApp } from '../helpers/setup.ts';
import { planIdOf } from './helpers.ts';

const { app, deps } = await useTestApp();
let so: Client, employment: Client;
let officePages: PageClient;
let planId: string;
const FIRST = '新型コロナウイルス感染症の影響により事業を中止したため';
const SECOND = '<script>alert(1)</script> 公開後に書き換えた文章';
const sha = (text: string) => createHash('sha256').update(text).digest('hex');

async function writeReason(reason: string) {
  const [kpi] = await deps.db.select().from(kpis).where(eq(kpis.code, 'm01-p01-k1'));
  await deps.db.insert(kpiValues).values({ kpiId: kpi!.id, kind: 'actual', fiscalYear: 2021, value: 0, cumulative: true, cancelledReason: reason, provenance: 'review' });
}
const texts = (client: Client, fiscalYear = 2021) => client.get(`/api/plans/${planId}/publications/${fiscalYear}/texts`);
const publish = (body: Record<string, unknown>) => so.post(`/api/plans/${planId}/publications`, body);
const publicPage = () => anonymous(app).get(`/public/plans/${planId}/progress/2021`);
const openData = () => anonymous(app).get(`/public/plans/${planId}/progress/2021/open-data.json`);

beforeAll(async () => {
  [so, employment] = await Promise.all([signIn(app, DEMO.strategy), signIn(app, DEMO.employment)]);
  planId = await planIdOf(so);
  officePages = await pageSignIn(app, DEMO.strategy);
});

describe('the free texts before publishing', () => {
  it('a year without any needs no review', async () => {
    const none = (await texts(so, 2022)).json();
    expect(none.texts).toEqual([]);
    const res = await publish({ fiscalYear: 2022 });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().reviewedTexts).toEqual([]);
  });

  it('are listed for the strategy office only', async () => {
    await writeReason(FIRST);
    expect((await texts(employment)).statusCode).toBe(403);
    const list = (await texts(so)).json();
    // The year also carries the reasons printed in the plan; each is listed alike.
    expect(list.texts.filter((t: { code: string }) => t.code === 'm01-p01-k1')).toEqual([{ code: 'm01-p01-k1', field: 'note', sha256: sha(FIRST), name: expect.any(String), goalNumber: 1, measureLabel: '施策①', text: FIRST }]);
    for (const t of list.texts) expect(t.sha256).toBe(sha(t.text));
    expect(list.reviewedTexts).toMatch(/^[0-9a-f]{64}$/);
  });

  it('publishing without naming the reviewed texts, or with a stale list, is refused and writes nothing', async () => {
    const missing = await publish({ fiscalYear: 2021 });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.problems).toMatchObject([{ field: 'body.reviewedTexts', message: 'is required: review the free texts first' }]);
    const stale = await publish({ fiscalYear: 2021, reviewedTexts: 'a'.repeat(64) });
    expect(stale.statusCode).toBe(409);
    expect((await publish({ fiscalYear: 2021, reviewedTexts: 'not-a-digest' })).statusCode).toBe(400);
    expect(await deps.db.select({ id: publications.id }).from(publications).where(eq(publications.fiscalYear, 2021))).toEqual([]);
  });

  it('publishing the reviewed texts records each by its hash and shows them to citizens', async () => {
    const { reviewedTexts } = (await texts(so)).json();
    const res = await publish({ fiscalYear: 2021, reviewedTexts });
    expect(res.statusCode, res.body).toBe(201);
    const reviewed = (await texts(so)).json().texts.map(({ code, field, sha256 }: { code: string; field: string; sha256: string }) => ({ code, field, sha256 }));
    expect(reviewed).toContainEqual({ code: 'm01-p01-k1', field: 'note', sha256: sha(FIRST) });
    expect(res.json().reviewedTexts).toEqual(reviewed);
    const [row] = await deps.db.select({ reviewedTexts: publications.reviewedTexts }).from(publications).where(eq(publications.fiscalYear, 2021));
    expect(row!.reviewedTexts).toEqual(reviewed);
    expect((await publicPage()).body).toContain(FIRST);
    expect((await openData()).body).toContain(FIRST);
  });

  it('a text changed after publication stays off the public page and the open data until it is reviewed and published again', async () => {
    const before = (await texts(so)).json().reviewedTexts;
    await writeReason(SECOND);
    for (const res of [await publicPage(), await openData()]) {
      expect(res.body).toContain(FIRST);
      expect(res.body).not.toContain('公開後に書き換えた文章');
    }
    // The list the office saw before the change no longer publishes.
    expect((await publish({ fiscalYear: 2021, reviewedTexts: before })).statusCode).toBe(409);
    expect((await publicPage()).body).not.toContain('公開後に書き換えた文章');
    const now = (await texts(so)).json();
    expect(now.texts.filter((t: { code: string }) => t.code === 'm01-p01-k1').map((t: { text: string }) => t.text)).toEqual([SECOND]);
    expect((await publish({ fiscalYear: 2021, reviewedTexts: now.reviewedTexts })).json().version).toBe(2);
    const page = (await publicPage()).body;
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt; 公開後に書き換えた文章');
    expect(page).not.toContain(FIRST);
  });
});

describe('the publish step on the pages', () => {
  it('the publications page leads to a review of the texts, whose button publishes exactly them', async () => {
    const list = await officePages.get(`/plans/${planId}/publications`);
    expect(list.body).toContain(`href="/plans/${planId}/publications/2021/publish"`);
    const review = await officePages.get(`/plans/${planId}/publications/2021/publish`);
    expect(review.statusCode).toBe(200);
    expect(review.body).toContain('公開内容の確認');
    expect(review.body).toContain('各課が記入した文章');
    expect(review.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt; 公開後に書き換えた文章');
    const digest = /name="reviewedTexts" value="([0-9a-f]{64})"/.exec(review.body)![1]!;
    // A text changed while the page was open: the form shows the texts again with the reason.
    await writeReason(FIRST);
    const refused = await officePages.post(`/plans/${planId}/publications`, { fiscalYear: '2021', reviewedTexts: digest });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('確認したあとで各課の記入した文章が変わりました。');
    expect(refused.body).toContain(FIRST);
    const fresh = /name="reviewedTexts" value="([0-9a-f]{64})"/.exec(refused.body)![1]!;
    const done = await officePages.post(`/plans/${planId}/publications`, { fiscalYear: '2021', reviewedTexts: fresh });
    expect(done.statusCode).toBe(303);
    expect((await publicPage()).body).toContain(FIRST);
    // A year without texts says so.
    const empty = await officePages.get(`/plans/${planId}/publications/2023/publish`);
    expect(empty.body).toContain('この年度には、各課が記入した文章はありません。');
  });

  it('is not offered to a department', async () => {
    const clerk = await pageSignIn(app, DEMO.employment);
    expect((await clerk.get(`/plans/${planId}/publications/2021/publish`)).statusCode).toBe(404);
  });
});
