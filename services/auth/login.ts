import Type, { type Static } from 'typebox';
import { and, eq } from 'drizzle-orm';
import { users } from '../../db/schema/index.ts';
import type { ServiceContext } from '../context.ts';
import { ServiceError } from '../errors.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { createSession, userColumns } from './sessions.ts';

// Verified when the email is unknown, so a wrong email takes as long as a wrong password.
const dummyHash = hashPassword('not-a-real-password-only-for-timing');

/** What the API's body and the sign-in page's form give (an address of any length: a wrong one is answered like a wrong password). */
export const LoginBody = Type.Object({ email: Type.String({ minLength: 1, maxLength: 200 }), password: Type.String({ minLength: 1, maxLength: 200 }) });

export async function login({ ctx, input }: { ctx: ServiceContext; input: Static<typeof LoginBody> & { ttlHours: number } }) {
  const [row] = await ctx.db
    .select({ user: userColumns, passwordHash: users.passwordHash })
    .from(users)
    .where(and(eq(users.email, input.email.trim().toLowerCase()), eq(users.active, true)));
  const ok = await verifyPassword(row?.passwordHash ?? (await dummyHash), input.password);
  if (!row || !ok) throw new ServiceError('UNAUTHORIZED', 'the email address or password is not correct');
  const session = await createSession(ctx.db, ctx.clock, row.user.id, input.ttlHours);
  return { user: row.user, ...session };
}
