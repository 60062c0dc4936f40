/**
 * A decision's before and after as lines a person reads ("名称: 市内企業への内定者数"), for the
 * decision log page and its CSV (written by services/reports/csv.ts).
 */
import type { Formatters } from '../../i18n/format.ts';
import { lookup, type Translate } from '../../i18n/translate.ts';
import type { Locale } from '../../i18n/locale.ts';

type Obj = Record<string, unknown>;

export function describeValues(value: unknown, lang: Locale, t: Translate, f: Formatters): string[] {
  if (value === null || value === undefined) return [];
  if (typeof value !== 'object' || Array.isArray(value)) return [String(value)];
  const label = (key: string) => lookup(lang, `proposals.fields.${key}`) ?? key;
  return Object.entries(value as Obj)
    .filter(([key, v]) => v !== null && v !== undefined && key !== 'version')
    .map(([key, v]) => `${label(key)}: ${show(key, v, t, f)}`);
}

function show(key: string, v: unknown, t: Translate, f: Formatters): string {
  if (key === 'cumulative' && typeof v === 'boolean') return v ? t('proposals.form.cumulativeYes') : t('proposals.form.cumulativeNo');
  if (key === 'direction' && typeof v === 'string') return t(`directions.${v}` as never);
  if ((key === 'fiscalYear' || key === 'effectiveFiscalYear') && typeof v === 'number') return f.fy(v);
  if (Array.isArray(v)) return v.map((item) => show(key, item, t, f)).join('、');
  if (v && typeof v === 'object') {
    const o = v as Obj;
    if (typeof o.fiscalYear === 'number' && 'value' in o) return `${f.fy(o.fiscalYear)} ${String(o.value)}`;
    return JSON.stringify(v);
  }
  return String(v);
}
