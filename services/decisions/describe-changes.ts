/**
 * A decision's before and after in words, field by field: 「目標値: 100件（令和6年度） →
 * 120件（令和6年度）」. One reading for the decision log's page, CSV and workbook, the committee
 * packet and the decision email; no JSON, code or id reaches a person (departments and KPIs
 * named through `names`).
 */
import { formatters } from '../i18n/format.ts';
import type { Locale } from '../i18n/locale.ts';
import { lookup, translator } from '../i18n/translate.ts';

type Obj = Record<string, unknown>;
type FiscalYearValue = { fiscalYear: number; value: number };

/** One changed field: `before` null when the field is new (an addition, the document's own decisions). */
export interface Change {
  label: string;
  before: string | null;
  after: string | null;
}

/** Names for the ids and codes a decision stores (department ids, KPI codes); unknown ones are left out. */
export type NameOf = (idOrCode: string) => string | undefined;

/** Bookkeeping, never shown: the row version and the subject's code. */
const HIDDEN = new Set(['version', 'code']);

export function describeChanges(before: unknown, after: unknown, locale: Locale, nameOf: NameOf = () => undefined): Change[] {
  const b = asObject(before);
  const a = asObject(after);
  const unit = String(a?.unit ?? b?.unit ?? '');
  const say = (key: string, v: unknown) => show(key, v, unit, locale, nameOf);
  const label = (key: string) => lookup(locale, `proposals.fields.${key}`) ?? lookup('ja', `proposals.fields.${key}`) ?? key;
  const present = (o: Obj | null) => Object.entries(o ?? {}).filter(([key, v]) => v !== null && v !== undefined && !HIDDEN.has(key));
  // Only `before` (nothing came after): what there was. Otherwise each field `after` set, with what it replaced.
  if (!a) return present(b).map(([key, v]) => ({ label: label(key), before: say(key, v), after: null }));
  return Object.entries(a).flatMap(([key, v]): Change[] => {
    if (HIDDEN.has(key)) return [];
    // A field emptied (an amendment that removes a note): what it was, and nothing after.
    if (v === null || v === undefined) return b?.[key] === null || b?.[key] === undefined ? [] : [{ label: label(key), before: say(key, b[key]), after: null }];
    const was = key === 'target' && b && !('target' in b) ? targetBefore(b, v) : b?.[key];
    const afterText = say(key, v);
    const beforeText = was === null || was === undefined ? null : say(key, was);
    return beforeText === afterText ? [] : [{ label: label(key), before: beforeText, after: afterText }];
  });
}

/** 「100件 → 120件」, or just the new value when the field is new. */
export function changeText(c: Change, locale: Locale): string {
  const none = translator(locale)('decisions.none');
  return c.before === null ? (c.after ?? none) : `${c.before} → ${c.after ?? none}`;
}

/** 「目標値: 100件 → 120件」, 「名称: 新しい名称」 (a new field). */
export const changeLine = (c: Change, locale: Locale) => `${c.label}: ${changeText(c, locale)}`;

export const changeLines = (before: unknown, after: unknown, locale: Locale, nameOf?: NameOf) => describeChanges(before, after, locale, nameOf).map((c) => changeLine(c, locale));

function asObject(v: unknown): Obj | null {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : null;
}

/** A KPI snapshot keeps every target in force (`targets`); the one a change replaced is of the same year, else the last. */
function targetBefore(before: Obj, after: unknown): FiscalYearValue | undefined {
  const targets = before.targets as FiscalYearValue[] | undefined;
  const year = (after as Partial<FiscalYearValue> | null)?.fiscalYear;
  return targets?.find((x) => x.fiscalYear === year) ?? targets?.at(-1);
}

function show(key: string, v: unknown, unit: string, locale: Locale, nameOf: NameOf): string {
  const t = translator(locale);
  const f = formatters(locale);
  const word = (key: string, code: string) => lookup(locale, key) ?? code;
  if (typeof v === 'boolean') return key === 'cumulative' ? t(v ? 'proposals.form.cumulativeYes' : 'proposals.form.cumulativeNo') : t(v ? 'app.yes' : 'app.no');
  if (key === 'direction' && typeof v === 'string') return word(`directions.${v}`, v);
  if (key === 'status' && typeof v === 'string') return word(`decisions.projectStatuses.${v}`, v);
  if (key === 'publicPage' && typeof v === 'string') return word(`decisions.publicPage.${v}`, v);
  if (key === 'publishedVersion' && typeof v === 'number') return t('decisions.versionN', { n: v });
  if ((key === 'fiscalYear' || key === 'effectiveFiscalYear') && typeof v === 'number') return f.fy(v);
  if (Array.isArray(v)) return v.map((item) => show(key, item, unit, locale, nameOf)).join('、');
  if (typeof v === 'string') return nameOf(v) ?? v;
  if (v && typeof v === 'object') {
    const o = v as Obj;
    if (typeof o.value === 'number') {
      const year = typeof o.fiscalYear === 'number' ? (locale === 'ja' ? `（${f.fy(o.fiscalYear)}）` : ` (${f.fy(o.fiscalYear)})`) : '';
      return `${f.value(o.value, typeof o.unit === 'string' ? o.unit : unit)}${year}`;
    }
    // A KPI added with a new project: its name, unit and target.
    if (typeof o.name === 'string') return [o.name, o.target ? show('target', o.target, String(o.unit ?? unit), locale, nameOf) : null].filter(Boolean).join(' ');
    return Object.entries(o)
      .filter(([k, x]) => x !== null && x !== undefined && !HIDDEN.has(k))
      .map(([k, x]) => `${lookup(locale, `proposals.fields.${k}`) ?? k} ${show(k, x, unit, locale, nameOf)}`)
      .join('、');
  }
  return String(v);
}
