/**
 * The Excel workbook shows each reader exactly the project assessments the API shows them: the
 * strategy office every project's, a department those of the projects it has a task on, another
 * department none of that measure's (the security review found a department's workbook showing
 * assessments the API hides from it).
 */
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO, signIn, type Client } from '../helpers/client.ts';
import { completeObserve, completeOrient, openCycle } from '../helpers/review-flow.ts';
import { useTestApp } from '../helpers/setup.ts';
import { planIdOf } from './helpers.ts';

let so: Client, employment: Client, children: Client;
let planId: string, cycleId: string;
const projectNames = new Map<string, string>();

beforeAll(async () => {
  const { app } = await useTestApp();
  [so, employment, children] = await Promise.all([signIn(app, DEMO.strategy), signIn(app, DEMO.employment), signIn(app, DEMO.children)]);
  planId = await planIdOf(so);
  cycleId = await openCycle(so, planId, 2022, 1);
  await completeObserve(so, cycleId, { 工業・雇用振興課: employment });
  await completeOrient(so, cycleId);
  for (const t of (await so.get(`/api/review-cycles/${cycleId}`)).json().tasks) projectNames.set(t.projectId, t.projectName);
}, 120_000);

/** Projects whose assessment the API shows this reader. */
const assessedByApi = async (client: Client) => {
  const res = await client.get(`/api/review-cycles/${cycleId}`);
  if (res.statusCode === 404) return [];
  return (res.json().assessments as { projectId: string }[]).map((a) => projectNames.get(a.projectId)!).sort();
};

/** Projects whose 効果（評価） the reader's workbook fills in. */
const assessedInWorkbook = async (client: Client) => {
  const res = await client.get(`/api/plans/${planId}/reports/kpi-tables.xlsx?fiscalYear=2022`);
  expect(res.statusCode).toBe(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
  const names = new Set<string>();
  for (const sheet of book.worksheets.filter((w) => w.name.startsWith('基本目標'))) {
    let grade = -1;
    sheet.eachRow((row) => {
      const cells = (row.values as unknown[]).map((v) => (v === null || v === undefined ? '' : String(v)));
      if (grade < 0) grade = cells.indexOf('効果（評価）');
      else if (cells[grade]) names.add(cells[3]!);
    });
  }
  return [...names].sort();
};

describe('the Excel workbook follows the API’s visibility', () => {
  it.each([
    ['the strategy office', () => so],
    ['the department with tasks in the measure', () => employment],
    ['a department without', () => children],
  ])('for %s', async (_, client) => {
    const api = await assessedByApi(client());
    expect(await assessedInWorkbook(client())).toEqual(api);
  });

  it('and the three readers do see different things (the comparison can fail)', async () => {
    const [all, own, none] = await Promise.all([assessedByApi(so), assessedByApi(employment), assessedByApi(children)]);
    expect(all.length).toBeGreaterThan(own.length);
    expect(own.length).toBeGreaterThan(0);
    expect(none).toEqual([]);
  });
});
