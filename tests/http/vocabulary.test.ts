import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO, signIn } from '../helpers/client.ts';
import { useTestApp } from '../helpers/setup.ts';

let app: FastifyInstance;
beforeAll(async () => {
  ({ app } = await useTestApp());
});

describe('the words of 効果検証', () => {
  it('are the common Japanese vocabulary until the organization sets its own', async () => {
    const staff = await signIn(app, DEMO.care);
    const words = (await staff.get('/api/vocabulary')).json();
    expect(Object.values(words.effectGrades).map((l) => (l as { ja: string }).ja)).toEqual(['非常に効果的', '相当程度効果があった', '効果があった', '効果がなかった']);
    expect(Object.values(words.nextSteps).map((l) => (l as { ja: string }).ja)).toEqual(['拡充', '改善して継続', '現状継続', '中止・廃止', '期間終了']);
  });

  it('can be changed by an admin, label by label, and the dashboard speaks them', async () => {
    const admin = await signIn(app, DEMO.admin);
    const bad = await admin.put('/api/vocabulary', { effectGrades: { excellent: { ja: '優', en: 'Excellent' } } });
    expect(bad.statusCode).toBe(400);
    const saved = await admin.put('/api/vocabulary', { effectGrades: { very_effective: { ja: '目標を上回る効果', en: 'Beyond target' } } });
    expect(saved.json().effectGrades).toMatchObject({ very_effective: { ja: '目標を上回る効果' }, effective: { ja: '効果があった' } });
    const planId = (await admin.get('/api/plans')).json().items[0].id;
    const dashboard = (await admin.get(`/api/plans/${planId}/dashboard?fiscalYear=2021&asOf=2022-09-30`)).json();
    const grades = dashboard.goals.flatMap((g: any) => g.directions.flatMap((d: any) => d.measures.flatMap((m: any) => m.projects.flatMap((p: any) => p.kpis.map((k: any) => k.effectGrade)))));
    expect(grades.filter((g: any) => g?.code === 'very_effective').every((g: any) => g.ja === '目標を上回る効果')).toBe(true);
    expect(grades.some((g: any) => g?.code === 'very_effective')).toBe(true);
  });
});
