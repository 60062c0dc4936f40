import { and, eq } from 'drizzle-orm';
import Type, { type Static } from 'typebox';
import { ROLES } from '../../db/schema/access/constants.ts';
import { departments, users } from '../../db/schema/index.ts';
import { requireAdmin, requireUserOrSystem } from '../auth/authorize.ts';
import { hashPassword, passwordProblem } from '../auth/passwords.ts';
import type { ServiceContext } from '../context.ts';
import { conflict, type FieldProblem, invalidInput, problemAt } from '../errors.ts';
import { OrNull, Text, Uuid } from '../input-schemas.ts';

/** What the API's body and the admin page's form give. */
export const NewUserBody = Type.Object({
  email: Type.String({ format: 'email', maxLength: 200 }),
  name: Text(100),
  role: Type.Enum(ROLES),
  departmentId: Type.Optional(OrNull(Uuid)),
  password: Type.String({ minLength: 1, maxLength: 200 }),
  locale: Type.Optional(Type.Enum(['ja', 'en'] as const)),
});
export type NewUser = Static<typeof NewUserBody>;

/**
 * An admin adds a user to their organization (the system may too, for demo accounts). A password
 * an administrator chose must be changed at the first sign-in: always when an admin adds the
 * user, and when the command line asks (`npm run admin:create`).
 */
export async function createUser({ ctx, input, organizationId, mustChangePassword }: { ctx: ServiceContext; input: NewUser; organizationId?: string; mustChangePassword?: boolean }) {
  const admin = requireUserOrSystem(ctx) ? requireAdmin(ctx) : null;
  const orgId = admin ? admin.organizationId : organizationId!;
  const problems: FieldProblem[] = [];
  const password = passwordProblem(input.password);
  if (password) problems.push(problemAt('body.password', password));
  if (input.role === 'department_member' && !input.departmentId) problems.push(problemAt('body.departmentId', { key: 'problems.departmentRequired' }));
  if (input.departmentId) {
    const [dept] = await ctx.db.select({ id: departments.id }).from(departments).where(and(eq(departments.id, input.departmentId), eq(departments.organizationId, orgId)));
    if (!dept) problems.push(problemAt('body.departmentId', { key: 'problems.notADepartment' }));
  }
  if (problems.length) throw invalidInput(problems);
  const email = input.email.trim().toLowerCase();
  const [row] = await ctx.db
    .insert(users)
    .values({
      organizationId: orgId,
      email,
      name: input.name,
      role: input.role,
      departmentId: input.departmentId ?? null,
      passwordHash: await hashPassword(input.password),
      locale: input.locale ?? 'ja',
      mustChangePassword: admin !== null || mustChangePassword === true,
    })
    .onConflictDoNothing({ target: [users.organizationId, users.email] })
    .returning({ id: users.id, email: users.email, name: users.name, role: users.role, departmentId: users.departmentId, locale: users.locale, active: users.active });
  if (!row) throw conflict(`a user with the email ${email} already exists in this organization`);
  return row;
}
