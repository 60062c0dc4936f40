/**
 * The plan dashboard service against the real database with the Tomakomai plan loaded:
 * defaults, per-plan thresholds, provisional and final figures, ended projects, roll-ups.
 */
import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { kpis, kpiValues, kpiVersions, plans } from '../../db/schema/index.ts';
import type { Actor, Clock } from '../../services/context.ts';
import { getPlanDashboard } from '../../services/orient/plan-dashboard.ts';
import { useTestDatabase, type TestDatabase } from '../helpers/setup.ts';

const clock: Clock = { now: () => new Date('2026-11-24T09:00:00+09:00') };
let database: TestDatabase;
let planId: string;
const dashboard = (input: { fiscalYear?: number; asOf?: string } = {}, actor: Actor = { type: 'system', name: 'test' }) =>
  getPlanDashboard({ ctx: { db: database.db, clock, actor }, input: { planId, ...input } });
type Dashboard = Awaited<ReturnType<typeof dashboard>>;

const everyKpi = (d: Dashboard) =>
  d.goals.flatMap((g) => [...g.numericTargets, ...g.directions.flatMap((dir) => dir.measures.flatMap((m) => m.projects.flatMap((p) => p.kpis)))]);
const byCode = (d: Dashboard, code: string) => everyKpi(d).find((k) => k.code === code)!;

beforeAll(async () => {
  database = await useTestDatabase();
  [{ id: planId }] = (await database.db.select({ id: plans.id }).from(plans).where(eq(plans.code, 'tomakomai-2nd'))) as [{ id: string }];
});

describe('plan dashboard', () => {
  it('defaults to the latest fiscal year with an actual (FY2021) and to today in Tokyo', async () => {
    const d = await dashboard();
    expect(d).toMatchObject({ fiscalYear: 2021, fiscalYearLabel: { ja: '令和3年度', en: 'FY2021' }, asOf: '2026-11-24' });
    expect(d.thresholds).toEqual({ atRisk: 0.9, offTrack: 0.7, keepTolerance: 0.05 });
  });

  it('assesses every KPI and numeric target of the plan, with a reason in both languages', async () => {
    const d = await dashboard({ fiscalYear: 2021, asOf: '2022-09-30' });
    const all = everyKpi(d);
    expect(all).toHaveLength(104);
    for (const k of all) {
      expect(k.assessment.reason.ja, k.name).toMatch(/「.+」/);
      expect(k.assessment.reason.en.length, k.name).toBeGreaterThan(10);
    }
    expect(d.summary.all.total).toBe(104);
    expect(d.summary.numericTargets.total).toBe(10);
    expect(d.summary.all.counts).toEqual({ achieved: 3, on_track: 32, at_risk: 9, off_track: 44, cancelled: 7, awaiting_data: 1, no_data: 8, not_assessed: 0 });
    expect(d.summary.all.worstStatus).toBe('off_track');
  });

  it('rolls up by project, measure, direction and goal, and links each numeric target to the KPIs under its goal', async () => {
    const d = await dashboard({ fiscalYear: 2021, asOf: '2022-09-30' });
    const goal1 = d.goals[0]!;
    const measure1 = goal1.directions[0]!.measures[0]!;
    expect(measure1.title).toBe('若者の市内就職の促進');
    // 内定者数 off, 就職者数 on, 登録者数 on, 求人掲載数 off, 介護 就職者数 on, 介護職員育成 on
    expect(measure1.summary).toMatchObject({ total: 6, worstStatus: 'off_track', noDataCount: 0 });
    expect(measure1.summary.counts).toMatchObject({ off_track: 2, on_track: 4 });
    const goal1Kpis = goal1.directions.flatMap((dir) => dir.measures.flatMap((m) => m.projects.flatMap((p) => p.kpis)));
    expect(goal1.summary.total).toBe(goal1Kpis.length);
    expect(goal1.numericTargetSummary.total).toBe(3);
    for (const t of goal1.numericTargets) {
      expect(t.supporting.kpiIds).toEqual(goal1Kpis.map((k) => k.id));
      expect(t.supporting.summary).toEqual(goal1.summary);
    }
    const counted = d.goals.reduce((n, g) => n + g.summary.total, 0);
    expect(counted).toBe(94);
  });

  it('shows a late statistic as awaited before its publication and as missing after it', async () => {
    expect(byCode(await dashboard({ fiscalYear: 2021, asOf: '2022-09-30' }), 'g2-t1').assessment).toMatchObject({ status: 'awaiting_data', expectedPublication: '2023-11-30' });
    expect(byCode(await dashboard({ fiscalYear: 2021 }), 'g2-t1').assessment.status).toBe('no_data');
  });

  it('does not assess an ended project after its end, and nothing outside the plan period', async () => {
    const d = await dashboard({ fiscalYear: 2022, asOf: '2023-09-30' });
    const ended = d.goals.flatMap((g) => g.directions.flatMap((dir) => dir.measures.flatMap((m) => m.projects))).filter((p) => p.status === 'ended');
    expect(ended.map((p) => [p.name, p.endedFiscalYear, p.summary.worstStatus])).toEqual([
      ['緊急通報・救急活動時の多言語通話サービス導入', 2022, 'not_assessed'],
      ['防災行政無線整備事業', 2022, 'not_assessed'],
    ]);
    const outside = await dashboard({ fiscalYear: 2025 });
    expect(outside.summary.all.counts.not_assessed).toBe(104);
  });

  it('answers NOT_FOUND to a user of another organization', async () => {
    const outsider: Actor = {
      type: 'user',
      user: { id: '00000000-0000-4000-8000-000000000001', organizationId: '00000000-0000-4000-8000-000000000000', email: 'x@other.example', name: 'x', role: 'admin', departmentId: null, locale: 'ja' },
    };
    await expect(dashboard({}, outsider)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('plan dashboard with data recorded after the document', () => {
  it('keeps both a provisional and a final figure, and judges by the final one', async () => {
    const [kpi] = await database.db.select().from(kpis).where(and(eq(kpis.planId, planId), eq(kpis.code, 'g3-t1')));
    await database.db.insert(kpiValues).values([
      { kpiId: kpi!.id, kind: 'actual', fiscalYear: 2022, value: 5800, quality: 'provisional', provenance: 'review' },
      { kpiId: kpi!.id, kind: 'actual', fiscalYear: 2022, value: 6450, quality: 'final', provenance: 'review' },
    ]);
    const entry = byCode(await dashboard({ fiscalYear: 2022, asOf: '2023-09-30' }), 'g3-t1');
    expect(entry.values.filter((v) => v.fiscalYear === 2022).map((v) => [v.quality, v.value])).toEqual([
      ['provisional', 5800],
      ['final', 6450],
    ]);
    // 転入者数 6,122 → 6,450: expected 6,122 + 478×4/6 = 6,440.67 → on track on the final figure.
    expect(entry.assessment).toMatchObject({ status: 'on_track', actual: { value: 6450, quality: 'final' } });
    expect(await dashboard({ asOf: '2023-09-30' })).toMatchObject({ fiscalYear: 2022 });
  });

  it('applies a revised target from its effective year only: the year under review keeps the target it was judged on', async () => {
    // 新規創業セミナー参加者数 69 → 48 (FY2021), target 72; the FY2021 review lowers the target to 40 from FY2022.
    const [kpi] = await database.db.select({ id: kpis.id }).from(kpis).where(and(eq(kpis.planId, planId), eq(kpis.code, 'm03-p01-k1')));
    const before = byCode(await dashboard({ fiscalYear: 2021, asOf: '2022-09-30' }), 'm03-p01-k1').assessment;
    await database.db.insert(kpiValues).values([
      { kpiId: kpi!.id, kind: 'target', fiscalYear: 2024, value: 40, provenance: 'decision', sourceRef: { effectiveFiscalYear: 2022 } },
      { kpiId: kpi!.id, kind: 'actual', fiscalYear: 2022, value: 48, provenance: 'review' },
    ]);
    const fy2021 = byCode(await dashboard({ fiscalYear: 2021, asOf: '2022-09-30' }), 'm03-p01-k1').assessment;
    expect(fy2021).toEqual(before);
    expect(fy2021).toMatchObject({ status: 'off_track', target: { value: 72 }, decline: { ja: '基準値から減少', en: 'below the baseline' } });
    const fy2022 = byCode(await dashboard({ fiscalYear: 2022, asOf: '2023-09-30' }), 'm03-p01-k1').assessment;
    expect(fy2022).toMatchObject({ status: 'achieved', target: { value: 40 } });
  });

  it('applies a revised definition from its effective year only', async () => {
    // サークルルーム登録団体数 25 → 21 (FY2021), target 30: a revision effective FY2022 makes it lower-is-better.
    const [kpi] = await database.db.select().from(kpis).where(and(eq(kpis.planId, planId), eq(kpis.code, 'm06-p01-k3')));
    const before = byCode(await dashboard({ fiscalYear: 2021, asOf: '2022-09-30' }), 'm06-p01-k3').assessment;
    await database.db.insert(kpiVersions).values({ kpiId: kpi!.id, version: 2, name: kpi!.name, unit: kpi!.unit, cumulative: false, direction: 'lower', provenance: 'decision', effectiveFiscalYear: 2022 });
    await database.db.update(kpis).set({ direction: 'lower', version: 2 }).where(eq(kpis.id, kpi!.id));
    expect(byCode(await dashboard({ fiscalYear: 2021, asOf: '2022-09-30' }), 'm06-p01-k3').assessment).toEqual(before);
    await database.db.insert(kpiValues).values({ kpiId: kpi!.id, kind: 'actual', fiscalYear: 2022, value: 21, provenance: 'review' });
    // From FY2022 the new direction applies: 21 is below the target of 30, so the lower-is-better target is met.
    expect(byCode(await dashboard({ fiscalYear: 2022, asOf: '2023-09-30' }), 'm06-p01-k3').assessment.status).toBe('achieved');
  });

  it('uses the thresholds the plan sets', async () => {
    await database.db.update(plans).set({ orientSettings: sql`'{"atRisk": 0.85, "offTrack": 0.6}'::jsonb` }).where(eq(plans.id, planId));
    const d = await dashboard({ fiscalYear: 2021 });
    expect(d.thresholds).toEqual({ atRisk: 0.85, offTrack: 0.6, keepTolerance: 0.05 });
    expect(byCode(d, 'g1-t3').assessment).toMatchObject({ status: 'on_track', progress: 0.86 });
  });
});
