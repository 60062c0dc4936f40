/**
 * Checking a service's input against its schema outside HTTP (a page's form, an uploaded sheet):
 * the same strict rules as the API's JSON bodies (services/http/strict-inputs.ts) — unknown
 * fields refused, nothing coerced — with problems described as the API describes them.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import type { TSchema } from 'typebox';
import type { FieldProblem } from './errors.ts';
import { withInputFormats } from './input-formats.ts';
import { strictSchema } from './strict-schema.ts';
import { describeAjvErrors } from './validation-messages.ts';

// strictNumbers: a typed figure too long to be a number (Infinity) is refused by the schema, not stored.
const ajv = withInputFormats(new Ajv({ allErrors: true, strict: false, strictNumbers: true, discriminator: true, coerceTypes: false }));
const compiled = new WeakMap<object, ValidateFunction>();

export function inputValidator(schema: TSchema): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(strictSchema(schema));
    compiled.set(schema, validate);
  }
  return validate;
}

/** The problems of `data` against `schema`, fields named under `root` (`body.values[0].note`); empty when it is valid. */
export function inputProblems(schema: TSchema, data: unknown, root = 'body'): FieldProblem[] {
  const validate = inputValidator(schema);
  return validate(data) ? [] : describeAjvErrors(validate.errors ?? [], root);
}
