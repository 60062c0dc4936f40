import { beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { DEMO, signIn, type Client } from '../helpers/client.ts';
import { useTestApp } from '../helpers/setup.ts';

let app: FastifyInstance;
let staff: Client;
let planId: string;
beforeAll(async () => {
  ({ app } = await useTestApp());
  staff = await signIn(app, DEMO.care);
  planId = (await staff.get('/api/plans')).json().items[0].id;
});

describe('health', () => {
  it('is live and ready when Postgres and Redis answer', async () => {
    expect((await app.inject('/health/live')).json()).toEqual({ status: 'ok' });
    const ready = await app.inject('/health/ready');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ok', checks: { postgres: 'ok', redis: 'ok' } });
  });
});

describe('read API', () => {
  it('lists organizations and their departments', async () => {
    const orgs = (await staff.get('/api/organizations')).json().items;
    expect(orgs.map((o: { name: string }) => o.name)).toEqual(['苫小牧市']);
    const departments = (await staff.get(`/api/organizations/${orgs[0].id}/departments`)).json().items;
    expect(departments).toHaveLength(27);
  });

  it('shows a plan with its size', async () => {
    const res = await staff.get(`/api/plans/${planId}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ code: 'tomakomai-2nd', counts: { measures: 19, projects: 75, kpis: 104 } });
  });

  it('returns the plan tree with values and provenance', async () => {
    const tree = (await staff.get(`/api/plans/${planId}/tree`)).json();
    expect(tree.goals).toHaveLength(4);
    const measure1 = tree.goals[0].directions[0].measures[0];
    expect(measure1.title).toBe('若者の市内就職の促進');
    const project = measure1.projects[0];
    expect(project.departments).toEqual([expect.objectContaining({ name: '工業・雇用振興課', lead: true })]);
    expect(project.kpis[0].values.map((v: { kind: string; value: number; provenance: string }) => [v.kind, v.value, v.provenance])).toEqual([
      ['baseline', 9, 'document'],
      ['actual', 7, 'document'],
      ['target', 40, 'document'],
    ]);
  });

  it('returns one KPI with its history', async () => {
    const tree = (await staff.get(`/api/plans/${planId}/tree`)).json();
    const target = tree.goals[0].numericTargets[2];
    const res = await staff.get(`/api/kpis/${target.id}`);
    expect(res.statusCode).toBe(200);
    const history = res.json();
    expect(history).toMatchObject({ name: '新規創業件数', owner: { type: 'goal', goalNumber: 1 }, version: 1 });
    expect(history.versions).toHaveLength(1);
    expect(history.values.every((v: { inForce: boolean }) => v.inForce)).toBe(true);
    expect(history.revisions).toEqual([expect.objectContaining({ marker: 'numeric_target_changed', fiscalYear: 2022, source: 'document' })]);
  });

  it('lists the plan departments with the projects each runs', async () => {
    const items = (await staff.get(`/api/plans/${planId}/departments`)).json().items;
    expect(items).toHaveLength(27);
    const fire = items.find((d: { name: string }) => d.name === '消防本部総務課');
    expect(fire.projects.map((p: { name: string; lead: boolean }) => [p.name, p.lead])).toEqual([
      ['消防活動のＩＣＴ化', true],
      ['緊急通報・救急活動時の多言語通話サービス導入', true],
    ]);
  });

  it('exports the plan file', async () => {
    const res = await staff.get(`/api/plans/${planId}/export`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ format: 'cityplan/strategy-plan', formatVersion: 1, plan: { code: 'tomakomai-2nd' } });
  });

  it('answers unknown ids with 404 and malformed ids with 400 naming the field', async () => {
    const missing = await staff.get('/api/plans/00000000-0000-4000-8000-000000000000');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error).toMatchObject({ code: 'NOT_FOUND', message: 'plan not found', requestId: expect.any(String) });
    const malformed = await staff.get('/api/kpis/not-a-uuid');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.problems).toMatchObject([{ field: 'params.kpiId', message: 'must be a valid uuid' }]);
    expect((await staff.get('/api/nothing-here')).statusCode).toBe(404);
  });

  it('serves the OpenAPI document with every route described', async () => {
    const doc = app.swagger() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/plans/{planId}/tree', '/api/kpis/{kpiId}', '/health/ready']));
    expect((await staff.get('/docs/json')).json().paths).toEqual(doc.paths);
  });
});
