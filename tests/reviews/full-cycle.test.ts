/**
 * Measure ① of the Tomakomai plan through a whole FY2022 review over HTTP: three departments
 * and the strategy office; submit, correct, return, accept, explain, assess, propose a KPI
 * change and a project end, approve one and reject one, apply, follow up, close — with the
 * app restarted in the middle. The decision log and the plan's history must show exactly that.
 */
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../services/http/app.ts';
import { DEMO, signIn, type Client } from '../helpers/client.ts';
import { manualClock } from '../helpers/clock.ts';
import { useTestDeps } from '../helpers/setup.ts';

// The seed plan was imported at real time; the review runs after it (a FY2022 review run late),
// so that "the plan as of a moment" is meaningful. Times are days from the start of the test.
const day0 = Date.now() + 86_400_000;
const day = (n: number) => new Date(day0 + n * 86_400_000).toISOString();
const dueDate = day(60).slice(0, 10);
const clock = manualClock(day(0));
let deps: Awaited<ReturnType<typeof useTestDeps>>;
let app: FastifyInstance;
let so: Client, employment: Client, policy: Client, care: Client;
let planId: string;
let cycleId: string;

interface TaskRow { id: string; projectCode: string; projectName: string; status: string; lead: boolean; departmentName: string }
interface KpiRow { id: string; name: string; unit: string; cumulative: boolean }

async function start() {
  app = await buildApp(deps);
  await signInAll();
}

/** Sessions last 12 hours: after moving the clock on, everyone signs in again. */
async function at(iso: string) {
  clock.set(iso);
  await signInAll();
}

async function signInAll() {
  so = await signIn(app, DEMO.strategy);
  employment = await signIn(app, DEMO.employment);
  policy = await signIn(app, DEMO.policy);
  care = await signIn(app, DEMO.care);
}

const tasksOf = async (client: Client): Promise<TaskRow[]> => (await client.get('/api/tasks?fiscalYear=2022')).json().items;
const kpisOfTask = async (client: Client, taskId: string): Promise<KpiRow[]> => (await client.get(`/api/tasks/${taskId}`)).json().kpis;

/** Submits a value for every KPI of the task: `values` by KPI name, else `fallback`. */
async function submit(client: Client, task: TaskRow, values: Record<string, number> = {}, fallback = 50) {
  const kpis = await kpisOfTask(client, task.id);
  const res = await client.post(`/api/tasks/${task.id}/submissions`, {
    values: kpis.map((k) => ({ kpiId: k.id, value: values[k.name] ?? fallback })),
    comment: '令和4年度実績',
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

beforeAll(async () => {
  deps = await useTestDeps({ clock });
  await start();
  planId = (await so.get('/api/plans')).json().items[0].id;
});

describe('a whole FY2022 review of measure ①', () => {
  it('opens the cycle with a task per department per project', async () => {
    const res = await so.post(`/api/plans/${planId}/review-cycles`, { fiscalYear: 2022, measureNumbers: [1], dueDate });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ fiscalYear: 2022, dueDate, opened: [{ measureNumber: 1, tasks: 7 }], alreadyOpen: 0 });
    cycleId = res.json().opened[0].cycleId;
    // Opening again changes nothing.
    expect((await so.post(`/api/plans/${planId}/review-cycles`, { fiscalYear: 2022, measureNumbers: [1] })).json()).toMatchObject({ opened: [], alreadyOpen: 1 });

    expect((await tasksOf(employment)).map((t) => [t.projectCode, t.lead])).toEqual([
      ['m01-p01', true], ['m01-p02', true], ['m01-p04', false],
    ]);
    expect((await tasksOf(policy)).map((t) => [t.projectCode, t.lead])).toEqual([['m01-p03', true], ['m01-p04', true]]);
    expect((await tasksOf(care)).map((t) => t.projectCode)).toEqual(['m01-p05', 'm01-p06']);
    expect(await tasksOf(so)).toHaveLength(7);
  });

  it('rejects an invalid submission with the field named in Japanese, and writes nothing', async () => {
    const [task] = await tasksOf(employment);
    const [kpi] = await kpisOfTask(employment, task!.id);
    const res = await employment.post(`/api/tasks/${task!.id}/submissions`, { values: [{ kpiId: kpi!.id, value: -3 }] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.problems).toMatchObject([{ field: 'body.values[0].value', message: '「内定者数」の実績値：件数・人数は 0 以上で入力してください' }]);
    const after = (await employment.get(`/api/tasks/${task!.id}`)).json();
    expect(after).toMatchObject({ status: 'open', submissions: [] });
  });

  it('takes submissions and corrections before the due date, keeping every version', async () => {
    const [p01, p02, p04co] = await tasksOf(employment);
    await submit(employment, p01!, { 内定者数: 8 });
    const corrected = await submit(employment, p01!, { 内定者数: 10 });
    expect(corrected.submission.version).toBe(2);
    await submit(employment, p02!, { 就職者数: 22 });
    await submit(employment, p04co!, { 北海道のマッチングサイト求人掲載数: 30 });
    const detail = (await employment.get(`/api/tasks/${p01!.id}`)).json();
    expect(detail.submissions.map((s: { version: number; values: { value: number }[] }) => [s.version, s.values[0]!.value])).toEqual([[2, 10], [1, 8]]);
  });

  it('resumes where it was after a restart', async () => {
    await app.close();
    await start();
    const cycle = (await so.get(`/api/review-cycles/${cycleId}`)).json();
    expect(cycle.phase).toBe('observe');
    expect(cycle.tasks.filter((t: TaskRow) => t.status === 'submitted')).toHaveLength(3);
  });

  it('refuses to move on while tasks are outstanding, naming the phase and what is missing', async () => {
    const res = await so.post(`/api/review-cycles/${cycleId}/advance`, {});
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({
      phase: 'observe',
      message: 'the cycle is in Observe and cannot move on: 4 task(s) are neither submitted nor waived; 3 submission(s) are waiting for review (accept or return them, or move on acknowledging it)',
      blockers: [{ code: 'tasksOutstanding', count: 4 }, { code: 'submissionsAwaitingReview', count: 3, acknowledgeable: true }],
    });
  });

  it('shows the lead department what its co-owner entered', async () => {
    const [, p04] = await tasksOf(policy);
    const detail = (await policy.get(`/api/tasks/${p04!.id}`)).json();
    expect(detail.coOwners).toEqual([expect.objectContaining({ departmentName: '工業・雇用振興課', status: 'submitted', latest: expect.objectContaining({ version: 1 }) })]);
  });

  it('lets the strategy office return a submission and accept the corrected one', async () => {
    const [p03, p04] = await tasksOf(policy);
    await submit(policy, p03!, { 登録者数: 33 });
    await submit(policy, p04!, { 北海道のマッチングサイト求人掲載数: 25 });
    const [p05, p06] = await tasksOf(care);
    await submit(care, p05!, { 就職者数: 31 });
    await submit(care, p06!, { 介護職員育成支援人数: 150 });

    expect((await so.post(`/api/tasks/${p05!.id}/return`, {})).statusCode).toBe(400);
    const returned = await so.post(`/api/tasks/${p05!.id}/return`, { comment: '累計値で入力してください' });
    expect(returned.json()).toMatchObject({ status: 'returned' });
    await submit(care, p05!, { 就職者数: 45 });
    for (const task of await tasksOf(so)) {
      const res = await so.post(`/api/tasks/${task.id}/accept`, {});
      expect(res.statusCode, res.body).toBe(200);
    }
    const history = (await care.get(`/api/tasks/${p05!.id}`)).json().history;
    expect(history.map((h: { type: string; detail: { decision?: string } }) => [h.type, h.detail.decision ?? null])).toEqual([
      ['SUBMIT', null], ['REVIEW_SUBMISSION', 'return'], ['SUBMIT', null], ['REVIEW_SUBMISSION', 'accept'],
    ]);
  });

  it('moves to Orient; statuses come from the accepted actuals', async () => {
    await at(day(70));
    const res = await so.post(`/api/review-cycles/${cycleId}/advance`, { expectedPhase: 'observe' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().cycle.phase).toBe('orient');
    const cycle = (await so.get(`/api/review-cycles/${cycleId}`)).json();
    const status = (name: string) => cycle.kpis.find((k: { name: string }) => k.name === name).assessment.status;
    // 内定者数: running total 10 against 40 × 3/5 = 24 expected by FY2022 → 42 %: off track.
    expect(status('内定者数')).toBe('off_track');
    expect(cycle.kpis.find((k: { name: string }) => k.name === '内定者数').assessment.reason.ja).toContain('遅れ');
    expect(cycle.blockers.map((b: { code: string }) => b.code)).toEqual(expect.arrayContaining(['explanationsMissing', 'assessmentsMissing']));
  });

  it('needs a cause and improvement for every KPI behind, and an assessment of every project', async () => {
    const blocked = await so.post(`/api/review-cycles/${cycleId}/advance`, {});
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().error.messageJa).toContain('原因と改善策が記入されていません');

    const cycle = (await so.get(`/api/review-cycles/${cycleId}`)).json();
    const clientFor: Record<string, Client> = {};
    for (const t of cycle.tasks as (TaskRow & { projectId: string })[]) {
      if (t.lead) clientFor[t.projectId] = t.departmentName === '工業・雇用振興課' ? employment : t.departmentName === '政策推進課' ? policy : care;
    }
    for (const k of cycle.kpis.filter((k: { needsExplanation: boolean }) => k.needsExplanation)) {
      // Another department may not explain it; the owner may.
      const other = clientFor[k.projectId] === care ? employment : care;
      expect((await other.put(`/api/review-cycles/${cycleId}/kpis/${k.id}/explanation`, { cause: 'x', improvement: 'y' })).statusCode).toBe(404);
      const res = await clientFor[k.projectId]!.put(`/api/review-cycles/${cycleId}/kpis/${k.id}/explanation`, {
        cause: '新型コロナウイルス感染症の影響で説明会を縮小した',
        improvement: 'オンライン説明会を併用する',
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    for (const projectId of new Set(cycle.tasks.map((t: { projectId: string }) => t.projectId))) {
      const res = await so.put(`/api/review-cycles/${cycleId}/projects/${projectId}/assessment`, { effectGrade: 'effective', nextStep: 'improve', comment: '継続して改善' });
      expect(res.statusCode, res.body).toBe(200);
    }
    const res = await so.post(`/api/review-cycles/${cycleId}/advance`, {});
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().cycle.phase).toBe('decide');
  });

  let kpiProposal: string;
  let endProposal: string;
  let changedKpiId: string;
  it('takes proposals typed like the document’s markers', async () => {
    const [p01] = await tasksOf(employment);
    const [kpi] = await kpisOfTask(employment, p01!.id);
    changedKpiId = kpi!.id;
    const bad = await employment.post(`/api/review-cycles/${cycleId}/proposals`, { marker: 'kpi_changed', subjectId: kpi!.id, proposed: { unit: 'ダース' }, rationale: 'x' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.problems[0]).toMatchObject({ field: 'body.proposed.unit' });

    const change = await employment.post(`/api/review-cycles/${cycleId}/proposals`, {
      marker: 'kpi_changed',
      subjectId: kpi!.id,
      proposed: { name: '市内企業への内定者数' },
      rationale: '市内企業への就職に絞って効果を測るため',
    });
    expect(change.statusCode, change.body).toBe(201);
    expect(change.json()).toMatchObject({ status: 'pending', before: { name: '内定者数', version: 1 } });
    kpiProposal = change.json().id;

    // A department proposes about its own projects only.
    const [, p06] = await tasksOf(care);
    const p06Id = (await care.get(`/api/tasks/${p06!.id}`)).json().project.id;
    expect((await employment.post(`/api/review-cycles/${cycleId}/proposals`, { marker: 'project_ended', subjectId: p06Id, proposed: { effectiveFiscalYear: 2023 }, rationale: 'x' })).statusCode).toBe(404);
    const end = await care.post(`/api/review-cycles/${cycleId}/proposals`, { marker: 'project_ended', subjectId: p06Id, proposed: { effectiveFiscalYear: 2023 }, rationale: '国の補助制度に移行するため' });
    expect(end.statusCode, end.body).toBe(201);
    endProposal = end.json().id;
    expect((await so.get('/api/proposals?status=pending')).json().items).toHaveLength(2);
    expect((await care.get('/api/proposals')).json().items.map((p: { id: string }) => p.id)).toEqual([endProposal]);
  });

  it('lets only the strategy office decide, and exactly one of two simultaneous decisions win', async () => {
    expect((await employment.post(`/api/proposals/${kpiProposal}/approve`, {})).statusCode).toBe(403);
    expect((await so.post(`/api/review-cycles/${cycleId}/advance`, {})).json().error.blockers).toEqual([expect.objectContaining({ code: 'proposalsPending', count: 2 })]);

    const [a, b] = await Promise.all([
      so.post(`/api/proposals/${kpiProposal}/approve`, { reason: '妥当' }),
      so.post(`/api/proposals/${kpiProposal}/approve`, { reason: '妥当（二重送信）' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = (a.statusCode === 409 ? a : b).json().error;
    expect(loser.message).toBe('this proposal is already “Approved”');
    expect((a.statusCode === 200 ? a : b).json()).toMatchObject({ status: 'approved', version: 2 });
    // Deciding it the other way afterwards is refused too: nothing is overwritten.
    expect((await so.post(`/api/proposals/${kpiProposal}/reject`, { reason: '時期尚早' })).statusCode).toBe(409);

    expect((await so.post(`/api/proposals/${endProposal}/reject`, {})).statusCode).toBe(400);
    const rejected = await so.post(`/api/proposals/${endProposal}/reject`, { reason: '事業効果の検証を続けるため' });
    expect(rejected.json()).toMatchObject({ status: 'rejected', decisionReason: '事業効果の検証を続けるため' });
  });

  it('applies the approved revision on entering Act and logs the decision', async () => {
    await at(day(90));
    const res = await so.post(`/api/review-cycles/${cycleId}/advance`, { expectedPhase: 'decide' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().cycle.phase).toBe('act');
    expect(res.json().decisionIds).toHaveLength(1);
    const log = (await employment.get(`/api/plans/${planId}/decisions?fiscalYear=2022`)).json();
    const fromReview = log.items.filter((d: { source: string }) => d.source === 'review');
    expect(fromReview).toEqual([
      expect.objectContaining({
        marker: 'kpi_changed',
        subjectId: changedKpiId,
        subjectCode: 'm01-p01-k1',
        subjectName: '市内企業への内定者数',
        before: expect.objectContaining({ name: '内定者数' }),
        after: expect.objectContaining({ name: '市内企業への内定者数', version: 2 }),
        rationale: '市内企業への就職に絞って効果を測るため',
        cycleId,
        decidedByName: '戦略 太郎',
      }),
    ]);
    const history = (await employment.get(`/api/kpis/${changedKpiId}`)).json();
    expect(history.versions.map((v: { version: number; name: string; provenance: string; effectiveFiscalYear: number | null }) => [v.version, v.name, v.provenance, v.effectiveFiscalYear])).toEqual([
      [1, '内定者数', 'document', null],
      [2, '市内企業への内定者数', 'decision', 2023],
    ]);
    // The plan as it stood before the revision, and after it.
    const nameAt = async (asOf: string) => {
      const res = await employment.get(`/api/plans/${planId}/tree?asOf=${encodeURIComponent(asOf)}`);
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
      const tree = res.json();
      return tree.goals[0].directions[0].measures[0].projects[0].kpis[0].name;
    };
    expect(await nameAt(day(89))).toBe('内定者数');
    expect(await nameAt(day(90))).toBe('市内企業への内定者数');
    const p01History = (await employment.get(`/api/kpis/${changedKpiId}`)).json();
    expect(p01History.values.filter((v: { kind: string; fiscalYear: number }) => v.kind === 'actual').map((v: { fiscalYear: number; value: number; provenance: string }) => [v.fiscalYear, v.value, v.provenance])).toEqual([
      [2021, 7, 'document'],
      [2022, 10, 'review'],
    ]);
  });

  it('follows up with the departments and closes', async () => {
    const cycle = (await so.get(`/api/review-cycles/${cycleId}`)).json();
    const careDepartmentId = cycle.tasks.find((t: TaskRow) => t.departmentName === '介護福祉課').departmentId;
    const item = await so.post(`/api/review-cycles/${cycleId}/action-items`, { departmentId: careDepartmentId, text: '介護人材の定着状況を半期ごとに報告する', dueDate: day(180).slice(0, 10) });
    expect(item.statusCode, item.body).toBe(201);
    expect((await employment.post(`/api/action-items/${item.json().id}/done`, {})).statusCode).toBe(404);
    expect((await care.post(`/api/action-items/${item.json().id}/done`, {})).json()).toMatchObject({ status: 'done' });

    const closed = await so.post(`/api/review-cycles/${cycleId}/advance`, {});
    expect(closed.json().cycle.phase).toBe('closed');
    const after = await so.post(`/api/review-cycles/${cycleId}/advance`, {});
    expect(after.statusCode).toBe(409);
    expect(after.json().error.message).toBe('the cycle is in Closed; moving the cycle on is possible only in Observe, Orient, Decide, Act');
  });

  it('keeps a complete record of who did what, in order', async () => {
    const events = (await so.get(`/api/review-cycles/${cycleId}`)).json().events as { type: string; phase: string }[];
    const advances = events.filter((e) => e.type === 'ADVANCE').map((e) => e.phase);
    expect(advances).toEqual(['orient', 'decide', 'act', 'closed']);
    expect(events[0]).toMatchObject({ type: 'OPEN', phase: 'observe' });
    // p01 twice (a correction), p02, p04 by each owner, p03, p05 twice (returned once), p06.
    expect(events.filter((e) => e.type === 'SUBMIT')).toHaveLength(9);
  });
});
