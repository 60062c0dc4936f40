import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { importPlan } from '../../services/plans/import-plan.ts';
import { exportPlan } from '../../services/plans/export-plan.ts';
import { normalizePlanFile } from '../../services/plans/normalize-plan-file.ts';
import type { PlanFile } from '../../services/plans/plan-file.ts';
import { ServiceError } from '../../services/errors.ts';
import { SEED_PLAN_FILE } from '../helpers/test-databases.ts';
import { nextPeriod } from '../helpers/next-period-plan.ts';
import { systemCtx, useTestDatabase, type TestDatabase } from '../helpers/setup.ts';

const seed = (): PlanFile => JSON.parse(readFileSync(SEED_PLAN_FILE, 'utf8'));

const TABLES = [
  'organizations', 'departments', 'plans', 'population_figures', 'goals', 'directions', 'measures', 'projects',
  'project_versions', 'project_departments', 'kpis', 'kpi_versions', 'kpi_values', 'decision_log',
];

async function rowCounts(database: TestDatabase) {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const [row] = await database.db.execute<{ n: number }>(sql.raw(`select count(*)::int as n from ${table}`));
    counts[table] = row!.n;
  }
  return counts;
}

async function problemsOf(database: TestDatabase, input: unknown) {
  const error = await importPlan({ ctx: systemCtx(database.db), input }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ServiceError);
  return (error as ServiceError).details?.problems ?? [];
}

describe('importing a plan file', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await useTestDatabase({ seeded: false });
  });

  it('rejects invalid files with every problem named by JSON path, and writes nothing', async () => {
    const file = seed() as unknown as Record<string, any>;
    const goal = file.goals[0];
    const project = goal.directions[0].measures[0].projects[0];
    goal.title = '';                                            // missing name
    project.kpis[0].values[0].value = '9';                      // wrong type
    project.kpis[0].unit = 'ダース';                             // unknown unit
    goal.directions[0].measures[0].projects[1].code = project.code; // duplicate code
    goal.directions[0].measures[0].projects[2].departments = [];   // a KPI with no owner
    goal.directions[0].measures[0].projects[3].departments = ['no-such-department'];
    delete goal.directions[1].measures[0].projects[0].name;
    goal.numericTargets[1].values[0].value = 145.5;             // a percentage above 100

    const problems = await problemsOf(database, file);
    const at = (path: string) => problems.filter((p) => p.field === path).map((p) => p.message);
    const base = '$.goals[0].directions[0].measures[0].projects';
    expect(at('$.goals[0].title')).toEqual(['must not be empty']);
    expect(at(`${base}[0].kpis[0].values[0].value`)).toEqual(['must be a number']);
    expect(at(`${base}[0].kpis[0].unit`)[0]).toMatch(/^is not a known unit; use one of "人", "件"/);
    expect(at(`${base}[1].code`)).toEqual([`project code "m01-p01" is used twice (first at ${base}[0].code)`]);
    expect(at(`${base}[2].departments`)).toEqual(['must name at least one department: every project needs an owner']);
    expect(at(`${base}[3].departments[0]`)).toEqual(['department "no-such-department" is not listed in $.departments']);
    expect(at('$.goals[0].directions[1].measures[0].projects[0].name')).toEqual(['is missing']);
    expect(at('$.goals[0].numericTargets[1].values[0].value')).toEqual(['is a percentage and must be between 0 and 100']);
    expect(problems).toHaveLength(8);

    expect(Object.values(await rowCounts(database)).every((n) => n === 0)).toBe(true);
  });

  it('reports problems that are not about shape: duplicate KPI codes, values twice, cancelled targets, bad direction codes', async () => {
    const file = seed() as unknown as Record<string, any>;
    const kpis = file.goals[1].directions[0].measures[0].projects[0].kpis;
    kpis[1].code = kpis[0].code;
    kpis[0].values.push({ ...kpis[0].values[0] });
    kpis[0].values[2].cancelled = { reason: 'COVID-19' };
    file.goals[2].directions[0].code = '9-1';
    file.departments.push({ ...file.departments[0] });
    const messages = (await problemsOf(database, file)).map((p) => `${p.field}: ${p.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/kpis\[1\]\.code: KPI code "m05-p01-k1" is used twice/),
        expect.stringMatching(/kpis\[0\]\.values\[3\]: a baseline for 2018 is given twice/),
        expect.stringMatching(/kpis\[0\]\.values\[2\]\.cancelled: only an actual can be marked cancelled/),
        '$.goals[2].directions[0].code: must start with the goal number (3-)',
        expect.stringMatching(/^\$\.departments\[27\]\.code: department code "industry-employment" is used twice/),
      ]),
    );
    expect((await rowCounts(database)).plans).toBe(0);
  });

  it('rejects what is not a plan file at all', async () => {
    expect(await problemsOf(database, [])).toMatchObject([{ field: '$', message: 'must be an object' }]);
    const problems = await problemsOf(database, { format: 'something-else' });
    expect(problems).toContainEqual(expect.objectContaining({ field: '$.format', message: 'must be "cityplan/strategy-plan"' }));
    expect(problems).toContainEqual(expect.objectContaining({ field: '$.goals', message: 'is missing' }));
  });

  it('imports the Tomakomai plan once; the same file again changes nothing', async () => {
    const first = await importPlan({ ctx: systemCtx(database.db), input: seed() });
    expect(first.status).toBe('created');
    expect(first.counts).toEqual({ goals: 4, directions: 16, measures: 19, projects: 75, kpis: 104, values: 275, decisions: 42 });
    const before = await rowCounts(database);

    const second = await importPlan({ ctx: systemCtx(database.db), input: seed() });
    expect(second).toMatchObject({ status: 'unchanged', planId: first.planId });
    expect(await rowCounts(database)).toEqual(before);
  });

  it('refuses the same plan code with other content instead of overwriting it', async () => {
    const changed = seed();
    changed.goals[0]!.title = '別の基本目標';
    const error = await importPlan({ ctx: systemCtx(database.db), input: changed }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CONFLICT' });
    expect((error as Error).message).toMatch(/plan "tomakomai-2nd" already exists/);
  });

  it('exports the plan file it imported, and importing the export elsewhere reproduces the plan', async () => {
    const [plan] = await database.db.execute<{ id: string }>(sql`select id from plans`);
    const exported = await exportPlan(database.db, plan!.id);
    expect(exported).toEqual(normalizePlanFile(seed()));

    const elsewhere = await useTestDatabase({ seeded: false });
    const reimported = await importPlan({ ctx: systemCtx(elsewhere.db), input: exported });
    expect(reimported.status).toBe('created');
    expect(await exportPlan(elsewhere.db, reimported.planId)).toEqual(exported);

    // A next-period plan names its continued items' predecessors: they are links in the tables and come back out the same.
    const next = await importPlan({ ctx: systemCtx(database.db), input: nextPeriod() });
    expect(next.status).toBe('created');
    const links = await database.db.execute<{ kind: string; code: string; predecessor: string }>(sql`
      select 'measure' as kind, m.number::text as code, p.code || '/' || pm.number as predecessor from measures m join measures pm on pm.id = m.predecessor_measure_id join plans p on p.id = pm.plan_id where m.plan_id = ${next.planId}
      union all select 'project', j.code, p.code || '/' || pj.code from projects j join projects pj on pj.id = j.predecessor_project_id join plans p on p.id = pj.plan_id where j.plan_id = ${next.planId}
      union all select 'kpi', k.code, p.code || '/' || pk.code from kpis k join kpis pk on pk.id = k.predecessor_kpi_id join plans p on p.id = pk.plan_id where k.plan_id = ${next.planId}
      order by 1, 2`);
    expect(links.map((l) => [l.kind, l.code, l.predecessor])).toEqual([
      ['kpi', 'g3-t1', 'tomakomai-2nd/g3-t1'],
      ['kpi', 'm12-p01-k1', 'tomakomai-2nd/m12-p01-k1'],
      ['measure', '1', 'tomakomai-2nd/12'],
      ['project', 'm12-p01', 'tomakomai-2nd/m12-p01'],
    ]);
    const nextExported = await exportPlan(database.db, next.planId);
    expect(nextExported).toEqual(normalizePlanFile(nextPeriod()));
    const nextElsewhere = await importPlan({ ctx: systemCtx(elsewhere.db), input: nextExported });
    expect(nextElsewhere.status).toBe('created');
    expect(await exportPlan(elsewhere.db, nextElsewhere.planId)).toEqual(nextExported);
  });

  it('refuses a predecessor that is not in an earlier plan of the organization, by field, writing nothing', async () => {
    const file = nextPeriod();
    file.plan.code = 'tomakomai-3rd-bad';
    const measure = file.goals[0]!.directions[0]!.measures[0]!;
    measure.predecessor = { plan: 'tomakomai-2nd', number: 99 };
    measure.projects[0]!.predecessor = { plan: 'tomakomai-1st', code: 'm12-p01' };
    measure.projects[0]!.kpis[0]!.predecessor = { plan: 'tomakomai-2nd', code: 'no-such-kpi' };
    const before = await rowCounts(database);
    const problems = await problemsOf(database, file);
    expect(Object.fromEntries(problems.map((p) => [p.field, p.message]))).toEqual({
      '$.goals[0].directions[0].measures[0].predecessor.number': 'plan "tomakomai-2nd" has no measure 99',
      '$.goals[0].directions[0].measures[0].projects[0].predecessor.plan': 'there is no plan "tomakomai-1st" in this organization',
      '$.goals[0].directions[0].measures[0].projects[0].kpis[0].predecessor.code': 'plan "tomakomai-2nd" has no KPI "no-such-kpi"',
    });
    // The file's own plan is caught with the file's other checks; a plan that does not end before this one begins is no predecessor either.
    const own = nextPeriod();
    own.goals[0]!.numericTargets[0]!.predecessor = { plan: 'tomakomai-3rd', code: 'g3-t1' };
    expect(await problemsOf(database, own)).toMatchObject([{ field: '$.goals[0].numericTargets[0].predecessor.plan', message: 'must name an earlier plan, not this one' }]);
    const overlapping = nextPeriod();
    overlapping.plan.code = 'tomakomai-3rd-early';
    overlapping.plan.periodStartFiscalYear = 2024;
    expect((await problemsOf(database, overlapping)).map((p) => p.message)).toContain('plan "tomakomai-2nd" does not end before this plan begins');
    expect(await rowCounts(database)).toEqual(before);
  });
});

describe('the plan file JSON Schema in docs/', () => {
  it('is the one generated from the TypeBox definition (run npm run plan:schema after changing the format)', async () => {
    const { planFileJsonSchema } = await import('../../services/plans/plan-file-json-schema.ts');
    expect(readFileSync('docs/plan-file.schema.json', 'utf8')).toBe(planFileJsonSchema());
  });
});
