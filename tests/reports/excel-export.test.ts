/**
 * The Excel and CSV exports of the Tomakomai plan at FY2021: the tables the city prints, opened
 * in LibreOffice and read back as a person would see them.
 */
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { anonymous, DEMO, signIn, type Client } from '../helpers/client.ts';
import { useTestApp } from '../helpers/setup.ts';
import { hasLibreOffice } from '../helpers/system-tools.ts';
import { parseCsv, planIdOf, readBackWithLibreOffice } from './helpers.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let app: Awaited<ReturnType<typeof useTestApp>>['app'];
let so: Client, employment: Client;
let planId: string;
let xlsx: Buffer;
let sheets: Map<string, string[][]>;

const rowOf = (sheet: string, name: string) => sheets.get(sheet)!.find((r) => r[4] === name)!;

beforeAll(async () => {
  ({ app } = await useTestApp());
  so = await signIn(app, DEMO.strategy);
  employment = await signIn(app, DEMO.employment);
  planId = await planIdOf(so);
  // The strategy office's workbook: every department's sheet.
  const res = await so.get(`/api/plans/${planId}/reports/kpi-tables.xlsx?fiscalYear=2021`);
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  xlsx = res.rawPayload;
  if (hasLibreOffice) sheets = await readBackWithLibreOffice(xlsx);
}, 180_000);

describe.skipIf(!hasLibreOffice)('the Excel export (FY2021)', () => {
  it('downloads with its Japanese name (RFC 5987) and an ASCII fallback, for any staff member', async () => {
    const res = await employment.get(`/api/plans/${planId}/reports/kpi-tables.xlsx?fiscalYear=2021`);
    expect(res.headers['content-type']).toBe(XLSX);
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="tomakomai-2nd-kpi-tables-FY2021.xlsx"; filename*=UTF-8''${encodeURIComponent('苫小牧市総合戦略（第2期）_ＫＰＩ表_令和3年度.xlsx')}`,
    );
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect((await anonymous(app).get(`/api/plans/${planId}/reports/kpi-tables.xlsx`)).statusCode).toBe(401);
  });

  it('has an overview, a sheet per basic goal, the decision log and a sheet per department', () => {
    const names = [...sheets.keys()];
    expect(names).toEqual(expect.arrayContaining(['概要', '基本目標1', '基本目標2', '基本目標3', '基本目標4', '決定記録', '工業・雇用振興課', '介護福祉課', 'こども育成課']));
    // 4 goals + overview + decision log + the 27 departments that run projects.
    expect(names).toHaveLength(33);
  });

  it('gives a department member its own department’s sheet only, and the strategy office every department’s', async () => {
    const sheetNames = async (client: Client) => {
      const book = new ExcelJS.Workbook();
      await book.xlsx.load((await client.get(`/api/plans/${planId}/reports/kpi-tables.xlsx?fiscalYear=2021`)).rawPayload as unknown as ExcelJS.Buffer);
      return book.worksheets.map((w) => w.name);
    };
    const common = ['概要', '基本目標1', '基本目標2', '基本目標3', '基本目標4', '決定記録'];
    expect(await sheetNames(employment)).toEqual([...common, '工業・雇用振興課']);
    const office = await sheetNames(so);
    expect(office.slice(0, 6)).toEqual(common);
    expect(office.slice(6)).toHaveLength(27);
    expect(office).toEqual(expect.arrayContaining(['工業・雇用振興課', '介護福祉課', 'こども育成課']));
  });

  it('lays each goal out as the document does: 指標名, 基準値 with its year, 実績値 per year, 目標値 with its year', () => {
    expect(sheets.get('基本目標1')![0]![0]).toBe('基本目標1　地元企業と学生との“つながり”を強化し、地元雇用の確保・拡大を実現');
    expect(sheets.get('基本目標1')![3]!.slice(0, 16)).toEqual([
      '区分', '施策', '事業名', '担当課', '指標名', '単位', '累計', '基準値', '基準年度', '実績値（令和2年度）', '実績値（令和3年度）', '目標値', '目標年度', '達成率', '判定', '判定の理由',
    ]);
    // 10 numeric targets and 94 KPIs.
    const dataRows = ['基本目標1', '基本目標2', '基本目標3', '基本目標4'].map((s) => sheets.get(s)!.slice(4).filter((r) => r[0]));
    expect(dataRows.map((rows) => rows.length)).toEqual([20, 28, 29, 27]);
    expect(dataRows.flat().filter((r) => r[0] === '数値目標')).toHaveLength(10);
  });

  it('prints figures with their unit and 累計 as the document does, and the status with achievement', () => {
    // 内定者数 9人 → 累計 7人 of 累計 40人: 7/40 = 17.5 %; 7 against 16 expected → 遅れ.
    expect(rowOf('基本目標1', '内定者数').slice(0, 15)).toEqual([
      'ＫＰＩ', '施策①　若者の市内就職の促進', '合同就職説明会事業', '工業・雇用振興課', '内定者数', '人', '累計', '9人', '平成30年度', '−', '累計 7人', '累計 40人', '令和6年度', '17.5%', '遅れ',
    ]);
    expect(rowOf('基本目標1', '新規創業件数').slice(7, 15)).toEqual(['12件', '平成30年度', '−', '累計 43件', '累計 125件', '令和6年度', '34.4%', '要注意']);
    expect(rowOf('基本目標1', '管内学生の管内事業所就職割合').slice(7, 15)).toEqual(['45.5%', '平成30年度', '−', '45.9%', '50%', '令和6年度', '8.8%', '遅れ']);
    // A COVID-19 cancellation is a fact, marked as such; a calendar-year figure keeps 平成30年; one baseline is FY2017.
    expect(rowOf('基本目標1', '参加企業・団体数').slice(7, 15)).toEqual(['24社', '平成30年度', '−', '0社※', '27社', '令和6年度', '', '中止']);
    expect(rowOf('基本目標4', '貨物取扱量（外貿）').slice(7, 15)).toEqual(['17,550千ｔ', '平成30年', '−', '16,034千ｔ', '22,144千ｔ', '令和6年', '基準値から減少', '遅れ']);
    expect(rowOf('基本目標3', 'ホームページアクセス数及びフェイスブックリーチ数').slice(7, 12)).toEqual(['8,969,733件', '平成29年度', '−', '16,080,853件', '17,000,000件']);
  });

  it('keeps the figures numbers in the workbook (the unit is in the number format)', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx as unknown as ExcelJS.Buffer);
    const sheet = book.getWorksheet('基本目標1')!;
    const row = sheet.getRows(5, 20)!.find((r) => r.getCell(5).value === '内定者数')!;
    expect([row.getCell(8).value, row.getCell(8).numFmt]).toEqual([9, '#,##0"人"']);
    expect([row.getCell(11).value, row.getCell(11).numFmt]).toEqual([7, '"累計 "#,##0"人"']);
    expect(row.getCell(14).value).toBe(0.175);
    const cancelled = sheet.getRows(5, 20)!.find((r) => r.getCell(5).value === '参加企業・団体数')!;
    expect(String(cancelled.getCell(11).note)).toContain('新型コロナウイルス感染症の影響で事業が中止');
  });

  it('adds up the statuses by goal', () => {
    const total = sheets.get('概要')!.find((r) => r[0] === '合計（ＫＰＩ）')!;
    expect(sheets.get('概要')![3]).toEqual(['基本目標', '指標数', '達成', '順調', '要注意', '遅れ', '中止', '判定保留', 'データなし', '評価対象外', '平均達成率']);
    expect(total.slice(0, 10)).toEqual(['合計（ＫＰＩ）', '94', '3', '32', '8', '39', '7', '0', '5', '0']);
  });

  it('lists the decision log: the 42 revisions of the FY2022 mid-term review', () => {
    const log = sheets.get('決定記録')!.slice(4).filter((r) => r[0]);
    expect(log).toHaveLength(42);
    const byKind = Object.fromEntries([...new Set(log.map((r) => r[2]))].map((k) => [k, log.filter((r) => r[2] === k).length]));
    expect(byKind).toEqual({ 新規施策: 1, 新規事業: 5, 事業内容変更: 6, 取組終了: 2, 数値目標変更: 1, ＫＰＩ変更: 27 });
    const g1t3 = log.find((r) => r[4] === '新規創業件数' && r[2] === '数値目標変更')!;
    expect(g1t3.slice(1, 6)).toEqual(['令和4年度', '数値目標変更', '指標', '新規創業件数', '計画書']);
    // When and what, in words: the document's decisions carry only their year; no code, no JSON.
    expect(g1t3[8]).toBe('令和4年度（計画書に日付の記載なし）');
    for (const r of log) expect(r[9], r.join('|')).not.toMatch(/[{}"]|\bm\d+-p\d+|\bg\d+-t\d+/);
  });

  it('gives each department its projects, KPIs and task status', () => {
    const rows = sheets.get('工業・雇用振興課')!;
    expect(rows[3]).toEqual(['施策', '事業名', '担当', '指標名', '単位', '課題の状況', '提出期限', '提出値', '実績値（令和3年度）', '判定']);
    expect(rows.slice(4, 7)).toEqual([
      ['施策①　若者の市内就職の促進', '合同就職説明会事業', '主', '内定者数', '人', '未開始', '', '', '累計 7人', '遅れ'],
      ['施策①　若者の市内就職の促進', '若者人材育成事業', '主', '就職者数', '人', '未開始', '', '', '累計 16人', '順調'],
      ['施策①　若者の市内就職の促進', '苫小牧ＵＩＪターン新規就業支援事業', '共', '北海道のマッチングサイト求人掲載数', '件', '未開始', '', '', '14件', '遅れ'],
    ]);
  });

  it('shows a year’s tasks as they stand: submitted values and status', async () => {
    const opened = await so.post(`/api/plans/${planId}/review-cycles`, { fiscalYear: 2022, measureNumbers: [1], dueDate: '2099-06-30' });
    expect(opened.statusCode, opened.body).toBe(201);
    const [task] = (await employment.get('/api/tasks?fiscalYear=2022')).json().items;
    const [kpi] = (await employment.get(`/api/tasks/${task.id}`)).json().kpis;
    expect((await employment.post(`/api/tasks/${task.id}/submissions`, { values: [{ kpiId: kpi.id, value: 12 }] })).statusCode).toBe(201);

    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await so.get(`/api/plans/${planId}/reports/kpi-tables.xlsx?fiscalYear=2022`)).rawPayload as unknown as ExcelJS.Buffer);
    const sheet = book.getWorksheet('工業・雇用振興課')!;
    expect(sheet.getRow(5).values).toEqual([undefined, '施策①　若者の市内就職の促進', '合同就職説明会事業', '主', '内定者数', '人', '提出済み（確認待ち）', '令和81年6月30日（火）', 12, '−', 'データなし']);
    expect(sheet.getRow(6).getCell(6).value).toBe('未提出');
    // Another measure has no cycle this year: its tasks do not exist.
    expect(sheet.getRow(8).getCell(6).value).toBe('課題なし');
  });

  it('refuses a fiscal year outside the plan, naming the field', async () => {
    const res = await so.get(`/api/plans/${planId}/reports/kpi-tables.xlsx?fiscalYear=2030`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.problems).toMatchObject([{ field: 'querystring.fiscalYear', message: 'must be within the plan period 2020–2024' }]);
  });
});

describe('the CSV export', () => {
  it('is UTF-8 with a BOM and CRLF, one row per numeric target and KPI, figures as plain numbers', async () => {
    const res = await employment.get(`/api/plans/${planId}/reports/kpi-tables.csv?fiscalYear=2021`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = res.rawPayload.subarray(3).toString('utf8');
    expect(text.split('\r\n')).toHaveLength(106); // header + 104 rows + the final line break
    const rows = parseCsv(text);
    expect(rows[0]!.slice(7, 18)).toEqual(['指標名', '単位', '累計', '基準値', '基準年度', '実績値（令和2年度）', '実績値（令和3年度）', '目標値', '目標年度', '達成率（%）', '判定']);
    // Named as the document names them; no project or KPI code.
    expect(rows.find((r) => r[5] === '合同就職説明会事業' && r[7] === '内定者数')!.slice(0, 18)).toEqual([
      '1', 'ＫＰＩ', '1-1', '1', '若者の市内就職の促進', '合同就職説明会事業', '工業・雇用振興課', '内定者数', '人', '累計', '9', '平成30年度', '', '7', '40', '令和6年度', '17.5', '遅れ',
    ]);
  });

  it('is Shift_JIS on request, with the same content', async () => {
    const [utf8, sjis] = await Promise.all([
      employment.get(`/api/plans/${planId}/reports/kpi-tables.csv?fiscalYear=2021`),
      employment.get(`/api/plans/${planId}/reports/kpi-tables.csv?fiscalYear=2021&encoding=shift_jis`),
    ]);
    expect(sjis.headers['content-type']).toBe('text/csv; charset=Shift_JIS');
    expect(sjis.headers['content-disposition']).toContain('filename="tomakomai-2nd-kpi-tables-FY2021_sjis.csv"');
    // 令和 in Shift_JIS is 97DF 9861.
    expect(sjis.rawPayload.includes(Buffer.from([0x97, 0xdf, 0x98, 0x61]))).toBe(true);
    expect(iconv.decode(sjis.rawPayload, 'Shift_JIS')).toBe(utf8.rawPayload.subarray(3).toString('utf8'));
  });

  it('names a bad encoding', async () => {
    const res = await employment.get(`/api/plans/${planId}/reports/kpi-tables.csv?encoding=euc-jp`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.problems[0].field).toBe('querystring.encoding');
  });
});
