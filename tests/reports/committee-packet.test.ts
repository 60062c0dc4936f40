/**
 * The strategy council's packet for FY2022 after a review of measure ①: the review sheet per
 * measure, the council's opinions recorded as items, the city's responses, and each opinion
 * traced to the decision it led to.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO, signIn, type Client } from '../helpers/client.ts';
import { manualClock } from '../helpers/clock.ts';
import { useTestApp } from '../helpers/setup.ts';
import { planIdOf, reviewMeasureOne } from './helpers.ts';

const day0 = Date.now() + 86_400_000;
const day = (n: number) => new Date(day0 + n * 86_400_000).toISOString();
const clock = manualClock(day(0));
let app: Awaited<ReturnType<typeof useTestApp>>['app'];
let so: Client, employment: Client, policy: Client, care: Client;
let planId: string;
let review: Awaited<ReturnType<typeof reviewMeasureOne>>;
let opinionId: string;
let generalId: string;

async function signInAll() {
  [so, employment, policy, care] = await Promise.all([signIn(app, DEMO.strategy), signIn(app, DEMO.employment), signIn(app, DEMO.policy), signIn(app, DEMO.care)]);
}

beforeAll(async () => {
  ({ app } = await useTestApp({ clock }));
  await signInAll();
  planId = await planIdOf(so);
  const at = async (n: number) => {
    clock.set(day(n));
    await signInAll();
  };
  review = await reviewMeasureOne({ so: () => so, departments: () => ({ 工業・雇用振興課: employment, 政策推進課: policy, 介護福祉課: care }), planId, at, dueDate: day(60).slice(0, 10) });
}, 120_000);

describe('the council’s opinions', () => {
  it('are recorded by the strategy office, about a measure or the whole strategy', async () => {
    const res = await so.post(`/api/plans/${planId}/council-opinions`, { fiscalYear: 2022, measureNumber: 1, meetingDate: '2023-08-21', opinion: '内定者数の指標は市内就職の実態を表していない。' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ fiscalYear: 2022, meetingDate: '2023-08-21', response: null, version: 1 });
    opinionId = res.json().id;
    const general = await so.post(`/api/plans/${planId}/council-opinions`, { fiscalYear: 2022, opinion: 'ＫＰＩの達成状況を市民に分かりやすく公表されたい。' });
    expect(general.statusCode).toBe(201);
    expect(general.json().measureId).toBeNull();
    generalId = general.json().id;
  });

  it('are refused from a department, and with the field named when wrong; nothing is written', async () => {
    expect((await employment.post(`/api/plans/${planId}/council-opinions`, { fiscalYear: 2022, opinion: 'x' })).statusCode).toBe(403);
    const bad = await so.post(`/api/plans/${planId}/council-opinions`, { fiscalYear: 2030, measureNumber: 99, opinion: 'x' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.problems).toMatchObject([
      { field: 'body.fiscalYear', message: 'must be within the plan period 2020–2024' },
      { field: 'body.measureNumber', message: 'no measure numbered 99 in this plan' },
    ]);
    const badDate = await so.post(`/api/plans/${planId}/council-opinions`, { fiscalYear: 2022, meetingDate: '2023-02-30', opinion: 'x' });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().error.problems[0]).toMatchObject({ field: 'body.meetingDate' });
    expect((await policy.get(`/api/plans/${planId}/council-opinions`)).json().items).toHaveLength(2);
  });

  it('each need the city’s response, given by the strategy office with the decisions it led to', async () => {
    expect((await policy.get(`/api/plans/${planId}/council-opinions?fiscalYear=2022`)).json().items.map((o: { awaitingResponse: boolean }) => o.awaitingResponse)).toEqual([true, true]);
    const body = { response: '指標を「市内企業への内定者数」に改め、令和5年度から測ります。', decisionIds: [review.decisionId], expectedVersion: 1 };
    expect((await employment.put(`/api/council-opinions/${opinionId}/response`, body)).statusCode).toBe(403);
    const unknown = await so.put(`/api/council-opinions/${opinionId}/response`, { ...body, decisionIds: [review.decisionId, 999_999] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.problems).toMatchObject([{ field: 'body.decisionIds[1]', message: "decision 999999 is not in this plan's decision log" }]);

    const res = await so.put(`/api/council-opinions/${opinionId}/response`, body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ version: 2, decisionIds: [review.decisionId], response: body.response });
    // Written against version 1 again: someone answered meanwhile.
    expect((await so.put(`/api/council-opinions/${opinionId}/response`, body)).statusCode).toBe(409);
  });

  it('are listed with their measure, response and the decisions they led to', async () => {
    const items = (await care.get(`/api/plans/${planId}/council-opinions?fiscalYear=2022`)).json().items;
    expect(items.map((o: { id: string }) => o.id)).toEqual([generalId, opinionId]);
    expect(items[1]).toMatchObject({
      measureNumber: 1,
      measureTitle: '若者の市内就職の促進',
      awaitingResponse: false,
      recordedByName: '戦略 太郎',
      respondedByName: '戦略 太郎',
      decisions: [{ id: review.decisionId, marker: 'kpi_changed', markerLabel: 'ＫＰＩ変更', subjectCode: 'm01-p01-k1', subjectName: '市内企業への内定者数' }],
    });
  });
});

describe('the committee packet (FY2022)', () => {
  interface Kpi { name: string; actual: string; status: string; statusLabel: string; explanation: { cause: string; improvement: string } | null }
  interface Project { code: string; kpis: Kpi[]; assessment: { effectGradeLabel: string; nextStepLabel: string; comment: string } | null; suggestedGrade: { label: string } | null }
  let packet: {
    summary: { opinions: number; awaitingResponse: number; kpis: { total: number } };
    generalOpinions: { opinion: string; awaitingResponse: boolean }[];
    measures: { number: number; label: string; cycle: { phaseLabel: string } | null; projects: Project[]; decisions: { markerLabel: string; subjectName: string; changes: string[]; rationale: string }[]; opinions: { response: string; meetingLabel: string; decisions: { markerLabel: string; subjectName: string }[] }[] }[];
  };
  beforeAll(async () => {
    const res = await so.get(`/api/plans/${planId}/reports/committee-packet?fiscalYear=2022`);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    packet = res.json();
  });

  it('has a review sheet per measure', () => {
    expect(packet.measures.map((m) => m.label)).toEqual(Array.from({ length: 19 }, (_, i) => `施策${String.fromCodePoint(0x2460 + i)}`));
    expect(packet.summary).toMatchObject({ opinions: 2, awaitingResponse: 1 });
    expect(packet.measures[1]!.cycle).toBeNull();
  });

  it('shows each KPI’s figures and status, the department’s cause and improvement, the grade and next step', () => {
    const one = packet.measures[0]!;
    expect(one.cycle).toEqual(expect.objectContaining({ phaseLabel: '実行' }));
    expect(one.projects.map((p) => p.code)).toEqual(['m01-p01', 'm01-p02', 'm01-p03', 'm01-p04', 'm01-p05', 'm01-p06']);
    const jobFair = one.projects[0]!;
    expect(jobFair.kpis).toEqual([
      expect.objectContaining({
        name: '市内企業への内定者数',
        actual: '累計 10人',
        status: 'off_track',
        statusLabel: '遅れ',
        explanation: { cause: '説明会の参加企業が減った', improvement: 'オンライン説明会を併用する' },
      }),
    ]);
    expect(jobFair.assessment).toEqual({ effectGrade: 'effective', effectGradeLabel: '効果があった', nextStep: 'improve', nextStepLabel: '改善して継続', comment: '継続して改善' });
    expect(one.projects[1]!.kpis[0]).toMatchObject({ actual: '累計 60人', status: 'achieved', explanation: null });
    expect(one.decisions).toEqual([
      expect.objectContaining({ markerLabel: 'ＫＰＩ変更', subjectName: '市内企業への内定者数', changes: ['名称: 内定者数 → 市内企業への内定者数'], rationale: '市内企業への就職に絞って効果を測るため', decidedByName: '戦略 太郎' }),
    ]);
  });

  it('carries the council’s opinions with the city’s response, traced to the decision', () => {
    expect(packet.measures[0]!.opinions).toEqual([
      expect.objectContaining({
        meetingLabel: '令和5年8月21日（月）',
        response: '指標を「市内企業への内定者数」に改め、令和5年度から測ります。',
        decisions: [expect.objectContaining({ markerLabel: 'ＫＰＩ変更', subjectName: '市内企業への内定者数' })],
      }),
    ]);
    expect(packet.generalOpinions).toEqual([expect.objectContaining({ opinion: 'ＫＰＩの達成状況を市民に分かりやすく公表されたい。', awaitingResponse: true })]);
  });

  it('is the strategy office’s: a department member is refused the data and the print (it carries every department’s causes)', async () => {
    for (const department of [employment, policy]) {
      const data = await department.get(`/api/plans/${planId}/reports/committee-packet?fiscalYear=2022`);
      expect(data.statusCode, data.body.slice(0, 300)).toBe(403);
      expect(data.body).not.toContain('説明会の参加企業が減った');
      const print = await department.get(`/reports/plans/${planId}/committee-packet?fiscalYear=2022`);
      expect(print.statusCode).toBe(403);
      expect(print.body).not.toContain('説明会の参加企業が減った');
    }
  });

  it('prints on landscape A4, a page per measure', async () => {
    const res = await so.get(`/reports/plans/${planId}/committee-packet?fiscalYear=2022`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('private, no-store');
    const html = res.body;
    expect(html).toContain('@page { size: A4 landscape;');
    expect(html.match(/<section class="page" id="measure-\d+">/g)).toHaveLength(19);
    expect(html).toContain('<h2>効果検証シート　【施策①】若者の市内就職の促進</h2>');
    expect(html).toContain('<strong>原因</strong> 説明会の参加企業が減った<br><strong>改善策</strong> オンライン説明会を併用する');
    expect(html).toContain('指標を「市内企業への内定者数」に改め、令和5年度から測ります。');
    expect(html).toContain('<span class="awaiting">対応未記入</span>');
    // The review's decision in words: what changed, before → after.
    expect(html).toContain('<span class="marker">ＫＰＩ変更</span> 市内企業への内定者数　名称: 内定者数 → 市内企業への内定者数　市内企業への就職に絞って効果を測るため');
  });

  it('speaks the organization’s own words for grades and next steps', async () => {
    const admin = await signIn(app, DEMO.admin);
    expect((await admin.put('/api/vocabulary', { nextSteps: { improve: { ja: '改善', en: 'Improve' } } })).statusCode).toBe(200);
    const res = await so.get(`/api/plans/${planId}/reports/committee-packet?fiscalYear=2022`);
    expect(res.json().measures[0].projects[0].assessment).toMatchObject({ effectGradeLabel: '効果があった', nextStepLabel: '改善' });
  });

  it('needs a fiscal year', async () => {
    const res = await so.get(`/api/plans/${planId}/reports/committee-packet`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.problems[0].field).toBe('querystring.fiscalYear');
  });
});
