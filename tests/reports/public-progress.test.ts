/**
 * The public progress page: no sign-in, only what the strategy office published, a snapshot
 * that does not move when figures change later, cacheable, with its open data.
 */
import { eq } from 'drizzle-orm';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { kpis, kpiValues, publications } from '../../db/schema/index.ts';
import { anonymous, DEMO, signIn, type Client } from '../helpers/client.ts';
import { useTestApp } from '../helpers/setup.ts';
import { parseCsv, planIdOf } from './helpers.ts';
import { publishYear } from '../helpers/publish.ts';

let app: Awaited<ReturnType<typeof useTestApp>>['app'];
let deps: Awaited<ReturnType<typeof useTestApp>>['deps'];
let so: Client, employment: Client, citizen: Client;
let planId: string;
let page: string;
let etag: string;

beforeAll(async () => {
  ({ app, deps } = await useTestApp());
  [so, employment] = await Promise.all([signIn(app, DEMO.strategy), signIn(app, DEMO.employment)]);
  citizen = anonymous(app);
  planId = await planIdOf(so);
  page = `/public/plans/${planId}/progress`;
});

describe('publishing', () => {
  it('shows citizens nothing until the strategy office publishes', async () => {
    expect((await citizen.get(page)).statusCode).toBe(404);
    expect((await citizen.get(`${page}/2021`)).statusCode).toBe(404);
    expect((await citizen.get(`${page}/2021/open-data.json`)).statusCode).toBe(404);
  });

  it('is for the strategy office only, for a year of the plan', async () => {
    expect((await employment.post(`/api/plans/${planId}/publications`, { fiscalYear: 2021 })).statusCode).toBe(403);
    const bad = await publishYear(so, planId, 2030);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.problems).toMatchObject([{ field: 'body.fiscalYear', message: 'must be within the plan period 2020–2024' }]);
    expect((await so.get(`/api/plans/${planId}/publications`)).json().items).toEqual([]);
  });

  it('freezes the year’s figures and says where citizens see them', async () => {
    const res = await publishYear(so, planId, 2021);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ fiscalYear: 2021, version: 1, publishedByName: '戦略 太郎', publicPath: `${page}/2021` });
  });
});

describe('the public page', () => {
  it('needs no sign-in, is cacheable, and speaks plainly', async () => {
    const res = await citizen.get(`${page}/2021`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    etag = res.headers.etag as string;
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    const html = res.body;
    expect(html).toContain('<h1>苫小牧市総合戦略（第2期）の進み具合（令和3年度）</h1>');
    expect(html).toContain('事業の成果を測る指標（ＫＰＩ）94項目の状況です。');
    expect(html).toContain('aria-label="達成 3件、順調 32件、要注意 8件、遅れ 39件、中止 7件、データなし 5件"');
    expect(html).toContain('<h2>基本目標1　地元企業と学生との“つながり”を強化し、地元雇用の確保・拡大を実現</h2>');
    expect(html).toContain('<h3 id="measure-1">施策①　若者の市内就職の促進</h3>');
    expect(html).toMatch(/<td>内定者数<\/td>\s*<td class="num">9人<br><span class="muted">平成30年度<\/span><\/td>\s*<td class="num">累計 7人<\/td>\s*<td class="num">累計 40人<br><span class="muted">令和6年度<\/span><\/td>\s*<td><svg [^>]*aria-label="目標までの進み具合 17.5%"[^]*?<\/svg> 17.5%<\/td>\s*<td><span class="status">遅れています<\/span><\/td>/);
    expect(html).toContain('中止しました（新型コロナウイルス感染症の影響など）');
    // Staff vocabulary and internal reasoning stay inside.
    expect(html).not.toContain('想定値');
    expect((await citizen.get(page)).body).toBe(html);
  });

  it('answers 304 when the copy is current', async () => {
    const res = await app.inject({ method: 'GET', url: `${page}/2021`, headers: { 'if-none-match': etag } });
    expect(res.statusCode).toBe(304);
    expect(res.body).toBe('');
    expect(res.headers.etag).toBe(etag);
  });

  it('does not move when the figures change, until published again', async () => {
    const [kpi] = await deps.db.select().from(kpis).where(eq(kpis.code, 'm01-p01-k1'));
    await deps.db.insert(kpiValues).values({ kpiId: kpi!.id, kind: 'actual', fiscalYear: 2021, value: 30, cumulative: true, provenance: 'review' });
    const staff = (await so.get(`/api/plans/${planId}/dashboard?fiscalYear=2021`)).json();
    expect(staff.goals[0].directions[0].measures[0].projects[0].kpis[0].assessment.actual.value).toBe(30);

    const still = await citizen.get(`${page}/2021`);
    expect(still.headers.etag).toBe(etag);
    expect(still.body).toContain('<td class="num">累計 7人</td>');

    expect((await publishYear(so, planId, 2021)).json().version).toBe(2);
    const republished = await citizen.get(`${page}/2021`);
    expect(republished.headers.etag).not.toBe(etag);
    expect(republished.body).toContain('<td class="num">累計 30人</td>');
    expect(republished.body).toContain('第2版');
  });

  it('keeps what was published: a publication is never changed', async () => {
    await expect(deps.db.update(publications).set({ snapshotHash: 'x' })).rejects.toThrow();
    await expect(deps.db.delete(publications)).rejects.toThrow();
  });

  it('links the published years, and opens on the latest', async () => {
    expect((await citizen.get(`${page}/2022`)).statusCode).toBe(404);
    expect((await publishYear(so, planId, 2022)).statusCode).toBe(201);
    const latest = await citizen.get(page);
    expect(latest.body).toContain('の進み具合（令和4年度）</h1>');
    expect(latest.body).toContain(`<a href="${page}/2021">令和3年度</a>`);
    expect(latest.body).toContain('<strong aria-current="page">令和4年度</strong>');
    const list = (await employment.get(`/api/plans/${planId}/publications`)).json().items;
    expect(list.map((p: { fiscalYear: number; version: number }) => [p.fiscalYear, p.version])).toEqual([[2022, 1], [2021, 2], [2021, 1]]);
  });

  it('is not found for a plan that does not exist, and names a malformed id', async () => {
    expect((await citizen.get('/public/plans/00000000-0000-4000-8000-000000000000/progress')).statusCode).toBe(404);
    const bad = await citizen.get('/public/plans/nope/progress');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.problems[0].field).toBe('params.planId');
  });
});

describe('the open data', () => {
  it('is JSON with a record per numeric target and KPI, as published', async () => {
    const res = await citizen.get(`${page}/2021/open-data.json`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    const data = res.json();
    expect(data).toMatchObject({ format: 'cityplan/open-data-progress', formatVersion: 1, organization: '苫小牧市', fiscalYear: 2021, fiscalYearLabel: '令和3年度', publicationVersion: 2 });
    expect(data.records).toHaveLength(104);
    expect(data.records.find((r: { code: string }) => r.code === 'm01-p01-k1')).toEqual({
      goalNumber: 1,
      goalTitle: '地元企業と学生との“つながり”を強化し、地元雇用の確保・拡大を実現',
      kind: 'kpi',
      measureNumber: 1,
      measureTitle: '若者の市内就職の促進',
      projectName: '合同就職説明会事業',
      code: 'm01-p01-k1',
      name: '内定者数',
      unit: '人',
      cumulative: true,
      baselineFiscalYear: 2018,
      baselineValue: 9,
      actualFiscalYear: 2021,
      actualValue: 30,
      targetFiscalYear: 2024,
      targetValue: 40,
      achievementPercent: 75,
      achievementNote: null,
      // 30 against 16 expected by FY2021 (40 × 2/5).
      status: 'on_track',
      statusLabel: '順調',
      note: null,
    });
    expect(data.fields.map((f: { key: string }) => f.key)).toEqual(Object.keys(data.records[0]));
  });

  it('is CSV in UTF-8 with a BOM, or Shift_JIS', async () => {
    const utf8 = await citizen.get(`${page}/2021/open-data.csv`);
    expect(utf8.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(utf8.headers['content-disposition']).toContain('filename="tomakomai-2nd-progress-FY2021.csv"');
    expect([...utf8.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(utf8.rawPayload.subarray(3).toString('utf8'));
    expect(rows).toHaveLength(105);
    expect(rows[0]!.slice(0, 4)).toEqual(['基本目標', '基本目標名', '区分', '施策番号']);
    const sjis = await citizen.get(`${page}/2021/open-data.csv?encoding=shift_jis`);
    expect(sjis.headers['content-type']).toBe('text/csv; charset=Shift_JIS');
    expect(sjis.headers.etag).not.toBe(utf8.headers.etag);
    expect(iconv.decode(sjis.rawPayload, 'Shift_JIS')).toBe(utf8.rawPayload.subarray(3).toString('utf8'));
  });
});
