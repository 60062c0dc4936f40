/**
 * Turns JSON Schema (Ajv) errors into problems that name the field and say, in the catalogue's
 * words, what is wrong. Used for HTTP requests, forms and plan files; the reader's language is
 * chosen where the problem is shown.
 */
import type { ErrorObject } from 'ajv';
import { problemAt, type FieldProblem } from './errors.ts';
import type { Words } from './i18n/translate.ts';

/** `/goals/0/title` under root `$` → `$.goals[0].title`; under `body` → `body.goals[0].title`. */
export function fieldPath(root: string, pointer: string, child?: string): string {
  const parts = pointer
    .split('/')
    .slice(1)
    .map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'));
  if (child !== undefined) parts.push(child);
  return root + parts.map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`)).join('');
}

const TYPES = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);

export function describeAjvError(error: ErrorObject, root: string): FieldProblem {
  const params = error.params as Record<string, unknown>;
  const at = (words: Words, child?: string) => problemAt(fieldPath(root, error.instancePath, child), words);
  const limit = String(params.limit);
  switch (error.keyword) {
    case 'required':
      return at({ key: 'problems.missing' }, String(params.missingProperty));
    case 'additionalProperties':
      return at({ key: 'problems.unknownField' }, String(params.additionalProperty));
    case 'type': {
      const type = String(params.type);
      return at({ key: 'problems.wrongType', params: { type: TYPES.has(type) ? { key: `problems.types.${type}` as Words['key'] } : type } });
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ');
      return at({ key: error.instancePath.endsWith('/unit') ? 'problems.unknownUnit' : 'problems.oneOf', params: { allowed } });
    }
    case 'discriminator':
      // The tag (e.g. `marker`) is missing, not a text, or names no kind: say so at the tag.
      return at({ key: 'problems.unknownKind' }, String(params.tag));
    case 'const':
      return at({ key: 'problems.mustBe', params: { value: JSON.stringify(params.allowedValue) } });
    case 'minLength':
      return at(Number(params.limit) <= 1 ? { key: 'problems.empty' } : { key: 'problems.minLength', params: { limit } });
    case 'maxLength':
      return at({ key: 'problems.maxLength', params: { limit } });
    case 'minItems':
      return at(error.instancePath.endsWith('/departments') ? { key: 'problems.noDepartment' } : { key: 'problems.minItems', params: { limit } });
    case 'maxItems':
      return at({ key: 'problems.maxItems', params: { limit } });
    case 'pattern':
      return at({ key: 'problems.pattern', params: { pattern: String(params.pattern) } });
    case 'format':
      if (params.format === 'evidence-reference') return at({ key: 'problems.evidenceReference' });
      return at({ key: 'problems.format', params: { format: String(params.format) } });
    case 'minimum':
    case 'exclusiveMinimum':
      return at({ key: 'problems.minimum', params: { limit } });
    case 'maximum':
    case 'exclusiveMaximum':
      return at({ key: 'problems.maximum', params: { limit } });
    default:
      return at({ key: 'problems.invalid' });
  }
}

/** Several schema errors often describe one mistake (anyOf branches): keep one per field and message. */
export function describeAjvErrors(errors: ErrorObject[], root: string): FieldProblem[] {
  const seen = new Set<string>();
  return errors
    .map((e) => describeAjvError(e, root))
    .filter((p) => {
      const key = `${p.field}\u0000${p.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}
