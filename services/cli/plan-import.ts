/**
 * `npm run plan:import -- <file>`: checks the whole plan file, reports every problem with its
 * JSON path, and imports it only when it is entirely valid. Importing the same file twice
 * changes nothing. Exit code 0 on success or no change, 1 on any problem.
 */
import { boot, exitOnBootError } from '../boot.ts';
import { systemContext } from '../deps.ts';
import { ServiceError } from '../errors.ts';
import { importPlan } from '../plans/import-plan.ts';
import { readPlanFile } from '../plans/seed-plan.ts';

const file = process.argv[2];
if (!file || file === '--help') {
  console.error('usage: npm run plan:import -- <plan-file.json>');
  process.exit(file ? 0 : 1);
}

const deps = await boot(process.env).catch(exitOnBootError);
let exitCode = 0;
try {
  const result = await importPlan({ ctx: systemContext(deps, 'plan:import'), input: await readPlanFile(file) });
  const c = result.counts;
  console.log(
    result.status === 'created'
      ? `imported ${file}: plan ${result.planId} — ${c.goals} goals, ${c.directions} directions, ${c.measures} measures, ${c.projects} projects, ${c.kpis} KPIs, ${c.values} values, ${c.decisions} decisions`
      : `unchanged: ${file} was already imported as plan ${result.planId}`,
  );
} catch (error) {
  exitCode = 1;
  if (error instanceof ServiceError) {
    console.error(`${file}: ${error.message}`);
    for (const p of error.details?.problems ?? []) console.error(`  ${p.field}: ${p.message}`);
  } else {
    console.error(`${file}: ${(error as Error).message}`);
  }
} finally {
  await deps.close();
}
process.exit(exitCode);
