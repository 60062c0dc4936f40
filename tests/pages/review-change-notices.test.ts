/**
 * The cached review pages (the OODA board, a cycle's page, マイタスク, the menu) cannot be
 * forgotten by a writer: every table they read announces a change from the database itself,
 * in the writing transaction — `reviews:<organization>` (db/migrations/0025) or, for the plan's
 * content, `plan:<plan>` (0017). The covered tables are checked against the tables the pages'
 * own queries name, so a new table read without a trigger fails here; and a raw write to each
 * review table, no service involved, is announced at commit and not on rollback.
 */
import { eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as schema from '../../db/schema/index.ts';
import { getReviewCalendar } from '../../services/calendar/review-calendar.ts';
import type { AuthUser, ServiceContext } from '../../services/context.ts';
import { systemClock } from '../../services/context.ts';
import { listPlans } from '../../services/plans/queries.ts';
import { getBoard } from '../../services/reviews/board.ts';
import { getInbox } from '../../services/reviews/inbox.ts';
import { getVocabulary } from '../../services/reviews/vocabulary.ts';
import { loadCycleView } from '../../services/http/pages/cycle-view.ts';
import { DEMO, signIn } from '../helpers/client.ts';
import { openCycle } from '../helpers/review-flow.ts';
import { useTestApp } from '../helpers/setup.ts';

const { app, deps } = await useTestApp();
let planId: string;
let organizationId: string;
let cycleId: string;
const users: Record<'office' | 'department', AuthUser> = {} as never;

beforeAll(async () => {
  const office = await signIn(app, DEMO.strategy);
  planId = (await office.get('/api/plans')).json().items[0].id;
  cycleId = await openCycle(office, planId, 2022, 1);
  // In Orient with an assessment, so that its tables have a row to change.
  const cycle = (await office.get(`/api/review-cycles/${cycleId}`)).json();
  for (const t of cycle.tasks) expect((await office.post(`/api/tasks/${t.id}/waive`, { reason: 'テストでは対象外' })).statusCode).toBe(200);
  expect((await office.post(`/api/review-cycles/${cycleId}/advance`, {})).statusCode).toBe(200);
  expect((await office.put(`/api/review-cycles/${cycleId}/projects/${cycle.tasks[0].projectId}/assessment`, { effectGrade: 'effective', nextStep: 'continue' })).statusCode).toBe(200);
  for (const [key, email] of [['office', DEMO.strategy], ['department', DEMO.employment]] as const) {
    const [row] = await deps.db.select().from(schema.users).where(eq(schema.users.email, email));
    users[key] = { id: row!.id, organizationId: row!.organizationId, email, name: row!.name, role: row!.role, departmentId: row!.departmentId, locale: 'ja' };
  }
  organizationId = users.office.organizationId;
});

const tablesWithTriggers = async (suffix: string) => {
  const rows = await deps.database.sql<{ table: string; name: string }[]>`
    select c.relname as table, t.tgname as name from pg_trigger t join pg_class c on c.oid = t.tgrelid where t.tgname like ${`%${suffix}%`}`;
  const names = new Set(rows.map((r) => `${r.table}:${r.name}`));
  return (table: string) => ['insert', 'update', 'delete'].every((op) => names.has(`${table}:${table}${suffix}${op}`));
};

describe('change notices for the review pages', () => {
  it('cover every table the board, a cycle page, マイタスク and the menu read, by their own queries', async () => {
    const queries: string[] = [];
    const client = postgres(deps.database.url, { max: 1, onnotice: () => {} });
    afterAll(() => client.end({ timeout: 5 }));
    const logged = drizzle(client, { schema, casing: 'snake_case', logger: { logQuery: (query) => void queries.push(query) } });
    for (const user of Object.values(users)) {
      const ctx: ServiceContext = { db: logged as never, clock: systemClock, actor: { type: 'user', user } };
      await getBoard(ctx, planId, 2022);
      await getReviewCalendar({ ctx, input: { planId } });
      await loadCycleView(ctx, cycleId).catch(() => undefined);
      await getInbox(ctx);
      await listPlans(ctx);
      await getVocabulary({ ctx });
    }
    const read = new Set([...queries.join('\n').matchAll(/\b(?:from|join)\s+"(\w+)"/gi)].map((m) => m[1]!));
    const [review, content] = [await tablesWithTriggers('_review_change_'), await tablesWithTriggers('_content_version_')];
    expect(read.size).toBeGreaterThan(10);
    // plans: its content by the plans_content_version row trigger, a plan added or removed by plans_announce_*.
    expect([...read].filter((table) => table !== 'plans' && !review(table) && !content(table)), 'tables the review pages read without a change notice').toEqual([]);
  });

  const WRITES: Record<string, string> = {
    review_cycles: `update review_cycles set due_date = due_date + 1 where id = $1`,
    review_tasks: `update review_tasks set due_date = due_date + 1 where cycle_id = $1`,
    // Nothing submitted in this cycle: a statement that writes no row is not announced.
    task_submissions: `delete from task_submissions where task_id in (select id from review_tasks where cycle_id = $1) and false`,
    kpi_explanations: `insert into kpi_explanations (cycle_id, kpi_id, cause, improvement, written_by) select c.id, k.id, '原因', '改善策', u.id from review_cycles c join kpis k on k.plan_id = c.plan_id join users u on u.organization_id = c.organization_id where c.id = $1 limit 1`,
    project_assessments: `update project_assessments set comment = 'SQLで変更' where cycle_id = $1`,
    proposals: `insert into proposals (cycle_id, marker, subject_id, proposed, rationale, proposed_by) select c.id, 'target_changed', k.id, '{}', 'SQLで追加', u.id from review_cycles c join kpis k on k.plan_id = c.plan_id join users u on u.organization_id = c.organization_id where c.id = $1 limit 1`,
    action_items: `insert into action_items (cycle_id, department_id, text, created_by) select c.id, d.id, 'SQLで追加', u.id from review_cycles c join departments d on d.organization_id = c.organization_id join users u on u.organization_id = c.organization_id where c.id = $1 limit 1`,
    // Append-only: a copy of one of the cycle's events.
    review_events: `insert into review_events select (jsonb_populate_record(null::review_events, to_jsonb(r) || jsonb_build_object('id', nextval('review_events_id_seq')))).* from review_events r where cycle_id = $1 limit 1`,
    review_calendars: `insert into review_calendars (plan_id) select plan_id from review_cycles where id = $1 on conflict (plan_id) do update set remind_days_before = excluded.remind_days_before`,
    users: `update users set name = name || '※' where organization_id = (select organization_id from review_cycles where id = $1)`,
  };

  it.each(Object.keys(WRITES))('a raw write to %s is announced for its organization at commit, and not on rollback', async (table) => {
    const heard: string[] = [];
    const listener = postgres(deps.database.url, { max: 1, onnotice: () => {} });
    try {
      await listener.listen('cityplan_changes', (payload) => void heard.push(payload));
      const writer = postgres(deps.database.url, { max: 1, onnotice: () => {} });
      try {
        // A statement that writes no row still fires a statement trigger: only rows written are announced.
        await writer.begin(async (tx) => {
          await tx.unsafe(WRITES[table]!, [cycleId]);
          throw new Error('rollback');
        }).catch((error: Error) => expect(error.message).toBe('rollback'));
        await writer.unsafe(WRITES[table]!, [cycleId]);
        await writer.unsafe(`select pg_notify('cityplan_changes', 'barrier:test')`);
      } finally {
        await writer.end({ timeout: 5 });
      }
      await expect.poll(() => heard.includes('barrier:test')).toBe(true);
      const announced = heard.filter((p) => p.startsWith('reviews:'));
      if (WRITES[table]!.endsWith(' and false')) expect(announced).toEqual([]);
      else expect(announced).toEqual([`reviews:${organizationId}`]);
    } finally {
      await listener.end({ timeout: 5 });
    }
  });
});
