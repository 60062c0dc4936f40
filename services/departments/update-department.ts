/**
 * An admin keeps a department's addresses current: the shared mailbox that receives reminders,
 * the head (課長) who is told of overdue tasks, the deputy, and whether the head has delegated
 * (while away, the deputy is told instead).
 */
import { and, eq } from 'drizzle-orm';
import Type, { type Static } from 'typebox';
import { departments } from '../../db/schema/index.ts';
import { requireAdmin } from '../auth/authorize.ts';
import type { ServiceContext } from '../context.ts';
import { type FieldProblem, invalidInput, notFound, problemAt } from '../errors.ts';
import { OrNull } from '../input-schemas.ts';

const Email = OrNull(Type.String({ format: 'email', maxLength: 200 }));
/** What the admin page's form gives (no address is null). */
export const DepartmentContacts = Type.Object({ email: Email, headEmail: Email, deputyEmail: Email, headDelegated: Type.Boolean() });
export type DepartmentContacts = Static<typeof DepartmentContacts>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export async function updateDepartment({ ctx, input }: { ctx: ServiceContext; input: DepartmentContacts & { departmentId: string } }) {
  const admin = requireAdmin(ctx);
  const problems: FieldProblem[] = [];
  for (const key of ['email', 'headEmail', 'deputyEmail'] as const) {
    const value = input[key];
    if (value !== null && (!EMAIL.test(value) || value.length > 200)) problems.push(problemAt(`body.${key}`, { key: 'problems.invalidEmail' }));
  }
  if (input.headDelegated && !input.deputyEmail) problems.push(problemAt('body.deputyEmail', { key: 'problems.deputyRequired' }));
  if (problems.length) throw invalidInput(problems);
  const [row] = await ctx.db
    .update(departments)
    .set({ email: input.email, headEmail: input.headEmail, deputyEmail: input.deputyEmail, headDelegated: input.headDelegated })
    .where(and(eq(departments.id, input.departmentId), eq(departments.organizationId, admin.organizationId)))
    .returning();
  if (!row) throw notFound('department');
  return row;
}

/** One department of the admin's organization. */
export async function getDepartment({ ctx, input }: { ctx: ServiceContext; input: { departmentId: string } }) {
  const admin = requireAdmin(ctx);
  const [row] = await ctx.db.select().from(departments).where(and(eq(departments.id, input.departmentId), eq(departments.organizationId, admin.organizationId)));
  if (!row) throw notFound('department');
  return row;
}
