/**
 * Inputs are strict: an object schema that does not say otherwise refuses properties it does
 * not declare, so a misspelt field (`evidenceURL`, `expected_phase`) is a 400 naming it instead
 * of being dropped. Applied in one place to every route's body, querystring and params
 * (services/http/strict-inputs.ts) and to every page form (pages/forms.ts), so a new route or
 * form cannot forget it. A schema that means to be open says `additionalProperties: true`.
 */

type Node = Record<string, unknown>;

const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);

// Keywords whose value is a schema, a list of schemas or a map of name → schema.
const ONE = ['items', 'not', 'if', 'then', 'else', 'contains', 'additionalItems', 'propertyNames', 'unevaluatedItems'];
const MANY = ['anyOf', 'oneOf', 'prefixItems'];
const MAP = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'];

/** A copy of the schema with `additionalProperties: false` on every object schema that declares its properties and says nothing. */
export function strictSchema<T>(schema: T): T {
  return strictNode(schema) as T;
}

function strictNode(schema: unknown, close = true): unknown {
  if (!isNode(schema)) return schema;
  const out: Node = { ...schema };
  for (const key of ONE) if (isNode(out[key])) out[key] = strictNode(out[key]);
  for (const key of MANY) if (Array.isArray(out[key])) out[key] = (out[key] as unknown[]).map((branch) => strictNode(branch));
  // The branches of an intersection stay open (each would refuse the others' properties); what they nest is closed.
  if (Array.isArray(out.allOf)) out.allOf = (out.allOf as unknown[]).map((branch) => strictNode(branch, false));
  for (const key of MAP) {
    if (isNode(out[key])) out[key] = Object.fromEntries(Object.entries(out[key]).map(([k, v]) => [k, strictNode(v)]));
  }
  if (isNode(out.additionalProperties)) out.additionalProperties = strictNode(out.additionalProperties);
  // Only where the properties are listed: a union's wrapper (oneOf with a discriminator) or a map (patternProperties) is left as it is.
  if (close && isNode(out.properties) && out.additionalProperties === undefined && out.patternProperties === undefined && out.unevaluatedProperties === undefined) {
    out.additionalProperties = false;
  }
  return out;
}
