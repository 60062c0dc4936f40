/**
 * The typed errors services throw. Each maps to one HTTP status in one place
 * (services/http/error-handler.ts); anything else is a 500 with a generic message.
 */
import { say, type Words } from './i18n/translate.ts';

export type ServiceErrorCode = 'BAD_REQUEST' | 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'PRECONDITION_FAILED' | 'TOO_MANY_REQUESTS';

export interface FieldProblem {
  /** Where the problem is, e.g. `body.values[0].value` or `$.goals[0].title`. */
  field: string;
  /** What is wrong, from the catalogue: a page says it in the reader's language. */
  words: Words;
  /** The words in English, for the API, logs and the command line. */
  message: string;
}

/** A field's problem in the catalogue's words. */
export const problemAt = (field: string, words: Words): FieldProblem => ({ field, words, message: say(words, 'en') });

export class ServiceError extends Error {
  readonly code: ServiceErrorCode;
  readonly details?: { problems?: FieldProblem[]; [key: string]: unknown };
  /** What to tell a person, from the catalogue (a page says it in the reader's language); the message is its English. */
  readonly words?: Words;

  constructor(code: ServiceErrorCode, message: string | Words, details?: { problems?: FieldProblem[]; [key: string]: unknown }) {
    super(typeof message === 'string' ? message : say(message, 'en'));
    this.code = code;
    this.details = details;
    if (typeof message !== 'string') this.words = message;
    this.name = 'ServiceError';
  }
}

/** Input is wrong; `problems` name each field. */
export const badRequest = (message: string | Words, problems?: FieldProblem[]) => new ServiceError('BAD_REQUEST', message, problems ? { problems } : undefined);
/** Input is wrong in these fields; nothing was written. */
export const invalidInput = (problems: FieldProblem[]) => badRequest(problems.map((p) => `${p.field} ${p.message}`).join('; '), problems);
export const notFound = (what: string) => new ServiceError('NOT_FOUND', `${what} not found`);
export const forbidden = (message: string | Words, details?: Record<string, unknown>) => new ServiceError('FORBIDDEN', message, details);
/** The state changed under us (lost race, version mismatch) or the thing already exists. */
export const conflict = (message: string | Words, details?: Record<string, unknown>) => new ServiceError('CONFLICT', message, details);

/**
 * A value the database itself refused (SQLSTATE class 22, "data exception": a NUL character in
 * text, a number out of range for its column, malformed syntax) as the 400 it is: the input was
 * wrong, the server was not. Undefined for any other error.
 */
export function refusedByDatabase(error: unknown): ServiceError | undefined {
  const pg = (error as { cause?: unknown } | null)?.cause ?? error;
  const { name, code, message } = (pg ?? {}) as { name?: unknown; code?: unknown; message?: unknown };
  if (name !== 'PostgresError' || typeof code !== 'string' || !code.startsWith('22')) return undefined;
  return badRequest(`the database cannot store a value of this request: ${String(message)}`);
}
