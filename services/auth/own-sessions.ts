/**
 * The signed-in user's own browser sessions: the list (when created, last seen, which browser,
 * which one is this), ending one of them, and ending all the others ("sign out elsewhere").
 * `currentSessionId` is the session of the request (none for a bearer token).
 */
import { and, desc, eq, gt, isNull, ne } from 'drizzle-orm';
import { sessions } from '../../db/schema/index.ts';
import { announce } from '../cache/changes.ts';
import { withTransaction, type ServiceContext } from '../context.ts';
import { notFound } from '../errors.ts';
import { requireUser } from './authorize.ts';
import { browserSummary } from './user-agent.ts';

/** Live sessions only (not revoked, not expired, not idle longer than `idleMinutes`), the latest used first. */
export async function listOwnSessions({ ctx, input }: { ctx: ServiceContext; input: { currentSessionId: string | null; idleMinutes: number } }) {
  const user = requireUser(ctx);
  const now = ctx.clock.now();
  const rows = await ctx.db
    .select({ id: sessions.id, createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt, expiresAt: sessions.expiresAt, userAgent: sessions.userAgent })
    .from(sessions)
    .where(and(eq(sessions.userId, user.id), isNull(sessions.revokedAt), gt(sessions.expiresAt, now), gt(sessions.lastSeenAt, new Date(now.getTime() - input.idleMinutes * 60_000))))
    .orderBy(desc(sessions.lastSeenAt), desc(sessions.createdAt));
  return rows.map((r) => ({ ...r, browser: browserSummary(r.userAgent), current: r.id === input.currentSessionId }));
}

/** Ends one of one's sessions (this one too, if asked); another user's session is not found. */
export async function revokeOwnSession({ ctx, input }: { ctx: ServiceContext; input: { sessionId: string } }) {
  const user = requireUser(ctx);
  await withTransaction(ctx, async (tx) => {
    const rows = await tx
      .update(sessions)
      .set({ revokedAt: ctx.clock.now() })
      .where(and(eq(sessions.id, input.sessionId), eq(sessions.userId, user.id), isNull(sessions.revokedAt)))
      .returning({ id: sessions.id });
    if (rows.length === 0) throw notFound('session');
    // Every API process drops what it cached of the user's sessions.
    await announce(tx, 'user', [user.id]);
  });
}

/** Ends every session of the user but the current one; answers how many ended. */
export async function revokeOtherSessions({ ctx, input }: { ctx: ServiceContext; input: { currentSessionId: string | null } }) {
  const user = requireUser(ctx);
  return withTransaction(ctx, async (tx) => {
    const others = input.currentSessionId ? ne(sessions.id, input.currentSessionId) : undefined;
    const rows = await tx
      .update(sessions)
      .set({ revokedAt: ctx.clock.now() })
      .where(and(eq(sessions.userId, user.id), isNull(sessions.revokedAt), others))
      .returning({ id: sessions.id });
    await announce(tx, 'user', [user.id]);
    return { revoked: rows.length };
  });
}
