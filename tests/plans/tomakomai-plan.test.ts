/**
 * The Tomakomai plan as loaded: counts and a sample of exact values checked against the
 * printed document (../shared/seed/tomakomai-vision-and-strategy-2020-2024.txt).
 */
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportPlan } from '../../services/plans/export-plan.ts';
import type { PlanFile, PlanFileKpi, PlanFileProject } from '../../services/plans/plan-file.ts';
import { useTestDatabase } from '../helpers/setup.ts';

let plan: PlanFile;
let projects: PlanFileProject[];
let kpis: PlanFileKpi[];
const kpi = (name: string, projectName?: string) => {
  const pool = projectName ? projects.find((p) => p.name === projectName)!.kpis : kpis;
  const found = pool.filter((k) => k.name === name);
  expect(found, `exactly one KPI named ${name}`).toHaveLength(1);
  return found[0]!;
};
const value = (k: PlanFileKpi, kind: string) => k.values.find((v) => v.kind === kind);

let database: Awaited<ReturnType<typeof useTestDatabase>>;

beforeAll(async () => {
  database = await useTestDatabase();
  const [row] = await database.db.execute<{ id: string }>(sql`select id from plans where code = 'tomakomai-2nd'`);
  plan = await exportPlan(database.db, row!.id);
  projects = plan.goals.flatMap((g) => g.directions.flatMap((d) => d.measures.flatMap((m) => m.projects)));
  kpis = [...plan.goals.flatMap((g) => g.numericTargets), ...projects.flatMap((p) => p.kpis)];
});

describe('the Tomakomai 2nd-period strategy', () => {
  it('has the structure of the document', () => {
    expect(plan.organization.name).toBe('苫小牧市');
    expect(plan.plan).toMatchObject({ periodStartFiscalYear: 2020, periodEndFiscalYear: 2024 });
    expect(plan.goals.map((g) => g.number)).toEqual([1, 2, 3, 4]);
    expect(plan.goals.map((g) => g.numericTargets.length)).toEqual([3, 2, 3, 2]);
    expect(plan.goals.flatMap((g) => g.directions.map((d) => d.code))).toEqual([
      '1-1', '1-2', '1-3', '1-4', '2-1', '2-2', '2-3', '2-4', '3-1', '3-2', '3-3', '3-4', '4-1', '4-2', '4-3', '4-4',
    ]);
    const measures = plan.goals.flatMap((g) => g.directions.flatMap((d) => d.measures));
    expect(measures.map((m) => m.number)).toEqual(Array.from({ length: 19 }, (_, i) => i + 1));
    expect(projects).toHaveLength(75);
    expect(kpis).toHaveLength(104);
    expect(plan.departments).toHaveLength(27);
  });

  it('names the measures as the document does, including the ones without a heading of their own', () => {
    const measures = plan.goals.flatMap((g) => g.directions.flatMap((d) => d.measures.map((m) => [d.code, m.number, m.title])));
    expect(measures).toContainEqual(['1-1', 1, '若者の市内就職の促進']);
    expect(measures).toContainEqual(['1-2', 2, '学生と地元企業との交流・連携機会の創出']);
    expect(measures).toContainEqual(['3-2', 11, 'ご当地イベントを活用した交流人口の創出']);
    expect(measures).toContainEqual(['3-2', 12, '縁結びコーディネート機能の充実']);
    expect(measures).toContainEqual(['4-4', 19, 'ゼロカーボンシティ実現に向けた取組の推進']);
  });

  it("dates the document's 42 decisions by the mid-term revision's fiscal year only, not by the moment of the import", async () => {
    const rows = await database.db.execute<{ n: number; years: number[]; undated: number }>(
      sql`select count(*)::int as n, array_agg(distinct fiscal_year) as years, count(*) filter (where decided_at is null)::int as undated from decision_log where source = 'document'`,
    );
    expect(rows[0]).toEqual({ n: 42, years: [2022], undated: 42 });
  });

  it('keeps the late-statistics lag out of the plan: it is the city setting beside the plan file', async () => {
    const rows = await database.db.execute<{ settings: unknown; lags: number }>(
      sql`select orient_settings as settings, (select count(*)::int from kpis k where k.plan_id = p.id and (k.data_source_lag_months is not null or k.data_source_name is not null)) as lags from plans p where code = 'tomakomai-2nd'`,
    );
    expect(rows[0]).toEqual({ settings: { publicationLags: { 'g2-t1': { monthsAfterYearEnd: 20, source: '人口動態統計（厚生労働省）' } } }, lags: 0 });
    expect(JSON.stringify(plan)).not.toMatch(/publishedMonthsAfterYearEnd|dataSource/);
  });

  it('records the mid-term revision markers as printed', () => {
    const markers = [
      ...plan.goals.flatMap((g) => g.directions.flatMap((d) => d.measures.flatMap((m) => m.revisions ?? []))),
      ...projects.flatMap((p) => p.revisions ?? []),
      ...kpis.flatMap((k) => k.revisions ?? []),
    ];
    const byKind = Object.fromEntries(['measure_added', 'project_added', 'project_content_changed', 'project_ended', 'numeric_target_changed', 'kpi_changed'].map((m) => [m, markers.filter((r) => r.marker === m).length]));
    // The document's own summary says 32 KPI changes; only 27 projects print ＫＰＩ変更 in the text.
    expect(byKind).toEqual({ measure_added: 1, project_added: 5, project_content_changed: 6, project_ended: 2, numeric_target_changed: 1, kpi_changed: 27 });
    expect(markers.every((r) => r.fiscalYear === 2022)).toBe(true);
    expect(kpi('新規創業件数').revisions).toEqual([{ marker: 'numeric_target_changed', fiscalYear: 2022 }]);
    const ended = projects.filter((p) => p.status === 'ended').map((p) => p.name);
    expect(ended).toEqual(['緊急通報・救急活動時の多言語通話サービス導入', '防災行政無線整備事業']);
  });

  it('keeps cumulative KPIs as printed: a one-year baseline, running-total actual and target', () => {
    const k = kpi('内定者数');
    expect(k).toMatchObject({ unit: '人', cumulative: true, direction: 'higher' });
    expect(k.values).toEqual([
      { kind: 'baseline', fiscalYear: 2018, value: 9 },
      { kind: 'actual', fiscalYear: 2021, value: 7, cumulative: true },
      { kind: 'target', fiscalYear: 2024, value: 40, cumulative: true },
    ]);
    expect(value(kpi('相談件数', '創業等相談窓口の機能強化'), 'target')).toMatchObject({ value: 4500, cumulative: true });
  });

  it('keeps exact figures, units and years', () => {
    expect(kpi('待機児童数')).toMatchObject({ direction: 'lower', values: [
      { kind: 'baseline', fiscalYear: 2018, value: 3 }, { kind: 'actual', fiscalYear: 2021, value: 0 }, { kind: 'target', fiscalYear: 2024, value: 0 },
    ] });
    expect(kpi('父子健康手帳の交付率').values.map((v) => v.value)).toEqual([96.8, 97.7, 100]);
    expect(kpi('事業場設置助成金')).toMatchObject({ unit: '千円', values: [{ value: 252943 }, { value: 168159 }, { value: 304494 }] });
    expect(kpi('観光入込客数（交流人口数）')).toMatchObject({ unit: '万人', values: [{ value: 199.5 }, { value: 148 }, { value: 260 }] });
    expect(kpi('合計特殊出生率')).toMatchObject({ unit: '', values: [{ kind: 'target', fiscalYear: 2024, value: 1.8 }] });
    expect(kpi('子育て環境や支援の満足度【５段階評価】')).toMatchObject({ unit: '点', values: [{ kind: 'baseline', value: 2.9 }, { kind: 'target', value: 3.3 }] });
    expect(kpi('新千歳空港旅客数')).toMatchObject({ unit: '千人', values: [{ value: 23632 }, { value: 9229 }, { value: 27830 }] });
    // One baseline is FY2017 (the FY2018 figure was distorted by the Iburi earthquake).
    expect(value(kpi('ホームページアクセス数及びフェイスブックリーチ数'), 'baseline')).toEqual({ kind: 'baseline', fiscalYear: 2017, value: 8969733 });
    // Cargo volumes are printed by calendar year for baseline and target.
    expect(kpi('貨物取扱量（外貿）').values).toEqual([
      { kind: 'baseline', fiscalYear: 2018, yearBasis: 'calendar', value: 17550 },
      { kind: 'actual', fiscalYear: 2021, value: 16034 },
      { kind: 'target', fiscalYear: 2024, yearBasis: 'calendar', value: 22144 },
    ]);
    // A printed "−" is no figure at all.
    expect(kpi('登録者数', '若者地元定着促進事業').values.map((v) => v.kind)).toEqual(['actual', 'target']);
    expect(value(kpi('三者間同時外国語通訳及び多言語音声翻訳アプリ導入割合'), 'actual')).toMatchObject({ value: 100, printed: '100％（6隊）' });
  });

  it('records the COVID-19 cancellations as facts with their reason', () => {
    const cancelled = kpis.filter((k) => value(k, 'actual')?.cancelled).map((k) => k.name);
    expect(cancelled).toHaveLength(7);
    expect(cancelled).toEqual(expect.arrayContaining(['参加企業・団体数', 'ワークショップ参加者数', '国外路線']));
    const kids = value(kpi('参加企業・団体数'), 'actual')!;
    expect(kids.value).toBe(0);
    expect(kids.cancelled!.reason).toContain('新型コロナウイルス感染症の影響で事業が中止');
  });

  it('lists every owner of a project, the lead first', () => {
    const experience = projects.find((p) => p.name === '豊かな自然環境や文化をいかした体験プログラムの充実')!;
    const names = experience.departments.map((code) => plan.departments.find((d) => d.code === code)!.name);
    expect(names).toEqual(['生涯学習課', '青少年課', '環境生活課', '科学センター', '美術博物館']);
  });

  it('holds the population vision', () => {
    const figures = plan.populationVision.map((f) => [f.kind, f.year, f.value]);
    expect(figures).toEqual(expect.arrayContaining([
      ['current', 2019, 171290], ['goal', 2040, 150000], ['goal', 2060, 130000],
      ['projection', 2040, 148000], ['projection', 2060, 117000], ['outlook', 2040, 154145], ['outlook', 2060, 133338],
    ]));
  });
});
