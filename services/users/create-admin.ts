/**
 * The first administrator of an organization (or another one), created from the command line
 * by whoever runs the install: `npm run admin:create`. The same checks as an admin adding a
 * user: the email and name against NewUserBody's own rules (the API checks them in its schema),
 * the rest in createUser.
 */
import { and, asc, eq } from 'drizzle-orm';
import { organizations, users } from '../../db/schema/index.ts';
import type { ServiceContext } from '../context.ts';
import { badRequest, problemAt } from '../errors.ts';
import { inputProblems } from '../input-check.ts';
import { createUser, NewUserBody } from './create-user.ts';
import { requireSystem } from '../auth/authorize.ts';

export interface NewAdmin {
  email: string;
  name: string;
  password: string;
  /** Needed only when the install serves several organizations. */
  organizationCode?: string;
  locale?: 'ja' | 'en';
}

export async function createAdmin({ ctx, input }: { ctx: ServiceContext; input: NewAdmin }) {
  requireSystem(ctx, 'administrators are created from the command line');
  const email = input.email.trim();
  if (inputProblems(NewUserBody.properties.email, email).length) throw badRequest(`email: "${email}" is not an email address`, [problemAt('email', { key: 'problems.invalidEmail' })]);
  const name = input.name.trim();
  const nameRule = NewUserBody.properties.name;
  if (inputProblems(nameRule, name).length) {
    const { minLength, maxLength } = nameRule as unknown as { minLength: number; maxLength: number };
    const problem = problemAt('name', { key: 'problems.lengthBetween', params: { min: minLength, max: maxLength } });
    throw badRequest(`name: ${problem.message}`, [problem]);
  }
  const organization = await pickOrganization(ctx, input.organizationCode);
  // Whoever ran the command chose the password: the administrator picks their own at the first sign-in.
  const user = await createUser({ ctx, organizationId: organization.id, mustChangePassword: true, input: { email, name, role: 'admin', password: input.password, locale: input.locale } });
  return { user, organization };
}

async function pickOrganization(ctx: ServiceContext, code: string | undefined) {
  const all = await ctx.db.select({ id: organizations.id, code: organizations.code, name: organizations.name }).from(organizations).orderBy(asc(organizations.code));
  if (code !== undefined) {
    const [found] = all.filter((o) => o.code === code);
    if (!found) throw badRequest(`organization: "${code}" does not exist (there are: ${all.map((o) => o.code).join(', ') || 'none'})`, [problemAt('organization', { key: 'problems.noSuchOrganization' })]);
    return found;
  }
  if (all.length === 0) throw badRequest('organization: there is none yet; start the system once (npm start) to load the plan, or run npm run organization:create', [problemAt('organization', { key: 'problems.noOrganizationYet' })]);
  if (all.length > 1) throw badRequest(`organization: this install serves ${all.length}; choose one with --organization (${all.map((o) => o.code).join(', ')})`, [problemAt('organization', { key: 'problems.required' })]);
  return all[0]!;
}

/** Whether any active administrator exists (the start log and login page tell how to create the first). */
export async function adminExists(ctx: ServiceContext): Promise<boolean> {
  const [row] = await ctx.db.select({ id: users.id }).from(users).where(and(eq(users.role, 'admin'), eq(users.active, true))).limit(1);
  return Boolean(row);
}
