/**
 * A department downloads its FY2022 task as a sheet, fills it in (in Excel or LibreOffice) and
 * uploads it: checked like the form, every problem named by cell, nothing written unless all
 * is valid, and only by the department that owns the task.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO, signIn, type Client } from '../helpers/client.ts';
import { useTestApp } from '../helpers/setup.ts';
import { hasLibreOffice } from '../helpers/system-tools.ts';
import { planIdOf, resaveWithLibreOffice } from './helpers.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let app: Awaited<ReturnType<typeof useTestApp>>['app'];
let so: Client, employment: Client, children: Client, care: Client;
let nurseryTask: { id: string }, jobFairTask: { id: string };
let nurseryKpis: { id: string; name: string }[];

const upload = (client: Client, taskId: string, body: Buffer | string, contentType = XLSX) =>
  app.inject({ method: 'POST', url: `/api/tasks/${taskId}/sheet`, headers: { ...client.headers, 'content-type': contentType }, payload: body });

async function sheetOf(client: Client, taskId: string) {
  const res = await client.get(`/api/tasks/${taskId}/sheet`);
  expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
  return { res, book, sheet: book.getWorksheet('実績報告')! };
}

/** Downloads the task's sheet, sets cells (address → value) and returns the file to upload. */
async function filled(client: Client, taskId: string, cells: Record<string, ExcelJS.CellValue>, numFmt: Record<string, string> = {}) {
  const { book, sheet } = await sheetOf(client, taskId);
  for (const [address, value] of Object.entries(cells)) sheet.getCell(address).value = value;
  for (const [address, format] of Object.entries(numFmt)) sheet.getCell(address).numFmt = format;
  return Buffer.from(await book.xlsx.writeBuffer());
}

const taskState = async (client: Client, taskId: string) => {
  const task = (await client.get(`/api/tasks/${taskId}`)).json();
  return { status: task.status, submissions: task.submissions.length };
};

beforeAll(async () => {
  ({ app } = await useTestApp());
  [so, employment, children, care] = await Promise.all([signIn(app, DEMO.strategy), signIn(app, DEMO.employment), signIn(app, DEMO.children), signIn(app, DEMO.care)]);
  const planId = await planIdOf(so);
  expect((await so.post(`/api/plans/${planId}/review-cycles`, { fiscalYear: 2022, measureNumbers: [1, 6], dueDate: '2099-06-30' })).statusCode).toBe(201);
  const tasks = (await children.get('/api/tasks?fiscalYear=2022')).json().items as { id: string; projectCode: string }[];
  nurseryTask = tasks.find((t) => t.projectCode === 'm06-p01')!;
  nurseryKpis = (await children.get(`/api/tasks/${nurseryTask.id}`)).json().kpis;
  jobFairTask = ((await employment.get('/api/tasks?fiscalYear=2022')).json().items as { id: string; projectCode: string }[]).find((t) => t.projectCode === 'm01-p01')!;
});

describe('downloading a task sheet', () => {
  it('gives the project’s KPIs with baseline, last actual and target, and yellow cells to fill', async () => {
    const { res, sheet } = await sheetOf(children, nurseryTask.id);
    expect(res.headers['content-type']).toBe(XLSX);
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('令和4年度_実績報告_地域子育て支援事業_こども育成課.xlsx')}`);
    expect(sheet.getCell('A1').value).toBe('令和4年度　実績報告　地域子育て支援事業');
    expect(String(sheet.getCell('A2').value)).toMatch(/^施策⑥\u3000.+\u3000／\u3000こども育成課\u3000／\u3000提出期限 令和81年6月30日（火）$/);
    expect(sheet.getCell('K1').value).toBe(nurseryTask.id);
    expect(['A', 'B', 'C', 'D', 'E', 'H', 'I', 'J'].map((c) => sheet.getCell(`${c}4`).value)).toEqual([
      '指標名', '実績値（令和4年度）', '単位', '中止した場合の理由', '確報値／速報値', '基準値', '前年度までの実績', '目標値',
    ]);
    const rows = [5, 6, 7].map((r) => ['A', 'B', 'C', 'E', 'H', 'I', 'J', 'K'].map((c) => sheet.getCell(`${c}${r}`).value));
    expect(rows).toEqual([
      ['プレールーム利用数', null, '人', '確報値', '35,761人（平成30年度）', '12,817人（令和3年度）', '15,000人（令和6年度）', nurseryKpis[0]!.id],
      ['育児相談件数', null, '件', '確報値', '668件（平成30年度）', '278件（令和3年度）', '300件（令和6年度）', nurseryKpis[1]!.id],
      ['サークルルーム登録団体数', null, '団体', '確報値', '25団体（平成30年度）', '21団体（令和3年度）', '30団体（令和6年度）', nurseryKpis[2]!.id],
    ]);
  });

  it('is the department’s own: another department gets 404, the strategy office may read it', async () => {
    expect((await care.get(`/api/tasks/${nurseryTask.id}/sheet`)).statusCode).toBe(404);
    expect((await so.get(`/api/tasks/${nurseryTask.id}/sheet`)).statusCode).toBe(200);
  });
});

describe('uploading a filled sheet', () => {
  it('names every problem by cell, in the form’s words, and writes nothing', async () => {
    const file = await filled(children, nurseryTask.id, { B5: -3, B6: 'たくさん', B7: null, E6: 'たぶん' });
    const res = await upload(children, nurseryTask.id, file);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.problems).toMatchObject([
      { field: 'B6', messageJa: '育児相談件数: 数値を入力してください（「たくさん」は数値として読めません）' },
      { field: 'E6', messageJa: '「確報値」か「速報値」を選んでください' },
    ]);
    expect(await taskState(children, nurseryTask.id)).toEqual({ status: 'open', submissions: 0 });
  });

  it('maps the submission checks (submitActuals) back to cells', async () => {
    const file = await filled(children, nurseryTask.id, { B5: -3, B6: 12.5, B7: null });
    const res = await upload(children, nurseryTask.id, file);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.problems).toMatchObject([
      { field: 'B5', messageJa: '「プレールーム利用数」の実績値：件数・人数は 0 以上で入力してください' },
      { field: 'B6', messageJa: '「育児相談件数」の実績値：件数・人数は整数で入力してください' },
      { field: 'B7', messageJa: '「サークルルーム登録団体数」の実績値：入力するか、中止の理由を記入してください' },
    ]);
    expect(await taskState(children, nurseryTask.id)).toEqual({ status: 'open', submissions: 0 });
  });

  it('refuses the sheet of another task, and a file that is not a workbook', async () => {
    const other = await filled(employment, jobFairTask.id, { B5: 10 });
    const wrong = await upload(children, nurseryTask.id, other);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.problems).toMatchObject([{ field: 'K1', messageJa: 'この課題のシートではありません。この課題のシートをダウンロードし直して入力してください' }]);
    const junk = await upload(children, nurseryTask.id, Buffer.from('not a zip'), 'application/octet-stream');
    expect(junk.statusCode).toBe(400);
    expect(junk.json().error.problems[0].field).toBe('body');
    const json = await children.post(`/api/tasks/${nurseryTask.id}/sheet`, { values: [] });
    expect(json.statusCode).toBe(400);
    expect(json.json().error.problems[0].field).toBe('body');
  });

  it('refuses a zip bomb before parsing it, in words, and writes nothing', async () => {
    // 25 MB of one byte, deflated to a few kilobytes: the shape of the security review's 1.7 MB → 50 MB upload.
    const bomb = new JSZip();
    bomb.file('[Content_Types].xml', '<Types/>');
    bomb.file('xl/worksheets/sheet1.xml', Buffer.alloc(25 * 1024 * 1024, 0x20));
    const file = await bomb.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    const res = await upload(children, nurseryTask.id, file);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.problems).toMatchObject([{ field: 'body', messageJa: '展開後の大きさが上限（20 MB）を超えています' }]);
    expect(await taskState(children, nurseryTask.id)).toEqual({ status: 'open', submissions: 0 });
  });

  it('is authorized exactly as the form: another department 404, the strategy office 403', async () => {
    const file = await filled(children, nurseryTask.id, { B5: 1, B6: 1, B7: 1 });
    expect((await upload(care, nurseryTask.id, file)).statusCode).toBe(404);
    expect((await upload(so, nurseryTask.id, file)).statusCode).toBe(403);
    expect(await taskState(children, nurseryTask.id)).toEqual({ status: 'open', submissions: 0 });
  });

  it.skipIf(!hasLibreOffice)('submits a sheet filled and saved in LibreOffice: numbers as typed, a percentage cell, a cancellation', async () => {
    const typed = await filled(
      children,
      nurseryTask.id,
      { B3: '令和4年度の実績です', B5: '１３，２０５人', B6: 2.81, B7: null, D7: '新型コロナウイルス感染症の影響で登録を休止', E5: '速報値', F5: '4月〜9月は推計' },
      { B6: '0%' },
    );
    const res = await upload(children, nurseryTask.id, await resaveWithLibreOffice(typed));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ submission: { version: 1, comment: '令和4年度の実績です' }, task: { status: 'submitted' } });
    const task = (await children.get(`/api/tasks/${nurseryTask.id}`)).json();
    const values = task.submissions[0].values.map((v: { kpiId: string; value: number; quality: string; cancelledReason: string | null; note: string | null }) => [
      nurseryKpis.find((k) => k.id === v.kpiId)!.name, v.value, v.quality, v.cancelledReason, v.note,
    ]);
    expect(values).toEqual(expect.arrayContaining([
      ['プレールーム利用数', 13205, 'provisional', null, '4月〜9月は推計'],
      ['育児相談件数', 281, 'final', null, null],
      ['サークルルーム登録団体数', 0, 'final', '新型コロナウイルス感染症の影響で登録を休止', null],
    ]));
  });

  it('downloads again with what was submitted, ready to correct', async () => {
    const { sheet } = await sheetOf(children, nurseryTask.id);
    expect(['B3', 'B5', 'E5', 'B6', 'B7', 'D7'].map((a) => sheet.getCell(a).value)).toEqual(['令和4年度の実績です', 13205, '速報値', 281, null, '新型コロナウイルス感染症の影響で登録を休止']);
    const corrected = await filled(children, nurseryTask.id, { B5: 13300, E5: '確報値' });
    const res = await upload(children, nurseryTask.id, corrected);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().submission.version).toBe(2);
  });
});
