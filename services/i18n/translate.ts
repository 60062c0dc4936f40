/**
 * `t('tasks.title')` in the page's language, with `{name}` placeholders filled in. Keys and
 * their parameters are checked by the type system against the Japanese messages, the source of
 * truth: `t('app.total', { n: 3 })` compiles, `t('app.total')` does not. Templates (Eta) are
 * not compiled; `npm run lint:messages` checks the keys they name.
 */
import { en } from './messages/en.ts';
import { ja, type Messages } from './messages/ja.ts';
import type { Locale } from './locale.ts';

type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

export type MessageKey = Leaves<Messages>;
export type Params = Record<string, string | number>;

/** The text at a key: `At<Messages, 'app.total'>` is '全 {n} 件'. */
type At<T, K extends string> = K extends `${infer Head}.${infer Rest}` ? (Head extends keyof T ? At<T[Head], Rest> : never) : K extends keyof T ? T[K] : never;
/** The `{names}` in a text. */
type Placeholders<S> = S extends `${string}{${infer Name}}${infer Rest}` ? Name | Placeholders<Rest> : never;
/** A key known only at run time (the whole union) takes any parameters; a literal key exactly its own. */
export type ParamsOf<K extends MessageKey> = MessageKey extends K
  ? [params?: Params]
  : [Placeholders<At<Messages, K>>] extends [never]
    ? []
    : [params: Record<Placeholders<At<Messages, K>>, string | number>];

export type Translate = <K extends MessageKey>(key: K, ...params: ParamsOf<K>) => string;

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

/**
 * Words from the catalogue, not yet in a language: a key and its parameters, where a parameter
 * may be words itself (said in the same language). What an error or a refusal carries, so the
 * reader's language is chosen where it is shown (a page, an email, the API's English).
 */
export interface Words {
  key: MessageKey;
  params?: Record<string, string | number | Words | WordList>;
}
/** Several words said as one list, joined by the catalogue's separator (「、」 / ", "). */
export interface WordList {
  list: Words[];
  separator: MessageKey;
}

/** The same words with every text parameter passed through `change` (e.g. a JSON path named as a cell). */
export function mapTexts(words: Words, change: (text: string) => string): Words {
  const mapped = (value: string | number | Words | WordList): string | number | Words | WordList =>
    typeof value === 'string' ? change(value) : typeof value === 'number' ? value : 'list' in value ? { ...value, list: value.list.map((w) => mapTexts(w, change)) } : mapTexts(value, change);
  return words.params ? { ...words, params: Object.fromEntries(Object.entries(words.params).map(([name, value]) => [name, mapped(value)])) } : words;
}

export function say(words: Words, locale: Locale): string {
  const t = translator(locale) as (key: string, params?: Params) => string;
  const said = (value: string | number | Words | WordList): string | number =>
    typeof value !== 'object' ? value : 'list' in value ? value.list.map((w) => say(w, locale)).join(t(value.separator)) : say(value, locale);
  return t(words.key, Object.fromEntries(Object.entries(words.params ?? {}).map(([name, value]) => [name, said(value)])));
}

export function translator(locale: Locale): Translate {
  return ((key: string, params?: Params) => fill(lookup(locale, key) ?? lookup('ja', key) ?? key, params)) as Translate;
}

function fill(text: string, params?: Params): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
