/**
 * The one home for counting failed password checks (ASVS 6.3.x / 2.2.1): the sign-in form and
 * the API's login share these counters, as do the account page and the API's password change.
 * Counters live in Redis under the install's queue prefix and expire with their window.
 *
 * - `account`: failed sign-ins for one address and account, 10 a minute (as before, but now one
 *   counter for form and API). Keyed by address too, so nobody can lock a colleague out from elsewhere.
 * - `address`: failed sign-ins from one address across all accounts, 50 in 15 minutes: stops
 *   trying one common password against many accounts. High enough for an office behind one NAT.
 * - `currentPassword`: wrong current passwords when a signed-in user changes theirs, 5 in 15
 *   minutes: a stolen session must not become a password oracle.
 */
import type { Redis } from 'ioredis';
import type { Clock } from '../context.ts';
import { ServiceError } from '../errors.ts';

export const SIGNIN_RULES = {
  account: { max: 10, windowSeconds: 60 },
  address: { max: 50, windowSeconds: 15 * 60 },
  currentPassword: { max: 5, windowSeconds: 15 * 60 },
} as const;

export type AttemptKind = keyof typeof SIGNIN_RULES;

export interface SigninLimits {
  /** Throws a `TOO_MANY_REQUESTS` ServiceError when any of the counters is full. */
  check(counters: Partial<Record<AttemptKind, string>>): Promise<void>;
  /** One more failure on each counter. */
  fail(counters: Partial<Record<AttemptKind, string>>): Promise<void>;
  /** A success forgets that counter (only the one naming the user, never the address's). */
  clear(kind: AttemptKind, id: string): Promise<void>;
}

export function signinLimits(redis: Redis, queuePrefix: string, clock: Clock): SigninLimits {
  const key = (kind: AttemptKind, id: string) => `${queuePrefix}:signin-failures:${kind}:${id}`;
  const entries = (counters: Partial<Record<AttemptKind, string>>) => Object.entries(counters) as [AttemptKind, string][];
  return {
    async check(counters) {
      let waitSeconds = 0;
      for (const [kind, id] of entries(counters)) {
        const k = key(kind, id);
        const count = Number((await redis.get(k)) ?? 0);
        if (count >= SIGNIN_RULES[kind].max) waitSeconds = Math.max(waitSeconds, await redis.ttl(k), 1);
      }
      if (waitSeconds > 0) {
        const retryAt = new Date(clock.now().getTime() + waitSeconds * 1000);
        throw new ServiceError('TOO_MANY_REQUESTS', `too many failed attempts; try again after ${retryAt.toISOString()}`, { retryAfterSeconds: waitSeconds, retryAt: retryAt.toISOString() });
      }
    },
    async fail(counters) {
      for (const [kind, id] of entries(counters)) {
        const k = key(kind, id);
        // The window starts at the first failure (NX: later failures do not extend it).
        await redis.multi().incr(k).expire(k, SIGNIN_RULES[kind].windowSeconds, 'NX').exec();
      }
    },
    async clear(kind, id) {
      await redis.del(key(kind, id));
    },
  };
}

/** The time to show a locked-out person, in Japan's time zone (the product's cities are all there). */
export function retryTime(error: ServiceError, locale: 'ja' | 'en'): string {
  const at = new Date(String(error.details?.retryAt ?? ''));
  return at.toLocaleTimeString(locale === 'ja' ? 'ja-JP' : 'en-GB', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit' });
}
