import { and, eq, isNull } from 'drizzle-orm';
import Type, { type Static } from 'typebox';
import { apiTokens } from '../../db/schema/index.ts';
import type { ServiceContext } from '../context.ts';
import { notFound } from '../errors.ts';
import { Text } from '../input-schemas.ts';
import { requireUser } from './authorize.ts';
import { newToken, tokenHash } from './tokens.ts';

/** A bearer token for an integration, acting as the signed-in user. The token is shown once. */
export const NewApiTokenBody = Type.Object({ name: Text(100) });

export async function createApiToken({ ctx, input }: { ctx: ServiceContext; input: Static<typeof NewApiTokenBody> }) {
  const user = requireUser(ctx);
  const token = newToken();
  const [row] = await ctx.db
    .insert(apiTokens)
    .values({ userId: user.id, name: input.name, tokenHash: tokenHash(token), createdAt: ctx.clock.now() })
    .returning({ id: apiTokens.id, name: apiTokens.name, createdAt: apiTokens.createdAt });
  return { ...row!, token };
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
