/**
 * The strategy office's season controls on the pages: the board's default due date is the
 * calendar's; opening goes through a confirmation that says how many measures, tasks and
 * departments (a past date is refused next to its field, nothing written); due dates are
 * corrected with a reason (errors next to the fields, nothing written); moving on from Observe
 * goes through a confirmation that refuses while a submission waits, unless acknowledged. And
 * the review calendar's limits: the page and the API refuse the same values.
 */
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { reviewCycles, reviewTasks } from '../../db/schema/index.ts';
import { DEMO, signIn, type Client } from '../helpers/client.ts';
import { addDays } from '../../services/calendar/season.ts';
import { isoDateInTokyo } from '../../services/fiscal-year.ts';
import { pageSignIn, type PageClient } from '../helpers/pages.ts';
import { useTestApp } from '../helpers/setup.ts';

// The real clock: the page client keeps cookies by the real time. The plan's seasons (FY2020–2024) are all past their calendar dates.
const { app, deps } = await useTestApp();
const today = isoDateInTokyo(new Date());
const [due, later, latest, yesterday] = [addDays(today, 60), addDays(today, 75), addDays(today, 90), addDays(today, -1)];
let api: Client;
let office: PageClient;
let planId: string;
let cycleId: string;

const fieldError = (html: string, id: string) => new RegExp(`id="${id}-error"><span aria-hidden="true">！</span>([^<]*)<`).exec(html)?.[1] ?? null;
const cycles = () => deps.db.select().from(reviewCycles);
const tasksOf = (id: string) => deps.db.select().from(reviewTasks).where(eq(reviewTasks.cycleId, id));

beforeAll(async () => {
  api = await signIn(app, DEMO.strategy);
  planId = (await api.get('/api/plans')).json().items[0].id;
  office = await pageSignIn(app, DEMO.strategy);
});

describe('opening a season from the board', () => {
  it('offers the review calendar’s due date: past the season’s, as long from today as the calendar’s season', async () => {
    const offered = async () => /id="open-due" name="dueDate" type="date" value="([^"]*)"/.exec((await office.get(`/plans/${planId}/board?fiscalYear=2024`)).body)?.[1];
    expect(await offered()).toBe(due);
    const url = `/api/plans/${planId}/calendar`;
    const calendar = (await api.get(url)).json();
    // A season of 1 May – 31 July (91 days) in the calendar moves the offer with it.
    expect((await api.put(url, { ...calendar, version: undefined, dueOn: '07-31', expectedVersion: calendar.version })).statusCode).toBe(200);
    expect(await offered()).toBe(addDays(today, 91));
    const saved = (await api.get(url)).json();
    expect((await api.put(url, { ...saved, version: undefined, dueOn: '06-30', expectedVersion: saved.version })).statusCode).toBe(200);
    expect((await office.get(`/plans/${planId}/board?fiscalYear=2024`)).body).toContain(`action="/plans/${planId}/review-cycles/confirm"`);
  });

  it('refuses a due date in the past next to its field, writing nothing', async () => {
    const res = await office.get(`/plans/${planId}/review-cycles/confirm?fiscalYear=2024&dueDate=${yesterday}&measureNumbers=12`);
    expect(res.statusCode).toBe(400);
    expect(fieldError(res.body, 'open-due')).toBe('今日より前の日付は指定できません');
    expect(res.body).toContain(`value="${yesterday}"`);
    expect(await cycles()).toHaveLength(0);
  });

  it('says what opening will do before doing it, then opens', async () => {
    const confirm = await office.get(`/plans/${planId}/review-cycles/confirm?fiscalYear=2024&dueDate=${due}&measureNumbers=12`);
    expect(confirm.statusCode).toBe(200);
    const facts = /<dl class="facts open-consequences">([\s\S]*?)<\/dl>/.exec(confirm.body)![1]!.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(facts).toContain('開始する施策 1 件');
    expect(facts).toMatch(/配付する調査票 \d+ 件/);
    expect(facts).toMatch(/通知する課 \d+ 課（.*政策推進課/);
    expect(confirm.body).toContain('各課への依頼メールは、開始と同時に送信されます');
    expect(await cycles()).toHaveLength(0);
    const opened = await office.post(`/plans/${planId}/review-cycles`, { fiscalYear: '2024', dueDate: due, measureNumbers: '12' });
    expect(opened.headers.location).toBe(`/plans/${planId}/board?fiscalYear=2024`);
    cycleId = (await cycles())[0]!.id;
    const again = await office.get(`/plans/${planId}/review-cycles/confirm?fiscalYear=2024&dueDate=${due}&measureNumbers=12`);
    expect(again.body).toContain('選択した施策はすべて開始済みです。');
    expect(again.body).not.toContain(`action="/plans/${planId}/review-cycles"`);
  });
});

describe('correcting due dates on the page', () => {
  it('needs a reason and a date not in the past, named next to each field, and writes nothing', async () => {
    const page = await office.get(`/cycles/${cycleId}`);
    expect(page.body).toContain(`href="/cycles/${cycleId}/due-date"`);
    await office.get(`/cycles/${cycleId}/due-date`);
    const res = await office.post(`/cycles/${cycleId}/due-date`, { expectedDueDate: due, dueDate: yesterday, reason: '' });
    expect(res.statusCode).toBe(400);
    expect(fieldError(res.body, 'reason')).toBeTruthy();
    const past = await office.post(`/cycles/${cycleId}/due-date`, { expectedDueDate: due, dueDate: yesterday, reason: '庁内事情' });
    expect(fieldError(past.body, 'dueDate')).toBe('今日より前の日付は指定できません');
    expect(past.body).toContain('庁内事情');
    expect((await tasksOf(cycleId)).every((t) => t.dueDate === due)).toBe(true);
  });

  it('changes the cycle’s date, then extends one department, each with its reason', async () => {
    const ok = await office.post(`/cycles/${cycleId}/due-date`, { expectedDueDate: due, dueDate: later, reason: '庁内事情' });
    expect(ok.headers.location).toBe(`/cycles/${cycleId}`);
    expect((await office.get(`/cycles/${cycleId}`)).body).toContain('提出期限を変更しました。');
    const stale = await office.post(`/cycles/${cycleId}/due-date`, { expectedDueDate: due, dueDate: addDays(later, 5), reason: '再変更' });
    expect(stale.statusCode).toBe(409);

    const form = await office.get(`/cycles/${cycleId}/due-date`);
    const target = new RegExp(`<option value="(department:[0-9a-f-]{36}:${later})">政策推進課`).exec(form.body)![1]!;
    const none = await office.post(`/cycles/${cycleId}/extension`, { target: '', extendDueDate: latest, extendReason: '議会対応' });
    expect(none.statusCode).toBe(400);
    expect(fieldError(none.body, 'target')).toBe('選択してください');
    const earlier = await office.post(`/cycles/${cycleId}/extension`, { target, extendDueDate: addDays(later, -5), extendReason: '議会対応' });
    expect(fieldError(earlier.body, 'extendDueDate')).toBe('現在の提出期限より後の日付にしてください');
    expect(earlier.body).toContain(`<option value="${target}" selected>`);
    expect((await office.post(`/cycles/${cycleId}/extension`, { target, extendDueDate: latest, extendReason: '議会対応' })).statusCode).toBe(303);
    const departmentId = target.split(':')[1];
    const tasks = await tasksOf(cycleId);
    expect(tasks.filter((t) => t.departmentId === departmentId).every((t) => t.dueDate === latest)).toBe(true);
  });
});

describe('moving on from Observe on the page', () => {
  it('says what is missing, refuses while a submission waits, and moves on when acknowledged', async () => {
    const clerk = await signIn(app, DEMO.policy);
    const tasks = await tasksOf(cycleId);
    for (const t of tasks) {
      const detail = await clerk.get(`/api/tasks/${t.id}`);
      if (detail.statusCode === 200) {
        const kpis = detail.json().kpis as { id: string }[];
        expect((await clerk.post(`/api/tasks/${t.id}/submissions`, { values: kpis.map((k) => ({ kpiId: k.id, value: 1 })) })).statusCode).toBe(201);
      } else {
        expect((await api.post(`/api/tasks/${t.id}/waive`, { reason: '対象外' })).statusCode).toBe(200);
      }
    }
    const cyclePage = await office.get(`/cycles/${cycleId}`);
    expect(cyclePage.body).toContain(`href="/cycles/${cycleId}/advance"`);
    const confirm = await office.get(`/cycles/${cycleId}/advance`);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('確認待ちの提出が');
    expect(confirm.body).toContain('承知のうえで進める');
    expect(confirm.body).toMatch(/「状況判断」へ進める|Orient/);
    const refused = await office.post(`/cycles/${cycleId}/advance`, { expectedPhase: 'observe' });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('確認待ちの提出が');
    expect((await cycles())[0]!.phase).toBe('observe');
    const moved = await office.post(`/cycles/${cycleId}/advance`, { expectedPhase: 'observe', acknowledged: 'on' });
    expect(moved.statusCode).toBe(303);
    expect((await cycles())[0]!.phase).toBe('orient');
  });
});

describe('waiving a task on the page', () => {
  it('says what waiving means before doing it; a missing reason stays on the task page', async () => {
    const [task] = await deps.db.select().from(reviewTasks).where(eq(reviewTasks.status, 'submitted'));
    await office.get(`/tasks/${task!.id}`);
    const noReason = await office.post(`/tasks/${task!.id}/waive/confirm`, { waiveReason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(fieldError(noReason.body, 'waiveReason')).toBe('入力してください');
    const confirm = await office.post(`/tasks/${task!.id}/waive/confirm`, { waiveReason: '今年度は事業を実施していないため' });
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('免除の確認');
    expect(confirm.body).toContain('督促のメールも届かなくなります');
    expect(confirm.body).toContain('<input type="hidden" name="waiveReason" value="今年度は事業を実施していないため">');
    expect((await deps.db.select().from(reviewTasks).where(eq(reviewTasks.id, task!.id)))[0]!.status).toBe('submitted');
    expect((await office.post(`/tasks/${task!.id}/waive`, { waiveReason: '今年度は事業を実施していないため' })).statusCode).toBe(303);
    expect((await deps.db.select().from(reviewTasks).where(eq(reviewTasks.id, task!.id)))[0]!.status).toBe('waived');
  });
});

describe('the review calendar’s limits', () => {
  const calendar = { collectionOpens: '05-01', dueOn: '06-30', remindDaysBefore: [14, 3], remindOnDueDay: true, overdueEveryDays: 7, escalateToHeadAfterDays: 7, escalateToOfficeAfterDays: 14, dailyRunAt: '09:00' };
  const pageForm = (c: typeof calendar, version: number) => ({
    planId, expectedVersion: String(version), collectionOpens: c.collectionOpens, dueOn: c.dueOn, remindDaysBefore: c.remindDaysBefore.join(','), remindOnDueDay: 'on',
    overdueEveryDays: String(c.overdueEveryDays), escalateToHeadAfterDays: String(c.escalateToHeadAfterDays), escalateToOfficeAfterDays: String(c.escalateToOfficeAfterDays), dailyRunAt: c.dailyRunAt,
  });
  it.each([
    ['remindDaysBefore', { remindDaysBefore: [91] }, { remindDaysBefore: [90] }],
    ['overdueEveryDays', { overdueEveryDays: 61 }, { overdueEveryDays: 60 }],
    ['escalateToHeadAfterDays', { escalateToHeadAfterDays: 121, escalateToOfficeAfterDays: 121 }, { escalateToHeadAfterDays: 120, escalateToOfficeAfterDays: 120 }],
    ['escalateToOfficeAfterDays', { escalateToOfficeAfterDays: 121 }, { escalateToOfficeAfterDays: 120 }],
  ])('the page and the API refuse the same %s, and take the limit itself', async (name, over, limit) => {
    const url = `/api/plans/${planId}/calendar`;
    const version = (await api.get(url)).json().version as number;
    const byApi = await api.put(url, { ...calendar, ...over, expectedVersion: version });
    expect(byApi.statusCode).toBe(400);
    expect(JSON.stringify(byApi.json().error)).toContain(name);
    await office.get(`/admin/calendar?planId=${planId}`);
    const byPage = await office.post('/admin/calendar', pageForm({ ...calendar, ...over }, version));
    expect(byPage.statusCode).toBe(400);
    expect(byPage.body).toMatch(new RegExp(`id="${name}-error"`));
    expect((await api.get(url)).json().version).toBe(version);
    expect((await api.put(url, { ...calendar, ...limit, expectedVersion: version })).statusCode).toBe(200);
    await office.get(`/admin/calendar?planId=${planId}`);
    expect((await office.post('/admin/calendar', pageForm({ ...calendar, ...limit }, version + 1))).statusCode).toBe(303);
  });
});
