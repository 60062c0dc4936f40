/**
 * Plausibility on the task page and the API (issue 16 item 2), on the FY2022 task of
 * とまこまい縁結びサポート助成事業 (婚姻率 4.2% and 累計 3組 in FY2021; target 30組): warnings
 * come back beside the field and nothing is written until the value has a note; the API answers
 * 201 with the warnings; the strategy office sees the change from last year, the warnings and
 * the status the value would give (on the page and in the API's task); another department
 * still gets 404.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO, signIn, type Client } from '../helpers/client.ts';
import { pageSignIn, type PageClient } from '../helpers/pages.ts';
import { useTestApp } from '../helpers/setup.ts';

const { app, deps } = await useTestApp();
let clerk: PageClient;
let policy: Client;
let taskId: string;
let kpiIds: string[];
const submissions = async () => (await deps.database.sql`select count(*)::int as n from task_submissions where task_id = ${taskId}`)[0]!.n as number;

/** The plausibility box right after the field named `name`, as text, if any. */
function warningAfter(html: string, name: string): string | null {
  const at = html.indexOf(`name="${name}"`);
  if (at < 0) return null;
  const rest = html.slice(at, html.indexOf('</div>\n        <div class="field">', at) + 1 || undefined);
  const box = /<div class="warning plausibility"[^>]*>([\s\S]*?)<\/div>/.exec(rest);
  return box ? box[1]!.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim() : null;
}

beforeAll(async () => {
  const so = await signIn(app, DEMO.strategy);
  const planId = (await so.get('/api/plans')).json().items[0].id;
  expect((await so.post(`/api/plans/${planId}/review-cycles`, { fiscalYear: 2022, measureNumbers: [12], dueDate: '2099-06-30' })).statusCode).toBe(201);
  policy = await signIn(app, DEMO.policy);
  taskId = (await policy.get('/api/tasks?fiscalYear=2022')).json().items.find((t: { projectName: string }) => t.projectName === 'とまこまい縁結びサポート助成事業').id;
  kpiIds = (await policy.get(`/api/tasks/${taskId}`)).json().kpis.map((k: { id: string }) => k.id);
  clerk = await pageSignIn(app, DEMO.policy);
  await clerk.get(`/tasks/${taskId}`);
});

describe('the clerk’s form', () => {
  it('shows warnings beside the value, not errors, and writes nothing', async () => {
    const before = await submissions();
    const res = await clerk.post(`/tasks/${taskId}/submit`, { 'values[0].value': '4.5', 'values[1].value': '1,234' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('確認してください');
    expect(res.body).not.toContain('aria-invalid');
    const warning = warningAfter(res.body, 'values[1].value');
    expect(warning).toContain('令和3年度の実績（3組）の3倍を超えています。');
    expect(warning).toContain('目標値（令和6年度・30組）を大きく超えています');
    expect(warningAfter(res.body, 'values[0].value')).toBeNull();
    // The summary at the top links to the field; the input is kept.
    expect(res.body).toMatch(/<a href="#v1-value">とましん結婚相談所登録者の結婚数<\/a>/);
    expect(res.body).toMatch(/name="values\[1\]\.value"[^>]*value="1,234"/);
    expect(await submissions()).toBe(before);
  });

  it('warns of a running total lower than last year’s', async () => {
    const res = await clerk.post(`/tasks/${taskId}/submit`, { 'values[0].value': '4.5', 'values[1].value': '2' });
    expect(res.statusCode).toBe(200);
    expect(warningAfter(res.body, 'values[1].value')).toContain('累計の指標ですが、令和3年度の累計（3組）より小さい値です。');
  });

  it('still gives the range error first, not a warning', async () => {
    const res = await clerk.post(`/tasks/${taskId}/submit`, { 'values[0].value': '150', 'values[1].value': '5' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('「婚姻率」の実績値：割合（%）は 0 から 100 の範囲で入力してください');
    expect(warningAfter(res.body, 'values[0].value')).toBeNull();
  });

  it('sends the value with a note', async () => {
    const before = await submissions();
    const res = await clerk.post(`/tasks/${taskId}/submit`, { 'values[0].value': '4.5', 'values[1].value': '1,234', 'values[1].note': '相談所の登録者数を誤って記入していないことを確認済み' });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(303);
    expect(await submissions()).toBe(before + 1);
    const [row] = await deps.database.sql`select v.value, v.note from submission_values v join task_submissions s on s.id = v.submission_id where s.task_id = ${taskId} and v.kpi_id = ${kpiIds[1]!} order by s.version desc limit 1`;
    expect({ value: Number(row!.value), note: row!.note }).toEqual({ value: 1234, note: '相談所の登録者数を誤って記入していないことを確認済み' });
  });
});

describe('the strategy office’s review', () => {
  it('shows the change from last year, the warnings and the status the value would give', async () => {
    const office = await pageSignIn(app, DEMO.strategy);
    const html = (await office.get(`/tasks/${taskId}`)).body;
    const review = html.slice(html.indexOf('id="kpi-' + kpiIds[1]!), html.indexOf('id="office-heading"'));
    expect(review).toContain('令和3年度の3組から 1,231組 増加');
    expect(review).toContain('この値での判定（見込み）');
    expect(review).toMatch(/badge s-achieved[^>]*>.*達成/);
    expect(review).toContain('令和3年度の実績（3組）の3倍を超えています。');
    expect(review).not.toContain('データなし');
    const rate = html.slice(html.indexOf('id="kpi-' + kpiIds[0]!), html.indexOf('id="kpi-' + kpiIds[1]!));
    expect(rate).toContain('令和3年度の4.2%から 0.3ポイント 増加');
    expect(rate).toContain('この値での判定（見込み）');
    expect(rate).not.toContain('データなし');
    // Beside accept/return: each value with its change, its status preview and its checks.
    const actions = html.slice(html.indexOf('id="office-heading"'), html.indexOf(`action="/tasks/${taskId}/accept"`));
    expect(actions).toContain('提出された値（受理・差戻しの判断材料）');
    expect(actions).toMatch(/とましん結婚相談所登録者の結婚数<\/a><\/th>\s*<td class="num">1,234組<\/td>\s*<td>令和3年度の3組から 1,231組 増加<\/td>\s*<td><span class="badge s-achieved">/);
    expect(actions).toContain('確認してください（2件）');
  });

  it('says the same in English', async () => {
    const office = await pageSignIn(app, DEMO.strategy);
    const html = (await office.get(`/tasks/${taskId}?lang=en`)).body;
    expect(html).toContain('up 1,231 groups from 3 groups in FY2021');
    expect(html).toContain('More than 3 times the actual of FY2021 (3 groups).');
    expect(html).toContain('Status with this value (preview)');
  });
});

describe('the API', () => {
  it('answers 201 with the warnings, and never refuses for them', async () => {
    const res = await policy.post(`/api/tasks/${taskId}/submissions`, { values: [{ kpiId: kpiIds[0], value: 4.5 }, { kpiId: kpiIds[1], value: 2 }] });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().warnings).toEqual([{ index: 1, kpiId: kpiIds[1], warnings: [{ code: 'cumulative_decrease', fiscalYear: 2021, previous: 3 }] }]);
    const plain = await policy.post(`/api/tasks/${taskId}/submissions`, { values: [{ kpiId: kpiIds[0], value: 4.5 }, { kpiId: kpiIds[1], value: 6 }] });
    expect(plain.statusCode).toBe(201);
    expect(plain.json().warnings).toEqual([]);
  });

  it('gives the office the same review in the task', async () => {
    await policy.post(`/api/tasks/${taskId}/submissions`, { values: [{ kpiId: kpiIds[0], value: 4.5 }, { kpiId: kpiIds[1], value: 1234, note: '確認済み' }] });
    const so = await signIn(app, DEMO.strategy);
    const res = await so.get(`/api/tasks/${taskId}`);
    expect(res.statusCode).toBe(200);
    const review = res.json().valueReview.find((r: { kpiId: string }) => r.kpiId === kpiIds[1]);
    expect(review.change).toEqual({ fiscalYear: 2021, previous: 3, difference: 1231 });
    expect(review.warnings.map((w: { code: string }) => w.code)).toEqual(['jump_from_last_year', 'far_past_target']);
    expect(review.preview.status).toBe('achieved');
  });

  it('uses the city’s factors from the plan settings', async () => {
    await deps.database.sql`update plans set orient_settings = jsonb_set(coalesce(orient_settings, '{}'::jsonb), '{plausibility}', '{"jumpFactor": 1.5}')`;
    try {
      const res = await policy.post(`/api/tasks/${taskId}/submissions`, { values: [{ kpiId: kpiIds[0], value: 4.5 }, { kpiId: kpiIds[1], value: 5 }] });
      expect(res.json().warnings).toEqual([{ index: 1, kpiId: kpiIds[1], warnings: [{ code: 'jump_from_last_year', fiscalYear: 2021, previous: 3, factor: 1.5, from: 'actual', change: 'up' }] }]);
    } finally {
      await deps.database.sql`update plans set orient_settings = orient_settings - 'plausibility'`;
    }
  });
});

describe('another department', () => {
  it('gets 404 for the task, its page and its form, and writes nothing', async () => {
    const before = await submissions();
    const children = await signIn(app, DEMO.children);
    expect((await children.get(`/api/tasks/${taskId}`)).statusCode).toBe(404);
    expect((await children.post(`/api/tasks/${taskId}/submissions`, { values: [{ kpiId: kpiIds[0], value: 4.5 }, { kpiId: kpiIds[1], value: 1234 }] })).statusCode).toBe(404);
    const page = await pageSignIn(app, DEMO.children);
    expect((await page.get(`/tasks/${taskId}`)).statusCode).toBe(404);
    expect((await page.post(`/tasks/${taskId}/submit`, { 'values[0].value': '4.5', 'values[1].value': '1234' })).statusCode).toBe(404);
    expect(await submissions()).toBe(before);
  });
});
