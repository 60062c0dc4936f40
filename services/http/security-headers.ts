/**
 * Headers every response carries unless its own scope set them (the pages' helmet, the API docs'
 * CSP): no MIME sniffing, no framing, API answers never stored by a cache unless the route chose
 * (the dashboard's ETag), and for HTML outside the pages' scope — print reports, the citizens'
 * page, the queue view, error pages — a policy under which no inline or foreign script runs.
 * Those documents keep inline styles (their print CSS, the queue view's markup), so style-src
 * allows them there and only there.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';

export const DOCUMENT_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "script-src-attr 'none'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export async function securityHeaders(request: FastifyRequest, reply: FastifyReply, payload: unknown) {
  const keep = (name: string, value: string) => reply.hasHeader(name) || reply.header(name, value);
  keep('x-content-type-options', 'nosniff');
  keep('x-frame-options', 'DENY');
  if (request.url.startsWith('/api/')) keep('cache-control', 'no-store');
  if (String(reply.getHeader('content-type') ?? '').startsWith('text/html')) keep('content-security-policy', DOCUMENT_CSP);
  return payload;
}
