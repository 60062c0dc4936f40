import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';
import type { Words } from '../i18n/translate.ts';

/** argon2id with the library's defaults (19 MiB, 2 passes): memory-hard, as OWASP recommends. */
export const hashPassword = (password: string) => hash(password);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/**
 * The common passwords no one may choose (ASVS 6.2.4): the ~50,000 most common from
 * @zxcvbn-ts/language-common (maintained, MIT, bundled: no network at run time). Only those at
 * least as long as our minimum can ever match, so only those are kept (a few hundred).
 */
const MIN_LENGTH = 12;
const MAX_LENGTH = 200;
const COMMON = new Set(dictionary['passwords-common'].filter((p) => p.length >= MIN_LENGTH).map((p) => p.toLowerCase()));

/**
 * The one password rule, for every place a password is set (own change, reset link, an
 * administrator's reset, a new user, admin:create): ASVS 5.0 6.2 — at least 12 characters, long
 * passphrases allowed (200 ≥ the 64 ASVS asks for; the column is argon2's hash, not the text),
 * no composition rules, not a common password. Said in the catalogue's words.
 */
export function passwordProblem(password: string): Words | undefined {
  if (password.length < MIN_LENGTH) return { key: 'problems.minLength', params: { limit: MIN_LENGTH } };
  if (password.length > MAX_LENGTH) return { key: 'problems.maxLength', params: { limit: MAX_LENGTH } };
  if (COMMON.has(password.toLowerCase())) return { key: 'problems.commonPassword' };
  return undefined;
}
