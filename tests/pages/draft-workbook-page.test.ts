/**
 * A draft's page offers its workbook (「下書きをExcelで出力」) and, to the strategy office, an
 * upload that replaces the draft's content: problems listed by sheet and cell in the page's
 * language with the draft untouched, a stale workbook told apart, a valid one back to the plan.
 */
import { eq } from 'drizzle-orm';
import type ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { plans } from '../../db/schema/index.ts';
import { systemClock } from '../../services/context.ts';
import { updateGoal } from '../../services/plans/editor/update-goal.ts';
import type { PlanFile } from '../../services/plans/plan-file.ts';
import { DEMO } from '../helpers/client.ts';
import { csrfOf, pageSignIn, type PageClient } from '../helpers/pages.ts';
import { useTestApp } from '../helpers/setup.ts';
import { buildSmallPlan, userContext } from '../helpers/small-plan.ts';
import { listedWorkbookProblems, multipart, withCells } from '../helpers/uploads.ts';

const { app, deps } = await useTestApp();
let office: PageClient, clerk: PageClient;
let draftId: string;

const draftRow = async () => (await deps.db.select().from(plans).where(eq(plans.id, draftId)))[0]!;
const listed = listedWorkbookProblems;

async function workbook(cells: Record<string, Record<string, ExcelJS.CellValue>>) {
  const res = await app.inject({ url: `/plans/${draftId}/downloads/plan.xlsx`, headers: { cookie: office.cookies() } });
  expect(res.statusCode).toBe(200);
  return withCells(res.rawPayload, cells);
}

async function upload(content: Buffer, lang = 'ja') {
  const page = await office.get(`/plans/${draftId}?lang=${lang}`);
  const body = multipart({ _csrf: csrfOf(page.body) }, { workbook: { filename: '下書き.xlsx', content } });
  return app.inject({ method: 'POST', url: `/plans/${draftId}/editor/workbook`, headers: { cookie: office.cookies(), 'content-type': body.contentType }, payload: body.payload });
}

beforeAll(async () => {
  [office, clerk] = await Promise.all([pageSignIn(app, DEMO.strategy), pageSignIn(app, DEMO.employment)]);
  draftId = (await buildSmallPlan(await userContext(deps.db, systemClock, DEMO.strategy), deps.db)).planId;
});

describe('the draft’s workbook on its page', () => {
  it('offers the download to all staff and the upload to the strategy office only', async () => {
    const own = await office.get(`/plans/${draftId}?lang=ja`);
    expect(own.body).toContain(`<a href="/plans/${draftId}/downloads/plan.xlsx" download>下書きをExcelで出力</a>`);
    expect(own.body).toContain(`action="/plans/${draftId}/editor/workbook" enctype="multipart/form-data"`);
    const theirs = await clerk.get(`/plans/${draftId}?lang=ja`);
    expect(theirs.body).toContain(`href="/plans/${draftId}/downloads/plan.xlsx"`);
    expect(theirs.body).not.toContain('/editor/workbook');
  });

  it('lists every problem by sheet and cell in the page’s language and keeps the draft', async () => {
    const bad = await workbook({ ＫＰＩ: { F5: null, K5: '多い' } });
    const before = await draftRow();
    const res = await upload(bad);
    expect(res.statusCode).toBe(400);
    expect(listed(res.body)).toEqual(['「ＫＰＩ」シート F5: 単位がありません（単位のない指標は「なし」と入力してください）', '「ＫＰＩ」シート K5: 数値を入力してください（「多い」は数値として読めません）']);
    expect(res.body).toContain('アップロードした Excel に 2 件の問題があります。下書きは変更していません。');
    const en = await upload(bad, 'en');
    expect(listed(en.body)[0]).toBe('sheet “ＫＰＩ”, cell F5: the unit is missing (write “なし” for a figure without a unit)');
    expect(await draftRow()).toEqual(before);
  });

  it('replaces the draft with a valid workbook, and tells a stale one apart', async () => {
    const filled = await workbook({ 基本目標: { B4: 'しごとをつくる・ひとを呼ぶ' } });
    const res = await upload(filled);
    expect(res.statusCode, res.body.slice(0, 400)).toBe(303);
    expect(res.headers.location).toBe(`/plans/${draftId}`);
    expect(((await draftRow()).draft as unknown as PlanFile).goals[0]!.title).toBe('しごとをつくる・ひとを呼ぶ');
    // Someone edits the draft after this workbook was exported: the upload is refused, nothing written.
    const old = await workbook({ 基本目標: { B5: '古い内容' } });
    await updateGoal({ ctx: await userContext(deps.db, systemClock, DEMO.strategy), input: { planId: draftId, goalNumber: 2, number: 2, title: '安心のまち' } });
    const stale = await upload(old);
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('この Excel を出力した後に、下書きが変更されています。');
    expect(((await draftRow()).draft as unknown as PlanFile).goals[1]!.title).toBe('安心のまち');
  });
});
