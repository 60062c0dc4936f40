/**
 * A proposal as the approver reads it: one row per field it changes, with the value now and
 * the value proposed, and whether it differs — the diff the strategy office decides on.
 */
import type { Formatters } from '../../i18n/format.ts';
import type { Translate } from '../../i18n/translate.ts';
import type { RevisionMarker } from '../../plans/markers.ts';

export interface DiffRow {
  label: string;
  before: string;
  after: string;
  changed: boolean;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});

export function proposalDiff(
  proposal: { marker: RevisionMarker; before: unknown; proposed: unknown },
  t: Translate,
  f: Formatters,
  departmentNames: Map<string, string>,
): DiffRow[] {
  const before = obj(proposal.before);
  const proposed = obj(proposal.proposed);
  const unit = typeof before.unit === 'string' ? before.unit : '';
  const text = (key: string, v: unknown): string => {
    if (v === undefined || v === null || v === '') return '—';
    if (key === 'cumulative') return v ? t('proposals.form.cumulativeYes') : t('proposals.form.cumulativeNo');
    if (key === 'direction') return t(`directions.${String(v)}` as never);
    if (key === 'effectiveFiscalYear' || key === 'fiscalYear') return f.fy(Number(v));
    if (key === 'departmentIds') return (v as string[]).map((id) => departmentNames.get(id) ?? id).join('・');
    if (key === 'kpis') return (v as Obj[]).map((k) => `${String(k.name)}（${t('proposals.fields.target')} ${f.fy(Number(obj(k.target).fiscalYear))} ${f.value(Number(obj(k.target).value), String(k.unit))}）`).join('、');
    return String(v);
  };
  const target = (fy: unknown) => (before.targets as { fiscalYear: number; value: number }[] | undefined)?.find((x) => x.fiscalYear === fy);
  const row = (key: string, b: string, a: string): DiffRow => ({ label: t(`proposals.fields.${key}` as never), before: b, after: a, changed: b !== a });
  const isNew = proposal.before === null || proposal.before === undefined;

  switch (proposal.marker) {
    case 'target_changed': {
      const now = target(proposed.fiscalYear);
      return [row('target', now ? `${f.fy(now.fiscalYear)} ${f.value(now.value, unit)}` : '—', `${f.fy(Number(proposed.fiscalYear))} ${f.value(Number(proposed.value), unit)}`)];
    }
    case 'project_ended':
      return [row('status', t('proposals.unchanged'), `${t('dashboard.ended')}（${text('effectiveFiscalYear', proposed.effectiveFiscalYear)}）`)];
    default:
      return Object.entries(proposed).map(([key, value]) => {
        if (key === 'target') {
          const v = obj(value);
          const now = target(v.fiscalYear);
          return row('target', now ? `${f.fy(now.fiscalYear)} ${f.value(now.value, unit)}` : '—', `${f.fy(Number(v.fiscalYear))} ${f.value(Number(v.value), unit)}`);
        }
        return row(key, isNew ? t('proposals.newItem') : text(key, before[key]), text(key, value));
      });
  }
}

/** What a proposal is about, in a few words: the KPI's or project's name, or the new item's. */
export function proposalSubject(proposal: { before: unknown; proposed: unknown }): string {
  const before = obj(proposal.before);
  const proposed = obj(proposal.proposed);
  return String(before.name ?? proposed.name ?? proposed.title ?? '');
}
