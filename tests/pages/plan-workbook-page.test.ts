/**
 * The plan workbook from the reports menu: 「Excelで出力」 downloads it for any staff member;
 * 「Excelから取り込む」 (strategy office) uploads a filled one as a multipart form, lists its
 * problems by sheet and cell in the page's language with nothing written, and imports a valid one.
 */
import type ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../helpers/client.ts';
import { csrfOf, pageSignIn, type PageClient } from '../helpers/pages.ts';
import { useTestApp } from '../helpers/setup.ts';
import { listedWorkbookProblems, multipart, withCells } from '../helpers/uploads.ts';

const { app, deps } = await useTestApp();
let office: PageClient, clerk: PageClient;
let planId: string;

const plans = async () => (await deps.database.sql`select count(*)::int as n from plans`)[0]!.n as number;
const listed = listedWorkbookProblems;

async function workbook(cells: Record<string, Record<string, ExcelJS.CellValue>>) {
  const res = await app.inject({ url: `/plans/${planId}/downloads/plan.xlsx`, headers: { cookie: office.cookies() } });
  expect(res.statusCode).toBe(200);
  return withCells(res.rawPayload, cells);
}

async function upload(content: Buffer, lang = 'ja') {
  const page = await office.get(`/plans/${planId}/reports?lang=${lang}`);
  const body = multipart({ _csrf: csrfOf(page.body) }, { workbook: { filename: '計画.xlsx', content } });
  return app.inject({ method: 'POST', url: `/plans/${planId}/plan-workbook`, headers: { cookie: office.cookies(), 'content-type': body.contentType }, payload: body.payload });
}

beforeAll(async () => {
  [office, clerk] = await Promise.all([pageSignIn(app, DEMO.strategy), pageSignIn(app, DEMO.employment)]);
  const menu = await office.get('/tasks');
  planId = /href="\/plans\/([0-9a-f-]{36})\/reports"/.exec(menu.body)![1]!;
});

describe('the plan workbook on the reports menu', () => {
  it('offers 「Excelで出力」 to all staff and 「Excelから取り込む」 to the strategy office only', async () => {
    const own = await office.get(`/plans/${planId}/reports?lang=ja`);
    expect(own.body).toContain(`<a href="/plans/${planId}/downloads/plan.xlsx" download>Excelで出力</a>`);
    expect(own.body).toContain(`action="/plans/${planId}/plan-workbook" enctype="multipart/form-data"`);
    expect(own.body).toContain('Excelから取り込む');
    const theirs = await clerk.get(`/plans/${planId}/reports?lang=ja`);
    expect(theirs.body).toContain(`href="/plans/${planId}/downloads/plan.xlsx"`);
    expect(theirs.body).not.toContain('plan-workbook');
  });

  it('lists every problem by sheet and cell, keeps nothing, in the page’s language', async () => {
    const bad = await workbook({ 計画: { B7: 'tomakomai-page-copy' }, ＫＰＩ: { F5: null, N6: '多い' } });
    const before = await plans();
    const res = await upload(bad);
    expect(res.statusCode).toBe(400);
    expect(listed(res.body)).toEqual(['「ＫＰＩ」シート F5: 単位がありません（単位のない指標は「なし」と入力してください）', '「ＫＰＩ」シート N6: 数値を入力してください（「多い」は数値として読めません）']);
    expect(res.body).toContain('アップロードした Excel に 2 件の問題があります。');
    const en = await upload(bad, 'en');
    expect(listed(en.body)[0]).toBe('sheet “ＫＰＩ”, cell F5: the unit is missing (write “なし” for a figure without a unit)');
    expect(await plans()).toBe(before);
  });

  it('imports a valid workbook as a new plan and goes to its reports menu', async () => {
    const before = await plans();
    const res = await upload(await workbook({ 計画: { B7: 'tomakomai-page-copy' } }));
    expect(res.statusCode, res.body.slice(0, 400)).toBe(303);
    expect(res.headers.location).toMatch(/^\/plans\/[0-9a-f-]{36}\/reports$/);
    expect(res.headers.location).not.toBe(`/plans/${planId}/reports`);
    expect(await plans()).toBe(before + 1);
  });
});
