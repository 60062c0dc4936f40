/**
 * "Forgot my password": when the address belongs to an active user, records a single-use link
 * (only the token's hash is stored) and its email, in one transaction with the send job.
 * The caller answers the same whether or not the account exists, so the page reveals nothing.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { passwordResets } from '../../db/schema/index.ts';
import { passwordResetEmail } from '../../templates/emails/password-reset.ts';
import { withTransaction, type ServiceContext } from '../context.ts';
import { createEmail } from '../notifications/create-email.ts';
import { enqueue } from '../outbox/enqueue.ts';
import { findAccount } from './login.ts';
import { newToken, tokenHash } from './tokens.ts';

export const RESET_VALID_MINUTES = 60;

/** The account is named like at sign-in: the organization's code and the address. */
export async function requestPasswordReset({ ctx, input }: { ctx: ServiceContext; input: { organization: string; email: string; publicUrl: string } }): Promise<void> {
  const user = (await findAccount(ctx, input.organization, input.email))?.user;
  if (!user) return;
  const token = newToken();
  const now = ctx.clock.now();
  await withTransaction(ctx, async (tx) => {
    // A new link replaces any earlier one still unused.
    await tx.update(passwordResets).set({ usedAt: now }).where(and(eq(passwordResets.userId, user.id), isNull(passwordResets.usedAt)));
    const [reset] = await tx
      .insert(passwordResets)
      .values({ userId: user.id, tokenHash: tokenHash(token), createdAt: now, expiresAt: new Date(now.getTime() + RESET_VALID_MINUTES * 60_000) })
      .returning({ id: passwordResets.id });
    const content = passwordResetEmail({ userName: user.name, resetUrl: `${input.publicUrl}/password-reset/${token}`, validMinutes: RESET_VALID_MINUTES }, user.locale);
    const emailId = await createEmail(tx, { organizationId: user.organizationId, reasonKey: `password-reset:${reset!.id}`, template: 'password-reset', locale: user.locale, to: [user.email], content });
    if (emailId) await enqueue(tx, 'send-email', { emailId });
  });
}
