/**
 * How every route's input is checked:
 * - strict: every object in a body, querystring or params schema refuses unknown properties
 *   (services/strict-schema.ts), changed on the route itself so the OpenAPI document says so;
 * - a JSON body is taken as sent: `true` is not the number 1 and "5" is not 5. Only the query
 *   string and the path, which are text by nature, are parsed into numbers and lists (Ajv's
 *   `coerceTypes: 'array'`). Forms are parsed from text by the pages themselves (pages/forms.ts);
 * - an API route that declares no query parameters takes none, and an API write route that
 *   declares no body takes none: a JSON object sent to it is refused
 *   field by field rather than ignored.
 */
import { Ajv, type Options, type ValidateFunction } from 'ajv';
import type { FastifyRequest, RouteOptions } from 'fastify';
import { invalidInput, problemAt } from '../errors.ts';
import { withInputFormats } from '../input-formats.ts';
import { strictSchema } from '../strict-schema.ts';

// Fastify's own defaults (useDefaults), and: every error, not only the first; a discriminator
// names the errors of the matching branch; "Infinity" typed in a query is not a number.
const common: Options = { allErrors: true, discriminator: true, removeAdditional: false, strictNumbers: true, useDefaults: true, strict: false };
const bodyAjv = withInputFormats(new Ajv({ ...common, coerceTypes: false }));
const textAjv = withInputFormats(new Ajv({ ...common, coerceTypes: 'array' }));

export function validatorCompiler({ schema, httpPart }: { schema: object; httpPart?: string }): ValidateFunction {
  return (httpPart === 'body' ? bodyAjv : textAjv).compile(schema);
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const INPUT_PARTS = ['body', 'querystring', 'params'] as const;

/** onRoute hook: closes the route's input schemas; a write route without a body schema refuses a body. */
export function strictInputs(route: RouteOptions) {
  // An API route that declares no query parameters takes none: `?fiscalYear=` on a route without one is a 400, not ignored.
  if (route.url.startsWith('/api/') && !route.schema?.querystring) route.schema = { ...route.schema, querystring: { type: 'object', properties: {} } };
  const schema = route.schema as Record<string, unknown> | undefined;
  if (schema) for (const part of INPUT_PARTS) if (schema[part]) schema[part] = strictSchema(schema[part]);
  const methods = [route.method].flat();
  // Pages take forms, parsed and checked field by field by the page itself.
  if (route.url.startsWith('/api/') && !schema?.body && methods.some((m) => WRITES.has(m))) {
    // A file upload (rawBody) is left to its service, which settles who may upload before it looks at the body.
    if (!route.config?.rawBody) route.preValidation = [refuseBody, ...[route.preValidation ?? []].flat()];
  }
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The body is a file (e.g. an uploaded workbook): no schema; the service refuses anything else (after authorization). */
    rawBody?: boolean;
  }
}

async function refuseBody(request: FastifyRequest) {
  const body = request.body;
  if (body === undefined || body === null || Buffer.isBuffer(body) || typeof body === 'string') return;
  const fields = typeof body === 'object' && !Array.isArray(body) ? Object.keys(body) : [''];
  if (!fields.length) return;
  throw invalidInput(fields.map((f) => (f ? problemAt(`body.${f}`, { key: 'problems.unknownField' }) : problemAt('body', { key: 'problems.noBody' }))));
}
