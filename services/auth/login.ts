import Type, { type Static } from 'typebox';
import { and, eq } from 'drizzle-orm';
import { users } from '../../db/schema/index.ts';
import type { ServiceContext } from '../context.ts';
import { ServiceError } from '../errors.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { createSession, userColumns } from './sessions.ts';
import type { SigninLimits } from './signin-limits.ts';

// Verified when the email is unknown, so a wrong email takes as long as a wrong password.
const dummyHash = hashPassword('not-a-real-password-only-for-timing');

/** What the API's body and the sign-in page's form give (an address of any length: a wrong one is answered like a wrong password). */
export const LoginBody = Type.Object({ email: Type.String({ minLength: 1, maxLength: 200 }), password: Type.String({ minLength: 1, maxLength: 200 }) });

/** `address` is the client's IP: failures count per address and account, and per address across accounts (signin-limits.ts). */
export async function login({ ctx, input, limits }: { ctx: ServiceContext; input: Static<typeof LoginBody> & { ttlHours: number; address: string }; limits: SigninLimits }) {
  const email = input.email.trim().toLowerCase();
  const counters = { address: input.address, account: `${input.address}|${email}` };
  await limits.check(counters);
  const [row] = await ctx.db
    .select({ user: userColumns, passwordHash: users.passwordHash })
    .from(users)
    .where(and(eq(users.email, email), eq(users.active, true)));
  const ok = await verifyPassword(row?.passwordHash ?? (await dummyHash), input.password);
  if (!row || !ok) {
    await limits.fail(counters);
    throw new ServiceError('UNAUTHORIZED', 'the email address or password is not correct');
  }
  await limits.clear('account', counters.account);
  const session = await createSession(ctx.db, ctx.clock, row.user.id, input.ttlHours);
  return { user: row.user, ...session };
}
