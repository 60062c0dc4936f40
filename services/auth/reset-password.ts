/**
 * Sets a new password through a "forgot my password" link. The link is used up, and every
 * session and API token of the user ends (whoever else had the old password is out).
 */
import { and, eq, gt, isNull } from 'drizzle-orm';
import { passwordResets, users } from '../../db/schema/index.ts';
import { withTransaction, type ServiceContext } from '../context.ts';
import { invalidInput, notFound, problemAt } from '../errors.ts';
import { hashPassword, passwordProblem } from './passwords.ts';
import { revokeAllApiTokens, revokeAllSessions } from './sessions.ts';
import { tokenHash } from './tokens.ts';

/** The live reset behind a link's token, or undefined when unknown, used, expired or the user is inactive. */
export async function findPasswordReset(ctx: ServiceContext, token: string) {
  const [row] = await ctx.db
    .select({ id: passwordResets.id, userId: passwordResets.userId, email: users.email })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(and(eq(passwordResets.tokenHash, tokenHash(token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, ctx.clock.now()), eq(users.active, true)));
  return row;
}

export async function resetPasswordWithToken({ ctx, input }: { ctx: ServiceContext; input: { token: string; newPassword: string } }) {
  const problem = passwordProblem(input.newPassword);
  if (problem) throw invalidInput([problemAt('body.newPassword', problem)]);
  const passwordHash = await hashPassword(input.newPassword);
  const now = ctx.clock.now();
  return withTransaction(ctx, async (tx) => {
    // Claiming the link in the same statement that checks it: two submissions cannot both use it.
    const [reset] = await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(and(eq(passwordResets.tokenHash, tokenHash(input.token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now)))
      .returning({ userId: passwordResets.userId });
    if (!reset) throw notFound('password reset link');
    const updated = await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: now, mustChangePassword: false })
      .where(and(eq(users.id, reset.userId), eq(users.active, true)))
      .returning({ email: users.email });
    if (updated.length === 0) throw notFound('password reset link');
    await revokeAllSessions(tx, ctx.clock, reset.userId);
    await revokeAllApiTokens(tx, ctx.clock, reset.userId);
    return { email: updated[0]!.email };
  });
}
