/**
 * The small plan of issue 17 built through the editor's verbs: 2 goals, 3 measures, 4 projects,
 * 6 KPIs (one 累計, one lower-is-better) and one numeric target. The Chromium test builds the
 * same plan by clicks (tests/browser/plan-editor.test.ts).
 */
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { departments, organizations, users } from '../../db/schema/index.ts';
import type { AuthUser, Clock, ServiceContext } from '../../services/context.ts';
import { addDirection } from '../../services/plans/editor/add-direction.ts';
import { addGoal } from '../../services/plans/editor/add-goal.ts';
import { addKpi } from '../../services/plans/editor/add-kpi.ts';
import { addMeasure } from '../../services/plans/editor/add-measure.ts';
import { addProject } from '../../services/plans/editor/add-project.ts';
import { createPlan } from '../../services/plans/editor/create-plan.ts';
import type { KpiInput } from '../../services/plans/editor/items.ts';

export async function userContext(db: Database, clock: Clock, email: string): Promise<ServiceContext & { user: AuthUser }> {
  const [u] = await db.select().from(users).where(eq(users.email, email));
  const user: AuthUser = { id: u!.id, organizationId: u!.organizationId, email: u!.email, name: u!.name, role: u!.role, departmentId: u!.departmentId, locale: u!.locale };
  return { db, clock, actor: { type: 'user', user }, user };
}

/** A department of Tomakomai (another city imported from the same seed has the same codes). */
export async function departmentId(db: Database, code: string, organizationId?: string): Promise<string> {
  const rows = await db.select({ id: departments.id, organizationId: departments.organizationId }).from(departments).where(eq(departments.code, code));
  const [org] = organizationId ? [organizationId] : (await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, 'tomakomai'))).map((o) => o.id);
  return rows.find((d) => d.organizationId === org)!.id;
}

const years = (targets: Record<number, number>) => [2025, 2026, 2027, 2028, 2029].map((fiscalYear) => ({ fiscalYear, value: targets[fiscalYear] ?? null }));

/** The six KPIs by project code (in the order the projects are added): name → definition. */
export const SMALL_PLAN_KPIS: Record<string, KpiInput[]> = {
  'm01-p01': [
    { name: '合同説明会の内定者数', unit: '人', cumulative: true, direction: 'higher', baseline: { fiscalYear: 2023, value: 9 }, targets: years({ 2027: 20, 2029: 40 }) },
    { name: '参加企業の満足度', unit: '%', cumulative: false, direction: 'higher', targets: years({ 2029: 80 }) },
  ],
  'm01-p02': [{ name: '求職者の平均待機時間', unit: '時間', cumulative: false, direction: 'lower', baseline: { fiscalYear: 2023, value: 30 }, targets: years({ 2029: 20 }) }],
  'm02-p01': [{ name: '創業支援件数', unit: '件', cumulative: false, direction: 'higher', targets: years({ 2025: 10, 2029: 15 }) }],
  'm03-p01': [
    { name: '介護予防教室の参加者数', unit: '人', cumulative: false, direction: 'higher', targets: years({ 2029: 500 }) },
    { name: '認知症サポーター養成数', unit: '人', cumulative: false, direction: 'higher', targets: years({ 2029: 300 }) },
  ],
};

export async function buildSmallPlan(ctx: ServiceContext, db: Database) {
  const employment = await departmentId(db, 'industry-employment');
  const policy = await departmentId(db, 'policy-promotion');
  const care = await departmentId(db, 'care-welfare');
  const { planId } = await createPlan({ ctx, input: { name: '第3期苫小牧市総合戦略（試行）', periodStartFiscalYear: 2025, periodEndFiscalYear: 2029 } });
  await addGoal({ ctx, input: { planId, number: 1, title: 'しごとをつくる' } });
  await addGoal({ ctx, input: { planId, number: 2, title: '安心して暮らせるまち' } });
  await addKpi({ ctx, input: { planId, owner: { goalNumber: 1 }, name: '市内就業者数', unit: '人', cumulative: false, direction: 'higher', baseline: { fiscalYear: 2020, value: 80000 }, targets: years({ 2029: 82000 }) } });
  const d1 = (await addDirection({ ctx, input: { planId, goalNumber: 1, title: '雇用の創出' } })).code;
  const d2 = (await addDirection({ ctx, input: { planId, goalNumber: 2, title: '健康と福祉' } })).code;
  await addMeasure({ ctx, input: { planId, directionCode: d1, number: 1, title: '若者の市内就職の促進' } });
  await addMeasure({ ctx, input: { planId, directionCode: d1, number: 2, title: '創業の支援' } });
  await addMeasure({ ctx, input: { planId, directionCode: d2, number: 3, title: '介護予防の推進' } });
  const projects = [
    await addProject({ ctx, input: { planId, measureNumber: 1, name: '合同就職説明会事業', leadDepartmentId: employment, coDepartmentIds: [] } }),
    await addProject({ ctx, input: { planId, measureNumber: 1, name: '就職相談事業', leadDepartmentId: policy, coDepartmentIds: [employment] } }),
    await addProject({ ctx, input: { planId, measureNumber: 2, name: '創業支援事業', leadDepartmentId: employment, coDepartmentIds: [] } }),
    await addProject({ ctx, input: { planId, measureNumber: 3, name: '介護予防事業', leadDepartmentId: care, coDepartmentIds: [] } }),
  ].map((p) => p.code);
  for (const code of projects) {
    for (const kpi of SMALL_PLAN_KPIS[code]!) await addKpi({ ctx, input: { planId, owner: { projectCode: code }, ...kpi } });
  }
  return { planId, projects, departments: { employment, policy, care } };
}
