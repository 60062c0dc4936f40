/**
 * The season pages over forms: the season table with its counts linked to their lists, a wrong
 * filter answered by a message beside it (HTML, 400, nothing written), bulk accepting through
 * the confirmation (how many, which departments) to a result in words with one item that
 * someone else accepted first, bulk rejecting that needs its reason, the office's tasks with
 * the departments yet to submit, and the search box (partial Japanese, literal %, what a
 * department member may see).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO, signIn, type Client } from '../helpers/client.ts';
import { pageSignIn, type PageClient } from '../helpers/pages.ts';
import { advanceTo, completeOrient, openCycle } from '../helpers/review-flow.ts';
import { useTestApp } from '../helpers/setup.ts';

const { app, deps } = await useTestApp();
let api: Client, policy: Client, employment: Client;
let office: PageClient, clerk: PageClient;
let planId: string;
let tasks: { id: string; status: string; departmentName: string; measureNumber: number }[];

const fieldError = (html: string, id: string) => new RegExp(`id="${id}-error"><span aria-hidden="true">！</span>([^<]*)<`).exec(html)?.[1] ?? null;
const statuses = async () => (await deps.database.sql`select status, count(*)::int as n from review_tasks group by status order by status`).map((r) => `${r.status}:${r.n}`).join(',');
const future = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  api = await signIn(app, DEMO.strategy);
  policy = await signIn(app, DEMO.policy);
  employment = await signIn(app, DEMO.employment);
  planId = (await api.get('/api/plans')).json().items[0].id;
  office = await pageSignIn(app, DEMO.strategy);
  clerk = await pageSignIn(app, DEMO.employment);
  await openCycle(api, planId, 2024, 10, future);
  await openCycle(api, planId, 2024, 2, future);
  tasks = (await api.get('/api/tasks?fiscalYear=2024&limit=200')).json().items;
  // 政策推進課 sends its three tasks of measure ⑩.
  for (const task of tasks.filter((t) => t.measureNumber === 10)) {
    const kpis = (await policy.get(`/api/tasks/${task.id}`)).json().kpis as { id: string }[];
    expect((await policy.post(`/api/tasks/${task.id}/submissions`, { values: kpis.map((k) => ({ kpiId: k.id, value: 3 })) })).statusCode).toBe(201);
  }
});

describe('the season page', () => {
  it('is in the office’s menu, shows every measure and links each count to its list', async () => {
    const tasksPage = await office.get('/tasks');
    expect(tasksPage.body).toContain(`href="/plans/${planId}/season"`);
    const res = await office.get(`/plans/${planId}/season?fiscalYear=2024`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('調査の状況');
    expect(res.body).toMatch(/<tr><th scope="row" colspan="2">合計<\/th>/);
    // Three submitted in measure ⑩: the count links to the submitted tasks of that measure.
    const link = new RegExp(`<a href="(/plans/${planId}/season/tasks\\?[^"]*status=submitted[^"]*)" aria-label="確認待ち: 3 件（施策⑩）">3</a>`).exec(res.body);
    expect(link, 'a linked count of 3 submitted').not.toBeNull();
    const list = await office.get(link![1]!.replaceAll('&amp;', '&'));
    expect(list.statusCode).toBe(200);
    expect(list.body.match(/name="taskIds"/g)).toHaveLength(3);
    // A department member has no such menu entry, and the page is refused as a page, not JSON.
    expect((await clerk.get('/tasks')).body).not.toContain('/season"');
    const refused = await clerk.get(`/plans/${planId}/season`);
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toContain('text/html');
  });

  it('answers a wrong filter with a message beside it, as a page', async () => {
    const before = await statuses();
    const res = await office.get(`/plans/${planId}/season?phase=later&sort=size&overdue=maybe`);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('絞り込みの条件に誤りがあります。');
    expect(fieldError(res.body, 'season-phase')).not.toBeNull();
    expect(fieldError(res.body, 'season-sort')).not.toBeNull();
    expect(fieldError(res.body, 'season-overdue')).not.toBeNull();
    const list = await office.get(`/plans/${planId}/season/tasks?status=finished&departmentId=nobody`);
    expect(list.statusCode).toBe(400);
    expect(fieldError(list.body, 'tasks-status')).not.toBeNull();
    expect(fieldError(list.body, 'tasks-departmentId')).not.toBeNull();
    expect(await statuses()).toBe(before);
  });

  it('shows the office the departments that have not submitted yet', async () => {
    const res = await office.get('/tasks');
    const section = /<ul class="inbox" id="not-submitted">([\s\S]*?)<\/ul>/.exec(res.body)?.[1] ?? '';
    expect(section).toContain('工業・雇用振興課');
    expect(section).toMatch(/未提出 3 件/);
  });
});

describe('accepting several', () => {
  it('says how many and which departments before anything is done, then each item’s result in words', async () => {
    const chosen = tasks.filter((t) => t.measureNumber === 10).map((t) => t.id);
    await office.get(`/plans/${planId}/season/tasks?fiscalYear=2024&status=submitted`);
    const none = await office.post(`/plans/${planId}/season/accept/confirm`, { fiscalYear: '2024', status: 'submitted' });
    expect(none.statusCode).toBe(400);
    expect(fieldError(none.body, 'taskIds')).toBe('1 件以上選んでください');
    const before = await statuses();
    const confirm = await office.post(`/plans/${planId}/season/accept/confirm`, { taskIds: chosen, fiscalYear: '2024', status: 'submitted' });
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('3 件の提出を受理します。');
    expect(confirm.body).toContain('対象の課（1 課）: 政策推進課');
    expect(await statuses()).toBe(before);
    // Meanwhile one is accepted on its own page.
    expect((await api.post(`/api/tasks/${chosen[0]}/accept`, {})).statusCode).toBe(200);
    const result = await office.post(`/plans/${planId}/season/accept`, { taskIds: chosen });
    expect(result.statusCode).toBe(200);
    expect(result.body).toContain('2 件を処理しました。処理されなかったもの: 1 件。');
    expect(result.body.match(/受理しました/g)).toHaveLength(2);
    expect(result.body).toContain('処理しませんでした（ほかの操作で状態が変わっていました。');
    for (const id of chosen) expect((await api.get(`/api/tasks/${id}`)).json().status).toBe('accepted');
  });
});

describe('odd bulk forms', () => {
  it('answers each with a page naming the problem (400), never a 500, and writes nothing', async () => {
    const before = await statuses();
    const id = tasks[0]!.id;
    await office.get(`/plans/${planId}/season/tasks?fiscalYear=2024`);
    const tries: [string, Record<string, string | string[]>, string][] = [
      [`/plans/${planId}/season/accept/confirm`, { taskIds: 'x' }, 'taskIds'],
      [`/plans/${planId}/season/accept`, { taskIds: [id, id] }, 'taskIds'],
      [`/plans/${planId}/season/accept`, { taskIds: Array.from({ length: 101 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`) }, 'taskIds'],
      [`/plans/${planId}/season/proposals/confirm`, { proposalIds: id, decision: 'bogus' }, 'decision'],
      [`/plans/${planId}/season/proposals/decide`, { decision: 'approve' }, 'proposalIds'],
    ];
    for (const [url, form, field] of tries) {
      const res = await office.post(url, form);
      expect(res.statusCode, url).toBe(400);
      expect(res.headers['content-type'], url).toContain('text/html');
      expect(fieldError(res.body, field), `${url} ${field}`).not.toBeNull();
    }
    expect((await office.post(`/plans/${planId}/season/accept`, { taskIds: Array.from({ length: 101 }, () => id) })).body).toContain('一度に処理できるのは 100 件までです');
    expect((await office.get(`/plans/${planId}/season?fiscalYear=99999`)).statusCode).toBe(400);
    expect((await office.get('/search?q=a&page=abc')).statusCode).toBe(400);
    expect(await statuses()).toBe(before);
  });
});

describe('deciding several proposals', () => {
  it('needs the reason to reject, next to its field, and writes nothing without it', async () => {
    const cycleId = (await api.get(`/api/plans/${planId}/review-cycles?fiscalYear=2024`)).json().items.find((c: { measureNumber: number }) => c.measureNumber === 10).id;
    await advanceTo(api, cycleId, 'orient');
    await completeOrient(api, cycleId);
    const kpi = (await api.get(`/api/review-cycles/${cycleId}`)).json().kpis[0];
    const proposal = (await policy.post(`/api/review-cycles/${cycleId}/proposals`, { marker: 'target_changed', subjectId: kpi.id, proposed: { fiscalYear: 2024, value: 9 }, rationale: '見直し' })).json();
    const page = await office.get(`/plans/${planId}/season/proposals?fiscalYear=2024`);
    expect(page.body).toContain(`value="${proposal.id}"`);
    const bad = await office.post(`/plans/${planId}/season/proposals/confirm`, { proposalIds: proposal.id, decision: 'reject', fiscalYear: '2024' });
    expect(bad.statusCode).toBe(400);
    expect(fieldError(bad.body, 'reason')).toBe('入力してください（必須項目です）');
    const confirm = await office.post(`/plans/${planId}/season/proposals/confirm`, { proposalIds: proposal.id, decision: 'reject', reason: '据え置く', fiscalYear: '2024' });
    expect(confirm.body).toContain('1 件の見直し案を却下します。');
    expect(confirm.body).toContain('政策推進課');
    expect((await api.get('/api/proposals?status=pending')).json().items.map((p: { id: string }) => p.id)).toContain(proposal.id);
    const done = await office.post(`/plans/${planId}/season/proposals/decide`, { proposalIds: proposal.id, decision: 'reject', reason: '据え置く' });
    expect(done.body).toContain('却下しました');
    expect((await api.get('/api/proposals?status=rejected')).json().items.map((p: { id: string }) => p.id)).toContain(proposal.id);
  });
});

describe('search', () => {
  it('finds measures, projects, KPIs and departments by part of their Japanese name, each linked', async () => {
    const res = await office.get(`/search?q=${encodeURIComponent('雇用')}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('「雇用」の検索結果');
    const department = (await api.get(`/api/search?q=${encodeURIComponent('雇用振興')}`)).json().items.find((i: { kind: string }) => i.kind === 'department');
    expect(department.name).toBe('工業・雇用振興課');
    expect(res.body).toContain(`href="/plans/${planId}/season?departmentId=${department.id}"`);
    const kpi = (await api.get(`/api/search?q=${encodeURIComponent('雇用')}`)).json().items.find((i: { kind: string }) => i.kind !== 'department');
    expect(kpi, 'something of the plan is named with 雇用').toBeTruthy();
  });

  it('takes % and _ literally, pages the results, and names a wrong query beside the box', async () => {
    expect((await api.get(`/api/search?q=${encodeURIComponent('%')}`)).json().total).toBe(0);
    expect((await api.get(`/api/search?q=${encodeURIComponent('_')}`)).json().total).toBe(0);
    const many = (await api.get(`/api/search?q=${encodeURIComponent('課')}`)).json();
    expect(many.total).toBeGreaterThan(20);
    expect(many.items).toHaveLength(20);
    const second = (await api.get(`/api/search?q=${encodeURIComponent('課')}&page=2`)).json();
    expect(second.items[0].id).not.toBe(many.items[0].id);
    const page = await office.get(`/search?q=${encodeURIComponent('課')}`);
    expect(page.body).toContain('次へ');
    const long = await office.get(`/search?q=${'あ'.repeat(101)}`);
    expect(long.statusCode).toBe(400);
    expect(long.headers['content-type']).toContain('text/html');
    expect(fieldError(long.body, 'q')).not.toBeNull();
    expect((await office.get('/search?q=')).statusCode).toBe(200);
  });

  it('shows a department member only its own department', async () => {
    const own = (await employment.get(`/api/search?q=${encodeURIComponent('課')}`)).json().items.filter((i: { kind: string }) => i.kind === 'department');
    expect(own.map((d: { name: string }) => d.name)).toEqual(['工業・雇用振興課']);
    const page = await clerk.get(`/search?q=${encodeURIComponent('介護')}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toMatch(/<span class="tag">担当課<\/span>/);
    expect(page.body).not.toContain('/season');
  });
});
