/**
 * GET /api/plans/:planId/dashboard at FY2021: every one of the Tomakomai plan's 104 KPIs and
 * numeric targets with a status and a reason, and exact statuses for a sample — read by a
 * department member, since the dashboard is readable by all staff.
 */
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../services/context.ts';
import { anonymous, DEMO, signIn, type Client } from '../helpers/client.ts';
import { useTestApp } from '../helpers/setup.ts';

const clock: Clock = { now: () => new Date('2026-11-24T09:00:00+09:00') };
let app: FastifyInstance;
let staff: Client;
let planId: string;

beforeAll(async () => {
  ({ app } = await useTestApp({ clock }));
  staff = await signIn(app, DEMO.children);
  planId = (await staff.get('/api/plans')).json().items[0].id;
});

interface Kpi {
  id: string;
  code: string;
  name: string;
  values: { kind: string; provenance: string }[];
  assessment: { status: string; label: { ja: string; en: string }; reason: { ja: string; en: string }; expected: number | null; progress: number | null };
  effectGrade: { code: string; ja: string } | null;
}
const kpisOf = (body: any): Kpi[] =>
  body.goals.flatMap((g: any) => [...g.numericTargets, ...g.directions.flatMap((d: any) => d.measures.flatMap((m: any) => m.projects.flatMap((p: any) => p.kpis)))]);

describe('GET /api/plans/:planId/dashboard', () => {
  let body: any;
  let byCode: (code: string) => Kpi;
  beforeAll(async () => {
    const res = await staff.get(`/api/plans/${planId}/dashboard?fiscalYear=2021&asOf=2022-09-30`);
    expect(res.statusCode).toBe(200);
    body = res.json();
    byCode = (code) => kpisOf(body).find((k) => k.code === code)!;
  });

  it('gives every KPI and numeric target of the document a status and a reason', () => {
    const all = kpisOf(body);
    expect(all).toHaveLength(104);
    expect(body.goals.flatMap((g: any) => g.numericTargets)).toHaveLength(10);
    const codes = new Set(body.statuses.map((s: { code: string }) => s.code));
    for (const k of all) {
      expect(codes.has(k.assessment.status), k.name).toBe(true);
      expect(k.assessment.label.ja.length, k.name).toBeGreaterThan(0);
      expect(k.assessment.reason.ja, k.name).toContain(`「${k.assessment.label.ja}」`);
      expect(k.assessment.reason.en.length, k.name).toBeGreaterThan(10);
      expect(k.values.every((v) => v.provenance === 'document'), k.name).toBe(true);
    }
    expect(body).toMatchObject({ fiscalYear: 2021, fiscalYearLabel: { ja: '令和3年度', en: 'FY2021' }, asOf: '2022-09-30' });
    expect(body.summary.all).toMatchObject({
      total: 104,
      worstStatus: 'off_track',
      noDataCount: 9,
      counts: { achieved: 3, on_track: 32, at_risk: 9, off_track: 44, cancelled: 7, awaiting_data: 1, no_data: 8, not_assessed: 0 },
    });
  });

  it.each([
    ['m01-p01-k1', '内定者数', 'off_track', 16, 0.4375],
    ['m03-p02-k1', '相談件数', 'on_track', 1800, 0.903888889],
    ['g1-t3', '新規創業件数', 'at_risk', 50, 0.86],
    ['m02-p01-k1', '掲載企業数', 'on_track', 256.5, 1.881136951],
    ['m05-p04-k1', '待機児童数', 'achieved', 1.5, 2],
    ['m06-p01-k1', 'プレールーム利用数', 'at_risk', 15000, 0.854466667],
    ['m06-p04-k3', '産婦健康診査受診率', 'on_track', 100, 0.939],
    ['m01-p04-k1', '北海道のマッチングサイト求人掲載数', 'off_track', 40, 0.35],
    ['m02-p03-k1', '参加企業・団体数', 'cancelled', null, null],
    ['g2-t1', '合計特殊出生率', 'awaiting_data', null, null],
    ['g2-t2', '子育て環境や支援の満足度【５段階評価】', 'no_data', null, null],
    ['m02-p05-k1', '長期・有償のインターンシップ参加学生数', 'no_data', null, null],
    ['m15-p06-k1', '三者間同時外国語通訳及び多言語音声翻訳アプリ導入割合', 'achieved', 100, 1],
    ['m18-p03-k1', '屋外スピーカー設置基数', 'on_track', 77.5, 1.942857143],
  ])('%s %s → %s', (code, name, status, expected, progress) => {
    const k = byCode(code);
    expect(k.name).toBe(name);
    expect(k.assessment).toMatchObject({ status, expected, progress });
  });

  it('suggests an effect grade only for judged KPIs', () => {
    expect(byCode('m05-p04-k1').effectGrade).toMatchObject({ code: 'very_effective', ja: '非常に効果的' });
    expect(byCode('m02-p03-k1').effectGrade).toBeNull();
  });

  it('defaults to the latest fiscal year with an actual', async () => {
    const res = await staff.get(`/api/plans/${planId}/dashboard`);
    expect(res.json()).toMatchObject({ fiscalYear: 2021, asOf: '2026-11-24' });
  });

  it('names the field of a malformed query, and answers 404 for an unknown plan', async () => {
    const bad = await staff.get(`/api/plans/${planId}/dashboard?fiscalYear=next&asOf=2022-13-01`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.problems.map((p: { field: string }) => p.field).sort()).toEqual(['querystring.asOf', 'querystring.fiscalYear']);
    const missing = await staff.get('/api/plans/00000000-0000-4000-8000-000000000000/dashboard');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error).toMatchObject({ code: 'NOT_FOUND', message: 'plan not found' });
  });
});

describe('the API', () => {
  it('publishes the dashboard route in its OpenAPI document, and asks who is reading', async () => {
    const doc = app.swagger() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toContain('/api/plans/{planId}/dashboard');
    expect((await anonymous(app).get(`/api/plans/${planId}/dashboard`)).statusCode).toBe(401);
  });
});
