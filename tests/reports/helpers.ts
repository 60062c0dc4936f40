/** Helpers of the report tests: LibreOffice read-back, CSV parsing, and a review to report on. */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'vitest';
import type { Client } from '../helpers/client.ts';

/**
 * Opens a workbook in LibreOffice (headless, its own profile so parallel runs do not collide)
 * and writes every sheet as CSV of the values as displayed: what a person sees on opening it.
 */
export async function readBackWithLibreOffice(xlsx: Buffer): Promise<Map<string, string[][]>> {
  const dir = mkdtempSync(join(tmpdir(), 'cityplan-lo-'));
  try {
    writeFileSync(join(dir, 'book.xlsx'), xlsx);
    // 44 comma, 34 quote, 76 UTF-8, …, true: as shown, …, -1: every sheet to its own file.
    const filter = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1';
    await promisify(execFile)('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', filter, '--outdir', join(dir, 'out'), join(dir, 'book.xlsx')], { timeout: 120_000 });
    const sheets = new Map<string, string[][]>();
    for (const file of readdirSync(join(dir, 'out'))) {
      const name = /^book-(.+)\.csv$/.exec(file)?.[1];
      if (name) sheets.set(name, parseCsv(readFileSync(join(dir, 'out', file), 'utf8')));
    }
    return sheets;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Prints a workbook to PDF with LibreOffice, as a person's 印刷 would, and reads the pages'
 * sizes in points (A4 landscape is 842 × 595): how many pages, and which way round.
 */
export async function printWithLibreOffice(xlsx: Buffer): Promise<{ width: number; height: number }[]> {
  const dir = mkdtempSync(join(tmpdir(), 'cityplan-lo-'));
  try {
    writeFileSync(join(dir, 'book.xlsx'), xlsx);
    await promisify(execFile)('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', join(dir, 'out'), join(dir, 'book.xlsx')], { timeout: 180_000 });
    const pdf = readFileSync(join(dir, 'out', 'book.pdf')).toString('latin1');
    // Each page object carries its MediaBox (LibreOffice writes page dictionaries uncompressed).
    const pages = [...pdf.matchAll(/\/Type\s*\/Page\b(?!s)[\s\S]*?>>/g)].map((m) => /\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(m[0]));
    return pages.map((box) => ({ width: Math.round(Number(box?.[3]) - Number(box?.[1])), height: Math.round(Number(box?.[4]) - Number(box?.[2])) }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** RFC 4180: quoted fields with doubled quotes and line breaks; CRLF or LF. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

export const planIdOf = async (client: Client): Promise<string> => (await client.get('/api/plans')).json().items[0].id;

interface TaskRow { id: string; projectCode: string; departmentName: string; lead: boolean }

/**
 * A FY2022 review of measure ① run to Act: every task submitted and accepted, the KPIs behind
 * explained, every project assessed, and one approved revision (内定者数 renamed, ＫＰＩ変更).
 * `at` moves the application clock (and signs everyone in again).
 */
export async function reviewMeasureOne(opts: {
  so: () => Client;
  departments: () => Record<string, Client>;
  planId: string;
  at: (day: number) => Promise<void>;
  dueDate: string;
}) {
  const { planId } = opts;
  const opened = await opts.so().post(`/api/plans/${planId}/review-cycles`, { fiscalYear: 2022, measureNumbers: [1], dueDate: opts.dueDate });
  expect(opened.statusCode, opened.body).toBe(201);
  const cycleId: string = opened.json().opened[0].cycleId;
  const cycle = (await opts.so().get(`/api/review-cycles/${cycleId}`)).json();
  for (const task of cycle.tasks as TaskRow[]) {
    const client = opts.departments()[task.departmentName]!;
    const kpis = (await client.get(`/api/tasks/${task.id}`)).json().kpis as { id: string; name: string }[];
    // 内定者数 10 (off track); everything else comfortably on track.
    const res = await client.post(`/api/tasks/${task.id}/submissions`, { values: kpis.map((k) => ({ kpiId: k.id, value: k.name === '内定者数' ? 10 : 60 })) });
    expect(res.statusCode, res.body).toBe(201);
    expect((await opts.so().post(`/api/tasks/${task.id}/accept`, {})).statusCode).toBe(200);
  }
  await opts.at(70);
  expect((await opts.so().post(`/api/review-cycles/${cycleId}/advance`, {})).statusCode).toBe(200);

  const oriented = (await opts.so().get(`/api/review-cycles/${cycleId}`)).json();
  const leadOf = (projectId: string) => (oriented.tasks as (TaskRow & { projectId: string })[]).find((t) => t.projectId === projectId && t.lead)!;
  const explained: string[] = [];
  for (const k of oriented.kpis.filter((x: { needsExplanation: boolean }) => x.needsExplanation)) {
    const owner = opts.departments()[leadOf(k.projectId).departmentName]!;
    const res = await owner.put(`/api/review-cycles/${cycleId}/kpis/${k.id}/explanation`, { cause: '説明会の参加企業が減った', improvement: 'オンライン説明会を併用する' });
    expect(res.statusCode, res.body).toBe(200);
    explained.push(k.name);
  }
  for (const projectId of new Set<string>(oriented.tasks.map((t: { projectId: string }) => t.projectId))) {
    const res = await opts.so().put(`/api/review-cycles/${cycleId}/projects/${projectId}/assessment`, { effectGrade: 'effective', nextStep: 'improve', comment: '継続して改善' });
    expect(res.statusCode, res.body).toBe(200);
  }
  expect((await opts.so().post(`/api/review-cycles/${cycleId}/advance`, {})).statusCode).toBe(200);

  const p01 = (oriented.kpis as { id: string; name: string; code: string }[]).find((k) => k.code === 'm01-p01-k1')!;
  const employment = opts.departments()['工業・雇用振興課']!;
  const proposal = await employment.post(`/api/review-cycles/${cycleId}/proposals`, { marker: 'kpi_changed', subjectId: p01.id, proposed: { name: '市内企業への内定者数' }, rationale: '市内企業への就職に絞って効果を測るため' });
  expect(proposal.statusCode, proposal.body).toBe(201);
  expect((await opts.so().post(`/api/proposals/${proposal.json().id}/approve`, { reason: '妥当' })).statusCode).toBe(200);
  await opts.at(90);
  const act = await opts.so().post(`/api/review-cycles/${cycleId}/advance`, {});
  expect(act.statusCode, act.body).toBe(200);
  const decisionId: number = act.json().decisionIds[0];
  return { cycleId, decisionId, changedKpiId: p01.id, explained };
}

/** Opens a workbook in LibreOffice and saves it again as .xlsx, as a person using Calc would. */
export async function resaveWithLibreOffice(xlsx: Buffer): Promise<Buffer> {
  const dir = mkdtempSync(join(tmpdir(), 'cityplan-lo-'));
  try {
    writeFileSync(join(dir, 'in.xlsx'), xlsx);
    await promisify(execFile)('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', join(dir, 'out'), join(dir, 'in.xlsx')], { timeout: 120_000 });
    return readFileSync(join(dir, 'out', 'in.xlsx'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
