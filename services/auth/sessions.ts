/** Browser sessions: created at login, resolved on each request, revoked at logout or password change. */
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { preparedQuery } from '../../db/prepared.ts';
import { announce } from '../cache/changes.ts';
import { apiTokens, sessions, users } from '../../db/schema/index.ts';
import type { AuthUser, Clock } from '../context.ts';
import { newToken, tokenHash } from './tokens.ts';

const userColumns = {
  id: users.id,
  organizationId: users.organizationId,
  email: users.email,
  name: users.name,
  role: users.role,
  departmentId: users.departmentId,
  locale: users.locale,
};

export async function createSession(db: DbOrTx, clock: Clock, userId: string, ttlHours: number) {
  const token = newToken();
  const csrfSecret = newToken();
  const expiresAt = new Date(clock.now().getTime() + ttlHours * 3_600_000);
  await db.insert(sessions).values({ tokenHash: tokenHash(token), userId, csrfSecret, expiresAt, createdAt: clock.now() });
  return { token, csrfSecret, expiresAt };
}

const liveSession = preparedQuery((db) =>
  db
    .select({ user: userColumns, csrfSecret: sessions.csrfSecret, expiresAt: sessions.expiresAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, sql.placeholder('tokenHash')), isNull(sessions.revokedAt), gt(sessions.expiresAt, sql.placeholder('now')), eq(users.active, true)))
    .prepare('live_session'),
);

/** The user behind a live session cookie, or undefined when it is unknown, expired, revoked or the user is inactive. */
export async function resolveSession(db: DbOrTx, clock: Clock, token: string): Promise<{ user: AuthUser; csrfSecret: string; expiresAt: Date } | undefined> {
  const [row] = await liveSession(db).execute({ tokenHash: tokenHash(token), now: clock.now().toISOString() });
  return row;
}

export async function revokeSession(db: DbOrTx, clock: Clock, token: string) {
  const revoked = await db
    .update(sessions)
    .set({ revokedAt: clock.now() })
    .where(and(eq(sessions.tokenHash, tokenHash(token)), isNull(sessions.revokedAt)))
    .returning({ userId: sessions.userId });
  await announce(db, 'user', revoked.map((r) => r.userId));
}

/** Every session of the user ends; API processes drop what they cached of the user. */
export async function revokeAllSessions(db: DbOrTx, clock: Clock, userId: string) {
  await db.update(sessions).set({ revokedAt: clock.now() }).where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
  await announce(db, 'user', [userId]);
}

/** Every API token of the user ends too (password change or reset, deactivation): a token must not outlive the password that made it. */
export async function revokeAllApiTokens(db: DbOrTx, clock: Clock, userId: string) {
  await db.update(apiTokens).set({ revokedAt: clock.now() }).where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)));
}

/** The user behind a live bearer token for integrations (not revoked, not expired, user active), and whether it is read-only. */
export async function resolveApiToken(db: DbOrTx, clock: Clock, token: string): Promise<{ user: AuthUser; readOnly: boolean } | undefined> {
  const now = clock.now();
  const [row] = await db
    .update(apiTokens)
    .set({ lastUsedAt: now })
    .from(users)
    .where(and(eq(apiTokens.tokenHash, tokenHash(token)), isNull(apiTokens.revokedAt), gt(apiTokens.expiresAt, now), eq(users.id, apiTokens.userId), eq(users.active, true)))
    .returning({ user: userColumns, readOnly: apiTokens.readOnly });
  return row;
}

export { userColumns };
