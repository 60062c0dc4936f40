/**
 * 一時保存 on the server: only the owning department keeps and reads a task's draft (another
 * department gets "not found", the strategy office never sees it: for it there is none), each save names the version
 * it started from (a stale one is 409), a submission deletes the draft in its transaction, and
 * a refused save writes nothing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO, signIn, type Client } from '../helpers/client.ts';
import { pageSignIn } from '../helpers/pages.ts';
import { useTestApp } from '../helpers/setup.ts';

const { app, deps } = await useTestApp();
let so: Client, policy: Client, employment: Client;
let taskId: string, otherTaskId: string;
let kpiIds: string[];
const drafts = async () => (await deps.database.sql`select task_id, version, comment, "values" from submission_drafts order by task_id`) as unknown as { task_id: string; version: number; comment: string | null; values: unknown }[];

beforeAll(async () => {
  so = await signIn(app, DEMO.strategy);
  policy = await signIn(app, DEMO.policy);
  employment = await signIn(app, DEMO.employment);
  const planId = (await so.get('/api/plans')).json().items[0].id;
  expect((await so.post(`/api/plans/${planId}/review-cycles`, { fiscalYear: 2024, measureNumbers: [12], dueDate: '2099-06-30' })).statusCode).toBe(201);
  const tasks = (await policy.get('/api/tasks?fiscalYear=2024')).json().items as { id: string; projectName: string }[];
  taskId = tasks.find((t) => t.projectName === 'とまこまい縁結びサポート助成事業')!.id;
  otherTaskId = tasks.find((t) => t.projectName !== 'とまこまい縁結びサポート助成事業')!.id;
  kpiIds = ((await policy.get(`/api/tasks/${taskId}`)).json().kpis as { id: string }[]).map((k) => k.id);
});

describe('a draft of a task’s actuals', () => {
  it('is kept for the owning department, with a value still missing, and read back', async () => {
    const res = await policy.put(`/api/tasks/${taskId}/draft`, { values: [{ kpiId: kpiIds[0], value: 5.9 }, { kpiId: kpiIds[1], value: null }], comment: '途中まで' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ taskId, version: 1, comment: '途中まで', values: [{ kpiId: kpiIds[0], value: 5.9 }, { kpiId: kpiIds[1], value: null }] });
    expect((await policy.get(`/api/tasks/${taskId}/draft`)).json().draft).toMatchObject({ version: 1, comment: '途中まで' });
    expect(await drafts()).toHaveLength(1);
  });

  it('is "not found" to another department, exactly like a random id, and it cannot save one', async () => {
    const random = '00000000-0000-4000-8000-000000000000';
    const theirs = await employment.get(`/api/tasks/${taskId}/draft`);
    const none = await employment.get(`/api/tasks/${random}/draft`);
    expect(theirs.statusCode).toBe(404);
    expect(theirs.json().error.message).toBe(none.json().error.message);
    expect(theirs.json().error.code).toBe(none.json().error.code);
    expect((await employment.put(`/api/tasks/${taskId}/draft`, { values: [], version: 1 })).statusCode).toBe(404);
    expect((await drafts())[0]).toMatchObject({ version: 1, comment: '途中まで' });
  });

  it('is never shown to the strategy office: not through the API, not on the task page, and it cannot write one', async () => {
    const seen = await so.get(`/api/tasks/${taskId}/draft`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toEqual({ draft: null });
    expect((await so.get(`/api/tasks/${taskId}`)).body).not.toContain('途中まで');
    expect((await so.put(`/api/tasks/${taskId}/draft`, { values: [], version: 1 })).statusCode).toBe(403);
    const page = await (await pageSignIn(app, DEMO.strategy)).get(`/tasks/${taskId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('途中まで');
    expect(page.body).not.toContain('一時保存した内容');
    expect((await drafts())[0]).toMatchObject({ version: 1, comment: '途中まで' });
  });

  it('refuses a save from a stale version with 409 and keeps the newer draft', async () => {
    expect((await policy.put(`/api/tasks/${taskId}/draft`, { values: [], comment: '別のタブ' })).statusCode).toBe(409);
    const second = await policy.put(`/api/tasks/${taskId}/draft`, { values: [{ kpiId: kpiIds[0], value: 6 }], comment: '二回目', version: 1 });
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json().version).toBe(2);
    const stale = await policy.put(`/api/tasks/${taskId}/draft`, { values: [], comment: '古い画面から', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('CONFLICT');
    expect(await drafts()).toMatchObject([{ version: 2, comment: '二回目' }]);
  });

  it('writes nothing for a refused input: unknown field, wrong type, a KPI of another project, one KPI twice', async () => {
    const before = await drafts();
    const otherKpi = ((await policy.get(`/api/tasks/${otherTaskId}`)).json().kpis as { id: string }[])[0]!.id;
    for (const body of [
      { values: [], version: 2, evidenceURL: 'x' },
      { values: [{ kpiId: kpiIds[0], value: '6' }], version: 2 },
      { values: [], version: '2' },
      { values: [{ kpiId: otherKpi, value: 1 }], version: 2 },
      { values: [{ kpiId: kpiIds[0], value: 1 }, { kpiId: kpiIds[0], value: 2 }], version: 2 },
    ]) {
      const res = await policy.put(`/api/tasks/${taskId}/draft`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect(await drafts()).toEqual(before);
  });

  it('is deleted when the task is submitted, in the same transaction', async () => {
    const submitted = await policy.post(`/api/tasks/${taskId}/submissions`, { values: [{ kpiId: kpiIds[0], value: 6 }, { kpiId: kpiIds[1], value: 12 }] });
    expect(submitted.statusCode, submitted.body).toBe(201);
    expect(await drafts()).toEqual([]);
    expect((await policy.get(`/api/tasks/${taskId}/draft`)).json()).toEqual({ draft: null });
    // The page a clerk still has open from before names a version that is gone: a conflict, not a new draft.
    expect((await policy.put(`/api/tasks/${taskId}/draft`, { values: [], version: 2 })).statusCode).toBe(409);
  });

  it('keeps the draft when the submission is refused (the transaction rolls back)', async () => {
    expect((await policy.put(`/api/tasks/${otherTaskId}/draft`, { values: [], comment: '残るはず' })).statusCode).toBe(200);
    const refused = await policy.post(`/api/tasks/${otherTaskId}/submissions`, { values: [{ kpiId: kpiIds[0], value: 1 }] });
    expect(refused.statusCode).toBe(400);
    expect((await drafts()).map((d) => d.comment)).toEqual(['残るはず']);
  });

  it('is refused once the task cannot be submitted (waived)', async () => {
    expect((await so.post(`/api/tasks/${otherTaskId}/waive`, { reason: '今年度は対象外' })).statusCode).toBe(200);
    const res = await policy.put(`/api/tasks/${otherTaskId}/draft`, { values: [], version: 1 });
    expect(res.statusCode).toBe(409);
    expect((await drafts()).map((d) => d.comment)).toEqual(['残るはず']);
  });
});
