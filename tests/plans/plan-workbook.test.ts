/**
 * The plan as an Excel workbook and back: the Tomakomai plan's workbook reads back to the very
 * plan file the JSON export gives, imports as a new plan, and a workbook with ten planted
 * mistakes is refused with each named by sheet and cell, in Japanese, nothing written.
 */
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../services/plans/canonical-json.ts';
import { normalizePlanFile } from '../../services/plans/normalize-plan-file.ts';
import type { PlanFile } from '../../services/plans/plan-file.ts';
import { readPlanWorkbook } from '../../services/plans/workbook/read-plan-workbook.ts';
import { writePlanWorkbook } from '../../services/plans/workbook/write-plan-workbook.ts';
import { nextPeriod } from '../helpers/next-period-plan.ts';
import { DEMO, signIn, type Client } from '../helpers/client.ts';
import { useTestApp } from '../helpers/setup.ts';
import { planIdOf } from '../reports/helpers.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let app: Awaited<ReturnType<typeof useTestApp>>['app'];
let deps: Awaited<ReturnType<typeof useTestApp>>['deps'];
let so: Client, employment: Client;
let planId: string;
let exported: PlanFile;
let xlsx: Buffer;

const load = async (bytes: Buffer) => {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return book;
};
const save = async (book: ExcelJS.Workbook) => Buffer.from(await book.xlsx.writeBuffer());
const upload = (client: Client, body: Buffer) => app.inject({ method: 'POST', url: '/api/plans/workbook', headers: { ...client.headers, 'content-type': XLSX }, payload: body });
const planCount = async () => (await deps.db.execute<{ n: number }>(sql`select (select count(*) from plans) + (select count(*) from kpi_values) + (select count(*) from departments) as n`))[0]!.n;

/** The row of a sheet whose column holds the text (data rows start at 4). */
function rowWhere(sheet: ExcelJS.Worksheet, column: string, value: string, skip = 0): number {
  let seen = 0;
  for (let r = 4; r <= sheet.rowCount; r++) if (String(sheet.getCell(`${column}${r}`).value ?? '') === value && seen++ === skip) return r;
  throw new Error(`no ${value} in ${sheet.name}!${column}`);
}

beforeAll(async () => {
  ({ app, deps } = await useTestApp());
  [so, employment] = await Promise.all([signIn(app, DEMO.strategy), signIn(app, DEMO.employment)]);
  planId = await planIdOf(so);
  exported = (await so.get(`/api/plans/${planId}/export`)).json();
  const res = await employment.get(`/api/plans/${planId}/workbook.xlsx`);
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expect(res.headers['content-type']).toBe(XLSX);
  expect(res.headers['content-disposition']).toContain(encodeURIComponent('苫小牧市総合戦略（第2期）_計画.xlsx'));
  xlsx = res.rawPayload;
}, 120_000);

describe('the plan workbook', () => {
  it('reads back to the identical plan file (canonical JSON) for the Tomakomai plan', async () => {
    const read = readPlanWorkbook(await load(xlsx));
    expect(read.problems).toMatchObject([]);
    expect(canonicalJson(normalizePlanFile(read.file as unknown as PlanFile))).toBe(canonicalJson(exported));
  });

  it('lays the KPIs out as the document does: 指標名, 単位, 累計, 基準値 with its year, 実績値 by year, 目標値 with its year', async () => {
    const sheet = (await load(xlsx)).getWorksheet('ＫＰＩ')!;
    const header = sheet.getRow(3).values as unknown[];
    expect(header.slice(1)).toEqual([
      '区分', '基本目標の番号', '事業コード', 'ＫＰＩコード', '指標名', '単位', '累計', '望ましい方向', '出典', '注記', '基準値', '基準年度（西暦）',
      '実績値（2020年度）', '実績値（2021年度）', '実績値（2022年度）', '実績値（2023年度）', '実績値（2024年度）', '目標値', '目標年度（西暦）',
    ]);
    const r = rowWhere(sheet, 'D', 'm01-p01-k1');
    expect((sheet.getRow(r).values as unknown[]).slice(1)).toEqual(['ＫＰＩ', undefined, 'm01-p01', 'm01-p01-k1', '内定者数', '人', '累計', '高いほど良い', undefined, undefined, 9, 2018, undefined, 7, undefined, undefined, undefined, 40, 2024]);
  });

  it('imports a filled workbook as a new plan of the organization (strategy office only), which exports as the same plan file', async () => {
    const book = await load(xlsx);
    book.getWorksheet('計画')!.getCell('B7').value = 'tomakomai-2nd-copy';
    const body = await save(book);
    expect((await upload(employment, body)).statusCode).toBe(403);
    const res = await upload(so, body);
    expect(res.statusCode, res.body.slice(0, 500)).toBe(201);
    const created = res.json();
    expect(created.counts).toMatchObject({ goals: 4, kpis: 104 });
    const copy = (await so.get(`/api/plans/${created.planId}/export`)).json();
    expect(canonicalJson(copy)).toBe(canonicalJson({ ...exported, plan: { ...exported.plan, code: 'tomakomai-2nd-copy' } }));
    // The same workbook again changes nothing; the same code with other content is refused at the code's cell.
    expect((await upload(so, body)).statusCode).toBe(200);
    book.getWorksheet('計画')!.getCell('B8').value = '別の計画';
    const taken = await upload(so, await save(book));
    expect(taken.statusCode).toBe(400);
    expect(taken.json().error.problems).toMatchObject([{ field: '計画!B7', messageJa: 'この計画コードの計画は既にあります。別の計画コードにしてください' }]);
  });

  it('reports all ten planted mistakes by sheet and cell in Japanese, and writes nothing', async () => {
    const book = await load(xlsx);
    book.getWorksheet('計画')!.getCell('B7').value = 'tomakomai-2nd-mistakes';
    const kpi = book.getWorksheet('ＫＰＩ')!;
    const projects = book.getWorksheet('事業')!;
    const revisions = book.getWorksheet('見直し')!;
    const details = book.getWorksheet('値の詳細')!;
    const detailed = new Set<string>();
    for (let r = 4; r <= details.rowCount; r++) detailed.add(String(details.getCell(`A${r}`).value));
    // KPI rows with no figures in 値の詳細, so a changed code or row breaks nothing else.
    const plainRows: number[] = [];
    for (let r = 4; r <= kpi.rowCount; r++) if (kpi.getCell(`C${r}`).value && !detailed.has(String(kpi.getCell(`D${r}`).value))) plainRows.push(r);
    const percentRow = plainRows.find((r) => kpi.getCell(`F${r}`).value === '%' && typeof kpi.getCell(`R${r}`).value === 'number')!;
    const [a, b, c, d, e, f, g] = plainRows.filter((r) => r !== percentRow);
    const set = (sheet: ExcelJS.Worksheet, cell: string, value: ExcelJS.CellValue) => {
      sheet.getCell(cell).value = value;
      return `${sheet.name}!${cell}`;
    };
    const planted: [string, RegExp][] = [
      [set(kpi, `F${a}`, null), /^単位がありません/],
      [set(kpi, `N${b}`, '約50'), /^数値を入力してください（「約50」は数値として読めません）$/],
      [set(projects, `E${rowWhere(projects, 'B', 'm02-p01')}`, '存在しない課'), /^担当課「存在しない課」は担当課の一覧にありません$/],
      // The later of the two rows carries the duplicate.
      [set(kpi, `D${c}`, String(kpi.getCell(`D${a}`).value)), /^ＫＰＩコード「.+」が重複しています（最初は ＫＰＩ!D\d+）$/],
      [set(kpi, `L${d}`, '昨年'), /^年度を西暦の数字で入力してください/],
      [set(kpi, `S${e}`, 2030), /^目標年度は計画期間（2020〜2024年度）内の年度にしてください$/],
      [set(kpi, `H${f}`, '多いほど良い'), /^「高いほど良い」「低いほど良い」「維持」のいずれかを入力してください$/],
      [set(kpi, `R${percentRow}`, 150), /^割合（%）は 0 から 100 の範囲で入力してください$/],
      [set(kpi, `E${g}`, null), /^入力してください/],
      [set(revisions, 'C4', '改定'), /^「新規施策」.*のいずれかを入力してください$/],
    ];
    const before = await planCount();
    const res = await upload(so, await save(book));
    expect(res.statusCode).toBe(400);
    const problems = res.json().error.problems as { field: string; messageJa: string }[];
    expect(problems.map((p) => p.field).sort()).toEqual(planted.map(([cell]) => cell).sort());
    for (const [cell, message] of planted) expect(problems.find((p) => p.field === cell)?.messageJa, cell).toMatch(message);
    expect(await planCount()).toBe(before);
  });

  it('refuses what is not a workbook, and a zip bomb, before reading it', async () => {
    const res = await upload(so, Buffer.from('not a workbook'));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.problems).toMatchObject([{ field: 'body', messageJa: 'Excel ファイル（.xlsx）として読めません。「Excelで出力」で出力した様式に入力してください' }]);
    // 25 MB of one byte deflated to a few kilobytes: refused by the uploads' archive limits, as the task sheet is.
    const bomb = new JSZip();
    bomb.file('[Content_Types].xml', '<Types/>');
    bomb.file('xl/worksheets/sheet1.xml', Buffer.alloc(25 * 1024 * 1024, 0x20));
    const before = await planCount();
    const refused = await upload(so, await bomb.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.problems).toMatchObject([{ field: 'body', messageJa: '展開後の大きさが上限（20 MB）を超えています' }]);
    expect(await planCount()).toBe(before);
  });

  it('keeps a next period’s predecessors on the 継続元 sheet: read back identical, imported as links, a wrong one named by cell', async () => {
    const book = writePlanWorkbook(nextPeriod());
    const sheet = book.getWorksheet('継続元')!;
    expect((sheet.getRow(3).values as unknown[]).slice(1)).toEqual(['対象', '対象の番号・コード', '前期の計画コード', '前期の番号・コード']);
    expect([4, 5, 6, 7].map((r) => (sheet.getRow(r).values as unknown[]).slice(1))).toEqual([
      ['ＫＰＩ', 'g3-t1', 'tomakomai-2nd', 'g3-t1'],
      ['施策', 1, 'tomakomai-2nd', 12],
      ['事業', 'm12-p01', 'tomakomai-2nd', 'm12-p01'],
      ['ＫＰＩ', 'm12-p01-k1', 'tomakomai-2nd', 'm12-p01-k1'],
    ]);
    const bytes = await save(book);
    const read = readPlanWorkbook(await load(bytes));
    expect(read.problems).toEqual([]);
    expect(canonicalJson(normalizePlanFile(read.file as unknown as PlanFile))).toBe(canonicalJson(normalizePlanFile(nextPeriod())));

    const wrong = await load(bytes);
    wrong.getWorksheet('継続元')!.getCell('D7').value = 'm12-p01-k9';
    const before = await planCount();
    const refused = await upload(so, await save(wrong));
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.problems).toMatchObject([{ field: '継続元!D7', messageJa: '計画「tomakomai-2nd」にＫＰＩ「m12-p01-k9」はありません' }]);
    expect(await planCount()).toBe(before);

    const res = await upload(so, bytes);
    expect(res.statusCode, res.body.slice(0, 500)).toBe(201);
    const links = await deps.db.execute<{ code: string; predecessor: string }>(
      sql`select k.code, pk.code as predecessor from kpis k join kpis pk on pk.id = k.predecessor_kpi_id where k.plan_id = ${res.json().planId} order by k.code`,
    );
    expect(links.map((l) => [l.code, l.predecessor])).toEqual([['g3-t1', 'g3-t1'], ['m12-p01-k1', 'm12-p01-k1']]);
  });
});
