/**
 * A draft edited in Excel (issue 17, item 2): the draft's workbook imported back replaces the
 * draft with the identical plan file; a filled one replaces its content; planted mistakes are
 * named by sheet and cell with the draft untouched; a workbook exported before someone else's
 * edit is a 409, as is any upload to an adopted plan.
 */
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { plans } from '../../db/schema/index.ts';
import { systemClock } from '../../services/context.ts';
import { canonicalJson } from '../../services/plans/canonical-json.ts';
import { updateGoal } from '../../services/plans/editor/update-goal.ts';
import { normalizePlanFile } from '../../services/plans/normalize-plan-file.ts';
import type { PlanFile } from '../../services/plans/plan-file.ts';
import { DEMO, signIn, type Client } from '../helpers/client.ts';
import { useTestApp } from '../helpers/setup.ts';
import { buildSmallPlan, userContext } from '../helpers/small-plan.ts';
import { planIdOf } from '../reports/helpers.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const { app, deps } = await useTestApp();
let so: Client, employment: Client;
let office: Awaited<ReturnType<typeof userContext>>;
let draftId: string;

const draftRow = async () => (await deps.db.select().from(plans).where(eq(plans.id, draftId)))[0]!;
const canonical = (file: unknown) => canonicalJson(normalizePlanFile(file as PlanFile));
const exportDraft = async (planId = draftId) => {
  const res = await so.get(`/api/plans/${planId}/workbook.xlsx`);
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
  return book;
};
const save = async (book: ExcelJS.Workbook) => Buffer.from(await book.xlsx.writeBuffer());
const upload = (client: Client, body: Buffer, planId = draftId, query = '') =>
  app.inject({ method: 'POST', url: `/api/plans/${planId}/draft/workbook${query}`, headers: { ...client.headers, 'content-type': XLSX }, payload: body });
/** The row of the ＫＰＩ sheet with the KPI code. */
const kpiRow = (book: ExcelJS.Workbook, code: string) => {
  const sheet = book.getWorksheet('ＫＰＩ')!;
  for (let r = 4; r <= sheet.rowCount; r++) if (sheet.getCell(`D${r}`).value === code) return r;
  throw new Error(`no ${code}`);
};

beforeAll(async () => {
  [so, employment] = await Promise.all([signIn(app, DEMO.strategy), signIn(app, DEMO.employment)]);
  office = await userContext(deps.db, systemClock, DEMO.strategy);
  draftId = (await buildSmallPlan(office, deps.db)).planId;
}, 120_000);

describe('a draft in Excel', () => {
  it('exports the draft and imports it back as the identical draft', async () => {
    const before = await draftRow();
    const book = await exportDraft();
    expect(book.getWorksheet('計画')!.getCell('B8').value).toBe('第3期苫小牧市総合戦略（試行）');
    const res = await upload(so, await save(book));
    expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
    expect(res.json()).toMatchObject({ planId: draftId, status: 'unchanged' });
    const after = await draftRow();
    expect(canonical(after.draft)).toBe(canonical(before.draft));
    expect(after).toMatchObject({ status: 'draft', name: before.name, sourceHash: before.sourceHash });
  });

  it('replaces the draft’s content with the filled workbook (strategy office only)', async () => {
    const book = await exportDraft();
    book.getWorksheet('基本目標')!.getCell('B5').value = '安心して暮らし続けられるまち';
    book.getWorksheet('ＫＰＩ')!.getCell(`E${kpiRow(book, 'm03-p01-k2')}`).value = '認知症サポーターの養成数';
    const body = await save(book);
    expect((await upload(employment, body)).statusCode).toBe(403);
    const res = await upload(so, body);
    expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
    expect(res.json().status).toBe('replaced');
    const draft = (await draftRow()).draft as unknown as PlanFile;
    expect(draft.goals[1]!.title).toBe('安心して暮らし続けられるまち');
    expect(draft.goals[1]!.directions[0]!.measures[0]!.projects[0]!.kpis[1]!.name).toBe('認知症サポーターの養成数');
  });

  it('names each planted mistake by sheet and cell and leaves the draft as it was', async () => {
    const book = await exportDraft();
    const kpi = book.getWorksheet('ＫＰＩ')!;
    const planted = {
      [`ＫＰＩ!F${kpiRow(book, 'm03-p01-k1')}`]: [null, /^単位がありません/],
      [`ＫＰＩ!K${kpiRow(book, 'm01-p02-k1')}`]: ['約50', /^数値を入力してください（「約50」は数値として読めません）$/],
      [`ＫＰＩ!H${kpiRow(book, 'm03-p01-k2')}`]: ['多いほど良い', /^「高いほど良い」「低いほど良い」「維持」のいずれかを入力してください$/],
      '基本目標!B4': [null, /^入力してください/],
    } as const;
    for (const [at, [value]] of Object.entries(planted)) (at.startsWith('ＫＰＩ') ? kpi : book.getWorksheet('基本目標')!).getCell(at.split('!')[1]!).value = value;
    const before = await draftRow();
    const res = await upload(so, await save(book));
    expect(res.statusCode).toBe(400);
    const problems = res.json().error.problems as { field: string; messageJa: string }[];
    expect(problems.map((p) => p.field).sort()).toEqual(Object.keys(planted).sort());
    for (const [at, [, message]] of Object.entries(planted)) expect(problems.find((p) => p.field === at)?.messageJa, at).toMatch(message);
    expect(await draftRow()).toEqual(before);
  });

  it('refuses a workbook exported before the draft was changed meanwhile (409), and a stale version', async () => {
    const book = await exportDraft();
    await updateGoal({ ctx: office, input: { planId: draftId, goalNumber: 1, number: 1, title: 'しごとをつくる（改）' } });
    const before = await draftRow();
    const res = await upload(so, await save(book));
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toBe('the draft was changed after this workbook was exported; export the draft to Excel again and fill that in');
    // A version named by the caller is checked the same way.
    const fresh = await save(await exportDraft());
    expect((await upload(so, fresh, draftId, `?version=${'0'.repeat(64)}`)).statusCode).toBe(409);
    expect((await upload(so, fresh, draftId, '?version=old')).statusCode).toBe(400);
    expect(await draftRow()).toEqual(before);
    expect((await upload(so, fresh, draftId, `?version=${before.sourceHash}`)).statusCode).toBe(200);
  });

  it('refuses a workbook of no draft or of another plan, by its cell', async () => {
    const book = await exportDraft();
    book.keywords = '';
    const bare = await upload(so, await save(book));
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error.problems).toMatchObject([{ field: 'body', messageJa: 'この下書きから出力したファイルではありません。下書きの「Excelで出力」で出力したファイルに入力してください' }]);
    expect(bare.json().error.problems).toHaveLength(1);
    const other = await exportDraft();
    other.getWorksheet('計画')!.getCell('B7').value = 'another-plan';
    const moved = await upload(so, await save(other));
    expect(moved.statusCode).toBe(400);
    expect(moved.json().error.problems).toContainEqual(expect.objectContaining({ field: '計画!B7', messageJa: expect.stringMatching(/^この下書きの計画コードは「plan-2025-2029-\d+」です/) }));
  });

  it('refuses any upload to an adopted plan: it changes by revision or amendment only', async () => {
    const adopted = await planIdOf(so);
    const res = await upload(so, await save(await exportDraft()), adopted);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toBe('the plan is adopted: it changes only by a review revision or an amendment');
  });
});
