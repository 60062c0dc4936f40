/**
 * The clerk's task page over app.inject: what is asked and by when comes first (a returned
 * task's reason, who returned it and when, above the form), required fields say 必須, an error
 * names its KPI and field and the summary at the top links to the field and takes focus, 送信
 * goes through a confirmation screen that lists what will be sent, and 一時保存 keeps a draft
 * that the page shows again (a stale one is refused with a message).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { isoDateInTokyo } from '../../services/fiscal-year.ts';
import { DEMO, signIn, type Client } from '../helpers/client.ts';
import { pageSignIn, type PageClient } from '../helpers/pages.ts';
import { useTestApp } from '../helpers/setup.ts';

const { app, deps } = await useTestApp();
let so: Client;
let clerk: PageClient;
let taskId: string;
let kpiIds: string[];
const dueDate = isoDateInTokyo(new Date(Date.now() + 10 * 86_400_000));
const count = async (table: 'task_submissions' | 'submission_drafts') => (await deps.database.sql.unsafe(`select count(*)::int as n from ${table}`))[0]!.n as number;
/** The page from the start of <main> up to the figures form: what a reader meets first. */
const beforeForm = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('id="figures"'));
const figures = { 'values[0].value': '6.1', 'values[0].quality': 'provisional', 'values[1].value': '１２', 'values[1].note': '相談所の集計', comment: '令和6年度分です' };

beforeAll(async () => {
  so = await signIn(app, DEMO.strategy);
  const planId = (await so.get('/api/plans')).json().items[0].id;
  expect((await so.post(`/api/plans/${planId}/review-cycles`, { fiscalYear: 2024, measureNumbers: [12], dueDate })).statusCode).toBe(201);
  const policy = await signIn(app, DEMO.policy);
  // とまこまい縁結びサポート助成事業: 婚姻率 (%) and とましん結婚相談所登録者の結婚数 (組)
  taskId = (await policy.get('/api/tasks?fiscalYear=2024')).json().items.find((t: { projectName: string }) => t.projectName === 'とまこまい縁結びサポート助成事業').id;
  kpiIds = ((await policy.get(`/api/tasks/${taskId}`)).json().kpis as { id: string }[]).map((k) => k.id);
  clerk = await pageSignIn(app, DEMO.policy);
});

describe('what to do, first', () => {
  it('opens with what is asked and the due date in 和暦 with the days left, and the inbox links to the form', async () => {
    const first = beforeForm((await clerk.get(`/tasks/${taskId}`)).body);
    expect(first).toContain('令和6年度の実績値（ＫＰＩ 2 件）を入力し、提出期限までに送信してください。');
    expect(first).toMatch(/提出期限：令和\d+年\d+月\d+日（.）/);
    expect(first).toContain('あと 10 日');
    expect(first).toContain('href="#figures"');
    expect((await clerk.get('/tasks')).body).toContain(`href="/tasks/${taskId}#figures"`);
  });

  it('puts a returned task’s reason, who returned it and when above everything else', async () => {
    const policy = await signIn(app, DEMO.policy);
    expect((await policy.post(`/api/tasks/${taskId}/submissions`, { values: [{ kpiId: kpiIds[0], value: 6 }, { kpiId: kpiIds[1], value: 1234 }] })).statusCode).toBe(201);
    expect((await so.post(`/api/tasks/${taskId}/return`, { comment: '結婚数は累計ではなく組数で入力してください' })).statusCode).toBe(200);
    const html = (await clerk.get(`/tasks/${taskId}`)).body;
    const first = beforeForm(html);
    expect(first).toContain('差し戻されています');
    expect(first).toContain('<dd class="return-reason">結婚数は累計ではなく組数で入力してください</dd>');
    expect(first).toContain('<dd>戦略 太郎</dd>');
    expect(first).toMatch(/差し戻した日時<\/dt><dd>令和\d+年\d+月\d+日（.） \d\d:\d\d</);
    // Before the page's own summary, right under the heading and any errors.
    expect(html.indexOf('差し戻されています')).toBeLessThan(html.indexOf('id="summary-heading"'));
  });
});

describe('form conventions', () => {
  it('marks each required figure 必須, in words and for assistive technology', async () => {
    const html = (await clerk.get(`/tasks/${taskId}`)).body;
    expect(html.match(/<span class="req">必須<\/span>/g)).toHaveLength(2);
    expect(html).toMatch(/name="values\[0\]\.value"[^>]*aria-required="true"/);
    expect(html).toMatch(/name="values\[1\]\.value"[^>]*aria-required="true"/);
  });

  it('names the KPI and the field in every error, and the summary links to each field and takes focus', async () => {
    const before = await count('task_submissions');
    const res = await clerk.post(`/tasks/${taskId}/confirm`, { 'values[0].value': '150', 'values[1].value': 'たくさん', 'values[1].note': 'x'.repeat(2001) });
    expect(res.statusCode).toBe(400);
    const summary = /<div class="error-summary"[^>]*>([\s\S]*?)<\/div>/.exec(res.body)!;
    expect(summary[0]).toMatch(/tabindex="-1" autofocus/);
    expect(summary[1]).toContain('入力内容を確認してください（3 件）');
    expect(summary[1]).toContain('<a href="#v0-value">「婚姻率」の実績値：割合（%）は 0 から 100 の範囲で入力してください</a>');
    expect(summary[1]).toContain('<a href="#v1-value">「とましん結婚相談所登録者の結婚数」の実績値：数値で入力してください</a>');
    expect(summary[1]).toMatch(/<a href="#v1-note">「とましん結婚相談所登録者の結婚数」の備考：/);
    // Each link has its field, and what was typed is still there.
    expect(res.body).toContain('id="v0-value"');
    expect(res.body).toContain('id="v1-note"');
    expect(res.body).toMatch(/name="values\[1\]\.value"[^>]*value="たくさん"/);
    expect(res.body).not.toContain('送信内容の確認');
    expect(await count('task_submissions')).toBe(before);
  });
});

describe('draft and confirmation', () => {
  it('keeps a draft (一時保存) and shows it again, over the last submission, saying so', async () => {
    const saved = await clerk.post(`/tasks/${taskId}/draft`, { 'values[0].value': '5.8', 'values[1].value': '', comment: '途中です', draftVersion: '' });
    expect(saved.statusCode, saved.body.slice(0, 300)).toBe(303);
    expect(saved.headers.location).toBe(`/tasks/${taskId}#figures`);
    const html = (await clerk.get(`/tasks/${taskId}`)).body;
    expect(html).toContain('入力内容を一時保存しました。まだ送信されていません。');
    expect(html).toMatch(/一時保存した内容を表示しています（令和\d+年\d+月\d+日（.） \d\d:\d\d・政策 三郎）/);
    expect(html).toMatch(/name="values\[0\]\.value"[^>]*value="5.8"/);
    expect(html).toMatch(/name="values\[1\]\.value"[^>]*value=""/);
    expect(html).toContain('途中です</textarea>');
    expect(html).toContain('name="draftVersion" value="1"');
  });

  it('refuses a save from a page opened before another save, with a message and the input kept', async () => {
    expect((await clerk.post(`/tasks/${taskId}/draft`, { 'values[0].value': '5.9', draftVersion: '1' })).statusCode).toBe(303);
    const stale = await clerk.post(`/tasks/${taskId}/draft`, { 'values[0].value': '7.7', draftVersion: '1' });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('別の画面で一時保存または送信されたため、保存できませんでした。');
    expect(stale.body).toMatch(/name="values\[0\]\.value"[^>]*value="7.7"/);
    expect((await deps.database.sql`select version, "values" from submission_drafts`)[0]).toMatchObject({ version: 2, values: [{ value: 5.9 }, { value: null }] });
  });

  it('shows what will be sent before sending, and goes back to the form with everything kept', async () => {
    const before = await count('task_submissions');
    const res = await clerk.post(`/tasks/${taskId}/confirm`, { ...figures, draftVersion: '2' });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.body).toContain('<h1>送信内容の確認</h1>');
    const rows = [...res.body.matchAll(/<tr>\s*<th scope="row">([^<]+)<\/th>\s*<td class="num">([^<]+)<\/td>\s*<td>([^<]*)<\/td>\s*<td>([^<]*)<\/td>/g)].map((m) => m.slice(1));
    expect(rows).toEqual([
      ['婚姻率', '6.1%', '速報値', ''],
      ['とましん結婚相談所登録者の結婚数', '12組', '確定値', '相談所の集計'],
    ]);
    expect(res.body).toContain('<dd>令和6年度分です</dd>');
    expect(res.body).toContain('name="_csrf"');
    expect(res.body).toContain('<input type="hidden" name="values[1].value" value="１２">');
    expect(res.body).toContain('>送信する</button>');
    expect(res.body).toContain(`formaction="/tasks/${taskId}/edit">戻って修正</button>`);
    expect(await count('task_submissions')).toBe(before);

    const back = await clerk.post(`/tasks/${taskId}/edit`, { ...figures, draftVersion: '2' });
    expect(back.statusCode).toBe(200);
    expect(back.body).toMatch(/name="values\[1\]\.value"[^>]*value="１２"/);
    expect(back.body).toContain('相談所の集計');
    expect(back.body).not.toContain('一時保存した内容を表示しています');
  });

  it('lists a cancelled project with its reason on the confirmation screen', async () => {
    const res = await clerk.post(`/tasks/${taskId}/confirm`, { 'values[0].value': '6', 'values[1].cancelled': 'on', 'values[1].cancelledReason': '相談所が休止' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('中止（相談所が休止）');
  });

  it('sends from the confirmation screen, deletes the draft and says what happens next', async () => {
    const before = await count('task_submissions');
    const res = await clerk.post(`/tasks/${taskId}/submit`, { ...figures, draftVersion: '2' });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(303);
    expect(await count('task_submissions')).toBe(before + 1);
    expect(await count('submission_drafts')).toBe(0);
    const html = (await clerk.get(`/tasks/${taskId}`)).body;
    expect(html).toContain('実績値を提出しました。次は政策推進課が内容を確認します。修正が必要な場合は差し戻され、理由をメールでお知らせします。');
    expect(beforeForm(html)).toContain('送信済みです。政策推進課が内容を確認しています。');
    expect(html).not.toContain('一時保存した内容を表示しています');
  });

  it('offers no 一時保存 to the strategy office, even in its own department’s task, and nothing to another department', async () => {
    const office = await pageSignIn(app, DEMO.strategy);
    expect((await office.get(`/tasks/${taskId}`)).body).not.toContain('一時保存する');
    const other = await pageSignIn(app, DEMO.employment);
    expect((await other.post(`/tasks/${taskId}/confirm`, figures)).statusCode).toBe(404);
    expect((await other.post(`/tasks/${taskId}/draft`, figures)).statusCode).toBe(404);
  });

  it('says all of it in English after the language switch', async () => {
    const english = await pageSignIn(app, DEMO.policy);
    const html = (await english.get(`/tasks/${taskId}?lang=en`)).body;
    expect(html).toContain('What this task asks of you');
    expect(html).toContain('<span class="req">required</span>');
    expect(html).toContain('>Review before sending</button>');
    const confirm = await english.post(`/tasks/${taskId}/confirm`, { 'values[0].value': '6', 'values[1].value': 'x' });
    expect(confirm.body).toContain('<a href="#v1-value">とましん結婚相談所登録者の結婚数, value: must be a number</a>');
    const ok = await english.post(`/tasks/${taskId}/confirm`, figures);
    expect(ok.body).toContain('<h1>Check what will be sent</h1>');
    expect(ok.body).toContain('>Go back and correct</button>');
  });
});
