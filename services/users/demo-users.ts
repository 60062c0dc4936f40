/**
 * Demo accounts for trying the system locally (`npm run demo:users`). They are never created
 * by default: production installs create real users through the admin pages or API.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { Role } from '../../db/schema/access/constants.ts';
import { departments, organizations, users } from '../../db/schema/index.ts';
import type { ServiceContext } from '../context.ts';
import { createUser } from './create-user.ts';
import { requireSystem } from '../auth/authorize.ts';

export const DEMO_PASSWORD = 'tomakomai-demo';

export const DEMO_USERS: { email: string; name: string; role: Role; department: string }[] = [
  { email: 'admin@tomakomai.example', name: '管理 花子', role: 'admin', department: 'policy-promotion' },
  { email: 'senryaku@tomakomai.example', name: '戦略 太郎', role: 'strategy_office', department: 'policy-promotion' },
  { email: 'koyo@tomakomai.example', name: '雇用 一郎', role: 'department_member', department: 'industry-employment' },
  { email: 'kaigo@tomakomai.example', name: '介護 次郎', role: 'department_member', department: 'care-welfare' },
  { email: 'seisaku@tomakomai.example', name: '政策 三郎', role: 'department_member', department: 'policy-promotion' },
  { email: 'kodomo@tomakomai.example', name: '子育 四郎', role: 'department_member', department: 'child-development' },
];

/**
 * Creates the demo users of an organization (skipping those that exist) and gives every
 * department without one a demo mailbox, head and deputy address, so reminders have
 * somewhere to go in Mailpit.
 */
export async function createDemoUsers(ctx: ServiceContext, organizationCode = 'tomakomai') {
  requireSystem(ctx, 'demo accounts are created from the command line');
  const [org] = await ctx.db.select().from(organizations).where(eq(organizations.code, organizationCode));
  if (!org) throw new Error(`organization "${organizationCode}" does not exist; start the system once to load the plan`);
  const depts = await ctx.db.select().from(departments).where(eq(departments.organizationId, org.id));
  const domain = `${organizationCode}.example`;
  for (const d of depts.filter((d) => !d.email)) {
    await ctx.db
      .update(departments)
      .set({ email: `${d.code}@${domain}`, headEmail: `head.${d.code}@${domain}`, deputyEmail: `deputy.${d.code}@${domain}` })
      .where(and(eq(departments.id, d.id), isNull(departments.email)));
  }
  const created: string[] = [];
  for (const demo of DEMO_USERS) {
    const [exists] = await ctx.db.select({ id: users.id }).from(users).where(eq(users.email, demo.email));
    if (exists) continue;
    const department = depts.find((d) => d.code === demo.department);
    await createUser({
      ctx,
      organizationId: org.id,
      input: { email: demo.email, name: demo.name, role: demo.role, departmentId: department?.id ?? null, password: DEMO_PASSWORD },
    });
    created.push(demo.email);
  }
  return { created };
}
