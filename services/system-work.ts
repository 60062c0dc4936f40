/**
 * Work only the system does (the worker's jobs, the daily run): the check every such verb starts
 * with. The actor must be the system (a person's request never reaches these verbs), and the
 * input must satisfy its schema — the job's payload schema (services/outbox/job-payloads.ts),
 * the same strict rules as every input (services/input-check.ts).
 */
import type { Static, TSchema } from 'typebox';
import type { ServiceContext } from './context.ts';
import { requireSystem } from './auth/authorize.ts';
import { badRequest } from './errors.ts';
import { inputProblems } from './input-check.ts';

export function checkSystemWork<S extends TSchema>(ctx: ServiceContext, schema: S, input: unknown, what: string): asserts input is Static<S> {
  requireSystem(ctx, `${what} is done by the system only`);
  const problems = inputProblems(schema, input, 'input');
  if (problems.length) throw badRequest(problems.map((p) => `${p.field} ${p.message}`).join('; '), problems);
}
