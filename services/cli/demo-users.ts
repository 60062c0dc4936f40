/** `npm run demo:users`: creates the demo accounts listed in the README (never part of a production start). */
import { boot, exitOnBootError } from '../boot.ts';
import { systemContext } from '../deps.ts';
import { seedPlanIfEmpty } from '../plans/seed-plan.ts';
import { createDemoUsers, DEMO_PASSWORD, DEMO_USERS } from '../users/demo-users.ts';

const deps = await boot(process.env).catch(exitOnBootError);
try {
  const ctx = systemContext(deps, 'demo:users');
  await seedPlanIfEmpty(ctx, deps.config.seedPlanFile);
  const { created } = await createDemoUsers(ctx);
  console.log(created.length ? `created ${created.length} demo user(s)` : 'demo users already exist');
  for (const u of DEMO_USERS) console.log(`  ${u.email.padEnd(28)} ${u.role.padEnd(18)} ${u.department}`);
  console.log(`password for all: ${DEMO_PASSWORD}`);
} finally {
  await deps.close();
}
