/**
 * Records for people, not codes (issue 15, item 6): with a review season under way (measure ①
 * reviewed to Act with a decided revision, measure ② in Observe, a year published and another
 * withdrawn, a council opinion), everything a person reads — every page and document the office
 * and a department reach by clicking, the Excel workbook's cells, the CSVs, the task sheet, and
 * every email the work sent — names departments, projects, KPIs, statuses and phases in words:
 * no department or plan code, no id, no enum value.
 */
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { departments, emails, kpis, projects } from '../../db/schema/index.ts';
import { CYCLE_PHASES, EFFECT_GRADES, NEXT_STEPS, PROPOSAL_STATUSES, TASK_STATUSES } from '../../db/schema/reviews/constants.ts';
import { DECISION_MARKERS } from '../../db/schema/decisions/constants.ts';
import { ORIENT_STATUSES } from '../../services/orient/statuses.ts';
import { DEMO, signIn, type Client } from '../helpers/client.ts';
import { publishYear } from '../helpers/publish.ts';
import { manualClock } from '../helpers/clock.ts';
import { crawl } from '../helpers/crawl.ts';
import { useTestApp } from '../helpers/setup.ts';
import { startSmtpSink } from '../helpers/smtp.ts';
import { useWorker, waitForIdle } from '../helpers/worker.ts';
import { planIdOf, reviewMeasureOne } from '../reports/helpers.ts';

const day0 = Date.now() + 86_400_000;
const day = (n: number) => new Date(day0 + n * 86_400_000).toISOString();
const clock = manualClock(day(0));
const smtp = await startSmtpSink();
const { app, deps } = await useTestApp({ clock, env: { SMTP_URL: smtp.url } });
const worker = await useWorker(deps);
let so: Client, employment: Client, policy: Client, care: Client;
let planId: string;
let leak: (text: string) => string[];

async function signInAll() {
  [so, employment, policy, care] = await Promise.all([signIn(app, DEMO.strategy), signIn(app, DEMO.employment), signIn(app, DEMO.policy), signIn(app, DEMO.care)]);
}

/** What a person reads of a page: its text and the attributes read aloud, no markup, addresses or email addresses. */
function visibleText(html: string): string {
  const spoken = [...html.matchAll(/\s(?:title|aria-label|placeholder|alt)="([^"]*)"/g)].map((m) => m[1]).join('\n');
  const text = html
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
  return withoutAddresses(`${text}\n${spoken}`);
}
const withoutAddresses = (text: string) => text.replace(/https?:\/\/\S+/g, ' ').replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, ' ');

async function workbookText(bytes: Buffer): Promise<string> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const cells: string[] = [];
  for (const sheet of book.worksheets) {
    cells.push(sheet.name);
    // The task sheet's own KPI ids (the hidden column for the upload) are machinery, said so in its header.
    sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value ?? ''))));
  }
  return withoutAddresses(cells.filter((c) => !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(c)).join('\n'));
}

beforeAll(async () => {
  await signInAll();
  planId = await planIdOf(so);
  const at = async (n: number) => {
    clock.set(day(n));
    await signInAll();
  };
  const review = await reviewMeasureOne({ so: () => so, departments: () => ({ 工業・雇用振興課: employment, 政策推進課: policy, 介護福祉課: care }), planId, at, dueDate: day(60).slice(0, 10) });
  // Measure ② opened: tasks waiting in Observe.
  expect((await so.post(`/api/plans/${planId}/review-cycles`, { fiscalYear: 2022, measureNumbers: [2], dueDate: day(90).slice(0, 10) })).statusCode).toBe(201);
  for (const fiscalYear of [2021, 2022]) expect((await publishYear(so, planId, fiscalYear)).statusCode).toBe(201);
  expect((await so.post(`/api/plans/${planId}/publications/2021/withdrawal`, { reason: '実績値に誤りがあったため', expectedVersion: 1 })).statusCode).toBe(200);
  const opinion = await so.post(`/api/plans/${planId}/council-opinions`, { fiscalYear: 2022, measureNumber: 1, opinion: '内定者数の指標を見直されたい。' });
  expect((await so.put(`/api/council-opinions/${opinion.json().id}/response`, { response: '指標を改めます。', decisionIds: [review.decisionId], expectedVersion: 1 })).statusCode).toBe(200);
  await waitForIdle(worker, 60_000);

  // The codes of this plan and organization, and the vocabularies' codes.
  const codes = [
    ...(await deps.db.select({ code: departments.code }).from(departments)).map((r) => r.code),
    ...(await deps.db.select({ code: projects.code }).from(projects)).map((r) => r.code),
    ...(await deps.db.select({ code: kpis.code }).from(kpis)).map((r) => r.code),
  ];
  const enums = [...CYCLE_PHASES, ...TASK_STATUSES, ...PROPOSAL_STATUSES, ...EFFECT_GRADES, ...NEXT_STEPS, ...DECISION_MARKERS, ...ORIENT_STATUSES, 'active', 'ended', 'task-returned', 'task-accepted', 'kpi', 'project', 'measure', 'publication'];
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const known = new RegExp(`(?<![\\w-])(${[...new Set([...codes, ...enums])].map(escape).join('|')})(?![\\w-])`, 'g');
  // Plan codes by their shape, ids, and a field's own key used as its label (「departments: …」).
  const shaped = /\b[mg]\d+-[pt]?\d+(-k\d+)?\b|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|(?<![\w.-])[a-z][a-zA-Z]{2,}(?=: )/g;
  leak = (text) => [...new Set([...text.matchAll(known), ...text.matchAll(shaped)].map((m) => m[0]))];
}, 240_000);

describe('nothing a person reads carries a code', () => {
  it.each([
    ['the strategy office', DEMO.strategy],
    ['a department', DEMO.employment],
  ])('in the pages and documents %s reaches by clicking', async (_who, email) => {
    const { fetched } = await crawl(app, email);
    expect(fetched.length).toBeGreaterThan(20);
    const found: string[] = [];
    for (const { url, res } of fetched) {
      // The plan workbook is the plan file as a spreadsheet, to edit and import back: its codes are the keys the
      // import matches rows by (a project's lead department, a KPI's project), so it carries them by design.
      if (url.endsWith('/downloads/plan.xlsx')) continue;
      const type = String(res.headers['content-type'] ?? '');
      const text = type.includes('spreadsheetml') ? await workbookText(res.rawPayload) : type.startsWith('text/html') ? visibleText(res.body) : type.startsWith('text/csv') ? withoutAddresses(res.body) : '';
      for (const code of leak(text)) found.push(`${code} — ${url}`);
    }
    expect(found).toEqual([]);
  }, 300_000);

  it('in the task sheet a department downloads', async () => {
    const [task] = (await employment.get('/api/tasks?fiscalYear=2022')).json().items;
    const res = await employment.get(`/api/tasks/${task.id}/sheet`);
    expect(res.statusCode).toBe(200);
    expect(leak(await workbookText(res.rawPayload))).toEqual([]);
  });

  it('in the emails the season sent', async () => {
    const sent = await deps.db.select({ subject: emails.subject, text: emails.text, template: emails.template }).from(emails);
    expect(sent.length).toBeGreaterThan(5);
    expect(sent.some((e) => e.template === 'decision')).toBe(true);
    const found = sent.flatMap((e) => leak(withoutAddresses(`${e.subject}\n${e.text}`)).map((code) => `${code} — ${e.template}: ${e.subject}`));
    expect(found).toEqual([]);
  });
});
