/**
 * One-time messages after a redirect ("実績値を提出しました。"). The cookie carries only the
 * message's key, checked against the catalog, so nothing a user sends is ever shown as text.
 */
import type { FastifyReply } from 'fastify';
import { ja } from '../../i18n/messages/ja.ts';

export const FLASH_COOKIE = 'cityplan_flash';
export type FlashKey = keyof typeof ja.flash;

export const flashKey = (raw: string): FlashKey | null => (Object.hasOwn(ja.flash, raw) ? (raw as FlashKey) : null);

/** Post/redirect/get: 303 to the page to show next, with a message for it. */
export function seeOther(reply: FastifyReply, url: string, flash?: FlashKey) {
  if (flash) reply.setCookie(FLASH_COOKIE, flash, { path: '/', httpOnly: true, sameSite: 'lax', maxAge: 60 });
  return reply.redirect(url, 303);
}
