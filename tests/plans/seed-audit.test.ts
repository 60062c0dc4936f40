/**
 * Every value and flag of the seed plan traced to the city's print
 * (../shared/seed/tomakomai-vision-and-strategy-2020-2024.txt beside the repository), read as
 * docs/plan-data-provenance.md says; and a planted wrong value is caught.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { PlanFile } from '../../services/plans/plan-file.ts';
import { SEED_PLAN_FILE } from '../helpers/test-databases.ts';
import { auditPlan } from './seed-audit.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const DOCUMENT = resolve(ROOT, '../shared/seed/tomakomai-vision-and-strategy-2020-2024.txt');

function documentText(): string {
  if (!existsSync(DOCUMENT)) throw new Error(`the city's document is missing: expected ${DOCUMENT} (the shared/ folder beside the repository)`);
  return readFileSync(DOCUMENT, 'utf8');
}
const seed = () => JSON.parse(readFileSync(resolve(ROOT, SEED_PLAN_FILE), 'utf8')) as PlanFile;
const kpi = (plan: PlanFile, code: string) =>
  plan.goals.flatMap((g) => [...g.numericTargets, ...g.directions.flatMap((d) => d.measures.flatMap((m) => m.projects.flatMap((p) => p.kpis)))]).find((k) => k.code === code)!;

describe('the seed plan against the printed document', () => {
  it('has every value and flag of its 104 KPIs and numeric targets as printed', () => {
    const plan = seed();
    expect(auditPlan(plan, documentText())).toEqual([]);
  });

  it('reports a planted wrong value, flag, source, reason or date', () => {
    const plan = seed();
    kpi(plan, 'm01-p01-k1').values.find((v) => v.kind === 'target')!.value = 41; // 内定者数: printed 累計 40 人
    const g4 = kpi(plan, 'g4-t1'); // 新規企業進出件数（5年間累計）: a rolling total
    g4.cumulative = true;
    for (const v of g4.values) v.cumulative = true;
    kpi(plan, 'g3-t1').dataSource = { name: '住民基本台帳' };
    kpi(plan, 'm16-p01-k2').values.find((v) => v.kind === 'actual')!.cancelled = { reason: '新型コロナウイルス感染症の影響で事業が中止となった。' };
    kpi(plan, 'm01-p02-k1').values.find((v) => v.kind === 'baseline')!.fiscalYear = 2017;
    (kpi(plan, 'g2-t1') as unknown as Record<string, unknown>).dataSource = { name: '人口動態統計', publishedMonthsAfterYearEnd: 20 };
    kpi(plan, 'g1-t3').revisions = [{ marker: 'numeric_target_changed', fiscalYear: 2023 }];

    const problems = auditPlan(plan, documentText()).join('\n');
    expect(problems).toContain('m01-p01-k1 内定者数: target 41, printed 累計40人');
    expect(problems).toContain('g4-t1 新規企業進出件数（5年間累計）: cumulative is true, but the row prints 累計 on none of its figures');
    expect(problems).toContain("g4-t1 新規企業進出件数（5年間累計）: a rolling 「年間累計」 total is a level");
    expect(problems).toContain('g3-t1 転入者数（定住人口数）: data source 「住民基本台帳」 is not printed beside the KPI');
    expect(problems).toContain('m16-p01-k2 国外路線: cancellation reason');
    expect(problems).toContain('m01-p02-k1 就職者数: baseline year 2017, the header prints 2018');
    expect(problems).toContain('the plan carries a publication lag ("publishedMonthsAfterYearEnd")');
    expect(problems).toContain('revision numeric_target_changed dated FY2023, the document made it in FY2022');
  });
});
