/**
 * Ajv's coercion of query strings (strict-inputs.ts) turns the text "Infinity", "-Infinity" or
 * "1e400" into a number that passes `type: integer` and skips `minimum`/`maximum`, which only look
 * at finite numbers; a JSON literal like 1e400 parses to Infinity too. No route means an infinite number:
 * refused here, after validation, with the field named, for every route.
 */
import type { FastifyRequest } from 'fastify';
import { type FieldProblem, invalidInput, problemAt } from '../errors.ts';

export async function refuseNonFiniteNumbers(request: FastifyRequest) {
  const problems: FieldProblem[] = [];
  for (const [root, value] of [['params', request.params], ['querystring', request.query], ['body', request.body]] as const) {
    // An explicit stack: a body without a schema may be nested thousands deep.
    const stack: [string, unknown][] = [[root, value]];
    while (stack.length) {
      const [field, v] = stack.pop()!;
      if (typeof v === 'number' && !Number.isFinite(v)) problems.push(problemAt(field, { key: 'problems.finiteNumber' }));
      else if (Array.isArray(v)) v.forEach((x, i) => stack.push([`${field}[${i}]`, x]));
      else if (v && typeof v === 'object' && !Buffer.isBuffer(v)) for (const [k, x] of Object.entries(v)) stack.push([`${field}.${k}`, x]);
    }
  }
  if (problems.length) throw invalidInput(problems);
}
