/**
 * Sends a body serialized ahead of time: 304 when the client holds it already (ETag), brotli
 * or gzip when the client takes it, the JSON text otherwise. Clients revalidate each time, since the
 * same URL changes when the plan does.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Prepared } from '../orient/dashboard-cache.ts';

export function sendPrepared(request: FastifyRequest, reply: FastifyReply, prepared: Prepared) {
  reply.header('etag', prepared.etag).header('cache-control', 'private, no-cache').header('vary', 'accept-encoding, cookie, authorization');
  if (request.headers['if-none-match'] === prepared.etag) return reply.code(304).send();
  reply.type('application/json; charset=utf-8');
  const accepted = request.headers['accept-encoding'] ?? '';
  if (/\bbr\b/.test(accepted)) return reply.header('content-encoding', 'br').send(prepared.brotli);
  if (/\bgzip\b/.test(accepted)) return reply.header('content-encoding', 'gzip').send(prepared.gzip);
  return reply.send(prepared.json);
}
