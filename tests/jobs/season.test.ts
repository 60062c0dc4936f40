/**
 * The whole calendar of one season (FY2022 actuals, 30 April – 31 August 2023), played by the
 * same script as `npm run simulate`, against a real SMTP server: what arrived, to whom and
 * when — and nothing twice.
 */
import { eq } from 'drizzle-orm';
import { pino } from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { departments, emails, plans } from '../../db/schema/index.ts';
import { addJob } from '../../jobs/add-job.ts';
import { waitForIdle } from '../../jobs/idle.ts';
import { runWorker, type RunningWorker } from '../../jobs/run-worker.ts';
import { playSeason, simulationClock, subscribeCouncilMember } from '../../jobs/simulate/season.ts';
import { useTestDeps } from '../helpers/setup.ts';
import { startSmtpSink, type ReceivedEmail } from '../helpers/smtp.ts';

const clock = simulationClock(new Date('2023-04-30T08:00:00+09:00'));
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let worker: RunningWorker;
/** Each message with the (simulated) day it arrived. */
const arrivals: (ReceivedEmail & { day: string })[] = [];
const day = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(clock.now());

const to = (address: string) => arrivals.filter((m) => m.to.includes(address));
// Emails of one day go out side by side over pooled connections: compared in day-and-subject order.
const subjectsTo = (address: string) => to(address).map((m) => `${m.day} ${m.subject}`).sort();

beforeAll(async () => {
  smtp = await startSmtpSink({ onMessage: (m) => arrivals.push({ ...m, day: day() }) });
  const deps = await useTestDeps({ clock, env: { SMTP_URL: smtp.url } });
  await subscribeCouncilMember(deps.db, 'council.member@example.jp', '総合戦略推進会議 委員');
  await deps.db.update(departments).set({ headDelegated: true }).where(eq(departments.code, 'care-welfare'));
  worker = await runWorker({ ...deps, clock }, { schedulers: false, relayIdleMs: 20, log: pino({ level: 'silent' }) });
  await playSeason({ ...deps, clock }, worker, {
    fiscalYear: 2022,
    lateDepartments: ['care-welfare', 'tourism-promotion'],
    silentDepartments: ['crisis-management'],
    days: { first: '2023-04-30', last: '2023-08-10', onTime: '2023-06-20', late: '2023-07-12', waive: '2023-07-21' },
  }, { idle: () => waitForIdle(worker, 60_000), log: () => {} });
}, 180_000);

describe('a review season', () => {
  it('chases a late department step by step, then its head (the deputy while the head is away)', () => {
    expect(subjectsTo('care-welfare@tomakomai.example').filter((s) => !s.includes('状況判断') && !s.includes('見直し案') && !s.includes('フォローアップ'))).toEqual([
      '2023-05-01 【総合戦略】令和4年度実績の提出のお願い（令和5年6月30日（金）締切）',
      '2023-06-16 【総合戦略】令和4年度実績の提出期限まであと14日です（令和5年6月30日（金）締切）',
      '2023-06-27 【総合戦略】令和4年度実績の提出期限まであと3日です（令和5年6月30日（金）締切）',
      '2023-06-30 【総合戦略】本日が令和4年度実績の提出期限です（令和5年6月30日（金））',
      '2023-07-07 【総合戦略・督促】令和4年度実績の提出期限を7日過ぎています',
    ]);
    expect(subjectsTo('deputy.care-welfare@tomakomai.example')).toEqual(['2023-07-07 【総合戦略・要対応】介護福祉課の令和4年度実績が提出期限を7日過ぎています']);
    expect(to('head.care-welfare@tomakomai.example')).toEqual([]);
    const reminder = to('care-welfare@tomakomai.example')[4]!;
    expect(reminder.text).toContain('介護福祉課 ご担当者様');
    expect(reminder.text).toContain('施策① 若者の市内就職の促進 ／ 介護人材確保支援事業');
  });

  it('stops reminding a department that submitted on time', () => {
    expect(subjectsTo('industry-employment@tomakomai.example').filter((s) => s.includes('提出'))).toEqual([
      '2023-05-01 【総合戦略】令和4年度実績の提出のお願い（令和5年6月30日（金）締切）',
      '2023-06-16 【総合戦略】令和4年度実績の提出期限まであと14日です（令和5年6月30日（金）締切）',
    ]);
  });

  it('tells the strategy office of a department 14 days late, in its daily summary', () => {
    const summaries = to('senryaku@tomakomai.example');
    const overdue = summaries.filter((m) => m.text.includes('危機管理室'));
    expect(overdue.map((m) => m.day)).toEqual(['2023-07-14']);
    expect(overdue[0]!.subject).toBe('【総合戦略・日次報告】令和5年7月14日（金） 期限超過 1課・遅れのＫＰＩ 0件');
    expect(subjectsTo('head.crisis-management@tomakomai.example')).toEqual(['2023-07-07 【総合戦略・要対応】危機管理室の令和4年度実績が提出期限を7日過ぎています']);
  });

  it('sends the strategy office one summary a day, listing the KPIs found behind', () => {
    const summaries = to('senryaku@tomakomai.example');
    const days = summaries.map((m) => m.day);
    expect(new Set(days).size).toBe(days.length);
    const first = summaries.find((m) => m.day === '2023-06-21')!;
    expect(first.subject).toMatch(/^【総合戦略・日次報告】令和5年6月21日（水） 期限超過 0課・遅れのＫＰＩ \d+件$/);
    expect(Number(/ＫＰＩ (\d+)件/.exec(first.subject)![1])).toBeGreaterThan(10);
    expect(first.text).toMatch(/（遅れ）|（要注意）/);
  });

  it('asks departments with KPIs behind for causes when a cycle enters Orient', () => {
    const orient = arrivals.filter((m) => m.subject.includes('状況判断（原因・改善策のご記入のお願い）'));
    expect(orient.length).toBeGreaterThan(10);
    expect(orient.every((m) => m.text.includes('原因と改善策のご記入をお願いいたします'))).toBe(true);
  });

  it('announces the decision to the department and the council member, once each', () => {
    // Sent side by side over pooled connections: in either order.
    const decisions = arrivals.filter((m) => m.subject.startsWith('【総合戦略・決定】')).sort((a, b) => a.to[0]!.localeCompare(b.to[0]!));
    expect(decisions.map((m) => [m.day, m.to[0], m.subject])).toEqual([
      ['2023-07-14', 'council.member@example.jp', '【総合戦略・決定】ＫＰＩ変更：内定者数（市内企業）'],
      ['2023-07-14', 'industry-employment@tomakomai.example', '【総合戦略・決定】ＫＰＩ変更：内定者数（市内企業）'],
    ]);
    for (const decision of decisions) {
      expect(decision.text).toContain('名称');
      expect(decision.text).toContain('内定者数 → 内定者数（市内企業）');
      expect(decision.text).not.toMatch(/\bm\d+-p\d+/);
    }
  });

  it('delivered exactly the emails it recorded, each once', async () => {
    const sent = await worker.deps.db.select().from(emails).where(eq(emails.status, 'sent'));
    expect(arrivals).toHaveLength(sent.length);
    const ids = arrivals.map((m) => m.messageId).sort();
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(sent.map((e) => e.messageId).sort());
  });

  it('sends nothing new when a day is run again', async () => {
    const [plan] = await worker.deps.db.select().from(plans).where(eq(plans.code, 'tomakomai-2nd'));
    const before = arrivals.length;
    for (const date of ['2023-05-01', '2023-07-07', '2023-07-14']) {
      clock.set(new Date(`${date}T09:30:00+09:00`));
      await addJob(worker.deps.queues, 'plan-daily-run', { planId: plan!.id, date }, { jobId: `rerun-${date}` });
      await waitForIdle(worker);
    }
    expect(arrivals.length).toBe(before);
    await worker.close();
  });
});
