/**
 * The string formats every input check knows: ajv-formats' (uuid, date, email …) and ours
 * (`evidence-reference`). One function, so HTTP bodies, forms and uploaded sheets agree.
 */
import type { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { addEvidenceFormat } from './reviews/evidence-reference.ts';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

export const withInputFormats = (ajv: Ajv): Ajv => addEvidenceFormat(addFormats(ajv));
