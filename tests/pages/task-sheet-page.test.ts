/**
 * The task sheet from the task page (issue 16 §6): a link downloads it; a file input uploads
 * it back (multipart, CSRF checked); its problems are listed by cell at the form in the page's
 * language and nothing is written; a good sheet is submitted and the page says so.
 */
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO, signIn } from '../helpers/client.ts';
import { csrfOf, pageSignIn, type PageClient } from '../helpers/pages.ts';
import { useTestApp } from '../helpers/setup.ts';
import { multipart, pdfFile } from '../helpers/uploads.ts';
import { installWriteCounter, writeCounts, writesBetween } from '../fuzz/write-counter.ts';

const { app, deps } = await useTestApp();
const sql = deps.database.sql;
let clerk: PageClient, office: PageClient, stranger: PageClient;
let taskId: string;

async function sheetFrom(browser: PageClient, cells: Record<string, ExcelJS.CellValue>) {
  const res = await app.inject({ url: `/tasks/${taskId}/sheet`, headers: { cookie: browser.cookies() } });
  expect(res.statusCode).toBe(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
  const sheet = book.getWorksheet('実績報告')!;
  for (const [address, value] of Object.entries(cells)) sheet.getCell(address).value = value;
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function uploadSheet(browser: PageClient, content: Buffer, path = `/tasks/${taskId}?lang=ja`) {
  const page = await browser.get(path);
  const body = multipart({ _csrf: csrfOf(page.body) }, { sheet: { filename: '実績報告.xlsx', content } });
  const before = await writeCounts(sql);
  const res = await app.inject({ method: 'POST', url: `/tasks/${taskId}/sheet${path.includes('lang=en') ? '?lang=en' : ''}`, headers: { cookie: browser.cookies(), 'content-type': body.contentType }, payload: body.payload });
  return { res, writes: writesBetween(before, await writeCounts(sql)) };
}

/** The cell problems listed at the sheet's form. */
const listed = (html: string) => [...(/<div id="sheet-problems"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '').matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, '').trim());

beforeAll(async () => {
  const so = await signIn(app, DEMO.strategy);
  const planId = (await so.get('/api/plans')).json().items[0].id;
  expect((await so.post(`/api/plans/${planId}/review-cycles`, { fiscalYear: 2022, measureNumbers: [6], dueDate: '2099-06-30' })).statusCode).toBe(201);
  const children = await signIn(app, DEMO.children);
  taskId = ((await children.get('/api/tasks?fiscalYear=2022')).json().items as { id: string; projectCode: string }[]).find((t) => t.projectCode === 'm06-p01')!.id;
  [clerk, office, stranger] = await Promise.all([pageSignIn(app, DEMO.children), pageSignIn(app, DEMO.strategy), pageSignIn(app, DEMO.care)]);
  await installWriteCounter(sql);
});

describe('the task sheet on the task page', () => {
  it('links the download for the department and the office; only the department gets the upload form', async () => {
    const own = await clerk.get(`/tasks/${taskId}`);
    expect(own.body).toContain(`<a href="/tasks/${taskId}/sheet" download>実績報告シート（Excel）をダウンロード</a>`);
    expect(own.body).toMatch(new RegExp(`<form method="post" action="/tasks/${taskId}/sheet" enctype="multipart/form-data"`));
    expect(own.body).toMatch(/<input id="sheet" name="sheet" type="file" accept="\.xlsx,/);
    const theirs = await office.get(`/tasks/${taskId}`);
    expect(theirs.body).toContain(`href="/tasks/${taskId}/sheet"`);
    expect(theirs.body).not.toContain(`action="/tasks/${taskId}/sheet"`);
    const download = await app.inject({ url: `/tasks/${taskId}/sheet`, headers: { cookie: office.cookies() } });
    expect(download.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect((await app.inject({ url: `/tasks/${taskId}/sheet`, headers: { cookie: stranger.cookies(), accept: 'text/html' } })).statusCode).toBe(404);
  });

  it('lists a malformed sheet’s problems by cell at the form, keeps the page, and writes nothing', async () => {
    const { res, writes } = await uploadSheet(clerk, await sheetFrom(clerk, { B5: -3, B6: 'たくさん', B7: null, E6: 'たぶん' }));
    expect(res.statusCode).toBe(400);
    expect(writes).toEqual([]);
    expect(res.body).toMatch(/id="sheet-error"><span aria-hidden="true">！<\/span>アップロードしたシートに 2 件の問題があります。何も提出していません。/);
    expect(res.body).toMatch(/<input id="sheet" name="sheet" type="file"[^>]*aria-invalid="true" aria-describedby="sheet-error sheet-problems">/);
    expect(listed(res.body)).toEqual(['セル B6: 育児相談件数: 数値を入力してください（「たくさん」は数値として読めません）', 'セル E6: 「確報値」か「速報値」を選んでください']);
    // The summary at the top says the same in one line.
    expect(res.body).toMatch(/class="error-summary"[\s\S]*アップロードしたシートに 2 件の問題があります/);
  });

  it('speaks English on the English page, and names the submission’s own checks by cell', async () => {
    const { res, writes } = await uploadSheet(clerk, await sheetFrom(clerk, { B5: -3, B6: 'lots', B7: 4 }), `/tasks/${taskId}?lang=en`);
    expect(res.statusCode).toBe(400);
    expect(writes).toEqual([]);
    expect(listed(res.body)).toEqual(['Cell B6: 育児相談件数: enter a number (“lots” cannot be read as one)']);
    const checks = await uploadSheet(clerk, await sheetFrom(clerk, { B5: -3, B6: 1, B7: 4 }), `/tasks/${taskId}?lang=en`);
    expect(checks.res.statusCode).toBe(400);
    expect(checks.writes).toEqual([]);
    expect(listed(checks.res.body)).toHaveLength(1);
    expect(listed(checks.res.body)[0]).toMatch(/^Cell B5: /);
  });

  it('refuses a file that is not a workbook, and no file at all, next to the input', async () => {
    const pdf = await uploadSheet(clerk, pdfFile());
    expect(pdf.res.statusCode).toBe(400);
    expect(pdf.writes).toEqual([]);
    expect(listed(pdf.res.body)).toEqual(['Excel ファイル（.xlsx）として読めません。ダウンロードした実績報告シートをアップロードしてください']);
    const none = await uploadSheet(clerk, Buffer.alloc(0));
    expect(none.res.statusCode).toBe(400);
    expect(listed(none.res.body)).toEqual(['ダウンロードした実績報告シート（.xlsx）を選んでください']);
    expect(none.writes).toEqual([]);
  });

  it('another department gets 404 and the form without a token 403, writing nothing', async () => {
    const file = await sheetFrom(clerk, { B5: 1, B6: 1, B7: 1 });
    const before = await writeCounts(sql);
    const body = multipart({ _csrf: csrfOf((await stranger.get('/tasks')).body) }, { sheet: { filename: 's.xlsx', content: file } });
    expect((await app.inject({ method: 'POST', url: `/tasks/${taskId}/sheet`, headers: { cookie: stranger.cookies(), 'content-type': body.contentType }, payload: body.payload })).statusCode).toBe(404);
    const forged = multipart({ _csrf: 'forged' }, { sheet: { filename: 's.xlsx', content: file } });
    expect((await app.inject({ method: 'POST', url: `/tasks/${taskId}/sheet`, headers: { cookie: clerk.cookies(), 'content-type': forged.contentType }, payload: forged.payload })).statusCode).toBe(403);
    expect(writesBetween(before, await writeCounts(sql))).toEqual([]);
  });

  it('submits a good sheet and says so after the redirect', async () => {
    const { res } = await uploadSheet(clerk, await sheetFrom(clerk, { B5: 13205, B6: 281, B7: 22 }));
    expect(res.statusCode, res.body.slice(0, 300)).toBe(303);
    expect(res.headers.location).toBe(`/tasks/${taskId}`);
    // The flash cookie the redirect set, as the browser sends it back.
    const flash = res.cookies.find((c) => c.name === 'cityplan_flash')!;
    const page = await app.inject({ url: `/tasks/${taskId}`, headers: { cookie: `${clerk.cookies()}; ${flash.name}=${flash.value}` } });
    expect(page.body).toContain('Excel シートの実績値を提出しました。');
    const [{ n }] = (await sql`select count(*)::int as n from task_submissions`) as unknown as [{ n: number }];
    expect(n).toBe(1);
  });
});
