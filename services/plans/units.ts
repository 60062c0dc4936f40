/**
 * The units a KPI may be measured in, keyed by the symbol as the city prints it.
 * The kind decides how a submitted value is validated and how a status is computed.
 */
import type { Words } from '../i18n/translate.ts';

export const UNIT_KINDS = ['count', 'amount', 'percent', 'score5', 'ratio'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export interface UnitDefinition {
  kind: UnitKind;
  /** English label for the UI's second language. */
  en: string;
}

export const UNITS = {
  人: { kind: 'count', en: 'persons' },
  件: { kind: 'count', en: 'cases' },
  社: { kind: 'count', en: 'companies' },
  組: { kind: 'count', en: 'groups' },
  本: { kind: 'count', en: 'bottles' },
  式: { kind: 'count', en: 'sets' },
  回: { kind: 'count', en: 'times' },
  団体: { kind: 'count', en: 'organizations' },
  施設: { kind: 'count', en: 'facilities' },
  事業: { kind: 'count', en: 'programs' },
  時間: { kind: 'amount', en: 'hours' },
  か所: { kind: 'count', en: 'sites' },
  基: { kind: 'count', en: 'units' },
  路線: { kind: 'count', en: 'routes' },
  泊: { kind: 'count', en: 'nights' },
  人泊: { kind: 'count', en: 'guest nights' },
  '%': { kind: 'percent', en: '%' },
  千円: { kind: 'amount', en: 'thousand yen' },
  千ｔ: { kind: 'amount', en: 'thousand tonnes' },
  千人: { kind: 'amount', en: 'thousand persons' },
  万人: { kind: 'amount', en: 'ten thousand persons' },
  点: { kind: 'score5', en: 'points (1–5 scale)' },
  // Dimensionless figures such as the total fertility rate are printed without a unit.
  '': { kind: 'ratio', en: '' },
} as const satisfies Record<string, UnitDefinition>;

export type UnitSymbol = keyof typeof UNITS;
export const UNIT_SYMBOLS = Object.keys(UNITS) as UnitSymbol[];

export function unitOf(symbol: string): UnitDefinition | undefined {
  return (UNITS as Record<string, UnitDefinition>)[symbol];
}

export type RangeProblem = 'not_finite' | 'percent_range' | 'score_range' | 'count_negative' | 'count_whole' | 'negative';

/** What is wrong with such a value, in the catalogue's words. */
export const rangeWords = (problem: RangeProblem): Words => ({ key: `problems.range.${problem}` });

/** Why a value cannot be right for a unit of this kind, or undefined when it can. */
export function rangeProblem(kind: UnitKind, value: number): RangeProblem | undefined {
  if (!Number.isFinite(value)) return 'not_finite';
  switch (kind) {
    case 'percent':
      return value < 0 || value > 100 ? 'percent_range' : undefined;
    case 'score5':
      return value < 1 || value > 5 ? 'score_range' : undefined;
    case 'count':
      if (value < 0) return 'count_negative';
      return Number.isInteger(value) ? undefined : 'count_whole';
    default:
      return value < 0 ? 'negative' : undefined;
  }
}
