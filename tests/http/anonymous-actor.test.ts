/**
 * An anonymous request is its own actor, not the system: the verbs the system may run (jobs,
 * command line, seeding) refuse it as "sign in first" and write nothing, while the system and
 * the request pipeline (no session → anonymous) still work as before.
 */
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { organizations, plans, reviewCycles, users } from '../../db/schema/index.ts';
import { systemClock, type ServiceContext } from '../../services/context.ts';
import { createAdmin } from '../../services/users/create-admin.ts';
import { createUser } from '../../services/users/create-user.ts';
import { createDemoUsers } from '../../services/users/demo-users.ts';
import { createOrganization } from '../../services/organizations/create-organization.ts';
import { getPlanDashboard } from '../../services/orient/plan-dashboard.ts';
import { openCycles } from '../../services/reviews/open-cycles.ts';
import { importPlan } from '../../services/plans/import-plan.ts';
import { exportPlan } from '../../services/plans/export-plan.ts';
import { systemCtx, useTestApp } from '../helpers/setup.ts';

let ctx: { anonymous: ServiceContext; system: ServiceContext };
let planId: string;
let organizationId: string;
let app: Awaited<ReturnType<typeof useTestApp>>['app'];

beforeAll(async () => {
  const built = await useTestApp();
  app = built.app;
  const db = built.deps.db;
  ctx = { anonymous: { db, clock: systemClock, actor: { type: 'anonymous' } }, system: systemCtx(db) };
  [{ id: planId, organizationId }] = (await db.select({ id: plans.id, organizationId: plans.organizationId }).from(plans).where(eq(plans.code, 'tomakomai-2nd'))) as [
    { id: string; organizationId: string },
  ];
});

const count = async (table: typeof users | typeof organizations | typeof reviewCycles) => (await ctx.system.db.select().from(table)).length;

describe('the anonymous actor', () => {
  // Each verb below let the old "system named anonymous" through; every one must now refuse.
  const verbs: [string, (c: ServiceContext) => Promise<unknown>][] = [
    ['getPlanDashboard', (c) => getPlanDashboard({ ctx: c, input: { planId } })],
    ['openCycles', (c) => openCycles({ ctx: c, input: { planId, fiscalYear: 2021, measureNumbers: [1] } })],
    ['createUser', (c) => createUser({ ctx: c, organizationId, input: { email: 'anon@example.org', name: '匿名', role: 'strategy_office', password: 'a-long-enough-password' } })],
    ['createAdmin', (c) => createAdmin({ ctx: c, input: { email: 'anon-admin@example.org', name: '匿名', password: 'a-long-enough-password', organizationCode: 'tomakomai' } })],
    ['createOrganization', (c) => createOrganization({ ctx: c, input: { code: 'anon-city', name: '匿名市' } })],
    ['createDemoUsers', (c) => createDemoUsers(c)],
  ];

  it.each(verbs)('%s refuses an anonymous context and writes nothing', async (_name, run) => {
    const before = { users: await count(users), organizations: await count(organizations), cycles: await count(reviewCycles) };
    const error = await run(ctx.anonymous).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'UNAUTHORIZED' });
    expect({ users: await count(users), organizations: await count(organizations), cycles: await count(reviewCycles) }).toEqual(before);
  });

  it('importPlan refuses an anonymous context; the system imports the same file', async () => {
    const file = await exportPlan(ctx.system.db, planId);
    await expect(importPlan({ ctx: ctx.anonymous, input: file })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    // The same file is already there: the system's import is a no-op, not a refusal.
    await expect(importPlan({ ctx: ctx.system, input: file })).resolves.toMatchObject({ organizationId });
  });

  it('the system still runs the verbs it may (the dashboard of any organization, opening reviews)', async () => {
    await expect(getPlanDashboard({ ctx: ctx.system, input: { planId, fiscalYear: 2021 } })).resolves.toMatchObject({ fiscalYear: 2021 });
    const opened = await openCycles({ ctx: ctx.system, input: { planId, fiscalYear: 2021, measureNumbers: [1] } });
    expect(opened).toBeTruthy();
  });

  it('a request without a session is anonymous: the API answers 401, the public page still serves', async () => {
    const res = await app.inject(`/api/plans/${planId}/dashboard`);
    expect(res.statusCode).toBe(401);
    const login = await app.inject('/login');
    expect(login.statusCode).toBe(200);
  });
});
