import Type, { type Static } from 'typebox';
import { and, eq } from 'drizzle-orm';
import { organizations, users } from '../../db/schema/index.ts';
import type { ServiceContext } from '../context.ts';
import { ServiceError } from '../errors.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { createSession, userColumns } from './sessions.ts';
import type { SigninLimits } from './signin-limits.ts';

// Verified when the organization or email is unknown, so those take as long as a wrong password.
const dummyHash = hashPassword('not-a-real-password-only-for-timing');

/**
 * An account is an organization's: sign-in names the organization by its code (団体コード), so
 * the same address may belong to two cities and one city cannot learn another's accounts.
 * Codes are compared as typed, after trimming and lower-casing (codes are lower-case).
 */
export const OrganizationCode = Type.String({ minLength: 1, maxLength: 100 });
export const organizationCodeOf = (code: string) => code.trim().toLowerCase();

/** What the API's body and the sign-in page's form give (an address of any length: a wrong one is answered like a wrong password). */
export const LoginBody = Type.Object({ organization: OrganizationCode, email: Type.String({ minLength: 1, maxLength: 200 }), password: Type.String({ minLength: 1, maxLength: 200 }) });

/** The active user with this address in the organization with this code, or undefined: one query whatever is unknown. */
export async function findAccount(ctx: ServiceContext, organization: string, email: string) {
  const [row] = await ctx.db
    .select({ user: userColumns, passwordHash: users.passwordHash, mustChangePassword: users.mustChangePassword, organizationCode: organizations.code })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(and(eq(organizations.code, organizationCodeOf(organization)), eq(users.email, email.trim().toLowerCase()), eq(users.active, true)));
  return row;
}

/**
 * `address` is the client's IP: failures count per address and account, and per address across
 * accounts (signin-limits.ts). An unknown organization, an unknown account and a wrong password
 * get the same error after the same work (a password hash is always verified).
 */
export async function login({ ctx, input, limits }: { ctx: ServiceContext; input: Static<typeof LoginBody> & { ttlHours: number; address: string; userAgent?: string }; limits: SigninLimits }) {
  const counters = { address: input.address, account: `${input.address}|${organizationCodeOf(input.organization)}|${input.email.trim().toLowerCase()}` };
  await limits.check(counters);
  const row = await findAccount(ctx, input.organization, input.email);
  const ok = await verifyPassword(row?.passwordHash ?? (await dummyHash), input.password);
  if (!row || !ok) {
    await limits.fail(counters);
    throw new ServiceError('UNAUTHORIZED', 'the organization code, email address or password is not correct');
  }
  await limits.clear('account', counters.account);
  const session = await createSession(ctx.db, ctx.clock, row.user.id, input.ttlHours, input.userAgent);
  return { user: row.user, mustChangePassword: row.mustChangePassword, organizationCode: row.organizationCode, ...session };
}

/** The code the sign-in form starts with when the install serves one organization only (nothing to hide: it is the only one). */
export async function soleOrganizationCode(ctx: ServiceContext): Promise<string | undefined> {
  const rows = await ctx.db.select({ code: organizations.code }).from(organizations).limit(2);
  return rows.length === 1 ? rows[0]!.code : undefined;
}
