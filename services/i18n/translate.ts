/**
 * `t('tasks.title')` in the page's language, with `{name}` placeholders filled in. Keys are
 * checked by the type system against the Japanese messages, the source of truth.
 */
import { en } from './messages/en.ts';
import { ja, type Messages } from './messages/ja.ts';
import type { Locale } from './locale.ts';

type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

export type MessageKey = Leaves<Messages>;
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

const CATALOGS: Record<Locale, unknown> = { ja, en };

/** Looks a key up in one catalog; keys built at run time (e.g. `phases.${phase}`) may miss. */
export function lookup(locale: Locale, key: string): string | undefined {
  let node: unknown = CATALOGS[locale];
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

export function translator(locale: Locale): Translate {
  return (key, params) => fill(lookup(locale, key) ?? lookup('ja', key) ?? key, params);
}

function fill(text: string, params?: Params): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
