/**
 * The escalation verbs the daily run calls (services/escalations): records raised once per task
 * and level as the calendar says, resolved when the task stops waiting, KPIs behind raised
 * against their project's lead department, and one escalate-to-head outbox row per department
 * and season until its head has been told. Only the system may run them.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { escalations, outbox, projectDepartments, reviewCycles, reviewTasks } from '../../db/schema/index.ts';
import { notifyHead } from '../../services/escalations/notify-head.ts';
import { raiseEscalations } from '../../services/escalations/raise-escalations.ts';
import { DEMO, signIn, type Client } from '../helpers/client.ts';
import { openCycles } from '../../services/reviews/open-cycles.ts';
import { completeObserve } from '../helpers/review-flow.ts';
import { systemCtx, useTestApp } from '../helpers/setup.ts';

let deps: Awaited<ReturnType<typeof useTestApp>>['deps'];
let planId: string;
const due = '2026-06-30';
const dayAfterDue = (n: number) => new Date(Date.parse(`${due}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

const waitingTasks = () =>
  deps.db
    .select({ id: reviewTasks.id, departmentId: reviewTasks.departmentId, dueDate: reviewTasks.dueDate, fiscalYear: reviewCycles.fiscalYear })
    .from(reviewTasks)
    .innerJoin(reviewCycles, eq(reviewCycles.id, reviewTasks.cycleId))
    .where(and(eq(reviewCycles.planId, planId), eq(reviewCycles.phase, 'observe'), inArray(reviewTasks.status, ['open', 'returned'])));
const headJobs = () => deps.db.select().from(outbox).where(eq(outbox.job, 'escalate-to-head'));
const raise = (date: string) => raiseEscalations({ ctx: systemCtx(deps.db), input: { planId, date } });

beforeAll(async () => {
  const started = await useTestApp({ seeded: true });
  deps = started.deps;
  const [so, employment, policy] = (await Promise.all([DEMO.strategy, DEMO.employment, DEMO.policy].map((email) => signIn(started.app, email)))) as [Client, Client, Client];
  planId = (await so.get('/api/plans')).json().items[0].id;
  // Measure ② in Orient with every KPI far behind (all values 1); every other measure waiting, due `due`.
  // Opened by the system as the season was (a person may not open one already past its due date).
  const [orient] = (await openCycles({ ctx: systemCtx(deps.db), input: { planId, fiscalYear: 2022, measureNumbers: [2], dueDate: '2026-09-30' } })).opened.map((o) => o.cycleId);
  await completeObserve(so, orient!, { '工業・雇用振興課': employment, 政策推進課: policy });
  expect((await openCycles({ ctx: systemCtx(deps.db), input: { planId, fiscalYear: 2022, dueDate: due } })).opened.length).toBeGreaterThan(0);
}, 60_000);

describe('raising escalations', () => {
  it('refuses a person and an input of the wrong shape', async () => {
    const person = { ...systemCtx(deps.db), actor: { type: 'user' as const, user: { id: crypto.randomUUID(), organizationId: crypto.randomUUID(), email: 'a@b.example', name: 'a', role: 'strategy_office' as const, departmentId: null, locale: 'ja' as const } } };
    await expect(raiseEscalations({ ctx: person, input: { planId, date: due } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(raiseEscalations({ ctx: systemCtx(deps.db), input: { planId, date: '30/06/2026' } })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await deps.db.select().from(escalations)).toHaveLength(0);
  });

  it('raises each level once, on the day the calendar says, and asks once per department and season for its head', async () => {
    const waiting = await waitingTasks();
    const seasons = new Set(waiting.map((t) => `${t.departmentId}|${t.fiscalYear}|${t.dueDate}`));
    expect(waiting.length).toBeGreaterThan(seasons.size);

    // The default calendar: the head after 7 days overdue, the office after 14.
    expect((await raise(dayAfterDue(6))).raised).toBe(kpiRows(await deps.db.select().from(escalations)));
    expect(await headJobs()).toHaveLength(0);

    const kpisBehind = kpiRows(await deps.db.select().from(escalations));
    expect((await raise(dayAfterDue(7))).raised).toBe(waiting.length);
    const asked = await headJobs();
    expect(asked).toHaveLength(seasons.size);
    for (const { payload } of asked) expect(payload).toMatchObject({ planId, fiscalYear: 2022, dueDate: due, daysOverdue: 7 });

    expect((await raise(dayAfterDue(14))).raised).toBe(waiting.length);
    const rows = await deps.db.select().from(escalations).where(eq(escalations.kind, 'task_overdue'));
    expect(rows.filter((r) => r.level === 'department_head')).toHaveLength(waiting.length);
    expect(rows.filter((r) => r.level === 'strategy_office')).toHaveLength(waiting.length);
    expect(kpiRows(await deps.db.select().from(escalations))).toBe(kpisBehind);

    // Heads not told yet are asked for again (a department without a head address stays untold); once told, not any more.
    expect(await headJobs()).toHaveLength(2 * seasons.size);
    for (const { payload } of asked) await notifyHead({ ctx: systemCtx(deps.db), input: payload as never, publicUrl: 'http://cityplan.test' });
    const heads = await deps.db.select().from(escalations).where(eq(escalations.level, 'department_head'));
    expect(heads.some((e) => e.notifiedTo)).toBe(true);
    const untold = new Set(heads.filter((e) => !e.notifiedTo).map((e) => e.departmentId));
    expect((await raise(dayAfterDue(15))).raised).toBe(0);
    expect(await headJobs()).toHaveLength(2 * seasons.size + untold.size);
  });

  it('raises a KPI behind against its project’s lead department', async () => {
    const kpiEscalations = await deps.db.select().from(escalations).where(eq(escalations.kind, 'kpi_behind'));
    expect(kpiEscalations.length).toBeGreaterThan(0);
    for (const e of kpiEscalations) {
      expect(e.level).toBe('strategy_office');
      expect(['at_risk', 'off_track']).toContain(e.status);
      const [lead] = await deps.db
        .select({ departmentId: projectDepartments.departmentId })
        .from(projectDepartments)
        .innerJoin(reviewTasks, eq(reviewTasks.projectId, projectDepartments.projectId))
        .where(and(eq(reviewTasks.cycleId, e.cycleId), eq(projectDepartments.position, 0), eq(projectDepartments.departmentId, e.departmentId)));
      expect(lead).toBeDefined();
    }
  });

  it('resolves the escalations of a task that no longer waits', async () => {
    const [task] = await waitingTasks();
    await deps.db.update(reviewTasks).set({ status: 'waived' }).where(eq(reviewTasks.id, task!.id));
    await raise(dayAfterDue(16));
    const own = await deps.db.select().from(escalations).where(eq(escalations.taskId, task!.id));
    expect(own).toHaveLength(2);
    for (const e of own) expect(e.resolvedAt).not.toBeNull();
  });
});

const kpiRows = (rows: { kind: string }[]) => rows.filter((r) => r.kind === 'kpi_behind').length;
