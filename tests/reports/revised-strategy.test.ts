/**
 * The revised strategy written from the decision log: the FY2022 mid-term revision as the
 * document prints it (markers, underlines, the summary by kind — with the 32 vs 27 ＫＰＩ変更
 * explained), then a review decision of the same year joining it, and the plan as of a date.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { anonymous, DEMO, signIn, type Client } from '../helpers/client.ts';
import { manualClock } from '../helpers/clock.ts';
import { useTestApp } from '../helpers/setup.ts';
import { planIdOf, reviewMeasureOne } from './helpers.ts';

const day0 = Date.now() + 86_400_000;
const day = (n: number) => new Date(day0 + n * 86_400_000).toISOString();
const clock = manualClock(day(0));
let app: Awaited<ReturnType<typeof useTestApp>>['app'];
let so: Client, employment: Client, policy: Client, care: Client;
let planId: string;

interface Line { code: string; name: string; underline: { name: boolean; baseline: boolean; target: boolean }; markers: string[] }
interface Project { code: string; name: string; markers: string[]; kpis: { headers: Record<string, string>; rows: Line[] } }
interface Measure { number: number; markers: string[]; projects: Project[] }
interface Revised {
  revisionFiscalYear: number | null;
  summary: { marker: string; label: string; count: number; fromDocument: number; documentCount: number | null }[];
  summaryNotes: string[];
  goals: { numericTargets: { rows: Line[] }; directions: { measures: Measure[] }[] }[];
}

async function signInAll() {
  [so, employment, policy, care] = await Promise.all([signIn(app, DEMO.strategy), signIn(app, DEMO.employment), signIn(app, DEMO.policy), signIn(app, DEMO.care)]);
}
const revised = async (query = ''): Promise<Revised> => {
  const res = await policy.get(`/api/plans/${planId}/reports/revised-strategy${query}`);
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  return res.json();
};
const measuresOf = (r: Revised) => r.goals.flatMap((g) => g.directions.flatMap((d) => d.measures));
const projectsOf = (r: Revised) => measuresOf(r).flatMap((m) => m.projects);
const project = (r: Revised, code: string) => projectsOf(r).find((p) => p.code === code)!;
const countsOf = (r: Revised) => Object.fromEntries(r.summary.map((s) => [s.label, [s.count, s.documentCount]]));

beforeAll(async () => {
  ({ app } = await useTestApp({ clock }));
  await signInAll();
  planId = await planIdOf(so);
});

describe('the FY2022 mid-term revision, from the decision log', () => {
  it('reproduces the document’s summary by kind as far as the text marks it, and says why ＫＰＩ変更 is 27, not 32', async () => {
    const r = await revised();
    expect(r.revisionFiscalYear).toBe(2022);
    expect(countsOf(r)).toEqual({ 新規施策: [1, 1], 新規事業: [5, 5], 事業内容変更: [6, 6], 取組終了: [2, 2], 数値目標変更: [1, 1], ＫＰＩ変更: [27, 32] });
    expect(r.summaryNotes).toEqual([
      '原典の見直し一覧ではＫＰＩ変更を32項目としていますが、本文に「ＫＰＩ変更」と記載されているのは27件だけです（残りは原典では下線でのみ示され、本文から特定できません）。この表の件数は決定記録の27件です。',
    ]);
  });

  it('marks each measure, project and numeric target as the document does', async () => {
    const r = await revised();
    const marked = (label: string) => projectsOf(r).filter((p) => p.markers.includes(label)).map((p) => p.code);
    expect(measuresOf(r).filter((m) => m.markers.length).map((m) => [m.number, m.markers])).toEqual([[19, ['新規施策']]]);
    expect(marked('新規事業')).toEqual(['m02-p05', 'm10-p03', 'm11-p04', 'm14-p05', 'm18-p02']);
    expect(marked('取組終了')).toEqual(['m15-p06', 'm18-p03']);
    expect(marked('事業内容変更')).toHaveLength(6);
    expect(marked('ＫＰＩ変更')).toHaveLength(27);
    expect(project(r, 'm01-p04').markers).toEqual(['事業内容変更']);
    const targets = r.goals[0]!.numericTargets.rows;
    expect(targets.map((t) => [t.name, t.markers, t.underline])).toEqual([
      ['新規雇用創出数', [], { name: false, baseline: false, target: false }],
      ['管内学生の管内事業所就職割合', [], { name: false, baseline: false, target: false }],
      ['新規創業件数', ['数値目標変更'], { name: true, baseline: true, target: true }],
    ]);
  });

  it('underlines the KPIs added or changed, and only those', async () => {
    const r = await revised();
    const underlined = projectsOf(r).filter((p) => p.kpis.rows.some((k) => k.underline.name));
    const expected = projectsOf(r).filter((p) => p.markers.some((m) => m === 'ＫＰＩ変更' || m === '新規事業') || measuresOf(r).find((m) => m.number === 19)!.projects.includes(p));
    expect(underlined.map((p) => p.code)).toEqual(expected.map((p) => p.code));
    expect(project(r, 'm01-p01').kpis.rows[0]).toMatchObject({ name: '内定者数', underline: { name: false, target: false } });
    expect(project(r, 'm01-p01').kpis.headers).toEqual({ baseline: '基準値（平成30年度）', actual: '実績値（令和3年度）', target: '目標値（令和6年度）' });
  });

  it('prints it as a document: markers boxed, changes underlined, the note on the count', async () => {
    const res = await policy.get(`/reports/plans/${planId}/revised-strategy`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    // Internal figures, like the downloads: never stored by a cache.
    expect(res.headers['cache-control']).toBe('private, no-store');
    const html = res.body;
    expect(html).toContain('<h1>苫小牧市総合戦略（第2期）</h1>');
    expect(html).toContain('令和4年度見直し反映版');
    expect(html).toContain('@page { size: A4;');
    // 27 projects and the summary table.
    expect(html.split('<span class="marker">ＫＰＩ変更</span>')).toHaveLength(29);
    expect(html).toContain('<td>ＫＰＩの変更</td><td><span class="marker">ＫＰＩ変更</span></td><td class="num">27項目</td><td class="num">32項目</td>');
    expect(html).toContain('<span class="changed">新規創業件数</span><span class="marker">数値目標変更</span>');
    expect(html).toContain('本文に「ＫＰＩ変更」と記載されているのは27件だけです');
    expect((await anonymous(app).get(`/reports/plans/${planId}/revised-strategy`)).statusCode).toBe(401);
  });
});

describe('with a review decision of the same year', () => {
  let decidedAt: string;
  beforeAll(async () => {
    const at = async (n: number) => {
      clock.set(day(n));
      await signInAll();
    };
    await reviewMeasureOne({ so: () => so, departments: () => ({ 工業・雇用振興課: employment, 政策推進課: policy, 介護福祉課: care }), planId, at, dueDate: day(60).slice(0, 10) });
    // The decision is dated when it was approved (in Decide, day 70); Act applies it on day 90.
    decidedAt = day(70);
  }, 120_000);

  it('counts it with the document’s decisions and marks its project; the renamed KPI is underlined', async () => {
    const r = await revised();
    expect(countsOf(r)['ＫＰＩ変更']).toEqual([28, 32]);
    expect(r.summaryNotes[0]).toContain('この表の件数は決定記録の28件です');
    expect(project(r, 'm01-p01').markers).toEqual(['ＫＰＩ変更']);
    expect(project(r, 'm01-p01').kpis.rows[0]).toMatchObject({ name: '市内企業への内定者数', markers: ['ＫＰＩ変更'], underline: { name: true, baseline: false, target: false } });
  });

  it('shows the plan as it stood on a date', async () => {
    const before = await revised(`?asOf=${encodeURIComponent(new Date(Date.parse(decidedAt) - 60_000).toISOString())}`);
    expect(countsOf(before)['ＫＰＩ変更']).toEqual([27, 32]);
    expect(project(before, 'm01-p01')).toMatchObject({ markers: [], kpis: { rows: [{ name: '内定者数' }] } });
    // A day means the end of that day in Tokyo.
    const tokyoDay = new Date(Date.parse(decidedAt) + 9 * 3_600_000).toISOString().slice(0, 10);
    expect(countsOf(await revised(`?asOf=${tokyoDay}`))['ＫＰＩ変更']).toEqual([28, 32]);
  });

  it('shows another year’s revision, or none', async () => {
    const r = await revised('?fiscalYear=2023');
    expect(r.revisionFiscalYear).toBe(2023);
    expect(r.summary).toEqual([]);
    expect(projectsOf(r).flatMap((p) => p.markers)).toEqual([]);
  });

  it('names a bad date', async () => {
    const res = await policy.get(`/api/plans/${planId}/reports/revised-strategy?asOf=2022-02-30`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.problems).toMatchObject([{ field: 'querystring.asOf', message: 'must be a date (YYYY-MM-DD) or a date-time' }]);
  });
});
