/** The plan workbook's own problems, in the catalogue's words (the plan file's come worded by its validator). */
import type { MessageKey, Words } from '../../i18n/translate.ts';
import { XLSX_TYPE } from '../../reports/export-excel.ts';
import { MAX_WORKBOOK_BYTES } from './limits.ts';

const cell = (key: string, params?: Words['params']): Words => ({ key: `planWorkbook.cell.${key}` as MessageKey, params });
/** What a cell holds when it holds an error (#DIV/0!) rather than a value. */
const shown = (v: string | Words) => ({ shown: v });

export const WORKBOOK_WORDS = {
  noFile: cell('noFile', { type: XLSX_TYPE }),
  tooLarge: cell('tooLarge', { mb: MAX_WORKBOOK_BYTES / 1024 / 1024 }),
  notExcel: cell('notExcel'),
  noSheet: (name: string) => cell('noSheet', { name }),
  notNumber: (v: string | Words) => cell('notNumber', shown(v)),
  notYear: (v: string | Words) => cell('notYear', shown(v)),
  noYear: cell('noYear'),
  noValue: cell('noValue'),
  notWhole: cell('notWhole'),
  noUnit: cell('noUnit'),
  needsGoal: cell('needsGoal'),
  needsProject: cell('needsProject'),
  /** 「累計」「空欄」のいずれか: each choice quoted, the list joined with nothing between. */
  oneOf: (choices: (string | Words)[]) => cell('oneOf', { choices: { list: choices.map((text) => cell('choice', { text })), separator: 'planWorkbook.cell.joined' } }),
  blank: cell('blank'),
  error: cell('error'),
  unknown: (thing: Words, value: string, sheet: string) => cell('unknown', { thing, value, sheet }),
  things: { goal: cell('things.goal'), direction: cell('things.direction'), measure: cell('things.measure'), project: cell('things.project'), kpi: cell('things.kpi') },
  otherOrganization: (name: string) => cell('otherOrganization', { name }),
  planCodeTaken: cell('planCodeTaken'),
  notFromDraft: cell('notFromDraft'),
  otherPlan: (code: string) => cell('otherPlan', { code }),
};
export type WorkbookWords = typeof WORKBOOK_WORDS;
