/**
 * The string formats every input check knows: ajv-formats' (uuid, date, email …) and ours
 * (`evidence-reference`). One function, so HTTP bodies, forms and uploaded sheets agree.
 */
import type { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { addEvidenceFormat } from './reviews/evidence-reference.ts';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

export const withInputFormats = (ajv: Ajv): Ajv => addEvidenceFormat(addFormats(ajv));

/** A real day of the calendar, YYYY-MM-DD (the pattern alone lets 2025-02-30 through). */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}
