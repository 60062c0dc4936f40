import { and, desc, eq, isNull } from 'drizzle-orm';
import Type, { type Static } from 'typebox';
import { apiTokens } from '../../db/schema/index.ts';
import type { ServiceContext } from '../context.ts';
import { badRequest, forbidden, notFound, problemAt } from '../errors.ts';
import { Text } from '../input-schemas.ts';
import { requireUser } from './authorize.ts';
import { newToken, tokenHash } from './tokens.ts';

/**
 * A bearer token for an integration, acting as the signed-in user. The token is shown once.
 * `expiresInDays` is bounded by a setting, so the schema only says "a whole number of days".
 */
export const NewApiTokenBody = Type.Object({
  name: Text(100),
  expiresInDays: Type.Optional(Type.Integer({ minimum: 1 })),
  readOnly: Type.Optional(Type.Boolean()),
});

/** The install's settings (API_TOKEN_DEFAULT_DAYS, API_TOKEN_MAX_DAYS). */
export interface TokenLifetimes {
  defaultDays: number;
  maxDays: number;
}

export async function createApiToken({ ctx, input }: { ctx: ServiceContext; input: Static<typeof NewApiTokenBody> & { lifetimes: TokenLifetimes } }) {
  const user = requireUser(ctx);
  // Only a signed-in session mints tokens: a token minting tokens would outlive its own revocation.
  if (ctx.actor.type !== 'user' || ctx.actor.via !== 'session') throw forbidden('an API token cannot create API tokens; sign in to create one');
  const { defaultDays, maxDays } = input.lifetimes;
  const days = input.expiresInDays ?? Math.min(defaultDays, maxDays);
  if (days > maxDays) throw badRequest(`a token may live at most ${maxDays} days`, [problemAt('body.expiresInDays', { key: 'problems.maximum', params: { limit: maxDays } })]);
  const now = ctx.clock.now();
  const token = newToken();
  const [row] = await ctx.db
    .insert(apiTokens)
    .values({ userId: user.id, name: input.name, tokenHash: tokenHash(token), createdAt: now, expiresAt: new Date(now.getTime() + days * 86_400_000), readOnly: input.readOnly ?? false })
    .returning({ id: apiTokens.id, name: apiTokens.name, createdAt: apiTokens.createdAt, expiresAt: apiTokens.expiresAt, readOnly: apiTokens.readOnly });
  return { ...row!, token };
}

/** One's own tokens, newest first; never the secret (only its hash is stored anyway). */
export function listApiTokens({ ctx }: { ctx: ServiceContext }) {
  const user = requireUser(ctx);
  return ctx.db
    .select({ id: apiTokens.id, name: apiTokens.name, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt, expiresAt: apiTokens.expiresAt, readOnly: apiTokens.readOnly, revokedAt: apiTokens.revokedAt })
    .from(apiTokens)
    .where(eq(apiTokens.userId, user.id))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
}

export async function revokeApiToken({ ctx, input }: { ctx: ServiceContext; input: { tokenId: string } }) {
  const user = requireUser(ctx);
  const rows = await ctx.db
    .update(apiTokens)
    .set({ revokedAt: ctx.clock.now() })
    .where(and(eq(apiTokens.id, input.tokenId), eq(apiTokens.userId, user.id), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  if (rows.length === 0) throw notFound('token');
}
