import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql } from 'drizzle-orm';
import Type from 'typebox';
import type { AppDeps } from '../../deps.ts';

const Status = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]),
  checks: Type.Optional(Type.Object({ postgres: Type.String(), redis: Type.String() })),
});

export const healthRoutes =
  (deps: AppDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get('/health/live', { schema: { tags: ['health'], response: { 200: Status } } }, async () => ({ status: 'ok' as const }));

    app.get('/health/ready', { schema: { tags: ['health'], response: { 200: Status, 503: Status } } }, async (_request, reply) => {
      const [postgres, redis] = await Promise.all([
        probe(() => deps.db.execute(sql`select 1`)),
        probe(() => deps.redis.ping()),
      ]);
      const ready = postgres === 'ok' && redis === 'ok';
      return reply.status(ready ? 200 : 503).send({ status: ready ? 'ok' : 'unavailable', checks: { postgres, redis } });
    });
  };

async function probe(check: () => Promise<unknown>): Promise<string> {
  try {
    await withTimeout(check(), 2000);
    return 'ok';
  } catch (error) {
    return (error as Error).message || 'unreachable';
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
