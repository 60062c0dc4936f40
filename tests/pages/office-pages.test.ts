/**
 * The strategy office's and the administrator's forms over the pages: returning, waiving and
 * reopening a task, opening a year, assessing, proposals of other kinds and rejecting one, and
 * the admin forms — each refusal shown next to its field in Japanese, each success redirected
 * with its message.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO, signIn, type Client } from '../helpers/client.ts';
import { pageSignIn, type PageClient } from '../helpers/pages.ts';
import { useTestApp } from '../helpers/setup.ts';

const { app, deps } = await useTestApp();
let api: Client;
let office: PageClient;
let planId: string;
let cycleId: string;
let tasks: { id: string; projectId: string; projectName: string }[];

const fieldError = (html: string, id: string) => new RegExp(`id="${id}-error"><span aria-hidden="true">！</span>([^<]*)<`).exec(html)?.[1] ?? null;

beforeAll(async () => {
  api = await signIn(app, DEMO.strategy);
  planId = (await api.get('/api/plans')).json().items[0].id;
  office = await pageSignIn(app, DEMO.strategy);
});

describe('opening a year', () => {
  it('names a wrong date next to its field, then opens the chosen measure', async () => {
    await office.get(`/plans/${planId}/board`);
    const bad = await office.post(`/plans/${planId}/review-cycles`, { fiscalYear: '2024', dueDate: '2024-02-30', measureNumbers: '10' });
    expect(bad.statusCode).toBe(400);
    expect(fieldError(bad.body, 'open-due')).toBe('日付（YYYY-MM-DD）の形式で入力してください');
    const outside = await office.post(`/plans/${planId}/review-cycles`, { fiscalYear: '2030', dueDate: '2099-06-30', measureNumbers: '10' });
    expect(fieldError(outside.body, 'open-year')).toBe('計画期間（2020年度～2024年度）内の年度を指定してください');
    const ok = await office.post(`/plans/${planId}/review-cycles`, { fiscalYear: '2024', dueDate: '2099-06-30', measureNumbers: '10' });
    expect(ok.headers.location).toBe(`/plans/${planId}/board?fiscalYear=2024`);
    const again = await office.post(`/plans/${planId}/review-cycles`, { fiscalYear: '2024', dueDate: '2099-06-30', measureNumbers: '10' });
    expect((await office.get(again.headers.location as string)).body).toContain('選択した施策の調査はすでに開始されています。');
    cycleId = (await api.get(`/api/plans/${planId}/review-cycles?fiscalYear=2024`)).json().items[0].id;
    tasks = (await api.get('/api/tasks?fiscalYear=2024')).json().items;
    expect(tasks).toHaveLength(3);
  });
});

describe('reviewing tasks', () => {
  it('returns a submission only with a reason, waives and reopens with one', async () => {
    const clerk = await signIn(app, DEMO.policy);
    const [first, second, third] = tasks;
    for (const task of [first!, second!]) {
      const kpis = (await clerk.get(`/api/tasks/${task.id}`)).json().kpis as { id: string }[];
      expect((await clerk.post(`/api/tasks/${task.id}/submissions`, { values: kpis.map((k) => ({ kpiId: k.id, value: 10 })) })).statusCode).toBe(201);
    }
    await office.get(`/tasks/${first!.id}`);
    const noReason = await office.post(`/tasks/${first!.id}/return`, { returnComment: '' });
    expect(noReason.statusCode).toBe(400);
    expect(fieldError(noReason.body, 'returnComment')).toBe('入力してください');
    expect((await office.post(`/tasks/${first!.id}/return`, { returnComment: '累計値で入力してください' })).headers.location).toBe('/tasks');
    expect((await api.get(`/api/tasks/${first!.id}`)).json().status).toBe('returned');

    expect((await office.post(`/tasks/${third!.id}/waive`, { waiveReason: '' })).statusCode).toBe(400);
    expect((await office.post(`/tasks/${third!.id}/waive`, { waiveReason: '今年度は事業を実施していないため' })).statusCode).toBe(303);
    const page = await office.get(`/tasks/${third!.id}`);
    expect(page.body).toContain('調査票を免除しました。');
    expect(page.body).toContain('今年度は事業を実施していないため');
    expect((await office.post(`/tasks/${third!.id}/reopen`, { reopenReason: '提出の申し出があったため' })).statusCode).toBe(303);
    expect((await api.get(`/api/tasks/${third!.id}`)).json().status).toBe('open');
    expect((await office.post(`/tasks/${second!.id}/accept`)).statusCode).toBe(303);
  });

  it('refuses to move on with the phase and what is missing, in Japanese', async () => {
    await office.get(`/cycles/${cycleId}`);
    const res = await office.post(`/cycles/${cycleId}/advance`, { expectedPhase: 'observe' });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('次の理由により、まだ進めることができません。');
    expect(res.body).toContain('未提出の調査票が 2 件あります');
  });

  it('a department member cannot accept: the service says no, shown on the page', async () => {
    const clerk = await pageSignIn(app, DEMO.policy);
    await clerk.get(`/tasks/${tasks[1]!.id}`);
    const res = await clerk.post(`/tasks/${tasks[1]!.id}/waive`, { waiveReason: 'x' });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('調査票の免除は政策推進課（戦略担当）のみが行えます');
  });
});

describe('assessing and proposing', () => {
  beforeAll(async () => {
    // Finish Observe and Orient over the API: submit and accept everything, explain, assess.
    const clerk = await signIn(app, DEMO.policy);
    for (const task of tasks) {
      const status = (await api.get(`/api/tasks/${task.id}`)).json().status;
      if (status === 'open' || status === 'returned') {
        const kpis = (await clerk.get(`/api/tasks/${task.id}`)).json().kpis as { id: string }[];
        await clerk.post(`/api/tasks/${task.id}/submissions`, { values: kpis.map((k) => ({ kpiId: k.id, value: 200 })) });
      }
      if ((await api.get(`/api/tasks/${task.id}`)).json().status === 'submitted') await api.post(`/api/tasks/${task.id}/accept`, {});
    }
    expect((await api.post(`/api/review-cycles/${cycleId}/advance`, {})).statusCode).toBe(200);
    const cycle = (await api.get(`/api/review-cycles/${cycleId}`)).json();
    for (const k of cycle.kpis.filter((k: { needsExplanation: boolean }) => k.needsExplanation)) {
      await clerk.put(`/api/review-cycles/${cycleId}/kpis/${k.id}/explanation`, { cause: '原因', improvement: '改善' });
    }
  });

  it('asks for a grade and a next step, next to the fields', async () => {
    const projectId = tasks[0]!.projectId;
    await office.get(`/cycles/${cycleId}`);
    const res = await office.post(`/cycles/${cycleId}/projects/${projectId}/assessment`, { effectGrade: '', nextStep: 'improve' });
    expect(res.statusCode).toBe(400);
    expect(fieldError(res.body, `effectGrade-${projectId}`)).toBe('入力してください（必須項目です）');
    for (const task of tasks) {
      expect((await office.post(`/cycles/${cycleId}/projects/${task.projectId}/assessment`, { effectGrade: 'effective', nextStep: 'continue', comment: '' })).statusCode).toBe(303);
    }
    const moved = await office.post(`/cycles/${cycleId}/advance`, { expectedPhase: 'orient' });
    expect(moved.headers.location).toBe(`/cycles/${cycleId}`);
  });

  it('takes a target change only with a year and a value, and lists it in the queue', async () => {
    const form = await office.get(`/proposals/new?cycleId=${cycleId}&marker=target_changed`);
    expect(form.statusCode).toBe(200);
    const kpiId = /<option value="([0-9a-f-]{36})">イベント等での情報発信者数/.exec(form.body)![1]!;
    const bad = await office.post('/proposals', { cycleId, marker: 'target_changed', subjectId: kpiId, 'proposed.fiscalYear': '2024', 'proposed.value': '', rationale: '実績を踏まえて' });
    expect(bad.statusCode).toBe(400);
    expect(fieldError(bad.body, 'proposed-value')).toBe('入力してください（必須項目です）');
    const ok = await office.post('/proposals', { cycleId, marker: 'target_changed', subjectId: kpiId, 'proposed.fiscalYear': '2024', 'proposed.value': '300', rationale: '実績を踏まえて' });
    expect(ok.statusCode).toBe(303);
    const queue = (await office.get('/proposals')).body;
    expect(queue).toContain('目標値変更');
    expect(queue).toContain('令和6年度 250人');
    expect(queue).toContain('令和6年度 300人');
  });

  it('takes a new project with its KPI from a department, its own department ticked', async () => {
    const clerk = await pageSignIn(app, DEMO.policy);
    const form = await clerk.get(`/proposals/new?cycleId=${cycleId}&marker=project_added`);
    const measureId = /name="subjectId" value="([0-9a-f-]{36})"/.exec(form.body)![1]!;
    const own = /value="([0-9a-f-]{36})" checked> 政策推進課/.exec(form.body)![1]!;
    const empty = await clerk.post('/proposals', { cycleId, marker: 'project_added', subjectId: measureId, 'proposed.departmentIds': own, rationale: '移住相談の強化' });
    expect(empty.statusCode).toBe(400);
    expect(fieldError(empty.body, 'proposed-name')).toBe('入力してください（必須項目です）');
    const ok = await clerk.post('/proposals', {
      cycleId,
      marker: 'project_added',
      subjectId: measureId,
      'proposed.name': 'オンライン移住相談',
      'proposed.departmentIds': own,
      'proposed.kpis[0].name': 'オンライン相談件数',
      'proposed.kpis[0].unit': '件',
      'proposed.kpis[0].direction': 'higher',
      'proposed.kpis[0].target.fiscalYear': '2025',
      'proposed.kpis[0].target.value': '120',
      rationale: '移住相談の強化',
    });
    expect(ok.statusCode, ok.body.slice(0, 500)).toBe(303);
    expect((await clerk.get('/proposals')).body).toContain('オンライン移住相談');
  });

  it('rejects only with a reason, shown next to that proposal', async () => {
    const pending = (await api.get('/api/proposals?status=pending')).json().items as { id: string; version: number }[];
    const target = pending[0]!;
    await office.get('/proposals');
    const noReason = await office.post(`/proposals/${target.id}/reject`, { reason: '', expectedVersion: String(target.version) });
    expect(noReason.statusCode).toBe(400);
    expect(fieldError(noReason.body, `reason-${target.id}`)).toBe('入力してください');
    const rejected = await office.post(`/proposals/${target.id}/reject`, { reason: '次期計画で検討する', expectedVersion: String(target.version) });
    expect(rejected.headers.location).toBe(`/proposals#proposal-${target.id}`);
    const stale = await office.post(`/proposals/${target.id}/approve`, { reason: '', expectedVersion: String(target.version) });
    expect(stale.statusCode).toBe(409);
  });
});

describe('administration', () => {
  let admin: PageClient;
  beforeAll(async () => {
    admin = await pageSignIn(app, DEMO.admin);
  });

  it('keeps a department’s contacts, refusing a malformed address', async () => {
    const list = (await admin.get('/admin/departments')).body;
    const id = /\/admin\/departments\/([0-9a-f-]{36})">[^<]*<span class="visually-hidden">: 介護福祉課/.exec(list)![1]!;
    await admin.get(`/admin/departments/${id}`);
    const bad = await admin.post(`/admin/departments/${id}`, { email: 'kaigo@', headEmail: '', deputyEmail: '', headDelegated: 'on' });
    expect(bad.statusCode).toBe(400);
    expect(fieldError(bad.body, 'email')).toBe('メールアドレスの形式が正しくありません');
    const ok = await admin.post(`/admin/departments/${id}`, { email: 'kaigo@city.example', headEmail: 'head@city.example', deputyEmail: 'deputy@city.example', headDelegated: 'on' });
    expect(ok.statusCode).toBe(303);
    expect((await admin.get('/admin/departments')).body).toContain('代理者へ送付中');
  });

  it('saves the review calendar, naming a bad day in Japanese', async () => {
    const page = await admin.get('/admin/calendar');
    expect(page.body).toContain('現在は標準の設定が使われています。');
    const form = { planId, expectedVersion: '0', collectionOpens: '05-01', dueOn: '13-40', remindDaysBefore: '14, 3', remindOnDueDay: 'on', overdueEveryDays: '7', escalateToHeadAfterDays: '7', escalateToOfficeAfterDays: '14', dailyRunAt: '09:00' };
    const bad = await admin.post('/admin/calendar', form);
    expect(bad.statusCode).toBe(400);
    expect(fieldError(bad.body, 'dueOn')).toBe('月-日（MM-DD）の形式で入力してください');
    expect((await admin.post('/admin/calendar', { ...form, dueOn: '07-31', remindDaysBefore: '21、7' })).statusCode).toBe(303);
    const saved = (await api.get(`/api/plans/${planId}`)).statusCode;
    expect(saved).toBe(200);
    expect((await admin.get('/admin/calendar')).body).toContain('value="21, 7"');
  });

  it('lists sent emails newest first, read-only', async () => {
    await deps.database.sql`insert into emails (organization_id, reason_key, template, "to", subject, text, html, status, created_at)
      values ((select id from organizations where code = 'tomakomai'), 'test:1', 'reminder', '{kaigo@city.example}', '【督促】実績値の提出期限が近づいています', '本文です', '<p>本文です</p>', 'sent', now())`;
    const list = await admin.get('/admin/emails');
    expect(list.body).toContain('【督促】実績値の提出期限が近づいています');
    const id = /\/admin\/emails\/([0-9a-f-]{36})/.exec(list.body)![1]!;
    expect((await admin.get(`/admin/emails/${id}`)).body).toContain('本文です</pre>');
  });
});
