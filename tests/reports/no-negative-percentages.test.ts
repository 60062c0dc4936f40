/**
 * No negative percentage anywhere a person reads: every rendered output of the Tomakomai plan
 * — the dashboard and KPI pages, the committee packet, the Excel workbook, the CSV, the public
 * progress page and its open data, and the Orient notice email that lists the KPIs behind with
 * their reasons — for each year with figures. Many Tomakomai KPIs fell below
 * their baseline during COVID-19 (新規創業セミナー参加者数 69 → 48, スポーツ合宿件数 155 → 62),
 * so the decline must be there in words instead.
 */
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO, anonymous, signIn, type Client } from '../helpers/client.ts';
import { useTestApp } from '../helpers/setup.ts';
import { phaseNoticeEmail } from '../../templates/emails/phase-notice.ts';
import { renderEmail } from '../../templates/emails/render.ts';
import { planIdOf } from './helpers.ts';
import { publishYear } from '../helpers/publish.ts';

// A minus of any kind (hyphen, minus sign, full-width, ▲ as Japanese accounts print it), then a number and a per cent sign.
const NEGATIVE_PERCENT = /[-−－▲△]\s*[0-9０-９][0-9０-９,，.]*\s*[%％]/;

let so: Client;
let citizen: Client;
let planId: string;
const outputs = new Map<string, string>();

/** The lines of a text that hold a negative percentage, with where they came from. */
function offending(text: string): string[] {
  return text
    .replace(/<[^>]+>/g, ' ')
    .split(/\n|(?<=[。）])/)
    .filter((line) => NEGATIVE_PERCENT.test(line))
    .map((line) => line.trim().slice(0, 200));
}

beforeAll(async () => {
  const { app } = await useTestApp();
  so = await signIn(app, DEMO.strategy);
  citizen = anonymous(app);
  planId = await planIdOf(so);
  const fetchText = async (label: string, url: string, client = so) => {
    const res = await client.get(url);
    expect(res.statusCode, `${label}: ${res.body.slice(0, 200)}`).toBe(200);
    outputs.set(label, res.body);
  };
  for (const year of [2021, 2022]) {
    await fetchText(`dashboard ${year}`, `/plans/${planId}/dashboard?fiscalYear=${year}`);
    await fetchText(`committee packet ${year}`, `/reports/plans/${planId}/committee-packet?fiscalYear=${year}`);
    await fetchText(`KPI CSV ${year}`, `/api/plans/${planId}/reports/kpi-tables.csv?fiscalYear=${year}`);
    const xlsx = await so.get(`/api/plans/${planId}/reports/kpi-tables.xlsx?fiscalYear=${year}`);
    expect(xlsx.statusCode).toBe(200);
    outputs.set(`Excel ${year}`, await workbookAsShown(xlsx.rawPayload));
  }
  // A KPI page of one that fell below its baseline.
  const dashboard = (await so.get(`/api/plans/${planId}/dashboard?fiscalYear=2021`)).json();
  // The emails that carry figures: the Orient notice lists each KPI behind with its reason, as the job renders it.
  type Entry = { name: string; assessment: { status: string; label: { ja: string; en: string }; reason: { ja: string; en: string } } };
  const behind: Entry[] = dashboard.goals.flatMap((g: { directions: { measures: { projects: { kpis: Entry[] }[] }[] }[] }) =>
    g.directions.flatMap((d) => d.measures.flatMap((m) => m.projects.flatMap((p) => p.kpis))),
  ).filter((k: Entry) => k.assessment.status === 'off_track' || k.assessment.status === 'at_risk');
  const emails = (['ja', 'en'] as const).map((locale) => {
    const mail = renderEmail(
      phaseNoticeEmail({ phase: 'orient', departmentName: '政策推進課', fiscalYear: 2021, measureNumber: 1, measureTitle: '若者の市内就職の促進', kpisBehind: behind.map((k) => ({ name: k.name, status: k.assessment.label[locale], reason: k.assessment.reason[locale] })), cycleUrl: 'http://localhost/cycles/x' }, locale),
      locale,
    );
    return `${mail.subject}\n${mail.text}\n${mail.html}`;
  });
  outputs.set('Orient notice emails', emails.join('\n'));
  const seminar = dashboard.goals.flatMap((g: { directions: { measures: { projects: { kpis: { id: string; code: string }[] }[] }[] }[] }) =>
    g.directions.flatMap((d) => d.measures.flatMap((m) => m.projects.flatMap((p) => p.kpis))),
  ).find((k: { code: string }) => k.code === 'm03-p01-k1');
  await fetchText('KPI page 新規創業セミナー参加者数', `/plans/${planId}/kpis/${seminar.id}?fiscalYear=2021`);
  // The public page and its open data, as citizens get them.
  expect((await publishYear(so, planId, 2021)).statusCode).toBe(201);
  await fetchText('public progress page', `/public/plans/${planId}/progress/2021`, citizen);
  await fetchText('open data JSON', `/public/plans/${planId}/progress/2021/open-data.json`, citizen);
  await fetchText('open data CSV', `/public/plans/${planId}/progress/2021/open-data.csv`, citizen);
});

/** Every cell as a person sees it: a number with a percentage format is shown ×100 with %. */
async function workbookAsShown(buffer: Buffer): Promise<string> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(buffer as unknown as ArrayBuffer);
  const lines: string[] = [];
  book.eachSheet((sheet) =>
    sheet.eachRow((row) => {
      const cells: string[] = [];
      row.eachCell((cell) => {
        const v = cell.value;
        if (typeof v === 'number' && /%/.test(cell.numFmt ?? '')) cells.push(`${v * 100}%`);
        else cells.push(typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v));
      });
      lines.push(`${sheet.name}: ${cells.join(' | ')}`);
    }),
  );
  return lines.join('\n');
}

describe('the rendered outputs of the Tomakomai plan', () => {
  it('were all produced', () => {
    expect([...outputs.keys()]).toHaveLength(13);
  });

  it('carry no negative percentage', () => {
    const found = [...outputs].flatMap(([label, text]) => offending(text).map((line) => `${label}: ${line}`));
    expect(found).toEqual([]);
  });

  it('say a decline below the baseline in words instead', () => {
    for (const label of ['dashboard 2021', 'Orient notice emails', 'committee packet 2021', 'KPI CSV 2021', 'Excel 2021', 'public progress page', 'KPI page 新規創業セミナー参加者数']) {
      expect(outputs.get(label), label).toContain('基準値から減少');
    }
    expect(JSON.parse(outputs.get('open data JSON')!).records.find((r: { code: string }) => r.code === 'm03-p01-k1')).toMatchObject({ achievementPercent: null, achievementNote: '基準値から減少' });
  });

  it('give changes of a percentage in points and label ratios', () => {
    // 管内学生の管内事業所就職割合 45.5% → 45.9%: a change of 0.4 points, against 2.25 points expected.
    const dashboard = outputs.get('dashboard 2021')!;
    expect(dashboard).toContain('基準値からの伸び 0.4ポイントが想定の伸び 2.25ポイントの割合で、進捗率 17.7%');
  });

  it('the test itself catches a negative percentage in any of its spellings', () => {
    for (const bad of ['達成率 -58.4%', '進み具合 −700 %', '▲12.5％', '－３％']) expect(offending(`<td>${bad}</td>`), bad).toHaveLength(1);
    for (const fine of ['達成率 58.4%', '基準値から減少', '2020-2024年 50%']) expect(offending(fine), fine).toEqual([]);
  });
});
