/**
 * Which language a page is shown in: an explicit `?lang=` switch, then the `lang` cookie it
 * leaves behind, then the signed-in user's own setting, then Japanese.
 */
import { LOCALES, type Locale } from '../../db/schema/access/constants.ts';

export { LOCALES, type Locale };

export const LANG_COOKIE = 'lang';

export const isLocale = (value: unknown): value is Locale => typeof value === 'string' && (LOCALES as readonly string[]).includes(value);

export function pickLocale(sources: { query?: unknown; cookie?: unknown; user?: Locale | null }): Locale {
  if (isLocale(sources.query)) return sources.query;
  if (isLocale(sources.cookie)) return sources.cookie;
  return sources.user ?? 'ja';
}
