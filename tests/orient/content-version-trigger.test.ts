/**
 * The dashboard cache cannot be forgotten: the plan's content version is bumped by the
 * database itself, in the writing transaction, on every table the dashboard reads. These
 * writes are raw SQL, no service involved — a new writer that knows nothing of caches. And
 * the set of covered tables is checked against the tables the dashboard's own queries name,
 * so a new table read by the dashboard without the trigger fails here.
 */
import { drizzle } from 'drizzle-orm/postgres-js';
import type { FastifyInstance } from 'fastify';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as schema from '../../db/schema/index.ts';
import { systemClock } from '../../services/context.ts';
import { getPlanDashboard } from '../../services/orient/plan-dashboard.ts';
import { DEMO, signIn, type Client } from '../helpers/client.ts';
import { useTestApp, type TestDatabase } from '../helpers/setup.ts';

let app: FastifyInstance;
let database: TestDatabase;
let office: Client;
let planId: string;

beforeAll(async () => {
  const built = await useTestApp();
  app = built.app;
  database = built.deps.database;
  office = await signIn(app, DEMO.strategy);
  planId = (await office.get('/api/plans')).json().items[0].id;
});

/** A copy of one row of `table` (chosen by `where`) with `changes`, inserted: the way to write to an append-only table. */
const copyRow = (table: string, where: string, changes: string) =>
  `insert into ${table} select (jsonb_populate_record(null::${table}, to_jsonb(r) || ${changes})).* from ${table} r where ${where} limit 1`;
const newUuid = `jsonb_build_object('id', gen_random_uuid())`;
const newSerial = (table: string) => `jsonb_build_object('id', nextval(pg_get_serial_sequence('${table}', 'id')))`;
const planKpi = `kpi_id in (select id from kpis where plan_id = $1 and project_id is not null)`;
const planProject = `project_id in (select id from projects where plan_id = $1)`;

/** One raw write per covered table that changes something the dashboard is built from. */
const WRITES: Record<string, string> = {
  plans: `update plans set orient_settings = '{"atRisk": 0.95}' where id = $1`,
  goals: `update goals set title = title || '※' where id = (select id from goals where plan_id = $1 limit 1)`,
  directions: `update directions set title = title || '※' where id = (select id from directions where plan_id = $1 limit 1)`,
  measures: `update measures set title = title || '※' where id = (select id from measures where plan_id = $1 limit 1)`,
  projects: `update projects set name = name || '※' where id = (select id from projects where plan_id = $1 limit 1)`,
  kpis: `update kpis set name = name || '※' where id = (select id from kpis where plan_id = $1 limit 1)`,
  population_figures: `delete from population_figures where id = (select id from population_figures where plan_id = $1 limit 1)`,
  // Per organization: a year observed bumps each of the organization's plans (the dashboard page shows it).
  population_observations: `insert into population_observations (organization_id, year, as_of, total) select organization_id, 2025, '2025-01-01', 167000 from plans where id = $1`,
  decision_log: copyRow('decision_log', 'plan_id = $1', `${newSerial('decision_log')} || '{"rationale": "SQLで追加"}'`),
  kpi_values: copyRow('kpi_values', `${planKpi} and kind = 'actual'`, `${newSerial('kpi_values')} || '{"fiscal_year": 2022, "value": 98765}'`),
  kpi_versions: copyRow('kpi_versions', planKpi, `${newUuid} || jsonb_build_object('version', 1000, 'name', 'SQLで改名')`),
  project_versions: copyRow('project_versions', planProject, `${newUuid} || jsonb_build_object('version', 1000, 'name', 'SQLで改名')`),
  project_departments: `delete from project_departments where (project_id, department_id) = (select project_id, department_id from project_departments where ${planProject} limit 1)`,
  departments: `update departments set name = name || '※' where organization_id = (select organization_id from plans where id = $1)`,
  organizations: `update organizations set vocabulary = '{"nextSteps": {"continue": {"ja": "継続（SQL）", "en": "Continue (SQL)"}}}' where id = (select organization_id from plans where id = $1)`,
};

const version = async (sql: postgres.Sql | postgres.TransactionSql) => (await sql<{ v: number }[]>`select content_version as v from plans where id = ${planId}`)[0]!.v;

describe('the content version, bumped by the database', () => {
  it('covers every table the dashboard reads, by the dashboard’s own queries', async () => {
    const queries: string[] = [];
    const client = postgres(database.url, { max: 1, onnotice: () => {} });
    afterAll(() => client.end({ timeout: 5 }));
    const logged = drizzle(client, { schema, casing: 'snake_case', logger: { logQuery: (query) => void queries.push(query) } });
    await getPlanDashboard({ ctx: { db: logged as never, clock: systemClock, actor: { type: 'system', name: 'test' } }, input: { planId, fiscalYear: 2022 } });
    const read = new Set([...queries.join('\n').matchAll(/\b(?:from|join)\s+"(\w+)"/gi)].map((m) => m[1]!));
    const triggers = await database.sql<{ table: string; name: string }[]>`
      select c.relname as table, t.tgname as name from pg_trigger t join pg_class c on c.oid = t.tgrelid where t.tgname like '%content_version%'`;
    const covered = (table: string) => (table === 'plans' ? ['plans_content_version'] : ['insert', 'update', 'delete'].map((op) => `${table}_content_version_${op}`)).every((name) => triggers.some((t) => t.table === table && t.name === name));
    expect(read.size).toBeGreaterThan(10);
    expect([...read].filter((table) => !covered(table)), 'tables the dashboard reads without the content-version trigger').toEqual([]);
    // Every table read has a write below that proves its trigger works.
    expect([...read].filter((table) => !(table in WRITES))).toEqual([]);
    // Tables the dashboard page reads beside the cached dashboard are covered too.
    expect(covered('population_observations')).toBe(true);
  });

  it.each(Object.keys(WRITES))('a raw write to %s bumps the version in its own transaction, and a rollback leaves it', async (table) => {
    const before = await version(database.sql);
    const rollback = new Error('rollback');
    const inside = await database.sql
      .begin(async (tx) => {
        const written = await tx.unsafe(WRITES[table]!, [planId]);
        expect(written.count, `${table}: the write must touch a row`).toBeGreaterThan(0);
        const bumped = await version(tx);
        throw Object.assign(rollback, { bumped });
      })
      .catch((e: unknown) => (e === rollback ? (e as Error & { bumped: number }).bumped : Promise.reject(e)));
    expect(inside).toBeGreaterThan(before);
    expect(await version(database.sql)).toBe(before);
  });

  it('changes what the API serves on the next request, with no service involved', async () => {
    const url = `/api/plans/${planId}/dashboard?fiscalYear=2022&asOf=2023-09-30`;
    const first = await office.get(url);
    expect((await office.get(url)).headers.etag).toBe(first.headers.etag);
    const [kpi] = await database.sql<{ id: string; code: string }[]>`
      select k.id, k.code from kpis k where k.plan_id = ${planId} and k.project_id is not null
        and exists (select 1 from kpi_values v where v.kpi_id = k.id and v.kind = 'actual') order by k.code limit 1`;
    await database.sql.unsafe(copyRow('kpi_values', `kpi_id = $1 and kind = 'actual'`, `${newSerial('kpi_values')} || '{"fiscal_year": 2022, "value": 98765, "quality": "final"}'`), [kpi!.id]);
    // The notice reaches this process's listener at commit; it is asynchronous, hence the poll.
    await expect.poll(async () => (await office.get(url)).headers.etag, { timeout: 2000, interval: 20 }).not.toBe(first.headers.etag);
    const body = (await office.get(url)).json();
    const shown = body.goals.flatMap((g: any) => g.directions.flatMap((d: any) => d.measures.flatMap((m: any) => m.projects.flatMap((p: any) => p.kpis)))).find((k: any) => k.code === kpi!.code);
    expect(shown.assessment.actual.value).toBe(98765);

    const renamed = await database.sql`update projects set name = 'SQLで改名した事業' where id = (select project_id from kpis where id = ${kpi!.id})`;
    expect(renamed.count).toBe(1);
    await expect.poll(async () => JSON.stringify((await office.get(url)).json()).includes('SQLで改名した事業'), { timeout: 2000, interval: 20 }).toBe(true);
  });
});
