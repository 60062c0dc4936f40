/**
 * CSRF tokens for forms. Signed in: an HMAC of the session's own secret, so a token is good
 * for that session only and dies with it. Before sign-in (the login form): an HMAC, under the
 * server's secret, of a random cookie the login page sets (double submit). Compared in
 * constant time.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

export const CSRF_FIELD = '_csrf';
export const PRE_SESSION_COOKIE = 'cityplan_csrf';

const hmac = (key: string, message: string) => createHmac('sha256', key).update(message).digest('base64url');

/** The token a form of this request must carry; null when there is nothing to derive it from. */
export function expectedCsrfToken(request: FastifyRequest, serverSecret: string): string | null {
  if (request.session) return hmac(request.session.csrfSecret, 'cityplan:form');
  const preSession = request.cookies[PRE_SESSION_COOKIE];
  return preSession ? hmac(serverSecret, `cityplan:login:${preSession}`) : null;
}

export function csrfTokenOk(request: FastifyRequest, serverSecret: string): boolean {
  const expected = expectedCsrfToken(request, serverSecret);
  const given = formText((request.body as Record<string, unknown> | undefined)?.[CSRF_FIELD]);
  if (!expected || typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * A form field's text: as it is in an urlencoded form, or the value of a multipart form's text
 * field (@fastify/multipart attaches `{ type: 'field', value }`). A file, a list or anything
 * else is not text.
 */
export function formText(field: unknown): string | undefined {
  if (typeof field === 'string') return field;
  if (field && typeof field === 'object' && (field as { type?: unknown }).type === 'field') {
    const value = (field as { value?: unknown }).value;
    return typeof value === 'string' ? value : undefined;
  }
  return undefined;
}

/** The token for a form on this page; sets the pre-session cookie first when there is no session. */
export function csrfTokenFor(request: FastifyRequest, reply: FastifyReply, serverSecret: string, secure: boolean): string {
  if (!request.session && !request.cookies[PRE_SESSION_COOKIE]) {
    const value = randomBytes(24).toString('base64url');
    reply.setCookie(PRE_SESSION_COOKIE, value, { path: '/', httpOnly: true, sameSite: 'lax', secure });
    request.cookies[PRE_SESSION_COOKIE] = value;
  }
  return expectedCsrfToken(request, serverSecret)!;
}
