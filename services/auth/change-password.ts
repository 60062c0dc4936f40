import Type, { type Static } from 'typebox';
import { eq } from 'drizzle-orm';
import { users } from '../../db/schema/index.ts';
import { withTransaction, type ServiceContext } from '../context.ts';
import { badRequest, invalidInput, problemAt } from '../errors.ts';
import { requireUser } from './authorize.ts';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.ts';
import { revokeAllApiTokens, revokeAllSessions } from './sessions.ts';
import type { SigninLimits } from './signin-limits.ts';

/** The user changes their own password; every other session of theirs ends. */
/** What the API's body gives; the account page's form adds a confirmation of the new password. */
export const ChangePasswordBody = Type.Object({ currentPassword: Type.String({ minLength: 1, maxLength: 200 }), newPassword: Type.String({ minLength: 1, maxLength: 200 }) });

export async function changePassword({ ctx, input, limits }: { ctx: ServiceContext; input: Static<typeof ChangePasswordBody>; limits: SigninLimits }) {
  const user = requireUser(ctx);
  // Wrong current passwords are counted per account: a stolen session must not become a password oracle.
  await limits.check({ currentPassword: user.id });
  const [row] = await ctx.db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, user.id));
  if (!row || !(await verifyPassword(row.passwordHash, input.currentPassword))) {
    await limits.fail({ currentPassword: user.id });
    throw badRequest('the current password is not correct', [problemAt('body.currentPassword', { key: 'problems.notCorrect' })]);
  }
  // Otherwise an administrator's password could be "changed" to itself and stay known to them.
  if (input.newPassword === input.currentPassword) throw badRequest('the new password must differ from the current password', [problemAt('body.newPassword', { key: 'problems.sameAsCurrentPassword' })]);
  const problem = passwordProblem(input.newPassword);
  if (problem) throw invalidInput([problemAt('body.newPassword', problem)]);
  const passwordHash = await hashPassword(input.newPassword);
  await withTransaction(ctx, async (tx) => {
    // The user chose this one: an administrator's password no longer stands.
    await tx.update(users).set({ passwordHash, passwordChangedAt: ctx.clock.now(), mustChangePassword: false }).where(eq(users.id, user.id));
    await revokeAllSessions(tx, ctx.clock, user.id);
    await revokeAllApiTokens(tx, ctx.clock, user.id);
  });
  await limits.clear('currentPassword', user.id);
}
