/**
 * Amendments of an adopted plan through the API: the strategy office's four kinds, each one
 * decision-log entry with its before and after (the decision log lists it); a department is
 * refused (403) and bad input is named at its field, with nothing written.
 */
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO, signIn, type Client } from '../helpers/client.ts';
import { useTestApp } from '../helpers/setup.ts';
import { planIdOf } from '../reports/helpers.ts';

const { app, deps } = await useTestApp();
let so: Client, employment: Client;
let planId: string;
type Node = { id: string; title?: string; name?: string; measures?: Node[]; directions?: Node[]; projects?: Node[]; kpis?: Node[]; numericTargets?: Node[] };
let measure: Node, kpi: Node, numericTarget: Node;

const logged = async () => Number((await deps.db.execute<{ n: string }>(sql`select count(*) as n from decision_log where source = 'amendment'`))[0]!.n);
const problems = (res: { json: () => { error: { problems?: { field: string }[] } } }) => (res.json().error.problems ?? []).map((p) => p.field);

beforeAll(async () => {
  [so, employment] = await Promise.all([signIn(app, DEMO.strategy), signIn(app, DEMO.employment)]);
  planId = await planIdOf(so);
  const tree = (await so.get(`/api/plans/${planId}/tree`)).json() as { goals: Node[] };
  measure = tree.goals[0]!.directions![0]!.measures![0]!;
  kpi = measure.projects![0]!.kpis![0]!;
  numericTarget = tree.goals[0]!.numericTargets![0]!;
});

describe('amending an adopted plan over the API', () => {
  it('refuses a department (403) and names bad input at its field, writing nothing', async () => {
    const before = await logged();
    expect((await employment.post(`/api/measures/${measure.id}/amendments`, { title: '変更', rationale: '理由' })).statusCode).toBe(403);
    expect((await employment.post(`/api/kpis/${kpi.id}/amendments/definition`, { name: '変更', rationale: '理由' })).statusCode).toBe(403);
    const noTitle = await so.post(`/api/measures/${measure.id}/amendments`, { title: '', rationale: '理由' });
    expect(noTitle.statusCode).toBe(400);
    expect(problems(noTitle)).toEqual(['body.title']);
    const blankReason = await so.post(`/api/kpis/${kpi.id}/amendments/definition`, { name: '変更後の名称', rationale: '   ' });
    expect(blankReason.statusCode).toBe(400);
    expect(problems(blankReason)).toEqual(['body.rationale']);
    const unit = await so.post(`/api/kpis/${kpi.id}/amendments/definition`, { name: '変更後の名称', unit: '件', rationale: '理由' });
    expect(unit.statusCode).toBe(400);
    expect(problems(unit)).toEqual(['body.unit']);
    expect(await logged()).toBe(before);
  });

  it('amends a measure, a KPI’s name and a numeric target’s values, each in the decision log with before and after', async () => {
    const title = await so.post(`/api/measures/${measure.id}/amendments`, { title: `${measure.title}（改）`, rationale: '名称の見直し' });
    expect(title.statusCode, title.body).toBe(201);
    const name = await so.post(`/api/kpis/${kpi.id}/amendments/definition`, { name: `${kpi.name}（改）`, note: '集計方法を明記', rationale: '表記の統一' });
    expect(name.statusCode, name.body).toBe(201);
    const target = await so.post(`/api/kpis/${numericTarget.id}/amendments/targets`, { targets: [{ fiscalYear: 2024, value: 123456 }], rationale: '上方修正' });
    expect(target.statusCode, target.body).toBe(201);
    const log = (await so.get(`/api/plans/${planId}/decisions?order=newest&pageSize=3`)).json().items as { id: number; marker: string; source: string; rationale: string; before: Record<string, unknown>; after: Record<string, unknown> }[];
    expect(log.map((d) => [d.id, d.marker, d.source, d.rationale])).toEqual([
      [target.json().decisionId, 'numeric_target_changed', 'amendment', '上方修正'],
      [name.json().decisionId, 'kpi_changed', 'amendment', '表記の統一'],
      [title.json().decisionId, 'measure_changed', 'amendment', '名称の見直し'],
    ]);
    expect(log[2]).toMatchObject({ before: { title: measure.title }, after: { title: `${measure.title}（改）` } });
    expect(log[1]).toMatchObject({ before: { name: kpi.name }, after: { name: `${kpi.name}（改）`, note: '集計方法を明記' } });
    expect(log[0]!.after).toMatchObject({ targets: [{ fiscalYear: 2024, value: 123456 }] });
  });
});
