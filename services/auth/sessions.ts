/** Browser sessions: created at login, resolved on each request, revoked at logout or password change, ended when idle. */
import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm';
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

/** Enough of the User-Agent header to tell one's browsers apart in the list of sessions. */
const USER_AGENT_LENGTH = 300;
/** last_seen_at is written at most this often: one write a minute per session, not one per request. */
export const SEEN_EVERY_MS = 60_000;

export async function createSession(db: DbOrTx, clock: Clock, userId: string, ttlHours: number, userAgent?: string) {
  const token = newToken();
  const csrfSecret = newToken();
  const now = clock.now();
  const expiresAt = new Date(now.getTime() + ttlHours * 3_600_000);
  const [row] = await db
    .insert(sessions)
    .values({ tokenHash: tokenHash(token), userId, csrfSecret, expiresAt, createdAt: now, lastSeenAt: now, userAgent: userAgent?.slice(0, USER_AGENT_LENGTH) || null })
    .returning({ id: sessions.id });
  return { token, csrfSecret, expiresAt, sessionId: row!.id };
}

const liveSession = preparedQuery((db) =>
  db
    .select({ user: userColumns, id: sessions.id, csrfSecret: sessions.csrfSecret, expiresAt: sessions.expiresAt, lastSeenAt: sessions.lastSeenAt, mustChangePassword: users.mustChangePassword })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.tokenHash, sql.placeholder('tokenHash')),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, sql.placeholder('now')),
        gt(sessions.lastSeenAt, sql.placeholder('idleSince')),
        eq(users.active, true),
      ),
    )
    .prepare('live_session'),
);

export interface LiveSession {
  user: AuthUser;
  id: string;
  csrfSecret: string;
  expiresAt: Date;
  lastSeenAt: Date;
  mustChangePassword: boolean;
}

/** The user behind a live session cookie, or undefined when it is unknown, expired, idle longer than `idleMinutes`, revoked or the user is inactive. */
export async function resolveSession(db: DbOrTx, clock: Clock, token: string, idleMinutes: number): Promise<LiveSession | undefined> {
  const now = clock.now();
  const [row] = await liveSession(db).execute({ tokenHash: tokenHash(token), now: now.toISOString(), idleSince: new Date(now.getTime() - idleMinutes * 60_000).toISOString() });
  return row;
}

/** Records a request on the session, unless one was recorded in the last minute (then nothing is written). */
export async function touchSession(db: DbOrTx, clock: Clock, sessionId: string) {
  const now = clock.now();
  await db
    .update(sessions)
    .set({ lastSeenAt: now })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt), lt(sessions.lastSeenAt, new Date(now.getTime() - SEEN_EVERY_MS))));
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
export async function resolveApiToken(db: DbOrTx, clock: Clock, token: string): Promise<{ user: AuthUser; readOnly: boolean; mustChangePassword: boolean } | undefined> {
  const now = clock.now();
  const [row] = await db
    .update(apiTokens)
    .set({ lastUsedAt: now })
    .from(users)
    .where(and(eq(apiTokens.tokenHash, tokenHash(token)), isNull(apiTokens.revokedAt), gt(apiTokens.expiresAt, now), eq(users.id, apiTokens.userId), eq(users.active, true)))
    .returning({ user: userColumns, readOnly: apiTokens.readOnly, mustChangePassword: users.mustChangePassword });
  return row;
}

export { userColumns };
