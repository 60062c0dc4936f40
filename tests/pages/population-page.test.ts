/**
 * The population vision on the pages: the strategy office enters 2020–2025 one year at a time
 * (errors next to the field, nothing written on bad input, a stale correction refused), imports
 * a CSV (its problems by line, nothing written); the figures then show on the dashboard's chart
 * with the gap in words, and on the citizens' page once published. A department reads only.
 */
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { anonymous, DEMO, signIn } from '../helpers/client.ts';
import { csrfOf, pageSignIn, type PageClient } from '../helpers/pages.ts';
import { useTestApp } from '../helpers/setup.ts';
import { multipart } from '../helpers/uploads.ts';

const { app, deps } = await useTestApp();
let office: PageClient;
let clerk: PageClient;
let planId: string;
let page: string;

// Test figures (not the document's): 1 January totals falling by about 1,000 a year.
const YEARS = [2020, 2021, 2022, 2023, 2024, 2025].map((year, i) => ({ year, total: 171000 - i * 1200, births: 1200 - i * 30, deaths: 1900 + i * 20, inMigration: 6100, outMigration: 6000 }));
const observed = async () => (await deps.database.sql`select year, total, version from population_observations order by year`).map((r) => ({ ...r }));
const circles = (html: string) => [...html.matchAll(/<circle class="observed"[^>]*><title>(\d{4}): ([^<]+)<\/title>/g)].map((m) => `${m[1]} ${m[2]}`);

beforeAll(async () => {
  const so = await signIn(app, DEMO.strategy);
  planId = (await so.get('/api/plans')).json().items[0].id;
  page = `/plans/${planId}/population`;
  [office, clerk] = await Promise.all([pageSignIn(app, DEMO.strategy), pageSignIn(app, DEMO.employment)]);
});

describe('entering the years', () => {
  it('is reached from the dashboard', async () => {
    const dashboard = await office.get(`/plans/${planId}/dashboard`);
    expect(dashboard.statusCode).toBe(200);
    expect(dashboard.body).toContain(`<a href="${page}">人口ビジョンの進み具合</a>`);
    // The vision alone, before any year is observed.
    expect(dashboard.body).toContain('<title id="dashboard-population-title">総人口の推移と人口ビジョン</title>');
    expect(dashboard.body).toContain('まだ人口の実績を入力していません。');
    expect(circles(dashboard.body)).toEqual([]);
  });

  it('shows bad input next to its field, keeps it, and writes nothing', async () => {
    await office.get(page);
    const res = await office.post(page, { year: '2020', asOf: '2020-01-01', total: '十七万', births: '', deaths: '', inMigration: '', outMigration: '', source: '' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(/id="total" name="total" type="text" class="num" inputmode="decimal" value="十七万" aria-invalid="true" aria-describedby="total-error"/);
    expect(res.body).toContain('<p class="field-error" id="total-error">');
    const wrongDay = await office.post(page, { year: '2020', asOf: '2021-01-01', total: '171000' });
    expect(wrongDay.statusCode).toBe(400);
    expect(wrongDay.body).toMatch(/<p class="field-error" id="asOf-error"><span aria-hidden="true">！<\/span>2020年の日付を入力してください<\/p>/);
    expect(await observed()).toEqual([]);
  });

  it('records 2020–2025 one form at a time', async () => {
    for (const y of YEARS) {
      await office.get(page);
      const res = await office.post(page, { year: String(y.year), asOf: `${y.year}-01-01`, total: y.total.toLocaleString('en'), births: String(y.births), deaths: String(y.deaths), inMigration: String(y.inMigration), outMigration: String(y.outMigration), source: '住民基本台帳' });
      expect(res.statusCode, res.body.slice(0, 2000)).toBe(303);
      expect(res.headers.location).toBe(page);
    }
    expect((await observed()).map((r) => r.total)).toEqual(YEARS.map((y) => y.total));
    const shown = await office.get(page);
    expect(shown.body).toContain('人口の数値を保存しました。');
    // 2025: births 1,050 − deaths 2,000 = −950; in 6,100 − out 6,000 = 100.
    expect(shown.body).toMatch(/<th scope="row">2025<\/th><td>令和7年1月1日（水）<\/td><td class="num">165,000人<\/td>\s*<td class="num">1,050人<\/td><td class="num">2,000人<\/td><td class="num">-950人<\/td>\s*<td class="num">6,100人<\/td><td class="num">6,000人<\/td><td class="num">100人<\/td>/);
  });

  it('corrects a year from the version read, and refuses a stale one', async () => {
    const form = await office.get(`${page}/years/2023`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('name="expectedVersion" value="1"');
    const fields = { asOf: '2023-01-01', total: '167500', births: '1110', deaths: '1960', inMigration: '6100', outMigration: '6000', source: '住民基本台帳' };
    expect((await office.post(`${page}/years/2023`, { ...fields, expectedVersion: '1' })).statusCode).toBe(303);
    await office.get(`${page}/years/2023`);
    const stale = await office.post(`${page}/years/2023`, { ...fields, total: '1', expectedVersion: '1' });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('2023年の数値は、ほかの人が先に変更しました。');
    expect((await observed()).find((r) => r.year === 2023)).toEqual({ year: 2023, total: 167500, version: 2 });
    // Back to the figures of the series.
    await office.get(`${page}/years/2023`);
    expect((await office.post(`${page}/years/2023`, { ...fields, total: '167400', births: '1110', deaths: '1960', expectedVersion: '2' })).statusCode).toBe(303);
  });

  it('imports a CSV only when every line is valid, naming the bad ones', async () => {
    const before = await observed();
    const html = (await office.get(page)).body;
    const csv = iconv.encode('年,総人口,出生,死亡,転入,転出\r\n2019,171500,1250,1880,6200,6050\r\n2018,,1,1,1,1\r\n', 'Shift_JIS');
    const body = multipart({ _csrf: csrfOf(html), referenceDay: '01-01', importSource: '' }, { file: { filename: '人口.csv', content: csv, type: 'text/csv' } });
    const res = await app.inject({ method: 'POST', url: `${page}/import`, headers: { cookie: office.cookies(), 'content-type': body.contentType }, payload: body.payload });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('CSVファイルに 1 件の問題があります。何も取り込んでいません。');
    expect(res.body).toContain('<li>3行目・総人口: 空欄です</li>');
    expect(await observed()).toEqual(before);
  });
});

describe('the figures on the dashboard and the public page', () => {
  // The path on 1 January 2025: 171,290 − 21,290 × 61/241 = 165,901 (vision-path.test.ts).
  const gap = '令和7年1月1日（水）の人口は165,000人で、目標の推移（165,901人）より901人少ない。';

  it('draw 2020–2025 on the dashboard chart, with the gap in words', async () => {
    const res = await office.get(`/plans/${planId}/dashboard`);
    expect(circles(res.body)).toEqual(['2020 17.1万人', '2021 16.98万人', '2022 16.86万人', '2023 16.74万人', '2024 16.62万人', '2025 16.5万人']);
    expect(res.body).toContain(gap);
    expect(res.body).toContain('「目標の推移」は、人口ビジョンの出発点（2019年11月末 171,290人）と目標人口（2040年 150,000人、2060年 130,000人）の間を直線で結んだ値です。');
    const clerkView = await clerk.get(`/plans/${planId}/dashboard`);
    expect(circles(clerkView.body)).toHaveLength(6);
  });

  it('a department reads the page but has no form', async () => {
    const res = await clerk.get(page);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(gap);
    expect(res.body).not.toContain('name="total"');
    expect((await clerk.get(`${page}/years/2023`)).statusCode).toBe(404);
    expect((await clerk.post(page, { year: '2026', asOf: '2026-01-01', total: '160000' })).statusCode).toBe(403);
    expect((await observed()).map((r) => r.year)).toEqual([2020, 2021, 2022, 2023, 2024, 2025]);
  });

  it('show on the citizens’ page once published', async () => {
    const citizen = anonymous(app);
    const so = await signIn(app, DEMO.strategy);
    expect((await so.post(`/api/plans/${planId}/publications`, { fiscalYear: 2024 })).statusCode).toBe(201);
    const res = await citizen.get(`/public/plans/${planId}/progress/2024`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h2 id="population-heading">人口ビジョンの進み具合</h2>');
    expect(circles(res.body)).toEqual(['2020 17.1万人', '2021 16.98万人', '2022 16.86万人', '2023 16.74万人', '2024 16.62万人', '2025 16.5万人']);
    expect(res.body).toContain(gap);
    expect(res.body).toMatch(/<th scope="row">令和7年1月1日（水）<\/th><td class="num">165,000人<\/td><td class="num">-950人<\/td><td class="num">100人<\/td><td class="num">-901人<\/td>/);
  });
});
