/** An admin lists users, changes a role, department or status, and resets a password. */
import { and, asc, eq } from 'drizzle-orm';
import Type, { type Static } from 'typebox';
import { ROLES } from '../../db/schema/access/constants.ts';
import { departments, users } from '../../db/schema/index.ts';
import { requireAdmin } from '../auth/authorize.ts';
import { hashPassword, passwordProblem } from '../auth/passwords.ts';
import { revokeAllApiTokens, revokeAllSessions } from '../auth/sessions.ts';
import { announce } from '../cache/changes.ts';
import { withTransaction, type ServiceContext } from '../context.ts';
import { badRequest, invalidInput, notFound, problemAt } from '../errors.ts';
import { OrNull, Text, Uuid } from '../input-schemas.ts';

const publicColumns = { id: users.id, email: users.email, name: users.name, role: users.role, departmentId: users.departmentId, locale: users.locale, active: users.active };

export function listUsers({ ctx }: { ctx: ServiceContext }) {
  const admin = requireAdmin(ctx);
  return ctx.db
    .select({ ...publicColumns, departmentName: departments.name })
    .from(users)
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .where(eq(users.organizationId, admin.organizationId))
    .orderBy(asc(users.email));
}

const UserFields = { role: Type.Enum(ROLES), departmentId: OrNull(Uuid), active: Type.Boolean(), name: Text(100) };
/** The API changes any of a user's fields. */
export const UpdateUserBody = Type.Partial(Type.Object(UserFields));
/** The admin page's form edits them all at once (a member without a department is left to the service to refuse). */
export const EditUserForm = Type.Object({ ...UserFields, departmentId: Type.Optional(UserFields.departmentId) });
export const ResetPasswordBody = Type.Object({ password: Type.String({ minLength: 1, maxLength: 200 }) });

export async function updateUser({ ctx, input }: { ctx: ServiceContext; input: Static<typeof UpdateUserBody> & { userId: string } }) {
  const admin = requireAdmin(ctx);
  return withTransaction(ctx, async (tx) => {
    const [current] = await tx.select().from(users).where(and(eq(users.id, input.userId), eq(users.organizationId, admin.organizationId))).for('update');
    if (!current) throw notFound('user');
    const role = input.role ?? current.role;
    const departmentId = input.departmentId === undefined ? current.departmentId : input.departmentId;
    if (role === 'department_member' && !departmentId) throw badRequest('a department member needs a department', [problemAt('body.departmentId', { key: 'problems.departmentRequired' })]);
    if (departmentId) {
      const [dept] = await tx.select({ id: departments.id }).from(departments).where(and(eq(departments.id, departmentId), eq(departments.organizationId, admin.organizationId)));
      if (!dept) throw badRequest('unknown department', [problemAt('body.departmentId', { key: 'problems.notADepartment' })]);
    }
    const [row] = await tx
      .update(users)
      .set({ role, departmentId, active: input.active ?? current.active, name: input.name ?? current.name })
      .where(eq(users.id, input.userId))
      .returning(publicColumns);
    if (input.active === false) {
      await revokeAllSessions(tx, ctx.clock, input.userId);
      // Revoked, not merely refused while inactive: reactivating the user must not revive them.
      await revokeAllApiTokens(tx, ctx.clock, input.userId);
    }
    // A role or department change applies to the user's live sessions at once.
    else await announce(tx, 'user', [input.userId]);
    return row!;
  });
}

export async function resetPassword({ ctx, input }: { ctx: ServiceContext; input: { userId: string; password: string } }) {
  const admin = requireAdmin(ctx);
  const problem = passwordProblem(input.password);
  if (problem) throw invalidInput([problemAt('body.password', problem)]);
  const passwordHash = await hashPassword(input.password);
  await withTransaction(ctx, async (tx) => {
    const rows = await tx
      .update(users)
      // The administrator knows this password: the user must choose their own at the next sign-in.
      .set({ passwordHash, passwordChangedAt: ctx.clock.now(), mustChangePassword: true })
      .where(and(eq(users.id, input.userId), eq(users.organizationId, admin.organizationId)))
      .returning({ id: users.id });
    if (rows.length === 0) throw notFound('user');
    await revokeAllSessions(tx, ctx.clock, input.userId);
    await revokeAllApiTokens(tx, ctx.clock, input.userId);
  });
}
